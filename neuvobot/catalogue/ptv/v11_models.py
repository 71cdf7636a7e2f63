"""The PTV open API v11 JSON shapes the importer reads, as pydantic models.

Only the fields the importer uses are modelled; unknown fields are ignored and the many
`null`s real responses carry are read as empty. `v11.py` reads files into these and turns
them into the neutral records of `records.py`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


def _none_as_empty(value: Any) -> Any:
    return [] if value is None else value


def _none_as_blank(value: Any) -> Any:
    return "" if value is None else value


# PTV sends `null` for empty lists and strings all the time.
Items = Annotated[list, BeforeValidator(_none_as_empty)]
Str = Annotated[str, BeforeValidator(_none_as_blank)]


class _Model(BaseModel):
    # Unknown fields are ignored: real responses carry far more than the importer uses.
    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)


class LanguageItem(_Model):
    language: str | None = None
    value: Str = ""


class TypedText(LanguageItem):
    type: Str = ""


class Finto(_Model):
    """A service class, ontology term or target group."""

    name: Annotated[list[LanguageItem], BeforeValidator(_none_as_empty)] = []
    code: Str = ""
    uri: Str = ""


class AreaMunicipality(_Model):
    code: Str = ""
    name: Annotated[list[LanguageItem], BeforeValidator(_none_as_empty)] = []


class V11Area(_Model):
    type: Str = ""
    code: Str = ""
    name: Annotated[list[LanguageItem], BeforeValidator(_none_as_empty)] = []
    municipalities: Annotated[list[AreaMunicipality], BeforeValidator(_none_as_empty)] = []


class OpeningHour(_Model):
    dayFrom: Str = ""
    dayTo: Str = ""
    from_: Str = Field("", alias="from")
    to: Str = ""


class ServiceHour(_Model):
    serviceHourType: Str = ""
    validFrom: dt.datetime | dt.date | None = None
    validTo: dt.datetime | dt.date | None = None
    isClosed: bool | None = False
    validForNow: bool | None = None
    isAlwaysOpen: bool | None = False
    isReservation: bool | None = False
    additionalInformation: Annotated[list[LanguageItem], BeforeValidator(_none_as_empty)] = []
    openingHour: Annotated[list[OpeningHour], BeforeValidator(_none_as_empty)] = []


class ChannelRef(_Model):
    id: str
    name: Str = ""


class ServiceChannelLink(_Model):
    serviceChannel: ChannelRef
    serviceChargeType: str | None = None
    serviceHours: Annotated[list[ServiceHour], BeforeValidator(_none_as_empty)] = []
    # this service's own contact details on the channel, replacing the channel's
    contactDetails: LinkContacts | None = None


class OrganizationRef(_Model):
    id: Str = ""
    name: Str = ""


class ServiceOrganization(_Model):
    roleType: Str = ""
    organization: OrganizationRef | None = None


class V11Service(_Model):
    id: str
    serviceNames: list[TypedText]
    serviceDescriptions: Annotated[list[TypedText], BeforeValidator(_none_as_empty)] = []
    serviceChargeType: str | None = None
    areaType: Str = ""
    areas: Annotated[list[V11Area], BeforeValidator(_none_as_empty)] = []
    languages: Annotated[list[str], BeforeValidator(_none_as_empty)] = []
    keywords: Annotated[list[LanguageItem], BeforeValidator(_none_as_empty)] = []
    serviceClasses: Annotated[list[Finto], BeforeValidator(_none_as_empty)] = []
    ontologyTerms: Annotated[list[Finto], BeforeValidator(_none_as_empty)] = []
    targetGroups: Annotated[list[Finto], BeforeValidator(_none_as_empty)] = []
    serviceChannels: Annotated[list[ServiceChannelLink], BeforeValidator(_none_as_empty)] = []
    organizations: Annotated[list[ServiceOrganization], BeforeValidator(_none_as_empty)] = []


class V11Phone(_Model):
    type: Str = ""
    prefixNumber: Str = ""
    number: Str = ""
    isFinnishServiceNumber: bool | None = False
    serviceChargeType: str | None = None
    chargeDescription: Str = ""
    additionalInformation: Str = ""
    language: str | None = None


class V11WebPage(_Model):
    # Service locations and phone channels give `url` (and a label in `value`); e-services
    # and web page channels give the address itself in `value`.
    url: Str = ""
    value: Str = ""
    language: str | None = None


class V11StreetAddress(_Model):
    street: Annotated[list[LanguageItem], BeforeValidator(_none_as_empty)] = []
    streetNumber: Str = ""
    postalCode: Str = ""
    postOffice: Annotated[list[LanguageItem], BeforeValidator(_none_as_empty)] = []
    municipality: AreaMunicipality | None = None


class V11Address(_Model):
    type: Str = ""
    subType: Str = ""
    streetAddress: V11StreetAddress | None = None


class LinkContacts(_Model):
    emails: Annotated[list[LanguageItem], BeforeValidator(_none_as_empty)] = []
    phoneNumbers: Annotated[list[V11Phone], BeforeValidator(_none_as_empty)] = []
    webPages: Annotated[list[V11WebPage], BeforeValidator(_none_as_empty)] = []
    addresses: Annotated[list[V11Address], BeforeValidator(_none_as_empty)] = []


class ServiceRef(_Model):
    service: ChannelRef | None = None


class V11Channel(_Model):
    id: str
    serviceChannelType: str
    serviceChannelNames: Annotated[list[TypedText], BeforeValidator(_none_as_empty)] = []
    serviceChannelDescriptions: Annotated[list[TypedText], BeforeValidator(_none_as_empty)] = []
    phoneNumbers: Annotated[list[V11Phone], BeforeValidator(_none_as_empty)] = []
    supportPhones: Annotated[list[V11Phone], BeforeValidator(_none_as_empty)] = []
    supportEmails: Annotated[list[LanguageItem], BeforeValidator(_none_as_empty)] = []
    emails: Annotated[list[LanguageItem], BeforeValidator(_none_as_empty)] = []
    webPages: Annotated[list[V11WebPage], BeforeValidator(_none_as_empty)] = []
    webPage: Annotated[list[V11WebPage], BeforeValidator(_none_as_empty)] = []
    channelUrls: Annotated[list[V11WebPage], BeforeValidator(_none_as_empty)] = []
    addresses: Annotated[list[V11Address], BeforeValidator(_none_as_empty)] = []
    serviceHours: Annotated[list[ServiceHour], BeforeValidator(_none_as_empty)] = []
    services: Annotated[list[ServiceRef], BeforeValidator(_none_as_empty)] = []
