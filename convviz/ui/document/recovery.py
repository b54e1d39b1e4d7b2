"""Nothing lost: autosave, crash recovery and the last-resort error handler.

- While the scene has unsaved changes, it is written every 30 s (atomically)
  to this instance's own slot, ``<app data>/autosave/session-…/scene.json``,
  next to a small note saying which file it belongs to. The slot is locked
  while its owner runs: an OS lock on ``lock`` inside it, held open, which the
  OS releases when the process ends however it ends (so a reused PID can't
  pass for the owner). Two instances never share a slot.
- A clean exit removes the slot. The next start offers every slot whose lock
  is free (its owner crashed or was killed), newest first; one restored slot
  is enough for one window, and the others wait for the next start.
- A damaged note (``{"pid": 1e30}``) or slot is ignored with a line in
  ``convviz.log``; it never stops a start.
- An exception that escapes a slot is caught by :func:`install_excepthook`:
  the traceback goes to ``<app data>/convviz.log``, the user sees what
  happened and where the autosave is, and the app keeps running.

The dialogs are module-level functions so tests can replace them.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sys
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from convviz.core import scenefile
from convviz.core.errors import Message, SceneFileError
from convviz.core.files import read_regular_file
from convviz.core.scene import Scene
from convviz.ui.document.document import SceneDocument

__all__ = [
    "AUTOSAVE_INTERVAL_MS",
    "Autosaver",
    "OrphanedAutosave",
    "find_orphaned_autosaves",
    "install_excepthook",
    "log_line",
    "log_path",
]

translate = QCoreApplication.translate

AUTOSAVE_INTERVAL_MS = 30_000
# Scenes with more input values than this are autosaved on a worker thread.
BACKGROUND_VALUES = 50_000
MAX_NOTE_BYTES = 64 * 1024
SLOT_PREFIX = "session-"
# Process ids fit in 32 bits everywhere; anything else in a note is damage.
_MAX_PID = 2**31 - 1


def autosave_dir(home: Path) -> Path:
    return home / "autosave"


def log_path(home: Path) -> Path:
    return home / "convviz.log"


def log_line(home: Path, text: str) -> None:
    """Append one dated line to ``convviz.log``; never fails."""
    try:
        home.mkdir(parents=True, exist_ok=True)
        with open(log_path(home), "a", encoding="utf-8", errors="backslashreplace") as f:
            f.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {text}\n")
    except OSError:
        pass


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # exists but isn't ours, or we can't tell: assume alive
    return True


# -- slot locks ------------------------------------------------------------------

try:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

except ImportError:  # Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True


class SlotLock:
    """An exclusive lock on ``<slot>/lock``, held while the file stays open.

    Locks belong to the open file, so even a second lock in the same process
    is refused, and the OS drops the lock when its process dies.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> bool:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return False
        if not _try_lock(fd):
            os.close(fd)
            return False
        self._fd = fd
        return True

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)


def _read_note(home: Path, note_file: Path) -> dict:
    """The note beside an autosave: ``{"pid": int, "time": float, "file": str}``.

    Anything damaged is dropped with a line in the log; a missing note is
    just empty.
    """
    try:
        raw = json.loads(read_regular_file(note_file, MAX_NOTE_BYTES, Message("autosave notes")).decode("utf-8"))
    except SceneFileError as exc:
        if "no such file" not in str(exc):
            log_line(home, f"autosave note ignored: {exc}")
        return {}
    except (ValueError, RecursionError) as exc:  # JSON, UTF-8, huge integers
        log_line(home, f"autosave note {note_file} ignored: it is damaged ({exc})")
        return {}
    if not isinstance(raw, dict):
        log_line(home, f"autosave note {note_file} ignored: it is not a JSON object")
        return {}
    note: dict = {}
    pid = raw.get("pid")
    if isinstance(pid, int) and not isinstance(pid, bool) and 0 < pid <= _MAX_PID:
        note["pid"] = pid
    elif pid is not None:
        log_line(home, f"autosave note {note_file}: pid {pid!r} is not a process id; ignored")
    origin = raw.get("file", "")
    if isinstance(origin, str):
        note["file"] = origin
    stamp = raw.get("time")
    if isinstance(stamp, (int, float)) and not isinstance(stamp, bool) and stamp == stamp and abs(stamp) < 1e12:
        note["time"] = float(stamp)
    return note


