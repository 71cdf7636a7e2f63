"""Danger frames for the body: breathing, consciousness, water, fits, bleeding,
allergy, electricity, burns, swallowed batteries, baby fever, falls and poisoning.

Each frame combines concepts (concepts.yaml) and names the guidance it follows.
"""

from __future__ import annotations

from neuvobot.understanding.concepts import Found, Span
from neuvobot.understanding.danger.finding import C, Finding, first, hit, neg


# --- Breathing, choking, a foreign body (SPR first aid "Vierasesine hengitysteissä",
# Terveyskirjasto "Elvytys"): not breathing, cannot breathe, blue lips, something stuck.
def breathing(f: Found) -> list[Finding]:
    return (
        neg(C.breathing, f.negated("breathe"))
        or neg(C.breathing, f.negated("no_air"))
        or hit(C.breathing, first(f, "choke"))
        or hit(C.breathing, first(f, "asthma_attack"))
        or hit(C.breathing, first(f, "turning_blue"))
        or hit(C.breathing, f.near("stuck", "airway", 6))
        or hit(C.breathing, f.near("difficult", "breathe", 4))
        or hit(C.breathing, f.near("blue", "lips_throat", 4))
        or hit(C.breathing, f.near("blue", "face", 6), certain=False)
        or hit(C.breathing, f.near("no_sound", "cough", 4))  # tries to cough, no sound
        or hit(C.breathing, f.near("blue", "breathe", 6))
        or hit(C.breathing, _fast_breathing_little_one(f), certain=False)
        or hit(C.breathing, f.near("airway", "breathe", 8), certain=False)
        or hit(C.breathing, f.near("stuck", "breathe", 8), certain=False)
        or neg(C.breathing, f.negated_near("cough", "airway", 8))
        or hit(C.breathing, first(f, "retraction"), certain=False)
        or hit(C.breathing, f.near("grunting", "breathe", 6), certain=False)
        or hit(C.breathing, f.near("cant_get_out", "airway", 8), certain=False)
        or hit(C.breathing, f.near("stuck", "drool_swallow", 12), certain=False)
        or hit(C.breathing, f.near("no_sound", "stuck", 12))
        or hit(C.breathing, f.near("no_sound", "airway", 12), certain=False)
        or hit(C.breathing, f.near("no_sound", "ingest", 12), certain=False)
        or hit(C.breathing, f.near("clutch", "airway", 2), certain=False)  # hands at throat
        or hit(C.breathing, f.near("grunting", "airway", 12), certain=False)  # squeaks, throat
    )


def _fast_breathing_little_one(f: Found) -> Span | None:
    """A baby or toddler breathing very fast (Terveyskirjasto "Hengitysvaikeus lapsella")."""
    if f.has("infant") or f.has("small_child"):
        return f.near("breathe", "fast", 3)
    return None


# --- Unresponsive, floppy, collapsed (Terveyskirjasto "Tajuttomuus", SPR "Elvytys").
def unresponsive(f: Found) -> list[Finding]:
    return (
        hit(C.unresponsive, first(f, "unconscious"))
        or neg(C.unresponsive, f.negated("wake"))
        or neg(C.unresponsive, f.negated("react"))
        or hit(C.unresponsive, f.near("collapse", "no_answer", 8))
        or hit(C.unresponsive, f.near("lying", "no_answer", 10))
        or neg(C.unresponsive, f.negated_near("move_feel", "lying", 10))
        or hit(C.unresponsive, first(f, "collapse"), certain=False)
        or neg(C.unresponsive, f.negated("contact"), certain=False)
        or hit(C.unresponsive, f.near("lying", "motionless", 4), certain=False)
        or hit(C.unresponsive, f.near("fall", "no_answer", 6), certain=False)  # fell, no answer
        # a face drooping on one side: a stroke (Terveyskirjasto "Aivoinfarkti": call 112)
        or hit(C.unresponsive, first(f, "stroke_sign"), certain=False)
        or hit(C.unresponsive, f.near("face", "droop", 3), certain=False)
        or hit(C.unresponsive, f.near("slurred", "sudden", 8), certain=False)
        # a child with diabetes drowsy or confused: low blood sugar (Diabetesliitto: 112
        # when the child cannot swallow or does not come round)
        or hit(C.unresponsive, f.near("diabetes", "symptom", 20), certain=False)
        or hit(C.unresponsive, f.near("diabetes", "faint_sign", 20), certain=False)
    )


