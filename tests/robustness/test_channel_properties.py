"""Property-based: random Telegram updates through the real channel, in-process.

Each update goes the way production takes it (InboxPoller.handle: validated on its own,
then `dispatcher.feed_update` with our routers inside one database transaction), with a
Bot pointed at the fake Bot API, a real SQLite file and the real search. Families, a
nurse, the staff group and chats the bot has never seen all write; some updates are
valid, some forged, some not parseable at all.
"""

from __future__ import annotations

import asyncio
import itertools
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neuvobot.channels.telegram.polling import update_chat
from neuvobot.conversation.core import FloodGuard
from tests.fakes.telegram_api import FakeBotAPI
from tests.robustness.harness import NURSE, STAFF, open_stack
from tests.robustness.strategies import (
    callback_data,
    greetings,
    internal_detail,
    locales,
    message_text,
)

EXAMPLES = 5000  # each is one random update and one normal "/start" after it
FAMILIES = [7001, 7002, 7003]
STRANGERS = [-1001234, 999999999999, 1, 0]  # groups and users the bot has never seen

json_scalar = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
)
json_value = st.recursive(
    json_scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
chat_ids = st.sampled_from([*FAMILIES, NURSE, STAFF, *STRANGERS])
chat_types = st.sampled_from(["private", "private", "private", "group", "supergroup", "channel"])


def _user(user_id: int, locale: str | None) -> dict:
    user = {"id": user_id, "is_bot": False, "first_name": "Perhe"}
    if locale is not None:
        user["language_code"] = locale
    return user


def _message(chat_id: int, chat_type: str, user_id: int, locale: str | None, **content) -> dict:
    return {
        "message_id": 1,
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": chat_type},
        "from": _user(user_id, locale),
        **content,
    }


text_message = st.builds(
    lambda chat, kind, locale, text: {
        "message": _message(
            chat,
            kind,
            chat if kind == "private" else NURSE,
            locale,
            text=text,
            **(
                {"entities": [{"type": "bot_command", "offset": 0, "length": len(text)}]}
                if text.startswith("/")
                else {}
            ),
        )
    },
    chat_ids,
    chat_types,
    locales,
    message_text.filter(bool),
)
other_content = st.builds(
    lambda chat, locale, field, value: {
        "message": _message(chat, "private", chat, locale, **{field: value})
    },
    chat_ids,
    locales,
    st.sampled_from(
        ["sticker", "photo", "voice", "location", "dice", "contact", "hologram", "story"]
    ),
    json_value,
)
button = st.builds(
    lambda chat, kind, presser, locale, data, with_message: {
        "callback_query": {
            "id": "cq",
            "from": _user(presser, locale),
            "chat_instance": "ci",
            "data": data,
            **(
                {"message": _message(chat, kind, presser, locale, text="…")} if with_message else {}
            ),
        }
    },
    chat_ids,
    chat_types,
    chat_ids,
    locales,
    callback_data,
    st.booleans(),
)
other_kind = st.builds(
    lambda kind, value: {kind: value},
    st.sampled_from(
        [
            "edited_message",
            "channel_post",
            "my_chat_member",
            "message_reaction",
            "inline_query",
            "business_message",
            "poll_answer",
            "some_future_update",
        ]
    ),
    json_value,
)


def strings_in(value) -> list[str]:
    """Every string (keys too) anywhere in a JSON value: what a reply may quote back."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*strings_in(k), *strings_in(v))]
    if isinstance(value, list):
        return [s for item in value for s in strings_in(item)]
    return [str(value)]


def _mutate(update: dict, key: str, value) -> dict:
    """Put a random JSON value at a random field of the update's event."""
    kind = next(iter(update))
    event = dict(update[kind])
    event[key] = value
    return {kind: event}


mutated = st.builds(
    _mutate,
    st.one_of(text_message, button),
    st.sampled_from(["chat", "from", "text", "date", "message_id", "data", "message", "entities"]),
    json_value,
)
updates = st.one_of(text_message, text_message, other_content, button, other_kind, mutated)


def test_random_updates_never_break_the_channel(tmp_path, searcher):
    loop = asyncio.new_event_loop()
    fake = FakeBotAPI()
    base = loop.run_until_complete(fake.start())
    stack = loop.run_until_complete(
        open_stack(tmp_path / "bot.sqlite3", base, searcher, flood=FloodGuard(limit=10**9))
    )
    ids = itertools.count(1)
    greeting = greetings()
    last_row = [0]
    handled: list[str] = []
    said: list[str] = []  # every string anyone sent so far

    def handle(raw: dict) -> list[tuple[int, int, str]]:
        update_id = next(ids)
        raw = {"update_id": update_id, **raw}
        loop.run_until_complete(stack.poller.store([raw]))
        done = loop.run_until_complete(stack.poller.handle(update_id, raw))
        assert done, "handled or quarantined at once, never left to retry"
        new = loop.run_until_complete(stack.outbox_texts(last_row[0]))
        if new:
            last_row[0] = new[-1][0]
        return new

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(update=updates, family=st.sampled_from(FAMILIES))
    def check(update: dict, family: int) -> None:
        handled.append(next(iter(update), "empty"))
        sent_before = len(fake.sent)
        sent_text = " ".join(strings_in(update))
        said.append(sent_text)
        sender = update_chat(update) if isinstance(update, dict) else None
        for _row, chat, text in handle(update):
            assert text.strip()
            # A reply to the sender may quote what they just sent; a case card or a relay
            # to a nurse may quote anything the family wrote before.
            # The staff group's id may also be the sender's: its cards quote earlier words.
            own_chat = chat == sender and chat not in (STAFF, NURSE)
            quoted = sent_text if own_chat else "\n".join(said)
            leak = internal_detail(text, quoted)
            assert leak is None, f"internal detail {leak!r} in a reply"
        for direct in fake.sent[sent_before:]:  # the nurse desk answers directly
            leak = internal_detail(direct.text, "\n".join(said))
            assert leak is None, f"internal detail {leak!r} in a desk reply"
        # The next normal message is answered normally.
        after = handle({"message": _message(family, "private", family, "fi", text="/start")})
        assert [chat for _row, chat, _text in after] == [family]
        assert any(after[0][2].startswith(g) for g in greeting)

    try:
        check()
        assert len(handled) >= EXAMPLES
        quarantined = loop.run_until_complete(
            stack.storage._read("SELECT COUNT(*) FROM inbox WHERE status = 'quarantined'")
        )[0][0]
        assert 0 < quarantined < len(handled), "some updates could not be parsed, most could"
        failed = loop.run_until_complete(
            stack.storage._read("SELECT COUNT(*) FROM inbox WHERE status = 'failed'")
        )[0][0]
        assert failed == 0, "no handler raised"
    finally:
        loop.run_until_complete(stack.close())
        loop.run_until_complete(fake.stop())
        loop.close()
