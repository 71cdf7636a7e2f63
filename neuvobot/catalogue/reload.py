"""Live catalogue reload: editors save a file, the running bot serves it without a restart.

The directory is polled: a cheap fingerprint (paths, sizes, modification times) every few
seconds, and only when it moved a digest of the contents, so a `touch` or an unchanged save
reloads nothing. A file changed in the last second is left for the next poll: it may still
be being written. A changed catalogue is loaded and indexed in a worker thread while the
event loop keeps answering from the previous one; the new searcher is then swapped in with
one assignment. A change with problems (or one that fails half-way) leaves the last good
catalogue serving and tells the editors what to fix; the same contents are not retried,
the next save is.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from neuvobot.catalogue.loader import (
    CatalogueError,
    Problem,
    catalogue_fingerprint,
    catalogue_state,
)
from neuvobot.catalogue.yamlfile import YamlProblem, check_readable

log = logging.getLogger(__name__)

DEFAULT_EVERY_S = 2.0
# A catalogue file modified less than this long ago may still be being written (an editor
# saving, a copy in progress): loaded now, half a file would be "rejected" to the editors.
DEFAULT_SETTLE_S = 1.0
MAX_PROBLEMS_IN_MESSAGE = 30  # a chat message stays readable; the check lists them all

Notify = Callable[[str], Awaitable[None]]


class LiveSearcher:
    """The current searcher behind a callable: the conversation core asks for it on every
    question, so replacing `current` (one assignment, on the event loop) swaps catalogues
    between two questions, never inside one."""

    def __init__(self, current: Any) -> None:
        self.current = current

    def __call__(self) -> Any:
        return self.current


class ReloadStatus(StrEnum):
    unchanged = "unchanged"
    settling = "settling"  # a file changed moments ago: maybe still being saved; look again
    reloaded = "reloaded"
    rejected = "rejected"  # the loader found problems: editors are told what to fix
    failed = "failed"  # an unexpected error while loading or indexing


@dataclass(frozen=True)
class ReloadResult:
    status: ReloadStatus
    problems: tuple[Problem, ...] = ()
    error: str = ""


def content_digest(root: Path) -> str:
    """Changes only when a catalogue file's name or bytes change."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.yaml")):
        try:
            check_readable(path, root)
            data = path.read_bytes()
        except YamlProblem:
            data = b"\0not read"  # a pipe, device or outside link: never opened
        except OSError:
            data = b"\0unreadable"  # removed between listing and reading: the next poll sees
        digest.update(str(path.relative_to(root)).encode() + b"\0" + data + b"\0")
    return digest.hexdigest()


def _fingerprint(root: Path) -> str:
    try:
        return catalogue_fingerprint(root)
    except OSError:
        return "missing"


def _look(root: Path) -> tuple[str, float]:
    """The fingerprint and when a file last changed, from one walk of the directory."""
    try:
        return catalogue_state(root)
    except OSError:  # a file went away while we looked: something is changing right now
        return "missing", time.time()


def _digest(root: Path) -> str:
    return content_digest(root) if root.is_dir() else "missing"


def _scan(root: Path) -> tuple[str, str]:
    # Fingerprint first: a save after it moves the fingerprint again, so it is not missed.
    fingerprint = _fingerprint(root)
    return fingerprint, _digest(root)


def rejection_message(problems: list[Problem] | tuple[Problem, ...]) -> str:
    """The editors' chat message: what to fix, one `path:line: field: message` a line."""
    lines = [
        f"Catalogue change NOT taken into use ({len(problems)} problem(s)). "
        "The bot keeps serving the previous catalogue. Fix these and save again:"
    ]
    lines += [str(p) for p in problems[:MAX_PROBLEMS_IN_MESSAGE]]
    if len(problems) > MAX_PROBLEMS_IN_MESSAGE:
        rest = len(problems) - MAX_PROBLEMS_IN_MESSAGE
        lines.append(f"… and {rest} more: run `neuvobot catalogue check` to see them all.")
    return "\n".join(lines)


