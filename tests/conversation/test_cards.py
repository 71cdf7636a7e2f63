"""Cards say what is known, once: what a family reads under the services found."""

from __future__ import annotations

import datetime as dt

from neuvobot.catalogue.model import Service
from neuvobot.conversation.cards import render_cards
from neuvobot.conversation.texts import t

NOW = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)


def service(sid: str, channels: list[dict], review: str | None = "needed") -> Service:
    checked = {"review": review} if review else {"reviewed": "2026-12-01"}
    return Service.model_validate(
        {
            **checked,
            "id": f"service-{sid}",
            "areas": ["turku"],
            "type": "family_work",
            "name": {"fi": f"Palvelu {sid}"},
            "summary": {"fi": "Tukea arkeen."},
            "provider": {"kind": "wellbeing_county", "name": {"fi": "Hyvinvointialue"}},
            "channels": channels,
        }
    )


WEB = {"kind": "web", "url": "https://example.org/palvelu"}
ADDRESS = {
    "kind": "location",
    "address": {"street": {"fi": "Katu 1"}, "postal_code": "20100", "city": {"fi": "Turku"}},
}


def test_details_pending_is_said_once_under_several_cards():
    cards = render_cards([service("a", [WEB]), service("b", [WEB]), service("c", [WEB])], "fi", NOW)
    text = "\n\n".join(cards)
    assert text.count(t("fi", "details_pending")) == 1
    assert text.index(t("fi", "details_pending")) > text.index("Palvelu c")


def test_no_web_page_no_advice_to_check_the_web_page():
    text = "\n\n".join(render_cards([service("a", [ADDRESS])], "fi", NOW))
    assert t("fi", "hours_unknown") not in text
    text = "\n\n".join(render_cards([service("a", [WEB])], "fi", NOW))
    assert t("fi", "hours_unknown") in text


def test_an_entry_without_channels_says_how_to_reach_it():
    for lang in ("fi", "sv", "en"):
        text = "\n\n".join(render_cards([service("a", [])], lang, NOW))
        assert t(lang, "no_channel") in text


def test_a_round_the_clock_service_says_so():
    phone = {"kind": "phone", "phone": "0800 147 111", "hours": {"always": True}}
    text = "\n\n".join(render_cards([service("a", [phone], review=None)], "fi", NOW))
    assert t("fi", "open_always") in text
    assert t("fi", "details_pending") not in text
