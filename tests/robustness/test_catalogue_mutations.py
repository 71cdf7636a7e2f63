"""Over 100 mutations of a small valid catalogue, generated systematically: wrong types in
every field, broken YAML, duplicate ids and keys, bad hours, unknown municipalities, odd
bytes and huge files. Each must give a clear `path:line: field: message` problem at the
line an editor has to fix, never a traceback."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from neuvobot.catalogue.loader import load_catalogue
from tests.conftest import SHIPPED_CATALOGUE

TURKU = "varsinais-suomi/turku.yaml"
REGION = "varsinais-suomi/region.yaml"
FIXTURE = {
    TURKU: """\
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
          exceptions:
            - {date: 2026-12-24, closed: true}
      - kind: web
        url: https://example.org/kirjasto
    review: needed
  - id: turku-family-cafe
    type: open_meeting_place
    name: {fi: Perhekahvila}
    summary: {fi: Kahvila vauvaperheille.}
    provider: {kind: ngo, name: {fi: MLL Turku}}
    areas: [turku, kaarina]
    reviewed: 2026-01-15
""",
    REGION: """\
area: region:varsinais-suomi
services:
  - id: varha-clinic
    type: child_health_clinic
    name: {fi: Lastenneuvola}
    summary: {fi: Neuvola seuraa lapsen kasvua.}
    provider: {kind: wellbeing_county, name: {fi: Varha}}
    review: needed
