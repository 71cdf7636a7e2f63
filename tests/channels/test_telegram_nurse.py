"""Nurses on Telegram: a card with Take in the staff group, then a private-chat relay."""

from __future__ import annotations

import asyncio
import re
import signal

import yaml

from tests.channels.test_telegram import start_bot, stop
from tests.conftest import PROJECT
from tests.fakes.telegram_api import FakeBotAPI

STAFF, ANNA, BEA, STRANGER, FAMILY = -100777, 4001, 4002, 4999, 3001


def config_with_nurses(tmp_path, bea_lang: str | None = None) -> str:
    config = yaml.safe_load((PROJECT / "config.example.yaml").read_text())
    config["nurse_teams"] = [
        {
            "id": "varha",
            "serves": ["region:varsinais-suomi"],
            "staff_chat_id": STAFF,
            "hours": "always",
            "nurses": [
                {"telegram_id": ANNA, "display_name": "Terveydenhoitaja Anna"},
                {"telegram_id": BEA, "display_name": "Terveydenhoitaja Bea"},
            ],
        }
    ]
    if bea_lang:
        config["nurse_teams"][0]["nurses"][1]["lang"] = bea_lang
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True))
    return str(path)


async def escalate(fake: FakeBotAPI) -> str:
    """The family asks for a nurse in Turku; the case number, once the card is out."""
    for text in ("/start", "turku", "haluan puhua hoitajalle"):
        await fake.send_text(FAMILY, text)
    sent = await fake.wait_for(FAMILY, 3, timeout=60)
    number = re.search(r"Tapausnumero (\w+)", sent[2].text).group(1)
    await fake.wait_for(STAFF, 1)
    return number


async def test_card_take_relay_close(tmp_path):
    fake = FakeBotAPI()
    bot = await start_bot(tmp_path, await fake.start(), config=config_with_nurses(tmp_path))
    try:
        await fake.send_text(FAMILY, "/start")
        await fake.send_text(FAMILY, "turku")
        await fake.send_text(FAMILY, "vauva ei nuku yöllä")
        await fake.send_text(FAMILY, "haluan puhua hoitajalle")
        sent = await fake.wait_for(FAMILY, 4, timeout=60)
        assert "Tapausnumero" in sent[3].text
        number = re.search(r"Tapausnumero (\w+)", sent[3].text).group(1)

        card = (await fake.wait_for(STAFF, 1))[0]
        assert number in card.text and "Turku" in card.text
        assert "vauva ei nuku yöllä" in card.text  # the question, at a glance
        assert str(FAMILY) not in card.text and "Perhe" in card.text
        assert card.button_data() == [f"take:{number}"]

        await fake.press_in_group(STAFF, STRANGER, f"take:{number}", card.text)
        await fake.wait_until(lambda: "Ei sallittu." in fake.answers)
        await fake.press_in_group(STAFF, BEA, f"take:{number}", card.text)
        await fake.press_in_group(STAFF, ANNA, f"take:{number}", card.text)
        await fake.wait_until(lambda: "Tapaus on jo otettu." in fake.answers)
        await fake.wait_until(lambda: any("Terveydenhoitaja Bea" in e for e in fake.edits))

        desk = await fake.wait_for(BEA, 1)
        assert number in desk[0].text and "vauva ei nuku yöllä" in desk[0].text
        sent = await fake.wait_for(FAMILY, 5)
        assert "Terveydenhoitaja Bea on ottanut keskustelun" in sent[4].text

        await fake.send_text(BEA, "Hei! Kuinka vanha vauva on?")
        sent = await fake.wait_for(FAMILY, 6)
        assert sent[5].text == "Terveydenhoitaja Bea: Hei! Kuinka vanha vauva on?"
        await fake.send_text(FAMILY, "4 kuukautta")
        desk = await fake.wait_for(BEA, 2)
        assert desk[1].text == f"[{number}] Perhe: 4 kuukautta"

        await fake.send_text(BEA, "/close unineuvonta")
        sent = await fake.wait_for(FAMILY, 7)
        assert "Keskustelu päättyi" in sent[6].text
        assert sent[6].button_data() == ["rate:1", "rate:2", "rate:3", "rate:4", "rate:5"]
        labels = [b["text"] for row in sent[6].buttons for b in row]
        assert labels[0] == "1 huono" and labels[-1] == "5 erinomainen"  # which end is good
        await fake.press(FAMILY, "rate:4")
        sent = await fake.wait_for(FAMILY, 8)
        assert "Kiitos arviostasi" in sent[7].text

        # A family that blocks the bot mid-chat is shown to the nurse as unreachable.
        await fake.send_text(FAMILY, "voinko kysyä vielä hoitajalta")
        await fake.send_text(FAMILY, "haluan puhua hoitajalle")
        sent = await fake.wait_for(FAMILY, 10)
        number = re.search(r"Tapausnumero (\w+)", sent[9].text).group(1)
        await fake.wait_until(lambda: any(number in s.text for s in fake.to(STAFF)))
        await fake.press_in_group(STAFF, ANNA, f"take:{number}", "card")
        await fake.wait_for(ANNA, 1)
        fake.blocked.add(FAMILY)
        await fake.send_text(ANNA, "Hei, oletko vielä siellä?")
        await fake.wait_until(
            lambda: any("ei ole tavoitettavissa" in s.text for s in fake.to(ANNA))
        )
    finally:
        _out, err = await stop(bot)
        await fake.stop()
    assert "Traceback" not in err
    assert "4 kuukautta" not in err and str(FAMILY) not in err


