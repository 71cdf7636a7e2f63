"""A full family-and-nurse flow in process (core + NurseQueue + SQLite), for privacy tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from neuvobot.conversation.core import Conversation, Incoming, InKind, Outcome
from neuvobot.escalation.queue import NurseQueue
from neuvobot.escalation.teams import Teams
from neuvobot.storage.cases import Case
from neuvobot.storage.sqlite import SqliteStorage

# Distinctive strings: if any of them shows up where it must not, it came from this flow.
FAMILY_ID = 736215894
FAMILY_KEY = f"tg:{FAMILY_ID}"
QUESTION = "kuumemittari zyxwquestion rikki mitä teen"
URGENT = "lapsi ei hengitä zyxwurgent"
IN_CHAT = "hän on 4 kuukautta zyxwinchat"
NURSE_SAYS = "Tuokaa vauva vastaanotolle zyxwnurse"
CLOSE_NOTE = "ohjattu vastaanotolle zyxwnote"
SENTINELS = (str(FAMILY_ID), "zyxwquestion", "zyxwurgent", "zyxwinchat", "zyxwnurse", "zyxwnote")

NURSE_ID = 58831
TUESDAY_MORNING = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)  # 10:00 in Helsinki
TEAMS = [
    {
        "id": "varha",
        "serves": ["region:varsinais-suomi"],
        "staff_chat_id": -100,
        "hours": "always",
        "nurses": [{"telegram_id": NURSE_ID, "display_name": "Terveydenhoitaja Anna"}],
    }
]


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@dataclass
class Flow:
    bot: Conversation
    queue: NurseQueue
    storage: SqliteStorage
    clock: Clock

    async def say(self, text: str, kind: InKind = InKind.text) -> Outcome:
        return await self.bot.handle(Incoming(FAMILY_KEY, "telegram", kind, text, "fi"))


async def open_flow(path, searcher) -> Flow:
    clock = Clock(TUESDAY_MORNING)
    storage = SqliteStorage(path, clock=clock)
    await storage.open()
    queue = NurseQueue(storage, Teams.from_config(TEAMS), clock=clock)
    bot = Conversation(storage, lambda: searcher, escalation=queue, clock=clock)
    return Flow(bot, queue, storage, clock)


async def family_to_nurse(flow: Flow) -> Case:
    """/start, municipality, a question, an urgent message, escalation, the nurse takes it
    and both write: everything a case touches (users, messages, outbox, cases, events)."""
    await flow.say("/start", InKind.command)
    await flow.say("turku")
    out = await flow.say(QUESTION)
    assert out.replies, "the question was answered"
    out = await flow.say(URGENT)
    assert "112" in out.replies[0].text
    out = await flow.say("nurse", InKind.button)
    assert "Tapausnumero" in out.text
    case = await flow.queue.cases.open_case_of(FAMILY_KEY)
    assert case is not None
    assert (await flow.queue.take("varha", case.number, NURSE_ID)).ok
    await flow.say(IN_CHAT)
    assert (await flow.queue.say(case, NURSE_ID, NURSE_SAYS)).ok
    return case
