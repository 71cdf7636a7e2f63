"""Load and check the whole catalogue directory, reporting every problem with `path:line`.

Loading never stops at the first problem: editors fix a file in one go, so `catalogue check`
lists all of them. A catalogue with problems is still returned (without the broken entries)
so that the caller decides whether to serve it; the running bot keeps its last good one.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from neuvobot.catalogue.model import LANGS, Service, ServiceType
from neuvobot.catalogue.municipalities import MUNICIPALITIES, REGIONS
from neuvobot.catalogue.yamlfile import LineDict, LineList, YamlProblem, line_of, read_yaml

TYPES_FILE = "service-types.yaml"
SYNONYMS_FILE = "synonyms.yaml"
NATIONAL = "national"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class CatalogueError(Exception):
    """Raised by `load_catalogue(strict=True)` when any problem was found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Origin:
    path: str
    line: int


@dataclass
class Catalogue:
    root: Path
    services: list[Service]
    types: dict[str, ServiceType]
    synonyms: dict[str, dict[str, list[str]]]
    origins: dict[str, Origin] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @cached_property
    def by_id(self) -> dict[str, Service]:
        return {s.id: s for s in self.services}

    @cached_property
    def _serves(self) -> dict[str, frozenset[str]]:
        return {s.id: frozenset(expand_areas(s.areas)) for s in self.services}

    def serves(self, service: Service | str) -> frozenset[str]:
        """Slugs of the municipalities a service serves (its areas expanded)."""
        return self._serves[service if isinstance(service, str) else service.id]

    @cached_property
    def _by_municipality(self) -> dict[str, list[Service]]:
        result: dict[str, list[Service]] = defaultdict(list)
        for service in self.services:
            for slug in self.serves(service):
                result[slug].append(service)
        return dict(result)

    def for_municipality(self, slug: str) -> list[Service]:
        return list(self._by_municipality.get(slug, []))

    def scope_of(self, service: Service) -> str:
        """`municipality`, `region` or `national`: how local the entry is, for ranking."""
        if NATIONAL in service.areas:
            return "national"
        if any(a.startswith("region:") for a in service.areas):
            return "region"
        return "municipality"

    def missing_coverage(self) -> list[tuple[str, str]]:
        """(municipality, type) pairs where no entry of that type serves the municipality."""
        missing = []
        for slug in MUNICIPALITIES:
            have = {s.type for s in self.for_municipality(slug)}
            missing += [(slug, t) for t in self.types if t not in have]
        return missing

    @property
    def fingerprint(self) -> str:
        return catalogue_fingerprint(self.root)


def expand_areas(areas: Iterable[str]) -> set[str]:
    slugs: set[str] = set()
    for area in areas:
        if area == NATIONAL:
            slugs.update(MUNICIPALITIES)
        elif area.startswith("region:"):
            slugs.update(REGIONS.get(area.removeprefix("region:"), ()))
        elif area in MUNICIPALITIES:
            slugs.add(area)
    return slugs


def valid_area(area: str) -> bool:
    return (
        area == NATIONAL
        or (area.removeprefix("region:") in REGIONS and area.startswith("region:"))
        or area in MUNICIPALITIES
    )


def catalogue_files(root: Path) -> list[Path]:
    """Service files: every *.yaml except the vocabulary and synonyms, in a stable order."""
    return sorted(
        p
        for p in root.rglob("*.yaml")
        if p.name not in (TYPES_FILE, SYNONYMS_FILE) and not p.name.startswith(".")
    )


def catalogue_fingerprint(root: Path) -> str:
    """Changes whenever any catalogue file changes: names, sizes and modification times."""
    return catalogue_state(root)[0]


def catalogue_state(root: Path) -> tuple[str, float]:
    """The fingerprint and the newest modification time (0 for none), from one walk."""
    parts = []
    newest = 0.0
    for p in sorted(root.rglob("*.yaml")):
        st = p.stat()
        parts.append(f"{p.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}")
        newest = max(newest, st.st_mtime)
    import hashlib

    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16], newest


