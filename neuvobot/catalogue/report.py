"""`neuvobot catalogue report`: what each editor should fix or check in their part.

Collecting and rendering are separate: `collect_report` turns a catalogue directory into
findings (small dataclasses, each with file:line, entry id and what to do), grouped by area
(national, region, municipality) and provider; `render_text`, `render_markdown` and
`render_html` show the same content. The report runs even on a catalogue with load problems
(a broken entry is then listed as a problem of its file), because that is when editors need
it most.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import html
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from neuvobot.catalogue.checks import translation_gaps
from neuvobot.catalogue.hours import HELSINKI
from neuvobot.catalogue.loader import (
    NATIONAL,
    SYNONYMS_FILE,
    TYPES_FILE,
    Catalogue,
    Problem,
    load_catalogue,
    valid_area,
)
from neuvobot.catalogue.model import ChannelKind, Service
from neuvobot.catalogue.municipalities import MUNICIPALITIES, REGION_NAMES, REGIONS
from neuvobot.catalogue.yamlfile import LineDict, LineList, YamlProblem, line_of, read_yaml

# Channels a family contacts at set times; web pages, e-services and e-mail have no hours.
TIMED_CHANNELS = (ChannelKind.phone, ChannelKind.chat, ChannelKind.location)
LANGUAGE_NAMES = {"fi": "Finnish", "sv": "Swedish", "en": "English"}
_CONTACT_FIELD = re.compile(r"\.(phone|url|email)$")


class Kind(StrEnum):
    """Finding kinds, in the order a group lists them."""

    load_problem = "load_problem"
    bad_contact = "bad_contact"
    review_needed = "review_needed"
    review_overdue = "review_overdue"
    missing_translation = "missing_translation"
    missing_local_service = "missing_local_service"
    missing_coverage = "missing_coverage"
    no_hours = "no_hours"
    never_opens = "never_opens"


_ORDER = {kind: i for i, kind in enumerate(Kind)}


@dataclass(frozen=True, order=True)
class Group:
    """Whose part of the catalogue a finding is in: an area and the provider there."""

    sort_key: tuple[str, int, str] = field(repr=False)
    area: str  # "Turku", "Varsinais-Suomi", "National", "Whole catalogue"
    provider: str

    @property
    def title(self) -> str:
        return self.area if self.provider == self.area else f"{self.area} — {self.provider}"


@dataclass(frozen=True)
class Finding:
    kind: Kind
    path: str
    line: int
    entry: str | None
    message: str
    action: str

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class Report:
    root: str
    today: dt.date
    months: int
    entries: int
    groups: list[tuple[Group, list[Finding]]]

    @property
    def findings(self) -> list[Finding]:
        return [f for _, findings in self.groups for f in findings]


class CatalogueUnreadable(Exception):
    """The directory does not exist or cannot be read: there is nothing to report on."""


# --------------------------------------------------------------------------- labels


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def kind_summary(kind: Kind, n: int, months: int) -> str:
    labels = {
        Kind.load_problem: ("file problem", "file problems"),
        Kind.bad_contact: ("bad phone number or link", "bad phone numbers or links"),
        Kind.review_needed: ("entry needs review", "entries need review"),
        Kind.review_overdue: (
            f"entry not reviewed for over {months} months",
            f"entries not reviewed for over {months} months",
        ),
        Kind.missing_translation: ("entry missing translations", "entries missing translations"),
        Kind.missing_local_service: (
            "local service type missing",
            "local service types missing",
        ),
        Kind.missing_coverage: ("service type nobody provides", "service types nobody provides"),
        Kind.no_hours: ("channel without hours", "channels without hours"),
        Kind.never_opens: ("channel whose hours never open", "channels whose hours never open"),
    }
    one, many = labels[kind]
    return _plural(n, one, many)


def group_summary(findings: Iterable[Finding], months: int) -> str:
    counts = Counter(f.kind for f in findings)
    return ", ".join(kind_summary(k, counts[k], months) for k in Kind if counts[k])


# --------------------------------------------------------------------------- where things are


def _rel(path: Path) -> str:
    # The same relative form the loader uses, so report and check name files alike.
    try:
        return os.path.relpath(path, Path.cwd())
    except ValueError:
        return str(path)


def _area_group(area: str | None, provider: str | None) -> Group:
    """National first, then each region followed by its municipalities, A to Ö.

    Without a known provider the group is the area's own (a broken file, a missing entry).
    """
    if area == NATIONAL:
        key, name = ("", 1, ""), "National"
    elif area and area.startswith("region:"):
        slug = area.removeprefix("region:")
        key, name = (slug, 2, ""), REGION_NAMES.get(slug, slug)
    elif area in MUNICIPALITIES:
        m = MUNICIPALITIES[area]
        key, name = (m.region_slug, 3, m.fi), m.fi
    else:
        key, name = ("", 0, ""), "Whole catalogue"
    return Group(key, name, provider or name)


class _Files:
    """Raw YAML of each catalogue file, read once, to find lines the loader does not keep."""

    def __init__(self) -> None:
        self._data: dict[str, Any] = {}

    def data(self, path: str) -> Any:
        if path not in self._data:
            try:
                self._data[path] = read_yaml(Path(path))
            except (YamlProblem, OSError):
                self._data[path] = None
        return self._data[path]

    def area(self, path: str) -> str | None:
        """The file's `area:`, or what its place in the layout says it should be."""
        data = self.data(path)
        area = data.get("area") if isinstance(data, dict) else None
        if isinstance(area, str) and valid_area(area):
            return area
        p = Path(path)
        if p.name in (TYPES_FILE, SYNONYMS_FILE):
            return None
        if p.name == "national.yaml":
            return NATIONAL
        if p.name == "region.yaml" and p.parent.name in REGIONS:
            return f"region:{p.parent.name}"
        return p.stem if p.stem in MUNICIPALITIES else None

    def entry_at(self, path: str, line: int) -> LineDict | None:
        """The raw service entry that contains `line` (its `- id:` line or below)."""
        data = self.data(path)
        services = data.get("services") if isinstance(data, LineDict) else None
        if not isinstance(services, LineList):
            return None
        found = None
        for item, start in zip(services, services.item_lines, strict=True):
            if start <= line and isinstance(item, LineDict):
                found = item
        return found


