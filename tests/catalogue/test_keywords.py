"""`catalogue check` warns about keywords that match questions about anything."""

from __future__ import annotations

from neuvobot.catalogue.checks import keyword_problems
from neuvobot.catalogue.loader import load_catalogue
from tests.conftest import SHIPPED_CATALOGUE


def test_shipped_keywords_hold_no_stop_words_or_fragments():
    assert keyword_problems(load_catalogue(SHIPPED_CATALOGUE)) == []


ENTRY = """
area: turku
services:
  - id: turku-library
    type: library_family_services
    name: {fi: Turun kaupunginkirjasto, sv: Åbo stadsbibliotek}
    summary: {fi: Satutunnit ja lastenkirjat., sv: Sagostunder och barnböcker.}
    keywords:
      fi: [satutunti, ei]
      sv: [sagostund, inte]
      en: [story, pre-]
    provider: {kind: municipality, name: {fi: Turun kaupunki}}
    channels:
      - kind: web
        url: https://example.org/kirjasto
    review: needed
"""


def test_a_stop_word_keyword_is_reported_with_file_line_and_field(make_catalogue):
    root = make_catalogue({"varsinais-suomi/turku.yaml": ENTRY})
    catalogue = load_catalogue(root)
    assert catalogue.problems == []  # a warning: the catalogue still loads
    problems = keyword_problems(catalogue)
    fields = sorted(p.field.rsplit(".", 1)[1] for p in problems)
    assert fields == ["en", "fi", "sv"]
    assert all(p.line > 0 and p.path.endswith(".yaml") for p in problems)
    assert any("'ei'" in p.message for p in problems)
