"""The nurses' side on Telegram: case cards with a Take button in the team's staff group,
and each nurse's live conversations in their own private chat with the bot.

Telegram allows about 20 messages a minute per group, so only the short case cards go to
the staff group; the conversations themselves run in the nurses' private chats (about one
message a second each), which scales with the number of nurses, not of cases.
"""

from __future__ import annotations

import logging
import re
import time
from typing import Any

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramNetworkError
from aiogram.filters import BaseFilter
from aiogram.types import CallbackQuery, Message

from neuvobot.catalogue.municipalities import MUNICIPALITIES
from neuvobot.channels.telegram.delivery import Outbox, split_text
from neuvobot.channels.telegram.filters import data_prefix, is_service_message, private_chat
from neuvobot.escalation.queue import NurseQueue, flag_danger
from neuvobot.escalation.teams import NurseTeam
from neuvobot.escalation.texts import desk
from neuvobot.storage.cases import Case

log = logging.getLogger(__name__)


class TelegramNurseNotifier:
    """Case cards to staff groups, family messages to the nurse's private chat.

    Where the bot has topic mode in private chats (getMe's has_topics_enabled), every taken
    case gets its own topic there, so a nurse with several families sees one thread each;
    otherwise messages carry the case number and the nurse picks a case with /case or by
    replying to one of its messages.
    """

    def __init__(
        self, queue: NurseQueue, outbox: Outbox, bot: Bot | None = None, topics: bool = False
    ) -> None:
        self.queue = queue
        self.outbox = outbox
        self.bot = bot
        self.topics = topics and bot is not None

    async def send(
        self,
        chat_id: int,
        text: str,
        buttons: list | None = None,
        case: Case | None = None,
        thread: int | None = None,
        about: str | None = None,
    ) -> None:
        """`about`: the family whose words the text quotes; /forget deletes it again."""
        chunks = split_text(text, 4000)  # a long case card goes as several messages, none cut
        for number, chunk in enumerate(chunks):
            last = number == len(chunks) - 1
            payload: dict[str, Any] = {
                "chat_id": chat_id,
                "text": chunk,
                "buttons": (buttons or []) if last else [],
            }
            if about is not None:
                payload["about"] = about
            if case is not None and case.thread is not None and chat_id == case.nurse_id:
                payload |= {"thread": case.thread, "case": case.number}
            elif thread is not None:
                payload["thread"] = thread
            await self.outbox.storage.enqueue(f"tg:{chat_id}", payload)
        self.outbox.wakeup.set()

    async def new_case(self, team: NurseTeam, case: Case, context: dict[str, Any]) -> None:
        if team.staff_chat_id is None:
            return
        await self.send(
            team.staff_chat_id,
            case_card(context, team.lang),
            [[{"text": desk(team.lang, "take_button"), "data": f"take:{case.number}"}]],
            about=case.user_key,
        )

    async def open_topic(self, case: Case) -> Case:
        """A new topic for a taken case in its nurse's private chat (where topics are on)."""
        if not self.topics or self.bot is None or case.nurse_id is None:
            return case
        municipality = MUNICIPALITIES.get(case.municipality)
        name = f"{case.number} · {municipality.fi if municipality else case.municipality}"
        try:
            topic = await self.bot.create_forum_topic(chat_id=case.nurse_id, name=name)
        except (TelegramAPIError, TelegramNetworkError) as exc:
            # The chat still works without a topic: messages carry the case number.
            log.warning("no topic for a case: %s", type(exc).__name__)
            return case
        await self.queue.cases.set_thread(case.id, topic.message_thread_id)
        return await self.queue.cases.get(case.id) or case

    async def thread_missing(self, payload: dict[str, Any]) -> int | None:
        """The nurse deleted a case's topic: the case goes on in a new one."""
        case = await self.queue.cases.by_number(str(payload.get("case", "")))
        if case is None or case.state != "taken" or case.nurse_id != payload.get("chat_id"):
            return None
        if case.thread is not None and case.thread != payload.get("thread"):
            return case.thread  # already recreated for an earlier message
        renewed = await self.open_topic(case)
        if renewed.thread is None or renewed.thread == payload.get("thread"):
            return None
        lang = self.queue.teams.staff_lang(case.nurse_id)
        await self.send(case.nurse_id, desk(lang, "new_thread", number=case.number))
        return renewed.thread

    async def family_unreachable(self, chat: str) -> None:
        """A family blocked the bot: their nurse sees it instead of talking into the void.
        A nurse Telegram will not deliver to: her cases go back to the queue (see below)."""
        nurse_id = _nurse_id(chat)
        if nurse_id is not None and self._is_nurse(nurse_id):
            await self._nurse_unreachable(nurse_id)
            return
        case = await self.queue.cases.open_case_of(chat)
        if case is not None and case.nurse_id is not None:
            lang = self.queue.teams.staff_lang(case.nurse_id)
            said = desk(lang, "family_unreachable", number=case.number)
            await self.send(case.nurse_id, said, case=case)

    def _is_nurse(self, user_id: int) -> bool:
        return any(team.nurse(user_id) for team in self.queue.teams.by_id.values())

    async def _nurse_unreachable(self, nurse_id: int) -> None:
        """Tell the team's group how the nurse opens the chat; the case is back for anyone."""
        returned = await self.queue.nurse_unreachable(nurse_id)
        link = await self._start_link()
        for case in returned:
            team = self.queue.teams.by_id.get(case.team)
            nurse = team.nurse(nurse_id) if team else None
            if team is None or team.staff_chat_id is None:
                continue
            who = nurse.display_name if nurse else str(nurse_id)
            said = desk(team.lang, "nurse_unreachable", number=case.number, who=who, link=link)
            await self.send(team.staff_chat_id, said)

    async def _start_link(self) -> str:
        try:
            me = await self.bot.me() if self.bot is not None else None
        except (TelegramAPIError, TelegramNetworkError):
            me = None
        return f"https://t.me/{me.username}?start=nurse" if me and me.username else "t.me/…"

    async def family_forgot(self, case: Case) -> None:
        if case.nurse_id is not None:
            lang = self.queue.teams.staff_lang(case.nurse_id)
            await self.send(
                case.nurse_id, desk(lang, "family_forgot", number=case.number), case=case
            )

    async def family_message(self, case: Case, text: str) -> None:
        if case.nurse_id is not None:
            tag = "" if case.thread is not None else f"[{case.number}] "
            family = desk(self.queue.teams.staff_lang(case.nurse_id), "family")
            await self.send(case.nurse_id, f"{tag}{family}: {text}", case=case, about=case.user_key)


