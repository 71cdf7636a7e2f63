"""`neuvobot catalogue report` on a fixture catalogue with known, planted problems.

The fixture (tests/fixtures/report-catalogue/) has a national file, the Varsinais-Suomi
region, Turku and Salo, and a broken Jyväskylä file; each file's header comment lists what
is wrong in it.
"""

from __future__ import annotations

import datetime as dt
import html
from html.parser import HTMLParser

import pytest

from neuvobot.catalogue.loader import load_catalogue
from neuvobot.catalogue.report import Finding, Kind, Report, collect_report
from neuvobot.catalogue.report_render import render_html, render_markdown, render_text
from tests.catalogue.test_cli import neuvobot
from tests.conftest import PROJECT

FIXTURE = "tests/fixtures/report-catalogue"
TODAY = dt.date(2026, 12, 1)
NATIONAL = f"{FIXTURE}/national.yaml"
REGION = f"{FIXTURE}/varsinais-suomi/region.yaml"
TURKU = f"{FIXTURE}/varsinais-suomi/turku.yaml"
SALO = f"{FIXTURE}/varsinais-suomi/salo.yaml"
JYVASKYLA = f"{FIXTURE}/keski-suomi/jyvaskyla.yaml"


@pytest.fixture
def report(monkeypatch) -> Report:
    # Paths in findings are relative to where the command runs, as in `catalogue check`.
    monkeypatch.chdir(PROJECT)
    return collect_report(FIXTURE, months=12, today=TODAY)


def group_of(report: Report, title: str) -> list[Finding]:
    titles = [group.title for group, _ in report.groups]
    assert title in titles, titles
    return next(findings for group, findings in report.groups if group.title == title)


def only(findings: list[Finding], kind: Kind, entry: str | None = None) -> Finding:
    matching = [f for f in findings if f.kind == kind and (entry is None or f.entry == entry)]
    assert len(matching) == 1, findings
    return matching[0]


def test_review_needed_is_listed_under_its_municipality_and_provider(report):
    turku = group_of(report, "Turku — Turun kaupunki")
    finding = only(turku, Kind.review_needed)
    assert (finding.where, finding.entry) == (f"{TURKU}:17", "turku-early-childhood-education")
    assert "reviewed: 2026-12-01" in finding.action
    region = group_of(report, "Varsinais-Suomi — Varsinais-Suomen hyvinvointialue (Varha)")
    assert only(region, Kind.review_needed).where == f"{REGION}:22"


def test_overdue_review_follows_the_months_setting(report, monkeypatch):
    salo = group_of(report, "Salo — Salon kaupunki")
    finding = only(salo, Kind.review_overdue)
    assert (finding.where, finding.entry) == (f"{SALO}:17", "salo-early-childhood-education")
    assert "2025-06-30" in finding.message
    national = group_of(report, "National — Esimerkkijärjestö ry")
    assert only(national, Kind.review_overdue).where == f"{NATIONAL}:37"
    # Reviewed 17 months before "today": not overdue with a 24-month limit.
    relaxed = collect_report(FIXTURE, months=24, today=TODAY)
    assert not [f for f in relaxed.findings if f.kind == Kind.review_overdue and "salo" in f.path]
    assert [f.entry for f in relaxed.findings if f.kind == Kind.review_overdue] == [
        "national-example-helpline"
    ]


def test_missing_translations_where_they_are_expected(report):
    turku = only(group_of(report, "Turku — Turun kaupunki"), Kind.missing_translation)
    assert turku.where == f"{TURKU}:6"
    assert "Swedish (sv) summary" in turku.message and "bilingual" in turku.message
    national = only(group_of(report, "National — Esimerkkijärjestö ry"), Kind.missing_translation)
    assert national.where == f"{NATIONAL}:22"
    assert "English (en) summary" in national.message and "Swedish" not in national.message
    # Salo is Finnish-speaking: no Swedish needed there.
    assert not [
        f for f in group_of(report, "Salo — Salon kaupunki") if f.kind == "missing_translation"
    ]


def test_a_municipality_without_a_local_service_type(report):
    salo = group_of(report, "Salo — Salon kaupunki")
    finding = only(salo, Kind.missing_local_service)
    assert finding.where == f"{SALO}:1"
    assert "library_family_services" in finding.message and "Salo" in finding.message
    assert "Add an entry of type library_family_services to this file" in finding.action
    # Turku has both local types; the clinic comes from the region, which counts as local.
    assert not [
        f for f in group_of(report, "Turku — Turun kaupunki") if f.kind == "missing_local_service"
    ]
    # A municipality with no file at all is told to create it.
    aura = group_of(report, "Aura")
    assert {f.message.split()[5] for f in aura} == {
        "early_childhood_education",
        "library_family_services",
    }
    assert aura[0].where == f"{FIXTURE}/varsinais-suomi/aura.yaml:1"
    assert "Create this file with `area: aura`" in aura[0].action


