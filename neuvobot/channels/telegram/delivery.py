"""The outbox worker: every outgoing message is stored first, then sent in order per chat.

Telegram answers 429 with `retry_after`, times out or fails with 5xx under load; aiogram
does not retry by itself. Each failure schedules a retry of that chat's head message, so
order per chat holds and nothing is lost across restarts.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)

from neuvobot.channels.telegram.keyboards import inline_keyboard, keyboard_payload
from neuvobot.conversation.core import Outcome
from neuvobot.storage.base import OutboxItem, StorageError
from neuvobot.storage.sqlite import SqliteStorage

log = logging.getLogger(__name__)

TELEGRAM_TEXT_LIMIT = 4096
MAX_BACKOFF_S = 60.0
# What stays of a copy of a family's words that Telegram no longer lets the bot delete.
FORGOTTEN = (
    "🗑 Poistettu perheen pyynnöstä / Raderat på familjens begäran / Deleted at the family's request"
)
# Telegram allows about 20 messages a minute in one group (a staff group's case cards);
# spacing them out keeps a burst of cases from running into 429s and longer bans.
GROUP_GAP_S = 3.0


def chat_key(chat_id: int) -> str:
    return f"tg:{chat_id}"


def split_text(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """Split at paragraph or line breaks so each part fits one Telegram message."""
    parts: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n\n", 0, limit)
        if cut <= 0:
            cut = text.rfind("\n", 0, limit)
        if cut <= 0:
            cut = limit
        parts.append(text[:cut])
        text = text[cut:].lstrip("\n")
    return [*parts, text] if text else parts


class Outbox:
    def __init__(self, storage: SqliteStorage) -> None:
        self.storage = storage
        self.wakeup = asyncio.Event()

    async def send_outcome(self, chat_id: int, user_key: str | None, outcome: Outcome) -> None:
        # After /forget the goodbye is not tied to the user: nothing must point back to them.
        owner = None if outcome.forgotten else user_key
        for reply in outcome.replies:
            chunks = split_text(reply.text)
            for number, chunk in enumerate(chunks):
                buttons = keyboard_payload(reply.buttons) if number == len(chunks) - 1 else []
                await self.storage.enqueue(
                    chat_key(chat_id),
                    {"chat_id": chat_id, "text": chunk, "buttons": buttons},
                    user_key=owner,
                )
        self.wakeup.set()


class DeliveryWorker:
    def __init__(
        self,
        bot: Bot,
        outbox: Outbox,
        idle_s: float = 1.0,
        on_unreachable: Callable[[str], Awaitable[None]] | None = None,
        on_thread_missing: Callable[[dict[str, Any]], Awaitable[int | None]] | None = None,
        group_gap_s: float = GROUP_GAP_S,
    ) -> None:
        self.bot = bot
        self.outbox = outbox
        self.idle_s = idle_s
        self.group_gap_s = group_gap_s
        # Group chat → when its next message may go (monotonic time).
        self._group_next: dict[str, float] = {}
        self._next_paced: float | None = None  # the soonest a held group message may go
        # Called with the chat key of a chat that blocked the bot (a nurse must know).
        self.on_unreachable = on_unreachable
        self._copies: list[tuple[str, int, int]] = []  # (family, chat id, message id)
        # Called with a payload whose topic is gone; returns the topic to use instead.
        self.on_thread_missing = on_thread_missing
        # Sent, but the database refused to record it (locked, full): only record it later,
        # or the family would get it twice once the database is back.
        self._sent_unrecorded: set[int] = set()

    async def run(self) -> None:
        while True:
            # Cleared before looking, not after: a message stored while we look must wake
            # us, or it waits out the whole idle delay (a lost wakeup, seen under load).
            self.outbox.wakeup.clear()
            try:
                sent = await self.deliver_due()
            except StorageError:
                log.warning("outbox unavailable; retrying")
                sent = 0
            except Exception as exc:  # the worker must outlive any one bad message
                log.error("delivery error: %s", type(exc).__name__, exc_info=True)
                sent = 0
            if not sent:
                wait = self.idle_s
                if self._next_paced is not None:
                    wait = min(wait, max(0.01, self._next_paced - time.monotonic()))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.outbox.wakeup.wait(), wait)

    async def deliver_due(self) -> int:
        storage = self.outbox.storage
        if self._sent_unrecorded:
            await storage.mark_sent(*self._sent_unrecorded)
            self._sent_unrecorded.clear()
        items = await storage.due_outbox(prefix="tg:")
        now = time.monotonic()
        held = [self._group_next[i.chat] for i in items if self._group_next.get(i.chat, 0) > now]
        self._next_paced = min(held, default=None)
        items = [i for i in items if self._group_next.get(i.chat, 0) <= now]
        if not items:
            return 0
        # Chats are independent: send each chat's head concurrently, each chat in order.
        results = await asyncio.gather(*(self._deliver(item) for item in items))
        # What went through is recorded in one transaction (a commit per message cost as
        # much as the rest of its SQL); until then it counts as sent but unrecorded.
        await storage.mark_sent(*self._sent_unrecorded)
        self._sent_unrecorded.clear()
        if self._copies:
            copies, self._copies = self._copies, []
            await storage.record_copies(copies)
        return sum(results)

    async def _deliver(self, item: OutboxItem) -> int:
        storage = self.outbox.storage
        payload: dict[str, Any] = item.payload
        try:
            try:
                await self._send(payload)
            except TelegramBadRequest as exc:
                moved = await self._moved_thread(payload, exc)
                if moved is None:
                    raise
                # The nurse deleted the case's topic: say it again in the new one.
                await self._send({**payload, "thread": moved})
        except TelegramRetryAfter as exc:
            await storage.mark_retry(item.id, float(exc.retry_after), "429")
            return 0
        except (TelegramNetworkError, TelegramServerError, TimeoutError) as exc:
            delay = min(MAX_BACKOFF_S, 0.5 * 2 ** min(item.attempts, 7))
            await storage.mark_retry(item.id, delay, type(exc).__name__)
            return 0
        except (TelegramForbiddenError, TelegramNotFound) as exc:
            await storage.mark_failed(item.id, type(exc).__name__)
            if self.on_unreachable is not None:
                await self.on_unreachable(item.chat)
            return 1
        except (TelegramBadRequest, TelegramUnauthorizedError) as exc:
            log.error("message refused by Telegram: %s", type(exc).__name__)
            await storage.mark_failed(item.id, type(exc).__name__)
            return 1
        self._sent_unrecorded.add(item.id)
        if isinstance(payload.get("chat_id"), int) and payload["chat_id"] < 0:  # a group
            self._group_next[item.chat] = time.monotonic() + self.group_gap_s
        return 1

    async def _send(self, payload: dict[str, Any]) -> None:
        if "delete" in payload:
            await self._delete(payload["chat_id"], payload["delete"])
            return
        sent = await self.bot.send_message(
            chat_id=payload["chat_id"],
            text=payload["text"],
            message_thread_id=payload.get("thread"),
            reply_markup=inline_keyboard(payload.get("buttons") or []),
        )
        if payload.get("about"):  # a family's words in a staff chat: /forget deletes it
            self._copies.append((payload["about"], payload["chat_id"], sent.message_id))

    async def _delete(self, chat_id: int, message_id: int) -> None:
        """A copy of a family's words, after /forget. Telegram lets a bot delete its own
        message for 48 hours; after that its text is replaced instead."""
        try:
            await self.bot.delete_message(chat_id=chat_id, message_id=message_id)
        except TelegramBadRequest:
            try:
                await self.bot.edit_message_text(
                    FORGOTTEN, chat_id=chat_id, message_id=message_id, reply_markup=None
                )
            except TelegramBadRequest as exc:  # already gone, or never ours
                log.info("copy not deleted: %s", type(exc).__name__)

    async def _moved_thread(self, payload: dict[str, Any], exc: TelegramBadRequest) -> int | None:
        if not payload.get("thread") or self.on_thread_missing is None:
            return None
        if "thread not found" not in exc.message.lower():
            return None
        return await self.on_thread_missing(payload)
