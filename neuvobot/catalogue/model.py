"""The catalogue's data shapes, modelled on the national service catalogue (PTV).

A *service* says what help is offered, by whom and for whom; it is reached through
*channels* (phone, chat, web page, e-service, a place to visit, e-mail), each with its
own opening hours. These models validate one entry as an editor wrote it; checks that
need the whole catalogue (unique ids, known municipalities) live in the loader.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from neuvobot.catalogue.hours import Hours

LANGS = ("fi", "sv", "en")
Lang = Literal["fi", "sv", "en"]

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Finnish numbers as families dial them: +358…, 0…, short service numbers (112, 116 117).
_PHONE_RE = re.compile(r"^(\+358\d{5,12}|0\d{4,11}|1\d{2,5})$")
# No spaces, quotes or angle brackets: a link is shown to families as it is written.
_URL_RE = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?([/?#][^\s<>\"'`{}|\\^]*)?$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")


class _Strict(BaseModel):
    # Editors make typos in keys; an unknown key must be an error, not silently ignored.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """A short text in Finnish (required), Swedish and English."""

    fi: str
    sv: str | None = None
    en: str | None = None

    @field_validator("fi", "sv", "en")
    @classmethod
    def _not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("text is empty: write the text or leave the language out")
        return value.strip() if value is not None else None

    def get(self, lang: str) -> str:
        """The text in `lang`, falling back to Finnish, which is always there."""
        return getattr(self, lang, None) or self.fi

    def items(self) -> list[tuple[str, str]]:
        return [(lang, getattr(self, lang)) for lang in LANGS if getattr(self, lang)]


class OptionalText(Text):
    """Like `Text`, but a Finnish version is not required (channel labels, notes)."""

    fi: str | None = None  # type: ignore[assignment]

    def get(self, lang: str) -> str:
        return getattr(self, lang, None) or self.fi or self.sv or self.en or ""


class Keywords(_Strict):
    fi: list[str] = Field(default_factory=list)
    sv: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)

    @field_validator("fi", "sv", "en", mode="before")
    @classmethod
    def _words(cls, value: object) -> object:
        if isinstance(value, str):
            raise ValueError("write keywords as a list, e.g. [neuvola, lastenneuvola]")
        if isinstance(value, list):
            # A number such as 116117 is a fine keyword; YAML just reads it as an int.
            value = [str(w) if isinstance(w, int) and not isinstance(w, bool) else w for w in value]
            for word in value:
                if not isinstance(word, str) or not word.strip():
                    raise ValueError(f"keyword {word!r} is not a word")
        return value

    def get(self, lang: str) -> list[str]:
        return list(getattr(self, lang, []) or [])


class TargetGroup(StrEnum):
    pregnancy = "pregnancy"
    age_0_6 = "0-6"
    age_7_12 = "7-12"
    age_13_17 = "13-17"
    age_18_25 = "18-25"
    parents = "parents"
    whole_family = "whole_family"


class Cost(StrEnum):
    free = "free"
    fee = "fee"
    income_based = "income_based"
    varies = "varies"


class ProviderKind(StrEnum):
    municipality = "municipality"
    wellbeing_county = "wellbeing_county"
    ngo = "ngo"
    state_agency = "state_agency"
    parish = "parish"
    other = "other"


class Provider(_Strict):
    kind: ProviderKind
    name: Text


class ChannelKind(StrEnum):
    phone = "phone"
    chat = "chat"
    web = "web"
    e_service = "e_service"
    location = "location"
    email = "email"


class Address(_Strict):
    street: Text
    postal_code: str
    city: Text

    @field_validator("postal_code", mode="before")
    @classmethod
    def _postal_code(cls, value: object) -> str:
        text = str(value).strip()
        if not re.fullmatch(r"\d{5}", text):
            raise ValueError(f'postal code {text!r} must be five digits in quotes, e.g. "20100"')
        return text

    def one_line(self, lang: str) -> str:
        return f"{self.street.get(lang)}, {self.postal_code} {self.city.get(lang)}"


def normalise_phone(raw: str) -> str:
    """Digits (and a leading +) only: the form used for validation and tel: links."""
    return re.sub(r"[\s\-()/]", "", raw)


class Channel(_Strict):
    kind: ChannelKind
    name: OptionalText | None = None
    phone: str | None = None
    url: str | None = None
    email: str | None = None
    address: Address | None = None
    hours: Hours | None = None
    note: OptionalText | None = None

    @field_validator("phone", mode="before")
    @classmethod
    def _phone(cls, value: object) -> object:
        if value is None:
            return None
        if isinstance(value, int):
            raise ValueError('write the phone number in quotes, e.g. "09 2525 0111"')
        text = str(value).strip()
        if not _PHONE_RE.match(normalise_phone(text)):
            raise ValueError(
                f"phone number {text!r} is not a Finnish number: use +358…, 0… "
                "or a service number such as 116 117"
            )
        return text

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not _URL_RE.match(value.strip()):
            if value.strip().startswith(("https://", "http://")):
                raise ValueError(
                    f"web address {value!r} is not a plain link: no spaces, quotes or < >"
                )
            raise ValueError(f"web address {value!r} must start with https:// (or http://)")
        return value.strip() if value else value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and not _EMAIL_RE.match(value.strip()):
            raise ValueError(f"e-mail address {value!r} is not valid")
        return value.strip() if value else value

    @model_validator(mode="after")
    def _needs_its_detail(self) -> Channel:
        needed = {
            ChannelKind.phone: "phone",
            ChannelKind.chat: "url",
            ChannelKind.web: "url",
            ChannelKind.e_service: "url",
            ChannelKind.location: "address",
            ChannelKind.email: "email",
        }[self.kind]
        if getattr(self, needed) is None:
            raise ValueError(
                f"a {self.kind.value} channel needs `{needed}`; if it is not known for sure, "
                "leave the channel out and set `review: needed`"
            )
        return self

    @property
    def phone_digits(self) -> str | None:
        return normalise_phone(self.phone) if self.phone else None


ServiceId = Annotated[str, Field(min_length=3, max_length=80)]


class Service(_Strict):
    id: ServiceId
    type: str
    name: Text
    summary: Text
    description: OptionalText | None = None
    keywords: Keywords = Field(default_factory=Keywords)
    target_groups: list[TargetGroup] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=lambda: ["fi"])
    cost: Cost | None = None
    provider: Provider
    areas: list[str] = Field(min_length=1)
    channels: list[Channel] = Field(default_factory=list)
    source: str | None = None
    reviewed: dt.date | None = None
    review: Literal["needed"] | None = None

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not _ID_RE.match(value):
            raise ValueError(
                f"id {value!r} may only have lowercase letters a-z, digits and '-', "
                "e.g. turku-child-health-clinic"
            )
        return value

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: list[str]) -> list[str]:
        for lang in value:
            if not re.fullmatch(r"[a-z]{2}", lang):
                raise ValueError(f"language {lang!r} must be a two-letter code such as fi, sv, en")
        return value

    @model_validator(mode="after")
    def _review_state(self) -> Service:
        if (self.reviewed is None) == (self.review is None):
            raise ValueError(
                "give either `reviewed: YYYY-MM-DD` (when the details were checked) "
                "or `review: needed` (when something must still be checked)"
            )
        return self

    @property
    def needs_review(self) -> bool:
        return self.review == "needed"


class ServiceType(_Strict):
    id: str
    scope: Literal["municipality", "region", "national"]
    fi: str
    sv: str
    en: str
    about: str

    def label(self, lang: str) -> str:
        return getattr(self, lang, self.fi)


class Municipality(_Strict):
    slug: str
    code: str
    fi: str
    sv: str | None = None
    region: str

    @property
    def region_slug(self) -> str:
        return slugify(self.region)

    def display_name(self, lang: str) -> str:
        return self.sv if lang == "sv" and self.sv else self.fi


def slugify(name: str) -> str:
    """Municipality slug rule: lowercase, ä→a, ö→o, å→a, spaces→hyphen (`Koski Tl` → `koski-tl`)."""
    text = name.strip().lower()
    text = text.translate(str.maketrans({"ä": "a", "ö": "o", "å": "a"}))
    return re.sub(r"\s+", "-", text)
