"""Insights keep what families asked, never who they are: scrubbing personal data."""

from __future__ import annotations

import pytest

from neuvobot.catalogue.loader import load_catalogue
from neuvobot.insights.scrub import GAP, base_vocabulary, catalogue_vocabulary, has_content, scrub


@pytest.mark.parametrize(
    "text, secret",
    [
        ("soittakaa minulle +358 40 123 4567 kiitos", "4567"),
        ("numeroni on 040 123 4567", "123"),
        ("numero 040-1234567 illalla", "1234567"),
        ("lankapuhelin (02) 262 0624", "0624"),
        ("lapsen hetu 131052-308T ja neuvola", "131052"),
        ("hetu 010120A123B", "A123B"),
        ("vastaa osoitteeseen matti.meikalainen@example.com", "meikalainen"),
        ("katso https://www.example.fi/sivu?id=5 tästä", "example"),
        ("katso www.perhe-esimerkki.fi", "esimerkki"),
        ("asiakasnumero 55512 hukassa", "55512"),
        ("syntynyt 3.4.2021 keskosena", "2021"),
        ("telegramissa @matti_v", "matti"),
    ],
)
def test_numbers_codes_addresses_and_links_are_removed(text, secret):
    scrubbed = scrub(text)
    assert secret.lower() not in scrubbed.lower(), scrubbed
    assert GAP in scrubbed


@pytest.mark.parametrize(
    "text, name",
    [
        ("Mun 2v Matti ei puhu vielä", "Matti"),  # a first name mid-sentence
        ("Oliver ei nuku öisin", "Oliver"),  # a first name at the start of a sentence
        ("Haluan puhua Virtasen kanssa", "Virtasen"),  # an inflected surname
        ("poika Eetu tarvitsee puheterapiaa", "Eetu"),
        ("aino ei syö kunnolla", "aino"),  # a name typed in lowercase
        ("Onni itkee joka yö", "Onni"),  # a name that is also a common word
        ("Anna-Liisa tarvitsee apua", "Anna"),
        ("my son Jack needs speech therapy", "Jack"),
        ("Jag behöver dagvård för Elsa", "Elsa"),
        ("Zyxwan ei puhu", "Zyxwan"),  # unknown capitalised word at the start: could be a name
        ("naapuri Pekkala huutaa", "Pekkala"),  # unknown to the dictionary, mid-sentence
    ],
)
def test_anything_like_a_name_is_dropped(text, name):
    scrubbed = scrub(text)
    assert name.lower() not in scrubbed.lower(), scrubbed


def test_the_question_itself_survives():
    assert scrub("Mun 2v Matti ei puhu vielä") == f"Mun 2v {GAP} ei puhu vielä"
    # Sentence starts, municipalities (inflected too) and service words stay.
    assert (
        scrub("Missä on perheneuvola Turussa? Kelan lapsilisä ja Kela-kortti.")
        == "Missä on perheneuvola Turussa? Kelan lapsilisä ja Kela-kortti."
    )
    assert scrub("Where can I get daycare in Kaarina") == "Where can I get daycare in Kaarina"
    assert scrub("MUN LAPSI EI NUKU") == "mun lapsi ei nuku"  # shouting is not a name


def test_catalogue_words_are_known_words(make_catalogue):
    root = make_catalogue({"synonyms.yaml": "fi:\n  vauvauinti: [Uimahalli]\n"})
    catalogue = load_catalogue(root)
    known = catalogue_vocabulary(catalogue)
    assert "uimahalli" in known and "turku" in known
    assert scrub("menisimme Uimahalli kurssille", known) == "menisimme Uimahalli kurssille"
    assert scrub("menisimme Uimahalli kurssille", base_vocabulary()) == (
        f"menisimme {GAP} kurssille"
    )


def test_unknown_tokens_go_but_typos_of_catalogue_words_stay(make_catalogue):
    # A nickname, a username or a code is no dictionary word: it could say who asked.
    assert scrub("kuumemittari zyxwpetteri rikki") == f"kuumemittari {GAP} rikki"
    assert scrub("my kid needs daycare") == "my kid needs daycare"  # English words are known
    root = make_catalogue({"synonyms.yaml": "fi:\n  kirjasto: [kirjasto]\n"})
    known = catalogue_vocabulary(load_catalogue(root))
    # "kirjsto" is a typo of a catalogue word: exactly what editors should see.
    assert scrub("kirjsto auki", known) == "kirjsto auki"
    assert scrub("kirjsto auki") == f"{GAP} auki"


def test_nothing_left_is_not_worth_keeping():
    assert not has_content(scrub("Matti Virtanen 040 123 4567"))
    assert has_content(scrub("vauvauinti Turussa"))
