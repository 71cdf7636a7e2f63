"""`neuvobot bench bot`: simulated families against the real bot process and the floor.

N families, each sending M messages one after another (the next when the reply came),
C families at a time, through the bench's fake Bot API to `neuvobot run` (a temporary
database, the given catalogue) and then, the same load, to a minimal aiogram echo bot:
the floor nothing on this stack can beat. Both are measured in the same run, on the same
machine, so their ratio means something even on a busy machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from neuvobot.bench.fakeapi import TOKEN, BenchBotAPI

MUNICIPALITIES = ["turku", "jyväskylä", "salo", "kaarina", "jämsä", "raisio", "äänekoski"]
# Everyday questions that each get one answer (no danger words, no asking for a nurse).
QUESTIONS = [
    "neuvolan aika pitäisi siirtää",
    "mun 2v ei puhu vielä",
    "vauva ei nuku yöllä",
    "perheneuvolaan jonoa?",
    "päivähoitopaikka syksyksi",
    "var får jag hjälp med amning",
    "where can my child get speech therapy",
    "eroon liittyvä apu lapsiperheelle",
    "kerhoja alle kouluikäisille",
    "lapsen hampaat reikiintyy",
]
SCENARIO_TIMEOUT_S = 600.0


def family_messages(family: int, count: int) -> list[str]:
    """What one family sends: /start, their municipality, then questions."""
    script = ["/start", MUNICIPALITIES[family % len(MUNICIPALITIES)]]
    script += [QUESTIONS[(family + i) % len(QUESTIONS)] for i in range(max(0, count - 2))]
    return script[:count]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def peak_rss_mb(pid: int) -> float | None:
    """The process's peak resident memory (VmHWM), Linux only."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return None


async def run_load(
    api: BenchBotAPI, families: int, messages: int, concurrency: int, first_chat: int
) -> dict[str, Any]:
    """Closed loop: each family waits for the reply before its next message."""
    api.exchanges.clear()
    extra_before = api.extra_replies
    slots = asyncio.Semaphore(concurrency)

    async def family(number: int) -> None:
        async with slots:
            for text in family_messages(number, messages):
                exchange = await api.say(first_chat + number, text)
                if exchange.replied is None:
                    return  # no reply in time: counted as lost, the family gives up

    started = time.perf_counter()
    await asyncio.wait_for(
        asyncio.gather(*(family(n) for n in range(families))), SCENARIO_TIMEOUT_S
    )
    wall = time.perf_counter() - started
    latencies = [(e.replied - e.pushed) * 1000 for e in api.exchanges if e.replied is not None]
    return {
        "concurrency": concurrency,
        "messages": len(api.exchanges),
        "replied": len(latencies),
        "lost": len(api.exchanges) - len(latencies),
        "extra_replies": api.extra_replies - extra_before,
        "wall_s": round(wall, 3),
        "messages_per_s": round(len(latencies) / wall, 1) if wall > 0 else 0.0,
        "p50_ms": round(percentile(latencies, 50), 2),
        "p95_ms": round(percentile(latencies, 95), 2),
        "p99_ms": round(percentile(latencies, 99), 2),
        "max_ms": round(max(latencies), 2) if latencies else None,
        "mean_ms": round(statistics.fmean(latencies), 2) if latencies else None,
    }


