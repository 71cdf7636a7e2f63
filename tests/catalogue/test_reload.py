"""Live catalogue reload: edits go live without a restart, bad edits never reach families."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import shutil
import sys
import threading
import time

import pytest

from neuvobot.app import build_searcher
from neuvobot.catalogue.reload import CatalogueReloader, ReloadStatus
from neuvobot.conversation.core import Conversation, Incoming, InKind
from neuvobot.storage.base import UserState
from neuvobot.storage.sqlite import SqliteStorage
from tests.conftest import PROJECT, SHIPPED_CATALOGUE
from tests.fakes.telegram_api import FakeBotAPI

LIBRARY = """
area: turku
services:
  - id: turku-library
    type: library_family_services
    name: {fi: Turun kaupunginkirjasto, sv: Åbo stadsbibliotek}
    summary: {fi: Satutunnit ja lastenkirjat., sv: Sagostunder och barnböcker.}
    keywords:
      fi: [kirjasto, satutunti]
    provider: {kind: municipality, name: {fi: Turun kaupunki}}
    channels:
      - kind: web
        url: https://example.org/kirjasto
    review: needed
"""
NEW_WORD = "sählyvuoro"  # a word no situation of the library type holds
WITH_NEW_WORD = LIBRARY.replace("[kirjasto, satutunti]", f"[kirjasto, satutunti, {NEW_WORD}]")


@pytest.fixture
async def storage(tmp_path):
    store = SqliteStorage(tmp_path / "bot.sqlite3")
    await store.open()
    yield store
    await store.close()


def make_reloader(root, index_dir, build=None, **kw) -> CatalogueReloader:
    # A one-service catalogue scores low in BM25: a low threshold keeps it answering.
    def default_build(path):
        return build_searcher(path, index_dir, min_score=0.5)

    # edit() dates its saves a second ahead so that each counts as a change; waiting for
    # them to settle is tested on its own.
    kw.setdefault("settle_s", 0)
    return CatalogueReloader(root, build or default_build, **kw)


async def ask(bot: Conversation, storage, user: str, text: str) -> list[str]:
    """Ask as a family in Turku; the ids of the services the answer shows."""
    if await storage.get_user(user) is None:
        await storage.save_user(UserState(key=user, channel="test", municipality="turku"))
    out = await bot.handle(Incoming(user, "test", InKind.text, text))
    assert "teknin" not in out.text.lower(), out.text  # never the "technical problem" reply
    return [s.id for s in out.services]


def edit(root, text: str) -> None:
    path = root / "varsinais-suomi" / "turku.yaml"
    path.write_text(text.lstrip("\n"), encoding="utf-8")
    # Same-second saves on coarse file systems still look changed: size or mtime moves.
    stamp = time.time_ns() + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


async def test_valid_change_is_picked_up(make_catalogue, tmp_path, storage):
    root = make_catalogue({"varsinais-suomi/turku.yaml": LIBRARY})
    reloader = make_reloader(root, tmp_path / "index")
    bot = Conversation(storage, reloader.load())
    assert await ask(bot, storage, "u1", f"missä on {NEW_WORD}") == []

    assert (await reloader.check_once()).status is ReloadStatus.unchanged
    edit(root, WITH_NEW_WORD)
    assert (await reloader.check_once()).status is ReloadStatus.reloaded
    assert await ask(bot, storage, "u2", f"missä on {NEW_WORD}") == ["turku-library"]
    # Nothing changed since: no second reload.
    assert (await reloader.check_once()).status is ReloadStatus.unchanged


async def test_touch_without_change_does_not_reload(make_catalogue, tmp_path):
    root = make_catalogue({"varsinais-suomi/turku.yaml": LIBRARY})
    builds = []

    def counting_build(path):
        builds.append(path)
        return build_searcher(path, tmp_path / "index", min_score=0.5)

    reloader = make_reloader(root, None, build=counting_build)
    reloader.load()
    edit(root, LIBRARY)  # same bytes, new mtime
    assert (await reloader.check_once()).status is ReloadStatus.unchanged
    assert len(builds) == 1


async def test_an_unchanged_catalogue_is_not_read_again(make_catalogue, tmp_path, monkeypatch):
    # Every poll reads names, sizes and times; the files themselves only when those moved
    # (a national catalogue is too big to read and hash every 2 seconds).
    import neuvobot.catalogue.reload as reload_module

    root = make_catalogue({"varsinais-suomi/turku.yaml": LIBRARY})
    reloader = make_reloader(root, tmp_path / "index")
    reloader.load()
    reads = []
    real = reload_module.content_digest
    monkeypatch.setattr(reload_module, "content_digest", lambda r: reads.append(r) or real(r))
    for _ in range(3):
        assert (await reloader.check_once()).status is ReloadStatus.unchanged
    assert reads == []
    edit(root, WITH_NEW_WORD)
    assert (await reloader.check_once()).status is ReloadStatus.reloaded
    assert len(reads) == 1


async def test_a_save_still_being_written_is_not_loaded_or_rejected(make_catalogue, tmp_path):
    root = make_catalogue({"varsinais-suomi/turku.yaml": LIBRARY})
    told: list[str] = []

    async def notify(text: str) -> None:
        told.append(text)

    past = time.time() - 60
    for older in root.rglob("*.yaml"):  # the catalogue as it was a minute ago
        os.utime(older, (past, past))
    reloader = make_reloader(root, tmp_path / "index", notify=notify, settle_s=30)
    reloader.load()
    path = root / "varsinais-suomi" / "turku.yaml"
    path.write_text(WITH_NEW_WORD.lstrip("\n")[:60], encoding="utf-8")  # half a save
    assert (await reloader.check_once()).status is ReloadStatus.settling
    path.write_text(WITH_NEW_WORD.lstrip("\n"), encoding="utf-8")  # the save completes
    assert (await reloader.check_once()).status is ReloadStatus.settling
    os.utime(path, (past, past))  # and then nothing changes for a while
    assert (await reloader.check_once()).status is ReloadStatus.reloaded
    assert told == [], "the editors were not told about the half-written file"
    # A file server with its clock an hour ahead does not hold a save back for an hour.
    ahead = time.time() + 3600
    path.write_text(LIBRARY.lstrip("\n"), encoding="utf-8")
    os.utime(path, (ahead, ahead))
    assert (await reloader.check_once()).status is ReloadStatus.reloaded


async def test_invalid_change_is_rejected_and_old_catalogue_keeps_answering(
    make_catalogue, tmp_path, storage, caplog
):
    root = make_catalogue({"varsinais-suomi/turku.yaml": LIBRARY})
    told: list[str] = []

    async def notify(text: str) -> None:
        told.append(text)

    reloader = make_reloader(root, tmp_path / "index", notify=notify)
    bot = Conversation(storage, reloader.load())
    broken = WITH_NEW_WORD.replace("type: library_family_services", "type: libary")
    edit(root, broken)
    with caplog.at_level(logging.WARNING, logger="neuvobot.catalogue.reload"):
        result = await reloader.check_once()
    assert result.status is ReloadStatus.rejected
    # The editors hear exactly where: path:line: field: message, in the log and the chat.
    lines = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    wanted = re.compile(r"varsinais-suomi/turku\.yaml:4: turku-library\.type: unknown service")
    assert any(wanted.search(line) for line in lines), lines
    assert len(told) == 1 and wanted.search(told[0]) and "previous catalogue" in told[0]

    # The last good catalogue still serves: old keyword found, the new one not yet.
    assert await ask(bot, storage, "u1", "kirjasto satutunti") == ["turku-library"]
    assert await ask(bot, storage, "u2", f"missä on {NEW_WORD}") == []
    # The same broken contents are not retried on every poll…
    assert (await reloader.check_once()).status is ReloadStatus.unchanged
    # …the fixed save is, and the editors hear it is live.
    edit(root, WITH_NEW_WORD)
    assert (await reloader.check_once()).status is ReloadStatus.reloaded
    assert await ask(bot, storage, "u3", f"missä on {NEW_WORD}") == ["turku-library"]
    assert "live" in told[-1]


async def test_yaml_syntax_error_half_written_file_is_rejected(make_catalogue, tmp_path, caplog):
    root = make_catalogue({"varsinais-suomi/turku.yaml": LIBRARY})
    reloader = make_reloader(root, tmp_path / "index")
    reloader.load()
    edit(root, WITH_NEW_WORD[: WITH_NEW_WORD.index("keywords") + 16])  # cut mid-list
    with caplog.at_level(logging.WARNING, logger="neuvobot.catalogue.reload"):
        result = await reloader.check_once()
    assert result.status is ReloadStatus.rejected
    assert any("turku.yaml:" in r.getMessage() for r in caplog.records)


async def test_reload_that_raises_half_way_keeps_the_old_catalogue(
    make_catalogue, tmp_path, storage, caplog
):
    root = make_catalogue({"varsinais-suomi/turku.yaml": LIBRARY})
    calls = 0

    def flaky_build(path):
        nonlocal calls
        calls += 1
        searcher = build_searcher(path, None, min_score=0.5)
        if calls == 2:
            raise MemoryError("index writer gave up")  # e.g. the machine ran out of memory
        return searcher

    reloader = make_reloader(root, None, build=flaky_build)
    bot = Conversation(storage, reloader.load())
    edit(root, WITH_NEW_WORD)
    with caplog.at_level(logging.WARNING, logger="neuvobot.catalogue.reload"):
        result = await reloader.check_once()
    assert result.status is ReloadStatus.failed
    assert "MemoryError" in result.error
    assert any("still serving the previous" in r.getMessage() for r in caplog.records)
    assert await ask(bot, storage, "u1", "kirjasto") == ["turku-library"]
    assert await ask(bot, storage, "u2", f"missä on {NEW_WORD}") == []
    # The next save is tried again and goes live.
    edit(root, WITH_NEW_WORD + "\n")
    assert (await reloader.check_once()).status is ReloadStatus.reloaded
    assert await ask(bot, storage, "u3", f"missä on {NEW_WORD}") == ["turku-library"]


async def test_questions_during_a_reload_are_all_answered(make_catalogue, tmp_path, storage):
    root = make_catalogue({"varsinais-suomi/turku.yaml": LIBRARY})
    building = threading.Event()

    def slow_build(path):
        building.set()
        time.sleep(0.5)  # a national catalogue takes a while to index
        return build_searcher(path, tmp_path / "index", min_score=0.5)

    reloader = make_reloader(root, None, build=slow_build)
    bot = Conversation(storage, reloader.load())
    building.clear()
    edit(root, WITH_NEW_WORD)
    reload = asyncio.create_task(reloader.check_once())
    while not building.is_set():
        await asyncio.sleep(0.01)

    during = 0

    async def one(n: int) -> list[str]:
        nonlocal during
        found = await ask(bot, storage, f"u{n}", "kirjasto satutunti")
        during += not reload.done()
        return found

    answers = await asyncio.gather(*(one(n) for n in range(200)))
    assert all(found == ["turku-library"] for found in answers)
    assert during > 0, "the event loop was blocked by the reload"
    assert (await reload).status is ReloadStatus.reloaded
    assert await ask(bot, storage, "after", f"missä on {NEW_WORD}") == ["turku-library"]


async def test_run_polls_and_zero_disables(make_catalogue, tmp_path, storage):
    root = make_catalogue({"varsinais-suomi/turku.yaml": LIBRARY})
    off = make_reloader(root, tmp_path / "index", every_s=0)
    off.load()
    await asyncio.wait_for(off.run(), 1)  # returns at once: watching is off

    reloader = make_reloader(root, tmp_path / "index", every_s=0.05)
    bot = Conversation(storage, reloader.load())
    task = asyncio.create_task(reloader.run())
    try:
        edit(root, WITH_NEW_WORD)
        for _ in range(100):
            if await ask(bot, storage, "u1", f"missä on {NEW_WORD}"):
                break
            await asyncio.sleep(0.05)
        assert await ask(bot, storage, "u1", f"missä on {NEW_WORD}") == ["turku-library"]
    finally:
        task.cancel()


# ---------------------------------------------------------------- the real `neuvobot run`
CHAT = 4242
EDITORS = -100777


async def test_running_bot_picks_up_a_catalogue_edit(tmp_path):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(SHIPPED_CATALOGUE, catalogue)
    config = tmp_path / "config.yaml"
    example = (PROJECT / "config.example.yaml").read_text(encoding="utf-8")
    assert "catalogue_reload_seconds: 2\n" in example
    config.write_text(
        example.replace("catalogue_reload_seconds: 2\n", "catalogue_reload_seconds: 0.3\n")
        + f"editors_chat_id: {EDITORS}\n",
        encoding="utf-8",
    )
    fake = FakeBotAPI()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEUVOBOT_")}
    env.update(
        {
            "NEUVOBOT_TELEGRAM_API": await fake.start(),
            "NEUVOBOT_DB": str(tmp_path / "bot.sqlite3"),
            "NEUVOBOT_CATALOGUE": str(catalogue),
            "NEUVOBOT_TELEGRAM_TOKEN": "123:test",
        }
    )
    bot = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "neuvobot",
        "run",
        "--config",
        str(config),
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    question = f"missä on {NEW_WORD}"
    try:
        await fake.send_text(CHAT, "turku")
        await fake.wait_for(CHAT, 1, timeout=60)
        await fake.send_text(CHAT, question)
        sent = await fake.wait_for(CHAT, 2)
        assert "Varhaiskasvatus" not in sent[1].text  # not in the catalogue yet

        turku = catalogue / "varsinais-suomi" / "turku.yaml"
        text = turku.read_text(encoding="utf-8")
        assert text.count("hakemus, hakea]") == 1
        turku.write_text(text.replace("hakemus, hakea]", f"hakemus, hakea, {NEW_WORD}]"))

        found = None
        # One question every 2 s stays well under the flood guard (8 in 10 s) however long the
        # reload takes on a busy machine; a guarded family would get no answer to look at.
        for attempt in range(30):
            await asyncio.sleep(2.0)
            await fake.send_text(CHAT, question)
            sent = await fake.wait_for(CHAT, 3 + attempt)
            if "Varhaiskasvatus" in sent[-1].text:
                found = sent[-1].text
                break
        assert found is not None, "the edit never went live"

        # A broken save: the editors' chat hears where, families keep the last good one.
        broken = turku.read_text(encoding="utf-8").replace(
            "type: early_childhood_education", "type: early_childhood_educaton", 1
        )
        turku.write_text(broken, encoding="utf-8")
        told = await fake.wait_for(EDITORS, 1, timeout=30)
        line = broken.splitlines().index("    type: early_childhood_educaton") + 1
        assert f"turku.yaml:{line}: turku-early-childhood-education.type" in told[0].text
        assert "previous catalogue" in told[0].text
        # (Another family: the first one has asked often enough for the flood guard.)
        await fake.send_text(CHAT + 1, "turku")
        await fake.wait_until(lambda: any("Turku" in s.text for s in fake.to(CHAT + 1)))
        await fake.send_text(CHAT + 1, question)
        await fake.wait_until(lambda: any("Varhaiskasvatus" in s.text for s in fake.to(CHAT + 1)))
    finally:
        if bot.returncode is None:
            bot.terminate()
        out, err = await asyncio.wait_for(bot.communicate(), 30)
        await fake.stop()
        print(err.decode()[-4000:])  # shown only when the test fails: what the bot logged
    assert "Traceback" not in err.decode()
    assert "catalogue reloaded" in err.decode()
    assert "WARNING neuvobot.catalogue.reload" in err.decode() and "educaton" in err.decode()
    assert question not in err.decode() + out.decode()


async def test_console_picks_up_a_catalogue_edit(tmp_path):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(SHIPPED_CATALOGUE, catalogue)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEUVOBOT_")}
    env.update(
        {
            "NEUVOBOT_DB": str(tmp_path / "console.sqlite3"),
            "NEUVOBOT_CATALOGUE": str(catalogue),
            "PYTHONUNBUFFERED": "1",  # read the answers as they come
        }
    )
    console = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "neuvobot",
        "console",
        "--municipality",
        "turku",
        cwd=tmp_path,  # no config.yaml: defaults, watching every 2 s
        env=env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert console.stdin is not None and console.stdout is not None
    output = ""

    async def ask(text: str, expect: tuple[str, ...]) -> str:
        nonlocal output
        console.stdin.write(f"{text}\n".encode())
        await console.stdin.drain()
        start = len(output)
        while not any(e in output[start:] for e in expect):
            chunk = await asyncio.wait_for(console.stdout.read(4096), 60)
            assert chunk, "the console stopped"
            output += chunk.decode()
        return output[start:]

    no_match = ("En löytänyt",)
    try:
        assert "Varhaiskasvatus" not in await ask(f"missä on {NEW_WORD}", no_match)
        turku = catalogue / "varsinais-suomi" / "turku.yaml"
        text = turku.read_text(encoding="utf-8")
        turku.write_text(text.replace("hakemus, hakea]", f"hakemus, hakea, {NEW_WORD}]"))
        for _ in range(30):  # every 2 s: under the flood guard however slow the reload
            await asyncio.sleep(2.0)
            if "Varhaiskasvatus" in await ask(f"missä on {NEW_WORD}", (*no_match, "1. ")):
                break
        else:
            raise AssertionError("the console never served the edit")
    finally:
        console.stdin.close()
        _, err = await asyncio.wait_for(console.communicate(), 30)
        print(err.decode()[-4000:])  # shown only when the test fails: what the console logged
    assert "Traceback" not in err.decode()
