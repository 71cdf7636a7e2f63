"""What the nurse desk tells nurses, one YAML file per language in `texts/`; Finnish is
the default. A nurse reads their own `lang:`, else their team's (config, teams.py)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

STAFF_LANGUAGES = ("fi", "sv", "en")


@cache
def _table(lang: str) -> dict[str, str]:
    text = resources.files("neuvobot.escalation").joinpath(f"texts/{lang}.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def desk(lang: str, key: str, /, **values: Any) -> str:
    table = _table(lang if lang in STAFF_LANGUAGES else "fi")
    template = table.get(key) or _table("fi")[key]
    return template.format(**values) if values else template
