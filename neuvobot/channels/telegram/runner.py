"""Start-up of the Telegram bot: token, Bot API server, dispatcher, delivery worker, polling."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import sys
from pathlib import Path

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramNetworkError, TelegramUnauthorizedError

from neuvobot.app import open_app
from neuvobot.channels.telegram.delivery import DeliveryWorker, Outbox
from neuvobot.channels.telegram.family import build_router
from neuvobot.config import Settings

log = logging.getLogger(__name__)
TOKEN_ENV = "NEUVOBOT_TELEGRAM_TOKEN"


class StartupError(Exception):
    """One sentence for the operator; the bot does not start."""


def read_token(settings: Settings) -> str:
    token = os.environ.get(TOKEN_ENV, "").strip()
    if not token and settings.telegram.token_file:
        path = Path(settings.telegram.token_file)
        try:
            token = path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise StartupError(f"Cannot read the token file {path}: {exc.strerror}.") from exc
    if not token:
        raise StartupError(
            f"No Telegram token: set {TOKEN_ENV} or telegram.token_file in the config."
        )
    if ":" not in token:
        raise StartupError(f"The Telegram token in {TOKEN_ENV} does not look like a bot token.")
    return token


def build_bot(settings: Settings, token: str) -> Bot:
    session = None
    if settings.telegram.api_base:
        api = TelegramAPIServer.from_base(settings.telegram.api_base.rstrip("/"))
        session = AiohttpSession(api=api)
    # Plain text: catalogue texts are shown as written, nothing is parsed as markup.
    return Bot(token, session=session, default=DefaultBotProperties(parse_mode=None))


async def _run(settings: Settings) -> None:
    token = read_token(settings)
    bot = build_bot(settings, token)
    try:
        try:
            await bot.get_me()
        except TelegramUnauthorizedError as exc:
            raise StartupError(
                "Telegram rejected the token: check NEUVOBOT_TELEGRAM_TOKEN."
            ) from exc
        except TelegramNetworkError as exc:
            where = settings.telegram.api_base or "api.telegram.org"
            raise StartupError(f"Cannot reach the Telegram Bot API at {where}.") from exc
        async with open_app(settings) as app:
            outbox = Outbox(app.storage)
            worker = DeliveryWorker(bot, outbox)
            dispatcher = Dispatcher(conversation=app.conversation, outbox=outbox)
            dispatcher.include_router(build_router())
            delivery = asyncio.create_task(worker.run(), name="delivery")
            # Start-up objects live for the whole run: keep the GC from rescanning them.
            gc.collect()
            gc.freeze()
            log.info("Neuvobot is running (long polling)")
            try:
                await dispatcher.start_polling(bot, handle_signals=True, polling_timeout=10)
            finally:
                delivery.cancel()
    finally:
        await bot.session.close()


def run(settings: Settings) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # aiogram logs update contents at debug level; family messages must never reach logs.
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)
    try:
        asyncio.run(_run(settings))
    except StartupError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    return 0
