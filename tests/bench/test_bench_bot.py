"""`neuvobot bench bot --json`: a tiny run of the real bot and the echo floor (not timed)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import SHIPPED_CATALOGUE

ARGS = ["--json", "--families", "3", "--messages", "2", "--catalogue", str(SHIPPED_CATALOGUE)]
FIGURES = {"messages_per_s", "p50_ms", "p95_ms", "p99_ms", "peak_rss_mb", "lost", "replied"}
FIGURES |= {"cpu_ms_per_message", "rounds"}


def test_bench_bot_json_has_both_bots_ratios_and_goals(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "neuvobot", "bench", "bot", *ARGS],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert [run["concurrency"] for run in result["runs"]] == [1, 100]
    for run in result["runs"]:
        for name in ("bot", "floor"):
            figures = run[name]
            assert set(figures) >= FIGURES
            # Every message of every family got its answer from the real process.
            assert figures["messages"] == figures["replied"] == 6 and figures["lost"] == 0
            assert figures["peak_rss_mb"] > 10
        assert set(run["ratios"]) == {"messages_per_s", "p95", "p99", "cpu_per_message"}
    bot, floor = result["runs"][0]["bot"], result["runs"][0]["floor"]
    assert bot["peak_rss_mb"] > floor["peak_rss_mb"]  # the real bot, not the echo, was run
    assert set(result["goals"]) == {
        "throughput_at_least_half_floor",
        "one_family_p95_under_50ms",
        "c100_p95_at_most_2x_floor",
    }
    assert result["machine"]["cpus"] >= 1


def test_bench_bot_refuses_a_missing_catalogue(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "neuvobot", "bench", "bot", "--catalogue", str(tmp_path / "no")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "not a catalogue directory" in done.stderr and "Traceback" not in done.stderr
