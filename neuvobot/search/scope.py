"""Questions outside family services: "no matching service" and the nurse offer.

A pizzeria open at night, tomorrow's weather or a dog's vaccination match some service's
words ("open", "vaccination"), and a list of unrelated cards tells a family the bot did
not understand. A question is out of scope when it holds a word of another domain
(out_of_scope.yaml beside this module: pets, weather, transport, shops, home repair,
housing market, adults' paperwork, adults' leisure, technology) and nothing of a child,
a parent or a family, and no danger, violence or crisis (understanding.danger.topics).
"""

from __future__ import annotations

import functools
from importlib import resources

import yaml

from neuvobot.understanding.concepts import ConceptMatcher
from neuvobot.understanding.lexical import fold
from neuvobot.understanding.words import analyse_words

# Topics that put a question in scope whatever else it mentions.
IN_SCOPE = frozenset({"child", "family", "violence", "health", "crisis"})


@functools.lru_cache(maxsize=1)
def _matcher() -> ConceptMatcher:
    """One concept per domain; its words in every language, folded base forms."""
    source = resources.files("neuvobot.search").joinpath("out_of_scope.yaml")
    data = yaml.safe_load(source.read_text("utf-8")) if source.is_file() else {}
    concepts = {}
    for domain, languages in data.items():
        words = " ".join(str(v) for v in (languages or {}).values())
        concepts[str(domain)] = " ".join(fold(w) for w in words.split())
    return ConceptMatcher(concepts)


def other_domains(text: str) -> set[str]:
    """The out-of-scope domains a question's words belong to."""
    matcher = _matcher()
    if matcher.empty:
        return set()  # no vocabulary shipped: nothing to read the question for
    return set(matcher.find(analyse_words(text)).spans)


def out_of_scope(text: str, topics: frozenset[str]) -> bool:
    return not (topics & IN_SCOPE) and bool(other_domains(text))
