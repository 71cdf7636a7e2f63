"""Danger categories as combinations of concepts, each with the guidance it follows.

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
    burns = "burns"
    self_harm = "self_harm"
    violence = "violence"
    button_battery = "button_battery"
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


def _hit(category: DangerCategory, span: Span | None, certain: bool = True) -> list[Finding]:
    return [Finding(category, span, certain)] if span is not None else []


def _neg(category: DangerCategory, span: Span | None, certain: bool = True) -> list[Finding]:
    return [Finding(category, span, certain, via_negation=True)] if span is not None else []


def _first(found: Found, concept: str) -> Span | None:
    spans = found.at(concept)
    return spans[0] if spans else None


# --- Breathing, choking, a foreign body (SPR first aid "Vierasesine hengitysteissä",
# Terveyskirjasto "Elvytys"): not breathing, cannot breathe, blue lips, something stuck.
def breathing(f: Found) -> list[Finding]:
    return (
        _neg(C.breathing, f.negated("breathe"))
        or _neg(C.breathing, f.negated("no_air"))
        or _hit(C.breathing, _first(f, "choke"))
        or _hit(C.breathing, _first(f, "asthma_attack"))
        or _hit(C.breathing, _first(f, "turning_blue"))
        or _hit(C.breathing, f.near("stuck", "airway", 6))
        or _hit(C.breathing, f.near("difficult", "breathe", 4))
        or _hit(C.breathing, f.near("blue", "lips_throat", 4))
        or _hit(C.breathing, f.near("blue", "face", 3), certain=False)
        or _hit(C.breathing, f.near("airway", "breathe", 8), certain=False)
        or _hit(C.breathing, f.near("stuck", "breathe", 8), certain=False)
        or _neg(C.breathing, f.negated_near("cough", "airway", 8))
        or _hit(C.breathing, _first(f, "retraction"), certain=False)
        or _hit(C.breathing, f.near("grunting", "breathe", 6), certain=False)
        or _hit(C.breathing, f.near("cant_get_out", "airway", 8), certain=False)
        or _hit(C.breathing, f.near("stuck", "drool_swallow", 12), certain=False)
        or _hit(C.breathing, f.near("no_sound", "stuck", 12))
        or _hit(C.breathing, f.near("no_sound", "airway", 12), certain=False)
    )


# --- Unresponsive, floppy, collapsed (Terveyskirjasto "Tajuttomuus", SPR "Elvytys").
def unresponsive(f: Found) -> list[Finding]:
    return (
        _hit(C.unresponsive, _first(f, "unconscious"))
        or _neg(C.unresponsive, f.negated("wake"))
        or _neg(C.unresponsive, f.negated("react"))
        or _hit(C.unresponsive, f.near("collapse", "no_answer", 8))
        or _hit(C.unresponsive, f.near("lying", "no_answer", 10))
        or _neg(C.unresponsive, f.negated_near("move_feel", "lying", 10))
        or _hit(C.unresponsive, _first(f, "collapse"), certain=False)
        or _neg(C.unresponsive, f.negated("contact"), certain=False)
    )


# --- Drowning and cold water (SPR "Hukkuminen", Terveyskirjasto "Hukuksiin joutuminen").
def drowning(f: Found) -> list[Finding]:
    drown = f.outside("drown", "cooling")
    return (
        _hit(C.drowning, drown[0] if drown else None)
        or _hit(C.drowning, f.near("water", "pulled_out", 8))
        or _hit(C.drowning, f.near("water", "unconscious", 10))
        or _hit(C.drowning, f.near("fall", "ice", 4))
        or _hit(C.drowning, _first(f, "cough_water"))
        or _hit(C.drowning, f.near("face_down", "water", 8))
        or _neg(C.drowning, f.negated_near("surface", "water", 10))
        or _hit(C.drowning, f.near("fall", "water", 4), certain=False)
        or _hit(C.drowning, f.near("found_again", "water", 2), certain=False)
    )


# --- A seizure now (Terveyskirjasto "Kuumekouristus", "Epileptinen kohtaus": 112 when
# it lasts over five minutes, is the first one, or the child does not come round).
def seizure(f: Found) -> list[Finding]:
    return (
        _hit(C.seizure, _first(f, "seizure"))
        or _hit(C.seizure, f.near("twitch", "whole_body", 4))
        or _neg(C.seizure, f.negated_near("stop", "fit_word", 6))
        or _neg(C.seizure, f.negated_near("stop", "twitch", 6))
        or _neg(C.seizure, f.negated_near("react", "twitch", 8))
    )


# --- Severe bleeding (SPR "Runsas verenvuoto").
def bleeding(f: Found) -> list[Finding]:
    return (
        _hit(C.bleeding, f.near("blood", "severe_bleeding", 6))
        or _neg(C.bleeding, f.negated_near("stop", "blood", 6))
        or _hit(C.bleeding, _first(f, "spurting"))
        or _hit(C.bleeding, f.near("soaked", "blood", 8))
        or _hit(C.bleeding, f.near("soaked", "wound", 12))
        or _hit(C.bleeding, f.near("wound", "severe_bleeding", 5), certain=False)
        or _hit(C.bleeding, f.near("blood", "wound", 5), certain=False)
    )


# --- Anaphylaxis (Terveyskirjasto "Anafylaksia", Allergia-, iho- ja astmaliitto):
# swelling of the lips, tongue or throat, breathing trouble after a sting or a food.
def anaphylaxis(f: Found) -> list[Finding]:
    return (
        _hit(C.anaphylaxis, _first(f, "anaphylaxis"))
        or _hit(C.anaphylaxis, f.near("swell", "lips_throat", 4))
        or _hit(C.anaphylaxis, f.near("allergy_trigger", "difficult", 10))
        or _hit(C.anaphylaxis, f.near("swell", "allergy_trigger", 12))
        or _hit(C.anaphylaxis, f.near("allergic_sign", "allergy_trigger", 12), certain=False)
        or _hit(C.anaphylaxis, f.near("swell", "face", 3), certain=False)
    )


# --- Electric shock (SPR "Sähköisku": always to be seen, 112 if unconscious or burnt).
def electric_shock(f: Found) -> list[Finding]:
    return (
        _hit(C.electric_shock, _first(f, "electric_shock"))
        or _hit(C.electric_shock, f.near("electric_device", "shock", 6))
        or _hit(C.electric_shock, f.near("electric_device", "touch", 4), certain=False)
        or _hit(C.electric_shock, f.near("metal_object", "electric_device", 6), certain=False)
    )


# --- Burns, scalds and fire (Terveyskirjasto "Palovammat", SPR "Palovamma").
def burns(f: Found) -> list[Finding]:
    return (
        _hit(C.burns, _first(f, "fire"))
        or _hit(C.burns, _first(f, "burn_injury"))
        or _hit(C.burns, f.near("hot", "spill_contact", 5))
        or _hit(C.burns, f.near("hot_thing", "spill_contact", 5))
        or _hit(C.burns, f.near("corrosive", "body_part", 6))
        or _hit(C.burns, f.near("burn_verb", "body_part", 6))
        or _hit(C.burns, f.near("hot_thing", "body_part", 4), certain=False)
    )


# --- Self-harm and suicide (THL "Itsemurhien ehkäisy", MIELI Kriisipuhelin): intent
# said directly or indirectly, about oneself or someone else; plans and means.
def self_harm(f: Found) -> list[Finding]:
    suicide = f.outside("suicide", "suicide_completed")
    return (
        _hit(C.self_harm, suicide[0] if suicide else None)
        or _hit(C.self_harm, f.near("want", "die", 3))
        or _neg(C.self_harm, _negated_wish_to_live(f))
        or _hit(C.self_harm, _first(f, "better_without"))
        or _hit(C.self_harm, f.near("handful_pills", "ingest_or_take", 8))
        or _hit(C.self_harm, _many_pills(f))
        or _hit(C.self_harm, f.near("jump", "high_place", 10))
        or _hit(C.self_harm, f.near("locked_in", "die", 12))
        or _hit(C.self_harm, f.near("despair", "means", 15))
        or _hit(C.self_harm, f.near("despair", "locked_in", 15))
        or _hit(C.self_harm, f.near("farewell", "means", 15))
        or _hit(C.self_harm, f.near("farewell", "no_answer", 15))
        or _hit(C.self_harm, f.near("farewell", "missing", 15))
        or _hit(C.self_harm, f.near("farewell", "no_contact", 15))
        or _hit(C.self_harm, f.near("not_wake_again", "means", 15))
        or _hit(C.self_harm, f.near("not_wake_again", "medicine", 15))
        or _hit(C.self_harm, f.near("letter", "locked_in", 15))
        or _hit(C.self_harm, f.near("farewell", "high_place", 15))
        or _hit(C.self_harm, f.near("despair", "decided", 12))
        or _hit(C.self_harm, f.near("letter", "means", 15))
        or _hit(C.self_harm, f.near("letter", "no_answer", 15), certain=False)
        or _hit(C.self_harm, f.near("despair", "ingest_or_take", 12), certain=False)
        or _hit(C.self_harm, _first(f, "farewell"), certain=False)
    )


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
        _hit(C.violence, _first(f, "shake_baby"))
        or _hit(C.violence, f.near("shake", "infant", 3))
        or _hit(C.violence, _first(f, "intruder"))
        or _hit(C.violence, f.near("fight", "blood", 10))
        or _hit(C.violence, _first(f, "severe_blow"))
        or _hit(C.violence, f.near("fight", "weapon", 10))
        or _hit(C.violence, f.near("weapon", "threat", 8))
        or _hit(C.violence, _adult_threat(f))
        or _hit(C.violence, f.near("weapon", "chase", 8))
        or _hit(C.violence, f.near("weapon", "hit", 6))
        or _hit(C.violence, f.near("weapon", "locked_in", 12))
        or _hit(C.violence, f.near("adult_aggressor", "locked_in", 12), certain=False)
        or _hit(C.violence, _near_sounds(f, "fear_hiding"), certain=False)
        or _hit(C.violence, _near_sounds(f, "child"), certain=False)
    )
    if found:
        return found
    negated = f.negated("hit")
    # "slog huvudet i bordet": a knock; "lyötiin selkään": first aid
    for hit in f.outside("hit", "head_hit", "back_blows"):
        if hit == negated or (f.tense_past(hit) and not f.has("now")):
            continue
        if f.distance(hit, "tantrum", 2) is not None:
            continue  # "throws tantrums"
        small_agent = _child_before(f, hit, "small_child") or any(
            c.sentence == hit.sentence and c.end < hit.start for c in f.at("small_child")
        )
        peers = f.has("peer_context") and not f.has("adult_aggressor")
        if small_agent and not f.has("adult_aggressor"):
            continue
        if peers:
            continue
        if f.near("adult_aggressor", "hit", 6) or _victim_after(f, hit):
            return _hit(C.violence, hit)
        if f.has("now") or f.has("fear_hiding"):
            return _hit(C.violence, hit, certain=False)
    return []


def _near_sounds(f: Found, other: str) -> Span | None:
    """Sounds of violence near `other`, a slammed door or a tantrum not counted."""
    for sound in f.outside("violence_sounds", "door_slam", "tantrum"):
        if f.distance(sound, other, 15) is not None:
            return sound
    return None


def _adult_threat(f: Found) -> Span | None:
    """ "uhkaa tappaa", "hotar att döda": not a child's angry words ("mä tapan sut")."""
    span = f.near("threat", "kill_word", 3) or f.near("kill_word", "threat", 3)
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


