"""`neuvobot insights`: what families asked and did not find, and what editors can do."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import sys
from pathlib import Path


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-11-01"
        ) from None


def cmd_insights(args: argparse.Namespace) -> int:
    from neuvobot.catalogue.loader import load_catalogue
    from neuvobot.config import load_settings
    from neuvobot.insights.report import build_report, report_json, report_text
    from neuvobot.storage.sqlite import SqliteStorage

    settings = load_settings(getattr(args, "config", None))
    database = Path(settings.database)
    if not database.exists():
        print(
            f"No database at {database}: nothing has been recorded yet "
            "(the bot records questions while it runs; set `database:` or NEUVOBOT_DB).",
            file=sys.stderr,
        )
        return 1
    catalogue = load_catalogue(settings.catalogue_dir)
    if catalogue.problems:
        print(
            f"Note: the catalogue has {len(catalogue.problems)} problem(s) (run `neuvobot "
            "catalogue check`); suggestions use the entries that loaded.",
            file=sys.stderr,
        )

    async def rows():
        storage = SqliteStorage(database)
        await storage.open()
        try:
            return await storage.insights(args.municipality, args.since)
        finally:
            await storage.close()

    report = build_report(
        asyncio.run(rows()),
        catalogue,
        municipality=args.municipality,
        since=args.since,
        limit=args.limit,
    )
    if args.json:
        print(json.dumps(report_json(report), ensure_ascii=False, indent=2))
    else:
        print(report_text(report))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    from neuvobot.cli_types import municipality_arg

    parser = sub.add_parser(
        "insights",
        help="what families asked and did not find, and the synonyms or keywords to add",
    )
    parser.add_argument(
        "--municipality", type=municipality_arg, help="only this municipality (slug)"
    )
    parser.add_argument("--since", type=_date, help="only questions from this day on (YYYY-MM-DD)")
    parser.add_argument("--limit", type=int, default=20, help="how many words (default 20)")
    parser.add_argument("--json", action="store_true", help="JSON instead of text")
    parser.set_defaults(func=cmd_insights)
