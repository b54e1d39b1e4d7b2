"""Nothing lost: autosave, restore after a crash, and the error handler."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from PySide6.QtCore import QTimer

from convviz.core.catalogue import resolve_scene
from convviz.ui.base.runtime import Settings
from convviz.ui.document import recovery
from convviz.ui.shell.main_window import MainWindow


@pytest.fixture
def window_with_home(qtbot, convviz_home):
    window = MainWindow(resolve_scene("seed-3.3"), settings=Settings(), home=convviz_home)
    qtbot.addWidget(window, before_close_func=lambda w: w.document.undo_stack.setClean())
    return window


def test_autosave_writes_only_while_there_are_unsaved_changes(window_with_home, convviz_home):
    saver = window_with_home.autosaver
    assert saver.timer.interval() == 30_000 and saver.timer.isActive()
    assert not saver.save_now()
    assert not saver.scene_file.exists()
    window_with_home.document.set_block("input", 0, 1, 2, 2, np.array([[8.0]]))
    assert saver.save_now()
    saved = recovery.scenefile.load_scene(saver.scene_file)
    assert saved.input[2, 2, 1] == 8


def test_saving_the_scene_removes_the_autosave(window_with_home, tmp_path, monkeypatch):
    saver = window_with_home.autosaver
    window_with_home.document.set_block("input", 0, 0, 0, 0, np.array([[4.0]]))
    assert saver.save_now()
    from convviz.ui.document import file_actions

    monkeypatch.setattr(file_actions, "ask_save_path", lambda parent, suggestion: str(tmp_path / "kept.json"))
    assert window_with_home.files.save()
    assert not saver.scene_file.exists()


def test_a_clean_exit_leaves_nothing_to_restore(window_with_home, convviz_home):
    window_with_home.document.set_block("input", 0, 0, 0, 0, np.array([[4.0]]))
    window_with_home.autosaver.save_now()
    window_with_home.document.undo_stack.setClean()  # as if saved
    window_with_home.close()
    assert recovery.find_orphaned_autosaves(convviz_home) == []
    assert not window_with_home.autosaver.folder.exists()


_CRASHING_SESSION = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import numpy as np
    from convviz.ui.shell.app import make_app
    app = make_app()
    from pathlib import Path
    from convviz.core.catalogue import resolve_scene
    from convviz.ui.shell.main_window import MainWindow
    from convviz.ui.base.runtime import Settings
    window = MainWindow(resolve_scene("seed-3.3"), settings=Settings(), home=Path(sys.argv[1]))
    window.document.set_block("input", 0, 2, 4, 4, np.array([[42.0]]))
    assert window.autosaver.save_now()
    os._exit(3)  # a crash: no clean shutdown, the autosave stays behind
    """
)


