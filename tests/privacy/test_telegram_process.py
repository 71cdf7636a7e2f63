"""The real `neuvobot run` process at DEBUG: a whole family-and-nurse flow leaves nothing
personal in its output, and forged nurse buttons are refused and audited."""

from __future__ import annotations

import asyncio
import os
import re
import sqlite3
import sys
import time
from typing import Any

from tests.channels.test_telegram import stop
from tests.channels.test_telegram_nurse import ANNA, STAFF, STRANGER, config_with_nurses
from tests.conftest import SHIPPED_CATALOGUE
from tests.fakes.telegram_api import FakeBotAPI

FAMILY = 736215894
FIRST, LAST, USERNAME, PHONE = "Zyxwfirst", "Zyxwlast", "zyxw_user", "+358409988776"
TEXTS = {
    "question": "vauva ei nuku zyxwquestion",
    "urgent": "lapsi ei hengitä zyxwurgent",
    "in_chat": "hän on 4 kuukautta zyxwinchat",
    "nurse": "Tuokaa vauva vastaanotolle zyxwnurse",
    "note": "/close ohjattu zyxwnote",
}
SENTINELS = [str(FAMILY), FIRST, LAST, USERNAME, PHONE, "358409988776", *TEXTS.values()]


async def start_bot_at_debug(tmp_path, api_base: str, config: str):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEUVOBOT_")}
    env |= {
        "NEUVOBOT_TELEGRAM_API": api_base,
        "NEUVOBOT_DB": str(tmp_path / "bot.sqlite3"),
        "NEUVOBOT_CATALOGUE": str(SHIPPED_CATALOGUE),
        "NEUVOBOT_TELEGRAM_TOKEN": "123:test",
        "NEUVOBOT_LOG_LEVEL": "debug",
        "PYTHONASYNCIODEBUG": "1",  # asyncio's own debug lines too
    }
    return await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "neuvobot", "run", "--config", config),
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


def _family(chat_id: int = FAMILY) -> dict[str, Any]:
    return {
        "id": chat_id,
        "is_bot": False,
        "first_name": FIRST,
        "last_name": LAST,
        "username": USERNAME,
        "language_code": "fi",
    }


async def family_says(fake: FakeBotAPI, **content: Any) -> None:
    """A message from the family, with their name and username as Telegram sends them."""
    chat = {"id": FAMILY, "type": "private", "first_name": FIRST, "username": USERNAME}
    message = {"message_id": int(time.time() * 1000) % 10**9, "date": int(time.time())}
    if str(content.get("text", "")).startswith("/"):
        content["entities"] = [{"type": "bot_command", "offset": 0, "length": 6}]
    await fake._push({"message": message | {"chat": chat, "from": _family(), **content}})


async def family_presses(fake: FakeBotAPI, data: str) -> None:
    chat = {"id": FAMILY, "type": "private", "first_name": FIRST, "username": USERNAME}
    message = {"message_id": 1, "date": int(time.time()), "chat": chat, "text": "…"}
    query = {"id": f"q{time.monotonic_ns()}", "from": _family(), "chat_instance": "ci"}
    await fake._push({"callback_query": query | {"data": data, "message": message}})


def audit(db_path) -> list[tuple]:
    db = sqlite3.connect(db_path)
    try:
        return list(db.execute("SELECT case_id, event, actor FROM case_events ORDER BY id"))
    finally:
        db.close()


async def audit_with(db_path, actor: str, timeout: float = 10.0) -> list[tuple]:
    deadline = time.monotonic() + timeout
    while True:
        events = audit(db_path)
        if any(e[2] == actor for e in events):
            return events
        if time.monotonic() > deadline:
            raise AssertionError(f"no audit row by {actor}: {events}")
        await asyncio.sleep(0.05)


async def test_flow_at_debug_logs_nothing_personal_and_forgeries_are_refused(tmp_path):
    fake = FakeBotAPI()
    base = await fake.start()
    bot = await start_bot_at_debug(tmp_path, base, config_with_nurses(tmp_path))
    try:
        await family_says(fake, text="/start")
        await family_says(fake, text="turku")
        await family_says(fake, contact={"phone_number": PHONE, "first_name": FIRST})
        await family_says(fake, text=TEXTS["question"])
        await family_says(fake, text=TEXTS["urgent"])
        sent = await fake.wait_for(FAMILY, 5, timeout=60)
        assert "112" in sent[4].text.splitlines()[0]
        await family_says(fake, text="haluan puhua hoitajalle")
        sent = await fake.wait_for(FAMILY, 6)
        number = re.search(r"Tapausnumero (\w+)", sent[5].text).group(1)
        card = (await fake.wait_for(STAFF, 1))[0]

        # Forgeries: the family presses Take in their private chat; a non-member presses it
        # in the staff group. Both are refused and the case still waits.
        await family_presses(fake, f"take:{number}")
        await fake.wait_until(lambda: fake.answers.count("Ei sallittu.") == 1)
        await fake.press_in_group(STAFF, STRANGER, f"take:{number}", card.text)
        await fake.wait_until(lambda: fake.answers.count("Ei sallittu.") == 2)
        # The refusals are audited (the update's writes commit when its handling ends).
        events = await audit_with(tmp_path / "bot.sqlite3", f"telegram:{STRANGER}")
        assert (None, "take_unauthorised", f"telegram:{FAMILY}") in events
        assert any(e[1:] == ("take_unauthorised", f"telegram:{STRANGER}") for e in events)
        assert not any(e[1] == "taken" for e in events)
        # A non-member using the nurses' commands in a private chat is just a family to the
        # bot: no queue, no case numbers.
        await fake.send_text(STRANGER, "/queue")
        reply = (await fake.wait_for(STRANGER, 1))[0]
        assert number not in reply.text and "Jono" not in reply.text

        await fake.press_in_group(STAFF, ANNA, f"take:{number}", card.text)
        await fake.wait_for(ANNA, 1)
        await fake.send_text(ANNA, TEXTS["nurse"])
        sent = await fake.wait_for(FAMILY, 8)
        assert TEXTS["nurse"] in sent[7].text
        await family_says(fake, text=TEXTS["in_chat"])
        await fake.wait_for(ANNA, 2)
        await fake.send_text(ANNA, TEXTS["note"])
        sent = await fake.wait_for(FAMILY, 9)
        assert "Keskustelu päättyi" in sent[8].text
        await family_presses(fake, "rate:5")
        await fake.wait_for(FAMILY, 10)
    finally:
        out, err = await stop(bot)
        await fake.stop()
    # aiogram's per-update lines are on only at DEBUG: the process really ran at debug level.
    assert "aiogram.event: Update id=" in err
    assert "Traceback" not in err
    assert [s for s in SENTINELS if s in err or s in out] == []
