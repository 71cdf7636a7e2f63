"""`neuvobot bench danger`: long messages really are long, and new words really are new
(not timed: the goal is read from the bench's output, not asserted here)."""

import json
import random

from neuvobot.bench.danger import _texts, make_message
from neuvobot.cli import main


def test_bench_messages_are_as_long_as_asked_and_hold_never_seen_words():
    texts = _texts()
    rng = random.Random(1)
    message = make_message(rng, texts, 4000, 0.1)
    assert 3900 <= len(message) <= 4000
    known = {w for t in texts for w in t.split()}
    words = message.split()
    new = [w for w in words[:-1] if w not in known]
    assert 0.05 < len(new) / len(words) < 0.2
    assert make_message(rng, texts, 4000, 0.0, soup=True) != message


def test_bench_danger_json_reports_percentiles(capsys):
    assert main(["bench", "danger", "--messages", "5", "--chars", "500", "--json"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["chars"] == 500 and result["kind"] == "sentences"
    assert 0 < result["p50_ms"] <= result["p99_ms"]
