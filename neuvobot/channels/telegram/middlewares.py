"""Middlewares: who is writing (a pseudonymous key) and in which language, for every handler."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, Message, TelegramObject

from neuvobot.channels.telegram.delivery import chat_key


class FamilyMiddleware(BaseMiddleware):
    """Puts `user_key` and `locale` into the handler data.

    The key is made from the private chat id only: names, usernames and phone numbers
    never enter the core or the database.
    """

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        chat = None
        if isinstance(event, Message):
            chat = event.chat
        elif isinstance(event, CallbackQuery) and event.message is not None:
            chat = event.message.chat
        user = getattr(event, "from_user", None)
        data["user_key"] = chat_key(chat.id) if chat is not None else None
        data["locale"] = user.language_code if user is not None else None
        return await handler(event, data)