# --- A swallowed button battery or magnets: emergency care now, with or without
# symptoms (Myrkytystietokeskus, "Nappiparistot"; Terveyskirjasto "Vierasesine").
def button_battery(f: Found) -> list[Finding]:
    for thing in ("battery", "magnet"):
        for other in ("ingest", "stuck", "airway", "ear_nose"):
            span = f.near(thing, other, 8)
            if span is not None:
                return _hit(C.button_battery, span)
    for thing in ("battery", "magnet"):
        span = f.near(thing, "gone_object", 12)
        if span is not None and (f.has("child") or f.has("symptom")):
            return _hit(C.button_battery, span, certain=False)
        span = f.near(thing, "drool_swallow", 15)
        if span is not None and f.has("small_child"):
            return _hit(C.button_battery, span, certain=False)
    return []


# --- Fever with red flags in a baby (Terveyskirjasto "Kuume lapsella", Duodecim
# "Kuumeisen lapsen arviointi": under 3 months, floppy, hard to wake, spots that do not
# fade, no wet nappies, not feeding, high-pitched cry).
def infant_fever(f: Found) -> list[Finding]:
    return (
        _hit(C.infant_fever, f.near("fever", "non_blanching", 15))
        or _hit(C.infant_fever, f.near("infant", "non_blanching", 15))
        or _red_flag_baby(f)
        or _hit(C.infant_fever, f.near("young_infant", "fever", 12))
        or _hit(C.infant_fever, f.near("infant", "fontanelle", 12), certain=False)
        or _hit(C.infant_fever, f.near("fever", "fontanelle", 12), certain=False)
        or _hit(C.infant_fever, f.near("fever", "grunting", 12), certain=False)
    )


