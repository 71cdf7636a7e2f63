"""A message as analysed words: every reading's keys, in fi, sv and en at once.

Families mix languages and type without umlauts, so a word is not forced into one
language: its keys are the folded surface form, Voikko's base forms and compound parts
(all readings), the Swedish Snowball stem and the English Porter stem. Concept lexicons
(`danger.lexicon`) are written against these keys.

Only the first `ANALYSED_WORDS` words get Voikko (about 5–10 µs a word, cached); the
rest of a long message keeps its surface and stem keys, which the prefix and infix terms
of the lexicons still match, so a danger in the tenth sentence is not lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from whoosh.lang.porter import stem as english_stem

from neuvobot.understanding.finnish import finnish_morphology
from neuvobot.understanding.lexical import FI_STOP, SV_COLLOQUIAL, SV_STOP, fold, normalise
from neuvobot.understanding.swedish import sv_stem

ANALYSED_WORDS = 300
# Marks a key that is a compound's modifier part: the `kirja` of `kirjahylly` (a shelf,
# not a book), the `sähkö` of `sähkölinja` (a power line). Concepts choose whether such
# parts count (`concepts.ConceptMatcher`).
MODIFIER = "~"
# One pass over the text: a word (group 1) or the end of a sentence.
_TOKEN = re.compile(r"([^\W_]+(?:[-'][^\W_]+)*|[😂🤣😆😅😹])|([.!?;\n]+)|([,:]+)")
_LAUGH = frozenset("😂🤣😆😅😹")
# Finnish words that negate the verb after them (ei, en, eikä, ettei…) are found by
# Voikko's word class "kieltosana"; these cover text Voikko cannot read (no umlauts).
_FI_NEGATION = frozenset(
    [
        "ei",
        "en",
        "et",
        "emme",
        "ette",
        "eivat",
        "eika",
        "enka",
        "etka",
        "ettei",
        "etten",
        "ettet",
        "eiko",
        "eivatka",
        "ei-",
        "tuskin",
    ]
)


# What a word is, whatever message it stands in: cached for the process's life. A plain
# tuple of strings and flags on purpose: the garbage collector stops tracking such tuples,
# so 100,000 cached words do not make every full collection take tens of milliseconds
# (a frozen dataclass with a frozenset of keys was two tracked objects a word).
WordInfo = tuple  # (folded, keys: tuple[str, ...], negation, past, known)


@dataclass(slots=True)  # not frozen: a frozen dataclass costs 3x to build, per word
class Word:
    surface: str  # folded (lexical.fold)
    position: int
    sentence: int
    keys: tuple[str, ...]  # surface, Voikko bases and parts, sv and en stems
    negation: bool  # negates the verb next to it (ei, inte, not, can't…)
    past: bool  # Finnish past tense or past participle reading only
    known: bool  # Voikko read it (unknown words may be typos: see concepts.py)
    clause: int = 0  # commas and sentence ends: "vi hittar den inte, kasvot turpoaa"


_EN_NEGATION = frozenset(
    [
        "not",
        "no",
        "never",
        "cannot",
        "cant",
        "can't",
        "won't",
        "wont",
        "isn't",
        "isnt",
        "doesn't",
        "doesnt",
        "don't",
        "dont",
        "didn't",
        "didnt",
        "aren't",
        "arent",
        "wasn't",
        "wasnt",
        "haven't",
        "havent",
        "hasn't",
        "hasnt",
        "hadn't",
        "hadnt",
        "couldn't",
        "couldnt",
        "wouldn't",
        "wouldnt",
        "nt",
        "barely",
        "hardly",
        "isnt",
    ]
)
_SV_NEGATION = frozenset(["inte", "ej", "icke", "aldrig", "int", "inge", "ingen", "knappt"])


def _info_without_voikko(folded: str) -> WordInfo:
    keys = {folded, english_stem(folded), sv_stem(folded)}
    standard = SV_COLLOQUIAL.get(folded)
    if standard:
        keys |= {standard, sv_stem(standard)}
    negation = folded in _FI_NEGATION or folded in _EN_NEGATION or folded in _SV_NEGATION
    if folded.endswith("n't") or folded.endswith("nt'"):
        negation = True
    return (folded, tuple(sorted(k for k in keys if k)), negation, False, False)


_DOTS_DROPPED = re.compile("[ao]")
_HAS_DOTS = re.compile("[äöå]")
_FRONT = str.maketrans("ao", "äö")
_DOUBLED = re.compile(r"([bcdfghjklmnprstvz])\1")
_SPOKEN_PARTICIPLE = frozenset({"nu", "ny", "lu", "ly", "ru", "ry", "su", "sy"})


def _variants(word: str) -> list[str]:
    """Forms to try when Voikko cannot read a word, most likely first."""
    forms = [word]
    if _DOTS_DROPPED.search(word) and not _HAS_DOTS.search(word):
        # Typed without dots (syotiin, hengita): vowel harmony says a front-vowel word had
        # ä and ö throughout, so one reading of the dotted form recovers it.
        forms.append(word.translate(_FRONT))
    variants: list[str] = []
    for form in forms:
        if len(form) > 4 and form[-2:] in _SPOKEN_PARTICIPLE:
            variants.append(form + "t")  # spoken lyöny, syöny, ottanu → -nyt, -nut
        if len(form) > 4 and form[-1] in "uy" and form[-2] not in "aeiouyäö":
            variants.append(form + "i")  # spoken past: kaatu, tarttu → -ui
        if len(form) > 4 and _DOUBLED.search(form):
            variants.append(_DOUBLED.sub(r"\1", form))  # dialect: herrää, tehhään
    return forms[1:] + variants


def _analysed_info(word: str) -> WordInfo:
    """Keys of a lowercase word with every Voikko reading."""
    folded = fold(word)
    plain = _info_without_voikko(folded)
    morphology = finnish_morphology()
    readings = morphology.readings(word)
    if not readings:
        for candidate in _variants(word):
            readings = morphology.readings(candidate)
            if readings:
                break
    if not readings:
        return plain
    keys = set(plain[1])
    negation = plain[2]
    past_readings = 0
    for reading in readings:
        keys.add(fold(reading.base))
        if reading.parts:  # the head (last part) is what the word is; the rest modify it
            keys.add(fold(reading.parts[-1]))
            keys.update(MODIFIER + fold(part) for part in reading.parts[:-1])
        if reading.word_class == "kieltosana":
            negation = True
        if reading.tense == "past_imperfective" or reading.participle.startswith("past"):
            past_readings += 1
    return (folded, tuple(sorted(keys)), negation, past_readings == len(readings), True)


def _surface_info(folded: str) -> WordInfo:
    return _info_without_voikko(folded)


_ANALYSED: dict[str, WordInfo] = {}
_SURFACE: dict[str, WordInfo] = {}
_CACHE_LIMIT = 100_000


def _info(word: str, analysed: bool) -> WordInfo:
    """One dictionary look-up for a word seen before: long messages repeat their words.
    The only cache of word analyses; the concept matcher keys its own on these objects."""
    table = _ANALYSED if analysed else _SURFACE
    info = table.get(word)
    if info is None:
        info = _analysed_info(word) if analysed else _surface_info(fold(word))
        if len(table) < _CACHE_LIMIT:
            table[word] = info
    return info


def analyse_words(text: str, analysed_words: int = ANALYSED_WORDS) -> list[Word]:
    """The words of `text` in order, with their sentence number and keys."""
    words: list[Word] = []
    append = words.append
    sentence = 0
    clause = 0
    cached = _ANALYSED.get  # inlined _info: this loop runs for every word of every message
    text = normalise(text).replace("’", "'")
    for word, end, comma in _TOKEN.findall(text):
        if end:
            sentence += 1
            clause += 1
            continue
        if comma:
            clause += 1
            continue
        if word in _LAUGH:
            word = "lol"  # laughing emoji: read as the word people would type
        position = len(words)
        # a word analysed before keeps its Voikko reading past the first ANALYSED_WORDS
        info = cached(word) or _info(word, position < analysed_words)
        append(Word(info[0], position, sentence, *info[1:], clause))
    _swedish_articles(words)
    _spoken_etta(words)
    return words


def _spoken_etta(words: list[Word]) -> None:
    """Spoken "et" is "että" (kuulostaa et sitä ravistellaan); "you don't" comes as "et sä"."""
    for word in words:
        if word.surface == "et" and word.negation:
            after = word.position + 1
            if not (after < len(words) and words[after].surface in _YOU):
                word.negation = False


_YOU = frozenset(["sa", "sina", "te", "sie"])


# "en", "et" negate in Finnish ("en jaksa") and are articles in Swedish ("en kvinna"):
# in a sentence of Swedish function words they negate nothing.
_AMBIGUOUS_NEGATION = frozenset({"en", "et"})
# Function words of one language only (in both stop lists: han, en, min… say nothing).
_SV_CUES = frozenset(fold(w) for w in SV_STOP) - frozenset(fold(w) for w in FI_STOP)
_FI_CUES = frozenset(fold(w) for w in FI_STOP) - frozenset(fold(w) for w in SV_STOP)


def _swedish_articles(words: list[Word]) -> None:
    ambiguous = [w for w in words if w.surface in _AMBIGUOUS_NEGATION]
    if not ambiguous:
        return
    balance: dict[int, int] = {}
    for word in words:
        # per clause: "pappa slår mamma, han har en kniv, mitä mä teen" mixes languages
        if word.surface in _SV_CUES:
            balance[word.clause] = balance.get(word.clause, 0) + 1
        elif word.surface in _FI_CUES:
            balance[word.clause] = balance.get(word.clause, 0) - 1
    for word in ambiguous:
        if balance.get(word.clause, 0) > 0:
            word.negation = False
