"""Danger categories as combinations of concepts, each with the guidance it follows.

A frame returns a Finding: which category, where, and whether the words make the danger
certain or only likely (the reply then words the emergency line conditionally). Where
the words leave doubt, the frame errs towards the alarm: a missed danger can cost a
life, a false alarm costs one line. The frames live in frames_body.py and
frames_people.py.
"""

from __future__ import annotations

from neuvobot.understanding.danger.finding import C, DangerCategory, Finding, Frame
from neuvobot.understanding.danger.frames_body import (
    anaphylaxis,
    bleeding,
    breathing,
    burns,
    button_battery,
    drowning,
    electric_shock,
    fall_head,
    infant_fever,
    poisoning,
    seizure,
    unresponsive,
)
from neuvobot.understanding.danger.frames_people import missing_child, self_harm, violence

FRAMES: dict[DangerCategory, Frame] = {
    C.breathing: breathing,
    C.unresponsive: unresponsive,
    C.drowning: drowning,
    C.seizure: seizure,
    C.bleeding: bleeding,
    C.anaphylaxis: anaphylaxis,
    C.electric_shock: electric_shock,
    C.burns: burns,
    C.self_harm: self_harm,
    C.violence: violence,
    C.button_battery: button_battery,
    C.infant_fever: infant_fever,
    C.fall_head: fall_head,
    C.poisoning: poisoning,
    C.missing_child: missing_child,
}

__all__ = ["FRAMES", "DangerCategory", "Finding"]