def test_region_scope_type_nobody_provides_goes_to_the_region(report):
    finding = only(group_of(report, "Keski-Suomi"), Kind.missing_coverage)
    assert finding.where == f"{FIXTURE}/keski-suomi/region.yaml:1"
    assert "emergency_social_services" in finding.message
    assert "any municipality of Keski-Suomi" in finding.message
    assert not [
        f for f in report.findings if f.kind == "missing_coverage" and "varsinais" in f.path
    ]


def test_channels_without_hours_and_hours_that_never_open(report):
    national = group_of(report, "National — Esimerkkijärjestö ry")
    no_hours = only(national, Kind.no_hours)
    assert (no_hours.where, no_hours.entry) == (f"{NATIONAL}:32", "national-example-helpline")
    assert "channels[0] (phone)" in no_hours.message
    region = group_of(report, "Varsinais-Suomi — Varsinais-Suomen hyvinvointialue (Varha)")
    never = only(region, Kind.never_opens)
    assert (never.where, never.entry) == (f"{REGION}:18", "varha-child-health-clinic")
    # A web page needs no hours, and the 24/7 and weekly channels are fine.
    assert len([f for f in report.findings if f.kind in ("no_hours", "never_opens")]) == 2


def test_load_problems_are_reported_per_file_with_their_entry(report):
    turku = group_of(report, "Turku — Turun kaupunki")
    bad_url = only(turku, Kind.bad_contact)
    assert (bad_url.where, bad_url.entry) == (f"{TURKU}:48", "turku-library-bus")
    assert "channels[0].url: web address 'www.example.org/turku/kirjastoauto'" in bad_url.message
    assert "keeps serving the last good catalogue" in bad_url.action
    salo = only(group_of(report, "Salo — Salon kaupunki"), Kind.load_problem)
    assert (salo.where, salo.entry) == (f"{SALO}:20", "salo-library")
    assert "unknown service type 'libary_family_services'" in salo.message
    # A file that is not YAML at all still lands in its municipality's group.
    broken = only(group_of(report, "Jyväskylä"), Kind.load_problem)
    # The line of the unclosed { (6), not the line where the parser gave up (7).
    assert broken.where == f"{JYVASKYLA}:6" and "YAML syntax error" in broken.message


def test_a_clean_entry_has_no_findings(report):
    entries = {f.entry for f in report.findings}
    assert "national-emergency-number-112" not in entries
    assert "turku-library" not in entries
    assert "varha-emergency-social-services" not in entries


def test_groups_are_national_then_each_region_with_its_municipalities(report):
    titles = [group.title for group, _ in report.groups]
    assert titles[0] == "National — Esimerkkijärjestö ry"
    assert titles.index("Keski-Suomi") < titles.index("Jyväskylä")
    assert titles.index("Jyväskylä") < titles.index(
        "Varsinais-Suomi — Varsinais-Suomen hyvinvointialue (Varha)"
    )
    assert titles.index(
        "Varsinais-Suomi — Varsinais-Suomen hyvinvointialue (Varha)"
    ) < titles.index("Salo — Salon kaupunki")
    assert titles.index("Salo — Salon kaupunki") < titles.index("Turku — Turun kaupunki")


def test_text_report_names_group_summary_place_entry_and_action(report):
    text = render_text(report)
    assert (
        "Turku — Turun kaupunki: 1 bad phone number or link, 1 entry needs review, "
        "1 entry missing translations\n"
    ) in text
    assert f"  {SALO}:17: salo-early-childhood-education: last reviewed 2025-06-30" in text
    assert "      What to do: Check every detail" in text
    assert "7 entries loaded" in text


def test_markdown_has_the_same_findings(report):
    md = render_markdown(report)
    assert "## Turku — Turun kaupunki\n" in md
    assert f"- `{TURKU}:48`: `turku-library-bus`: " in md
    for finding in report.findings:
        assert f"`{finding.where}`" in md
    # Markdown characters in messages do not turn into formatting.
    assert "channels\\[0\\]" in md


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_one_self_contained_escaped_page(report):
    page = render_html(report)
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    parser = _Collect()
    parser.feed(page)
    assert not {"script", "link", "img", "iframe"} & set(parser.tags)
    text = "".join(parser.text)
    for finding in report.findings:
        assert finding.where in text
    assert "Turku — Turun kaupunki" in text
    assert parser.tags.count("li") == len(report.findings)