async def test_sigkill_in_a_live_chat_loses_and_duplicates_nothing(tmp_path):
    fake = FakeBotAPI()
    base = await fake.start()
    config = config_with_nurses(tmp_path)
    bot = await start_bot(tmp_path, base, config=config)
    try:
        number = await escalate(fake)
        await fake.press_in_group(STAFF, ANNA, f"take:{number}", "card")
        await fake.wait_for(ANNA, 1)
        await fake.wait_for(FAMILY, 4)  # "Anna on ottanut…"
        await asyncio.sleep(1.5)  # let polling confirm what it has handled
        bot.send_signal(signal.SIGKILL)
        await bot.wait()

        # While the bot is down, both keep writing.
        await fake.send_text(FAMILY, "oletko siellä")
        await fake.send_text(ANNA, "Olen, jatketaan.")
        bot = await start_bot(tmp_path, base, config=config)

        desk = await fake.wait_for(ANNA, 2, timeout=60)
        sent = await fake.wait_for(FAMILY, 5, timeout=60)
        await asyncio.sleep(2)  # anything duplicated would have arrived by now
        assert [s.text for s in fake.to(ANNA)][1:] == [f"[{number}] Perhe: oletko siellä"]
        assert [s.text for s in fake.to(FAMILY)][4:] == ["Terveydenhoitaja Anna: Olen, jatketaan."]
        assert desk and sent
    finally:
        _, err = await stop(bot)
        await fake.stop()
    assert "Traceback" not in err


async def _escalate_and_take(fake: FakeBotAPI, family: int, nurse: int, seen: int) -> str:
    for text in ("/start", "turku", "haluan puhua hoitajalle"):
        await fake.send_text(family, text)
    sent = await fake.wait_for(family, 3, timeout=60)
    number = re.search(r"Tapausnumero (\w+)", sent[2].text).group(1)
    await fake.wait_until(lambda: any(number in s.text for s in fake.to(STAFF)))
    await fake.press_in_group(STAFF, nurse, f"take:{number}", "card")
    await fake.wait_for(nurse, seen + 1)
    return number


