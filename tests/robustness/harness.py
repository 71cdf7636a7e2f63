"""The Telegram channel in-process: our routers on an aiogram Dispatcher, the inbox poller,
the outbox, a real SQLite file and a Bot pointed at the fake Bot API. Wired like
`neuvobot run` (runner.py) so tests can reach inside: lock the database, feed updates."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from neuvobot.channels.telegram.delivery import DeliveryWorker, Outbox
from neuvobot.channels.telegram.family import build_router
from neuvobot.channels.telegram.nurse import TelegramNurseNotifier
from neuvobot.channels.telegram.nurse import build_router as build_nurse_router
from neuvobot.channels.telegram.polling import InboxPoller
from neuvobot.conversation.core import Conversation, FloodGuard
from neuvobot.escalation.queue import NurseQueue
from neuvobot.escalation.teams import NurseTeam, Teams
from neuvobot.search.language import detect_language
from neuvobot.storage.sqlite import SqliteStorage

NURSE, STAFF = 4001, -100777


def teams() -> Teams:
    return Teams(
        [
            NurseTeam.model_validate(
                {
                    "id": "varha",
                    "serves": ["region:varsinais-suomi", "region:keski-suomi"],
                    "staff_chat_id": STAFF,
                    "hours": "always",
                    "nurses": [{"telegram_id": NURSE, "display_name": "Terveydenhoitaja Anna"}],
                }
            )
        ]
    )


@dataclass
class Stack:
    storage: SqliteStorage
    bot: Bot
    dispatcher: Dispatcher
    conversation: Conversation
    outbox: Outbox
    worker: DeliveryWorker
    poller: InboxPoller

    async def close(self) -> None:
        await self.bot.session.close()
        await self.storage.close()

    async def outbox_texts(self, after_id: int = 0) -> list[tuple[int, int, str]]:
        """(row id, chat id, text) of every pending outgoing message after `after_id`."""
        rows = await self.storage._read(
            "SELECT id, payload FROM outbox WHERE id > ? AND status = 'pending' ORDER BY id",
            (after_id,),
        )
        found = []
        for row_id, payload in rows:
            data: dict[str, Any] = json.loads(payload)
            found.append((row_id, int(data.get("chat_id", 0)), str(data.get("text", ""))))
        return found


async def open_stack(
    db: Path, api_base: str, searcher, *, nurses: bool = True, flood: FloodGuard | None = None
) -> Stack:
    storage = SqliteStorage(db)
    await storage.open()
    queue = NurseQueue(storage, teams()) if nurses else None
    conversation = Conversation(
        storage,
        lambda: searcher,
        escalation=queue,
        detect_language=detect_language,
        flood=flood,
    )
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_base), timeout=5)
    bot = Bot("123:test", session=session, default=DefaultBotProperties(parse_mode=None))
    outbox = Outbox(storage)
    worker = DeliveryWorker(bot, outbox, idle_s=0.2)
    dispatcher = Dispatcher(conversation=conversation, outbox=outbox, nurse_queue=queue)
    if queue is not None:
        notifier = TelegramNurseNotifier(queue, outbox)
        queue.notifier = notifier
        worker.on_unreachable = notifier.family_unreachable
        dispatcher.include_router(build_nurse_router())
    dispatcher.include_router(build_router())
    poller = InboxPoller(bot, dispatcher, storage, conversation, polling_timeout=1)
    return Stack(storage, bot, dispatcher, conversation, outbox, worker, poller)
