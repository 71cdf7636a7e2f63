"""Fetch PTV v11 services and channels straight from the open API, into JSON files that
`v11.read_files` then reads as if an editor had downloaded them.

`BASE/v11/Service/list/area/Municipality/code/{code}?includeWholeCountry=true&page=N` is
paged for each municipality asked; the channels the services link to are fetched with
`BASE/v11/ServiceChannel/list?guids=…`, at most 100 at a time. Every answer is saved under
`DIR/.ptv-download/` before the next is asked, so an interrupted run starts again where it
stopped. 429 and 5xx answers and timeouts are retried with a growing wait (a 429's
Retry-After is honoured); anything else stops the run with one sentence. The API needs no
login. Nothing here parses a service: the reader (v11.py) is the only module that knows
the shapes, including a page's count and the channel ids its services link to.
"""

from __future__ import annotations

import json
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from neuvobot.catalogue.ptv.v11 import linked_channel_ids, page_count

DEFAULT_BASE = "https://api.palvelutietovaranto.suomi.fi/api"
BATCH = 100  # the API's limit for ServiceChannel/list?guids=
ATTEMPTS = 6
TIMEOUT_S = 30.0
MAX_ANSWER_BYTES = 50_000_000
CACHE = ".ptv-download"
SERVICES_PATH = "v11/Service/list/area/Municipality/code"


class ApiError(Exception):
    """The API could not be read; the message is one sentence saying what to do."""


@dataclass
class Fetcher:
    base: str
    cache: Path
    sleep: Callable[[float], None] = time.sleep
    timeout_s: float = TIMEOUT_S
    progress: Callable[[str], None] | None = None
    fetched: int = 0  # answers fetched in this run (not taken from the cache)

    def get(self, path: str, name: str) -> Any:
        """The JSON at BASE/path, kept as `name` in the cache (and read from it next time)."""
        saved = self.cache / name
        if saved.is_file():
            return json.loads(saved.read_text(encoding="utf-8"))
        url = f"{self.base.rstrip('/')}/{path}"
        body = self._with_retries(url)
        try:
            data = json.loads(body)
        except json.JSONDecodeError as exc:
            raise ApiError(f"{url} did not answer JSON ({exc.msg}); try again later.") from exc
        self.cache.mkdir(parents=True, exist_ok=True)
        partial = saved.with_suffix(".part")
        partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        partial.replace(saved)  # a killed run never leaves half an answer to resume from
        self.fetched += 1
        return data

    def _with_retries(self, url: str) -> bytes:
        wait = 1.0
        for attempt in range(1, ATTEMPTS + 1):
            try:
                request = urllib.request.Request(url, headers={"Accept": "application/json"})
                with urllib.request.urlopen(request, timeout=self.timeout_s) as answer:
                    body = answer.read(MAX_ANSWER_BYTES + 1)
                if len(body) > MAX_ANSWER_BYTES:
                    raise ApiError(f"{url} answered more than 50 MB; that is not a PTV page.")
                return body
            except urllib.error.HTTPError as exc:
                if exc.code != 429 and exc.code < 500:
                    raise ApiError(
                        f"{url} answered {exc.code} {exc.reason}: check the address "
                        "(--api BASE, or ptv.api_base in the config)."
                    ) from exc
                retry_after = _seconds(exc.headers.get("Retry-After") if exc.headers else None)
                delay = wait if retry_after is None else retry_after  # the server knows best
                reason = f"{exc.code}"
            except (TimeoutError, urllib.error.URLError, ConnectionError, OSError) as exc:
                delay, reason = wait, type(exc).__name__
            if attempt == ATTEMPTS:
                break
            self.say(f"PTV answered {reason}; trying again in {delay:.0f} s")
            self.sleep(delay)
            wait = min(wait * 2, 60.0)
        raise ApiError(
            f"{url} did not answer after {ATTEMPTS} tries ({reason}); run the same command "
            "again later: what was fetched is kept and will not be asked again."
        )

    def say(self, text: str) -> None:
        if self.progress is not None:
            self.progress(text)


def _seconds(value: str | None) -> float | None:
    try:
        return min(float(value), 300.0) if value else None
    except ValueError:
        return None


def fetch_services(fetcher: Fetcher, codes: Iterable[str]) -> list[Path]:
    """Every page of services for each municipality code; the cached files' paths."""
    files: list[Path] = []
    codes = list(codes)
    for number, code in enumerate(codes, 1):
        page, pages = 1, 1
        while page <= pages:
            name = f"services-{code}-page-{page}.json"
            path = f"{SERVICES_PATH}/{code}?includeWholeCountry=true&page={page}"
            data = fetcher.get(path, name)
            pages = page_count(data)
            if pages is None:
                raise ApiError(
                    f"{path}: the answer is not a page of services; is BASE the PTV API?"
                )
            files.append(fetcher.cache / name)
            fetcher.say(f"services: municipality {number}/{len(codes)}, page {page}/{pages}")
            page += 1
    return files


def fetch_channels(fetcher: Fetcher, ids: list[str]) -> list[Path]:
    files = []
    batches = [ids[i : i + BATCH] for i in range(0, len(ids), BATCH)]
    for number, batch in enumerate(batches, 1):
        name = f"channels-{number}-of-{len(batches)}.json"
        fetcher.get(f"v11/ServiceChannel/list?guids={','.join(batch)}", name)
        files.append(fetcher.cache / name)
        fetcher.say(f"channels: batch {number}/{len(batches)}")
    return files


def download(base: str, out: Path, codes: list[str], progress: bool | None = None) -> list[Path]:
    """Fetch everything for `codes` into `out/.ptv-download/`; the JSON files to read."""
    show = sys.stderr.isatty() if progress is None else progress

    def say(text: str) -> None:
        print(f"\r{text:<70}", end="", file=sys.stderr, flush=True)

    fetcher = Fetcher(base, out / CACHE, progress=say if show else None)
    services = fetch_services(fetcher, codes)
    channels = fetch_channels(fetcher, linked_channel_ids(services))  # v11.py reads the pages
    if show:
        print(file=sys.stderr)
    return services + channels
