"""A logging filter that keeps families' words, names and ids out of every log line.

Neuvobot's own modules log only counts, states and exception types. Libraries do not:
at debug level a database library may log each SQL call with its parameters, aiogram
logs update contents, and any exception's text may quote a message. So the root
handler gets this filter: library records below WARNING are dropped (except
aiogram's update and polling lines, whose templates are known), library records keep only
their numeric arguments, and every traceback keeps its frames but loses the exception's
message.
"""

from __future__ import annotations

import logging
import re
import traceback

OWN_PREFIX = "neuvobot"
REDACTED = "<redacted>"
# Libraries whose debug and info lines are %-templates of ids and timings ("Update id=%s
# is handled. Duration %d ms"): kept below WARNING, with their text arguments redacted.
KNOWN_TEMPLATES = ("aiogram.event", "aiogram.dispatcher")
# Exception class names (aiogram logs "Failed to fetch updates - %s: %s" with one).
_CLASS_NAME = re.compile(r"[A-Z][A-Za-z]*(Error|Exception|Warning)")


def _safe_arg(value: object) -> object:
    # Numbers (update ids, durations, counts) say nothing about a family; text might.
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, str) and _CLASS_NAME.fullmatch(value):
        return value
    return REDACTED


def _frames_only(exc_info: tuple) -> str:
    """The traceback's frames and the exception type, without str(exception)."""
    kind, value, tb = exc_info
    stack = "".join(traceback.format_tb(tb))
    name = kind.__name__ if kind is not None else type(value).__name__
    return f"Traceback (most recent call last):\n{stack}{name} (message withheld)"


class PrivacyFilter(logging.Filter):
    """Install on the handler(s) that write logs; see the module docstring."""

    def filter(self, record: logging.LogRecord) -> bool:
        own = record.name == OWN_PREFIX or record.name.startswith(OWN_PREFIX + ".")
        if not own:
            if record.levelno < logging.WARNING and record.name not in KNOWN_TEMPLATES:
                return False
            if isinstance(record.args, dict):
                record.args = {k: _safe_arg(v) for k, v in record.args.items()}
            elif record.args:
                record.args = tuple(_safe_arg(a) for a in record.args)
            elif not isinstance(record.msg, str):
                record.msg = REDACTED  # an object logged directly: its repr may hold content
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = _frames_only(record.exc_info)
            record.exc_info = None
        return True


def install(level: int) -> None:
    """Configure the root logger once, at `level`, with the filter on its handler."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, PrivacyFilter) for f in handler.filters):
            handler.addFilter(PrivacyFilter())
