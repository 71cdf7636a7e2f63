"""Neutral records of what the importer uses from PTV, independent of the API version.

Texts are `{language: text}` maps with PTV's own language codes (fi, sv, en, se, ...);
the converter decides which languages the catalogue keeps. Values are as PTV has them
(trimmed), not yet checked against the catalogue's rules: that is the converter's job.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Texts = dict[str, str]
# What kind of channel PTV says it is; the converter maps these to catalogue channel kinds.
ChannelType = Literal["e_service", "web", "phone", "location", "form"]
HoursKind = Literal["weekly", "exceptional", "over_midnight"]


@dataclass(frozen=True)
class Term:
    """A service class, ontology term or target group: a code and its names."""

    code: str
    names: Texts


@dataclass(frozen=True)
class Opening:
    """One opening: `day_from` (0 = Monday) at `start` until `day_to` (or the same day)."""

    day_from: int | None
    day_to: int | None
    start: str  # "HH:MM"
    end: str


@dataclass(frozen=True)
class HoursSet:
    kind: HoursKind
    openings: tuple[Opening, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    closed: bool = False
    always_open: bool = False
    by_appointment: bool = False
    valid_now: bool | None = None
    info: Texts = field(default_factory=dict)


@dataclass(frozen=True)
class Phone:
    prefix: str  # "+358", or "" for a Finnish service number
    number: str
    service_number: bool
    language: str | None
    info: str  # PTV's additionalInformation, e.g. "Ajanvaraus"
    charge: str  # PTV's chargeDescription
    charge_type: str | None = None  # PTV's serviceChargeType: Chargeable, FreeOfCharge, Other


@dataclass(frozen=True)
class WebLink:
    url: str
    label: str
    language: str | None


@dataclass(frozen=True)
class StreetAddress:
    street: Texts
    number: str
    postal_code: str
    post_office: Texts
    municipality_code: str | None


@dataclass(frozen=True)
class PtvChannel:
    id: str
    type: ChannelType
    names: Texts
    summaries: Texts
    phones: tuple[Phone, ...] = ()
    emails: tuple[tuple[str | None, str], ...] = ()  # (language, address)
    links: tuple[WebLink, ...] = ()
    addresses: tuple[StreetAddress, ...] = ()
    hours: tuple[HoursSet, ...] = ()
    service_ids: tuple[str, ...] = ()
    where: str = ""  # where in the input it came from, for notes


@dataclass(frozen=True)
class Connection:
    """A service's link to a channel; hours given here are for this service only."""

    channel_id: str
    hours: tuple[HoursSet, ...] = ()
    charge: str | None = None  # the link's serviceChargeType, for this service
    # the link's contactDetails: where given, they replace the channel's for this service
    phones: tuple[Phone, ...] = ()
    emails: tuple[tuple[str | None, str], ...] = ()
    links: tuple[WebLink, ...] = ()
    addresses: tuple[StreetAddress, ...] = ()


@dataclass(frozen=True)
class Area:
    """An area as PTV gives it: a municipality, or a region with (maybe) its municipalities."""

    type: str  # Municipality, Region, Province, HospitalRegions, BusinessRegions, ...
    code: str
    names: Texts
    municipality_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class PtvService:
    id: str
    names: Texts
    summaries: Texts
    descriptions: Texts
    instructions: Texts
    keywords: dict[str, tuple[str, ...]]
    service_classes: tuple[Term, ...]
    ontology_terms: tuple[Term, ...]
    target_groups: tuple[Term, ...]
    charge: str | None  # FreeOfCharge, Chargeable, Other
    nationwide: bool
    areas: tuple[Area, ...]
    languages: tuple[str, ...]
    organizations: tuple[tuple[str, str], ...]  # (role, name), Responsible first
    connections: tuple[Connection, ...]
    where: str = ""


@dataclass
class PtvBundle:
    """Everything read from the input files."""

    services: list[PtvService] = field(default_factory=list)
    channels: dict[str, PtvChannel] = field(default_factory=dict)
    service_ids: set[str] = field(default_factory=set)
