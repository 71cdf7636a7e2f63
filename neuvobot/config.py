"""Settings: a YAML file validated by pydantic, with NEUVOBOT_* environment overrides.

Secrets (the Telegram token) never live in the file itself: only in the environment or in
a separate file the config names.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from neuvobot.catalogue.yamlfile import YamlProblem, line_of, read_yaml
from neuvobot.escalation.teams import NurseTeam

DEFAULT_CONFIG_FILES = ("config.yaml",)


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SearchSettings(_Section):
    index_dir: Path = Path("var/index")
    # Below this relevance a result is noise: "huomisen sää" gets "no matching service".
    min_score: float | None = None


class PtvSettings(_Section):
    # The open API of the national service catalogue (no login); `import-ptv --api`.
    api_base: str = "https://api.palvelutietovaranto.suomi.fi/api"


class TelegramSettings(_Section):
    api_base: str | None = None  # e.g. http://127.0.0.1:8081 for a local or fake Bot API
    token_file: Path | None = None
    mode: Literal["polling", "webhook"] = "polling"
    # Webhook mode: the public HTTPS URL Telegram posts to, and where we listen behind it.
    # The secret token comes from NEUVOBOT_WEBHOOK_SECRET, never from this file.
    webhook_url: str | None = None
    webhook_path: str = "/telegram"
    listen_host: str = "127.0.0.1"
    listen_port: int = 8080
    # One Bot API call may take this long. aiogram's 60 s would let one hung call hold up
    # that update's handling (updates are handled one after another, see polling.py).
    request_timeout_s: int = Field(15, ge=1)
    # How long Telegram holds an empty getUpdates call open.
    polling_timeout_s: int = Field(10, ge=1)
    # Messages a minute to one group (the staff groups' case cards): Telegram allows about
    # 20 and answers a burst beyond that with 429s. 0 sends them unpaced.
    group_messages_per_minute: int = Field(20, ge=0, le=600)


class Settings(_Section):
    catalogue_dir: Path = Path("catalogue")
    database: Path = Path("var/neuvobot.sqlite3")
    timezone: str = "Europe/Helsinki"
    # DEBUG is safe to use: a filter keeps message text, names and ids out of every line.
    log_level: Annotated[
        Literal["DEBUG", "INFO", "WARNING", "ERROR"],
        BeforeValidator(lambda v: v.upper() if isinstance(v, str) else v),
    ] = "INFO"
    retention_days: int = Field(30, ge=1)
    review_after_months: int = Field(12, ge=1)
    search: SearchSettings = Field(default_factory=SearchSettings)
    telegram: TelegramSettings = Field(default_factory=TelegramSettings)
    ptv: PtvSettings = Field(default_factory=PtvSettings)
    nurse_teams: list[NurseTeam] = Field(default_factory=list)
    # A case nobody takes within this time: the family is told and offered alternatives.
    case_expiry_minutes: int = Field(60, ge=1)
    # Live catalogue reload: how often the directory is looked at; 0 turns watching off.
    catalogue_reload_seconds: float = Field(2.0, ge=0)
    # Telegram chat of the catalogue editors: told when a catalogue change is rejected.
    editors_chat_id: int | None = None
    # Unmatched questions (scrubbed, without who asked) for `neuvobot insights`.
    insights_retention_days: int = Field(180, ge=1)


class ConfigError(Exception):
    """One clear sentence per problem, with file:line where there is a file."""


ENV_OVERRIDES = {
    "NEUVOBOT_CATALOGUE": ("catalogue_dir",),
    "NEUVOBOT_DB": ("database",),
    "NEUVOBOT_TELEGRAM_API": ("telegram", "api_base"),
    "NEUVOBOT_LOG_LEVEL": ("log_level",),
}
# Secrets have their own way in; a config file is copied around and checked in too often.
SECRET_KEYS = {
    "token": "the Telegram token comes only from NEUVOBOT_TELEGRAM_TOKEN or telegram.token_file",
    "webhook_secret": "the webhook secret comes only from NEUVOBOT_WEBHOOK_SECRET",
    "secret_token": "the webhook secret comes only from NEUVOBOT_WEBHOOK_SECRET",
}


def load_settings(path: Path | str | None = None, env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    raw: dict[str, Any] = {}
    file: Path | None = Path(path) if path else None
    if file is None:
        file = next((Path(p) for p in DEFAULT_CONFIG_FILES if Path(p).exists()), None)
    data: Any = None
    if file is not None:
        if not file.exists():
            raise ConfigError(f"{file}: config file not found")
        try:
            data = read_yaml(file)
        except YamlProblem as exc:
            raise ConfigError(f"{file}:{exc.line}: {exc.message}") from exc
        if data is not None and not isinstance(data, dict):
            raise ConfigError(f"{file}:1: the config must be a mapping of `key: value`")
        raw = dict(data or {})
    for var, keys in ENV_OVERRIDES.items():
        if env.get(var):
            target = raw
            for key in keys[:-1]:
                # An absent or empty section (`telegram:` alone) still takes the override.
                if not isinstance(target.get(key), dict):
                    target[key] = {}
                target = target[key]
            target[keys[-1]] = env[var]
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            where = f"{file}:{line_of(data, loc)}" if file is not None else "config"
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                msg = "unknown setting: check the spelling against config.example.yaml"
                if (key := str(loc[-1]).lower()) in SECRET_KEYS:
                    msg = f"secrets are not read from the config file: {SECRET_KEYS[key]}"
            lines.append(f"{where}: {'.'.join(map(str, loc))}: {msg}")
        raise ConfigError("\n".join(lines)) from exc