def test_after_a_crash_the_next_start_offers_the_autosave(qtbot, convviz_home, monkeypatch):
    result = subprocess.run([sys.executable, "-c", _CRASHING_SESSION, str(convviz_home)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 3, result.stderr
    found = recovery.find_orphaned_autosaves(convviz_home)
    assert len(found) == 1
    scene, origin = found[0].scene, found[0].origin
    assert scene.input[4, 4, 2] == 42 and origin == ""
    found[0].release()

    window = MainWindow(resolve_scene("seed-3.4"), settings=Settings(), home=convviz_home)
    qtbot.addWidget(window, before_close_func=lambda w: w.document.undo_stack.setClean())
    window.restore_autosave(scene, origin)
    assert window.document.scene.input[4, 4, 2] == 42
    assert window.files.is_modified()  # restored work is unsaved work


def test_an_autosave_of_a_running_session_is_not_offered(window_with_home, convviz_home):
    window_with_home.document.set_block("input", 0, 0, 0, 0, np.array([[4.0]]))
    window_with_home.autosaver.save_now()
    assert recovery.find_orphaned_autosaves(convviz_home) == []  # its slot is locked by a live owner


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_shown_and_survived(qtbot, window_with_home, convviz_home, monkeypatch):
    shown = []
    monkeypatch.setattr(recovery, "show_unexpected_error", lambda parent, summary, log, autosave: shown.append((summary, log, autosave)))
    previous = recovery.install_excepthook(convviz_home, lambda: window_with_home, lambda: window_with_home.autosaver)
    try:
        window_with_home.document.set_block("input", 0, 0, 0, 0, np.array([[5.0]]))

        def broken_slot():
            raise RuntimeError("a bug in a slot")

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    finally:
        sys.excepthook = previous
    summary, log, autosave = shown[0]
    assert "RuntimeError: a bug in a slot" in summary
    assert "a bug in a slot" in log.read_text(encoding="utf-8")
    assert "Traceback" in log.read_text(encoding="utf-8")
    assert autosave is not None and autosave.exists()  # the work was saved first
    # Still usable afterwards.
    window_with_home.document.set_block("input", 0, 0, 0, 1, np.array([[6.0]]))
    assert window_with_home.document.scene.input[0, 1, 0] == 6


# -- 3: a damaged note ------------------------------------------------------------------


def crashed_slot(home, note_text: str):
    """An autosave slot as a crashed session leaves it, with ``note_text``."""
    from convviz.core import scenefile

    folder = home / "autosave" / "session-1-deadbeef"
    folder.mkdir(parents=True)
    scenefile.save(folder / "scene.json", resolve_scene("seed-3.1"))
    (folder / "note.json").write_text(note_text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("pid", ["1e30", "Infinity", "-Infinity", "NaN", "99999999999999999999", '"12"', "-5", "true"])
@pytest.mark.parametrize("layout", ["slot", "legacy"])
def test_a_damaged_autosave_note_is_ignored_with_a_log_line(convviz_home, pid, layout):
    from convviz.core import scenefile

    note = '{"pid": %s, "time": 1, "file": ""}' % pid
    if layout == "slot":
        crashed_slot(convviz_home, note)
    else:  # what convviz wrote before slots had folders
        (convviz_home / "autosave").mkdir()
        scenefile.save(convviz_home / "autosave" / "scene.json", resolve_scene("seed-3.1"))
        (convviz_home / "autosave" / "note.json").write_text(note, encoding="utf-8")
    found = recovery.find_orphaned_autosaves(convviz_home)
    assert [o.scene.name for o in found] == ["seed-3.1"]  # the work is still offered
    for orphan in found:
        orphan.release()
    assert "is not a process id" in recovery.log_path(convviz_home).read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_in_the_autosave_folder_does_not_hang_the_start(convviz_home):
    folder = crashed_slot(convviz_home, "{}")
    (folder / "note.json").unlink()
    os.mkfifo(folder / "note.json")
    (folder / "scene.json").unlink()
    os.mkfifo(folder / "scene.json")
    assert recovery.find_orphaned_autosaves(convviz_home) == []  # refused at once, not waited on
    assert "not a regular file" in recovery.log_path(convviz_home).read_text(encoding="utf-8")


# -- 5: one slot per instance -------------------------------------------------------------


def test_two_instances_write_separate_slots_and_a_clean_exit_keeps_the_others_work(qtbot, convviz_home):
    a = MainWindow(resolve_scene("seed-3.3"), settings=Settings(), home=convviz_home)
    b = MainWindow(resolve_scene("seed-3.4"), settings=Settings(), home=convviz_home)
    for w in (a, b):
        qtbot.addWidget(w, before_close_func=lambda w: w.document.undo_stack.setClean())
    a.document.set_block("input", 0, 0, 0, 0, np.array([[11.0]]))
    b.document.set_block("input", 0, 0, 0, 0, np.array([[22.0]]))
    assert a.autosaver.save_now() and b.autosaver.save_now()
    assert a.autosaver.scene_file != b.autosaver.scene_file
    assert recovery.find_orphaned_autosaves(convviz_home) == []  # both owners are alive

    a.autosaver._lock.release()  # A crashes: the OS drops its lock, its files stay
    b.document.undo_stack.setClean()
    b.close()  # B exits cleanly
    found = recovery.find_orphaned_autosaves(convviz_home)
    assert [o.scene.input[0, 0, 0] for o in found] == [11.0]  # A's work survived B's exit
    found[0].release()


_SLOT_HOLDER = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import numpy as np
    from convviz.ui.shell.app import make_app
    app = make_app()
    from pathlib import Path
    from convviz.core.catalogue import resolve_scene
    from convviz.ui.shell.main_window import MainWindow
    from convviz.ui.base.runtime import Settings
    window = MainWindow(resolve_scene("seed-3.3"), settings=Settings(), home=Path(sys.argv[1]))
    window.document.set_block("input", 0, 0, 0, 0, np.array([[float(sys.argv[2])]]))
    assert window.autosaver.save_now()
    print("saved", flush=True)
    sys.stdin.readline()  # stay alive until told
    os._exit(3)  # then crash
    """
)


def test_every_orphaned_slot_is_offered_and_a_live_ones_never(qtbot, convviz_home, monkeypatch):
    from convviz.ui.shell.app import offer_autosaves

    sessions = []
    for value in ("1", "2", "3"):
        p = subprocess.Popen([sys.executable, "-c", _SLOT_HOLDER, str(convviz_home), value],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip
        assert p.stdout.readline().strip() == "saved"
        sessions.append(p)
    try:
        assert recovery.find_orphaned_autosaves(convviz_home) == []  # all three alive
        for p in sessions[:2]:  # two crash, the third keeps running
            p.stdin.write("\n")
            p.stdin.flush()
            assert p.wait(timeout=60) == 3
        asked = []
        monkeypatch.setattr(recovery, "ask_restore", lambda parent, scene, origin, n, count: asked.append(
            (scene.input[0, 0, 0], n, count)) or len(asked) == 2)  # fmt: skip
        window = MainWindow(resolve_scene("seed-3.4"), settings=Settings(), home=convviz_home)
        qtbot.addWidget(window, before_close_func=lambda w: w.document.undo_stack.setClean())
        assert offer_autosaves(window, convviz_home)
        assert sorted(v for v, _, _ in asked) == [1.0, 2.0] and {c for _, _, c in asked} == {2}
        assert window.document.scene.input[0, 0, 0] == asked[1][0]  # the second one offered was restored
        # Declined: gone. Restored: now in this window's own slot. The live one: untouched.
        assert recovery.find_orphaned_autosaves(convviz_home) == []
        slots = sorted(p.name for p in (convviz_home / "autosave").iterdir())
        assert len(slots) == 2 and window.autosaver.folder.name in slots
    finally:
        for p in sessions:
            if p.poll() is None:
                p.stdin.close()
                p.kill()
            p.wait()
            p.stdout.close()
            if p.stdin and not p.stdin.closed:
                p.stdin.close()


# -- 6: a name that can't be written never breaks the error handler -------------------------


@pytest.mark.qt_no_exception_capture
def test_an_unwritable_name_fails_the_autosave_quietly_and_the_error_dialog_still_shows(qtbot, window_with_home, convviz_home, monkeypatch):
    shown = []
    monkeypatch.setattr(recovery, "show_unexpected_error", lambda parent, summary, log, autosave: shown.append(summary))
    scene = resolve_scene("seed-3.3").renamed("bad \ud800 name")
    window_with_home.document.load_scene(scene)
    assert not window_with_home.autosaver.save_now()
    assert "surrogate" in window_with_home.autosaver.last_error
    previous = recovery.install_excepthook(convviz_home, lambda: window_with_home, lambda: window_with_home.autosaver)
    try:
        QTimer.singleShot(0, lambda: (_ for _ in ()).throw(RuntimeError("a bug \ud800 in a slot")))
        qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    finally:
        sys.excepthook = previous
    assert "RuntimeError" in shown[0]
