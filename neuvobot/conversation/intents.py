"""Small intent checks that come before search: asking for a person, saying hello."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lowercase without ä/ö/å, so 'hoitajalle' and 'hoitajalle' typed either way match."""
    text = unicodedata.normalize("NFC", text).lower()
    return text.translate(str.maketrans({"ä": "a", "ö": "o", "å": "a"}))


_PERSON = re.compile(
    r"""
    # Finnish: "haluan puhua hoitajalle", "voinko jutella terkkarin kanssa", "ihminen kiitos"
    \b(puhua|puhuu|puhumaan|puhuis\w*|jutella|juttelemaan|juttelis\w*|keskustella|
       keskustelemaan|yhteytta|soittaa|chatata|chattaa|chattailla)\b.{0,40}?
        \b(hoitaja\w*|terveydenhoitaja\w*|terkka\w*|th:n|ihmise\w*|ihmiselle|ihminen|
           henkilo\w*|asiantuntija\w*|neuvolatati\w*|tati\w*|joku\w*\s+oikea\w*)\b
    | \b(oikea\w*\s+ihmi\w*|ihminen\s+kiitos|hoitaja\s+kiitos)\b
    # Swedish: "kan jag prata med en hälsovårdare", "en riktig människa"
    | \b(prata|tala|chatta|snacka)\b.{0,30}?\b(halsovardar\w*|skotar\w*|sjukskotar\w*|
           manniska|person|nagon)\b
    | \briktig\s+manniska\b
    # English: "can I talk to a nurse", "speak with a person", "real human"
    | \b(talk|speak|chat)\w*\b.{0,30}?\b(nurse|person|human|someone|somebody|real\s+people)\b
    | \b(real|actual)\s+(person|human)\b
    """,
    re.VERBOSE,
)


def wants_person(text: str) -> bool:
    return bool(_PERSON.search(fold(text)))


_GREETING = re.compile(
    r"^(hei|heippa|hei hei|moi|moikka|moro|terve|terkut|huomenta|paivaa|iltaa|"
    r"hej|hejsan|hallo|halla|god dag|god morgon|tjena|"
    r"hi|hello|hey|good morning|good evening)[\s!.,:)]*$"
)


_THANKS = re.compile(
    r"^(kiitos|kiitti|kiitoksia|kiitos paljon|kiitti paljon|tack|tackar|tack sa mycket|"
    r"tusen tack|thanks|thank you|thanks a lot|thank you so much|thx|ty)[\s!.,:)]*$"
)


def small_talk(text: str) -> str | None:
    """The text key of the reply to a greeting or a thank-you on its own (no search)."""
    folded = fold(text).strip()
    if _THANKS.match(folded):
        return "thanks_reply"
    return "greeting_again" if _GREETING.match(folded) else None


def is_greeting(text: str) -> bool:
    """'Hei!', 'moi', 'hej', 'hello': a greeting with nothing to search for."""
    return bool(_GREETING.match(fold(text).strip()))


# Commands in fi/sv/en (with and without ä/ö), mapped to what they do.
COMMANDS = {
    "start": "start",
    "help": "help",
    "apua": "help",
    "hjalp": "help",
    "hjälp": "help",
    "language": "language",
    "kieli": "language",
    "sprak": "language",
    "språk": "language",
    "municipality": "municipality",
    "kunta": "municipality",
    "kommun": "municipality",
    "forget": "forget",
    "unohda": "forget",
    "glom": "forget",
    "glöm": "forget",
    "nurse": "nurse",
    "hoitaja": "nurse",
}
