"""A fake Telegram Bot API server over real HTTP on 127.0.0.1, for end-to-end tests.

It speaks enough of the Bot API for Neuvobot: getMe, getUpdates (long-polling: an empty
call waits, or aiogram's polling would spin), sendMessage, answerCallbackQuery and the
start-up housekeeping calls. Tests push updates in and read what the bot sent per chat.
`fail_ratio` makes that share of calls to `fault_methods` (sendMessage by default) fail
with one of `faults`, chosen at random:
- "429": Too Many Requests with retry_after (nothing done);
- "5xx": 502 Bad Gateway (nothing done);
- "timeout": the call is held past the bot's request timeout (`timeout_s` longer than a
  getUpdates long poll asked for) and then dropped before anything is done, so the bot
  sees a timeout and Telegram never delivered the message: "exactly once" stays testable.
  (On real Telegram a timed-out call may have been done; see docs/architecture.md.)
`raw_update` pushes any JSON as an update, for updates aiogram cannot parse.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import random
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Sent:
    chat_id: int
    text: str
    buttons: list[list[dict[str, Any]]]
    thread: int | None = None  # the forum topic it was sent to, if any
    message_id: int = 0
    deleted: bool = False  # removed again with deleteMessage

    def button_data(self) -> list[str]:
        return [b.get("callback_data", "") for row in self.buttons for b in row]


def text_update(update_id: int, chat: int, text: str, language: str = "fi") -> dict[str, Any]:
    """A family's private text message as Telegram sends it (a command with its entity)."""
    message: dict[str, Any] = {
        "message_id": update_id,
        "date": int(time.time()),
        "chat": {"id": chat, "type": "private"},
        "from": {"id": chat, "is_bot": False, "first_name": "Testi", "language_code": language},
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id, "message": message}


