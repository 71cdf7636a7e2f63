"""`neuvobot bench danger`: what the danger check adds per message, at 4,000 characters.

A long message is made of whole messages from the labelled sets (danger now, near misses,
families' service questions) in a new order, as a family's long account strings sentences
together; `--soup` shuffles their words instead, a stress case far denser in danger words
than anything a family writes. A share of the words is replaced by never-seen ones so
the word cache cannot hide the cost of Voikko on new words. The bench first warms the
caches with every labelled message once, as a running bot has met everyday words before.
"""

from __future__ import annotations

import random
import re
import statistics
import time
from pathlib import Path

import yaml

from neuvobot.understanding.danger import detect_danger
from neuvobot.understanding.danger.evaluate import load_sets

TESTS = Path(__file__).resolve().parents[2] / "tests" / "eval"
_LETTERS = "abdehijklmnoprstuvyäö"


def _texts() -> list[str]:
    texts: list[str] = []
    if (TESTS / "danger").exists():
        texts += [m["text"] for m in load_sets([str(TESTS / "danger")])]
    for file in sorted((TESTS / "search").glob("*.yaml")) if (TESTS / "search").exists() else []:
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        texts += [q["q"] for q in data.get("questions", [])]
    return texts or ["Lapsi 2 v heräilee öisin, mistä saisi apua?", "Var finns familjerådgivning?"]


def _new_word(rng: random.Random) -> str:
    return "".join(rng.choice(_LETTERS) for _ in range(rng.randint(4, 12)))


def make_message(
    rng: random.Random, texts: list[str], chars: int, new_share: float, soup: bool = False
) -> str:
    if soup:
        pieces = [w for t in rng.sample(texts, min(len(texts), 200)) for w in re.findall(r"\w+", t)]
        rng.shuffle(pieces)
    else:
        pieces = list(rng.sample(texts, min(len(texts), 200)))
    out: list[str] = []
    length = 0
    for piece in pieces:
        words = [_new_word(rng) if rng.random() < new_share else w for w in piece.split()]
        out.append(" ".join(words))
        length += len(out[-1]) + 1
        if length >= chars:
            break
    return " ".join(out)[:chars]


def run_danger_bench(
    messages: int = 300,
    chars: int = 4000,
    new_share: float = 0.1,
    soup: bool = False,
) -> dict:
    rng = random.Random(12)
    texts = _texts()
    for text in texts:  # a running bot has met everyday words before; new ones stay new
        detect_danger(text)
    timings = []
    for _ in range(messages):
        text = make_message(rng, texts, chars, new_share, soup)
        start = time.perf_counter()
        detect_danger(text)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()

    def pct(p: float) -> float:
        return round(timings[min(len(timings) - 1, int(p * len(timings)))], 3)

    return {
        "messages": messages,
        "chars": chars,
        "new_word_share": new_share,
        "kind": "word soup" if soup else "sentences",
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "mean_ms": round(statistics.fmean(timings), 3),
    }
