"""Nothing a family or nurse wrote, and no Telegram id, reaches a log line, even at DEBUG."""

from __future__ import annotations

import io
import logging

from neuvobot.channels.telegram.logfilter import PrivacyFilter
from neuvobot.conversation.core import InKind
from tests.privacy.inprocess import (
    CLOSE_NOTE,
    FAMILY_KEY,
    NURSE_ID,
    SENTINELS,
    family_to_nurse,
    open_flow,
)


def _leaks(text: str) -> list[str]:
    return [s for s in SENTINELS if s in text]


async def test_full_flow_at_debug_logs_nothing_personal(tmp_path, caplog, searcher):
    # What the bot's handler writes (with the filter the runner installs) and, beside it,
    # the raw records: nothing in the flow may log content even before the filter.
    caplog.set_level(logging.DEBUG)
    caplog.handler.addFilter(PrivacyFilter())
    raw = io.StringIO()
    raw_handler = logging.StreamHandler(raw)
    logging.getLogger().addHandler(raw_handler)
    try:
        flow = await open_flow(tmp_path / "bot.sqlite3", searcher)
        try:
            case = await family_to_nurse(flow)
            assert not (await flow.queue.take("varha", case.number, 999)).ok  # a stranger
            assert (await flow.queue.close(case, NURSE_ID, CLOSE_NOTE)).ok
            await flow.say("rate:5", InKind.button)
            await flow.say("/forget", InKind.command)
            await flow.say("fg:y", InKind.button)
        finally:
            await flow.storage.close()
    finally:
        logging.getLogger().removeHandler(raw_handler)

    assert "refused nurse action: take" in raw.getvalue()  # the capture is real
    assert _leaks(raw.getvalue()) == []
    assert "refused nurse action: take" in caplog.text  # our own lines still get through
    assert _leaks(caplog.text) == []
    assert FAMILY_KEY not in caplog.text


def _line(logger: str, level: int, msg: str, *args, exc: BaseException | None = None) -> str:
    record = logging.LogRecord(logger, level, __file__, 1, msg, args, None)
    if exc is not None:
        record.exc_info = (type(exc), exc, exc.__traceback__)
    handler = logging.StreamHandler(io.StringIO())
    handler.addFilter(PrivacyFilter())
    handler.handle(record)
    return handler.stream.getvalue()


def test_library_lines_keep_numbers_and_error_names_but_not_text():
    assert _line("some.database", logging.DEBUG, "executing %s", "INSERT … 'zyxw'") == ""
    line = _line("aiogram.event", logging.WARNING, "update %d from %s", 17, "zyxw Perhe")
    assert "update 17 from <redacted>" in line
    line = _line("aiogram.dispatcher", logging.ERROR, "Failed - %s: %s", "TimeoutError", "zyxw")
    assert "Failed - TimeoutError: <redacted>" in line


def test_tracebacks_keep_frames_but_not_the_exception_message():
    words = "zyxw secret message"  # a variable: the traceback shows source lines
    try:
        raise ValueError(f"could not parse {words!r}")
    except ValueError as exc:
        error = exc
    line = _line("neuvobot.channels.telegram.delivery", logging.ERROR, "delivery error", exc=error)
    assert "Traceback" in line and "test_tracebacks_keep_frames" in line
    assert "ValueError" in line and "zyxw" not in line
