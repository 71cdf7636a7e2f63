"""`neuvobot run`: start the Telegram bot."""

from __future__ import annotations

import argparse


def cmd_run(args: argparse.Namespace) -> int:
    from neuvobot.catalogue.loader import CatalogueError
    from neuvobot.channels.telegram.runner import run
    from neuvobot.config import load_settings

    settings = load_settings(args.config or getattr(args, "run_config", None))
    try:
        return run(settings)
    except CatalogueError as exc:
        print(f"The catalogue has problems; fix them first:\n{exc}")
        return 1


def register(sub: argparse._SubParsersAction) -> None:
    run = sub.add_parser("run", help="start the Telegram bot (long polling)")
    run.add_argument("--config", dest="run_config", help="config file (e.g. config.example.yaml)")
    run.set_defaults(func=cmd_run)
