"""Read PTV open API v11 JSON into the neutral records of `records.py`.

The JSON shapes are modelled in `v11_models.py` (only the fields the importer uses).
What one input file may hold:

- one service (an object with `serviceNames`) or one service channel (`serviceChannelType`),
- a list of them, services and channels mixed,
- a page as the list endpoints return it: `{pageNumber, pageSize, pageCount, itemList}`,
- an object `{"services": ..., "channels": ...}` (or `serviceChannels`) holding any of these.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from neuvobot.catalogue.hours import HELSINKI
from neuvobot.catalogue.ptv.records import (
    Area,
    ChannelType,
    Connection,
    HoursKind,
    HoursSet,
    Opening,
    Phone,
    PtvBundle,
    PtvChannel,
    PtvService,
    StreetAddress,
    Term,
    Texts,
    WebLink,
)
from neuvobot.catalogue.ptv.v11_models import (
    Finto,
    LanguageItem,
    ServiceChannelLink,
    ServiceHour,
    V11Address,
    V11Channel,
    V11Phone,
    V11Service,
    V11WebPage,
)

MAX_INPUT_BYTES = 200_000_000


class InputError(Exception):
    """Input the importer cannot read; the message is one sentence naming file and place."""


CHANNEL_TYPES: dict[str, ChannelType] = {
    "EChannel": "e_service",
    "WebPage": "web",
    "Phone": "phone",
    "ServiceLocation": "location",
    "PrintableForm": "form",
}
HOUR_TYPES: dict[str, HoursKind] = {
    "DaysOfTheWeek": "weekly",
    "Standard": "weekly",  # the older name of DaysOfTheWeek
    "Exceptional": "exceptional",
    "OverMidnight": "over_midnight",
    "Special": "over_midnight",  # the older name of OverMidnight
}
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


# ---------------------------------------------------------------------- API pages
def page_count(data: Any) -> int | None:
    """How many pages a list endpoint has, from one of its pages; None if it is no page."""
    if not isinstance(data, dict) or not isinstance(data.get("itemList", []), list):
        return None
    count = data.get("pageCount")
    return count if isinstance(count, int) and 0 < count <= 10_000 else 1


def linked_channel_ids(service_pages: Iterable[Path]) -> list[str]:
    """The ids of the channels the services on these saved pages link to, first seen first."""
    ids: dict[str, None] = {}
    for path in service_pages:
        data = json.loads(path.read_text(encoding="utf-8"))
        for service in data.get("itemList") or []:
            for link in (service or {}).get("serviceChannels") or []:
                channel = (link or {}).get("serviceChannel") or {}
                if isinstance(channel.get("id"), str):
                    ids.setdefault(channel["id"], None)
    return list(ids)


# ---------------------------------------------------------------------- reading files
def read_files(paths: list[Path], repeats: bool = False) -> tuple[PtvBundle, list[str]]:
    """All services and channels in the files, and notes about what was skipped.
    `repeats`: a service may come more than once (the API lists a county's service on every
    municipality's pages), so the repeats are no news."""
    bundle = PtvBundle()
    notes: list[str] = []
    for path in paths:
        data = _load_json(path)
        try:
            _collect(data, str(path), "", bundle, notes)
        except RecursionError as exc:
            raise InputError(f"{path}: the JSON is nested too deeply to be PTV data.") from exc
    if repeats:
        notes = [n for n in notes if not n.endswith(_TWICE)]
    return bundle, notes


def _load_json(path: Path) -> Any:
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(
                f"{path}: the file is {size // 1_000_000} MB, more than the 200 MB limit."
            )
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file.") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a directory, not a JSON file.") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text, so not PTV JSON.") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}).") from exc
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise InputError(f"{path}: the JSON is nested too deeply to be PTV data.") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}).") from exc


_JSON_TYPES = {str: "a string", int: "a number", float: "a number", bool: "true/false"}
_JSON_TYPES[type(None)] = "null"


def _join(where: str, part: str | int) -> str:
    if isinstance(part, int):
        return f"{where}[{part}]"
    return f"{where}.{part}" if where else part


