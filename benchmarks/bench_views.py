"""Switching the feature-map panel to the partial-maps or im2col view.

Run: python benchmarks/bench_views.py [--repeats N]

A 512×512×3 image with eight 3×3 kernels (U is [27, 262144], 7 million
numbers, read only where it is drawn) in a 1600×900 window, offscreen. Each
measurement is from the view change (what the combo and Ctrl+2/Ctrl+3 call)
until the equation view has been painted (a synchronous repaint), target
≤ 150 ms of wall time; the process's CPU time beside it says how much of
that was this work rather than waiting for a busy machine. "first" is the
first switch on a scene (the partial maps are computed then, U's windows
set up); "again" the median of later switches (kept per scene). Also:
stepping within im2col (target: as fast as stepping in the maps view), and
the view's limit: an input whose U would be past it is refused with a
message.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CONVVIZ_HOME", tempfile.mkdtemp(prefix="convviz-bench-"))

from convviz.core.frame_views import IM2COL_VIEW_MAX_VALUES  # noqa: E402
from convviz.core.scene import Kernel, Scene  # noqa: E402
from convviz.ui.shell.app import make_app  # noqa: E402

TARGET_MS = 150.0


def big_scene() -> Scene:
    rng = np.random.default_rng(0)
    x = rng.random((512, 512, 3))
    kernels = tuple(Kernel(f"W{k}", rng.normal(size=(3, 3, 3)), float(k) / 8) for k in range(8))
    return Scene(x, kernels, name="bench 512×512×3, eight 3×3")


def switch_ms(window, view: str) -> tuple[float, float]:
    """Wall and CPU milliseconds of one switch to ``view``, painted."""
    equation = window.output_panel.equation
    start, cpu = time.perf_counter(), time.process_time()
    window.set_view(view)
    equation.repaint()
    return (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    app = make_app(offscreen=True)
    from convviz.ui.base.runtime import Settings
    from convviz.ui.shell.main_window import MainWindow

    window = MainWindow(big_scene(), settings=Settings())
    window.resize(1600, 900)
    window.show()
    app.processEvents()
    print(f"scene: 512×512×3, 8 kernels 3×3; im2col view limit {IM2COL_VIEW_MAX_VALUES:,} numbers in U (128 MiB)")
    for view in ("partial-maps", "im2col"):
        first = switch_ms(window, view)
        again = []
        for _ in range(args.repeats):
            switch_ms(window, "maps")
            app.processEvents()
            again.append(switch_ms(window, view))
        median = statistics.median(ms for ms, _ in again)
        median_cpu = statistics.median(cpu for _, cpu in again)
        verdict = "ok" if max(first[0], median) <= TARGET_MS else "OVER"
        print(f"switch to {view:13s} first {first[0]:6.1f} ms (CPU {first[1]:5.1f})   again (median of {args.repeats}) "
              f"{median:6.1f} ms (CPU {median_cpu:5.1f})   target ≤ {TARGET_MS:.0f} ms: {verdict}")  # fmt: skip
        app.processEvents()
    steps = []
    for _ in range(20):
        start = time.perf_counter()
        window.animator.step(1)
        window.output_panel.equation.repaint()
        steps.append((time.perf_counter() - start) * 1000)
    print(f"im2col: one step until painted, median of 20: {statistics.median(steps):.1f} ms")
    huge = Scene(np.zeros((1000, 1000, 3)), (Kernel("W0", np.ones((5, 5, 3))),), name="huge")
    window.document.load_scene(huge)
    app.processEvents()
    start = time.perf_counter()
    window.set_view("im2col")
    window.output_panel.equation.repaint()
    print(f"past the limit ({3 * 25 * 996 * 996:,} numbers): refused in {(time.perf_counter() - start) * 1000:.1f} ms: "
          f"{window.output_panel.equation.message!r}")  # fmt: skip
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone()  # background work on the scene finishes before the window goes
    app.processEvents()
    window.document.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
