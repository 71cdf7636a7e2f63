"""Finnish morphology with Voikko: base forms and compound parts of a word.

Voikko's first reading is often a far-fetched compound (neuvolasta → neuvo+lapsi), so
search takes the readings with the fewest parts; the danger layer reads all of them
(`readings`). Without Voikko, Snowball stems stand in (with a warning).
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import os
import threading
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein
from whoosh.lang.snowball.finnish import FinnishStemmer

from neuvobot.understanding.lexical import (
    COLLOQUIAL,
    FI_AGE_SUFFIXES,
    FI_CONTACT_VERBS,
    FI_STOP,
    fold,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Reading:
    """One Voikko reading of a word; the strings are Voikko's own values."""

    base: str
    word_class: str  # nimisana, teonsana, laatusana, kieltosana, seikkasana…
    parts: tuple[str, ...]  # compound parts and their base forms
    negative: str  # "true" for a connegative form (ei hengitä), "both", "false" or ""
    tense: str  # present_simple, past_imperfective
    mood: str  # indicative, conditional, imperative, A-infinitive…
    person: str
    participle: str  # past_active (nielaissut), past_passive…


# Voikko's spelling suggestions cost 1–4 ms a word: a question full of unknown words (a
# pasted text, a compound soup) would hold everyone else's answers for a tenth of a second.
# `suggestion_budget(n)` lets one question ask for n of them; outside it there is no limit.
_BUDGET: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("budget", default=None)
_SKIPPED: contextvars.ContextVar[bool] = contextvars.ContextVar("skipped", default=False)


@contextlib.contextmanager
def suggestion_budget(count: int) -> Iterator[None]:
    token = _BUDGET.set([count])
    try:
        yield
    finally:
        _BUDGET.reset(token)


def _take_suggestion() -> bool:
    budget = _BUDGET.get()
    if budget is None:
        return True
    if budget[0] <= 0:
        return False
    budget[0] -= 1
    return True


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
        self._readings: dict[str, tuple[Reading, ...]] = {}
        self._pieces: dict[str, str | None] = {}  # compound part -> its base form

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
            skipped = _SKIPPED.set(False)
            try:
                cached = self._terms(word, suggest)
                # a word whose spelling help was skipped (budget spent) is looked at again
                if len(cache) < 200_000 and not _SKIPPED.get():
                    cache[word] = cached
            finally:
                _SKIPPED.reset(skipped)
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
                if _take_suggestion():
                    for suggestion in self._suggestions(word):
                        forms += self._voikko_forms(suggestion)
                else:
                    _SKIPPED.set(True)
        if FI_CONTACT_VERBS.intersection(forms):
            return ()  # "soita" is how to reach a service; its rare reading "suo" is a swamp
        if any(fold(f).endswith(FI_AGE_SUFFIXES) for f in forms):
            return ()  # "kolmevuotias" is an age (lexical.FI_AGE_SUFFIXES)
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

    def readings(self, word: str) -> tuple[Reading, ...]:
        """Every Voikko reading of `word` (base form, word class, compound parts, tense),
        for the danger layer: `palaan` is `palata` (return), `palaa` also burns."""
        if self._voikko is None:
            return ()
        cached = self._readings.get(word)
        if cached is None:
            found: list[Reading] = []
            for analysis in self._analyze(word):
                base = analysis.get("BASEFORM", word).lower()
                structure = analysis.get("STRUCTURE", "=")
                parts = tuple(self._compound_parts(base, structure))
                found.append(
                    Reading(
                        base=base,
                        word_class=analysis.get("CLASS", ""),
                        parts=parts,
                        negative=analysis.get("NEGATIVE", ""),
                        tense=analysis.get("TENSE", ""),
                        mood=analysis.get("MOOD", ""),
                        person=analysis.get("PERSON", ""),
                        participle=analysis.get("PARTICIPLE", ""),
                    )
                )
            cached = tuple(found)
            if len(self._readings) < 200_000:
                self._readings[word] = cached
        return cached

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
                base_form = self._piece_base(piece)
                if base_form:  # lasten → lapsi, so "lapsi" finds "lastenneuvola"
                    parts.append(base_form)
        # Adjacent pairs too: lastensuojeluilmoitus → lastensuojelu.
        for i in range(len(pieces) - 1):
            parts.append("".join(pieces[i : i + 2]))
        return parts

    def _piece_base(self, piece: str) -> str | None:
        """A compound part's base form. Parts repeat across compounds (lasten-, -neuvola),
        and each is a Voikko call (a third of a long message's analysis time) without this."""
        cached = self._pieces.get(piece, "")
        if cached == "":
            analyses = self._analyze(piece)
            cached = analyses[0].get("BASEFORM", piece).lower() if analyses else None
            if len(self._pieces) < 100_000:
                self._pieces[piece] = cached
        return cached

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
