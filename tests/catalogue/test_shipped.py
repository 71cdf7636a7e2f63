"""The catalogue we ship: valid, complete for all 49 municipalities, and honest."""

from __future__ import annotations

import pytest

from neuvobot.catalogue.checks import coverage_problems
from neuvobot.catalogue.loader import load_catalogue
from neuvobot.catalogue.municipalities import MUNICIPALITIES
from tests.conftest import SHIPPED_CATALOGUE


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(SHIPPED_CATALOGUE)


def test_no_problems(catalogue):
    assert [str(p) for p in catalogue.problems] == []


def test_every_type_reachable_from_every_municipality(catalogue):
    assert catalogue.missing_coverage() == []


def test_texts_in_the_languages_families_there_use(catalogue):
    assert [str(p) for p in coverage_problems(catalogue)] == []


def test_every_municipality_has_its_own_file(catalogue):
    for slug, municipality in MUNICIPALITIES.items():
        region = municipality.region_slug
        assert (SHIPPED_CATALOGUE / region / f"{slug}.yaml").exists(), slug


@pytest.mark.parametrize(
    ("type_id", "phone"),
    [
        ("emergency_number", "112"),
        ("emergency_care", "116 117"),
        ("poison_information", "0800 147 111"),
        ("child_helpline", "116 111"),
        ("parent_helpline", "0800 92277"),
        ("crisis_help", "09 2525 0111"),
        ("domestic_violence", "080 005 005"),
        ("kela_family_benefits", "020 692 206"),
    ],
)
def test_national_helplines(catalogue, type_id, phone):
    national = [s for s in catalogue.services if "national" in s.areas and s.type == type_id]
    assert any(c.phone == phone for s in national for c in s.channels), type_id


def test_entries_without_verified_contacts_are_marked_for_review(catalogue):
    for service in catalogue.services:
        if not any(c.phone or c.address for c in service.channels):
            assert service.needs_review, service.id
