"""The nurses' side on Telegram: case cards with a Take button in the team's staff group,
and each nurse's live conversations in their own private chat with the bot.

Telegram allows about 20 messages a minute per group, so only the short case cards go to
the staff group; the conversations themselves run in the nurses' private chats (about one
message a second each), which scales with the number of nurses, not of cases.
"""

from __future__ import annotations

import logging
from typing import Any

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import BaseFilter
from aiogram.types import CallbackQuery, Message

from neuvobot.channels.telegram.delivery import Outbox
from neuvobot.escalation.queue import NurseQueue
from neuvobot.escalation.teams import NurseTeam
from neuvobot.storage.cases import Case

log = logging.getLogger(__name__)
WHO = {"in": "Perhe", "out": "Botti", "nurse": "Hoitaja"}
NURSE_HELP = (
    "Kirjoita tähän, niin viesti menee perheelle (uusimpaan tapaukseesi tai /case NUMERO).\n"
    "/queue jono · /mycases omat · /case NUMERO vaihda · /canned valmiit vastaukset · "
    "/c N lähetä valmis · /close [muistiinpano] · /release · /transfer TIIMI"
)


class TelegramNurseNotifier:
    """Case cards to staff groups, family messages to the nurse's private chat."""

    def __init__(self, queue: NurseQueue, outbox: Outbox) -> None:
        self.queue = queue
        self.outbox = outbox

    async def send(self, chat_id: int, text: str, buttons: list | None = None) -> None:
        await self.outbox.storage.enqueue(
            f"tg:{chat_id}", {"chat_id": chat_id, "text": text[:4000], "buttons": buttons or []}
        )
        self.outbox.wakeup.set()

    async def new_case(self, team: NurseTeam, case: Case, context: dict[str, Any]) -> None:
        if team.staff_chat_id is None:
            return
        await self.send(
            team.staff_chat_id,
            case_card(context),
            [[{"text": "Ota / Take", "data": f"take:{case.number}"}]],
        )

    async def family_unreachable(self, chat: str) -> None:
        """A family blocked the bot: their nurse sees it instead of talking into the void."""
        case = await self.queue.cases.open_case_of(chat)
        if case is not None and case.nurse_id is not None:
            await self.send(
                case.nurse_id,
                f"[{case.number}] Perhe ei ole tavoitettavissa "
                "(on estänyt botin). Viestit eivät mene perille.",
            )

    async def family_message(self, case: Case, text: str) -> None:
        if case.nurse_id is not None:
            await self.send(case.nurse_id, f"[{case.number}] Perhe: {text}")


def case_card(context: dict[str, Any]) -> str:
    """What a nurse needs at a glance: who (pseudonymously), where, how long, and what."""
    lines = [
        f"Tapaus {context['number']} · {context['municipality']} · {context['lang']}"
        f" · odottanut {context['waiting_min']} min"
    ]
    for direction, text in context["messages"][-8:]:
        lines.append(f"{WHO.get(direction, direction)}: {text[:300]}")
    return "\n".join(lines)


class IsNurse(BaseFilter):
    """True for configured nurses; their private chat with the bot is their desk."""

    async def __call__(self, event: Message | CallbackQuery, nurse_queue: NurseQueue) -> bool:
        user = event.from_user
        return user is not None and any(
            team.nurse(user.id) for team in nurse_queue.teams.by_id.values()
        )


def _team_of(queue: NurseQueue, nurse_id: int) -> NurseTeam | None:
    return next((t for t in queue.teams.by_id.values() if t.nurse(nurse_id)), None)


async def on_take(query: CallbackQuery, nurse_queue: NurseQueue, outbox: Outbox) -> None:
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
    if team is None:
        await nurse_queue.cases.audit(None, "take_unauthorised", f"telegram:{query.from_user.id}")
        await query.answer("Ei sallittu.", show_alert=True)
        return
    result = await nurse_queue.take(team.id, number, query.from_user.id)
    if not result.ok:
        already = "already taken" in result.message
        await query.answer("Tapaus on jo otettu." if already else "Ei sallittu.", show_alert=True)
        return
    nurse = team.nurse(query.from_user.id)
    await query.answer("Otettu.")
    if message is not None and nurse is not None and result.case is not None:
        try:  # the card shows who took it; the others then see it is taken
            await message.edit_text(f"{message.text or ''}\n\n✅ {nurse.display_name}")
        except Exception as exc:
            log.debug("card not edited: %s", type(exc).__name__)
        context = await nurse_queue.context(result.case)
        desk = TelegramNurseNotifier(nurse_queue, outbox)
        await desk.send(
            query.from_user.id,
            f"{case_card(context)}\n\n{NURSE_HELP}",
        )


async def on_nurse_message(message: Message, nurse_queue: NurseQueue) -> None:
    nurse_id = message.from_user.id  # type: ignore[union-attr]
    text = (message.text or "").strip()
    word, _, rest = text.partition(" ")
    team = _team_of(nurse_queue, nurse_id)
    case = await nurse_queue.current_case(nurse_id)
    if word == "/queue" and team is not None:
        waiting = await nurse_queue.cases.waiting(team.id)
        now = nurse_queue.clock()
        lines = [
            f"{c.number} · {c.municipality} · {int((now - c.created).total_seconds() // 60)} min"
            for c in waiting
        ]
        await message.answer("\n".join(lines) or "Jono on tyhjä.")
    elif word == "/case" and rest:
        await message.answer((await nurse_queue.select(nurse_id, rest)).message)
    elif word == "/canned":
        replies = nurse_queue.canned(nurse_id)
        listed = "\n".join(f"/c {n} – {text}" for n, text in enumerate(replies, 1))
        await message.answer(listed or "Tiimillä ei ole valmiita vastauksia.")
    elif word == "/c" and rest.strip().isdigit() and case is not None:
        replies = nurse_queue.canned(nurse_id)
        index = int(rest.strip()) - 1
        if 0 <= index < len(replies):
            await nurse_queue.say(case, nurse_id, replies[index])
        else:
            await message.answer("Ei sellaista valmista vastausta. Katso /canned")
    elif word == "/mycases":
        mine = await nurse_queue.cases.taken_by(nurse_id)
        await message.answer("\n".join(f"{c.number} · {c.municipality}" for c in mine) or "—")
    elif word in ("/close", "/release", "/transfer") and case is None:
        await message.answer("Sinulla ei ole avointa tapausta.")
    elif word == "/close":
        await message.answer((await nurse_queue.close(case, nurse_id, rest)).message)
    elif word == "/release":
        await message.answer((await nurse_queue.release(case, nurse_id)).message)
    elif word == "/transfer":
        await message.answer((await nurse_queue.transfer(case, nurse_id, rest.strip())).message)
    elif not text or text.startswith("/"):
        await message.answer(NURSE_HELP)
    elif case is None:
        await message.answer("Sinulla ei ole avointa tapausta. Ota tapaus ryhmästä.")
    else:
        result = await nurse_queue.say(case, nurse_id, text)
        if not result.ok:
            await message.answer(result.message)


def build_router() -> Router:
    router = Router(name="nurse")
    router.callback_query.register(on_take, F.data.startswith("take:"))
    router.message.register(on_nurse_message, F.chat.type == ChatType.PRIVATE, IsNurse())
    return router
