"""PTV (Suomi.fi) v11 import: what editors get in the catalogue, and the command's contracts.

The fixtures in tests/fixtures/ptv/ follow the v11 shapes of ../shared/ptv-examples/ with
made-up values. Most tests look at the imported files as the loader reads them, because that
is what the bot serves once an editor has reviewed them.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

from neuvobot.catalogue.hours import HELSINKI
from neuvobot.catalogue.loader import Catalogue, load_catalogue
from neuvobot.catalogue.model import ChannelKind, Service
from neuvobot.catalogue.ptv.convert import convert, convert_channel, provider_kind
from neuvobot.catalogue.ptv.records import Phone, PtvChannel, PtvService, WebLink
from neuvobot.catalogue.ptv.service_types import RULES, choose_type
from neuvobot.catalogue.ptv.v11 import read_files
from neuvobot.cli import main
from tests.conftest import PROJECT, SHIPPED_CATALOGUE

FIXTURES = PROJECT / "tests" / "fixtures" / "ptv"
SERVICES = FIXTURES / "services-page.json"
CHANNELS = FIXTURES / "channels.json"
TODAY = "2026-12-01"
PERHENEUVOLA = "11111111-0000-4000-8000-000000000001"
SOSIAALIPAIVYSTYS = "11111111-0000-4000-8000-000000000002"
LAPSILISA = "11111111-0000-4000-8000-000000000003"
PARGAS = "11111111-0000-4000-8000-000000000004"
NEUVOLA = "11111111-0000-4000-8000-000000000005"


def run_import(
    capsys, out: Path, *files: Path, extra: tuple[str, ...] = ()
) -> tuple[int, str, str]:
    code = main(
        ["catalogue", "import-ptv", *map(str, files), "--out", str(out), "--today", TODAY, *extra]
    )
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def with_types(root: Path) -> Path:
    for name in ("service-types.yaml", "synonyms.yaml"):
        shutil.copy(SHIPPED_CATALOGUE / name, root / name)
    return root


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> tuple[Path, Catalogue]:
    """The fixtures imported once and loaded as a catalogue."""
    out = tmp_path_factory.mktemp("ptv") / "catalogue"
    code = main(
        [
            "catalogue",
            "import-ptv",
            str(SERVICES),
            str(CHANNELS),
            "--out",
            str(out),
            "--today",
            TODAY,
        ]
    )
    assert code == 0
    catalogue = load_catalogue(with_types(out))
    assert catalogue.problems == []
    return out, catalogue


@pytest.fixture(scope="module")
def notes() -> list[str]:
    bundle, read_notes = read_files([SERVICES, CHANNELS])
    return read_notes + convert(bundle, today=dt.date.fromisoformat(TODAY)).notes


def by_source(catalogue: Catalogue, ptv_id: str) -> Service:
    [service] = [s for s in catalogue.services if s.source == f"ptv:{ptv_id}"]
    return service


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=HELSINKI)


# ---------------------------------------------------------------------- areas and files
def test_files_follow_the_catalogue_layout(imported):
    out, catalogue = imported
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*.yaml") if "types" not in p.name)
    assert files == [
        "keski-suomi/jyvaskyla.yaml",
        "keski-suomi/region.yaml",
        "national.yaml",
        "synonyms.yaml",
        "varsinais-suomi/region.yaml",
    ]
    assert yaml.safe_load((out / "keski-suomi/jyvaskyla.yaml").read_text())["area"] == "jyvaskyla"
    assert len(catalogue.services) == 5


def test_region_area_listing_every_municipality_becomes_the_region(imported):
    _, catalogue = imported
    service = by_source(catalogue, PERHENEUVOLA)
    assert service.areas == ["region:varsinais-suomi"]
    assert catalogue.serves(service) >= {"turku", "salo", "aura"}
    assert "jyvaskyla" not in catalogue.serves(service)


def test_region_given_by_code_without_municipalities_expands_to_them(imported):
    _, catalogue = imported
    service = by_source(catalogue, SOSIAALIPAIVYSTYS)
    assert service.areas == ["region:keski-suomi"]
    assert len(catalogue.serves(service)) == 22


def test_region_area_listing_some_municipalities_serves_only_those():
    data = json.loads(SERVICES.read_text())
    service = data["itemList"][0]
    service["areas"][0]["municipalities"] = [{"code": "853"}, {"code": "202"}, {"code": "091"}]
    bundle, _ = _read_json(service)
    result = convert(bundle, today=dt.date(2026, 12, 1))
    [entry] = result.entries
    assert entry.service["areas"] == ["kaarina", "turku"]
    assert entry.file_area == "region:varsinais-suomi"
    assert any("outside Neuvobot's 49 municipalities" in n for n in result.notes)


def test_several_municipalities_go_to_the_region_file_with_their_own_areas(imported):
    _, catalogue = imported
    service = by_source(catalogue, PARGAS)
    assert service.areas == ["kaarina", "parainen"]
    assert catalogue.origins[service.id].path.endswith("varsinais-suomi/region.yaml")


def test_nationwide_service_goes_to_national_yaml(imported):
    _, catalogue = imported
    service = by_source(catalogue, LAPSILISA)
    assert service.areas == ["national"]
    assert catalogue.origins[service.id].path.endswith("national.yaml")


# ---------------------------------------------------------------------- texts and fields
def test_names_summaries_and_descriptions_per_language(imported):
    _, catalogue = imported
    service = by_source(catalogue, PERHENEUVOLA)
    assert service.name.fi == "Perheneuvola"
    assert service.name.sv == "Familjerådgivning"
    assert service.name.en == "Family counselling clinic"
    assert service.summary.en.startswith("Support for families")
    # The user instruction follows the description, as a paragraph of its own.
    assert service.description.fi.endswith("huolettavat.\n\nVaraa aika puhelimitse.")
    assert service.description.sv.startswith("Familjerådgivningen")
    assert service.description.en is None
    assert service.languages == ["fi", "sv", "en"]
    assert service.cost.value == "free"
    assert service.target_groups[0].value == "whole_family"
    assert "perheneuvonta" in service.keywords.fi  # the ontology term, for search
    assert service.keywords.sv == ["familjerådgivning"]


def test_summary_from_the_description_when_ptv_has_none(imported):
    _, catalogue = imported
    service = by_source(catalogue, SOSIAALIPAIVYSTYS)
    assert service.summary.fi == "Kiireellinen sosiaalihuolto iltaisin ja viikonloppuisin."


def test_missing_optional_fields_leave_the_fields_out(imported):
    _, catalogue = imported
    service = by_source(catalogue, LAPSILISA)
    assert service.summary.fi == "Lapsilisä"  # nothing else to say; the editor writes one
    assert service.description is None
    assert service.keywords.fi == []
    assert service.cost is None
    assert service.languages == ["fi"]
    assert service.provider.kind.value == "state_agency"
    # The printable form is reachable as a web address.
    [form] = service.channels
    assert (form.kind, form.url) == (
        ChannelKind.web,
        "https://www.example.fi/lomakkeet/lapsilisa.pdf",
    )


def test_swedish_only_service_keeps_swedish_and_stands_it_in_for_finnish(imported, notes):
    _, catalogue = imported
    service = by_source(catalogue, PARGAS)
    assert service.name.sv == service.name.fi == "Öppen mötesplats för familjer"
    assert service.provider.kind.value == "municipality"
    assert any(PARGAS in n and "name has no Finnish text" in n for n in notes)


def test_every_entry_needs_review_and_keeps_its_ptv_id(imported):
    out, catalogue = imported
    for service in catalogue.services:
        assert service.review == "needed" and service.reviewed is None
        assert service.source.startswith("ptv:")
        assert service.id.startswith("ptv-")
    text = (out / "keski-suomi/jyvaskyla.yaml").read_text()
    assert f"# From PTV service {NEUVOLA}." in text


def test_ids_are_stable_and_unique_across_imports(tmp_path, capsys):
    ids = []
    for name in ("a", "b"):
        run_import(capsys, tmp_path / name, SERVICES, CHANNELS)
        ids.append(sorted(s.id for s in load_catalogue(with_types(tmp_path / name)).services))
    assert ids[0] == ids[1]
    assert len(set(ids[0])) == 5
    assert "ptv-perheneuvola-00000001" in ids[0]


# ---------------------------------------------------------------------- channels
def test_service_location_gives_address_phone_email_and_web_channels(imported):
    _, catalogue = imported
    service = by_source(catalogue, PERHENEUVOLA)
    kinds = [c.kind.value for c in service.channels]
    assert kinds == ["location", "phone", "email", "web", "phone", "web", "e_service"]
    location = service.channels[0]
    assert location.address.street.fi == "Esimerkkikatu 1"
    assert location.address.street.sv == "Exempelgatan 1"
    assert location.address.postal_code == "20100"
    assert (location.address.city.fi, location.address.city.sv) == ("Turku", "Åbo")
    assert location.name.sv == "Åbo familjerådgivning"
    phone = service.channels[1]
    assert phone.phone_digits == "+358212345670"
    assert phone.note.fi == "Ajanvaraus; maksullinen"  # serviceChargeType Chargeable
    # The location's visiting hours are not claimed for its phone.
    assert phone.hours is None
    assert service.channels[2].email == "perheneuvola@example.fi"
    # One web address per channel: the Finnish one.
    assert service.channels[3].url == "https://www.example.fi/perheneuvola"
    assert service.channels[6].url == "https://asiointi.example.fi/ajanvaraus"
    assert service.channels[6].hours.always


def test_fax_and_postal_addresses_are_not_channels(imported):
    _, catalogue = imported
    service = by_source(catalogue, PERHENEUVOLA)
    assert all("5679" not in (c.phone or "") for c in service.channels)
    assert sum(1 for c in service.channels if c.kind is ChannelKind.location) == 1


def test_trunk_zero_after_country_code_is_dropped(imported, notes):
    _, catalogue = imported
    phone = by_source(catalogue, PERHENEUVOLA).channels[4]
    assert phone.phone == "+358 401234567"
    assert phone.note.fi == "Puhelun hinta oman operaattorin mukaan"
    assert any("dropped the 0 after +358" in n for n in notes)


def test_finnish_service_number_is_kept_as_written(imported):
    _, catalogue = imported
    [phone] = by_source(catalogue, SOSIAALIPAIVYSTYS).channels
    assert phone.phone == "0800 123 456"


def test_contact_details_that_fail_our_checks_are_left_out_with_a_note(imported, notes):
    _, catalogue = imported
    service = by_source(catalogue, PARGAS)
    assert service.channels == []
    assert service.review == "needed"
    mine = [n for n in notes if PARGAS in n]
    assert any("'+46 8123456' is not a Finnish number" in n and "left out" in n for n in mine)
    assert any("postal code '2160'" in n for n in mine)
    assert any("'cafe(at)example.fi' is not valid" in n for n in mine)
    assert any("'www.example.fi/familjecafe' must start with https://" in n for n in mine)
    missing = "c0000000-0000-4000-8000-0000000000ff"
    assert any(f"ServiceChannel/list?guids={missing}" in n for n in mine)


# ---------------------------------------------------------------------- hours
def test_weekly_hours_with_the_same_times_are_grouped(imported):
    _, catalogue = imported
    hours = by_source(catalogue, PERHENEUVOLA).channels[0].hours
    rules = [(r.days, r.from_, r.to) for r in hours.weekly]
    assert rules == [
        ("mon-wed", "08:00", "16:00"),
        ("thu", "08:00", "18:00"),
        ("fri", "08:00", "14:00"),
    ]
    assert hours.note == {"fi": "Ovi suljetaan puoli tuntia aiemmin."}


def test_hours_given_on_the_connection_are_the_services_own(imported):
    _, catalogue = imported
    phone = by_source(catalogue, PERHENEUVOLA).channels[4]
    # The channel says mon-fri 08-15, but for this service PTV gives mon-thu 09-12.
    assert phone.hours.is_open(at("2026-12-03T10:00"))  # Thursday
    assert not phone.hours.is_open(at("2026-12-04T10:00"))  # Friday
    assert not phone.hours.is_open(at("2026-12-03T08:30"))


def test_seasonal_hours_are_left_out_with_a_note(imported, notes):
    _, catalogue = imported
    hours = by_source(catalogue, PERHENEUVOLA).channels[0].hours
    assert all(r.from_ != "09:00" for r in hours.weekly)
    assert any("2027-06-01–2027-08-31" in n and "seasonal" in n for n in notes)


def test_exceptional_hours_close_and_change_single_dates(imported):
    _, catalogue = imported
    hours = by_source(catalogue, PERHENEUVOLA).channels[0].hours
    assert [e.date.isoformat() for e in hours.exceptions] == ["2026-12-24", "2026-12-31"]  # no past
    assert not hours.is_open(at("2026-12-24T10:00"))  # a Thursday, closed by exception
    assert hours.is_open(at("2026-12-31T13:00"))
    assert not hours.is_open(at("2026-12-31T15:00"))
    assert hours.is_open(at("2026-12-17T17:00"))  # an ordinary Thursday


def test_over_midnight_hours_run_into_the_next_days(imported):
    _, catalogue = imported
    [phone] = by_source(catalogue, SOSIAALIPAIVYSTYS).channels
    hours = phone.hours
    # Friday 16:00 until Monday 08:00 (OverMidnight Friday-Monday).
    assert hours.is_open(at("2026-12-11T23:00"))
    assert hours.is_open(at("2026-12-12T03:00"))
    assert hours.is_open(at("2026-12-13T12:00"))
    assert hours.is_open(at("2026-12-14T07:59"))
    assert not hours.is_open(at("2026-12-14T08:00"))
    status = hours.status(at("2026-12-12T03:00"))
    assert status.closes_at == at("2026-12-14T08:00")
    # PTV says nothing of public holidays; the catalogue's rule (closed) applies and the
    # entry's comment asks the editor to check (6 December is Independence Day).
    assert not hours.is_open(at("2026-12-06T12:00"))
    # Thursday 23:00 until Friday 02:00, right after the weekday evening hours.
    assert hours.is_open(at("2026-12-03T22:00"))
    assert hours.is_open(at("2026-12-04T01:30"))
    assert not hours.is_open(at("2026-12-04T02:30"))
    # Christmas (exceptional, 24-26 December) open round the clock.
    assert hours.is_open(at("2026-12-25T04:00"))


def test_exception_with_two_openings_keeps_the_first_and_says_so(imported, notes):
    _, catalogue = imported
    hours = by_source(catalogue, NEUVOLA).channels[0].hours
    [exception] = hours.exceptions
    assert (exception.from_, exception.to) == ("09:00", "12:00")
    assert any("2027-01-05 have 2 openings" in n for n in notes)


# ---------------------------------------------------------------------- service types
def test_type_from_service_class_ontology_term_or_name(imported):
    out, catalogue = imported
    assert by_source(catalogue, PERHENEUVOLA).type == "family_counselling"
    assert by_source(catalogue, NEUVOLA).type == "child_health_clinic"
    assert by_source(catalogue, SOSIAALIPAIVYSTYS).type == "emergency_social_services"
    assert by_source(catalogue, LAPSILISA).type == "kela_family_benefits"
    text = (out / "varsinais-suomi/region.yaml").read_text()
    assert "# Type family_counselling from service class 'Kasvatus- ja perheneuvonta'." in text
    assert "# Type open_meeting_place guessed from name 'Öppen mötesplats för familjer'." in text


def test_services_without_a_type_or_outside_our_municipalities_are_not_imported(notes):
    assert any("000000000006: no service type fits" in n for n in notes)
    assert any("000000000007: it serves none of Neuvobot's 49 municipalities" in n for n in notes)


def _service(name: str, **more) -> PtvService:
    fields = dict(
        id="x", names={"fi": name}, summaries={}, descriptions={}, instructions={}, keywords={},
        service_classes=(), ontology_terms=(), target_groups=(), charge=None, nationwide=True,
        areas=(), languages=(), organizations=(), connections=(),
    )  # fmt: skip
    fields.update(more)
    return PtvService(**fields)


@pytest.mark.parametrize(
    ("name", "type_id"),
    [
        ("Lastensuojelun jälkihuolto", "aftercare"),
        ("Lastensuojeluilmoitus", "child_protection"),
        ("Koulukuraattori", "school_welfare"),
        ("Lasten hammashoito", "child_dental_care"),
        ("Päivystys ja 116117", "emergency_care"),
        ("Sosiaalipäivystys", "emergency_social_services"),
        ("Turvakoti Ensikoti", "shelter"),
        ("Perheasioiden sovittelu", "family_mediation"),
        ("Varhaiskasvatuksen palveluohjaus", "early_childhood_education"),
        ("Rakennuslupa", None),
    ],
)
def test_type_guessed_from_the_name(name, type_id):
    choice = choose_type(_service(name))
    assert (choice.type_id if choice else None) == type_id


def test_one_keyword_alone_is_too_thin_to_choose_a_type():
    assert choose_type(_service("Palvelu X", keywords={"fi": ("imetys",)})) is None


def test_rules_use_only_types_from_the_vocabulary():
    vocabulary = yaml.safe_load((SHIPPED_CATALOGUE / "service-types.yaml").read_text())["types"]
    assert set(RULES) == set(vocabulary)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Varsinais-Suomen hyvinvointialue", "wellbeing_county"),
        ("Turun kaupunki", "municipality"),
        ("Laukaa", "municipality"),
        ("Mannerheimin Lastensuojeluliitto ry", "ngo"),
        ("Jyväskylän seurakunta", "parish"),
        ("Kansaneläkelaitos", "state_agency"),
        ("Esimerkki Oy", "other"),
    ],
)
def test_provider_kind_from_the_organisation_name(name, kind):
    assert provider_kind(name) == kind


# ---------------------------------------------------------------------- input forms
def _read_json(data: object) -> tuple:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        return read_files([path])


@pytest.mark.parametrize("form", ["single", "list", "page", "combined", "pages-in-list"])
def test_every_documented_input_form_reads_the_same(form):
    services = json.loads(SERVICES.read_text())["itemList"]
    channels = json.loads(CHANNELS.read_text())
    if form == "single":
        bundles = [_read_json(services[0])[0], _read_json(channels[0])[0]]
        assert [len(b.services) for b in bundles] == [1, 0]
        assert [len(b.channels) for b in bundles] == [0, 1]
        return
    data = {
        "list": services + channels,
        "page": {"pageNumber": 1, "pageSize": 20, "pageCount": 1, "itemList": services + channels},
        "combined": {"services": {"itemList": services}, "channels": channels},
        "pages-in-list": [{"itemList": services[:3]}, {"itemList": services[3:]}, channels],
    }[form]
    bundle, _ = _read_json(data)
    assert [s.id for s in bundle.services] == [s["id"] for s in services]
    assert set(bundle.channels) == {c["id"] for c in channels}


def test_null_everywhere_is_read_as_empty():
    bundle, _ = _read_json(
        {
            "id": "s1",
            "serviceNames": [{"type": "Name", "language": "fi", "value": "Perhetyö"}],
            "serviceDescriptions": None,
            "areas": None,
            "keywords": None,
            "serviceChannels": None,
            "organizations": None,
            "areaType": None,
        }
    )
    [service] = bundle.services
    assert service.areas == () and service.connections == () and service.organizations == ()


# ---------------------------------------------------------------------- the command
def test_round_trip_through_catalogue_check(tmp_path):
    """The real command, end to end: import, add the vocabulary, `catalogue check` exits 0."""
    out = tmp_path / "imported"
    cmd = [sys.executable, "-m", "neuvobot", "catalogue"]
    result = subprocess.run(
        [*cmd, "import-ptv", str(SERVICES), str(CHANNELS), "--out", str(out), "--today", TODAY],
        capture_output=True, text=True, cwd=PROJECT, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Imported 5 service(s) with 10 channel(s) into 4 file(s)")
    assert "Not imported: 2 service(s)" in result.stdout
    notes = result.stderr.splitlines()
    assert all(line.startswith("note: ") for line in notes)
    assert f"{len(notes)} note(s) on what was left out or changed are on stderr." in result.stdout
    with_types(out)
    check = subprocess.run(
        [*cmd, "check", str(out)], capture_output=True, text=True, cwd=PROJECT, timeout=120
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.startswith("OK: 5 services")
    assert "Entries marked `review: needed`: 5" in check.stdout


def test_imported_files_load_together_with_the_shipped_catalogue(tmp_path, capsys):
    root = tmp_path / "catalogue"
    shutil.copytree(SHIPPED_CATALOGUE, root)
    shipped = len(load_catalogue(SHIPPED_CATALOGUE).services)
    code, _, _ = run_import(capsys, root / "imported", SERVICES, CHANNELS)
    assert code == 0
    assert main(["catalogue", "check", str(root)]) == 0
    assert capsys.readouterr().out.startswith(f"OK: {shipped + 5} services")


def test_municipality_option_keeps_what_serves_it(tmp_path, capsys):
    code, _, err = run_import(
        capsys, tmp_path / "out", SERVICES, CHANNELS, extra=("--municipality", "jyvaskyla")
    )
    assert code == 0, err
    catalogue = load_catalogue(with_types(tmp_path / "out"))
    assert {s.source for s in catalogue.services} == {
        f"ptv:{SOSIAALIPAIVYSTYS}",
        f"ptv:{LAPSILISA}",
        f"ptv:{NEUVOLA}",
    }
    assert "2 service(s) do not serve jyvaskyla" in err


def test_unknown_municipality_is_refused(tmp_path, capsys):
    code, _, err = run_import(capsys, tmp_path, SERVICES, extra=("--municipality", "jyvaskyl"))
    assert code == 2
    assert err.strip() == "Unknown municipality 'jyvaskyl'. Did you mean 'jyvaskyla'?"


def test_yaml_is_written_in_the_editors_key_order(imported):
    out, _ = imported
    text = (out / "keski-suomi/jyvaskyla.yaml").read_text()
    assert text.startswith("# Services of Jyväskylä, imported from the national service catalogue")
    data = yaml.safe_load(text)
    assert list(data) == ["area", "services"]
    assert list(data["services"][0]) == [
        "id", "type", "name", "summary", "keywords", "languages", "cost", "provider",
        "channels", "source", "review",
    ]  # fmt: skip
    assert "- {days: mon-fri, from: '08:00', to: '16:00'}" in text
    assert "&id" not in text


def test_existing_files_are_not_replaced(tmp_path, capsys):
    out = tmp_path / "out"
    (out / "national.yaml").parent.mkdir(parents=True)
    (out / "national.yaml").write_text("# mine\n")
    code, _, err = run_import(capsys, out, SERVICES, CHANNELS)
    assert code == 1
    assert "national.yaml already exists" in err
    assert (out / "national.yaml").read_text() == "# mine\n"
    assert not (out / "keski-suomi").exists()  # nothing written at all


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"itemList": [', "bad.json:1:15: not valid JSON (Expecting value)."),
        (
            "[1, 2]",
            "bad.json: [0]: expected a PTV service, service channel or page object, found a number",
        ),
        ("[" * 5000 + "]" * 5000, "bad.json: the JSON is nested too deeply to be PTV data."),
        ('{"foo": 1}', "bad.json: the top level: not a PTV v11 service (no `serviceNames`)"),
        (
            '{"itemList": [{"id": "a", "serviceNames": "Perheneuvola"}]}',
            "bad.json: itemList[0].serviceNames: input should be a valid list",
        ),
        (
            '[{"serviceChannelType": "Phone", "serviceChannelNames": []}]',
            "bad.json: [0].id: is missing.",
        ),
    ],
)
def test_bad_input_is_one_sentence_with_file_and_place(tmp_path, capsys, content, expected):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    code, _, err = run_import(capsys, tmp_path / "out", bad)
    assert code == 1
    assert len(err.strip().splitlines()) == 1, err
    assert expected in err
    assert err.startswith(str(bad))
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_missing_file_and_binary_file(tmp_path, capsys):
    code, _, err = run_import(capsys, tmp_path / "out", tmp_path / "nope.json")
    assert (code, err.strip()) == (1, f"{tmp_path / 'nope.json'}: no such file.")
    binary = tmp_path / "b.json"
    binary.write_bytes(b"\xff\xfe\x00junk")
    code, _, err = run_import(capsys, tmp_path / "out", binary)
    assert (code, err.strip()) == (1, f"{binary}: not UTF-8 text, so not PTV JSON.")


def test_only_channels_imports_nothing_and_says_so(tmp_path, capsys):
    code, _, err = run_import(capsys, tmp_path / "out", CHANNELS)
    assert code == 1
    assert "Nothing imported: the input had 0 service(s), 8 channel(s)" in err


def test_utc_dates_short_times_and_repeated_services_are_read_as_meant():
    services = json.loads(SERVICES.read_text())["itemList"]
    channels = json.loads(CHANNELS.read_text())
    phone = channels[4]
    phone["serviceHours"] = [
        {"serviceHourType": "DaysOfTheWeek", "openingHour": [
            {"dayFrom": "Monday", "dayTo": "Friday", "from": "8:00", "to": "16:00:00"}]},
        {"serviceHourType": "Exceptional", "isClosed": True, "validFrom": "2026-12-23T22:00:00Z"},
    ]  # fmt: skip
    bundle, read_notes = _read_json([services[1], services[1], phone])
    assert any("appears twice; kept the first" in n for n in read_notes)
    result = convert(bundle, today=dt.date(2026, 12, 1))
    [entry] = result.entries
    hours = entry.service["channels"][0]["hours"]
    assert hours["weekly"] == [{"days": "mon-fri", "from": "08:00", "to": "16:00"}]
    # Midnight in Helsinki, written in UTC, is still Christmas Eve.
    assert hours["exceptions"] == [{"date": dt.date(2026, 12, 24), "closed": True}]


def test_one_number_listed_per_language_is_one_phone_channel_with_both_labels():
    channel = PtvChannel(
        id="c",
        type="phone",
        names={"fi": "Neuvonta", "sv": "Rådgivning"},
        summaries={},
        phones=(
            Phone("+358", "2 1234 5670", False, "fi", "Ajanvaraus", ""),
            Phone("+358", "212345670", False, "sv", "Tidsbokning", ""),
        ),
    )
    [phone] = convert_channel(channel, (), dt.date(2026, 12, 1), [])
    assert phone["phone"] == "+358 2 1234 5670"
    assert phone["note"] == {"fi": "Ajanvaraus", "sv": "Tidsbokning"}


def test_an_e_service_called_chat_is_a_chat_channel():
    channel = PtvChannel(
        id="c",
        type="e_service",
        names={"fi": "NeuvolaChat"},
        summaries={},
        links=(WebLink("https://chat.example.fi/neuvola", "", "fi"),),
    )
    [chat] = convert_channel(channel, (), dt.date(2026, 12, 1), [])
    assert (chat["kind"], chat["url"]) == ("chat", "https://chat.example.fi/neuvola")


def test_an_area_code_is_a_municipality_code_only_for_municipality_areas():
    service = json.loads(SERVICES.read_text())["itemList"][4]  # the Jyväskylä clinic
    service["areas"] = [
        {"type": "HospitalRegions", "code": "179", "name": [], "municipalities": []}
    ]
    bundle, _ = _read_json(service)
    result = convert(bundle, today=dt.date(2026, 12, 1))
    assert result.entries == []
    assert any("serves none of Neuvobot's 49 municipalities" in n for n in result.notes)


def test_exceptional_dates_on_the_link_add_to_the_channels_hours():
    services = json.loads(SERVICES.read_text())["itemList"]
    channels = json.loads(CHANNELS.read_text())
    clinic = services[4]
    clinic["serviceChannels"][0]["serviceHours"] = [
        {"serviceHourType": "Exceptional", "isClosed": True, "validFrom": "2026-12-08T00:00:00"}
    ]
    bundle, _ = _read_json([clinic, channels[6]])
    [entry] = convert(bundle, today=dt.date(2026, 12, 1)).entries
    hours = entry.service["channels"][0]["hours"]
    assert hours["weekly"] == [{"days": "mon-fri", "from": "08:00", "to": "16:00"}]
    assert [e["date"].isoformat() for e in hours["exceptions"]] == ["2026-12-08", "2027-01-05"]


def test_type_rules_recover_the_shipped_catalogues_types_from_its_words():
    """The shipped entries stand in for PTV services described in families' words."""
    catalogue = load_catalogue(SHIPPED_CATALOGUE)
    wrong = []
    for entry in catalogue.services:
        service = _service(
            entry.name.fi,
            names=dict(entry.name.items()),
            summaries=dict(entry.summary.items()),
            keywords={lang: tuple(entry.keywords.get(lang)) for lang in ("fi", "sv", "en")},
        )
        choice = choose_type(service)
        if choice is None or choice.type_id != entry.type:
            wrong.append((entry.id, choice and choice.type_id))
    assert len(wrong) <= len(catalogue.services) // 50, wrong


