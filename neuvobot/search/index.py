"""The Whoosh index of the catalogue: schema, build, and an on-disk cache swapped in atomically.

Each language has its own fields analysed with that language's chain; short, strong fields
(type name, service name, keywords) are kept apart from the long body so ranking can weigh
them more. A character 3-gram field on names catches typos the analysers miss.

Services are grouped into shards by the areas they serve, one Whoosh segment each (written
by `segments.py`), so a question reads only the shards serving its municipality.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml
from whoosh import index as whoosh_index
from whoosh.analysis import NgramFilter
from whoosh.fields import STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.formats import Format, tokens
from whoosh.system import emptybytes

from neuvobot.catalogue.loader import Catalogue
from neuvobot.catalogue.model import LANGS, Service
from neuvobot.search.analysis import (
    ANALYSIS_VERSION,
    english_analyzer,
    finnish_analyzer,
    plain_analyzer,
    swedish_analyzer,
    swedish_vocabulary,
)
from neuvobot.search.segments import INDEX_NAME, CollectionStats, write_index

log = logging.getLogger(__name__)

# Field groups per language; the engine weighs them (see engine.FIELD_BOOSTS). Type name,
# service name and keywords share one "strong" field: one field fewer per language halves
# the query's clauses, which is what query time grows with.
GROUPS = ("strong", "body")
SCOPE_RANK = {"municipality": 0, "region": 1, "national": 2}
INDEX_FORMAT = "shards-7"  # bump when the schema or the layout on disk changes
SHARDS_FILE = "neuvobot-shards.json"  # segment → shard, and the collection statistics
PARALLEL_FROM = 5_000  # services; the shipped catalogue (266) builds in one process
MAX_PROCESSES = 2


def field_name(group: str, lang: str) -> str:
    return f"{group}_{lang}"


def language_analyzers(catalogue: Catalogue, use_voikko: bool | None = None) -> dict:
    sv_texts: list[str] = []
    for service in catalogue.services:
        sv_texts += [t for t in (service.name.sv, service.summary.sv) if t]
        sv_texts += service.keywords.sv
        if service.description and service.description.sv:
            sv_texts.append(service.description.sv)
    sv_texts += [t.sv for t in catalogue.types.values()]
    sv_texts += [w for targets in catalogue.synonyms.get("sv", {}).values() for w in targets]
    return {
        "fi": finnish_analyzer(use_voikko),
        "sv": swedish_analyzer(swedish_vocabulary(sv_texts)),
        "en": english_analyzer(),
    }


class WeightOnly(Format):
    """A term's frequency kept only as its posting weight, which is all BM25 reads.

    Whoosh's Frequency format stores the same number again as 4 value bytes per posting;
    at national scale that is a third of the index, and the index is read into memory.
    """

    posting_size = 0  # no value bytes

    def word_values(self, value, analyzer, **kwargs):
        counts: dict[str, int] = defaultdict(int)
        weights: dict[str, float] = defaultdict(float)
        kwargs["boosts"] = True
        for token in tokens(value, analyzer, kwargs):
            counts[token.text] += 1
            weights[token.text] += token.boost
        boost = self.field_boost
        return ((w, n, weights[w] * boost, emptybytes) for w, n in counts.items())


def _text(analyzer) -> TEXT:
    field = TEXT(analyzer=analyzer, phrase=False)
    field.format = WeightOnly()
    return field


def build_schema(analyzers: dict) -> Schema:
    # Only what search reads is indexed: no positions (no phrase queries), the municipality
    # filter is the shard itself (see `shard_key`), id/type/scope are only read back.
    fields: dict[str, object] = {
        "id": STORED(),
        "type": STORED(),
        "scope": STORED(),
        "names": _text(plain_analyzer() | NgramFilter(3, 3)),
    }
    for lang in LANGS:
        for group in GROUPS:
            fields[field_name(group, lang)] = _text(analyzers[lang])
    return Schema(**fields)


def shard_key(service: Service) -> str:
    """Services with the same areas serve the same municipalities: one shard (segment) each.

    A question then only reads the shards serving its municipality (its own, its region's,
    the national one) instead of skipping through every municipality's postings.
    """
    return "+".join(sorted(service.areas))


def shard_groups(catalogue: Catalogue) -> dict[str, list[Service]]:
    """Shard key → its services, in catalogue order: the order they are written in."""
    groups: dict[str, list[Service]] = {}
    for service in catalogue.services:
        groups.setdefault(shard_key(service), []).append(service)
    return groups


@functools.lru_cache(maxsize=1)
def situations() -> dict[str, dict[str, str]]:
    """Type → language → the situations families describe when it fits (situations.yaml
    beside this module: written from how the services describe themselves)."""
    text = resources.files("neuvobot.search").joinpath("situations.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    return {str(k): {lang: str(v.get(lang, "")) for lang in LANGS} for k, v in data.items()}


def service_document(catalogue: Catalogue, service: Service) -> dict[str, object]:
    type_ = catalogue.types[service.type]
    described = situations().get(service.type, {})
    doc: dict[str, object] = {
        "id": service.id,
        "type": service.type,
        "scope": SCOPE_RANK[catalogue.scope_of(service)],
        "names": " ".join(text for _, text in service.name.items()),
    }
    for lang in LANGS:
        strong = [getattr(type_, lang), getattr(service.name, lang) or ""]
        strong += service.keywords.get(lang)
        strong.append(described.get(lang, ""))
        doc[field_name("strong", lang)] = "\n".join(strong)
        body = [getattr(service.summary, lang) or ""]
        if service.description is not None:
            body.append(getattr(service.description, lang) or "")
        if lang == "en":
            body.append(type_.about)
        doc[field_name("body", lang)] = "\n".join(body)
    return doc


def catalogue_digest(catalogue: Catalogue, variant: str) -> str:
    """Changes when the content or the analysis changes: the cache key of a built index."""
    digest = hashlib.sha256()
    for service in catalogue.services:  # pydantic's JSON encoder: 50,000 services in ~1 s
        digest.update(service.model_dump_json().encode())
        digest.update(b"\n")
    rest = {
        "types": {k: v.model_dump() for k, v in catalogue.types.items()},
        "synonyms": catalogue.synonyms,
        "situations": situations(),
        "analysis": ANALYSIS_VERSION,
        "variant": variant,
        "format": INDEX_FORMAT,
    }
    digest.update(json.dumps(rest, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()[:20]


@dataclass
class BuiltIndex:
    """A Whoosh index with one segment per shard, and what searching it needs."""

    index: object
    shards: dict[str, str]  # segment id → shard key
    stats: CollectionStats
    reader: object = None  # opened once; its leaves are the shards' segment readers

    def __post_init__(self) -> None:
        if self.reader is None:
            self.reader = self.index.reader()  # type: ignore[attr-defined]


def build_index(catalogue: Catalogue, analyzers: dict, directory: Path | None = None):
    """Build the index in memory, or on disk in `directory` (a fresh, empty directory)."""
    schema = build_schema(analyzers)
    groups = shard_groups(catalogue)
    storage = RamStorage() if directory is None else FileStorage(str(directory)).create()
    segment_ids, stats = write_index(
        storage,
        schema,
        list(groups.values()),
        functools.partial(service_document, catalogue),
        compound=directory is not None,
        processes=_processes(len(catalogue.services)) if directory is not None else 1,
    )
    shards = dict(zip(segment_ids, groups, strict=True))
    if directory is not None:
        meta = {"shards": shards, "stats": stats.as_json()}
        (Path(directory) / SHARDS_FILE).write_text(json.dumps(meta, ensure_ascii=False))
    return BuiltIndex(storage.open_index(INDEX_NAME), shards, stats)


def _processes(services: int) -> int:
    """Index writers to run side by side: the CPUs we may use, for a catalogue big enough
    that a forked worker (about 0.1 s to start) pays off."""
    if services < PARALLEL_FROM:
        return 1
    affinity = getattr(os, "sched_getaffinity", None)  # Linux: the CPUs we may run on
    cpus = len(affinity(0)) if affinity else (os.cpu_count() or 1)
    return max(1, min(MAX_PROCESSES, cpus))


def _open(directory: Path, catalogue: Catalogue) -> BuiltIndex:
    meta = json.loads((directory / SHARDS_FILE).read_text())
    index = whoosh_index.open_dir(str(directory), indexname=INDEX_NAME)
    groups = shard_groups(catalogue)
    # The directory is named by the catalogue's digest; anything else means a damaged cache.
    if sorted(meta["shards"].values()) != sorted(groups) or index.doc_count_all() != sum(
        len(services) for services in groups.values()
    ):
        raise ValueError("the cached index does not match the catalogue")
    return BuiltIndex(index, meta["shards"], CollectionStats.from_json(meta["stats"]))


def open_or_build(
    catalogue: Catalogue, analyzers: dict, index_dir: Path | None, variant: str
) -> BuiltIndex:
    """Load the cached index for this exact catalogue, or build it and cache it atomically."""
    if index_dir is None:
        return build_index(catalogue, analyzers)
    digest = catalogue_digest(catalogue, variant)
    target = Path(index_dir) / digest
    if target.is_dir():
        try:
            return _open(target, catalogue)
        except Exception as exc:  # a damaged cache is rebuilt, never fatal
            log.warning("index cache unreadable (%s); rebuilding", type(exc).__name__)
            shutil.rmtree(target, ignore_errors=True)
    Path(index_dir).mkdir(parents=True, exist_ok=True)
    # Build beside the target and rename: readers never see a half-built index.
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=index_dir))
    try:
        build_index(catalogue, analyzers, building)
        try:
            os.rename(building, target)
        except OSError:  # another process won the race; use its index
            shutil.rmtree(building, ignore_errors=True)
    finally:
        if building.exists() and building != target:
            shutil.rmtree(building, ignore_errors=True)
    _prune(Path(index_dir), keep=digest)
    return _open(target, catalogue)


def _prune(index_dir: Path, keep: str) -> None:
    """Old cached indexes only take disk space; keep the newest few."""
    entries = sorted(
        (p for p in index_dir.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in entries[3:]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)
