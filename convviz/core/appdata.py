"""Where the user's own convviz files live, found without Qt.

``$CONVVIZ_HOME`` if set; otherwise the folder Qt's
``QStandardPaths.AppDataLocation`` gives for organization and application
"convviz" (a test checks that the two agree), so ``convviz presets`` can list
the user's presets without starting Qt.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["app_data_dir", "user_presets_dir"]

_ORG = _APP = "convviz"


def app_data_dir() -> Path:
    home = os.environ.get("CONVVIZ_HOME")
    if home:
        return Path(home)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / _ORG / _APP


def user_presets_dir() -> Path:
    """The folder the window saves the user's presets in."""
    return app_data_dir() / "presets"
