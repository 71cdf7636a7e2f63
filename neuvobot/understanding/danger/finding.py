"""What a danger frame finds: the category, where, and how sure.

A frame returns a Finding: which category, where, and whether the words make the danger
certain or only likely (the reply then words the emergency line conditionally). Where
the words leave doubt, the frame errs towards the alarm: a missed danger can cost a
life, a false alarm costs one line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from neuvobot.understanding.concepts import Found, Span


class DangerCategory(StrEnum):
    # Order is priority: when one message holds several, the first decides the first line.
    breathing = "breathing"
    unresponsive = "unresponsive"
    drowning = "drowning"
    seizure = "seizure"
    bleeding = "bleeding"
    anaphylaxis = "anaphylaxis"
    electric_shock = "electric_shock"
    # before burns: a swallowed battery "burns in the chest" from inside, and a burn's
    # first line (cool it with water) would be the wrong advice
    button_battery = "button_battery"
    burns = "burns"
    self_harm = "self_harm"
    violence = "violence"
    infant_fever = "infant_fever"
    fall_head = "fall_head"
    poisoning = "poisoning"
    missing_child = "missing_child"


@dataclass(frozen=True, slots=True)
class Finding:
    category: DangerCategory
    span: Span
    certain: bool
    via_negation: bool = False  # the frame itself is a negation (ei hengitä, won't wake)


C = DangerCategory
Frame = Callable[[Found], list[Finding]]


def hit(category: DangerCategory, span: Span | None, certain: bool = True) -> list[Finding]:
    return [Finding(category, span, certain)] if span is not None else []


def neg(category: DangerCategory, span: Span | None, certain: bool = True) -> list[Finding]:
    return [Finding(category, span, certain, via_negation=True)] if span is not None else []


def first(found: Found, concept: str) -> Span | None:
    spans = found.at(concept)
    return spans[0] if spans else None


__all__ = ["C", "DangerCategory", "Finding", "Frame", "first", "hit", "neg"]