# -- the autosaver ----------------------------------------------------------------


class Autosaver(QObject):
    """Writes the document's scene while it has unsaved changes, into a slot
    of its own that it creates (and locks) on the first write."""

    def __init__(self, document: SceneDocument, home: Path, current_path: Callable[[], Path | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document, self.home, self.current_path = document, home, current_path
        self.root = autosave_dir(home)
        self.folder = self.root / f"{SLOT_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
        self.scene_file = self.folder / "scene.json"
        self.note_file = self.folder / "note.json"
        self._lock: SlotLock | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(AUTOSAVE_INTERVAL_MS)
        self.timer.timeout.connect(self.save_now)
        self.timer.start()
        self.last_error = ""
        self._pool: ThreadPoolExecutor | None = None
        self._pending: Future | None = None

    def _claim_slot(self) -> None:
        """Create and lock the slot. It is made under a hidden name and renamed
        once locked, so another instance's scan never sees it unlocked."""
        if self._lock is not None and self._lock.held and self.folder.is_dir():
            return
        self.root.mkdir(parents=True, exist_ok=True)
        hidden = self.root / f".new-{self.folder.name}"
        hidden.mkdir(exist_ok=True)
        lock = SlotLock(hidden / "lock")
        if not lock.acquire():
            raise OSError(f"cannot lock the autosave slot {hidden}")
        os.replace(hidden, self.folder)
        lock.path = self.folder / "lock"
        self._lock = lock

    def save_now(self) -> bool:
        """Write the autosave if there are unsaved changes; True if written.

        Called by the timer for large scenes too, so a big image scene (whose
        JSON takes a second to write) is written on a worker thread; the
        scene is immutable, so the worker can't see it change halfway.
        """
        if self.document.undo_stack.isClean():
            return False
        try:
            self._claim_slot()
        except OSError as exc:
            self.last_error = f"autosave: {exc}"
            return False
        scene, origin = self.document.scene, str(self.current_path() or "")
        if scene.input.size > BACKGROUND_VALUES and self.sender() is self.timer:
            if self._pending is None or self._pending.done():
                self._pending = self._executor().submit(self._write, scene, origin)
            return True
        return self._write(scene, origin)

    def _write(self, scene: Scene, origin: str) -> bool:
        try:
            scenefile.save(self.scene_file, scene)
            note = {"pid": os.getpid(), "time": time.time(), "file": origin}
            scenefile.write_atomic(self.note_file, json.dumps(note).encode("utf-8"))
        except (SceneFileError, OSError, ValueError) as exc:
            # A full disk (or a name that can't be written) must not interrupt
            # the lesson; the next attempt tries again.
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
        if self._lock is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self._lock.release()
            self._lock = None

    def stop(self) -> None:
        self.timer.stop()
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None


# -- finding what crashed sessions left --------------------------------------------


@dataclass(eq=False)
class OrphanedAutosave:
    """An autosave whose owner is gone. Its slot stays locked by us until
    :meth:`discard` or :meth:`release`."""

    scene: Scene
    origin: str  # the file it belonged to, "" if never saved
    saved_at: float
    files: list[Path] = field(default_factory=list)  # what discard removes
    folder: Path | None = None  # the slot, if it has its own folder
    lock: SlotLock | None = None

    def discard(self) -> None:
        """Restored or declined: remove it."""
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
        for path in self.files:
            try:
                path.unlink()
            except OSError:
                pass
        self.release()

    def release(self) -> None:
        """Keep it for the next start."""
        if self.lock is not None:
            self.lock.release()


def _load_autosave(home: Path, scene_file: Path) -> Scene | None:
    try:
        return scenefile.load_scene(scene_file)
    except SceneFileError as exc:
        log_line(home, f"autosave ignored: {exc}")
        return None


def find_orphaned_autosaves(home: Path) -> list[OrphanedAutosave]:
    """Every autosave left by a process that is no longer running, newest
    first. Each is locked for the caller, so two instances starting together
    don't both offer it."""
    root = autosave_dir(home)
    found: list[OrphanedAutosave] = []
    try:
        slots = sorted(p for p in root.iterdir() if p.name.startswith(SLOT_PREFIX) and p.is_dir() and not p.is_symlink())
    except OSError:
        slots = []
    for folder in slots:
        lock = SlotLock(folder / "lock")
        if not lock.acquire():
            continue  # its owner is running
        note = _read_note(home, folder / "note.json")
        scene = _load_autosave(home, folder / "scene.json") if (folder / "scene.json").exists() else None
        if scene is None:
            if not (folder / "scene.json").exists():  # crashed before its first write: nothing to keep
                shutil.rmtree(folder, ignore_errors=True)
            lock.release()
            continue
        found.append(OrphanedAutosave(scene, note.get("file", ""), note.get("time", 0.0), folder=folder, lock=lock))
    legacy = _legacy_autosave(home, root)
    if legacy is not None:
        found.append(legacy)
    found.sort(key=lambda o: o.saved_at, reverse=True)
    return found


def _legacy_autosave(home: Path, root: Path) -> OrphanedAutosave | None:
    """``autosave/scene.json`` as convviz wrote it before slots had folders;
    its owner is known only by the PID in its note."""
    scene_file, note_file = root / "scene.json", root / "note.json"
    if not scene_file.exists():
        return None
    note = _read_note(home, note_file)
    pid = note.get("pid", 0)
    if pid and _process_alive(pid):
        return None  # another convviz is running and owns it
    scene = _load_autosave(home, scene_file)
    if scene is None:
        return None
    return OrphanedAutosave(scene, note.get("file", ""), note.get("time", 0.0), files=[scene_file, note_file])


def ask_restore(parent: QWidget | None, scene: Scene, origin: str, number: int = 1, count: int = 1) -> bool:
    """Offer an autosave found after a crash (``number`` of ``count``)."""
    where = translate("Recovery", " of {file}").format(file=origin) if origin else ""
    which = translate("Recovery", " ({number} of {count}; the others are offered next)").format(number=number, count=count) if count > 1 else ""
    answer = QMessageBox.question(
        parent,
        translate("Recovery", "Restore unsaved work?"),
        translate("Recovery", "convviz did not shut down cleanly. An autosave{where} (“{name}”) was found{which}.").format(where=where, name=scene.name or "untitled", which=which)
        + "\n\n" + translate("Recovery", "Restore it? No deletes it."),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


def show_unexpected_error(parent: QWidget | None, summary: str, log: Path, autosave: Path | None) -> None:
    text = translate("Recovery", "Something went wrong inside convviz:") + f"\n\n{summary}\n\n"
    if autosave is not None and autosave.exists():
        text += translate("Recovery", "convviz is still running, and your latest changes are autosaved in {file}.").format(file=autosave)
    else:
        text += translate("Recovery", "convviz is still running.")
    text += "\n\n" + translate("Recovery", "The details are in {file}.").format(file=log)
    box = QMessageBox(QMessageBox.Icon.Warning, translate("Recovery", "Unexpected error"), text, QMessageBox.StandardButton.Ok, parent)
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
            with open(log, "a", encoding="utf-8", errors="backslashreplace") as f:
                f.write(f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')} ===\n")
                f.write("".join(traceback.format_exception(kind, value, tb)))
        except OSError:
            pass
        saver = autosaver()
        if saver is not None:
            try:  # the hook must never fail: it is the last resort
                saver.save_now()
            except Exception as exc:  # noqa: BLE001
                log_line(home, f"autosave from the error handler failed: {type(exc).__name__}: {exc}")
        if not showing:  # one dialog at a time, even if errors repeat
            showing = True
            try:
                show_unexpected_error(parent(), f"{kind.__name__}: {value}", log, saver.scene_file if saver else None)
            finally:
                showing = False

    sys.excepthook = hook
    return previous
