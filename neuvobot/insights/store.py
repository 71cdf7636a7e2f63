"""Keep a question the catalogue could not answer: scrubbed, counted per day and municipality.

Called by the conversation core when search found nothing and by the nurse queue when a
case opens (the family's last question). Only the scrubbed text, the municipality, the
reply language, why it was kept and the day are stored: never who asked.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Any
from zoneinfo import ZoneInfo

from neuvobot.insights.scrub import catalogue_vocabulary, has_content, scrub
from neuvobot.storage.base import UserState

log = logging.getLogger(__name__)

HELSINKI = ZoneInfo("Europe/Helsinki")
SOURCES = ("no_match", "nurse")


async def record_question(
    storage: Any,
    user: UserState,
    text: str | None,
    source: str,
    *,
    catalogue: Any | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Count `text` as a question families did not find an answer to. Never raises:
    insights must not cost a family their answer."""
    record = getattr(storage, "record_insight", None)
    if record is None or not text or not user.municipality:
        return
    try:
        # In a thread: dictionary look-ups must not hold up other families' answers.
        scrubbed = await asyncio.to_thread(lambda: scrub(text, catalogue_vocabulary(catalogue)))
        if not has_content(scrubbed):
            return
        moment = now or dt.datetime.now(dt.UTC)
        day = moment.astimezone(HELSINKI).date()
        await record(day, user.municipality, user.lang, source, scrubbed)
    except Exception as exc:  # the type only: the message could quote the question
        log.warning("insight not recorded: %s", type(exc).__name__)
