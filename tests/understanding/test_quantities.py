"""A baby's age and a temperature read as numbers (fever under three months is urgent)."""

from __future__ import annotations

import pytest

from neuvobot.understanding.quantities import ages, fevers
from neuvobot.understanding.words import analyse_words


def _days(text: str) -> list[int]:
    return [age.days for age in ages(analyse_words(text))]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("6 vkon ikäisellä on kuumetta", [42]),
        ("Vår bebis är sex veckor och har feber", [42]),
        ("my baby 1 month body very hot", [30]),
        ("vauva 2kk, kuumetta", [60]),
        ("3-viikkoinen vauva", [21]),
        ("kuusiviikkoinen nukkuu paljon", [42]),
        ("a six-week-old with a fever", [42]),
        ("lillan är fem månader gammal", [150]),
        ("meidän vauva on 7 kk", [210]),
    ],
)
def test_ages_in_days_weeks_and_months(text, days):
    assert _days(text) == days


@pytest.mark.parametrize(
    "text",
    [
        "vauvalla on ollut nuhaa jo 2 viikkoa",  # a duration, not an age
        "baby has had a cough for two weeks",
        "bebisen har varit förkyld i två veckor",
        "we waited a week for the appointment",
    ],
)
def test_durations_are_not_ages(text):
    assert _days(text) == []


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("38,6 peräsuolesta", 1),
        ("har 38.5 i feber", 1),
        ("kuumetta 39 astetta", 1),
        ("40 °C", 1),
        ("poika on 38 cm pitkä", 0),
        ("38 vuotta vanha äiti", 0),
        ("37,2 on normaali", 0),
    ],
)
def test_fevers_are_temperatures_from_38(text, count):
    assert len(fevers(analyse_words(text))) == count
