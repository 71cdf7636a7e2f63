"""`neuvobot catalogue report`: what each editor should fix or check in their part.

Collecting and rendering are separate: `collect_report` turns a catalogue directory into
findings (small dataclasses, each with file:line, entry id and what to do), grouped by area
(national, region, municipality) and provider; `render_text`, `render_markdown` and
`render_html` in `report_render.py` (with the command line) show the same content. The
report runs even on a catalogue with load problems (a broken entry is then listed as a
problem of its file), because that is when editors need it most.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
from collections import Counter
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
    no_channel = "no_channel"
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
            if not service.channels:
                self.add(
                    group,
                    Finding(
                        Kind.no_channel,
                        origin.path,
                        origin.line,
                        service.id,
                        "has no contact channel: a family cannot reach it from the card",
                        "Add the phone number or the service's own web page from the "
                        "provider's source (`channels:`); until then the card tells families "
                        "to ask the nurse chat or the county's phone service.",
                    ),
                )
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