@dataclass
class FakeBotAPI:
    token: str = "123:test"
    fail_ratio: float = 0.0
    faults: tuple[str, ...] = ("429",)  # "429", "5xx", "timeout"
    fault_methods: frozenset[str] = frozenset({"sendMessage"})
    timeout_s: float = 3.0  # how much longer than asked a "timeout" call is held
    retry_after: int = 1
    seed: int = 1
    updates: list[dict[str, Any]] = field(default_factory=list)
    sent: list[Sent] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    edits: list[str] = field(default_factory=list)
    blocked: set[int] = field(default_factory=set)  # chats that blocked the bot
    left: set[int] = field(default_factory=set)  # users no longer in any group
    answers: list[str] = field(default_factory=list)
    topics: bool = False  # the bot has forum topic mode in private chats
    topic_names: dict[tuple[int, int], str] = field(default_factory=dict)
    reply_delay_s: float = 0.0  # sendMessage delivers, then answers this much later

    def __post_init__(self) -> None:
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._threads = itertools.count(100)
        self._changed = asyncio.Condition()
        self._rng = random.Random(self.seed)
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.confirmed = 0
        self.failed: dict[str, int] = {}  # fault kind → how many calls it hit

    # ------------------------------------------------------------------ server
    async def start(self) -> str:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return f"http://127.0.0.1:{self.port}"

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        params: dict[str, Any] = dict(await request.post()) if request.can_read_body else {}
        params.update(request.query)
        self.calls.append(method)
        failing = method in self.fault_methods and self.fail_ratio
        if failing and self._rng.random() < self.fail_ratio:
            return await self._fault(method, params)
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return web.json_response({"ok": True, "result": True})
        return await handler(params)

    async def _fault(self, method: str, params: dict[str, Any]) -> web.Response:
        kind = self._rng.choice(self.faults)
        self.failed[kind] = self.failed.get(kind, 0) + 1
        if kind == "timeout":
            # Held past the client's timeout, then dropped: nothing was done.
            held = self.timeout_s
            if method == "getUpdates":
                held += float(params.get("timeout") or 0)
            await asyncio.sleep(held)
            kind = "5xx"
        if kind == "429":
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": "Too Many Requests: retry later",
                    "parameters": {"retry_after": self.retry_after},
                },
                status=429,
            )
        return web.json_response(
            {"ok": False, "error_code": 502, "description": "Bad Gateway"}, status=502
        )

    @staticmethod
    def _ok(result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    async def _api_getMe(self, params: dict[str, Any]) -> web.Response:
        me = {"id": 42, "is_bot": True, "first_name": "Neuvobot", "username": "neuvobot_test_bot"}
        if self.topics:  # the bot has forum topic mode in private chats
            me["has_topics_enabled"] = True
        return self._ok(me)

    async def _api_createForumTopic(self, params: dict[str, Any]) -> web.Response:
        async with self._changed:
            thread = next(self._threads)
            self.topic_names[(int(params["chat_id"]), thread)] = params["name"]
            self._changed.notify_all()
        return self._ok({"message_thread_id": thread, "name": params["name"], "icon_color": 0})

    def delete_topic(self, chat_id: int, thread: int) -> None:
        """The user deletes a topic: sending into it fails as it does on Telegram."""
        self.topic_names.pop((chat_id, thread))

    async def _api_getUpdates(self, params: dict[str, Any]) -> web.Response:
        # Like Telegram: an offset confirms every update before it, for good, so a restarted
        # bot that polls without an offset gets only what was never confirmed.
        offset = int(params.get("offset") or 0)
        self.confirmed = max(self.confirmed, offset - 1)
        offset = max(offset, self.confirmed + 1)
        timeout = min(float(params.get("timeout") or 0), 2.0)
        deadline = time.monotonic() + timeout
        async with self._changed:
            while True:
                pending = [u for u in self.updates if u["update_id"] >= offset]
                left = deadline - time.monotonic()
                if pending or left <= 0:
                    return self._ok(pending[:100])
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), left)

    async def _api_sendMessage(self, params: dict[str, Any]) -> web.Response:
        markup = json.loads(params["reply_markup"]) if params.get("reply_markup") else {}
        chat_id = int(params["chat_id"])
        if chat_id in self.blocked:
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 403,
                    "description": "Forbidden: bot was blocked by the user",
                },
                status=403,
            )
        thread = int(params["message_thread_id"]) if params.get("message_thread_id") else None
        if thread is not None and (chat_id, thread) not in self.topic_names:
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 400,
                    "description": "Bad Request: message thread not found",
                },
                status=400,
            )
        message_id = next(self._message_ids)
        async with self._changed:
            self.sent.append(
                Sent(chat_id, params["text"], markup.get("inline_keyboard", []), thread, message_id)
            )
            self._changed.notify_all()
        if self.reply_delay_s:  # delivered; a crash before the answer arrives may resend it
            await asyncio.sleep(self.reply_delay_s)
        return self._ok(
            {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "text": params["text"],
            }
        )

    async def _api_editMessageText(self, params: dict[str, Any]) -> web.Response:
        self.edits.append(params.get("text", ""))
        return self._ok(
            {
                "message_id": int(params.get("message_id") or 0),
                "date": int(time.time()),
                "text": params.get("text", ""),
                "chat": {"id": int(params.get("chat_id") or 0), "type": "supergroup"},
            }
        )

    async def _api_getChatMember(self, params: dict[str, Any]) -> web.Response:
        user = int(params.get("user_id") or 0)
        status = "left" if user in self.left else "member"
        return self._ok(
            {"status": status, "user": {"id": user, "is_bot": False, "first_name": "N"}}
        )

    async def _api_deleteMessage(self, params: dict[str, Any]) -> web.Response:
        chat, message = int(params.get("chat_id") or 0), int(params.get("message_id") or 0)
        async with self._changed:
            for sent in self.sent:
                if sent.chat_id == chat and sent.message_id == message:
                    sent.deleted = True
            self._changed.notify_all()
        return self._ok(True)

    async def _api_answerCallbackQuery(self, params: dict[str, Any]) -> web.Response:
        async with self._changed:
            self.answers.append(params.get("text", ""))
            self._changed.notify_all()
        return self._ok(True)

    # ------------------------------------------------------------------ test helpers
    async def _push(self, update: dict[str, Any]) -> None:
        async with self._changed:
            update["update_id"] = next(self._ids)
            self.updates.append(update)
            self._changed.notify_all()

    @staticmethod
    def _user(chat_id: int, language: str) -> dict[str, Any]:
        return {"id": chat_id, "is_bot": False, "first_name": "Perhe", "language_code": language}

    def _message(self, chat_id: int, language: str, **content: Any) -> dict[str, Any]:
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "Perhe"},
            "from": self._user(chat_id, language),
            **content,
        }

    async def send_text(
        self,
        chat_id: int,
        text: str,
        language: str = "fi",
        thread: int | None = None,
        reply_to: str | None = None,
    ) -> None:
        content: dict[str, Any] = {"text": text}
        if reply_to is not None:  # a reply to one of the bot's messages with this text
            content["reply_to_message"] = {
                "message_id": 1,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private", "first_name": "Perhe"},
                "text": reply_to,
            }
        if thread is not None:  # written in a forum topic of the private chat
            content |= {"message_thread_id": thread, "is_topic_message": True}
        if text.startswith("/"):
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
            ]
        await self._push({"message": self._message(chat_id, language, **content)})

    async def raw_update(self, update: dict[str, Any]) -> int:
        """Push any JSON as an update (its update_id is set here); returns the id."""
        await self._push(update)
        return update["update_id"]

    async def send_photo(self, chat_id: int, language: str = "fi") -> None:
        photo = [{"file_id": "p1", "file_unique_id": "u1", "width": 10, "height": 10}]
        await self._push({"message": self._message(chat_id, language, photo=photo)})

    async def press(self, chat_id: int, data: str, language: str = "fi") -> None:
        await self._push(
            {
                "callback_query": {
                    "id": str(next(self._ids)),
                    "from": self._user(chat_id, language),
                    "chat_instance": "ci",
                    "data": data,
                    "message": self._message(chat_id, language, text="…"),
                }
            }
        )

    async def press_in_group(self, group_id: int, user_id: int, data: str, text: str) -> None:
        """A staff member presses a button on a card in a (super)group."""
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": group_id, "type": "supergroup", "title": "Neuvola staff"},
            "text": text,
        }
        await self._push(
            {
                "callback_query": {
                    "id": str(next(self._ids)),
                    "from": self._user(user_id, "fi"),
                    "chat_instance": "staff",
                    "data": data,
                    "message": message,
                }
            }
        )

    async def wait_until(self, predicate, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        async with self._changed:
            while not predicate():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError("condition not met in time")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), left)

    def to(self, chat_id: int) -> list[Sent]:
        return [s for s in self.sent if s.chat_id == chat_id]

    async def wait_for(self, chat_id: int, count: int, timeout: float = 30.0) -> list[Sent]:
        """Wait until the bot has sent `count` messages to the chat in all."""
        deadline = time.monotonic() + timeout
        async with self._changed:
            while len(self.to(chat_id)) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"bot sent {len(self.to(chat_id))} messages to {chat_id}, "
                        f"expected {count}: {[s.text[:60] for s in self.to(chat_id)]}"
                    )
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), left)
        return self.to(chat_id)
