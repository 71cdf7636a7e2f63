"""PTV service hours -> the catalogue's `hours:` block (see neuvobot/catalogue/hours.py).

PTV has three kinds of service hours: weekly hours (`DaysOfTheWeek`), hours that run over
midnight into another day (`OverMidnight`), and dates with other hours or closed
(`Exceptional`). Weekly hours valid only for a season other than today's cannot be written
in the catalogue's format; they are left out with a note, as is anything that does not
pass the catalogue's own validation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError

from neuvobot.catalogue.hours import DAYS, Hours, WeeklyRule
from neuvobot.catalogue.ptv.records import HoursSet, Opening

MIDNIGHT = "24:00"


def _current(hset: HoursSet, today: dt.date) -> bool:
    return (hset.valid_from is None or hset.valid_from <= today) and (
        hset.valid_to is None or hset.valid_to >= today
    )


def _days_text(days: list[int]) -> str:
    """[0, 1, 2, 4] -> 'mon-wed,fri': what an editor would write."""
    days = sorted(set(days))
    runs: list[list[int]] = []
    for day in days:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{DAYS[run[0]]}-{DAYS[run[-1]]}")
        else:
            parts.extend(DAYS[d] for d in run)
    return "daily" if len(days) == 7 else ",".join(parts)


def _weekly_spans(opening: Opening) -> list[tuple[int, str, str]]:
    """(day, from, to) for one weekly opening; a day range repeats the same hours."""
    assert opening.day_from is not None
    start, end = opening.start, opening.end
    if start == end == "00:00":
        end = MIDNIGHT  # PTV's way of saying the whole day
    if opening.day_to is None or opening.day_to == opening.day_from:
        return [(opening.day_from, start, end)]
    days, day = [], opening.day_from
    while True:
        days.append(day)
        if day == opening.day_to:
            break
        day = (day + 1) % 7
    return [(d, start, end) for d in days]


def _midnight_spans(opening: Opening) -> list[tuple[int, str, str]]:
    """An opening from one day's `start` to a later day's `end`, split into whole days."""
    assert opening.day_from is not None
    first = opening.day_from
    last = opening.day_to if opening.day_to is not None else first
    length = (last - first) % 7
    if length == 0 and opening.end <= opening.start:
        length = 1  # same day named twice, but it closes "earlier": the next morning
    if length == 0:
        return [(first, opening.start, opening.end)]
    if length == 1:
        # The catalogue writes this as one rule that closes after midnight: fri 22:00-06:00.
        if opening.end <= opening.start:
            return [(first, opening.start, opening.end)]
        return [(first, opening.start, MIDNIGHT), ((first + 1) % 7, "00:00", opening.end)]
    spans = [(first, opening.start, MIDNIGHT)]
    spans += [((first + i) % 7, "00:00", MIDNIGHT) for i in range(1, length)]
    if opening.end != "00:00":
        spans.append((last, "00:00", opening.end))
    return spans


def _group(spans: list[tuple[int, str, str]]) -> list[dict[str, str]]:
    by_times: dict[tuple[str, str], list[int]] = {}
    for day, start, end in spans:
        by_times.setdefault((start, end), []).append(day)
    rules = [
        {"days": _days_text(days), "from": start, "to": end, "_first": min(days)}
        for (start, end), days in by_times.items()
    ]
    rules.sort(key=lambda r: (r["_first"], r["from"]))
    for rule in rules:
        del rule["_first"]
    return rules


def convert_hours(
    sets: tuple[HoursSet, ...], today: dt.date, notes: list[str]
) -> dict[str, Any] | str | None:
    """The `hours` value for a channel, or None when no usable hours are known."""
    regular = [s for s in sets if s.kind in ("weekly", "over_midnight")]
    current = [s for s in regular if _current(s, today)]
    for hset in regular:
        if hset not in current:
            notes.append(
                f"hours valid {hset.valid_from or '…'}–{hset.valid_to or '…'} are not today's "
                "and the catalogue cannot hold seasonal hours; left out"
            )
    always = any(s.always_open and not s.closed for s in current)
    spans: list[tuple[int, str, str]] = []
    info: dict[str, str] = {}
    for hset in current:
        for lang, text in hset.info.items():
            if lang in ("fi", "sv", "en"):
                info.setdefault(lang, text)
        if hset.closed or hset.always_open:
            continue
        for opening in hset.openings:
            if opening.day_from is None:
                notes.append(f"an opening without a day ({opening.start}–{opening.end}); left out")
                continue
            new = _weekly_spans(opening) if hset.kind == "weekly" else _midnight_spans(opening)
            for day, start, end in new:
                try:
                    WeeklyRule.model_validate({"days": DAYS[day], "from": start, "to": end})
                except ValidationError as exc:
                    notes.append(f"opening {DAYS[day]} {start}–{end}: {_reason(exc)}; left out")
                    continue
                spans.append((day, start, end))
    exceptions = _exceptions(sets, today, notes)
    if not always and not spans:
        if exceptions:
            notes.append("only exceptional hours are known, not the regular ones; left out")
        return None
    result: dict[str, Any] = {"always": True} if always else {"weekly": _group(spans)}
    if exceptions:
        result["exceptions"] = exceptions
    if info:
        result["note"] = info
    if result == {"always": True}:
        return "always"
    try:
        Hours.model_validate(result)
    except ValidationError as exc:  # should not happen: every part was checked
        notes.append(f"hours: {_reason(exc)}; left out")
        return None
    return result


def _exceptions(sets: tuple[HoursSet, ...], today: dt.date, notes: list[str]) -> list[dict]:
    from neuvobot.catalogue.hours import DateException

    result = []
    for hset in sets:
        if hset.kind != "exceptional":
            continue
        if hset.valid_from is None:
            notes.append("exceptional hours without a date; left out")
            continue
        until = hset.valid_to if hset.valid_to and hset.valid_to != hset.valid_from else None
        if (until or hset.valid_from) < today:
            continue  # already past: nothing for families, nothing for editors
        item: dict[str, Any] = {"date": hset.valid_from}
        if until:
            item["until"] = until
        if hset.always_open and not hset.closed:
            # a public holiday open all day (v11: Exceptional, isAlwaysOpen, no openingHour)
            item["from"], item["to"] = "00:00", MIDNIGHT
        elif hset.closed or not hset.openings:
            if not hset.closed:
                notes.append(f"exceptional hours on {hset.valid_from} without times; left out")
                continue
            item["closed"] = True
        else:
            opening = hset.openings[0]
            if len(hset.openings) > 1:
                notes.append(
                    f"exceptional hours on {hset.valid_from} have {len(hset.openings)} openings; "
                    "the catalogue holds one per date, kept the first"
                )
            end = MIDNIGHT if opening.start == opening.end == "00:00" else opening.end
            item["from"], item["to"] = opening.start, end
        try:
            DateException.model_validate(item)
        except ValidationError as exc:
            notes.append(f"exceptional hours on {hset.valid_from}: {_reason(exc)}; left out")
            continue
        result.append(item)
    return sorted(result, key=lambda e: e["date"])


def _reason(exc: ValidationError) -> str:
    return exc.errors()[0]["msg"].removeprefix("Value error, ")
