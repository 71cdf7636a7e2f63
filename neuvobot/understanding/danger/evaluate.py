"""Catch rate and false alarms of the danger check on labelled message sets.

Sets live in `tests/eval/danger/`: `messages:` with `text`, `lang`, and either
`category` (danger now; `symptoms` for poisoning) or `kind` (a near miss, not danger).
Results are per category and language, so a weak spot cannot hide in an average.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml

from neuvobot.understanding.danger import detect_danger


def load_sets(paths: list[str]) -> list[dict]:
    messages: list[dict] = []
    for path in paths:
        files = sorted(Path(path).glob("*.yaml")) if Path(path).is_dir() else [Path(path)]
        for file in files:
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
            for message in data.get("messages", []):
                messages.append({**message, "file": file.name})
    return messages


def questions_as_messages(path: str) -> list[dict]:
    """A search question file's `urgent:` flags as a danger set: urgent questions must be
    caught, the others are ordinary questions that must not alarm."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    messages = []
    for question in data.get("questions", []):
        base = {"text": question["q"], "lang": question.get("lang", "?"), "file": Path(path).name}
        if question.get("urgent"):
            messages.append({**base, "category": "urgent (question file)"})
        else:
            messages.append({**base, "kind": "ordinary question"})
    return messages


def danger_report(messages: list[dict]) -> dict:
    caught: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    alarms: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    missed: list[dict] = []
    false_alarms: list[dict] = []
    for message in messages:
        danger = detect_danger(message["text"])
        lang = message.get("lang", "?")
        if "category" in message:
            cell = caught[(message["category"], lang)]
            cell[1] += 1
            if danger is not None:
                cell[0] += 1
            else:
                missed.append(message)
        else:
            cell = alarms[(message.get("kind", "other"), lang)]
            cell[1] += 1
            if danger is not None:
                cell[0] += 1
                false_alarms.append({**message, "found": danger.category.value})
    return {
        "caught": _table(caught),
        "false_alarms": _table(alarms),
        "missed": missed,
        "false_alarm_messages": false_alarms,
    }


def _table(cells: dict[tuple[str, str], list[int]]) -> dict:
    rows: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for (row, lang), (hits, total) in sorted(cells.items()):
        rows[row][lang] = [hits, total]
    for langs in rows.values():
        langs["all"] = [sum(v[0] for v in langs.values()), sum(v[1] for v in langs.values())]
    return dict(rows)


def format_danger_report(report: dict, show_messages: bool = False) -> str:
    lines: list[str] = []
    for title, key in (
        ("Danger now: caught", "caught"),
        ("Near misses: false alarms", "false_alarms"),
    ):
        table = report[key]
        if not table:
            continue
        langs = sorted({lang for row in table.values() for lang in row if lang != "all"})
        lines.append(f"{title} (hits/total)")
        lines.append("| " + " | ".join(["", *langs, "all"]) + " |")
        lines.append("|" + " --- |" * (len(langs) + 2))
        totals = [0, 0]
        for row, cells in table.items():
            shown = [
                f"{cells[lang][0]}/{cells[lang][1]}" if lang in cells else "" for lang in langs
            ]
            hits, total = cells["all"]
            totals[0] += hits
            totals[1] += total
            lines.append(f"| {row} | " + " | ".join(shown) + f" | {hits}/{total} |")
        share = totals[0] / totals[1] if totals[1] else 0.0
        lines.append(f"total {totals[0]}/{totals[1]} ({share:.1%})")
        lines.append("")
    if show_messages:
        for message in report["missed"]:
            lines.append(f"missed [{message['category']}/{message['lang']}]: {message['text']!r}")
        for message in report["false_alarm_messages"]:
            lines.append(
                f"false alarm [{message.get('kind')}→{message['found']}]: {message['text']!r}"
            )
    return "\n".join(lines)
