"""Staff-group case cards are spaced out (Telegram allows about 20 a minute in a group);
families' and nurses' private chats are not held up by them."""

from __future__ import annotations

import asyncio
import itertools
import time

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from neuvobot.channels.telegram.delivery import DeliveryWorker, Outbox
from neuvobot.storage.sqlite import SqliteStorage
from tests.fakes.telegram_api import FakeBotAPI

STAFF, FAMILY = -100777, 3001
GAP = 0.4


class TimedFakeBotAPI(FakeBotAPI):
    """Remembers when each message arrived."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.times: list[tuple[int, float]] = []

    async def _api_sendMessage(self, params):
        self.times.append((int(params["chat_id"]), time.monotonic()))
        return await super()._api_sendMessage(params)


async def test_group_messages_are_spaced_and_private_ones_are_not_held(tmp_path):
    fake = TimedFakeBotAPI()
    base = await fake.start()
    storage = SqliteStorage(tmp_path / "bot.sqlite3")
    await storage.open()
    session = AiohttpSession(api=TelegramAPIServer.from_base(base), timeout=5)
    bot = Bot("123:test", session=session, default=DefaultBotProperties(parse_mode=None))
    outbox = Outbox(storage)
    worker = DeliveryWorker(bot, outbox, idle_s=5.0, group_gap_s=GAP)
    task = asyncio.create_task(worker.run())
    try:
        for n in range(3):
            await storage.enqueue(f"tg:{STAFF}", {"chat_id": STAFF, "text": f"kortti {n}"})
        outbox.wakeup.set()
        await fake.wait_for(STAFF, 1)
        await storage.enqueue(f"tg:{FAMILY}", {"chat_id": FAMILY, "text": "vastaus"})
        outbox.wakeup.set()
        await fake.wait_for(STAFF, 3, timeout=10)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await bot.session.close()
        await storage.close()
        await fake.stop()
    assert [s.text for s in fake.to(STAFF)] == ["kortti 0", "kortti 1", "kortti 2"]
    group = [at for chat, at in fake.times if chat == STAFF]
    assert all(later - earlier >= GAP * 0.9 for earlier, later in itertools.pairwise(group))
    # Not the idle wait: the next card goes as soon as its gap is over.
    assert group[-1] - group[0] < 2 * GAP + 2.0
    (family_at,) = [at for chat, at in fake.times if chat == FAMILY]
    assert family_at < group[1], "the family's answer did not wait behind the cards"