async def test_each_case_has_its_own_topic_and_a_deleted_topic_comes_back(tmp_path):
    fake = FakeBotAPI(topics=True)
    bot = await start_bot(tmp_path, await fake.start(), config=config_with_nurses(tmp_path))
    other = FAMILY + 1
    try:
        first = await _escalate_and_take(fake, FAMILY, ANNA, 0)
        second = await _escalate_and_take(fake, other, ANNA, 1)
        cards = fake.to(ANNA)
        assert first in cards[0].text and second in cards[1].text
        t1, t2 = cards[0].thread, cards[1].thread
        assert t1 and t2 and t1 != t2
        assert fake.topic_names[(ANNA, t1)].startswith(f"{first} · Turku")

        # Each family's words land in their own topic; a nurse writes in a topic to that family.
        await fake.send_text(FAMILY, "ensimmäinen perhe")
        await fake.send_text(other, "toinen perhe")
        await fake.wait_for(ANNA, 4)
        by_thread = {s.thread: s.text for s in fake.to(ANNA)[2:]}
        assert by_thread == {t1: "Perhe: ensimmäinen perhe", t2: "Perhe: toinen perhe"}
        await fake.send_text(ANNA, "Vastaus toiselle.", thread=t2)
        await fake.wait_until(lambda: any("Vastaus toiselle" in s.text for s in fake.to(other)))
        assert not any("Vastaus toiselle" in s.text for s in fake.to(FAMILY))

        # The nurse deletes the first topic: the case goes on in a new one.
        fake.delete_topic(ANNA, t1)
        await fake.send_text(FAMILY, "oletko siellä")
        await fake.wait_until(lambda: any(s.text == "Perhe: oletko siellä" for s in fake.to(ANNA)))
        moved = next(s for s in fake.to(ANNA) if s.text == "Perhe: oletko siellä")
        assert moved.thread not in (None, t1, t2)
        await fake.send_text(ANNA, "Olen tässä.", thread=moved.thread)
        await fake.wait_until(lambda: any("Olen tässä." in s.text for s in fake.to(FAMILY)))
    finally:
        _out, err = await stop(bot)
        await fake.stop()
    assert "Traceback" not in err and "oletko siellä" not in err


async def test_without_topics_a_reply_goes_to_the_case_replied_to(tmp_path):
    fake = FakeBotAPI()
    bot = await start_bot(tmp_path, await fake.start(), config=config_with_nurses(tmp_path))
    other = FAMILY + 1
    try:
        first = await _escalate_and_take(fake, FAMILY, ANNA, 0)
        await _escalate_and_take(fake, other, ANNA, 1)
        await fake.send_text(FAMILY, "kysymys")
        await fake.wait_for(ANNA, 3)
        assert fake.to(ANNA)[2].text == f"[{first}] Perhe: kysymys"
        # Plain typing goes to the newest case; a reply goes to the case replied to.
        await fake.send_text(ANNA, "Vastaus ensimmäiselle.", reply_to=fake.to(ANNA)[2].text)
        await fake.wait_until(
            lambda: any("Vastaus ensimmäiselle" in s.text for s in fake.to(FAMILY))
        )
        assert not any("Vastaus ensimmäiselle" in s.text for s in fake.to(other))
    finally:
        _out, err = await stop(bot)
        await fake.stop()
    assert "Traceback" not in err


async def test_a_busy_bot_api_does_not_cost_the_nurse_the_case_or_a_desk_answer(tmp_path):
    # Every button answer fails (429), then half the messages (5xx): the nurse who pressed
    # Take still gets the case, and the desk's answers arrive once each, late at worst.
    fake = FakeBotAPI(faults=("429",), fault_methods=frozenset({"answerCallbackQuery"}))
    bot = await start_bot(tmp_path, await fake.start(), config=config_with_nurses(tmp_path))
    try:
        number = await escalate(fake)
        fake.fail_ratio = 1.0
        await fake.press_in_group(STAFF, ANNA, f"take:{number}", "card")
        desk = await fake.wait_for(ANNA, 1)
        assert number in desk[0].text
        assert fake.failed.get("429"), "the button answer really failed"
        fake.faults, fake.fault_methods, fake.fail_ratio = ("5xx",), frozenset({"sendMessage"}), 0.5
        await fake.send_text(ANNA, "/mycases")
        await fake.send_text(ANNA, "/canned")
        desk = await fake.wait_for(ANNA, 3, timeout=60)
        assert number in desk[1].text  # /mycases, then /canned: in order
        await asyncio.sleep(1.0)
        assert len(fake.to(ANNA)) == 3, "each answer once"
    finally:
        _out, err = await stop(bot)
        await fake.stop()
    assert "Traceback" not in err


