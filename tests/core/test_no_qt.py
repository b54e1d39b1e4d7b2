"""convviz's core, its library face (all but show) and its text commands never import Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
QT_PACKAGES = ("PySide6", "shiboken6", "pyqtgraph")

PROGRAM = f"""
import contextlib, importlib, io, json, pkgutil, sys
import convviz, convviz.core, convviz.cli
for name in convviz.__all__:
    if name != 'show':
        getattr(convviz, name)
for module in pkgutil.walk_packages(convviz.core.__path__, "convviz.core."):
    importlib.import_module(module.name)
codes = []
with contextlib.redirect_stdout(io.StringIO()):
    for argv in (["compute", "seed-3.3"], ["compute", "seed-3.4", "--json"], ["explain", "seed-3.3", "--at", "0", "0"],
                 ["presets"]):
        codes.append(convviz.cli.main(argv))
qt = sorted(m for m in sys.modules if m.split(".")[0] in {QT_PACKAGES!r})
print(json.dumps({{"codes": codes, "qt": qt}}))
"""


def test_core_engine_and_text_commands_load_no_qt_module():
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["codes"] == [0, 0, 0, 0]
    assert report["qt"] == []
