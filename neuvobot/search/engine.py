"""Search: a family's words in, the best services for their municipality out.

The only interface the rest of Neuvobot uses: `SearchEngine.build(catalogue)` and
`engine.search(question, municipality, lang=None, limit=3, offset=0)`. Whoosh stays inside.
User text is never parsed as query syntax: it is analysed into terms and the query object is
built from those, so quotes, AND/OR, `*` and brackets are just characters.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import scoring
from whoosh.analysis import StandardAnalyzer
from whoosh.query import And, ConstantScoreQuery, Or, Term

from neuvobot.catalogue.loader import Catalogue
from neuvobot.catalogue.model import LANGS, Service
from neuvobot.search.analysis import TOKEN_PATTERN, analyze, finnish_morphology, fold, normalise
from neuvobot.search.index import GROUPS, field_name, language_analyzers, open_or_build
from neuvobot.search.language import detect_language

MAX_QUERY_CHARS = 500  # a need is said in far fewer; longer input only slows search down
MAX_TERMS_PER_LANG = 24
FIELD_BOOSTS = {"strong": 2.5, "body": 1.0}
OTHER_LANGUAGE_WEIGHT = 0.5  # words of the other languages still count, less
SYNONYM_WEIGHT = 0.8
NGRAM_BOOST = 0.15
# The municipality's own and its region's services first when equally relevant.
SCOPE_BONUS = {0: 1.10, 1: 1.05, 2: 1.0}
DIVERSITY_SHARE = 0.35  # another type "also fits" when it scores this share of the best
CANDIDATES = 40
GENERIC_WEIGHT = 0.15
COMPOUND_PART_WEIGHT = 0.5
# Words nearly every family service mentions ("child", "support"): on their own they say
# nothing about which service fits, so they count little.
GENERIC_WORDS = {
    "fi": "lapsi lapset lasten lapsen lapsille perhe perheen perheet perheille vanhempi vanhemmat "
    "vanhemmille äiti isä tuki tukea apu apua palvelu palvelut neuvonta ohjaus hoito asia",
    "sv": "barn barnet barnen familj familjen familjer förälder föräldrar mamma pappa stöd hjälp "
    "tjänst tjänster service",
    "en": "child children kid kids family families parent parents mother father mum mom dad "
    "support help service services care",
}


@dataclass(frozen=True)
class SearchHit:
    service: Service
    score: float
    matched: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchResult:
    hits: list[SearchHit]
    lang: str
    total: int = 0  # how many relevant services there are in all (for "more results")


@dataclass
class SearchSettings:
    # BM25 scores grow with the catalogue; the default is calibrated on the shipped one
    # (see README) and can be set with `search.min_score` in the config.
    min_score: float = 19.0  # below this the best hit is noise: answer "no matching service"
    use_synonyms: bool = True
    diversify: bool = True
    ngrams: bool = True


@dataclass
class SearchEngine:
    catalogue: Catalogue
    index: object
    analyzers: dict
    settings: SearchSettings = field(default_factory=SearchSettings)
    _cache: OrderedDict = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def build(
        cls,
        catalogue: Catalogue,
        index_dir: Path | str | None = None,
        *,
        use_voikko: bool | None = None,
        settings: SearchSettings | None = None,
        baseline: bool = False,
    ) -> SearchEngine:
        """Load or build the index. `baseline`: Whoosh's default analyser, no synonyms,
        no generic-word or diversity rules: the yardstick `neuvobot eval --baseline` uses."""
        if baseline:
            analyzers = {code: StandardAnalyzer() for code in LANGS}
            settings = SearchSettings(
                min_score=0.0, use_synonyms=False, diversify=False, ngrams=False
            )
            variant = "baseline"
        else:
            analyzers = language_analyzers(catalogue, use_voikko)
            has_voikko = finnish_morphology(use_voikko).has_voikko
            variant = "voikko" if has_voikko else "snowball"
        index_path = Path(index_dir) if index_dir else None
        index = open_or_build(catalogue, analyzers, index_path, variant)
        engine = cls(catalogue, index, analyzers, settings or SearchSettings())
        engine._searcher = index.searcher(weighting=scoring.BM25F())
        # Every term looked up costs Whoosh a disk read, found or not; most words of a
        # question are in no service at all, so they are dropped before the query is built.
        reader = engine._searcher.reader()
        engine._lexicon = {
            name: {t.decode() if isinstance(t, bytes) else t for t in reader.lexicon(name)}
            for name in index.schema.names()
            if name.startswith(GROUPS) or name == "names"
        }
        generic = {} if baseline else GENERIC_WORDS
        engine._generic = {
            code: set(analyze(analyzers[code], generic.get(code, ""))) for code in LANGS
        }
        return engine

    @property
    def has_voikko(self) -> bool:
        return finnish_morphology().has_voikko

    # ------------------------------------------------------------------ public
    def search(
        self,
        query: str,
        municipality: str,
        lang: str | None = None,
        limit: int = 3,
        offset: int = 0,
    ) -> SearchResult:
        text = normalise(query or "")[:MAX_QUERY_CHARS]
        detected = detect_language(text) or lang or "fi"
        ranked = self.ranked(text, municipality, detected)
        return SearchResult(ranked[offset : offset + limit], detected, len(ranked))

    def ranked(self, text: str, municipality: str, lang: str) -> list[SearchHit]:
        key = (text, municipality, lang)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        hits = self._rank(text, municipality, lang)
        with self._lock:
            self._cache[key] = hits
            if len(self._cache) > 512:
                self._cache.popitem(last=False)
        return hits

    # ------------------------------------------------------------------ internals
    def query_terms(self, text: str, lang: str) -> dict[str, dict[str, float]]:
        """Per language: analysed term → weight (synonyms a little lower)."""
        words = [w for w in re.findall(TOKEN_PATTERN, text)]
        result: dict[str, dict[str, float]] = {}
        for code in LANGS:
            analyzer = self.analyzers[code]
            terms: dict[str, float] = {}
            for term in analyze(analyzer, text):
                terms.setdefault(term, 1.0)
            if code == "fi":
                # "sähkösopimus" shares only a compound part with "huoltosopimus": weak evidence.
                morph = finnish_morphology()
                parts = set().union(*(morph.compound_parts(w) for w in words)) if words else set()
                for term in parts & set(terms):
                    terms[term] = COMPOUND_PART_WEIGHT
            if self.settings.use_synonyms:
                table = self.catalogue.synonyms.get(code, {})
                keys = {fold(w) for w in words} | set(terms)
                for word, targets in table.items():
                    if fold(word) in keys or _phrase_in(word, text):
                        for target in targets:
                            for term in analyze(analyzer, target):
                                terms.setdefault(term, SYNONYM_WEIGHT)
            weight = 1.0 if code == lang else OTHER_LANGUAGE_WEIGHT
            generic = self._generic[code]
            result[code] = {
                t: w * weight * (GENERIC_WEIGHT if t in generic else 1.0)
                for t, w in list(terms.items())[:MAX_TERMS_PER_LANG]
            }
        return result

    def _rank(self, text: str, municipality: str, lang: str) -> list[SearchHit]:
        per_lang = self.query_terms(text, lang)
        clauses = []
        for code, terms in per_lang.items():
            # Other languages' words count in the strong field only: their body matches are
            # mostly noise, and every clause costs query time.
            groups = GROUPS if code == lang else ("strong",)
            for term, weight in terms.items():
                if weight <= GENERIC_WEIGHT:
                    continue  # generic words alone never decide; they only cost time
                for group in groups:
                    name = field_name(group, code)
                    if term in self._lexicon[name]:
                        boost = FIELD_BOOSTS[group] * weight
                        clauses.append(Term(name, term, boost=boost))
        for word in re.findall(TOKEN_PATTERN, fold(text)) if self.settings.ngrams else []:
            if len(word) >= 6:
                grams = {word[i : i + 3] for i in range(len(word) - 2)}
                known = self._lexicon["names"]
                clauses += [Term("names", g, boost=NGRAM_BOOST) for g in grams if g in known]
        if not clauses:
            return []
        # The municipality as a required term (not a filter): the intersection skips over
        # other municipalities' postings instead of scoring them first.
        results = self._searcher.search(
            And([ConstantScoreQuery(Term("serves", municipality), 0.0), Or(clauses)]),
            limit=CANDIDATES,
            terms=True,
        )
        scored: list[SearchHit] = []
        for hit in results:
            service = self.catalogue.by_id.get(hit["id"])
            if service is None:
                continue
            matched = tuple(
                dict.fromkeys(
                    term.decode() if isinstance(term, bytes) else str(term)
                    for fieldname, term in hit.matched_terms()
                    if fieldname != "names"
                )
            )
            # Only typo n-grams matched: too weak to stand alone.
            score = hit.score if matched else hit.score * 0.5
            scored.append(SearchHit(service, score * SCOPE_BONUS[hit["scope"]], matched))
        scored.sort(key=lambda h: -h.score)
        if not scored or scored[0].score < self.settings.min_score:
            return []
        # Far weaker hits are noise even on later pages: a tired parent should not have to
        # read a shelter's card when asking about day care.
        floor = max(scored[0].score * 0.25, self.settings.min_score * 0.5)
        scored = [h for h in scored if h.score >= floor]
        return _diversify(scored) if self.settings.diversify else scored


def _phrase_in(phrase: str, text: str) -> bool:
    return " " in phrase and fold(phrase) in fold(text)


def _diversify(hits: list[SearchHit], top: int = 3) -> list[SearchHit]:
    """Keep the best first, but let another fitting type into the first three."""
    remaining = list(hits)
    chosen: list[SearchHit] = []
    best = hits[0].score
    while remaining and len(chosen) < top:
        candidate = remaining[0]
        seen = {h.service.type for h in chosen}
        if candidate.service.type in seen:
            other = next(
                (
                    h
                    for h in remaining
                    if h.service.type not in seen and h.score >= best * DIVERSITY_SHARE
                ),
                None,
            )
            if other is not None:
                candidate = other
        chosen.append(candidate)
        remaining.remove(candidate)
    return chosen + remaining
