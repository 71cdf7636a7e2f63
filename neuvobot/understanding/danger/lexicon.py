"""Danger concepts as word keys in fi, sv and en (folded: ä→a, ö→o, å→a).

The concepts live in `concepts.yaml` beside this module (data, not code). A term is
matched against a word's keys (`understanding.words`): its folded surface, Voikko's base
forms and compound parts of every reading (a modifier part only for concepts not in
`HEAD_ONLY`), and the Swedish and English stems.
- `word`      a key equals it: Finnish base forms catch every inflection (`veitsellä` → veitsi)
- `word*`     a key starts with it: stems for words Voikko cannot read (typed without ä/ö)
- `*word*`    a key contains it: a substance or object inside a compound
              (verenpainelääke, spolarvätska, tuulilasinpesuneste)
- `a+b*`      consecutive words (phrases that only mean danger together)

The concepts are the building blocks the categories (`categories.py`) combine; a word
alone is rarely an alarm. Signs and categories follow public first-aid and poison
guidance: Terveyskirjasto/Duodecim first-aid articles, SPR's first-aid instructions,
HUS Myrkytystietokeskus ("Nielty myrkyllinen aine", hus.fi) and Päivystyshelppi
(paivystyshelppi.terveyskyla.fi, "Myrkytys": 112 when there are life-threatening
symptoms, otherwise the Poison Information Centre).
"""

from __future__ import annotations

from importlib import resources

import yaml


def load_concepts() -> dict[str, str]:
    """concept name → its terms, from `concepts.yaml` beside this module."""
    text = resources.files("neuvobot.understanding.danger").joinpath("concepts.yaml")
    data = yaml.safe_load(text.read_text("utf-8"))
    return {str(name): str(terms) for name, terms in data.items()}


CONCEPTS: dict[str, str] = load_concepts()

# Markers that set a finding aside (`modality.py`) count only when the word itself, or the
# head of its compound, is one: the `kirja` (book) of `kirjahylly` (bookshelf) tells no
# story, the `peli` (game) of `lautapeli` does. Other concepts also count in a modifier
# part: `sähkölinja` is about electricity, `verenohennus` about blood.
HEAD_ONLY = frozenset(
    {
        "now",
        "past",
        "habitual",
        "hypothetical",
        "fiction",
        "prevention",
        "figurative",
        "info_request",
        "dosage",
        "joking",
        "breath_holding",
        "denial",
        "found_again",
        "mild",
        "resolved",
        "cooling",
        "future",
        "almost",
        "found_object",
        "reported",
        "workload",
        "night",
        "closed",
    }
)
