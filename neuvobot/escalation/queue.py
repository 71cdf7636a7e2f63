"""The nurse queue: families escalate, nurses take, talk, release, transfer and close.

Messages to a family that the family did not just ask for (a nurse's words, "your case was
taken") go through the outbox addressed by the family's user key, so every channel
delivers them its own way (Telegram's delivery worker, the console's polling) and nothing
is lost if the process stops.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from neuvobot.catalogue.model import Service
from neuvobot.catalogue.municipalities import MUNICIPALITIES
from neuvobot.conversation.cards import format_when, render_card
from neuvobot.conversation.core import Button, Reply
from neuvobot.conversation.texts import t
from neuvobot.escalation.teams import Nurse, NurseTeam, Teams
from neuvobot.escalation.texts import desk
from neuvobot.insights.store import record_question
from neuvobot.storage.base import LoggedMessage, UserState
from neuvobot.storage.cases import Case, CaseStore
from neuvobot.storage.sqlite import SqliteStorage
from neuvobot.understanding.danger import Danger, detect_danger

DANGER_MARK = "⚠️ VAARA NYT / FARA NU / DANGER NOW"


def _iso_now(clock) -> str:  # type: ignore[no-untyped-def]
    # Microseconds and a sequence would both do; time keeps "last chosen" readable in audits.
    return clock().isoformat(timespec="microseconds")


def flag_danger(text: str, danger: Danger | None = None, checked: bool = False) -> str:
    """A family's words as the nurse sees them: danger marked first, at a glance.
    `checked`: the caller already ran the danger check (the core does, on every message)."""
    if not checked:
        danger = detect_danger(text)
    return f"{DANGER_MARK} ({danger.category.value}) · {text}" if danger else text


log = logging.getLogger(__name__)
CONTEXT_MESSAGES = 40  # what the nurse sees of the conversation before the case
BOT_LINE = 200  # of a bot reply without services, its first line, cut here


def _as_context(message: LoggedMessage) -> tuple[str, str] | None:
    """A logged message as the nurse's context shows it: the family's words in full, the
    bot's answer as the services it gave ("→ Neuvola · Perheneuvola") and the first line
    of what it said; button presses (stored as "[button …]") are no one's words."""
    text = message.text
    if message.direction == "in" and text.startswith("[button "):
        return None
    if message.direction == "out":
        # the first line as well as the services: it is the 112 line when there was danger
        line = text.strip().split("\n", 1)[0]
        services = message.meta.get("services")
        if services:
            line = "→ " + " · ".join(str(s) for s in services) + " — " + line
        return ("out", line if len(line) <= BOT_LINE else line[: BOT_LINE - 1] + "…")
    return (message.direction, text)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class NurseNotifier(Protocol):
    """How a channel tells nurses about cases (Telegram: the staff group and private chats).
    The console nurse reads the database instead and needs none."""

    async def new_case(self, team: NurseTeam, case: Case, context: dict[str, Any]) -> None: ...

    async def family_message(self, case: Case, text: str) -> None: ...

    async def family_forgot(self, case: Case) -> None: ...


@dataclass(frozen=True)
class DeskResult:
    ok: bool
    message: str
    case: Case | None = None
    reason: str = ""  # "taken": another nurse was first


