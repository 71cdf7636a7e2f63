"""The first line for a family in danger, and the services shown after it.

The line comes from the texts (`danger_<category>`, `_likely` when the words leave doubt),
so the emergency number is always within the first 240 characters. A poisoning with no
symptoms named starts with the Poison Information Centre (Päivystyshelppi "Myrkytys");
everything else, a swallowed button battery or magnets included, starts with 112.
"""

from __future__ import annotations

import datetime as dt
import logging

from neuvobot.catalogue.model import Service
from neuvobot.conversation.cards import render_cards
from neuvobot.conversation.messages import Button, Reply, Searcher
from neuvobot.conversation.texts import t
from neuvobot.storage.base import UserState
from neuvobot.understanding.danger import Danger, DangerCategory, detect_danger

log = logging.getLogger(__name__)

C = DangerCategory

# Services to show after the emergency line, by category.
FOLLOW_UP_TYPES: dict[DangerCategory, list[str]] = {
    C.poisoning: ["poison_information", "emergency_care"],
    C.button_battery: ["emergency_care", "poison_information"],
    C.self_harm: ["crisis_help", "youth_mental_health", "adult_mental_health"],
    C.violence: ["domestic_violence", "shelter", "emergency_social_services"],
    C.missing_child: ["emergency_social_services", "child_protection"],
}


def check_danger(text: str) -> tuple[Danger | None, bool]:
    """The danger in `text`, and whether the check itself failed. A failed check must not
    leave a family in danger without the number: the caller then puts the general
    "if someone is in danger now, call 112" first (asymmetric safety)."""
    if not text:
        return None, False
    try:
        return detect_danger(text), False
    except Exception as exc:  # a bug in the analysis layer: only its type is logged
        log.error("danger check failed: %s", type(exc).__name__)
        return None, True


def first_lines(lang: str, danger: Danger | None, failed: bool) -> list[str]:
    """What must lead the answer whatever else happens: the danger line, or the general
    emergency line when the check failed."""
    if danger is not None:
        return [danger_line(lang, danger)]
    return [t(lang, "not_emergency")] if failed else []


def danger_line(lang: str, danger: Danger) -> str:
    if danger.category is C.poisoning and not danger.needs_112_first:
        return t(lang, "danger_poisoning_advice")
    key = f"danger_{danger.category.value}"
    return t(lang, key if danger.certain else f"{key}_likely")


def follow_up_types(danger: Danger) -> list[str]:
    return FOLLOW_UP_TYPES.get(danger.category, ["emergency_care"])


def urgent_reply(
    user: UserState, text: str, danger: Danger, searcher: Searcher, now: dt.datetime, page: int
) -> tuple[Reply, list[Service]]:
    """The danger line, then the services that help next and the nurse button. Search
    failing leaves the line and the button: the line never waits on anything else."""
    lang = user.lang
    lines = [danger_line(lang, danger)]
    services: list[Service] = []
    if user.municipality:
        try:
            for type_id in follow_up_types(danger):
                services += searcher.services_of_type(user.municipality, type_id)[:1]
            hits, _ = searcher.find(text, user.municipality, lang, page, 0)
            services += [h.service for h in hits if h.service not in services]
        except Exception as exc:  # only the type: the text could quote the family
            log.error("search failed after a danger line: %s", type(exc).__name__)
        services = services[:page]
    if services:
        lines.append(t(lang, "urgent_followup"))
        lines += render_cards(services, lang, now)
    lines.append(t(lang, "offer_nurse"))
    return Reply("\n\n".join(lines), [[Button(t(lang, "button_nurse"), "nurse")]]), services
