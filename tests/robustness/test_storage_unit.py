"""SqliteStorage.unit(): one update's writes commit together or not at all, and nobody
else sees (or sends) them before they are committed."""

from __future__ import annotations

import asyncio

import pytest

from neuvobot.storage.base import StorageError, UserState
from neuvobot.storage.sqlite import SqliteStorage


@pytest.fixture
async def storage(tmp_path):
    store = SqliteStorage(tmp_path / "bot.sqlite3")
    await store.open()
    yield store
    await store.close()


async def test_a_failing_unit_leaves_nothing_behind(storage):
    with pytest.raises(RuntimeError):
        async with storage.unit():
            await storage.save_user(UserState("tg:1", "telegram", municipality="turku"))
            await storage.log_message("tg:1", "in", "neuvola")
            await storage.enqueue("tg:1", {"chat_id": 1, "text": "vastaus"}, user_key="tg:1")
            raise RuntimeError("the handler broke half-way")
    assert await storage.get_user("tg:1") is None
    assert await storage.recent_messages("tg:1") == []
    assert await storage.due_outbox() == []


async def test_a_unit_commits_everything_at_once(storage):
    async with storage.unit():
        async with storage.unit():  # nested: joins the outer one
            await storage.log_message("tg:1", "in", "a")
        await storage.enqueue("tg:1", {"chat_id": 1, "text": "b"})
    assert [m.text for m in await storage.recent_messages("tg:1")] == ["a"]
    assert [i.payload["text"] for i in await storage.due_outbox()] == ["b"]


async def test_other_tasks_do_not_see_what_a_unit_has_not_committed(storage):
    inside = asyncio.Event()
    release = asyncio.Event()

    async def handler() -> None:
        async with storage.unit():
            await storage.enqueue("tg:1", {"chat_id": 1, "text": "maybe"})
            inside.set()
            await release.wait()
            raise RuntimeError("rolled back")

    task = asyncio.create_task(handler())
    await inside.wait()
    # The delivery worker looks at the outbox meanwhile: it must wait, not send "maybe".
    reader = asyncio.create_task(storage.due_outbox())
    await asyncio.sleep(0.05)
    assert not reader.done()
    release.set()
    with pytest.raises(RuntimeError):
        await task
    assert await reader == []


async def test_a_database_error_inside_fails_the_whole_unit(storage, tmp_path):
    import sqlite3

    storage.busy_timeout = 0.05
    await storage.log_message("tg:1", "in", "before")
    other = sqlite3.connect(tmp_path / "bot.sqlite3", isolation_level=None)
    try:
        with pytest.raises(StorageError):
            async with storage.unit():
                other.execute("BEGIN EXCLUSIVE")  # nothing written yet: no wait
                with pytest.raises(StorageError):
                    await storage.log_message("tg:1", "in", "during")
                other.execute("ROLLBACK")
                # The database is free again, but the unit already failed: nothing more
                # is written in it, and it ends with StorageError.
                with pytest.raises(StorageError):
                    await storage.enqueue("tg:1", {"chat_id": 1, "text": "x"})
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()
    assert [m.text for m in await storage.recent_messages("tg:1")] == ["before"]
    assert await storage.due_outbox() == []
