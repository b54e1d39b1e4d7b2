"""How large the cells are, and how much of the height the content uses.

For each scene, size and layout (the window with the Presets dock closed
and open, and the presentation/export frame) it prints the cell size in
pixels of the input, kernel and map grids and the span: in the window, the
fraction of the panels' height (above the ledger) the grids fill (an
input in a column of the full height left out: it goes past the ledger's
top); in a frame, the fraction of the frame's height the grids and the
ledger span, and in ``frame`` all that is drawn, the title rows included. A
frame's grid drawn as an image (16×16×3's input at 1280×720: its numbers
could not be read at the cells the frame has room for) shows ``img``: it
has no number cells to measure. ``×win`` is the frame's smallest number
cell over the window's smallest (dock closed), the 1.3× target's measure.
Layouts can so be compared before and after a change::

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_layout.py

Targets at 1280×720: the seed scenes ≥ 40 px in the window, 8×8×4 with K = 4
≥ 24 px, 16×16×3 ≥ 18 px, any scene ≥ 20 px with the dock open, and the
presentation ≥ 1.3× the window's cells with the content spanning ≥ 85 %.
"""

from __future__ import annotations

import os
import sys

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def dense(name: str, H: int, C: int, K: int, k: int, seed: int):
    from convviz.core.scene import Kernel, Scene

    rng = np.random.default_rng(seed)
    kernels = tuple(Kernel(f"W{i}", rng.integers(-2, 3, (k, k, C)).astype(float), float(i)) for i in range(K))
    return Scene(rng.integers(-3, 10, (H, H, C)).astype(float), kernels, name=name)


def scenes():
    from convviz.core.catalogue import resolve_scene

    out = [resolve_scene(n) for n in ("seed-3.1", "seed-3.4", "cs231n-style")]
    out.append(dense("8x8x4 K4 3x3", 8, 4, 4, 3, 1))
    out.append(dense("16x16x3 K2 5x5", 16, 3, 2, 5, 2))
    return out


def window_numbers(window) -> tuple[int, int, int, float]:
    from PySide6.QtCore import QPoint

    def cells(views) -> int:
        return min((v.cell_size for v in views), default=0)

    # The span: how much of the height between the panels' top and the
    # ledger the grids fill (the rest is empty space under them).
    grids = [*window.input_panel.views, *window.kernel_panel.all_views(), *window.output_panel.views]
    body_top = window.body.mapTo(window, QPoint(0, 0)).y()
    bottom = max(v.mapTo(window, QPoint(0, v.height())).y() for v in grids if v.isVisible() and not window.input_panel.isAncestorOf(v))
    ledger_top = window.ledger_view.mapTo(window, QPoint(0, 0)).y()
    span = (bottom - body_top) / max(1, ledger_top - body_top)
    return cells(window.input_panel.views), cells(window.kernel_panel.all_views()), cells(window.output_panel.views), span


def presentation_numbers(scene, size) -> tuple[float, float, float, float, float]:
    """A frame's input, kernel and map cells (nan where drawn as images) and its spans."""
    from convviz.core.trace import StepTrace
    from convviz.ui.recording.frame_renderer import compute_layout

    trace = StepTrace(scene, "channel")
    lay = compute_layout(scene, trace, *size)
    grids = [*lay.inputs, *lay.kernels, lay.bias, *lay.outputs]
    top = min(g.caption_rect.top() for g in grids) - lay.header_px * 1.3
    bottom = max(max(g.rect.bottom() for g in grids), lay.ledger_origin.y() + lay.ledger_height)
    first = min(lay.title_rect.top(), top)
    # A map's cells can be larger than the input's and kernel's (its numbers are longer).
    maps = min((g.cell_w for g in lay.outputs if not g.as_image), default=float("nan"))
    inputs = min((g.cell_w for g in lay.inputs if not g.as_image), default=float("nan"))  # nan: drawn as images (img)
    return inputs, lay.cell, maps, (bottom - top) / size[1], (bottom - first) / size[1]


def main() -> int:
    from convviz.ui.base.runtime import Settings
    from convviz.ui.shell.app import make_app
    from convviz.ui.shell.main_window import MainWindow

    app = make_app(offscreen=True)
    print(f"{'scene':<18} {'size':<10} {'layout':<14} {'input':>6} {'kernel':>6} {'maps':>6} {'span':>6} {'frame':>6} {'×win':>5}")

    def px(value: float) -> str:
        return "img" if value != value else f"{value:.0f}"  # nan: a grid drawn as an image
    for scene in scenes():
        for size in ((1280, 720), (1920, 1080)):
            window_cell = 0
            window = MainWindow(scene, settings=Settings())
            window.resize(*size)
            window.show()
            app.processEvents()
            for dock in (False, True):
                window.presets_dock.setVisible(dock)
                app.processEvents()
                window.fit_cells()
                app.processEvents()
                i, k, m, span = window_numbers(window)
                window_cell = window_cell or min(i, k, m)  # the dock closed
                label = ("window+dock" if dock else "window") + (" col" if window.input_in_column else "")
                print(f"{scene.name[:18]:<18} {size[0]}x{size[1]:<5} {label:<14} {i:>6} {k:>6} {m:>6} {span:>6.0%}")
            window.close()
            window.deleteLater()
            app.processEvents()
            i, k, m, span, frame = presentation_numbers(scene, size)
            ratio = min(v for v in (i, k, m) if v == v) / max(1, window_cell)
            print(f"{scene.name[:18]:<18} {size[0]}x{size[1]:<5} {'presentation':<14} {px(i):>6} {px(k):>6} {px(m):>6} "
                  f"{span:>6.0%} {frame:>6.0%} {ratio:>5.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
