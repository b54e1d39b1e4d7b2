"""Scenes as documents: new, open, save, recent files, the unsaved-changes
question and dropping files on the window."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from convviz.core import scenefile
from convviz.core.catalogue import resolve_scene
from convviz.ui.document import file_actions


@pytest.fixture
def answers(monkeypatch):
    """Scripted answers for the file dialogs; records what was asked."""
    script = {"save_changes": [], "open": [], "save": [], "errors": []}

    def ask_save_changes(parent, name):
        script.setdefault("asked", []).append(name)
        return script["save_changes"].pop(0)

    monkeypatch.setattr(file_actions, "ask_save_changes", ask_save_changes)
    monkeypatch.setattr(file_actions, "ask_open_path", lambda parent, folder: script["open"].pop(0))
    monkeypatch.setattr(file_actions, "ask_save_path", lambda parent, suggestion: script["save"].pop(0))
    monkeypatch.setattr(file_actions, "show_error", lambda parent, title, message: script["errors"].append(message))
    return script


def _edit_one_cell(window, value=9.0):
    window.document.set_block("input", 0, 0, 0, 0, np.array([[value]]))


def test_saving_writes_the_scene_and_clears_the_modified_mark(make_window, answers, tmp_path):
    window = make_window("seed-3.3")
    _edit_one_cell(window)
    assert window.windowTitle().startswith("seed-3.3*")
    target = tmp_path / "lesson.json"
    answers["save"].append(str(target))
    assert window.files.save()
    assert scenefile.load_scene(target).input[0, 0, 0] == 9
    assert window.windowTitle().startswith("lesson.json —")
    assert not window.files.is_modified()


def test_open_replaces_the_scene_and_starts_a_fresh_history(make_window, answers, tmp_path):
    window = make_window("seed-3.3")
    path = tmp_path / "other.json"
    scenefile.save(path, resolve_scene("cs231n-style"))
    answers["open"].append(str(path))
    assert window.files.open()
    assert window.document.scene == scenefile.load_scene(path)
    assert not window.document.undo_stack.canUndo()
    assert window.windowTitle().startswith("other.json —")


def test_a_bad_file_is_reported_and_the_scene_stays(make_window, answers, tmp_path):
    window = make_window("seed-3.3")
    before = window.document.scene
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"convviz": 1, "input": [[[1, 2], [3]]], "kernels": [{"weights": [[[1]]]}]}))
    assert not window.files.open(bad)
    assert window.document.scene is before
    assert len(answers["errors"]) == 1
    assert "bad.json" in answers["errors"][0] and "input[0]" in answers["errors"][0]


@pytest.mark.parametrize("answer, opened, saved", [("cancel", False, False), ("discard", True, False), ("save", True, True)])
def test_unsaved_changes_are_asked_about_before_opening(make_window, answers, tmp_path, answer, opened, saved):
    window = make_window("seed-3.3")
    _edit_one_cell(window, 7.0)
    own = tmp_path / "mine.json"
    answers["save"].append(str(own))
    answers["save_changes"].append(answer)
    other = tmp_path / "other.json"
    scenefile.save(other, resolve_scene("seed-3.1"))
    result = window.files.open(other)
    assert answers["asked"] == ["seed-3.3"]
    assert result is opened
    assert own.exists() is saved
    if saved:
        assert scenefile.load_scene(own).input[0, 0, 0] == 7
    if not opened:
        assert window.document.scene.input[0, 0, 0] == 7  # nothing lost


def test_closing_with_unsaved_changes_can_be_cancelled(make_window, answers):
    window = make_window("seed-3.3")
    _edit_one_cell(window)
    answers["save_changes"].append("cancel")
    assert not window.close()
    assert window.isVisible()
    answers["save_changes"].append("discard")
    assert window.close()


def test_new_gives_a_blank_scene_after_asking(make_window, answers):
    window = make_window("seed-3.3")
    _edit_one_cell(window)
    answers["save_changes"].append("discard")
    assert window.files.new()
    assert window.document.scene.input_shape == (5, 5, 1)
    assert not window.document.scene.input.any()
    assert window.files.path is None


def test_recent_files_keep_the_last_ten_newest_first(make_window, answers, tmp_path):
    window = make_window("seed-3.3")
    paths = []
    for n in range(12):
        path = tmp_path / f"scene{n}.json"
        scenefile.save(path, resolve_scene("seed-3.1"))
        assert window.files.open(path)
        paths.append(str(path.resolve()))
    recent = window.files.recent_files()
    assert recent == list(reversed(paths))[: file_actions.MAX_RECENT]
    menu_texts = [a.text() for a in window.files.recent_menu.actions() if a.text() and not a.isSeparator()]
    assert menu_texts[0].endswith("scene11.json")
    assert window.settings.value("files/recent") == recent  # kept in the window's settings
    # Opening one again moves it to the front rather than repeating it.
    assert window.files.open(paths[5])
    assert window.files.recent_files()[0] == paths[5]
    assert len(window.files.recent_files()) == file_actions.MAX_RECENT


def test_a_missing_recent_file_is_reported_and_dropped(make_window, answers, tmp_path):
    window = make_window("seed-3.3")
    path = tmp_path / "gone.json"
    scenefile.save(path, resolve_scene("seed-3.1"))
    assert window.files.open(path)
    path.unlink()
    assert not window.files.open(path)
    assert "no such file" in answers["errors"][-1]
    assert str(path.resolve()) not in window.files.recent_files()


def test_dropping_a_scene_file_opens_it(make_window, answers, tmp_path):
    window = make_window("seed-3.3")
    path = tmp_path / "dropped.json"
    scenefile.save(path, resolve_scene("cs231n-style"))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.document.scene.name == "cs231n-style"
    assert window.files.path == path


def test_a_kernel_preset_is_not_opened_as_a_scene(make_window, answers):
    window = make_window("seed-3.3")
    before = window.document.scene
    from convviz.core.catalogue import find_builtin

    assert not window.files.open(find_builtin("sobel-x").path)
    assert window.document.scene is before
    assert "kernel preset" in answers["errors"][0]


# -- issue 11: files the window must open, or refuse without hanging ---------------------


def test_a_scene_with_impossible_parameters_that_the_window_saved_opens_again_and_explains_itself(make_window, answers, tmp_path):
    window = make_window("seed-3.3")
    assert window.document.set_params("Same padding, stride 2", padding="same", stride=(2, 2))
    explanation = window.maps.error
    assert explanation  # the window explains it while editing...
    answers["save"].append(str(tmp_path / "impossible.json"))
    assert window.files.save_as()

    again = make_window("seed-3.4")
    assert again.files.open(tmp_path / "impossible.json")  # ...and opens what it saved
    assert answers["errors"] == []
    assert again.document.scene.params.padding == "same" and again.document.scene.params.stride == (2, 2)
    assert again.maps.error == explanation
    assert explanation in again.output_panel.error_label.text()


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no FIFOs")
def test_opening_a_fifo_is_refused_at_once(make_window, answers, tmp_path):
    import os

    window = make_window("seed-3.3")
    before = window.document.scene
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    assert not window.files.open(fifo)  # returns: no writer is waited for
    assert "not a regular file" in answers["errors"][0]
    assert window.document.scene is before


def test_a_file_whose_maps_overflow_is_refused_naming_the_kernel_and_cell(make_window, answers, tmp_path):
    from convviz.core.scene import Kernel, Scene

    x = np.ones((3, 3, 1))
    x[0, 0, 0] = 1e308
    path = tmp_path / "huge.json"
    scenefile.save(path, Scene(x, (Kernel("edge", np.full((2, 2, 1), 3.0)),)))
    window = make_window("seed-3.3")
    before = window.document.scene
    assert not window.files.open(path)
    assert "kernel edge, output cell (0, 0)" in answers["errors"][0]
    assert window.document.scene is before
