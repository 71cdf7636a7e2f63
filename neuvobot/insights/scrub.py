"""Scrub a family's question before it is kept for insights: nothing that could say who asked.

Removed: URLs, e-mail addresses, @usernames, Finnish personal identity codes, phone numbers,
dates, every run of 3+ digits, and anything that looks like a name. Names are judged
conservatively, because a dropped word costs an editor little and a kept name costs a
family their privacy:
- a word Voikko knows as a first name, surname or place name goes, unless it is a known
  municipality or catalogue word (Turku, Kela…); even lowercase ("aino") and even when it
  is also a common word ("Onni", "anna");
- a capitalised word not at the start of a sentence goes unless it is a known word;
- a capitalised word at the start of a sentence stays only if it is a known word, a stop
  word, or a word Voikko knows (not as a name); "Oliver ei puhu" loses "Oliver";
- a lowercase word stays only if a dictionary knows it (Voikko for Finnish, simplemma for
  Swedish and English) or it is close to a catalogue word (a typo editors should see);
  other tokens (nicknames, usernames, street names, codes) go.
Removed parts become "…", which also breaks phrases (no false word pairs across a gap).
"""

from __future__ import annotations

import logging
import re
import threading
import weakref
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process
from whoosh.analysis import STOP_WORDS

from neuvobot.catalogue.municipalities import MUNICIPALITIES
from neuvobot.search.analysis import COLLOQUIAL, FI_STOP, SV_STOP, TOKEN_PATTERN

log = logging.getLogger(__name__)

GAP = "…"
MAX_CHARS = 300  # a need is said in far fewer; long texts are more likely to identify
CLOSE_SCORE = 85  # an unknown word this close to a catalogue word is taken for a typo of it

