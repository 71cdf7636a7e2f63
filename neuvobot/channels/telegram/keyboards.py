"""Inline keyboards from the core's buttons, and validation of callback data on the way back."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

# The core's button data is short and plain ("more", "m:turku", "fg:y"). Anything else that
# comes back (forged, truncated, from an old bot version) is passed on as "" — the core
# answers a stale or unknown button kindly and acts on nothing.
_CALLBACK_DATA = re.compile(r"^[a-z0-9:?_\-]{1,64}$")


def valid_callback_data(data: str | None) -> str:
    return data if data and _CALLBACK_DATA.match(data) else ""


def keyboard_payload(buttons: list[list[Any]]) -> list[list[dict[str, str]]]:
    """The outbox stores buttons as plain JSON: [[{"text", "data"}]]."""
    return [[{"text": b.label, "data": b.data} for b in row] for row in buttons]


def inline_keyboard(rows: list[list[dict[str, str]]]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return _markup(tuple(tuple((b["text"], b["data"]) for b in row) for row in rows))


@lru_cache(maxsize=256)
def _markup(rows: tuple[tuple[tuple[str, str], ...], ...]) -> InlineKeyboardMarkup:
    # Nearly every answer carries the same few keyboards (per language); building the
    # pydantic models for each message was a measurable part of sending it. Only read.
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=text, callback_data=data) for text, data in row]
            for row in rows
        ]
    )
