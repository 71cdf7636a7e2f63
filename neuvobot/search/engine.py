"""Search: a family's words in, the best services for their municipality out.

The only interface the rest of Neuvobot uses: `SearchEngine.build(catalogue)` and
`engine.search(question, municipality, lang=None, limit=3, offset=0)`. Whoosh stays inside.
User text is never parsed as query syntax: it is analysed into terms and the query's clauses
are built from those, so quotes, AND/OR, `*` and brackets are just characters. The index is
one Whoosh segment per shard of services (see index.py); a question reads only the shards
serving its municipality (shards.py).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from pathlib import Path

from whoosh.analysis import StandardAnalyzer

from neuvobot.catalogue.loader import Catalogue
from neuvobot.catalogue.model import LANGS, Service
from neuvobot.search.analysis import TOKEN_PATTERN, analyze, finnish_morphology, fold, normalise
from neuvobot.search.gates import Gates
from neuvobot.search.index import (
    GROUPS,
    SCOPE_RANK,
    BuiltIndex,
    field_name,
    language_analyzers,
    open_or_build,
    shard_groups,
)
from neuvobot.search.language import detect_language
from neuvobot.search.scope import catalogue_words, named_words, out_of_scope
from neuvobot.search.shards import Clause, Scoring, Shard, search_shards
from neuvobot.understanding.danger import topics
from neuvobot.understanding.finnish import suggestion_budget

# Added to a question the danger layer reads as violence by an adult (see search()).
VIOLENCE_WORDS = {
    "fi": "lähisuhdeväkivalta",
    "sv": "våld i nära relationer",
    "en": "domestic violence",
}
MAX_QUERY_CHARS = 500  # a need is said in far fewer; longer input only slows search down
MAX_SUGGESTIONS = 6  # unknown words a question gets spelling help for (finnish.py)
MAX_TERMS_PER_LANG = 24
FIELD_BOOSTS = {"strong": 2.5, "body": 1.0}
OTHER_LANGUAGE_WEIGHT = 0.5  # words of the other languages still count, less
SYNONYM_WEIGHT = 0.8
NGRAM_BOOST = 0.15
# The municipality's own and its region's services first when equally relevant.
SCOPE_BONUS = {0: 1.10, 1: 1.05, 2: 1.0}
# Every hit used to get 1.0 from the municipality clause of the query (Whoosh scores a
# zero-score ConstantScoreQuery as 1.0). The shards replaced that clause; the 1.0 stays so
# the calibrated no-match threshold and the relative cut-offs below mean what they meant.
BASE_SCORE = 1.0
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


# A child's age, read by the danger layer's analysis ("3-vuotias", "min 14-åring"), against
# the ages a service serves: youth services for a three-year-old's speech rank lower.
AGE_GROUPS = {"small_child": "0-6", "school_child": "7-12", "teen": "13-17"}
_AGES = frozenset({"0-6", "7-12", "13-17", "18-25"})
AGE_MISMATCH = 0.6


def fit_to_age(hits: list[SearchHit], about: frozenset[str]) -> list[SearchHit]:
    group = next((age for topic, age in AGE_GROUPS.items() if topic in about), None)
    if group is None:
        return hits

    def fit(hit: SearchHit) -> SearchHit:
        ages = {str(t) for t in hit.service.target_groups} & _AGES
        return hit if not ages or group in ages else replace(hit, score=hit.score * AGE_MISMATCH)

    return sorted(map(fit, hits), key=lambda h: -h.score)


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
        built = open_or_build(catalogue, analyzers, index_path, variant)
        engine = cls(catalogue, built.index, analyzers, settings or SearchSettings())
        engine._scoring = Scoring(built.stats)
        engine._shards = _shards_by_municipality(catalogue, built)
        # Most words of a question are in no service at all: they are dropped before any
        # shard is asked (and search_shards skips shards without the term).
        engine._lexicon = {
            name: set(built.stats.doc_frequency.get(name, {}))
            for name in built.index.schema.names()
            if name.startswith(GROUPS) or name == "names"
        }
        generic = {} if baseline else GENERIC_WORDS
        engine._generic = {
            code: set(analyze(analyzers[code], generic.get(code, ""))) for code in LANGS
        }
        all_generic = set().union(*engine._generic.values())
        engine._own_words = catalogue_words(catalogue)
        engine._named = named_words(catalogue)
        engine._gates = Gates(
            catalogue,
            lambda text: {
                term
                for code in LANGS
                for term in analyze(analyzers[code], text)
                if term not in all_generic
            },
        )
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
        acute: bool = False,
    ) -> SearchResult:
        """`acute`: the danger check found danger now, so emergency services may show."""
        with suggestion_budget(MAX_SUGGESTIONS):  # spelling help for a few words, not 50
            return self._search(query, municipality, lang, limit, offset, acute)

    def _search(
        self, query: str, municipality: str, lang: str | None, limit: int, offset: int, acute: bool
    ) -> SearchResult:
        text = normalise(query or "")[:MAX_QUERY_CHARS]
        detected = detect_language(text) or lang or "fi"
        about = topics(text) if self.settings.use_synonyms else frozenset()
        if (
            self.settings.use_synonyms
            and not acute
            and out_of_scope(text, about, self._own_words, self._named)
        ):
            return SearchResult([], detected, 0)  # a pizzeria, the weather: not ours
        # Violence by an adult, read by the danger layer's analysis (who hits whom), adds
        # the words the violence services use; a child hitting others at daycare does not.
        terms_text = f"{text} {VIOLENCE_WORDS[detected]}" if "violence" in about else text
        hits = fit_to_age(self.ranked(terms_text, municipality, detected), about)
        # the question's own words matter only when a gated service is among the hits
        own = (
            self._own_terms(text) if any(self._gates.gated(h.service.type) for h in hits) else set()
        )
        ranked = [h for h in hits if self._gates.allows(h.service.type, own, acute, about)]
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
    def _own_terms(self, text: str) -> set[str]:
        """The question's own analysed words, without synonyms (what it names)."""
        return {term for code in LANGS for term in analyze(self.analyzers[code], text)}

    def query_terms(self, text: str, lang: str) -> dict[str, dict[str, float]]:
        """Per language: analysed term → weight (synonyms a little lower)."""
        words = [w for w in re.findall(TOKEN_PATTERN, text)]
        result: dict[str, dict[str, float]] = {}
        for code in LANGS:
            analyzer = self.analyzers[code]
            terms: dict[str, float] = {}
            # Spelling help only in the question's own language: Voikko's suggestions for
            # the English or Swedish words of a question cost a millisecond each, and those
            # words count in the other languages' strong fields only.
            for term in analyze(analyzer, text, suggest=code == lang):
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
                        clauses.append(Clause(name, term, boost))
        for word in re.findall(TOKEN_PATTERN, fold(text)) if self.settings.ngrams else []:
            if len(word) >= 6:
                grams = {word[i : i + 3] for i in range(len(word) - 2)}
                known = self._lexicon["names"]
                clauses += [Clause("names", g, NGRAM_BOOST) for g in grams if g in known]
        if not clauses:
            return []
        # Only the shards serving the municipality are searched; scores use the whole
        # index's statistics, so they compare across shards.
        hits = search_shards(self._shards.get(municipality, ()), clauses, self._scoring)
        # Best first; ties in catalogue order, as one unsharded index gives them.
        hits.sort(key=lambda hit: (-hit.score, hit.shard.docs[hit.docnum][0]))
        scored: list[SearchHit] = []
        for hit in hits[:CANDIDATES]:
            _, service, scope = hit.shard.docs[hit.docnum]
            matched = tuple(dict.fromkeys(term for name, term in hit.matched if name != "names"))
            # Only typo n-grams matched: too weak to stand alone.
            score = hit.score + BASE_SCORE
            score = score if matched else score * 0.5
            scored.append(SearchHit(service, score * SCOPE_BONUS[scope], matched))
        scored.sort(key=lambda h: -h.score)
        if not scored or scored[0].score < self.settings.min_score:
            return []
        # Far weaker hits are noise even on later pages: a tired parent should not have to
        # read a shelter's card when asking about day care.
        floor = max(scored[0].score * 0.25, self.settings.min_score * 0.5)
        scored = [h for h in scored if h.score >= floor]
        return _diversify(scored) if self.settings.diversify else scored


def _shards_by_municipality(catalogue: Catalogue, built: BuiltIndex) -> dict[str, list[Shard]]:
    """Municipality slug → the shards (segments) whose services serve it."""
    if not built.shards:  # an empty catalogue
        return {}
    groups = shard_groups(catalogue)
    position = {s.id: n for n, s in enumerate(catalogue.services)}
    readers = {reader.segment().segment_id(): reader for reader, _ in built.reader.leaf_readers()}
    result: dict[str, list[Shard]] = {}
    for bit, (segment_id, key) in enumerate(built.shards.items()):
        services, reader = groups[key], readers[segment_id]
        # Documents were written in this order (index.build_index); the cache is keyed by
        # the catalogue's digest, so a mismatch means a damaged cache.
        if (
            reader.doc_count_all() != len(services)
            or reader.stored_fields(0)["id"] != services[0].id
        ):
            raise ValueError(f"index shard {key!r} does not match the catalogue")
        docs = [(position[s.id], s, SCOPE_RANK[catalogue.scope_of(s)]) for s in services]
        shard = Shard(reader, bit, docs)
        for slug in catalogue.serves(services[0]):
            result.setdefault(slug, []).append(shard)
    return result


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
