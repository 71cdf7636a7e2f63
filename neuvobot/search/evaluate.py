"""Search quality on a question file: top-3 hit rate, MRR, per language, and the misses."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from neuvobot.search.engine import SearchEngine
from neuvobot.understanding.danger import detect_danger

TOP = 3


@dataclass
class EvalReport:
    name: str
    total: int = 0
    hits: int = 0
    reciprocal_ranks: float = 0.0
    per_lang: dict[str, list[int]] = field(default_factory=dict)  # lang → [hits, total]
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def hit_rate(self) -> float:
        return self.hits / self.total if self.total else 0.0

    @property
    def mrr(self) -> float:
        return self.reciprocal_ranks / self.total if self.total else 0.0

    def lang_rate(self, lang: str) -> float:
        hits, total = self.per_lang.get(lang, [0, 0])
        return hits / total if total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "questions": self.total,
            "top3_hit_rate": round(self.hit_rate, 4),
            "mrr": round(self.mrr, 4),
            "per_language": {k: round(self.lang_rate(k), 4) for k in sorted(self.per_lang)},
            "misses": self.misses,
        }


def load_questions(path: Path | str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return list(data["questions"] if isinstance(data, dict) else data)


def evaluate(engine: SearchEngine, questions: list[dict[str, Any]], name: str) -> EvalReport:
    report = EvalReport(name)
    for question in questions:
        expect = set(question.get("expect") or [])
        lang = question.get("lang")
        result = engine.search(
            question["q"],
            question["municipality"],
            lang=lang if lang in ("fi", "sv", "en") else None,
            limit=TOP,
            acute=detect_danger(question["q"]) is not None,  # as the bot does
        )
        types = [hit.service.type for hit in result.hits]
        if expect:
            rank = next((i for i, t in enumerate(types, 1) if t in expect), None)
            ok = rank is not None
            report.reciprocal_ranks += 1 / rank if rank else 0.0
        else:  # out of scope: the right answer is no result at all
            ok = not types
            report.reciprocal_ranks += 1.0 if ok else 0.0
        report.total += 1
        report.hits += ok
        bucket = report.per_lang.setdefault(lang or "?", [0, 0])
        bucket[0] += ok
        bucket[1] += 1
        if not ok:
            report.misses.append(
                {
                    "q": question["q"],
                    "lang": lang,
                    "municipality": question["municipality"],
                    "expect": sorted(expect),
                    "got": types,
                }
            )
    return report


def format_report(report: EvalReport) -> str:
    lines = [
        f"{report.name}: top-3 hit rate {report.hit_rate:.3f} ({report.hits}/{report.total}), "
        f"MRR {report.mrr:.3f}",
        "  per language: "
        + ", ".join(
            f"{lang} {report.lang_rate(lang):.3f} ({h}/{t})"
            for lang, (h, t) in sorted(report.per_lang.items())
        ),
    ]
    if report.misses:
        lines.append(f"  misses ({len(report.misses)}):")
        for miss in report.misses:
            lines.append(
                f"    [{miss['lang']}/{miss['municipality']}] {miss['q']!r}"
                f"  expected {miss['expect'] or 'no result'}, got {miss['got'] or 'nothing'}"
            )
    return "\n".join(lines)
