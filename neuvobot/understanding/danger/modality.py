"""Is a finding about now? Past, resolved, hypothetical, fictional and figurative speech.

"Eilen lapsi söi pesuainetta, kaikki ok" and "how do I store medicines" name a danger
without being in one. A finding is set aside only when such a marker is nearer to it
than any sign of now ("nyt", "just", "right now"), so a message that tells the past and
then the present ("hän yritti eilen, nyt hän on lukinnut itsensä") still alarms.
Some categories are never set aside by "seems fine": a swallowed battery needs care with
or without symptoms, and poison advice is right even when the child seems well.
"""

from __future__ import annotations

from neuvobot.understanding.concepts import Found, Span
from neuvobot.understanding.danger.categories import DangerCategory, Finding

C = DangerCategory
_RESOLVED_DOES_NOT_APPLY = frozenset({C.button_battery, C.poisoning, C.self_harm, C.violence})
# Where "no blisters", "no thoughts of ending my life", "never hit them" undo the finding.
_NEGATABLE = frozenset({C.burns, C.bleeding, C.anaphylaxis, C.violence, C.drowning})
# Where "a small cut", "a little sunburn" make it ordinary first aid.
_MILD = frozenset({C.burns, C.bleeding, C.anaphylaxis, C.fall_head})
# Where "lol" and a laughing emoji mark a joke; never for intent to die or a swallowing.
_JOKE_SETS_ASIDE = frozenset(set(C) - {C.self_harm, C.button_battery, C.poisoning})
# Where fear belongs to the danger itself ("mä pelkään" while someone hits).
_FEAR_IS_DANGER = frozenset({C.violence, C.self_harm, C.missing_child})
# What is over once it stops: a seizure, a bleed.
_ENDS = frozenset({C.seizure, C.bleeding})
# Where "used to", "viilteli" (past tense) tells a story rather than now.
_PAST_TENSE_STORY = frozenset({C.self_harm, C.violence})


def _distance(a: Span, b: Span) -> int:
    return max(b.start - a.end, a.start - b.end, 0)


def _nearest(found: Found, span: Span, concept: str, window: int) -> int | None:
    return found.distance(span, concept, window)


def _marker_distance(found: Found, span: Span, marker: str, window: int) -> int | None:
    """Like `_nearest`, without markers inside a "now": "feber sen igår", "kuumetta
    eilisestä asti" go on now, the "igår" in them tells no past."""
    counted = set(found.outside(marker, "now", "at_least"))  # "sen igår", "ainakin" (not aina)
    best = None
    for other in found.around(marker, span, window):
        if other not in counted:
            continue
        if span.start <= other.start and other.end <= span.end:
            continue  # the finding's own words: "the last night you'll see me"
        distance = _distance(span, other)
        if distance <= window and (best is None or distance < best):
            best = distance
    return best


# Harm whose signs may come later: a sign now makes a past event an emergency now
# (SPR "Hukkuminen": breathing trouble hours after; Myrkytystietokeskus: symptoms later).
_DELAYED_SIGNS = frozenset({C.drowning, C.poisoning, C.electric_shock, C.button_battery})


def _sign_now(found: Found) -> bool:
    """A symptom right after a "now" in its sentence: "nyt se yskii", "now she is drowsy"."""
    return any(
        0 <= sign.start - now.end <= 4 and sign.sentence == now.sentence
        for now in found.at("now")
        for sign in found.at("symptom")
    )


def _stories(found: Found, span: Span) -> list[Span]:
    """Story or game words outside the finding's own words ("soft like a doll" is a floppy
    baby, not a toy)."""
    stories = found.at("fiction")
    if not stories:
        return []
    inside = [
        s
        for concept, spans in found.spans.items()
        if concept != "fiction"
        for s in spans
        if s.end > s.start  # a phrase of another concept: "floppy like a rag doll"
    ]
    return [
        o
        for o in stories
        if not span.start <= o.start <= o.end <= span.end
        and not any(s.start <= o.start <= o.end <= s.end for s in inside)
    ]


def _nearest_now(found: Found, span: Span, resolved_at: set[int]) -> int | None:
    """The nearest "now", not counting the one in or just before "all fine": "nyt kaikki
    ok", "fine now", "nyt se voi paremmin", "nu mår hon bra"."""
    best = None
    for now in found.around("now", span, 40):
        if now.start in resolved_at or now.end in resolved_at:
            continue
        if any(now.end < p <= now.end + 2 for p in resolved_at) or _resolved_in_clause(found, now):
            continue
        distance = _distance(span, now)
        if distance <= 40 and (best is None or distance < best):
            best = distance
    return best


def _same_sentence(found: Found, span: Span, concept: str) -> bool:
    return any(other.sentence == span.sentence for other in found.at(concept))


