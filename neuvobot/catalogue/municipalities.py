"""The 49 municipalities Neuvobot serves, read from the verified list shipped with the package.

`municipalities.yaml` is a copy of `../shared/municipalities.yaml` (codes checked against
three public datasets); a test keeps the two in sync.
"""

from __future__ import annotations

from importlib import resources

import yaml
from rapidfuzz import fuzz, process

from neuvobot.catalogue.model import Municipality, slugify

# Officially bilingual municipalities, whose entries must have Swedish texts.
BILINGUAL = frozenset({"turku", "kaarina", "parainen", "kemionsaari"})


def _load() -> dict[str, Municipality]:
    text = resources.files("neuvobot.catalogue").joinpath("municipalities.yaml").read_text("utf-8")
    rows = yaml.safe_load(text)["municipalities"]
    return {row["slug"]: Municipality.model_validate(row) for row in rows}


MUNICIPALITIES: dict[str, Municipality] = _load()

REGIONS: dict[str, tuple[str, ...]] = {}
for _m in MUNICIPALITIES.values():
    REGIONS[_m.region_slug] = (*REGIONS.get(_m.region_slug, ()), _m.slug)

REGION_NAMES: dict[str, str] = {m.region_slug: m.region for m in MUNICIPALITIES.values()}


def suggest_slug(text: str) -> str | None:
    """The closest slug to a mistyped one, for 'did you mean' hints in errors."""
    if not text:
        return None
    match = process.extractOne(slugify(text), list(MUNICIPALITIES), scorer=fuzz.ratio)
    return match[0] if match and match[1] >= 75 else None


def unknown_municipality(slug: str) -> str | None:
    """None for a known slug; else one sentence for the command line, with a hint."""
    if slug in MUNICIPALITIES:
        return None
    hint = suggest_slug(slug)
    also = f" Did you mean {hint!r}?" if hint else ""
    return f"Unknown municipality {slug!r}.{also}"
