"""The conversation core, every branch, in Finnish, Swedish and English, on the real
catalogue, real search and a real SQLite database."""

from __future__ import annotations

import datetime as dt

import pytest

from neuvobot.app import build_searcher
from neuvobot.conversation.core import Conversation, FloodGuard, Incoming, InKind
from neuvobot.conversation.texts import t
from neuvobot.storage.base import StorageError, UserState
from neuvobot.storage.sqlite import SqliteStorage
from tests.conftest import SHIPPED_CATALOGUE

# A Tuesday morning in Helsinki, so opening hours are predictable.
NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def searcher(tmp_path_factory):
    return build_searcher(SHIPPED_CATALOGUE, tmp_path_factory.mktemp("index"))


@pytest.fixture
async def storage(tmp_path):
    store = SqliteStorage(tmp_path / "bot.sqlite3")
    await store.open()
    yield store
    await store.close()


@pytest.fixture
def bot(storage, searcher):
    from neuvobot.search.language import detect_language

    return Conversation(
        storage, lambda: searcher, clock=lambda: NOW, detect_language=detect_language
    )


class Family:
    """One family member talking to the core, like a channel would."""

    def __init__(self, bot: Conversation, key: str = "test:1", locale: str | None = "fi") -> None:
        self.bot = bot
        self.key = key
        self.locale = locale
        self.last = None

    async def say(self, text: str):
        kind = InKind.command if text.startswith("/") else InKind.text
        self.last = await self.bot.handle(Incoming(self.key, "test", kind, text, self.locale))
        return self.last

    async def press(self, data: str):
        self.last = await self.bot.handle(
            Incoming(self.key, "test", InKind.button, data, self.locale)
        )
        return self.last

    async def send(self, content: str):
        self.last = await self.bot.handle(
            Incoming(self.key, "test", InKind.unsupported, "", self.locale, content)
        )
        return self.last

    def buttons(self) -> list[str]:
        return [b.data for r in self.last.replies for row in r.buttons for b in row]

    def labels(self) -> list[str]:
        return [b.label for r in self.last.replies for row in r.buttons for b in row]


async def settled(bot, municipality="turku", lang="fi", key="test:1") -> Family:
    await bot.storage.save_user(
        UserState(key=key, channel="test", lang=lang, lang_fixed=True, municipality=municipality)
    )
    return Family(bot, key, lang)


GREETING = {
    "fi": "Missä kunnassa asut?",
    "sv": "I vilken kommun bor du?",
    "en": "Which municipality do you live in?",
}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
async def test_start_greets_in_the_users_language_and_asks_municipality(bot, lang):
    family = Family(bot, locale={"fi": "fi", "sv": "sv-FI", "en": "en-GB"}[lang])
    out = await family.say("/start")
    assert GREETING[lang] in out.text
    assert "112" in out.text  # says it is not an emergency service


async def test_unknown_locale_defaults_to_finnish(bot):
    out = await Family(bot, locale="de").say("/start")
    assert GREETING["fi"] in out.text


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("jyväskylässä", "Jyväskylä"),
        ("Åbo", "Turku"),
        ("uusikaupunki", "Uusikaupunki"),
        ("jkl", "Jyväskylä"),  # the abbreviations people write
        ("tku", "Turku"),
        ("Pargas", "Parainen"),
    ],
)
async def test_loosely_typed_municipality_is_remembered(bot, storage, typed, name):
    family = Family(bot)
    await family.say("/start")
    out = await family.say(typed)
    assert name in out.text
    user = await storage.get_user(family.key)
    slug = name.lower().replace("ä", "a").replace("å", "a")
    assert user.municipality == slug


async def test_typo_gets_buttons_to_confirm(bot, storage):
    family = Family(bot)
    await family.say("/start")
    await family.say("jyvaskula")
    assert "m:jyvaskyla" in family.buttons()
    assert "m:?" in family.buttons()
    out = await family.press("m:jyvaskyla")
    assert "Jyväskylä" in out.text
    assert (await storage.get_user(family.key)).municipality == "jyvaskyla"


@pytest.mark.parametrize("hello", ["Hei!", "moi", "hej", "Hello"])
async def test_a_greeting_is_greeted_not_searched_or_taken_for_a_municipality(bot, hello):
    family = Family(bot)
    out = await family.say(hello)  # first contact
    assert "112" in out.text  # the greeting, with "not an emergency service"
    out = await family.say(hello)  # and again, while the bot waits for the municipality
    assert out.text.strip().endswith(("asut? Kirjoita kunnan nimi.", "kommunens namn.", "name."))
    assert hello not in out.text  # not "I did not recognise the municipality ..."
    out = await family.say("turku")
    assert out.services == [] and "En löytänyt" not in out.text  # "hei" was not a question