class NurseQueue:
    """Implements the core's Escalation protocol and the nurses' operations."""

    def __init__(
        self,
        storage: SqliteStorage,
        teams: Teams,
        clock=_now,
        services: Callable[[str, str], list[Service]] | None = None,
    ) -> None:
        self.storage = storage
        self.cases = CaseStore(storage)
        self.teams = teams
        self.clock = clock
        # (municipality, service type) → the catalogue's services: where else to turn when
        # no nurse could answer in time.
        self.services = services
        self.notifier: NurseNotifier | None = None  # set by a channel that has nurses

    async def current_case(self, nurse_id: int) -> Case | None:
        """The case a nurse's typing goes to: the one they took or chose last (stored, so a
        restart changes nothing). With several cases and none chosen: None, so that a
        message is never relayed to a family the nurse did not pick."""
        mine = await self.cases.taken_by(nurse_id)
        if len(mine) == 1:
            return mine[0]
        chosen = await self.cases.chosen_of(nurse_id)
        return next((c for c in mine if c.number == chosen), None)

    async def select(self, nurse_id: int, number: str) -> DeskResult:
        mine = await self.cases.taken_by(nurse_id)
        case = next((c for c in mine if c.number == number.strip().upper()), None)
        if case is None:
            return DeskResult(False, self._desk(nurse_id, "no_open_case_number", number=number))
        await self.cases.choose(case.id, _iso_now(self.clock))
        return DeskResult(True, self._desk(nurse_id, "now_writing", number=case.number), case)

    def _desk(self, nurse_id: int, key: str, /, **values: object) -> str:
        return desk(self.teams.staff_lang(nurse_id), key, **values)

    def canned(self, nurse_id: int) -> list[str]:
        team = next((t for t in self.teams.by_id.values() if t.nurse(nurse_id)), None)
        return list(team.canned_replies) if team else []

    # ------------------------------------------------------------------ family side
    async def escalate(self, user: UserState, reason: str) -> list[Reply]:
        lang = user.lang
        assert user.municipality is not None
        team = self.teams.for_municipality(user.municipality)
        if team is None:
            return [Reply(t(lang, "case_no_team"))]
        case = await self.cases.open_case_of(user.key)
        if case is not None:
            if case.state == "taken":
                return [Reply(t(lang, "case_in_chat", number=case.number))]
            position = await self.cases.position(case)
            return [
                Reply(
                    t(lang, "case_already_open", number=case.number, position=position),
                    self._cancel_button(lang),
                )
            ]
        case = await self.cases.create(user.key, team.id, user.municipality, lang, reason)
        recent = await self.storage.recent_messages(user.key, CONTEXT_MESSAGES)
        if any(m.direction == "in" and detect_danger(m.text) for m in recent):
            await self.cases.mark_urgent(case.id)  # danger said before asking for a nurse
            case = await self.cases.get(case.id) or case
        # The family's last question ended with a nurse: the catalogue may miss something.
        last = user.pending.get("last") or {}
        await record_question(self.storage, user, last.get("q"), "nurse", now=self.clock())
        if self.notifier is not None:
            await self.notifier.new_case(team, case, await self.context(case))
        return [Reply(await self._queue_text(case, team, lang), self._cancel_button(lang))]

    async def _queue_text(self, case: Case, team: NurseTeam, lang: str) -> str:
        now = self.clock()
        position = await self.cases.position(case)
        lines = [t(lang, "case_created", number=case.number, position=position)]
        if not team.is_open(now):
            opens = team.next_opening(now)
            when = format_when(lang, opens, now) if opens else "?"
            lines += [t(lang, "case_out_of_hours", when=when), t(lang, "case_urgent_numbers")]
        else:
            typical = await self.cases.typical_wait(team.id)
            if typical is None:
                lines.append(t(lang, "case_no_estimate"))
            else:
                minutes = max(1, round(typical.total_seconds() / 60 * position))
                lines.append(t(lang, "case_estimate", minutes=minutes))
        lines.append(t(lang, "case_write_meanwhile"))
        return "\n".join(lines)

    def _cancel_button(self, lang: str) -> list[list[Button]]:
        return [[Button(t(lang, "button_cancel_case"), "case:cancel")]]

    async def open_case(self, user: UserState) -> Case | None:
        return await self.cases.open_case_of(user.key)

    async def relay_from_family(
        self, user: UserState, case: Case, text: str, danger: Danger | None = None
    ) -> list[Reply]:
        """The family wrote while their case is open: the message (already in the log) is
        the nurse's to read; while waiting, the family is told it was added. `danger` is
        what the core's check found in `text` (it runs on every message, so not again)."""
        if not case.urgent and danger is not None:
            await self.cases.mark_urgent(case.id)  # first in the queue, marked on the desk
        if case.state == "waiting":
            return [Reply(t(user.lang, "case_message_added"), self._cancel_button(user.lang))]
        if await self._orphaned(case):
            return [Reply(t(user.lang, "case_message_added"), self._cancel_button(user.lang))]
        # The text comes from the caller, not from "the newest log line": a nurse's message
        # handled at the same moment may already stand after it in the log.
        if self.notifier is not None:
            await self.notifier.family_message(case, flag_danger(text, danger, checked=True))
        return []

    async def return_orphaned_cases(self) -> list[Case]:
        """At start-up: cases held by someone who is no longer a nurse of the case's team
        (removed from the config) go back to the queue, and the family is told."""
        returned = []
        for case in await self.cases.taken_all():
            if await self._orphaned(case):
                returned.append(case)
        return returned

    async def _orphaned(self, case: Case) -> bool:
        """True (and the case is back in the queue) when its nurse may no longer hold it."""
        team = self.teams.by_id.get(case.team)
        if case.nurse_id is not None and team is not None and team.nurse(case.nurse_id):
            return False
        if not await self.cases.move(case.id, "waiting", "system", event="nurse_removed"):
            return False
        await self._to_family(case, t(case.lang, "case_released"))
        moved = await self.cases.get(case.id)
        if self.notifier is not None and moved is not None and team is not None:
            await self.notifier.new_case(team, moved, await self.context(moved))
        return True

    async def nurse_unreachable(self, nurse_id: int) -> list[Case]:
        """Telegram refuses to deliver to this nurse (she never opened a private chat with
        the bot, or blocked it): her cases go back to the queue, with a new card, so the
        family is not left talking to nobody. Their words stay stored for the next nurse."""
        returned = []
        for case in await self.cases.taken_by(nurse_id):
            if not await self.cases.move(case.id, "waiting", "system", event="nurse_unreachable"):
                continue
            await self._to_family(case, t(case.lang, "case_released"))
            moved = await self.cases.get(case.id)
            team = self.teams.by_id.get(case.team)
            if self.notifier is not None and moved is not None and team is not None:
                await self.notifier.new_case(team, moved, await self.context(moved))
            returned.append(moved or case)
        return returned

    async def family_forgot(self, case: Case) -> None:
        """The family used /forget during a live chat (the case is already gone): their
        nurse is told, instead of writing on into a chat that no longer exists."""
        if case.state == "taken" and self.notifier is not None:
            await self.notifier.family_forgot(case)

    async def cancel(self, user: UserState) -> list[Reply]:
        case = await self.cases.open_case_of(user.key)
        if case is None or not await self.cases.move(case.id, "cancelled", "family"):
            return [Reply(t(user.lang, "stale_button"))]
        await self.announce_positions(case.team)
        return [Reply(t(user.lang, "case_cancelled"))]

    async def rate(self, user: UserState, rating: int) -> list[Reply]:
        case_id = await self.cases.last_unrated(user.key)
        if case_id is None or not 1 <= rating <= 5 or not await self.cases.rate(case_id, rating):
            return [Reply(t(user.lang, "stale_button"))]
        return [Reply(t(user.lang, "rating_thanks"))]

    # ------------------------------------------------------------------ nurse side
    def _authorise(self, team: NurseTeam, nurse_id: int) -> Nurse | None:
        return team.nurse(nurse_id)

    async def _refuse(self, case: Case | None, nurse_id: int, action: str) -> DeskResult:
        # Logged without ids: the audit row in the database has who and when.
        log.warning("refused nurse action: %s", action)
        await self.cases.audit(
            case.id if case else None, f"{action}_unauthorised", f"telegram:{nurse_id}"
        )
        return DeskResult(False, self._desk(nurse_id, "not_allowed"))

    async def take(self, team_id: str, number: str, nurse_id: int) -> DeskResult:
        team = self.teams.by_id.get(team_id)
        case = await self.cases.by_number(number)
        if team is None or self._authorise(team, nurse_id) is None:
            return await self._refuse(case, nurse_id, "take")
        if case is None or case.team != team.id:
            return DeskResult(
                False, self._desk(nurse_id, "no_such_case", number=number, team=team_id)
            )
        if not await self.cases.claim(case.id, nurse_id):
            taken = self._desk(nurse_id, "already_taken", number=case.number)
            return DeskResult(False, taken, case, reason="taken")
        nurse = team.nurse(nurse_id)
        assert nurse is not None
        await self._to_family(case, t(case.lang, "case_taken", nurse=nurse.display_name))
        await self.announce_positions(team.id)
        await self.cases.choose(case.id, _iso_now(self.clock))
        took = self._desk(nurse_id, "you_took", number=case.number)
        return DeskResult(True, took, await self.cases.get(case.id))

    async def say(self, case: Case, nurse_id: int, text: str) -> DeskResult:
        team = self.teams.by_id.get(case.team)
        current = await self.cases.get(case.id)
        if (
            team is None
            or current is None
            or self._authorise(team, nurse_id) is None
            or (current.nurse_id != nurse_id)
        ):
            return await self._refuse(case, nurse_id, "say")
        if current.state != "taken":
            state = self._desk(nurse_id, f"state_{current.state}")
            said = self._desk(nurse_id, "case_state", number=case.number, state=state)
            return DeskResult(False, said)
        nurse = team.nurse(nurse_id)
        assert nurse is not None
        # Stored first (the conversation log), then queued for delivery, signed by name.
        await self.storage.log_message(case.user_key, "nurse", text, {"case": case.number})
        await self._to_family(case, f"{nurse.display_name}: {text}", log=False)
        return DeskResult(True, self._desk(nurse_id, "sent"), current)

    async def close(self, case: Case, nurse_id: int, note: str = "") -> DeskResult:
        return await self._end(case, nurse_id, "closed", "closed", note)

    async def release(self, case: Case, nurse_id: int) -> DeskResult:
        return await self._end(case, nurse_id, "waiting", "released")

    async def transfer(self, case: Case, nurse_id: int, team_id: str) -> DeskResult:
        """To another team; to one that does not serve the family's municipality only when
        the nurse confirms it ("/transfer TEAM!")."""
        confirmed, team_id = team_id.endswith("!"), team_id.rstrip("!")
        target = self.teams.by_id.get(team_id)
        if target is not None and not confirmed and case.municipality not in target.municipalities:
            place = MUNICIPALITIES.get(case.municipality)
            name = (
                place.display_name(self.teams.staff_lang(nurse_id)) if place else case.municipality
            )
            said = self._desk(nurse_id, "transfer_confirm", team=team_id, municipality=name)
            return DeskResult(False, said)
        if team_id not in self.teams.by_id:
            # without a team (or a mistyped one) the nurse is shown which teams there are
            teams = ", ".join(
                f"{t.id} ({t.name})" if t.name else t.id for t in self.teams.by_id.values()
            )
            unknown = self._desk(nurse_id, "unknown_team", team=repr(team_id)) if team_id else ""
            usage = self._desk(nurse_id, "transfer_usage", unknown=unknown, teams=teams)
            return DeskResult(False, usage)
        return await self._end(case, nurse_id, "waiting", "transferred", team=team_id)

    async def _end(
        self,
        case: Case,
        nurse_id: int,
        to: str,
        event: str,
        note: str = "",
        team: str | None = None,
    ) -> DeskResult:
        own_team = self.teams.by_id.get(case.team)
        current = await self.cases.get(case.id)
        if own_team is None or current is None or self._authorise(own_team, nurse_id) is None:
            return await self._refuse(case, nurse_id, event)
        if current.nurse_id != nurse_id:
            return DeskResult(False, self._desk(nurse_id, "not_yours", number=case.number))
        if not await self.cases.move(
            case.id, to, f"nurse:{nurse_id}", event=event, detail=note, team=team
        ):
            verb = self._desk(nurse_id, f"verb_{event}")
            said = self._desk(nurse_id, "cannot_now", number=case.number, event=verb)
            return DeskResult(False, said)
        moved = await self.cases.get(case.id)
        if to == "waiting" and self.notifier is not None and moved is not None:
            # Back in a queue (this team's or another's): the nurses there see a new card.
            team_of_case = self.teams.by_id[moved.team]
            await self.notifier.new_case(team_of_case, moved, await self.context(moved))
        if to == "closed":
            # the ends say which is good: "1 huono" … "5 erinomainen"
            labels = {1: f"1 {t(case.lang, 'rating_bad')}", 5: f"5 {t(case.lang, 'rating_good')}"}
            buttons = [[{"text": labels.get(n, str(n)), "data": f"rate:{n}"} for n in range(1, 6)]]
            await self._to_family(case, t(case.lang, "case_closed"), buttons)
        else:
            await self._to_family(case, t(case.lang, "case_released"))
        what = self._desk(nurse_id, f"event_{event}")
        done = self._desk(nurse_id, "case_event", number=case.number, event=what)
        return DeskResult(True, done, await self.cases.get(case.id))

    async def announce_positions(self, team_id: str) -> None:
        """The queue moved: every family still waiting hears its new place."""
        for position, case in enumerate(await self.cases.waiting(team_id), 1):
            await self._to_family(case, t(case.lang, "case_position", position=position), log=False)

    async def expire_overdue(self, older_than: dt.timedelta) -> list[Case]:
        """Cases nobody took in `older_than` of the team's open hours: tell the family and
        offer alternatives. A request left on Friday evening waits for Monday's shift, as
        the family was told."""
        expired = []
        now = self.clock()
        for case in await self.cases.waiting_since_before(now - older_than):
            team = self.teams.by_id.get(case.team)
            if team is not None and team.open_time_between(case.created, now) < older_than:
                continue
            if await self.cases.move(case.id, "expired", "system"):
                text = "\n\n".join([t(case.lang, "case_expired"), *self._clinic_cards(case)])
                await self._to_family(case, text)
                expired.append(case)
        return expired

    def _clinic_cards(self, case: Case) -> list[str]:
        """The family's own child health clinic, with whatever contact details are known."""
        if self.services is None:
            return []
        clinics = self.services(case.municipality, "child_health_clinic")[:1]
        return [render_card(s, case.lang, self.clock()) for s in clinics]

    async def context(self, case: Case) -> dict[str, Any]:
        """What a nurse sees at a glance: the question, what the bot answered, the rest."""
        messages = await self.storage.recent_messages(case.user_key, CONTEXT_MESSAGES)
        municipality = MUNICIPALITIES.get(case.municipality)
        waited = self.clock() - case.created
        return {
            "number": case.number,
            "urgent": case.urgent,
            "lang": case.lang,
            "municipality": municipality.fi if municipality else case.municipality,
            "waiting_min": int(waited.total_seconds() // 60),
            "messages": [shown for m in messages if (shown := _as_context(m)) is not None],
        }

    async def _to_family(
        self,
        case: Case,
        text: str,
        buttons: list[list[dict[str, str]]] | None = None,
        log: bool = True,
    ) -> None:
        if log:
            await self.storage.log_message(case.user_key, "out", text, {"case": case.number})
        payload: dict[str, Any] = {"text": text, "buttons": buttons or []}
        if case.user_key.startswith("tg:"):
            payload["chat_id"] = int(case.user_key.removeprefix("tg:"))
        await self.storage.enqueue(case.user_key, payload, user_key=case.user_key)