class BotProcess:
    """A bot started as a subprocess against the fake API; its output goes to a file."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], cwd: Path) -> None:
        self.name = name
        self.argv = argv
        self.env = env
        self.cwd = cwd
        self.log = cwd / f"{name}.log"
        self.process: asyncio.subprocess.Process | None = None

    async def start(self, api: BenchBotAPI, timeout: float = 180.0) -> None:
        api.reset()
        with self.log.open("wb") as out:
            self.process = await asyncio.create_subprocess_exec(
                *self.argv, cwd=self.cwd, env=self.env, stdout=out, stderr=out
            )
        deadline = time.monotonic() + timeout
        while api.polls == 0:  # polling started: start-up (catalogue, index, DB) is done
            if self.process.returncode is not None or time.monotonic() > deadline:
                tail = self.log.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"{self.name} did not start:\n{tail}")
            await asyncio.sleep(0.05)

    def cpu_s(self) -> float:
        """CPU time the process has used (all threads): on a shared machine a steadier
        figure than wall-clock throughput."""
        if self.process is None:
            return 0.0
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return 0.0

    async def stop(self) -> float | None:
        if self.process is None:
            return None
        peak = peak_rss_mb(self.process.pid)
        if self.process.returncode is None:
            self.process.terminate()
            try:
                await asyncio.wait_for(self.process.wait(), 30)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        return peak


def _bot_env(api_base: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEUVOBOT_")}
    env |= {"NEUVOBOT_TELEGRAM_API": api_base, "NEUVOBOT_TELEGRAM_TOKEN": TOKEN}
    env["PYTHONUNBUFFERED"] = "1"
    return env


def neuvobot_process(
    workdir: Path, catalogue: Path, api_base: str, profile: Path | None = None
) -> BotProcess:
    config = {
        "catalogue_dir": str(catalogue.resolve()),
        "database": str(workdir / "bench.sqlite3"),
        "search": {"index_dir": str(workdir / "index")},
        # As deployed: with a nurse queue, every question first checks for an open case.
        "nurse_teams": [
            {
                "id": "bench",
                "serves": ["region:varsinais-suomi", "region:keski-suomi"],
                "staff_chat_id": -100,
                "hours": "always",
                "nurses": [{"telegram_id": 1, "display_name": "Hoitaja"}],
            }
        ],
    }
    path = workdir / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    # With a profile file the bot runs under cProfile (written when it stops on SIGTERM).
    profiler = ["-m", "cProfile", "-o", str(profile.resolve())] if profile else []
    argv = [sys.executable, *profiler, "-m", "neuvobot", "run", "--config", str(path)]
    return BotProcess("neuvobot", argv, _bot_env(api_base), workdir)


def floor_process(workdir: Path, api_base: str) -> BotProcess:
    argv = [sys.executable, "-m", "neuvobot.bench.echo_bot"]
    return BotProcess("floor", argv, _bot_env(api_base), workdir)


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {"cpus": os.cpu_count(), "python": platform.python_version()}
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["memory_gib"] = round(int(line.split()[1]) / 1024**2, 1)
    with contextlib.suppress(OSError):
        info["load_avg_1m"] = round(os.getloadavg()[0], 2)
    return info


def _say(progress: Callable[[str], None] | None, name: str, result: dict[str, Any]) -> None:
    if progress:
        progress(
            f"{name:>8} c={result['concurrency']:<4} {result['messages_per_s']:8.1f} msg/s"
            f"  p50 {result['p50_ms']:.1f} p95 {result['p95_ms']:.1f}"
            f" p99 {result['p99_ms']:.1f} ms  cpu {result['cpu_ms_per_message']} ms/msg"
            f"  lost {result['lost']}"
        )


def _median_round(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """Of repeated rounds, the one with the median throughput (all its figures together)."""
    ordered = sorted(rounds, key=lambda r: r["messages_per_s"])
    chosen = dict(ordered[(len(ordered) - 1) // 2])
    chosen["rounds"] = len(rounds)
    return chosen


async def bench_bot(
    families: int = 200,
    messages: int = 5,
    concurrencies: list[int] | None = None,
    catalogue: Path = Path("catalogue"),
    progress: Callable[[str], None] | None = None,
    profile: Path | None = None,
    rounds: int = 1,
) -> dict[str, Any]:
    """Both bots run side by side, each on its own fake API, and take turns with the same
    load: on a shared machine, a change in background load then hits both alike."""
    concurrencies = concurrencies or [1, 100]
    apis = {"neuvobot": BenchBotAPI(), "floor": BenchBotAPI()}
    bases = {name: await api.start() for name, api in apis.items()}
    figures: dict[str, dict[int, list[dict[str, Any]]]] = {name: {} for name in apis}
    peaks: dict[str, float | None] = {}
    with tempfile.TemporaryDirectory(prefix="neuvobot-bench-") as tmp:
        workdir = Path(tmp)
        bots = {
            "neuvobot": neuvobot_process(workdir, catalogue, bases["neuvobot"], profile),
            "floor": floor_process(workdir, bases["floor"]),
        }
        try:
            for name, bot in bots.items():
                await bot.start(apis[name])
                # Warm-up, not measured: the first searches load analysers, fill caches.
                await run_load(apis[name], 4, min(5, max(messages, 3)), 4, first_chat=9_000_000)
            for number, concurrency in enumerate(concurrencies):
                for turn in range(rounds):
                    first = 10_000_000 * (number * rounds + turn + 1)  # fresh families
                    for name, bot in bots.items():
                        cpu = bot.cpu_s()
                        result = await run_load(apis[name], families, messages, concurrency, first)
                        used = bot.cpu_s() - cpu
                        result["cpu_ms_per_message"] = (
                            round(used / result["replied"] * 1000, 3) if result["replied"] else None
                        )
                        figures[name].setdefault(concurrency, []).append(result)
                        _say(progress, name, result)
        finally:
            for name, bot in bots.items():
                peaks[name] = await bot.stop()
            for api in apis.values():
                await api.stop()
    runs = []
    for concurrency in concurrencies:
        bot = _median_round(figures["neuvobot"][concurrency])
        floor = _median_round(figures["floor"][concurrency])
        for name, result in (("neuvobot", bot), ("floor", floor)):
            peak = peaks.get(name)
            result["peak_rss_mb"] = round(peak, 1) if peak else None
        runs.append(
            {
                "concurrency": concurrency,
                "bot": bot,
                "floor": floor,
                "ratios": {
                    "messages_per_s": _ratio(bot["messages_per_s"], floor["messages_per_s"]),
                    "p95": _ratio(bot["p95_ms"], floor["p95_ms"]),
                    "p99": _ratio(bot["p99_ms"], floor["p99_ms"]),
                    "cpu_per_message": _ratio(
                        bot["cpu_ms_per_message"] or 0, floor["cpu_ms_per_message"] or 0
                    ),
                },
            }
        )
    return {
        "families": families,
        "messages_per_family": messages,
        "rounds": rounds,
        "machine": machine(),
        "runs": runs,
        "goals": goals(runs),
    }


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None


def goals(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Issue 7's goals, each against the floor measured in the same run."""
    by_c = {run["concurrency"]: run for run in runs}
    out: dict[str, Any] = {}
    busiest = by_c[max(by_c)]
    out["throughput_at_least_half_floor"] = (busiest["ratios"]["messages_per_s"] or 0) >= 0.5
    if 1 in by_c:
        out["one_family_p95_under_50ms"] = by_c[1]["bot"]["p95_ms"] < 50
    if 100 in by_c:
        out["c100_p95_at_most_2x_floor"] = (by_c[100]["ratios"]["p95"] or 99) <= 2.0
    return out


