"""Match a loosely typed municipality name ("jyväskylässä", "Åbo", "uusikaupunki", a typo)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from neuvobot.catalogue.municipalities import MUNICIPALITIES

# Finnish place-name case endings families use ("asun Jyväskylässä", "Turusta"), longest first.
_ENDINGS = sorted(
    [
        "ssa",
        "ssä",
        "sta",
        "stä",
        "lla",
        "llä",
        "lta",
        "ltä",
        "lle",
        "n",
        "an",
        "en",
        "in",
        "hin",
        "seen",
        "een",
        "na",
        "nä",
        "ksi",
        "sa",
        "sä",
    ],
    key=len,
    reverse=True,
)
# Stem changes in the inflected forms of some names: Turku → Turussa/Turun, Salo → Salossa.
_STEM_ALTERNATIVES = {"turu": "turku", "naantali": "naantali", "kaupungi": "kaupunki"}
_FILLER = re.compile(
    r"\b(asun|asumme|olen|ollaan|me|mä|ma|minä|mina|jag|bor|i|in|live|we|kunta|kommun|"
    r"municipality|kaupunki|stad|city)\b"
)


@dataclass(frozen=True)
class MunicipalityMatch:
    slug: str
    score: float
    exact: bool


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower().strip()
    text = text.translate(str.maketrans({"ä": "a", "ö": "o", "å": "a", "-": " ", ":": "", ".": ""}))
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9 ]", " ", text)).strip()


def _names() -> dict[str, str]:
    """Folded name → slug, for Finnish names, Swedish names and slugs."""
    names: dict[str, str] = {}
    for slug, m in MUNICIPALITIES.items():
        names[_fold(m.fi)] = slug
        names[_fold(slug)] = slug
        if m.sv:
            names[_fold(m.sv)] = slug
    # Common short forms: "Koski" for Koski Tl, "St Karins" for S:t Karins.
    names.setdefault("koski", "koski-tl")
    names.setdefault("st karins", "kaarina")
    return names


_NAMES = _names()
# Abbreviations people write for the bigger towns ("asun jkl:ssä", "tku").
_NAMES.update({"jkl": "jyvaskyla", "jyvas": "jyvaskyla", "tku": "turku", "uki": "uusikaupunki"})


def _candidates(text: str) -> list[str]:
    folded = _FILLER.sub(" ", _fold(text))
    folded = re.sub(r"\s+", " ", folded).strip()
    forms = [folded]
    for ending in _ENDINGS:
        end = _fold(ending)
        if folded.endswith(end) and len(folded) - len(end) >= 3:
            stem = folded[: -len(end)]
            forms += [stem, stem + "a", stem + "i"]
            if stem.endswith("e"):  # Äänekoskella → äänekoske → äänekoski
                forms.append(stem[:-1] + "i")
            if "ng" in stem:  # consonant gradation: Luhangassa → Luhanka
                forms += [stem.replace("ng", "nk") + "a", stem.replace("ng", "nk")]
            for old, new in _STEM_ALTERNATIVES.items():
                if stem.endswith(old):
                    forms.append(stem[: -len(old)] + new)
    return [f for f in forms if f]


def match_municipality(text: str, limit: int = 3) -> list[MunicipalityMatch]:
    """Best matches, best first; `exact` when the text is a name or an inflected form of one."""
    if not text or len(text) > 100:
        return []
    forms = _candidates(text)
    for form in forms:
        if form in _NAMES:
            return [MunicipalityMatch(_NAMES[form], 100.0, True)]
    best: dict[str, float] = {}
    for form in forms:
        for name, score, _ in process.extract(form, list(_NAMES), scorer=fuzz.WRatio, limit=6):
            slug = _NAMES[name]
            # WRatio rewards partial matches of long names; plain ratio keeps typos honest.
            score = min(score, fuzz.ratio(form, name) + 10)
            best[slug] = max(best.get(slug, 0.0), score)
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    return [MunicipalityMatch(slug, score, False) for slug, score in ranked[:limit] if score >= 70]
