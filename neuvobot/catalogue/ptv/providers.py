"""What kind of organisation provides a PTV service, from its name and the municipality list.

The catalogue's provider `kind` (municipality, wellbeing county, parish, state agency, NGO)
is not in PTV's service data; the organisation's name says it in fi, sv or en.
"""

from __future__ import annotations

from neuvobot.catalogue.model import slugify
from neuvobot.catalogue.municipalities import MUNICIPALITIES

_PROVIDER_WORDS = (
    ("wellbeing_county", ("hyvinvointialue", "välfärdsområde", "wellbeing services county")),
    ("parish", ("seurakun", "församling", "parish")),
    ("municipality", ("kaupunki", "kunta", " stad", "kommun", "city of", "municipality of")),
    (
        "state_agency",
        (
            "kela",
            "kansaneläkelaitos",
            " fpa",
            "virasto",
            "ministeriö",
            "verket",
            "agency",
            "poliisi",
            "polisen",
        ),
    ),
    (
        "ngo",
        (
            " ry",
            " r.y.",
            " rf",
            "yhdistys",
            "liitto",
            "säätiö",
            "förening",
            "förbund",
            "stiftelse",
            "association",
            "foundation",
        ),
    ),
)


def provider_kind(name: str) -> str:
    text = f" {name.lower()} "
    if slugify(name) in MUNICIPALITIES:
        return "municipality"
    for kind, words in _PROVIDER_WORDS:
        if any(w in text for w in words):
            return kind
    return "other"
