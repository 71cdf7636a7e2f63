"""A fake PTV open API v11 over real HTTP on 127.0.0.1, serving real-shaped fixtures.

`Service/list/area/Municipality/code/{code}` pages the services that serve a municipality
(its code among an area's `municipalities`, a region area of its region, or, with
`includeWholeCountry=true`, nationwide); `ServiceChannel/list?guids=` returns the channels
asked for (at most 100, like the real API; unknown ids are left out). It runs in its own
thread so that the real `neuvobot` process can be tested against it. Faults for the tests:
`throttle` answers that many first requests with 429 (Retry-After: 0), `fail_after` answers
400 to every request after that many, `hang_after` holds them (for killing the importer).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web

from neuvobot.catalogue.municipalities import MUNICIPALITIES
from neuvobot.catalogue.ptv.convert import REGION_CODES


@dataclass
class FakePtvApi:
    services: list[dict]
    channels: list[dict]
    page_size: int = 2
    throttle: int = 0
    fail_after: int | None = None
    hang_after: int | None = None
    requests: list[str] = field(default_factory=list)

    @classmethod
    def from_files(cls, services: Path, channels: Path, **kw) -> FakePtvApi:
        page = json.loads(services.read_text(encoding="utf-8"))
        return cls(page["itemList"], json.loads(channels.read_text(encoding="utf-8")), **kw)

    # ------------------------------------------------------------------ serving
    def serves(self, service: dict, code: str, whole_country: bool) -> bool:
        if service.get("areaType") in ("Nationwide", "NationwideExceptAlandIslands"):
            return whole_country
        region = next((m.region_slug for m in MUNICIPALITIES.values() if m.code == code), None)
        for area in service.get("areas") or []:
            codes = [m.get("code") for m in area.get("municipalities") or []]
            if code in codes:
                return True
            own_region = REGION_CODES.get(area.get("code") or "") == region
            if area.get("type") == "Region" and not codes and own_region:
                return True
        return False

    async def _services(self, request: web.Request) -> web.Response:
        code = request.match_info["code"]
        whole = request.query.get("includeWholeCountry", "").lower() == "true"
        page = int(request.query.get("page", "1"))
        found = [s for s in self.services if self.serves(s, code, whole)]
        pages = max(1, -(-len(found) // self.page_size))
        items = found[(page - 1) * self.page_size : page * self.page_size]
        body = {
            "pageNumber": page,
            "pageSize": self.page_size,
            "pageCount": pages,
            "itemList": items,
        }
        return web.json_response(body)

    async def _channels(self, request: web.Request) -> web.Response:
        guids = [g for g in request.query.get("guids", "").split(",") if g]
        if len(guids) > 100:
            return web.json_response({"error": "at most 100 guids"}, status=400)
        wanted = set(guids)
        return web.json_response([c for c in self.channels if c.get("id") in wanted])

    @web.middleware
    async def _faults(self, request: web.Request, handler):
        self.requests.append(request.path_qs)
        if len(self.requests) <= self.throttle:
            return web.Response(status=429, headers={"Retry-After": "0"})
        if self.fail_after is not None and len(self.requests) > self.fail_after:
            return web.Response(status=400, text="gone")
        if self.hang_after is not None and len(self.requests) > self.hang_after:
            # held until the test has killed the importer (or the fake stops)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._release.wait(), 60)
        return await handler(request)

    # ------------------------------------------------------------------ running
    def start(self) -> str:
        """Serve in a background thread; the base URL (like BASE in `--api BASE`)."""
        ready = threading.Event()
        self._loop = asyncio.new_event_loop()

        async def serve() -> None:
            self._release = asyncio.Event()
            app = web.Application(middlewares=[self._faults])
            app.router.add_get(
                "/api/v11/Service/list/area/Municipality/code/{code}", self._services
            )
            app.router.add_get("/api/v11/ServiceChannel/list", self._channels)
            self._runner = web.AppRunner(app)
            await self._runner.setup()
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            await site.start()
            self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            ready.set()

        def run() -> None:
            self._loop.run_until_complete(serve())
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        ready.wait(10)
        return f"http://127.0.0.1:{self.port}/api"

    def stop(self) -> None:
        async def cleanup() -> None:
            await self._runner.cleanup()

        self._loop.call_soon_threadsafe(self._release.set)
        asyncio.run_coroutine_threadsafe(cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
