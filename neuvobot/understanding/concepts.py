"""Find concepts in analysed words: the matcher behind the danger lexicon.

Term syntax is described in `danger/lexicon.py`. A word's matches depend only on its
keys, so they are cached per word; a 4,000-character message of new words costs one
dictionary look-up per key and prefix length, and one regex scan per key for infixes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from neuvobot.understanding.words import Word, WordInfo

FUZZY_MIN_LENGTH = 8


@dataclass(frozen=True, slots=True)
class Span:
    start: int  # position of the first word
    end: int  # position of the last word
    sentence: int


@dataclass
class Found:
    """Where each concept occurs in one message."""

    words: list[Word]
    spans: dict[str, list[Span]] = field(default_factory=dict)

    def add(self, concept: str, spans: list[Span]) -> None:
        """A concept derived from others (danger/__init__.py): "ei kestä enää" as despair."""
        if spans:
            self.spans.setdefault(concept, []).extend(spans)

    def has(self, concept: str) -> bool:
        return concept in self.spans

    def at(self, concept: str) -> list[Span]:
        return self.spans.get(concept, [])

    def near(self, a: str, b: str, window: int = 8) -> Span | None:
        """An occurrence of `a` with `b` at most `window` words away (either side)."""
        for first in self.at(a):
            for second in self.at(b):
                if second.start == first.start:
                    continue  # one word read two ways is not two concepts (tapa: way / kill!)
                gap = max(second.start - first.end, first.start - second.end)
                if gap <= window:
                    return first
        return None

    def negated(self, concept: str) -> Span | None:
        """`concept` next to a negation: ei hengitä, eikä saa kunnolla henkeä, andas inte,
        rör sig inte, isn't breathing, won't wake up. Up to two small words may stand
        between (modal verbs, "enää", "properly"), which keeps "ei halua herätä" apart."""
        words = self.words
        for span in self.at(concept):
            for step, start in ((-1, span.start - 1), (1, span.end + 1)):
                position = start
                for _ in range(4):
                    if not 0 <= position < len(words):
                        break
                    if words[position].info.negation:
                        return span
                    if words[position].surface not in _FILLERS:
                        break
                    position += step
        return None

    def negated_near(self, concept: str, other: str, window: int = 6) -> Span | None:
        span = self.negated(concept)
        if span is None:
            return None
        for second in self.at(other):
            if max(second.start - span.end, span.start - second.end) <= window:
                return span
        return None

    def negation_before(self, span: Span, window: int = 4) -> bool:
        """A negation shortly before: "ei rakkulaa", "inga självmordstankar", "never hit"."""
        start = max(0, span.start - window)
        stops = {s.start for s in self.at("stop")}  # "won't stop hitting me" is no denial
        for position in range(span.start - 1, start - 1, -1):
            if position in stops:
                return False
            if self.words[position].info.negation:
                # "slutar inte slå", "ei lakkaa lyömästä": a stop verb next to the negation
                return position - 1 not in stops and position + 1 not in stops
        return False

    def tense_past(self, span: Span) -> bool:
        """Every word of the span reads only as past (löi, nielaissut), never as present."""
        return all(self.words[i].info.past for i in range(span.start, span.end + 1))


# Words that may stand between a negation and its verb without changing the meaning.
_FILLERS = frozenset(
    [
        "enaa",
        "millaan",
        "kunnolla",
        "oikein",
        "vielakaan",
        "viela",
        "normaalisti",
        "yhtaan",
        "ollenkaan",
        "kunnol",
        "vaan",
        "saa",
        "pysty",
        "voi",
        "kykene",
        "se",
        "han",
        "mina",
        "sina",
        "ne",
        "sita",
        "hanta",
        "itse",
        "enaa",
        "ollenkaa",
        "still",
        "properly",
        "anymore",
        "really",
        "normally",
        "even",
        "at",
        "be",
        "able",
        "to",
        "get",
        "is",
        "are",
        "am",
        "was",
        "ordentligt",
        "alls",
        "langre",
        "riktigt",
        "normalt",
        "kan",
        "far",
        "gar",
        "att",
        "sig",
        "han",
        "hon",
        "mig",
        "sej",
        "take",
        "the",
        "ta",
        "haft",
        "had",
        "any",
        "a",
        "en",
        "ett",
        "one",
        "yhtaan",
        "mitaan",
        "ollut",
        "wet",
        "vat",
        "marka",
        "maarkaa",
    ]
)


@dataclass(frozen=True, slots=True)
class _Piece:
    mode: str  # "exact", "prefix" or "infix"
    text: str


class ConceptMatcher:
    def __init__(self, concepts: Mapping[str, str]) -> None:
        self._piece_ids: dict[_Piece, int] = {}
        self._exact: dict[str, set[int]] = defaultdict(set)
        self._prefix: dict[str, set[int]] = defaultdict(set)
        self._infix: dict[str, set[int]] = defaultdict(set)
        # terms by the id of their first piece: (concept, ids of all pieces)
        self._terms: dict[int, list[tuple[str, tuple[int, ...]]]] = defaultdict(list)
        for concept, spec in concepts.items():
            for term in spec.split():
                pieces = tuple(self._piece(text) for text in term.split("+") if text)
                if pieces:
                    self._terms[pieces[0]].append((concept, pieces))
        self._prefix_lengths = sorted({len(text) for text in self._prefix})
        infixes = sorted(self._infix, key=len, reverse=True)
        self._infix_re = (
            re.compile("(?=(" + "|".join(map(re.escape, infixes)) + "))") if infixes else None
        )
        self._cache: dict[int, frozenset[int]] = {}
        self._starts: dict[frozenset[int], tuple[tuple[str, ...], dict]] = {}
        self._keep: list[WordInfo] = []  # holds cached infos alive, so their ids stay theirs
        self._fuzzy_exact = [t for t in self._exact if len(t) >= FUZZY_MIN_LENGTH]
        self._fuzzy_exact_7 = [t for t in self._exact if len(t) == FUZZY_MIN_LENGTH - 1]
        self._fuzzy_prefixes: dict[int, list[str]] = defaultdict(list)
        for text in self._prefix:
            if len(text) >= FUZZY_MIN_LENGTH:
                self._fuzzy_prefixes[len(text)].append(text)

    def _piece(self, text: str) -> int:
        if text.startswith("*") and text.endswith("*") and len(text) > 2:
            piece = _Piece("infix", text.strip("*"))
            table = self._infix
        elif text.endswith("*") and len(text) > 1:
            piece = _Piece("prefix", text[:-1])
            table = self._prefix
        else:
            piece = _Piece("exact", text)
            table = self._exact
        number = self._piece_ids.setdefault(piece, len(self._piece_ids))
        table[piece.text].add(number)
        return number

    def pieces(self, info: WordInfo) -> frozenset[int]:
        cached = self._cache.get(id(info))
        if cached is not None:
            return cached
        found: set[int] = set()
        for key in info.keys:
            found |= self._exact.get(key, set())
            for length in self._prefix_lengths:
                if length > len(key):
                    break
                found |= self._prefix.get(key[:length], set())
            if self._infix_re is not None and len(key) >= 4:
                for match in self._infix_re.finditer(key):
                    found |= self._infix[match.group(1)]
        if not found and not info.known:
            found = self._fuzzy(info)
        result = frozenset(found)
        if len(self._cache) < 100_000:
            # Keyed by identity: word infos are kept for the process's life (words.py),
            # and hashing a frozen dataclass with a key set per word would cost more.
            self._cache[id(info)] = result
            self._keep.append(info)
        return result

    def _fuzzy(self, info: WordInfo) -> set[int]:
        """A typo in a strong word (tabelts, pilerit, krmper): one edit or swap away from
        a term of at least six letters. Only for words no analyser recognised."""
        found: set[int] = set()
        # The longest key is the word as written; its stems would only repeat the search.
        for key in sorted(info.keys, key=len, reverse=True)[:1]:
            if len(key) < FUZZY_MIN_LENGTH - 1:
                continue
            if len(key) < FUZZY_MIN_LENGTH:  # 7 letters: only two letters swapped (tabelts)
                match = process.extractOne(
                    key, self._fuzzy_exact_7, scorer=OSA.distance, score_cutoff=1
                )
                if match is not None and Levenshtein.distance(key, match[0]) == 2:
                    found |= self._exact[match[0]]
                continue
            match = process.extractOne(key, self._fuzzy_exact, scorer=OSA.distance, score_cutoff=1)
            if match is not None:
                found |= self._exact[match[0]]
            for length, prefixes in self._fuzzy_prefixes.items():
                if length > len(key) + 1:
                    continue
                match = process.extractOne(
                    key[:length], prefixes, scorer=OSA.distance, score_cutoff=1
                )
                if match is not None:
                    found |= self._prefix[match[0]]
            if found:
                break
        return found

    def find(self, words: list[Word]) -> Found:
        cache = self._cache
        matched = []
        for word in words:
            ids = cache.get(id(word.info))
            matched.append(self.pieces(word.info) if ids is None else ids)
        spans: dict[str, list[Span]] = defaultdict(list)
        for position, ids in enumerate(matched):
            if not ids:
                continue
            singles, phrases = self._starting(ids)
            if singles:
                span = Span(position, position, words[position].sentence)
                for concept in singles:
                    spans[concept].append(span)
            if not phrases or position + 1 >= len(words):
                continue
            for second in matched[position + 1]:
                for concept, pieces in phrases.get(second, ()):
                    end = position + len(pieces) - 1
                    if end >= len(words):
                        continue
                    if all(pieces[i] in matched[position + i] for i in range(2, len(pieces))):
                        spans[concept].append(Span(position, end, words[position].sentence))
        return Found(words, dict(spans))

    def _starting(self, ids: frozenset[int]) -> tuple[tuple[str, ...], dict]:
        """The one-word concepts of a word and the phrases that may start at it, by their
        second piece, cached per set of matched pieces (long messages repeat the sets)."""
        cached = self._starts.get(ids)
        if cached is None:
            singles: dict[str, None] = {}
            phrases: dict[int, list[tuple[str, tuple[int, ...]]]] = defaultdict(list)
            for first in ids:
                for concept, pieces in self._terms.get(first, ()):
                    if len(pieces) == 1:
                        singles[concept] = None
                    else:
                        phrases[pieces[1]].append((concept, pieces))
            cached = (tuple(singles), dict(phrases))
            if len(self._starts) < 100_000:
                self._starts[ids] = cached
        return cached

