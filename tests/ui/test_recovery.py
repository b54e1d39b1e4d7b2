"""Nothing lost: autosave, restore after a crash, and the error handler."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
import pytest
from PySide6.QtCore import QTimer

from convviz.core.catalogue import resolve_scene
from convviz.ui import recovery
from convviz.ui.main_window import MainWindow


@pytest.fixture
def window_with_home(qtbot, convviz_home):
    window = MainWindow(resolve_scene("seed-3.3"), use_settings=False, home=convviz_home)
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
    from convviz.ui import file_actions

    monkeypatch.setattr(file_actions, "ask_save_path", lambda parent, suggestion: str(tmp_path / "kept.json"))
    assert window_with_home.files.save()
    assert not saver.scene_file.exists()


def test_a_clean_exit_leaves_nothing_to_restore(window_with_home, convviz_home):
    window_with_home.document.set_block("input", 0, 0, 0, 0, np.array([[4.0]]))
    window_with_home.autosaver.save_now()
    window_with_home.document.undo_stack.setClean()  # as if saved
    window_with_home.close()
    assert recovery.find_crashed_autosave(convviz_home) is None


_CRASHING_SESSION = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import numpy as np
    from convviz.ui.app import make_app
    app = make_app()
    from pathlib import Path
    from convviz.core.catalogue import resolve_scene
    from convviz.ui.main_window import MainWindow
    window = MainWindow(resolve_scene("seed-3.3"), use_settings=False, home=Path(sys.argv[1]))
    window.document.set_block("input", 0, 2, 4, 4, np.array([[42.0]]))
    assert window.autosaver.save_now()
    os._exit(3)  # a crash: no clean shutdown, the autosave stays behind
    """
)


def test_after_a_crash_the_next_start_offers_the_autosave(qtbot, convviz_home, monkeypatch):
    result = subprocess.run([sys.executable, "-c", _CRASHING_SESSION, str(convviz_home)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 3, result.stderr
    found = recovery.find_crashed_autosave(convviz_home)
    assert found is not None
    scene, origin = found
    assert scene.input[4, 4, 2] == 42 and origin == ""

    window = MainWindow(resolve_scene("seed-3.4"), use_settings=False, home=convviz_home)
    qtbot.addWidget(window, before_close_func=lambda w: w.document.undo_stack.setClean())
    window.restore_autosave(scene, origin)
    assert window.document.scene.input[4, 4, 2] == 42
    assert window.files.is_modified()  # restored work is unsaved work


def test_an_autosave_of_a_running_session_is_not_offered(window_with_home, convviz_home):
    window_with_home.document.set_block("input", 0, 0, 0, 0, np.array([[4.0]]))
    window_with_home.autosaver.save_now()
    assert recovery.find_crashed_autosave(convviz_home) is None  # our own process is alive


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
