"""The hidden start-up check that CI runs on Xvfb (tools/xvfb_smoke.py),
exercised here on the offscreen platform; and the tool's blank-screen check."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parents[2]


def load_tool():
    spec = importlib.util.spec_from_file_location("xvfb_smoke", REPO / "tools" / "xvfb_smoke.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


def test_the_smoke_hook_reports_a_painted_window_stepped_once_and_exits_0(tmp_path):
    shot = tmp_path / "smoke.png"
    env = dict(
        os.environ,
        PYTHONPATH=str(REPO),
        QT_QPA_PLATFORM="offscreen",
        CONVVIZ_HOME=str(tmp_path / "home"),
        CONVVIZ_SMOKE_TEST=str(shot),
    )
    result = subprocess.run(
        [sys.executable, "-m", "convviz"], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("convviz-smoke "))
    report = json.loads(line.removeprefix("convviz-smoke "))
    assert report["platform"] == "offscreen"
    assert report["exposed"] and report["visible"] and report["paint_events"] >= 1
    assert (report["step_before"], report["step_after"], report["stepped"]) == (0, 1, True)
    assert report["screenshot"] == str(shot)
    with Image.open(shot) as image:
        assert list(image.size) == report["screenshot_size"]
    assert load_tool().check_screenshot(shot, report["window_frame"]) == []


def test_the_tool_calls_a_window_that_never_painted_blank(tmp_path):
    tool = load_tool()
    blank = tmp_path / "blank.png"
    Image.new("RGB", (800, 600), "black").save(blank)
    assert "blank" in " ".join(tool.check_screenshot(blank, [100, 100, 400, 300]))
    painted = tmp_path / "painted.png"
    image = Image.new("RGB", (800, 600), "black")
    draw = ImageDraw.Draw(image)
    for i in range(40):
        draw.rectangle((100 + 9 * i, 100, 108 + 9 * i, 390), fill=(6 * i, 255 - 6 * i, 3 * i))
    image.save(painted)
    assert tool.check_screenshot(painted, [100, 100, 400, 300]) == []
    assert "not on the" in " ".join(tool.check_screenshot(painted, [2000, 100, 400, 300]))
