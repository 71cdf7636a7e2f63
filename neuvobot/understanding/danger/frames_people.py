"""Danger frames about people: self-harm and suicide, violence now, a missing child."""

from __future__ import annotations

from neuvobot.understanding.concepts import Found, Span
from neuvobot.understanding.danger.finding import C, Finding, first, hit, neg


# --- Self-harm and suicide (THL "Itsemurhien ehkäisy", MIELI Kriisipuhelin): intent
# said directly or indirectly, about oneself or someone else; plans and means.
def self_harm(f: Found) -> list[Finding]:
    suicide = f.outside("suicide", "suicide_completed")
    return (
        hit(C.self_harm, suicide[0] if suicide else None)
        or hit(C.self_harm, f.near("want", "die", 3))
        or neg(C.self_harm, _negated_wish_to_live(f))
        or hit(C.self_harm, first(f, "better_without"))
        or hit(C.self_harm, f.near("handful_pills", "ingest_or_take", 8))
        or hit(C.self_harm, _many_pills(f))
        or hit(C.self_harm, f.near("jump", "high_place", 10))
        or hit(C.self_harm, f.near("locked_in", "die", 12))
        or hit(C.self_harm, f.near("despair", "means", 15))
        or hit(C.self_harm, f.near("despair", "locked_in", 15))
        or hit(C.self_harm, f.near("farewell", "means", 15))
        or hit(C.self_harm, f.near("farewell", "no_answer", 15))
        or hit(C.self_harm, f.near("farewell", "missing", 15))
        or hit(C.self_harm, f.near("farewell", "no_contact", 15))
        or hit(C.self_harm, f.near("not_wake_again", "means", 15))
        or hit(C.self_harm, f.near("not_wake_again", "medicine", 15))
        or hit(C.self_harm, f.near("letter", "locked_in", 15))
        or hit(C.self_harm, f.near("farewell", "high_place", 15))
        or hit(C.self_harm, f.near("despair", "decided", 12))
        or hit(C.self_harm, f.near("letter", "means", 15))
        or hit(C.self_harm, f.near("letter", "no_answer", 15), certain=False)
        or hit(C.self_harm, f.near("despair", "ingest_or_take", 12), certain=False)
        or hit(C.self_harm, first(f, "farewell"), certain=False)
        or hit(C.self_harm, f.near("means", "ready", 3), certain=False)  # "köysi valmiina"
        or hit(C.self_harm, f.near("despair", "high_place", 15))
        or hit(C.self_harm, f.near("over_edge", "high_place", 6), certain=False)
        or hit(C.self_harm, f.near("locked_in", "means", 20), certain=False)
        or hit(C.self_harm, _thinking_of_going_off(f), certain=False)
        or hit(C.self_harm, f.near("locked_in", "blood", 15), certain=False)
        # farewell letters written, "the last evening" (MIELI: signs of an acute crisis)
        or hit(C.self_harm, f.near("despair", "letter", 15), certain=False)
        or hit(C.self_harm, f.near("despair", "last_time", 15))
        or hit(C.self_harm, f.near("letter", "last_time", 15))
        or hit(C.self_harm, f.near("decided", "last_time", 15))  # "knows how she'll do it"
        or hit(C.self_harm, f.near("medicine", "ready", 4), certain=False)  # pills lined up
        or hit(C.self_harm, f.near("despair", "medicine", 20), certain=False)  # pills gathered
        or (  # "jag står på bron nu": someone at a height, now
            hit(C.self_harm, f.near("standing", "high_place", 3), certain=False)
            if f.has("now")
            else []
        )
        or (  # "ajaa auton sillalta alas": going off a bridge, not falling off a roof
            hit(C.self_harm, f.near("high_place", "down_off", 3), certain=False)
            if not f.has("fall")
            else []
        )
    )


def _thinking_of_going_off(f: Found) -> Span | None:
    """ "mietin, että ajaisin sillalta alas", "thinking of going off the bridge"."""
    edge = f.near("high_place", "down_off", 3)
    if edge is not None and f.near("contemplate", "high_place", 8):
        return edge
    return None


def _many_pills(f: Found) -> Span | None:
    """Took all / a handful of / too many pills, not a small child's accident."""
    if f.has("small_child"):
        return None
    pills = f.near("quantity", "medicine", 3)
    if pills is not None and f.near("ingest_or_take", "medicine", 6):
        return pills
    return None


def _negated_wish_to_live(f: Found) -> Span | None:
    """ei halua (enää) elää, ettei jaksa elää, vill inte leva, doesn't want to live."""
    for want in f.at("want"):
        if f.negated("want") is None:
            break
        for live in f.at("live"):
            if 0 < live.start - want.end <= 3:
                return want
        for wake in f.at("wake"):  # "en haluu herätä huomenna", "won't wake up again"
            if 0 < wake.start - want.end <= 2 and f.near("wake", "ever_again", 2):
                return want
    return None


