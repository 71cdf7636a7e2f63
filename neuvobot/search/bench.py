"""`neuvobot bench search`: build and query a synthetic national-scale catalogue.

About 300 municipalities in 18 regions and 50,000 services, made from the shipped
catalogue's own Finnish/Swedish/English texts (so analysis cost is realistic), indexed in a
temporary directory and queried with questions drawn like real ones.
"""

from __future__ import annotations

import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

from neuvobot.catalogue.loader import Catalogue, load_catalogue
from neuvobot.catalogue.model import Service
from neuvobot.search.engine import SearchEngine

PROJECT_CATALOGUE = Path(__file__).resolve().parents[2] / "catalogue"
_SYLLABLES = [
    "ka",
    "la",
    "ma",
    "na",
    "pa",
    "ra",
    "sa",
    "ta",
    "va",
    "ko",
    "lo",
    "mo",
    "no",
    "po",
    "ro",
    "so",
    "to",
    "vo",
    "ki",
    "li",
    "mi",
    "ni",
    "pi",
    "ri",
    "si",
    "ti",
    "vi",
]
_PLACE_ENDINGS = ["järvi", "joki", "lahti", "koski", "mäki", "salo", "nummi", "niemi", "vesi"]


class SyntheticCatalogue(Catalogue):
    """A catalogue whose municipalities are made up, so `serves` is computed here."""

    regions: dict[str, list[str]]

    @cached_property
    def _serves(self) -> dict[str, frozenset[str]]:
        everyone = frozenset(m for ms in self.regions.values() for m in ms)
        result = {}
        for service in self.services:
            slugs: set[str] = set()
            for area in service.areas:
                if area == "national":
                    slugs |= everyone
                elif area.startswith("region:"):
                    slugs |= set(self.regions[area.removeprefix("region:")])
                else:
                    slugs.add(area)
            result[service.id] = frozenset(slugs)
        return result


def _place(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 2))).capitalize() + (
        rng.choice(_PLACE_ENDINGS)
    )


def synthetic_catalogue(
    municipalities: int = 300, services: int = 50_000, seed: int = 7
) -> SyntheticCatalogue:
    rng = random.Random(seed)
    base = load_catalogue(PROJECT_CATALOGUE)
    templates = [s for s in base.services if "national" not in s.areas]
    national = [s for s in base.services if "national" in s.areas]
    slugs = [f"kunta-{i:03d}" for i in range(municipalities)]
    regions = {f"alue-{r:02d}": slugs[r::18] for r in range(18)}
    made: list[Service] = list(national)
    region_templates = [s for s in templates if any(a.startswith("region:") for a in s.areas)]
    for region in regions:
        for template in region_templates:
            made.append(
                template.model_copy(
                    update={
                        "id": f"{region}-{template.id}",
                        "areas": [f"region:{region}"],
                    }
                )
            )
    local_templates = [s for s in templates if s not in region_templates] + region_templates
    number = 0
    while len(made) < services:
        slug = slugs[number % len(slugs)]
        template = rng.choice(local_templates)
        place = _place(rng)
        name = template.name.model_copy(
            update={lang: f"{text} – {place}" for lang, text in template.name.items()}
        )
        made.append(
            template.model_copy(
                update={
                    "id": f"{slug}-{number}",
                    "areas": [slug],
                    "name": name,
                }
            )
        )
        number += 1
    catalogue = SyntheticCatalogue(Path("synthetic"), made, base.types, base.synonyms)
    catalogue.regions = regions
    return catalogue


def synthetic_queries(catalogue: SyntheticCatalogue, count: int, seed: int = 11) -> list[tuple]:
    """(question, municipality) pairs: everyday keywords in families' word order, with filler."""
    rng = random.Random(seed)
    fillers = {
        "fi": ["mun", "meidän", "lapsi", "tarvis", "apua", "missä", "onko", "voiko", "kuka"],
        "sv": ["vår", "barnet", "behöver", "hjälp", "var", "finns", "kan", "man"],
        "en": ["my", "our", "child", "need", "help", "where", "can", "we", "get"],
    }
    municipalities = sorted({m for ms in catalogue.regions.values() for m in ms})
    services = [s for s in catalogue.services if s.keywords.fi]
    queries = []
    for _ in range(count):
        service = rng.choice(services)
        lang = rng.choices(["fi", "sv", "en"], weights=[70, 15, 15])[0]
        words = service.keywords.get(lang) or service.keywords.fi
        picked = rng.sample(words, k=min(len(words), rng.randint(1, 3)))
        picked += rng.sample(fillers[lang], k=rng.randint(1, 4))
        rng.shuffle(picked)
        queries.append((" ".join(picked), rng.choice(municipalities)))
    return queries


def run_search_bench(
    municipalities: int = 300,
    services: int = 50_000,
    queries: int = 2_000,
    progress: Callable[[str], Any] | None = None,
) -> dict[str, Any]:
    say = progress or (lambda _msg: None)
    say(f"generating {services} services in {municipalities} municipalities…")
    catalogue = synthetic_catalogue(municipalities, services)
    with tempfile.TemporaryDirectory(prefix="neuvobot-bench-") as tmp:
        say("building the index…")
        started = time.perf_counter()
        engine = SearchEngine.build(catalogue, Path(tmp) / "index")
        build_s = time.perf_counter() - started
        asked = synthetic_queries(catalogue, queries)
        say(f"running {len(asked)} queries…")
        for text, municipality in asked[:50]:  # warm-up: first-use caches, not steady state
            engine.search(text + " lämmittely", municipality)
        timings = []
        for text, municipality in asked:
            engine._cache.clear()  # measure search, not the result cache
            began = time.perf_counter()
            engine.search(text, municipality)
            timings.append((time.perf_counter() - began) * 1000)
    cuts = statistics.quantiles(timings, n=100)
    return {
        "services": len(catalogue.services),
        "municipalities": municipalities,
        "queries": len(timings),
        "build_s": round(build_s, 2),
        "p50_ms": round(cuts[49], 3),
        "p95_ms": round(cuts[94], 3),
        "p99_ms": round(cuts[98], 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        # The index worker forked for big catalogues (segments.py), 0 when there was none.
        "worker_peak_rss_mb": round(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1
        ),
    }
