"""The `neuvobot` command line: one entry point, one small function per sub-command."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from neuvobot.config import ConfigError, Settings, load_settings


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(getattr(args, "config", None))


def _catalogue_dir(args: argparse.Namespace) -> Path:
    given = getattr(args, "dir", None)
    return Path(given) if given else _settings(args).catalogue_dir


def cmd_catalogue_check(args: argparse.Namespace) -> int:
    from neuvobot.catalogue.loader import load_catalogue, summary_counts

    root = _catalogue_dir(args)
    catalogue = load_catalogue(root)
    problems = list(catalogue.problems)
    if not problems:
        from neuvobot.catalogue.checks import coverage_problems

        problems = coverage_problems(catalogue)
    for problem in problems:
        print(problem)
    if problems:
        print(f"\n{len(problems)} problem(s) in {root}. Fix them and run the check again.",
              file=sys.stderr)
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

    # Feature packages add their own sub-commands, so this file stays a thin dispatcher.
    from neuvobot.search.commands import register as register_search

    register_search(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ConfigError as exc:
        print(f"Config problem: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
