"""The Presets panel, used the way a teacher would: pick, apply, undo, save."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget

from convviz.core import scenefile
from convviz.core.catalogue import find_builtin
from convviz.ui.base import theme as th
from convviz.ui.presets import presets_panel as pp

SOBEL_X = find_builtin("sobel-x").item.kernels[0].weights[:, :, 0]


@pytest.fixture
def open_presets(make_window):
    """A main window on seed-3.4 (3 channels, kernels W0 and W1) with the dock
    open (the window installs it, hidden at 1280×720)."""

    def make(scene_name: str = "seed-3.4"):
        window = make_window(scene_name)
        dock = window.findChild(QDockWidget, "presetsDock")
        dock.show()
        return window, dock.widget()

    return make


@pytest.fixture
def channel_answers(monkeypatch):
    """Stands in for the channel dialog: pops queued answers, records the questions."""
    answers: list[tuple[str, int] | None] = []
    questions: list[dict] = []

    def ask(parent, preset_name, target, labels, mode, channel):
        questions.append({"preset": preset_name, "target": target, "labels": labels, "mode": mode, "channel": channel})
        return answers.pop(0)

    monkeypatch.setattr(pp, "ask_channel_mode", ask)
    return answers, questions


def click_entry(qtbot, panel, name, group=None):
    item = panel.item_for(name, group)
    assert item is not None, f"{name} is not listed"
    panel.tree.scrollToItem(item)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=panel.tree.visualItemRect(item).center())
    assert panel.current().entry is item.data(0, Qt.ItemDataRole.UserRole).entry


def select_kernel_by_clicking(qtbot, window, k):
    view = window.kernel_panel.views_of(k)[0]
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.cell_rect(0, 0).center())
    assert window.kernel_panel.selected_kernel == k


def user_file(home, name):
    return home / "presets" / name


# -- the list -------------------------------------------------------------------


def test_the_panel_lists_scenes_samples_kernel_presets_and_mine_in_a_narrow_left_dock(open_presets):
    window, panel = open_presets()
    dock = window.findChild(QDockWidget, "presetsDock")
    assert dock is not None and window.dockWidgetArea(dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert dock.features() & QDockWidget.DockWidgetFeature.DockWidgetClosable
    assert dock.width() <= 260
    groups = {g: [p.entry.name for p in panel.listed() if p.group == g] for g in pp.GROUPS}
    assert groups["Scenes"][:4] == ["seed-3.1", "seed-3.2", "seed-3.3", "seed-3.4"]
    assert {"sobel-x", "sobel-y", "sharpen", "box-blur-3x3", "gaussian-5x5", "digits-cnn"} <= set(groups["Kernel presets"])
    assert groups["Samples"] == ["sample: digits", "sample: edges", "sample: two kernels, two sharpnesses"]
    assert groups["My presets"] == []
    listed = {p.entry.name: p for p in panel.listed()}
    assert listed["sobel-x"].entry.description in panel.item_for("sobel-x").toolTip(0)
    np.testing.assert_array_equal(listed["sobel-x"].first_weights(), SOBEL_X)


def test_view_presets_toggles_the_dock_with_a_shortcut_no_other_action_uses(open_presets):
    window, _panel = open_presets()
    dock = window.findChild(QDockWidget, "presetsDock")
    toggle = dock.toggleViewAction()
    assert toggle.shortcut() == QKeySequence(pp.PRESETS_SHORTCUT)
    others = [s for a in window.findChildren(type(toggle)) if a is not toggle for s in a.shortcuts()]
    assert toggle.shortcut() not in others
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "View")
    assert toggle in view_menu.actions()
    toggle.trigger()
    assert dock.isHidden()
    toggle.trigger()
    assert not dock.isHidden()


def test_the_panel_follows_the_window_theme(open_presets):
    window, panel = open_presets()
    window.apply_theme(th.DARK)
    assert panel.theme is th.DARK


# -- applying ---------------------------------------------------------------------


def test_apply_a_kernel_preset_then_undo_it(open_presets, qtbot, channel_answers):
    window, panel = open_presets()
    before = window.document.scene
    answers, questions = channel_answers
    answers.append(("every", 0))
    select_kernel_by_clicking(qtbot, window, 1)
    click_entry(qtbot, panel, "sobel-x", "Kernel presets")
    assert panel.apply_button.toolTip() == "Apply to W1"
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)

    after = window.document.scene
    assert questions[0]["target"] == "W1" and len(questions[0]["labels"]) == 3
    assert after.kernels[0] == before.kernels[0]
    assert after.kernels[1].name == "Sobel x"
    for c in range(3):
        np.testing.assert_array_equal(after.kernels[1].weights[:, :, c], SOBEL_X)
    assert window.document.undo_stack.undoText() == "Apply sobel-x to W1, renamed Sobel x"
    assert window.statusBar().currentMessage() == "Apply sobel-x to W1, renamed Sobel x"

    window.undo_action.trigger()
    assert window.document.scene == before
    assert window.kernel_panel.blocks[1].name_edit.text() == "W1"


def test_the_channel_choice_one_channel_puts_zeros_on_the_others_and_is_remembered(
    open_presets, qtbot, channel_answers
):
    window, panel = open_presets()
    answers, questions = channel_answers
    answers.append(("one", 1))
    click_entry(qtbot, panel, "sobel-y", "Kernel presets")
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    weights = window.document.scene.kernels[0].weights
    np.testing.assert_array_equal(weights[:, :, 1], find_builtin("sobel-y").item.kernels[0].weights[:, :, 0])
    np.testing.assert_array_equal(weights[:, :, [0, 2]], 0)
    assert questions[0]["mode"] == "every"  # nothing remembered yet

    # The next question starts from the last answer, in this window and in a new one.
    answers.append(("every", 0))
    click_entry(qtbot, panel, "sobel-x", "Kernel presets")
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert (questions[1]["mode"], questions[1]["channel"]) == ("one", 1)
    assert panel.channel_choice() == ("every", 1)
    _, fresh = open_presets()
    assert fresh.channel_choice() == ("every", 1)


def test_with_the_question_turned_off_the_remembered_choice_is_used(open_presets, qtbot, channel_answers):
    window, panel = open_presets()
    answers, questions = channel_answers
    answers.append(("one", 2))
    click_entry(qtbot, panel, "sharpen", "Kernel presets")
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    panel.ask_channel_action.setChecked(False)
    select_kernel_by_clicking(qtbot, window, 1)
    click_entry(qtbot, panel, "sobel-x", "Kernel presets")
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert len(questions) == 1
    weights = window.document.scene.kernels[1].weights
    np.testing.assert_array_equal(weights[:, :, 2], SOBEL_X)
    np.testing.assert_array_equal(weights[:, :, :2], 0)


def test_cancelling_the_channel_question_changes_nothing(open_presets, qtbot, channel_answers):
    window, panel = open_presets()
    before = window.document.scene
    channel_answers[0].append(None)
    click_entry(qtbot, panel, "sobel-x", "Kernel presets")
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert window.document.scene is before
    assert window.document.undo_stack.count() == 0


def test_a_one_channel_scene_takes_a_one_channel_preset_without_asking(open_presets, qtbot, channel_answers):
    window, panel = open_presets("seed-3.1")
    click_entry(qtbot, panel, "laplacian-4", "Kernel presets")
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert channel_answers[1] == []
    laplacian = find_builtin("laplacian-4").item.kernels[0]
    assert window.document.scene.kernels[0] == laplacian
    assert window.document.undo_stack.count() == 1


def test_a_5x5_preset_on_a_3x3_scene_resizes_every_kernel_in_one_undo_step(open_presets, qtbot, channel_answers):
    window, panel = open_presets()
    before = window.document.scene
    channel_answers[0].append(("every", 0))
    click_entry(qtbot, panel, "gaussian-5x5", "Kernel presets")
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    scene = window.document.scene
    assert scene.kernel_shape == (5, 5, 3, 2)
    np.testing.assert_array_equal(scene.kernels[1].weights[1:4, 1:4], before.kernels[1].weights)
    assert window.kernel_panel.kh_spin.value() == 5
    assert window.document.undo_stack.count() == 1
    window.undo_action.trigger()
    assert window.document.scene == before
    assert window.kernel_panel.kh_spin.value() == 3


def test_a_preset_with_too_many_channels_is_refused_in_the_panel(open_presets, qtbot, convviz_home):
    window, panel = open_presets("seed-3.1")
    three = scenefile.dumps(find_builtin("seed-3.3").item)
    three = three.replace('"input"', '"unused_input"')  # a 3-channel kernel preset
    user_file(convviz_home, "").mkdir(exist_ok=True)
    user_file(convviz_home, "rgb-kernel.json").write_text(three, encoding="utf-8")
    panel.refresh()
    before = window.document.scene
    click_entry(qtbot, panel, "seed-3.3", "My presets")
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert window.document.scene is before
    assert "has 3 channels but the kernels here have 1" in panel.message.text()
    assert panel.message.isVisible()


def test_a_scene_loads_as_one_undo_step(open_presets, qtbot):
    window, panel = open_presets()
    before = window.document.scene
    click_entry(qtbot, panel, "cs231n-style", "Scenes")
    qtbot.mouseDClick(
        panel.tree.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.tree.visualItemRect(panel.tree.currentItem()).center(),
    )
    assert window.document.scene == find_builtin("cs231n-style").item
    assert window.document.undo_stack.count() == 1
    window.undo_action.trigger()
    assert window.document.scene == before


def test_the_selected_kernel_is_clamped_when_kernels_are_removed(open_presets, qtbot):
    window, panel = open_presets()
    select_kernel_by_clicking(qtbot, window, 1)
    window.document.remove_kernel(1)
    assert window.kernel_panel.selected_kernel == 0
    click_entry(qtbot, panel, "sobel-x", "Kernel presets")
    assert panel.apply_button.toolTip() == "Apply to W0"


# -- the user's presets -------------------------------------------------------------


def test_save_reload_rename_and_delete_a_user_preset(open_presets, qtbot, monkeypatch, convviz_home):
    window, panel = open_presets()
    monkeypatch.setattr(
        pp, "ask_preset_details", lambda parent, name, count: pp.PresetDetails("Mein Kern ä", "zum Testen", False)
    )
    select_kernel_by_clicking(qtbot, window, 1)
    panel.save_preset_action.trigger()  # Edit → Save Kernel as Preset…

    path = user_file(convviz_home, "mein-kern-ä.json")
    saved = scenefile.load(path)
    assert (saved.name, saved.description) == ("Mein Kern ä", "zum Testen")
    assert saved.kernels == (window.document.scene.kernels[1],)
    assert panel.current().entry.path == path

    # Reload: a new window finds it, and applying it gives back W1's weights and bias.
    window2, panel2 = open_presets()
    listed = [p for p in panel2.listed() if p.group == "My presets"]
    assert [p.entry.name for p in listed] == ["Mein Kern ä"]
    click_entry(qtbot, panel2, "Mein Kern ä", "My presets")
    qtbot.keyClick(panel2.tree, Qt.Key.Key_Return)
    assert window2.document.scene.kernels[0].weights.tolist() == window.document.scene.kernels[1].weights.tolist()
    assert window2.document.scene.kernels[0].bias == window.document.scene.kernels[1].bias

    monkeypatch.setattr(pp, "ask_new_name", lambda parent, name: "Kern zwei")
    panel.rename_current()
    renamed = user_file(convviz_home, "kern-zwei.json")
    assert renamed.exists() and not path.exists()
    assert panel.current().entry.name == "Kern zwei"

    data = renamed.read_bytes()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert not renamed.exists()
    assert panel.item_for("Kern zwei") is None
    assert panel.undo_delete_bar.isVisibleTo(panel)
    qtbot.mouseClick(panel.undo_delete_button, Qt.MouseButton.LeftButton)
    assert renamed.read_bytes() == data
    assert panel.item_for("Kern zwei", "My presets") is not None
    assert not panel.undo_delete_bar.isVisibleTo(panel)


def test_save_all_kernels_as_one_preset_and_apply_it_to_all(open_presets, qtbot, monkeypatch, convviz_home):
    window, panel = open_presets()
    monkeypatch.setattr(pp, "ask_preset_details", lambda parent, name, count: pp.PresetDetails("pair", "", True))
    kernels = window.document.scene.kernels
    panel.save_kernel_as_preset()
    window.document.load_scene(find_builtin("seed-3.3").item)
    click_entry(qtbot, panel, "pair", "My presets")
    assert panel.apply_button.toolTip() == "Apply to all kernels"
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert window.document.scene.kernels == kernels


def test_built_in_presets_cannot_be_renamed_or_deleted(open_presets, qtbot):
    _, panel = open_presets()
    click_entry(qtbot, panel, "sobel-x", "Kernel presets")
    assert not panel.rename_action.isEnabled() and not panel.delete_action.isEnabled()
    assert panel.delete_current() is False
    assert panel.item_for("sobel-x", "Kernel presets") is not None


def test_a_corrupt_user_preset_is_listed_as_broken_while_the_others_load(open_presets, qtbot, convviz_home):
    folder = user_file(convviz_home, "")
    folder.mkdir()
    (folder / "broken.json").write_text('{"convviz": 1, "kernels": [{"weights": "nope"}]}', encoding="utf-8")
    scenefile.save(folder / "fine.json", find_builtin("emboss").item)
    window, panel = open_presets()
    mine = {p.entry.id: p for p in panel.listed() if p.group == "My presets"}
    assert mine["fine"].kind == "kernel"
    assert mine["broken"].kind == "broken"
    assert "kernels[0].weights: must be a list of channel matrices" in mine["broken"].entry.error
    assert "must be a list of channel matrices" in panel.item_for("broken", "My presets").toolTip(0)
    assert len([p for p in panel.listed() if p.group == "Kernel presets"]) >= 11  # the built-ins still load

    before = window.document.scene
    click_entry(qtbot, panel, "broken", "My presets")
    assert not panel.apply_button.isEnabled()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert window.document.scene is before
    assert "can't be loaded" in panel.message.text()
    # A broken file can still be deleted.
    assert panel.delete_action.isEnabled()


def test_a_user_preset_named_like_a_built_in_is_listed_beside_it(open_presets, qtbot, monkeypatch):
    _window, panel = open_presets()
    monkeypatch.setattr(
        pp, "ask_preset_details", lambda parent, name, count: pp.PresetDetails("sobel-x", "mine", False)
    )
    panel.save_kernel_as_preset()
    builtin = panel.item_for("sobel-x", "Kernel presets")
    mine = panel.item_for("sobel-x", "My presets")
    assert builtin is not None and mine is not None
    assert builtin.data(0, Qt.ItemDataRole.UserRole).entry.origin == "built-in"
    assert mine.data(0, Qt.ItemDataRole.UserRole).entry.description == "mine"


def test_a_file_added_behind_the_apps_back_shows_up(open_presets, qtbot, convviz_home):
    _, panel = open_presets()
    scenefile.save(user_file(convviz_home, "dropped-in.json"), find_builtin("outline").item)
    qtbot.waitUntil(lambda: panel.item_for("dropped-in", "My presets") is not None, timeout=5000)


def test_reveal_opens_the_preset_folder(open_presets, monkeypatch, convviz_home):
    _, panel = open_presets()
    opened = []
    monkeypatch.setattr(pp, "open_folder", lambda folder: opened.append(folder) or True)
    panel.reveal_action.trigger()
    assert opened == [convviz_home / "presets"]


def test_the_context_menu_offers_the_commands(open_presets, qtbot, monkeypatch):
    _, panel = open_presets()
    shown = []
    monkeypatch.setattr(pp.QMenu, "popup", lambda menu, pos: shown.append([a.text() for a in menu.actions()]))
    item = panel.item_for("sobel-x")
    panel.tree.scrollToItem(item)
    panel._show_context_menu(panel.tree.visualItemRect(item).center())
    assert any("Apply" in t for t in shown[0]) and "&Delete" in shown[0]
    panel._show_context_menu(QPoint(-5, -5))
    assert len(shown) == 1


# -- samples ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("sample", "kernels"),
    [("sample: edges", ["Sobel x", "Sobel y"]), ("sample: two kernels, two sharpnesses", ["Sharpen", "Box blur 3×3"])],
)
def test_a_sample_loads_its_picture_with_its_kernels_as_one_undo_step(open_presets, qtbot, sample, kernels):
    window, panel = open_presets()
    before = window.document.scene
    assert panel.item_for(sample, "Samples") is not None, [
        p.entry.error for p in panel.listed() if p.group == "Samples"
    ]
    click_entry(qtbot, panel, sample, "Samples")
    assert panel.apply_button.toolTip() == "Load scene"
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    scene = window.document.scene
    assert scene.name == sample
    assert [k.name for k in scene.kernels] == kernels
    assert max(scene.input_shape[:2]) <= 128 and scene.input_shape[2] == 1
    assert scene.input.max() > 1  # the 0-255 scale
    assert window.document.undo_stack.count() == 1
    window.undo_action.trigger()
    assert window.document.scene == before


def test_a_sample_whose_picture_cannot_be_read_says_why_and_changes_nothing(open_presets, qtbot, monkeypatch, tmp_path):
    from convviz.core import samples

    images = tmp_path / "images"
    images.mkdir()
    (images / "shapes.png").write_bytes(b"not a png at all")
    monkeypatch.setattr(pp, "sample_entries", lambda: samples.sample_entries(None, images))
    window, panel = open_presets()
    before = window.document.scene
    click_entry(qtbot, panel, "sample: edges", "Samples")
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert window.document.scene is before
    assert panel.message.text().startswith("Can't load “sample: edges”")
    assert panel.message.isVisible()


def test_a_built_in_scene_opens_unmodified_like_a_file(open_presets, qtbot):
    window, panel = open_presets()
    click_entry(qtbot, panel, "cs231n-style", "Scenes")
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)

    assert window.document.scene == find_builtin("cs231n-style").item
    assert not window.files.is_modified()
    assert window.windowTitle() == "cs231n-style — convviz"
    window.undo_action.trigger()  # the scene before it comes back, as a change
    assert window.document.scene == find_builtin("seed-3.4").item
    assert window.windowTitle().endswith("* — convviz")


def test_a_built_in_scene_asks_about_unsaved_changes_first(open_presets, qtbot, user, monkeypatch):
    from convviz.ui.document import file_actions

    window, panel = open_presets()
    window.document.set_bias(0, 5.0)
    asked = []
    monkeypatch.setattr(file_actions, "ask_save_changes", lambda parent, name: asked.append(name) or "cancel")
    click_entry(qtbot, panel, "cs231n-style", "Scenes")
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)

    assert asked == ["seed-3.4"]
    assert window.document.scene.kernels[0].bias == 5.0 and window.files.is_modified()
