"""The nurse queue through the conversation core: escalate, wait, take, talk, close, rate."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from neuvobot.app import build_searcher
from neuvobot.channels.nurse_console import NurseConsole
from neuvobot.conversation.core import Conversation, Incoming, InKind
from neuvobot.conversation.texts import t
from neuvobot.escalation.queue import NurseQueue
from neuvobot.escalation.teams import Teams
from neuvobot.storage.base import UserState
from neuvobot.storage.sqlite import SqliteStorage
from tests.conftest import SHIPPED_CATALOGUE

TUESDAY_MORNING = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)  # 10:00 in Helsinki
ANNA, BEA, STRANGER = 501, 502, 999

TEAMS = [
    {
        "id": "varha",
        "serves": ["region:varsinais-suomi"],
        "staff_chat_id": -100,
        "nurses": [
            {"telegram_id": ANNA, "display_name": "Terveydenhoitaja Anna"},
            {"telegram_id": BEA, "display_name": "Terveydenhoitaja Bea"},
        ],
        "hours": {"weekly": [{"days": "mon-fri", "from": "08:00", "to": "16:00"}]},
    },
    {
        "id": "hyvaks",
        "serves": ["region:keski-suomi"],
        "staff_chat_id": -200,
        "nurses": [{"telegram_id": 601, "display_name": "Terveydenhoitaja Cecilia"}],
        "hours": "always",
    },
]


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    return build_searcher(SHIPPED_CATALOGUE, tmp_path_factory.mktemp("index"))


@pytest.fixture
async def setup(tmp_path, searcher):
    clock = Clock(TUESDAY_MORNING)
    storage = SqliteStorage(tmp_path / "bot.sqlite3", clock=clock)
    await storage.open()
    queue = NurseQueue(
        storage, Teams.from_config(TEAMS), clock=clock, services=searcher.services_of_type
    )
    bot = Conversation(storage, lambda: searcher, escalation=queue, clock=clock)
    yield bot, queue, storage, clock
    await storage.close()


async def family(bot, storage, key="tg:1", municipality="turku", lang="fi"):
    await storage.save_user(
        UserState(
            key=key, channel="telegram", lang=lang, lang_fixed=True, municipality=municipality
        )
    )

    async def say(text: str, kind: InKind = InKind.text):
        return await bot.handle(Incoming(key, "telegram", kind, text, lang))

    return say


async def live_chat(bot, queue, storage, nurse=ANNA):
    """A Turku family asks for a nurse and `nurse` takes the case: their `say`, the case."""
    say = await family(bot, storage)
    await say("nurse", InKind.button)
    case = await queue.cases.open_case_of("tg:1")
    await queue.take("varha", case.number, nurse)
    return say, case


async def outbox_texts(storage, key="tg:1") -> list[str]:
    rows = await storage._read("SELECT payload FROM outbox WHERE chat = ? ORDER BY id", (key,))
    import json

    return [json.loads(r[0]).get("text", "") for r in rows]


async def test_asking_for_a_person_creates_a_case_with_position(setup):
    bot, _queue, storage, _ = setup
    say = await family(bot, storage)
    out = await say("haluan puhua hoitajalle")
    assert "Tapausnumero" in out.text and "sijalla 1" in out.text
    assert "case:cancel" in [b.data for r in out.replies for row in r.buttons for b in row]
    other = await family(bot, storage, key="tg:2", municipality="salo")
    out2 = await other("nurse", InKind.button)
    assert "sijalla 2" in out2.text
    again = await say("nurse", InKind.button)
    assert "Olet jo jonossa" in again.text


async def test_out_of_hours_says_when_nurses_are_back_and_urgent_numbers(setup):
    bot, _queue, storage, clock = setup
    clock.now = dt.datetime(2026, 11, 27, 18, 0, tzinfo=dt.UTC)  # Friday 20:00 in Helsinki
    say = await family(bot, storage, lang="en")
    out = await say("can I talk to a nurse")
    assert "closed now. It opens Mon at 08:00" in out.text
    assert "116117" in out.text and "112" in out.text


async def test_on_a_public_holiday_the_chat_is_closed_until_the_next_working_day(setup):
    bot, _queue, storage, clock = setup
    # Christmas Eve and Christmas Day 2026 are Thursday and Friday: back on Monday the 28th.
    clock.now = dt.datetime(2026, 12, 24, 9, 0, tzinfo=dt.UTC)  # Thursday 11:00 in Helsinki
    say = await family(bot, storage)
    out = await say("haluan puhua hoitajalle")
    assert "nyt kiinni. Se avautuu ma klo 8.00" in out.text  # not Fri 25th, a holiday
    assert "112" in out.text


async def test_the_nurse_sees_every_word_the_family_wrote_and_what_the_bot_gave(setup):
    """Issue 16: the family's words in full, the bot's answer as service names, no
    internal tokens such as "[button nurse]"."""
    bot, queue, storage, _ = setup
    say = await family(bot, storage)
    long_story = "Meidän 4v ei nuku öisin. " + "Herää monta kertaa ja itkee pitkään. " * 12
    for n in range(9):  # more than the card showed before: none of it is dropped
        await say(f"viesti {n}: {long_story}")
    await say("nurse", InKind.button)
    case = await queue.cases.open_case_of("tg:1")
    context = await queue.context(case)
    family_words = [text for d, text in context["messages"] if d == "in"]
    assert [w.split(":")[0] for w in family_words] == [f"viesti {n}" for n in range(9)]
    assert all(w.endswith(long_story) for w in family_words)  # in full, not 300 characters
    assert not any(text.startswith("[button") for _, text in context["messages"])
    answers = [text for d, text in context["messages"] if d == "out"]
    assert any(a.startswith("→ ") and "neuvola" in a.lower() for a in answers), answers
    assert all(len(a) <= 200 for a in answers)  # names and first lines, not whole cards


async def test_the_nurse_sees_that_the_bot_gave_the_emergency_line(setup):
    bot, queue, storage, _ = setup
    say = await family(bot, storage)
    await say("vauva ei hengitä kunnolla ja huulet on sinertävät")
    await say("nurse", InKind.button)
    case = await queue.cases.open_case_of("tg:1")
    answers = [text for d, text in (await queue.context(case))["messages"] if d == "out"]
    assert any("112" in a for a in answers), answers


async def test_nurse_takes_talks_closes_and_family_rates(setup):
    bot, queue, storage, _ = setup
    say = await family(bot, storage)
    await say("mun 2v ei puhu vielä")
    await say("nurse", InKind.button)
    case = await queue.cases.open_case_of("tg:1")
    context = await queue.context(case)
    assert ("in", "mun 2v ei puhu vielä") in context["messages"]  # nurse needn't ask again
    assert any(d == "out" and "Puheterapia" in text for d, text in context["messages"])

    assert (await queue.take("varha", case.number, BEA)).ok
    assert not (await queue.take("varha", case.number, ANNA)).ok  # already taken
    assert "Terveydenhoitaja Bea on ottanut keskustelun" in (await outbox_texts(storage))[-1]

    out = await say("kiitos, hän sanoo vain muutaman sanan")
    assert out.replies == []  # goes to the nurse, not to search
    assert (await queue.say(case, BEA, "Varataan aika puheterapeutille.")).ok
    assert (await outbox_texts(storage))[
        -1
    ] == "Terveydenhoitaja Bea: Varataan aika puheterapeutille."

    assert (await queue.close(case, BEA, "ohjattu puheterapiaan")).ok
    assert "Keskustelu päättyi" in (await outbox_texts(storage))[-1]
    out = await say("rate:5", InKind.button)
    assert "Kiitos arviostasi" in out.text
    rows = await storage._read("SELECT rating FROM cases WHERE id = ?", (case.id,))
    assert rows[0][0] == 5
    out = await say("neuvola")  # after the case, questions go to search again
    assert out.services


async def test_release_and_transfer(setup):
    bot, queue, storage, _ = setup
    say = await family(bot, storage)
    await say("nurse", InKind.button)
    case = await queue.cases.open_case_of("tg:1")
    await queue.take("varha", case.number, ANNA)
    assert (await queue.release(case, ANNA)).ok
    assert [c.number for c in await queue.cases.waiting("varha")] == [case.number]
    await queue.take("varha", case.number, ANNA)
    for team in ("", "hyvks"):  # without a team, or a mistyped one: the teams are listed
        answer = await queue.transfer(case, ANNA, team)
        assert not answer.ok and "varha" in answer.message and "hyvaks" in answer.message
    # hyvaks does not serve the family's Turku: the nurse is asked to confirm first
    answer = await queue.transfer(case, ANNA, "hyvaks")
    assert not answer.ok and answer.message == (
        "Tiimi hyvaks ei palvele kuntaa Turku. Jos siirrät silti, kirjoita /transfer hyvaks!"
    )
    assert [c.number for c in await queue.cases.waiting("hyvaks")] == []
    assert (await queue.transfer(case, ANNA, "hyvaks!")).ok
    assert [c.number for c in await queue.cases.waiting("hyvaks")] == [case.number]


async def test_family_cancels(setup):
    bot, queue, storage, _ = setup
    say = await family(bot, storage)
    await say("nurse", InKind.button)
    out = await say("case:cancel", InKind.button)
    assert "Jonotus peruttu" in out.text
    assert await queue.cases.open_case_of("tg:1") is None


async def test_unauthorised_nurse_actions_are_refused_and_audited(setup):
    bot, queue, storage, _ = setup
    say = await family(bot, storage)
    await say("nurse", InKind.button)
    case = await queue.cases.open_case_of("tg:1")
    assert not (await queue.take("varha", case.number, STRANGER)).ok
    assert not (await queue.take("hyvaks", case.number, 601)).ok  # another team's case
    await queue.take("varha", case.number, ANNA)
    assert not (await queue.say(case, BEA, "hei")).ok  # not Bea's case
    assert not (await queue.close(case, STRANGER)).ok
    events = await queue.cases.events(case.id)
    assert ("take_unauthorised", f"telegram:{STRANGER}") in events
    assert (await queue.cases.get(case.id)).state == "taken"


async def test_family_forging_nurse_data_acts_on_nothing(setup):
    bot, queue, storage, _ = setup
    say = await family(bot, storage)
    await say("nurse", InKind.button)
    case = await queue.cases.open_case_of("tg:1")
    for forged in (f"take:{case.number}", f"case:{case.number}:close", "rate:5", "case:take"):
        out = await say(forged, InKind.button)
        assert "painike" in out.text
    assert (await queue.cases.get(case.id)).state == "waiting"


async def test_expiry_tells_the_family_and_offers_alternatives(setup):
    bot, queue, storage, clock = setup
    say = await family(bot, storage)
    await say("nurse", InKind.button)
    clock.now += dt.timedelta(minutes=90)
    expired = await queue.expire_overdue(dt.timedelta(minutes=60))
    assert len(expired) == 1
    told = (await outbox_texts(storage))[-1]
    assert "0800 92277" in told  # the parents' helpline
    assert "Lastenneuvola" in told or "lastenneuvola" in told  # and their own clinic


async def test_a_case_left_out_of_hours_waits_for_the_shift_and_expires_only_in_it(setup):
    """Friday 20:00 the family is told "opens Mon at 08:00; your request waits": it is
    still waiting when the shift starts, and expiry counts the nurses' open hours only."""
    bot, queue, storage, clock = setup
    clock.now = dt.datetime(2026, 11, 27, 18, 0, tzinfo=dt.UTC)  # Friday 20:00 in Helsinki
    say = await family(bot, storage)
    await say("nurse", InKind.button)
    case = await queue.cases.open_case_of("tg:1")
    out = io.StringIO()
    NurseConsole(queue, "varha", ANNA, stdout=out).say_hours()
    assert out.getvalue().strip() == "Chat on kiinni; aukeaa ma klo 8.00."
    clock.now = dt.datetime(2026, 11, 30, 6, 30, tzinfo=dt.UTC)  # Monday 08:30, shift on
    assert await queue.expire_overdue(dt.timedelta(minutes=60)) == []
    assert (await queue.cases.get(case.id)).state == "waiting"
    out = io.StringIO()
    NurseConsole(queue, "varha", ANNA, stdout=out).say_hours()
    assert out.getvalue().strip() == "Chat on auki nyt."
    clock.now = dt.datetime(2026, 11, 30, 7, 5, tzinfo=dt.UTC)  # Monday 09:05: 65 open min
    assert [c.id for c in await queue.expire_overdue(dt.timedelta(minutes=60))] == [case.id]


