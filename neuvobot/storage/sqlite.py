"""SQLite storage: WAL mode, numbered migrations, owner-only file, statements run on the
event loop's thread (connection.py says why)."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import datetime as dt
import json
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from neuvobot.storage.base import (
    DatabaseFileError,
    InsightRow,
    LoggedMessage,
    OutboxItem,
    StorageError,
    UserState,
)
from neuvobot.storage.connection import Connection
from neuvobot.storage.copies import delete_copies, record_copies
from neuvobot.storage.sqlite_schema import MIGRATIONS

log = logging.getLogger(__name__)

T = TypeVar("T")

USER_TABLES: dict[str, str] = {"messages": "user_key", "outbox": "user_key", "users": "key"}


@dataclass
class _Unit:
    active: bool = True
    failed: str | None = None  # the first database error inside the unit


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


class SqliteStorage:
    def __init__(
        self,
        path: Path | str,
        clock: Callable[[], dt.datetime] = _now,
        busy_timeout: float = 5.0,
    ) -> None:
        self.path = Path(path)
        self.clock = clock
        self._busy_timeout = busy_timeout
        self._db: Connection | None = None
        # One writer at a time inside this process keeps SQLite's locking simple.
        self._lock = asyncio.Lock()
        self._unit: contextvars.ContextVar[_Unit | None] = contextvars.ContextVar(
            f"unit-{id(self)}", default=None
        )

    async def open(self) -> None:
        path = Path(self.path)
        if path.is_file() and path.stat().st_size == 0:
            # SQLite would quietly make it a new, empty database: every family and case gone.
            raise DatabaseFileError(
                f"The database {path} is empty (0 bytes); Neuvobot did not start. Restore it "
                "from a backup, or delete the file to start afresh with no families or cases."
            )
        try:
            await self._open()
        except sqlite3.DatabaseError as exc:
            if type(exc) is not sqlite3.DatabaseError:  # locked, disk full: not the file's fault
                raise
            if self._db is not None:
                with contextlib.suppress(sqlite3.Error):
                    await self._db.close()
                self._db = None
            raise DatabaseFileError(
                f"The database {path} cannot be read ({exc}); Neuvobot did not start. "
                "Restore it from a backup, or move it away to start afresh."
            ) from None

    async def _open(self) -> None:
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not self.path.exists():
                # Health and child-welfare conversations: owner-only from the first byte.
                fd = os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600)
                os.close(fd)
            for path in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
                # A copied or restored file, or one from an older version: owner-only again.
                if path.exists() and path.stat().st_mode & 0o077:
                    os.chmod(path, 0o600)
        # SQLite creates the -wal and -shm files on first use; under this umask they are
        # owner-only too, whatever the process umask is.
        old_umask = os.umask(0o077)
        try:
            self._db = Connection.open(self.path, self.busy_timeout)
            await self._db.execute("PRAGMA journal_mode=WAL")
        finally:
            os.umask(old_umask)
        await self._db.execute("PRAGMA synchronous=NORMAL")
        await self._db.execute("PRAGMA foreign_keys=ON")
        # Deleted rows are overwritten with zeros, not left in free pages: /forget and the
        # retention purge must not leave a family's words readable in the file.
        await self._db.execute("PRAGMA secure_delete=ON")
        await self._migrate()

    async def close(self) -> None:
        if self._db is not None:
            await self._db.close()
            self._db = None

    @property
    def busy_timeout(self) -> float:
        """How long a statement waits for another process's write lock (without blocking
        the event loop) before the database counts as unavailable."""
        return self._busy_timeout

    @busy_timeout.setter
    def busy_timeout(self, seconds: float) -> None:
        self._busy_timeout = seconds
        if self._db is not None:
            self._db.busy_timeout = seconds

    @property
    def db(self) -> Connection:
        if self._db is None:
            raise StorageError("storage is not open")
        return self._db

    async def _migrate(self) -> None:
        (version,) = await (await self.db.execute("PRAGMA user_version")).fetchone()
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            await self.db.executescript(
                f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
            )

    @contextlib.asynccontextmanager
    async def unit(self) -> AsyncIterator[None]:
        """Everything this task writes inside is one transaction: all of it or nothing.

        The Telegram poller handles each update in a unit, so a crash (SIGKILL) or a locked
        or full database never leaves half an answer: the update is simply handled again.
        Other tasks' reads and writes wait until the unit ends, so they never see (or send)
        what might still be rolled back. Nested units join the outer one.
        """
        if (current := self._unit.get()) is not None and current.active:
            yield
            return
        async with self._lock:
            state = _Unit()
            token = self._unit.set(state)
            try:
                yield
                if state.failed is not None:
                    raise StorageError(state.failed)
                try:
                    await self.db.commit()
                except sqlite3.OperationalError as exc:
                    raise StorageError(str(exc)) from exc
            except BaseException:
                with contextlib.suppress(sqlite3.Error, ValueError):
                    await self.db.rollback()
                raise
            finally:
                # Tasks started inside keep a copy of the context: they must not think
                # they are still in this unit once it is over.
                state.active = False
                self._unit.reset(token)

    def _in_unit(self) -> _Unit | None:
        current = self._unit.get()
        return current if current is not None and current.active else None

    async def _write(self, work: Callable[[Connection], Awaitable[T]]) -> T:
        """Run `work` in one transaction; a locked or full database becomes StorageError."""
        if (unit := self._in_unit()) is not None:
            # Inside a unit: no commit here, and after the first failure nothing more is
            # written (the whole unit is rolled back when it ends).
            if unit.failed is not None:
                raise StorageError(unit.failed)
            try:
                if not self.db.in_transaction:
                    # Begun at the first write, as the unit's reads before it need no lock.
                    await self.db.begin()
                return await work(self.db)
            except sqlite3.OperationalError as exc:
                unit.failed = str(exc)
                raise StorageError(str(exc)) from exc
        async with self._lock:
            try:
                await self.db.begin()
                result = await work(self.db)
                await self.db.commit()
                return result
            except sqlite3.OperationalError as exc:
                with contextlib.suppress(sqlite3.Error):
                    await self.db.rollback()
                raise StorageError(str(exc)) from exc
            except BaseException:
                # A bug in `work` must not leave a half-done transaction for the next commit.
                with contextlib.suppress(sqlite3.Error, ValueError):
                    await self.db.rollback()
                raise

    async def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        if self._in_unit() is not None:
            return await self._fetch(sql, params)
        # Outside a unit, wait for any running unit: its rows are not committed yet.
        async with self._lock:
            return await self._fetch(sql, params)

    async def _fetch(self, sql: str, params: tuple[Any, ...]) -> list[sqlite3.Row]:
        try:
            return list(await self.db.execute_fetchall(sql, params))
        except sqlite3.OperationalError as exc:
            raise StorageError(str(exc)) from exc

    async def get_user(self, key: str) -> UserState | None:
        rows = await self._read("SELECT * FROM users WHERE key = ?", (key,))
        if not rows:
            return None
        row = rows[0]
        return UserState(
            key=row["key"],
            channel=row["channel"],
            lang=row["lang"],
            lang_fixed=bool(row["lang_fixed"]),
            municipality=row["municipality"],
            pending=json.loads(row["pending"]),
            unhelpful=row["unhelpful"],
            created=dt.datetime.fromisoformat(row["created"]),
        )

    async def save_user(self, user: UserState) -> None:
        now = _iso(self.clock())
        created = _iso(user.created) if user.created else now

        async def work(db: Connection) -> None:
            await db.execute(
                """
                INSERT INTO users (key, channel, lang, lang_fixed, municipality, pending,
                                   unhelpful, created, updated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET
                    channel = excluded.channel, lang = excluded.lang,
                    lang_fixed = excluded.lang_fixed, municipality = excluded.municipality,
                    pending = excluded.pending, unhelpful = excluded.unhelpful,
                    updated = excluded.updated
                """,
                (
                    user.key,
                    user.channel,
                    user.lang,
                    int(user.lang_fixed),
                    user.municipality,
                    json.dumps(user.pending, ensure_ascii=False),
                    user.unhelpful,
                    created,
                    now,
                ),
            )

        await self._write(work)

    async def log_message(
        self, user_key: str, direction: str, text: str, meta: dict[str, Any] | None = None
    ) -> int:
        async def work(db: Connection) -> int:
            cursor = await db.execute(
                "INSERT INTO messages (user_key, direction, text, meta, at) VALUES (?, ?, ?, ?, ?)",
                (
                    user_key,
                    direction,
                    text,
                    json.dumps(meta or {}, ensure_ascii=False),
                    _iso(self.clock()),
                ),
            )
            return int(cursor.lastrowid or 0)

        return await self._write(work)

    async def recent_messages(self, user_key: str, limit: int = 20) -> list[LoggedMessage]:
        rows = await self._read(
            "SELECT * FROM messages WHERE user_key = ? ORDER BY id DESC LIMIT ?", (user_key, limit)
        )
        return [
            LoggedMessage(
                id=row["id"],
                user_key=row["user_key"],
                direction=row["direction"],
                text=row["text"],
                at=dt.datetime.fromisoformat(row["at"]),
                meta=json.loads(row["meta"]),
            )
            for row in reversed(rows)
        ]

    async def forget_user(self, key: str) -> int:
        async def work(db: Connection) -> int:
            removed = 0
            for table, column in USER_TABLES.items():
                cursor = await db.execute(f"DELETE FROM {table} WHERE {column} = ?", (key,))
                removed += cursor.rowcount
            # Cases: an open one is cancelled and removed, with what quotes it (cases.py).
            from neuvobot.storage.cases import forget_cases

            removed += await forget_cases(db, key, _iso(self.clock()))
            # Channel keys double as chat addresses in the outbox.
            cursor = await db.execute("DELETE FROM outbox WHERE chat = ?", (key,))
            removed += cursor.rowcount
            removed += await delete_copies(db, key, _iso(self.clock()))
            return removed

        removed = await self._write(work)
        await self._checkpoint()
        return removed

    async def record_copies(self, copies: list[tuple[str, int, int]]) -> None:
        """(family key, chat id, message id) of messages that quote a family elsewhere."""
        if copies:
            await self._write(lambda db: record_copies(db, copies))

    async def _checkpoint(self) -> None:
        """Copy the WAL into the database file and truncate it, so deleted text does not
        linger in `-wal` for hundreds of later transactions. Best effort: a reader holding
        the WAL only delays it to the next checkpoint."""
        try:
            await self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            log.warning("WAL checkpoint after deletion did not complete")

    async def purge_before(self, cutoff: dt.datetime) -> int:
        async def work(db: Connection) -> int:
            cursor = await db.execute("DELETE FROM messages WHERE at < ?", (_iso(cutoff),))
            removed = cursor.rowcount
            cursor = await db.execute(
                "DELETE FROM outbox WHERE status != 'pending' AND created < ?", (_iso(cutoff),)
            )
            removed += cursor.rowcount
            # Users idle since before the cutoff are forgotten too (language, municipality).
            cursor = await db.execute("DELETE FROM users WHERE updated < ?", (_iso(cutoff),))
            removed += cursor.rowcount
            from neuvobot.storage.cases import purge_cases  # cases.py imports this module

            return removed + await purge_cases(db, _iso(cutoff))

        removed = await self._write(work)
        await self._checkpoint()
        return removed

    # ------------------------------------------------------------------ insights
    # Nothing in this table points to a family (no user key, no case, only the day), so
    # /forget does not touch it; the retention purge removes rows after
    # insights_retention_days.
    async def record_insight(
        self, day: dt.date, municipality: str, lang: str, source: str, text: str
    ) -> None:
        async def work(db: Connection) -> None:
            await db.execute(
                "INSERT INTO insights (day, municipality, lang, source, text) VALUES (?,?,?,?,?)"
                " ON CONFLICT (day, municipality, lang, source, text)"
                " DO UPDATE SET count = count + 1",
                (day.isoformat(), municipality, lang, source, text),
            )

        await self._write(work)

    async def insights(
        self, municipality: str | None = None, since: dt.date | None = None
    ) -> list[InsightRow]:
        rows = await self._read(
            "SELECT * FROM insights WHERE (? IS NULL OR municipality = ?) AND day >= ?"
            " ORDER BY day, municipality, text",
            (municipality, municipality, since.isoformat() if since else ""),
        )
        return [
            InsightRow(
                dt.date.fromisoformat(r["day"]),
                r["municipality"],
                r["lang"],
                r["source"],
                r["text"],
                r["count"],
            )
            for r in rows
        ]

    async def purge_insights_before(self, day: dt.date) -> int:
        async def work(db: Connection) -> int:
            cursor = await db.execute("DELETE FROM insights WHERE day < ?", (day.isoformat(),))
            return cursor.rowcount

        return await self._write(work)

    # ------------------------------------------------------------------ outbox
    async def enqueue(self, chat: str, payload: dict[str, Any], user_key: str | None = None) -> int:
        """Store an outgoing message; the delivery worker sends it (in order per chat)."""
        now = _iso(self.clock())

        async def work(db: Connection) -> int:
            cursor = await db.execute(
                "INSERT INTO outbox (user_key, chat, payload, not_before, created) "
                "VALUES (?, ?, ?, ?, ?)",
                (user_key, chat, json.dumps(payload, ensure_ascii=False), now, now),
            )
            return int(cursor.lastrowid or 0)

        return await self._write(work)

    async def due_outbox(self, limit: int = 100, prefix: str = "") -> list[OutboxItem]:
        """The oldest pending message of each chat (whose key starts with `prefix`, one
        channel's chats) whose retry time has come."""
        rows = await self._read(
            """
            SELECT o.* FROM outbox o
            JOIN (SELECT chat, MIN(id) AS id FROM outbox
                  WHERE status = 'pending' AND chat LIKE ? GROUP BY chat) f
              ON o.id = f.id
            WHERE o.not_before <= ?
            ORDER BY o.id LIMIT ?
            """,
            (prefix.replace("%", "") + "%", _iso(self.clock()), limit),
        )
        return [
            OutboxItem(
                row["id"],
                row["chat"],
                json.loads(row["payload"]),
                row["attempts"],
                row["user_key"],
            )
            for row in rows
        ]

    async def take_pending(self, chat: str) -> list[OutboxItem]:
        """All pending messages of one chat, removed as they are handed over (console)."""
        rows = await self._read(
            "SELECT * FROM outbox WHERE chat = ? AND status = 'pending' ORDER BY id", (chat,)
        )
        items = [
            OutboxItem(r["id"], r["chat"], json.loads(r["payload"]), r["attempts"], r["user_key"])
            for r in rows
        ]
        await self.mark_sent(*(item.id for item in items))
        return items

    async def mark_sent(self, *item_ids: int) -> None:
        """Delivered messages leave the outbox (their text stays in the conversation log);
        several at once share one commit."""

        async def work(db: Connection) -> None:
            await db.executemany("DELETE FROM outbox WHERE id = ?", [(i,) for i in item_ids])

        if item_ids:
            await self._write(work)

    async def mark_retry(self, item_id: int, delay_s: float, error: str) -> None:
        not_before = _iso(self.clock() + dt.timedelta(seconds=delay_s))

        async def work(db: Connection) -> None:
            await db.execute(
                "UPDATE outbox SET attempts = attempts + 1, not_before = ?, error = ? WHERE id = ?",
                (not_before, error[:200], item_id),
            )

        await self._write(work)

    async def mark_failed(self, item_id: int, error: str) -> None:
        """Give up on a message that can never be delivered (chat gone, bot blocked)."""

        async def work(db: Connection) -> None:
            await db.execute(
                "UPDATE outbox SET status = 'failed', error = ?, payload = '{}' WHERE id = ?",
                (error[:200], item_id),
            )

        await self._write(work)

    async def table_dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every row of every table: for tests that prove /forget and purge remove data."""
        tables = await self._read(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        dump = {}
        for (name,) in tables:
            rows = await self._read(f"SELECT * FROM {name}")
            dump[name] = [dict(row) for row in rows]
        return dump