class CatalogueReloader:
    """Watches one catalogue directory and keeps `live` serving its last good version.

    `build(root)` loads and indexes a directory, raising CatalogueError with the loader's
    problems (neuvobot.app.build_searcher does). `notify(text)`, when given, reaches the
    editors (the Telegram runner sends it to `editors_chat_id` through the outbox).
    """

    def __init__(
        self,
        root: Path | str,
        build: Callable[[Path], Any],
        *,
        every_s: float = DEFAULT_EVERY_S,
        notify: Notify | None = None,
        settle_s: float = DEFAULT_SETTLE_S,
    ) -> None:
        self.root = Path(root)
        self.build = build
        self.every_s = every_s
        self.settle_s = settle_s
        self.notify = notify
        self.live: LiveSearcher | None = None
        self._fingerprint = ""
        self._tried = ""  # digest of the contents last loaded or rejected
        self._failing = False
        self._lock = asyncio.Lock()

    def load(self) -> LiveSearcher:
        """The first load, at start-up: problems raise CatalogueError (nothing to fall back
        on). Scanned before building so an edit made meanwhile is picked up by the watch."""
        fingerprint, digest = _scan(self.root)
        self.live = LiveSearcher(self.build(self.root))
        self._fingerprint, self._tried = fingerprint, digest
        return self.live

    async def check_once(self) -> ReloadResult:
        """Look once; reload when the contents changed. Never raises for catalogue trouble."""
        if self.live is None:
            raise RuntimeError("load() the catalogue before watching it")
        async with self._lock:
            # Names, sizes and times only, every poll; the contents are read (and hashed)
            # only when those moved: a national catalogue is too big to read every 2 s.
            fingerprint, newest = await asyncio.to_thread(_look, self.root)
            if fingerprint == self._fingerprint:
                return ReloadResult(ReloadStatus.unchanged)
            if abs(time.time() - newest) < self.settle_s:
                # Not recorded as seen: the next poll looks again, once the save is done.
                # (A time far ahead, from a file server with a wrong clock, is not waited for.)
                return ReloadResult(ReloadStatus.settling)
            self._fingerprint = fingerprint
            digest = await asyncio.to_thread(_digest, self.root)
            if digest == self._tried:
                return ReloadResult(ReloadStatus.unchanged)
            self._tried = digest
            try:
                # In a thread: indexing takes about a second, questions keep being answered.
                searcher = await asyncio.to_thread(self.build, self.root)
            except CatalogueError as exc:
                return await self._rejected(exc.problems)
            except Exception as exc:  # whatever breaks half-way, the old catalogue serves on
                return await self._failed(exc)
            old, self.live.current = self.live.current, searcher
            _close(old)
            services = len(getattr(getattr(searcher, "catalogue", None), "services", ()))
            log.info("catalogue reloaded: %d services now serving", services)
            if self._failing and self.notify is not None:
                await self._tell(f"Catalogue fixed: the new version ({services} services) is live.")
            self._failing = False
            return ReloadResult(ReloadStatus.reloaded)

    async def run(self) -> None:
        """Poll until cancelled; `every_s` 0 (catalogue_reload_seconds: 0) disables it."""
        if self.every_s <= 0:
            return
        while True:
            await asyncio.sleep(self.every_s)
            try:
                await self.check_once()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the watch must outlive any one bad poll
                log.error("catalogue watch error: %s", type(exc).__name__)

    async def _rejected(self, problems: list[Problem]) -> ReloadResult:
        # Catalogue file problems, not family data: safe to log, one line each for editors.
        log.warning(
            "catalogue change rejected (%d problem(s)); still serving the previous catalogue",
            len(problems),
        )
        for problem in problems:
            log.warning("%s", problem)
        self._failing = True
        await self._tell(rejection_message(problems))
        return ReloadResult(ReloadStatus.rejected, tuple(problems))

    async def _failed(self, exc: Exception) -> ReloadResult:
        error = f"{type(exc).__name__}: {str(exc)[:300]}"
        log.warning("catalogue reload failed, still serving the previous catalogue: %s", error)
        self._failing = True
        await self._tell(
            "Catalogue change NOT taken into use: loading it failed "
            f"({error}). The bot keeps serving the previous catalogue. "
            "Run `neuvobot catalogue check`; if it passes, tell the maintainers."
        )
        return ReloadResult(ReloadStatus.failed, error=error)

    async def _tell(self, text: str) -> None:
        if self.notify is None:
            return
        try:
            await self.notify(text)
        except Exception as exc:  # the editors' chat being down must not stop the watch
            log.warning("could not tell the editors: %s", type(exc).__name__)


def _close(searcher: Any) -> None:
    """Release the old index's files. Searches run on the event loop without awaiting, so
    none is in flight at the swap; the next question already gets the new searcher."""
    engine = getattr(searcher, "engine", None)
    # The engine's own close() if it has one, else the Whoosh searcher it keeps open.
    close = getattr(engine, "close", None) or getattr(
        getattr(engine, "_searcher", None), "close", None
    )
    if close is not None:
        with contextlib.suppress(Exception):  # closing is tidiness, not correctness
            close()
