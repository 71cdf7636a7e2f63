"""Families type their municipality loosely; the bot still knows where they live."""

from __future__ import annotations

import pytest

from neuvobot.conversation.intents import wants_person
from neuvobot.conversation.municipality_match import match_municipality


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("turku", "turku"),
        ("Åbo", "turku"),
        ("Turussa", "turku"),
        ("asun turussa", "turku"),
        ("jyväskylässä", "jyvaskyla"),
        ("Jyvaskyla", "jyvaskyla"),
        ("uusikaupunki", "uusikaupunki"),
        ("Nystad", "uusikaupunki"),
        ("Pargas", "parainen"),
        ("S:t Karins", "kaarina"),
        ("Kimitoön", "kemionsaari"),
        ("Koski Tl", "koski-tl"),
        ("Laukaassa", "laukaa"),
        ("äänekoskella", "aanekoski"),
        ("aanekoski", "aanekoski"),
        ("Luhangassa", "luhanka"),
    ],
)
def test_names_and_inflected_forms_are_recognised(typed, slug):
    matches = match_municipality(typed)
    assert matches and matches[0].slug == slug


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("jyvaskula", "jyvaskyla"),
        ("turkuu", "turku"),
        ("pöytä", "poytya"),
        ("Kemiönsari", "kemionsaari"),
    ],
)
def test_typos_offer_the_right_municipality_to_confirm(typed, slug):
    matches = match_municipality(typed)
    assert matches and not matches[0].exact
    assert slug in [m.slug for m in matches]


@pytest.mark.parametrize("typed", ["helsinki", "hei mitä kuuluu", "", "x" * 500, "???"])
def test_other_text_is_not_taken_for_a_municipality(typed):
    matches = match_municipality(typed)
    assert not matches or not matches[0].exact


@pytest.mark.parametrize(
    "text",
    [
        "haluan puhua hoitajalle",
        "voinko jutella terkkarin kanssa",
        "saisinko yhteyttä terveydenhoitajaan",
        "kan jag prata med en hälsovårdare",
        "can I talk to a nurse",
        "I want to speak with a real person",
        "haluun puhuu jonkun oikeen ihmisen kaa",
    ],
)
def test_asking_for_a_person(text):
    assert wants_person(text)


@pytest.mark.parametrize(
    "text",
    [
        "vauva ei nuku",
        "puhuuko lapsi liian vähän hoitajan mielestä",
        "my toddler cant talk",
        "barnet pratar inte",
        "puheterapiaan jonoa?",
    ],
)
def test_questions_are_not_taken_for_asking_a_person(text):
    assert not wants_person(text)