def _nurse_id(chat: str) -> int | None:
    """The Telegram user id of a private chat key ("tg:123"); groups are negative."""
    number = chat.removeprefix("tg:")
    return int(number) if number.isdigit() else None


def case_card(context: dict[str, Any], lang: str = "fi") -> str:
    """What a nurse needs at a glance: who (pseudonymously), where, how long, and what."""
    header = desk(
        lang,
        "card_header",
        number=context["number"],
        municipality=context["municipality"],
        language=context["lang"],
        minutes=context["waiting_min"],
    )
    lines = [(desk(lang, "card_urgent") if context.get("urgent") else "") + header]
    for direction, text in context["messages"]:  # the family's words in full
        shown = flag_danger(text) if direction == "in" else text
        who = desk(lang, f"card_{direction}") if direction in ("in", "out", "nurse") else direction
        lines.append(f"{who}: {shown}")
    return "\n".join(lines)


class IsNurse(BaseFilter):
    """True for configured nurses; their private chat with the bot is their desk."""

    async def __call__(self, event: Message | CallbackQuery, nurse_queue: NurseQueue) -> bool:
        user = event.from_user
        return user is not None and any(
            team.nurse(user.id) for team in nurse_queue.teams.by_id.values()
        )


# Removing a nurse from the team's Telegram group takes her access away too: her membership
# is asked of Telegram (getChatMember) and kept for a while, as a take or relay must not
# wait on Telegram each time.
MEMBERSHIP_TTL_S = 300.0
_GONE = frozenset({"left", "kicked"})
_membership: dict[tuple[int, int], tuple[float, bool]] = {}


