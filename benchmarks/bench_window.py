"""What a main window costs to open: construction, show (with its fit),
an explicit Fit to window afterwards, and one full fit of the grids.

Run: python benchmarks/bench_window.py [SCENE ...]   (default: seed-3.4 cs231n-style seed-3.1)

CPU time (``time.process_time``), median of several windows after one
warm-up, so that other work on the machine changes the numbers little.
Also counts how many fits a freshly shown window really runs: one (the
show, its resize and the Presets dock's refit come in one turn of the
event loop, and a fit with nothing changed since is skipped; see
ui/shell/fit_key.py). Most window tests open a window like this, so the
suite's time follows these numbers.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest  # noqa: E402

from convviz.core.catalogue import resolve_scene  # noqa: E402
from convviz.ui.base.runtime import Settings, make_app  # noqa: E402
from convviz.ui.shell import main_window  # noqa: E402
from convviz.ui.shell.main_window import MainWindow  # noqa: E402
from convviz.ui.shell.window_fit import fit_window  # noqa: E402

RUNS = 5


def open_window(app, scene_name: str, fits: list[int]) -> tuple[float, float, float, float, MainWindow]:  # noqa: ANN001
    t0 = time.process_time()
    window = MainWindow(resolve_scene(scene_name), settings=Settings())
    t1 = time.process_time()
    window.resize(1280, 720)
    window.show()
    QTest.qWaitForWindowExposed(window)
    app.processEvents()
    t2 = time.process_time()
    shown_fits = len(fits)
    window.fit_cells()  # what Fit to window, or a test's fixture, does next
    t3 = time.process_time()
    return t1 - t0, t2 - t1, t3 - t2, float(shown_fits), window


def main(names: list[str]) -> None:
    app = make_app(offscreen=True)
    fits: list[int] = []
    real_fit = main_window.fit_window
    main_window.fit_window = lambda window: (fits.append(1), real_fit(window))[1]  # type: ignore[assignment]
    for name in names:
        rows = []
        for run in range(RUNS + 1):
            fits.clear()
            *times, window = open_window(app, name, fits)
            explicit = len(fits) - int(times[3])
            started = time.process_time()
            fit_window(window)
            full_fit = time.process_time() - started
            window.document.undo_stack.setClean()
            window.close()
            window.deleteLater()
            app.processEvents()
            if run:  # the first window warms caches up
                rows.append((*times, explicit, full_fit))
        construct, show, refit, shown_fits, explicit, full_fit = (statistics.median(c) for c in zip(*rows, strict=True))
        print(f"{name:14s} construct {1000 * construct:6.1f} ms   show {1000 * show:6.1f} ms "
              f"({shown_fits:.0f} fit)   Fit again {1000 * refit:5.1f} ms ({explicit:.0f} fit)   "
              f"one full fit {1000 * full_fit:6.1f} ms   CPU")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:] or ["seed-3.4", "cs231n-style", "seed-3.1"])