async def test_a_nurse_without_a_private_chat_returns_the_case_and_nothing_is_lost(tmp_path):
    """Telegram answers 403 to a nurse who never pressed Start in a private chat with the
    bot: the case goes back to the queue with a new card, the group is told how she opens
    the chat, and the family is not left talking to nobody."""
    fake = FakeBotAPI()
    fake.blocked.add(ANNA)  # Anna has never opened a chat with the bot
    bot = await start_bot(tmp_path, await fake.start(), config=config_with_nurses(tmp_path))
    try:
        number = await escalate(fake)
        await fake.press_in_group(STAFF, ANNA, f"take:{number}", "card")
        await fake.wait_until(lambda: any("avata yksityinen" in s.text for s in fake.to(STAFF)))
        notice = next(s for s in fake.to(STAFF) if "avata yksityinen" in s.text)
        assert number in notice.text and "t.me/" in notice.text
        cards = [s for s in fake.to(STAFF) if f"take:{number}" in s.button_data()]
        assert len(cards) == 2, "the case is offered again"
        await fake.send_text(FAMILY, "onko siellä ketään?")
        await fake.press_in_group(STAFF, BEA, f"take:{number}", "card")
        await fake.wait_until(lambda: any("onko siellä ketään" in s.text for s in fake.to(BEA)))
    finally:
        _out, err = await stop(bot)
        await fake.stop()

    assert "Traceback" not in err


async def test_forget_deletes_the_familys_words_from_the_staff_group_and_the_nurses_chat(
    tmp_path,
):
    """/forget means forgotten everywhere we can reach: the case card in the staff group,
    the card and the relayed words in the nurse's chat are deleted in Telegram too."""
    fake = FakeBotAPI()
    bot = await start_bot(tmp_path, await fake.start(), config=config_with_nurses(tmp_path))
    try:
        number = await escalate(fake)
        await fake.press_in_group(STAFF, ANNA, f"take:{number}", "card")
        await fake.wait_for(ANNA, 1)
        await fake.send_text(FAMILY, "poika ei syö kunnolla")
        await fake.wait_until(lambda: any("ei syö kunnolla" in s.text for s in fake.to(ANNA)))
        quoting = [s for s in fake.sent if s.chat_id in (STAFF, ANNA) and "Perhe" in s.text]
        assert quoting, "the family's words reached the staff chats"
        await fake.send_text(FAMILY, "/forget")
        await fake.wait_until(lambda: any("fg:y" in s.button_data() for s in fake.to(FAMILY)))
        await fake.press(FAMILY, "fg:y")
        await fake.wait_until(lambda: all(s.deleted for s in quoting))
    finally:
        _out, err = await stop(bot)
        await fake.stop()
    assert "Traceback" not in err
    remaining = [s.text for s in fake.sent if s.chat_id in (STAFF, ANNA) and not s.deleted]
    assert not any("ei syö kunnolla" in text for text in remaining)


