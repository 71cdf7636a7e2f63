"""Cases in SQLite: create, claim atomically, move through states, and audit every step."""

from __future__ import annotations

import datetime as dt
import secrets
import sqlite3
import statistics
from dataclasses import dataclass

from neuvobot.storage.connection import Connection
from neuvobot.storage.sqlite import SqliteStorage, _iso

OPEN_STATES = ("waiting", "taken")
# state → states it may move to; "released" and "transferred" are events that lead back
# to waiting (in the same or another team).
TRANSITIONS = {
    "waiting": {"taken", "cancelled", "expired", "waiting"},
    "taken": {"closed", "waiting", "cancelled"},
}
_ALPHABET = "ACDEFHJKLMNPRTUVWXY3479"  # no look-alikes (0/O, 1/I, 5/S, 8/B)


@dataclass(frozen=True)
class Case:
    id: int
    number: str
    user_key: str
    team: str
    municipality: str
    lang: str
    state: str
    nurse_id: int | None
    reason: str
    created: dt.datetime
    taken: dt.datetime | None
    thread: int | None = None  # the case's topic in its nurse's private chat, if any
    urgent: bool = False  # the family wrote something that reads as danger now

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


def _case(row: sqlite3.Row) -> Case:
    return Case(
        id=row["id"],
        number=row["number"],
        user_key=row["user_key"],
        team=row["team"],
        municipality=row["municipality"],
        lang=row["lang"],
        state=row["state"],
        nurse_id=row["nurse_id"],
        reason=row["reason"],
        created=dt.datetime.fromisoformat(row["created"]),
        taken=dt.datetime.fromisoformat(row["taken"]) if row["taken"] else None,
        thread=row["thread"],
        urgent=bool(row["urgent"]),
    )