def _collect(data: Any, file: str, where: str, bundle: PtvBundle, notes: list[str]) -> None:
    here = where or "the top level"
    if isinstance(data, list):
        for index, item in enumerate(data):
            _collect(item, file, _join(where, index), bundle, notes)
        return
    if not isinstance(data, dict):
        raise InputError(
            f"{file}: {here}: expected a PTV service, service channel or page object, "
            f"found {_JSON_TYPES.get(type(data), 'a value')} {json.dumps(data)[:40]}."
        )
    if "serviceChannelType" in data:
        channel = _parse(V11Channel, data, file, where)
        _add_channel(channel, file, where, bundle, notes)
    elif "serviceNames" in data:
        service = _parse(V11Service, data, file, where)
        if service.id in bundle.service_ids:
            notes.append(f"{file}: {here}: service {service.id} {_TWICE}")
            return
        bundle.services.append(_service(service, f"{file}: {here}"))
        bundle.service_ids.add(service.id)
    elif "itemList" in data:
        _collect(data["itemList"] or [], file, _join(where, "itemList"), bundle, notes)
    elif any(k in data for k in ("services", "channels", "serviceChannels")) and "id" not in data:
        for key in ("services", "channels", "serviceChannels"):
            if data.get(key) is not None:
                _collect(data[key], file, _join(where, key), bundle, notes)
    else:
        raise InputError(
            f"{file}: {here}: not a PTV v11 service (no `serviceNames`), service channel "
            "(no `serviceChannelType`) or page (no `itemList`)."
        )


_TWICE = "appears twice; kept the first"