# --- Violence and abuse now (Nollalinja, THL "Lähisuhdeväkivalta"): someone hitting,
# choking, shaking a baby, threatening with a weapon or breaking in, now.
def violence(f: Found) -> list[Finding]:
    found = (
        hit(C.violence, first(f, "shake_baby"))
        or hit(C.violence, f.near("shake", "infant", 3))
        or hit(C.violence, _shaking_a_child(f))
        or hit(C.violence, _grabbing_a_child(f), certain=False)
        or hit(C.violence, _child_begging_to_stop(f), certain=False)
        or hit(C.violence, first(f, "intruder"))
        or hit(C.violence, f.near("fight", "blood", 10))
        or hit(C.violence, first(f, "severe_blow"))
        or hit(C.violence, f.near("fight", "weapon", 10))
        or hit(C.violence, f.near("weapon", "threat", 8))
        or hit(C.violence, _adult_threat(f))
        or hit(C.violence, f.near("weapon", "chase", 8))
        or hit(C.violence, f.near("weapon", "hit", 6))
        or hit(C.violence, f.near("weapon", "locked_in", 12))
        or hit(C.violence, f.near("adult_aggressor", "harm_us", 15), certain=False)
        # sexual abuse said plainly ("does things I don't want"; Nollalinja, Poliisi: 112 now)
        or hit(C.violence, f.near("adult_aggressor", "sexual_acts", 15), certain=False)
        or (  # throwing things while the children hide
            hit(C.violence, f.near("adult_aggressor", "throwing", 8), certain=False)
            if f.has("fear_hiding")
            else []
        )
        or hit(C.violence, f.near("weapon", "fear_hiding", 15), certain=False)  # hiding from it
        or hit(C.violence, _armed_adult_and_fear(f), certain=False)  # a knife, mum crying
        # strangling: a hand or a grip at the throat (Nollalinja: the gravest warning sign)
        or hit(C.violence, f.near("press_grab", "by_throat", 6))
        or hit(C.violence, f.near("adult_aggressor", "locked_in", 12), certain=False)
        or hit(C.violence, _near_sounds(f, "fear_hiding"), certain=False)
        or hit(C.violence, _near_sounds(f, "child"), certain=False)
    )
    if found:
        return found
    negated = f.negated("hit")
    # "slog huvudet i bordet": a knock; "lyötiin selkään": first aid
    for blow in f.outside("hit", "head_hit", "back_blows"):
        if blow == negated or (f.tense_past(blow) and not f.has("now")):
            continue
        if any(t.sentence == blow.sentence for t in f.at("tantrum")):
            continue  # "throws tantrums", "får utbrott där hon sparkar och skriker"
        small_agent = _child_before(f, blow, "small_child") or any(
            c.sentence == blow.sentence and c.end < blow.start for c in f.at("small_child")
        )
        peers = f.has("peer_context") and not f.has("adult_aggressor")
        if small_agent and not f.has("adult_aggressor"):
            continue
        # kicking someone on the ground, blood: no playground scuffle
        if any(f.distance(blow, sign, 8) is not None for sign in _SEVERE_BEATING):
            return hit(C.violence, blow)
        if peers:
            continue
        if f.near("adult_aggressor", "hit", 6) or _victim_after(f, blow):
            return hit(C.violence, blow)
        if f.has("now") or f.has("fear_hiding"):
            return hit(C.violence, blow, certain=False)
    return []


_SEVERE_BEATING = ("blood", "lying", "weapon", "unconscious")


def _child_begging_to_stop(f: Found) -> Span | None:
    """ "lopeta isi", "sluta pappa", "stop daddy" with a child there."""
    if not f.has("child"):
        return None
    return f.near("stop", "adult_aggressor", 2)


def _shaking_a_child(f: Found) -> Span | None:
    """An adult shaking a child: "pappa skakar lillebror jättehårt"."""
    shake = f.near("shake", "child", 3)
    if shake is not None and f.near("adult_aggressor", "shake", 3):
        return shake
    return None


def _grabbing_a_child(f: Found) -> Span | None:
    """A man grabbing a child's arm, a stranger dragging a child (not a parent pulling
    a child out of the pool)."""
    grab = f.near("stranger", "grab", 10) or f.near("someone", "grab", 10)
    if grab is None:
        return None
    for victim in ("child", "household_victim"):
        span = f.near("grab", victim, 4)
        if span is not None:
            return span
    return None


def _near_sounds(f: Found, other: str) -> Span | None:
    """Sounds of violence near `other`, a slammed door or a tantrum not counted."""
    for sound in f.outside("violence_sounds", "door_slam", "tantrum"):
        if f.distance(sound, other, 15) is not None:
            return sound
    return None


