"""Window speed: edit-to-repaint, step-to-repaint, start-up, playback and memory.

Run: python benchmarks/bench_ui.py [--quick] [--only edit,step,playback,memory,startup]

Everything runs offscreen (``QT_QPA_PLATFORM=offscreen`` unless already set)
on the scene the targets are stated for: a 32×32×3 input with four 3×3
kernels, at channel level. Prints one line per measurement with its target:

- edit-to-repaint: from the call that commits a typed value (what Enter does)
  until the views it affects (the edited grid, the four feature maps, the
  ledger) have been repainted, through the window's own update path: the
  event loop is run until their paint events have been delivered. Median
  of many edits, target ≤ 16 ms.
- step-to-repaint: from ``Animator.step(1)`` until the repaint it causes has
  finished (the ledger, the grids whose highlights moved). Median, target
  ≤ 8 ms.
- start-up: a fresh ``python -m convviz`` process, from spawning it until it
  reports that its window's first paint pass has finished (the hidden
  ``CONVVIZ_EXIT_AFTER_FIRST_PAINT=1`` switch; the process then quits).
  Median of several runs after one warm-up, target ≤ 1.5 s.
- playback: 10 s of play at 30 steps/s with the timer; how many steps were
  shown (each followed by a repaint before the next step) and how many
  were skipped, target: none skipped.
- memory: 10,000 steps (looping), Python allocations (tracemalloc) and the
  process's resident set before and after, target: flat.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CONVVIZ_HOME", tempfile.mkdtemp(prefix="convviz-bench-"))

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from convviz.core.scene import Kernel, Scene
from convviz.ui.shell.app import make_app


def bench_scene() -> Scene:
    """A 32×32×3 input of small integers with four 3×3 kernels."""
    rng = np.random.default_rng(0)
    x = rng.integers(-3, 4, size=(32, 32, 3)).astype(float)
    kernels = [Kernel(f"W{k}", rng.integers(-2, 3, size=(3, 3, 3)).astype(float), float(k)) for k in range(4)]
    return Scene(x, tuple(kernels), name="bench 32×32×3, four 3×3")


class PaintLog(QObject):
    """Which widgets received a paint event since the last reset."""

    def __init__(self) -> None:
        super().__init__()
        self.painted: set[int] = set()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted.add(id(watched))
            self.count += 1
        return False

    def reset(self) -> None:
        self.painted.clear()


def run_until_painted(app: QApplication, log: PaintLog, targets: list[QWidget], limit_s: float = 2.0) -> None:
    """Run the event loop until every target has been painted."""
    wanted = {id(t) for t in targets}
    deadline = time.perf_counter() + limit_s
    while not wanted <= log.painted:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
        if time.perf_counter() > deadline:
            missing = [t.accessibleName() or type(t).__name__ for t in targets if id(t) not in log.painted]
            raise RuntimeError(f"no repaint of {missing} within {limit_s} s")


def open_window(app: QApplication):
    from convviz.ui.base.runtime import Settings
    from convviz.ui.shell.main_window import MainWindow

    window = MainWindow(bench_scene(), settings=Settings())
    window.resize(1280, 720)
    window.show()
    window.fit_cells()
    for _ in range(5):
        app.processEvents()
    return window


def summary(ms: list[float]) -> str:
    ms = sorted(ms)
    p90 = ms[int(0.9 * (len(ms) - 1))]
    return f"median {statistics.median(ms):6.2f} ms   p90 {p90:6.2f} ms   max {ms[-1]:6.2f} ms   (n={len(ms)})"


def bench_edit(app: QApplication, window, log: PaintLog, count: int) -> None:
    view = window.input_panel.views[0]  # the one on screen at this size
    rng = np.random.default_rng(1)
    # Keep the current step's window over the edited cells, so the ledger
    # must change too (the most work an edit can cause).
    window.animator.jump_to_cell(0, 10, 10)
    times = []
    for n in range(count):
        r, c = 10 + int(rng.integers(0, 3)), 10 + int(rng.integers(0, 3))
        view.set_current_cell(r, c)
        old = int(view.model.values()[r, c])
        view.start_edit(str(old + (1 if old < 0 else -1) * int(rng.integers(1, 4))))  # always a new value
        app.processEvents()
        before = window.maps.maps
        log.reset()
        t0 = time.perf_counter()
        view.commit_edit()
        t1 = time.perf_counter()
        # (Not timed, and no events run meanwhile.) The maps with a changed
        # cell on screen: a map scrolled out of view, or whose readers of
        # (r, c) all have weight 0 there, rightly gets no paint event.
        targets = [view, window.ledger_view]
        for k, m in enumerate(window.output_panel.views):
            for rr, cc in np.argwhere(before[:, :, k] != window.maps.maps[:, :, k]):
                if m.visibleRegion().intersects(m.cell_rect(int(rr), int(cc))):
                    targets.append(m)
                    break
        t2 = time.perf_counter()
        run_until_painted(app, log, targets)
        times.append((t1 - t0 + time.perf_counter() - t2) * 1e3)
    print(f"edit-to-repaint (input cell of 32×32×3, four 3×3 kernels): {summary(times)}   target median ≤ 16 ms")


def bench_step(app: QApplication, window, log: PaintLog, count: int) -> None:
    animator = window.animator
    animator.first()
    app.processEvents()
    times = []
    for _ in range(count):
        log.reset()
        t0 = time.perf_counter()
        animator.step(1)
        run_until_painted(app, log, [window.ledger_view])
        app.processEvents()  # anything else the step left to paint
        times.append((time.perf_counter() - t0) * 1e3)
    print(f"step-to-repaint (channel level):                      {summary(times)}   target median ≤ 8 ms")


def bench_startup(runs: int) -> None:
    env = dict(os.environ, CONVVIZ_EXIT_AFTER_FIRST_PAINT="1")
    # As an installed copy starts: from compiled bytecode (written by the
    # warm-up run to a folder of our own, so the checkout stays clean).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="convviz-bench-pyc-")
    paint, whole = [], []
    for n in range(runs + 1):
        env["CONVVIZ_HOME"] = tempfile.mkdtemp(prefix="convviz-bench-start-")
        t0 = time.time()
        result = subprocess.run(
            [sys.executable, "-m", "convviz"], check=False, env=env, capture_output=True, text=True, timeout=60,
            cwd=Path(__file__).resolve().parents[1],
        )
        t1 = time.time()
        line = next((l for l in result.stdout.splitlines() if l.startswith("convviz-first-paint ")), None)
        if result.returncode != 0 or line is None:
            raise RuntimeError(f"start-up run failed ({result.returncode}): {result.stderr[-500:]}")
        if n == 0:
            continue  # warm-up: byte-compiling, the OS file cache
        paint.append(float(line.split()[1]) - t0)
        whole.append(t1 - t0)
    print(
        f"start-up to first painted window (whole process):     median {statistics.median(paint):.3f} s   "
        f"min {min(paint):.3f} s   max {max(paint):.3f} s   (n={len(paint)}; to exit: median {statistics.median(whole):.3f} s)"
        "   target ≤ 1.5 s"
    )


def bench_playback(app: QApplication, window, log: PaintLog, seconds: float) -> None:
    animator = window.animator
    animator.set_loop(True)
    animator.first()
    app.processEvents()
    ledger = id(window.ledger_view)
    shown: list[int] = []
    times: list[float] = []
    unpainted = 0
    state = {"painted": True}

    class LedgerPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and id(watched) == ledger:
                state["painted"] = True
            return False

    def on_index(index: int) -> None:
        nonlocal unpainted
        if not state["painted"]:
            unpainted += 1  # the previous step never reached the screen
        state["painted"] = False
        shown.append(index)
        times.append(time.perf_counter())

    watcher = LedgerPaint()
    window.ledger_view.installEventFilter(watcher)
    animator.indexChanged.connect(on_index)
    animator.set_speed(30.0)
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    start = time.perf_counter()
    animator.play()
    loop.exec()
    animator.pause()
    elapsed = time.perf_counter() - start
    animator.indexChanged.disconnect(on_index)
    window.ledger_view.removeEventFilter(watcher)
    jumps = sum(1 for a, b in itertools.pairwise(shown) if b != (a + 1) % len(animator))
    gaps = np.diff(times) * 1e3 if len(times) > 1 else np.array([0.0])
    print(
        f"playback {seconds:.0f} s at 30 steps/s: {len(shown)} steps shown (expected ≈ {seconds * 30:.0f}), "
        f"{jumps} skipped in the index, {unpainted} not painted before the next; "
        f"interval median {np.median(gaps):.1f} ms, max {gaps.max():.1f} ms; elapsed {elapsed:.2f} s   target: none skipped"
    )


def rss_mib() -> float:
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # peak, on systems without /proc


def bench_memory(app: QApplication, window, steps: int) -> None:
    animator = window.animator
    animator.set_loop(True)
    animator.first()

    def run(n: int) -> None:
        for _ in range(n):
            animator.step(1)
            app.processEvents()

    run(1000)  # warm-up: caches, fonts, first allocations
    tracemalloc.start()
    base_py, base_rss = tracemalloc.get_traced_memory()[0], rss_mib()
    marks = []
    for _ in range(4):
        run(steps // 4)
        marks.append((tracemalloc.get_traced_memory()[0] - base_py) / 2**20)
    peak = (tracemalloc.get_traced_memory()[1] - base_py) / 2**20
    end_rss = rss_mib()
    # How much of the growth is the step trace's per-cell cache (core/trace.py,
    # up to 4096 cells, then cleared): drop it and see what stays.
    cache = getattr(animator.trace, "_cell_cache", {})
    cached = len(cache)
    cache.clear()
    animator._focus = None  # the current step's focus holds one cell too
    gc.collect()
    residual = (tracemalloc.get_traced_memory()[0] - base_py) / 2**20
    tracemalloc.stop()
    print(
        f"memory over {steps:,} steps: Python allocations +{' → +'.join(f'{m:.2f}' for m in marks)} MiB at each quarter "
        f"(peak +{peak:.2f} MiB); RSS {base_rss:.1f} → {end_rss:.1f} MiB. The step trace's cell cache held {cached} "
        f"cells; without it the growth is +{residual:.2f} MiB   target: flat"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, 3 s of playback, 2,000 steps")
    parser.add_argument(
        "--only", default="edit,step,playback,memory,startup", help="comma-separated subset of: %(default)s"
    )
    args = parser.parse_args()
    quick, only = args.quick, set(args.only.split(","))

    app = make_app(offscreen=True)
    window = open_window(app)
    log = PaintLog()
    app.installEventFilter(log)
    print(f"Qt platform: {app.platformName()}; scene {window.document.scene.name}; cell size {window.cell_size} px")

    if "edit" in only:
        bench_edit(app, window, log, 50 if quick else 300)
    if "step" in only:
        bench_step(app, window, log, 100 if quick else 600)
    if "playback" in only:
        bench_playback(app, window, log, 3.0 if quick else 10.0)
    app.removeEventFilter(log)
    if "memory" in only:
        bench_memory(app, window, 2000 if quick else 10_000)
    window.document.undo_stack.setClean()  # no unsaved-changes question
    window.close()
    if "startup" in only:
        bench_startup(3 if quick else 7)


if __name__ == "__main__":
    main()
