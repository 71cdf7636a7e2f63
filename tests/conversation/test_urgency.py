"""Danger now is recognised in fi/sv/en, typed fast and without umlauts; calm questions are not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neuvobot.conversation.urgency import UrgencyKind, detect_urgency, urgency_report
from tests.conftest import SHARED

K = UrgencyKind

URGENT = [
    ("lapsi ei hengitä", K.not_breathing),
    ("lapsi ei hengita!!", K.not_breathing),
    ("vauva ei saa henkeä", K.not_breathing),
    ("poika tukehtuu karkkiin", K.not_breathing),
    ("barnet andas inte", K.not_breathing),
    ("min son kan inte andas", K.not_breathing),
    ("my baby is not breathing", K.not_breathing),
    ("toddler choking on a grape", K.not_breathing),
    ("she cant breathe", K.not_breathing),
    ("taapero söi pesuainekapselin", K.poisoning),
    ("tyttö nielaisi nappipariston", K.poisoning),
    ("poika joi lamppuöljyä", K.poisoning),
    ("2v soi mummon laakkeita", K.poisoning),
    ("barnet har ätit tabletter", K.poisoning),
    ("dottern svalde ett batteri", K.poisoning),
    ("my toddler swallowed a battery", K.poisoning),
    ("son drank bleach", K.poisoning),
    ("en jaksa enää elää", K.suicidal),
    ("mä haluun kuolla", K.suicidal),
    ("ajattelen itsemurhaa", K.suicidal),
    ("jag vill ta livet av mig", K.suicidal),
    ("i want to kill myself", K.suicidal),
    ("my daughter talks about suicide", K.suicidal),
    ("mies lyö mua nyt", K.violence),
    ("mies lyo mua", K.violence),
    ("isä hakkaa äitiä", K.violence),
    ("exä uhkaa tappaa mut", K.violence),
    ("se riehuu veitsen kanssa keittiössä", K.violence),
    ("han slår mig", K.violence),
    ("pappa hotar att döda mamma", K.violence),
    ("he is hitting me right now", K.violence),
    ("my partner has a knife and we locked ourselves in", K.violence),
    ("lapsi on tajuton", K.medical),
    ("vauva ei herää", K.medical),
    ("kuumekouristus 1v", K.medical),
    ("hänen kasvot turpoaa pähkinästä", K.medical),
    ("pojken är medvetslös", K.medical),
    ("my son is having a seizure", K.medical),
    ("baby turning blue", K.medical),
    ("lapsi on kadonnut kaupassa", K.child_danger),
    ("my child is missing", K.child_danger),
]

CALM = [
    "lähisuhdeväkivalta, mistä apua?",
    "exäni oli väkivaltainen vuosia sitten, miten käsitellä",
    "miten tehdä lastensuojeluilmoitus",
    "vauva ei nuku yöllä",
    "lapsi ei syö kasviksia",
    "2v ei puhu vielä",
    "myrkytystietokeskuksen numero talteen",
    "mistä saa lääkärin lapselle",
    "lapsi löi päänsä mutta leikkii normaalisti",
    "oon itse lyöny puolisoa ja haluun apua",
    "poika hakkaa pelikonsolia tuntikausia",
    "kuinka paljon buranaa saa antaa 5-vuotiaalle",
    "imetys sattuu",
    "hengitysharjoituksia synnytykseen",
    "astma lapsella, kuka hoitaa",
    "vår sjuåring slår sönder saker",
    "barnet vill inte äta",
    "var finns rådgivningen",
    "my 4 year old hits other kids at daycare",
    "how do I childproof cleaning products",
    "is paracetamol safe during pregnancy",
    "divorce help for kids",
    "football results",
    "my teen is sad all the time",
    "baby wont stop crying",
    "neuvolan aukioloajat",
    "kotihoidon tuki",
    "perheneuvola jonottaa",
    "tyttö kiusataan koulussa",
    "päihdeongelma miehellä",
]


@pytest.mark.parametrize(("text", "kind"), URGENT)
def test_urgent_messages_are_caught_with_the_right_kind(text, kind):
    urgency = detect_urgency(text)
    assert urgency is not None, text
    assert urgency.kind is kind, (text, urgency)


@pytest.mark.parametrize("text", CALM)
def test_calm_questions_do_not_sound_the_alarm(text):
    assert detect_urgency(text) is None


def test_dev_set_every_urgent_caught_few_false_alarms():
    questions = SHARED / "eval" / "questions-dev.yaml"
    if not questions.exists():
        pytest.skip("../shared/eval is not beside the project")
    report = urgency_report(str(questions))
    assert report["missed"] == []
    assert report["false_alarm_rate"] < 0.03, report["false_alarms"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_is_handled(text):
    detect_urgency(text)


def test_huge_message_is_handled_quickly():
    assert detect_urgency("lapsi ei hengitä " + "x" * 100_000) is not None
    assert detect_urgency("\u202e\u0000" * 50_000) is None
