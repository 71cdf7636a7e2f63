"""A family in the console and a nurse in `neuvobot nurse`, over one database."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from neuvobot.channels.nurse_console import NurseConsole
from tests.conftest import PROJECT, SHIPPED_CATALOGUE
from tests.escalation.test_queue import (  # noqa: F401 - fixtures
    ANNA,
    family,
    outbox_texts,
    searcher,
    setup,
)


async def family_waiting_and_nurse(bot, queue, storage):
    """A family in the console asks about sleep and for a nurse; Anna at the console."""
    say = await family(bot, storage, key="console:local")
    await say("vauva ei nuku")
    await say("haluan puhua hoitajalle")
    case = await queue.cases.open_case_of("console:local")
    out = io.StringIO()
    return say, case, NurseConsole(queue, "varha", ANNA, stdout=out), out


async def test_nurse_console_queue_take_chat_close(setup):  # noqa: F811
    bot, queue, storage, _ = setup
    say, case, nurse, out = await family_waiting_and_nurse(bot, queue, storage)
    await nurse.handle("/queue")
    assert case.number in out.getvalue()
    await nurse.handle(f"/take {case.number}")
    assert "[perhe] vauva ei nuku" in out.getvalue()  # the question, no need to ask again
    assert "[botti]" in out.getvalue()
    await say("hän heräilee joka tunti")
    await nurse.new_family_messages()
    assert "[perhe] hän heräilee joka tunti" in out.getvalue()
    await nurse.handle("Kokeillaan iltarutiinia.")
    assert (await outbox_texts(storage, "console:local"))[-1].endswith("Kokeillaan iltarutiinia.")
    other = await family(bot, storage, key="tg:9", municipality="salo")
    await other("haluan puhua hoitajalle")
    second = await queue.cases.open_case_of("tg:9")
    await nurse.handle(f"/take {second.number}")
    await nurse.handle(f"/case {case.number}")
    assert f"Kirjoitat nyt tapaukseen {case.number}" in out.getvalue()
    queue.teams.by_id["varha"].canned_replies.append("Palaan asiaan pian.")
    await nurse.handle("/canned")
    await nurse.handle("/c 1")
    assert (await outbox_texts(storage, "console:local"))[-1].endswith("Palaan asiaan pian.")
    await nurse.handle("/close unineuvonta")
    assert f"Tapaus {case.number}: suljettu." in out.getvalue()


async def test_a_swedish_speaking_nurse_works_in_swedish(setup):  # noqa: F811
    """`lang: sv` on the nurse: the desk answers her in Swedish; the family keeps theirs."""
    bot, queue, storage, _ = setup
    team = queue.teams.by_id["varha"]
    swedish = [
        n.model_copy(update={"lang": "sv"}) if n.telegram_id == ANNA else n for n in team.nurses
    ]
    queue.teams.by_id["varha"] = team.model_copy(update={"nurses": swedish})
    _say, case, nurse, out = await family_waiting_and_nurse(bot, queue, storage)
    await nurse.handle("/help")
    await nurse.handle(f"/take {case.number}")
    await nurse.handle("/c 9")
    await nurse.handle("/release")
    said = out.getvalue()
    assert "Kommandon:" in said and f"Du tog ärende {case.number}." in said
    assert "[familjen] vauva ei nuku" in said and "Inget sådant färdigt svar" in said
    assert f"Ärende {case.number}: tillbaka i kön." in said
    assert "Otit tapauksen" not in said and "You took" not in said  # no fi or en desk words
    family_saw = await outbox_texts(storage, "console:local")
    assert any("hoitaja" in text.lower() for text in family_saw)  # the family's own language


def test_nurse_command_with_example_config(tmp_path):
    env = {
        **os.environ,
        "NEUVOBOT_DB": str(tmp_path / "db.sqlite3"),
        "NEUVOBOT_CATALOGUE": str(SHIPPED_CATALOGUE),
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "neuvobot",
            "--config",
            str(PROJECT / "config.example.yaml"),
            "nurse",
            "--team",
            "varha",
        ],
        input="/queue\n/quit\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Jono on tyhjä." in result.stdout
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "neuvobot",
            "--config",
            str(PROJECT / "config.example.yaml"),
            "nurse",
            "--team",
            "nope",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert bad.returncode == 2 and "No nurse team 'nope'" in bad.stderr