async def test_an_unknown_municipality_is_quoted_back_without_control_characters(bot):
    family = Family(bot)
    await family.say("/start")
    out = await family.say("kun\x07ta\u202exyz")
    assert "kun ta xyz" in out.text
    assert not any(c in out.text for c in "\x07\u202e")


async def test_control_characters_never_reach_storage_or_a_reply(bot, storage):
    family = Family(bot)
    out = await family.say("mun 2v ei\x00 puhu\x1b vielä")  # kept until the municipality is known
    user = await storage.get_user("test:1")
    assert "\x00" not in repr(user.pending) and "\x1b" not in repr(user.pending)
    out = await family.say("turku")
    assert out.services and not any(c in out.text for c in "\x00\x1b")


async def test_a_question_typed_at_the_municipality_prompt_is_kept_and_said_so(bot):
    family = Family(bot)
    await family.say("/start")
    out = await family.say("vauva ei nuku öisin yhtään")
    assert out.text.startswith("Kysymyksesi on tallessa") and "En tunnistanut" not in out.text
    out = await family.say("kemiönsaari")
    assert out.services, "the kept question is answered once the municipality is known"
    assert "Kemiönsaari" in out.text


async def test_first_message_question_is_answered_after_municipality(bot):
    family = Family(bot)
    out = await family.say("mun 2v ei puhu vielä")
    assert GREETING["fi"] in out.text
    assert out.services == []
    out = await family.say("turku")
    assert out.services, "the question asked before the municipality should now be answered"
    assert "Turku" in out.text


@pytest.mark.parametrize(
    ("lang", "question", "types"),
    [
        ("fi", "perheneuvolaan jonoa?", {"family_counselling"}),
        (
            "sv",
            "skilsmässa stöd barn",
            {"divorce_support", "family_counselling", "child_supervisor", "family_mediation"},
        ),
        (
            "en",
            "my baby wont stop crying",
            {"child_health_clinic", "clinic_nurse_chat", "family_counselling", "parent_helpline"},
        ),
    ],
)
async def test_question_gets_at_most_three_cards_with_buttons(bot, lang, question, types):
    family = await settled(bot, "turku", lang)
    out = await family.say(question)
    assert 1 <= len(out.services) <= 3
    assert types & {s.type for s in out.services}
    assert set(family.buttons()) == {"more", "nurse", "chm"}
    # A card says how to reach the service now: a phone, a link or that details are coming.
    first = out.services[0]
    assert first.name.get(lang) in out.text


async def test_more_gives_other_services(bot):
    family = await settled(bot, "jyvaskyla")
    first = await family.say("neuvola")
    more = await family.press("more")
    assert more.services
    assert not {s.id for s in first.services} & {s.id for s in more.services}


@pytest.mark.parametrize(
    ("lang", "text", "first_line"),
    [
        ("fi", "lapsi ei hengitä", "112"),
        ("sv", "barnet andas inte", "112"),
        ("en", "my baby is not breathing", "112"),
        ("fi", "poika söi äsken pesuainetta", "0800 147 111"),
        ("en", "i want to kill myself", "09 2525 01"),
        ("fi", "mies lyö mua nyt", "112"),
    ],
)
async def test_urgent_message_puts_the_emergency_number_first(bot, lang, text, first_line):
    family = await settled(bot, "salo", lang)
    out = await family.say(text)
    assert out.urgent is not None
    assert first_line in out.replies[0].text.splitlines()[0]
    assert "112" in out.replies[0].text
    assert "nurse" in family.buttons()


async def test_urgent_before_municipality_is_known(bot):
    out = await Family(bot).say("lapsi ei hengitä")
    assert "112" in out.replies[0].text.splitlines()[0]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
async def test_no_match_says_so_and_offers_the_nurse(bot, lang):
    family = await settled(bot, "turku", lang)
    out = await family.say(
        {"fi": "huomisen sää", "sv": "vädret i morgon", "en": "football results"}[lang]
    )
    assert out.services == []
    assert out.offers_nurse
    assert "nurse" in family.buttons()


async def test_two_unhelpful_answers_bring_a_proactive_offer(bot):
    family = await settled(bot, "turku", "en")
    await family.say("football results")
    out = await family.say("weather tomorrow")
    assert "Didn't the answers help?" in out.text


@pytest.mark.parametrize("content", ["photo", "voice", "sticker", "document", "location"])
async def test_unsupported_content_gets_a_kind_reply(bot, content):
    family = await settled(bot, "turku", "en")
    out = await family.send(content)
    assert "I only understand text" in out.text