""",
}


@dataclass(frozen=True)
class Mutation:
    name: str
    file: str
    line: int  # where the editor has to look
    change: Callable[[str], str | bytes]
    field: str = ""  # a part of the problem's field name, when it is known


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def set_value(line: int, value: str) -> Callable[[str], str]:
    """Replace the value after the first `key:` on a line (1-based), keeping the key."""

    def change(text: str) -> str:
        lines = _lines(text)
        key, _, _old = lines[line - 1].partition(": ")
        lines[line - 1] = f"{key}: {value}\n"
        return "".join(lines)

    return change


def replace_line(line: int, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        lines = _lines(text)
        lines[line - 1] = new if new.endswith("\n") else new + "\n"
        return "".join(lines)

    return change


def insert_after(line: int, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        lines = _lines(text)
        lines.insert(line, new if new.endswith("\n") else new + "\n")
        return "".join(lines)

    return change


def block(first: int, last: int, new: str) -> Callable[[str], str]:
    """Replace lines first..last (a key and its nested block) with one `key: value` line,
    indented like the first."""

    def change(text: str) -> str:
        lines = _lines(text)
        indent = lines[first - 1][: len(lines[first - 1]) - len(lines[first - 1].lstrip())]
        lines[first - 1 : last] = [f"{indent}{new}\n"]
        return "".join(lines)

    return change


def sub(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return change


# Slots holding a scalar, by file and line, with the field name the problem must carry.
SCALAR_SLOTS = [
    (TURKU, 3, "id"),
    (TURKU, 4, "type"),
    (TURKU, 9, "kind"),
    (TURKU, 10, "phone"),
    (TURKU, 17, "url"),
    (TURKU, 18, "review"),
    (TURKU, 25, "reviewed"),
    (REGION, 4, "type"),
    (REGION, 8, "review"),
]
# Optional fields left empty: the problem is the channel or service that then lacks them.
EMPTY_MEANS_MISSING = {
    ("phone", TURKU): (9, "channels[0]"),
    ("url", TURKU): (16, "channels[1]"),
    ("review", TURKU): (3, "turku-library"),
    ("reviewed", TURKU): (19, "turku-family-cafe"),
    ("review", REGION): (3, "varha-clinic"),
}
# Values of the wrong type for a scalar text field (and for the date).
WRONG_SCALARS = ["[1, 2]", "{x: 1}", "~", "yes", "3.5"]
# Slots holding a mapping or a list.
BLOCK_SLOTS = [
    (TURKU, 5, "name"),
    (TURKU, 6, "summary"),
    (TURKU, 7, "provider"),
    (TURKU, 24, "areas"),
    (REGION, 7, "provider"),
]
WRONG_BLOCKS = ["12345", "just text", "[]", "~"]


def generate() -> list[Mutation]:
    found: list[Mutation] = []
    for file, line, fld in SCALAR_SLOTS:
        for value in WRONG_SCALARS:
            if value == "~" and (fld, file) in EMPTY_MEANS_MISSING:
                # An empty value is a missing one: the block that lacks it is reported.
                at, what = EMPTY_MEANS_MISSING[fld, file]
                change = set_value(line, value)
                found.append(Mutation(f"{fld}@{file}:{line}=~", file, at, change, what))
                continue
            found.append(
                Mutation(f"{fld}@{file}:{line}={value}", file, line, set_value(line, value), fld)
            )
    for file, line, fld in BLOCK_SLOTS:
        for value in WRONG_BLOCKS:
            found.append(
                Mutation(f"{fld}@{file}:{line}={value}", file, line, set_value(line, value), fld)
            )
    # The fields inside one flow mapping: the line is the mapping's.
    for old, new, fld in [
        ("{days: mon-fri,", "{days: [mon],", "days"),
        ('from: "09:00",', "from: [9],", "from"),
        ('to: "16:00"}', "to: {h: 16}}", "to"),
        ("kind: municipality,", "kind: [municipality],", "kind"),
        ("name: {fi: Turun kaupunki}}", "name: Turun kaupunki}", "name"),
        ("sv: Åbo stadsbibliotek}", "sv: [Åbo]}", "sv"),
    ]:
        line = next(n for n, text in enumerate(_lines(FIXTURE[TURKU]), 1) if old in text)
        found.append(Mutation(f"flow {fld}", TURKU, line, sub(old, new), fld))

    # Bad hours: every rule an editor can get wrong.
    for old, new, what in [
        ("days: mon-fri", "days: mon-fry", "days"),
        ("days: mon-fri", "days: someday", "days"),
        ('from: "09:00"', 'from: "25:00"', "from"),
        ('from: "09:00"', 'from: "9.00"', "from"),
        ('from: "09:00"', 'from: "09:75"', "from"),
        ('to: "16:00"', 'to: "09:00"', "weekly"),  # opens and closes at the same time
        ('to: "16:00"', "to: noon", "to"),
        ("date: 2026-12-24", "date: 2026-02-30", ""),  # found while reading YAML
        ("date: 2026-12-24", "date: tomorrow", "date"),
        ("closed: true}", 'closed: true, from: "10:00"}', "exceptions"),
        ("closed: true}", "closed: maybe}", "closed"),
        ("{date: 2026-12-24, closed: true}", "{date: 2026-12-24, until: 2026-12-01}", "exceptions"),
    ]:
        line = next(n for n, text in enumerate(_lines(FIXTURE[TURKU]), 1) if old in text)
        found.append(Mutation(f"hours {new}", TURKU, line, sub(old, new), what))
    found += [
        Mutation("hours as text", TURKU, 11, block(11, 15, "hours: sometimes"), "hours"),
        Mutation("hours as list", TURKU, 11, block(11, 15, "hours: [9, 16]"), "hours"),
        Mutation("weekly as text", TURKU, 12, block(12, 13, "weekly: weekdays"), "weekly"),
        Mutation("unknown hours key", TURKU, 14, replace_line(14, "          holidays:"), ""),
    ]

    # Unknown municipalities and areas.
    found += [
        Mutation("area typo", TURKU, 1, set_value(1, "turkku"), "area"),
        Mutation("area unknown region", REGION, 1, set_value(1, "region:lappi"), "area"),
        Mutation("area number", TURKU, 1, set_value(1, "42"), "area"),
        Mutation("area list", TURKU, 1, set_value(1, "[turku]"), "area"),
        Mutation("areas unknown", TURKU, 24, set_value(24, "[turku, atlantis]"), "areas"),
        Mutation("areas helsinki", TURKU, 24, set_value(24, "[helsinki]"), "areas"),
        Mutation("areas empty", TURKU, 24, set_value(24, "[]"), "areas"),
        Mutation("areas nested", TURKU, 24, set_value(24, "[[turku]]"), "areas"),
    ]

    # Duplicates: ids within a file and across files, keys within a block.
    found += [
        Mutation(
            "duplicate id in file",
            TURKU,
            19,
            sub("id: turku-family-cafe", "id: turku-library"),
            "id",
        ),
        Mutation("duplicate id across files", TURKU, 3, lambda t: t, "id"),  # see build()
        Mutation("duplicate key", TURKU, 6, insert_after(4, "    name: {fi: Toinen}"), ""),
        Mutation("duplicate top key", REGION, 2, insert_after(1, "area: turku"), ""),
        Mutation("duplicate flow key", TURKU, 5, sub("sv: Åbo stadsbibliotek}", "fi: Åbo}"), ""),
    ]

    # Structure: unknown fields, wrong shapes, missing fields.
    found += [
        Mutation("unknown service field", TURKU, 5, insert_after(4, "    colour: blue"), "colour"),
        Mutation("unknown top key", TURKU, 2, insert_after(1, "owner: me"), "owner"),
        Mutation("unknown channel kind", TURKU, 16, set_value(16, "fax"), "kind"),
        Mutation(
            "phone without number",
            TURKU,
            9,
            replace_line(10, "        name: {fi: Puhelin}"),
            "channels",
        ),
        Mutation("missing summary", REGION, 3, replace_line(6, ""), "summary"),
        Mutation("missing type", REGION, 3, replace_line(4, ""), "type"),
        Mutation("bad id characters", TURKU, 3, set_value(3, "Turku Library!"), "id"),
        Mutation("id too short", TURKU, 3, set_value(3, "tl"), "id"),
        Mutation("unknown type", TURKU, 4, set_value(4, "libary"), "type"),
        Mutation("review and reviewed", TURKU, 19, insert_after(25, "    review: needed"), ""),
        Mutation("neither review nor reviewed", REGION, 3, replace_line(8, ""), ""),
        Mutation(
            "service is text",
            REGION,
            3,
            lambda t: t.split("  - id:")[0] + "  - just text\n",
            "services",
        ),
        Mutation(
            "services a mapping",
            REGION,
            2,
            lambda t: "area: region:varsinais-suomi\nservices: {a: 1}\n",
            "services",
        ),
        Mutation("file is a list", REGION, 1, lambda t: "- a\n- b\n", "file"),
        Mutation("file is text", REGION, 1, lambda t: "just some words\n", "file"),
        Mutation("phone unquoted", TURKU, 10, set_value(10, "0401234567"), "phone"),
        Mutation("phone words", TURKU, 10, set_value(10, "call us"), "phone"),
        Mutation("url without https", TURKU, 17, set_value(17, "www.example.org"), "url"),
        Mutation("url with markup", TURKU, 17, set_value(17, "'https://x.org/<b>'"), "url"),
    ]

    # Broken YAML: the line must be where the editor has to look.
    found += [
        Mutation(
            "unclosed flow mapping", TURKU, 5, sub("Åbo stadsbibliotek}", "Åbo stadsbibliotek"), ""
        ),
        Mutation("unclosed flow sequence", TURKU, 24, set_value(24, "[turku, kaarina"), ""),
        Mutation("unclosed quote", TURKU, 10, set_value(10, '"+358 2 262 0624'), ""),
        Mutation(
            "tab indentation", TURKU, 4, replace_line(4, "\ttype: library_family_services"), ""
        ),
        Mutation(
            "bad indentation", TURKU, 4, replace_line(4, "      type: library_family_services"), ""
        ),
        Mutation("colon in value", TURKU, 4, replace_line(4, "    type: a: b"), ""),
        Mutation("list item in mapping", TURKU, 18, replace_line(18, "    - review: needed"), ""),
        Mutation("undefined alias", TURKU, 4, set_value(4, "*nothing"), ""),
        Mutation("python tag", TURKU, 4, set_value(4, "!!python/object:os.system ls"), ""),
        Mutation("unknown tag", TURKU, 4, set_value(4, "!secret x"), ""),
        Mutation("complex key", TURKU, 4, replace_line(4, "    ? [a, b]\n    : c"), ""),
        Mutation("two documents", REGION, 9, lambda t: t + "---\narea: turku\n", ""),
    ]

    # Bytes and sizes.
    found += [
        Mutation(
            "not UTF-8",
            TURKU,
            6,
            lambda t: t.encode().replace(b"Sago", b"Sa\xe4go"),
            "",
        ),
        Mutation("NUL character", TURKU, 6, sub("Satutunnit", "Satu\x00tunnit"), ""),
        Mutation("control character", TURKU, 21, sub("Perhekahvila", "Perhe\x07kahvila"), ""),
        Mutation("huge file", TURKU, 1, lambda t: t + "#" + "x" * 2_100_000 + "\n", "file"),
        Mutation("deep nesting", TURKU, 24, set_value(24, "[" * 5000 + "]" * 5000), ""),
        Mutation("alias bomb", REGION, 10, lambda t: t + BOMB, ""),  # the first *alias
        Mutation("huge name", TURKU, 1, set_value(21, "{fi: " + "ä" * 1_900_000 + "}"), "file"),
        Mutation("huge file of entries", REGION, 1, lambda t: t + MANY, "file"),
    ]
    return found


# Aliases that would expand to 10^8 list items if anything walked them naively.
BOMB = "".join(
    f"b{n}: &b{n} [{', '.join([f'*b{n - 1}'] * 10) if n else 'x'}]\n" for n in range(9)
).replace("b0: &b0 [x]", "b0: &b0 [x]")


# Valid entries until the file is over the size limit.
MANY = "".join(
    f"  - id: varha-extra-{n}\n    type: child_health_clinic\n    name: {{fi: Neuvola {n}}}\n"
    f"    summary: {{fi: Neuvola.}}\n    provider: {{kind: wellbeing_county, name: {{fi: V}}}}\n"
    "    review: needed\n"
    for n in range(12_000)
)


def build(root: Path, mutation: Mutation) -> None:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(SHIPPED_CATALOGUE / "service-types.yaml", root / "service-types.yaml")
    for name, text in FIXTURE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        content: str | bytes = mutation.change(text) if name == mutation.file else text
        if mutation.name == "duplicate id across files" and name == REGION:
            content = text.replace("id: varha-clinic", "id: turku-library")
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


MUTATIONS = generate()


def test_the_fixture_is_valid(tmp_path):
    build(tmp_path / "catalogue", Mutation("none", TURKU, 1, lambda t: t))
    catalogue = load_catalogue(tmp_path / "catalogue")
    assert catalogue.problems == []
    assert len(catalogue.services) == 3


def test_there_are_over_a_hundred_mutations():
    assert len(MUTATIONS) >= 100
    assert len({m.name for m in MUTATIONS}) == len(MUTATIONS)


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.name for m in MUTATIONS])
def test_each_mutation_gives_a_clear_problem_at_the_right_line(tmp_path, mutation):
    root = tmp_path / "catalogue"
    build(root, mutation)
    problems = load_catalogue(root).problems  # never raises: every problem is collected
    assert problems, "the mutation was accepted"
    here = [p for p in problems if p.path.replace("\\", "/").endswith(mutation.file)]
    assert here, f"no problem names {mutation.file}: {[str(p) for p in problems]}"
    first = here[0]
    text = str(first)
    assert text == f"{first.path}:{first.line}: {first.field}: {first.message}"
    assert "Traceback" not in text and len(text) < 600
    assert first.message.strip() and first.field.strip()
    assert first.line == mutation.line, [str(p) for p in here]
    if mutation.field:
        assert mutation.field in first.field, [str(p) for p in here]
