"""What a message is about, danger or not: the danger layer's analysis reused by search.

Search asks which services fit: a shelter only where an adult's violence is read, the
emergency department for an injury, emergency social services for a crisis, and a first
contact by the child's age when nothing specific matches.
"""

from __future__ import annotations

import functools

from neuvobot.understanding.danger import MAX_SCAN, _derive, _matcher
from neuvobot.understanding.quantities import ages
from neuvobot.understanding.words import analyse_words

_VIOLENCE_WORDS = ("hit", "threat", "weapon", "fight", "severe_blow", "intruder", "shake_baby")
_BY_ADULTS = ("adult_aggressor", "intruder", "weapon", "shake_baby", "severe_blow")
# An injury or an acute sign, where the emergency department fits (a fever or a rash
# alone is for the health centre).
_HEALTH = (
    "fall",
    "head_hit",
    "wound",
    "blood",
    "burn_injury",
    "seizure",
    "fracture",
    "unconscious",
    "choke",
)  # a newborn, or vomiting alone, is for the clinic or the health centre
_CRISIS = ("fire", "thrown_out", "bereaved", "escape")


@functools.lru_cache(maxsize=1024)  # one message is read by search, its gates and first contact
def topics(text: str) -> frozenset[str]:
    """What a message is about, danger or not, for choosing which services fit:
    "violence" (by an adult, or fear of one: "mieheni lyö", "pelkään exää"; a child
    hitting others at daycare is none), "health" (a symptom, an injury, a fever) and
    "crisis" (a fire, thrown out for the night, a death, fleeing)."""
    if not text or not text.strip():
        return frozenset()
    found = _matcher().find(analyse_words(text[:MAX_SCAN]))
    _derive(found)
    result = set()
    violent = any(found.outside(c, "head_hit", "back_blows") for c in _VIOLENCE_WORDS)
    afraid = _afraid_of_an_adult(found)
    peers_only = found.has("peer_context") and not found.has("adult_aggressor")
    if (afraid or (violent and any(found.has(c) for c in _BY_ADULTS))) and not peers_only:
        result.add("violence")
    if any(found.has(c) for c in _HEALTH):
        result.add("health")
    after_hours = found.has("night") and found.has("closed")  # "yöllä … virastot kiinni"
    if "violence" in result or after_hours or any(found.has(c) for c in _CRISIS):
        result.add("crisis")
    if found.has("parent_word"):
        result.add("family")
    group = _age_group(found)
    if group:
        result |= {"child", group}
    elif found.has("child"):
        result.add("child")
    return frozenset(result)


_THAT = frozenset({"etta", "et", "att", "that", "if", "jos", "om", "mita", "vad", "what"})


def _afraid_of_an_adult(found) -> bool:
    """ "pelkään exää", "rädd för honom", fleeing him; not "pelkään et se jättää" (a fear
    that something happens) nor "kan nån hjälpa oss prata" (help, not a cry for help)."""
    if found.has("escape") and found.has("adult_aggressor"):
        return True
    for fear in found.at("fear_hiding"):
        after = fear.end + 1
        if after < len(found.words) and found.words[after].surface in _THAT:
            continue
        if found.distance(fear, "adult_aggressor", 3) is not None:
            return True
    return False


def _age_group(found) -> str | None:
    """ "small_child" (under school age), "school_child" or "teen", from an age or words."""
    years = [age.days / 365 for age in ages(found.words)]
    if years:
        youngest = min(years)
        return "small_child" if youngest < 7 else "school_child" if youngest < 13 else "teen"
    for concept, group in (
        ("infant", "small_child"),
        ("small_child", "small_child"),
        ("teen_word", "teen"),
        ("school_word", "school_child"),
    ):
        if found.has(concept):
            return group
    return None


def mentions_violence(text: str) -> bool:
    return "violence" in topics(text)
