"""Issue: one slow family stalled the rest. Ten accounts each paste six 4,096-character
messages of never-seen compound words (the dearest input for Voikko and the danger check),
then another family asks a short question. Through the real `neuvobot run`: the other
family is answered before the burst is, and every long message is still answered."""

from __future__ import annotations

import random

from tests.channels.test_telegram import start_bot, stop
from tests.fakes.telegram_api import FakeBotAPI

PARTS = ["lasten", "neuvola", "perhe", "koulu", "terveys", "hoitaja", "palvelu", "ohjaus"]
PARTS += ["talo", "keskus", "tuki", "vanhem", "kirjasto", "uimala", "pyora", "metsa"]


def pasted_text(rng: random.Random) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < 4096:
        tail = "".join(rng.choice("abdehijklmnoprstuvy") for _ in range(rng.randint(2, 6)))
        words.append("".join(rng.choice(PARTS) for _ in range(2)) + tail)
    return " ".join(words)[:4096]


async def test_a_burst_of_long_pasted_texts_does_not_hold_up_another_family(tmp_path):
    fake = FakeBotAPI()
    bot = await start_bot(tmp_path, await fake.start())
    rng = random.Random(5)
    burst = list(range(6101, 6111))
    other = 6199
    try:
        for chat in (*burst, other):
            await fake.send_text(chat, "/start")
            await fake.send_text(chat, "salo")
        for chat in (*burst, other):
            await fake.wait_for(chat, 2, timeout=60)
        seen = {chat: len(fake.to(chat)) for chat in (*burst, other)}
        for _ in range(6):
            for chat in burst:
                await fake.send_text(chat, pasted_text(rng))
        await fake.send_text(other, "neuvolan aukioloajat")
        await fake.wait_for(other, seen[other] + 1, timeout=120)
        # every long message is answered too, in the end
        for chat in burst:
            await fake.wait_until(lambda c=chat: len(fake.to(c)) >= seen[c] + 6, timeout=180)
        answered_order = [s.chat_id for s in fake.sent if s.chat_id in (*burst, other)]
    finally:
        _, err = await stop(bot)
        await fake.stop()
    after_setup = answered_order[sum(seen.values()) :]
    before_other = after_setup.index(other)
    burst_answers = sum(1 for chat in after_setup if chat != other)
    # one turn of the burst (ten chats) and the unit in hand may go first, not the rest
    assert before_other <= 18, (before_other, burst_answers)
    assert "Traceback" not in err
