"""Danger-now detection, checked before anything else a message asks.

Patterns are written on folded text (lowercase, ä→a, ö→o, å→a) so that a parent typing
fast without umlauts is caught as surely as one who types them. They describe danger
*now* (present tense, an object swallowed, a weapon in the room); a question about a
past event or about where to find help is not an alarm.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

import yaml


class UrgencyKind(StrEnum):
    violence = "violence"
    not_breathing = "not_breathing"
    poisoning = "poisoning"
    suicidal = "suicidal"
    child_danger = "child_danger"
    medical = "medical"  # other acute: unconscious, seizure, heavy bleeding, anaphylaxis


@dataclass(frozen=True)
class Urgency:
    kind: UrgencyKind
    matched: str  # the phrase that matched: for tests, never logged


_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "’": "'"})
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return _SPACE.sub(" ", text.translate(_FOLD))


_SUBSTANCE = (
    r"(tablet\w*|pillere\w*|laak\w*|burana\w*|panadol\w*|parasetamol\w*|pesuaine\w*|"
    r"tiskiaine\w*|konetiskiaine\w*|pyykinpesu\w*|kloori\w*|valkaisu\w*|tupak\w*|tump\w*|"
    r"nikotiini\w*|nuuska\w*|lamppuolj\w*|sytytysnest\w*|bensa\w*|bensiini\w*|myrky\w*|"
    r"sien\w*|kemikaal\w*|paristo\w*|nappiparisto\w*|akku\w*|magneet\w*|rotanmyrky\w*|"
    r"alkoholi\w*|viina\w*|pesuainekapsel\w*|kapseli\w*|puhdistusaine\w*|liuotin\w*|"
    r"tabletter|tablett|medicin\w*|piller|tvattmedel\w*|diskmedel\w*|cigarett\w*|fimp\w*|"
    r"snus\w*|lampolja|tandstickor|batteri\w*|gift\w*|svamp\w*|klorin\w*|"
    r"pills?|tablets?|medicine|medication|detergent|bleach|cigarett?e\w*|nicotine|"
    r"batter(y|ies)|button cell|lamp oil|poison\w*|chemical\w*|mushrooms?|"
    r"dishwasher tab\w*|laundry pod\w*|cleaning product\w*|paracetamol|ibuprofen)"
)

# (kind, pattern) in priority order: the first match decides the first line of the reply.
_RULES: list[tuple[UrgencyKind, str]] = [
    # --- suicidal thoughts: one's own or a friend's plan
    (UrgencyKind.suicidal, r"itsemurh\w*|tappaa itse\w*|tapan itse\w*|tappaisin itse\w*"),
    (UrgencyKind.suicidal, r"en (halua|jaksa|haluu|jaksais\w*) (enaa )?ela(a|aa)\b"),
    (UrgencyKind.suicidal, r"haluan kuolla|haluun kuolla|haluaisin kuolla|kuolla pois"),
    (
        UrgencyKind.suicidal,
        r"(aikoo|aion|ajattelee|uhkaa) (ottaa|syoda|vetaa) (kaikki|kaikki sen|"
        r"koko purkin|purkin) \w*",
    ),
    (UrgencyKind.suicidal, r"(ta|tagit|tar) livet av (mig|sig)|vill (inte leva|do)\b|sjalvmord\w*"),
    (
        UrgencyKind.suicidal,
        r"kill (myself|himself|herself|themselves)|suicid\w*|want to die|"
        r"end (my|his|her) life|(take|taking|took) all (the|my|his|her) "
        r"(pills|meds|tablets)",
    ),
    # --- not breathing, choking
    (
        UrgencyKind.not_breathing,
        r"ei (hengita|hengitä|hengit\w*)|ei saa henke\w*|tukehtu\w*|"
        r"hengitys (on )?(pysah|loppu|katk)\w*|ei pysty hengittam\w*|"
        r"vaikea hengittaa|hengittaa vaikeasti|henki ei kulje",
    ),
    (UrgencyKind.not_breathing, r"andas inte|kan inte andas|svart att andas|kvavs|satt i halsen"),
    (
        UrgencyKind.not_breathing,
        r"not breathing|(can'?t|cannot|can not|unable to) breathe|"
        r"hard to breathe|trouble breathing|choking|stopped breathing",
    ),
    # --- poisoning: something swallowed or drunk
    (
        UrgencyKind.poisoning,
        r"\b(soi|nielaisi|nieli|joi|maistoi|imeskeli|pureskeli|on syony|"
        r"on nielly|on juonu|on juonut|on syonyt|on niellyt|sai suuhun)\b"
        r"[^.?!]{0,40}?\b" + _SUBSTANCE,
    ),
    (UrgencyKind.poisoning, _SUBSTANCE + r"[^.?!]{0,30}?\b(soi|nielaisi|nieli|joi|suuhun)\b"),
    (
        UrgencyKind.poisoning,
        r"\b(druckit|drack|atit|at upp|svalt|svalde|svaljt)\b[^.?!]{0,40}?\b" + _SUBSTANCE,
    ),
    (
        UrgencyKind.poisoning,
        r"\b(swallowed|ate|eaten|drank|drunk|chewed|licked)\b[^.?!]{0,40}?\b" + _SUBSTANCE,
    ),
    (UrgencyKind.poisoning, r"\bmyrkyty(i|nyt|ny)\b|\bpoisoned\b|\bforgiftad\b"),
    # --- violence happening now
    (
        UrgencyKind.violence,
        r"\b(puuko\w*|puukk\w*|veits\w*|aseen|aseella|ase)\b[^.?!]{0,40}?"
        r"\b(kanssa|uhkaa|heiluttaa|riehuu|kadessa)\b|"
        r"\b(riehuu|uhkaa|uhkailee)\b[^.?!]{0,40}?\b(puuko\w*|puukk\w*|"
        r"veits\w*|aseen|aseella)\b",
    ),
    (
        UrgencyKind.violence,
        r"\b(lyo|hakkaa|potkii|kuristaa|kuristi)\b (mua|minua|meita|meit|"
        r"lasta|lapsia|poikaa|tyttoa|vauvaa|aitia|isaa)",
    ),
    (
        UrgencyKind.violence,
        r"\buhkaa tappaa\b|\btappaa (mut|minut|meidat|lapset)\b|"
        r"lukittu\w* (vessaan|huoneeseen)|lukitt\w* itse\w*|piiloudu\w*",
    ),
    (
        UrgencyKind.violence,
        r"\bslar (mig|oss|barnet|barnen|mamma|henne|honom)\b|hotar att doda|"
        r"\b(med|har) (en )?kniv\b|\bmisshandlar\b",
    ),
    (
        UrgencyKind.violence,
        r"\b(hitting|beating|choking|strangling|kicking) (me|us|my)\b|"
        r"\bhits me\b|threaten\w* to kill|\b(has|with|holding) a (knife|gun)\b|"
        r"locked (ourselves|myself) in",
    ),
    # --- other acute medical danger
    (
        UrgencyKind.medical,
        r"tajuton|tajuttom\w*|ei her(aa|ää)|elottom\w*|ei reagoi|kouristel\w*|"
        r"kouristu\w*|kuumekouristu\w*|sinertaa|sininen huulet|"
        r"vuotaa verta (tosi |todella |hirveasti |paljon )|verta tosi paljon|"
        r"vuotaa (tosi |todella )?paljon verta|runsas verenvuoto|"
        r"(kasvot|kurkku|huulet|kieli) turpo\w*|anafyla\w*|astmakohtau\w*",
    ),
    (
        UrgencyKind.medical,
        r"medvetslos|vaknar inte|kramper|blod(er|ar) (mycket|kraftigt)|"
        r"astmaanfall|svullnar i (ansiktet|halsen)",
    ),
    (
        UrgencyKind.medical,
        r"unconscious|won'?t wake|not waking|seizure|convuls\w*|"
        r"bleeding (a lot|heavily|badly)|face (is )?swell\w*|throat (is )?swell\w*|"
        r"anaphyla\w*|asthma attack|turning blue|lips (are )?blue",
    ),
    # --- a child in danger now
    (
        UrgencyKind.child_danger,
        r"(lapsi|poika|tytto|taapero|vauva) (on )?(kadonnu\w*|kateissa|"
        r"hukkumassa|hukkui)|lapsi yksin kotona yolla|"
        r"(barnet|pojken|flickan) (ar )?(forsvunnen|forsvunnet|borta)|"
        r"(child|son|daughter|toddler|baby) (is )?(missing|drowning)",
    ),
]

_COMPILED = [(kind, re.compile(pattern)) for kind, pattern in _RULES]
MAX_SCAN = 4000  # the danger is said early; scanning 100 kB per message would be wasted time


def detect_urgency(text: str, lang: str | None = None) -> Urgency | None:
    """The kind of danger-now in a message, or None. `lang` is accepted but not needed."""
    if not text:
        return None
    folded = fold(text[:MAX_SCAN])
    for kind, pattern in _COMPILED:
        match = pattern.search(folded)
        if match:
            return Urgency(kind, match.group(0))
    return None


def urgency_report(questions_path: str) -> dict[str, object]:
    """Catch rate and false alarms on an eval file (`urgent: true/false` per question)."""
    with open(questions_path, encoding="utf-8") as handle:
        questions = yaml.safe_load(handle)["questions"]
    urgent = [q for q in questions if q.get("urgent")]
    calm = [q for q in questions if not q.get("urgent")]
    missed = [q["q"] for q in urgent if detect_urgency(q["q"]) is None]
    false_alarms = [q["q"] for q in calm if detect_urgency(q["q"]) is not None]
    return {
        "urgent": len(urgent),
        "caught": len(urgent) - len(missed),
        "missed": missed,
        "others": len(calm),
        "false_alarms": false_alarms,
        "false_alarm_rate": len(false_alarms) / len(calm) if calm else 0.0,
    }
