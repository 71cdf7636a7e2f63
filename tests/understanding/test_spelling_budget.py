"""Spelling help for unknown Finnish words has a budget per question, so a pasted text of
unknown words cannot hold every other family's answer; what the budget left out is not
remembered as final."""

from __future__ import annotations

import pytest

from neuvobot.understanding.finnish import finnish_morphology, suggestion_budget


@pytest.fixture
def morph():
    morphology = finnish_morphology()
    if not morphology.has_voikko:
        pytest.skip("Voikko is not installed")
    return morphology


def test_the_budget_limits_spelling_help_and_leaves_the_rest_for_later(morph):
    typos = ["perheneuvla", "lastenneuvla", "kouluterveydenhoitja"]
    for word in typos:  # not seen before in this process
        morph._cache.pop(word, None)
    with suggestion_budget(1):
        helped = [word for word in typos if len(morph.terms(word)) > 2]
    assert helped == ["perheneuvla"]  # the first unknown word only
    # outside a budget the others get their spelling help (they were not cached without it)
    assert "neuvola" in morph.terms("lastenneuvla")