# --- Drowning and cold water (SPR "Hukkuminen", Terveyskirjasto "Hukuksiin joutuminen").
def drowning(f: Found) -> list[Finding]:
    drown = f.outside("drown", "cooling")
    return (
        hit(C.drowning, drown[0] if drown else None)
        or hit(C.drowning, f.near("water", "pulled_out", 8))
        or hit(C.drowning, f.near("water", "unconscious", 10))
        or hit(C.drowning, f.near("fall", "ice", 4))
        or hit(C.drowning, first(f, "cough_water"))
        or hit(C.drowning, f.near("face_down", "water", 8))
        or neg(C.drowning, f.negated_near("surface", "water", 15))
        or hit(C.drowning, f.near("fall", "water", 4), certain=False)
        or hit(C.drowning, f.near("found_again", "water", 2), certain=False)
        or hit(C.drowning, f.near("through", "ice", 3))
        or hit(C.drowning, f.near("bottom", "water", 8), certain=False)
        or hit(C.drowning, f.near("found_object", "water", 3), certain=False)  # found in it
        or hit(C.drowning, f.near("current", "water", 10))  # swept away by a current
        or hit(C.drowning, first(f, "current"), certain=False)
        or hit(C.drowning, f.near("water", "blue", 12), certain=False)  # in the pool, now blue
        # cold water, then slurred speech or drowsiness: hypothermia (SPR "Hypotermia")
        or hit(C.drowning, f.near("water", "hypothermia_sign", 30), certain=False)
    )


# --- A seizure now (Terveyskirjasto "Kuumekouristus", "Epileptinen kohtaus": 112 when
# it lasts over five minutes, is the first one, or the child does not come round).
def seizure(f: Found) -> list[Finding]:
    return (
        hit(C.seizure, first(f, "seizure"))
        or hit(C.seizure, f.near("twitch", "whole_body", 4))
        or neg(C.seizure, f.negated_near("stop", "fit_word", 6))
        or hit(C.seizure, f.near("fit_word", "ongoing", 10))  # "still going on"
        or hit(C.seizure, f.near("twitch", "ongoing", 8))
        or hit(C.seizure, f.near("fit_word", "rescue_med", 15), certain=False)  # Buccolam given
        or hit(C.seizure, f.near("fit_word", "duration", 8), certain=False)  # "ten minutes"
        or hit(C.seizure, f.near("twitch", "lying", 6), certain=False)  # on the ground, jerking
        or neg(C.seizure, f.negated_near("stop", "twitch", 6))
        or neg(C.seizure, f.negated_near("react", "twitch", 8))
        # shaking or jerking that cannot be controlled or does not stop
        or hit(C.seizure, f.near("shake", "uncontrolled", 4))
        or hit(C.seizure, f.near("twitch", "uncontrolled", 4))
        or neg(C.seizure, f.negated_near("stop", "shake", 12), certain=False)
        or hit(C.seizure, f.near("shake", "foam", 6))  # shaking, foam at the mouth
        or hit(C.seizure, f.near("twitch", "foam", 6))
    )


