"""`neuvobot bench danger`: what the danger check adds per message, at 4,000 characters.

Messages are made from the words of the labelled sets shuffled into new orders (as
families reuse everyday words), with a share of never-seen words mixed in so the word
cache cannot hide the cost of Voikko on new words. The first message warms the caches
of the process, as the running bot's first message does.
"""

from __future__ import annotations

import random
import re
import statistics
import time
from pathlib import Path

from neuvobot.understanding.danger import detect_danger
from neuvobot.understanding.danger.evaluate import load_sets

SETS = Path(__file__).resolve().parents[2] / "tests" / "eval" / "danger"


def _vocabulary() -> list[str]:
    words: list[str] = []
    if SETS.exists():
        for message in load_sets([str(SETS)]):
            words += re.findall(r"\w+", message["text"])
    return words or [
        "lapsi",
        "vauva",
        "neuvola",
        "päiväkoti",
        "kuume",
        "uni",
        "barnet",
        "sleep",
        "daycare",
    ]


def make_message(rng: random.Random, vocabulary: list[str], chars: int, new_share: float) -> str:
    parts: list[str] = []
    length = 0
    while length < chars:
        if rng.random() < new_share:
            word = "".join(rng.choice("abdehijklmnoprstuvyäö") for _ in range(rng.randint(4, 12)))
        else:
            word = rng.choice(vocabulary)
        parts.append(word)
        length += len(word) + 1
        if rng.random() < 0.08:
            parts[-1] += "."
    return " ".join(parts)[:chars]


def run_danger_bench(messages: int = 300, chars: int = 4000, new_share: float = 0.1) -> dict:
    rng = random.Random(12)
    vocabulary = _vocabulary()
    detect_danger(make_message(rng, vocabulary, chars, new_share))  # warm-up
    timings = []
    for _ in range(messages):
        text = make_message(rng, vocabulary, chars, new_share)
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
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "mean_ms": round(statistics.fmean(timings), 3),
    }
