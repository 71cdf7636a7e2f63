"""The SQLite store keeps what families send, forgets on request and purges old data."""

from __future__ import annotations

import datetime as dt
import os
import stat

import pytest

from neuvobot.storage.base import StorageError, UserState
from neuvobot.storage.sqlite import SqliteStorage


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
async def store(tmp_path):
    clock = Clock()
    storage = SqliteStorage(tmp_path / "var" / "bot.sqlite3", clock=clock)
    await storage.open()
    storage.test_clock = clock
    yield storage
    await storage.close()


async def test_file_is_owner_only_and_in_wal_mode(store, tmp_path):
    mode = stat.S_IMODE(os.stat(tmp_path / "var" / "bot.sqlite3").st_mode)
    assert mode == 0o600
    rows = await store._read("PRAGMA journal_mode")
    assert rows[0][0] == "wal"


async def test_user_state_round_trip(store):
    user = UserState(
        key="tg:1",
        channel="telegram",
        lang="sv",
        municipality="turku",
        pending={"last": {"q": "dagis", "offset": 3}},
        unhelpful=1,
    )
    await store.save_user(user)
    again = await store.get_user("tg:1")
    assert again is not None
    assert (again.lang, again.municipality, again.pending, again.unhelpful) == (
        "sv",
        "turku",
        {"last": {"q": "dagis", "offset": 3}},
        1,
    )
    assert await store.get_user("tg:2") is None


async def test_messages_survive_reopen(tmp_path):
    path = tmp_path / "bot.sqlite3"
    first = SqliteStorage(path)
    await first.open()
    await first.log_message("tg:1", "in", "mun 2v ei puhu")
    await first.close()
    second = SqliteStorage(path)
    await second.open()
    messages = await second.recent_messages("tg:1")
    await second.close()
    assert [m.text for m in messages] == ["mun 2v ei puhu"]


async def test_forget_removes_every_row_of_the_user(store):
    await store.save_user(UserState(key="tg:1", channel="telegram"))
    await store.save_user(UserState(key="tg:2", channel="telegram"))
    await store.log_message("tg:1", "in", "salainen asia")
    await store.log_message("tg:2", "in", "toinen perhe")
    await store.forget_user("tg:1")
    dump = await store.table_dump()
    assert "salainen asia" not in repr(dump)
    assert "tg:1" not in repr(dump)
    assert "toinen perhe" in repr(dump)


async def test_purge_removes_only_old_data(store):
    await store.log_message("tg:1", "in", "vanha viesti")
    await store.save_user(UserState(key="tg:1", channel="telegram"))
    store.test_clock.now += dt.timedelta(days=31)
    await store.log_message("tg:2", "in", "uusi viesti")
    await store.save_user(UserState(key="tg:2", channel="telegram"))
    removed = await store.purge_before(store.test_clock.now - dt.timedelta(days=30))
    assert removed == 2
    dump = repr(await store.table_dump())
    assert "vanha viesti" not in dump and "uusi viesti" in dump
    assert await store.get_user("tg:1") is None


async def test_locked_database_is_a_storage_error_not_a_crash(store, tmp_path):
    import sqlite3

    blocker = sqlite3.connect(tmp_path / "var" / "bot.sqlite3", timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")
    store.busy_timeout = 0.1
    with pytest.raises(StorageError):
        await store.log_message("tg:1", "in", "viesti")
    blocker.rollback()
    blocker.close()
    # Recovers by itself once the lock is gone.
    await store.log_message("tg:1", "in", "viesti")
    assert [m.text for m in await store.recent_messages("tg:1")] == ["viesti"]


async def test_outbox_delivers_in_order_per_chat_and_retries(store):
    a1 = await store.enqueue("tg:1", {"text": "a1"}, user_key="tg:1")
    a2 = await store.enqueue("tg:1", {"text": "a2"}, user_key="tg:1")
    b1 = await store.enqueue("tg:2", {"text": "b1"})
    due = await store.due_outbox()
    # Only the head of each chat's queue: a2 waits until a1 is through.
    assert [(i.id, i.payload["text"]) for i in due] == [(a1, "a1"), (b1, "b1")]
    await store.mark_retry(a1, 5, "429")
    await store.mark_sent(b1)
    assert await store.due_outbox() == []  # a1 waits for its retry time; a2 behind it
    store.test_clock.now += dt.timedelta(seconds=6)
    due = await store.due_outbox()
    assert [(i.id, i.attempts) for i in due] == [(a1, 1)]
    await store.mark_sent(a1)
    assert [i.id for i in await store.due_outbox()] == [a2]


async def test_forgotten_words_are_gone_from_the_file_and_its_wal(tmp_path):
    """Issue 15, item 9: after /forget the text stayed in the -wal file, and the main file
    was clean only because this SQLite build happened to set SECURE_DELETE."""
    from neuvobot.storage.base import UserState
    from neuvobot.storage.sqlite import SqliteStorage

    path = tmp_path / "bot.sqlite3"
    storage = SqliteStorage(path)
    await storage.open()
    try:
        secret = "salainenlausekahdeksantoista"
        await storage.save_user(UserState(key="tg:1", channel="telegram"))
        await storage.log_message("tg:1", "in", f"meidän {secret} on vaikea")
        for n in range(20):  # other families go on writing
            await storage.log_message(f"tg:{n + 2}", "in", f"kysymys {n}")
        await storage.forget_user("tg:1")
        (version,) = (await storage._read("PRAGMA secure_delete"))[0]
        assert version == 1
        for file in (path, path.with_name(path.name + "-wal")):
            if file.exists():
                assert secret.encode() not in file.read_bytes(), file.name
                assert secret.encode("utf-16-le") not in file.read_bytes()
    finally:
        await storage.close()


def _ask_with_database(path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "NEUVOBOT_DB": str(path)}
    return subprocess.run(
        [sys.executable, "-m", "neuvobot.cli", "console", "--municipality", "salo"],
        input="/quit\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_an_empty_database_file_is_refused_not_silently_made_new(tmp_path):
    """Issue 15, item 11: a zero-byte file became an empty new database (every family
    and case gone, a known family greeted as new)."""
    path = tmp_path / "bot.sqlite3"
    path.write_bytes(b"")
    result = _ask_with_database(path)
    assert result.returncode == 2
    assert "0 bytes" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert path.stat().st_size == 0  # left as it was


def test_a_corrupt_database_file_gives_one_sentence_not_a_traceback(tmp_path):
    path = tmp_path / "bot.sqlite3"
    path.write_bytes(b"this is not sqlite at all " * 200)
    result = _ask_with_database(path)
    assert result.returncode == 2
    assert "cannot be read" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
