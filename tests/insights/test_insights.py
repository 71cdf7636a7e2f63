"""Unmatched questions are kept without who asked, purged in time, and reported to editors."""

from __future__ import annotations

import asyncio
import datetime as dt
import json

import pytest

from neuvobot.app import build_searcher, purge_expired
from neuvobot.cli import main
from neuvobot.conversation.core import Conversation, Incoming, InKind
from neuvobot.escalation.queue import NurseQueue
from neuvobot.escalation.teams import Teams
from neuvobot.storage.base import UserState
from neuvobot.storage.sqlite import SqliteStorage
from tests.conftest import SHIPPED_CATALOGUE

NOW = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)  # a Tuesday, 10:00 in Helsinki
TEAM = {
    "id": "varha",
    "serves": ["region:varsinais-suomi"],
    "staff_chat_id": -100,
    "nurses": [{"telegram_id": 501, "display_name": "Terveydenhoitaja Anna"}],
    "hours": "always",
}


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    return build_searcher(SHIPPED_CATALOGUE, tmp_path_factory.mktemp("index"))


@pytest.fixture
async def storage(tmp_path):
    store = SqliteStorage(tmp_path / "bot.sqlite3", clock=lambda: NOW)
    await store.open()
    yield store
    await store.close()


async def say(bot, storage, key: str, text: str, municipality: str = "turku"):
    if await storage.get_user(key) is None:
        await storage.save_user(
            UserState(key=key, channel="telegram", lang_fixed=True, municipality=municipality)
        )
    return await bot.handle(Incoming(key, "telegram", InKind.text, text, "fi"))


async def test_unmatched_question_is_kept_scrubbed_and_without_who_asked(storage, searcher):
    bot = Conversation(storage, lambda: searcher, clock=lambda: NOW)
    question = "Missä on vauvauinti? Matti 2v, soita 040 123 4567 tai matti@example.com"
    out = await say(bot, storage, "tg:777", question)
    # The catalogue has no service for it: the family is pointed to the first contact for a
    # 2-year-old (the clinic), and the editors still learn what was missing.
    assert {s.type for s in out.services} <= {"child_health_clinic", "clinic_nurse_chat"}
    assert "neuvola" in out.text.lower()
    await say(bot, storage, "tg:778", "perheneuvola jonottaa")  # found: not an insight

    rows = await storage.insights()
    assert [(r.municipality, r.source, r.day, r.count) for r in rows] == [
        ("turku", "no_match", dt.date(2026, 11, 24), 1)
    ]
    assert rows[0].text == "Missä on vauvauinti? … 2v, soita … tai …"
    dump = (await storage.table_dump())["insights"]
    assert set(dump[0]) == {"day", "municipality", "lang", "source", "text", "count"}
    for secret in ("tg:777", "777", "Matti", "4567", "example"):
        assert secret not in json.dumps(dump), secret

    # The same question again is counted, not stored twice.
    await say(bot, storage, "tg:779", question)
    assert [r.count for r in await storage.insights()] == [2]


async def test_question_that_went_to_a_nurse_is_kept(storage, searcher):
    queue = NurseQueue(storage, Teams.from_config([TEAM]), clock=lambda: NOW)
    bot = Conversation(storage, lambda: searcher, escalation=queue, clock=lambda: NOW)
    await say(bot, storage, "tg:900", "perheneuvola jonottaa, Liisa 5v")
    await bot.handle(Incoming("tg:900", "telegram", InKind.button, "nurse", "fi"))
    rows = await storage.insights()
    assert [(r.source, r.text) for r in rows] == [("nurse", "perheneuvola jonottaa, … 5v")]


async def test_retention_purge_removes_old_insights_only(storage):
    today = dt.datetime.now(dt.UTC).date()
    for days_ago in (0, 179, 181, 400):
        await storage.record_insight(
            today - dt.timedelta(days=days_ago), "salo", "fi", "no_match", f"kysymys {days_ago}"
        )
    await purge_expired(storage, retention_days=30, insights_days=180)
    assert sorted(r.text for r in await storage.insights()) == ["kysymys 0", "kysymys 179"]


LIBRARY = """
area: turku
services:
  - id: turku-library
    type: library_family_services
    name: {fi: Turun kaupunginkirjasto}
    summary: {fi: Satutunnit ja lastenkirjat.}
    keywords:
      fi: [kirjasto, satutunti]
    provider: {kind: municipality, name: {fi: Turun kaupunki}}
    channels:
      - kind: web
        url: https://example.org/kirjasto
    review: needed
"""
SYNONYMS = """
fi:
  päiväkoti: [varhaiskasvatus]
"""


