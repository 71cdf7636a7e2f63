"""`neuvobot catalogue import-ptv`: PTV v11 JSON -> catalogue YAML files for editors."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

HELP = """\
Convert services and service channels exported from the Suomi.fi Palvelutietovaranto (PTV)
open API v11 into catalogue YAML files under DIR (national.yaml, <region>/region.yaml,
<region>/<municipality>.yaml). Each FILE may hold one service or one service channel, a
list of them (mixed), a page as the list endpoints return it ({pageNumber, ..., itemList}),
or {"services": ..., "channels": ...} holding any of these. Give the services and the
channels they link to (e.g. from /api/v11/ServiceChannel/list?guids=...) in one run.
Every entry is marked `review: needed` with `source: ptv:<PTV id>`; values that do not pass
the catalogue's checks are left out with a note on stderr. Existing files are not replaced.

With --api [BASE] (and --municipality SLUG, --region SLUG or --all) the services and their
channels are fetched from the PTV open API instead (BASE defaults to ptv.api_base in the
config): the answers are kept in DIR/.ptv-download/, so an interrupted run can be started
again and goes on where it stopped; 429 and 5xx answers are retried with a growing wait.
"""


def register(cat_sub: argparse._SubParsersAction) -> None:
    parser = cat_sub.add_parser(
        "import-ptv",
        help="convert PTV (Suomi.fi) v11 JSON into catalogue YAML for review",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="*", metavar="FILE.json", help="PTV v11 JSON file(s)")
    parser.add_argument(
        "--api",
        nargs="?",
        const="",
        metavar="BASE",
        help="fetch from the PTV open API instead of files (BASE defaults to ptv.api_base "
        "in the config); needs --municipality, --region or --all",
    )
    parser.add_argument(
        "--municipality",
        metavar="SLUG",
        help="import only services that serve this municipality (e.g. turku)",
    )
    parser.add_argument("--region", metavar="SLUG", help="with --api: every municipality there")
    parser.add_argument("--all", action="store_true", help="with --api: all 49 municipalities")
    parser.add_argument("--out", required=True, metavar="DIR", help="directory for the YAML")
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        help=argparse.SUPPRESS,  # fixes "today" for seasonal and past hours (tests)
    )
    parser.set_defaults(func=cmd_import_ptv)


def _download(args: argparse.Namespace) -> list[Path] | None:
    """Fetch from the API into --out/.ptv-download/; None (after saying why) on failure."""
    from neuvobot.catalogue.municipalities import MUNICIPALITIES, REGIONS
    from neuvobot.catalogue.ptv.api import ApiError, download

    if args.files:
        print("Give either JSON files or --api, not both.", file=sys.stderr)
        return None
    if sum(map(bool, (args.municipality, args.region, args.all))) != 1:
        print("With --api give one of --municipality, --region or --all.", file=sys.stderr)
        return None
    if args.region and args.region not in REGIONS:
        known = ", ".join(sorted(REGIONS))
        print(f"Unknown region {args.region!r}; the regions are {known}.", file=sys.stderr)
        return None
    if args.municipality:
        slugs = [args.municipality]
    elif args.region:
        slugs = list(REGIONS[args.region])
    else:
        slugs = list(MUNICIPALITIES)
    base = args.api or _configured_base(args)
    try:
        return download(base, Path(args.out), [MUNICIPALITIES[s].code for s in slugs])
    except ApiError as exc:
        print(exc, file=sys.stderr)
        return None


def _configured_base(args: argparse.Namespace) -> str:
    from neuvobot.config import load_settings

    return load_settings(getattr(args, "config", None)).ptv.api_base


def cmd_import_ptv(args: argparse.Namespace) -> int:
    from neuvobot.catalogue.municipalities import unknown_municipality
    from neuvobot.catalogue.ptv.convert import convert
    from neuvobot.catalogue.ptv.v11 import InputError, read_files
    from neuvobot.catalogue.ptv.write import OutputError, write_catalogue

    problem = unknown_municipality(args.municipality) if args.municipality else None
    if problem:
        print(problem, file=sys.stderr)
        return 2
    today = args.today or dt.date.today()
    if args.api is not None:
        paths = _download(args)
        if paths is None:
            return 2
    elif not args.files:
        print("Give PTV JSON files, or --api to fetch from PTV.", file=sys.stderr)
        return 2
    else:
        paths = [Path(f) for f in args.files]
    try:
        bundle, notes = read_files(paths, repeats=args.api is not None)
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 1
    result = convert(bundle, today=today, municipality=args.municipality)
    for note in notes + result.notes:
        print(f"note: {note}", file=sys.stderr)
    if not result.entries:
        found = f"{len(bundle.services)} service(s), {len(bundle.channels)} channel(s)"
        print(f"Nothing imported: the input had {found} and none could be used.", file=sys.stderr)
        return 1
    try:
        sources = ["the PTV API"] if args.api is not None else [p.name for p in paths]
        written = write_catalogue(Path(args.out), result.entries, sources, today)
    except OutputError as exc:
        print(exc, file=sys.stderr)
        return 1
    channels = sum(len(e.service["channels"]) for e in result.entries)
    print(
        f"Imported {len(result.entries)} service(s) with {channels} channel(s) into "
        f"{len(written)} file(s), all marked `review: needed`:"
    )
    for path in written:
        print(f"  {path}")
    if result.skipped:
        print(f"Not imported: {result.skipped} service(s) (see the notes).")
    all_notes = len(notes) + len(result.notes)
    if all_notes:
        print(f"{all_notes} note(s) on what was left out or changed are on stderr.")
    return 0
