"""Nurse teams from config: whom they serve, when they chat, who may act on cases."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from neuvobot.catalogue.hours import Hours
from neuvobot.catalogue.municipalities import MUNICIPALITIES, REGIONS

StaffLang = Literal["fi", "sv", "en"]


class Nurse(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    telegram_id: int
    display_name: str = Field(min_length=1, max_length=64)  # "Terveydenhoitaja Anna"
    lang: StaffLang | None = None  # the desk's language for this nurse; else the team's


class NurseTeam(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    name: str | None = None
    serves: list[str] = Field(min_length=1)  # municipality slugs or "region:<slug>"
    staff_chat_id: int | None = None
    nurses: list[Nurse] = Field(default_factory=list)
    hours: Hours | Literal["always"] = "always"
    languages: list[str] = Field(default_factory=lambda: ["fi"])
    canned_replies: list[str] = Field(default_factory=list)
    lang: StaffLang = "fi"  # what the desk tells this team's nurses (Finnish by default)

    @field_validator("serves")
    @classmethod
    def _known_areas(cls, value: list[str]) -> list[str]:
        for area in value:
            region = area.removeprefix("region:")
            if area.startswith("region:") and region not in REGIONS:
                raise ValueError(f"unknown region {region!r}: use {', '.join(REGIONS)}")
            if not area.startswith("region:") and area not in MUNICIPALITIES:
                raise ValueError(f"unknown municipality {area!r}")
        return value

    @property
    def municipalities(self) -> frozenset[str]:
        slugs: set[str] = set()
        for area in self.serves:
            if area.startswith("region:"):
                slugs.update(REGIONS[area.removeprefix("region:")])
            else:
                slugs.add(area)
        return frozenset(slugs)

    @property
    def opening_hours(self) -> Hours:
        return Hours.model_validate("always") if self.hours == "always" else self.hours

    def is_open(self, at: dt.datetime) -> bool:
        return self.opening_hours.is_open(at)

    def open_time_between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        return self.opening_hours.open_time_between(start, end)

    def next_opening(self, at: dt.datetime) -> dt.datetime | None:
        return self.opening_hours.next_opening(at)

    def staff_lang(self, telegram_id: int) -> str:
        nurse = self.nurse(telegram_id)
        return nurse.lang if nurse is not None and nurse.lang else self.lang

    def nurse(self, telegram_id: int) -> Nurse | None:
        return next((n for n in self.nurses if n.telegram_id == telegram_id), None)


class Teams:
    def __init__(self, teams: list[NurseTeam]) -> None:
        self.by_id = {team.id: team for team in teams}

    @classmethod
    def from_config(cls, raw: list[dict[str, Any]]) -> Teams:
        return cls([NurseTeam.model_validate(item) for item in raw])

    def staff_lang(self, telegram_id: int) -> str:
        """The language the desk uses with this person (Finnish for a stranger)."""
        team = next((t for t in self.by_id.values() if t.nurse(telegram_id)), None)
        return team.staff_lang(telegram_id) if team is not None else "fi"

    def for_municipality(self, slug: str) -> NurseTeam | None:
        """The team serving a municipality; a team naming it directly wins over a region's."""
        direct = [t for t in self.by_id.values() if slug in t.serves]
        if direct:
            return direct[0]
        return next((t for t in self.by_id.values() if slug in t.municipalities), None)

    def __bool__(self) -> bool:
        return bool(self.by_id)
