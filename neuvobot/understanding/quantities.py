"""Ages and body temperatures written as numbers: "6 vkon ikäinen", "bebis är sex veckor",
"my baby 1 month", "2kk", "38,6", "39 astetta".

A baby's age decides how urgent a fever is (Terveyskirjasto "Kuume lapsella": a baby
under three months with a fever goes to the emergency department at once), so ages are
read as numbers, not listed as words. Works on analysed words (`understanding.words`),
where "38,6" arrives as two numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from neuvobot.understanding.words import Word

_NUMBER_WORDS = {
    # fi (nominative and genitive), sv, en
    **dict.fromkeys(["yksi", "yhden", "en", "ett", "one", "a", "an"], 1),
    **dict.fromkeys(["kaksi", "kahden", "tva", "two"], 2),
    **dict.fromkeys(["kolme", "kolmen", "tre", "three"], 3),
    **dict.fromkeys(["nelja", "neljan", "fyra", "four"], 4),
    **dict.fromkeys(["viisi", "viiden", "fem", "five"], 5),
    **dict.fromkeys(["kuusi", "kuuden", "sex", "six"], 6),
    **dict.fromkeys(["seitseman", "sju", "seven"], 7),
    **dict.fromkeys(["kahdeksan", "atta", "eight"], 8),
    **dict.fromkeys(["yhdeksan", "nio", "nine"], 9),
    **dict.fromkeys(["kymmenen", "tio", "ten"], 10),
    **dict.fromkeys(["yksitoista", "elva", "eleven"], 11),
    **dict.fromkeys(["kaksitoista", "tolv", "twelve"], 12),
}
_NUMBER_STARTS = frozenset(w[:3] for w in _NUMBER_WORDS)
_NUMBER = "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True))
_DAY = r"pv|paiva\w*|dag|dagar|dagars|days?"
_WEEK = r"vk|vko\w*|viiko\w*|viikk\w*|veck\w*|weeks?|wks?"
_MONTH = r"kk\w*|kuukau\w*|kuukaut\w*|man|manad\w*|months?|mo|mos|mths?"
_YEAR = r"v|vuo\w*|ar|ars|aring\w*|years?|yrs?|yo"
_UNIT = re.compile(
    rf"^(?:(?P<day>{_DAY})|(?P<week>{_WEEK})|(?P<month>{_MONTH})|(?P<year>{_YEAR}))$"
)
# "6vko", "2kk", "3-viikkoinen", "kuusiviikkoinen", "six-week-old": one word, always an age
_JOINED = re.compile(
    rf"^(?P<n>\d{{1,2}}|{_NUMBER})-?(?:(?P<week>vk|vko\w*|viikkoi\w*|week|weeks)"
    rf"|(?P<month>kk\w*|kuukautinen|kuukautisen|month|months)|(?P<day>paivainen\w*|day)"
    rf"|(?P<year>v|vuotia\w*|aring\w*|yo|year|years))"
    r"(?:-old)?$"
)
# An age, not a duration: "6 viikon ikäinen", "sex veckor gammal", "a month old"
_AGE_AFTER = frozenset(
    [
        "ikainen",
        "ikaisella",
        "ikaiselle",
        "ikaisen",
        "ikaista",
        "vanha",
        "vanhalla",
        "vanhan",
        "vanhaa",
        "gammal",
        "gamla",
        "old",
        "ikainen,",
        "iassa",
        "ikaisena",
    ]
)
# A duration, not an age: "for two weeks", "i två veckor", "jo 2 viikkoa", "since"
_DURATION_BEFORE = frozenset(
    [
        "for",
        "i",
        "jo",
        "since",
        "sedan",
        "sen",
        "past",
        "last",
        "kestanyt",
        "kesti",
        "ajan",
        "koko",
        "hela",
        "over",
        "yli",
        "after",
        "efter",
        "jalkeen",
        "within",
    ]
)
_COPULA = frozenset(["is", "are", "on", "ovat", "ar", "e", "oli", "var", "was", "were"])
_AGO = frozenset(["sitten", "sedan", "sen", "ago", "aikaa", "tillbaka", "back"])
_INFANT_WORDS = re.compile(r"^(?:vauva\w*|bebis\w*|baby|babies|infant\w*|newborn\w*|nyfod\w*)$")
# A child word right before the number: "barnbarnet 6 mån", "sonen 4 månader", "poika 3 vk"
_CHILD_RIGHT_BEFORE = re.compile(
    r"^(?:barnbarn\w*|bebin|bebben|sonen|son|dottern|dotter|pojken|flickan|lapsenlap\w*"
    r"|poika|tytto|lapsi|grandchild|grandson|granddaughter|son|daughter|boy|girl)$"
)
_TEMPERATURE_UNIT = frozenset(["aste", "astetta", "astetta,", "grader", "grad", "degrees", "c"])


@dataclass(frozen=True, slots=True)
class Age:
    position: int  # the word that holds the number
    days: int


def _number(surface: str) -> int | None:
    if surface.isascii() and surface.isdigit() and len(surface) <= 2:
        return int(surface)
    return _NUMBER_WORDS.get(surface)


def _days(value: int, match: re.Match) -> int:
    if match.group("week"):
        return value * 7
    if match.group("month"):
        return value * 30
    if match.group("year"):
        return value * 365
    return value


def ages(words: list[Word]) -> list[Age]:
    """Ages of babies and children given in days, weeks or months."""
    found: list[Age] = []
    for i, word in enumerate(words):
        first = word.surface[:1]
        if not (first.isdigit() or word.surface[:3] in _NUMBER_STARTS):
            continue  # most words: one set probe instead of two regexes
        joined = _JOINED.match(word.surface)
        if joined and not joined.group("n").isdigit() and len(word.surface) < 6:
            joined = None  # "av", "ev": a letter and a unit, no number word
        if joined:
            value = _number(joined.group("n"))
            if value:
                found.append(Age(i, _days(value, joined)))
            continue
        value = _number(word.surface)
        if not value or i + 1 >= len(words):
            continue
        unit = _UNIT.match(words[i + 1].surface)
        if unit is None:
            continue
        after = words[i + 2].surface if i + 2 < len(words) else ""
        before = words[i - 1].surface if i > 0 else ""
        infant_before = any(_INFANT_WORDS.match(words[j].surface) for j in range(max(0, i - 4), i))
        if word.surface in ("a", "an", "en", "ett") and after not in _AGE_AFTER:
            continue  # "a week", "en vecka": a duration unless "a week old"
        if unit.group("year"):  # "3 år", "6 vuotta" (not "3 vuotta sitten", "for 2 years")
            if before not in _DURATION_BEFORE and after not in _AGO and value <= 18:
                found.append(Age(i, _days(value, unit)))
            continue
        if (
            after in _AGE_AFTER
            or (unit.group("month") and unit.group("month").startswith("kk"))
            or (infant_before and before not in _DURATION_BEFORE)
            or _CHILD_RIGHT_BEFORE.match(before)
            or before in _COPULA  # "twins are 14 months", "hon är sex veckor"
        ):
            found.append(Age(i, _days(value, unit)))
    return found


def fevers(words: list[Word]) -> list[int]:
    """Positions of a body temperature of 38 °C or more: "38,6", "39.2", "40 astetta"."""
    found: list[int] = []
    for i, word in enumerate(words):
        if (
            not (word.surface.isascii() and word.surface.isdigit())
            or not 38 <= int(word.surface) <= 43
        ):
            continue
        following = words[i + 1].surface if i + 1 < len(words) else ""
        decimal = (
            following.isascii() and following.isdigit() and len(following) == 1
        )  # "38,6" arrives as 38 6
        if decimal or following in _TEMPERATURE_UNIT or following.startswith("°"):
            found.append(i)
    return found
