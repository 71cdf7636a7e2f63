"""One question over the shards serving a municipality: Whoosh's postings and BM25, summed flat.

Whoosh's query layer answers an OR of terms with a tree of union matchers and a collector:
several Python calls per posting per tree level, and four term-dictionary lookups per term.
A question has 20–40 term clauses and a shard a few hundred documents, so here each term is
looked up once in the shards that contain it (a bit per shard, from the build), its postings
are read a block at a time from Whoosh's reader and scored with Whoosh's BM25 formula
(whoosh.scoring.bm25) and the whole index's statistics. The scores are those Whoosh's BM25F
gives on one unsharded index (tests/search/test_segments.py checks that).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from math import log

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import ListMatcher

from neuvobot.search.segments import CollectionStats

B, K1 = 0.75, 1.2  # Whoosh's BM25F defaults
_K1_FLAT = K1 * (1 - B)


@dataclass(frozen=True)
class Clause:
    fieldname: str
    term: str
    boost: float


@dataclass
class Shard:
    """One segment: its reader, its bit in the term masks, and its documents in order."""

    reader: object
    bit: int
    docs: list = field(default_factory=list)
    _lengths: dict[str, list[int]] = field(default_factory=dict, repr=False)

    def lengths(self, fieldname: str) -> list[int]:
        """Field length per document as the reader stores it (one byte, decoded)."""
        found = self._lengths.get(fieldname)
        if found is None:
            reader = self.reader
            found = [
                reader.doc_field_length(d, fieldname, 1) for d in range(reader.doc_count_all())
            ]
            self._lengths[fieldname] = found
        return found


@dataclass
class ShardHit:
    shard: Shard
    docnum: int
    score: float
    matched: list[tuple[str, str]]


class Scoring:
    """Collection statistics turned into idf and average field lengths, cached."""

    def __init__(self, stats: CollectionStats) -> None:
        self.stats = stats
        count = stats.doc_count or 1
        self.avgfl = {name: (total / count) or 1 for name, total in stats.field_length.items()}
        self._idf: dict[tuple[str, str], float] = {}

    def idf(self, fieldname: str, term: str) -> float:
        key = (fieldname, term)
        value = self._idf.get(key)
        if value is None:
            df = self.stats.doc_frequency.get(fieldname, {}).get(term, 0)
            # Whoosh's formula (WeightingModel.idf) with the whole index's counts.
            value = self._idf[key] = log(self.stats.doc_count / (df + 1)) + 1
        return value


def term_postings(reader, fieldname: str, btext: bytes) -> tuple[Sequence[int], Sequence[float]]:
    """(docnums, weights) of one term in one segment, read a block at a time."""
    matcher = reader.postings(fieldname, btext)
    if isinstance(matcher, ListMatcher):  # postings inlined in the term record
        ids = matcher._ids
        return ids, matcher._weights or [1.0] * len(ids)
    if isinstance(matcher, W3LeafMatcher):
        ids: list[int] = []
        weights: list[float] = []
        while not matcher._atend:
            matcher._read_ids()
            matcher._read_weights()
            ids += matcher._ids
            weights += matcher._weights
            matcher._next_block()
        return ids, weights
    pairs = list(matcher.items_as("weight"))  # any other matcher: the public, slower way
    return [d for d, _ in pairs], [w for _, w in pairs]


def search_shards(
    shards: Sequence[Shard], clauses: Sequence[Clause], scoring: Scoring
) -> list[ShardHit]:
    """Every document of `shards` matching any clause, with its BM25F score (unsorted)."""
    masks = scoring.stats.shard_mask
    hits: list[ShardHit] = []
    for shard in shards:
        bit = 1 << shard.bit
        scores: dict[int, float] = {}
        matched: dict[int, list[tuple[str, str]]] = {}
        for clause in clauses:
            name, term = clause.fieldname, clause.term
            if not masks.get(name, {}).get(term, 0) & bit:
                continue  # the term is in no document of this shard: no lookup at all
            ids, weights = term_postings(shard.reader, name, term.encode("utf-8"))
            # whoosh.scoring.bm25 × boost, its constants taken out of the per-posting loop:
            # boost·idf·tf·(K1+1) / (tf + K1·(1−B) + K1·B·fl/avgfl)
            scale = clause.boost * scoring.idf(name, term) * (K1 + 1)
            per_length = K1 * B / scoring.avgfl.get(name, 1)
            lengths, get, pairs = shard.lengths(name), scores.get, (name, term)
            for docnum, weight in zip(ids, weights, strict=True):
                score = scale * weight / (weight + _K1_FLAT + per_length * lengths[docnum])
                scores[docnum] = get(docnum, 0.0) + score
                matched.setdefault(docnum, []).append(pairs)
        hits += (ShardHit(shard, d, s, matched[d]) for d, s in scores.items())
    return hits
