"""The cost of keeping Tab in reading order: rebuilding the focus chain after
a refit (``ReadingTabOrder.refresh``), next to the refit itself.

Run: python benchmarks/bench_tab_order.py

Offscreen, on seed-3.4 and on a scene with 8 kernels of 8 channels (163 tab
stops). Prints the chain's length, the median refresh and the median refit.
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from convviz.core.catalogue import resolve_scene  # noqa: E402
from convviz.core.scene import Kernel, Scene  # noqa: E402
from convviz.ui.base.runtime import Settings  # noqa: E402
from convviz.ui.shell.main_window import MainWindow  # noqa: E402
from convviz.ui.shell.tab_order import reading_order  # noqa: E402


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    app = QApplication.instance() or QApplication([])
    rng = np.random.default_rng(0)
    kernels = tuple(Kernel(f"W{i}", rng.integers(-2, 3, (3, 3, 8)).astype(float), 0.0) for i in range(8))
    big = Scene(rng.integers(-3, 10, (8, 8, 8)).astype(float), kernels, name="8 kernels × 8 channels")
    for scene in (resolve_scene("seed-3.4"), big):
        window = MainWindow(scene, settings=Settings())
        window.resize(1280, 720)
        window.show()
        app.processEvents()
        window.fit_cells()
        refresh = median_ms(window.tab_order.refresh, 30)
        refit = median_ms(window.fit_cells, 5)
        print(f"{scene.name}: {len(reading_order(window))} tab stops, refresh {refresh:.1f} ms, refit {refit:.1f} ms")
        window.document.undo_stack.setClean()
        window.close()


if __name__ == "__main__":
    main()
