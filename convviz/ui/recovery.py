"""Nothing lost: autosave, crash recovery and the last-resort error handler.

- While the scene has unsaved changes, it is written every 30 s (atomically)
  to ``<app data>/autosave/scene.json``, next to a small note saying which
  file it belongs to and which process wrote it.
- A clean exit removes the autosave. If the next start finds one whose
  process is gone, the app crashed (or was killed): it offers to restore it.
- An exception that escapes a slot is caught by :func:`install_excepthook`:
  the traceback goes to ``<app data>/convviz.log``, the user sees what
  happened and where the autosave is, and the app keeps running.

The dialogs are module-level functions so tests can replace them.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from convviz.core import scenefile
from convviz.core.errors import SceneFileError
from convviz.core.scene import Scene
from convviz.ui.document import SceneDocument

__all__ = ["AUTOSAVE_INTERVAL_MS", "Autosaver", "find_crashed_autosave", "install_excepthook", "log_path"]

AUTOSAVE_INTERVAL_MS = 30_000
# Scenes with more input values than this are autosaved on a worker thread.
BACKGROUND_VALUES = 50_000


def autosave_dir(home: Path) -> Path:
    return home / "autosave"


def log_path(home: Path) -> Path:
    return home / "convviz.log"


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists but isn't ours, or we can't tell: assume alive
    return True


class Autosaver(QObject):
    """Writes the document's scene while it has unsaved changes."""

    def __init__(self, document: SceneDocument, home: Path, current_path: Callable[[], Path | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document, self.home, self.current_path = document, home, current_path
        self.folder = autosave_dir(home)
        self.scene_file = self.folder / "scene.json"
        self.note_file = self.folder / "note.json"
        self.timer = QTimer(self)
        self.timer.setInterval(AUTOSAVE_INTERVAL_MS)
        self.timer.timeout.connect(self.save_now)
        self.timer.start()
        self.last_error = ""
        self._pool: ThreadPoolExecutor | None = None
        self._pending: Future | None = None

    def save_now(self) -> bool:
        """Write the autosave if there are unsaved changes; True if written.

        Called by the timer for large scenes too, so a big image scene (whose
        JSON takes a second to write) is written on a worker thread; the
        scene is immutable, so the worker can't see it change halfway.
        """
        if self.document.undo_stack.isClean():
            return False
        scene, origin = self.document.scene, str(self.current_path() or "")
        if scene.input.size > BACKGROUND_VALUES and self.sender() is self.timer:
            if self._pending is None or self._pending.done():
                self._pending = self._executor().submit(self._write, scene, origin)
            return True
        return self._write(scene, origin)

    def _write(self, scene: Scene, origin: str) -> bool:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            scenefile.save(self.scene_file, scene)
            note = {"pid": os.getpid(), "time": time.time(), "file": origin}
            scenefile.write_atomic(self.note_file, json.dumps(note).encode("utf-8"))
        except (SceneFileError, OSError) as exc:
            # A full disk must not interrupt the lesson; the next attempt
            # tries again.
            self.last_error = str(exc)
            return False
        self.last_error = ""
        return True

    def _executor(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="convviz-autosave")
        return self._pool

    def discard(self) -> None:
        """A clean exit, or the changes were saved: nothing to recover."""
        if self._pending is not None:
            self._pending.result()  # let a write in progress finish first
            self._pending = None
        for path in (self.scene_file, self.note_file):
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError:
                pass

    def stop(self) -> None:
        self.timer.stop()
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None


def find_crashed_autosave(home: Path) -> tuple[Scene, str] | None:
    """An autosave left by a process that is no longer running, with the
    file it belonged to ("" if unsaved); None if there is nothing to offer."""
    folder = autosave_dir(home)
    scene_file, note_file = folder / "scene.json", folder / "note.json"
    if not scene_file.exists():
        return None
    try:
        note = json.loads(note_file.read_text(encoding="utf-8"))
        pid = int(note.get("pid", 0))
        origin = str(note.get("file", ""))
    except (OSError, ValueError, TypeError, AttributeError):
        pid, origin = 0, ""
    if pid and _process_alive(pid):
        return None  # another convviz is running and owns it
    try:
        return scenefile.load_scene(scene_file), origin
    except SceneFileError:
        return None


def ask_restore(parent: QWidget | None, scene: Scene, origin: str) -> bool:
    """Offer the autosave found after a crash."""
    where = f" of {origin}" if origin else ""
    answer = QMessageBox.question(
        parent,
        "Restore unsaved work?",
        f"convviz did not shut down cleanly last time. An autosave{where} "
        f"(“{scene.name or 'untitled'}”) was found.\n\nRestore it?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


def show_unexpected_error(parent: QWidget | None, summary: str, log: Path, autosave: Path | None) -> None:
    text = f"Something went wrong inside convviz:\n\n{summary}\n\nconvviz is still running"
    if autosave is not None and autosave.exists():
        text += f", and your latest changes are autosaved in {autosave}"
    text += f".\n\nThe details are in {log}."
    box = QMessageBox(QMessageBox.Icon.Warning, "Unexpected error", text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("unexpectedErrorDialog")
    box.open()  # not exec(): never nest an event loop inside a failing slot


def install_excepthook(home: Path, parent: Callable[[], QWidget | None], autosaver: Callable[[], Autosaver | None]) -> Callable:
    """Route uncaught exceptions (from slots and event handlers) to the log
    and a dialog, keeping the app alive. Returns the previous hook."""
    previous = sys.excepthook
    showing = False

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, value, tb)
            return
        log = log_path(home)
        try:
            home.mkdir(parents=True, exist_ok=True)
            with open(log, "a", encoding="utf-8") as f:
                f.write(f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')} ===\n")
                f.write("".join(traceback.format_exception(kind, value, tb)))
        except OSError:
            pass
        saver = autosaver()
        if saver is not None:
            saver.save_now()
        if not showing:  # one dialog at a time, even if errors repeat
            showing = True
            try:
                show_unexpected_error(parent(), f"{kind.__name__}: {value}", log, saver.scene_file if saver else None)
            finally:
                showing = False

    sys.excepthook = hook
    return previous
