"""The real `neuvobot run` process against a fake Bot API over HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys

import pytest

from tests.conftest import PROJECT, SHIPPED_CATALOGUE
from tests.fakes.telegram_api import FakeBotAPI

CHAT = 1001


async def start_bot(
    tmp_path, api_base: str, token: str | None = "123:test", config=None, extra_env=None
):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEUVOBOT_")}
    env.update(
        {
            "NEUVOBOT_TELEGRAM_API": api_base,
            "NEUVOBOT_DB": str(tmp_path / "bot.sqlite3"),
            "NEUVOBOT_CATALOGUE": str(SHIPPED_CATALOGUE),
            **(extra_env or {}),
        }
    )
    if token:
        env["NEUVOBOT_TELEGRAM_TOKEN"] = token
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "neuvobot",
        "run",
        "--config",
        str(config or PROJECT / "config.example.yaml"),
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


@pytest.fixture
async def fake():
    api = FakeBotAPI()
    await api.start()
    yield api
    await api.stop()


async def stop(process) -> tuple[str, str]:
    if process.returncode is None:
        process.terminate()
    out, err = await asyncio.wait_for(process.communicate(), 30)
    return out.decode(), err.decode()


def rows_about(db_path, key: str) -> list[tuple]:
    db = sqlite3.connect(db_path)
    try:
        found = []
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            for row in db.execute(f"SELECT * FROM {table}"):
                if any(key in str(value) for value in row):
                    found.append((table, row))
        return found
    finally:
        db.close()


async def test_family_flow_end_to_end(fake, tmp_path):
    bot = await start_bot(
        tmp_path, await fake.start() if not fake.port else f"http://127.0.0.1:{fake.port}"
    )
    try:
        await fake.send_text(CHAT, "/start")
        sent = await fake.wait_for(CHAT, 1, timeout=60)
        assert "Missä kunnassa asut?" in sent[0].text

        await fake.send_text(CHAT, "jyväskylässä")
        sent = await fake.wait_for(CHAT, 2)
        assert "Jyväskylä" in sent[1].text

        await fake.send_text(CHAT, "perheneuvola jonottaa")
        sent = await fake.wait_for(CHAT, 3)
        assert "1. " in sent[2].text
        assert {"more", "nurse", "chm"} <= set(sent[2].button_data())

        await fake.press(CHAT, "more")
        sent = await fake.wait_for(CHAT, 4)
        assert "Lisää vaihtoehtoja" in sent[3].text or "Muita sopivia" in sent[3].text

        await fake.send_photo(CHAT)
        sent = await fake.wait_for(CHAT, 5)
        assert "Ymmärrän vain tekstiä" in sent[4].text

        await fake.send_text(CHAT, "lapsi ei hengitä")
        sent = await fake.wait_for(CHAT, 6)
        assert "112" in sent[5].text.splitlines()[0]

        await fake.press(CHAT, "case:1:take")  # forged button data: refused kindly
        sent = await fake.wait_for(CHAT, 7)
        assert "painike" in sent[6].text

        await fake.send_text(CHAT, "/forget")
        sent = await fake.wait_for(CHAT, 8)
        assert {"fg:y", "fg:n"} == set(sent[7].button_data())
        await fake.press(CHAT, "fg:y")
        sent = await fake.wait_for(CHAT, 9)
        assert "poistettu" in sent[8].text

        for _ in range(50):  # the outbox row of the goodbye goes once it is delivered
            if not rows_about(tmp_path / "bot.sqlite3", f"tg:{CHAT}"):
                break
            await asyncio.sleep(0.1)
        assert rows_about(tmp_path / "bot.sqlite3", f"tg:{CHAT}") == []
    finally:
        out, err = await stop(bot)
    assert "Traceback" not in err
    for secret in ("perheneuvola jonottaa", "lapsi ei hengitä", str(CHAT)):
        assert secret not in err and secret not in out, "message text or user id in logs"


async def test_replies_arrive_in_order_despite_429s(tmp_path):
    fake = FakeBotAPI(fail_ratio=0.3)
    bot = await start_bot(tmp_path, await fake.start())
    try:
        chats = [2001, 2002, 2003]
        for chat in chats:
            await fake.send_text(chat, "/start")
            await fake.send_text(chat, "turku")
            await fake.send_text(chat, "neuvola")
        for chat in chats:
            sent = await fake.wait_for(chat, 3, timeout=90)
            assert "Missä kunnassa" in sent[0].text
            assert "Turku" in sent[1].text
            assert "1. " in sent[2].text
            assert len(sent) == 3  # exactly once
    finally:
        await stop(bot)
        await fake.stop()


async def test_missing_token_is_one_clear_sentence(tmp_path, fake):
    bot = await start_bot(tmp_path, f"http://127.0.0.1:{fake.port or 9}", token=None)
    _out, err = (x.decode() for x in await asyncio.wait_for(bot.communicate(), 60))
    assert bot.returncode == 2
    assert err.strip() == (
        "No Telegram token: set NEUVOBOT_TELEGRAM_TOKEN or telegram.token_file in the config."
    )


async def test_rejected_token_is_one_clear_sentence(tmp_path, fake):
    base = await fake.start() if not fake.port else f"http://127.0.0.1:{fake.port}"
    bot = await start_bot(tmp_path, base, token="999:wrong")
    _out, err = (x.decode() for x in await asyncio.wait_for(bot.communicate(), 60))
    assert bot.returncode == 2
    assert err.strip() == "Telegram rejected the token: check NEUVOBOT_TELEGRAM_TOKEN."
