"""`neuvobot bench bot` and `neuvobot bench queue` (registered under `bench`)."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path


def _concurrency_list(text: str) -> list[int]:
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError("a number or a comma-separated list, e.g. 1,100") from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError("concurrency must be at least 1")
    return values


def cmd_bench_bot(args: argparse.Namespace) -> int:
    from neuvobot.bench.bot import bench_bot, table

    if not (args.catalogue / "service-types.yaml").exists():
        print(f"{args.catalogue}: not a catalogue directory (use --catalogue DIR)", file=sys.stderr)
        return 2
    progress = None if args.json else print
    try:
        result = asyncio.run(
            bench_bot(
                args.families,
                args.messages,
                args.concurrency,
                args.catalogue,
                progress,
                profile=args.profile,
                rounds=args.rounds,
            )
        )
    except RuntimeError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if not args.json:
        print(table(result))
    else:
        print(json.dumps(result))
    return 0


def cmd_bench_queue(args: argparse.Namespace) -> int:
    from neuvobot.bench.queue import bench_queue, table

    result = asyncio.run(bench_queue(args.cases, args.nurses, args.messages))
    print(json.dumps(result) if args.json else table(result))
    return 0


def cmd_bench_danger(args: argparse.Namespace) -> int:
    from neuvobot.bench.danger import run_danger_bench

    result = run_danger_bench(args.messages, args.chars, args.new_words, args.soup)
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"danger check on {result['messages']} messages of {result['chars']} characters "
            f"({result['kind']}, {result['new_word_share']:.0%} never-seen words): "
            f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms"
        )
    return 0


def register(bench_sub: argparse._SubParsersAction) -> None:
    bd = bench_sub.add_parser("danger", help="the danger check's cost per long message")
    bd.add_argument("--json", action="store_true", help="last line: one JSON object")
    bd.add_argument("--messages", type=int, default=300, help="messages to time (300)")
    bd.add_argument("--chars", type=int, default=4000, help="characters per message (4000)")
    bd.add_argument("--new-words", type=float, default=0.1, help="share of never-seen words (0.1)")
    bd.add_argument(
        "--soup", action="store_true", help="shuffled words of danger messages (a stress case)"
    )
    bd.set_defaults(func=cmd_bench_danger)

    bb = bench_sub.add_parser("bot", help="families through a fake Bot API: bot vs echo floor")
    bb.add_argument("--json", action="store_true", help="last line: one JSON object")
    bb.add_argument("--families", type=int, default=200, help="simulated families (200)")
    bb.add_argument("--messages", type=int, default=5, help="messages per family (5)")
    bb.add_argument(
        "--concurrency",
        type=_concurrency_list,
        default=[1, 100],
        help="families at a time; a list runs each (default 1,100)",
    )
    bb.add_argument("--catalogue", type=Path, default=Path("catalogue"), help="catalogue dir")
    bb.add_argument(
        "--rounds", type=int, default=1, help="turns per concurrency; the median is reported"
    )
    bb.add_argument("--profile", type=Path, help="run the bot under cProfile, stats to FILE")
    bb.set_defaults(func=cmd_bench_bot)

    bq = bench_sub.add_parser("queue", help="nurse queue: case creation, take and relay")
    bq.add_argument("--json", action="store_true", help="last line: one JSON object")
    bq.add_argument("--cases", type=int, default=500, help="cases to create (500)")
    bq.add_argument("--nurses", type=int, default=10, help="concurrent nurses (10)")
    bq.add_argument("--messages", type=int, default=4, help="messages each way per case (4)")
    bq.set_defaults(func=cmd_bench_queue)
