"""Private chats with families: every update becomes an `Incoming` for the core."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.enums import ChatType, ContentType
from aiogram.types import CallbackQuery, Message

from neuvobot.channels.telegram.delivery import Outbox
from neuvobot.channels.telegram.filters import is_service_message, private_chat
from neuvobot.channels.telegram.keyboards import valid_callback_data
from neuvobot.channels.telegram.middlewares import FamilyMiddleware
from neuvobot.conversation.core import Conversation, Incoming, InKind

log = logging.getLogger(__name__)


def to_incoming(message: Message, user: str, locale: str | None) -> Incoming:
    if message.content_type == ContentType.TEXT and message.text is not None:
        kind = InKind.command if message.text.startswith("/") else InKind.text
        return Incoming(user, "telegram", kind, message.text, locale)
    return Incoming(user, "telegram", InKind.unsupported, "", locale, str(message.content_type))


async def on_message(
    message: Message, conversation: Conversation, outbox: Outbox, user_key: str, locale: str | None
) -> None:
    if is_service_message(message):
        return
    incoming = to_incoming(message, user_key, locale)
    outcome = await conversation.handle(incoming)
    await outbox.send_outcome(message.chat.id, incoming.user, outcome)


async def on_button(
    query: CallbackQuery,
    conversation: Conversation,
    outbox: Outbox,
    user_key: str | None,
    locale: str | None,
) -> None:
    # Stop the button's spinner first; the answer itself goes through the outbox.
    try:
        await query.answer()
    except Exception as exc:  # an old query can't be answered; the button still works
        log.debug("could not answer callback: %s", type(exc).__name__)
    message = query.message
    if message is None or user_key is None or message.chat.type != ChatType.PRIVATE:
        return
    data = valid_callback_data(query.data)
    incoming = Incoming(user_key, "telegram", InKind.button, data, locale)
    outcome = await conversation.handle(incoming)
    await outbox.send_outcome(message.chat.id, user_key, outcome)


def build_router() -> Router:
    """A fresh router per dispatcher (a router can belong to one dispatcher only)."""
    router = Router(name="family")
    router.message.outer_middleware(FamilyMiddleware())
    router.callback_query.outer_middleware(FamilyMiddleware())
    router.message.register(on_message, private_chat)  # a coroutine: see filters.py
    router.callback_query.register(on_button)
    return router
