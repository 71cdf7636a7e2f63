"""Property-based: the conversation core under random input, with the real search over the
shipped catalogue, a real SQLite database and a nurse queue.

One database for the whole run, like a bot that has been up for a while: state from one
example (a chosen language, a pending /forget, an open case) carries into the next.
"""

from __future__ import annotations

import asyncio

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neuvobot.conversation.core import Conversation, FloodGuard, Incoming, InKind
from neuvobot.escalation.queue import NurseQueue
from neuvobot.escalation.teams import NurseTeam, Teams
from neuvobot.search.language import detect_language
from neuvobot.storage.sqlite import SqliteStorage
from neuvobot.understanding.danger import detect_danger
from tests.robustness.strategies import (
    callback_data,
    content_types,
    greetings,
    internal_detail,
    locales,
    message_text,
)

USERS = [f"test:{n}" for n in range(6)]
EXAMPLES = 5000  # each is one random message and one normal "/start" after it

incoming = st.one_of(
    st.builds(
        lambda user, text, locale: Incoming(
            user, "test", InKind.command if text.startswith("/") else InKind.text, text, locale
        ),
        st.sampled_from(USERS),
        message_text,
        locales,
    ),
    st.builds(
        lambda user, data, locale: Incoming(user, "test", InKind.button, data, locale),
        st.sampled_from(USERS),
        callback_data,
        locales,
    ),
    st.builds(
        lambda user, content, locale: Incoming(
            user, "test", InKind.unsupported, "", locale, content
        ),
        st.sampled_from(USERS),
        content_types,
        locales,
    ),
)


def team() -> Teams:
    return Teams(
        [
            NurseTeam.model_validate(
                {
                    "id": "varha",
                    "serves": ["region:varsinais-suomi", "region:keski-suomi"],
                    "hours": "always",
                    "nurses": [{"telegram_id": 1, "display_name": "Hoitaja"}],
                }
            )
        ]
    )


def test_random_messages_never_break_the_core(tmp_path, searcher):
    loop = asyncio.new_event_loop()
    storage = SqliteStorage(tmp_path / "bot.sqlite3")
    loop.run_until_complete(storage.open())
    core = Conversation(
        storage,
        lambda: searcher,
        escalation=NurseQueue(storage, team()),
        detect_language=detect_language,
        flood=FloodGuard(limit=10**9),  # bursts are their own test; here every message counts
    )
    greeting = greetings()
    seen: list[InKind] = []

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(message=incoming)
    def check(message: Incoming) -> None:
        seen.append(message.kind)
        out = loop.run_until_complete(core.handle(message))
        assert out.replies, "every message gets an answer"
        for reply in out.replies:
            assert reply.text.strip()
            leak = internal_detail(reply.text, message.text)
            assert leak is None, f"internal detail {leak!r} shown to a family"
            for row in reply.buttons:
                for button in row:
                    assert button.label and len(button.data.encode()) <= 64
        text = message.text
        if message.kind is InKind.text and text.strip() and detect_danger(text):
            assert "112" in out.replies[0].text, "danger: the emergency number comes first"
        # The next normal message is answered normally.
        after = loop.run_until_complete(
            core.handle(Incoming(message.user, "test", InKind.command, "/start", message.locale))
        )
        assert any(after.replies[0].text.startswith(g) for g in greeting)

    try:
        check()
        assert len(seen) >= EXAMPLES and set(seen) == set(InKind)
        # And a whole normal conversation still works for a fresh family.
        fresh = "test:fresh"
        for text in ("/start", "turku"):
            loop.run_until_complete(core.handle(Incoming(fresh, "test", InKind.text, text, "fi")))
        out = loop.run_until_complete(core.handle(Incoming(fresh, "test", InKind.text, "neuvola")))
        assert out.services and out.replies[0].text.startswith("Nämä voivat auttaa (Turku)")
    finally:
        loop.run_until_complete(storage.close())
        loop.close()
