"""Slow work off the GUI thread, behind a modal busy dialog.

Reading a large image or weight file can take a second or more; done on the
GUI thread it would freeze the window (no repaint, "not responding"). Here
the work runs on a superqt worker while a local event loop keeps the window
painting, and the caller still gets the result, or the exception, in line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget
from superqt.utils import create_worker

__all__ = ["run_busy"]

T = TypeVar("T")


def run_busy(parent: QWidget, title: str, text: str, work: Callable[[], T]) -> T:
    """``work()`` on a worker thread while ``parent`` keeps painting behind a
    window-modal busy dialog (no cancel: the work is short but not instant);
    returns its result or raises its exception here."""
    progress = QProgressDialog(text, "", 0, 0, parent)
    progress.setWindowTitle(title)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.show()
    # superqt delivers the outcome in this thread; the local loop ends when it has.
    outcome: list[object] = []
    loop = QEventLoop()
    create_worker(work, _connect={"returned": outcome.append, "errored": outcome.append, "finished": loop.quit})
    loop.exec()
    progress.close()
    progress.deleteLater()
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]  # type: ignore[return-value]  # work's own result