def _adult_threat(f: Found) -> Span | None:
    """ "uhkaa tappaa", "hotar att döda": not a child's angry words ("mä tapan sut")."""
    span = f.near("threat", "kill_word", 5) or f.near("kill_word", "threat", 3)
    if span is None or (_child_before(f, span, "child") and not f.has("weapon")):
        return None
    return span


def _child_before(f: Found, span: Span, concept: str) -> bool:
    return any(0 < span.start - c.end <= 3 for c in f.at(concept))


def _victim_after(f: Found, span: Span) -> bool:
    after = f.at("household_victim") + f.at("child")
    before = f.at("household_victim")  # "mua lyö": an object may come first in Finnish
    return any(0 <= v.start - span.end <= 4 for v in after) or any(
        0 < span.start - v.end <= 2 for v in before
    )


# --- A missing child now (Poliisi: call 112 at once when a child is missing).
def missing_child(f: Found) -> list[Finding]:
    return (
        hit(C.missing_child, _missing_one_is_a_child(f))
        or hit(C.missing_child, f.near("not_found", "child", 8))
        or hit(C.missing_child, _taken_into_a_car(f))
        or hit(C.missing_child, f.near("not_there", "child", 15), certain=False)
        or (
            hit(C.missing_child, f.near("missing", "him_her", 3), certain=False)
            if f.has("child")
            else []
        )
        or neg(C.missing_child, f.negated_near("return_home", "child", 8))
        or hit(C.missing_child, f.near("went_with", "stranger", 6), certain=False)
        or hit(C.missing_child, f.near("no_contact", "went_with", 15), certain=False)
        or hit(C.missing_child, f.near("no_contact", "stranger", 15), certain=False)
        or hit(C.missing_child, f.near("no_contact", "meet", 15), certain=False)
        or hit(C.missing_child, f.near("meet", "stranger", 6), certain=False)
        or hit(C.missing_child, f.near("abduct", "child", 10))
        or hit(C.missing_child, f.near("abduct", "whereabouts_unknown", 15))
        or hit(C.missing_child, f.near("runaway", "child", 8), certain=False)
        or hit(C.missing_child, f.near("never_arrived", "child", 15), certain=False)
        or hit(C.missing_child, first(f, "empty_bed"), certain=False)  # bed empty, door open
        # anyone gone from sight by the water: call at once (SPR "Hukkuminen")
        or hit(C.missing_child, f.near("missing", "water", 12), certain=False)
        or hit(C.missing_child, f.near("whereabouts_unknown", "child", 10), certain=False)
        or hit(C.missing_child, f.near("searching", "child", 12), certain=False)
        or (
            hit(C.missing_child, f.near("no_contact", "missing", 15), certain=False)
            if f.has("child")
            else []
        )
        or _taken_without_permission(f)
    )


def _armed_adult_and_fear(f: Found) -> Span | None:
    """An adult at home with a weapon in hand while the others cry or hide (Nollalinja:
    a weapon is the gravest sign; call 112)."""
    if f.has("crying") or f.has("fear_hiding") or f.has("locked_in"):
        return f.near("adult_aggressor", "weapon", 6)
    return None


def _taken_without_permission(f: Found) -> list[Finding]:
    """A parent who took a child without permission (Poliisi: a child abduction by a
    parent is reported at once; a threat alone is for the police's non-urgent line), an
    adult gone with the child to an unknown place, a child out of reach at night."""
    if not (f.has("child") or f.has("household_victim")):
        return []
    return (
        hit(C.missing_child, f.near("adult_aggressor", "without_permission", 12), certain=False)
        or hit(C.missing_child, f.near("adult_aggressor", "whereabouts_unknown", 20), certain=False)
        or hit(C.missing_child, f.near("no_contact", "night", 12), certain=False)
    )


def _taken_into_a_car(f: Found) -> Span | None:
    """A stranger pulling a child into a car: "vieras mies otti pikkuveljen autoon"."""
    if not (f.has("child") or f.has("household_victim")):
        return None
    for car in f.at("into_car"):
        for who in ("stranger", "adult_aggressor", "someone"):
            if any(0 < car.start - w.end <= 8 for w in f.at(who)):
                return car
    return None


def _same_clause(f: Found, span: Span, concept: str) -> bool:
    clause = f.words[span.start].clause
    return any(f.words[other.start].clause == clause for other in f.at(concept))


def _missing_one_is_a_child(f: Found) -> Span | None:
    """ "tyttö lähti pulkkamäkeen ja nyt häntä ei löydy", unless an adult stands nearer the
    missing words ("lapsen isä … ei oo tullu vielä" is about the father)."""
    for missing in f.at("missing"):
        child = f.distance(missing, "child", 12)
        if child is None:
            continue
        if child > 8 and not _same_clause(f, missing, "child"):
            continue  # "lapset yskii koko ajan, … uutta asuntoa ei löydy"
        adult = [f.distance(missing, who, 12) for who in ("adult_aggressor", "stranger")]
        if all(a is None or a > child for a in adult):
            return missing
    return None
