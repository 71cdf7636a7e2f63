"""`neuvobot catalogue diff OLD_DIR NEW_DIR`: what changed between two catalogue folders.

An editor runs it before merging a PTV import (or a colleague's edits) into the shipped
catalogue: services added, removed or moved to another file, and every field that changed
(a phone number, hours, a web address), per file, in the editor's language. Exit status 1
when the folders differ, 0 when they do not, 2 when a file cannot be read.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from neuvobot.catalogue.yamlfile import YamlProblem, read_yaml
from neuvobot.textfiles import text

EDITOR_LANGS = ("fi", "sv", "en")
# Files beside the services that hold no services.
_NOT_SERVICES = frozenset({"service-types.yaml", "synonyms.yaml"})
_MAX_VALUE = 80  # a changed summary is shown cut, the field name says where to look


def tr(lang: str, key: str, **values: Any) -> str:
    return text("neuvobot.catalogue", lang, key, **values)


@dataclass(frozen=True)
class Change:
    file: str  # relative to the folder
    kind: str  # "added", "removed", "moved" or "changed"
    service: str
    name: str = ""
    field: str = ""
    old: str = ""
    new: str = ""


def read_services(root: Path) -> dict[str, dict[str, dict]]:
    """file (relative path) → service id → the service as written. Raises YamlProblem with
    the file's path in its message."""
    found: dict[str, dict[str, dict]] = {}
    for path in sorted(root.rglob("*.yaml")):
        if path.name in _NOT_SERVICES:
            continue
        relative = path.relative_to(root).as_posix()
        try:
            data = read_yaml(path, root)
        except YamlProblem as exc:
            raise YamlProblem(exc.line, f"{relative}: {exc.message}") from exc
        services = data.get("services") if isinstance(data, dict) else None
        if not isinstance(services, list):
            continue
        found[relative] = {
            str(s["id"]): s for s in services if isinstance(s, dict) and s.get("id") is not None
        }
    return found


def flatten(value: Any, prefix: str = "") -> dict[str, str]:
    """`channels[0].phone` → "0800 147 111": every leaf of a service, addressable."""
    if isinstance(value, dict):
        out: dict[str, str] = {}
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, list):
        if all(not isinstance(item, (dict, list)) for item in value):
            return {prefix: ", ".join(str(item) for item in value)}
        out = {}
        for index, item in enumerate(value):
            out.update(flatten(item, f"{prefix}[{index}]"))
        return out
    return {prefix: "" if value is None else str(value)}


def _name(service: dict) -> str:
    name = service.get("name")
    if isinstance(name, dict):
        return str(name.get("fi") or next(iter(name.values()), ""))
    return str(name or "")


def diff_folders(old_root: Path, new_root: Path) -> list[Change]:
    old, new = read_services(old_root), read_services(new_root)
    where_old = {sid: file for file, services in old.items() for sid in services}
    where_new = {sid: file for file, services in new.items() for sid in services}
    changes: list[Change] = []
    for file in sorted(set(old) | set(new)):
        before, after = old.get(file, {}), new.get(file, {})
        for sid, service in after.items():
            if sid in before:
                continue
            if sid in where_old:
                changes.append(Change(file, "moved", sid, _name(service), old=where_old[sid]))
                changes += _field_changes(file, sid, old[where_old[sid]][sid], service)
            else:
                changes.append(Change(file, "added", sid, _name(service)))
        for sid, service in before.items():
            if sid not in after and sid not in where_new:
                changes.append(Change(file, "removed", sid, _name(service)))
            elif sid in after:
                changes += _field_changes(file, sid, service, after[sid])
    return changes


def _field_changes(file: str, sid: str, before: dict, after: dict) -> list[Change]:
    old, new = flatten(before), flatten(after)
    return [
        Change(file, "changed", sid, field=key, old=old.get(key, ""), new=new.get(key, ""))
        for key in sorted(set(old) | set(new))
        if old.get(key, "") != new.get(key, "")
    ]


def _shown(lang: str, value: str, start: int = 0) -> str:
    """The value, or for a long one the part from `start` (where it first differs)."""
    if not value:
        return tr(lang, "diff_none")
    if len(value) <= _MAX_VALUE:
        return value
    part = value[start : start + _MAX_VALUE]
    return ("…" if start else "") + part + ("…" if start + _MAX_VALUE < len(value) else "")


def _first_difference(old: str, new: str) -> int:
    same = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), None)
    at = min(len(old), len(new)) if same is None else same
    return max(0, at - 30)  # some words before it, to find the place


def render(changes: list[Change], old_root: Path, new_root: Path, lang: str) -> str:
    if not changes:
        return tr(lang, "diff_same", old=old_root, new=new_root)
    lines: list[str] = []
    for file in sorted({c.file for c in changes}):
        lines.append(f"{file}:")
        for c in (c for c in changes if c.file == file):
            if c.kind == "changed":
                start = _first_difference(c.old, c.new)
                shown = {"old": _shown(lang, c.old, start), "new": _shown(lang, c.new, start)}
                lines.append(tr(lang, "diff_changed", id=c.service, field=c.field, **shown))
            elif c.kind == "moved":
                lines.append(tr(lang, "diff_moved", id=c.service, old_file=c.old))
            else:
                lines.append(tr(lang, f"diff_{c.kind}", id=c.service, name=c.name))
    count = {
        kind: len({c.service for c in changes if c.kind == kind})
        for kind in ("added", "removed", "moved", "changed")
    }
    files = len({c.file for c in changes})
    lines += ["", tr(lang, "diff_summary", files=files, **count), tr(lang, "diff_review")]
    return "\n".join(lines)


def cmd_diff(args: argparse.Namespace) -> int:
    lang = args.lang
    for folder in (args.old, args.new):
        if not Path(folder).is_dir():
            print(tr(lang, "diff_not_a_dir", path=folder))
            return 2
    try:
        changes = diff_folders(Path(args.old), Path(args.new))
    except YamlProblem as exc:
        path, _, message = exc.message.partition(": ")
        print(tr(lang, "diff_unreadable", path=path, line=exc.line, message=message))
        return 2
    print(render(changes, Path(args.old), Path(args.new), lang))
    return 1 if changes else 0


def register(sub) -> None:
    diff = sub.add_parser(
        "diff", help="services added, removed and changed between two catalogue folders"
    )
    diff.add_argument("old", help="the catalogue as it is (e.g. catalogue/)")
    diff.add_argument("new", help="the folder to compare (e.g. a PTV import's --out folder)")
    diff.add_argument("--lang", choices=EDITOR_LANGS, default="fi", help="language (default fi)")
    diff.set_defaults(func=cmd_diff)