def test_html_escapes_what_editors_wrote(make_catalogue, monkeypatch):
    root = make_catalogue(
        {
            "varsinais-suomi/turku.yaml": """
            area: turku
            services:
              - id: turku-x
                type: library_family_services
                name: {fi: Kirjasto}
                summary: {fi: Kirjasto.}
                provider: {kind: municipality, name: {fi: "<b>Turku</b> & co"}}
                channels:
                  - kind: phone
                    phone: "<script>alert(1)</script>"
                review: needed
            """
        }
    )
    monkeypatch.chdir(root.parent)
    page = render_html(collect_report(root, today=TODAY))
    assert "<script>" not in page and "<b>Turku</b>" not in page
    assert html.escape("<script>alert(1)</script>") in page
    assert "Turku — &lt;b&gt;Turku&lt;/b&gt; &amp; co" in page


def test_command_formats_out_file_and_exit_codes(tmp_path):
    text = neuvobot("catalogue", "report", FIXTURE)
    assert text.returncode == 0, text.stderr  # findings are not a failure
    assert "Salo — Salon kaupunki: 1 file problem" in text.stdout
    md = neuvobot("catalogue", "report", FIXTURE, "--format", "markdown")
    assert md.returncode == 0 and md.stdout.startswith("# Catalogue report\n")
    out = tmp_path / "report.html"
    page = neuvobot("catalogue", "report", FIXTURE, "--format", "html", "--out", str(out))
    assert page.returncode == 0, page.stderr
    assert page.stdout.startswith(f"Report written to {out}: ")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    relaxed = neuvobot("catalogue", "report", FIXTURE, "--months", "600")
    assert "not reviewed for over" not in relaxed.stdout
    missing = neuvobot("catalogue", "report", str(tmp_path / "nope"))
    assert missing.returncode == 1
    assert "no such catalogue directory" in missing.stderr and "Traceback" not in missing.stderr
    bad = neuvobot("catalogue", "report", FIXTURE, "--months", "zero")
    assert bad.returncode == 2 and "whole number of months" in bad.stderr


def test_shipped_catalogue_report_runs_without_load_problems(shipped_catalogue_dir):
    report = collect_report(shipped_catalogue_dir, today=TODAY)
    assert report.entries > 200
    assert not [f for f in report.findings if f.kind in ("load_problem", "bad_contact")]
    needs_review = [f.entry for f in report.findings if f.kind == Kind.review_needed]
    catalogue = load_catalogue(shipped_catalogue_dir)
    assert sorted(needs_review) == sorted(s.id for s in catalogue.services if s.needs_review)


def test_weekly_hours_closed_for_good_by_an_exception_never_open(make_catalogue, monkeypatch):
    root = make_catalogue(
        {
            "varsinais-suomi/turku.yaml": """
            area: turku
            services:
              - id: turku-x
                type: library_family_services
                name: {fi: Kirjasto, sv: Bibliotek}
                summary: {fi: Kirjasto., sv: Bibliotek.}
                provider: {kind: municipality, name: {fi: Turun kaupunki}}
                channels:
                  - kind: phone
                    phone: "112"
                    hours:
                      weekly:
                        - {days: mon-fri, from: "09:00", to: "16:00"}
                      exceptions:
                        - {date: 2026-01-01, until: 2030-12-31, closed: true}
                  - kind: phone
                    phone: "116 117"
                    hours:
                      weekly:
                        - {days: mon-fri, from: "09:00", to: "16:00"}
                      exceptions:
                        - {date: 2026-12-01, until: 2026-12-31, closed: true}
                reviewed: 2026-11-01
            """
        }
    )
    monkeypatch.chdir(root.parent)
    never = [f for f in collect_report(root, today=TODAY).findings if f.kind == Kind.never_opens]
    assert [(f.entry, f.where) for f in never] == [
        ("turku-x", "catalogue/varsinais-suomi/turku.yaml:11")
    ]


UNREACHABLE = """
area: turku
services:
  - id: turku-{n}
    type: library_family_services
    name: {{fi: Kirjasto {n}}}
    summary: {{fi: Kirjasto.}}
    provider: {{kind: municipality, name: {{fi: Turun kaupunki}}}}
    review: needed
"""


def test_summary_first_then_unreachable_entries_each_finding_once(make_catalogue, monkeypatch):
    body = "".join(UNREACHABLE.format(n=n).split("services:\n", 1)[1] for n in ("a", "b"))
    root = make_catalogue({"varsinais-suomi/turku.yaml": "area: turku\nservices:\n" + body})
    monkeypatch.chdir(root.parent)
    text = render_text(collect_report(root, today=TODAY))
    lines = text.splitlines()
    summary = next(i for i, line in enumerate(lines) if line.startswith("Summary:"))
    assert "2 entries without a contact channel" in lines[summary]
    assert "2 entries need review" in lines[summary]
    first = next(i for i, line in enumerate(lines) if line.startswith("First:"))
    turku = next(i for i, line in enumerate(lines) if line.startswith("Turku"))
    assert summary < first < turku
    assert text.count("has no contact channel") == 2  # once each, not again under Turku
    # the advice once per kind under a heading, not once per finding
    assert text.count("What to do: Add the phone number") == 1
    assert text.count("What to do: Check the details") == 1
