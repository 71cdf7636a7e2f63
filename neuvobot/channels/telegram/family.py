"""Private chats with families: every update becomes an `Incoming` for the core."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.enums import ChatType, ContentType
from aiogram.types import CallbackQuery, Message

from neuvobot.channels.telegram.delivery import Outbox, chat_key
from neuvobot.channels.telegram.keyboards import valid_callback_data
from neuvobot.conversation.core import Conversation, Incoming, InKind

log = logging.getLogger(__name__)


def to_incoming(message: Message) -> Incoming:
    user = chat_key(message.chat.id)
    locale = message.from_user.language_code if message.from_user else None
    if message.content_type == ContentType.TEXT and message.text is not None:
        kind = InKind.command if message.text.startswith("/") else InKind.text
        return Incoming(user, "telegram", kind, message.text, locale)
    return Incoming(user, "telegram", InKind.unsupported, "", locale, str(message.content_type))


async def on_message(message: Message, conversation: Conversation, outbox: Outbox) -> None:
    incoming = to_incoming(message)
    outcome = await conversation.handle(incoming)
    await outbox.send_outcome(message.chat.id, incoming.user, outcome)


async def on_button(query: CallbackQuery, conversation: Conversation, outbox: Outbox) -> None:
    # Stop the button's spinner first; the answer itself goes through the outbox.
    try:
        await query.answer()
    except Exception as exc:  # an old query can't be answered; the button still works
        log.debug("could not answer callback: %s", type(exc).__name__)
    message = query.message
    if message is None or message.chat.type != ChatType.PRIVATE:
        return
    user = chat_key(message.chat.id)
    incoming = Incoming(
        user,
        "telegram",
        InKind.button,
        valid_callback_data(query.data),
        query.from_user.language_code,
    )
    outcome = await conversation.handle(incoming)
    await outbox.send_outcome(message.chat.id, user, outcome)


def build_router() -> Router:
    """A fresh router per dispatcher (a router can belong to one dispatcher only)."""
    router = Router(name="family")
    router.message.register(on_message, F.chat.type == ChatType.PRIVATE)
    router.callback_query.register(on_button)
    return router
