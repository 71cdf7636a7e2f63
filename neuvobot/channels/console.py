"""The terminal channel: the same conversation core and database as Telegram, no network.

Buttons are shown as numbered choices; typing the number presses the button.
"""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from neuvobot.catalogue.reload import CatalogueReloader
from neuvobot.conversation.core import Button, Conversation, Incoming, InKind, Reply

UNSUPPORTED_HINTS = {
    "/photo": "photo",
    "/voice": "voice",
    "/sticker": "sticker",
    "/file": "document",
    "/location": "location",
}


class ConsoleChannel:
    def __init__(
        self,
        conversation: Conversation,
        *,
        user: str = "console:local",
        locale: str | None = None,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        reloader: CatalogueReloader | None = None,
    ) -> None:
        self.conversation = conversation
        self.reloader = reloader  # catalogue edits go live while chatting
        self.user = user
        self.locale = locale
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.buttons: list[Button] = []

    def show(self, reply: Reply) -> None:
        print(reply.text, file=self.stdout)
        row_texts = []
        for row in reply.buttons:
            labels = []
            for button in row:
                self.buttons.append(button)
                labels.append(f"[{len(self.buttons)}] {button.label}")
            row_texts.append("   ".join(labels))
        if row_texts:
            print("\n".join(row_texts), file=self.stdout)
        print(file=self.stdout)

    def to_incoming(self, line: str) -> Incoming:
        text = line.strip()
        if text.isdigit() and 1 <= int(text) <= len(self.buttons):
            data = self.buttons[int(text) - 1].data
            return Incoming(self.user, "console", InKind.button, data, self.locale)
        if text.lower() in UNSUPPORTED_HINTS:
            kind = UNSUPPORTED_HINTS[text.lower()]
            return Incoming(self.user, "console", InKind.unsupported, "", self.locale, kind)
        kind = InKind.command if text.startswith("/") else InKind.text
        return Incoming(self.user, "console", kind, text, self.locale)

    async def send(self, line: str) -> None:
        incoming = self.to_incoming(line)
        self.buttons = []
        outcome = await self.conversation.handle(incoming)
        for reply in outcome.replies:
            self.show(reply)
        await self.show_pushed()

    async def show_pushed(self) -> None:
        """Messages the bot sends unasked (a nurse's words, case notices) wait in the outbox."""
        for item in await self.conversation.storage.take_pending(self.user):  # type: ignore[attr-defined]
            rows = [
                [Button(b["text"], b["data"]) for b in row]
                for row in item.payload.get("buttons", [])
            ]
            self.show(Reply(item.payload.get("text", ""), rows))

    async def _poll_pushed(self, every_s: float) -> None:
        while True:
            await asyncio.sleep(every_s)
            await self.show_pushed()

    async def run(self, first: str | None = "/start", poll_s: float = 1.0) -> None:
        interactive = self.stdin.isatty()
        loop = asyncio.get_running_loop()
        if first:
            await self.send(first)
        # While the family waits for a nurse, their words arrive without a keypress.
        poller = asyncio.create_task(self._poll_pushed(poll_s)) if interactive else None
        watch = asyncio.create_task(self.reloader.run()) if self.reloader else None
        try:
            while True:
                if interactive:
                    print("> ", end="", file=self.stdout, flush=True)
                line = await loop.run_in_executor(None, self.stdin.readline)
                if not line:
                    break
                if line.strip().lower() in ("/quit", "/exit", "/lopeta"):
                    break
                if line.strip():
                    await self.send(line)
        finally:
            if poller:
                poller.cancel()
            if watch:
                watch.cancel()