class _Collector:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []

    def rel(self, path: Path) -> str:
        try:
            return os.path.relpath(path, Path.cwd())
        except ValueError:
            return str(path)

    def add(self, path: Path, line: int, fld: str, message: str) -> None:
        self.problems.append(Problem(self.rel(path), line, fld, message))


def _load_types(root: Path, out: _Collector) -> dict[str, ServiceType]:
    path = root / TYPES_FILE
    if not path.exists():
        out.add(path, 1, "types", f"{TYPES_FILE} is missing: copy it from ../shared/{TYPES_FILE}")
        return {}
    try:
        data = read_yaml(path, root)
    except YamlProblem as exc:
        out.add(path, exc.line, "types", exc.message)
        return {}
    types: dict[str, ServiceType] = {}
    raw = data.get("types") if isinstance(data, dict) else None
    if not isinstance(raw, dict):
        out.add(path, 1, "types", "the file must have a `types:` mapping")
        return {}
    for type_id, body in raw.items():
        try:
            types[type_id] = ServiceType.model_validate({"id": type_id, **(body or {})})
        except (ValidationError, TypeError) as exc:
            out.add(path, raw.key_lines.get(type_id, 1), f"types.{type_id}", _first_message(exc))
    return types


def _first_message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        return f"{'.'.join(map(str, err['loc']))}: {_clean(err['msg'])}"
    return str(exc)


def _clean(msg: str) -> str:
    return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def _load_synonyms(root: Path, out: _Collector) -> dict[str, dict[str, list[str]]]:
    path = root / SYNONYMS_FILE
    synonyms: dict[str, dict[str, list[str]]] = {lang: {} for lang in LANGS}
    if not path.exists():
        return synonyms
    try:
        data = read_yaml(path, root)
    except YamlProblem as exc:
        out.add(path, exc.line, "synonyms", exc.message)
        return synonyms
    if data is None:
        return synonyms
    if not isinstance(data, LineDict):
        out.add(path, 1, "synonyms", "write `fi:`, `sv:` and `en:` blocks of `word: [words]`")
        return synonyms
    for lang, table in data.items():
        line = data.key_lines[lang]
        if lang not in LANGS:
            out.add(path, line, str(lang), "unknown language: use fi, sv or en")
            continue
        if table is None:
            continue
        if not isinstance(table, LineDict):
            out.add(path, line, lang, "write one `word: [service words]` per line")
            continue
        for word, targets in table.items():
            wline = table.key_lines[word]
            if isinstance(targets, str):
                targets = [targets]
            if (
                not isinstance(word, str)
                or not word.strip()
                or not isinstance(targets, list)
                or not targets
                or not all(isinstance(t, str) and t.strip() for t in targets)
            ):
                out.add(
                    path,
                    wline,
                    f"{lang}.{word}",
                    "write the everyday word, a colon and a list of service words, "
                    "e.g. `päiväkoti: [varhaiskasvatus]`",
                )
                continue
            synonyms[lang][word.strip().lower()] = [t.strip().lower() for t in targets]
    return synonyms


def _field_name(prefix: str, loc: tuple[Any, ...]) -> str:
    name = prefix
    for part in loc:
        if isinstance(part, int):
            name += f"[{part}]"
        elif part in Service.model_fields or not any(c in str(part) for c in "[]-,"):
            name += f".{part}"
    return name