class CaseStore:
    def __init__(self, storage: SqliteStorage) -> None:
        self.storage = storage

    def _now(self) -> str:
        return _iso(self.storage.clock())

    async def create(
        self, user_key: str, team: str, municipality: str, lang: str, reason: str
    ) -> Case:
        now = self._now()

        async def work(db: Connection) -> int:
            for _ in range(20):  # a short pseudonymous number; retry on the rare collision
                number = "".join(secrets.choice(_ALPHABET) for _ in range(5))
                try:
                    cursor = await db.execute(
                        "INSERT INTO cases (number, user_key, team, municipality, lang, state,"
                        " reason, created) VALUES (?, ?, ?, ?, ?, 'waiting', ?, ?)",
                        (number, user_key, team, municipality, lang, reason, now),
                    )
                except sqlite3.IntegrityError:
                    continue
                case_id = int(cursor.lastrowid or 0)
                await db.execute(
                    "INSERT INTO case_events (case_id, event, actor, detail, at)"
                    " VALUES (?, 'created', 'family', ?, ?)",
                    (case_id, reason, now),
                )
                return case_id
            raise RuntimeError("could not allocate a case number")

        case_id = await self.storage._write(work)
        case = await self.get(case_id)
        assert case is not None
        return case

    async def get(self, case_id: int) -> Case | None:
        rows = await self.storage._read("SELECT * FROM cases WHERE id = ?", (case_id,))
        return _case(rows[0]) if rows else None

    async def by_number(self, number: str) -> Case | None:
        rows = await self.storage._read("SELECT * FROM cases WHERE number = ?", (number.upper(),))
        return _case(rows[0]) if rows else None

    async def open_case_of(self, user_key: str) -> Case | None:
        rows = await self.storage._read(
            "SELECT * FROM cases WHERE user_key = ? AND state IN ('waiting', 'taken')"
            " ORDER BY id DESC LIMIT 1",
            (user_key,),
        )
        return _case(rows[0]) if rows else None

    async def claim(self, case_id: int, nurse_id: int) -> bool:
        """Take a waiting case. Atomic: of many nurses pressing Take, exactly one wins."""
        now = self._now()

        async def work(db: Connection) -> bool:
            cursor = await db.execute(
                "UPDATE cases SET state = 'taken', nurse_id = ?, taken = ?"
                " WHERE id = ? AND state = 'waiting'",
                (nurse_id, now, case_id),
            )
            won = cursor.rowcount == 1
            await db.execute(
                "INSERT INTO case_events (case_id, event, actor, at) VALUES (?, ?, ?, ?)",
                (case_id, "taken" if won else "take_refused", f"nurse:{nurse_id}", now),
            )
            return won

        return await self.storage._write(work)

    async def move(
        self,
        case_id: int,
        to: str,
        actor: str,
        event: str | None = None,
        detail: str = "",
        team: str | None = None,
    ) -> bool:
        """Move an open case to `to` if the transition is allowed; audit either way."""
        now = self._now()

        async def work(db: Connection) -> bool:
            rows = await (
                await db.execute("SELECT state FROM cases WHERE id = ?", (case_id,))
            ).fetchall()
            state = rows[0][0] if rows else None
            allowed = state is not None and to in TRANSITIONS.get(state, set())
            if allowed:
                ended = now if to not in OPEN_STATES else None
                # Back to waiting: the nurse and their topic no longer belong to the case.
                nurse = "nurse_id" if to != "waiting" else "NULL"
                thread = "thread" if to != "waiting" else "NULL"
                await db.execute(
                    f"UPDATE cases SET state = ?, ended = ?, nurse_id = {nurse}, thread = {thread},"
                    " team = COALESCE(?, team), note = COALESCE(?, note) WHERE id = ?",
                    (to, ended, team, detail or None, case_id),
                )
            await db.execute(
                "INSERT INTO case_events (case_id, event, actor, detail, at) VALUES (?,?,?,?,?)",
                (
                    case_id,
                    (event or to) if allowed else f"{event or to}_refused",
                    actor,
                    detail,
                    now,
                ),
            )
            return allowed

        return await self.storage._write(work)

    async def rate(self, case_id: int, rating: int) -> bool:
        async def work(db: Connection) -> bool:
            cursor = await db.execute(
                "UPDATE cases SET rating = ? WHERE id = ? AND state = 'closed' AND rating IS NULL",
                (rating, case_id),
            )
            return cursor.rowcount == 1

        return await self.storage._write(work)

    async def audit(self, case_id: int | None, event: str, actor: str, detail: str = "") -> None:
        now = self._now()

        async def work(db: Connection) -> None:
            await db.execute(
                "INSERT INTO case_events (case_id, event, actor, detail, at) VALUES (?,?,?,?,?)",
                (case_id, event, actor, detail, now),
            )

        await self.storage._write(work)

    async def waiting(self, team: str) -> list[Case]:
        rows = await self.storage._read(
            "SELECT * FROM cases WHERE team = ? AND state = 'waiting' ORDER BY urgent DESC, id",
            (team,),
        )
        return [_case(r) for r in rows]

    async def taken_by(self, nurse_id: int) -> list[Case]:
        rows = await self.storage._read(
            "SELECT * FROM cases WHERE nurse_id = ? AND state = 'taken' ORDER BY id", (nurse_id,)
        )
        return [_case(r) for r in rows]

    async def mark_urgent(self, case_id: int) -> None:
        async def work(db) -> None:  # type: ignore[no-untyped-def]
            await db.execute("UPDATE cases SET urgent = 1 WHERE id = ?", (case_id,))

        await self.storage._write(work)

    async def taken_all(self) -> list[Case]:
        rows = await self.storage._read("SELECT * FROM cases WHERE state = 'taken' ORDER BY id")
        return [_case(r) for r in rows]

    async def choose(self, case_id: int, at: str) -> None:
        """The nurse's typing goes to this case from now on (survives restarts)."""

        async def work(db) -> None:  # type: ignore[no-untyped-def]
            await db.execute("UPDATE cases SET chosen = ? WHERE id = ?", (at, case_id))

        await self.storage._write(work)

    async def chosen_of(self, nurse_id: int) -> str | None:
        rows = await self.storage._read(
            "SELECT number FROM cases WHERE nurse_id = ? AND state = 'taken'"
            " AND chosen IS NOT NULL ORDER BY chosen DESC, id DESC LIMIT 1",
            (nurse_id,),
        )
        return rows[0]["number"] if rows else None

    async def last_unrated(self, user_key: str) -> int | None:
        """The user's most recent closed case that has no rating yet."""
        rows = await self.storage._read(
            "SELECT id FROM cases WHERE user_key = ? AND state = 'closed' AND rating IS NULL"
            " ORDER BY id DESC LIMIT 1",
            (user_key,),
        )
        return int(rows[0][0]) if rows else None

    async def waiting_since_before(self, cutoff: dt.datetime) -> list[Case]:
        rows = await self.storage._read(
            "SELECT * FROM cases WHERE state = 'waiting' AND created < ? ORDER BY id",
            (_iso(cutoff),),
        )
        return [_case(r) for r in rows]

    async def set_thread(self, case_id: int, thread: int | None) -> None:
        async def work(db: Connection) -> None:
            await db.execute("UPDATE cases SET thread = ? WHERE id = ?", (thread, case_id))

        await self.storage._write(work)

    async def by_thread(self, nurse_id: int, thread: int) -> Case | None:
        """The open case whose topic this is, in this nurse's chat."""
        rows = await self.storage._read(
            "SELECT * FROM cases WHERE nurse_id = ? AND thread = ? AND state = 'taken'",
            (nurse_id, thread),
        )
        return _case(rows[0]) if rows else None

    async def position(self, case: Case) -> int:
        rows = await self.storage._read(
            "SELECT COUNT(*) FROM cases c, cases me WHERE me.id = ? AND c.team = me.team"
            " AND c.state = 'waiting'"
            " AND (c.urgent > me.urgent OR (c.urgent = me.urgent AND c.id <= me.id))",
            (case.id,),
        )
        return int(rows[0][0])

    async def typical_wait(self, team: str, recent: int = 20) -> dt.timedelta | None:
        """Median wait of the team's last taken cases: the family's estimate."""
        rows = await self.storage._read(
            "SELECT created, taken FROM cases WHERE team = ? AND taken IS NOT NULL"
            " ORDER BY id DESC LIMIT ?",
            (team, recent),
        )
        waits = [
            (
                dt.datetime.fromisoformat(r["taken"]) - dt.datetime.fromisoformat(r["created"])
            ).total_seconds()
            for r in rows
        ]
        return dt.timedelta(seconds=statistics.median(waits)) if waits else None

    async def events(self, case_id: int) -> list[tuple[str, str]]:
        rows = await self.storage._read(
            "SELECT event, actor FROM case_events WHERE case_id = ? ORDER BY id", (case_id,)
        )
        return [(r["event"], r["actor"]) for r in rows]


