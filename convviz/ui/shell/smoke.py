"""A start-up check on a real display, for CI (hidden switch).

With ``CONVVIZ_SMOKE_TEST=OUT.png``, ``convviz`` opens its window as usual,
waits until the display server has mapped and exposed it and it has painted,
saves a grab of the whole screen (the pixels the server shows, not a render
of the widgets) to OUT.png, steps the animation once, prints one line
``convviz-smoke {json}`` and closes the window. ``tools/xvfb_smoke.py`` runs
it under Xvfb and checks the line and the picture.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

__all__ = ["run_smoke_test"]

TIMEOUT_MS = 30_000  # a window that hasn't shown by then never will


def run_smoke_test(app: QApplication, window: QMainWindow, screenshot: Path) -> None:
    """Arrange the check; it runs inside ``app.exec()`` once the window shows."""
    started = time.perf_counter()
    paints: list[float] = []

    class PaintWatcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) and watched.window() is window:
                paints.append(time.perf_counter())
            return False

    watcher = PaintWatcher(app)
    app.installEventFilter(watcher)
    poll = QTimer(app, interval=20)
    deadline = QTimer(app, singleShot=True, interval=TIMEOUT_MS)

    def exposed() -> bool:
        handle = window.windowHandle()
        return handle is not None and handle.isExposed()

    def check() -> None:
        if not (exposed() and paints):
            return
        poll.stop()
        deadline.stop()
        # After the whole paint pass has been flushed to the server.
        QTimer.singleShot(0, finish)

    def finish() -> None:
        app.removeEventFilter(watcher)
        screen = window.screen()
        grab = screen.grabWindow(0)
        saved = grab.save(str(screenshot), "PNG")
        before = window.animator.index
        stepped = window.animator.step()
        frame = window.frameGeometry()
        report = {
            "platform": app.platformName(),
            "exposed": exposed(),
            "visible": window.isVisible(),
            "paint_events": len(paints),
            "seconds_to_first_paint": round(paints[0] - started, 3),
            "screen": list(screen.geometry().getRect()),
            "available": list(screen.availableGeometry().getRect()),
            "device_pixel_ratio": screen.devicePixelRatio(),
            "window_frame": list(frame.getRect()),
            "maximized": window.isMaximized(),
            "step_before": before,
            "step_after": window.animator.index,
            "stepped": stepped,
            "screenshot": str(screenshot) if saved else None,
            "screenshot_size": [grab.width(), grab.height()],
        }
        print("convviz-smoke " + json.dumps(report), flush=True)
        window.close()
        app.quit()

    def give_up() -> None:
        poll.stop()
        print(
            f"convviz-smoke-failed the window was not exposed and painted within {TIMEOUT_MS / 1000:.0f} s "
            f"(exposed={exposed()}, paint events={len(paints)})",
            file=sys.stderr,
            flush=True,
        )
        app.exit(3)

    poll.timeout.connect(check)
    deadline.timeout.connect(give_up)
    poll.start()
    deadline.start()