def _parse(model: type[BaseModel], data: dict, file: str, where: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = where
        for part in err["loc"]:
            loc = _join(loc, part if isinstance(part, int) else str(part))
        got = json.dumps(err.get("input"), ensure_ascii=False, default=str)[:40]
        what = "is missing" if err["type"] == "missing" else f"{err['msg'].lower()} (got {got})"
        raise InputError(f"{file}: {loc}: {what}.") from exc


def _add_channel(
    channel: V11Channel, file: str, where: str, bundle: PtvBundle, notes: list[str]
) -> None:
    here = f"{file}: {where or 'the top level'}"
    kind = CHANNEL_TYPES.get(channel.serviceChannelType)
    if kind is None:
        notes.append(
            f"{here}: channel {channel.id} has type {channel.serviceChannelType!r}, "
            "which the importer does not know; left out"
        )
        return
    if channel.id in bundle.channels:
        notes.append(f"{here}: channel {channel.id} {_TWICE}")
        return
    bundle.channels[channel.id] = _channel(channel, kind, here)


# ---------------------------------------------------------------------- to records
def _texts(items: list[LanguageItem], wanted_type: str | None = None) -> Texts:
    result: Texts = {}
    for item in items:
        if wanted_type is not None and getattr(item, "type", "") != wanted_type:
            continue
        value = item.value.strip()
        if item.language and value and item.language not in result:
            result[item.language] = value
    return result


def _term(finto: Finto) -> Term:
    return Term(code=finto.code or finto.uri, names=_texts(finto.name))


def _day(name: str) -> int | None:
    text = name.strip().lower()
    return DAY_NAMES.index(text) if text in DAY_NAMES else None


def _clock(value: str) -> str:
    """'08:00:00' or '8:00' -> '08:00'; anything else is kept for the converter to reject."""
    text = value.strip()
    parts = text.split(":")
    if len(parts) == 3 and parts[2] in ("00", "00.000"):
        parts = parts[:2]
    if len(parts) == 2 and len(parts[0]) == 1 and parts[0].isdigit():
        parts[0] = f"0{parts[0]}"
    return ":".join(parts)


def _date(value: dt.datetime | dt.date | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        # Dates are Helsinki dates; "2026-12-23T22:00:00Z" is Christmas Eve.
        if value.tzinfo is not None:
            value = value.astimezone(HELSINKI)
        return value.date()
    return value


def _hours(items: list[ServiceHour]) -> tuple[HoursSet, ...]:
    result = []
    for item in items:
        kind = HOUR_TYPES.get(item.serviceHourType)
        if kind is None:
            continue
        openings = tuple(
            Opening(
                day_from=_day(o.dayFrom),
                day_to=_day(o.dayTo),
                start=_clock(o.from_),
                end=_clock(o.to),
            )
            for o in item.openingHour
        )
        result.append(
            HoursSet(
                kind=kind,
                openings=openings,
                valid_from=_date(item.validFrom),
                valid_to=_date(item.validTo),
                closed=bool(item.isClosed),
                always_open=bool(item.isAlwaysOpen),
                by_appointment=bool(item.isReservation),
                valid_now=item.validForNow,
                info=_texts(item.additionalInformation),
            )
        )
    return tuple(result)


def _service(raw: V11Service, where: str) -> PtvService:
    keywords: dict[str, list[str]] = {}
    for item in raw.keywords:
        if item.language and item.value.strip():
            keywords.setdefault(item.language, []).append(item.value.strip())
    # v11 says "NationwideExceptAlandIslands" (ptv-releases' AreaInformationTypeEnum)
    nationwide = raw.areaType in ("Nationwide", "NationwideExceptAlandIslands")
    areas = tuple(
        Area(
            type=a.type,
            code=a.code.strip(),
            names=_texts(a.name),
            municipality_codes=tuple(m.code.strip() for m in a.municipalities if m.code),
        )
        for a in raw.areas
    )
    # The responsible organisation is the provider families see; producers come after.
    order = {"Responsible": 0, "Producer": 1}
    orgs = sorted(
        (
            (o.roleType, o.organization.name.strip())
            for o in raw.organizations
            if o.organization and o.organization.name.strip()
        ),
        key=lambda pair: order.get(pair[0], 2),
    )
    return PtvService(
        id=raw.id,
        names=_texts(raw.serviceNames, "Name") or _texts(raw.serviceNames),
        summaries=_texts(raw.serviceDescriptions, "Summary"),
        descriptions=_texts(raw.serviceDescriptions, "Description"),
        instructions=_texts(raw.serviceDescriptions, "UserInstruction"),
        keywords={lang: tuple(words) for lang, words in keywords.items()},
        service_classes=tuple(_term(f) for f in raw.serviceClasses),
        ontology_terms=tuple(_term(f) for f in raw.ontologyTerms),
        target_groups=tuple(_term(f) for f in raw.targetGroups),
        charge=raw.serviceChargeType,
        nationwide=nationwide,
        areas=areas,
        languages=tuple(lang.strip().lower() for lang in raw.languages if lang),
        organizations=tuple(orgs),
        connections=tuple(_connection(link) for link in raw.serviceChannels),
        where=where,
    )


def _connection(link: ServiceChannelLink) -> Connection:
    contacts = link.contactDetails
    return Connection(
        channel_id=link.serviceChannel.id,
        hours=_hours(link.serviceHours),
        charge=link.serviceChargeType,
        phones=_phones(contacts.phoneNumbers) if contacts else (),
        emails=_emails(contacts.emails) if contacts else (),
        links=_links(contacts.webPages) if contacts else (),
        addresses=_addresses(contacts.addresses) if contacts else (),
    )


def _emails(items: list[LanguageItem]) -> tuple[tuple[str | None, str], ...]:
    return tuple((e.language, e.value.strip()) for e in items if e.value.strip())


def _phones(items: list[V11Phone]) -> tuple[Phone, ...]:
    return tuple(
        Phone(
            prefix=p.prefixNumber.strip(),
            number=p.number.strip(),
            service_number=bool(p.isFinnishServiceNumber),
            language=p.language,
            info=p.additionalInformation.strip(),
            charge=p.chargeDescription.strip(),
            charge_type=p.serviceChargeType,
        )
        for p in items
        # Fax numbers are not a way for a family to reach anyone.
        if p.type in ("", "Phone") and p.number.strip()
    )


def _links(items: list[V11WebPage]) -> tuple[WebLink, ...]:
    links = []
    for item in items:
        url = item.url.strip() or item.value.strip()
        label = item.value.strip() if item.url.strip() else ""
        if url:
            links.append(WebLink(url=url, label=label, language=item.language))
    return tuple(links)


def _addresses(items: list[V11Address]) -> tuple[StreetAddress, ...]:
    result = []
    for item in items:
        # Visiting addresses only: a postal address or PO box is not where a family goes.
        if item.type not in ("Location", "Visiting", "") or item.streetAddress is None:
            continue
        street = item.streetAddress
        result.append(
            StreetAddress(
                street=_texts(street.street),
                number=street.streetNumber.strip(),
                postal_code=street.postalCode.strip(),
                post_office=_texts(street.postOffice),
                municipality_code=street.municipality.code if street.municipality else None,
            )
        )
    return tuple(result)


def _channel(raw: V11Channel, kind: ChannelType, where: str) -> PtvChannel:
    emails = _emails([*raw.supportEmails, *raw.emails])
    return PtvChannel(
        id=raw.id,
        type=kind,
        names=_texts(raw.serviceChannelNames, "Name") or _texts(raw.serviceChannelNames),
        summaries=_texts(raw.serviceChannelDescriptions, "Summary"),
        phones=_phones([*raw.phoneNumbers, *raw.supportPhones]),
        emails=emails,
        links=_links([*raw.webPage, *raw.webPages, *raw.channelUrls]),
        addresses=_addresses(raw.addresses),
        hours=_hours(raw.serviceHours),
        service_ids=tuple(s.service.id for s in raw.services if s.service),
        where=where,
    )
