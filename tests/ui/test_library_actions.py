"""Edit → Copy as Code and File → Import Kernels…, done as a user does them."""

from __future__ import annotations

import contextlib
import io

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox

from convviz.cli import main
from convviz.core import scenefile
from convviz.ui.base.menus import MenuId
from convviz.ui.presets import kernel_import
from convviz.ui.presets.kernel_import import filter_image, import_kernels_from

RNG = np.random.default_rng(11)
CONV1 = RNG.normal(size=(5, 3, 3, 3)).round(3)  # [K, C, kh, kw]: fits seed-3.4's 3-channel input
CONV1_BIAS = RNG.normal(size=5).round(3)


def _compute_text(tmp_path, scene) -> str:
    path = tmp_path / "scene.json"
    scenefile.save(path, scene)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["compute", str(path)]) == 0
    return out.getvalue()


def _run(script: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(script, "<clipboard>", "exec"), {"__name__": "__main__"})  # noqa: S102 - our own output
    return out.getvalue()


def _action(window, name: str) -> QAction:
    action = window.findChild(QAction, name)
    assert action is not None, name
    return action


@pytest.mark.parametrize("lang", ["numpy", "torch"])
def test_copy_as_code_puts_a_script_that_prints_what_compute_prints_on_the_clipboard(make_window, tmp_path, lang):
    if lang == "torch":
        pytest.importorskip("torch")
    window = make_window("cs231n-style")
    window.document.set_bias(1, 2.5)  # the scene as edited, not as loaded
    submenu = next(a.menu() for a in window.menu(MenuId.EDIT).actions() if a.menu() is not None
                   and a.menu().objectName() == "copyAsCodeMenu")  # fmt: skip
    assert [a.objectName() for a in submenu.actions()] == ["copyAsCode_torch", "copyAsCode_numpy"]
    QGuiApplication.clipboard().setText("")
    _action(window, f"copyAsCode_{lang}").trigger()
    script = QGuiApplication.clipboard().text()
    assert _run(script) == _compute_text(tmp_path, window.document.scene)
    assert "Copied" in window.statusBar().currentMessage()


def test_copy_as_code_of_an_impossible_scene_copies_nothing_and_says_why(make_window):
    window = make_window("seed-3.1")
    window.document.set_params("Set padding", padding=(0, 0), stride=(9, 9))
    window.document.resize_input(2, 2, 1)
    QGuiApplication.clipboard().setText("before")
    _action(window, "copyAsCode_numpy").trigger()
    assert QGuiApplication.clipboard().text() == "before"
    assert "Nothing copied" in window.statusBar().currentMessage()


def test_the_filter_preview_is_grey_at_zero_and_black_and_white_at_the_extremes():
    image = filter_image(np.array([[[0.0, 2.0, -2.0]]]), size=3)
    assert image.width() == 3
    assert [image.pixelColor(x, 0).red() for x in range(3)] == [128, 255, 0]
    rgb = filter_image(np.stack([np.full((1, 1), 1.0), np.zeros((1, 1)), np.full((1, 1), -1.0)]), size=1)
    assert rgb.pixelColor(0, 0).getRgb()[:3] == (255, 128, 0)  # three channels are shown as colour


@pytest.fixture
def weights_file(tmp_path):
    path = tmp_path / "net.npz"
    np.savez(path, **{"conv1.weight": CONV1, "conv1.bias": CONV1_BIAS, "fc.weight": np.ones((10, 4)),
                      "conv2.weight": np.ones((2, 5, 3, 3))})  # fmt: skip
    return path


def test_import_kernels_previews_the_filters_and_applies_the_ticked_ones_as_one_undo_step(make_window, qtbot, weights_file):
    window = make_window("seed-3.4")
    before = window.document.scene
    action = _action(window, "importKernels")
    file_actions = window.menu(MenuId.FILE).actions()
    assert file_actions.index(action) == file_actions.index(window.image_actions.open_action) + 1

    dialog = import_kernels_from(window, weights_file)
    qtbot.waitExposed(dialog)
    assert [dialog.tensor_box.itemText(i) for i in range(dialog.tensor_box.count())] == [
        "conv1.weight  [5,3,3,3]", "conv2.weight  [2,5,3,3]"
    ]
    assert dialog.filters.count() == 5 and not dialog.filters.item(0).icon().isNull()
    assert "conv1.bias" in dialog.info.text()
    for k in (0, 1, 3):  # untick three of five: filters 2 and 4 stay
        dialog.filters.item(k).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.picks() == [2, 4]
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)

    scene = window.document.scene
    assert [k.name for k in scene.kernels] == ["conv1[2]", "conv1[4]"]
    for kernel, k in zip(scene.kernels, (2, 4)):
        np.testing.assert_array_equal(kernel.weights, CONV1[k].transpose(1, 2, 0))
        assert kernel.bias == CONV1_BIAS[k]
    window.document.undo_stack.undo()
    assert window.document.scene == before


def test_a_tensor_with_nothing_ticked_cannot_be_applied(make_window, qtbot, weights_file):
    window = make_window("seed-3.4")
    dialog = import_kernels_from(window, weights_file)
    dialog.set_picks([])
    assert not dialog.apply_button.isEnabled() and "at least one" in dialog.info.text()
    dialog.tensor_box.setCurrentIndex(1)
    assert dialog.filters.count() == 2 and dialog.apply_button.isEnabled()
    assert "biases 0" in dialog.info.text()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()


def test_filters_with_more_channels_than_the_scene_are_refused_and_the_scene_stays(make_window, qtbot, weights_file):
    window = make_window("seed-3.4")  # kernels with 3 channels; conv2 has 5
    before = window.document.scene
    dialog = import_kernels_from(window, weights_file)
    dialog.tensor_box.setCurrentIndex(1)
    dialog.apply_button.click()
    assert window.document.scene == before


def test_an_unreadable_file_or_one_without_conv_weights_is_explained(make_window, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(kernel_import, "_warn", lambda _window, text: warnings.append(text))
    window = make_window("seed-3.4")
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"garbage")
    assert import_kernels_from(window, bad) is None
    flat = tmp_path / "flat.npy"
    np.save(flat, np.ones((3, 3)))
    assert import_kernels_from(window, flat) is None
    assert "is not a NumPy .npz file" in warnings[0]
    assert "no 4-D tensor" in warnings[1] and "flat [3,3]" in warnings[1]


def test_a_weights_file_is_read_off_the_gui_thread_so_the_window_keeps_painting(make_window, qtbot, weights_file, monkeypatch):
    """The read waits until the GUI thread has run a timer: on the GUI thread
    itself it would wait in vain (and the test fail after its timeout)."""
    import threading

    from PySide6.QtCore import QThread, QTimer

    window = make_window("seed-3.4")
    gui_ran = threading.Event()
    reader_threads = []
    read = kernel_import.read_tensors

    def slow_read(path):
        reader_threads.append(QThread.currentThread())
        assert gui_ran.wait(5), "the GUI thread ran nothing while the file was read"
        return read(path)

    monkeypatch.setattr(kernel_import, "read_tensors", slow_read)
    QTimer.singleShot(0, gui_ran.set)
    dialog = import_kernels_from(window, weights_file)
    assert dialog is not None and dialog.filters.count() == 5
    assert reader_threads and reader_threads[0] is not window.thread()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
