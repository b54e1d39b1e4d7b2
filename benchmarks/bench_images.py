"""Image mode speed: importing images, and an edit until the maps are painted.

Run: python benchmarks/bench_images.py [--repeats N]

Prints medians (and the slowest run) of:

- importing a 512×512 PNG as RGB, and a 2048×2048 PNG downsized to 256;
- in a window showing a 512×512×3 input with eight 3×3 kernels in image
  mode, from an edit (``SceneDocument.set_block``) until the feature maps
  are recomputed and painted: typing one value (only the windows over it
  are recomputed, at once), replacing a whole channel and changing one
  kernel weight (both recompute everything on the worker thread after the
  40 ms debounce; one map of 512×512×3 is over the inline limit);
- the longest the event loop was blocked during each edit: what a user
  would feel as the window not answering.

The target is 150 ms from the edit until the event loop has painted the
maps. Offscreen Qt, so no display is needed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from PySide6.QtCore import QEvent, QEventLoop, QObject

TARGET_MS = 150.0
KERNEL_PRESETS = ("sharpen", "box-blur-3x3", "sobel-x", "sobel-y", "gaussian-3x3", "laplacian-4", "emboss", "outline")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def _report(label: str, times: list[float], target: float | None = None) -> None:
    median = statistics.median(times)
    line = f"{label:<46} median {_ms(median)}   slowest {_ms(max(times))}"
    if target is not None:
        line += f"   target ≤ {target:.0f} ms: {'met' if median * 1000 <= target else 'NOT met'}"
    print(line)


def _write_png(path: Path, height: int, width: int) -> None:
    from PySide6.QtGui import QImage

    y, x = np.mgrid[0:height, 0:width]
    rgb = np.stack([(x * 255 // max(1, width - 1)), (y * 255 // max(1, height - 1)), ((x ^ y) & 255)], axis=-1)
    data = np.ascontiguousarray(rgb.astype(np.uint8))
    QImage(data.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy().save(str(path), "PNG")


def bench_import(folder: Path, repeats: int) -> None:
    from convviz.ui.imaging.image_import import load_image_scene

    small, big = folder / "512.png", folder / "2048.png"
    _write_png(small, 512, 512)
    _write_png(big, 2048, 2048)
    for label, path, side in (("import 512×512 PNG as RGB, 0–1", small, None),
                              ("import 2048×2048 PNG as RGB, downsized to 256", big, 256)):
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            load_image_scene(path, channels="rgb", scale="0-1", max_side=side)
            times.append(time.perf_counter() - t0)
        _report(label, times)


def _scene_512x512x3():
    from convviz.core.catalogue import find_builtin
    from convviz.core.scene import Kernel, Scene

    y, x = np.mgrid[0:512, 0:512] / 512
    values = np.stack([np.sin(9 * x) ** 2, np.cos(7 * y) ** 2, (x * y) % 1], axis=-1)
    kernels = []
    for preset in KERNEL_PRESETS:
        k = find_builtin(preset).item.kernels[0]
        kernels.append(Kernel(preset, np.repeat(k.weights, 3, axis=2) / 3, 0.0))
    return Scene(values, tuple(kernels), name="bench 512×512×3")


class _LongestBlock:
    """The longest the event loop went without running a 1 ms timer: how
    long the window was unresponsive at most."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self.ticks = 0
        self._last = time.perf_counter()
        self._timer = QTimer(interval=1)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now
        self.ticks += 1

    def start(self) -> None:
        self.longest, self.ticks, self._last = 0.0, 0, time.perf_counter()
        self._timer.start()

    def stop(self, app) -> float:
        seen = self.ticks
        while self.ticks == seen:  # one more tick closes the last gap
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        self._timer.stop()
        return self.longest


class _PaintClock(QObject):
    """When the feature-map images were last painted on screen."""

    def __init__(self, window) -> None:
        super().__init__()
        self.last = 0.0
        for view in window.output_panel.views:
            view.graphics.viewport().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.last = time.perf_counter()
        return False


def _time_edits(app, window, edit, repeats: int) -> dict[str, list[float]]:
    """Run ``edit(i)`` ``repeats`` times (after one warm-up) and time each
    until the maps are recomputed and painted by the event loop."""
    computed_at: list[float] = []
    window.maps.changed.connect(lambda: computed_at.append(time.perf_counter()))
    blocked, painted = _LongestBlock(), _PaintClock(window)
    times: dict[str, list[float]] = {"total": [], "maps": [], "paint": [], "block": []}
    for i in range(repeats + 1):
        computed_at.clear()
        blocked.start()
        t0 = time.perf_counter()
        edit(i)
        while not computed_at or painted.last < computed_at[0]:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        block = blocked.stop(app)  # idle again: the timer ticks
        if i:  # the first run warms caches and allocations
            t1, t2 = computed_at[0], painted.last
            for key, value in (("total", t2 - t0), ("maps", t1 - t0), ("paint", t2 - t1), ("block", block)):
                times[key].append(value)
    window.maps.changed.disconnect()
    window.maps.changed.connect(window.output_panel._on_maps_changed)
    return times


def bench_edit(repeats: int) -> None:
    from PySide6.QtWidgets import QApplication

    from convviz.ui.base.runtime import Settings
    from convviz.ui.shell.main_window import MainWindow

    app = QApplication.instance()
    window = MainWindow(_scene_512x512x3(), settings=Settings())
    window.resize(1600, 900)
    window.show()
    for _ in range(20):
        app.processEvents()
    window.repaint()
    assert window.output_panel.showing_images and window.input_panel.showing_images
    doc = window.document
    print("window: 512×512×3 input, 8 kernels 3×3, image mode")

    def type_value(i: int) -> None:
        doc.set_block("input", 0, i % 3, 100 + i, 200, np.array([[0.5 + 0.01 * i]]))

    def replace_channel(i: int) -> None:  # a paste or fill over the whole channel
        doc.set_block("input", 0, i % 3, 0, 0, np.full((512, 512), 0.25 + 0.01 * i))

    def edit_weight(i: int) -> None:
        doc.set_block("kernel", i % 8, i % 3, 1, 1, np.array([[1.0 + 0.1 * i]]))

    for label, edit in (("type one input value", type_value),
                        ("replace a whole input channel", replace_channel),
                        ("change one kernel weight", edit_weight)):
        times = _time_edits(app, window, edit, repeats)
        print(f"{label}:")
        _report("  edit → maps recomputed and painted", times["total"], TARGET_MS)
        _report("    edit → maps recomputed, panels updated", times["maps"])
        _report("    then until the maps are painted", times["paint"])
        _report("  longest the window was unresponsive", times["block"])
    doc.undo_stack.setClean()  # no "save changes?" question
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    from convviz.ui.shell.app import make_app

    # The engine's speed depends on BLAS threading more than on anything here.
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "OpenBLAS's default")
    print(f"{os.cpu_count()} CPUs, OPENBLAS_NUM_THREADS={threads}")
    with tempfile.TemporaryDirectory() as home:
        os.environ.setdefault("CONVVIZ_HOME", home)
        make_app()
        bench_import(Path(home), max(3, args.repeats // 3))
        bench_edit(args.repeats)


if __name__ == "__main__":
    main()