async def test_urgent_message_during_a_case_still_gets_112_first(setup):
    bot, _queue, storage, _ = setup
    say = await family(bot, storage)
    await say("nurse", InKind.button)
    out = await say("lapsi ei hengitä")
    assert "112" in out.replies[0].text.splitlines()[0]


async def test_waiting_families_hear_when_the_queue_moves(setup):
    bot, queue, storage, _ = setup
    first = await family(bot, storage, key="tg:1")
    second = await family(bot, storage, key="tg:2", municipality="salo")
    await first("nurse", InKind.button)
    out = await second("nurse", InKind.button)
    assert "sijalla 2" in out.text
    case = await queue.cases.open_case_of("tg:1")
    await queue.take("varha", case.number, ANNA)
    assert (await outbox_texts(storage, "tg:2"))[-1] == "Jono eteni: olet nyt sijalla 1."


class RecordingNotifier:
    def __init__(self) -> None:
        self.told: list[tuple[str, str]] = []

    async def new_case(self, team, case, context) -> None:
        self.told.append(("new", case.number))

    async def family_message(self, case, text) -> None:
        self.told.append(("message", case.number))

    async def family_forgot(self, case) -> None:
        self.told.append(("forgot", case.number))


async def test_forget_in_a_live_chat_tells_the_nurse_and_leaves_no_case(setup):
    bot, queue, storage, _ = setup
    queue.notifier = notifier = RecordingNotifier()
    say, case = await live_chat(bot, queue, storage, ANNA)
    await say("/forget", InKind.command)
    out = await say("fg:y", InKind.button)
    assert out.forgotten
    assert ("forgot", case.number) in notifier.told
    assert await queue.cases.by_number(case.number) is None
    assert await queue.cases.taken_by(ANNA) == []


