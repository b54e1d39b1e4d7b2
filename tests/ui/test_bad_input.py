"""Garbage everywhere a user can type or paste: each gets a clear message or
a clamp, the scene stays as it was, and the window keeps working."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QByteArray, QMimeData, Qt
from PySide6.QtGui import QGuiApplication

from convviz.core.textgrid import MAX_PASTE_CHARS
from convviz.ui.panels.widgets import RefusalBubble

GARBAGE = ["abc", "1..2", "--3", "1e999", "nan", "inf", "1,5", "½", "0x10", "3 4", "=1+1", "🙂"]


def type_into_cell(view, qtbot, row: int, col: int, text: str) -> None:
    view.setFocus()
    view.set_current_cell(row, col)
    view.start_edit(text)
    qtbot.keyClick(view.editor(), Qt.Key.Key_Return)


def test_garbage_typed_into_any_grid_is_refused_beside_the_cell(make_window, qtbot):
    # One window for every text: each refusal leaves it as it was (checked).
    window = make_window("seed-3.4")
    before = window.document.scene
    grids = [
        window.input_panel.views[1],
        window.kernel_panel.blocks[1].views[2],
        window.kernel_panel.blocks[0].bias_view,
    ]
    for text in GARBAGE:
        for view in grids:
            type_into_cell(view, qtbot, 0, 0, text)
            assert view.is_editing(), f"{text!r}: the editor stays open so the value can be fixed"
            assert "not a number" in view.message_text() or "too large" in view.message_text(), text
            qtbot.keyClick(view.editor(), Qt.Key.Key_Escape)
            assert not view.is_editing()
        assert window.document.scene is before, text
        assert not window.document.undo_stack.canUndo(), text


def test_a_ten_megabyte_paste_is_refused_at_once(make_window):
    window = make_window("seed-3.3")
    view = window.input_panel.views[0]
    view.setFocus()
    before = window.document.scene
    huge = ("1\t2\t3\n" * (10 * 2**20 // 6))[: 10 * 2**20]
    assert len(huge) > MAX_PASTE_CHARS
    assert not view.paste(huge)
    assert "characters" in view.message_text()
    assert window.document.scene is before


def test_binary_clipboard_data_is_refused(make_window):
    window = make_window("seed-3.3")
    view = window.input_panel.views[0]
    view.setFocus()
    mime = QMimeData()
    mime.setData("application/octet-stream", QByteArray(bytes(range(256)) * 16))
    QGuiApplication.clipboard().setMimeData(mime)
    before = window.document.scene
    assert not view.paste()
    assert "no text" in view.message_text()
    assert not view.paste("\x00\x01\x02binary")
    assert "binary" in view.message_text()
    assert window.document.scene is before


@pytest.mark.parametrize("attribute, typed, clamped", [("h_spin", "100000", 4096), ("c_spin", "5000", 64)])
def test_absurd_sizes_typed_into_spin_boxes_are_clamped(make_window, qtbot, attribute, typed, clamped):
    window = make_window("seed-3.3")
    spin = getattr(window.input_panel, attribute)
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, typed)
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert spin.value() <= clamped
    H, W, C = window.document.scene.input_shape
    assert (H if attribute == "h_spin" else C) == spin.value()


def test_five_thousand_kernels_are_clamped_to_the_limit(make_window, qtbot):
    window = make_window("seed-3.3")
    spin = window.kernel_panel.k_spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "5000")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    # The spin box refuses digits that would pass the limit: "5000" ends as 50.
    assert len(window.document.scene.kernels) == spin.value() <= 64
    assert window.maps.maps.shape[2] == spin.value()


def test_an_input_too_large_to_hold_is_refused_with_a_message_at_the_spin_box(make_window, qtbot):
    window = make_window("seed-3.3")
    window.document.resize_input(4096, 4096, 1)  # the largest grey image: allowed
    assert window.document.scene.input_shape == (4096, 4096, 1)
    spin = window.input_panel.c_spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "3")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert window.document.scene.input_shape == (4096, 4096, 1)
    assert spin.value() == 1, "the spin box goes back to the real size"
    bubble = window.findChild(RefusalBubble, "refusalBubble")
    assert bubble is not None and bubble.isVisible()
    assert "at most" in bubble.text() and "16,777,216" in bubble.text()


def test_garbage_in_spin_boxes_is_not_accepted(make_window, qtbot):
    window = make_window("seed-3.3")
    before = window.document.scene
    for spin in (window.input_panel.w_spin, window.kernel_panel.kh_spin, window.param_bar.stride_h, window.param_bar.groups):
        spin.setFocus()
        spin.selectAll()
        qtbot.keyClicks(spin, "x-?")
        qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert window.document.scene == before


def test_an_empty_kernel_name_is_refused_at_the_name_field(make_window, qtbot):
    window = make_window("seed-3.4")
    field = window.kernel_panel.blocks[0].name_edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.document.scene.kernels[0].name == "W0"
    assert field.text() == "W0"
    bubble = window.findChild(RefusalBubble, "refusalBubble")
    assert bubble is not None and bubble.isVisible() and "needs a name" in bubble.text()


def test_the_window_keeps_working_after_all_of_it(make_window, qtbot):
    window = make_window("seed-3.3")
    view = window.input_panel.views[0]
    for text in GARBAGE:
        type_into_cell(view, qtbot, 1, 1, text)
        qtbot.keyClick(view.editor(), Qt.Key.Key_Escape)
    view.paste("x" * (MAX_PASTE_CHARS + 1))
    type_into_cell(view, qtbot, 1, 1, "−4")
    assert window.document.scene.input[1, 1, 0] == -4
    scene = window.document.scene
    assert np.array_equal(window.maps.maps, scene.feature_maps())


# -- issue 11 item 12: values that would overflow ----------------------------------------------


def test_a_typed_value_that_would_overflow_is_refused_beside_the_cell_naming_kernel_and_cell(make_window, qtbot, user):
    window = make_window("seed-3.1")  # W0 weighs input (1, 1) and (2, 2) by 1 for output (0, 0)
    user(window)  # the window is active, so the grid has the keyboard
    view = window.input_panel.views[0]
    type_into_cell(view, qtbot, 1, 1, "1e308")
    assert not view.is_editing() and window.document.scene.input[1, 1, 0] == 1e308  # 1e308 + 2 is still finite
    before = window.document.scene
    type_into_cell(view, qtbot, 2, 2, "1e308")  # 2e308 is not
    assert "kernel W0, output cell (0, 0)" in view.message_text() and "too large" in view.message_text()
    assert window.document.scene is before
    assert np.isfinite(window.maps.maps).all()


def test_a_bias_or_paste_that_would_overflow_is_refused_by_the_document(make_window, qtbot):
    window = make_window("seed-3.1")
    doc = window.document
    assert doc.set_block("input", 0, 0, 1, 1, np.array([[1e308]]))
    before = doc.scene
    with qtbot.waitSignal(doc.editRefused) as refused:
        assert not doc.set_bias(0, 1e308)
    assert "kernel W0, output cell (0, 0)" in refused.args[0]
    with qtbot.waitSignal(doc.editRefused):
        assert not doc.set_block("kernel", 0, 0, 0, 0, np.array([[1e308, 1e308], [1e308, 1e308]]))
    assert doc.scene is before
