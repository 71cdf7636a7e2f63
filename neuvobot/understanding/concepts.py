"""Find concepts in analysed words: the matcher behind the danger lexicon.

Term syntax is described in `danger/lexicon.py`. A word's matches depend only on its
keys, so they are cached per word; a 4,000-character message of new words costs one
dictionary look-up per key and prefix length, and one regex scan per key for infixes.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from neuvobot.understanding.fuzzy import DeletionIndex, swaps
from neuvobot.understanding.small_words import (
    ALTERNATIVES,
    CLAUSE_NEGATIONS,
    FI_NEGATION_VERBS,
    FILLERS,
    PHRASE_FILLERS,
    SUBJECT_CONCEPTS,
)
from neuvobot.understanding.words import MODIFIER, Word

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
    # per concept: its spans sorted by start, their starts, and the longest span's length
    _sorted: dict[str, tuple[list[Span], list[int], int]] = field(default_factory=dict)

    def add(self, concept: str, spans: list[Span]) -> None:
        """A concept derived from others (danger/__init__.py): "ei kestä enää" as despair."""
        if spans:
            self.spans.setdefault(concept, []).extend(spans)
            self._sorted.pop(concept, None)

    def keep(self, concept: str, spans: list[Span]) -> None:
        """Only these occurrences of a concept count (danger/__init__.py: a denied one
        does not)."""
        self.spans[concept] = spans
        self._sorted.pop(concept, None)

    def outside(self, concept: str, *others: str) -> list[Span]:
        """Occurrences of `concept` that are not part of a phrase of `others`: the
        "veden alla" of "kylmän veden alla" (cooling a burn) is no drowning."""
        inside = [o for other in others for o in self.at(other)]
        return [s for s in self.at(concept) if not any(o.start <= s.start <= o.end for o in inside)]

    def around(self, concept: str, span: Span, window: int) -> list[Span]:
        """The occurrences of `concept` that may lie within `window` words of `span`: a
        bisection, as a long message can hold a concept a hundred times."""
        cached = self._sorted.get(concept)
        if cached is None:
            ordered = sorted(self.spans.get(concept, ()), key=lambda s: s.start)
            longest = max((s.end - s.start for s in ordered), default=0)
            cached = (ordered, [s.start for s in ordered], longest)
            self._sorted[concept] = cached
        ordered, starts, longest = cached
        low = bisect_left(starts, span.start - window - longest)
        high = bisect_right(starts, span.end + window)
        return ordered[low:high]

    def distance(self, span: Span, concept: str, window: int) -> int | None:
        """Words between `span` and the nearest `concept` (0: touching or overlapping),
        if at most `window`."""
        best = None
        for other in self.around(concept, span, window):
            d = max(other.start - span.end, span.start - other.end, 0)
            if d <= window and (best is None or d < best):
                best = d
        return best

    def has(self, concept: str) -> bool:
        return concept in self.spans

    def at(self, concept: str) -> list[Span]:
        return self.spans.get(concept, [])

    def near(self, a: str, b: str, window: int = 8) -> Span | None:
        """An occurrence of `a` with `b` at most `window` words away (either side)."""
        if b not in self.spans:
            return None
        for first in self.at(a):
            for second in self.around(b, first, window):
                if second.start == first.start:
                    continue  # one word read two ways is not two concepts (tapa: way / kill!)
                gap = max(second.start - first.end, first.start - second.end)
                if gap <= window:
                    return first
        return None

    def is_negated(self, span: Span) -> bool:
        """A negation right next to this span (up to three small words between)."""
        return any(self._negated_spans([span]))

    def negated(self, concept: str) -> Span | None:
        """`concept` next to a negation: ei hengitä, eikä saa kunnolla henkeä, andas inte,
        rör sig inte, isn't breathing, won't wake up. Up to two small words may stand
        between (modal verbs, "enää", "properly"), which keeps "ei halua herätä" apart."""
        return next(self._negated_spans(self.at(concept)), None)

    def _negated_spans(self, spans: list[Span]):
        words = self.words
        stops = {s.end for s in self.at("stop")}
        # who or what a Finnish negation verb may stand before: "eikä verenvuoto lakkaa"
        subjects = {s.start for c in SUBJECT_CONCEPTS for s in self.at(c)}
        for span in spans:
            if any(words[i].negation for i in range(span.start, span.end + 1)):
                yield span  # the term holds its negation: "får int luft", "ei tule ääntä"
                continue
            for step, start in ((-1, span.start - 1), (1, span.end + 1)):
                position = start
                coordinated = False
                subject_skipped = False
                clause = words[span.start if step == -1 else span.end].clause
                for _ in range(4):
                    if not 0 <= position < len(words) or words[position].clause != clause:
                        break
                    word = words[position]
                    if step == -1 and not coordinated and word.surface in ALTERNATIVES:
                        # "can't cough or breathe", "ei syö eikä juo": the negation before
                        # the first verb covers the one after "or"; skip that verb
                        coordinated = True
                        position -= 2
                        continue
                    if word.negation:
                        # "kiinni eikä päästä irti": eikä, ettei open the next clause and
                        # negate what follows; "slutar inte slå": inte negates the stopping
                        if not (step == 1 and word.surface in CLAUSE_NEGATIONS) and (
                            position - 1 not in stops or position - 1 == span.end
                        ):
                            yield span
                        break
                    if word.surface not in FILLERS:
                        if (
                            step == -1
                            and not subject_skipped
                            and position > 0
                            and words[position - 1].surface in FI_NEGATION_VERBS
                            and words[position - 1].clause == clause
                            and position in subjects
                        ):
                            # "eikä verenvuoto lakkaa", "ei vauva herää": a Finnish negation
                            # verb negates the verb after its subject
                            subject_skipped = True
                            position += step
                            continue
                        break
                    position += step

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
        clause = self.words[span.start].clause
        for position in range(span.start - 1, start - 1, -1):
            if self.words[position].clause != clause:
                return False  # "vi hittar den inte, kasvot turpoaa": another clause
            if position in stops:
                return False
            if self.words[position].negation:
                # "slutar inte slå", "ei lakkaa lyömästä": a stop verb next to the negation;
                # "eikä verenvuoto lakkaa": the stop verb after the subject
                if any(span.end < st <= span.end + 2 for st in stops):
                    return False
                return position - 1 not in stops and position + 1 not in stops
        return False

    def tense_past(self, span: Span) -> bool:
        """Every word of the span reads only as past (löi, nielaissut), never as present."""
        return all(self.words[i].past for i in range(span.start, span.end + 1))


@dataclass(frozen=True, slots=True)
class _Piece:
    mode: str  # "exact", "prefix" or "infix"
    text: str


class ConceptMatcher:
    """`head_only`: concepts a compound's modifier part does not evoke. Markers that set a
    finding aside must be the word itself ("kirjahylly" is no book, "lautapeli" a game)."""

    def __init__(self, concepts: Mapping[str, str], head_only: frozenset[str] = frozenset()):
        self._piece_ids: dict[_Piece, int] = {}
        self._exact: dict[str, set[int]] = defaultdict(set)
        self._prefix: dict[str, set[int]] = defaultdict(set)
        self._infix: dict[str, set[int]] = defaultdict(set)
        self._modifier_exact: dict[str, set[int]] = defaultdict(set)
        self._modifier_prefix: dict[str, set[int]] = defaultdict(set)
        # terms by the id of their first piece: (concept, ids of all pieces)
        self._terms: dict[int, list[tuple[str, tuple[int, ...]]]] = defaultdict(list)
        self.empty = not any(spec.split() for spec in concepts.values())
        for concept, spec in concepts.items():
            for term in spec.split():
                pieces = tuple(self._piece(text) for text in term.split("+") if text)
                if pieces:
                    self._terms[pieces[0]].append((concept, pieces))
                if len(pieces) == 1 and concept not in head_only and not term.startswith("*"):
                    modifier = self._modifier_piece(term)
                    self._terms[modifier].append((concept, (modifier,)))
        self._prefix_lengths = sorted({len(text) for text in self._prefix})
        infixes = sorted(self._infix, key=len, reverse=True)
        self._infix_re = (
            re.compile("(?=(" + "|".join(map(re.escape, infixes)) + "))") if infixes else None
        )
        # Pieces by a word's keys; tuples of ints, which the garbage collector stops tracking.
        self._cache: dict[tuple[str, ...], tuple[int, ...]] = {}
        self._starts: dict[tuple[int, ...], tuple[tuple[str, ...], dict]] = {}
        self._fuzzy_exact = DeletionIndex(t for t in self._exact if len(t) >= FUZZY_MIN_LENGTH)
        self._exact_7 = frozenset(t for t in self._exact if len(t) == FUZZY_MIN_LENGTH - 1)
        prefixes: dict[int, list[str]] = defaultdict(list)
        for text in self._prefix:
            if len(text) >= FUZZY_MIN_LENGTH:
                prefixes[len(text)].append(text)
        self._fuzzy_prefixes = {n: DeletionIndex(texts) for n, texts in sorted(prefixes.items())}

    def _modifier_piece(self, text: str) -> int:
        """A one-word term as matched by a compound's modifier part."""
        prefix = text.endswith("*")
        piece = _Piece("modifier-prefix" if prefix else "modifier", text.rstrip("*"))
        number = self._piece_ids.setdefault(piece, len(self._piece_ids))
        (self._modifier_prefix if prefix else self._modifier_exact)[piece.text].add(number)
        return number

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

    def pieces(self, keys: tuple[str, ...], known: bool = True) -> tuple[int, ...]:
        """The term pieces a word with these keys matches (`known`: Voikko read it)."""
        cached = self._cache.get(keys)
        if cached is not None:
            return cached
        found: set[int] = set()
        for key in keys:
            if key[:1] == MODIFIER:
                found |= self._modifier(key[1:])
                continue
            found |= self._exact.get(key, set())
            for length in self._prefix_lengths:
                if length > len(key):
                    break
                found |= self._prefix.get(key[:length], set())
            if self._infix_re is not None and len(key) >= 4:
                for match in self._infix_re.finditer(key):
                    found |= self._infix[match.group(1)]
        if not found and not known:
            found = self._fuzzy(keys)
        result = tuple(sorted(found))
        if len(self._cache) < 100_000:
            self._cache[keys] = result
        return result

    def _modifier(self, part: str) -> set[int]:
        found = set(self._modifier_exact.get(part, ()))
        for length in self._prefix_lengths:
            if length > len(part):
                break
            found |= self._modifier_prefix.get(part[:length], set())
        return found

    def _fuzzy(self, keys: tuple[str, ...]) -> set[int]:
        """A typo in a strong word (tabelts, pilerit, krmper): one edit or swap away from
        a term of at least six letters. Only for words no analyser recognised."""
        found: set[int] = set()
        # The longest key is the word as written; its stems would only repeat the search.
        key = max(keys, key=len, default="")
        if len(key) < FUZZY_MIN_LENGTH - 1:
            return found
        if len(key) < FUZZY_MIN_LENGTH:  # 7 letters: only two letters swapped (tabelts)
            for swapped in swaps(key):
                if swapped in self._exact_7:
                    found |= self._exact[swapped]
                for length in self._prefix_lengths:
                    if FUZZY_MIN_LENGTH - 2 <= length <= len(swapped):
                        found |= self._prefix.get(swapped[:length], set())
                if found:
                    break
            return found
        match = self._fuzzy_exact.nearest(key)
        if match is not None:
            found |= self._exact[match]
        for length, prefixes in self._fuzzy_prefixes.items():
            if length > len(key) + 1:
                break
            match = prefixes.nearest(key[:length])
            if match is not None:
                found |= self._prefix[match]
        return found

    def find(self, words: list[Word]) -> Found:
        cache = self._cache
        matched = []
        for word in words:
            ids = cache.get(word.keys)
            matched.append(self.pieces(word.keys, word.known) if ids is None else ids)
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
            for following in self._next(words, position):
                for second in matched[following]:
                    for concept, pieces in phrases.get(second, ()):
                        end = self._rest(words, matched, following, pieces)
                        if end is not None:
                            spans[concept].append(Span(position, end, words[position].sentence))
        return Found(words, dict(spans))

    @staticmethod
    def _next(words: list[Word], position: int) -> tuple[int, ...]:
        """The next word of a phrase, over one small word: "får int nå luft", "ei saa
        yhtään henkeä", "can't really breathe"."""
        following = position + 1
        if following + 1 < len(words) and words[following].surface in PHRASE_FILLERS:
            return (following, following + 1)
        return (following,)

    def _rest(self, words, matched, position: int, pieces: tuple[int, ...]) -> int | None:
        """Where a phrase whose second piece is at `position` ends, or None."""
        for piece in pieces[2:]:
            for following in self._next(words, position):
                if following < len(words) and piece in matched[following]:
                    position = following
                    break
            else:
                return None
        return position

    def _starting(self, ids: tuple[int, ...]) -> tuple[tuple[str, ...], dict]:
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
