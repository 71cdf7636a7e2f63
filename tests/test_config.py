"""Config: the example runs as it is, env overrides, and clear errors with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from neuvobot.config import ConfigError, load_settings
from tests.conftest import PROJECT


def test_example_config_loads():
    settings = load_settings(PROJECT / "config.example.yaml", env={})
    assert settings.catalogue_dir == Path("catalogue")
    assert settings.retention_days == 30


def test_environment_overrides_the_file():
    settings = load_settings(
        PROJECT / "config.example.yaml",
        env={
            "NEUVOBOT_DB": "/tmp/x.sqlite3",
            "NEUVOBOT_CATALOGUE": "/data/cat",
            "NEUVOBOT_TELEGRAM_API": "http://127.0.0.1:8081",
        },
    )
    assert settings.database == Path("/tmp/x.sqlite3")
    assert settings.catalogue_dir == Path("/data/cat")
    assert settings.telegram.api_base == "http://127.0.0.1:8081"


def test_unknown_setting_names_file_and_line(tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text("catalogue_dir: catalogue\nretention_dayz: 3\n")
    with pytest.raises(ConfigError, match=r"config.yaml:2: retention_dayz: unknown setting"):
        load_settings(config, env={})


def test_bad_value_names_file_and_line(tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text("retention_days: -1\n")
    with pytest.raises(ConfigError, match=r"config.yaml:1: retention_days"):
        load_settings(config, env={})


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.yaml", env={})