async def test_danger_in_a_live_nurse_chat_reaches_the_nurse_flagged_and_112_first(setup):
    bot, queue, storage, _ = setup
    queue.notifier = notifier = TextNotifier()
    say, _case = await live_chat(bot, queue, storage, ANNA)
    calm = await say("kiitos, entä unikoulu?")
    out = await say("nyt se ei herää eikä reagoi mihinkään")
    assert not calm.replies or "112" not in calm.text
    assert "112" in out.replies[0].text[:240]
    assert notifier.texts[0] == "kiitos, entä unikoulu?"
    assert notifier.texts[1].startswith("⚠️ VAARA NYT") and "ei herää" in notifier.texts[1]


class TextNotifier(RecordingNotifier):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    async def family_message(self, case, text) -> None:
        self.texts.append(text)


async def test_the_chosen_case_survives_a_restart(setup):
    """Issue 15, item 2: after a restart a nurse's next message went to the other family."""
    bot, queue, storage, clock = setup
    first = await family(bot, storage, key="tg:1")
    second = await family(bot, storage, key="tg:2", municipality="salo")
    await first("nurse", InKind.button)
    await second("nurse", InKind.button)
    x = await queue.cases.open_case_of("tg:1")
    y = await queue.cases.open_case_of("tg:2")
    await queue.take("varha", x.number, ANNA)
    clock.now += dt.timedelta(seconds=1)
    await queue.take("varha", y.number, ANNA)
    clock.now += dt.timedelta(seconds=1)
    assert (await queue.select(ANNA, x.number)).ok
    restarted = NurseQueue(storage, Teams.from_config(TEAMS), clock=clock)
    assert (await restarted.current_case(ANNA)).number == x.number
    # A database from before this was stored: two cases, none chosen -> no guess.
    await storage._write(lambda db: db.execute("UPDATE cases SET chosen = NULL"))
    assert await restarted.current_case(ANNA) is None


