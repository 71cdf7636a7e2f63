"""Emergency and shelter cards only where they fit (issue 13): not as filler."""

from __future__ import annotations

import pytest

from neuvobot.catalogue.loader import load_catalogue
from neuvobot.search.engine import SearchEngine
from tests.conftest import SHIPPED_CATALOGUE

EMERGENCY = {"emergency_number", "emergency_care", "emergency_social_services"}
VIOLENCE = {"shelter", "domestic_violence"}


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return SearchEngine.build(load_catalogue(SHIPPED_CATALOGUE), tmp_path_factory.mktemp("i"))


def _types(engine, text, municipality="turku", acute=False, limit=3):
    result = engine.search(text, municipality, limit=limit, acute=acute)
    return [hit.service.type for hit in result.hits]


@pytest.mark.parametrize(
    "text",
    [
        "1-vuotias heräilee öisin monta kertaa, mistä apua",
        "vår fyraåring sover dåligt på natten",
        "day care place for my 2 year old, how to apply",
        "perhetyö, mitä se on",
    ],
)
def test_ordinary_questions_get_no_emergency_or_shelter_card(engine, text):
    assert not set(_types(engine, text, limit=10)) & (EMERGENCY | VIOLENCE)


@pytest.mark.parametrize(
    "text",
    [
        "5-vuotias lyö muita lapsia päiväkodissa",
        "our 4 year old hits other kids at daycare",
    ],
)
def test_a_child_hitting_other_children_is_no_domestic_violence(engine, text):
    assert not set(_types(engine, text, limit=10)) & VIOLENCE


@pytest.mark.parametrize(
    "text",
    [
        "mieheni lyö minua kun lapset nukkuu, minne voin mennä",
        "min sambo slår mig, vart kan jag vända mig",
        "my husband hits me, where can I go with the kids",
    ],
)
def test_an_adults_violence_brings_the_violence_services(engine, text):
    assert set(_types(engine, text)) & VIOLENCE


def test_a_question_naming_the_service_gets_it(engine):
    assert "shelter" in _types(engine, "turvakodin yhteystiedot", limit=10)
    assert "emergency_social_services" in _types(engine, "sosiaalipäivystyksen numero", limit=10)


def test_danger_now_lets_the_emergency_number_show(engine):
    text = "lapsi ei hengitä"
    assert "emergency_number" not in _types(engine, text, limit=10)
    assert "emergency_number" in _types(engine, text, acute=True, limit=10)
