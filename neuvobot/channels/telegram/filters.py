"""Filters for the routers, as coroutines.

aiogram 3 runs every filter that is not a coroutine, magic filters (`F.chat.type == …`)
included, in a thread with `asyncio.to_thread`: a thread-pool hop and a fight for the GIL
for each message and each filter. On a 2-core machine under load that was a large share
of the bot's time per message (bench bot, py-spy), so the checks here are coroutines.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiogram.enums import ChatType
from aiogram.types import CallbackQuery, Message


async def private_chat(message: Message) -> bool:
    return message.chat.type == ChatType.PRIVATE


def data_prefix(prefix: str) -> Callable[[CallbackQuery], Awaitable[bool]]:
    async def check(query: CallbackQuery) -> bool:
        return (query.data or "").startswith(prefix)

    return check


# What a person sends on purpose. Everything else in a private chat is a service message
# (a topic the bot created, a pin, an auto-delete timer…) and gets no reply: answering
# "I only understand text" to the bot's own topic creation would only confuse.
SENT_BY_PEOPLE = frozenset(
    {
        "text",
        "animation",
        "audio",
        "document",
        "live_photo",
        "paid_media",
        "photo",
        "sticker",
        "story",
        "video",
        "video_note",
        "voice",
        "checklist",
        "contact",
        "dice",
        "game",
        "poll",
        "venue",
        "location",
        "unknown",
    }
)


def is_service_message(message: Message) -> bool:
    kind = message.content_type  # a str-Enum: str() of it is "ContentType.TEXT" on 3.11
    return getattr(kind, "value", kind) not in SENT_BY_PEOPLE
