"""Our own long-polling loop: every update stored before it is confirmed, parsed one by one,
and handled exactly once inside a database transaction (up to UNIT_UPDATES of them share
one, in order).

Why not aiogram's `start_polling`:
- it validates a whole getUpdates batch at once, so one update the installed aiogram cannot
  parse (a new field, a wrong type) fails the batch, which is fetched again forever and
  silences the bot for everyone. Here the batch arrives as raw JSON and each update is
  validated on its own; what cannot be parsed is quarantined (update id and kind only,
  never the content) and skipped;
- it confirms an update (the next offset) before the handler has finished, so a crash
  loses it, and a crash after handling but before confirming handles it twice. Here each
  update is written to the `inbox` table before Telegram is told it was received, handled
  inside `SqliteStorage.unit()` (the answer in the outbox and the inbox row marked done in
  the same transaction), and a handled update stays as a tombstone so a re-delivery is
  ignored. A unit that fails on the database is rolled back whole: each of its updates is
  handled again later, one at a time until the database is back.

While the database is down (locked, disk full) the family is told once that there is a
problem and that their message is kept; the update is retried until it goes through.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import itertools
import json
import logging
import re
import time
from dataclasses import dataclass
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods.base import TelegramMethod
from aiogram.types import Update, User
from aiogram.types.update import UpdateTypeLookupError
from pydantic import ValidationError

from neuvobot.conversation.core import Conversation, Incoming, InKind
from neuvobot.storage.base import StorageError
from neuvobot.storage.sqlite import SqliteStorage, _iso

log = logging.getLogger(__name__)

BATCH = 100
# Updates handled in one transaction: a commit costs about as much as the rest of an
# update's SQL, and a unit this size still ends within tens of milliseconds.
UNIT_UPDATES = 16
TOMBSTONE_DAYS = 2  # Telegram keeps an unconfirmed update for 24 hours
_KIND = re.compile(r"^[a-z_]{1,40}$")


class GetRawUpdates(TelegramMethod[list[dict[str, Any]]]):
    """getUpdates whose result stays raw JSON, so each update can be validated on its own."""

    __returning__ = list[dict[str, Any]]
    __api_method__ = "getUpdates"

    offset: int | None = None
    limit: int | None = None
    timeout: int | None = None
    allowed_updates: list[str] | None = None


async def get_me_patiently(bot: Bot, retries: int = 3) -> User:
    """getMe at start-up, again after a 429, a 5xx or a timeout: one busy moment of the Bot
    API must not stop the bot from starting (a rejected token fails at once)."""
    for attempt in range(retries + 1):
        try:
            return await bot.get_me()
        except TelegramRetryAfter as exc:
            if attempt == retries:
                raise
            await asyncio.sleep(min(float(exc.retry_after), 30.0))
        except (TelegramServerError, TelegramNetworkError):
            if attempt == retries:
                raise
            await asyncio.sleep(0.5 * 2**attempt)
    raise AssertionError("unreachable")


def update_kind(raw: Any) -> str:
    """The update's kind (`message`, `edited_message`…), safe to log: never its content."""
    if isinstance(raw, dict):
        for key in raw:
            if key != "update_id":
                return key if isinstance(key, str) and _KIND.match(key) else "unknown"
    return "unknown"


def _get(value: Any, *path: str) -> Any:
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def update_chat(raw: dict[str, Any]) -> int | None:
    """The chat an update belongs to, from the raw JSON (order is kept per chat)."""
    event = raw.get(update_kind(raw))
    for path in (("chat", "id"), ("message", "chat", "id"), ("from", "id"), ("user", "id")):
        found = _get(event, *path)
        if isinstance(found, int) and not isinstance(found, bool):
            return found
    return None


def _incoming(raw: dict[str, Any]) -> Incoming | None:
    """What the family sent, enough to answer "there is a problem" (urgency included)."""
    kind = update_kind(raw)
    event = raw.get(kind)
    chat_type = _get(event, "chat", "type") or _get(event, "message", "chat", "type")
    if kind not in ("message", "callback_query") or chat_type != "private":
        return None
    locale = _get(event, "from", "language_code")
    locale = locale if isinstance(locale, str) else None
    text = _get(event, "text") if kind == "message" else None
    if isinstance(text, str) and text:
        return Incoming("", "telegram", InKind.text, text, locale)
    return Incoming("", "telegram", InKind.button, "", locale)


