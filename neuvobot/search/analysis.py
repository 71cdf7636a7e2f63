"""Text analysis for Finnish, Swedish and English, used the same way at index and query time.

Finnish is inflected and compounding: `neuvolasta` must meet `neuvola`, `neuvola` must meet
`lastenneuvola`, and families type without ä/ö. The chain: tokenise, lowercase, map common
colloquial forms, drop stop words, take Voikko base forms of the readings with the fewest
compound parts, add compound parts, and only then fold ä/ö/å. Without Voikko the chain falls
back to Snowball stems plus folding (with a warning), so the bot still runs anywhere.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import unicodedata
import weakref
from collections.abc import Iterable, Iterator
from functools import lru_cache

from rapidfuzz.distance import Levenshtein
from whoosh.analysis import (
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemmingAnalyzer,
    Token,
)
from whoosh.lang.snowball.finnish import FinnishStemmer
from whoosh.lang.snowball.swedish import SwedishStemmer

log = logging.getLogger(__name__)

ANALYSIS_VERSION = "4"  # bump when analysis changes, so cached indexes are rebuilt
TOKEN_PATTERN = r"[^\W_]+(?:[-'][^\W_]+)*"
_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "é": "e", "ü": "u"})


def fold(word: str) -> str:
    return word.translate(_FOLD)


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


# Spoken Finnish as families type it, mapped to the standard form Voikko knows.
COLLOQUIAL = {
    "mun": "minun",
    "mä": "minä",
    "ma": "minä",
    "mulla": "minulla",
    "mulle": "minulle",
    "mua": "minua",
    "sun": "sinun",
    "sä": "sinä",
    "meiän": "meidän",
    "teiän": "teidän",
    "tarvii": "tarvitsee",
    "tarttis": "tarvitsisi",
    "tarttisin": "tarvitsisin",
    "tarviin": "tarvitsen",
    "tarvis": "tarvitsisi",
    "apuu": "apua",
    "oon": "olen",
    "ollaa": "ollaan",
    "ei-oo": "ei",
    "mitä": "mitä",
    "vois": "voisi",
    "voisko": "voisiko",
    "voiks": "voiko",
    "haluun": "haluan",
    "haluisin": "haluaisin",
    "pitäis": "pitäisi",
    "pitäs": "pitäisi",
    "tiiä": "tiedä",
    "tiedä": "tiedä",
    "nää": "nämä",
    "noi": "nuo",
    "ku": "kun",
    "et": "että",
    "kaa": "kanssa",
    "kans": "kanssa",
    "eikä": "eikä",
    "sossu": "sosiaalityöntekijä",
    "sossun": "sosiaalityöntekijä",
    "sossuun": "sosiaalityöntekijä",
    "terkka": "terveydenhoitaja",
    "terkkari": "terveydenhoitaja",
    "terkkarille": "terveydenhoitaja",
    "th": "terveydenhoitaja",
    "eskari": "esiopetus",
    "eskarissa": "esiopetus",
    "eskariin": "esiopetus",
    "eskarilainen": "esiopetus",
    "nuokkari": "nuorisotalo",
    "päiväkotiin": "päiväkoti",
    "tarhaan": "päiväkoti",
    "tarha": "päiväkoti",
    "hammaslääkärille": "hammaslääkäri",
    "lääkäriin": "lääkäri",
    "kela": "kela",
    "exä": "entinen puoliso",
    "exän": "entinen puoliso",
    "tää": "tämä",
    "toi": "tuo",
}

FI_STOP = frozenset(
    [
        "ja",
        "tai",
        "on",
        "ei",
        "en",
        "et",
        "emme",
        "ette",
        "eivät",
        "olen",
        "olet",
        "olemme",
        "olette",
        "ovat",
        "oli",
        "olisi",
        "ole",
        "ollut",
        "olla",
        "se",
        "sen",
        "sitä",
        "siitä",
        "siihen",
        "se",
        "ne",
        "niitä",
        "niiden",
        "nämä",
        "tämä",
        "tämän",
        "tätä",
        "tuo",
        "tuon",
        "että",
        "kun",
        "jos",
        "niin",
        "kuin",
        "mutta",
        "vaan",
        "myös",
        "vielä",
        "jo",
        "nyt",
        "sitten",
        "sekä",
        "mikä",
        "mitä",
        "mihin",
        "missä",
        "mistä",
        "miten",
        "miksi",
        "milloin",
        "kuka",
        "kenelle",
        "kenen",
        "keneltä",
        "jotain",
        "joku",
        "jonkun",
        "jossa",
        "jota",
        "joka",
        "jotka",
        "minä",
        "minun",
        "minua",
        "minulla",
        "minulle",
        "sinä",
        "sinun",
        "hän",
        "hänen",
        "me",
        "meidän",
        "te",
        "teidän",
        "he",
        "heidän",
        "voi",
        "voiko",
        "voisi",
        "voisiko",
        "saa",
        "saako",
        "pitää",
        "pitäisi",
        "onko",
        "oliko",
        "kanssa",
        "kiitos",
        "hei",
        "moi",
        "apua",
        "apu",
        "auttaa",
        "tarvita",
        "tarvitsee",
        "tarvitsen",
        "haluta",
        "haluan",
        "haluaisin",
        "tehdä",
        "mennä",
        "tulla",
        "olisiko",
        "vai",
        "eli",
        "paljon",
        "vähän",
        "kaikki",
        "koko",
        "aina",
        "koska",
        "ihan",
        "tosi",
        "vaikka",
        "esim",
        "jne",
        "siis",
        "kai",
        "niinku",
    ]
)
SV_STOP = frozenset(
    [
        "och",
        "att",
        "det",
        "som",
        "en",
        "ett",
        "är",
        "var",
        "har",
        "hade",
        "jag",
        "du",
        "han",
        "hon",
        "vi",
        "ni",
        "de",
        "den",
        "detta",
        "dessa",
        "min",
        "mitt",
        "mina",
        "din",
        "ditt",
        "vår",
        "vårt",
        "våra",
        "er",
        "ert",
        "deras",
        "på",
        "i",
        "av",
        "för",
        "med",
        "till",
        "från",
        "om",
        "hur",
        "vad",
        "vem",
        "var",
        "när",
        "varför",
        "kan",
        "kunde",
        "ska",
        "skulle",
        "vill",
        "måste",
        "få",
        "får",
        "inte",
        "ej",
        "men",
        "eller",
        "så",
        "också",
        "nu",
        "någon",
        "något",
        "några",
        "man",
        "mig",
        "dig",
        "sig",
        "oss",
        "er",
        "dem",
        "hjälp",
        "hjälpa",
        "behöver",
        "finns",
        "hej",
        "tack",
    ]
)


# ---------------------------------------------------------------------------- Finnish
class FinnishMorphology:
    """Word → index terms. Thread-safe: Voikko handles are not, so calls are serialised."""

    def __init__(self, use_voikko: bool | None = None) -> None:
        if use_voikko is None:
            use_voikko = os.environ.get("NEUVOBOT_NO_VOIKKO", "") not in ("1", "true", "yes")
        self._voikko = _open_voikko() if use_voikko else None
        self._lock = threading.Lock()
        _INSTANCES.add(self)
        self._stemmer = FinnishStemmer()
        self._cache: dict[str, tuple[str, ...]] = {}
        self._cache_as_written: dict[str, tuple[str, ...]] = {}
        self._parts: dict[str, frozenset[str]] = {}

    @property
    def has_voikko(self) -> bool:
        return self._voikko is not None

    def compound_parts(self, word: str) -> frozenset[str]:
        """The terms of `word` that come only from splitting a compound (weaker evidence)."""
        self.terms(word)
        return self._parts.get(word, frozenset())

    def terms(self, word: str, suggest: bool = True) -> tuple[str, ...]:
        """`suggest`: spelling help for unknown words (families' typos, missing umlauts).
        Catalogue text is edited: its unknown words are names, indexed as they are."""
        cache = self._cache if suggest else self._cache_as_written
        cached = cache.get(word)
        if cached is None:
            cached = self._terms(word, suggest)
            if len(cache) < 200_000:
                cache[word] = cached
        return cached

    def _terms(self, word: str, suggest: bool) -> tuple[str, ...]:
        word = COLLOQUIAL.get(word, word)
        if " " in word:  # a colloquial word mapped to a phrase
            return tuple(t for part in word.split() for t in self.terms(part, suggest))
        if word in FI_STOP or len(word) < 2:
            return ()
        forms: list[str] = []
        if self._voikko is not None:
            forms = self._voikko_forms(word)
            if not forms and "-" in word:
                forms = self._hyphen_parts(word)
            if not forms and suggest:
                for suggestion in self._suggestions(word):
                    forms += self._voikko_forms(suggestion)
        if not forms:
            forms = [self._stemmer.stem(word)]
        forms.append(word)
        seen: dict[str, None] = {}
        for form in forms:
            folded = fold(form)
            if len(folded) >= 2 and folded not in FI_STOP:
                seen[folded] = None
        return tuple(seen)

    def _hyphen_parts(self, word: str) -> list[str]:
        """`hpv-rokotus`, `mll-kahvila`: Voikko knows the parts, not the whole. The parts'
        base forms count as compound parts (weaker evidence, like `lasten` in a compound)."""
        parts: list[str] = []
        for piece in word.split("-"):
            if len(piece) >= 2 and piece not in FI_STOP:
                parts += self._voikko_forms(piece) or [self._stemmer.stem(piece)]
                parts.append(piece)
        if parts:
            known = self._parts.get(word, frozenset())
            self._parts[word] = known | {fold(p) for p in parts}
        return parts

    def _analyze(self, word: str) -> list[dict[str, str]]:
        assert self._voikko is not None
        with self._lock:
            return list(self._voikko.analyze(word))

    def _voikko_forms(self, word: str) -> list[str]:
        analyses = self._analyze(word)
        if not analyses:
            return []
        # Voikko's first reading is often a far-fetched compound (neuvolasta → neuvo+lapsi):
        # the reading with the fewest parts is the one people mean.
        fewest = min(a.get("STRUCTURE", "=").count("=") for a in analyses)
        forms: list[str] = []
        for analysis in analyses:
            structure = analysis.get("STRUCTURE", "=")
            if structure.count("=") != fewest:
                continue
            base = analysis.get("BASEFORM", word).lower()
            forms.append(base)
            parts = self._compound_parts(base, structure)
            forms += parts
            if parts:
                known = self._parts.get(word, frozenset())
                self._parts[word] = known | {fold(p) for p in parts if p != base}
        return forms

    def _compound_parts(self, base: str, structure: str) -> list[str]:
        """Split a compound base form at the boundaries Voikko marks in STRUCTURE."""
        if structure.count("=") < 2:
            return []
        bounds, position = [], 0
        for char in structure:
            if char == "=":
                bounds.append(position)
            else:
                position += 1
        bounds = [b for b in bounds if 0 < b < len(base)]
        pieces = [base[a:b] for a, b in zip([0, *bounds], [*bounds, len(base)], strict=True)]
        parts: list[str] = []
        for piece in pieces:
            piece = piece.strip("-")
            if len(piece) > 3:
                parts.append(piece)
                analyses = self._analyze(piece)
                if analyses:  # lasten → lapsi, so "lapsi" finds "lastenneuvola"
                    parts.append(analyses[0].get("BASEFORM", piece).lower())
        # Adjacent pairs too: lastensuojeluilmoitus → lastensuojelu.
        for i in range(len(pieces) - 1):
            parts.append("".join(pieces[i : i + 2]))
        return parts

    def _suggestions(self, word: str) -> Iterator[str]:
        """Spelling help only where it is safe: umlauts typed as a/o, or a typo in a long word."""
        assert self._voikko is not None
        with self._lock:
            suggestions = list(self._voikko.suggest(word))[:5]
        umlauts = [s.lower() for s in suggestions if fold(s.lower()) == fold(word)]
        if umlauts:
            yield from umlauts[:1]
            return
        if len(word) >= 8:
            for suggestion in suggestions:
                if Levenshtein.distance(fold(word), fold(suggestion.lower())) <= 1:
                    yield suggestion.lower()

    def _after_fork(self) -> None:
        # A forked index writer (segments.py) gets a copy of this object; the lock may have
        # been held by another thread at the fork, and a Voikko handle is not for sharing.
        self._lock = threading.Lock()
        if self._voikko is not None:
            self._voikko = _open_voikko()

    def __getstate__(self) -> dict[str, object]:
        # Whoosh pickles the schema with its analysers; the Voikko handle cannot travel.
        return {"use_voikko": self._voikko is not None}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(bool(state.get("use_voikko")))  # type: ignore[misc]


def _open_voikko():
    try:
        import libvoikko

        return libvoikko.Voikko("fi")
    except Exception as exc:  # library or dictionary missing
        log.warning(
            "Voikko is not available (%s): Finnish search uses a simpler fallback. "
            "Install it with: apt-get install libvoikko1 voikko-fi",
            type(exc).__name__,
        )
        return None


_INSTANCES: weakref.WeakSet[FinnishMorphology] = weakref.WeakSet()
os.register_at_fork(after_in_child=lambda: [m._after_fork() for m in list(_INSTANCES)])


@lru_cache(maxsize=2)
def finnish_morphology(use_voikko: bool | None = None) -> FinnishMorphology:
    return FinnishMorphology(use_voikko)


class FinnishFilter(Filter):
    per_token = True  # a word's terms do not depend on its neighbours (see segments.py)

    def __init__(self, use_voikko: bool | None = None) -> None:
        self.use_voikko = use_voikko

    @property
    def morph(self) -> FinnishMorphology:
        return finnish_morphology(self.use_voikko)

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        morph = self.morph
        for token in tokens:
            # Spelling suggestions cost Voikko a millisecond a word and only help questions.
            for term in morph.terms(token.text, suggest=token.mode not in AS_WRITTEN_MODES):
                token.text = term
                yield token

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FinnishFilter) and other.use_voikko == self.use_voikko

    __hash__ = object.__hash__


# ---------------------------------------------------------------------------- Swedish
class SwedishFilter(Filter):
    """Snowball stems, with compounds split against the catalogue's own vocabulary.

    `daghemsplats` → `daghem` + `plats`, `barnskyddsanmälan` → `barnskydd` + `anmälan`:
    a split is accepted when both halves (with or without the linking s) are words the
    catalogue uses, so splitting cannot invent meanings the catalogue does not have.
    """

    per_token = True

    def __init__(self, vocabulary: frozenset[str] = frozenset()) -> None:
        self.vocabulary = vocabulary

    def compound_parts(self, word: str) -> frozenset[str]:
        """The terms of `word` that come only from splitting a compound (weaker evidence)."""
        self.terms(word)
        return self._parts.get(word, frozenset())

    def terms(self, word: str) -> tuple[str, ...]:
        return _swedish_terms(word, self.vocabulary)

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        for token in tokens:
            for term in self.terms(token.text):
                token.text = term
                yield token

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SwedishFilter) and other.vocabulary == self.vocabulary

    __hash__ = object.__hash__


_SV_STEMMER = SwedishStemmer()


@lru_cache(maxsize=100_000)
def _sv_stem(word: str) -> str:
    return fold(_SV_STEMMER.stem(word))


@lru_cache(maxsize=100_000)
def _sv_lemma(word: str) -> str:
    """simplemma's Swedish base form (barnbidraget → barnbidrag); Snowball misses -et, -en."""
    try:
        import simplemma

        return simplemma.lemmatize(word, lang="sv").lower()
    except Exception:  # optional help: stems still work without it
        return word


def _swedish_terms(word: str, vocabulary: frozenset[str]) -> tuple[str, ...]:
    if word in SV_STOP or len(word) < 2:
        return ()
    lemma = _sv_lemma(word)
    terms = [_sv_stem(lemma), fold(lemma), _sv_stem(word), fold(word)]
    if vocabulary and len(word) >= 7:
        terms += _split_swedish(fold(lemma), vocabulary)
    return tuple(dict.fromkeys(t for t in terms if len(t) >= 2))


def _split_swedish(word: str, vocabulary: frozenset[str]) -> list[str]:
    for cut in range(len(word) - 3, 2, -1):
        head, tail = word[:cut], word[cut:]
        tail_stem = _sv_stem(tail)
        if tail_stem not in vocabulary and tail not in vocabulary:
            continue
        for candidate in (head, head[:-1] if head.endswith("s") else None):
            if (
                candidate
                and len(candidate) >= 3
                and (candidate in vocabulary or _sv_stem(candidate) in vocabulary)
            ):
                return [_sv_stem(candidate), tail_stem]
    return []


def swedish_vocabulary(texts: Iterable[str]) -> frozenset[str]:
    seen: set[str] = set()
    for text in dict.fromkeys(texts):  # regional entries repeat the same texts
        seen.update(re.findall(TOKEN_PATTERN, normalise(text)))
    words: set[str] = set()
    for word in seen:
        if word not in SV_STOP and len(word) >= 3:
            words.add(fold(word))
            words.add(_sv_stem(word))
    return frozenset(words)


# ---------------------------------------------------------------------------- analysers
class FoldFilter(Filter):
    per_token = True

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = fold(token.text)
            yield token


def finnish_analyzer(use_voikko: bool | None = None):
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | FinnishFilter(use_voikko)


def swedish_analyzer(vocabulary: frozenset[str] = frozenset()):
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | SwedishFilter(vocabulary)


def english_analyzer():
    return StemmingAnalyzer(expression=TOKEN_PATTERN) | FoldFilter()


def plain_analyzer():
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | FoldFilter()


# Whoosh's token mode for text analysed as written, without Finnish spelling suggestions:
# Whoosh itself uses "index" when indexing.
AS_WRITTEN_MODES = frozenset({"index", "as-written"})


def analyze(analyzer, text: str, *, suggest: bool = True) -> list[str]:
    """`suggest=False`: no spelling help for unknown Finnish words (about 1 ms each)."""
    mode = "" if suggest else "as-written"
    return [t.text for t in analyzer(normalise(text), mode=mode)]


__all__ = [
    "ANALYSIS_VERSION",
    "FinnishMorphology",
    "analyze",
    "english_analyzer",
    "finnish_analyzer",
    "fold",
    "plain_analyzer",
    "swedish_analyzer",
    "swedish_vocabulary",
]