def is_now(found: Found, finding: Finding) -> bool:
    span, category = finding.span, finding.category
    resolved_at = {p for s in found.at("resolved") for p in (s.start, s.end)}
    now = _nearest_now(found, span, resolved_at)
    markers = (("past", 14), ("habitual", 8), ("hypothetical", 10))
    for marker, window in markers:
        distance = _marker_distance(found, span, marker, window)
        if distance is None:
            continue
        if marker == "past" and category is C.missing_child and _still_missing(found):
            continue  # "didn't come home last night, phone off": still missing now
        if marker == "past" and _past_governs_clause(found, span):
            return False  # "förra året svalde han ett batteri …, nu har han ätproblem"
        if marker == "hypothetical" and not _before_in_sentence(found, span, marker):
            continue
        if marker == "habitual" and category is C.violence and found.has("sexual_acts") and now:
            continue  # abuse "every night", and he is home now: ongoing, and now
        if (
            marker == "habitual"
            and category is C.infant_fever
            and not _before_in_sentence(found, span, marker)
        ):
            continue  # "kirkuu kimeällä äänellä aina kun nostan": how the baby is now
        if marker == "past" and category in _DELAYED_SIGNS and _sign_now(found):
            continue  # "veti vettä henkeen tunti sitten ja nyt yskii ja on tokkurainen"
        if now is None or distance <= now:
            return False
    # a dare or a TikTok challenge is done for real: "svalde ett batteri på en utmaning"
    dare = _same_sentence(found, span, "dare") and not _same_sentence(found, span, "watched")
    stories = [] if dare else _stories(found, span)
    fiction = min((d for o in stories if (d := _distance(span, o)) <= 12), default=None)
    if fiction is not None and (now is None or now > 1 or not finding.certain):
        return False
    if any(o.sentence == span.sentence for o in stories) and not _now_in_sentence(found, span):
        return False  # "in a TV series a child was kidnapped. Now she won't walk alone"
    if _same_sentence(found, span, "prevention") and now is None:
        return False
    if category not in _FEAR_IS_DANGER and _fear_before(found, span) and not now:
        return False  # "pelkää että omenat ovat myrkyllisiä": a fear, not an event
    if _feared_future(found, span):
        return False  # "scared someone will kidnap her", "pelkää että joku voisi viedä"
    if category in _ENDS and _ended_after(found, span):
        return False  # "kouristus loppui minuutissa", "stopped bleeding right away"
    if _nearest(found, span, "figurative", 2) is not None:
        return False
    if category in (C.drowning, C.breathing) and _workload_after(found, span):
        return False  # "hukkumassa papereihin", "drunkna i tvätthögar", "kvävs av blanketter"
    info = _nearest(found, span, "info_request", 8)
    if now is None and info is not None and (info <= 1 or not finding.certain):
        return False  # "myrkytystietokeskuksen numero": asking for a number, not in danger
    if now is None and _asks_before(found, span, "info_request", 6):
        return False  # "myrkytystietokeskuksen numero": asking for a number, not in danger
    dosage = _dosage_question(found, span)
    if category is not C.self_harm and dosage is not None and (now is None or dosage <= 3):
        return False
    if category in _JOKE_SETS_ASIDE and found.has("joking") and not found.has("weapon"):
        return False
    if (
        category is C.poisoning
        and not found.has("symptom")
        and _nearest(found, span, "harmless", 20)
    ):
        return False  # "the poison centre said the amount is harmless"
    if category is C.poisoning and _routine_dose(found, span):
        return False  # "voiko antaa ibuprofeenia tyhjään mahaan", "sylkee lääkkeen pois"
    if category is C.breathing and found.has("breath_holding"):
        return False
    if category in _NEGATABLE and not finding.via_negation and found.negation_before(span):
        return False
    if category is C.self_harm and _nearest(found, span, "denial", 4) is not None:
        return False
    if (
        category is C.self_harm
        and found.has("small_child")
        and _same_sentence(found, span, "tantrum")
    ):
        return False  # "hakkaa päätään lattiaan kun raivostuu": a toddler's tantrum
    if category is C.violence and now is None and _asks_before(found, span, "reported", 4):
        return False  # "lapsi kertoi että isä lyö": told about, to be reported, not now
    if category is C.missing_child and found.has("found_again"):
        return False
    if category is C.button_battery and any(
        o.end >= span.start for o in found.at("found_object")
    ):  # "we found the battery under the sofa", after or around the mention
        return False  # "we thought he swallowed a battery, but we found it"
    if category in _MILD and _nearest(found, span, "mild", 3) is not None:
        return False
    if category not in _RESOLVED_DOES_NOT_APPLY and _nearest(found, span, "almost", 1) is not None:
        return False  # "meinas tukehtua", "nästan drunknade": it did not happen
    if category in _PAST_TENSE_STORY and now is None and found.tense_past(span):
        return False
    if category not in _RESOLVED_DOES_NOT_APPLY and found.has("resolved"):
        resolved = _resolution_after(found, span)
        if resolved is not None and (now is None or resolved <= now):
            return False
    return True


def _routine_dose(found: Found, span: Span) -> bool:
    """A parent giving the medicine it was prescribed, no sign, no mistake, no overdose."""
    if found.has("symptom") or found.has("mistake") or found.has("quantity"):
        return False
    return found.distance(span, "give_med", 4) is not None


