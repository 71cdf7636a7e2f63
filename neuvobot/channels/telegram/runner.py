"""Start-up of the Telegram bot: token, Bot API server, dispatcher, delivery worker, polling."""

from __future__ import annotations

import asyncio
import gc
import hmac
import logging
import os
import signal
import sys
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)

from neuvobot.app import expiry_loop, open_app, retention_loop
from neuvobot.channels.telegram.delivery import DeliveryWorker, Outbox
from neuvobot.channels.telegram.family import build_router
from neuvobot.channels.telegram.logfilter import install as install_log_filter
from neuvobot.channels.telegram.nurse import TelegramNurseNotifier
from neuvobot.channels.telegram.nurse import build_router as build_nurse_router
from neuvobot.channels.telegram.polling import InboxPoller, get_me_patiently
from neuvobot.channels.telegram.responses import pin_response_types
from neuvobot.config import Settings
from neuvobot.conversation.core import Outcome, Reply
from neuvobot.conversation.texts import LANGUAGES, messages

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
    timeout = settings.telegram.request_timeout_s
    session = AiohttpSession(timeout=timeout)
    if settings.telegram.api_base:
        api = TelegramAPIServer.from_base(settings.telegram.api_base.rstrip("/"))
        session = AiohttpSession(api=api, timeout=timeout)
    # Plain text: catalogue texts are shown as written, nothing is parsed as markup.
    return Bot(token, session=session, default=DefaultBotProperties(parse_mode=None))


async def _run(settings: Settings) -> None:
    token = read_token(settings)
    bot = build_bot(settings, token)
    try:
        try:
            me = await get_me_patiently(bot)
        except TelegramUnauthorizedError as exc:
            raise StartupError(
                "Telegram rejected the token: check NEUVOBOT_TELEGRAM_TOKEN."
            ) from exc
        except TelegramNetworkError as exc:
            where = settings.telegram.api_base or "api.telegram.org"
            raise StartupError(f"Cannot reach the Telegram Bot API at {where}.") from exc
        except (TelegramServerError, TelegramRetryAfter) as exc:
            where = settings.telegram.api_base or "api.telegram.org"
            raise StartupError(
                f"The Telegram Bot API at {where} keeps failing ({type(exc).__name__}); "
                "try again in a while."
            ) from exc
        async with open_app(settings) as app:
            outbox = Outbox(app.storage)
            per_minute = settings.telegram.group_messages_per_minute
            worker = DeliveryWorker(bot, outbox, group_gap_s=60 / per_minute if per_minute else 0)
            dispatcher = Dispatcher(
                conversation=app.conversation, outbox=outbox, nurse_queue=app.nurse_queue
            )
            if app.nurse_queue is not None:
                # Nurses first: their private chat is their desk, not a family conversation.
                # One topic per case in the nurse's chat, where the bot has topic mode on.
                topics = bool(me.has_topics_enabled)
                notifier = TelegramNurseNotifier(app.nurse_queue, outbox, bot, topics=topics)
                app.nurse_queue.notifier = notifier
                worker.on_unreachable = notifier.family_unreachable
                worker.on_thread_missing = notifier.thread_missing
                dispatcher.include_router(build_nurse_router())
            dispatcher.include_router(build_router())
            delivery = asyncio.create_task(worker.run(), name="delivery")
            purge = asyncio.create_task(
                retention_loop(
                    app.storage,
                    settings.retention_days,
                    insights_days=settings.insights_retention_days,
                ),
                name="retention",
            )
            expiry = (
                asyncio.create_task(expiry_loop(app.nurse_queue, settings.case_expiry_minutes))
                if app.nurse_queue
                else None
            )
            if settings.editors_chat_id is not None and app.reloader is not None:
                editors = settings.editors_chat_id

                async def tell_editors(text: str) -> None:
                    # Catalogue problems for the editors' chat, through the outbox like all.
                    await outbox.send_outcome(editors, None, Outcome(replies=[Reply(text)]))

                app.reloader.notify = tell_editors
            # Catalogue edits go live without a restart (validated and indexed in a thread).
            reload = (
                asyncio.create_task(app.reloader.run(), name="reload") if app.reloader else None
            )
            # aiogram's Response[T] classes are only weakly cached: build and keep them now.
            pin_response_types()
            # The texts are read on first use; read them now, not during a family's message.
            for lang in LANGUAGES:
                messages(lang)
            # Start-up objects live for the whole run: keep the GC from rescanning them.
            gc.collect()
            gc.freeze()
            try:
                if settings.telegram.mode == "webhook":
                    await _serve_webhook(settings, bot, dispatcher, app)
                else:
                    log.info("Neuvobot is running (long polling)")
                    await _poll(settings, bot, dispatcher, app)
            finally:
                delivery.cancel()
                purge.cancel()
                if expiry is not None:
                    expiry.cancel()
                if reload is not None:
                    reload.cancel()
                # Let them stop before the database closes under a query they are in.
                background = [t for t in (delivery, purge, expiry, reload) if t is not None]
                await asyncio.gather(*background, return_exceptions=True)
    finally:
        await bot.session.close()


