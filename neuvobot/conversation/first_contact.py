"""Where to ask first when a child's need matches no specific service.

"Found nothing" leaves a tired parent alone. When the question is about a child and no
service fits, the services that see every child of that age are the right first contact
(the child health clinic and its nurse chat under school age, school health at school
age, youth services for teens), said as such. Questions about other things (a pizzeria,
the weather) still get "no matching service" and the nurse offer.
"""

from __future__ import annotations

from typing import Protocol

from neuvobot.catalogue.model import Service
from neuvobot.understanding.danger import topics

# age group → the service types that see every child of that age, best first
FIRST_CONTACT: dict[str, tuple[str, ...]] = {
    "small_child": ("child_health_clinic", "clinic_nurse_chat"),
    "school_child": ("school_health", "school_welfare"),
    "teen": ("school_health", "youth_work"),
    "child": ("clinic_nurse_chat", "child_health_clinic", "school_health"),
}


class TypeLookup(Protocol):
    def services_of_type(self, municipality: str, type_id: str) -> list[Service]: ...


def first_contact(text: str, municipality: str, searcher: TypeLookup) -> tuple[str, list[Service]]:
    """(the age group, its first-contact services), or ("", []) when no child is named."""
    about = topics(text)
    group = next((g for g in ("small_child", "school_child", "teen", "child") if g in about), "")
    if not group or "out_of_scope" in about:
        return "", []
    services: list[Service] = []
    for type_id in FIRST_CONTACT[group]:
        services += searcher.services_of_type(municipality, type_id)[:1]
    return group, services[:2]