def _provider_of(raw: LineDict | None) -> str | None:
    try:
        name = raw["provider"]["name"]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    if isinstance(name, dict):
        text = name.get("fi") or next((v for v in name.values() if isinstance(v, str)), None)
        return text if isinstance(text, str) else None
    return None


# --------------------------------------------------------------------------- collecting


def months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class _Collector:
    def __init__(self, catalogue: Catalogue, today: dt.date, months: int) -> None:
        self.catalogue = catalogue
        self.today = today
        self.months = months
        self.files = _Files()
        self.found: dict[Group, list[Finding]] = {}

    def add(self, group: Group, finding: Finding) -> None:
        self.found.setdefault(group, []).append(finding)

    def group_of(self, service: Service) -> Group:
        path = self.catalogue.origins[service.id].path
        area = self.files.area(path) or service.areas[0]
        return _area_group(area, service.provider.name.fi)

    def raw_entry(self, service: Service) -> LineDict | None:
        origin = self.catalogue.origins[service.id]
        return self.files.entry_at(origin.path, origin.line)

    # ------------------------------------------------------------------ load problems
    def load_problems(self, problems: list[Problem]) -> None:
        # The running bot takes no catalogue change into use while any problem is left.
        until_fixed = (
            " Until then the bot keeps serving the last good catalogue, without any of the "
            "newer changes."
        )
        for problem in problems:
            raw = self.files.entry_at(problem.path, problem.line)
            entry = raw.get("id") if raw is not None else None
            entry = entry if isinstance(entry, str) else None
            area = self.files.area(problem.path)
            provider = _provider_of(raw) or self._provider_in(problem.path, None)
            group = _area_group(area, provider)
            field_name = problem.field
            if entry and field_name.startswith(entry + "."):
                field_name = field_name.removeprefix(entry + ".")
            if _CONTACT_FIELD.search(problem.field):
                kind = Kind.bad_contact
                action = (
                    "Correct the number or address from the provider's own source. If you "
                    "cannot confirm it, remove the channel and set `review: needed`."
                )
            else:
                kind = Kind.load_problem
                action = "Fix this line so that `neuvobot catalogue check` passes."
            self.add(
                group,
                Finding(
                    kind,
                    problem.path,
                    problem.line,
                    entry,
                    f"{field_name}: {problem.message}",
                    action + until_fixed,
                ),
            )

    # ------------------------------------------------------------------ entries
    def entries(self) -> None:
        cutoff = months_before(self.today, self.months)
        for service in self.catalogue.services:
            origin = self.catalogue.origins[service.id]
            raw = self.raw_entry(service)
            group = self.group_of(service)
            if service.needs_review:
                self.add(
                    group,
                    Finding(
                        Kind.review_needed,
                        origin.path,
                        line_of(raw, ("review",), origin.line) if raw else origin.line,
                        service.id,
                        "marked `review: needed`",
                        "Check the details against the provider's own source, add the phone "
                        "numbers, addresses and hours you can confirm, then replace "
                        f"`review: needed` with `reviewed: {self.today.isoformat()}`.",
                    ),
                )
            elif service.reviewed is not None and service.reviewed < cutoff:
                self.add(
                    group,
                    Finding(
                        Kind.review_overdue,
                        origin.path,
                        line_of(raw, ("reviewed",), origin.line) if raw else origin.line,
                        service.id,
                        f"last reviewed {service.reviewed.isoformat()}, more than "
                        f"{self.months} months ago",
                        "Check every detail against the provider's own source and set "
                        f"`reviewed: {self.today.isoformat()}`.",
                    ),
                )
            self.hours(service, raw, group)

    def hours(self, service: Service, raw: LineDict | None, group: Group) -> None:
        origin = self.catalogue.origins[service.id]
        noon = dt.datetime.combine(self.today, dt.time(12), tzinfo=HELSINKI)
        for i, channel in enumerate(service.channels):
            if channel.kind not in TIMED_CHANNELS:
                continue
            label = f"channels[{i}] ({channel.kind.value})"
            if channel.hours is None:
                self.add(
                    group,
                    Finding(
                        Kind.no_hours,
                        origin.path,
                        line_of(raw, ("channels", i), origin.line) if raw else origin.line,
                        service.id,
                        f"{label} has no opening hours, so the bot cannot say when it is open",
                        "Add `hours:` with the weekly opening times (or `hours: always` for a "
                        "24/7 line); see docs/editing.md, 'Change opening hours'.",
                    ),
                )
                continue
            hours = channel.hours
            # Looking a year ahead costs a little, so only where exceptions could close
            # every opening (no weekly hours, or a long closed period).
            closes_long = any(e.closed and e.until for e in hours.exceptions)
            never = hours.never_opens() or (
                not hours.always
                and (not hours.weekly or closes_long)
                and hours.next_opening(noon) is None
            )
            if never:
                self.add(
                    group,
                    Finding(
                        Kind.never_opens,
                        origin.path,
                        line_of(raw, ("channels", i, "hours"), origin.line) if raw else origin.line,
                        service.id,
                        f"{label} has hours that never open from today on",
                        "Add the weekly opening times under `weekly:`; `exceptions:` are only "
                        "for single dates.",
                    ),
                )

    def translations(self) -> None:
        # The rules (which entries need sv and en) live in checks.py; here they are merged
        # into one finding per entry.
        missing: dict[tuple[str, int, str], list[tuple[str, str]]] = {}
        for problem in translation_gaps(self.catalogue):
            entry, text_field, lang = problem.field.rsplit(".", 2)
            missing.setdefault((problem.path, problem.line, entry), []).append((lang, text_field))
        for (path, line, entry), gaps in missing.items():
            service = self.catalogue.by_id[entry]
            langs = sorted({lang for lang, _ in gaps}, key=["fi", "sv", "en"].index)
            parts = []
            for lang in langs:
                fields = [f for g, f in gaps if g == lang]
                parts.append(f"{LANGUAGE_NAMES[lang]} ({lang}) {' and '.join(fields)}")
            where = (
                "a region-wide or national entry"
                if self.catalogue.scope_of(service) != "municipality"
                else "an entry of a bilingual municipality"
            )
            self.add(
                self.group_of(service),
                Finding(
                    Kind.missing_translation,
                    path,
                    line,
                    entry,
                    f"no {'; no '.join(parts)}: expected for {where}",
                    "Add the missing language under `name:` and `summary:`, e.g. "
                    f"`{langs[0]}: ...`, written for families, not copied from Finnish.",
                ),
            )

    # ------------------------------------------------------------------ coverage
    def _file_for(self, area: str) -> str:
        root = self.catalogue.root
        if area == NATIONAL:
            return _rel(root / "national.yaml")
        if area.startswith("region:"):
            return _rel(root / area.removeprefix("region:") / "region.yaml")
        return _rel(root / MUNICIPALITIES[area].region_slug / f"{area}.yaml")

    def _provider_in(self, path: str, fallback: str | None) -> str | None:
        """The provider most entries of a file have: whose part the file is."""
        names = Counter(
            s.provider.name.fi
            for s in self.catalogue.services
            if self.catalogue.origins[s.id].path == path
        )
        return names.most_common(1)[0][0] if names else fallback

    def coverage(self) -> None:
        types = self.catalogue.types
        local_types = [t for t, v in types.items() if v.scope == "municipality"]
        for slug, m in MUNICIPALITIES.items():
            served = self.catalogue.for_municipality(slug)
            local = {s.type for s in served if self.catalogue.scope_of(s) != "national"}
            national = {s.type for s in served if self.catalogue.scope_of(s) == "national"}
            missing = [t for t in local_types if t not in local]
            if not missing:
                continue
            path = self._file_for(slug)
            exists = Path(path).exists()
            group = _area_group(slug, self._provider_in(path, None))
            for type_id in missing:
                also = (
                    " (only a national entry reaches families there)" if type_id in national else ""
                )
                self.add(
                    group,
                    Finding(
                        Kind.missing_local_service,
                        path,
                        1,
                        None,
                        f"no local service of type {type_id} ({types[type_id].fi}) serves "
                        f"{m.fi}{also}",
                        (
                            f"Add an entry of type {type_id} to this file"
                            if exists
                            else f"Create this file with `area: {slug}` and an entry of type "
                            f"{type_id}"
                        )
                        + ", with the contact details of the service families there use.",
                    ),
                )
        # Region- and national-scope types nobody provides: the region's or the national
        # editors' part, one finding per type listing the municipalities left without it.
        gaps: dict[tuple[str, str], list[str]] = {}
        for slug, type_id in self.catalogue.missing_coverage():
            scope = types[type_id].scope
            if scope == "municipality":
                continue  # listed above, per municipality
            area = NATIONAL if scope == "national" else f"region:{MUNICIPALITIES[slug].region_slug}"
            gaps.setdefault((area, type_id), []).append(slug)
        for (area, type_id), slugs in sorted(gaps.items()):
            path = self._file_for(area)
            if area == NATIONAL:
                whom = (
                    "all municipalities"
                    if len(slugs) == len(MUNICIPALITIES)
                    else f"{len(slugs)} municipalities: {', '.join(slugs)}"
                )
            else:
                region = area.removeprefix("region:")
                whom = (
                    f"any municipality of {REGION_NAMES[region]}"
                    if len(slugs) == len(REGIONS[region])
                    else f"{', '.join(MUNICIPALITIES[s].fi for s in slugs)}"
                )
            self.add(
                _area_group(area, self._provider_in(path, None)),
                Finding(
                    Kind.missing_coverage,
                    path,
                    1,
                    None,
                    f"no service of type {type_id} ({types[type_id].fi}) serves {whom}",
                    (
                        f"Add an entry of type {type_id} to this file"
                        if Path(path).exists()
                        else f"Create this file with `area: {area}` and an entry of type {type_id}"
                    )
                    + ", serving those municipalities.",
                ),
            )


