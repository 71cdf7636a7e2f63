"""The bench's own minimal fake Telegram Bot API: just enough for aiogram's long polling.

getMe, getUpdates (long-poll wait, offsets confirm), sendMessage, answerCallbackQuery and
editMessageText; everything else answers `true`. Simulated families push updates and wait
for the reply to their chat; the time each update is pushed and each reply arrives is kept.
It is deliberately lean: it is the load generator, and shares the CPU with the bot.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TOKEN = "123456:bench"


@dataclass
class Exchange:
    chat_id: int
    pushed: float  # time.perf_counter() when the update became available to getUpdates
    replied: float | None = None
    reply: str = ""


@dataclass
class BenchBotAPI:
    token: str = TOKEN
    exchanges: list[Exchange] = field(default_factory=list)
    extra_replies: int = 0  # replies nobody was waiting for (e.g. a two-message answer)
    polls: int = 0

    def __post_init__(self) -> None:
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._pending: deque[dict[str, Any]] = deque()
        self._new = asyncio.Event()
        self._waiting: dict[int, tuple[Exchange, asyncio.Future[float]]] = {}
        self._runner: web.AppRunner | None = None
        self.base = ""

    async def start(self) -> str:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base = f"http://127.0.0.1:{port}"
        return self.base

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def reset(self) -> None:
        """Between bots: forget what was exchanged and any update not yet fetched."""
        self.exchanges.clear()
        self._pending.clear()
        self._waiting.clear()
        self.extra_replies = 0
        self.polls = 0

    # ------------------------------------------------------------------ HTTP
    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401}, status=401)
        method = request.match_info["method"]
        params: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            params.update(await request.post())
        if method == "getUpdates":
            return self._ok(await self._get_updates(params))
        if method == "sendMessage":
            return self._ok(self._send_message(params))
        if method == "getMe":
            return self._ok({"id": 42, "is_bot": True, "first_name": "Bench", "username": "b_bot"})
        if method == "editMessageText":
            return self._ok(self._message(int(params.get("chat_id") or 0), params.get("text", "")))
        return self._ok(True)  # answerCallbackQuery, deleteWebhook, setMyCommands…

    @staticmethod
    def _ok(result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        self.polls += 1
        offset = int(params.get("offset") or 0)
        while self._pending and self._pending[0]["update_id"] < offset:
            self._pending.popleft()  # confirmed by the offset, for good
        timeout = min(float(params.get("timeout") or 0), 10.0)
        if not self._pending and timeout > 0:
            self._new.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new.wait(), timeout)
        return list(itertools.islice(self._pending, 100))

    def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        now = time.perf_counter()
        chat_id = int(params["chat_id"])
        waiting = self._waiting.pop(chat_id, None)
        if waiting is None:
            self.extra_replies += 1
        else:
            exchange, future = waiting
            exchange.replied = now
            exchange.reply = str(params.get("text", ""))
            if not future.done():
                future.set_result(now)
        return self._message(chat_id, str(params.get("text", "")))

    def _message(self, chat_id: int, text: str) -> dict[str, Any]:
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "text": text,
        }

    # ------------------------------------------------------------------ families
    async def say(self, chat_id: int, text: str, timeout: float = 60.0) -> Exchange:
        """Push a private-chat text message and wait for the bot's (first) reply to it."""
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "Bench"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "Bench", "language_code": "fi"},
            "text": text,
        }
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        exchange = Exchange(chat_id, time.perf_counter())
        self._waiting[chat_id] = (exchange, future)
        self._pending.append({"update_id": next(self._update_ids), "message": message})
        self.exchanges.append(exchange)
        self._new.set()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(future, timeout)
        return exchange
