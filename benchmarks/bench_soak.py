"""Soak: 10,000 animation steps and 1,000 random edits/undos/redos.

Run: python benchmarks/bench_soak.py [--steps 10000] [--edits 1000]

Prints the memory growth of each phase (after a warm-up of each) (Python allocations via tracemalloc,
and the process's resident size) against the target of < 10 MB, and checks
that the undo stack is consistent afterwards: undoing everything gives back
the starting scene, redoing everything gives the final one.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def pump(app) -> None:  # noqa: ANN001
    """What a running event loop does between user actions: handle posted
    events and delete the widgets scheduled for deletion (processEvents
    alone leaves those for the loop, which this script doesn't run)."""
    from PySide6.QtCore import QEvent

    app.processEvents()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def settle(app) -> None:  # noqa: ANN001
    pump(app)
    gc.collect()


def random_edit(window, rng: np.random.Generator) -> str:  # noqa: ANN001
    doc = window.document
    scene = doc.scene
    H, W, C = scene.input_shape
    kh, kw, c, K = scene.kernel_shape
    kind = rng.choice(["cell", "weight", "bias", "block", "param", "resize", "kernels", "undo", "redo"])
    if kind == "cell":
        doc.set_block("input", 0, int(rng.integers(C)), int(rng.integers(H)), int(rng.integers(W)), np.array([[rng.integers(-5, 6)]]))
    elif kind == "weight":
        doc.set_block("kernel", int(rng.integers(K)), int(rng.integers(c)), int(rng.integers(kh)), int(rng.integers(kw)), np.array([[rng.integers(-3, 4)]]))
    elif kind == "bias":
        doc.set_bias(int(rng.integers(K)), float(rng.integers(-2, 3)))
    elif kind == "block":
        doc.set_block("input", 0, 0, 0, 0, rng.integers(-3, 4, (min(H, 3), min(W, 3))).astype(float))
    elif kind == "param":
        doc.set_params("Set stride", stride=(int(rng.integers(1, 3)), int(rng.integers(1, 3))))
    elif kind == "resize":
        doc.resize_input(int(rng.integers(5, 12)), int(rng.integers(5, 12)), int(rng.integers(1, 4)))
    elif kind == "kernels":
        doc.set_kernel_count(int(rng.integers(1, 4)))
    elif kind == "undo":
        doc.undo_stack.undo()
    else:
        doc.undo_stack.redo()
    return str(kind)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=1_000)
    args = parser.parse_args()

    from convviz.ui.shell.app import make_app

    app = make_app(offscreen=True)
    from PySide6.QtCore import Qt

    from convviz.core.catalogue import resolve_scene
    from convviz.ui.base.runtime import Settings
    from convviz.ui.shell.main_window import MainWindow

    window = MainWindow(resolve_scene("seed-3.4"), settings=Settings())
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.resize(1280, 720)
    window.show()
    settle(app)
    animator = window.animator
    animator.set_loop(True)

    # Warm up caches (fonts, formatted numbers, cell computations) first.
    for _ in range(300):
        animator.step(1)
        window.repaint()
    settle(app)

    tracemalloc.start()
    start_py, start_rss = tracemalloc.get_traced_memory()[0], rss_mb()
    t0 = time.perf_counter()
    for n in range(args.steps):
        animator.step(1)
        if n % 10 == 0:
            window.repaint()  # paint regularly, as the screen would
        if n % 100 == 0:
            pump(app)
    settle(app)
    steps_time = time.perf_counter() - t0
    mid_py, mid_rss = tracemalloc.get_traced_memory()[0], rss_mb()
    print(
        f"{args.steps:,} animation steps in {steps_time:.1f} s: Python memory {(mid_py - start_py) / 2**20:+.2f} MB, "
        f"resident {mid_rss - start_rss:+.1f} MB (target < 10 MB)"
    )

    rng = np.random.default_rng(7)
    # Warm up the edit paths too (widget rebuilds, font and layout caches,
    # the allocator's arenas); they grow once, then stay.
    for n in range(200):
        random_edit(window, rng)
        if n % 10 == 0:
            window.repaint()
            pump(app)
    settle(app)
    mid_py, mid_rss = tracemalloc.get_traced_memory()[0], rss_mb()
    start = window.document.scene
    start_index = window.document.undo_stack.index()
    kinds: dict[str, int] = {}
    t0 = time.perf_counter()
    for n in range(args.edits):
        kind = random_edit(window, rng)
        kinds[kind] = kinds.get(kind, 0) + 1
        if n % 10 == 0:
            window.repaint()
            pump(app)
    settle(app)
    edits_time = time.perf_counter() - t0
    end_py, end_rss = tracemalloc.get_traced_memory()[0], rss_mb()
    print(
        f"{args.edits:,} random edits/undos/redos in {edits_time:.1f} s ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}): "
        f"Python memory {(end_py - mid_py) / 2**20:+.2f} MB, resident {end_rss - mid_rss:+.1f} MB (target < 10 MB)"
    )

    stack = window.document.undo_stack
    final = window.document.scene
    depth = stack.index()
    while stack.index() > start_index:
        stack.undo()
    back_to_start = window.document.scene == start
    while stack.canRedo():
        stack.redo()
    forward_to_end = window.document.scene == final
    maps_ok = np.array_equal(window.maps.maps, final.feature_maps()) if not window.maps.error else True
    print(
        f"undo stack: {depth} commands; undo all → start scene: {back_to_start}; redo all → final scene: {forward_to_end}; "
        f"feature maps match the engine: {maps_ok}"
    )
    window.document.undo_stack.setClean()
    window.close()
    if not (back_to_start and forward_to_end and maps_ok):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
