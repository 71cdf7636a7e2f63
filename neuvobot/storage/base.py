"""The storage interface the conversation core and escalation use.

Everything goes through this small interface, never SQL in handlers, so another backend
(PostgreSQL for several bot instances) only has to implement it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass
class UserState:
    """What the bot remembers about one family member on one channel."""

    key: str  # channel-scoped pseudonymous key, e.g. "tg:<chat id>" or "console:local"
    channel: str
    lang: str = "fi"
    lang_fixed: bool = False  # chosen with /language: stop following the message language
    municipality: str | None = None
    # Short-lived conversation state: what the bot is waiting for, the last question for
    # "more results", a question asked before the municipality was known, and so on.
    pending: dict[str, Any] = field(default_factory=dict)
    unhelpful: int = 0
    created: dt.datetime | None = None


@dataclass(frozen=True)
class LoggedMessage:
    id: int
    user_key: str
    direction: str  # "in" from the family, "out" from the bot, "nurse" from a nurse
    text: str
    at: dt.datetime
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class OutboxItem:
    id: int
    chat: str  # channel-specific destination, e.g. "tg:<chat id>" or "tg:<chat id>/<topic>"
    payload: dict[str, Any]
    attempts: int
    user_key: str | None = None


@dataclass(frozen=True)
class InsightRow:
    """A scrubbed question that found nothing or went to a nurse: no one's, only a day."""

    day: dt.date
    municipality: str
    lang: str
    source: str  # "no_match" or "nurse"
    text: str
    count: int = 1


class StorageError(Exception):
    """The database could not be used right now (locked, disk full…); try again later."""


class DatabaseFileError(Exception):
    """The database file is not one we can use (empty, corrupt): start-up stops with one
    sentence saying what to do, instead of a traceback or a silent empty database."""


class Storage(Protocol):
    async def open(self) -> None: ...

    async def close(self) -> None: ...

    async def get_user(self, key: str) -> UserState | None: ...

    async def save_user(self, user: UserState) -> None: ...

    async def log_message(
        self, user_key: str, direction: str, text: str, meta: dict[str, Any] | None = None
    ) -> int: ...

    async def recent_messages(self, user_key: str, limit: int = 20) -> list[LoggedMessage]: ...

    async def forget_user(self, key: str) -> int:
        """Delete everything stored about the user; returns the number of rows removed."""
        ...

    async def purge_before(self, cutoff: dt.datetime) -> int:
        """Delete conversation data older than `cutoff` (retention); returns rows removed."""
        ...

    async def record_insight(
        self, day: dt.date, municipality: str, lang: str, source: str, text: str
    ) -> None:
        """Count one scrubbed question (neuvobot.insights); nothing that says who asked."""
        ...

    async def insights(
        self, municipality: str | None = None, since: dt.date | None = None
    ) -> list[InsightRow]: ...

    async def purge_insights_before(self, day: dt.date) -> int: ...

    async def enqueue(
        self, chat: str, payload: dict[str, Any], user_key: str | None = None
    ) -> int: ...

    async def due_outbox(self, limit: int = 100, prefix: str = "") -> list[OutboxItem]: ...

    async def take_pending(self, chat: str) -> list[OutboxItem]: ...

    async def mark_sent(self, item_id: int) -> None: ...

    async def record_copies(self, copies: list[tuple[str, int, int]]) -> None: ...

    async def mark_retry(self, item_id: int, delay_s: float, error: str) -> None: ...

    async def mark_failed(self, item_id: int, error: str) -> None: ...