@pytest.mark.parametrize(
    ("lang", "command"), [("fi", "/kunta"), ("sv", "/kommun"), ("en", "/municipality")]
)
async def test_municipality_can_be_changed(bot, storage, lang, command):
    family = await settled(bot, "turku", lang)
    out = await family.say(command)
    assert GREETING[lang] in out.text
    await family.say("Laukaa")
    assert (await storage.get_user(family.key)).municipality == "laukaa"


async def test_language_command(bot, storage):
    family = await settled(bot, "turku", "fi")
    await family.say("/language")
    assert {"lang:fi", "lang:sv", "lang:en"} <= set(family.buttons())
    out = await family.press("lang:sv")
    assert "svenska" in out.text
    assert (await storage.get_user(family.key)).lang == "sv"


async def test_language_follows_the_messages(bot, storage):
    family = Family(bot, locale="fi")
    await family.say("/start")
    await family.say("turku")
    await family.say("where can I get help with my child's speech")
    assert (await storage.get_user(family.key)).lang == "en"


async def test_forget_deletes_everything_after_confirmation(bot, storage):
    family = await settled(bot, "turku", "fi")
    await family.say("lastensuojeluilmoitus miten tehdään")
    await family.say("/forget")
    assert {"fg:y", "fg:n"} == set(family.buttons())
    out = await family.press("fg:y")
    assert "poistettu" in out.text
    dump = repr(await storage.table_dump())
    assert family.key not in dump and "lastensuojeluilmoitus" not in dump


@pytest.mark.parametrize("pending", ["confirming", "forgotten"])
async def test_danger_right_around_forget_gets_112_first(bot, pending):
    family = await settled(bot, "turku", "fi")
    await family.say("/forget")
    if pending == "forgotten":
        await family.press("fg:y")
    out = await family.say("mieheni lyö minua nyt ja lapset huutaa")
    assert "112" in out.replies[0].text[:240]


async def test_forget_can_be_cancelled(bot, storage):
    family = await settled(bot, "turku", "en")
    await family.say("/forget")
    out = await family.press("fg:n")
    assert "nothing was deleted" in out.text
    assert (await storage.get_user(family.key)).municipality == "turku"


@pytest.mark.parametrize(
    "data", ["fg:y", "m:atlantis", "lang:de", "more", "x" * 300, "", "case:1:take"]
)
async def test_stale_or_forged_buttons_do_nothing(bot, storage, data):
    family = Family(bot, key="test:new", locale="en")
    await family.say("/start")
    await family.say("turku")
    out = await family.press(data)
    user = await storage.get_user(family.key)
    assert user is not None and user.municipality == "turku"
    assert out.replies and "Traceback" not in out.text


async def test_every_message_is_stored_before_answering(bot, storage):
    family = await settled(bot, "turku", "fi")
    await family.say("neuvolan aukioloajat")
    log = await storage.recent_messages(family.key)
    assert [m.direction for m in log] == ["in", "out"]
    assert log[0].text == "neuvolan aukioloajat"


async def test_flood_gets_one_polite_reply(storage, searcher):
    bot = Conversation(storage, lambda: searcher, clock=lambda: NOW, flood=FloodGuard(3, 60))
    family = await settled(bot, "turku", "en")
    outs = [await family.say(f"question {i}") for i in range(6)]
    texts = [o.text for o in outs]
    assert sum("Messages are coming in fast" in t for t in texts) == 1
    assert outs[-1].replies == []  # after the warning, extra messages are quietly stored
    assert len(await storage.recent_messages(family.key, 100)) >= 6


async def test_urgent_message_is_answered_even_when_flooding(storage, searcher):
    bot = Conversation(storage, lambda: searcher, clock=lambda: NOW, flood=FloodGuard(1, 60))
    family = await settled(bot, "turku", "fi")
    await family.say("hei")
    await family.say("hei")
    out = await family.say("lapsi ei hengitä")
    assert "112" in out.replies[0].text.splitlines()[0]


async def test_storage_failure_still_gives_emergency_number(searcher):
    class Broken:
        async def get_user(self, key):
            raise StorageError("disk full")

    bot = Conversation(Broken(), lambda: searcher, clock=lambda: NOW)  # type: ignore[arg-type]
    out = await bot.handle(Incoming("k", "test", InKind.text, "lapsi ei hengitä", "fi"))
    assert "112" in out.replies[0].text.splitlines()[0]
    assert "teknisiä ongelmia" in out.text


class BrokenSearch:
    """Search that is down: the index failed to open, the disk went away."""

    def find(self, *args, **kwargs):
        raise OSError("index unreadable")

    def services_of_type(self, *args, **kwargs):
        raise OSError("index unreadable")


