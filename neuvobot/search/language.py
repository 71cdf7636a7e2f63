"""Which language a short family message is in: fi, sv or en.

General language identifiers stumble on short colloquial Finnish ("mun 2v ei puhu"), so
common words and Finnish case endings decide first, and py3langid (restricted to our three
languages) only breaks ties.
"""

from __future__ import annotations

import re
from functools import lru_cache

_FI = frozenset(
    [
        "ja",
        "on",
        "ei",
        "en",
        "oo",
        "ole",
        "mun",
        "mä",
        "mulla",
        "meil",
        "meillä",
        "onko",
        "missä",
        "mistä",
        "mihin",
        "miten",
        "kuka",
        "kenelle",
        "voi",
        "voiko",
        "vois",
        "saako",
        "pitää",
        "pitäis",
        "pitäisi",
        "tarvii",
        "tarvitsen",
        "lapsi",
        "lapsen",
        "lapselle",
        "lasta",
        "vauva",
        "vauvan",
        "poika",
        "tyttö",
        "mies",
        "vaimo",
        "äiti",
        "isä",
        "apua",
        "apuu",
        "kun",
        "kanssa",
        "kaa",
        "vielä",
        "ei",
        "vaan",
        "mut",
        "mutta",
        "että",
        "et",
        "jos",
        "niin",
        "tosi",
        "ihan",
        "nyt",
        "aika",
        "aikaa",
        "haluan",
        "haluun",
        "neuvola",
        "neuvolaan",
        "koulu",
        "koulussa",
        "päiväkoti",
        "eskari",
        "kiitos",
        "hei",
        "moi",
    ]
)
_SV = frozenset(
    [
        "och",
        "är",
        "inte",
        "jag",
        "vi",
        "ni",
        "han",
        "hon",
        "det",
        "den",
        "en",
        "ett",
        "min",
        "mitt",
        "mina",
        "vår",
        "vårt",
        "våra",
        "hur",
        "vad",
        "var",
        "vem",
        "när",
        "för",
        "på",
        "med",
        "till",
        "av",
        "om",
        "kan",
        "får",
        "ska",
        "vill",
        "behöver",
        "finns",
        "barn",
        "barnet",
        "bebis",
        "bebisen",
        "dotter",
        "son",
        "mamma",
        "pappa",
        "hjälp",
        "hej",
        "tack",
        "också",
        "efter",
        "som",
        "har",
        "hade",
    ]
)
_EN = frozenset(
    [
        "the",
        "and",
        "is",
        "are",
        "my",
        "our",
        "we",
        "i",
        "you",
        "he",
        "she",
        "it",
        "how",
        "what",
        "where",
        "who",
        "when",
        "can",
        "could",
        "should",
        "would",
        "help",
        "need",
        "child",
        "children",
        "kid",
        "kids",
        "baby",
        "son",
        "daughter",
        "with",
        "for",
        "to",
        "of",
        "in",
        "on",
        "at",
        "does",
        "do",
        "don't",
        "doesn't",
        "isn't",
        "wont",
        "won't",
        "cant",
        "can't",
        "not",
        "please",
        "hello",
        "hi",
        "thanks",
    ]
)
_FI_ENDING = re.compile(r"\w(ssa|ssä|sta|stä|lla|llä|lle|lta|ltä|ksi|kin|ko|kö|aan|ään)$")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@lru_cache(maxsize=4096)
def detect_language(text: str) -> str | None:
    """'fi', 'sv', 'en', or None when the text gives no clue (a number, an emoji)."""
    words = _WORD.findall(text.lower())
    if not words:
        return None
    scores = {"fi": 0.0, "sv": 0.0, "en": 0.0}
    for word in words:
        scores["fi"] += word in _FI
        scores["sv"] += word in _SV
        scores["en"] += word in _EN
        if _FI_ENDING.search(word) and word not in _SV and word not in _EN:
            scores["fi"] += 0.5
        if "å" in word:
            scores["sv"] += 1.5
        if "ä" in word or "ö" in word:
            scores["fi"] += 0.5
            scores["sv"] += 0.3
    best = max(scores, key=lambda k: scores[k])
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] > 0 and ranked[0] - ranked[1] >= 0.5:
        return best
    return _langid(text)


def _langid(text: str) -> str | None:
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        identifier = _identifier(LanguageIdentifier, MODEL_FILE)
        lang, _ = identifier.classify(text)
        return lang if lang in ("fi", "sv", "en") else None
    except Exception:  # the model is optional help, never a reason to fail
        return None


@lru_cache(maxsize=1)
def _identifier(cls, model_file):
    identifier = cls.from_model_file(model_file, norm_probs=True)
    identifier.set_languages(["fi", "sv", "en"])
    return identifier
