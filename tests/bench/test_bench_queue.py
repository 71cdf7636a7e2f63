"""`neuvobot bench queue`: a tiny run over the real queue and database (not timed)."""

from __future__ import annotations

import json

from neuvobot.bench.queue import bench_queue
from neuvobot.cli import main


async def test_every_case_is_created_taken_once_talked_and_closed():
    result = await bench_queue(cases=12, nurses=3, messages=2)
    create, work = result["create"], result["work"]
    assert create["create"]["count"] == 12 and create["waiting_after"] == 12
    assert work["closed"] == 12
    # Of the nurses pressing Take, exactly one wins each case; the others are refused.
    assert work["take"]["count"] - work["take"]["refused"] == 12
    assert work["nurse_to_family"]["count"] == work["family_to_nurse"]["count"] == 24
    for figures in (create["create"], work["take"], work["close"]):
        assert figures["p50_ms"] <= figures["p95_ms"] <= figures["p99_ms"]


def test_bench_queue_json_is_one_line(capsys):
    assert (
        main(["bench", "queue", "--cases", "4", "--nurses", "2", "--messages", "1", "--json"]) == 0
    )
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["work"]["closed"] == 4 and result["machine"]["cpus"] >= 1
