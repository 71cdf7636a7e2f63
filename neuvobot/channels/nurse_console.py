"""`neuvobot nurse --team TEAM`: a nurse's terminal over the same queue and database.

With a family in `neuvobot console` and a nurse here, the whole flow can be shown with no
Telegram: the queue, take, chat, close, release and transfer.
"""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from neuvobot.conversation.cards import format_when
from neuvobot.escalation.queue import NurseQueue, flag_danger
from neuvobot.escalation.texts import desk
from neuvobot.storage.cases import Case


class NurseConsole:
    def __init__(
        self,
        queue: NurseQueue,
        team_id: str,
        nurse_id: int,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
    ) -> None:
        self.queue = queue
        self.team_id = team_id
        self.nurse_id = nurse_id
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.current: Case | None = None
        self.seen_message_id = 0
        self.lang = queue.teams.staff_lang(nurse_id)  # the nurse's, else the team's `lang:`

    def t(self, key: str, /, **values: object) -> str:
        return desk(self.lang, key, **values)

    def say(self, text: str) -> None:
        print(text, file=self.stdout, flush=True)

    async def show_queue(self) -> None:
        waiting = await self.queue.cases.waiting(self.team_id)
        if not waiting:
            self.say(self.t("queue_empty"))
        now = self.queue.clock()
        for case in waiting:
            minutes = int((now - case.created).total_seconds() // 60)
            mark = self.t("danger_mark") if case.urgent else ""
            self.say(
                f"  {mark}{case.number}  {self.t('console_waiting', minutes=minutes)}"
                f"  {case.municipality}  {case.lang}"
            )

    async def take(self, number: str) -> None:
        result = await self.queue.take(self.team_id, number, self.nurse_id)
        self.say(result.message)
        if result.ok and result.case:
            self.current = result.case
            context = await self.queue.context(result.case)
            self.say(
                self.t(
                    "console_case",
                    number=context["number"],
                    municipality=context["municipality"],
                    lang=context["lang"],
                    minutes=context["waiting_min"],
                )
            )
            for direction, text in context["messages"]:
                who = (
                    self.t(f"who_{direction}") if direction in ("in", "out", "nurse") else direction
                )
                self.say(f"  [{who}] {flag_danger(text) if direction == 'in' else text}")
            self.seen_message_id = max(
                [m.id for m in await self.queue.storage.recent_messages(result.case.user_key)]
                or [0]
            )

    async def new_family_messages(self) -> None:
        if self.current is None:
            return
        messages = await self.queue.storage.recent_messages(self.current.user_key, 50)
        for message in messages:
            if message.id > self.seen_message_id and message.direction == "in":
                self.say(f"  [{self.t('who_in')}] {flag_danger(message.text)}")
        if messages:
            self.seen_message_id = max(self.seen_message_id, messages[-1].id)

    async def handle(self, line: str) -> bool:
        """One line typed by the nurse; False when they leave."""
        text = line.strip()
        word, _, rest = text.partition(" ")
        if word in ("/quit", "/exit"):
            return False
        if word == "/help":
            self.say(self.t("console_help"))
            self.say_hours()
        elif word == "/queue":
            await self.show_queue()
        elif word == "/take" and rest:
            await self.take(rest.strip())
        elif word == "/case" and rest:
            result = await self.queue.select(self.nurse_id, rest)
            self.say(result.message)
            if result.ok:
                self.current = result.case
        elif word == "/canned":
            for n, reply in enumerate(self.queue.canned(self.nurse_id), 1):
                self.say(f"  /c {n}  {reply}")
        elif word == "/c" and rest.strip().isdigit() and self.current is not None:
            replies = self.queue.canned(self.nurse_id)
            index = int(rest.strip()) - 1
            if 0 <= index < len(replies):
                await self.queue.say(self.current, self.nurse_id, replies[index])
            else:
                self.say(self.t("no_such_canned"))
        elif word == "/mycases":
            for case in await self.queue.cases.taken_by(self.nurse_id):
                self.say(f"  {case.number}  {case.municipality}  {case.lang}")
        elif word in ("/close", "/release", "/transfer") and self.current is None:
            self.say(self.t("take_first"))
        elif word == "/close":
            self.say((await self.queue.close(self.current, self.nurse_id, rest)).message)
            self.current = None
        elif word == "/release":
            self.say((await self.queue.release(self.current, self.nurse_id)).message)
            self.current = None
        elif word == "/transfer" and rest:
            self.say((await self.queue.transfer(self.current, self.nurse_id, rest.strip())).message)
            self.current = None
        elif text.startswith("/"):
            self.say(self.t("console_help"))
        elif text:
            if self.current is None:
                self.say(self.t("take_first"))
            else:
                result = await self.queue.say(self.current, self.nurse_id, text)
                if not result.ok:
                    self.say(result.message)
        return True

    def say_hours(self) -> None:
        """Whether the team's chat is open now, and when it opens if not."""
        team = self.queue.teams.by_id.get(self.team_id)
        if team is None:
            return
        now = self.queue.clock()
        if team.is_open(now):
            self.say(self.t("chat_open"))
            return
        opens = team.next_opening(now)
        when = format_when(self.lang, opens, now) if opens else None
        self.say(self.t("chat_closed_until", when=when) if when else self.t("chat_closed"))

    async def run(self, poll_s: float = 1.0) -> None:
        self.say(self.t("console_help"))
        self.say_hours()
        await self.show_queue()
        loop = asyncio.get_running_loop()

        async def poll() -> None:
            while True:
                await asyncio.sleep(poll_s)
                await self.new_family_messages()

        poller = asyncio.create_task(poll())
        try:
            while True:
                line = await loop.run_in_executor(None, self.stdin.readline)
                if not line or not await self.handle(line):
                    break
                await self.new_family_messages()
        finally:
            poller.cancel()
