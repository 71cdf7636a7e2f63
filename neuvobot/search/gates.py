"""Which services a question may show, whatever their score.

An emergency number, the emergency department or emergency social services as the third
card of a question about day care frighten a tired parent and teach them to ignore cards.
They appear when the danger check found danger now (the core then leads with 112 anyway),
when the question names them ("sosiaalipäivystyksen numero"), or when its topic fits: the
emergency department for an injury or a fever, emergency social services for a crisis, a
shelter and the violence helpline only where the words speak of violence by an adult or
fear of one ("5-vuotias lyö muita päiväkodissa" is no domestic violence).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from neuvobot.catalogue.loader import Catalogue

# type → the topics of a question (understanding.danger.topics) that let it show without
# danger now or being named: the emergency department for an injury or a fever,
# emergency social services for a crisis, a shelter and the helpline for violence.
GATED: dict[str, frozenset[str]] = {
    "emergency_number": frozenset(),
    "emergency_care": frozenset({"health"}),
    "emergency_social_services": frozenset({"crisis"}),
    "shelter": frozenset({"violence"}),
    "domestic_violence": frozenset({"violence"}),
}


# Words in a gated service's name that do not name it: "the number of …", "medical".
_WEAK = frozenset(["number", "numero", "nummer", "medical", "puhelin", "telefon", "phone"])


class Gates:
    def __init__(self, catalogue: Catalogue, analyse: Callable[[str], Iterable[str]]) -> None:
        # The words that name a gated service: in its type's names and its services' own,
        # and in no other type's ("help", "emergency" name many; "turvakoti", "112" one).
        names: dict[str, set[str]] = {}
        for type_id, kind in catalogue.types.items():
            texts = [kind.fi, kind.sv, kind.en]
            texts += [
                name
                for service in catalogue.services
                if service.type == type_id
                for name in (service.name.fi, service.name.sv, service.name.en)
                if name
            ]
            names[type_id] = {term for text in texts for term in analyse(text)}
        self._names = {
            type_id: {
                term
                for term in names.get(type_id, set()).difference(
                    *(terms for other, terms in names.items() if other not in GATED)
                )
                if (term.isdigit() or len(term) >= 6) and term not in _WEAK
            }
            for type_id in GATED
        }

    @staticmethod
    def gated(type_id: str) -> bool:
        return type_id in GATED

    def allows(self, type_id: str, own: set[str], acute: bool, about: frozenset[str]) -> bool:
        """`own`: the question's own analysed words; `about`: its topics."""
        needs = GATED.get(type_id)
        if needs is None or self._names[type_id] & own:
            return True  # not gated, or the question names the service
        if acute and "violence" not in needs:
            return True  # danger now: the emergency services fit (a shelter only violence)
        return bool(needs & about)