def _asks_before(found: Found, span: Span, concept: str, window: int) -> bool:
    """ "what are the signs that a teen is self-harming": the question leads the sentence."""
    return any(
        q.sentence == span.sentence and 0 < span.start - q.end <= window for q in found.at(concept)
    )


def _workload_after(found: Found, span: Span) -> bool:
    return any(0 < w.start - span.end <= 4 for w in found.at("workload")) and not any(
        found.distance(span, c, 6) is not None for c in ("water", "ice", "child")
    )


def _resolved_in_clause(found: Found, now: Span) -> bool:
    """ "men nu äter hon glass och springer omkring som vanligt": a "now" whose clause
    ends in all fine."""
    clause = found.words[now.start].clause
    return any(
        r.start > now.end and found.words[r.start].clause == clause for r in found.at("resolved")
    )


def _fear_before(found: Found, span: Span) -> bool:
    """ "pelkää että omenat ovat myrkyllisiä": the fear comes first; "he's scared of the
    needle" after the swelling tells nothing of the swelling."""
    return any(w.sentence == span.sentence and w.end < span.start for w in found.at("worry_fear"))


def _still_missing(found: Found) -> bool:
    if found.has("found_again") or found.has("resolved"):
        return False
    return any(found.has(c) for c in ("no_contact", "no_answer", "nobody"))


def _past_governs_clause(found: Found, span: Span) -> bool:
    """A past marker in the danger's own clause, and any "now" only in later clauses:
    "förra året nielas min son ett batteri och opererades, nyt hänellä on…"."""
    clause = found.words[span.start].clause
    past = found.outside("past", "now", "at_least")
    if not any(found.words[p.start].clause == clause for p in past):
        return False
    return all(found.words[n.start].clause > clause for n in found.at("now"))


def _dosage_question(found: Found, span: Span) -> int | None:
    """Words to the nearest dose question, not counting "don't know how much she took"."""
    unknown = found.at("unknown_substance")
    best = None
    for dose in found.around("dosage", span, 10):
        if any(u.start <= dose.start <= u.end + 1 for u in unknown):
            continue
        if any(found.words[p].negation for p in range(max(0, dose.start - 3), dose.start)):
            continue  # "ei tiedetä paljonko": not knowing, not asking
        distance = _distance(span, dose)
        if distance <= 10 and (best is None or distance < best):
            best = distance
    return best


def _feared_future(found: Found, span: Span) -> bool:
    """A fear, then a future or modal verb, then the danger, in one sentence."""
    for fear in found.at("worry_fear"):
        if fear.sentence == span.sentence and fear.end < span.start:
            for future in found.at("future"):
                if fear.end < future.start < span.start:
                    return True
    return False


def _now_in_sentence(found: Found, span: Span) -> bool:
    return any(now.sentence == span.sentence for now in found.at("now"))


def _after(found: Found, span: Span, concept: str) -> bool:
    return any(other.start > span.end for other in found.at(concept))


def _ended_after(found: Found, span: Span) -> bool:
    """A stop word next to the event and not negated: "kouristus loppui", "stopped
    bleeding"; "ei lopu", "won't stop" are negated."""
    for stop in found.around("stop", span, 3):
        after = span.end < stop.start <= span.end + 3
        before = stop.end == span.start - 1  # "stopped bleeding", "slutade blöda"
        if (after or before) and not found.is_negated(stop):
            return True
    return False


def _resolution_after(found: Found, span: Span) -> int | None:
    """Words to the nearest "all fine now" that follows the event or shares its sentence:
    "everything was fine, then he fell" opens a story, it does not end one."""
    distances = [
        _distance(span, other)
        for other in found.around("resolved", span, 30)
        if (other.start > span.start or other.sentence == span.sentence)
        and not _worse_after(found, other)
        and not _now_between(found, other, span)
    ]
    near = [d for d in distances if d <= 30]
    return min(near) if near else None


# Signs that undo a reassurance when they come after it (Terveyskirjasto "Lapsen
# päävamma": a child who cried at once but is now drowsy or vomiting needs help now).
_WORSENING = ("injury_severe", "unconscious", "infant_red_flag")


def _now_between(found: Found, resolved: Span, span: Span) -> bool:
    """ "Är det normalt att …? Nu har hon inte andats": the event is told after a "now"
    that follows the comfort, so the comfort does not cover it."""
    return any(resolved.end < now.start <= span.start for now in found.at("now"))


def _worse_after(found: Found, resolved: Span) -> bool:
    """ "itki heti, mutta nyt on hiljainen ja tuijottaa": a "now" and a sign follow the
    comfort ("on normaalia uninytkähtelyä" names no new state)."""
    nows = [n.start for n in found.at("now") if n.start > resolved.end]
    return bool(nows) and any(
        sign.start > min(nows) for concept in _WORSENING for sign in found.at(concept)
    )


def _before_in_sentence(found: Found, span: Span, concept: str) -> bool:
    """ "jos lapsi ei hengitä" is a question about a possibility; "ei hengitä, jos…" is not."""
    return any(
        other.sentence == span.sentence and other.end < span.start for other in found.at(concept)
    )
