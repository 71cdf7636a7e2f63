"""What the core takes in and gives back, and the ports it needs: channel-neutral types.

Channels build an `Incoming` and show an `Outcome`; search and escalation are reached
through the `Searcher` and `Escalation` protocols, so the core imports neither.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from neuvobot.catalogue.model import Service
from neuvobot.storage.base import UserState
from neuvobot.understanding.danger import Danger


class InKind(StrEnum):
    text = "text"
    button = "button"
    command = "command"
    unsupported = "unsupported"


@dataclass(frozen=True)
class Incoming:
    user: str  # pseudonymous, channel-scoped key ("tg:<chat id>", "console:local")
    channel: str
    kind: InKind
    text: str = ""  # message text, button data, or "/command args"
    locale: str | None = None  # the client's language code, used at first contact
    content: str | None = None  # for unsupported content: photo, voice, sticker…


@dataclass(frozen=True)
class Button:
    label: str
    data: str


@dataclass
class Reply:
    text: str
    buttons: list[list[Button]] = field(default_factory=list)


@dataclass
class Outcome:
    """What the core answered, for channels and for `neuvobot ask --json`."""

    replies: list[Reply] = field(default_factory=list)
    urgent: Danger | None = None
    services: list[Service] = field(default_factory=list)
    offers_nurse: bool = False
    lang: str = "fi"
    # Set when /forget removed the user: the channel must not store anything more.
    forgotten: bool = False

    @property
    def text(self) -> str:
        return "\n\n".join(r.text for r in self.replies)


@dataclass(frozen=True)
class Hit:
    service: Service
    score: float
    matched: tuple[str, ...] = ()


class Searcher(Protocol):
    """What the core needs from search (see neuvobot.search.engine)."""

    def find(
        self, query: str, municipality: str, lang: str | None, limit: int, offset: int
    ) -> tuple[list[Hit], str | None]: ...

    def services_of_type(self, municipality: str, type_id: str) -> list[Service]: ...


class Escalation(Protocol):
    """The nurse queue. Without one, the core points to the clinic nurse chat."""

    async def escalate(self, user: UserState, reason: str) -> list[Reply]: ...

    async def open_case(self, user: UserState) -> Any: ...

    async def relay_from_family(
        self, user: UserState, case: Any, text: str, danger: Danger | None = None
    ) -> list[Reply]: ...

    async def family_forgot(self, case: Any) -> None: ...

    async def cancel(self, user: UserState) -> list[Reply]: ...

    async def rate(self, user: UserState, rating: int) -> list[Reply]: ...


def _logged_text(incoming: Incoming) -> str:
    """What goes into the conversation log (kept for the nurse's context, never to logs)."""
    if incoming.kind is InKind.unsupported:
        return f"[{incoming.content or 'unsupported'}]"
    if incoming.kind is InKind.button:
        return f"[button {incoming.text[:64]}]"
    return incoming.text


def answer_meta(out: Outcome) -> dict[str, Any] | None:
    """Stored with the first reply: the services the bot gave, by name in the family's
    language, so that a nurse sees what was answered without reading every card."""
    if not out.services:
        return None
    return {"services": [s.name.get(out.lang) or s.name.get("fi") or s.id for s in out.services]}


def outcome_json(out: Outcome) -> dict[str, Any]:
    """The `neuvobot ask --json` contract."""
    return {
        "urgent": out.urgent is not None,
        "services": [{"id": s.id, "type": s.type} for s in out.services],
        "offers_nurse": out.offers_nurse,
        "text": out.text,
    }


def _printable(text: str) -> str:
    """What the family typed, fit to quote back: no control or direction-changing marks."""
    kept = (c if unicodedata.category(c) not in ("Cc", "Cf") else " " for c in text)
    return " ".join("".join(kept).split())