_URL = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:fi|se|com|net|org|eu|io|info|me|app)\b(?:/\S*)?",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE = re.compile(r"(?<!\w)@\w+")
# ddmmyy, the century sign (+ - A–F, U–Y), three digits and a check character.
_HETU = re.compile(r"\b\d{6}[-+A-FU-Y]?\d{3}[0-9A-Y]\b", re.IGNORECASE)
# Six or more digits with spaces, dashes, dots or brackets between: +358 40 123 4567,
# 040-123 4567, (02) 262 0624.
_PHONE = re.compile(r"(?<!\w)\+?\(?\d(?:[\s\-().]{0,3}\d){5,}(?!\w)")
_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.(?:\d{2,4})?")
_DIGITS = re.compile(r"\d{3,}")
_WORD = re.compile(TOKEN_PATTERN)
_SENTENCE_END = re.compile(r"(?:^|[.!?\n:;])\s*[\"'(«»”]*$")
_GAPS = re.compile(r"(?:\s*" + GAP + r")+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NAME_CLASSES = frozenset({"etunimi", "sukunimi", "nimi", "paikannimi"})
# Capitalised words families write about services that are no one's name.
SERVICE_WORDS = _words(
    "kela mll mieli hus varha nollalinja väestöliitto ensi turvakoti neuvola perheneuvola "
    "kriisipuhelin kriisikeskus myrkytystietokeskus ehkäisevä päihdetyö ehyt a-klinikka "
    "omaolo sekasin tukinet kelan kelasta kelaan kelalta i"
)
EXTRA_STOP = _words(
    "i my me our what where who how why do does is are am was can could should would "
    "need needs want help please hi hello my mine jag vi var vad hur när vem kan min mitt "
    "mina hej"
)


@lru_cache(maxsize=1)
def base_vocabulary() -> frozenset[str]:
    """Municipality names (fi, sv) and service/organisation words: never taken for names."""
    words: set[str] = set(SERVICE_WORDS)
    for municipality in MUNICIPALITIES.values():
        for name in (municipality.fi, municipality.sv, municipality.region):
            if name:
                words.update(w.lower() for w in _WORD.findall(name))
    return frozenset(words)


_catalogue_vocab: tuple[weakref.ref[Any], frozenset[str]] | None = None


def catalogue_vocabulary(catalogue: Any | None) -> frozenset[str]:
    """Known words: the base vocabulary plus every word of the catalogue's service names,
    type names, keywords and synonyms. Cached for the catalogue being served."""
    global _catalogue_vocab
    if catalogue is None:
        return base_vocabulary()
    cached = _catalogue_vocab
    if cached is not None and cached[0]() is catalogue:
        return cached[1]
    texts: list[str] = []
    for service in getattr(catalogue, "services", []):
        texts += [text for _, text in service.name.items()]
        for lang in ("fi", "sv", "en"):
            texts += service.keywords.get(lang)
    for type_ in getattr(catalogue, "types", {}).values():
        texts += [type_.fi, type_.sv, type_.en]
    for table in getattr(catalogue, "synonyms", {}).values():
        for word, targets in table.items():
            texts += [word, *targets]
    words = base_vocabulary() | {w.lower() for t in texts for w in _WORD.findall(t)}
    try:
        _catalogue_vocab = (weakref.ref(catalogue), frozenset(words))
    except TypeError:  # not weak-referenceable: just don't cache
        return frozenset(words)
    return _catalogue_vocab[1]


class _NameReadings:
    """Voikko's word classes, with its own handle (Voikko handles are not thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._voikko: Any = None
        self._tried = False

    def readings(self, word: str) -> list[tuple[str, str]] | None:
        """(word class, base form) of each reading; None when Voikko is not available."""
        with self._lock:
            if not self._tried:
                self._tried = True
                try:
                    import libvoikko

                    self._voikko = libvoikko.Voikko("fi")
                except Exception as exc:  # library or dictionary missing
                    log.warning("Voikko not available for name scrubbing (%s)", type(exc).__name__)
            if self._voikko is None:
                return None
            return [
                (a.get("CLASS", ""), a.get("BASEFORM", word).lower())
                for a in self._voikko.analyze(word)
            ]


_READINGS = _NameReadings()
_STOP = FI_STOP | SV_STOP | frozenset(STOP_WORDS) | EXTRA_STOP | frozenset(COLLOQUIAL)


def _keep_word(word: str, sentence_start: bool, known: frozenset[str]) -> bool:
    if "-" in word:  # "Kela-kortti": every part must pass
        first, *rest = word.split("-")
        return _keep_word(first, sentence_start, known) and all(
            _keep_word(part, False, known) for part in rest if part
        )
    lower = word.lower()
    if lower in known or len(word) == 1:
        return True
    if any(ch.isdigit() for ch in word):
        return True  # "2v", "3-vuotias": longer digit runs are gone already
    readings = _READINGS.readings(word)
    if readings and any(base in base_vocabulary() for _, base in readings):
        # An inflected municipality or service word ("Turussa", "Kelasta"). Only these:
        # a name whose base form happens to be some catalogue word must still go.
        return True
    classes = {cls for cls, _ in readings or []}
    if classes & NAME_CLASSES:
        return False
    capitalised = word[:1].isupper()
    if not capitalised:
        # A dictionary word, or a likely misspelling of a catalogue word ("kirjsto"): the
        # insight editors need. Any other token (a nickname, a username, a street, a code)
        # could say who asked, so it goes.
        return bool(readings) or _known_elsewhere(lower, known)
    if not sentence_start:
        return False
    if lower in _STOP:
        return True
    # Voikko knows it as a common word ("Missä", "Tarvitsen"); unknown words could be names.
    return bool(classes)


def _known_elsewhere(word: str, known: frozenset[str]) -> bool:
    if word in _STOP:
        return True
    try:
        import simplemma

        # Swedish and English words (Voikko knows only Finnish). Not Finnish: simplemma's
        # Finnish data costs seconds and 400 MB, and Voikko covers it.
        if simplemma.is_known(word, lang="sv") or simplemma.is_known(word, lang="en"):
            return True
    except Exception:  # without simplemma the word is judged by the vocabulary alone
        pass
    if len(word) >= 5 and known:
        close = process.extractOne(word, known, scorer=fuzz.ratio, score_cutoff=CLOSE_SCORE)
        return close is not None
    return False


def scrub(text: str, known: Iterable[str] | None = None) -> str:
    """The question with everything that could identify someone replaced by "…"."""
    vocabulary = frozenset(known) if known is not None else base_vocabulary()
    text = text[: MAX_CHARS * 2]
    if text.isupper():
        text = text.lower()  # a message in capitals says nothing about names
    for pattern in (_EMAIL, _URL, _HANDLE, _HETU, _PHONE, _DATE, _DIGITS):
        text = pattern.sub(f" {GAP} ", text)

    def judge(match: re.Match[str]) -> str:
        start = _SENTENCE_END.search(text, 0, match.start()) is not None
        return match.group() if _keep_word(match.group(), start, vocabulary) else GAP

    text = _WORD.sub(judge, text)
    text = _GAPS.sub(f" {GAP}", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:MAX_CHARS]


def has_content(scrubbed: str) -> bool:
    """Something left to learn from (not only gaps and punctuation)."""
    return bool(_WORD.search(scrubbed))
