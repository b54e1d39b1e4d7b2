"""Shared test set-up: Qt runs offscreen, user folders point at tmp_path."""

from __future__ import annotations

import os

# Before any Qt import: no display in CI, and none needed anywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
