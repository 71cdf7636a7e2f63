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