async def test_search_down_still_gives_the_danger_line_and_the_nurse(storage):
    bot = Conversation(storage, lambda: BrokenSearch(), clock=lambda: NOW)  # type: ignore
    family = await settled(bot, "turku", "fi")
    out = await family.say("vauva ei hengitä ja huulet on siniset")
    assert "112" in out.replies[0].text[:240]
    assert "nurse" in family.buttons()
    assert out.urgent is not None


async def test_storage_failing_mid_answer_keeps_the_danger_line_first(storage, searcher):
    class FailingCases:
        async def open_case(self, user):
            raise StorageError("database locked")

    bot = Conversation(storage, lambda: searcher, clock=lambda: NOW, escalation=FailingCases())  # type: ignore
    family = await settled(bot, "turku", "sv")
    out = await family.say("min son har slutat andas")
    assert "112" in out.replies[0].text[:240]
    assert "tekniska problem" in out.text


async def test_a_failing_danger_check_still_puts_112_first(bot, monkeypatch):
    """A bug in the analysis layer must not silence the emergency number."""

    def broken(text):
        raise RuntimeError("analysis bug")

    monkeypatch.setattr("neuvobot.conversation.danger_reply.detect_danger", broken)
    family = await settled(bot, "turku", "en")
    out = await family.say("my daughter is not breathing")
    assert "112" in out.replies[0].text[:240]
    assert len(out.replies) >= 2  # the usual answer still follows


async def test_a_failing_danger_check_and_a_failing_answer_give_the_112_line_once(
    storage, monkeypatch
):
    def broken(text):
        raise RuntimeError("analysis bug")

    monkeypatch.setattr("neuvobot.conversation.danger_reply.detect_danger", broken)
    bot = Conversation(storage, lambda: BrokenSearch(), clock=lambda: NOW)  # type: ignore
    family = await settled(bot, "turku", "fi")
    out = await family.say("vauva ei hengitä")
    assert "112" in out.replies[0].text[:240]
    assert sum(r.text.count("112") for r in out.replies[:1]) == 1
    assert [r.text for r in out.replies].count(out.replies[0].text) == 1


async def test_very_long_message_is_cut_safely(bot):
    family = await settled(bot, "turku", "fi")
    out = await family.say("neuvola " * 20_000)
    assert out.replies and "luin siitä vain alun" in out.text


async def test_nurse_button_without_queue_points_to_the_clinic(bot):
    family = await settled(bot, "kaarina", "fi")
    out = await family.press("nurse")
    assert out.replies
    assert {s.type for s in out.services} <= {"clinic_nurse_chat", "child_health_clinic"}


async def test_card_says_open_now_and_how_to_reach(bot):
    family = await settled(bot, "turku", "fi")
    out = await family.say("myrkytystietokeskus numero")
    assert out.services[0].type == "poison_information"
    card = out.replies[0].text
    assert "Puhelin: 0800 147 111 (Avoinna ympäri vuorokauden)" in card
    assert "https://www.myrkytystietokeskus.fi" in card


async def test_card_without_known_hours_says_where_to_check(bot):
    family = await settled(bot, "turku", "en")
    out = await family.say("library story time")
    assert "Opening hours: see the website" in out.replies[0].text


async def test_a_childs_need_with_no_specific_service_gets_the_first_contact(bot):
    family = await settled(bot, lang="fi")
    out = await family.say("3-vuotias haluaa aina sinisen mukin")
    reply = out.replies[-1].text
    assert "kannattaa kysyä ensin neuvolasta" in reply
    assert out.services and out.services[0].type == "child_health_clinic"
    assert "more" not in family.buttons() and "nurse" in family.buttons()


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("vår treåring vägrar klä på sig", "child_health_clinic"),
        ("my 9 year old is bored all the time", "school_health"),
        ("mun 15-vuotias ei juttele mulle enää", "school_health"),
        ("min tonåring", "school_health"),
    ],
)
def test_the_first_contact_follows_the_childs_age(searcher, text, first):
    from neuvobot.conversation.first_contact import first_contact

    group, services = first_contact(text, "turku", searcher)
    assert services and services[0].type == first, (group, services)


def test_no_child_named_no_first_contact(searcher):
    from neuvobot.conversation.first_contact import first_contact

    assert first_contact("weather tomorrow in turku", "turku", searcher) == ("", [])


@pytest.mark.parametrize(
    ("lang", "said"), [("fi", "kiitos!"), ("sv", "tack så mycket"), ("en", "thank you")]
)
async def test_a_thank_you_gets_a_friendly_reply_not_found_nothing(bot, lang, said):
    family = await settled(bot, lang=lang)
    out = await family.say(said)
    assert out.text == t(lang, "thanks_reply")
    assert out.services == []
    out = await family.say("kiitos, mutta vauva ei nuku öisin")  # thanks and a need: searched
    assert out.services