async def _seed(db) -> None:
    store = SqliteStorage(db)
    await store.open()
    rows = [
        ("2026-11-20", "turku", "no_match", "onko vauvauinti", 3),
        ("2026-11-21", "turku", "no_match", "vauvauintia vauvalle", 4),
        ("2026-11-22", "kaarina", "nurse", "vauvauinnista tietoa", 1),
        ("2026-11-22", "kaarina", "no_match", "satutunti iltaisin", 2),
        ("2026-11-23", "turku", "no_match", "kirjsto auki", 1),
        ("2026-11-23", "turku", "no_match", "päiväkoti haku", 1),
        ("2026-01-05", "turku", "no_match", "vanha kysymys uimahalli", 4),
    ]
    for day, municipality, source, text, count in rows:
        for _ in range(count):
            await store.record_insight(dt.date.fromisoformat(day), municipality, "fi", source, text)
    await store.close()


@pytest.fixture
def seeded(make_catalogue, tmp_path, monkeypatch):
    # Sync: the command runs its own event loop, as from the shell.
    root = make_catalogue({"varsinais-suomi/turku.yaml": LIBRARY, "synonyms.yaml": SYNONYMS})
    db = tmp_path / "seeded.sqlite3"
    asyncio.run(_seed(db))
    monkeypatch.setenv("NEUVOBOT_DB", str(db))
    monkeypatch.setenv("NEUVOBOT_CATALOGUE", str(root))
    monkeypatch.chdir(tmp_path)  # no config.yaml here: defaults and the environment
    return db


def run_json(capsys, *args: str) -> dict:
    assert main(["insights", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_command_lists_frequent_words_with_what_to_do(seeded, capsys):
    report = run_json(capsys, "--since", "2026-11-01")
    assert report["questions"] == 12 and report["nurse"] == 1 and report["no_match"] == 11
    words = {w["term"]: w for w in report["words"]}
    top = report["words"][0]
    # Inflected forms count as one word: vauvauinti, vauvauintia, vauvauinnista.
    assert top["term"] == "vauvauinti" and top["count"] == 8
    assert set(top["forms"]) == {"vauvauinti", "vauvauintia", "vauvauinnista"}
    assert top["municipalities"] == {"turku": 7, "kaarina": 1} and top["nurse"] == 1
    assert top["suggestion"]["kind"] == "none"
    # The suggestion uses the base form, though "vauvauintia" was asked more often.
    assert top["word"] == "vauvauinti"
    assert "`vauvauinti: [palvelusana]` under fi: in synonyms.yaml" in top["suggestion"]["action"]

    # A keyword of a service that does not serve where families asked.
    satu = words["satutunti"]["suggestion"]
    assert satu["kind"] == "keyword" and satu["matches"][0]["serves_asked"] is False
    assert "none of them serves kaarina" in satu["action"]
    # A misspelling close to a keyword: add it as a synonym.
    close = words["kirjsto"]["suggestion"]
    assert close["kind"] == "close" and "`kirjsto: [kirjasto]`" in close["action"]
    # Already a synonym.
    assert words["paivakoti"]["suggestion"]["kind"] == "synonym"
    # Phrases asked more than once, by the words families used.
    assert {"phrase": "satutunti iltaisin", "count": 2} in report["phrases"]
    # --since leaves out older questions.
    assert "uimahalli" not in words


def test_command_filters_by_municipality_and_prints_text(seeded, capsys):
    report = run_json(capsys, "--municipality", "kaarina")
    assert report["questions"] == 3
    assert {w["term"] for w in report["words"]} == {"vauvauinti", "satutunti", "tieto", "iltainen"}

    assert main(["insights", "--municipality", "turku"]) == 0
    text = capsys.readouterr().out
    assert "Turku" in text and "vauvauinti" in text and "uimahalli" in text
    assert "→" in text  # every word comes with what to do


def test_command_errors_are_clear(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NEUVOBOT_DB", str(tmp_path / "none.sqlite3"))
    monkeypatch.chdir(tmp_path)
    assert main(["insights"]) == 1
    assert "No database at" in capsys.readouterr().err
    for bad in (["--since", "1.11.2026"], ["--municipality", "turkku"]):
        with pytest.raises(SystemExit):
            main(["insights", *bad])
        err = capsys.readouterr().err
        assert "YYYY-MM-DD" in err or "did you mean 'turku'" in err.lower()
