"""Whole-catalogue content rules that go beyond one entry's shape.

These are warnings for editors (the catalogue still loads): a municipality that cannot reach
some type of service, or texts missing in a language families there use.
"""

from __future__ import annotations

from neuvobot.catalogue.loader import Catalogue, Problem
from neuvobot.catalogue.municipalities import BILINGUAL, MUNICIPALITIES


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


def coverage_problems(catalogue: Catalogue) -> list[Problem]:
    return coverage_gaps(catalogue) + translation_gaps(catalogue)
