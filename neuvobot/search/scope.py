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
import re
from importlib import resources

import yaml

from neuvobot.catalogue.loader import Catalogue
from neuvobot.catalogue.municipalities import MUNICIPALITIES
from neuvobot.understanding.concepts import ConceptMatcher
from neuvobot.understanding.lexical import EN_STOP, FI_STOP, SV_STOP, TOKEN_PATTERN, fold
from neuvobot.understanding.words import analyse_words

# Function words are no service's name, whatever a keyword phrase holds.
_STOP = frozenset(fold(w) for w in FI_STOP | SV_STOP | EN_STOP)

# Topics that put a question in scope whatever else it mentions.
IN_SCOPE = frozenset({"child", "family", "violence", "health", "crisis"})


@functools.lru_cache(maxsize=1)
def _vocabulary() -> tuple[ConceptMatcher, frozenset[str]]:
    """One concept per domain; its words in every language, folded base forms.

    The file is language → domain → words, as an editor would write one language at a time.
    """
    source = resources.files("neuvobot.search").joinpath("out_of_scope.yaml")
    data = yaml.safe_load(source.read_text("utf-8")) if source.is_file() else {}
    words: dict[str, list[str]] = {}
    for domains in (data or {}).values():
        for domain, terms in (domains or {}).items():
            words.setdefault(str(domain), []).extend(fold(str(t)) for t in terms or ())
    # Alternatives are separated by spaces; a word is one alternative.
    matcher = ConceptMatcher({domain: " ".join(terms) for domain, terms in words.items()})
    return matcher, frozenset(t for terms in words.values() for t in terms)


def named_words(catalogue: Catalogue) -> frozenset[str]:
    """Distinctive words of the services' names (five letters or more, or a number such as
    112): a question naming a service ("terveyskeskus aukiolo", "voiko turvakotiin tulla
    koiran kanssa", "112 ilman sim-korttia") asks about it, whatever else it holds. Place
    names, the out-of-scope words and words in many names ("palvelut") do not count."""
    seen: dict[str, set[str]] = {}
    for service in catalogue.services:
        for lang in ("fi", "sv", "en"):
            for w in re.findall(TOKEN_PATTERN, (service.name.get(lang) or "").lower()):
                seen.setdefault(fold(w), set()).add(service.type)
    places = {fold(n.lower()) for m in MUNICIPALITIES.values() for n in (m.fi, m.sv) if n}
    named = {w for w, types in seen.items() if (len(w) >= 5 or w.isdigit()) and len(types) == 1}
    return frozenset(named - places - _vocabulary()[1] - _STOP)


def catalogue_words(catalogue: Catalogue) -> frozenset[str]:
    """The folded words of every service's name, summary and keywords, in every language,
    except the out-of-scope words themselves.

    A word the catalogue itself uses is not another domain's: a library's "lukukoira"
    (reading dog) is a dog to the analysis, but families asking for it mean the library.
    "Recept" in a health centre's keywords still leaves "recept på kanelbullar" a recipe."""
    texts: list[str] = []
    for service in catalogue.services:
        for lang in ("fi", "sv", "en"):
            texts += [service.name.get(lang) or "", service.summary.get(lang) or ""]
            texts += service.keywords.get(lang)
    words = {fold(w) for text in texts for w in re.findall(TOKEN_PATTERN, text.lower())}
    return frozenset(words - _vocabulary()[1])


def other_domains(text: str, own_words: frozenset[str] = frozenset()) -> set[str]:
    """The out-of-scope domains a question's words belong to; `own_words`: words the
    catalogue uses (see catalogue_words), which never count."""
    matcher = _vocabulary()[0]
    if matcher.empty:
        return set()  # no vocabulary shipped: nothing to read the question for
    words = [w for w in analyse_words(text) if not own_words.intersection(w.keys)]
    return set(matcher.find(words).spans)


def out_of_scope(
    text: str,
    topics: frozenset[str],
    own_words: frozenset[str] = frozenset(),
    named: frozenset[str] = frozenset(),
) -> bool:
    if topics & IN_SCOPE or not other_domains(text, own_words):
        return False
    return not any(named.intersection(w.keys) for w in analyse_words(text))
