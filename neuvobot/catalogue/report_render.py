"""`neuvobot catalogue report` as text, Markdown and HTML, and its command line.

The findings come from `report.collect_report`; this module only shows them, the same
content in every format, so an editor's e-mailed HTML says what the terminal says.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from neuvobot.catalogue.report import (
    CatalogueUnreadable,
    Finding,
    Kind,
    Report,
    collect_report,
)

# --------------------------------------------------------------------------- labels


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def kind_summary(kind: Kind, n: int, months: int) -> str:
    labels = {
        Kind.load_problem: ("file problem", "file problems"),
        Kind.no_channel: (
            "entry without a contact channel",
            "entries without a contact channel",
        ),
        Kind.bad_contact: ("bad phone number or link", "bad phone numbers or links"),
        Kind.review_needed: ("entry needs review", "entries need review"),
        Kind.review_overdue: (
            f"entry not reviewed for over {months} months",
            f"entries not reviewed for over {months} months",
        ),
        Kind.missing_translation: ("entry missing translations", "entries missing translations"),
        Kind.missing_local_service: (
            "local service type missing",
            "local service types missing",
        ),
        Kind.missing_coverage: ("service type nobody provides", "service types nobody provides"),
        Kind.no_hours: ("channel without hours", "channels without hours"),
        Kind.never_opens: ("channel whose hours never open", "channels whose hours never open"),
    }
    one, many = labels[kind]
    return _plural(n, one, many)


def group_summary(findings: Iterable[Finding], months: int) -> str:
    counts = Counter(f.kind for f in findings)
    return ", ".join(kind_summary(k, counts[k], months) for k in Kind if counts[k])


# --------------------------------------------------------------------------- rendering


def _intro(report: Report) -> list[str]:
    findings = report.findings
    lines = [
        f"Catalogue report for {report.root} on {report.today.isoformat()}.",
        f"{_plural(report.entries, 'entry', 'entries')} loaded; "
        f"{_plural(len(findings), 'finding', 'findings')} in "
        f"{_plural(len(report.groups), 'group', 'groups')}. "
        f"An entry is overdue when it has not been reviewed for {report.months} months.",
    ]
    if findings:
        lines.append(f"Summary: {group_summary(findings, report.months)}.")
    return lines


NO_CHANNEL_TITLE = "First: entries families cannot reach (no contact channel)"


def sections(report: Report) -> list[tuple[str, str, list[tuple[Finding, bool]]]]:
    """(title, summary, [(finding, show what to do)]): the entries with no contact channel
    first, then each group with its other findings. Every finding appears once, and what
    to do once per kind in a section (the same advice forty times hides the findings)."""
    out = []
    unreachable = [f for f in report.findings if f.kind is Kind.no_channel]
    parts = [(NO_CHANNEL_TITLE, unreachable)] if unreachable else []
    for group, findings in report.groups:
        rest = [f for f in findings if f.kind is not Kind.no_channel]
        if rest:
            parts.append((group.title, rest))
    for title, findings in parts:
        seen: set[Kind] = set()
        shown = []
        for f in findings:
            shown.append((f, f.kind not in seen))
            seen.add(f.kind)
        out.append((title, group_summary(findings, report.months), shown))
    return out


def render_text(report: Report) -> str:
    lines = _intro(report)
    if not report.groups:
        lines.append("Nothing to fix or check.")
    for title, summary, findings in sections(report):
        lines += ["", f"{title}: {summary}"]
        for f, advise in findings:
            entry = f" {f.entry}:" if f.entry else ""
            lines.append(f"  {f.where}:{entry} {f.message}")
            if advise:
                lines.append(f"      What to do: {f.action}")
    return "\n".join(lines) + "\n"


_MD_SPECIAL = re.compile(r"([\\*_\[\]<>#|!])")


def _md(text: str) -> str:
    """Escape Markdown outside `code` spans; code spans are kept as they are."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: treat it all as plain text
        return _MD_SPECIAL.sub(r"\\\1", text).replace("`", "\\`")
    return "`".join(p if i % 2 else _MD_SPECIAL.sub(r"\\\1", p) for i, p in enumerate(parts))


