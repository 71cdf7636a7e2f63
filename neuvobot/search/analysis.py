"""Text analysis for Finnish, Swedish and English, used the same way at index and query time.

Finnish is inflected and compounding: `neuvolasta` must meet `neuvola`, `neuvola` must meet
`lastenneuvola`, and families type without ä/ö. The chain: tokenise, lowercase, map common
colloquial forms, drop stop words, take Voikko base forms of the readings with the fewest
compound parts, add compound parts, and only then fold ä/ö/å. Without Voikko the chain falls
back to Snowball stems plus folding (with a warning), so the bot still runs anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from whoosh.analysis import (
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemmingAnalyzer,
    Token,
)
from whoosh.analysis.filters import STOP_WORDS

from neuvobot.understanding.finnish import FinnishMorphology, finnish_morphology
from neuvobot.understanding.lexical import (
    COLLOQUIAL,
    EN_AGE_WORDS,
    EN_CONTACT_VERBS,
    EN_STOP,
    FI_STOP,
    SV_STOP,
    TOKEN_PATTERN,
    fold,
    normalise,
)
from neuvobot.understanding.swedish import swedish_terms, swedish_vocabulary

ANALYSIS_VERSION = "7"  # bump when analysis changes, so cached indexes are rebuilt


class FinnishFilter(Filter):
    per_token = True  # a word's terms do not depend on its neighbours (see segments.py)

    def __init__(self, use_voikko: bool | None = None) -> None:
        self.use_voikko = use_voikko

    @property
    def morph(self) -> FinnishMorphology:
        return finnish_morphology(self.use_voikko)

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        morph = self.morph
        for token in tokens:
            # Spelling suggestions cost Voikko a millisecond a word and only help questions.
            for term in morph.terms(token.text, suggest=token.mode not in AS_WRITTEN_MODES):
                token.text = term
                yield token

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FinnishFilter) and other.use_voikko == self.use_voikko

    __hash__ = object.__hash__


# ---------------------------------------------------------------------------- Swedish
class SwedishFilter(Filter):
    """Snowball stems, with compounds split against the catalogue's own vocabulary.

    `daghemsplats` → `daghem` + `plats`, `barnskyddsanmälan` → `barnskydd` + `anmälan`:
    a split is accepted when both halves (with or without the linking s) are words the
    catalogue uses, so splitting cannot invent meanings the catalogue does not have.
    """

    per_token = True

    def __init__(self, vocabulary: frozenset[str] = frozenset()) -> None:
        self.vocabulary = vocabulary

    def compound_parts(self, word: str) -> frozenset[str]:
        """The terms of `word` that come only from splitting a compound (weaker evidence)."""
        self.terms(word)
        return self._parts.get(word, frozenset())

    def terms(self, word: str) -> tuple[str, ...]:
        return swedish_terms(word, self.vocabulary)

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        for token in tokens:
            for term in self.terms(token.text):
                token.text = term
                yield token

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SwedishFilter) and other.vocabulary == self.vocabulary

    __hash__ = object.__hash__


# ---------------------------------------------------------------------------- analysers
class FoldFilter(Filter):
    per_token = True

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = fold(token.text)
            yield token


def finnish_analyzer(use_voikko: bool | None = None):
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | FinnishFilter(use_voikko)


def swedish_analyzer(vocabulary: frozenset[str] = frozenset()):
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | SwedishFilter(vocabulary)


def english_analyzer():
    stoplist = STOP_WORDS | EN_STOP | EN_CONTACT_VERBS | EN_AGE_WORDS
    return StemmingAnalyzer(expression=TOKEN_PATTERN, stoplist=stoplist) | FoldFilter()


def plain_analyzer():
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | FoldFilter()


# Whoosh's token mode for text analysed as written, without Finnish spelling suggestions:
# Whoosh itself uses "index" when indexing.
AS_WRITTEN_MODES = frozenset({"index", "as-written"})


def analyze(analyzer, text: str, *, suggest: bool = True) -> list[str]:
    """`suggest=False`: no spelling help for unknown Finnish words (about 1 ms each)."""
    mode = "" if suggest else "as-written"
    return [t.text for t in analyzer(normalise(text), mode=mode)]


__all__ = [
    "ANALYSIS_VERSION",
    "COLLOQUIAL",
    "FI_STOP",
    "SV_STOP",
    "TOKEN_PATTERN",
    "FinnishMorphology",
    "analyze",
    "english_analyzer",
    "finnish_analyzer",
    "finnish_morphology",
    "fold",
    "normalise",
    "plain_analyzer",
    "swedish_analyzer",
    "swedish_vocabulary",
]
