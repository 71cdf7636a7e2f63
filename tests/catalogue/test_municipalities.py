"""The 49 municipalities: complete, correctly slugged, and in sync with the shared list."""

from __future__ import annotations

import yaml

from neuvobot.catalogue.model import slugify
from neuvobot.catalogue.municipalities import MUNICIPALITIES, REGIONS, suggest_slug
from tests.conftest import PROJECT, SHARED


def test_all_49_in_two_regions():
    assert len(MUNICIPALITIES) == 49
    assert len(REGIONS["varsinais-suomi"]) == 27
    assert len(REGIONS["keski-suomi"]) == 22


def test_slugs_follow_the_rule():
    for slug, m in MUNICIPALITIES.items():
        assert slug == slugify(m.fi), m
    assert slugify("Koski Tl") == "koski-tl"
    assert slugify("Äänekoski") == "aanekoski"
    assert slugify("Pöytyä") == "poytya"
    assert {"turku", "koski-tl", "aanekoski", "jyvaskyla"} <= set(MUNICIPALITIES)


def test_codes_are_three_character_strings():
    assert MUNICIPALITIES["aura"].code == "019"
    assert all(len(m.code) == 3 and m.code.isdigit() for m in MUNICIPALITIES.values())
    assert len({m.code for m in MUNICIPALITIES.values()}) == 49


def test_swedish_names():
    assert MUNICIPALITIES["turku"].sv == "Åbo"
    assert MUNICIPALITIES["parainen"].sv == "Pargas"
    assert MUNICIPALITIES["kemionsaari"].sv == "Kimitoön"
    assert MUNICIPALITIES["uusikaupunki"].sv == "Nystad"
    assert MUNICIPALITIES["turku"].display_name("sv") == "Åbo"
    assert MUNICIPALITIES["jyvaskyla"].display_name("sv") == "Jyväskylä"


def test_packaged_copy_matches_shared_list():
    shared = SHARED / "municipalities.yaml"
    packaged = PROJECT / "neuvobot" / "catalogue" / "municipalities.yaml"
    if shared.exists():
        assert yaml.safe_load(shared.read_text()) == yaml.safe_load(packaged.read_text()), (
            "copy ../shared/municipalities.yaml to neuvobot/catalogue/municipalities.yaml"
        )


def test_project_vocabulary_keeps_every_shared_type():
    shared = SHARED / "service-types.yaml"
    if shared.exists():
        ours = yaml.safe_load((PROJECT / "catalogue" / "service-types.yaml").read_text())["types"]
        theirs = yaml.safe_load(shared.read_text())["types"]
        for type_id, body in theirs.items():
            assert ours.get(type_id) == body, f"{type_id} differs from ../shared/service-types.yaml"


def test_typo_suggestions():
    assert suggest_slug("jyvaskyl") == "jyvaskyla"
    assert suggest_slug("Pöytyä") == "poytya"
    assert suggest_slug("zzzz") is None
