"""Keep aiogram's response models alive for the whole run.

aiogram parses every Bot API answer with `Response[method.__returning__]`. pydantic keeps
such parametrised classes in a WeakValueDictionary only, so when a garbage collection
drops one, the next call builds it again, schema and validator included (about 8 ms on
this machine, seen in py-spy profiles of the bot under bench bot): a stall in the middle
of a reply. Holding a reference to each class the bot uses makes it a one-time cost.
"""

from __future__ import annotations

from typing import Any

from aiogram.methods import (
    AnswerCallbackQuery,
    CreateForumTopic,
    DeleteWebhook,
    EditMessageText,
    GetMe,
    GetUpdates,
    Response,
    SendMessage,
    SetWebhook,
)

METHODS = (
    SendMessage,
    AnswerCallbackQuery,
    EditMessageText,
    GetMe,
    GetUpdates,
    CreateForumTopic,
    DeleteWebhook,
    SetWebhook,
)
# getUpdates read as raw JSON, so each update is validated on its own (polling.py).
RAW_RESULTS: tuple[Any, ...] = (list[dict[str, Any]],)
_PINNED: list[Any] = []


def pin_response_types() -> None:
    """Build and keep Response[T] for every result type the bot's API calls return."""
    results = [method.__returning__ for method in METHODS] + list(RAW_RESULTS)
    _PINNED.extend(Response[result] for result in results)  # type: ignore[valid-type]
