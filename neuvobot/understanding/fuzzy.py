"""Typo look-up by deletion neighbourhoods: one edit or one swap, without a scan.

A word is at most one edit (or one swap of neighbours) from a term only if deleting at
most one letter from each gives the same string. Every term's deletions are indexed once,
so a look-up is a dozen dictionary probes for the word's own deletions, then an exact
OSA distance check of the few candidates (the neighbourhood also admits some words two
edits away). Scanning the ~1,000 terms with rapidfuzz for every unknown word cost ~25 µs
a word, which a 4,000-character message of new words multiplied into milliseconds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz.distance import OSA


def _deletions(text: str) -> set[str]:
    return {text} | {text[:i] + text[i + 1 :] for i in range(len(text))}


class DeletionIndex:
    def __init__(self, terms: Iterable[str]) -> None:
        by_variant: dict[str, set[str]] = defaultdict(set)
        for term in terms:
            for variant in _deletions(term):
                by_variant[variant].add(term)
        # tuples, not sets: the garbage collector stops tracking tuples of strings
        self._by_variant = {variant: tuple(sorted(t)) for variant, t in by_variant.items()}

    def nearest(self, word: str) -> str | None:
        """The term one edit or swap away (the alphabetically first of the closest)."""
        candidates: set[str] = set()
        for variant in _deletions(word):
            candidates.update(self._by_variant.get(variant, ()))
        best: tuple[int, str] | None = None
        for term in candidates:
            distance = OSA.distance(word, term, score_cutoff=1)
            if distance <= 1 and (best is None or (distance, term) < best):
                best = (distance, term)
        return None if best is None else best[1]


def swaps(word: str) -> list[str]:
    """The word with two neighbouring letters swapped, each way it can be."""
    return [word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)]