def table(result: dict[str, Any]) -> str:
    head = (
        f"{'concurrency':>11} {'bot':>8} {'msg/s':>8} {'p50 ms':>8} {'p95 ms':>8}"
        f" {'p99 ms':>8} {'cpu ms':>7} {'lost':>5} {'peak MB':>8}"
    )
    lines = [head, "-" * len(head)]
    for run in result["runs"]:
        for name in ("bot", "floor"):
            r = run[name]
            label = "neuvobot" if name == "bot" else "floor"
            lines.append(
                f"{run['concurrency']:>11} {label:>8} {r['messages_per_s']:>8.1f}"
                f" {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} {r['p99_ms']:>8.1f}"
                f" {r['cpu_ms_per_message'] or 0:>7.2f} {r['lost']:>5}"
                f" {r['peak_rss_mb'] or 0:>8.0f}"
            )
        ratios = run["ratios"]
        lines.append(
            f"{'':>11} {'ratio':>8} {ratios['messages_per_s'] or 0:>8.2f} {'':>8}"
            f" {ratios['p95'] or 0:>8.2f} {ratios['p99'] or 0:>8.2f}"
            f" {ratios['cpu_per_message'] or 0:>7.2f}"
        )
    lines.append(
        "goals: " + ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in result["goals"].items())
    )
    return "\n".join(lines)
