"""`neuvobot bench queue`: the nurse queue under concurrent families and nurses.

In process, over the real NurseQueue, CaseStore and SqliteStorage in a temporary
directory, with the Telegram notifier writing staff cards and relays to the outbox as it
does in the bot (nothing is sent: the cost measured is the queue's and the database's).
Each operation is one transaction, as each update is in the bot.
Phase 1: every family asks for a nurse at once (case creation). Phase 2: the nurses work
the queue concurrently: take the oldest waiting case, exchange messages each way (the
family's through the conversation core, as in the bot), close, take the next.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from neuvobot.bench.bot import machine, percentile
from neuvobot.channels.telegram.delivery import Outbox
from neuvobot.channels.telegram.nurse import TelegramNurseNotifier
from neuvobot.conversation.core import Conversation, Incoming, InKind
from neuvobot.escalation.queue import NurseQueue
from neuvobot.escalation.teams import Teams
from neuvobot.storage.base import UserState
from neuvobot.storage.sqlite import SqliteStorage

FAMILY_BASE = 700_000_000
NURSE_BASE = 9_000


class Timings:
    """Each operation runs in one storage unit (one transaction), as the bot handles each
    Telegram update; the time includes waiting for other units."""

    def __init__(self, storage: SqliteStorage) -> None:
        self.storage = storage
        self.ms: dict[str, list[float]] = defaultdict(list)
        self.refused: dict[str, int] = defaultdict(int)

    async def time(self, op: str, work) -> Any:
        started = time.perf_counter()
        async with self.storage.unit():
            result = await work
        self.ms[op].append((time.perf_counter() - started) * 1000)
        return result

    def summary(self, wall_s: float) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for op, values in self.ms.items():
            out[op] = {
                "count": len(values),
                "refused": self.refused.get(op, 0),
                "ops_per_s": round(len(values) / wall_s, 1) if wall_s else 0.0,
                "p50_ms": round(percentile(values, 50), 2),
                "p95_ms": round(percentile(values, 95), 2),
                "p99_ms": round(percentile(values, 99), 2),
            }
        return out


async def bench_queue(cases: int = 500, nurses: int = 10, messages: int = 4) -> dict[str, Any]:
    teams = Teams.from_config(
        [
            {
                "id": "bench",
                "serves": ["region:varsinais-suomi", "region:keski-suomi"],
                "staff_chat_id": -100,
                "hours": "always",
                "nurses": [
                    {"telegram_id": NURSE_BASE + n, "display_name": f"Hoitaja {n}"}
                    for n in range(nurses)
                ],
            }
        ]
    )
    with tempfile.TemporaryDirectory(prefix="neuvobot-bench-queue-") as tmp:
        storage = SqliteStorage(Path(tmp) / "queue.sqlite3")
        await storage.open()
        try:
            queue = NurseQueue(storage, teams)
            queue.notifier = TelegramNurseNotifier(queue, Outbox(storage))
            core = Conversation(storage, lambda: None, escalation=queue)  # type: ignore[arg-type]
            for n in range(cases):
                await storage.save_user(
                    UserState(key=f"tg:{FAMILY_BASE + n}", channel="telegram", municipality="turku")
                )
            create = Timings(storage)

            async def ask(n: int) -> None:
                incoming = Incoming(f"tg:{FAMILY_BASE + n}", "telegram", InKind.button, "nurse")
                await create.time("create", core.handle(incoming))

            started = time.perf_counter()
            await asyncio.gather(*(ask(n) for n in range(cases)))
            create_wall = time.perf_counter() - started
            waiting = len(await queue.cases.waiting("bench"))

            work = Timings(storage)

            async def nurse(number: int) -> None:
                nurse_id = NURSE_BASE + number
                while True:
                    open_cases = await queue.cases.waiting("bench")
                    if not open_cases:
                        return
                    # Nurses take the oldest case; several may press at once, one wins.
                    case = open_cases[min(number % 3, len(open_cases) - 1)]
                    taken = await work.time("take", queue.take("bench", case.number, nurse_id))
                    if not taken.ok:
                        work.refused["take"] += 1
                        continue
                    family = case.user_key
                    for i in range(messages):
                        await work.time("nurse_to_family", queue.say(case, nurse_id, f"viesti {i}"))
                        incoming = Incoming(family, "telegram", InKind.text, f"vastaus {i}", "fi")
                        await work.time("family_to_nurse", core.handle(incoming))
                    await work.time("close", queue.close(case, nurse_id, ""))

            started = time.perf_counter()
            await asyncio.gather(*(nurse(n) for n in range(nurses)))
            work_wall = time.perf_counter() - started
            closed = await storage._read("SELECT COUNT(*) FROM cases WHERE state = 'closed'")
            outbox = await storage._read("SELECT COUNT(*) FROM outbox")
        finally:
            await storage.close()
    return {
        "cases": cases,
        "nurses": nurses,
        "messages_each_way": messages,
        "machine": machine(),
        "create": {"wall_s": round(create_wall, 3), "waiting_after": waiting}
        | create.summary(create_wall),
        "work": {
            "wall_s": round(work_wall, 3),
            "closed": int(closed[0][0]),
            "outbox_rows": int(outbox[0][0]),
        }
        | work.summary(work_wall),
    }


def table(result: dict[str, Any]) -> str:
    lines = [
        f"{result['cases']} cases, {result['nurses']} nurses,"
        f" {result['messages_each_way']} messages each way per case",
        f"{'operation':>16} {'count':>6} {'refused':>7} {'ops/s':>8} {'p50 ms':>8}"
        f" {'p95 ms':>8} {'p99 ms':>8}",
    ]
    for phase in ("create", "work"):
        for op, figures in result[phase].items():
            if not isinstance(figures, dict):
                continue
            lines.append(
                f"{op:>16} {figures['count']:>6} {figures['refused']:>7}"
                f" {figures['ops_per_s']:>8.1f} {figures['p50_ms']:>8.2f}"
                f" {figures['p95_ms']:>8.2f} {figures['p99_ms']:>8.2f}"
            )
    lines.append(
        f"creation {result['create']['wall_s']:.2f} s; work {result['work']['wall_s']:.2f} s,"
        f" {result['work']['closed']} closed"
    )
    return "\n".join(lines)
