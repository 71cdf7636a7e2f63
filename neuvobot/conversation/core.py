"""The conversation core: one state machine for every channel (Telegram, console, one-shot).

A channel turns what arrived into an `Incoming`, calls `Conversation.handle`, and shows the
returned replies. The core never imports aiogram, a terminal library or SQL.

Order of work for every message, and why:
1. urgency first: a family in danger gets 112 on the first line whatever else fails;
2. the message is stored before it is answered, so nothing a family sends is lost;
3. then commands, buttons, municipality and search."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Callable

from neuvobot.catalogue.model import Service
from neuvobot.catalogue.municipalities import MUNICIPALITIES
from neuvobot.conversation.cards import render_cards
from neuvobot.conversation.danger_reply import check_danger, danger_line, first_lines, urgent_reply
from neuvobot.conversation.first_contact import first_contact
from neuvobot.conversation.flood import FloodGuard
from neuvobot.conversation.intents import COMMANDS, is_greeting, small_talk, wants_person
from neuvobot.conversation.messages import (  # noqa: F401  (re-exported for channels)
    Button,
    Escalation,
    Hit,
    Incoming,
    InKind,
    Outcome,
    Reply,
    Searcher,
    _logged_text,
    _printable,
    answer_meta,
    outcome_json,
)
from neuvobot.conversation.municipality_match import match_municipality
from neuvobot.conversation.texts import LANGUAGE_NAMES, LANGUAGES, normalise_lang, t
from neuvobot.insights.store import record_question
from neuvobot.storage.base import Storage, StorageError, UserState
from neuvobot.understanding.danger import Danger

log = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

MAX_CHARS = 2000  # longer messages are cut: nobody describes a need in more, and search slows
PAGE = 3  # service cards per reply


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Conversation:
    def __init__(
        self,
        storage: Storage,
        searcher: Callable[[], Searcher] | Searcher,
        *,
        escalation: Escalation | None = None,
        clock: Callable[[], dt.datetime] = _now,
        detect_language: Callable[[str], str | None] | None = None,
        flood: FloodGuard | None = None,
    ) -> None:
        self.storage = storage
        # A callable, so a live catalogue reload can swap the search index under us.
        self._searcher = searcher if callable(searcher) else (lambda: searcher)
        self.escalation = escalation
        self.clock = clock
        self.detect_language = detect_language
        self.flood = flood or FloodGuard()
        self._locks: dict[str, asyncio.Lock] = {}

    @property
    def searcher(self) -> Searcher:
        return self._searcher()  # type: ignore[operator]

    # ------------------------------------------------------------------ entry point
    async def handle(self, incoming: Incoming) -> Outcome:
        """Handle one message; one user's messages are handled one at a time, in order.

        Channels may run handlers concurrently (aiogram does): without this, "/start" and
        "turku" typed quickly would both be treated as the first contact.
        """
        lock = self._locks.get(incoming.user)
        if lock is None:
            lock = self._locks[incoming.user] = asyncio.Lock()
        try:
            async with lock:
                return await self._handle(incoming)
        finally:
            if not lock.locked() and not lock._waiters:  # type: ignore[attr-defined]
                self._locks.pop(incoming.user, None)

    async def _handle(self, incoming: Incoming) -> Outcome:
        # NUL and other control characters mean nothing to a reader and must not travel on
        # into storage, a nurse's screen or a reply; line breaks and tabs stay.
        incoming = dataclasses.replace(incoming, text=_CONTROL.sub(" ", incoming.text or ""))
        text = incoming.text
        urgency, failed = check_danger(text if incoming.kind is InKind.text else "")
        try:
            user = await self.storage.get_user(incoming.user)
            first = user is None
            if user is None:
                user = UserState(
                    key=incoming.user,
                    channel=incoming.channel,
                    lang=normalise_lang(incoming.locale) or "fi",
                )
            # Stored before anything is answered: a crash after this line loses nothing.
            await self.storage.log_message(user.key, "in", _logged_text(incoming))
        except StorageError:
            log.warning("storage unavailable while receiving a message")
            return self.unavailable(incoming)

        # Button presses are answers to the bot (confirming /forget, say): never throttled.
        flood = "ok" if incoming.kind is InKind.button else self.flood.check(user.key)
        if flood != "ok" and urgency is None and await self._in_case(user):
            flood = "ok"  # a family talking with a nurse is never throttled: all is relayed
        if flood != "ok" and urgency is None and not failed:
            out = Outcome(lang=user.lang)
            if flood == "warn":
                out.replies.append(Reply(t(user.lang, "flood")))
            await self._finish(user, out)
            return out

        out = Outcome(lang=user.lang, urgent=urgency)
        try:
            await self._dispatch(user, incoming, first, urgency, out)
        except StorageError:
            log.warning("storage unavailable while answering")
            out.replies = [Reply(line) for line in first_lines(user.lang, urgency, failed)]
            out.replies.append(Reply(t(user.lang, "storage_problem")))
            return out
        except Exception as exc:
            # A bug must not leave a family without an answer; the message is already stored.
            # Only the exception type is logged: its text could quote the family's message.
            log.error("error while answering: %s", type(exc).__name__)
            out.replies = [Reply(line) for line in first_lines(user.lang, urgency, False)]
            out.replies.append(Reply(t(user.lang, "storage_problem")))
        if failed:  # the general 112 line leads, once, whatever happened above
            out.replies.insert(0, Reply(first_lines(user.lang, None, True)[0]))
        out.lang = user.lang
        await self._finish(user, out)
        return out

    async def _in_case(self, user: UserState) -> bool:
        if self.escalation is None:
            return False
        try:
            return await self.escalation.open_case(user) is not None
        except StorageError:
            return False

    async def _finish(self, user: UserState, out: Outcome) -> None:
        if out.forgotten:
            self.flood.forget(user.key)
            return
        try:
            await self.storage.save_user(user)
            for n, reply in enumerate(out.replies):
                meta = answer_meta(out) if n == 0 else None
                await self.storage.log_message(user.key, "out", reply.text, meta)
        except StorageError:
            log.warning("storage unavailable while saving the answer")

    # ------------------------------------------------------------------ dispatch
    async def _dispatch(
        self,
        user: UserState,
        incoming: Incoming,
        first: bool,
        urgency: Danger | None,
        out: Outcome,
    ) -> None:
        if incoming.kind is InKind.unsupported:
            if first:
                self._greet(user, out)
            out.replies.append(Reply(t(user.lang, "unsupported")))
            return
        if incoming.kind is InKind.button:
            await self._button(user, incoming.text, out)
            return
        if incoming.kind is InKind.command or incoming.text.startswith("/"):
            await self._command(user, incoming.text, first, out)
            return
        await self._text(user, incoming.text, first, urgency, out)

    def _greet(self, user: UserState, out: Outcome, ask: bool = True) -> None:
        lines = [t(user.lang, "greeting"), t(user.lang, "not_emergency")]
        if not ask:
            pass
        elif user.municipality is None:
            lines.append(t(user.lang, "ask_municipality"))
            user.pending["awaiting"] = "municipality"
        else:
            lines.append(t(user.lang, "ask_question"))
        out.replies.append(Reply("\n\n".join(lines)))

    async def _command(self, user: UserState, text: str, first: bool, out: Outcome) -> None:
        word = text.strip().split(maxsplit=1)[0][1:].split("@")[0].lower() if text.strip() else ""
        command = COMMANDS.get(word)
        lang = user.lang
        if command == "start":
            self._greet(user, out)
        elif command == "help":
            out.replies.append(Reply(t(lang, "help")))
        elif command == "language":
            out.replies.append(
                Reply(
                    t(lang, "choose_language"),
                    [[Button(LANGUAGE_NAMES[code], f"lang:{code}") for code in LANGUAGES]],
                )
            )
        elif command == "municipality":
            user.pending["awaiting"] = "municipality"
            out.replies.append(Reply(t(lang, "ask_municipality")))
        elif command == "forget":
            user.pending["forget"] = True
            out.replies.append(
                Reply(
                    t(lang, "forget_confirm"),
                    [
                        [
                            Button(t(lang, "button_yes"), "fg:y"),
                            Button(t(lang, "button_no"), "fg:n"),
                        ]
                    ],
                )
            )
        elif command == "nurse":
            await self._nurse(user, out, "command")
        else:
            if first:
                self._greet(user, out)
            out.replies.append(Reply(t(lang, "unknown_command")))

    async def _button(self, user: UserState, data: str, out: Outcome) -> None:
        lang = user.lang
        kind, _, value = data.partition(":")
        if kind == "m" and value in MUNICIPALITIES:
            await self._set_municipality(user, value, out)
        elif (kind == "m" and value == "?") or data == "chm":
            user.pending["awaiting"] = "municipality"
            out.replies.append(Reply(t(lang, "ask_municipality")))
        elif data == "more" and user.pending.get("last") and user.municipality:
            await self._more(user, out)
        elif data == "nurse":
            await self._nurse(user, out, "button")
        elif data == "case:cancel" and self.escalation is not None:
            out.replies += await self.escalation.cancel(user)
        elif kind == "rate" and value in ("1", "2", "3", "4", "5") and self.escalation:
            out.replies += await self.escalation.rate(user, int(value))
        elif kind == "lang" and value in LANGUAGES:
            user.lang = value
            user.lang_fixed = True
            out.replies.append(Reply(t(value, "language_set")))
        elif data in ("fg:y", "fg:n") and user.pending.get("forget"):
            if data == "fg:y":
                case = await self.escalation.open_case(user) if self.escalation else None
                await self.storage.forget_user(user.key)
                if case is not None:
                    await self.escalation.family_forgot(case)  # type: ignore[union-attr]
                out.forgotten = True
                out.replies.append(Reply(t(lang, "forget_done")))
            else:
                user.pending.pop("forget", None)
                out.replies.append(Reply(t(lang, "forget_cancelled")))
        else:
            # Old, forged or malformed button data: say so kindly, act on nothing.
            out.replies.append(Reply(t(lang, "stale_button")))

    # ------------------------------------------------------------------ text
    async def _text(
        self, user: UserState, text: str, first: bool, urgency: Danger | None, out: Outcome
    ) -> None:
        text = text.strip()
        if not text:
            if first:
                self._greet(user, out)
            out.replies.append(Reply(t(user.lang, "empty_message")))
            return
        cut = len(text) > MAX_CHARS
        text = text[:MAX_CHARS]
        self._follow_language(user, text)

        case = await self.escalation.open_case(user) if self.escalation else None
        if case is not None:
            # In the nurse queue or a live nurse chat: the message (already stored) is for
            # the nurse, not for search. Danger still gets the emergency line first.
            if urgency is not None:
                out.replies.append(Reply(danger_line(user.lang, urgency)))
            out.replies += await self.escalation.relay_from_family(  # type: ignore[union-attr]
                user, case, text, urgency
            )
            return

        if urgency is not None:
            await self._urgent(user, text, urgency, out)
            if first and user.municipality is None:
                user.pending["awaiting"] = "municipality"
                out.replies.append(Reply(t(user.lang, "ask_municipality")))
            return

        asked_where = user.pending.get("awaiting") == "municipality" or user.municipality is None
        if asked_where and await self._try_municipality(user, text, first, out):
            return

        if cut:
            out.replies.append(Reply(t(user.lang, "too_long")))
        if wants_person(text):
            await self._nurse(user, out, "asked")
            return
        if (small := small_talk(text)) is not None:  # "kiitos", "hei": a reply, no search
            out.replies.append(Reply(t(user.lang, small)))
            return
        await self._answer(user, text, out)

    def _follow_language(self, user: UserState, text: str) -> None:
        """Reply in the language the family writes, unless they chose one with /language."""
        if user.lang_fixed or self.detect_language is None or len(text.split()) < 2:
            return
        detected = self.detect_language(text)
        if detected in LANGUAGES:
            user.lang = detected

    async def _try_municipality(
        self, user: UserState, text: str, first: bool, out: Outcome
    ) -> bool:
        """Handle the text as a municipality answer; False when it is a question instead."""
        matches = match_municipality(text) if len(text) <= 60 else []
        if first:
            self._greet(user, out, ask=not (matches and matches[0].exact))
        if matches and matches[0].exact:
            await self._set_municipality(user, matches[0].slug, out)
            return True
        if matches:
            user.pending["awaiting"] = "municipality"
            names = [MUNICIPALITIES[m.slug].display_name(user.lang) for m in matches]
            prompt = (
                t(user.lang, "municipality_confirm", name=names[0])
                if len(matches) == 1
                else t(user.lang, "municipality_choose")
            )
            buttons = [
                [Button(name, f"m:{m.slug}")] for name, m in zip(names, matches, strict=True)
            ]
            buttons.append([Button(t(user.lang, "municipality_other"), "m:?")])
            out.replies.append(Reply(prompt, buttons))
            return True
        if user.municipality is not None:
            # They were asked for a new municipality but asked a question: answer it.
            user.pending.pop("awaiting", None)
            return False
        # No municipality yet: keep the question, answer it once we know where they live.
        greeting = is_greeting(text)  # "hei" is neither a question nor an unknown municipality
        kept = (len(text.split()) >= 2 or first) and not greeting
        user.pending.update({"awaiting": "municipality"} | ({"question": text} if kept else {}))
        if not first:  # a question is kept and the family told so; a name we did not know
            key = "ask_municipality" if greeting else "municipality_unknown"
            key = "question_kept" if kept and (len(text.split()) > 2 or "?" in text) else key
            out.replies.append(Reply(t(user.lang, key, text=_printable(text)[:40])))
        return True

    async def _set_municipality(self, user: UserState, slug: str, out: Outcome) -> None:
        user.municipality = slug
        user.pending.pop("awaiting", None)
        user.pending.pop("last", None)
        name = MUNICIPALITIES[slug].display_name(user.lang)
        question = user.pending.pop("question", None)
        if question:
            out.replies.append(Reply(t(user.lang, "municipality_set", name=name)))
            await self._answer(user, question, out)
        else:
            text = (
                f"{t(user.lang, 'municipality_set', name=name)}\n\n{t(user.lang, 'ask_question')}"
            )
            out.replies.append(Reply(text))

    def unavailable(self, incoming: Incoming, kept: bool = False) -> Outcome:
        """The answer while the database is down: 112 first if in danger, then the problem.

        `kept`: the channel keeps the message and answers it once the database is back
        (Telegram's poller), so the family is not asked to send it again.
        """
        text = incoming.text or ""
        urgency, failed = check_danger(text if incoming.kind is InKind.text else "")
        lang = normalise_lang(incoming.locale) or "fi"
        out = Outcome(lang=lang, urgent=urgency)
        out.replies += [Reply(line) for line in first_lines(lang, urgency, failed)]
        out.replies.append(Reply(t(lang, "storage_problem_kept" if kept else "storage_problem")))
        return out

    # ------------------------------------------------------------------ answers
    async def _urgent(self, user: UserState, text: str, urgency: Danger, out: Outcome) -> None:
        reply, out.services = urgent_reply(user, text, urgency, self.searcher, self.clock(), PAGE)
        out.offers_nurse = True
        out.replies.append(reply)

    async def _answer(self, user: UserState, text: str, out: Outcome) -> None:
        assert user.municipality is not None
        hits, _ = self.searcher.find(text, user.municipality, user.lang, PAGE, 0)
        user.pending["last"] = {"q": text, "offset": len(hits)}
        if not hits:
            # What the catalogue misses, for editors: scrubbed, without who asked.
            catalogue = getattr(self.searcher, "catalogue", None)
            await record_question(
                self.storage, user, text, "no_match", catalogue=catalogue, now=self.clock()
            )
            group, services = first_contact(text, user.municipality, self.searcher)
            if services:  # a child's need, nothing specific: where to ask first
                user.unhelpful += 1
                self._cards(user, services, f"first_contact_{group}", out, more=False)
                return
            await self._no_match(user, out)
            return
        user.unhelpful = 0
        self._cards(user, [h.service for h in hits], "results_intro", out)

    async def _more(self, user: UserState, out: Outcome) -> None:
        assert user.municipality is not None
        last = user.pending["last"]
        hits, _ = self.searcher.find(last["q"], user.municipality, user.lang, PAGE, last["offset"])
        user.unhelpful += 1
        if not hits:
            self._offer_nurse(user, out, t(user.lang, "no_more"))
            return
        last["offset"] += len(hits)
        self._cards(user, [h.service for h in hits], "more_intro", out)

    def _cards(
        self, user: UserState, services: list[Service], intro: str, out: Outcome, more=True
    ) -> None:
        """`more`: a "more results" button (not under first-contact cards)."""
        lang = user.lang
        assert user.municipality is not None
        name = MUNICIPALITIES[user.municipality].display_name(lang)
        now = self.clock()
        parts = [t(lang, intro, municipality=name)]
        parts += render_cards(services, lang, now)
        if not more:
            parts.append(t(lang, "first_contact_hint"))
        if user.unhelpful >= 2:
            parts.append(t(lang, "offer_nurse_unhelpful"))
        out.services = services
        out.offers_nurse = True
        out.replies.append(Reply("\n\n".join(parts), self._result_buttons(lang, more)))

    def _result_buttons(self, lang: str, more: bool = True) -> list[list[Button]]:
        first = [Button(t(lang, "button_more"), "more")] if more else []
        return [
            [*first, Button(t(lang, "button_nurse"), "nurse")],
            [Button(t(lang, "button_municipality"), "chm")],
        ]

    async def _no_match(self, user: UserState, out: Outcome) -> None:
        user.unhelpful += 1
        lang = user.lang
        text = f"{t(lang, 'no_match')}\n{t(lang, 'no_match_hint')}"
        self._offer_nurse(user, out, text)

    def _offer_nurse(self, user: UserState, out: Outcome, text: str) -> None:
        lang = user.lang
        key = "offer_nurse_unhelpful" if user.unhelpful >= 2 else "offer_nurse"
        out.offers_nurse = True
        out.replies.append(
            Reply(
                f"{text}\n\n{t(lang, key)}",
                [
                    [Button(t(lang, "button_nurse"), "nurse")],
                    [Button(t(lang, "button_municipality"), "chm")],
                ],
            )
        )

    async def _nurse(self, user: UserState, out: Outcome, reason: str) -> None:
        if user.municipality is None:
            user.pending["awaiting"] = "municipality"
            out.replies.append(Reply(t(user.lang, "ask_municipality")))
            return
        if self.escalation is not None:
            out.replies += await self.escalation.escalate(user, reason)
            return
        # No nurse queue configured: point to the clinic nurse chat and the clinic.
        lang = user.lang
        services = self.searcher.services_of_type(user.municipality, "clinic_nurse_chat")
        services += self.searcher.services_of_type(user.municipality, "child_health_clinic")
        services = services[:2]
        if services:
            now = self.clock()
            cards = render_cards(services, lang, now)
            out.replies.append(Reply("\n\n".join([t(lang, "nurse_chat_info"), *cards])))
        else:
            out.replies.append(Reply(t(lang, "nurse_chat_none")))
        out.services = services
