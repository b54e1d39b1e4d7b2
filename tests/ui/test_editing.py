"""Editing grids like a spreadsheet: typing, refusing garbage, copy and paste,
the per-grid tools, and undo/redo across every kind of change.

Everything is driven through the mouse and the keyboard on the window's own
views; the feature maps are checked against the engine, and where the
arithmetic is short, against numbers worked out by hand.
"""

from __future__ import annotations

import numpy as np
import pytest
from maps_checks import engine_maps, shown_maps
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel

from convviz.core.catalogue import resolve_scene
from convviz.ui.grid import grid_block_edits

ENTER = Qt.Key.Key_Return
SHIFT = Qt.KeyboardModifier.ShiftModifier




def assert_outputs_match_engine(window) -> None:
    expected = engine_maps(window.document.scene)
    assert np.array_equal(window.maps.maps, expected)
    assert np.array_equal(shown_maps(window), expected)


# -- typing ------------------------------------------------------------------------


def test_a_typed_input_value_changes_exactly_the_output_cells_that_read_it(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    before = window.maps.maps.copy()
    view = window.input_panel.views[1]  # channel 2

    u.click_cell(view, 1, 1)
    u.type("−3")
    u.press(ENTER)

    # Same event-loop turn: no waiting between the key and the check.
    assert window.document.scene.input[1, 1, 1] == -3
    after = shown_maps(window)
    assert np.array_equal(after, engine_maps(window.document.scene))
    # Input (1, 1) was 0; output (r, c) reads it through weight (1 - r, 1 - c)
    # of channel 2, so each reader changes by −3 times that weight.
    for k, kernel in enumerate(window.document.scene.kernels):
        expected = before[:, :, k].copy()
        for r in range(2):
            for c in range(2):
                expected[r, c] += -3 * kernel.weights[1 - r, 1 - c, 1]
        assert np.array_equal(after[:, :, k], expected), kernel.name
    # W0 channel 2 is [[1,0,1],[0,0,0],[1,1,1]]: outputs (0,0), (0,1) and
    # (1,0) read the cell through a weight 0; only (1,1), through its
    # top-left weight 1, drops by 3 (16 → 13).
    assert after[:, :, 0].tolist() == [[7, 20, 10], [14, 13, 15], [17, 16, 18]]


ACCEPTED = [("7", 7.0), ("12", 12.0), ("0.25", 0.25), (".5", 0.5), ("-4", -4.0), ("−1.5", -1.5), ("+2", 2.0), ("2e1", 20.0)]


def test_integers_decimals_and_negatives_are_accepted(make_window, user):
    # One window for all: each typed value replaces the one before.
    window = make_window("seed-3.3")
    u = user(window)
    view = window.input_panel.views[0]
    for typed, value in ACCEPTED:
        u.click_cell(view, 2, 3)
        u.type(typed)
        u.press(ENTER)
        assert window.document.scene.input[2, 3, 0] == value, typed
        assert view.current_cell() == (3, 3)  # Enter moves down
        assert not view.is_editing()
        assert_outputs_match_engine(window)


GARBAGE = ["abc", "1..2", "--1", "1,5", "nan", "inf", "3x", "−", "e", "1e400"]


def test_typed_garbage_is_refused_inline_and_the_old_value_stays(make_window, user):
    # One window for every text: each refusal leaves it as it was (checked).
    window = make_window("seed-3.3")
    u = user(window)
    view = window.input_panel.views[0]
    scene_before, maps_before = window.document.scene, window.maps.maps.copy()
    for garbage in GARBAGE:
        u.click_cell(view, 1, 1)

        u.type(garbage)
        u.press(ENTER)

        assert view.is_editing(), f"{garbage!r}: the editor stays open so the value can be fixed"
        assert view.current_cell() == (1, 1)
        message = view.message_text()
        assert ("is not a number" in message or "too large" in message or "type a number" in message), message
        # Inline: the message sits right under (or above) the cell it concerns.
        label = view.findChild(QLabel, "cellMessage")
        cell = view.cell_rect(1, 1)
        assert label.isVisible()
        assert label.geometry().top() == cell.bottom() + 4 or label.geometry().bottom() == cell.top() - 5
        assert window.document.scene is scene_before
        assert window.document.undo_stack.count() == 0
        assert np.array_equal(window.maps.maps, maps_before)

        u.press(Qt.Key.Key_Tab)  # Tab refuses it too and doesn't move on
        assert view.is_editing() and view.current_cell() == (1, 1)

        u.press(Qt.Key.Key_Escape)
        assert not view.is_editing()
        assert view.message_text() == ""
    assert window.document.scene.input[1, 1, 0] == 2


def test_enter_tab_and_arrows_commit_and_move_like_a_spreadsheet(make_window, user):
    window = make_window("seed-3.3")
    u = user(window)
    view = window.input_panel.views[2]
    u.click_cell(view, 0, 0)
    moves = [
        ("11", Qt.Key.Key_Tab, None, (0, 1)),
        ("12", Qt.Key.Key_Right, None, (0, 2)),
        ("13", Qt.Key.Key_Down, None, (1, 2)),
        ("14", ENTER, None, (2, 2)),
        ("15", Qt.Key.Key_Left, None, (2, 1)),
        ("16", Qt.Key.Key_Up, None, (1, 1)),
        ("17", ENTER, SHIFT, (0, 1)),
        ("18", Qt.Key.Key_Tab, SHIFT, (0, 0)),
    ]
    written = {}
    for typed, key, modifiers, lands in moves:
        written[view.current_cell()] = float(typed)
        u.type(typed)
        u.press(key, modifiers)
        assert view.current_cell() == lands, f"after typing {typed}"
    values = window.document.scene.input[:, :, 2]
    for (r, c), value in written.items():
        assert values[r, c] == value
    assert window.document.undo_stack.count() == len(moves)
    assert_outputs_match_engine(window)


def test_f2_edits_the_current_value_and_escape_keeps_it(make_window, user):
    window = make_window("seed-3.3")
    u = user(window)
    view = window.input_panel.views[0]
    u.click_cell(view, 0, 1)
    u.press(Qt.Key.Key_F2)
    assert view.is_editing() and view.editor().text() == "2"
    u.press(Qt.Key.Key_End)
    u.type("5")
    u.press(ENTER)
    assert window.document.scene.input[0, 1, 0] == 25
    u.press(Qt.Key.Key_Up)
    u.press(Qt.Key.Key_F2)
    u.type("9")  # the old text is selected: typing replaces it
    u.press(Qt.Key.Key_Escape)
    assert window.document.scene.input[0, 1, 0] == 25


def test_editing_a_bias_shifts_every_cell_of_that_map_and_no_other(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    before = window.maps.maps.copy()
    bias_view = window.kernel_panel.blocks[1].bias_view

    u.click_cell(bias_view, 0, 0)
    u.type("−2.5")
    u.press(ENTER)

    assert window.document.scene.kernels[1].bias == -2.5
    after = shown_maps(window)
    for r in range(3):
        for c in range(3):
            assert after[r, c, 1] == before[r, c, 1] - 2.5, (r, c)
    assert np.array_equal(after[:, :, 0], before[:, :, 0])
    assert_outputs_match_engine(window)
    assert bias_view.model.values()[0, 0] == -2.5


def test_editing_a_weight_changes_its_map_by_weight_times_input(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    before = window.maps.maps.copy()
    x = window.document.scene.input
    view = window.kernel_panel.blocks[0].views[2]  # W0, channel 3; (2, 2) is 0

    u.click_cell(view, 2, 2)
    u.type("4")
    u.press(ENTER)

    assert window.document.scene.kernels[0].weights[2, 2, 2] == 4
    after = shown_maps(window)
    assert np.array_equal(after[:, :, 0], before[:, :, 0] + 4 * x[2:5, 2:5, 2])
    assert np.array_equal(after[:, :, 1], before[:, :, 1])
    assert_outputs_match_engine(window)


def test_delete_clears_the_selected_block_as_one_undo_step(make_window, user):
    window = make_window("seed-3.3")
    u = user(window)
    view = window.input_panel.views[0]
    u.click_cell(view, 0, 0)
    u.click_cell(view, 1, 2, SHIFT)
    assert view.selection() == (0, 0, 1, 2)
    u.press(Qt.Key.Key_Delete)
    values = window.document.scene.input[:, :, 0]
    assert not values[0:2, 0:3].any()
    assert values[2, 0] == 2  # outside the selection
    assert window.document.undo_stack.count() == 1
    assert_outputs_match_engine(window)


# -- copy and paste ----------------------------------------------------------------


def test_copying_a_selection_gives_tab_separated_rows(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    view = window.input_panel.views[0]
    u.click_cell(view, 0, 1)
    u.click_cell(view, 1, 3, SHIFT)
    u.shortcut("Ctrl+C")
    assert QGuiApplication.clipboard().text() == "2\t0\t1\n2\t0\t0"

    w1 = window.kernel_panel.blocks[1].views[0]
    u.click_cell(w1, 1, 1)
    u.shortcut("Ctrl+A")
    u.shortcut("Ctrl+C")
    # Whole grid, ASCII minus so spreadsheets read it as a number.
    assert QGuiApplication.clipboard().text() == "1\t0\t-1\n0\t1\t0\n-1\t0\t1"


@pytest.mark.parametrize(
    "text",
    [
        "1\t−2\n3.5\t4\n",  # a spreadsheet's TSV
        "1,-2\r\n3.5,4",  # CSV
        "  1   -2\n 3.5  4 ",  # whitespace
        "array([[ 1. , -2. ],\n       [ 3.5,  4. ]])",  # NumPy repr
        "[[1, -2], [3.5, 4]]",  # Python list
    ],
    ids=["tsv", "csv", "whitespace", "numpy", "python"],
)
def test_pasting_a_block_that_fits_writes_it_at_the_current_cell(make_window, user, text):
    window = make_window("seed-3.3")
    u = user(window)
    view = window.input_panel.views[1]
    old = window.document.scene.input[:, :, 1].copy()
    u.click_cell(view, 3, 2)
    QGuiApplication.clipboard().setText(text)

    u.shortcut("Ctrl+V")

    values = window.document.scene.input[:, :, 1]
    assert values[3:5, 2:4].tolist() == [[1, -2], [3.5, 4]]
    untouched = np.ones_like(old, dtype=bool)
    untouched[3:5, 2:4] = False
    assert np.array_equal(values[untouched], old[untouched])
    assert view.selection() == (3, 2, 4, 3), "the pasted block ends up selected"
    assert window.document.undo_stack.count() == 1
    assert_outputs_match_engine(window)

    u.shortcut("Ctrl+Z")
    assert np.array_equal(window.document.scene.input[:, :, 1], old)
    assert_outputs_match_engine(window)


def test_a_paste_that_does_not_fit_is_refused_with_a_message_not_truncated(make_window, user):
    window = make_window("seed-3.3")
    u = user(window)
    view = window.input_panel.views[0]
    scene = window.document.scene
    u.click_cell(view, 3, 3)
    QGuiApplication.clipboard().setText("9\t9\t9\n9\t9\t9\n9\t9\t9")

    u.shortcut("Ctrl+V")

    message = view.message_text()
    assert "Can't paste 3×3 values at row 3, column 3" in message
    assert "2×2" in message and "Nothing was changed" in message
    assert window.document.scene is scene
    assert window.document.undo_stack.count() == 0


def test_a_paste_into_a_kernel_grid_that_is_too_big_is_refused(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    view = window.kernel_panel.blocks[0].views[0]
    u.click_cell(view, 0, 0)
    QGuiApplication.clipboard().setText("1 2 3 4\n5 6 7 8")
    u.shortcut("Ctrl+V")
    assert "Can't paste 2×4" in view.message_text()
    assert np.array_equal(window.document.scene.kernels[0].weights, resolve_scene("seed-3.4").kernels[0].weights)


@pytest.mark.parametrize(
    ("text", "says"),
    [("1 2\n3", "row 2 has 1 value, but row 1 has 2"), ("1 two", "“two” is not a number"), ("", "no")],
)
def test_a_paste_that_is_not_a_block_of_numbers_is_refused(make_window, user, text, says):
    window = make_window("seed-3.3")
    u = user(window)
    view = window.input_panel.views[0]
    u.click_cell(view, 0, 0)
    QGuiApplication.clipboard().setText(text)
    u.shortcut("Ctrl+V")
    assert view.message_text().startswith("Can't paste") or "clipboard" in view.message_text()
    assert says in view.message_text()
    assert window.document.undo_stack.count() == 0


def test_copy_from_one_grid_and_paste_into_another(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    source = window.kernel_panel.blocks[1].views[0]
    target = window.kernel_panel.blocks[0].views[1]
    u.click_cell(source, 0, 0)
    u.shortcut("Ctrl+A")
    u.shortcut("Ctrl+C")
    u.click_cell(target, 0, 0)
    u.shortcut("Ctrl+V")
    kernels = window.document.scene.kernels
    assert np.array_equal(kernels[0].weights[:, :, 1], kernels[1].weights[:, :, 0])
    assert_outputs_match_engine(window)


# -- per-grid tools (context menu) ---------------------------------------------------


@pytest.fixture
def answer_dialog(monkeypatch):
    """The next 'Fill' or 'Randomize' question is answered with this text."""
    replies = []
    monkeypatch.setattr(grid_block_edits.QInputDialog, "getText", lambda *args, **kwargs: (replies.pop(0), True))
    return replies


def test_fill_clear_randomize_transpose_and_flip_each_make_one_undo_step(make_window, user, answer_dialog):
    window = make_window("seed-3.4")
    u = user(window)
    stack = window.document.undo_stack
    grid = window.kernel_panel.blocks[1].views[0]
    weights = lambda: window.document.scene.kernels[1].weights[:, :, 0]
    original = weights().copy()
    QGuiApplication.clipboard().setText("1 2 3\n4 5 6\n7 8 9")
    u.click_cell(grid, 0, 0)
    u.shortcut("Ctrl+V")
    pasted = weights().copy()

    u.context_menu(grid, (1, 1), "Flip left–right")
    assert weights().tolist() == [[3, 2, 1], [6, 5, 4], [9, 8, 7]]
    u.context_menu(grid, (1, 1), "Flip top–bottom")
    assert weights().tolist() == [[9, 8, 7], [6, 5, 4], [3, 2, 1]]
    assert u.context_menu(grid, (1, 1), "Transpose")
    assert weights().tolist() == [[9, 6, 3], [8, 5, 2], [7, 4, 1]]
    assert_outputs_match_engine(window)

    answer_dialog.append("−2")
    u.context_menu(grid, (0, 0), "Fill with…")
    assert (weights() == -2).all()
    u.context_menu(grid, (0, 0), "Clear")
    assert not weights().any()
    answer_dialog.append("-3 3")
    u.context_menu(grid, (0, 0), "Randomize…")
    values = weights()
    assert np.array_equal(values, np.round(values)) and values.min() >= -3 and values.max() <= 3
    assert len(np.unique(values)) > 1
    assert_outputs_match_engine(window)
    assert stack.count() == 7  # the paste, then one step per tool

    for _ in range(6):
        stack.undo()
    assert np.array_equal(weights(), pasted)
    stack.undo()
    assert np.array_equal(weights(), original)
    assert_outputs_match_engine(window)


def test_transpose_is_offered_only_for_square_grids(make_window, user):
    window = make_window("seed-3.3")
    u = user(window)
    u.set_spin(window.input_panel.w_spin, 4)
    view = window.input_panel.views[0]
    assert u.context_menu(view, (0, 0), "Transpose") is False, "offered, but disabled"
    assert window.document.scene.input.shape == (5, 4, 3)


def test_a_fill_value_that_is_not_a_number_is_refused(make_window, user, answer_dialog):
    window = make_window("seed-3.3")
    u = user(window)
    view = window.input_panel.views[0]
    answer_dialog.append("lots")
    u.context_menu(view, (0, 0), "Fill with…")
    assert "Can't fill" in view.message_text()
    answer_dialog.append("5 1")
    u.context_menu(view, (0, 0), "Randomize…")
    assert "Can't randomize" in view.message_text()
    assert window.document.undo_stack.count() == 0


# -- undo and redo -------------------------------------------------------------------


def test_undo_and_redo_walk_back_and_forth_through_every_kind_of_edit(make_window, user, answer_dialog):
    window = make_window("seed-3.4")
    u = user(window)
    doc = window.document
    history = [doc.scene]

    def done(what):
        assert doc.scene is not history[-1], f"{what} changed nothing"
        history.append(doc.scene)

    u.click_cell(window.input_panel.views[0], 0, 0)
    u.type("6")
    u.press(ENTER)
    done("typing a value")
    QGuiApplication.clipboard().setText("1 1\n1 1")
    u.click_cell(window.input_panel.views[2], 3, 3)
    u.shortcut("Ctrl+V")
    done("a paste")
    answer_dialog.append("2")
    u.context_menu(window.kernel_panel.blocks[1].views[1], (0, 0), "Fill with…")
    done("a fill")
    u.click_cell(window.kernel_panel.blocks[0].bias_view, 0, 0)
    u.type("−1")
    u.press(ENTER)
    done("a bias")
    u.set_spin(window.input_panel.h_spin, 6)
    done("resizing H")
    u.set_spin(window.param_bar.stride_w, 2)
    done("a stride")
    u.choose(window.param_bar.mode, "circular")
    done("a padding mode")
    u.click(window.kernel_panel.add_button)
    done("adding a kernel")
    u.set_spin(window.kernel_panel.kw_spin, 2)
    done("resizing kw")
    u.click(window.kernel_panel.blocks[0].remove_button)
    done("removing a kernel")
    doc.load_scene(resolve_scene("cs231n-style"))
    done("loading a scene")

    # Undo from wherever the focus is now (the last click was a button).
    for expected in reversed(history[:-1]):
        u.shortcut("Ctrl+Z")
        assert doc.scene == expected
        assert_outputs_match_engine(window)
        assert len(window.kernel_panel.blocks) == len(expected.kernels)
        assert len(window.input_panel.views) == expected.input_shape[2]
    assert not doc.undo_stack.canUndo()
    assert doc.scene == resolve_scene("seed-3.4")

    for expected in history[1:]:
        u.shortcut("Ctrl+Shift+Z")
        assert doc.scene == expected
        assert_outputs_match_engine(window)
    assert not doc.undo_stack.canRedo()


def test_ctrl_z_right_after_changing_a_spin_box_undoes_that_change(make_window, user):
    window = make_window("seed-3.3")
    u = user(window)
    u.set_spin(window.param_bar.stride_h, 2)
    assert window.document.scene.params.stride == (2, 1)
    assert u.focused() is window.param_bar.stride_h  # the focus is still in it
    u.shortcut("Ctrl+Z")
    assert window.document.scene.params.stride == (1, 1)
    assert window.param_bar.stride_h.value() == 1
    u.shortcut("Ctrl+Shift+Z")
    assert window.document.scene.params.stride == (2, 1)
    assert window.param_bar.stride_h.value() == 2


def test_ctrl_z_while_typing_in_a_cell_edits_the_text_not_the_scene(make_window, user):
    window = make_window("seed-3.3")
    u = user(window)
    view = window.input_panel.views[0]
    u.click_cell(view, 0, 0)
    u.type("5")
    u.press(ENTER)
    u.type("7")
    u.shortcut("Ctrl+Z")
    assert window.document.scene.input[0, 0, 0] == 5
    assert view.is_editing()


# -- the focus while editing -----------------------------------------------------------


def test_committing_a_value_keeps_a_scrolled_panel_where_it_was(make_window, user):
    window = make_window("seed-3.3")
    u = user(window)
    u.set_spin(window.input_panel.h_spin, 20)
    u.set_spin(window.input_panel.w_spin, 20)  # three 20×20 channels: the panel scrolls
    QApplication.processEvents()
    scroll = window.input_panel.scroll
    # Down, where the window can't show them all (it scrolls down rather than sideways).
    bar = max((scroll.horizontalScrollBar(), scroll.verticalScrollBar()), key=lambda b: b.maximum())
    assert bar.maximum() > 0 and bar.value() == 0
    view = window.input_panel.views[0]

    u.click_cell(view, 2, 2)
    u.type("7")
    u.press(ENTER)
    QApplication.processEvents()

    assert window.document.scene.input[2, 2, 0] == 7
    assert bar.value() == 0, "the panel must not jump to the next channel"
    assert u.focused() is view and view.current_cell() == (3, 2)


def test_clicking_elsewhere_while_typing_commits_and_leaves_the_focus_there(make_window, user):
    window = make_window("seed-3.3")
    u = user(window)
    view = window.input_panel.views[0]
    u.click_cell(view, 0, 0)
    u.type("8")
    spin = window.param_bar.stride_h
    u.click(spin.lineEdit())
    QApplication.processEvents()
    assert window.document.scene.input[0, 0, 0] == 8
    assert u.focused() is spin, "typing now goes to the spin box the user clicked"
    u.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    u.type("2")
    u.press(ENTER)
    assert window.document.scene.params.stride == (2, 1)


def test_f2_then_enter_keeps_every_digit_of_the_value(make_window, user):
    import numpy as np

    window = make_window("seed-3.1")
    third = 1 / 3
    assert window.document.set_block("input", 0, 0, 0, 0, np.array([[third]]))
    view = window.input_panel.views[0]
    u = user(window)
    u.click_cell(view, 0, 0)
    u.press(Qt.Key.Key_F2)
    assert view.editor().text() == "0.3333333333333333"
    u.press(Qt.Key.Key_Return)
    assert window.document.scene.input[0, 0, 0] == third  # not rounded to 0.333
