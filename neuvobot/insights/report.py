"""What families don't find: the most frequent unmatched words and phrases, and what to do.

Words are analysed with the search's own analysis (Voikko base forms for Finnish), so
"vauvauintia" and "vauvauinnista" count as one. For each word the report says whether the
catalogue already has it (then the service is missing for that municipality or scores too
low), whether it is close to an existing keyword or synonym (a misspelling or variant: add
a synonym), or whether nothing matches (add a synonym or a keyword).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from neuvobot.catalogue.loader import Catalogue
from neuvobot.catalogue.municipalities import MUNICIPALITIES
from neuvobot.insights.scrub import GAP
from neuvobot.search.analysis import (
    TOKEN_PATTERN,
    analyze,
    english_analyzer,
    finnish_analyzer,
    fold,
    swedish_analyzer,
)
from neuvobot.search.engine import GENERIC_WORDS
from neuvobot.storage.base import InsightRow

_WORD = re.compile(TOKEN_PATTERN)
# Phrases never span a gap left by scrubbing or a sentence or clause boundary.
_SEGMENTS = re.compile(r"[" + GAP + r".,;:!?()\n]+")
CLOSE_SCORE = 84  # rapidfuzz ratio (0–100) from which a word is "close" to a catalogue word
MIN_PHRASE_COUNT = 2


@dataclass
class Match:
    word: str  # the catalogue word
    where: str  # "keyword of <service id>" or "synonym → targets"
    serves_asked: bool = True  # a service with it serves a municipality where it was asked


@dataclass
class Suggestion:
    kind: str  # "keyword", "synonym", "part", "close" or "none"
    matches: list[Match] = field(default_factory=list)
    action: str = ""


@dataclass
class WordStat:
    term: str
    lang: str
    count: int = 0
    forms: Counter[str] = field(default_factory=Counter)
    sources: Counter[str] = field(default_factory=Counter)
    municipalities: Counter[str] = field(default_factory=Counter)
    suggestion: Suggestion | None = None

    @property
    def form(self) -> str:
        """The word as families wrote it, in its base form when someone wrote that
        ("vauvauinti" rather than "vauvauintia"): what an editor would put in a file."""
        ranked = [f for f, _ in self.forms.most_common()]
        return next((f for f in ranked if fold(f) == self.term), ranked[0])


@dataclass
class PhraseStat:
    words: tuple[str, str]
    count: int = 0
    forms: Counter[str] = field(default_factory=Counter)


@dataclass
class Report:
    questions: int
    sources: Counter[str]
    municipality: str | None
    since: dt.date | None
    words: list[WordStat]
    phrases: list[PhraseStat]


class _Analysis:
    """One analyser per language, built once per report."""

    def __init__(self, catalogue: Catalogue | None) -> None:
        from neuvobot.search.analysis import swedish_vocabulary

        sv_texts: list[str] = []
        for service in catalogue.services if catalogue else []:
            sv_texts += service.keywords.sv
            sv_texts += [service.name.sv] if service.name.sv else []
        self.analyzers = {
            "fi": finnish_analyzer(),
            "sv": swedish_analyzer(swedish_vocabulary(sv_texts)),
            "en": english_analyzer(),
        }
        # Words that say nothing about what is missing: "child", "family" (the search's
        # generic words) and the municipalities' own names ("Salossa").
        places = [n for m in MUNICIPALITIES.values() for n in (m.fi, m.sv) if n]
        self.ignored = {
            lang: set(analyze(analyzer, GENERIC_WORDS.get(lang, "")))
            | {t for name in places for t in analyze(analyzer, name.lower())}
            for lang, analyzer in self.analyzers.items()
        }

    def terms(self, word: str, lang: str) -> list[str]:
        return analyze(self.analyzers.get(lang, self.analyzers["fi"]), word)

    def ignored_term(self, term: str, lang: str) -> bool:
        return term in self.ignored.get(lang, self.ignored["fi"])


class _CatalogueWords:
    """The catalogue's keywords and synonyms by analysed term, per language."""

    def __init__(self, catalogue: Catalogue | None, analysis: _Analysis) -> None:
        self.catalogue = catalogue
        self.keywords: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self.synonyms: dict[str, dict[str, list[tuple[str, list[str]]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        if catalogue is None:
            return
        for service in catalogue.services:
            for lang in ("fi", "sv", "en"):
                for keyword in service.keywords.get(lang):
                    for term in analysis.terms(keyword, lang)[:1]:
                        self.keywords[lang][term].append((service.id, keyword))
        for lang, table in catalogue.synonyms.items():
            for word, targets in table.items():
                for term in analysis.terms(word, lang)[:1]:
                    self.synonyms[lang][term].append((word, targets))

    def serves_any(self, service_ids: Iterable[str], municipalities: Iterable[str]) -> bool:
        if self.catalogue is None:
            return True
        wanted = set(municipalities)
        return any(self.catalogue.serves(sid) & wanted for sid in service_ids)

    def serving_first(self, service_ids: Iterable[str], municipalities: Iterable[str]) -> list[str]:
        """The services that serve where it was asked, first: those are the editor's."""
        ids = sorted(set(service_ids))
        return sorted(ids, key=lambda sid: not self.serves_any([sid], municipalities))


def _service_word_hint(lang: str) -> str:
    return {"fi": "palvelusana", "sv": "tjänstord", "en": "service word"}.get(lang, "word")


def suggest(stat: WordStat, all_terms: list[str], words: _CatalogueWords) -> Suggestion:
    lang, term, form = stat.lang, stat.term, stat.form
    asked = list(stat.municipalities)
    where = ", ".join(sorted(asked))
    keyword_hits = words.keywords[lang].get(term, [])
    if keyword_hits:
        ids = words.serving_first((sid for sid, _ in keyword_hits), asked)
        serves = words.serves_any(ids, asked)
        matches = [Match(kw, f"keyword of {sid}", serves) for sid, kw in keyword_hits[:5]]
        if serves:
            action = (
                f"already a keyword of {', '.join(ids[:3])}: the question as a whole scored "
                "too low; add the other words families use as keywords or synonyms"
            )
        else:
            action = (
                f"a keyword of {', '.join(ids[:3])}, but none of them serves {where}: "
                f"add or extend an entry that serves {where}"
            )
        return Suggestion("keyword", matches, action)
    synonym_hits = words.synonyms[lang].get(term, [])
    if synonym_hits:
        matches = [Match(w, f"synonym → {', '.join(t)}") for w, t in synonym_hits[:5]]
        return Suggestion(
            "synonym",
            matches,
            "already in synonyms.yaml: check that its service words are keywords of a "
            f"service that serves {where}",
        )
    parts = [t for t in all_terms[1:] if t in words.keywords[lang] and t != term]
    if parts:
        part = parts[0]
        ids = words.serving_first((sid for sid, _ in words.keywords[lang][part]), asked)
        matches = [Match(kw, f"keyword of {sid}") for sid, kw in words.keywords[lang][part][:3]]
        return Suggestion(
            "part",
            matches,
            f"its part `{part}` is a keyword of {', '.join(ids[:3])}: if that is the right "
            f"service, add `{form}` to its keywords, or `{form}: [{part}]` under {lang}: "
            "in synonyms.yaml",
        )
    if len(term) >= 4:
        choices = list(words.keywords[lang]) + list(words.synonyms[lang])
        close = process.extract(term, choices, scorer=fuzz.ratio, limit=3)
        close = [(c, score) for c, score, _ in close if score >= CLOSE_SCORE and c != term]
        if close:
            matches = []
            for candidate, _ in close:
                for sid, kw in words.keywords[lang].get(candidate, [])[:2]:
                    matches.append(Match(kw, f"keyword of {sid}"))
                for word, targets in words.synonyms[lang].get(candidate, [])[:1]:
                    matches.append(Match(word, f"synonym → {', '.join(targets)}"))
            target = matches[0].word if matches else close[0][0]
            return Suggestion(
                "close",
                matches,
                f"close to `{target}`: if families mean that, add `{form}: [{target}]` "
                f"under {lang}: in synonyms.yaml",
            )
    return Suggestion(
        "none",
        [],
        f"no keyword or synonym is near: add `{form}: [{_service_word_hint(lang)}]` under "
        f"{lang}: in synonyms.yaml, or `{form}` to the keywords of the service that "
        "should answer it",
    )


def build_report(
    rows: list[InsightRow],
    catalogue: Catalogue | None,
    *,
    municipality: str | None = None,
    since: dt.date | None = None,
    limit: int = 20,
) -> Report:
    analysis = _Analysis(catalogue)
    words = _CatalogueWords(catalogue, analysis)
    stats: dict[tuple[str, str], WordStat] = {}
    all_terms: dict[tuple[str, str], list[str]] = {}
    phrases: dict[tuple[str, str], PhraseStat] = {}
    sources: Counter[str] = Counter()
    for row in rows:
        sources[row.source] += row.count
        seen: set[tuple[str, str]] = set()
        seen_pairs: set[tuple[str, str]] = set()
        for segment in _SEGMENTS.split(row.text):
            previous: tuple[str, str] | None = None
            for word in _WORD.findall(segment):
                if any(ch.isdigit() for ch in word):  # "2v": ages are not catalogue words
                    previous = None
                    continue
                terms = analysis.terms(word.lower(), row.lang)
                if not terms or analysis.ignored_term(terms[0], row.lang):
                    continue  # a stop word: "neuvola ja rokotus" still pairs its two words
                term, form = terms[0], word.lower()
                key = (row.lang, term)
                stat = stats.setdefault(key, WordStat(term, row.lang))
                all_terms.setdefault(key, terms)
                stat.forms[form] += row.count
                if key not in seen:  # a question counts once per word
                    seen.add(key)
                    stat.count += row.count
                    stat.sources[row.source] += row.count
                    stat.municipalities[row.municipality] += row.count
                if previous is not None and previous[0] != term:
                    pair = (previous[0], term)
                    phrase = phrases.setdefault(pair, PhraseStat(pair))
                    phrase.forms[f"{previous[1]} {form}"] += row.count
                    if pair not in seen_pairs:
                        seen_pairs.add(pair)
                        phrase.count += row.count
                previous = (term, form)
    top = sorted(stats.values(), key=lambda s: (-s.count, s.term))[:limit]
    for stat in top:
        stat.suggestion = suggest(stat, all_terms[(stat.lang, stat.term)], words)
    frequent = [p for p in phrases.values() if p.count >= MIN_PHRASE_COUNT]
    frequent.sort(key=lambda p: (-p.count, p.words))
    return Report(
        questions=sum(r.count for r in rows),
        sources=sources,
        municipality=municipality,
        since=since,
        words=top,
        phrases=frequent[:limit],
    )


def report_json(report: Report) -> dict[str, Any]:
    return {
        "questions": report.questions,
        "no_match": report.sources.get("no_match", 0),
        "nurse": report.sources.get("nurse", 0),
        "municipality": report.municipality,
        "since": report.since.isoformat() if report.since else None,
        "words": [
            {
                "word": s.form,
                "term": s.term,
                "lang": s.lang,
                "count": s.count,
                "forms": dict(s.forms.most_common()),
                "no_match": s.sources.get("no_match", 0),
                "nurse": s.sources.get("nurse", 0),
                "municipalities": dict(s.municipalities.most_common()),
                "suggestion": {
                    "kind": s.suggestion.kind,
                    "action": s.suggestion.action,
                    "matches": [
                        {"word": m.word, "where": m.where, "serves_asked": m.serves_asked}
                        for m in s.suggestion.matches
                    ],
                }
                if s.suggestion
                else None,
            }
            for s in report.words
        ],
        "phrases": [
            {"phrase": p.forms.most_common(1)[0][0], "count": p.count} for p in report.phrases
        ],
    }


def report_text(report: Report) -> str:
    where = (
        MUNICIPALITIES[report.municipality].fi
        if report.municipality in MUNICIPALITIES
        else "all municipalities"
    )
    since = f" since {report.since.isoformat()}" if report.since else ""
    lines = [
        f"What families did not find ({where}{since}): {report.questions} question(s), "
        f"{report.sources.get('no_match', 0)} with no matching service, "
        f"{report.sources.get('nurse', 0)} that went to a nurse."
    ]
    if not report.words:
        lines.append("Nothing recorded yet.")
        return "\n".join(lines)
    lines += ["", "Most frequent words (questions):"]
    for stat in report.words:
        forms = ", ".join(f for f, _ in stat.forms.most_common(3) if f != stat.form)
        also = f" (also: {forms})" if forms else ""
        places = ", ".join(m for m, _ in stat.municipalities.most_common(3))
        lines.append(f"  {stat.count:>4}  {stat.form}{also} [{stat.lang}; {places}]")
        if stat.suggestion:
            lines.append(f"        → {stat.suggestion.action}")
    lines += ["", "Frequent phrases (questions):"]
    if report.phrases:
        for phrase in report.phrases:
            lines.append(f"  {phrase.count:>4}  {phrase.forms.most_common(1)[0][0]}")
    else:
        lines.append(f"  none asked {MIN_PHRASE_COUNT} times or more")
    return "\n".join(lines)