async def _poll(settings: Settings, bot: Bot, dispatcher: Dispatcher, app: Any) -> None:
    """Our own polling (see polling.py): stored before confirmed, handled exactly once,
    unparseable updates quarantined. SIGTERM and SIGINT stop it between transactions."""
    poller = InboxPoller(
        bot,
        dispatcher,
        app.storage,
        app.conversation,
        polling_timeout=settings.telegram.polling_timeout_s,
        allowed_updates=dispatcher.resolve_used_update_types(),
    )
    await _until_signalled(poller.run())


async def _until_signalled(work: Coroutine[Any, Any, None]) -> None:
    """Run `work` until SIGTERM or SIGINT, which cancel it (between transactions: a unit
    being handled is rolled back and handled again after a restart)."""
    task = asyncio.create_task(work, name="inbox")
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, task.cancel)
    try:
        await task
    except asyncio.CancelledError:
        if not task.cancelled():
            raise
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)


async def _serve_webhook(settings: Settings, bot: Bot, dispatcher: Dispatcher, app: Any) -> None:
    """Webhook mode: Telegram posts updates to our HTTPS endpoint (behind a proxy). Each is
    stored in the inbox before Telegram gets its 200, and handled by the same inbox loop as
    in polling mode: stored before confirmed, handled once, unparseable ones quarantined.
    While the database refuses it, Telegram gets a 503 and delivers the update again."""
    from aiohttp import web

    hook = settings.telegram
    if not hook.webhook_url:
        raise StartupError("Webhook mode needs telegram.webhook_url in the config.")
    secret = os.environ.get("NEUVOBOT_WEBHOOK_SECRET") or None
    if not secret:
        # Without it anyone who finds the URL can post updates "from" a nurse.
        raise StartupError(
            "Webhook mode needs a secret: set NEUVOBOT_WEBHOOK_SECRET to a long random "
            "string (e.g. from `openssl rand -hex 32`); the bot does not start without it."
        )
    poller = InboxPoller(bot, dispatcher, app.storage, app.conversation)

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return web.Response(status=401)
        try:
            raw = await request.json()
        except (ValueError, RecursionError):  # not JSON, or nested past the parser's depth
            return web.Response(status=400)
        if not isinstance(raw, dict):
            return web.Response(status=400)
        return web.Response(status=200 if await poller.accept(raw) else 503)

    web_app = web.Application(client_max_size=1024**2)
    web_app.router.add_post(hook.webhook_path, receive)
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, hook.listen_host, hook.listen_port).start()
    await bot.set_webhook(
        hook.webhook_url,
        secret_token=secret,
        drop_pending_updates=False,
        allowed_updates=dispatcher.resolve_used_update_types(),
    )
    log.info("Neuvobot is running (webhook on %s:%d)", hook.listen_host, hook.listen_port)
    try:
        await _until_signalled(poller.run(fetch=False))
    finally:
        await runner.cleanup()


def run(settings: Settings) -> int:
    # Family messages, names and ids must never reach logs, at any level: the filter on the
    # handler drops library debug records (which may quote update contents) and redacts the rest.
    level = getattr(logging, settings.log_level)
    install_log_filter(level)
    if level > logging.DEBUG:
        # A line per update is noise in production; at DEBUG it helps (ids and timings only).
        logging.getLogger("aiogram.event").setLevel(logging.WARNING)
    try:
        asyncio.run(_run(settings))
    except StartupError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    return 0