async def test_a_family_in_a_live_chat_is_never_throttled(setup):
    """Issue 15, item 3: twelve short lines in five seconds; the nurse got eight."""
    bot, queue, storage, _ = setup
    queue.notifier = notifier = TextNotifier()
    say, _case = await live_chat(bot, queue, storage, ANNA)
    for n in range(12):
        await say(f"rivi {n}")
    assert notifier.texts == [f"rivi {n}" for n in range(12)]


async def test_a_nurse_removed_from_the_config_no_longer_holds_the_family(setup):
    """Issue 15, item 4: after removal and restart the family's words still went to her."""
    bot, queue, storage, clock = setup
    _say, case = await live_chat(bot, queue, storage, BEA)
    without_bea = [dict(TEAMS[0], nurses=TEAMS[0]["nurses"][:1]), TEAMS[1]]
    restarted = NurseQueue(storage, Teams.from_config(without_bea), clock=clock)
    assert [c.number for c in await restarted.return_orphaned_cases()] == [case.number]
    back = await restarted.cases.get(case.id)
    assert back.state == "waiting" and back.nurse_id is None
    assert (await outbox_texts(storage))[-1] == t("fi", "case_released")
    assert (await restarted.take("varha", case.number, ANNA)).ok


async def test_a_relay_to_a_removed_nurse_returns_the_case_instead(setup):
    bot, queue, storage, _clock = setup
    say, case = await live_chat(bot, queue, storage, BEA)
    queue.teams = Teams.from_config([dict(TEAMS[0], nurses=TEAMS[0]["nurses"][:1]), TEAMS[1]])
    queue.notifier = notifier = TextNotifier()
    await say("onko hoitaja vielä siellä?")
    assert notifier.texts == []  # nothing to the removed nurse
    assert (await queue.cases.get(case.id)).state == "waiting"


async def test_danger_in_a_queued_case_marks_it_urgent_and_first_in_the_queue(setup):
    """Issue 12 (item 4) and 16 (item 3): the nurse sees danger first."""
    bot, queue, storage, _ = setup
    calm = await family(bot, storage, key="tg:1")
    worried = await family(bot, storage, key="tg:2", municipality="salo")
    await calm("nurse", InKind.button)
    await worried("nurse", InKind.button)
    first = await queue.cases.open_case_of("tg:1")
    second = await queue.cases.open_case_of("tg:2")
    assert [c.number for c in await queue.cases.waiting("varha")] == [first.number, second.number]
    out = await worried("vauva on ihan veltto eikä herää")
    assert "112" in out.replies[0].text[:240]
    waiting = await queue.cases.waiting("varha")
    assert [c.number for c in waiting] == [second.number, first.number]
    assert waiting[0].urgent and not waiting[1].urgent
    assert await queue.cases.position(waiting[0]) == 1
    assert await queue.cases.position(waiting[1]) == 2
    assert (await queue.context(waiting[0]))["urgent"] is True
