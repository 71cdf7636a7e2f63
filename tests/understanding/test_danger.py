"""Danger now is recognised in fi/sv/en on analysed words; calm questions are not.

The small lists here pin behaviour a family would notice; the measure is the labelled
sets in tests/eval/danger (written independently, see their `origin:`), checked below
per category and language.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neuvobot.conversation.danger_reply import danger_line
from neuvobot.conversation.texts import LANGUAGES
from neuvobot.understanding.danger import DangerCategory, detect_danger

K = DangerCategory

URGENT = [
    ("lapsi ei hengitä", K.breathing),
    ("lapsi ei hengita!!", K.breathing),
    ("vauva ei saa henkeä", K.breathing),
    ("poika tukehtuu karkkiin", K.breathing),
    ("barnet andas inte", K.breathing),
    ("min son kan inte andas", K.breathing),
    ("my baby is not breathing", K.breathing),
    ("toddler choking on a grape", K.breathing),
    ("she cant breathe", K.breathing),
    ("taapero söi pesuainekapselin", K.poisoning),
    ("tyttö nielaisi nappipariston", K.button_battery),
    ("poika joi lamppuöljyä", K.poisoning),
    ("2v soi mummon laakkeita", K.poisoning),
    ("barnet har ätit tabletter", K.poisoning),
    ("dottern svalde ett batteri", K.button_battery),
    ("my toddler swallowed a battery", K.button_battery),
    ("son drank bleach", K.poisoning),
    ("en jaksa enää elää", K.self_harm),
    ("mä haluun kuolla", K.self_harm),
    ("ajattelen itsemurhaa", K.self_harm),
    ("jag vill ta livet av mig", K.self_harm),
    ("i want to kill myself", K.self_harm),
    ("my daughter talks about suicide", K.self_harm),
    ("mies lyö mua nyt", K.violence),
    ("mies lyo mua", K.violence),
    ("isä hakkaa äitiä", K.violence),
    ("exä uhkaa tappaa mut", K.violence),
    ("se riehuu veitsen kanssa keittiössä", K.violence),
    ("han slår mig", K.violence),
    ("pappa hotar att döda mamma", K.violence),
    ("he is hitting me right now", K.violence),
    ("my partner has a knife and we locked ourselves in", K.violence),
    ("lapsi on tajuton", K.unresponsive),
    ("vauva ei herää", K.unresponsive),
    ("kuumekouristus 1v", K.seizure),
    ("hänen kasvot turpoaa pähkinästä", K.anaphylaxis),
    ("pojken är medvetslös", K.unresponsive),
    ("my son is having a seizure", K.seizure),
    ("baby turning blue", K.breathing),
    ("lapsi on kadonnut kaupassa", K.missing_child),
    ("my child is missing", K.missing_child),
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

# Kinds of language the old surface patterns missed: compounds, spoken verbs, negation
# split over words, indirect intent. Written as a family would, not copied from a set.
HARDER = [
    ("mummo nielas verenpainelääkkeitä", K.poisoning),
    ("poika joi tuulilasinpesunestettä", K.poisoning),
    ("sonen har druckit spolarvätska", K.poisoning),
    ("she swallowed a bunch of magnets", K.button_battery),
    ("vauva on ihan veltto eikä herää", K.unresponsive),
    ("se sanoo ettei halua enää elää ja on lukinnut itsensä huoneeseen", K.self_harm),
    ("lapset pärjäis paremmin ilman mua", K.self_harm),
    ("naapurissa hakataan joku just nyt, kuuluu huutoa", K.violence),
    ("tyttö putosi hoitopöydältä ja oksentaa nyt", K.fall_head),
    ("my toddler pulled a pan of boiling water over himself", K.burns),
    # one negation over "X or Y"; a negation inside a phrase; silence after swallowing
    ("he can't talk or breathe after the grape", K.breathing),
    ("hon får int nå luft", K.breathing),
    ("pikkusisko laittoi helmen suuhun eikä saa sanaa sanottua", K.breathing),
    # ages and temperatures as numbers: fever under three months is urgent
    ("meillä on 5 viikon ikäinen ja mittari näyttää 38,4", K.infant_fever),
    ("our baby is 7 weeks old and has a temperature of 38.9", K.infant_fever),
    # a spinal sign after a fall; a chemical in the eye; something tried without a name
    ("putosi puusta selälleen ja jalat on ihan tunnottomat", K.fall_head),
    ("fick diskmedel i ögat och det svider jättemycket", K.burns),
    # a denied "all fine" is no resolution; spoken "et" is "että", not "you don't"
    ("vauva ei hengitä normaalisti", K.breathing),
    ("the baby isn't breathing normally and is grey", K.breathing),
    ("kuulostaa et naapurissa joku lyö lasta just nyt", K.violence),
    # dialect doubling and spoken past tense
    ("ukki kaatu eikä herrää", K.unresponsive),
]

NOT_NOW = [
    "palaan töihin ensi kuussa, päivähoitopaikka?",
    "eilen lapsi söi pesuainetta, nyt kaikki ok, pitääkö seurata",
    "last week my son had a febrile seizure, should we see a doctor",
    "miten säilytän lääkkeet turvallisesti",
    "mä kuolen nauruun tän lapsen kanssa",
    "poika pelaa peliä jossa kaikki hukkuu",
    "5-vuotias lyö muita lapsia päiväkodissa",
    "kuinka paljon parasetamolia saa antaa 12 kg lapselle",
    "mikä on myrkytystietokeskuksen numero",
    "kun hän oli pieni, hän putosi sängystä ja nyt mietin jälkiä",
    "vi trodde att han svalt ett batteri men vi hittade det i soffan",
    "in the book we read a boy gets lost in the woods. Now my son is scared of the dark",
    "vauva on 6 viikon ikäinen, saako hänelle antaa D-vitamiinia",
    "poika meinas tukehtua nakkiin mutta yski sen pois",
    "my kids were on fire at the football match today",
    "vi trodde att hon svalt en magnet men vi hittade den under mattan",
    # the writer's own confusion by the water is no hypothermia sign
    "We were at the lake all weekend and now I'm confused about the sunscreen rules for babies",
    "Olen ihan sekaisin näistä uimakoulujen hinnoista, mikä olisi hyvä 6-vuotiaalle",
]


@pytest.mark.parametrize(("text", "kind"), URGENT + HARDER)
def test_danger_now_is_caught_with_its_category(text, kind):
    danger = detect_danger(text)
    assert danger is not None, text
    assert kind in danger.categories, (text, danger)


@pytest.mark.parametrize("text", CALM + NOT_NOW)
def test_calm_or_past_messages_do_not_sound_the_alarm(text):
    assert detect_danger(text) is None, (text, detect_danger(text))


def test_danger_in_the_third_sentence_of_a_long_message_is_caught():
    text = (
        "Hei, meillä on ollut pitkä päivä ja kaikki on väsyneitä. Käytiin kaupassa ja "
        "leikkipuistossa. " * 12 + "Nyt huomasin että taapero on nielaissut nappipariston."
    )
    assert detect_danger(text).category is K.button_battery


def test_symptom_free_swallowing_gets_poison_advice_first_others_112():
    calm = detect_danger("2v söi mummon lääkkeitä")
    sick = detect_danger("2v söi mummon lääkkeitä ja on nyt tosi tokkurainen")
    for lang in LANGUAGES:
        assert danger_line(lang, calm).find("0800 147 111") < 40
        assert "112" in danger_line(lang, sick)[:40]
    battery = detect_danger("vauva nielaisi nappipariston, ei oireita")
    assert battery.category is K.button_battery
    assert "112" in danger_line("fi", battery)[:60]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_is_handled(text):
    detect_danger(text)


def test_huge_or_hostile_message_is_handled():
    assert detect_danger("lapsi ei hengitä " + "x" * 100_000) is not None
    assert detect_danger("\u202e\u0000" * 50_000) is None


def test_en_negates_in_finnish_and_is_an_article_in_swedish():
    from neuvobot.understanding.words import analyse_words

    swedish = {w.surface: w.negation for w in analyse_words("jag hör en kvinna som skriker")}
    finnish = {w.surface: w.negation for w in analyse_words("en jaksa enää ja lapsi itkee")}
    assert swedish["en"] is False and finnish["en"] is True


def test_a_compound_modifier_tells_no_story_but_names_a_substance():
    # "kirjahylly" (bookshelf) is no book, so the fall is not fiction; "verenpainelääke"
    # is a medicine, and its modifier "veri" does not make it bleeding.
    fall = detect_danger("kaksvuotias kiipesi kirjahyllyyn ja putosi päälleen, nyt oksentaa")
    assert fall is not None and fall.category is DangerCategory.fall_head
    pills = detect_danger("mummon verenpainelääkkeitä lapsi on syönyt kolme")
    assert pills is not None and pills.category is DangerCategory.poisoning
