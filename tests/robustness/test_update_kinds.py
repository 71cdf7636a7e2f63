"""Every kind of Telegram update, and updates aiogram cannot parse, against the real bot.

aiogram's own polling validates a whole getUpdates batch at once: one update it cannot
parse fails the batch, which comes again forever, and the bot goes silent for everyone.
"""

from __future__ import annotations

import sqlite3
import time

from tests.channels.test_telegram import stop
from tests.fakes.telegram_api import FakeBotAPI
from tests.robustness.process import start_bot, write_config

SECRET = "Salainen-viesti-äidiltä"  # content that must never reach a log line
NOW = int(time.time())
USER = {"id": 5001, "is_bot": False, "first_name": "Perhe", "language_code": "fi"}
BOT = {"id": 42, "is_bot": True, "first_name": "Neuvobot", "username": "neuvobot_test_bot"}
PRIVATE = {"id": 5001, "type": "private", "first_name": "Perhe"}
GROUP = {"id": -100555, "type": "supergroup", "title": "Perheryhmä", "is_forum": True}
CHANNEL = {"id": -100666, "type": "channel", "title": "Kanava"}


def message(chat=PRIVATE, **content):
    return {"message_id": 77, "date": NOW, "chat": chat, "from": USER, **content}


# Real shapes from the Bot API (9.x) of every kind the bot may be sent.
REAL_UPDATES = {
    "edited_message": {"edited_message": message(text=SECRET, edit_date=NOW)},
    "channel_post": {"channel_post": {"message_id": 1, "date": NOW, "chat": CHANNEL, "text": "x"}},
    "edited_channel_post": {
        "edited_channel_post": {
            "message_id": 1,
            "date": NOW,
            "chat": CHANNEL,
            "text": "y",
            "edit_date": NOW,
        }
    },
    "my_chat_member (blocked)": {
        "my_chat_member": {
            "chat": PRIVATE,
            "from": USER,
            "date": NOW,
            "old_chat_member": {"status": "member", "user": BOT},
            "new_chat_member": {"status": "kicked", "user": BOT, "until_date": 0},
        }
    },
    "chat_member": {
        "chat_member": {
            "chat": GROUP,
            "from": USER,
            "date": NOW,
            "old_chat_member": {"status": "left", "user": USER},
            "new_chat_member": {"status": "member", "user": USER},
        }
    },
    "forum_topic_created": {
        "message": message(
            GROUP,
            message_thread_id=9,
            is_topic_message=True,
            forum_topic_created={"name": "Aihe", "icon_color": 7322096},
        )
    },
    "forum_topic_closed": {"message": message(GROUP, message_thread_id=9, forum_topic_closed={})},
    "topic in a private chat": {
        "message": message(forum_topic_created={"name": "Oma", "icon_color": 7322096})
    },
    "message_reaction": {
        "message_reaction": {
            "chat": PRIVATE,
            "message_id": 1000,
            "user": USER,
            "date": NOW,
            "old_reaction": [],
            "new_reaction": [{"type": "emoji", "emoji": "👍"}],
        }
    },
    "message_reaction_count": {
        "message_reaction_count": {
            "chat": GROUP,
            "message_id": 3,
            "date": NOW,
            "reactions": [{"type": {"type": "emoji", "emoji": "❤"}, "total_count": 2}],
        }
    },
    "story": {"message": message(story={"chat": CHANNEL, "id": 4})},
    "inline_query": {"inline_query": {"id": "iq1", "from": USER, "query": SECRET, "offset": ""}},
    "chosen_inline_result": {
        "chosen_inline_result": {"result_id": "r1", "from": USER, "query": SECRET}
    },
    "inline callback (no message)": {
        "callback_query": {
            "id": "cq1",
            "from": USER,
            "chat_instance": "ci",
            "inline_message_id": "im1",
            "data": "more",
        }
    },
    "business_connection": {
        "business_connection": {
            "id": "bc1",
            "user": USER,
            "user_chat_id": 5001,
            "date": NOW,
            "is_enabled": True,
        }
    },
    "business_message": {"business_message": message(text=SECRET, business_connection_id="bc1")},
    "deleted_business_messages": {
        "deleted_business_messages": {
            "business_connection_id": "bc1",
            "chat": PRIVATE,
            "message_ids": [1, 2],
        }
    },
    "chat_join_request": {
        "chat_join_request": {"chat": GROUP, "from": USER, "user_chat_id": 5001, "date": NOW}
    },
    "poll_answer": {"poll_answer": {"poll_id": "p1", "user": USER, "option_ids": [0]}},
    "chat_boost": {
        "chat_boost": {
            "chat": CHANNEL,
            "boost": {
                "boost_id": "b1",
                "add_date": NOW,
                "expiration_date": NOW + 86400,
                "source": {"source": "premium", "user": USER},
            },
        }
    },
    "dice in a private chat": {"message": message(dice={"emoji": "🎲", "value": 3})},
    "group text": {"message": message(GROUP, text=SECRET)},
}

