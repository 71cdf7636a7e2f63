"""Swedish base forms (simplemma), Snowball stems, and compounds split on a vocabulary."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from whoosh.lang.snowball.swedish import SwedishStemmer

from neuvobot.understanding.lexical import SV_AGE_SUFFIXES, SV_STOP, TOKEN_PATTERN, fold, normalise

_SV_STEMMER = SwedishStemmer()


@lru_cache(maxsize=100_000)
def sv_stem(word: str) -> str:
    return fold(_SV_STEMMER.stem(word))


@lru_cache(maxsize=100_000)
def _sv_lemma(word: str) -> str:
    """simplemma's Swedish base form (barnbidraget → barnbidrag); Snowball misses -et, -en."""
    try:
        import simplemma

        return simplemma.lemmatize(word, lang="sv").lower()
    except Exception:  # optional help: stems still work without it
        return word


def swedish_terms(word: str, vocabulary: frozenset[str]) -> tuple[str, ...]:
    if word in SV_STOP or len(word) < 2 or word.endswith(SV_AGE_SUFFIXES):
        return ()  # an age ("treåring") says who, not what for (lexical.SV_AGE_SUFFIXES)
    lemma = _sv_lemma(word)
    terms = [sv_stem(lemma), fold(lemma), sv_stem(word), fold(word)]
    if vocabulary and len(word) >= 7:
        terms += _split_swedish(fold(lemma), vocabulary)
    return tuple(dict.fromkeys(t for t in terms if len(t) >= 2))


def _split_swedish(word: str, vocabulary: frozenset[str]) -> list[str]:
    for cut in range(len(word) - 3, 2, -1):
        head, tail = word[:cut], word[cut:]
        tail_stem = sv_stem(tail)
        if tail_stem not in vocabulary and tail not in vocabulary:
            continue
        for candidate in (head, head[:-1] if head.endswith("s") else None):
            if (
                candidate
                and len(candidate) >= 3
                and (candidate in vocabulary or sv_stem(candidate) in vocabulary)
            ):
                return [sv_stem(candidate), tail_stem]
    return []


def swedish_vocabulary(texts: Iterable[str]) -> frozenset[str]:
    seen: set[str] = set()
    for text in dict.fromkeys(texts):  # regional entries repeat the same texts
        seen.update(re.findall(TOKEN_PATTERN, normalise(text)))
    words: set[str] = set()
    for word in seen:
        if word not in SV_STOP and len(word) >= 3:
            words.add(fold(word))
            words.add(sv_stem(word))
    return frozenset(words)
