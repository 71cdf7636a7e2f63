"""Shared by the robustness tests: one search engine over the shipped catalogue."""

from __future__ import annotations

import pytest

from neuvobot.app import build_searcher
from tests.conftest import SHIPPED_CATALOGUE


@pytest.fixture(scope="session")
def searcher(tmp_path_factory):
    return build_searcher(SHIPPED_CATALOGUE, tmp_path_factory.mktemp("index"))
