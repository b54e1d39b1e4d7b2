"""Time to open big but legal scenes in the window (issue 11, item 10).

Run: python benchmarks/bench_big_scenes.py [--only NAME,NAME]

Everything runs offscreen (``QT_QPA_PLATFORM=offscreen`` unless already set).
For each scene, prints the seconds from constructing the main window until
it has been shown, fitted to 1280×720 and painted once (``grab`` of the whole
window), and how many kernel grids were built. Target: a few seconds each.

- padding-300 / padding-2000: a 5×5 input padded to 605² / 4005² cells. The
  input grid draws only the cells in view (it used to draw them all: 50 s at
  padding 300, and padding 2000 never opened).
- bank-64x8 / bank-64x64: 64 kernels of 3×3 with 8 or 64 channels, 512 or
  4096 grids; the kernel panel builds at most 256 and folds the rest
  (64×32 used to take 27 s).
- multiply-3.1e9: 128×128, 64 kernels of 31×31, padding 64; 3.1 billion
  multiply-level steps on the scrubber.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PySide6.QtWidgets import QApplication

from convviz.core.scene import ConvParams, Kernel, Scene


def padded(padding: int) -> Scene:
    kernel = Kernel("W0", np.ones((3, 3, 1)))
    return Scene(np.arange(25.0).reshape(5, 5, 1), (kernel,), ConvParams(padding=(padding, padding)))


def bank(K: int, C: int, k: int = 3, side: int = 8, padding: int = 0) -> Scene:
    kernels = tuple(Kernel(f"W{i}", np.full((k, k, C), float(i % 5))) for i in range(K))
    return Scene(np.ones((side, side, C)), kernels, ConvParams(padding=(padding, padding)))


SCENES = {
    "padding-300": lambda: padded(300),
    "padding-2000": lambda: padded(2000),
    "bank-64x8": lambda: bank(64, 8),
    "bank-64x64": lambda: bank(64, 64),
    "multiply-3.1e9": lambda: bank(64, 1, k=31, side=128, padding=64),
}


def time_open(app: QApplication, scene: Scene, multiply: bool) -> tuple[float, int, int]:
    from convviz.core.trace import Level
    from convviz.ui.base.runtime import Settings
    from convviz.ui.shell.main_window import MainWindow

    start = time.perf_counter()
    window = MainWindow(scene, settings=Settings())
    window.resize(1280, 720)
    window.show()
    app.processEvents()
    window.fit_cells()
    if multiply:
        window.animator.set_level(Level.MULTIPLY)
    window.grab()
    seconds = time.perf_counter() - start
    grids = sum(len(window.kernel_panel.views_of(k)) for k in range(len(scene.kernels)))
    steps = len(window.animator)
    window.document.undo_stack.setClean()
    window.close()
    window.deleteLater()
    app.processEvents()
    return seconds, grids, steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(SCENES), help="comma-separated: " + ", ".join(SCENES))
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    for name in args.only.split(","):
        seconds, grids, steps = time_open(app, SCENES[name](), multiply=name.startswith("multiply"))
        print(f"{name:16s} open {seconds:6.2f} s   kernel grids built {grids:5d}   steps {steps:,}", flush=True)


if __name__ == "__main__":
    main()
