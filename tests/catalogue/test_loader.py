"""Every kind of loader error names the file, the line and the field, and says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from neuvobot.catalogue.loader import load_catalogue

VALID = """
area: turku
services:
  - id: turku-library
    type: library_family_services
    name: {fi: Turun kaupunginkirjasto, sv: Åbo stadsbibliotek}
    summary: {fi: Satutunnit ja lastenkirjat., sv: Sagostunder och barnböcker.}
    provider: {kind: municipality, name: {fi: Turun kaupunki}}
    channels:
      - kind: phone
        phone: "+358 2 262 0624"
        hours:
          weekly:
            - {days: mon-fri, from: "09:00", to: "16:00"}
      - kind: web
        url: https://example.org/kirjasto
    review: needed
"""


def problems_of(root: Path) -> list[str]:
    return [str(p) for p in load_catalogue(root).problems]


def only_problem(root: Path) -> str:
    problems = problems_of(root)
    assert len(problems) == 1, problems
    return problems[0]


def test_valid_file_loads_and_expands_area(make_catalogue):
    root = make_catalogue({"varsinais-suomi/turku.yaml": VALID})
    catalogue = load_catalogue(root)
    assert catalogue.problems == []
    service = catalogue.by_id["turku-library"]
    assert catalogue.serves(service) == {"turku"}
    assert catalogue.origins["turku-library"].line == 3
    assert [s.id for s in catalogue.for_municipality("turku")] == ["turku-library"]
    assert catalogue.for_municipality("aura") == []


def test_yaml_syntax_error_reports_its_line(make_catalogue):
    broken = VALID.replace(
        "    type: library_family_services", "    type: [library_family_services"
    )
    root = make_catalogue({"varsinais-suomi/turku.yaml": broken})
    problem = only_problem(root)
    assert problem.startswith("catalogue/varsinais-suomi/turku.yaml:") or "turku.yaml:" in problem
    assert "YAML syntax error" in problem
    line = int(problem.split("turku.yaml:")[1].split(":")[0])
    assert 4 <= line <= 6


def test_unknown_type_points_at_the_type_line(make_catalogue):
    root = make_catalogue({"t.yaml": VALID.replace("library_family_services", "libary")})
    problem = only_problem(root)
    assert "t.yaml:4: turku-library.type: unknown service type 'libary'" in problem


def test_duplicate_id_names_both_places(make_catalogue):
    root = make_catalogue({"a.yaml": VALID, "b.yaml": VALID})
    problem = only_problem(root)
    assert "b.yaml:3: turku-library.id: duplicate id: also used at" in problem
    assert "a.yaml:3" in problem


def test_unknown_municipality_suggests_the_slug(make_catalogue):
    root = make_catalogue({"t.yaml": VALID.replace("area: turku", "area: turkku")})
    problem = only_problem(root)
    assert "t.yaml:1: area: unknown area 'turkku' (did you mean 'turku'?)" in problem


def test_unknown_municipality_in_service_areas(make_catalogue):
    text = VALID.replace(
        "    review: needed", "    areas: [turku, jyvaskyla, nowhere]\n    review: needed"
    )
    problem = only_problem(make_catalogue({"t.yaml": text}))
    assert "t.yaml:16: turku-library.areas: unknown area 'nowhere'" in problem


def test_bad_phone_number(make_catalogue):
    problem = only_problem(make_catalogue({"t.yaml": VALID.replace("+358 2 262 0624", "call us")}))
    assert "t.yaml:10: turku-library.channels[0].phone:" in problem
    assert "not a Finnish number" in problem


def test_unquoted_phone_number_is_explained(make_catalogue):
    problem = only_problem(make_catalogue({"t.yaml": VALID.replace('"+358 2 262 0624"', "116117")}))
    assert "t.yaml:10:" in problem and "in quotes" in problem


def test_bad_url(make_catalogue):
    problem = only_problem(
        make_catalogue({"t.yaml": VALID.replace("https://example.org/kirjasto", "www.example")})
    )
    assert "t.yaml:15: turku-library.channels[1].url:" in problem
    assert "https://" in problem


@pytest.mark.parametrize(
    "link",
    [
        "https://example.org/<script>alert(1)</script>",
        'https://example.org/a"b',
        "https://example.org/a b",
    ],
)
def test_url_with_markup_or_spaces_is_refused(make_catalogue, link):
    problem = only_problem(
        make_catalogue({"t.yaml": VALID.replace("https://example.org/kirjasto", f"'{link}'")})
    )
    assert "t.yaml:15: turku-library.channels[1].url:" in problem and "plain link" in problem


def test_impossible_hours(make_catalogue):
    problem = only_problem(make_catalogue({"t.yaml": VALID.replace('to: "16:00"', 'to: "25:00"')}))
    assert "t.yaml:13: turku-library.channels[0].hours.weekly[0].to" in problem
    assert "25:00" in problem or "HH:MM" in problem


def test_missing_finnish_name(make_catalogue):
    text = VALID.replace(
        "name: {fi: Turun kaupunginkirjasto, sv: Åbo stadsbibliotek}",
        "name: {sv: Åbo stadsbibliotek}",
    )
    problem = only_problem(make_catalogue({"t.yaml": text}))
    assert "t.yaml:5: turku-library.name.fi: `fi` is required" in problem


def test_misspelt_field_is_reported_not_ignored(make_catalogue):
    problems = problems_of(make_catalogue({"t.yaml": VALID.replace("    summary:", "    sumary:")}))
    assert any("t.yaml:6: turku-library.sumary: unknown field" in p for p in problems), problems
    assert any("t.yaml:3: turku-library.summary: `summary` is required" in p for p in problems)


def test_review_state_must_be_given_once(make_catalogue):
    problem = only_problem(make_catalogue({"t.yaml": VALID.replace("    review: needed\n", "")}))
    assert "turku-library" in problem and "reviewed: YYYY-MM-DD" in problem


def test_channel_without_its_detail(make_catalogue):
    text = VALID.replace('        phone: "+358 2 262 0624"\n', "")
    problem = only_problem(make_catalogue({"t.yaml": text}))
    assert "t.yaml:9: turku-library.channels[0]:" in problem
    assert "leave the channel out and set `review: needed`" in problem


def test_duplicate_yaml_key(make_catalogue):
    text = VALID.replace("    review: needed", "    review: needed\n    review: needed")
    problem = only_problem(make_catalogue({"t.yaml": text}))
    assert "t.yaml:17:" in problem and "appears twice" in problem and "line 16" in problem


def test_all_problems_in_one_run(make_catalogue):
    root = make_catalogue(
        {
            "a.yaml": VALID.replace("library_family_services", "nope"),
            "b.yaml": VALID.replace("turku-library", "b-lib").replace(
                "https://example.org/kirjasto", "ftp://x"
            ),
            "c.yaml": "services: [unclosed",
        }
    )
    problems = problems_of(root)
    assert len(problems) == 3
    assert [p.split(":")[0].rsplit("/", 1)[-1] for p in problems] == ["a.yaml", "b.yaml", "c.yaml"]


def test_not_utf8(make_catalogue, tmp_path):
    root = make_catalogue({"t.yaml": VALID})
    (root / "t.yaml").write_bytes("area: turku\n# k\xe4\n".encode("latin-1"))
    assert "not UTF-8" in only_problem(root)


def test_huge_file_is_refused_with_a_clear_message(make_catalogue):
    root = make_catalogue({"t.yaml": VALID + "#" + "x" * 2_100_000 + "\n"})
    problem = only_problem(root)
    assert "t.yaml:1: file:" in problem and "split it" in problem


def test_missing_directory():
    catalogue = load_catalogue("/nonexistent/catalogue")
    assert "directory not found" in str(catalogue.problems[0])


def test_synonyms_file_is_checked(make_catalogue):
    root = make_catalogue(
        {
            "t.yaml": VALID,
            "synonyms.yaml": "fi:\n  päiväkoti: [varhaiskasvatus]\n  ero:\nde:\n  kita: [x]\n",
        }
    )
    problems = problems_of(root)
    assert any("synonyms.yaml:3: fi.ero:" in p for p in problems), problems
    assert any("synonyms.yaml:4: de: unknown language" in p for p in problems), problems
    assert load_catalogue(root).synonyms["fi"] == {"päiväkoti": ["varhaiskasvatus"]}
