"""`neuvobot search`, `neuvobot eval` and `neuvobot bench search` (stable output contracts)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from neuvobot.catalogue.loader import load_catalogue
from neuvobot.config import load_settings
from neuvobot.search.engine import SearchEngine, SearchHit, SearchSettings


def _engine(args: argparse.Namespace, **kwargs: Any) -> SearchEngine:
    settings = load_settings(args.config)
    catalogue = load_catalogue(settings.catalogue_dir)
    if catalogue.problems:
        for problem in catalogue.problems:
            print(problem, file=sys.stderr)
        raise SystemExit(1)
    if settings.search.min_score is not None and not kwargs.get("baseline"):
        kwargs["settings"] = SearchSettings(min_score=settings.search.min_score)
    return SearchEngine.build(catalogue, settings.search.index_dir, **kwargs)


def hit_json(hit: SearchHit, now: dt.datetime) -> dict[str, Any]:
    from neuvobot.conversation.cards import is_open_now

    return {
        "id": hit.service.id,
        "type": hit.service.type,
        "name": hit.service.name.fi,
        "score": round(hit.score, 3),
        "provider": hit.service.provider.name.fi,
        "open_now": is_open_now(hit.service, now),
    }


def cmd_search(args: argparse.Namespace) -> int:
    from neuvobot.catalogue.municipalities import unknown_municipality

    engine = _engine(args)
    now = dt.datetime.now(dt.UTC)
    if args.batch:
        from neuvobot.batch import emit, read_batch

        for _, item in read_batch(args.batch):
            if isinstance(item, str):
                emit({"error": item})
            else:
                result = engine.search(item.q, item.municipality, item.lang, args.limit)
                emit({"results": [hit_json(h, now) for h in result.hits]})
        return 0
    if not args.question or not args.municipality:
        print("search needs --municipality SLUG and a question (or --batch FILE)", file=sys.stderr)
        return 2
    if problem := unknown_municipality(args.municipality):
        print(problem, file=sys.stderr)
        return 2
    result = engine.search(args.question, args.municipality, args.lang, args.limit)
    if args.json:
        print(json.dumps([hit_json(h, now) for h in result.hits], ensure_ascii=False))
        return 0
    if not result.hits:
        print("No matching service.")
    for number, hit in enumerate(result.hits, 1):
        lang = result.lang
        print(
            f"{number}. {hit.service.name.get(lang)} [{hit.service.type}] "
            f"score {hit.score:.1f} – {hit.service.provider.name.get(lang)}"
        )
        print(f"   {hit.service.summary.get(lang)}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Search quality on question files (`questions:`); danger catch rate and false alarms
    on message sets (`messages:`, files or folders), per category and language."""
    from neuvobot.search.evaluate import evaluate, format_report, load_questions
    from neuvobot.understanding.danger.evaluate import (
        danger_report,
        format_danger_report,
        load_sets,
        questions_as_messages,
    )

    result: dict[str, object] = {}
    messages: list[dict] = []
    lines: list[str] = []
    for path in args.questions:
        if path.is_dir() or "messages:" in path.read_text(encoding="utf-8")[:20_000]:
            messages += load_sets([str(path)])
            continue
        questions = load_questions(path)
        reports = [evaluate(_engine(args), questions, "neuvobot")]
        if args.baseline:
            reports.append(evaluate(_engine(args, baseline=True), questions, "plain baseline"))
        result.setdefault("search", []).extend(r.as_dict() for r in reports)  # type: ignore[union-attr]
        lines += [format_report(r) for r in reports]
        messages += questions_as_messages(str(path))
    danger = danger_report(messages)
    result["danger"] = danger
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
        return 0
    lines.append(format_danger_report(danger, show_messages=args.show))
    print("\n".join(lines))
    return 0


def cmd_bench_search(args: argparse.Namespace) -> int:
    from neuvobot.search.bench import run_search_bench

    result = run_search_bench(
        municipalities=args.municipalities,
        services=args.services,
        queries=args.queries,
        progress=None if args.json else print,
    )
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"services {result['services']}, build {result['build_s']:.1f} s, "
            f"p50 {result['p50_ms']:.2f} ms, p95 {result['p95_ms']:.2f} ms, "
            f"p99 {result['p99_ms']:.2f} ms, peak RSS {result['peak_rss_mb']:.0f} MB"
        )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    search = sub.add_parser("search", help="search the catalogue as the bot does")
    search.add_argument("question", nargs="?", help="the family's words")
    search.add_argument("--municipality", help="municipality slug, e.g. turku")
    search.add_argument("--lang", choices=["fi", "sv", "en"], help="question language")
    search.add_argument("--limit", type=int, default=3, help="results (default 3)")
    search.add_argument("--json", action="store_true", help="JSON list of results")
    search.add_argument("--batch", metavar="FILE|-", help="JSON lines {municipality, q, lang?}")
    search.set_defaults(func=cmd_search)

    ev = sub.add_parser("eval", help="measure search quality on a question file")
    ev.add_argument(
        "questions",
        type=Path,
        nargs="+",
        help="question files (../shared/eval/questions-dev.yaml), danger sets (tests/eval/danger)",
    )
    ev.add_argument("--show", action="store_true", help="list missed dangers and false alarms")
    ev.add_argument("--baseline", action="store_true", help="also run a plain Whoosh index")
    ev.add_argument("--json", action="store_true", help="machine-readable report")
    ev.set_defaults(func=cmd_eval)

    bench = sub.add_parser("bench", help="benchmarks")
    bench_sub = bench.add_subparsers(dest="bench_command", metavar="WHAT", required=True)
    bs = bench_sub.add_parser("search", help="national-scale search build and latency")
    bs.add_argument("--json", action="store_true", help="last line: one JSON object")
    bs.add_argument("--municipalities", type=int, default=300)
    bs.add_argument("--services", type=int, default=50_000)
    bs.add_argument("--queries", type=int, default=2_000)
    bs.set_defaults(func=cmd_bench_search)

    # `bench bot` and `bench queue` live with the bot benchmarks.
    from neuvobot.bench.commands import register as register_bench

    register_bench(bench_sub)
