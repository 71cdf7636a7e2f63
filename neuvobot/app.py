"""Wiring: settings → catalogue, search, storage and the conversation core.

Channels (console, Telegram, one-shot `ask`) all start from `open_app`, so they share one
way of building the core and differ only in how messages arrive and leave.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from neuvobot.catalogue.loader import Catalogue, CatalogueError, load_catalogue
from neuvobot.catalogue.model import Service
from neuvobot.catalogue.reload import CatalogueReloader, LiveSearcher
from neuvobot.config import Settings
from neuvobot.conversation.core import Conversation, Hit
from neuvobot.escalation.queue import NurseQueue
from neuvobot.escalation.teams import Teams
from neuvobot.storage.base import StorageError
from neuvobot.storage.sqlite import SqliteStorage

log = logging.getLogger(__name__)

_SCOPE_ORDER = {"municipality": 0, "region": 1, "national": 2}


class CatalogueSearcher:
    """The core's view of search: ranked hits, and services of one type for a municipality."""

    def __init__(self, catalogue: Catalogue, engine) -> None:
        self.catalogue = catalogue
        self.engine = engine

    def find(
        self, query: str, municipality: str, lang: str | None, limit: int, offset: int
    ) -> tuple[list[Hit], str | None]:
        result = self.engine.search(query, municipality, lang=lang, limit=limit, offset=offset)
        hits = [Hit(h.service, h.score, tuple(h.matched)) for h in result.hits]
        return hits, result.lang

    def services_of_type(self, municipality: str, type_id: str) -> list[Service]:
        found = [s for s in self.catalogue.for_municipality(municipality) if s.type == type_id]
        return sorted(found, key=lambda s: _SCOPE_ORDER[self.catalogue.scope_of(s)])


def build_searcher(
    catalogue_dir: Path, index_dir: Path | None = None, min_score: float | None = None
) -> CatalogueSearcher:
    from neuvobot.search.engine import SearchEngine, SearchSettings

    catalogue = load_catalogue(catalogue_dir)
    if catalogue.problems:
        raise CatalogueError(catalogue.problems)
    settings = SearchSettings() if min_score is None else SearchSettings(min_score=min_score)
    engine = SearchEngine.build(catalogue, index_dir=index_dir, settings=settings)
    return CatalogueSearcher(catalogue, engine)


@dataclass
class App:
    settings: Settings
    storage: SqliteStorage
    live: LiveSearcher  # the current searcher; the reloader swaps it
    conversation: Conversation
    nurse_queue: NurseQueue | None = None
    reloader: CatalogueReloader | None = None  # channels that run long start reloader.run()

    @property
    def searcher(self) -> CatalogueSearcher:
        return self.live.current


async def purge_expired(
    storage: SqliteStorage, retention_days: int, insights_days: int | None = None
) -> int:
    """Delete conversation data older than the retention period (default 30 days), and
    insights (scrubbed unmatched questions) older than theirs (default 180 days)."""
    cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(days=retention_days)
    removed = await storage.purge_before(cutoff)
    if insights_days is not None:
        removed += await storage.purge_insights_before(
            (dt.datetime.now(dt.UTC) - dt.timedelta(days=insights_days)).date()
        )
    if removed:
        log.info("retention purge removed %d rows", removed)
    return removed


async def retention_loop(
    storage: SqliteStorage,
    retention_days: int,
    every_s: float = 3600,
    insights_days: int | None = None,
) -> None:
    while True:
        try:
            await purge_expired(storage, retention_days, insights_days)
        except StorageError:
            log.warning("retention purge postponed: storage unavailable")
        await asyncio.sleep(every_s)


async def expiry_loop(queue: NurseQueue, minutes: int, every_s: float = 60) -> None:
    """Cases nobody took in time: the family is told and offered alternatives."""
    while True:
        try:
            await queue.expire_overdue(dt.timedelta(minutes=minutes))
        except StorageError:
            log.warning("case expiry postponed: storage unavailable")
        await asyncio.sleep(every_s)


@asynccontextmanager
async def open_app(settings: Settings, *, database: Path | str | None = None) -> AsyncIterator[App]:
    from neuvobot.search.language import detect_language

    reloader = CatalogueReloader(
        settings.catalogue_dir,
        lambda root: build_searcher(root, settings.search.index_dir, settings.search.min_score),
        every_s=settings.catalogue_reload_seconds,
    )
    live = reloader.load()
    storage = SqliteStorage(database or settings.database)
    await storage.open()
    await purge_expired(storage, settings.retention_days, settings.insights_retention_days)
    try:
        queue = (
            NurseQueue(
                storage,
                Teams(settings.nurse_teams),
                services=lambda municipality, kind: live().services_of_type(municipality, kind),
            )
            if settings.nurse_teams
            else None
        )
        if queue is not None:
            await queue.return_orphaned_cases()  # a nurse removed from the config holds none
        conversation = Conversation(
            storage, live, escalation=queue, detect_language=detect_language
        )
        yield App(settings, storage, live, conversation, queue, reloader)
    finally:
        await storage.close()
