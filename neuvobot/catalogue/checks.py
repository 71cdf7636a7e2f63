"""Whole-catalogue content rules that go beyond one entry's shape.

These are warnings for editors (the catalogue still loads): a municipality that cannot reach
some type of service, or texts missing in a language families there use.
"""

from __future__ import annotations

from whoosh.analysis import STOP_WORDS as EN_STOP

from neuvobot.catalogue.loader import Catalogue, Problem
from neuvobot.catalogue.municipalities import BILINGUAL, MUNICIPALITIES
from neuvobot.understanding.lexical import FI_STOP, SV_STOP, fold

_STOP = {
    "fi": {fold(w) for w in FI_STOP},
    "sv": {fold(w) for w in SV_STOP},
    "en": set(EN_STOP),
}


def coverage_gaps(catalogue: Catalogue) -> list[Problem]:
    """One warning per municipality listing the service types nobody serves there."""
    gaps: dict[str, list[str]] = {}
    for slug, type_id in catalogue.missing_coverage():
        gaps.setdefault(slug, []).append(type_id)
    return [
        Problem(
            str(catalogue.root),
            0,
            f"coverage.{slug}",
            f"no service of type(s) {', '.join(types)} serves {MUNICIPALITIES[slug].fi}",
        )
        for slug, types in sorted(gaps.items())
    ]


def translation_gaps(catalogue: Catalogue) -> list[Problem]:
    """Region-wide and national entries need fi/sv/en; bilingual municipalities need sv."""
    problems = []
    for service in catalogue.services:
        scope = catalogue.scope_of(service)
        if scope in ("national", "region"):
            wanted = ("sv", "en")
        elif any(a in BILINGUAL for a in service.areas):
            wanted = ("sv",)
        else:
            continue
        origin = catalogue.origins[service.id]
        for lang in wanted:
            for field in ("name", "summary"):
                if not getattr(getattr(service, field), lang):
                    problems.append(
                        Problem(
                            origin.path,
                            origin.line,
                            f"{service.id}.{field}.{lang}",
                            f"missing {lang} text",
                        )
                    )
    return problems


def keyword_problems(catalogue: Catalogue) -> list[Problem]:
    """Keywords describe the service: a stop word ("ei", "inte", "the") or a fragment
    ("pre-", one letter) matches every question that happens to hold it."""
    problems = []
    for service in catalogue.services:
        origin = catalogue.origins[service.id]
        for lang in ("fi", "sv", "en"):
            for word in service.keywords.get(lang):
                folded = fold(word.strip())
                if folded in _STOP[lang] or len(folded) < 2 or folded.endswith("-"):
                    problems.append(
                        Problem(
                            origin.path,
                            origin.line,
                            f"{service.id}.keywords.{lang}",
                            f"keyword {word!r} is a common word or a fragment: it matches "
                            "questions about anything; remove it or write the whole term",
                        )
                    )
    return problems


def coverage_problems(catalogue: Catalogue) -> list[Problem]:
    return coverage_gaps(catalogue) + translation_gaps(catalogue) + keyword_problems(catalogue)
