"""User-facing texts, one YAML file per language in `texts/`; Finnish is the fallback."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

LANGUAGES = ("fi", "sv", "en")
DEFAULT_LANG = "fi"
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}


@cache
def messages(lang: str) -> dict[str, Any]:
    text = (
        resources.files("neuvobot.conversation").joinpath(f"texts/{lang}.yaml").read_text("utf-8")
    )
    return yaml.safe_load(text)


def normalise_lang(code: str | None) -> str | None:
    """Telegram's language_code ('fi', 'sv-FI', 'en-GB'…) to one of ours, or None."""
    if not code:
        return None
    base = code.lower().split("-")[0].split("_")[0]
    return base if base in LANGUAGES else None


def t(lang: str, key: str, **values: Any) -> str:
    table = messages(lang if lang in LANGUAGES else DEFAULT_LANG)
    template = table.get(key, messages(DEFAULT_LANG)[key])
    return template.format(**values) if values else template


def weekday(lang: str, index: int) -> str:
    return messages(lang if lang in LANGUAGES else DEFAULT_LANG)["weekdays"][index]
