"""Shared fixtures: paths to the shipped catalogue and a writer for small test catalogues."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SHIPPED_CATALOGUE = PROJECT / "catalogue"
SHARED = PROJECT.parent / "shared"


@pytest.fixture
def shipped_catalogue_dir() -> Path:
    return SHIPPED_CATALOGUE


@pytest.fixture
def make_catalogue(tmp_path: Path) -> Callable[..., Path]:
    """Write files into a fresh catalogue dir (with the real service types) and return it."""

    root = tmp_path / "catalogue"
    root.mkdir()
    shutil.copy(SHIPPED_CATALOGUE / "service-types.yaml", root / "service-types.yaml")

    def write(files: dict[str, str] | None = None, **more: str) -> Path:
        for name, text in {**(files or {}), **more}.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return root

    return write