# --- Severe bleeding (SPR "Runsas verenvuoto").
def bleeding(f: Found) -> list[Finding]:
    return (
        hit(C.bleeding, f.near("blood", "severe_bleeding", 6))
        or neg(C.bleeding, f.negated_near("stop", "blood", 6))
        or hit(C.bleeding, first(f, "spurting"))
        or hit(C.bleeding, f.near("soaked", "blood", 8))
        or hit(C.bleeding, f.near("soaked", "wound", 12))
        or hit(C.bleeding, f.near("wound", "severe_bleeding", 5), certain=False)
        or hit(C.bleeding, f.near("blood", "wound", 5), certain=False)
        or hit(C.bleeding, f.near("blood", "through", 6), certain=False)  # through towels
        or hit(C.bleeding, f.near("severed", "finger_toe", 3))  # a fingertip cut off
        or hit(C.bleeding, f.near("blood", "faint_sign", 10), certain=False)  # pale, dizzy
        or hit(C.bleeding, f.near("machine", "body_part", 6), certain=False)  # a mower
    )


# --- Anaphylaxis (Terveyskirjasto "Anafylaksia", Allergia-, iho- ja astmaliitto):
# swelling of the lips, tongue or throat, breathing trouble after a sting or a food.
def anaphylaxis(f: Found) -> list[Finding]:
    return (
        hit(C.anaphylaxis, first(f, "anaphylaxis"))
        or hit(C.anaphylaxis, f.near("swell", "lips_throat", 4))
        or hit(C.anaphylaxis, first(f, "throat_closing"))
        or hit(C.anaphylaxis, f.near("allergy_trigger", "difficult", 10))
        or hit(C.anaphylaxis, f.near("swell", "allergy_trigger", 12))
        or hit(C.anaphylaxis, f.near("allergic_sign", "allergy_trigger", 12), certain=False)
        or hit(C.anaphylaxis, f.near("swell", "face", 3), certain=False)
        or _faint_after_trigger(f)
        or hit(C.anaphylaxis, f.near("cant_swallow", "allergy_trigger", 15))
        or _epipen_and_a_sign(f)
    )


def _faint_after_trigger(f: Found) -> list[Finding]:
    """Hives or redness with weakness or dizziness after a food or sting: shock."""
    if f.has("allergic_sign"):
        return hit(C.anaphylaxis, f.near("allergy_trigger", "faint_sign", 15), certain=False)
    return []


def _epipen_and_a_sign(f: Found) -> list[Finding]:
    """An adrenaline pen at hand and a sign of the reaction: the pen is for now."""
    for sign in ("swell", "difficult", "lips_throat", "allergic_sign", "faint_sign"):
        span = f.near("epipen", sign, 15)
        if span is not None:
            return hit(C.anaphylaxis, span)
    return []


# --- Electric shock (SPR "Sähköisku": always to be seen, 112 if unconscious or burnt).
def electric_shock(f: Found) -> list[Finding]:
    return (
        hit(C.electric_shock, first(f, "electric_shock"))
        or hit(C.electric_shock, f.near("electric_device", "shock", 6))
        or hit(C.electric_shock, f.near("electric_device", "touch", 4), certain=False)
        or hit(C.electric_shock, f.near("metal_object", "electric_device", 6), certain=False)
        or hit(C.electric_shock, f.near("electric_device", "burn_injury", 12), certain=False)
        or hit(C.electric_shock, f.near("electric_device", "injury_severe", 12), certain=False)
        or hit(C.electric_shock, f.near("electric_device", "no_sound", 10), certain=False)
        # a mains device dropped into the bath with the child in it
        or hit(C.electric_shock, f.near("electric_device", "bath", 4), certain=False)
    )


# --- Burns, scalds and fire (Terveyskirjasto "Palovammat", SPR "Palovamma").
def burns(f: Found) -> list[Finding]:
    return (
        hit(C.burns, first(f, "fire"))
        or hit(C.burns, f.near("fire_word", "burn_verb", 3))  # "syttyi huppari tuleen"
        or hit(C.burns, f.near("fire_word", "fire_place", 6))
        or hit(C.burns, f.near("fire_word", "burn_injury", 8))
        or hit(C.burns, first(f, "burn_injury"))
        or hit(C.burns, f.near("hot", "spill_contact", 5))
        or hit(C.burns, f.near("hot_thing", "spill_contact", 5))
        or hit(C.burns, f.near("corrosive", "body_part", 6))
        or hit(C.burns, f.near("burn_verb", "body_part", 6))
        or hit(C.burns, f.near("hot_thing", "body_part", 4), certain=False)
        # a chemical in the eye: rinse at once and call (Myrkytystietokeskus "Silmät")
        or hit(C.burns, f.near("chemical", "eye", 6), certain=False)
        or hit(C.burns, f.near("firework", "body_part", 8), certain=False)  # went off in a hand
        # a hot drink swallowed and the mouth swelling: a scald inside the mouth or throat
        or (hit(C.burns, f.near("hot", "ingest", 4), certain=False) if f.has("swell") else [])
        or hit(C.burns, f.near("corrosive", "eye", 8), certain=False)
    )