def test_many_locations_in_many_municipalities_ask_the_editor_to_split(tmp_path, capsys):
    services = json.loads(SERVICES.read_text())["itemList"]
    template = json.loads(CHANNELS.read_text())[6]  # the Jyväskylä clinic's location
    clinic = services[4]
    clinic["areas"] = [{"type": "Region", "code": "13", "name": [], "municipalities": []}]
    locations = []
    for number, (code, postal) in enumerate([("179", "40100"), ("410", "41340"), ("500", "42100"),
                                             ("179", "40200")]):  # fmt: skip
        location = json.loads(json.dumps(template))
        location["id"] = f"c{number}"
        location["addresses"][0]["streetAddress"]["postalCode"] = postal
        location["addresses"][0]["streetAddress"]["municipality"] = {"code": code}
        locations.append(location)
    clinic["serviceChannels"] = [{"serviceChannel": {"id": f"c{n}"}} for n in range(4)]
    data = tmp_path / "clinic.json"
    data.write_text(json.dumps([clinic, *locations]), encoding="utf-8")
    code, _, err = run_import(capsys, tmp_path / "out", data)
    assert code == 0, err
    text = (tmp_path / "out" / "keski-suomi" / "region.yaml").read_text()
    assert "# 4 service locations in 3 municipalities: consider one entry per municipality" in text


