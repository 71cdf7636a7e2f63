"""Opening hours: weekly ranges, 24/7, Finnish public holidays and date exceptions.

All reasoning happens in Helsinki wall-clock time, because that is how editors write hours
and how families read them; aware datetimes in any zone are converted on the way in.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal
from zoneinfo import ZoneInfo

import holidays
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

HELSINKI = ZoneInfo("Europe/Helsinki")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME_RE = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")
SEARCH_DAYS = 400  # how far ahead next_opening looks (a year of exceptions and holidays)


def _parse_days(value: str) -> frozenset[int]:
    text = value.strip().lower()
    if text in ("daily", "every day", "mon-sun"):
        return frozenset(range(7))
    result: set[int] = set()
    for part in (p.strip() for p in text.split(",")):
        bounds = [b.strip() for b in part.split("-")]
        for bound in bounds:
            if bound not in DAYS:
                raise ValueError(
                    f"unknown day {bound!r}, use mon, tue, wed, thu, fri, sat, sun or daily"
                )
        if len(bounds) == 1:
            result.add(DAYS.index(bounds[0]))
        elif len(bounds) == 2:
            start, end = DAYS.index(bounds[0]), DAYS.index(bounds[1])
            day = start
            while True:  # a range may wrap the week: fri-mon
                result.add(day)
                if day == end:
                    break
                day = (day + 1) % 7
        else:
            raise ValueError(f"{part!r} is not a day or a day range such as mon-fri")
    return frozenset(result)


def _parse_time(value: object) -> str:
    if isinstance(value, int):
        # YAML 1.1 reads an unquoted 08:00 as the number 480.
        raise ValueError('write the time in quotes, e.g. "08:00"')
    text = str(value).strip()
    match = _TIME_RE.match(text)
    if not match or (match.group(1) == "24" and match.group(2) != "00"):
        raise ValueError(f"time {text!r} is not valid: use HH:MM between 00:00 and 24:00")
    return text


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class WeeklyRule(_Strict):
    days: str
    from_: str = Field(alias="from")
    to: str

    @field_validator("days")
    @classmethod
    def _days(cls, value: str) -> str:
        _parse_days(value)
        return value

    @field_validator("from_", "to", mode="before")
    @classmethod
    def _time(cls, value: object) -> str:
        return _parse_time(value)

    @model_validator(mode="after")
    def _not_empty(self) -> WeeklyRule:
        if self.from_ == self.to:
            raise ValueError(f"opens and closes at the same time ({self.from_})")
        return self

    @property
    def day_set(self) -> frozenset[int]:
        return _parse_days(self.days)


class DateException(_Strict):
    date: dt.date
    until: dt.date | None = None
    closed: bool = False
    from_: str | None = Field(None, alias="from")
    to: str | None = None

    @field_validator("from_", "to", mode="before")
    @classmethod
    def _time(cls, value: object) -> str | None:
        return None if value is None else _parse_time(value)

    @model_validator(mode="after")
    def _consistent(self) -> DateException:
        if self.until is not None and self.until < self.date:
            raise ValueError(f"`until` {self.until} is before `date` {self.date}")
        has_times = self.from_ is not None or self.to is not None
        if self.closed and has_times:
            raise ValueError("give either `closed: true` or `from`/`to`, not both")
        if not self.closed and not (self.from_ and self.to):
            raise ValueError("give `closed: true` or both `from` and `to` for this date")
        if self.from_ is not None and self.from_ == self.to:
            raise ValueError(f"opens and closes at the same time ({self.from_})")
        return self

    def covers(self, day: dt.date) -> bool:
        return self.date <= day <= (self.until or self.date)


@dataclass(frozen=True)
class OpenStatus:
    open: bool
    closes_at: dt.datetime | None = None  # when open; None when open 24/7
    opens_at: dt.datetime | None = None  # when closed; None when it never opens again


@cache
def _holidays(year: int) -> frozenset[dt.date]:
    days = set(holidays.Finland(years=year))
    # Services treat Midsummer Eve and Christmas Eve as holidays, whatever the law says.
    days.add(dt.date(year, 12, 24))
    midsummer_eve = dt.date(year, 6, 19)
    while midsummer_eve.weekday() != 4:  # the Friday between 19 and 25 June
        midsummer_eve += dt.timedelta(days=1)
    days.add(midsummer_eve)
    return frozenset(days)


def is_finnish_public_holiday(day: dt.date) -> bool:
    return day in _holidays(day.year)


def to_helsinki(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=HELSINKI)
    return moment.astimezone(HELSINKI)


def _local(day: dt.date, minutes: int) -> dt.datetime:
    """A Helsinki wall-clock moment; 24:00 is the next midnight; a skipped hour moves on."""
    naive = dt.datetime.combine(day, dt.time(0)) + dt.timedelta(minutes=minutes)
    moment = naive.replace(tzinfo=HELSINKI)
    # Round-trip through UTC: a non-existent time (spring forward) lands after the gap.
    return moment.astimezone(dt.UTC).astimezone(HELSINKI)


class Hours(_Strict):
    always: bool = False
    weekly: list[WeeklyRule] = Field(default_factory=list)
    public_holidays: Literal["closed", "open"] = "closed"
    exceptions: list[DateException] = Field(default_factory=list)
    note: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _always(cls, value: Any) -> Any:
        if isinstance(value, str):
            if value.strip().lower() in ("always", "24/7"):
                return {"always": True}
            raise ValueError(f"hours {value!r}: write `always` or a block with `weekly:`")
        return value

    # ------------------------------------------------------------------ per day
    def _intervals_starting(self, day: dt.date) -> list[tuple[int, int]]:
        """Minute ranges [start, end) of openings that start on `day` (end may pass 24:00)."""
        if self.always:
            return [(0, 24 * 60)]
        for exception in self.exceptions:
            if exception.covers(day):
                if exception.closed:
                    return []
                assert exception.from_ and exception.to
                return [_span(exception.from_, exception.to)]
        if self.public_holidays == "closed" and is_finnish_public_holiday(day):
            return []
        return [_span(r.from_, r.to) for r in self.weekly if day.weekday() in r.day_set]

    def _intervals_around(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        """Openings as aware datetimes that start on the day before, the day, or the day after."""
        result = []
        for offset in (-1, 0):
            start_day = day + dt.timedelta(days=offset)
            for start, end in self._intervals_starting(start_day):
                result.append((_local(start_day, start), _local(start_day, end)))
        return sorted(result)

    # ------------------------------------------------------------------ queries
    def open_time_between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """How much of [start, end) was open: a nurse chat's expiry counts the time nurses
        were on shift, not the weekend."""
        if end <= start:
            return dt.timedelta(0)
        if self.always and not self.exceptions:
            return end - start
        total = dt.timedelta(0)
        day = to_helsinki(start).date() - dt.timedelta(days=1)
        last = to_helsinki(end).date()
        for _ in range(SEARCH_DAYS * 2):  # a bounded walk, even for a case months old
            if day > last:
                break
            for opens, closes in self._intervals_starting(day):
                lo, hi = max(_local(day, opens), start), min(_local(day, closes), end)
                if hi > lo:
                    total += hi - lo
            day += dt.timedelta(days=1)
        return total

    def is_open(self, at: dt.datetime) -> bool:
        return self.status(at).open

    def status(self, at: dt.datetime) -> OpenStatus:
        now = to_helsinki(at)
        if self.always and not self.exceptions:
            return OpenStatus(True)
        for start, end in self._intervals_around(now.date()):
            if start <= now < end:
                return OpenStatus(True, closes_at=self._closing_from(end))
        return OpenStatus(False, opens_at=self.next_opening(now))

    def _closing_from(self, end: dt.datetime) -> dt.datetime | None:
        """Follow back-to-back openings (e.g. 24/7 written as daily 00:00-24:00)."""
        for _ in range(SEARCH_DAYS):
            following = [s for s, e in self._intervals_around(end.date()) if s <= end < e]
            if not following:
                return end
            end = max(e for s, e in self._intervals_around(end.date()) if s <= end < e)
        return None

    def next_opening(self, at: dt.datetime) -> dt.datetime | None:
        """When it next opens, strictly after `at` if open now; None if it never opens."""
        now = to_helsinki(at)
        day = now.date()
        for _ in range(SEARCH_DAYS):
            for start, _end in self._intervals_around(day):
                if start > now:
                    return start
            day += dt.timedelta(days=1)
        return None

    def never_opens(self) -> bool:
        if self.always:
            return False
        return not self.weekly and not any(not e.closed for e in self.exceptions)


def _span(start: str, end: str) -> tuple[int, int]:
    a, b = _minutes(start), _minutes(end)
    return (a, b) if b > a else (a, b + 24 * 60)
