"""Neutral PTV records -> catalogue entries (plain dicts in the editors' key order).

Nothing is invented: a value that does not pass the catalogue's validators is left out, with
a note for stderr and a comment on the entry; every entry is `review: needed` with the PTV
id as its `source`. Each finished entry is validated with the catalogue's own Service model.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from neuvobot.catalogue.loader import NATIONAL, expand_areas
from neuvobot.catalogue.model import LANGS, Address, Channel, Service, slugify
from neuvobot.catalogue.municipalities import MUNICIPALITIES, REGIONS
from neuvobot.catalogue.ptv.hours import convert_hours
from neuvobot.catalogue.ptv.providers import provider_kind
from neuvobot.catalogue.ptv.records import (
    Connection,
    HoursSet,
    Phone,
    PtvBundle,
    PtvChannel,
    PtvService,
    StreetAddress,
    Texts,
)
from neuvobot.catalogue.ptv.service_types import choose_type

BY_CODE = {m.code: m.slug for m in MUNICIPALITIES.values()}
# Statistics Finland region (maakunta) codes, for a region area given without its
# municipalities; the name is tried first.
REGION_CODES = {"02": "varsinais-suomi", "13": "keski-suomi"}
REGION_AREA_TYPES = ("Region", "Province")

# PTV target group codes (KR1.2 children and families with children, KR1.3 young people).
TARGET_GROUPS = {"KR1.2": ["whole_family"], "KR1.3": ["13-17", "18-25"]}
COSTS = {"FreeOfCharge": "free", "Chargeable": "fee", "Other": "varies"}
# A phone number's own serviceChargeType, said in its note when PTV gives no description.
CHARGED = {"Chargeable": "maksullinen", "FreeOfCharge": "maksuton"}


@dataclass
class Entry:
    """One catalogue entry and where it goes."""

    service: dict[str, Any]
    file_area: str  # "national", "region:<slug>" or a municipality slug
    comments: list[str] = field(default_factory=list)


@dataclass
class Result:
    entries: list[Entry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # for stderr
    skipped: int = 0


# ---------------------------------------------------------------------- texts
def _langs(texts: Texts) -> dict[str, str]:
    return {lang: texts[lang] for lang in LANGS if texts.get(lang)}


def _text(texts: Texts, what: str, notes: list[str]) -> dict[str, str] | None:
    """A catalogue text (Finnish required); without Finnish, another language stands in."""
    kept = _langs(texts)
    if not kept:
        return None
    if "fi" not in kept:
        other = next(iter(kept))
        notes.append(f"{what} has no Finnish text; the {other} text stands in for it")
        kept = {"fi": kept[other], **kept}
    return kept


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text.strip(), re.S)
    return (match.group(1) if match else text.strip()).strip()


def _summary(service: PtvService, notes: list[str]) -> dict[str, str] | None:
    texts = dict(service.summaries)
    for lang, description in service.descriptions.items():
        if lang not in texts:
            texts[lang] = _first_sentence(description)
    return _text(texts, "summary", notes)


def _description(service: PtvService) -> dict[str, str] | None:
    texts = {}
    for lang in LANGS:
        parts = [service.descriptions.get(lang), service.instructions.get(lang)]
        joined = "\n\n".join(p for p in parts if p)
        if joined:
            texts[lang] = joined
    return texts or None


def _keywords(service: PtvService) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    words: list[tuple[str, str]] = [
        (lang, w) for lang, values in service.keywords.items() for w in values
    ]
    # Ontology terms are the words PTV's editors chose to describe the service.
    words += [(lang, v) for term in service.ontology_terms for lang, v in term.names.items()]
    for lang, word in words:
        word = word.strip().lower()
        if lang in LANGS and word and word not in result.setdefault(lang, []):
            result[lang].append(word)
    return {lang: ws for lang, ws in result.items() if ws}


# ---------------------------------------------------------------------- areas
def _region_of(area_names: Texts, code: str, area_type: str) -> str | None:
    for name in area_names.values():
        if slugify(name) in REGIONS:
            return slugify(name)
    if area_type in REGION_AREA_TYPES:
        return REGION_CODES.get(code.zfill(2))
    return None


def _areas(service: PtvService, notes: list[str]) -> list[str]:
    """Catalogue areas; whole regions written as `region:<slug>`."""
    if service.nationwide:
        return [NATIONAL]
    slugs: set[str] = set()
    outside = 0
    for area in service.areas:
        if area.type == "Municipality":
            # v11: one Municipality area, code null, the codes inside `municipalities`
            codes: tuple[str, ...] = area.municipality_codes or (area.code,)
        elif area.municipality_codes:
            codes = area.municipality_codes
        else:
            region = _region_of(area.names, area.code, area.type)
            if region:
                slugs.update(REGIONS[region])
            else:
                outside += 1
            continue
        for code in codes:
            slug = BY_CODE.get(code.zfill(3))
            if slug:
                slugs.add(slug)
            else:
                outside += 1
    if outside and slugs:
        notes.append(f"{outside} area(s) outside Neuvobot's 49 municipalities left out")
    areas: list[str] = []
    for region, members in REGIONS.items():
        if set(members) <= slugs:
            areas.append(f"region:{region}")
            slugs -= set(members)
    return areas + sorted(slugs, key=lambda s: MUNICIPALITIES[s].fi)


def file_area(areas: list[str]) -> str:
    """Which file an entry goes to: its one area, its region, or national.yaml."""
    if len(areas) == 1:
        return areas[0]
    regions = {
        a.removeprefix("region:") if a.startswith("region:") else MUNICIPALITIES[a].region_slug
        for a in areas
        if a != NATIONAL
    }
    if len(regions) == 1 and NATIONAL not in areas:
        return f"region:{regions.pop()}"
    return NATIONAL


# ---------------------------------------------------------------------- channels
def _clean(exc: ValidationError) -> str:
    msg = exc.errors()[0]["msg"]
    return msg.removeprefix("Value error, ")


def _label(names: Texts) -> dict[str, str] | None:
    kept = _langs(names)
    return kept or None


def _phone_text(phone: Phone, notes: list[str]) -> str | None:
    number = phone.number.strip()
    if phone.service_number or not phone.prefix:
        return number
    digits = re.sub(r"[\s\-()/]", "", number)
    if phone.prefix == "+358" and digits.startswith("0"):
        # "+358 040 123 4567": the trunk 0 is never dialled after the country code.
        notes.append(f"phone +358 {number}: dropped the 0 after +358")
        number = re.sub(r"^[\s(]*0", "", number)
    return f"{phone.prefix} {number}"


def _street(address: StreetAddress, notes: list[str]) -> dict[str, Any] | None:
    street = {
        lang: f"{name} {address.number}".strip() if address.number else name
        for lang, name in address.street.items()
    }
    street_text = _text(street, "street address", notes)
    city_text = _text({k: _title(v) for k, v in address.post_office.items()}, "post office", notes)
    if street_text is None or city_text is None:
        notes.append("an address without a street or post office; left out")
        return None
    data = {"street": street_text, "postal_code": address.postal_code, "city": city_text}
    try:
        Address.model_validate(data)
    except ValidationError as exc:
        notes.append(f"address {street_text['fi']}: {_clean(exc)}; left out")
        return None
    return data


def _title(text: str) -> str:
    """PTV post offices are in capitals (TURKU, ÅBO); editors write Turku, Åbo."""
    if text != text.upper():
        return text
    return re.sub(r"[^\s-]+", lambda m: m.group(0).capitalize(), text)


def _valid(kind: str, data: dict[str, Any], notes: list[str]) -> dict | None:
    body = {"kind": kind, **data}
    try:
        Channel.model_validate(body)
    except ValidationError as exc:
        notes.append(f"{kind}: {_clean(exc)}; left out")
        return None
    return body


def _link_channels(kind: str, channel: PtvChannel, name: Any, notes: list[str]) -> list[dict]:
    order = {lang: i for i, lang in enumerate(LANGS)}
    links = sorted(channel.links, key=lambda link: order.get(link.language or "", 9))
    for link in links:
        body = _valid(kind, {"name": name, "url": link.url}, notes)
        if body:
            return [body]  # one address per channel: the Finnish one first
    return []


def _for_this_service(channel: PtvChannel, link: Connection) -> PtvChannel:
    """The link's own contact details (v11 `contactDetails` on a service–channel link)
    replace the channel's, kind by kind: a shared phone channel with this service's number."""
    phones = link.phones or channel.phones
    if link.charge:  # the link's charge type stands for numbers that give none
        phones = tuple(p if p.charge_type else replace(p, charge_type=link.charge) for p in phones)
    return replace(
        channel,
        phones=phones,
        emails=link.emails or channel.emails,
        links=link.links or channel.links,
        addresses=link.addresses or channel.addresses,
    )


def convert_channel(
    channel: PtvChannel, hours_sets: tuple[HoursSet, ...], today: dt.date, notes: list[str]
) -> list[dict[str, Any]]:
    """Catalogue channels for one PTV channel (a service location may give several)."""
    name = _label(channel.names)
    hour_notes: list[str] = []
    hours = convert_hours(hours_sets, today, hour_notes)
    notes += [f"hours: {n}" for n in hour_notes]
    result: list[dict[str, Any]] = []
    if channel.type in ("e_service", "web", "form"):
        kind = "e_service" if channel.type == "e_service" else "web"
        if kind == "e_service" and any("chat" in n.lower() for n in channel.names.values()):
            kind = "chat"  # PTV has no chat channel type; NeuvolaChat is an e-service there
        result = _link_channels(kind, channel, name, notes)
        if result and hours and kind != "web":
            result[0]["hours"] = hours
        return result
    if channel.type == "location":
        for address in channel.addresses:
            street = _street(address, notes)
            if street:
                body = _valid("location", {"name": name, "address": street}, notes)
                if body:
                    if hours:
                        body["hours"] = hours
                    result.append(body)
        if not channel.addresses:
            notes.append("service location without a visiting address; no location channel")
    # The same number is often listed once per language, each with its own label.
    phones: dict[str, tuple[str, dict[str, str]]] = {}
    for phone in channel.phones:
        text = _phone_text(phone, notes)
        if not text:
            continue
        _, note = phones.setdefault(re.sub(r"\D", "", text), (text, {}))
        charge = phone.charge or CHARGED.get(phone.charge_type or "", "")
        info = "; ".join(p for p in (phone.info, charge) if p)
        lang = phone.language or "fi"
        if info and lang in LANGS:
            note.setdefault(lang, info)
    for text, note in phones.values():
        data: dict[str, Any] = {"name": name, "phone": text}
        # A location's visiting hours are not its phone hours; only a phone channel's are.
        if channel.type == "phone" and hours:
            data["hours"] = hours
        if note:
            data["note"] = note
        body = _valid("phone", data, notes)
        if body:
            result.append(body)
    for _lang, email in dict.fromkeys(channel.emails):
        body = _valid("email", {"name": name, "email": email}, notes)
        if body and all(c.get("email") != email for c in result):
            result.append(body)
    if channel.type == "location":
        result += _link_channels("web", channel, name, notes)
    return [{k: v for k, v in c.items() if v is not None} for c in result]


# ---------------------------------------------------------------------- services
def _id(service: PtvService, name_fi: str, used: set[str]) -> str:
    # Ids are ASCII: é -> e after the catalogue's own ä/ö/å rule.
    ascii_name = unicodedata.normalize("NFKD", slugify(name_fi)).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:40].strip("-") or "service"
    hexes = re.sub(r"[^0-9a-f]", "", service.id.lower())
    for width in (8, 12, 32):
        candidate = f"ptv-{base}-{hexes[-width:]}" if hexes else f"ptv-{base}"
        if candidate not in used:
            used.add(candidate)
            return candidate
    n = 2
    while f"ptv-{base}-{n}" in used:
        n += 1
    used.add(f"ptv-{base}-{n}")
    return f"ptv-{base}-{n}"


def _target_groups(service: PtvService) -> list[str]:
    result: list[str] = []
    for group in service.target_groups:
        for value in TARGET_GROUPS.get(group.code.rsplit("/", 1)[-1], []):
            if value not in result:
                result.append(value)
    return result


def convert(bundle: PtvBundle, *, today: dt.date, municipality: str | None = None) -> Result:
    result = Result()
    used: set[str] = set()
    linked: dict[str, list[str]] = {}
    for channel in bundle.channels.values():
        for sid in channel.service_ids:
            linked.setdefault(sid, []).append(channel.id)
    filtered_out = 0
    for service in bundle.services:
        notes: list[str] = []
        where = f"{service.where}: service {service.id}"
        entry = _convert_service(service, bundle, linked, today, used, notes)
        if isinstance(entry, str):
            result.notes.append(f"{where}: {entry}; not imported")
            result.skipped += 1
            continue
        if municipality and municipality not in expand_areas(entry.service["areas"]):
            filtered_out += 1
            used.discard(entry.service["id"])
            continue
        result.notes += [f"{where}: {n}" for n in notes]
        result.entries.append(entry)
    if filtered_out:
        result.notes.append(f"{filtered_out} service(s) do not serve {municipality}; not imported")
        result.skipped += filtered_out
    return result


def _convert_service(
    service: PtvService,
    bundle: PtvBundle,
    linked: dict[str, list[str]],
    today: dt.date,
    used: set[str],
    notes: list[str],
) -> Entry | str:
    name = _text(service.names, "name", notes)
    if name is None:
        return "no name in Finnish, Swedish or English"
    areas = _areas(service, notes)
    if not areas:
        return "it serves none of Neuvobot's 49 municipalities"
    choice = choose_type(service)
    if choice is None:
        return (
            "no service type fits its classes, terms or words; add it by hand if families need it"
        )
    if not service.organizations:
        return "no organisation is named as its provider"
    org = service.organizations[0][1]
    summary = _summary(service, notes)
    if summary is None:
        notes.append("no summary or description; the name stands in for the summary")
        summary = dict(name)
    comments = [f"From PTV service {service.id}."]
    comments.append(
        f"Type {choice.type_id} {'guessed from' if choice.guessed else 'from'} {choice.reason}."
    )
    channels: list[dict[str, Any]] = []
    connections = {c.channel_id: c for c in service.connections}
    for cid in linked.get(service.id, []):
        connections.setdefault(cid, Connection(cid))
    missing = []
    places: set[str] = set()
    for cid, connection in connections.items():
        channel = bundle.channels.get(cid)
        if channel is None:
            missing.append(cid)
            continue
        channel = _for_this_service(channel, connection)
        places.update(a.municipality_code or "?" for a in channel.addresses)
        channel_notes: list[str] = []
        # Regular hours given on the link are this service's own and replace the channel's;
        # exceptional dates given there only add to the channel's hours.
        if any(h.kind != "exceptional" for h in connection.hours):
            hours_sets = connection.hours
        else:
            hours_sets = channel.hours + connection.hours
        for body in convert_channel(channel, hours_sets, today, channel_notes):
            if body not in channels:
                channels.append(body)
        notes += [f"channel {cid}: {n}" for n in channel_notes]
    if missing:
        notes.append(
            f"{len(missing)} channel(s) not in the input (fetch them with "
            f"/api/v11/ServiceChannel/list?guids={','.join(missing)})"
        )
    locations = sum(1 for c in channels if c["kind"] == "location")
    if locations > 3 and len(places) > 1:
        # Every family in the area would see every place; the editor decides how to split.
        comments.append(
            f"{locations} service locations in {len(places)} municipalities: consider one "
            "entry per municipality with its own locations."
        )
    if any(c.get("hours") not in (None, "always") for c in channels):
        comments.append(
            "PTV does not say whether it is open on public holidays; the catalogue assumes "
            "closed (public_holidays: closed): check."
        )
    left_out = [n for n in notes if "left out" in n or "not in the input" in n]
    if left_out:
        comments.append(f"{len(left_out)} value(s) left out, see the import notes.")
    body: dict[str, Any] = {
        "id": _id(service, name["fi"], used),
        "type": choice.type_id,
        "name": name,
        "summary": summary,
    }
    description = _description(service)
    if description:
        body["description"] = _text(description, "description", notes)
    keywords = _keywords(service)
    if keywords:
        body["keywords"] = keywords
    groups = _target_groups(service)
    if groups:
        body["target_groups"] = groups
    languages = [
        lang for lang in dict.fromkeys(service.languages) if re.fullmatch("[a-z]{2}", lang)
    ]
    body["languages"] = languages or ["fi"]
    if service.charge in COSTS:
        body["cost"] = COSTS[service.charge]
    body["provider"] = {"kind": provider_kind(org), "name": {"fi": org}}
    body["areas"] = areas
    body["channels"] = channels
    body["source"] = f"ptv:{service.id}"
    body["review"] = "needed"
    try:
        Service.model_validate(body)
    except ValidationError as exc:
        err = exc.errors()[0]
        return f"{'.'.join(map(str, err['loc']))}: {_clean(exc)}"
    return Entry(body, file_area(areas), comments)
