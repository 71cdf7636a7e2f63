"""The `neuvobot` command line: one entry point, one small function per sub-command."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from neuvobot.catalogue.loader import CatalogueError
from neuvobot.cli_types import municipality_arg
from neuvobot.config import ConfigError, Settings, load_settings
from neuvobot.storage.base import DatabaseFileError


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(getattr(args, "config", None))


def _catalogue_dir(args: argparse.Namespace) -> Path:
    given = getattr(args, "dir", None)
    return Path(given) if given else _settings(args).catalogue_dir


def cmd_catalogue_check(args: argparse.Namespace) -> int:
    from neuvobot.catalogue.loader import load_catalogue, summary_counts

    root = _catalogue_dir(args)
    catalogue = load_catalogue(root)
    for problem in catalogue.problems:
        print(problem)
    if catalogue.problems:
        print(
            f"\n{len(catalogue.problems)} problem(s) in {root}. Fix them and run the check again.",
            file=sys.stderr,
        )
        return 1
    counts = summary_counts(catalogue)
    print(f"OK: {counts['services']} services in {root}, no problems.")
    print("Services per area:")
    for area, n in counts["per_area"].items():
        print(f"  {area:<40} {n:>4}")
    print("Services per type:")
    for type_id, n in counts["per_type"].items():
        print(f"  {type_id:<40} {n:>4}")
    print(f"Entries marked `review: needed`: {counts['needs_review']}")
    from neuvobot.catalogue.checks import coverage_problems

    warnings = coverage_problems(catalogue)
    if warnings:
        # Not errors: the catalogue serves as it is, but families somewhere miss something.
        print(f"Warnings ({len(warnings)}):")
        for warning in warnings[:10]:
            print(f"  {warning}")
        if len(warnings) > 10:
            print(f"  … and {len(warnings) - 10} more")
    return 0


def cmd_catalogue_export(args: argparse.Namespace) -> int:
    from neuvobot.catalogue.export import export_services
    from neuvobot.catalogue.loader import load_catalogue

    catalogue = load_catalogue(_catalogue_dir(args))
    for problem in catalogue.problems:
        print(problem, file=sys.stderr)
    json.dump(export_services(catalogue), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 1 if catalogue.problems else 0


def cmd_console(args: argparse.Namespace) -> int:
    import asyncio

    from neuvobot.app import open_app
    from neuvobot.channels.console import ConsoleChannel
    from neuvobot.storage.base import UserState

    settings = _settings(args)

    async def run() -> None:
        async with open_app(settings) as app:
            key = "console:local"
            if args.municipality or args.lang:
                user = await app.storage.get_user(key) or UserState(key=key, channel="console")
                user.municipality = args.municipality or user.municipality
                if args.lang:
                    user.lang, user.lang_fixed = args.lang, True
                await app.storage.save_user(user)
            channel = ConsoleChannel(
                app.conversation, user=key, locale=args.lang, reloader=app.reloader
            )
            await channel.run()

    asyncio.run(run())
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    import asyncio

    from neuvobot.app import open_app
    from neuvobot.batch import emit, read_batch
    from neuvobot.conversation.core import Incoming, InKind, outcome_json
    from neuvobot.storage.base import UserState

    settings = _settings(args)
    if not args.batch and (not args.question or not args.municipality):
        print("ask needs --municipality SLUG and a question (or --batch FILE)", file=sys.stderr)
        return 2

    async def answer(app, number: int, municipality: str, question: str, lang: str | None):
        key = f"ask:{number}"
        await app.storage.save_user(
            UserState(
                key=key,
                channel="ask",
                lang=lang or "fi",
                lang_fixed=bool(lang),
                municipality=municipality,
            )
        )
        outcome = await app.conversation.handle(Incoming(key, "ask", InKind.text, question, lang))
        return outcome_json(outcome)

    async def run() -> int:
        # One-shot answers are not conversations to keep: an in-memory database.
        async with open_app(settings, database=":memory:") as app:
            if not args.batch:
                result = await answer(app, 0, args.municipality, args.question, args.lang)
                if args.json:
                    print(json.dumps(result, ensure_ascii=False))
                else:
                    print(result["text"])
                return 0
            for number, item in read_batch(args.batch):
                if isinstance(item, str):
                    emit({"error": item})
                else:
                    emit(await answer(app, number, item.municipality, item.q, item.lang))
            return 0

    return asyncio.run(run())


def cmd_nurse(args: argparse.Namespace) -> int:
    import asyncio

    from neuvobot.app import open_app
    from neuvobot.channels.nurse_console import NurseConsole

    settings = _settings(args)
    team = next((t for t in settings.nurse_teams if t.id == args.team), None)
    if team is None:
        if not settings.nurse_teams:
            where = getattr(args, "config", None) or "./config.yaml (none found)"
            print(
                f"No nurse team {args.team!r}: nurse teams come from the config's `nurse_teams:` "
                f"({where}). Give it with `neuvobot --config FILE nurse --team ID`; see "
                "config.example.yaml.",
                file=sys.stderr,
            )
            return 2
        known = ", ".join(t.id for t in settings.nurse_teams)
        print(f"No nurse team {args.team!r} (teams: {known}).", file=sys.stderr)
        return 2
    nurse_id = (
        args.nurse
        if args.nurse is not None
        else (team.nurses[0].telegram_id if team.nurses else None)
    )
    if nurse_id is None:
        print(f"Team {team.id} has no nurses in the config.", file=sys.stderr)
        return 2

    async def run() -> None:
        async with open_app(settings) as app:
            assert app.nurse_queue is not None
            await NurseConsole(app.nurse_queue, team.id, nurse_id).run()

    asyncio.run(run())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="neuvobot",
        description="Neuvobot: guides families with children to the right public service.",
    )
    parser.add_argument("--config", help="config file (default: ./config.yaml if present)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    cat = sub.add_parser("catalogue", help="check and export the service catalogue")
    cat_sub = cat.add_subparsers(dest="catalogue_command", metavar="ACTION", required=True)
    check = cat_sub.add_parser("check", help="validate all files; list every problem as path:line")
    check.add_argument("dir", nargs="?", help="catalogue directory (default from config)")
    check.set_defaults(func=cmd_catalogue_check)
    export = cat_sub.add_parser("export", help="print the catalogue as JSON")
    export.add_argument("--json", action="store_true", default=True, help="JSON (the default)")
    export.add_argument("--dir", help="catalogue directory (default from config)")
    export.set_defaults(func=cmd_catalogue_export)
    from neuvobot.catalogue.report_render import register as register_report

    register_report(cat_sub)
    from neuvobot.catalogue.ptv.command import register as register_ptv

    register_ptv(cat_sub)
    from neuvobot.catalogue.diff import register as register_diff

    register_diff(cat_sub)

    console = sub.add_parser("console", help="chat with Neuvobot in the terminal (no network)")
    console.add_argument(
        "--municipality", type=municipality_arg, help="municipality slug, e.g. turku"
    )
    console.add_argument("--lang", choices=["fi", "sv", "en"], help="reply language")
    console.set_defaults(func=cmd_console)

    nurse = sub.add_parser("nurse", help="the nurses' queue in the terminal")
    nurse.add_argument("--team", required=True, help="nurse team id from the config")
    nurse.add_argument("--nurse", type=int, help="act as this nurse (Telegram id in the config)")
    nurse.set_defaults(func=cmd_nurse)

    ask = sub.add_parser("ask", help="answer one question (or a batch) as the bot would")
    ask.add_argument("question", nargs="?", help="the family's question")
    ask.add_argument("--municipality", type=municipality_arg, help="municipality slug, e.g. turku")
    ask.add_argument("--lang", choices=["fi", "sv", "en"], help="reply language (default: detect)")
    ask.add_argument("--json", action="store_true", help="one JSON object instead of text")
    ask.add_argument("--batch", metavar="FILE|-", help="JSON lines {municipality, q, lang?}")
    ask.set_defaults(func=cmd_ask)

    # Feature packages add their own sub-commands, so this file stays a thin dispatcher.
    from neuvobot.channels.telegram.commands import register as register_telegram
    from neuvobot.search.commands import register as register_search

    register_search(sub)
    from neuvobot.insights.command import register as register_insights

    register_insights(sub)
    register_telegram(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ConfigError as exc:
        print(f"Config problem: {exc}", file=sys.stderr)
        return 2
    except CatalogueError as exc:
        # The bot never starts on a broken catalogue; the editor gets every path:line at once.
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(
            f"The catalogue has {len(exc.problems)} problem(s); Neuvobot did not start. "
            "Fix them (see `neuvobot catalogue check`) or point catalogue_dir / "
            "NEUVOBOT_CATALOGUE at the right directory.",
            file=sys.stderr,
        )
        return 2
    except DatabaseFileError as exc:
        print(exc, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
