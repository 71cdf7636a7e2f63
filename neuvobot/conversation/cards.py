"""A service as a short card a tired parent can act on: what it is, open or not, how to reach it."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

from neuvobot.catalogue.model import Channel, ChannelKind, Service
from neuvobot.conversation.texts import t, weekday

HELSINKI = ZoneInfo("Europe/Helsinki")


def format_time(lang: str, moment: dt.datetime) -> str:
    if lang == "en":
        return moment.strftime("%H:%M")
    return f"{moment.hour}.{moment.minute:02d}" if lang == "fi" else moment.strftime("%H.%M")


def format_when(lang: str, moment: dt.datetime, now: dt.datetime) -> str:
    """'today at 8.00', 'tomorrow at 8.00', 'Tue at 8.00' or '24.12. at 8.00'."""
    moment = moment.astimezone(HELSINKI)
    days = (moment.date() - now.astimezone(HELSINKI).date()).days
    at = t(lang, "at_time", time=format_time(lang, moment))
    if days == 0:
        return f"{t(lang, 'today')} {at}"
    if days == 1:
        return f"{t(lang, 'tomorrow')} {at}"
    if days < 7:
        return f"{weekday(lang, moment.weekday())} {at}"
    if lang == "en":
        return f"{moment.day} {moment.strftime('%b')} {at}"
    return f"{moment.day}.{moment.month}. {at}"


def channel_status(channel: Channel, lang: str, now: dt.datetime) -> str | None:
    hours = channel.hours
    if hours is None:
        return None
    if hours.always:
        return t(lang, "open_always")
    status = hours.status(now)
    if status.open:
        if status.closes_at is None:
            return t(lang, "open_always")
        return t(lang, "open_until", time=format_time(lang, status.closes_at.astimezone(HELSINKI)))
    if status.opens_at is None:
        return t(lang, "closed_unknown")
    return t(lang, "closed_opens", when=format_when(lang, status.opens_at, now))


def is_open_now(service: Service, now: dt.datetime) -> bool | None:
    """True if any channel with hours is open; None when no channel has hours."""
    known = [c.hours for c in service.channels if c.hours is not None]
    if not known:
        return None
    return any(h.is_open(now) for h in known)


def map_link(address: str) -> str:
    return f"https://www.openstreetmap.org/search?query={quote_plus(address)}"


def channel_lines(channel: Channel, lang: str, now: dt.datetime) -> list[str]:
    if channel.kind is ChannelKind.phone:
        line = t(lang, "phone", phone=channel.phone)
    elif channel.kind is ChannelKind.chat:
        line = t(lang, "chat", url=channel.url)
    elif channel.kind is ChannelKind.web:
        line = t(lang, "web", url=channel.url)
    elif channel.kind is ChannelKind.e_service:
        line = t(lang, "e_service", url=channel.url)
    elif channel.kind is ChannelKind.email:
        line = t(lang, "email", email=channel.email)
    else:
        assert channel.address is not None
        address = channel.address.one_line(lang)
        line = t(lang, "address", address=address)
        status = channel_status(channel, lang, now)
        lines = [f"{line} ({status})" if status else line, t(lang, "map", url=map_link(address))]
        return lines
    if channel.name and channel.name.get(lang):
        line = f"{channel.name.get(lang)} – {line}"
    status = channel_status(channel, lang, now)
    return [f"{line} ({status})" if status else line]


# Phone and chat first: a family in a hurry wants the quickest way to a person.
_ORDER = {
    ChannelKind.phone: 0,
    ChannelKind.chat: 1,
    ChannelKind.location: 2,
    ChannelKind.e_service: 3,
    ChannelKind.web: 4,
    ChannelKind.email: 5,
}


_WEB = (ChannelKind.web, ChannelKind.chat, ChannelKind.e_service)


def render_card(
    service: Service,
    lang: str,
    now: dt.datetime,
    number: int | None = None,
    notes: set[str] | None = None,
) -> str:
    """`notes`: where to collect what several cards would each repeat ("details are being
    updated"), said once under all of them (render_cards); without it the card says it."""
    provider = service.provider.name.get(lang)
    title = service.name.get(lang)
    head = f"{number}. {title}" if number is not None else title
    lines = [head if provider in title else f"{head} – {provider}", service.summary.get(lang)]
    channels = sorted(service.channels, key=lambda c: _ORDER[c.kind])
    for channel in channels:
        lines += channel_lines(channel, lang, now)
    if not service.channels:
        lines.append(t(lang, "no_channel"))  # how to reach it anyway, never nothing
    elif all(c.hours is None for c in channels) and any(c.kind in _WEB for c in channels):
        lines.append(t(lang, "hours_unknown"))  # only where there is a page to look at
    if service.needs_review and not any(
        c.kind in (ChannelKind.phone, ChannelKind.chat) for c in service.channels
    ):
        if notes is None:
            lines.append(t(lang, "details_pending"))
        else:
            notes.add("details_pending")
    return "\n".join(lines)


def render_cards(services: list[Service], lang: str, now: dt.datetime) -> list[str]:
    """Numbered cards, then once what applies to several of them."""
    notes: set[str] = set()
    cards = [render_card(s, lang, now, i, notes) for i, s in enumerate(services, 1)]
    return cards + [t(lang, note) for note in sorted(notes)]
