"""The floor: the smallest aiogram bot on the same stack, echoing every text message.

`python -m neuvobot.bench.echo_bot` with NEUVOBOT_TELEGRAM_API and NEUVOBOT_TELEGRAM_TOKEN.
Same aiogram, aiohttp session, long polling and gc.freeze() as `neuvobot run`, and no
work at all per message: nothing on this stack can answer faster.
"""

from __future__ import annotations

import asyncio
import gc
import os

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message


async def echo(message: Message) -> None:
    await message.answer(message.text or "…")


async def main() -> None:
    api = TelegramAPIServer.from_base(os.environ["NEUVOBOT_TELEGRAM_API"].rstrip("/"))
    bot = Bot(os.environ["NEUVOBOT_TELEGRAM_TOKEN"], session=AiohttpSession(api=api))
    dispatcher = Dispatcher()
    dispatcher.message.register(echo)
    gc.collect()
    gc.freeze()
    try:
        await dispatcher.start_polling(bot, handle_signals=True, polling_timeout=10)
    finally:
        await bot.session.close()


if __name__ == "__main__":
    asyncio.run(main())
