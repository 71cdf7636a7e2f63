"""The flood guard: a family typing faster than anyone reads gets one polite warning."""

from __future__ import annotations

import time
from collections import defaultdict, deque

FLOOD_WINDOW_S = 10.0
FLOOD_MAX = 8  # messages per window per user before the polite "slow down" reply


class FloodGuard:
    """A per-user sliding window; in memory, because a burst is a per-process event."""

    def __init__(self, limit: int = FLOOD_MAX, window_s: float = FLOOD_WINDOW_S) -> None:
        self.limit = limit
        self.window_s = window_s
        self._seen: dict[str, deque[float]] = defaultdict(deque)
        self._warned: dict[str, float] = {}

    def check(self, key: str, now: float | None = None) -> str:
        """'ok', 'warn' (first message over the limit) or 'drop' (already warned)."""
        now = time.monotonic() if now is None else now
        seen = self._seen[key]
        while seen and now - seen[0] > self.window_s:
            seen.popleft()
        seen.append(now)
        if len(seen) <= self.limit:
            self._warned.pop(key, None)
            return "ok"
        if now - self._warned.get(key, -1e9) > self.window_s:
            self._warned[key] = now
            return "warn"
        return "drop"

    def forget(self, key: str) -> None:
        self._seen.pop(key, None)
        self._warned.pop(key, None)
