"""/forget leaves nothing that points back to the family; retention removes what is old."""

from __future__ import annotations

import datetime as dt

from neuvobot.channels.telegram.delivery import Outbox
from neuvobot.channels.telegram.nurse import TelegramNurseNotifier
from neuvobot.conversation.core import Incoming, InKind
from tests.privacy.inprocess import (
    CLOSE_NOTE,
    FAMILY_ID,
    FAMILY_KEY,
    NURSE_ID,
    SENTINELS,
    Flow,
    family_to_nurse,
    open_flow,
)

OTHER_KEY = "tg:5550001"
OTHER_TEXT = "neuvolan aukioloajat muuttuivat toinenperhe"


async def _other_family(flow: Flow) -> None:
    for text in ("/start", "salo", OTHER_TEXT):
        kind = InKind.command if text.startswith("/") else InKind.text
        await flow.bot.handle(Incoming(OTHER_KEY, "telegram", kind, text, "fi"))


def _mentions(dump: dict, *needles: str) -> list[tuple[str, dict]]:
    return [
        (table, row)
        for table, rows in dump.items()
        for row in rows
        if any(n in str(value) for value in row.values() for n in needles)
    ]


async def test_forget_in_a_live_nurse_chat_removes_everything_about_the_family(tmp_path, searcher):
    flow = await open_flow(tmp_path / "bot.sqlite3", searcher)
    try:
        # With the Telegram notifier, the staff card and the nurse's copy of the family's
        # words wait in the outbox too (no delivery worker runs here).
        flow.queue.notifier = TelegramNurseNotifier(flow.queue, Outbox(flow.storage))
        await _other_family(flow)
        case = await family_to_nurse(flow)
        # The family forges the nurses' Take button: refused and audited under their id.
        assert not (await flow.queue.take("varha", case.number, FAMILY_ID)).ok
        before = await flow.storage.table_dump()
        touched = {table for table, _row in _mentions(before, FAMILY_KEY, str(FAMILY_ID))}
        assert touched == {"users", "messages", "outbox", "cases", "case_events"}
        assert _mentions(before, "zyxwinchat")  # the nurse's pending copy quotes the family

        await flow.say("/forget", InKind.command)
        out = await flow.say("fg:y", InKind.button)
        assert out.forgotten

        after = await flow.storage.table_dump()
        assert _mentions(after, FAMILY_KEY, *SENTINELS) == []
        # The case number stays only in the one message that tells its nurse the chat ended
        # (deleted from the outbox once sent); it carries nothing else about the family.
        left = _mentions(after, case.number)
        assert [(table, row["chat"]) for table, row in left] == [("outbox", f"tg:{NURSE_ID}")]
        assert "poisti tietonsa" in left[0][1]["payload"] and left[0][1]["user_key"] is None
        # The open case was cancelled with it: the nurse's desk no longer holds it, and an
        # audit row without anything pointing to the family says so.
        assert await flow.queue.current_case(NURSE_ID) is None
        forgotten = [e for e in after["case_events"] if e["event"] == "open_case_forgotten"]
        assert len(forgotten) == 1 and forgotten[0]["case_id"] is None
        assert "taken" in forgotten[0]["detail"]
        # Another family's data is untouched.
        assert _mentions(after, OTHER_TEXT) and await flow.storage.get_user(OTHER_KEY)
    finally:
        await flow.storage.close()


async def test_forget_while_waiting_cancels_the_case_and_its_queue_place(tmp_path, searcher):
    flow = await open_flow(tmp_path / "bot.sqlite3", searcher)
    try:
        await flow.say("/start", InKind.command)
        await flow.say("turku")
        await flow.say("nurse", InKind.button)
        assert await flow.queue.cases.waiting("varha")
        await flow.say("/forget", InKind.command)
        await flow.say("fg:y", InKind.button)
        assert await flow.queue.cases.waiting("varha") == []
        assert _mentions(await flow.storage.table_dump(), FAMILY_KEY, str(FAMILY_ID)) == []
    finally:
        await flow.storage.close()


async def test_retention_purge_removes_what_is_older_than_the_limit(tmp_path, searcher):
    flow = await open_flow(tmp_path / "bot.sqlite3", searcher)
    now = flow.clock.now
    try:
        flow.clock.now = now - dt.timedelta(days=45)  # this family's rows are 45 days old
        case = await family_to_nurse(flow)
        assert (await flow.queue.close(case, NURSE_ID, CLOSE_NOTE)).ok
        for chat in (FAMILY_KEY, f"tg:{NURSE_ID}", "tg:-100"):
            await flow.storage.take_pending(chat)  # delivered
        flow.clock.now = now - dt.timedelta(days=2)
        await _other_family(flow)  # recent
        flow.clock.now = now

        removed = await flow.storage.purge_before(now - dt.timedelta(days=30))
        assert removed > 0
        dump = await flow.storage.table_dump()
        assert _mentions(dump, FAMILY_KEY, str(FAMILY_ID), *SENTINELS) == []
        # The closed case stays as an anonymous statistic (wait time, team).
        assert [c["number"] for c in dump["cases"]] == [case.number]
        assert dump["cases"][0]["user_key"] == "purged" and dump["cases"][0]["note"] is None
        # What is younger than the limit stays.
        assert _mentions(dump, OTHER_TEXT) and await flow.storage.get_user(OTHER_KEY)
        assert await flow.storage.purge_before(now - dt.timedelta(days=30)) == 0
    finally:
        await flow.storage.close()
