"""Several updates share one transaction (polling.UNIT_UPDATES): neighbours in a batch must
not change what each family gets, or lose anything when one of them goes wrong."""

from __future__ import annotations

import itertools
import sqlite3
import time

import pytest

from neuvobot.channels.telegram.polling import UNIT_UPDATES
from neuvobot.conversation.core import FloodGuard
from neuvobot.conversation.texts import t
from tests.fakes.telegram_api import FakeBotAPI
from tests.fakes.telegram_api import text_update as make_update
from tests.robustness.harness import open_stack

_ids = itertools.count(1)


def text_update(chat: int, text: str) -> dict:
    return make_update(next(_ids), chat, text)


@pytest.fixture
async def stack(tmp_path, searcher):
    fake = FakeBotAPI()
    stack = await open_stack(
        tmp_path / "bot.sqlite3", await fake.start(), searcher, flood=FloodGuard(10**9)
    )
    yield stack
    await stack.close()
    await fake.stop()


async def replies_by_chat(stack) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for _row, chat, text in await stack.outbox_texts():
        found.setdefault(chat, []).append(text)
    return found


async def statuses(stack) -> dict[str, int]:
    rows = await stack.storage._read("SELECT status, COUNT(*) FROM inbox GROUP BY status")
    return {status: count for status, count in rows}


async def test_interleaved_chats_in_one_batch_are_each_answered_in_order(stack):
    families = range(7001, 7001 + UNIT_UPDATES)  # more updates than one unit holds
    batch = [text_update(chat, "/start") for chat in families]
    batch += [text_update(chat, "turku") for chat in families]
    batch += [text_update(chat, "neuvola") for chat in families]
    await stack.poller.store(batch)
    await stack.poller.handle_due()
    replies = await replies_by_chat(stack)
    for chat in families:
        said = replies[chat]
        assert said[0].startswith(t("fi", "greeting"))
        assert any("Turku" in text for text in said[1:-1])
        assert said[-1].startswith("Nämä voivat auttaa (Turku)")
    assert await statuses(stack) == {"done": len(batch)}


async def test_a_broken_handler_or_an_odd_update_does_not_undo_its_neighbours(stack):
    async def breaks_on_kaboom(handler, event, data):
        message = event.message
        if message is not None and message.text == "kaboom":
            raise RuntimeError("a bug in one handler")
        return await handler(event, data)

    stack.dispatcher.update.outer_middleware(breaks_on_kaboom)
    odd = {"update_id": next(_ids), "message": {"chat": "not a chat", "text": 5}}
    batch = [text_update(7101, "/start"), text_update(7102, "kaboom"), odd]
    batch += [text_update(7103, "/start"), text_update(7101, "salo")]
    await stack.poller.store(batch)
    await stack.poller.handle_due()
    replies = await replies_by_chat(stack)
    assert replies[7101][0].startswith(t("fi", "greeting"))
    assert any("Salo" in text for text in replies[7101][1:])
    assert replies[7103][0].startswith(t("fi", "greeting"))
    assert 7102 not in replies
    # The family before and after the broken update are kept; nothing is left pending.
    assert await statuses(stack) == {"done": 3, "failed": 1, "quarantined": 1}
    user = await stack.storage.get_user("tg:7101")
    assert user is not None and user.municipality == "salo"


async def test_a_batch_the_database_refuses_is_handled_again_whole_and_once(stack, tmp_path):
    stack.storage.busy_timeout = 0.05
    batch = [text_update(7201, "/start"), text_update(7202, "/start")]
    batch.append(text_update(7201, "turku"))
    await stack.poller.store(batch)
    other = sqlite3.connect(tmp_path / "bot.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        waited = await stack.poller.handle_due()
        assert await stack.outbox_texts() == []
        assert 0 < waited < 5.0, "tried again soon, not after the idle wait"
    finally:
        other.execute("ROLLBACK")
        other.close()
    deadline = time.monotonic() + 10
    while (await statuses(stack)).get("pending") and time.monotonic() < deadline:
        await stack.poller.handle_due()
    replies = await replies_by_chat(stack)
    greeting = t("fi", "greeting")
    for chat in (7201, 7202):
        assert replies[chat][0].startswith(greeting)
        assert sum(text.startswith(greeting) for text in replies[chat]) == 1
    assert sum("Turku" in text for text in replies[7201]) == 1
    assert await statuses(stack) == {"done": 3}


async def test_a_family_arriving_behind_a_burst_is_answered_before_the_burst_ends(stack):
    """Fifteen accounts sending four questions each must not make another family wait for
    all sixty: chats take turns, and what arrives meanwhile is read before the backlog ends."""
    burst = range(7301, 7316)
    other = 7399
    setup = [text_update(chat, "/start") for chat in (*burst, other)]
    setup += [text_update(chat, "salo") for chat in (*burst, other)]
    await stack.poller.store(setup)
    await stack.poller.handle_due()
    before = len(await stack.outbox_texts())

    arrived = False

    async def family_writes_meanwhile(handler, event, data):
        nonlocal arrived
        if not arrived:  # while the first update of the burst is handled
            arrived = True
            await stack.poller.store([text_update(other, "perheneuvola")])
            stack.poller.wakeup.set()
        return await handler(event, data)

    stack.dispatcher.update.outer_middleware(family_writes_meanwhile)
    await stack.poller.store(
        [
            text_update(chat, q)
            for q in ("neuvola", "puheterapia", "hammashoito", "kela")
            for chat in burst
        ]
    )
    stack.poller.wakeup.clear()
    while (await statuses(stack)).get("pending"):
        await stack.poller.handle_due()
    rows = (await stack.outbox_texts())[before:]
    first_other = next(i for i, (_row, chat, _text) in enumerate(rows) if chat == other)
    burst_rows = [chat for _row, chat, _text in rows if chat in burst]
    answered_before = sum(chat in burst for _row, chat, _text in rows[:first_other])
    # at most one unit of the burst went first; most of it waits behind the other family
    assert answered_before <= len(burst_rows) // 3, (answered_before, len(burst_rows))
