"""Where a family's words were sent to someone else: a staff group's case card, a nurse's
chat. /forget turns each into a deletion job in the outbox, in the same transaction as the
rest of the forgetting, so the Telegram copies go too (the delivery worker deletes them).
"""

from __future__ import annotations

import json

from neuvobot.storage.connection import Connection


async def record_copies(db: Connection, copies: list[tuple[str, int, int]]) -> None:
    await db.executemany("INSERT INTO copies (about, chat_id, message_id) VALUES (?, ?, ?)", copies)


async def delete_copies(db: Connection, key: str, now: str) -> int:
    rows = await (
        await db.execute("SELECT chat_id, message_id FROM copies WHERE about = ?", (key,))
    ).fetchall()
    await db.executemany(
        "INSERT INTO outbox (chat, payload, created, not_before) VALUES (?, ?, ?, ?)",
        [
            (f"tg:{chat}", json.dumps({"chat_id": chat, "delete": message}), now, now)
            for chat, message in rows
        ],
    )
    await db.execute("DELETE FROM copies WHERE about = ?", (key,))
    # and what quotes the family but is not sent yet: it never will be
    cursor = await db.execute(
        "DELETE FROM outbox WHERE json_extract(payload, '$.about') = ?", (key,)
    )
    return len(rows) + cursor.rowcount
