"""Open now and next opening, in Helsinki time, with Finnish holidays and DST."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from neuvobot.catalogue.hours import HELSINKI, Hours, is_finnish_public_holiday

UTC = dt.UTC


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=HELSINKI)


OFFICE = Hours.model_validate(
    {
        "weekly": [
            {"days": "mon-fri", "from": "08:00", "to": "16:00"},
            {"days": "fri", "from": "22:00", "to": "02:00"},
        ],
    }
)


def test_weekday_range():
    assert OFFICE.is_open(at(2026, 11, 24, 9, 0))  # Tuesday
    assert not OFFICE.is_open(at(2026, 11, 24, 7, 59))
    assert not OFFICE.is_open(at(2026, 11, 24, 16, 0))
    status = OFFICE.status(at(2026, 11, 24, 9, 0))
    assert status.open and status.closes_at == at(2026, 11, 24, 16, 0)


def test_weekend_closed_and_next_opening_is_monday():
    status = OFFICE.status(at(2026, 11, 29, 12, 0))  # Sunday
    assert not status.open
    assert status.opens_at == at(2026, 11, 30, 8, 0)


def test_range_over_midnight_belongs_to_the_next_morning():
    assert OFFICE.is_open(at(2026, 11, 28, 1, 0))  # Saturday 01:00, from Friday's rule
    assert not OFFICE.is_open(at(2026, 11, 28, 2, 0))
    assert OFFICE.next_opening(at(2026, 11, 27, 17, 0)) == at(2026, 11, 27, 22, 0)


def test_always_open_even_on_christmas_day():
    always = Hours.model_validate("always")
    assert always.is_open(at(2026, 12, 25, 3, 0))
    assert always.status(at(2026, 12, 25, 3, 0)).closes_at is None


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2026, 6, 19),
        dt.date(2026, 6, 20),
        dt.date(2026, 12, 24),
        dt.date(2026, 12, 25),
        dt.date(2026, 12, 6),
        dt.date(2027, 3, 29),
        dt.date(2027, 1, 1),
    ],
)
def test_finnish_public_holidays(day):
    assert is_finnish_public_holiday(day)


def test_closed_on_midsummer_eve_unless_told_otherwise():
    assert not OFFICE.is_open(at(2026, 6, 19, 9, 0))  # Midsummer Eve, a Friday
    assert OFFICE.next_opening(at(2026, 6, 19, 9, 0)) == at(2026, 6, 22, 8, 0)
    open_anyway = OFFICE.model_copy(update={"public_holidays": "open"})
    assert open_anyway.is_open(at(2026, 6, 19, 9, 0))


def test_next_opening_across_christmas():
    assert OFFICE.next_opening(at(2026, 12, 23, 17, 0)) == at(2026, 12, 28, 8, 0)


def test_date_exceptions():
    hours = Hours.model_validate(
        {
            "weekly": [{"days": "daily", "from": "09:00", "to": "17:00"}],
            "exceptions": [
                {"date": dt.date(2026, 11, 25), "closed": True},
                {"date": dt.date(2026, 11, 26), "from": "12:00", "to": "14:00"},
                {"date": dt.date(2027, 7, 1), "until": dt.date(2027, 7, 31), "closed": True},
            ],
        }
    )
    assert not hours.is_open(at(2026, 11, 25, 10, 0))
    assert not hours.is_open(at(2026, 11, 26, 10, 0))
    assert hours.is_open(at(2026, 11, 26, 13, 0))
    assert hours.next_opening(at(2027, 7, 10, 10, 0)) == at(2027, 8, 1, 9, 0)


def test_dst_autumn_night_rule_closes_at_the_right_instant():
    nights = Hours.model_validate(
        {
            "weekly": [{"days": "daily", "from": "22:00", "to": "06:00"}],
            "public_holidays": "open",
        }
    )
    # 25 Oct 2026 clocks go back 04:00 → 03:00: the night is an hour longer in UTC.
    status = nights.status(at(2026, 10, 25, 2, 0))
    assert status.open
    assert status.closes_at.astimezone(UTC) == dt.datetime(2026, 10, 25, 4, 0, tzinfo=UTC)


def test_dst_spring_next_opening_in_utc():
    morning = Hours.model_validate(
        {"weekly": [{"days": "sun", "from": "03:30", "to": "05:00"}], "public_holidays": "open"}
    )
    # 28 Mar 2027: 03:00 → 04:00, so 03:30 does not exist; it opens as the gap ends.
    opens = morning.next_opening(at(2027, 3, 28, 1, 0))
    assert opens.astimezone(UTC) == dt.datetime(2027, 3, 28, 1, 30, tzinfo=UTC)


def test_utc_input_is_read_as_helsinki_time():
    # 07:30 UTC on a winter Tuesday is 09:30 in Helsinki.
    assert OFFICE.is_open(dt.datetime(2026, 11, 24, 7, 30, tzinfo=UTC))
    assert not OFFICE.is_open(dt.datetime(2026, 11, 24, 14, 30, tzinfo=UTC))


def test_never_opens():
    assert Hours.model_validate({"weekly": []}).never_opens()
    assert not OFFICE.never_opens()
    assert Hours.model_validate(
        {"weekly": [], "exceptions": [{"date": dt.date(2026, 1, 2), "closed": True}]}
    ).never_opens()


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"days": "tue-mob", "from": "08:00", "to": "16:00"}, "unknown day 'mob'"),
        ({"days": "mon", "from": "25:00", "to": "16:00"}, "use HH:MM"),
        ({"days": "mon", "from": "8.00", "to": "16:00"}, "use HH:MM"),
        ({"days": "mon", "from": 480, "to": "16:00"}, "in quotes"),
        ({"days": "mon", "from": "08:00", "to": "08:00"}, "same time"),
        ({"days": "mon", "form": "08:00", "to": "16:00"}, "Extra inputs"),
    ],
)
def test_bad_hours_are_explained(rule, message):
    with pytest.raises(ValidationError) as error:
        Hours.model_validate({"weekly": [rule]})
    assert message in str(error.value)


def test_bad_exceptions_are_explained():
    with pytest.raises(ValidationError, match="`closed: true` or both"):
        Hours.model_validate({"exceptions": [{"date": dt.date(2026, 1, 2)}]})
    with pytest.raises(ValidationError, match="before"):
        Hours.model_validate(
            {
                "exceptions": [
                    {"date": dt.date(2026, 1, 2), "until": dt.date(2026, 1, 1), "closed": True}
                ]
            }
        )
