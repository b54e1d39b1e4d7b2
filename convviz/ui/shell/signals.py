"""SIGTERM and SIGHUP in the window: stop without leaving partial files.

Python runs a signal handler only between its own bytecodes, so the handler
just schedules the stop, and a slow no-op timer gives Python the chance to
notice a signal while Qt waits for events. A save in progress (which is
Python code) therefore finishes first. The stop cancels running exports
(removing what they wrote), writes the autosave so the next start offers the
unsaved work, and exits with 128 + the signal's number.
"""

from __future__ import annotations

import signal
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

__all__ = ["install_stop_on_signals"]

SIGNALS = ("SIGTERM", "SIGHUP")
_WAKE_MS = 250


def stop_now(window: QWidget) -> None:
    """Cancel exports and write the autosave (the slot stays for the next start)."""
    from convviz.ui.recording.export_dialog import ExportRunner

    for runner in window.findChildren(ExportRunner):
        runner.cancel()
        if runner.is_closing():
            runner.wait()  # the file is being closed: let it finish, then it is removed
    autosaver = getattr(window, "autosaver", None)
    if autosaver is not None:
        autosaver.save_now()


def install_stop_on_signals(window: QWidget, exit_app: Callable[[int], None]) -> Callable[[], None]:
    """Stop cleanly on SIGTERM/SIGHUP, then ``exit_app(128 + signum)``.
    Returns a function that puts the previous handlers back."""
    wake = QTimer(window)
    wake.setInterval(_WAKE_MS)
    wake.timeout.connect(lambda: None)  # Python gets to run, and so to see a signal
    wake.start()
    holder = QObject(window)

    def on_signal(signum: int, _frame: object) -> None:
        def stop() -> None:
            stop_now(window)
            exit_app(128 + signum)

        QTimer.singleShot(0, holder, stop)

    previous = {}
    for name in SIGNALS:
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, on_signal)

    def uninstall() -> None:
        wake.stop()
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)

    return uninstall
