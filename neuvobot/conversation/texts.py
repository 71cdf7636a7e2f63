"""User-facing texts, one YAML file per language in `texts/`; Finnish is the fallback."""

from __future__ import annotations

from typing import Any

from neuvobot.textfiles import DEFAULT_LANG, LANGUAGES, text, text_table

LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}


def messages(lang: str) -> dict[str, Any]:
    return text_table("neuvobot.conversation", lang)


def normalise_lang(code: str | None) -> str | None:
    """Telegram's language_code ('fi', 'sv-FI', 'en-GB'…) to one of ours, or None."""
    if not code:
        return None
    base = code.lower().split("-")[0].split("_")[0]
    return base if base in LANGUAGES else None


def t(lang: str, key: str, **values: Any) -> str:
    return text("neuvobot.conversation", lang, key, **values)


def weekday(lang: str, index: int) -> str:
    return messages(lang if lang in LANGUAGES else DEFAULT_LANG)["weekdays"][index]
