"""Faults against the real `neuvobot run` process and the fake Bot API.

- SIGKILL in the middle of 200 open conversations (some waiting for a nurse, some in
  live nurse chats), then a restart: nothing lost, nothing twice, every case in its state.
- The Bot API failing 30 % of calls (429, 5xx, timeouts; sendMessage, getUpdates and
  answerCallbackQuery): every reply arrives exactly once and in order per chat.
"""

from __future__ import annotations

import asyncio
import re
import signal
import sqlite3
import time

from neuvobot.conversation.texts import t
from tests.channels.test_telegram import stop
from tests.fakes.telegram_api import FakeBotAPI
from tests.robustness.process import nurse_team, start_bot, write_config

STAFF = -100888
NURSES = [6001 + n for n in range(30)]
FAMILIES = [10001 + n for n in range(200)]
LIVE, WAITING, PLAIN = FAMILIES[:30], FAMILIES[30:60], FAMILIES[60:]
RESULTS = "Nämä voivat auttaa (Turku)"


async def settle(fake: FakeBotAPI, quiet_s: float = 1.5, timeout: float = 60) -> None:
    """Wait until the bot has sent nothing for `quiet_s` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        before = len(fake.sent)
        await asyncio.sleep(quiet_s)
        if len(fake.sent) == before:
            return
    raise AssertionError("the bot did not go quiet")


def done_updates(db_path) -> int:
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1)
    try:
        return db.execute("SELECT COUNT(*) FROM inbox WHERE status = 'done'").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        db.close()


async def test_sigkill_in_200_open_conversations_loses_and_duplicates_nothing(tmp_path):
    fake = FakeBotAPI()
    base = await fake.start()
    config = write_config(
        tmp_path,
        [nurse_team(NURSES, STAFF)],
        polling_timeout_s=1,
        request_timeout_s=5,
        group_messages_per_minute=0,  # 60 case cards at once; pacing is tested on its own
    )
    db_path = tmp_path / "bot.sqlite3"
    bot = await start_bot(tmp_path, base, config=config)
    try:
        # Phase 1: 200 families in Turku; 60 ask for a nurse, 30 nurses take one each.
        for family in FAMILIES:
            await fake.send_text(family, "/start")
            await fake.send_text(family, "turku")
        for family in LIVE + WAITING:
            await fake.send_text(family, "haluan puhua hoitajalle")
        numbers = {}
        for family in LIVE + WAITING:
            sent = await fake.wait_for(family, 3, timeout=120)
            numbers[family] = re.search(r"Tapausnumero (\w+)", sent[2].text).group(1)
        for nurse, family in zip(NURSES, LIVE, strict=True):
            await fake.press_in_group(STAFF, nurse, f"take:{numbers[family]}", "card")
        for nurse in NURSES:
            await fake.wait_for(nurse, 1)
        await settle(fake)
        base_count = {chat: len(fake.to(chat)) for chat in [*FAMILIES, *NURSES, STAFF]}

        # Phase 2: Telegram accepts no message for now (429), so what is undelivered at the
        # kill is known exactly; everyone writes; the bot is killed mid-way.
        fake.fail_ratio = 1.0
        done_before = done_updates(db_path)
        for n, family in enumerate(FAMILIES):
            first, second = ("neuvola", "perheneuvola") if family in PLAIN else ("a", "b")
            if family in LIVE:
                first, second = f"perhe {n} ensin", f"perhe {n} sitten"
            await fake.send_text(family, first)
            await fake.send_text(family, second)
        for n, nurse in enumerate(NURSES):
            await fake.send_text(nurse, f"hoitaja {n} vastaa")
        # Mid-way: some 150 of the 430 updates handled (or, for a bot without an inbox,
        # replies to some 40 chats tried and refused).
        deadline = time.monotonic() + 60
        while done_updates(db_path) < done_before + 150 and fake.failed.get("429", 0) < 40:
            assert time.monotonic() < deadline, "the bot made no progress"
            await asyncio.sleep(0.02)
        bot.send_signal(signal.SIGKILL)
        await bot.wait()
        assert done_updates(db_path) < done_before + 430, "killed in the middle, not after"
        fake.fail_ratio = 0.0
        for family in PLAIN[:10]:  # and some write while the bot is down
            await fake.send_text(family, "neuvola")

        bot = await start_bot(tmp_path, base, config=config)
        for family in PLAIN + WAITING:
            more = 3 if family in PLAIN[:10] else 2
            await fake.wait_for(family, base_count[family] + more, timeout=120)
        for family in LIVE:
            await fake.wait_for(family, base_count[family] + 1, timeout=60)
        for nurse in NURSES:
            await fake.wait_for(nurse, base_count[nurse] + 2, timeout=60)
        await settle(fake, quiet_s=2.0)

        # Exactly what was expected, per chat, in order: nothing lost, nothing twice.
        def new(chat: int) -> list[str]:
            return [s.text for s in fake.to(chat)[base_count[chat] :]]

        for family in PLAIN:
            got = new(family)
            more = 3 if family in PLAIN[:10] else 2
            assert len(got) == more and all(text.startswith(RESULTS) for text in got), got
        added = t("fi", "case_message_added")
        for family in WAITING:
            assert new(family) == [added, added]
        for n, (nurse, family) in enumerate(zip(NURSES, LIVE, strict=True)):
            assert new(family) == [f"Hoitaja {n + 1}: hoitaja {n} vastaa"]
            number = numbers[family]
            index = FAMILIES.index(family)
            assert new(nurse) == [
                f"[{number}] Perhe: perhe {index} ensin",
                f"[{number}] Perhe: perhe {index} sitten",
            ]
        assert new(STAFF) == []
    finally:
        _out, err = await stop(bot)
        await fake.stop()
    assert "Traceback" not in err

    db = sqlite3.connect(db_path)
    try:
        states = dict(db.execute("SELECT user_key, state FROM cases").fetchall())
        nurse_of = dict(db.execute("SELECT user_key, nurse_id FROM cases").fetchall())
        pending = db.execute(
            "SELECT (SELECT COUNT(*) FROM outbox WHERE status = 'pending'),"
            " (SELECT COUNT(*) FROM inbox WHERE status = 'pending')"
        ).fetchone()
    finally:
        db.close()
    assert {k: v for k, v in states.items()} == {
        **{f"tg:{f}": "taken" for f in LIVE},
        **{f"tg:{f}": "waiting" for f in WAITING},
    }
    assert all(nurse_of[f"tg:{f}"] == n for f, n in zip(LIVE, NURSES, strict=True))
    assert pending == (0, 0), "every undelivered message delivered, every update handled"


async def test_replies_arrive_exactly_once_in_order_when_30_percent_of_calls_fail(tmp_path):
    fake = FakeBotAPI(
        fail_ratio=0.3,
        faults=("429", "5xx", "timeout"),
        fault_methods=frozenset({"getMe", "sendMessage", "getUpdates", "answerCallbackQuery"}),
        timeout_s=1.5,  # past the bot's 1 s request timeout below
        seed=7,
    )
    config = write_config(tmp_path, polling_timeout_s=1, request_timeout_s=1)
    bot = await start_bot(tmp_path, await fake.start(), config=config)
    chats = [11001 + n for n in range(12)]
    try:
        for chat in chats:
            await fake.send_text(chat, "/start")
            await fake.send_text(chat, "turku")
            await fake.send_text(chat, "neuvola")
            await fake.send_text(chat, "perheneuvola")
        for chat in chats:
            await fake.wait_for(chat, 4, timeout=120)
        for chat in chats:
            await fake.press(chat, "more")
        for chat in chats:
            await fake.wait_for(chat, 5, timeout=120)
        await settle(fake, quiet_s=3.0, timeout=120)
    finally:
        _out, err = await stop(bot)
        await fake.stop()
    assert "Traceback" not in err
    assert {"429", "5xx", "timeout"} <= set(fake.failed), fake.failed
    assert fake.calls.count("getUpdates") > 5
    for chat in chats:
        texts = [s.text for s in fake.to(chat)]
        assert len(texts) == 5, texts  # exactly once
        assert "Missä kunnassa" in texts[0]
        assert texts[1].startswith("Selvä, kuntasi on Turku")
        assert texts[2].startswith(RESULTS) and texts[3].startswith(RESULTS)
        assert texts[4].startswith(("Lisää vaihtoehtoja (Turku)", t("fi", "no_more")))


class BusyAtStartFakeBotAPI(FakeBotAPI):
    """The Bot API is busy for the bot's first two getMe calls: a 502, then a 429."""

    async def _api_getMe(self, params):
        busy = self.calls.count("getMe")
        if busy <= 2:
            self.fail_ratio, self.faults = 0.0, ("5xx",) if busy == 1 else ("429",)
            return await self._fault("getMe", params)
        return await super()._api_getMe(params)


async def test_a_busy_bot_api_at_start_up_is_waited_for(tmp_path):
    fake = BusyAtStartFakeBotAPI()
    bot = await start_bot(tmp_path, await fake.start(), config=write_config(tmp_path))
    try:
        await fake.send_text(12001, "/start")
        sent = await fake.wait_for(12001, 1, timeout=60)
        assert "Missä kunnassa" in sent[0].text
    finally:
        _out, err = await stop(bot)
        await fake.stop()
    assert fake.calls.count("getMe") == 3 and fake.failed == {"5xx": 1, "429": 1}
    assert "Traceback" not in err
