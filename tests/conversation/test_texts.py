"""Every user-facing text exists in Finnish, Swedish and English, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from neuvobot.conversation.texts import LANGUAGES, messages, normalise_lang, t


def placeholders(template: object) -> set[str]:
    if not isinstance(template, str):
        return set()
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_key_in_every_language(lang):
    reference = messages("fi")
    table = messages(lang)
    missing = sorted(set(reference) - set(table))
    extra = sorted(set(table) - set(reference))
    assert not missing, f"{lang}.yaml lacks {missing}"
    assert not extra, f"{lang}.yaml has keys fi.yaml lacks: {extra}"
    for key, template in reference.items():
        assert placeholders(table[key]) == placeholders(template), f"{lang}.{key} placeholders"
        assert table[key], f"{lang}.{key} is empty"


def test_weekday_lists_have_seven_days():
    for lang in LANGUAGES:
        assert len(messages(lang)["weekdays"]) == 7


def test_emergency_lines_start_with_the_number():
    for lang in LANGUAGES:
        assert "112" in t(lang, "urgent_112")
        assert "0800 147 111" in t(lang, "urgent_poisoning")
        assert "112" in t(lang, "urgent_poisoning")
        assert "112" in t(lang, "urgent_suicidal") and "09 2525 011" in t(lang, "urgent_suicidal")


def test_telegram_language_codes():
    assert normalise_lang("sv-FI") == "sv"
    assert normalise_lang("en") == "en"
    assert normalise_lang("de") is None
    assert normalise_lang(None) is None
