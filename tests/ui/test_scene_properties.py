"""Scene → Properties…: title and description, one undo step (issue 11, item 17)."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from convviz.ui.document import file_actions
from convviz.ui.panels.scene_properties import ScenePropertiesDialog


def open_properties(qtbot, window) -> ScenePropertiesDialog:
    window.properties_action.trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ScenePropertiesDialog))
    return QApplication.activeModalWidget()


def test_the_description_of_a_saved_scene_can_be_brought_up_to_date(make_window, user, qtbot, tmp_path, monkeypatch):
    window = make_window("seed-3.4")
    target = tmp_path / "lesson.json"
    monkeypatch.setattr(file_actions, "ask_save_path", lambda parent, suggestion: str(target))
    assert window.files.save_as()
    assert window.scene_menu.actions()[0] is window.properties_action

    dialog = open_properties(qtbot, window)
    assert dialog.title_edit.text() == "seed-3.4"
    assert dialog.description_edit.toPlainText() == window.document.scene.description
    dialog.title_edit.selectAll()
    qtbot.keyClicks(dialog.title_edit, "Two kernels")
    dialog.description_edit.selectAll()
    qtbot.keyClicks(dialog.description_edit, "W1 now detects vertical edges.")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    scene = window.document.scene
    assert (scene.name, scene.description) == ("Two kernels", "W1 now detects vertical edges.")
    assert window.document.undo_stack.undoText() == "Edit scene properties"
    assert window.windowTitle() == "lesson.json* — convviz"
    assert window.files.save()
    saved = json.loads(target.read_text())
    assert (saved["name"], saved["description"]) == ("Two kernels", "W1 now detects vertical edges.")

    window.undo_action.trigger()
    assert window.document.scene.description != "W1 now detects vertical edges."
    assert window.document.scene.name == "seed-3.4"


def test_cancel_changes_nothing(make_window, qtbot):
    window = make_window("seed-3.4")
    before = window.document.scene
    dialog = open_properties(qtbot, window)
    qtbot.keyClicks(dialog.title_edit, " (draft)")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert window.document.scene == before and window.document.undo_stack.count() == 0
