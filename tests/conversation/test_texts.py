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


def test_emergency_lines_carry_the_number_within_240_characters():
    from neuvobot.understanding.danger import DangerCategory

    for lang in LANGUAGES:
        assert "112" in t(lang, "urgent_112")
        for category in DangerCategory:
            for key in (f"danger_{category.value}", f"danger_{category.value}_likely"):
                assert 0 <= t(lang, key).find("112") < 240, (lang, key)
        assert "0800 147 111" in t(lang, "danger_poisoning_advice")[:60]
        assert "09 2525 011" in t(lang, "danger_self_harm")
        assert "080 005 005" in t(lang, "danger_violence")


def test_telegram_language_codes():
    assert normalise_lang("sv-FI") == "sv"
    assert normalise_lang("en") == "en"
    assert normalise_lang("de") is None
    assert normalise_lang(None) is None