# Shapes aiogram 3.31 cannot parse, or parses into nothing it knows.
UNPARSEABLE = {
    "wrong types": {"message": {"message_id": "x", "date": "eilen", "chat": SECRET}},
    "text not a string": {"message": message(text=12345)},
    "chat without id": {"message": {"message_id": 1, "date": NOW, "chat": {"type": "private"}}},
    "new update kind": {"brand_new_update": {"odd": [1, {"x": None}], "note": SECRET}},
    "empty update": {},
    "null message": {"message": None},
    "list instead of object": {"callback_query": [SECRET]},
}


async def test_unparseable_updates_are_quarantined_and_the_bot_keeps_answering(tmp_path):
    fake = FakeBotAPI()
    bot = await start_bot(tmp_path, await fake.start(), config=write_config(tmp_path))
    family = 5101
    try:
        await fake.send_text(family, "/start")
        junk_ids = [await fake.raw_update(dict(u)) for u in UNPARSEABLE.values()]
        await fake.send_text(family, "turku")  # the same chat: answered after the junk
        await fake.send_text(family + 1, "/start")  # another chat
        sent = await fake.wait_for(family, 2, timeout=60)
        assert "Missä kunnassa" in sent[0].text and "Turku" in sent[1].text
        await fake.wait_for(family + 1, 1)
        # An unknown new content type with odd fields is still a message: answered kindly.
        await fake.raw_update({"message": message(PRIVATE, hologram={"depth": [3, None]})})
        sent = await fake.wait_for(5001, 2)  # first contact: the greeting, then that
        assert "Ymmärrän vain tekstiä" in sent[1].text
    finally:
        _out, err = await stop(bot)
        await fake.stop()
    assert "Traceback" not in err
    assert SECRET not in err and "12345" not in err and "eilen" not in err
    for update_id in junk_ids:
        assert f"quarantined update {update_id} " in err
    db = sqlite3.connect(tmp_path / "bot.sqlite3")
    try:
        rows = db.execute(
            "SELECT update_id, kind, payload, chat FROM inbox WHERE status = 'quarantined'"
        ).fetchall()
    finally:
        db.close()
    assert sorted(r[0] for r in rows) == sorted(junk_ids)
    assert {r[1] for r in rows} >= {"message", "brand_new_update", "callback_query", "unknown"}
    assert all(r[2] == "" and r[3] == "" for r in rows), "quarantine keeps no content"


async def test_every_real_update_kind_is_survived(tmp_path):
    fake = FakeBotAPI()
    bot = await start_bot(tmp_path, await fake.start(), config=write_config(tmp_path))
    try:
        for update in REAL_UPDATES.values():
            await fake.raw_update(dict(update))
        await fake.send_text(5201, "/start")
        sent = await fake.wait_for(5201, 1, timeout=60)
        assert "Missä kunnassa" in sent[0].text
        await fake.send_text(5001, "/start")
        # the first contact greets once; the answer to /start is the second greeting
        await fake.wait_until(lambda: sum("Missä kunnassa" in s.text for s in fake.to(5001)) >= 2)
    finally:
        _out, err = await stop(bot)
        await fake.stop()
    assert "Traceback" not in err
    assert SECRET not in err
    # Nothing was said in groups or channels; the private chat's /start was answered last.
    assert not fake.to(GROUP["id"]) and not fake.to(CHANNEL["id"])
    assert "Missä kunnassa" in fake.to(5001)[-1].text
    # A story and a dice get "I only understand text"; the service message of a topic
    # created in the private chat gets no reply at all.
    only_text = [s for s in fake.to(5001) if s.text.startswith("Ymmärrän vain tekstiä")]
    assert len(only_text) == 2
