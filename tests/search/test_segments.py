"""The sharded index is Whoosh's format and scores as one unsharded Whoosh index would."""

from __future__ import annotations

import functools
import os

import pytest
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.query import Or, Term
from whoosh.scoring import BM25F

from neuvobot.catalogue.loader import load_catalogue
from neuvobot.search.engine import SearchEngine
from neuvobot.search.index import build_schema, language_analyzers, service_document, shard_key
from neuvobot.search.segments import INDEX_NAME, write_index
from neuvobot.search.shards import Clause, Scoring, Shard, search_shards, term_postings
from tests.conftest import SHIPPED_CATALOGUE


@pytest.fixture(scope="module")
def shipped():
    catalogue = load_catalogue(SHIPPED_CATALOGUE)
    schema = build_schema(language_analyzers(catalogue))
    documents = [service_document(catalogue, s) for s in catalogue.services]
    return catalogue, schema, documents


def _whoosh_index(schema, documents):
    """The reference: the same documents through Whoosh's own writer, one segment."""
    index = RamStorage().create_index(schema)
    writer = index.writer()
    for document in documents:
        writer.add_document(**document)
    writer.commit()
    return index


@pytest.fixture(scope="module")
def whoosh_built(shipped):
    return _whoosh_index(shipped[1], shipped[2])


@pytest.fixture(scope="module")
def ours_one_segment(shipped):
    _, schema, documents = shipped
    storage = RamStorage()
    _, stats = write_index(storage, schema, [documents], compound=False)
    return storage.open_index(INDEX_NAME), stats


def test_written_segment_reads_back_exactly_as_whoosh_writes_it(whoosh_built, ours_one_segment):
    _assert_same_segment(ours_one_segment[0].reader(), whoosh_built.reader())


def test_long_posting_lists_in_several_blocks_read_back_exactly(shipped):
    # Three copies of the catalogue: common terms have 300-500 postings, several blocks.
    _, schema, documents = shipped
    documents = documents * 3
    storage = RamStorage()
    write_index(storage, schema, [documents], compound=False)
    ours, theirs = storage.open_index(INDEX_NAME).reader(), _whoosh_index(schema, documents)
    assert max(ours.doc_frequency("body_fi", t) for t in ours.lexicon("body_fi")) > 3 * 128
    _assert_same_segment(ours, theirs.reader())
    # The search reads blocks directly; it must see what the matcher API shows.
    for text in ours.lexicon("body_fi"):
        ids, weights = term_postings(ours, "body_fi", text)
        assert list(zip(ids, weights, strict=True)) == [
            (docnum, weight) for docnum, weight, _ in _postings(ours, "body_fi", text)
        ]


def _assert_same_segment(ours, theirs) -> None:
    assert ours.doc_count_all() == theirs.doc_count_all() == len(list(theirs.all_doc_ids()))
    fields = [name for name, field in theirs.schema.items() if field.indexed]
    for name in fields:
        terms = list(theirs.lexicon(name))
        assert list(ours.lexicon(name)) == terms, name
        assert ours.field_length(name) == theirs.field_length(name), name
        for text in terms:
            mine, reference = ours.term_info(name, text), theirs.term_info(name, text)
            for stat in ("doc_frequency", "weight", "max_weight", "min_length", "max_length"):
                assert getattr(mine, stat)() == getattr(reference, stat)(), (name, text, stat)
            assert _postings(ours, name, text) == _postings(theirs, name, text), (name, text)
    for docnum in range(theirs.doc_count_all()):
        assert ours.stored_fields(docnum) == theirs.stored_fields(docnum)
        for name in fields:
            assert ours.doc_field_length(docnum, name) == theirs.doc_field_length(docnum, name)


def _postings(reader, name, text) -> list[tuple[int, float, bytes]]:
    matcher, found = reader.postings(name, text), []
    while matcher.is_active():
        found.append((matcher.id(), matcher.weight(), matcher.value() or None))  # "" or None
        matcher.next()
    return found


def test_collection_statistics_match_whoosh(whoosh_built, ours_one_segment):
    reader, stats = whoosh_built.reader(), ours_one_segment[1]
    assert stats.doc_count == reader.doc_count_all()
    for name, terms in stats.doc_frequency.items():
        assert stats.field_length[name] == reader.field_length(name)
        for term, df in terms.items():
            assert df == reader.doc_frequency(name, term), (name, term)