def test_long_and_accented_names_give_valid_ids():
    service = json.loads(SERVICES.read_text())["itemList"][4]
    service["serviceNames"] = [
        {"type": "Name", "language": "fi", "value": "Perhekahvila Café Crème – " + "hyvin " * 30}
    ]
    bundle, _ = _read_json([service, {**service, "id": service["id"][:-8] + "99999999"}])
    ids = [e.service["id"] for e in convert(bundle, today=dt.date(2026, 12, 1)).entries]
    assert ids[0].startswith("ptv-perhekahvila-cafe-creme-hyvin-")
    assert all(len(i) <= 80 for i in ids) and len(set(ids)) == 2


def test_output_directory_that_is_a_file_is_one_sentence(tmp_path, capsys):
    out = tmp_path / "out"
    out.write_text("not a directory")
    code, _, err = run_import(capsys, out, SERVICES, CHANNELS)
    assert code == 1
    lines = [line for line in err.splitlines() if not line.startswith("note: ")]
    assert len(lines) == 1 and lines[0].startswith(str(out)) and "cannot be written" in lines[0]


def test_the_links_contact_details_replace_the_channels_for_that_service(tmp_path, capsys):
    """v11: a service–channel link's `contactDetails` are this service's own on a shared
    channel (a county's shared phone line with this service's number)."""
    page = json.loads(SERVICES.read_text(encoding="utf-8"))
    service = next(s for s in page["itemList"] if s["id"] == PERHENEUVOLA)
    link = service["serviceChannels"][0]
    link["serviceChargeType"] = "FreeOfCharge"
    link["contactDetails"] = {
        "emails": [{"value": "oma@example.fi", "language": "fi"}],
        "phoneNumbers": [
            {
                "type": "Phone",
                "prefixNumber": "+358",
                "number": "2 9999 0000",
                "isFinnishServiceNumber": False,
                "serviceChargeType": None,
                "chargeDescription": None,
                "additionalInformation": None,
                "language": "fi",
            },
            {
                "type": "Fax",
                "prefixNumber": "+358",
                "number": "2 9999 0009",
                "isFinnishServiceNumber": False,
                "language": "fi",
            },
        ],
        "webPages": [],
        "addresses": [],
    }
    services = tmp_path / "services.json"
    services.write_text(json.dumps([service]), encoding="utf-8")
    code, _, err = run_import(capsys, tmp_path / "out", services, CHANNELS)
    assert code == 0, err
    imported = by_source(load_catalogue(with_types(tmp_path / "out")), PERHENEUVOLA)
    phones = [c for c in imported.channels if c.kind is ChannelKind.phone]
    assert phones[0].phone_digits == "+358299990000"
    assert phones[0].note.fi == "maksuton"  # the link's charge type, the number giving none
    assert "+358212345670" not in [p.phone_digits for p in phones]  # the channel's, replaced
    assert "+358299990009" not in [p.phone_digits for p in phones]  # no fax
    emails = [c.email for c in imported.channels if c.kind is ChannelKind.email]
    assert emails == ["oma@example.fi"]
    locations = [c for c in imported.channels if c.kind is ChannelKind.location]
    assert locations[0].address.street.fi == "Esimerkkikatu 1"  # no address given: kept


def test_a_public_holiday_open_all_day_is_an_all_day_exception():
    """v11 gives a holiday as `Exceptional` with `isAlwaysOpen` and no opening hours."""
    from neuvobot.catalogue.hours import Hours
    from neuvobot.catalogue.ptv.hours import convert_hours
    from neuvobot.catalogue.ptv.records import HoursSet, Opening

    weekly = HoursSet("weekly", (Opening(0, 4, "08:00", "16:00"),))
    holiday = HoursSet(
        "exceptional",
        valid_from=dt.date(2026, 12, 6),
        always_open=True,
        info={"fi": "Itsenäisyyspäivä"},
    )
    notes: list[str] = []
    hours = Hours.model_validate(convert_hours((weekly, holiday), dt.date(2026, 12, 1), notes))
    assert hours.is_open(at("2026-12-06T03:00"))  # a Sunday, open all day by exception
    assert not hours.is_open(at("2026-12-13T03:00"))  # an ordinary Sunday
    assert notes == []