async def test_a_nurse_removed_from_the_staff_group_cannot_take_a_case(tmp_path):
    """Removing someone from the team's Telegram group counts, even while the config still
    lists her: Telegram's getChatMember says she has left, so the take is refused."""
    fake = FakeBotAPI()
    fake.left.add(ANNA)
    bot = await start_bot(tmp_path, await fake.start(), config=config_with_nurses(tmp_path))
    try:
        number = await escalate(fake)
        await fake.press_in_group(STAFF, ANNA, f"take:{number}", "card")
        await fake.wait_until(lambda: "Ei sallittu." in fake.answers)
        await asyncio.sleep(1)
        assert not fake.to(ANNA), "nothing of the family reached her"
        await fake.press_in_group(STAFF, BEA, f"take:{number}", "card")
        await fake.wait_for(BEA, 1)
    finally:
        _out, err = await stop(bot)
        await fake.stop()
    assert "Traceback" not in err


async def test_sigkill_during_a_burst_of_relays_loses_nothing(tmp_path):
    """A nurse writes thirty lines fast and the bot is killed while relaying them. Every
    line reaches the family, in order; a line whose sending was cut off by the kill may
    arrive twice (sendMessage has no idempotency key: at least once, never lost)."""
    fake = FakeBotAPI(reply_delay_s=0.05)
    base = await fake.start()
    config = config_with_nurses(tmp_path)
    bot = await start_bot(tmp_path, base, config=config)
    lines = [f"rivi {n}" for n in range(1, 31)]
    try:
        number = await escalate(fake)
        await fake.press_in_group(STAFF, ANNA, f"take:{number}", "card")
        await fake.wait_for(ANNA, 1)
        await fake.wait_for(FAMILY, 4)  # "Anna on ottanut…"
        before = len(fake.to(FAMILY))
        for line in lines:
            await fake.send_text(ANNA, line)
        await fake.wait_until(lambda: len(fake.to(FAMILY)) >= before + 8, timeout=60)
        bot.send_signal(signal.SIGKILL)  # in the middle of the burst
        await bot.wait()
        assert len(fake.to(FAMILY)) < before + len(lines), "killed before the burst ended"

        bot = await start_bot(tmp_path, base, config=config)
        relayed = [f"Terveydenhoitaja Anna: {line}" for line in lines]
        await fake.wait_until(lambda: set(relayed) <= {s.text for s in fake.to(FAMILY)}, timeout=90)
        await asyncio.sleep(2)  # anything sent twice would have arrived by now
    finally:
        _, err = await stop(bot)
        await fake.stop()
    got = [s.text for s in fake.to(FAMILY)][before:]
    first_seen = list(dict.fromkeys(got))
    assert first_seen == relayed  # nothing lost, nothing out of order
    assert len(got) - len(first_seen) <= 1  # at most the one cut off by the kill
    assert "Traceback" not in err


async def test_a_swedish_speaking_nurse_gets_the_desk_in_swedish(tmp_path):
    """Bea has `lang: sv`; Anna has none and gets the team's Finnish."""
    fake = FakeBotAPI()
    bot = await start_bot(tmp_path, await fake.start(), config=config_with_nurses(tmp_path, "sv"))
    try:
        number = await escalate(fake)
        await fake.press_in_group(STAFF, BEA, f"take:{number}", "card")
        card = (await fake.wait_for(BEA, 1))[0]
        assert "Skriv här, så går meddelandet till familjen" in card.text
        await fake.wait_until(lambda: "Taget." in fake.answers)
        await fake.press_in_group(STAFF, ANNA, f"take:{number}", "card")
        await fake.wait_until(lambda: "Tapaus on jo otettu." in fake.answers)
        await fake.send_text(FAMILY, "hon vaknar varje timme")
        desk = await fake.wait_for(BEA, 2)
        assert desk[1].text == f"[{number}] Familjen: hon vaknar varje timme"
        await fake.send_text(BEA, "/queue")
        desk = await fake.wait_for(BEA, 3)
        assert desk[2].text == "Kön är tom."
        await fake.send_text(ANNA, "/queue")
        assert (await fake.wait_for(ANNA, 1))[0].text == "Jono on tyhjä."
    finally:
        _, err = await stop(bot)
        await fake.stop()
    assert "Traceback" not in err