def render_markdown(report: Report) -> str:
    lines = ["# Catalogue report"]
    for paragraph in _intro(report):
        lines += ["", _md(paragraph)]
    if not report.groups:
        lines += ["", "Nothing to fix or check."]
    for title, summary, findings in sections(report):
        lines += ["", f"## {_md(title)}", "", _md(summary)]
        lines.append("")
        for f, advise in findings:
            entry = f" `{f.entry}`:" if f.entry else ""
            lines.append(f"- `{f.where}`:{entry} {_md(f.message)}  ")
            if advise:
                lines.append(f"  What to do: {_md(f.action)}")
    return "\n".join(lines) + "\n"


def _html(text: str) -> str:
    escaped = html.escape(text, quote=True)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)


_CSS = (
    "body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.4}h2{margin-top:2rem;border-bottom:1px solid #ccc}"
    "li{margin-bottom:.6rem}.where{font-family:monospace;color:#555}"
    ".todo{display:block;color:#333}code{background:#f3f3f3;padding:0 .2rem}"
)


def render_html(report: Report) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8"><title>Catalogue report</title>',
        f"<style>{_CSS}</style></head>",
        "<body>",
        "<h1>Catalogue report</h1>",
        *(f"<p>{_html(t)}</p>" for t in _intro(report)),
    ]
    if not report.groups:
        out.append("<p>Nothing to fix or check.</p>")
    for title, summary, findings in sections(report):
        out.append(f"<section><h2>{_html(title)}</h2>")
        out.append(f"<p>{_html(summary)}</p><ul>")
        for f, advise in findings:
            entry = f" <code>{_html(f.entry)}</code>:" if f.entry else ""
            todo = f'<span class="todo">What to do: {_html(f.action)}</span>' if advise else ""
            out.append(
                f'<li><span class="where">{_html(f.where)}</span>:{entry} {_html(f.message)}'
                f"{todo}</li>"
            )
        out.append("</ul></section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


RENDERERS = {"text": render_text, "markdown": render_markdown, "html": render_html}


# --------------------------------------------------------------------------- command line


def cmd_catalogue_report(args: argparse.Namespace) -> int:
    months = args.months
    root = Path(args.dir) if args.dir else None
    if root is None or months is None:
        from neuvobot.config import load_settings

        settings = load_settings(getattr(args, "config", None))
        root = root or settings.catalogue_dir
        months = months or settings.review_after_months
    try:
        report = collect_report(root, months=months)
    except CatalogueUnreadable as exc:
        print(f"Cannot make a report: {exc}", file=sys.stderr)
        return 1
    text = RENDERERS[args.format](report)
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"Cannot write the report to {args.out}: {exc.strerror}", file=sys.stderr)
            return 2
        print(
            f"Report written to {args.out}: "
            f"{_plural(len(report.findings), 'finding', 'findings')} in "
            f"{_plural(len(report.groups), 'group', 'groups')}."
        )
    else:
        sys.stdout.write(text)
    return 0


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of months (1 or more)")
    return number


def register(cat_sub: Any) -> None:
    """Add `report` to the `neuvobot catalogue` sub-commands."""
    report = cat_sub.add_parser(
        "report", help="what editors should fix or check, grouped by municipality and provider"
    )
    report.add_argument("dir", nargs="?", help="catalogue directory (default from config)")
    report.add_argument(
        "--format", choices=sorted(RENDERERS), default="text", help="text (default), markdown, html"
    )
    report.add_argument("--out", metavar="FILE", help="write the report to FILE")
    report.add_argument(
        "--months",
        type=_positive,
        metavar="N",
        help="an entry is overdue when not reviewed for N months (default from config: 12)",
    )
    report.set_defaults(func=cmd_catalogue_report)
