"""Secrets come only from the environment or a file; the database is owner-only."""

from __future__ import annotations

import os
import stat

import pytest

from neuvobot.config import ConfigError, load_settings
from neuvobot.storage.base import UserState
from neuvobot.storage.sqlite import SqliteStorage


@pytest.mark.parametrize(
    ("yaml", "where", "hint"),
    [
        ("telegram:\n  mode: polling\n  token: '123:ABC'\n", ":3: telegram.token", "TOKEN"),
        ("webhook_secret: s3cr3t\n", ":1: webhook_secret", "NEUVOBOT_WEBHOOK_SECRET"),
    ],
)
def test_a_secret_in_the_config_file_is_refused_with_a_sentence(tmp_path, yaml, where, hint):
    config = tmp_path / "config.yaml"
    config.write_text(yaml)
    with pytest.raises(ConfigError) as error:
        load_settings(config, env={})
    message = str(error.value)
    assert f"config.yaml{where}: secrets are not read from the config file" in message
    assert hint in message
    assert "123:ABC" not in message and "s3cr3t" not in message


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


async def test_database_wal_and_shm_are_owner_only_whatever_the_umask(tmp_path):
    path = tmp_path / "var" / "bot.sqlite3"
    old = os.umask(0o000)  # the most permissive umask a service could run with
    try:
        storage = SqliteStorage(path)
        await storage.open()
        await storage.save_user(UserState(key="tg:1", channel="telegram"))
        files = [path, tmp_path / "var" / "bot.sqlite3-wal", tmp_path / "var" / "bot.sqlite3-shm"]
        assert all(f.exists() for f in files)
        assert {f.name: _mode(f) for f in files} == {f.name: 0o600 for f in files}
        await storage.close()
    finally:
        os.umask(old)


async def test_a_database_copied_with_loose_permissions_is_made_owner_only(tmp_path):
    path = tmp_path / "bot.sqlite3"
    storage = SqliteStorage(path)
    await storage.open()
    await storage.close()
    os.chmod(path, 0o644)
    storage = SqliteStorage(path)
    await storage.open()
    try:
        assert _mode(path) == 0o600
    finally:
        await storage.close()