def collect_report(root: Path | str, *, months: int = 12, today: dt.date | None = None) -> Report:
    """Everything editors should look at in the catalogue under `root`, grouped."""
    root = Path(root)
    if not root.is_dir():
        raise CatalogueUnreadable(f"{root}: no such catalogue directory")
    try:
        next(os.scandir(root), None)
    except OSError as exc:
        raise CatalogueUnreadable(f"{root}: cannot be read ({exc.strerror})") from exc
    today = today or dt.datetime.now(HELSINKI).date()
    catalogue = load_catalogue(root)
    collector = _Collector(catalogue, today, months)
    collector.load_problems(catalogue.problems)
    collector.entries()
    collector.translations()
    collector.coverage()
    groups = [
        # File order within a group: an editor walks through their file from top to bottom.
        (group, sorted(findings, key=lambda f: (f.path, f.line, _ORDER[f.kind], f.message)))
        for group, findings in sorted(collector.found.items())
    ]
    return Report(str(root), today, months, len(catalogue.services), groups)


# --------------------------------------------------------------------------- rendering


def _intro(report: Report) -> list[str]:
    findings = report.findings
    return [
        f"Catalogue report for {report.root} on {report.today.isoformat()}.",
        f"{_plural(report.entries, 'entry', 'entries')} loaded; "
        f"{_plural(len(findings), 'finding', 'findings')} in "
        f"{_plural(len(report.groups), 'group', 'groups')}. "
        f"An entry is overdue when it has not been reviewed for {report.months} months.",
    ]


