"""The first line for a family in danger, and the services shown after it.

The line comes from the texts (`danger_<category>`, `_likely` when the words leave doubt),
so the emergency number is always within the first 240 characters. A poisoning with no
symptoms named starts with the Poison Information Centre (Päivystyshelppi "Myrkytys");
everything else, a swallowed button battery or magnets included, starts with 112.
"""

from __future__ import annotations

from neuvobot.conversation.texts import t
from neuvobot.understanding.danger import Danger, DangerCategory

C = DangerCategory

# Services to show after the emergency line, by category.
FOLLOW_UP_TYPES: dict[DangerCategory, list[str]] = {
    C.poisoning: ["poison_information", "emergency_care"],
    C.button_battery: ["emergency_care", "poison_information"],
    C.self_harm: ["crisis_help", "youth_mental_health", "adult_mental_health"],
    C.violence: ["domestic_violence", "shelter", "emergency_social_services"],
    C.missing_child: ["emergency_social_services", "child_protection"],
}


def danger_line(lang: str, danger: Danger) -> str:
    if danger.category is C.poisoning and not danger.needs_112_first:
        return t(lang, "danger_poisoning_advice")
    key = f"danger_{danger.category.value}"
    return t(lang, key if danger.certain else f"{key}_likely")


def follow_up_types(danger: Danger) -> list[str]:
    return FOLLOW_UP_TYPES.get(danger.category, ["emergency_care"])
