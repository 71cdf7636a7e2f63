"""Texts people read, one YAML file per language in a package's `texts/` folder (families'
in `conversation`, nurses' in `escalation`, editors' in `catalogue`). Finnish is the
fallback for a language or a key a file lacks. Below every other module."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

LANGUAGES = ("fi", "sv", "en")
DEFAULT_LANG = "fi"


@cache
def text_table(package: str, lang: str) -> dict[str, Any]:
    source = resources.files(package).joinpath("texts", f"{lang}.yaml")
    return yaml.safe_load(source.read_text("utf-8"))


def text(package: str, lang: str, key: str, /, **values: Any) -> str:
    """The text `key` in `lang` (Finnish when missing), with `values` filled in."""
    table = text_table(package, lang if lang in LANGUAGES else DEFAULT_LANG)
    template = table.get(key) or text_table(package, DEFAULT_LANG)[key]
    return template.format(**values) if values else template
