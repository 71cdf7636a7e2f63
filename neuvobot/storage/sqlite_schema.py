"""The SQLite schema as numbered migrations (append only), kept apart from the queries."""

from __future__ import annotations

# Append only: a database at version N runs migrations N+1… at start-up.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE users (
        key TEXT PRIMARY KEY,
        channel TEXT NOT NULL,
        lang TEXT NOT NULL DEFAULT 'fi',
        lang_fixed INTEGER NOT NULL DEFAULT 0,
        municipality TEXT,
        pending TEXT NOT NULL DEFAULT '{}',
        unhelpful INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE TABLE messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_key TEXT NOT NULL,
        direction TEXT NOT NULL,
        text TEXT NOT NULL,
        meta TEXT NOT NULL DEFAULT '{}',
        at TEXT NOT NULL
    );
    CREATE INDEX messages_user ON messages (user_key, id);
    CREATE INDEX messages_at ON messages (at);
    """,
    # The outbox: every message to a family or nurse is stored before it is sent, and sent
    # in order per chat by a delivery worker that retries (429, timeouts, 5xx).
    """
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_key TEXT,
        chat TEXT NOT NULL,
        payload TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        not_before TEXT NOT NULL,
        created TEXT NOT NULL,
        sent TEXT,
        error TEXT
    );
    CREATE INDEX outbox_pending ON outbox (status, chat, id);
    """,
    # Nurse escalation: one case per escalation, and every transition in an audit table.
    """
    CREATE TABLE cases (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        number TEXT NOT NULL UNIQUE,
        user_key TEXT NOT NULL,
        team TEXT NOT NULL,
        municipality TEXT NOT NULL,
        lang TEXT NOT NULL,
        state TEXT NOT NULL,
        nurse_id INTEGER,
        reason TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        taken TEXT,
        ended TEXT,
        rating INTEGER,
        note TEXT
    );
    CREATE INDEX cases_queue ON cases (team, state, id);
    CREATE INDEX cases_user ON cases (user_key, state);
    CREATE TABLE case_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id INTEGER,
        event TEXT NOT NULL,
        actor TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL
    );
    CREATE INDEX case_events_case ON case_events (case_id, id);
    """,
    # A taken case's own thread (forum topic) in the nurse's private chat with the bot.
    """
    ALTER TABLE cases ADD COLUMN thread INTEGER;
    """,
    # Telegram updates as they arrived, stored before Telegram is told they were received:
    # a crash never loses one, and a handled one stays as a tombstone (no content) so a
    # re-delivered update is not handled twice. Unparseable ones stay as 'quarantined'
    # with their kind only, never their content.
    """
    CREATE TABLE inbox (
        update_id INTEGER PRIMARY KEY,
        chat TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL,
        payload TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        received TEXT NOT NULL
    );
    CREATE INDEX inbox_pending ON inbox (status, update_id);
    """,
    # What families don't find, for editors: scrubbed questions counted per day and
    # municipality. No user key, no case number, no time finer than a day.
    """
    CREATE TABLE insights (
        day TEXT NOT NULL,
        municipality TEXT NOT NULL,
        lang TEXT NOT NULL,
        source TEXT NOT NULL,
        text TEXT NOT NULL,
        count INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (day, municipality, lang, source, text)
    ) WITHOUT ROWID;
    CREATE INDEX insights_day ON insights (day);
    """,
    # Which of a nurse's cases their typing goes to, kept across restarts: a nurse who
    # chose case X must not write to family Y after the bot restarts.
    """
    ALTER TABLE cases ADD COLUMN chosen TEXT;
    """,
    # A case whose family wrote something the danger check flags: shown first, marked.
    """
    ALTER TABLE cases ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;
    """,
    # Where a family's words were sent to someone else (a staff group's case card, a
    # nurse's chat): /forget deletes those Telegram messages too.
    """
    CREATE TABLE copies (
        about TEXT NOT NULL,
        chat_id INTEGER NOT NULL,
        message_id INTEGER NOT NULL
    );
    CREATE INDEX copies_about ON copies (about);
    """,
]

# Tables holding a user's data and the column that names the user; /forget empties them all.