def render_text(report: Report) -> str:
    lines = _intro(report)
    if not report.groups:
        lines.append("Nothing to fix or check.")
    for group, findings in report.groups:
        lines += ["", f"{group.title}: {group_summary(findings, report.months)}"]
        for f in findings:
            entry = f" {f.entry}:" if f.entry else ""
            lines.append(f"  {f.where}:{entry} {f.message}")
            lines.append(f"      What to do: {f.action}")
    return "\n".join(lines) + "\n"


_MD_SPECIAL = re.compile(r"([\\*_\[\]<>#|!])")


def _md(text: str) -> str:
    """Escape Markdown outside `code` spans; code spans are kept as they are."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: treat it all as plain text
        return _MD_SPECIAL.sub(r"\\\1", text).replace("`", "\\`")
    return "`".join(p if i % 2 else _MD_SPECIAL.sub(r"\\\1", p) for i, p in enumerate(parts))


def render_markdown(report: Report) -> str:
    lines = ["# Catalogue report"]
    for paragraph in _intro(report):
        lines += ["", _md(paragraph)]
    if not report.groups:
        lines += ["", "Nothing to fix or check."]
    for group, findings in report.groups:
        lines += ["", f"## {_md(group.title)}", "", _md(group_summary(findings, report.months))]
        lines.append("")
        for f in findings:
            entry = f" `{f.entry}`:" if f.entry else ""
            lines.append(f"- `{f.where}`:{entry} {_md(f.message)}  ")
            lines.append(f"  What to do: {_md(f.action)}")
    return "\n".join(lines) + "\n"


def _html(text: str) -> str:
    escaped = html.escape(text, quote=True)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)


_CSS = (
    "body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.4}h2{margin-top:2rem;border-bottom:1px solid #ccc}"
    "li{margin-bottom:.6rem}.where{font-family:monospace;color:#555}"
    ".todo{display:block;color:#333}code{background:#f3f3f3;padding:0 .2rem}"
)


def render_html(report: Report) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8"><title>Catalogue report</title>',
        f"<style>{_CSS}</style></head>",
        "<body>",
        "<h1>Catalogue report</h1>",
        *(f"<p>{_html(t)}</p>" for t in _intro(report)),
    ]
    if not report.groups:
        out.append("<p>Nothing to fix or check.</p>")
    for group, findings in report.groups:
        out.append(f"<section><h2>{_html(group.title)}</h2>")
        out.append(f"<p>{_html(group_summary(findings, report.months))}</p><ul>")
        for f in findings:
            entry = f" <code>{_html(f.entry)}</code>:" if f.entry else ""
            out.append(
                f'<li><span class="where">{_html(f.where)}</span>:{entry} {_html(f.message)}'
                f'<span class="todo">What to do: {_html(f.action)}</span></li>'
            )
        out.append("</ul></section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


RENDERERS = {"text": render_text, "markdown": render_markdown, "html": render_html}


# --------------------------------------------------------------------------- command line


def cmd_catalogue_report(args: argparse.Namespace) -> int:
    months = args.months
    root = Path(args.dir) if args.dir else None
    if root is None or months is None:
        from neuvobot.config import load_settings

        settings = load_settings(getattr(args, "config", None))
        root = root or settings.catalogue_dir
        months = months or settings.review_after_months
    try:
        report = collect_report(root, months=months)
    except CatalogueUnreadable as exc:
        print(f"Cannot make a report: {exc}", file=sys.stderr)
        return 1
    text = RENDERERS[args.format](report)
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"Cannot write the report to {args.out}: {exc.strerror}", file=sys.stderr)
            return 2
        print(
            f"Report written to {args.out}: "
            f"{_plural(len(report.findings), 'finding', 'findings')} in "
            f"{_plural(len(report.groups), 'group', 'groups')}."
        )
    else:
        sys.stdout.write(text)
    return 0


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of months (1 or more)")
    return number


def register(cat_sub: Any) -> None:
    """Add `report` to the `neuvobot catalogue` sub-commands."""
    report = cat_sub.add_parser(
        "report", help="what editors should fix or check, grouped by municipality and provider"
    )
    report.add_argument("dir", nargs="?", help="catalogue directory (default from config)")
    report.add_argument(
        "--format", choices=sorted(RENDERERS), default="text", help="text (default), markdown, html"
    )
    report.add_argument("--out", metavar="FILE", help="write the report to FILE")
    report.add_argument(
        "--months",
        type=_positive,
        metavar="N",
        help="an entry is overdue when not reviewed for N months (default from config: 12)",
    )
    report.set_defaults(func=cmd_catalogue_report)