def _load_services(
    path: Path, types: dict[str, ServiceType], out: _Collector
) -> list[tuple[Service, int]]:
    try:
        data = read_yaml(path, out.root)
    except YamlProblem as exc:
        out.add(path, exc.line, "file", exc.message)
        return []
    if data is None:
        return []
    if not isinstance(data, LineDict):
        out.add(path, 1, "file", "a catalogue file starts with `area:` and `services:`")
        return []
    for key in data:
        if key not in ("area", "services"):
            out.add(path, data.key_lines[key], str(key), "unknown key: use `area` and `services`")
    area = data.get("area")
    if area is not None and (not isinstance(area, str) or not valid_area(area)):
        out.add(path, data.key_lines["area"], "area", _area_message(area))
        return []  # every entry would repeat the same problem
    services = data.get("services")
    if services is None:
        return []
    if not isinstance(services, LineList):
        out.add(
            path, data.key_lines["services"], "services", "`services:` must be a list of - entries"
        )
        return []

    loaded: list[tuple[Service, int]] = []
    for index, raw in enumerate(services):
        line = services.item_lines[index]
        if not isinstance(raw, LineDict):
            out.add(path, line, f"services[{index}]", "each service is a block of `key: value`")
            continue
        sid = raw.get("id")
        prefix = sid if isinstance(sid, str) else f"services[{index}]"
        body = dict(raw)
        if "areas" not in body and area is not None:
            body["areas"] = [area]
        try:
            service = Service.model_validate(body)
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(err["loc"])
                if loc == ("areas",) and "areas" not in raw:
                    msg = "give `areas:` or an `area:` at the top of the file"
                else:
                    msg = _clean(err["msg"])
                    if err["type"] == "missing":
                        msg = f"`{loc[-1]}` is required" if loc else msg
                    elif err["type"] == "extra_forbidden":
                        msg = "unknown field: check the spelling (see docs/editing.md)"
                out.add(path, line_of(raw, loc, line), _field_name(prefix, loc), msg)
            continue
        ok = True
        if service.type not in types:
            out.add(
                path,
                line_of(raw, ("type",), line),
                f"{prefix}.type",
                f"unknown service type {service.type!r}: use an id from {TYPES_FILE}",
            )
            ok = False
        for i, a in enumerate(service.areas):
            if not valid_area(a):
                aline = (
                    line_of(raw, ("areas", i), line)
                    if "areas" in raw
                    else data.key_lines.get("area", line)
                )
                out.add(path, aline, f"{prefix}.areas", _area_message(a))
                ok = False
        if ok:
            loaded.append((service, line))
    return loaded


def _area_message(area: object) -> str:
    from neuvobot.catalogue.municipalities import suggest_slug

    hint = suggest_slug(str(area)) if isinstance(area, str) else None
    also = f" (did you mean {hint!r}?)" if hint else ""
    return (
        f"unknown area {area!r}{also}: use `national`, `region:varsinais-suomi`, "
        "`region:keski-suomi` or a municipality slug such as `turku`"
    )


def load_catalogue(root: Path | str, *, strict: bool = False) -> Catalogue:
    root = Path(root)
    out = _Collector(root)
    if not root.is_dir():
        out.add(root, 1, "catalogue", "directory not found")
        if strict:
            raise CatalogueError(out.problems)
        return Catalogue(root, [], {}, {lang: {} for lang in LANGS}, {}, out.problems)
    types = _load_types(root, out)
    synonyms = _load_synonyms(root, out)
    services: list[Service] = []
    origins: dict[str, Origin] = {}
    for path in catalogue_files(root):
        for service, line in _load_services(path, types, out):
            if service.id in origins:
                first = origins[service.id]
                out.add(
                    path,
                    line,
                    f"{service.id}.id",
                    f"duplicate id: also used at {first.path}:{first.line}; ids must be unique",
                )
                continue
            origins[service.id] = Origin(out.rel(path), line)
            services.append(service)
    problems = sorted(set(out.problems), key=lambda p: (p.path, p.line, p.field))
    if strict and problems:
        raise CatalogueError(problems)
    return Catalogue(root, services, types, synonyms, origins, problems)


def summary_counts(catalogue: Catalogue) -> dict[str, Any]:
    """Numbers for `catalogue check`: services per scope/region and per type."""
    per_area: Counter[str] = Counter()
    for s in catalogue.services:
        for a in s.areas:
            if a == NATIONAL:
                per_area["national"] += 1
            elif a.startswith("region:"):
                per_area[a] += 1
            else:
                from neuvobot.catalogue.municipalities import MUNICIPALITIES as M

                per_area[f"municipality ({M[a].region_slug})"] += 1
    return {
        "services": len(catalogue.services),
        "per_area": dict(sorted(per_area.items())),
        "per_type": dict(sorted(Counter(s.type for s in catalogue.services).items())),
        "needs_review": sum(1 for s in catalogue.services if s.needs_review),
    }