# --- A swallowed button battery or magnets: emergency care now, with or without
# symptoms (Myrkytystietokeskus, "Nappiparistot"; Terveyskirjasto "Vierasesine").
def button_battery(f: Found) -> list[Finding]:
    for thing in ("battery", "magnet"):
        for other in ("ingest", "stuck", "airway", "ear_nose"):
            span = f.near(thing, other, 12)
            if span is not None:
                return hit(C.button_battery, span)
    for thing in ("battery", "magnet"):
        span = f.near(thing, "gone_object", 12)
        if span is not None and (f.has("child") or f.has("symptom")):
            return hit(C.button_battery, span, certain=False)
        span = f.near(thing, "drool_swallow", 15)
        if span is not None and f.has("small_child"):
            return hit(C.button_battery, span, certain=False)
        span = f.near(thing, "symptom", 30)  # magnets about and a tummy ache
        if span is not None and f.has("child"):
            return hit(C.button_battery, span, certain=False)
    return []


# --- Fever with red flags in a baby (Terveyskirjasto "Kuume lapsella", Duodecim
# "Kuumeisen lapsen arviointi": under 3 months, floppy, hard to wake, spots that do not
# fade, no wet nappies, not feeding, high-pitched cry).
def infant_fever(f: Found) -> list[Finding]:
    return (
        hit(C.infant_fever, f.near("fever", "non_blanching", 25))
        or hit(C.infant_fever, f.near("infant", "non_blanching", 15))
        or hit(C.infant_fever, f.near("child", "non_blanching", 25))
        or _red_flag_baby(f)
        or hit(C.infant_fever, f.near("young_infant", "fever", 12))
        or hit(C.infant_fever, f.near("infant", "fontanelle", 12), certain=False)
        or hit(C.infant_fever, f.near("fever", "fontanelle", 12), certain=False)
        or hit(C.infant_fever, f.near("fever", "grunting", 12), certain=False)
        # a stiff neck with fever: meningitis (Terveyskirjasto "Aivokalvontulehdus")
        or hit(C.infant_fever, f.near("fever", "stiff_neck", 15))
    )


def _red_flag_baby(f: Found) -> list[Finding]:
    feverish = f.has("fever") or f.near("hot", "infant", 6) is not None  # "body very hot"
    if f.has("infant") and feverish:
        return (
            hit(C.infant_fever, first(f, "infant_red_flag"))
            or neg(C.infant_fever, f.negated("feed"))
            or hit(C.infant_fever, f.near("feed", "poorly", 2), certain=False)
            or neg(C.infant_fever, f.negated("wet_nappy"))
            or neg(C.infant_fever, f.negated("react"))
            or neg(C.infant_fever, f.negated("wake"))
            or hit(C.infant_fever, f.near("young_infant", "hot", 8), certain=False)
        )
    if f.has("small_child") and feverish:  # no urine, no drink: a small child drying out
        return (
            neg(C.infant_fever, f.negated("wet_nappy"), certain=False)
            or hit(C.infant_fever, first(f, "infant_red_flag"), certain=False)
            or neg(C.infant_fever, f.negated("feed"), certain=False)
            or hit(C.infant_fever, f.near("breathe", "fast", 3), certain=False)
        )
    return []