def _red_flag_baby(f: Found) -> list[Finding]:
    if f.has("infant") and f.has("fever"):
        return (
            _hit(C.infant_fever, _first(f, "infant_red_flag"))
            or _neg(C.infant_fever, f.negated("feed"))
            or _neg(C.infant_fever, f.negated("wet_nappy"))
            or _neg(C.infant_fever, f.negated("react"))
            or _neg(C.infant_fever, f.negated("wake"))
        )
    return []


# --- Falls and head or spine injuries with warning signs (Terveyskirjasto
# "Aivotärähdys", "Lapsen päävamma": vomiting, drowsiness, confusion, neck pain).
def fall_head(f: Found) -> list[Finding]:
    return (
        _hit(C.fall_head, f.near("fall", "injury_severe", 15))
        or _hit(C.fall_head, f.near("head_hit", "injury_severe", 15))
        or _hit(C.fall_head, f.near("head", "injury_severe", 6))
        or _neg(C.fall_head, f.negated_near("move_feel", "fall", 15))
        or _neg(C.fall_head, f.negated_near("move_feel", "head_hit", 15))
        or _hit(C.fall_head, f.near("fall", "neck_pain", 15))
        or _hit(C.fall_head, f.near("head_hit", "neck_pain", 15))
        or _hit(C.fall_head, f.near("fall", "wrong_way", 15))
        or _hit(C.fall_head, f.near("fall", "height", 5), certain=False)
        or _hit(C.fall_head, _first(f, "fracture"), certain=False)
        or _hit(C.fall_head, f.near("head_hit", "infant", 10), certain=False)
        or _hit(C.fall_head, f.near("jump", "neck_pain", 12), certain=False)
        or _hit(C.fall_head, f.near("jump", "injury_severe", 15))
    )


