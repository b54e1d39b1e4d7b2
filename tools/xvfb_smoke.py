"""Start ``convviz`` on a real X server (Xvfb) and check that its window maps,
paints, steps once and closes cleanly.

Every test in the suite runs on Qt's offscreen platform; this is the one
check that Qt's xcb platform plugin, its libraries and the window work on a
display server. ``.ci/run`` runs it after the test suite::

    python tools/xvfb_smoke.py [--size 1920x1080] [--scale 2] [-o .ci/artifacts/xvfb-smoke.png]

It prints what it measured and exits 0 if every check passed, 1 if not.
Needs ``Xvfb`` (Debian: ``apt install xvfb``) and the xcb libraries.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SCREENSHOT = REPO / ".ci" / "artifacts" / "xvfb-smoke.png"


def start_xvfb(width: int, height: int) -> tuple[subprocess.Popen, str]:
    """Xvfb on the first free display; ``-displayfd`` says which once it is ready."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SystemExit("xvfb_smoke: Xvfb is not installed (Debian/Ubuntu: apt install xvfb)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    os.close(write_end)
    # Xvfb writes the number, then a newline in a second write; closing the
    # pipe before that newline arrives makes Xvfb exit ("Cannot write display
    # number"), so read up to it.
    answer = b""
    deadline = time.monotonic() + 20
    while not answer.endswith(b"\n") and time.monotonic() < deadline:
        ready, _, _ = select.select([read_end], [], [], max(deadline - time.monotonic(), 0))
        chunk = os.read(read_end, 64) if ready else b""
        if not chunk:
            break
        answer += chunk
    os.close(read_end)
    number = answer.decode().strip() if answer.endswith(b"\n") else ""
    if not number:
        server.kill()
        raise SystemExit(f"xvfb_smoke: Xvfb did not start: {server.communicate()[1].decode(errors='replace')}")
    return server, f":{number}"


def convviz_command() -> list[str]:
    """The installed ``convviz`` beside this Python, as a user would start it."""
    script = Path(sys.executable).with_name("convviz")
    return [str(script)] if script.exists() else [sys.executable, "-m", "convviz"]


def check_screenshot(path: Path, frame: list[int]) -> list[str]:
    """The window's part of the grab must show a painted window: many colours,
    not one flat fill (a window that mapped but never painted is uniform)."""
    problems = []
    with Image.open(path) as shot:
        x, y, w, h = frame
        box = (max(x, 0), max(y, 0), min(x + w, shot.width), min(y + h, shot.height))
        if box[2] - box[0] < 100 or box[3] - box[1] < 100:
            return [f"the window's frame {frame} is not on the {shot.width}×{shot.height} screen"]
        region = shot.convert("RGB").crop(box)
        colours = region.getcolors(maxcolors=1 << 20) or []
        if len(colours) < 16:
            problems.append(f"the window looks blank: {len(colours)} colours in its {w}×{h} frame")
        darkest = min(sum(c[1]) for c in colours) if colours else 0
        if colours and darkest == max(sum(c[1]) for c in colours):
            problems.append("the window is one flat colour")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="1920x1080", help="Xvfb screen size (default 1920x1080)")
    parser.add_argument("--scale", default=None, help="QT_SCALE_FACTOR for the app (e.g. 2)")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_SCREENSHOT, help="where to save the screenshot")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.unlink(missing_ok=True)

    began = time.perf_counter()
    server, display = start_xvfb(width, height)
    try:
        xvfb_seconds = time.perf_counter() - began
        with tempfile.TemporaryDirectory(prefix="convviz-smoke-") as home:
            env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
            env.update(DISPLAY=display, CONVVIZ_HOME=home, CONVVIZ_SMOKE_TEST=str(args.output), XDG_SESSION_TYPE="x11")
            if args.scale:
                env["QT_SCALE_FACTOR"] = args.scale
            app_began = time.perf_counter()
            result = subprocess.run(
                convviz_command(), env=env, capture_output=True, text=True, timeout=120, check=False
            )
            app_seconds = time.perf_counter() - app_began
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    problems = []
    report = None
    for line in result.stdout.splitlines():
        if line.startswith("convviz-smoke "):
            report = json.loads(line.removeprefix("convviz-smoke "))
    if result.returncode != 0:
        problems.append(f"convviz exited with status {result.returncode}")
    if "Traceback" in result.stderr:
        problems.append("convviz printed a traceback")
    if report is None:
        problems.append("convviz printed no smoke report")
    else:
        if report["platform"] != "xcb":
            problems.append(f"Qt platform {report['platform']!r}, not xcb")
        if not (report["exposed"] and report["visible"]):
            problems.append("the window was not mapped and exposed")
        if report["paint_events"] < 1:
            problems.append("the window never painted")
        if not (report["stepped"] and report["step_after"] == report["step_before"] + 1):
            problems.append(f"stepping went from {report['step_before']} to {report['step_after']}")
        if report["screenshot"] is None or not args.output.exists():
            problems.append("no screenshot was saved")
        else:
            problems += check_screenshot(args.output, scaled(report["window_frame"], report["device_pixel_ratio"]))

    print(f"xvfb smoke test on {display} ({width}×{height}" + (f", scale {args.scale}" if args.scale else "") + ")")
    print(f"  Xvfb ready in {xvfb_seconds:.2f} s; convviz ran {app_seconds:.2f} s, exit status {result.returncode}")
    if report is not None:
        x, y, w, h = report["window_frame"]
        sw, sh = report["screen"][2], report["screen"][3]
        print(
            f"  window {w}×{h} at ({x}, {y}) on a {sw}×{sh} screen (logical pixels, ratio "
            f"{report['device_pixel_ratio']}), {100 * w * h / (sw * sh):.0f} % of it"
            + (", maximized" if report["maximized"] else "")
        )
        print(
            f"  first paint after {report['seconds_to_first_paint']:.2f} s, {report['paint_events']} paint events; "
            f"stepped {report['step_before']} → {report['step_after']}"
        )
        print(f"  screenshot: {args.output}")
    if problems or result.returncode != 0:
        for problem in problems:
            print(f"  FAILED: {problem}")
        if result.stderr.strip():
            print("  convviz's stderr:\n" + "\n".join("    " + line for line in result.stderr.splitlines()))
        print("xvfb-smoke: 0 passed, 1 failed")
        return 1
    print("  mapped, painted, stepped once, closed cleanly")
    print("xvfb-smoke: 1 passed, 0 failed")
    return 0


def scaled(frame: list[int], ratio: float) -> list[int]:
    """A frame in logical pixels as device pixels, as in the screen grab."""
    return [round(v * ratio) for v in frame]


if __name__ == "__main__":
    sys.exit(main())
