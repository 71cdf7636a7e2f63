"""The Whoosh index of the catalogue: schema, build, and an on-disk cache swapped in atomically.

Each language has its own fields analysed with that language's chain; short, strong fields
(type name, service name, keywords) are kept apart from the long body so ranking can weigh
them more. A character 3-gram field on names catches typos the analysers miss.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import NgramFilter
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

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

log = logging.getLogger(__name__)

# Field groups per language; the engine weighs them (see engine.FIELD_BOOSTS). Type name,
# service name and keywords share one "strong" field: one field fewer per language halves
# the query's clauses, which is what query time grows with.
GROUPS = ("strong", "body")
SCOPE_RANK = {"municipality": 0, "region": 1, "national": 2}


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


def build_schema(analyzers: dict) -> Schema:
    fields: dict[str, object] = {
        "id": ID(stored=True, unique=True),
        "type": ID(stored=True),
        "serves": KEYWORD(),  # municipality slugs, for filtering
        "scope": NUMERIC(stored=True),
        "names": TEXT(analyzer=plain_analyzer() | NgramFilter(3, 3), field_boost=1.0),
        "payload": STORED(),
    }
    for lang in LANGS:
        for group in GROUPS:
            fields[field_name(group, lang)] = TEXT(analyzer=analyzers[lang])
    return Schema(**fields)


def service_document(catalogue: Catalogue, service: Service) -> dict[str, object]:
    type_ = catalogue.types[service.type]
    doc: dict[str, object] = {
        "id": service.id,
        "type": service.type,
        "serves": " ".join(sorted(catalogue.serves(service))),
        "scope": SCOPE_RANK[catalogue.scope_of(service)],
        "names": " ".join(text for _, text in service.name.items()),
    }
    for lang in LANGS:
        strong = [getattr(type_, lang), getattr(service.name, lang) or ""]
        strong += service.keywords.get(lang)
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
    payload = json.dumps(
        {
            "services": [s.model_dump(mode="json") for s in catalogue.services],
            "types": {k: v.model_dump() for k, v in catalogue.types.items()},
            "synonyms": catalogue.synonyms,
            "analysis": ANALYSIS_VERSION,
            "variant": variant,
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:20]


def build_index(catalogue: Catalogue, analyzers: dict, directory: Path | None = None):
    """Build the index in memory, or on disk in `directory` (a fresh, empty directory)."""
    schema = build_schema(analyzers)
    if directory is None:
        ix = RamStorage().create_index(schema)
    else:
        ix = whoosh_index.create_in(str(directory), schema)
    writer = ix.writer(limitmb=256)
    for service in catalogue.services:
        writer.add_document(**service_document(catalogue, service))
    writer.commit()
    return ix


def open_or_build(catalogue: Catalogue, analyzers: dict, index_dir: Path | None, variant: str):
    """Load the cached index for this exact catalogue, or build it and cache it atomically."""
    if index_dir is None:
        return build_index(catalogue, analyzers)
    digest = catalogue_digest(catalogue, variant)
    target = Path(index_dir) / digest
    if target.is_dir() and whoosh_index.exists_in(str(target)):
        try:
            return whoosh_index.open_dir(str(target))
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
    return whoosh_index.open_dir(str(target))


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
