"""The danger check measured on the independent sets in tests/eval (see their origin:).

These are floors, not goals: they fail when a change loses what the check catches today.
The goal (every danger-now message caught, per category and language) and today's
figures are in README "Danger now". The held-out sets are measured too, with looser
floors, because nobody may change a rule after reading them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from neuvobot.conversation.core import Conversation, Incoming, InKind
from neuvobot.conversation.texts import t
from neuvobot.storage.base import UserState
from neuvobot.storage.sqlite import SqliteStorage
from neuvobot.understanding.danger import DangerCategory
from neuvobot.understanding.danger.evaluate import danger_report, load_sets
from tests.conftest import SHIPPED_CATALOGUE

EVAL = Path(__file__).resolve().parents[1] / "eval"


def _rate(cells: dict) -> float:
    hits, total = cells["all"]
    return hits / total


@pytest.fixture(scope="module")
def dev_report():
    # fresh-2, -3 and -4 were each measured once on arrival, then became development sets
    sets = ("danger", "danger-dev-2", "danger-fresh-2", "danger-fresh-3", "danger-fresh-4")
    return danger_report(load_sets([str(EVAL / name) for name in sets]))


def test_every_category_caught_in_every_language_mostly(dev_report):
    caught = dev_report["caught"]
    assert set(caught) == {c.value for c in DangerCategory}
    for category, cells in caught.items():
        assert _rate(cells) >= 0.92, (category, cells)
    hits = sum(c["all"][0] for c in caught.values())
    total = sum(c["all"][1] for c in caught.values())
    assert hits / total >= 0.98, dev_report["missed"]


def test_near_misses_rarely_alarm(dev_report):
    alarms = dev_report["false_alarms"]
    hits = sum(c["all"][0] for c in alarms.values())
    total = sum(c["all"][1] for c in alarms.values())
    assert total >= 600
    assert hits / total <= 0.03, dev_report["false_alarm_messages"]


def test_ordinary_family_questions_almost_never_alarm():
    from neuvobot.understanding.danger.evaluate import questions_as_messages

    messages = []
    for name in ("questions-fi.yaml", "questions-sv-en.yaml"):
        messages += questions_as_messages(str(EVAL / "search" / name))
    report = danger_report(messages)
    hits, total = report["false_alarms"]["ordinary question"]["all"]
    assert total >= 800 and hits / total <= 0.03, report["false_alarm_messages"]


def test_held_out_sets_stay_above_their_floors():
    report = danger_report(load_sets([str(EVAL / "danger-holdout")]))
    caught = sum(c["all"][0] for c in report["caught"].values())
    urgent = sum(c["all"][1] for c in report["caught"].values())
    alarms = sum(c["all"][0] for c in report["false_alarms"].values())
    calm = sum(c["all"][1] for c in report["false_alarms"].values())
    assert caught / urgent >= 0.85
    assert alarms / calm <= 0.15


async def test_through_the_core_the_first_reply_leads_with_the_number(tmp_path):
    """Every caught message of the Finnish set, sent by a family in Salo: 112 (or, for a
    symptom-free swallowing, the Poison Information Centre) in the first 240 characters."""
    from neuvobot.app import build_searcher

    storage = SqliteStorage(tmp_path / "bot.sqlite3")
    await storage.open()
    searcher = build_searcher(SHIPPED_CATALOGUE, tmp_path / "index")
    bot = Conversation(storage, lambda: searcher)
    messages = load_sets([str(EVAL / "danger" / "urgent-fi.yaml")])
    checked = 0
    try:
        for number, message in enumerate(messages):
            key = f"test:{number}"
            await storage.save_user(
                UserState(key=key, channel="console", lang="fi", municipality="salo")
            )
            out = await bot.handle(Incoming(key, "console", InKind.text, message["text"], "fi"))
            if out.urgent is None:
                continue
            head = out.replies[0].text[:240]
            poison_first = head.startswith(t("fi", "danger_poisoning_advice")[:20])
            assert "112" in head or ("0800 147 111" in head and poison_first), message
            checked += 1
    finally:
        await storage.close()
    assert checked >= 0.95 * len(messages)


def test_ask_json_marks_a_compound_word_poisoning_urgent(tmp_path):
    env = {**os.environ, "NEUVOBOT_DB": str(tmp_path / "ask.sqlite3")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "neuvobot.cli",
            "ask",
            "--municipality",
            "salo",
            "--json",
            "mummo nielas verenpainelääkkeitä ja nyt se on tosi tokkurainen",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["urgent"] is True
    assert "112" in answer["text"][:240]


LATER_DEV = ("danger-fresh-7", "danger-fresh-8", "danger-fresh-9", "danger-fresh-10")
LATER_DEV += ("danger-fresh-11", "danger-fresh-12", "danger-fresh-15", "danger-fresh-16")
LATER_DEV += ("danger-fresh-18",)


def test_later_development_sets_keep_what_reading_them_taught():
    """Sets 7–18 were each measured once on arrival (README), then read as development
    sets: what was learnt from them must not be lost by a later change."""
    report = danger_report(load_sets([str(EVAL / name) for name in LATER_DEV]))
    caught = report["caught"]
    for category, cells in caught.items():
        assert _rate(cells) >= 0.9, (category, cells)
    hits = sum(c["all"][0] for c in caught.values())
    total = sum(c["all"][1] for c in caught.values())
    assert total >= 1000 and hits / total >= 0.97, report["missed"]
    alarms = sum(c["all"][0] for c in report["false_alarms"].values())
    calm = sum(c["all"][1] for c in report["false_alarms"].values())
    assert alarms / calm <= 0.05, report["false_alarm_messages"]


def test_later_held_out_sets_stay_above_their_floors():
    """Sets 13, 14, 17 and 19 are measured, never read: a loose floor, so that a change
    that breaks what they test shows, without anyone fitting rules to them."""
    sets = ("danger-fresh-13", "danger-fresh-14", "danger-fresh-17", "danger-fresh-19")
    report = danger_report(load_sets([str(EVAL / name) for name in sets]))
    caught = sum(c["all"][0] for c in report["caught"].values())
    urgent = sum(c["all"][1] for c in report["caught"].values())
    alarms = sum(c["all"][0] for c in report["false_alarms"].values())
    calm = sum(c["all"][1] for c in report["false_alarms"].values())
    assert urgent >= 300 and caught / urgent >= 0.85
    assert alarms / calm <= 0.12