async def in_staff_group(bot: Bot, team: NurseTeam, user_id: int) -> bool:
    """False when Telegram says the user has left or been removed from the team's group.
    A team without a group, or Telegram unreachable, leaves the config to decide."""
    if team.staff_chat_id is None:
        return True
    key = (team.staff_chat_id, user_id)
    cached = _membership.get(key)
    if cached is not None and time.monotonic() - cached[0] < MEMBERSHIP_TTL_S:
        return cached[1]
    try:
        member = await bot.get_chat_member(chat_id=team.staff_chat_id, user_id=user_id)
    except TelegramBadRequest:  # "user not found" in the chat: not a member
        member_now = False
    except (TelegramAPIError, TelegramNetworkError) as exc:
        log.warning("group membership unknown: %s", type(exc).__name__)
        return True
    else:
        member_now = member.status not in _GONE
    _membership[key] = (time.monotonic(), member_now)
    return member_now


def _team_of(queue: NurseQueue, nurse_id: int) -> NurseTeam | None:
    return next((t for t in queue.teams.by_id.values() if t.nurse(nurse_id)), None)


async def _toast(query: CallbackQuery, text: str | None = None, alert: bool = False) -> None:
    """The small notice on a pressed button. A courtesy only: when Telegram is busy (429, a
    timeout) the take itself must still go on, or the nurse never gets the case."""
    try:
        await query.answer(text, show_alert=alert)
    except (TelegramAPIError, TelegramNetworkError, TimeoutError) as exc:
        log.debug("could not answer callback: %s", type(exc).__name__)


async def _reply(message: Message, queue: NurseQueue, text: str) -> None:
    """Answer the nurse through the outbox (in order, retried after 429s and timeouts, kept
    over a restart), in the topic they wrote in."""
    notifier = queue.notifier
    if not isinstance(notifier, TelegramNurseNotifier):
        await message.answer(text)
        return
    thread = message.message_thread_id if message.is_topic_message else None
    await notifier.send(message.chat.id, text, thread=thread)


async def on_take(query: CallbackQuery, nurse_queue: NurseQueue) -> None:
    number = (query.data or "").removeprefix("take:")
    message = query.message
    team = next(
        (
            t
            for t in nurse_queue.teams.by_id.values()
            if message is not None and t.staff_chat_id == message.chat.id
        ),
        None,
    )
    if team is None or not await in_staff_group(query.bot, team, query.from_user.id):
        await nurse_queue.cases.audit(None, "take_unauthorised", f"telegram:{query.from_user.id}")
        lang = team.lang if team is not None else "fi"
        await _toast(query, desk(lang, "toast_not_allowed"), alert=True)
        return
    lang = team.staff_lang(query.from_user.id)
    result = await nurse_queue.take(team.id, number, query.from_user.id)
    if not result.ok:
        refusal = "toast_taken" if result.reason == "taken" else "toast_not_allowed"
        await _toast(query, desk(lang, refusal), alert=True)
        return
    nurse = team.nurse(query.from_user.id)
    await _toast(query, desk(lang, "toast_took"))
    if message is not None and nurse is not None and result.case is not None:
        try:  # the card shows who took it; the others then see it is taken
            await message.edit_text(f"{message.text or ''}\n\n✅ {nurse.display_name}")
        except Exception as exc:
            log.debug("card not edited: %s", type(exc).__name__)
        notifier = nurse_queue.notifier
        if isinstance(notifier, TelegramNurseNotifier):
            case = await notifier.open_topic(result.case)
            context = await nurse_queue.context(case)
            card = f"{case_card(context, lang)}\n\n{desk(lang, 'help')}"
            await notifier.send(query.from_user.id, card, case=case, about=case.user_key)


CASE_TAG = re.compile(r"^\[?(?:Tapaus )?([A-Z0-9]{5})\b")


