"""Danger now, recognised on analysed language: the one check every surface calls.

`detect_danger(text)` reads the message with the same analysis search uses (Voikko base
forms and compound parts, Swedish and English stems), finds concepts (`lexicon.py`),
combines them into categories (`categories.py`) and sets aside what is past,
hypothetical or figurative (`modality.py`). The conversation core, the nurse desk and
every channel call it; the texts for each category's first line are in
`conversation/texts/{fi,sv,en}.yaml` (`danger_<category>`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from neuvobot.understanding.concepts import ConceptMatcher, Span
from neuvobot.understanding.danger.categories import FRAMES, DangerCategory, Finding
from neuvobot.understanding.danger.lexicon import CONCEPTS, HEAD_ONLY
from neuvobot.understanding.danger.modality import is_now
from neuvobot.understanding.quantities import ages, fevers
from neuvobot.understanding.words import analyse_words

MAX_SCAN = 20_000  # characters; past this a message is not one family's account of now


@dataclass(frozen=True, slots=True)
class Danger:
    category: DangerCategory
    certain: bool  # False: likely; the first line is worded conditionally
    symptoms: bool  # the message names symptoms (for poisoning: 112 rather than advice)
    categories: tuple[DangerCategory, ...]  # every category found, in priority order

    @property
    def needs_112_first(self) -> bool:
        """Poisoning without symptoms starts with the Poison Information Centre."""
        return self.category is not DangerCategory.poisoning or self.symptoms


@lru_cache(maxsize=1)
def _matcher() -> ConceptMatcher:
    return ConceptMatcher(CONCEPTS, HEAD_ONLY)


# Words of one language that read as a danger word of another: the concept on the left, where
# it matches, sets aside those on the right ("tappat bort pappret" is no Finnish "tappaa",
# Swedish "flyttat hit" no English "hit").
FALSE_FRIENDS = {
    "lose_sv": ("kill_word", "threat"),
    "here_sv": ("hit",),
    "accident_cut": ("suicide",),  # "skar sig på ett papper": a cut on something, no self-harm
}


def _derive(found) -> None:
    """Concepts that are a negation of another: "ettei kestä enää" (despair), "en
    heräisi enää" (not waking again), "hittar jag inte" (cannot find)."""
    _drop_denied(found, "resolved")  # "ei hengitä normaalisti" is no "breathing normally"
    _drop_denied(found, "injury_severe")  # "ingen kräkning, inte trött"
    _drop_denied(found, "choke")  # "leikata rypäleet, ettei tukehdu": a choking prevented
    for friend, concepts in FALSE_FRIENDS.items():
        covered = {p for s in found.at(friend) for p in range(s.start, s.end + 1)}
        for concept in concepts if covered else ():
            found.keep(concept, [s for s in found.at(concept) if s.start not in covered])
    for child in found.at("child"):  # "my son 5", "tyttö 3", "dottern på 4": a bare number
        after = child.end + 1
        if after + 1 < len(found.words) and found.words[after].surface in ("pa", "aged"):
            after += 1
        age = _bare_age(found.words[after].surface) if after < len(found.words) else None
        if age is not None and age <= 6:
            found.add("small_child", [child])
    for there in found.at("place_home"):  # "nu e han int på gården"
        if _negation_before(found, there, 3):
            found.add("not_there", [there])
    # sexual touching named plainly: "koskenut sukupuolielimiin", "touches him sexually"
    touched = found.near("touch", "sexual_word", 3)
    if touched is not None:
        found.add("sexual_acts", [touched])
    # due somewhere and not come: "piti olla koulussa … ettei se tullu", "skulle gå hem
    # men hon har inte kommit"
    arrived = found.negated("arrive")
    if arrived is not None and found.distance(arrived, "expected", 12) is not None:
        found.add("never_arrived", [arrived])
    endure = found.negated("endure")
    if endure is not None and found.near("endure", "ever_again", 3):
        found.add("despair", [endure])
    wake = found.negated("wake")
    if wake is not None and found.near("wake", "ever_again", 2):
        found.add("not_wake_again", [wake])
    lost = found.negated("find")
    if lost is not None:
        found.add("gone_object", [lost])
        found.add("not_found", [lost])
    silent = found.negated("speak")  # "ei pysty puhumaan", "kan inte säga något"
    if silent is not None:
        found.add("no_sound", [silent])
    for nowhere in found.at("nowhere"):  # "häntä ei ole missään", "can't see him anywhere"
        if _negation_before(found, nowhere, 4):
            found.add("missing", [nowhere])
    swallow = found.negated("swallow")  # "kan int svälja", "ei pysty nielemään"
    if swallow is not None:
        found.add("cant_swallow", [swallow])
    reason = found.negated("reason_to_live")  # "en nää mitään järkeä", "no reason anymore"
    if reason is not None:
        found.add("despair", [reason])
    _derive_numbers(found)
    gone = found.negated("seen")  # "en ole nähnyt häntä puoleen tuntiin"
    if gone is not None and found.near("seen", "duration", 6):
        found.add("missing", [gone])
    if gone is not None and found.near("seen", "at_all", 4):  # "ei oo nähny sitä ollenkaan"
        found.add("missing", [gone])
    unseen = found.near("seen", "nobody", 4)  # "kukaan ei ole nähnyt", "ingen har sett"
    if unseen is not None:
        found.add("missing", [unseen])


def _drop_denied(found, concept: str) -> None:
    """Occurrences right after a negation in their clause do not count."""
    spans = found.at(concept)
    kept = [
        s
        for s in spans
        if not _negation_before(found, s, 2)
        or any(found.words[i].negation for i in range(s.start, s.end + 1))
    ]
    if len(kept) != len(spans):
        found.keep(concept, kept)


def _bare_age(surface: str) -> int | None:
    if surface.isascii() and surface.isdigit() and 0 < int(surface) <= 17:
        return int(surface)
    return None


def _negation_before(found, span, window: int) -> bool:
    words = found.words
    start = max(0, span.start - window)
    return any(
        words[p].negation and words[p].clause == words[span.start].clause
        for p in range(start, span.start)
    )


def _derive_numbers(found) -> None:
    """A baby's age in weeks or months, a temperature: "6 vkon", "sex veckor", "38,6"."""
    for age in ages(found.words):
        word = found.words[age.position]
        span = Span(age.position, age.position, word.sentence)
        if age.days < 90:  # under three months: any fever is an emergency
            found.add("young_infant", [span])
        if age.days <= 365:
            found.add("infant", [span])
        if age.days <= 6 * 365:
            found.add("small_child", [span])
        found.add("child", [span])
    for position in fevers(found.words):
        found.add("fever", [Span(position, position, found.words[position].sentence)])


def detect_danger(text: str) -> Danger | None:
    """The danger-now in a message, or None."""
    if not text or not text.strip():
        return None
    words = analyse_words(text[:MAX_SCAN])
    found = _matcher().find(words)
    _derive(found)
    findings: list[Finding] = []
    for frame in FRAMES.values():
        for finding in frame(found):
            if is_now(found, finding):
                findings.append(finding)
                break
    if not findings:
        return None
    order = list(DangerCategory)
    findings.sort(key=lambda f: (order.index(f.category), not f.certain))
    first = findings[0]
    symptoms = found.has("symptom") or len(findings) > 1
    return Danger(
        category=first.category,
        certain=any(f.certain for f in findings),
        symptoms=symptoms,
        categories=tuple(f.category for f in findings),
    )


from neuvobot.understanding.danger.topics import mentions_violence, topics  # noqa: E402

__all__ = ["Danger", "DangerCategory", "detect_danger", "mentions_violence", "topics"]