@dataclass
class _Retry:
    not_before: float
    attempts: int


class InboxPoller:
    """Long polling into the inbox, and a handler loop that works the inbox in order."""

    def __init__(
        self,
        bot: Bot,
        dispatcher: Dispatcher,
        storage: SqliteStorage,
        conversation: Conversation | None = None,
        *,
        polling_timeout: int = 25,
        allowed_updates: list[str] | None = None,
    ) -> None:
        self.bot = bot
        self.dispatcher = dispatcher
        self.storage = storage
        self.conversation = conversation
        self.polling_timeout = polling_timeout
        self.allowed_updates = allowed_updates
        self.offset: int | None = None
        self.wakeup = asyncio.Event()
        self._retry: dict[int, _Retry] = {}  # update id → when to try again
        self._told: set[int] = set()  # chats told about the current database problem
        self._told_urgent: set[int] = set()  # update ids whose urgent line was sent
        self._down = False  # the last unit failed on the database
        self._served: dict[str, float] = {}  # chat → when its last update was handled

    # ------------------------------------------------------------------ running
    async def run(self, fetch: bool = True) -> None:
        """Handle the inbox until cancelled; with `fetch`, long-poll Telegram into it (in
        webhook mode updates arrive through `accept` instead)."""
        with contextlib.suppress(StorageError):
            await self._purge_tombstones()
        poll = asyncio.create_task(self.fetch_loop(), name="poll") if fetch else None
        try:
            await self.handle_loop()
        finally:
            if poll is not None:
                poll.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await poll

    async def accept(self, raw: Any) -> bool:
        """One update Telegram pushed (webhook): into the inbox, to be handled like a polled
        one. False when the database refused it: the sender must deliver it again."""
        try:
            await self.store([raw])
        except StorageError:
            log.warning("inbox unavailable; the pushed update is left with Telegram")
            await self._tell_unavailable([raw])
            return False
        self.wakeup.set()
        return True

    async def fetch_loop(self) -> None:
        delay = 0.0
        while True:
            if delay:
                await asyncio.sleep(delay)
            try:
                batch = await self.bot(
                    GetRawUpdates(
                        offset=self.offset,
                        limit=BATCH,
                        timeout=self.polling_timeout,
                        allowed_updates=self.allowed_updates,
                    ),
                    # Wait longer than Telegram holds a long poll, or every poll "times out".
                    request_timeout=int(self.bot.session.timeout + self.polling_timeout),
                )
            except TelegramRetryAfter as exc:
                delay = float(exc.retry_after)
                continue
            except Exception as exc:  # network, Telegram, a reply that is not JSON: try again
                delay = min(5.0, max(0.2, delay * 2))
                log.warning("getUpdates failed (%s); retrying in %.1f s", type(exc).__name__, delay)
                continue
            try:
                await self.store(batch)
            except StorageError:
                # Not confirmed to Telegram: the same updates come again with the next poll.
                log.warning("inbox unavailable; the updates stay with Telegram for now")
                await self._tell_unavailable(batch)
                delay = min(5.0, max(0.5, delay * 2))
                continue
            delay = 0.0
            ids = [u["update_id"] for u in batch if _update_id(u) is not None]
            if ids:
                self.offset = max(ids) + 1  # confirmed with the next getUpdates call
                self.wakeup.set()

    async def store(self, batch: list[Any]) -> None:
        """Put a batch in the inbox (one transaction); re-delivered updates are ignored."""
        now = _iso(dt.datetime.now(dt.UTC))
        rows: list[tuple[Any, ...]] = []
        for raw in batch:
            update_id = _update_id(raw)
            if update_id is None:
                log.warning("update without an id skipped (%s)", update_kind(raw))
                continue
            chat = update_chat(raw)
            payload = json.dumps(raw, ensure_ascii=False)
            rows.append((update_id, _inbox_chat(chat), update_kind(raw)))
            rows[-1] += (payload, now)

        async def work(db: Any) -> None:
            await db.executemany(
                "INSERT OR IGNORE INTO inbox (update_id, chat, kind, payload, received)"
                " VALUES (?, ?, ?, ?, ?)",
                rows,
            )

        if rows:
            await self.storage._write(work)

    async def handle_loop(self) -> None:
        purged = time.monotonic()
        while True:
            if time.monotonic() - purged > 3600:
                purged = time.monotonic()
                with contextlib.suppress(StorageError):
                    await self._purge_tombstones()
            # Cleared before looking, not after: updates stored while we work must wake us.
            self.wakeup.clear()
            try:
                waited = await self.handle_due()
            except StorageError:
                waited = 1.0
            except Exception as exc:  # the loop must outlive any one bad row
                log.error("inbox handling error: %s", type(exc).__name__)
                waited = 1.0
            await self._wait_for_wakeup(waited)

    async def _wait_for_wakeup(self, timeout: float) -> None:
        """Until new updates arrive or `timeout` passes. Not `asyncio.wait_for`: on Python
        3.11 it can swallow a cancel (SIGTERM) that lands as the event is set, and the bot
        then never stops."""
        waiter = asyncio.ensure_future(self.wakeup.wait())
        try:
            await asyncio.wait({waiter}, timeout=timeout)
        finally:
            waiter.cancel()

    async def handle_due(self) -> float:
        """Handle every pending update whose time has come, in order per chat; returns how
        long to wait before looking again (unless new updates arrive)."""
        rows = await self.storage._read(
            "SELECT update_id, chat, payload FROM inbox WHERE status = 'pending'"
            " ORDER BY update_id LIMIT 500"
        )
        held: set[str] = set()  # chats with an earlier update waiting for a retry
        next_try = 5.0
        now = time.monotonic()
        due: list[tuple[int, str, dict[str, Any]]] = []
        for update_id, chat, payload in rows:
            retry = self._retry.get(update_id)
            if chat in held or (retry is not None and retry.not_before > now):
                held.add(chat)
                if self._down:  # waiting behind the database: danger still gets 112 now
                    await self._tell_unavailable([json.loads(payload)], update_id)
                if retry is not None:
                    next_try = min(next_try, max(0.05, retry.not_before - now))
                continue
            due.append((update_id, chat, json.loads(payload)))
        due = self._taking_turns(due)
        handled = 0
        while due:
            if handled and self.wakeup.is_set() and not held:
                # Updates arrived meanwhile: read again, so a family writing now is not
                # behind the whole backlog of a burst from other accounts.
                return 0.05
            # While the database is failing, one at a time: each waits out the busy
            # timeout on its own, and what does go through is not held up by the rest.
            size = 1 if self._down else UNIT_UPDATES
            batch = [item for item in due[:size] if item[1] not in held]
            del due[:size]
            handled += len(batch)
            if batch and not await self.handle_batch([(u, raw) for u, _, raw in batch]):
                held.update(chat for _, chat, _ in batch)
                soonest = min(self._retry[u].not_before for u, _, _ in batch)
                next_try = min(next_try, soonest - time.monotonic())
        return max(0.05, next_try) if held else 5.0

    def _taking_turns(self, due: list[tuple[int, str, Any]]) -> list[tuple[int, str, Any]]:
        """One update per chat in turn, the chat served longest ago first: each chat's
        order is kept, and ten accounts sending six each delay another family by one turn,
        not by sixty answers."""
        by_chat: dict[str, list[tuple[int, str, Any]]] = {}
        for item in due:
            by_chat.setdefault(item[1], []).append(item)
        chats = sorted(by_chat, key=lambda c: (self._served.get(c, 0.0), by_chat[c][0][0]))
        turns = itertools.zip_longest(*(by_chat[chat] for chat in chats))
        return [item for turn in turns for item in turn if item is not None]

    # ------------------------------------------------------------------ updates
    async def handle(self, update_id: int, raw: dict[str, Any]) -> bool:
        """Handle one update; False when it must be tried again later."""
        return await self.handle_batch([(update_id, raw)])

    async def handle_batch(self, items: list[tuple[int, dict[str, Any]]]) -> bool:
        """Handle updates in order in one transaction (one commit for all of them, which
        is most of what an update costs the database); False when the database failed and
        all of them must be tried again later."""
        try:
            async with self.storage.unit():
                for update_id, raw in items:
                    await self._done(update_id, await self._feed(update_id, raw))
        except StorageError:
            log.warning("storage unavailable; %d update(s) will be handled later", len(items))
            self._down = True
            for update_id, raw in items:
                await self._tell_unavailable([raw], update_id)
                self._schedule(update_id)
            return False
        self._down = False
        if len(self._served) > 10_000:
            self._served.clear()
        for update_id, raw in items:
            self._retry.pop(update_id, None)
            chat = update_chat(raw)
            self._served[_inbox_chat(chat)] = time.monotonic()
            if chat is not None:
                self._told.discard(chat)
            self._told_urgent.discard(update_id)
        return True

    async def _feed(self, update_id: int, raw: dict[str, Any]) -> str:
        """Parse and dispatch one update inside the unit; returns its inbox status."""
        try:
            update = Update.model_validate(raw, context={"bot": self.bot})
            update.event_type  # noqa: B018 - raises for a kind this aiogram does not know
        except (ValidationError, UpdateTypeLookupError, TypeError, ValueError):
            # Only the id and the kind: the content may be a family's message.
            log.warning("quarantined update %d (%s): not parseable", update_id, update_kind(raw))
            return "quarantined"
        try:
            await self.dispatcher.feed_update(self.bot, update)
        except StorageError:
            raise
        except Exception as exc:
            # A handler failed on something else than the database: a bug, or a Bot API
            # call it made itself (answering a button, opening a topic). What it stored so
            # far is kept and the update is not tried again: running it again would
            # repeat the calls that did go through.
            # Only the type: an exception's text may quote the message.
            log.error("update %d failed: %s", update_id, type(exc).__name__)
            return "failed"
        return "done"

    def _schedule(self, update_id: int) -> None:
        """Try again later, sooner at first: the database is usually back in a moment."""
        retry = self._retry.setdefault(update_id, _Retry(0.0, 0))
        retry.attempts += 1
        retry.not_before = time.monotonic() + min(10.0, 0.2 * 2 ** min(retry.attempts, 6))

    async def _done(self, update_id: int, status: str = "done") -> None:
        """Handled: the row stays as a tombstone without content or chat."""

        async def work(db: Any) -> None:
            await db.execute(
                "UPDATE inbox SET status = ?, payload = '', chat = '' WHERE update_id = ?",
                (status, update_id),
            )

        await self.storage._write(work)

    async def _purge_tombstones(self) -> None:
        cutoff = _iso(dt.datetime.now(dt.UTC) - dt.timedelta(days=TOMBSTONE_DAYS))

        async def work(db: Any) -> None:
            await db.execute(
                "DELETE FROM inbox WHERE status != 'pending' AND received < ?", (cutoff,)
            )

        await self.storage._write(work)

    # ------------------------------------------------------------------ database down
    async def _tell_unavailable(self, batch: list[Any], update_id: int | None = None) -> None:
        """Tell each family once per outage (and every danger message) straight away, not
        through the outbox, which lives in the database that is down."""
        if self.conversation is None:
            return
        for raw in batch:
            if not isinstance(raw, dict):
                continue
            chat = update_chat(raw)
            incoming = _incoming(raw)
            if chat is None or incoming is None:
                continue
            uid = update_id if update_id is not None else _update_id(raw)
            outcome = self.conversation.unavailable(incoming, kept=True)
            replies = outcome.replies
            urgent = outcome.urgent is not None and uid not in self._told_urgent
            if chat in self._told:
                if not urgent:
                    continue
                replies = replies[:-1]  # the emergency line; they know about the problem
            if urgent:
                self._told_urgent.add(uid)  # type: ignore[arg-type]
            self._told.add(chat)
            for reply in replies:
                try:
                    await self.bot.send_message(chat_id=chat, text=reply.text)
                except (TelegramAPIError, TelegramNetworkError, TimeoutError, OSError) as exc:
                    log.warning("could not tell about the problem: %s", type(exc).__name__)
                    self._told.discard(chat)
                    break


def _inbox_chat(chat: int | None) -> str:
    """The inbox's `chat` column: the key its order and turns are kept by."""
    return f"tg:{chat}" if chat is not None else ""


def _update_id(raw: Any) -> int | None:
    update_id = raw.get("update_id") if isinstance(raw, dict) else None
    return update_id if isinstance(update_id, int) and not isinstance(update_id, bool) else None
