"""YAML reading that remembers line numbers, so every error can say `path:line`."""

from __future__ import annotations

import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml


class LineDict(dict):
    """A mapping from YAML that knows the line of itself and of each key."""

    line: int = 0
    key_lines: dict[Any, int]


class LineList(list):
    """A sequence from YAML that knows the line of itself and of each item."""

    line: int = 0
    item_lines: list[int]


class YamlProblem(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Loader(yaml.SafeLoader):
    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        # Aliases (*name) let 600 bytes expand to gigabytes ("billion laughs"); a catalogue
        # has no need for them, so the first one is a problem line and nothing is expanded.
        if self.check_event(yaml.events.AliasEvent):
            event = self.peek_event()
            raise YamlProblem(
                event.start_mark.line + 1,
                f"YAML aliases (*{event.anchor}) are not allowed: write the values out",
            )
        return super().compose_node(parent, index)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise YamlProblem(key_node.start_mark.line + 1, "a key must be a plain word")
        if key in result:
            raise YamlProblem(
                key_node.start_mark.line + 1,
                f"key {key!r} appears twice in the same block "
                f"(first on line {result.key_lines[key]}); keep one",
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    # PyYAML raises a bare ValueError (no line) for a date like 2026-02-30.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise YamlProblem(
            node.start_mark.line + 1, f"{node.value!r} is not a real date: use YYYY-MM-DD"
        ) from exc


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)

MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 50  # nesting of [ and { that no catalogue needs; deeper overflows the parser
# Errors inside these constructs are noticed later (often lines later) than they were made:
# the line that opened the construct is the one to fix.
_OPENED_AT = ("while parsing a flow", "while scanning a quoted", "while scanning a double")


def check_readable(path: Path, root: Path | None = None) -> None:
    """Only regular files inside the catalogue folder are read: a FIFO would hang start-up
    and live reload, a link to /dev/zero would eat memory, and a link out of the folder
    would put another file's contents in the log and the editors' chat."""
    try:
        info = path.stat()  # follows a symlink to what it points at
    except OSError:
        return  # gone or unreadable: reading says so
    if not stat.S_ISREG(info.st_mode):
        raise YamlProblem(
            1, "not a regular file (a pipe, device or folder): remove it; it was not read"
        )
    if root is not None and path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root.resolve()):
            raise YamlProblem(
                1,
                "a link to a file outside the catalogue folder: copy the file in instead; "
                "it was not read",
            )


def read_yaml(path: Path, root: Path | None = None) -> Any:
    """Parse one file; raise YamlProblem with the line for anything an editor must fix."""
    check_readable(path, root)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlProblem(
                1,
                f"file is {size // 1000} kB; the limit is {MAX_FILE_BYTES // 1000} kB: "
                "split it into smaller files",
            )
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise YamlProblem(line, "the file is not UTF-8 text: save it as UTF-8") from exc
    deep = _too_deep(text)
    if deep:
        raise YamlProblem(deep, f"nested more than {MAX_DEPTH} levels deep: simplify the value")
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and str(exc.context or "").startswith(_OPENED_AT):
            mark = exc.context_mark
        line = mark.line + 1 if mark else 1
        quote = _unclosed_quote(text, line)
        if quote:
            line = quote
        what = exc.problem or "the YAML cannot be read"
        hint = " (check indentation, colons and quotes)"
        if quote:
            hint = ' (a " on this line is not closed)'
        raise YamlProblem(line, f"YAML syntax error: {what}{hint}") from exc
    except yaml.reader.ReaderError as exc:
        # A control character (NUL, bell…) YAML refuses: say where, not the char offset.
        line = text[: exc.position].count("\n") + 1
        code = f"#x{exc.character:04x}" if isinstance(exc.character, int) else "?"
        raise YamlProblem(line, f"the file has a control character ({code}): remove it") from exc
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"YAML error: {exc}") from exc
    except RecursionError as exc:  # a shape _too_deep did not foresee
        raise YamlProblem(1, "the YAML is nested too deeply: simplify it") from exc


def _too_deep(text: str) -> int:
    """The line where [ and { nest deeper than MAX_DEPTH (0 if nowhere): outside quotes
    and comments, roughly, which is enough for a limit no real file comes near."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return 0
    depth = 0
    for number, line in enumerate(text.splitlines(), 1):
        for char in line.split(" #")[0]:
            if char in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return number
            elif char in "]}":
                depth = max(0, depth - 1)
    return 0


def _unclosed_quote(text: str, upto: int) -> int:
    """The last line up to `upto` with an odd number of double quotes (0 if none): a
    quoted value left open runs on into the next lines and breaks YAML far below."""
    found = 0
    for number, line in enumerate(text.splitlines()[:upto], 1):
        if (line.count('"') - line.count('\\"')) % 2:
            found = number
    return found


def line_of(data: Any, loc: Sequence[int | str], default: int = 1) -> int:
    """The line of the deepest node on the path `loc` (a pydantic error location)."""
    line = getattr(data, "line", default) or default
    node = data
    for part in loc:
        if isinstance(node, LineDict) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            node = node[part]
        elif isinstance(part, str):
            continue  # pydantic adds names of union members and validators to locations
        else:
            break
    return line
