"""Cases: exactly one nurse wins a take, every transition is audited, queue order holds."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from neuvobot.storage.cases import CaseStore
from neuvobot.storage.sqlite import SqliteStorage


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
async def cases(tmp_path):
    clock = Clock()
    storage = SqliteStorage(tmp_path / "bot.sqlite3", clock=clock)
    await storage.open()
    store = CaseStore(storage)
    store.clock = clock
    yield store
    await storage.close()


async def test_many_concurrent_takes_one_winner(cases):
    case = await cases.create("tg:1", "varha", "turku", "fi", "button")
    results = await asyncio.gather(*(cases.claim(case.id, 100 + n) for n in range(25)))
    assert results.count(True) == 1
    taken = await cases.get(case.id)
    assert taken.state == "taken" and taken.nurse_id == 100 + results.index(True)
    events = await cases.events(case.id)
    assert events.count(("taken", f"nurse:{taken.nurse_id}")) == 1
    assert sum(1 for e, _ in events if e == "take_refused") == 24


async def test_case_numbers_are_short_and_unique(cases):
    numbers = {(await cases.create(f"tg:{n}", "t", "turku", "fi", "")).number for n in range(50)}
    assert len(numbers) == 50
    assert all(len(n) == 5 and n.isalnum() for n in numbers)


async def test_queue_position_and_typical_wait(cases):
    first = await cases.create("tg:1", "varha", "turku", "fi", "")
    second = await cases.create("tg:2", "varha", "salo", "fi", "")
    other_team = await cases.create("tg:3", "hyvaks", "laukaa", "fi", "")
    assert await cases.position(second) == 2
    assert await cases.position(other_team) == 1
    assert await cases.typical_wait("varha") is None
    cases.clock.now += dt.timedelta(minutes=6)
    await cases.claim(first.id, 7)
    assert await cases.position(second) == 1
    assert await cases.typical_wait("varha") == dt.timedelta(minutes=6)


async def test_transitions_release_transfer_close_and_refusals(cases):
    case = await cases.create("tg:1", "varha", "turku", "fi", "")
    await cases.claim(case.id, 7)
    assert await cases.move(case.id, "waiting", "nurse:7", event="released")
    assert (await cases.get(case.id)).nurse_id is None
    assert await cases.move(case.id, "waiting", "nurse:7", event="transferred", team="hyvaks")
    assert (await cases.get(case.id)).team == "hyvaks"
    await cases.claim(case.id, 8)
    assert await cases.move(case.id, "closed", "nurse:8", detail="neuvottu")
    assert not await cases.move(case.id, "taken", "nurse:9")  # closed stays closed
    assert await cases.rate(case.id, 5)
    assert not await cases.rate(case.id, 1)  # one rating
    events = [e for e, _ in await cases.events(case.id)]
    assert events == [
        "created",
        "taken",
        "released",
        "transferred",
        "taken",
        "closed",
        "taken_refused",
    ]


async def test_family_can_cancel_a_waiting_case(cases):
    case = await cases.create("tg:1", "varha", "turku", "fi", "")
    assert await cases.open_case_of("tg:1") == case
    assert await cases.move(case.id, "cancelled", "family")
    assert await cases.open_case_of("tg:1") is None


async def test_forget_removes_cases_and_their_audit(cases):
    case = await cases.create("tg:1", "varha", "turku", "fi", "")
    await cases.claim(case.id, 7)
    await cases.storage.forget_user("tg:1")
    dump = repr(await cases.storage.table_dump())
    assert "tg:1" not in dump and case.number not in dump