QUERIES = [
    [("strong_fi", "neuvola", 2.5), ("body_fi", "neuvola", 1.0), ("names", "neu", 0.15)],
    [("strong_fi", "paivakoti", 2.5), ("strong_sv", "daghem", 1.25), ("body_fi", "haku", 1.0)],
    [("strong_en", "crisi", 2.5), ("body_en", "crisi", 1.0), ("body_en", "help", 0.15)],
]


@pytest.mark.parametrize("query", QUERIES)
def test_sharded_scores_equal_whoosh_bm25f_on_one_index(shipped, whoosh_built, query):
    """Split by areas into many segments, every service scores what Whoosh's own BM25F
    search gives it on one unsharded index: shards are comparable with each other."""
    catalogue, schema, _ = shipped
    groups: dict[str, list] = {}
    for service in catalogue.services:
        groups.setdefault(shard_key(service), []).append(service)
    storage = RamStorage()
    documents = [[service_document(catalogue, s) for s in group] for group in groups.values()]
    _, stats = write_index(storage, schema, documents, compound=False)
    readers = [reader for reader, _ in storage.open_index(INDEX_NAME).reader().leaf_readers()]
    assert len(readers) == len(groups) > 40
    pairs = zip(readers, groups.values(), strict=True)
    shards = [Shard(reader, bit, group) for bit, (reader, group) in enumerate(pairs)]
    hits = search_shards(shards, [Clause(*c) for c in query], Scoring(stats))
    ours = {hit.shard.docs[hit.docnum].id: hit.score for hit in hits}

    searcher = whoosh_built.searcher(weighting=BM25F())
    reference = searcher.search(Or([Term(f, t, boost=b) for f, t, b in query]), limit=None)
    theirs = {hit["id"]: hit.score for hit in reference}
    assert ours.keys() == theirs.keys() and len(ours) > 5
    for service_id, score in theirs.items():
        assert ours[service_id] == pytest.approx(score, rel=1e-9), service_id


def test_engine_on_a_cached_index_answers_as_when_built(tmp_path):
    catalogue = load_catalogue(SHIPPED_CATALOGUE)
    built = SearchEngine.build(catalogue, tmp_path)
    loaded = SearchEngine.build(catalogue, tmp_path)  # from the on-disk cache
    in_memory = SearchEngine.build(catalogue)
    for question, municipality in [("neuvola", "turku"), ("perheneuvla", "salo")]:
        expected = [(h.service.id, h.score) for h in built.search(question, municipality).hits]
        assert expected
        assert [(h.service.id, h.score) for h in loaded.search(question, municipality).hits] == (
            expected
        )
        got = [(h.service.id, h.score) for h in in_memory.search(question, municipality).hits]
        assert got == expected


def test_two_processes_write_the_same_index_as_one(tmp_path, shipped):
    catalogue, schema, _ = shipped
    groups: dict[str, list] = {}
    for service in catalogue.services:
        groups.setdefault(shard_key(service), []).append(service)
    written = []
    for processes in (1, 2):
        storage = FileStorage(str(tmp_path / str(processes))).create()
        shards = list(groups.values())
        convert = functools.partial(service_document, catalogue)
        _, stats = write_index(storage, schema, shards, convert, processes=processes)
        written.append((storage.open_index(INDEX_NAME).reader(), stats))
        assert not (tmp_path / str(processes) / f"{INDEX_NAME}.tmp").exists()
    (one, one_stats), (two, two_stats) = written
    assert one_stats.as_json() == two_stats.as_json()
    fields = [name for name, field in schema.items() if field.indexed]
    pairs = zip(one.leaf_readers(), two.leaf_readers(), strict=True)
    for (first, _), (second, _) in pairs:
        assert first.stored_fields(0) == second.stored_fields(0)
        for name in fields:
            terms = list(first.lexicon(name))
            assert list(second.lexicon(name)) == terms
            for text in terms:
                assert _postings(first, name, text) == _postings(second, name, text)


def test_a_failing_index_worker_is_redone_in_this_process(tmp_path, shipped, caplog):
    catalogue, schema, _ = shipped
    parent = os.getpid()

    def convert(service):
        if os.getpid() != parent:
            raise MemoryError("simulated")
        return service_document(catalogue, service)

    groups: dict[str, list] = {}
    for service in catalogue.services:
        groups.setdefault(shard_key(service), []).append(service)
    storage = FileStorage(str(tmp_path)).create()
    _, stats = write_index(storage, schema, list(groups.values()), convert, processes=2)
    assert "index worker failed (MemoryError: simulated)" in caplog.text
    reader = storage.open_index(INDEX_NAME).reader()
    assert stats.doc_count == reader.doc_count_all() == len(catalogue.services)
    assert len(list(reader.leaf_readers())) == len(groups)
