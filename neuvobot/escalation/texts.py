"""What the nurse desk tells nurses, one YAML file per language in `texts/`; Finnish is
the default. A nurse reads their own `lang:`, else their team's (config, teams.py)."""

from __future__ import annotations

from typing import Any

from neuvobot.textfiles import text


def desk(lang: str, key: str, /, **values: Any) -> str:
    return text("neuvobot.escalation", lang, key, **values)
