"""Write a Whoosh index straight from analysed documents: one segment per shard.

Whoosh's own writer spends about 8 µs of Python per posting (a pooled tuple, an external
sort, a field-length lookup per posting at flush). At national scale that is 11 million
postings and minutes of build. Here each distinct word is analysed once, each shard's
postings are gathered as plain ints, and the segment files are written with Whoosh's W3
codec a whole block or term record at a time; big catalogues use a second, forked process.
The files are Whoosh's own format: Whoosh opens, reads and scores them unchanged
(tests/search compares them with what Whoosh's writer makes).

The collection statistics BM25 needs (document frequency per term, total field lengths,
document count) are gathered on the way and returned, so searches over one shard can be
scored with the statistics of the whole index (see `shards.py`).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import shutil
import struct
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from whoosh.analysis import LowercaseFilter, RegexTokenizer, StopFilter
from whoosh.analysis.morph import StemFilter
from whoosh.analysis.ngrams import NgramFilter
from whoosh.codec import default_codec
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.compat import dumps  # Whoosh pickles term records and blocks with protocol 2
from whoosh.fields import Schema
from whoosh.index import TOC
from whoosh.system import pack_uint, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte

log = logging.getLogger(__name__)

INDEX_NAME = "MAIN"  # Whoosh's default index name inside a directory
# Posting lists up to one block long live inside the term record: no block to compress and
# no seek at query time. Most terms of a municipality's shard are in a few of its services.
INLINE_LIMIT = 128
# A posting is gathered as one int, docnum << 20 | frequency: one append per posting.
_SHIFT = 20
_FREQ = (1 << _SHIFT) - 1
_DOCNUM = 1 << _SHIFT
# Filters that look at one token at a time (a word's terms do not depend on its neighbours).
# Our own filters say so with a `per_token = True` attribute.
PER_TOKEN_FILTERS = (LowercaseFilter, StopFilter, StemFilter, NgramFilter)


@dataclass
class CollectionStats:
    """What BM25 needs to know about the whole index, whichever shard is searched."""

    doc_count: int = 0
    field_length: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    doc_frequency: dict[str, dict[str, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    # fieldname → term → bit n set when segment n (in shard order) contains the term, so a
    # search never asks a shard for a term it does not have.
    shard_mask: dict[str, dict[str, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )

    def as_json(self) -> dict[str, object]:
        return {
            "doc_count": self.doc_count,
            "field_length": dict(self.field_length),
            "doc_frequency": {name: dict(terms) for name, terms in self.doc_frequency.items()},
            "shard_mask": {name: dict(terms) for name, terms in self.shard_mask.items()},
        }

    def add(self, other: CollectionStats) -> None:
        """Fold in the statistics of other segments (written by another process)."""
        self.doc_count += other.doc_count
        for name, total in other.field_length.items():
            self.field_length[name] += total
        for name, terms in other.doc_frequency.items():
            mine = self.doc_frequency[name]
            for term, df in terms.items():
                mine[term] += df
        for name, terms in other.shard_mask.items():
            mine = self.shard_mask[name]
            for term, mask in terms.items():
                mine[term] |= mask

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CollectionStats:
        return cls(
            int(data["doc_count"]),
            dict(data["field_length"]),
            {name: dict(terms) for name, terms in data["doc_frequency"].items()},
            {name: dict(terms) for name, terms in data["shard_mask"].items()},
        )


class _Analysed:
    """Field text → (length, {btext: freq}), each distinct word analysed once.

    Our analysers are a tokeniser followed by filters that look at one token at a time, so a
    text's terms are the concatenation of its words' terms; Whoosh's token pipeline costs
    several µs per token, a dictionary lookup per word costs nothing. National and regional
    entries also repeat whole texts, so those are cached too.
    """

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self._texts: dict[tuple[str, str], tuple[int, dict[bytes, int]]] = {}
        self._seen: set[int] = set()
        self._words: dict[str, dict[str, tuple[bytes, ...]]] = defaultdict(dict)
        self._splitters: dict[str, object] = {}

    def __call__(self, fieldname: str, value: str) -> tuple[int, dict[bytes, int]]:
        key = (fieldname, value)
        found = self._texts.get(key)
        if found is None:
            found = self._analyse(fieldname, value)
            # A text is kept from its second sighting on: most names occur once, and keeping
            # every one of them costs more in memory and freeing than analysing it again.
            seen = hash(key)
            if seen in self._seen:
                self._texts[key] = found
            else:
                self._seen.add(seen)
        return found

    def _analyse(self, fieldname: str, value: str) -> tuple[int, dict[bytes, int]]:
        fieldobj = self.schema[fieldname]
        splitter = self._splitter(fieldname)
        if splitter is None:  # not a tokeniser + per-token filters: let Whoosh do it all
            counts = {btext: min(freq, _FREQ) for btext, freq, _, _ in fieldobj.index(value)}
        else:
            cache = self._words[fieldname]
            terms: list[bytes] = []
            for word in splitter(value):
                found = cache.get(word)
                if found is None:
                    found = cache[word] = self._word_terms(fieldobj.analyzer, word)
                terms += found
            counts = {t: min(n, _FREQ) for t, n in Counter(terms).items()}
        # Whoosh counts a scorable field's length as the sum of term frequencies.
        length = sum(counts.values()) if fieldobj.scorable else 0
        return length, counts  # term → frequency; one object per text keeps freeing cheap

    @staticmethod
    def _word_terms(analyzer, word: str) -> tuple[bytes, ...]:
        tokens = analyzer(word, tokenize=False, mode="index", boosts=True)
        return tuple(t.text.encode("utf-8") for t in tokens)

    def _splitter(self, fieldname: str):
        """The tokeniser as one regex `findall`, when the analyser allows word-by-word work."""
        if fieldname not in self._splitters:
            analyzer = getattr(self.schema[fieldname], "analyzer", None)
            tokenizer = getattr(analyzer, "items", [None])[0]
            ok = isinstance(tokenizer, RegexTokenizer) and not tokenizer.gaps
            ok = ok and tokenizer.expression.groups == 0  # findall gives whole matches
            ok = ok and all(
                type(f) in PER_TOKEN_FILTERS or getattr(f, "per_token", False)
                for f in analyzer.items[1:]
            )
            self._splitters[fieldname] = tokenizer.expression.findall if ok else None
        return self._splitters[fieldname]


def write_index(
    storage,
    schema: Schema,
    shards: Sequence[Sequence[Any]],
    to_document: Callable[[Any], Mapping[str, object]] | None = None,
    *,
    compound: bool = True,
    processes: int = 1,
) -> tuple[list[str], CollectionStats]:
    """Write every shard (a sequence of documents) as one segment, all in one TOC.

    `storage` is a fresh Whoosh storage (a new directory or a RamStorage); `to_document`
    turns a shard's items into Whoosh documents. With `processes` > 1 (a directory only),
    forked workers write some of the segments side by side. Returns the segment ids in shard
    order and the collection statistics of the whole index.
    """
    _check_schema(schema)
    shares = _shares([len(shard) for shard in shards], processes)
    if len(shares) > 1:
        # Every per-document writer uses this directory for its temporary files.
        storage.temp_storage(f"{INDEX_NAME}.tmp")
    convert = to_document or (lambda document: document)
    workers = []
    for share in shares[1:]:
        try:
            workers.append(
                (share, _start_worker(storage, schema, shards, convert, share, compound))
            )
        except OSError as exc:  # no fork (memory, limits): this process writes that share
            log.warning("index worker not started (%s); writing its shards here", exc)
            workers.append((share, None))
    segments, stats = _write_share(storage, schema, shards, convert, shares[0], compound)
    for share, worker in workers:
        try:
            if worker is None:
                raise RuntimeError("not started")
            more, more_stats = _finish_worker(*worker)
        except RuntimeError as exc:
            # Its files, if any, are left out of the TOC; the share is written again here.
            log.warning("index worker failed (%s); writing its shards here", exc)
            more, more_stats = _write_share(storage, schema, shards, convert, share, compound)
        segments.update(more)
        stats.add(more_stats)
    ordered = [segments[number] for number in range(len(shards))]
    if len({s.segment_id() for s in ordered}) != len(ordered):
        raise RuntimeError("two index workers chose the same segment name")
    TOC(schema, ordered, 0).write(storage, INDEX_NAME)
    folder = getattr(storage, "folder", None)
    if folder:  # the per-document writers' temporary directory, empty by now
        shutil.rmtree(os.path.join(folder, f"{INDEX_NAME}.tmp"), ignore_errors=True)
    return [s.segment_id() for s in ordered], stats


def _shares(sizes: list[int], processes: int) -> list[list[int]]:
    """Shard numbers per process, biggest shards first to the least loaded process."""
    count = max(1, min(processes, len(sizes)))
    shares: list[list[int]] = [[] for _ in range(count)]
    loads = [0] * count
    for number in sorted(range(len(sizes)), key=lambda n: -sizes[n]):
        least = loads.index(min(loads))
        shares[least].append(number)
        loads[least] += sizes[number]
    return [sorted(share) for share in shares]


def _write_share(storage, schema, shards, to_document, numbers, compound):
    # Millions of small lists and ints stay alive until each segment is written: Python's
    # cyclic collector would walk them over and over (a fifth of the build) and finds no
    # cycles here.
    collecting = gc.isenabled()
    gc.disable()
    try:
        codec = default_codec()
        analysed = _Analysed(schema)
        stats = CollectionStats()
        segments = {}
        for number in numbers:
            documents = (to_document(item) for item in shards[number])
            segment = codec.new_segment(storage, INDEX_NAME)
            count = _write_segment(
                codec, storage, segment, schema, documents, analysed, stats, number
            )
            segment.set_doc_count(count)
            if compound:
                segment.create_compound_file(storage)
            segments[number] = segment
        del analysed  # freed here, while the collector still sleeps
        return segments, stats
    finally:
        if collecting:
            gc.enable()


def _start_worker(storage, schema, shards, to_document, numbers, compound):
    """Fork a process that writes the segments of `numbers` and sends back what it wrote."""
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)

    def work() -> None:
        try:
            segments, stats = _write_share(storage, schema, shards, to_document, numbers, compound)
            sending.send(("ok", segments, stats.as_json()))
        except BaseException as exc:  # reported by the parent, which owns the build
            sending.send(("error", f"{type(exc).__name__}: {exc}", None))

    process = context.Process(target=work, daemon=True)
    process.start()
    sending.close()
    return process, receiving


def _finish_worker(process, receiving) -> tuple[dict, CollectionStats]:
    try:
        status, payload, stats = receiving.recv()
    except EOFError:
        status, payload, stats = "error", "it stopped without an answer", None
    finally:
        receiving.close()
    process.join()
    if status != "ok":
        raise RuntimeError(payload)
    return payload, CollectionStats.from_json(stats)


def _check_schema(schema: Schema) -> None:
    for name, fieldobj in schema.items():
        # Columns, vectors and spelling words are things this writer does not write.
        if fieldobj.column_type or fieldobj.vector or fieldobj.separate_spelling():
            raise ValueError(f"field {name!r}: columns, vectors and spelling are not supported")


def _write_segment(codec, storage, segment, schema, documents, analysed, stats, number) -> int:
    perdoc = codec.per_document_writer(storage, segment)
    postings: dict[str, defaultdict[bytes, list[int]]] = {}
    lengths: dict[str, list[int]] = {}  # fieldname → length per docnum (0 when absent)
    docnum = 0
    for document in documents:
        perdoc.start_doc(docnum)
        for fieldname in sorted(document):
            value = document[fieldname]
            if value is None:
                continue
            fieldobj = schema[fieldname]
            length = 0
            if fieldobj.indexed:
                length, items = analysed(fieldname, value)  # type: ignore[arg-type]
                terms = postings.get(fieldname)
                if terms is None:
                    terms = postings[fieldname] = defaultdict(list)
                    lengths[fieldname] = []
                base = docnum << _SHIFT
                for btext, freq in items.items():
                    terms[btext].append(base | freq)
                doc_lengths = lengths[fieldname]
                doc_lengths += [0] * (docnum - len(doc_lengths))
                doc_lengths.append(length)
                stats.field_length[fieldname] += length
            perdoc.add_field(fieldname, fieldobj, value if fieldobj.stored else None, length)
        perdoc.finish_doc()
        docnum += 1
    perdoc.close()

    writer = codec.field_writer(storage, segment)
    bit = 1 << number
    for fieldname in sorted(postings):
        fieldobj = schema[fieldname]
        writer.start_field(fieldname, fieldobj)
        boost = fieldobj.format.field_boost
        fixed = bool(fieldobj.format.fixed_value_size())
        # Readers see a field's length as one byte; block statistics store that byte.
        length_bytes = [length_to_byte(n) for n in lengths[fieldname]]
        frequency, masks = stats.doc_frequency[fieldname], stats.shard_mask[fieldname]
        prefix = pack_ushort(writer._fieldid)
        records: list[tuple[bytes, bytes]] = []
        terms = postings[fieldname]
        for btext in sorted(terms):
            codes = terms[btext]
            # map() with int methods runs in C: c // 2**20 is the docnum, c & _FREQ the freq.
            ids = list(map(_DOCNUM.__rfloordiv__, codes))
            freqs = list(map(_FREQ.__rand__, codes))
            weights = list(map(float, freqs)) if boost == 1.0 else [f * boost for f in freqs]
            if len(ids) <= INLINE_LIMIT:
                record = _inline_record(ids, weights, freqs, length_bytes, fixed)
            else:
                record = _block_record(writer, ids, weights, freqs, length_bytes, fixed)
            records.append((prefix + btext, record))
            term = btext.decode("utf-8")
            frequency[term] += len(ids)
            masks[term] |= bit
        _add_records(writer._tindex, records)
        writer.finish_field()
    writer.close()
    stats.doc_count += docnum
    return docnum


_TERMINFO = W3TermInfo._struct
_RECORD_LENGTHS = struct.Struct("!ii")  # filetables.HashWriter's key/value length prefix
_PACKED = [pack_uint(n) for n in range(256)]


def _packed(freq: int) -> bytes:
    return _PACKED[freq] if freq < 256 else pack_uint(freq)


def _inline_record(ids, weights, freqs, length_bytes, fixed: bool) -> bytes:
    """A term record with its postings inside (W3TermInfo.to_bytes, inlined form).

    Whoosh reads inlined postings (W3TermInfo.is_inlined) but its writer never makes them;
    they spare a block, its compression, and a seek per term at query time.
    """
    lens = [length_bytes[d] for d in ids]
    header = _TERMINFO.pack(
        1, sum(weights), len(ids), min(lens), max(lens), max(weights), ids[0], ids[-1]
    )
    values = tuple(_packed(f) for f in freqs) if fixed else ()
    # No weights means 1.0 each (ListMatcher.weight), as W3 blocks store them.
    stored = tuple(weights) if any(w != 1.0 for w in weights) else ()
    return header + dumps((tuple(ids), stored, values), 2)


def _block_record(writer, ids, weights, freqs, length_bytes, fixed: bool) -> bytes:
    """Whole blocks handed to W3PostingsWriter (what add_posting does one posting at a time);
    returns the term record W3FieldWriter.finish_term would add."""
    postwriter = writer._postwriter
    postwriter.start_postings(writer._format, W3TermInfo())
    limit = postwriter._blocklimit
    for start in range(0, len(ids), limit):
        if start:
            postwriter._write_block()
        chunk = ids[start : start + limit]
        chunk_weights = weights[start : start + limit]
        postwriter._ids = array("I", chunk)
        postwriter._weights = array("f", chunk_weights)
        postwriter._values = [_packed(f) for f in freqs[start : start + limit]] if fixed else []
        postwriter._maxweight = max(chunk_weights)
        lens = [length_bytes[d] for d in chunk]
        postwriter._minlength = byte_to_length(min(lens))
        postwriter._maxlength = byte_to_length(max(lens))
    return postwriter.finish_postings().to_bytes()  # writes the last block


def _add_records(tindex, records: list[tuple[bytes, bytes]]) -> None:
    """OrderedHashWriter.add for a whole field's terms (keys ascending), in one write."""
    if not records:
        return
    dbfile, hashfn, buckets = tindex.dbfile, tindex.hashfn, tindex.buckets
    position = dbfile.tell()
    positions, chunks = [], []
    pack = _RECORD_LENGTHS.pack
    for key, value in records:
        h = hashfn(key)
        buckets[h & 255].append((h, position))
        positions.append(position)
        chunk = pack(len(key), len(value)) + key + value
        chunks.append(chunk)
        position += len(chunk)
    dbfile.write(b"".join(chunks))
    tindex.index.extend(positions)
    tindex.lastkey = records[-1][0]


__all__ = ["INDEX_NAME", "CollectionStats", "write_index"]
