"""An SQLite connection used from the event loop's own thread, with an asynchronous busy wait.

Why not a database thread (aiosqlite): the bot's statements are short (a key lookup, one
row in, one row out; tens of microseconds in WAL mode with `synchronous=NORMAL`), and a trip
to another thread and back cost about 70 µs each on a 2-core machine, plus a GIL handover,
for about ten statements per message. `neuvobot bench bot` measured that as most of the
gap to the echo floor. Run inline, a statement costs what SQLite costs.

What a thread gave for free, done here instead: when another process holds the write lock,
SQLite's own busy handler would sleep on the event loop's thread and stop the whole bot.
SQLite's busy timeout is therefore 0, and a statement that finds the database busy is tried
again after an `asyncio.sleep`, so everyone else keeps being served, until `busy_timeout`
seconds have passed. Only statements outside a transaction are tried again (one that failed
busy did nothing); transactions start with `BEGIN IMMEDIATE`, so inside one nothing else
can find the database busy.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}


def is_busy(exc: sqlite3.OperationalError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _BUSY  # extended codes (BUSY_SNAPSHOT…) share the low byte
    return "locked" in str(exc) or "busy" in str(exc)


class Cursor:
    """A finished statement: its rows, `lastrowid` and `rowcount`."""

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor
        self.lastrowid = cursor.lastrowid
        self.rowcount = cursor.rowcount

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()


class Connection:
    """The subset of a connection the storage uses, awaitable so callers stay asynchronous."""

    def __init__(self, conn: sqlite3.Connection, busy_timeout: float) -> None:
        self._conn = conn
        self.busy_timeout = busy_timeout

    @classmethod
    def open(cls, path: Path | str, busy_timeout: float = 5.0) -> Connection:
        # Autocommit mode: transactions are begun explicitly (BEGIN IMMEDIATE), never
        # implicitly by the sqlite3 module in the middle of someone's work.
        conn = sqlite3.connect(path, isolation_level=None, timeout=0)
        conn.row_factory = sqlite3.Row
        return cls(conn, busy_timeout)

    @property
    def in_transaction(self) -> bool:
        return self._conn.in_transaction

    async def _patiently(self, call: Any, *args: Any) -> Any:
        deadline: float | None = None
        delay = 0.001
        while True:
            try:
                return call(*args)
            except sqlite3.OperationalError as exc:
                if not is_busy(exc) or self._conn.in_transaction:
                    raise
                now = time.monotonic()
                deadline = now + self.busy_timeout if deadline is None else deadline
                if now >= deadline:
                    raise
                await asyncio.sleep(min(delay, deadline - now))
                delay = min(delay * 2, 0.05)

    async def execute(self, sql: str, params: Iterable[Any] = ()) -> Cursor:
        return Cursor(await self._patiently(self._conn.execute, sql, tuple(params)))

    async def executemany(self, sql: str, rows: Iterable[Iterable[Any]]) -> Cursor:
        return Cursor(await self._patiently(self._conn.executemany, sql, list(rows)))

    async def execute_fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        cursor = await self._patiently(self._conn.execute, sql, tuple(params))
        return cursor.fetchall()

    async def executescript(self, script: str) -> None:
        await self._patiently(self._conn.executescript, script)

    async def begin(self) -> None:
        """Take the write lock now, waiting (without blocking the loop) while it is busy."""
        await self._patiently(self._conn.execute, "BEGIN IMMEDIATE")

    async def commit(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("COMMIT")

    async def rollback(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    async def close(self) -> None:
        self._conn.close()
