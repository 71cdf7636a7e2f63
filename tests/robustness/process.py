"""The real `neuvobot run` process for robustness tests, with a config written here (so
these tests do not depend on config.example.yaml's placeholder teams and hours)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from tests.channels.test_telegram import start_bot

__all__ = ["nurse_team", "start_bot", "write_config"]
# The search index cache is keyed by the catalogue's digest: every test can share it.
INDEX = Path(tempfile.gettempdir()) / f"neuvobot-test-index-{os.getuid()}"


def nurse_team(nurses: list[int], staff_chat_id: int) -> dict[str, Any]:
    return {
        "id": "varha",
        "serves": ["region:varsinais-suomi"],
        "staff_chat_id": staff_chat_id,
        "hours": "always",
        "nurses": [
            {"telegram_id": nurse, "display_name": f"Hoitaja {n}"}
            for n, nurse in enumerate(nurses, 1)
        ],
    }


def write_config(tmp_path: Path, nurse_teams: list[dict] | None = None, **telegram: Any) -> Path:
    config = {
        "search": {"index_dir": str(INDEX)},
        "telegram": {"mode": "polling", **telegram},
        "catalogue_reload_seconds": 0,
        "nurse_teams": nurse_teams or [],
    }
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path
