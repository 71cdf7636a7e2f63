"""The database file locked by someone else, or the disk full, for a moment.

Core level (console, `ask`: a family waits for the answer): the bot says it has a
technical problem and asks to try again in a moment; what it knew stays; once the
database is back the next message is answered normally.

Telegram (the inbox poller): the message is kept (Telegram holds it until we confirm, or
it is already in the inbox) and answered by itself once the database is back; the family
is told once, straight away, that there is a problem and that their message is kept.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3

import pytest

from neuvobot.conversation.core import Conversation, FloodGuard, Incoming, InKind
from neuvobot.conversation.texts import t
from neuvobot.search.language import detect_language
from neuvobot.storage.base import StorageError
from neuvobot.storage.sqlite import SqliteStorage
from tests.fakes.telegram_api import FakeBotAPI
from tests.robustness.harness import open_stack


def say(core: Conversation, text: str, user: str = "test:1"):
    kind = InKind.command if text.startswith("/") else InKind.text
    return core.handle(Incoming(user, "test", kind, text, "fi"))


class locked:
    """Another process holds the database: BEGIN EXCLUSIVE on a second connection (from a
    thread: the bot's own transaction must be able to finish while we wait for it)."""

    def __init__(self, path) -> None:
        self.other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.held = False

    async def __aenter__(self) -> None:
        await asyncio.to_thread(self.other.execute, "BEGIN EXCLUSIVE")
        self.held = True

    async def __aexit__(self, *exc) -> None:
        if self.held:
            self.other.execute("ROLLBACK")
            self.held = False
        self.other.close()


async def disk_full(storage: SqliteStorage, full: bool) -> None:
    """A full disk, for this database: it may not grow past the pages it has, and the
    room left in them is filled up (smaller and smaller rows until none fits)."""
    if not full:
        await storage._fetch("PRAGMA max_page_count = 1073741823", ())
        return
    (pages,) = (await storage._fetch("PRAGMA page_count", ()))[0]
    await storage._fetch(f"PRAGMA max_page_count = {pages}", ())
    for size in (2000, 400, 80, 16, 1):
        with contextlib.suppress(StorageError):
            for _ in range(400):
                await storage.log_message("filler", "in", "x" * size)


@pytest.fixture
async def storage(tmp_path):
    store = SqliteStorage(tmp_path / "bot.sqlite3")
    await store.open()
    # Seconds of SQLite's busy wait per statement would only make the test slow.
    store.busy_timeout = 0.05
    yield store
    await store.close()


@pytest.fixture
def core(storage, searcher):
    return Conversation(
        storage, lambda: searcher, detect_language=detect_language, flood=FloodGuard(10**9)
    )


async def test_locked_database_core_says_so_keeps_state_and_recovers(tmp_path, storage, core):
    await say(core, "/start")
    await say(core, "turku")
    async with locked(tmp_path / "bot.sqlite3"):
        out = await say(core, "neuvola")
        assert [r.text for r in out.replies] == [t("fi", "storage_problem")]
        assert "Yritä hetken päästä uudelleen" in out.text  # the family knows to resend
        out = await say(core, "lapsi ei hengitä")  # danger: 112 first, even now
        assert out.replies[0].text == t("fi", "danger_breathing")
        assert out.replies[-1].text == t("fi", "storage_problem")
    out = await say(core, "neuvola")  # back: answered normally, Turku still known
    assert out.services and out.replies[0].text.startswith("Nämä voivat auttaa (Turku)")
    user = await storage.get_user("test:1")
    assert user is not None and user.municipality == "turku"


async def test_full_disk_core_says_so_keeps_state_and_recovers(storage, core):
    await say(core, "/start")
    await say(core, "salo")
    before = await storage.recent_messages("test:1", 50)
    await disk_full(storage, True)
    out = await say(core, "perheneuvola")
    assert [r.text for r in out.replies] == [t("fi", "storage_problem")]
    assert (await storage.get_user("test:1")).municipality == "salo"
    await disk_full(storage, False)
    out = await say(core, "perheneuvola")
    assert out.services and "(Salo)" in out.replies[0].text
    after = await storage.recent_messages("test:1", 50)
    assert [m.text for m in after[: len(before)]] == [m.text for m in before]


# ---------------------------------------------------------------------------- Telegram


async def run_stack(stack):
    tasks = [asyncio.create_task(stack.worker.run()), asyncio.create_task(stack.poller.run())]
    return tasks


async def stop_tasks(tasks):
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


@pytest.mark.parametrize("fault", ["locked", "full"])
async def test_telegram_keeps_the_message_and_answers_it_when_the_database_is_back(
    tmp_path, searcher, fault
):
    fake = FakeBotAPI()
    stack = await open_stack(tmp_path / "bot.sqlite3", await fake.start(), searcher)
    stack.storage.busy_timeout = 0.05
    tasks = await run_stack(stack)
    family = 8001
    lock = locked(tmp_path / "bot.sqlite3")
    try:
        await fake.send_text(family, "/start")
        await fake.send_text(family, "turku")
        await fake.wait_for(family, 2)
        if fault == "locked":
            await lock.__aenter__()
        else:
            await disk_full(stack.storage, True)
        await fake.send_text(family, "neuvola")
        await fake.send_text(family, "lapsi ei hengitä")
        await fake.send_text(family + 1, "/start")
        # Told at once, without the database: 112 for the danger, the problem once a chat.
        await fake.wait_for(family + 1, 1)
        sent = await fake.wait_for(family, 4)
        kept = t("fi", "storage_problem_kept")
        assert [s.text for s in sent[2:]] == [kept, t("fi", "danger_breathing")]
        assert fake.to(family + 1)[0].text == kept
        await asyncio.sleep(1.0)  # retries go on meanwhile; nothing more is said
        assert len(fake.to(family)) == 4
        if fault == "locked":
            await lock.__aexit__()
        else:
            await disk_full(stack.storage, False)
        # Back: every message answered, once, in order.
        sent = await fake.wait_for(family, 6, timeout=30)
        assert sent[4].text.startswith("Nämä voivat auttaa (Turku)")
        assert "112" in sent[5].text.splitlines()[0]
        assert "Missä kunnassa" in (await fake.wait_for(family + 1, 2))[1].text
        await asyncio.sleep(1.0)
        assert len(fake.to(family)) == 6 and len(fake.to(family + 1)) == 2
        pending = await stack.storage._read("SELECT COUNT(*) FROM inbox WHERE status='pending'")
        assert pending[0][0] == 0
    finally:
        with contextlib.suppress(Exception):
            await lock.__aexit__()
        await stop_tasks(tasks)
        await stack.close()
        await fake.stop()


class LockingFakeBotAPI(FakeBotAPI):
    """Delivers the first message, then the database gets locked before the bot can record
    that it was sent."""

    lock: locked | None = None
    done = False

    async def _api_sendMessage(self, params):
        response = await super()._api_sendMessage(params)
        if self.lock is not None and not self.done:
            self.done = True
            await self.lock.__aenter__()
        return response


async def test_a_message_sent_while_the_database_locks_is_not_sent_again(tmp_path, searcher):
    fake = LockingFakeBotAPI()
    stack = await open_stack(tmp_path / "bot.sqlite3", await fake.start(), searcher)
    stack.storage.busy_timeout = 0.05
    fake.lock = locked(tmp_path / "bot.sqlite3")
    worker = asyncio.create_task(stack.worker.run())
    try:
        await stack.storage.enqueue("tg:8101", {"chat_id": 8101, "text": "vastaus", "buttons": []})
        stack.outbox.wakeup.set()
        await fake.wait_for(8101, 1)
        await asyncio.sleep(1.5)  # the worker tries to record it, and fails, meanwhile
        assert fake.lock.held
        await fake.lock.__aexit__()
        for _ in range(50):
            if not await stack.storage._read("SELECT id FROM outbox"):
                break
            await asyncio.sleep(0.1)
        assert await stack.storage._read("SELECT id FROM outbox") == []
        assert [s.text for s in fake.to(8101)] == ["vastaus"]  # once
    finally:
        with contextlib.suppress(Exception):
            await fake.lock.__aexit__()
        await stop_tasks([worker])
        await stack.close()
        await fake.stop()
