"""Every YAML example in docs/editing.md works in the real catalogue, as the guide says.

Markers in the guide (HTML comments, invisible when it is read) say what each example is:

- `<!-- example: FILE -->`: service entries an editor pastes at the end of FILE (or, for
  synonyms.yaml, lines added to its language blocks);
- `<!-- example: FILE ENTRY -->`: channels added to that entry of FILE;
- `<!-- example-file: FILE -->`: the whole of FILE;
- `<!-- check-output -->` after an example-file: exactly what `catalogue check` prints;
- `<!-- report-output -->` after an example-file: a part of `catalogue report`'s text.

Each example is applied to a fresh copy of the shipped catalogue and loaded by the real
loader: without a check-output it must load without a single problem.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from neuvobot.catalogue.loader import load_catalogue
from neuvobot.catalogue.model import Channel, Service
from neuvobot.catalogue.report import collect_report
from neuvobot.catalogue.report_render import render_text
from neuvobot.cli import cmd_catalogue_check
from tests.conftest import PROJECT, SHIPPED_CATALOGUE

GUIDE = PROJECT / "docs" / "editing.md"
TEXT = GUIDE.read_text(encoding="utf-8")
REPORT_DAY = dt.date(2026, 12, 1)  # the guide's report sample says "run on 1 December 2026"

_BLOCK = re.compile(
    r"(?:<!--\s*(?P<marker>[a-z-]+)(?::\s*(?P<args>[^>]*?))?\s*-->\s*\n)?"
    r"^```(?P<lang>\w*)\n(?P<body>.*?)^```$",
    re.MULTILINE | re.DOTALL,
)


@dataclass
class Example:
    marker: str
    target: str
    entry: str | None
    body: str
    line: int
    check_output: str | None = None
    report_output: str | None = None

    def __str__(self) -> str:
        return f"editing.md:{self.line}"


def _parse() -> tuple[list[Example], int]:
    examples: list[Example] = []
    yaml_blocks = 0
    for match in _BLOCK.finditer(TEXT):
        marker, lang, body = match["marker"], match["lang"], match["body"]
        line = TEXT.count("\n", 0, match.start("body"))
        yaml_blocks += lang == "yaml"
        if marker in ("example", "example-file"):
            assert lang == "yaml", f"editing.md:{line}: an example must be a yaml block"
            target, *entry = match["args"].split()
            examples.append(Example(marker, target, entry[0] if entry else None, body, line))
        elif marker in ("check-output", "report-output"):
            assert examples and examples[-1].marker == "example-file", (
                f"editing.md:{line}: {marker} must follow an example-file"
            )
            setattr(examples[-1], marker.replace("-", "_"), body)
    return examples, yaml_blocks


EXAMPLES, YAML_BLOCKS = _parse()


def _apply(example: Example, root: Path) -> None:
    path = root / example.target
    if example.marker == "example-file":
        path.write_text(example.body, encoding="utf-8")
    elif example.target == "synonyms.yaml":
        table = yaml.safe_load(path.read_text(encoding="utf-8"))
        for lang, words in yaml.safe_load(example.body).items():
            for word in words:
                # Added lines: a word already in the block would be a duplicate key there.
                assert word not in table[lang], f"{example}: {word!r} is already a synonym"
            table[lang].update(words)
        path.write_text(yaml.safe_dump(table, allow_unicode=True), encoding="utf-8")
    elif example.entry is None:
        # Pasted at the end of the file, as the guide tells editors to do.
        assert example.body.startswith("  - id:"), f"{example}: paste an entry indented"
        text = path.read_text(encoding="utf-8").rstrip("\n")
        path.write_text(f"{text}\n\n{example.body}", encoding="utf-8")
    else:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        [entry] = [s for s in data["services"] if s["id"] == example.entry]
        entry.setdefault("channels", []).extend(yaml.safe_load(textwrap.dedent(example.body)))
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.fixture
def catalogue_copy(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "catalogue"
    shutil.copytree(SHIPPED_CATALOGUE, root)
    # The guide shows paths as the check prints them from the Neuvobot folder.
    monkeypatch.chdir(tmp_path)
    return root


def test_the_guide_has_its_examples():
    assert len(EXAMPLES) == YAML_BLOCKS, "every ```yaml block needs an example marker"
    kinds = {(e.marker, e.entry is not None, e.target == "synonyms.yaml") for e in EXAMPLES}
    assert ("example", False, False) in kinds  # a new service
    assert ("example", True, False) in kinds  # hours on a channel
    assert ("example", False, True) in kinds  # synonyms
    assert any(e.check_output for e in EXAMPLES)
    assert any(e.report_output for e in EXAMPLES)


@pytest.mark.parametrize("example", [e for e in EXAMPLES if e.check_output is None], ids=str)
def test_example_passes_the_check(example, catalogue_copy):
    _apply(example, catalogue_copy)
    catalogue = load_catalogue(catalogue_copy)
    assert [str(p) for p in catalogue.problems] == []
    if example.marker == "example" and example.entry is None and example.target != "synonyms.yaml":
        for entry in yaml.safe_load(textwrap.dedent(example.body)):
            assert entry["id"] in catalogue.by_id, f"{example}: {entry['id']} did not load"
    if example.report_output:
        report = render_text(collect_report(catalogue_copy, today=REPORT_DAY))
        assert example.report_output in report


@pytest.mark.parametrize("example", [e for e in EXAMPLES if e.check_output], ids=str)
def test_error_example_prints_what_the_guide_shows(example, catalogue_copy, capsys):
    _apply(example, catalogue_copy)
    # The function behind `neuvobot catalogue check catalogue`, run from the Neuvobot folder.
    assert cmd_catalogue_check(argparse.Namespace(dir="catalogue")) == 1
    printed = capsys.readouterr().out
    assert printed == example.check_output


def test_the_complete_entry_shows_every_field():
    complete = EXAMPLES[0]
    [entry] = yaml.safe_load(textwrap.dedent(complete.body))
    # `review: needed` is the alternative to `reviewed`; the guide explains it in the table.
    assert set(Service.model_fields) - {"review"} <= set(entry)
    channel_fields = {key for channel in entry["channels"] for key in channel}
    assert set(Channel.model_fields) <= channel_fields
    for name in Service.model_fields:
        assert f"| `{name}" in TEXT, f"the field table does not explain `{name}`"
    for kind in ("phone", "chat", "web", "e_service", "location", "email"):
        assert f"| `{kind}` |" in TEXT, f"the channel table does not explain `{kind}`"


def _anchor(heading: str) -> str:
    text = re.sub(r"[^\w\s-]", "", heading.strip().lower())
    return re.sub(r"\s", "-", text)


def test_links_in_the_guide_lead_somewhere():
    anchors = {_anchor(h) for h in re.findall(r"^#+ (.+)$", TEXT, re.MULTILINE)}
    for target in re.findall(r"\]\(#([^)]+)\)", TEXT):
        assert target in anchors, f"no heading for #{target}"
    for target in re.findall(r"\]\(([^)#]+\.md)\)", TEXT):
        assert (GUIDE.parent / target).exists(), target
    # The report's advice names this section.
    assert "## Change opening hours" in TEXT