# ---------------------------------------------------------------------- privacy
# Called by SqliteStorage.forget_user and purge_before inside their one transaction.


async def forget_cases(db: Connection, user_key: str, now: str) -> int:
    """/forget: the user's cases and their audit go. An open case is cancelled by going:
    the queue no longer holds it, messages still waiting to be sent to its nurse or staff
    group (they quote the family) are dropped, and one audit row without the user's key,
    the case number or any text says that it happened."""
    rows = await (
        await db.execute(
            "SELECT id, number, state, team, nurse_id FROM cases WHERE user_key = ?", (user_key,)
        )
    ).fetchall()
    removed = 0
    for case_id, number, state, team, nurse_id in rows:
        quoting = (f"%[{number}]%", f"%Tapaus {number} %", f'%"case": "{number}"%')
        cursor = await db.execute(
            "DELETE FROM outbox WHERE status = 'pending' AND"
            " (payload LIKE ? OR payload LIKE ? OR payload LIKE ?)",
            quoting,
        )
        removed += cursor.rowcount
        if state in OPEN_STATES:
            who = f"team:{team}" + (f" nurse:{nurse_id}" if nurse_id is not None else "")
            await db.execute(
                "INSERT INTO case_events (case_id, event, actor, detail, at)"
                " VALUES (NULL, 'open_case_forgotten', 'family', ?, ?)",
                (f"{state} {who}", now),
            )
        cursor = await db.execute("DELETE FROM case_events WHERE case_id = ?", (case_id,))
        removed += cursor.rowcount
    cursor = await db.execute("DELETE FROM cases WHERE user_key = ?", (user_key,))
    removed += cursor.rowcount
    if user_key.startswith("tg:"):
        # A refused button press by this person is audited under their Telegram id.
        cursor = await db.execute(
            "DELETE FROM case_events WHERE actor = ?", (f"telegram:{user_key[3:]}",)
        )
        removed += cursor.rowcount
    return removed


async def purge_cases(db: Connection, cutoff: str) -> int:
    """Retention: cases ended before the cutoff stay as anonymous statistics (waits,
    ratings) without the user's key or free text; old audit rows lose Telegram ids."""
    cursor = await db.execute(
        "UPDATE cases SET user_key = 'purged', reason = '', note = NULL"
        " WHERE ended IS NOT NULL AND ended < ? AND user_key != 'purged'",
        (cutoff,),
    )
    removed = cursor.rowcount
    cursor = await db.execute(
        "UPDATE case_events SET detail = '',"
        " actor = CASE WHEN actor LIKE 'telegram:%' THEN 'telegram' ELSE actor END"
        " WHERE at < ? AND (actor LIKE 'telegram:%' OR detail != '')",
        (cutoff,),
    )
    return removed + cursor.rowcount