async def _addressed_case(message: Message, queue: NurseQueue, nurse_id: int) -> Case | None:
    """Which case a nurse's message is for: its topic, the case of the message it replies
    to, or else the case they chose last (/take, /case)."""
    if message.is_topic_message and message.message_thread_id is not None:
        case = await queue.cases.by_thread(nurse_id, message.message_thread_id)
        if case is not None:
            return case
    replied = message.reply_to_message
    if replied is not None and replied.text and (tag := CASE_TAG.match(replied.text)):
        mine = await queue.cases.taken_by(nurse_id)
        case = next((c for c in mine if c.number == tag.group(1)), None)
        if case is not None:
            return case
    return await queue.current_case(nurse_id)


async def on_nurse_message(message: Message, nurse_queue: NurseQueue) -> None:
    if is_service_message(message):  # e.g. the topic the bot just created for a case
        return
    user = message.from_user
    team = _team_of(nurse_queue, user.id) if user is not None else None
    if (
        team is not None
        and user is not None
        and not await in_staff_group(message.bot, team, user.id)
    ):
        await nurse_queue.cases.audit(None, "relay_unauthorised", f"telegram:{message.chat.id}")
        said = desk(team.staff_lang(user.id), "left_group")
        await _reply(message, nurse_queue, said)
        return
    answer = await _desk_answer(message, nurse_queue)
    if answer:
        await _reply(message, nurse_queue, answer)


async def _desk_answer(message: Message, nurse_queue: NurseQueue) -> str | None:
    """Do what the nurse asked; what to tell them (None when the family got the words)."""
    nurse_id = message.from_user.id  # type: ignore[union-attr]
    text = (message.text or "").strip()
    word, _, rest = text.partition(" ")
    team = _team_of(nurse_queue, nurse_id)
    lang = nurse_queue.teams.staff_lang(nurse_id)
    case = await _addressed_case(message, nurse_queue, nurse_id)
    if word == "/queue" and team is not None:
        waiting = await nurse_queue.cases.waiting(team.id)
        now = nurse_queue.clock()
        lines = [
            f"{'⚠️ ' if c.urgent else ''}{c.number} · {c.municipality} · "
            f"{int((now - c.created).total_seconds() // 60)} min"
            for c in waiting
        ]
        return "\n".join(lines) or desk(lang, "queue_empty")
    if word == "/case" and rest:
        return (await nurse_queue.select(nurse_id, rest)).message
    if word == "/canned":
        replies = nurse_queue.canned(nurse_id)
        listed = "\n".join(f"/c {n} – {text}" for n, text in enumerate(replies, 1))
        return listed or desk(lang, "no_canned")
    if word == "/c" and rest.strip().isdigit() and case is not None:
        replies = nurse_queue.canned(nurse_id)
        index = int(rest.strip()) - 1
        if 0 <= index < len(replies):
            await nurse_queue.say(case, nurse_id, replies[index])
            return None
        return desk(lang, "no_such_canned")
    if word == "/mycases":
        mine = await nurse_queue.cases.taken_by(nurse_id)
        return "\n".join(f"{c.number} · {c.municipality}" for c in mine) or "—"
    if case is None and (mine := await nurse_queue.cases.taken_by(nurse_id)):
        # Several open cases and none chosen (e.g. an old database): never guess a family.
        numbers = ", ".join(c.number for c in mine)
        return desk(lang, "choose_first", numbers=numbers)
    if word in ("/close", "/release", "/transfer") and case is None:
        return desk(lang, "no_open_case")
    if word == "/close":
        return (await nurse_queue.close(case, nurse_id, rest)).message
    if word == "/release":
        return (await nurse_queue.release(case, nurse_id)).message
    if word == "/transfer":
        return (await nurse_queue.transfer(case, nurse_id, rest.strip())).message
    if not text or text.startswith("/"):
        return desk(lang, "help")
    if case is None:
        return desk(lang, "no_open_case_take")
    result = await nurse_queue.say(case, nurse_id, text)
    return None if result.ok else result.message


def build_router() -> Router:
    router = Router(name="nurse")
    # Coroutine filters: aiogram runs any other filter in a thread (see filters.py).
    router.callback_query.register(on_take, data_prefix("take:"))
    router.message.register(on_nurse_message, private_chat, IsNurse())
    return router
