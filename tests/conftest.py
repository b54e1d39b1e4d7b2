"""Shared test set-up: Qt runs offscreen, user folders point at tmp_path,
and how thorough the run is (see thoroughness.py)."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

# Before any Qt import: no display in CI, and none needed anywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from thoroughness import THOROUGH  # noqa: E402  (after the platform is set)

settings.register_profile("fast", deadline=None, max_examples=25)
settings.register_profile("thorough", deadline=None, max_examples=100)
settings.load_profile("thorough" if THOROUGH else "fast")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="also run the tests marked slow (CI always does)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if THOROUGH or config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: runs in CI (CI=true), or with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
