"""Hypothesis strategies for what families (and strangers) send: odd text of every kind,
button data real, forged and malformed, commands known and unknown."""

from __future__ import annotations

from hypothesis import strategies as st

from neuvobot.conversation.texts import LANGUAGES, t

# Characters that break naive code: controls, bidi overrides, zero-width joiners, combining
# marks, surrogate-free astral emoji, a BOM, the Unicode replacement character.
NASTY = (
    "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\u0085\u00a0\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\ufffd"
    "\u0301\u0308\u0336\u20dd"  # combining acute, diaeresis, long stroke, enclosing circle
    "مرحبا שלום"  # right-to-left scripts
    "👶🏽👨‍👩‍👧‍👦🏳️‍🌈🇫🇮❤️\U0001f9d1\u200d\U0001f37c"
    "ÅÄÖåäö/@#:*?\"'<>{}[]()\\|~^%$&;"
)
WORDS = [
    "neuvola",
    "lapsi",
    "kuumetta",
    "päiväkoti",
    "turku",
    "salo",
    "barn",
    "help",
    "AND",
    "OR",
    "NOT",
    "*",
    "~2",
    '"',
    "lapsi ei hengitä",  # danger words: 112 must come first even in odd text
    "myrkytys",
    "haluan puhua hoitajalle",
]
KNOWN_DATA = [
    "more",
    "nurse",
    "chm",
    "m:?",
    "m:turku",
    "m:jyvaskyla",
    "m:atlantis",
    "fg:y",
    "fg:n",
    "lang:sv",
    "lang:en",
    "lang:fi",
    "lang:xx",
    "rate:3",
    "rate:9",
    "case:cancel",
    "take:AAAAA",
    "case:1:take",
]
COMMANDS = [
    "/start",
    "/help",
    "/kunta",
    "/kunta turku",
    "/language",
    "/forget",
    "/unohda",
    "/nurse",
    "/start@neuvobot_test_bot",
    "/START",
    "/",
    "//",
    "/quit",
    "/case 1",
    "/c 9",
    "/transfer x",
    "/" + "x" * 300,
]

nasty_text = st.text(alphabet=st.sampled_from(NASTY), max_size=40)
plain_text = st.text(max_size=200)  # any Unicode, surrogates excluded by hypothesis
mixed_text = st.lists(st.one_of(st.sampled_from(WORDS), nasty_text, plain_text), max_size=8).map(
    " ".join
)
huge_text = st.builds(
    lambda piece, times: (piece or "a") * times,
    st.one_of(st.sampled_from(WORDS), nasty_text),
    st.integers(min_value=2_000, max_value=100_000 // 3),
).map(lambda s: s[:100_000])
message_text = st.one_of(
    mixed_text,
    mixed_text,
    mixed_text,
    st.just(""),
    st.sampled_from(["   ", "\n\n", "\u200b", "\x00"]),
    huge_text,
    st.sampled_from(COMMANDS),
    st.tuples(st.sampled_from(COMMANDS), mixed_text).map(" ".join),
)
callback_data = st.one_of(
    st.sampled_from(KNOWN_DATA),
    st.text(max_size=80),
    st.binary(max_size=64).map(lambda b: b.decode("latin-1")),
    st.tuples(st.sampled_from(["m", "lang", "rate", "fg", "case", "take"]), nasty_text).map(
        ":".join
    ),
)
locales = st.sampled_from([None, "fi", "sv", "en", "en-US", "ru", "", "zz-ZZ", "fi" * 40])
content_types = st.sampled_from(
    ["photo", "voice", "sticker", "video", "document", "location", "contact", "dice", "poll"]
)


def internal_detail(text: str, sent: str = "") -> str | None:
    """A sign of internals leaking into what a family reads; None when there is none.
    Markers in what the family sent (`sent`) may come back quoted, so they don't count."""
    for marker in (
        "Traceback",
        'File "',
        "Error",
        "Exception",
        "sqlite",
        "aiogram",
        "pydantic",
        "None",
        "{",
        "}",
        "\x00",
    ):
        if marker in text and marker not in sent:
            return marker
    return None


def greetings() -> set[str]:
    return {t(lang, "greeting") for lang in LANGUAGES}