# --- Poisoning (HUS Myrkytystietokeskus; Päivystyshelppi "Myrkytys"): 112 with
# symptoms, otherwise the Poison Information Centre first.
def poisoning(f: Found) -> list[Finding]:
    for substance in ("medicine", "chemical", "nicotine", "plant_mushroom"):
        span = f.near("ingest", substance, 8)
        if span is not None:
            return _hit(C.poisoning, span)
    for substance in ("alcohol", "drugs"):
        span = f.near("ingest", substance, 8)
        if span is not None and (f.has("small_child") or f.has("symptom")):
            return _hit(C.poisoning, span)
    if f.has("small_child") or f.has("child"):
        for substance in ("medicine", "chemical", "nicotine", "plant_mushroom"):
            span = f.near("ingest_or_take", substance, 8) or f.near("container_open", substance, 10)
            if span is not None:
                return _hit(C.poisoning, span, certain=False)
    return _hit(C.poisoning, _first(f, "poisoned"))


# --- A missing child now (Poliisi: call 112 at once when a child is missing).
def missing_child(f: Found) -> list[Finding]:
    return (
        _hit(C.missing_child, f.near("missing", "child", 8))
        or _neg(C.missing_child, f.negated_near("return_home", "child", 8))
        or _hit(C.missing_child, f.near("went_with", "stranger", 6), certain=False)
        or _hit(C.missing_child, f.near("no_contact", "went_with", 15), certain=False)
        or _hit(C.missing_child, f.near("no_contact", "stranger", 15), certain=False)
        or _hit(C.missing_child, f.near("no_contact", "meet", 15), certain=False)
        or _hit(C.missing_child, f.near("meet", "stranger", 6), certain=False)
        or _hit(C.missing_child, f.near("abduct", "child", 10))
        or _hit(C.missing_child, f.near("abduct", "whereabouts_unknown", 15))
        or _hit(C.missing_child, f.near("runaway", "child", 8), certain=False)
        or _hit(C.missing_child, f.near("whereabouts_unknown", "child", 10), certain=False)
        or _hit(C.missing_child, f.near("searching", "child", 12), certain=False)
        or (
            _hit(C.missing_child, f.near("no_contact", "missing", 15), certain=False)
            if f.has("child")
            else []
        )
    )


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