# --- Falls and head or spine injuries with warning signs (Terveyskirjasto
# "Aivotärähdys", "Lapsen päävamma": vomiting, drowsiness, confusion, neck pain).
def fall_head(f: Found) -> list[Finding]:
    return (
        hit(C.fall_head, f.near("fall", "injury_severe", 15))
        or hit(C.fall_head, f.near("head_hit", "injury_severe", 15))
        or hit(C.fall_head, f.near("head", "injury_severe", 6))
        or neg(C.fall_head, f.negated_near("move_feel", "fall", 15))
        or neg(C.fall_head, f.negated_near("move_feel", "head_hit", 15))
        or hit(C.fall_head, f.near("fall", "neck_pain", 15))
        or hit(C.fall_head, f.near("head_hit", "neck_pain", 15))
        or hit(C.fall_head, f.near("fall", "wrong_way", 15))
        or hit(C.fall_head, f.near("fall", "height", 5), certain=False)
        or hit(C.fall_head, first(f, "fracture"), certain=False)
        or hit(C.fall_head, f.near("head_hit", "infant", 10), certain=False)
        or hit(C.fall_head, f.near("jump", "neck_pain", 12), certain=False)
        or hit(C.fall_head, f.near("jump", "injury_severe", 15))
        # numbness or tingling after a fall: a spinal injury (Terveyskirjasto "Selkävamma")
        or hit(C.fall_head, f.near("fall", "spinal_sign", 15))
        or hit(C.fall_head, f.near("head_hit", "spinal_sign", 15))
        or hit(C.fall_head, f.near("hit", "injury_severe", 12), certain=False)
        or hit(C.fall_head, f.near("crash", "injury_severe", 20))  # into a tree, a wall
        or hit(C.fall_head, first(f, "run_over"))
    )


# A grandparent's pills named a sentence before the child ate "some": a wider window.
_CHILD_WINDOWS = (("medicine", 15), ("chemical", 8), ("nicotine", 8), ("plant_mushroom", 8))


# --- Poisoning (HUS Myrkytystietokeskus; Päivystyshelppi "Myrkytys"): 112 with
# symptoms, otherwise the Poison Information Centre first.
def poisoning(f: Found) -> list[Finding]:
    for substance in ("medicine", "chemical", "nicotine", "plant_mushroom"):
        span = f.near("ingest", substance, 8)
        if span is not None:
            return hit(C.poisoning, span)
    for substance in ("alcohol", "drugs"):
        # a small child eats sweets "with cannabis in them": the drug named a clause later
        span = f.near("ingest", substance, 12 if f.has("small_child") else 8)
        if span is not None and (f.has("small_child") or f.has("symptom")):
            return hit(C.poisoning, span)
    if f.has("symptom") or f.has("injury_severe"):  # took pills, now wide pupils, racing heart
        for substance in ("medicine", "drugs"):
            span = f.near("ingest_or_take", substance, 8)
            if span is not None:
                return hit(C.poisoning, span)
    if f.has("small_child") or f.has("child"):
        for substance, window in _CHILD_WINDOWS:
            span = (  # the substance's span: a dose question next to it sets it aside
                f.near(substance, "ingest_or_take", window)
                or f.near(substance, "ingest", window)
                or f.near(substance, "container_open", 10)
            )
            if span is not None:
                return hit(C.poisoning, span, certain=False)
    if f.has("symptom") and (f.has("child") or f.has("small_child")):
        # "joi jotain pullosta ja nyt kuolaa": something from a bottle, and a sign now
        for what in ("container", "something", "plant_mushroom"):
            span = f.near("ingest", what, 6)
            if span is not None:
                return hit(C.poisoning, span, certain=False)
    if f.has("unknown_substance"):  # "took some pills, don't know what they were"
        for substance in ("medicine", "drugs", "plant_mushroom", "chemical"):
            span = f.near("ingest_or_take", substance, 8)
            if span is not None:
                return hit(C.poisoning, span, certain=False)
    return hit(C.poisoning, first(f, "poisoned"))
