"""Undo labels name the channel and the kernel (issue 11, item 17)."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_typed_values_name_their_channel_and_kernel_in_the_undo_menu(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    u.click_cell(window.input_panel.views[1], 0, 0)
    u.type("7")
    u.press(Qt.Key.Key_Return)
    assert window.undo_action.text() == "&Undo Edit input channel 2 cell (0, 0)"

    u.click_cell(window.kernel_panel.views_of(1)[0], 0, 2)
    u.type("4")
    u.press(Qt.Key.Key_Return)
    assert window.document.undo_stack.undoText() == "Edit W1 channel 1 weight (0, 2)"


def test_block_edits_from_the_context_menu_say_which_grid(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    u.context_menu(window.kernel_panel.views_of(0)[2], (1, 1), "Flip left–right")
    assert window.document.undo_stack.undoText() == "Flip horizontally in W0 channel 3"


def test_a_depthwise_kernel_is_named_by_the_input_channel_it_reads(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    u.set_spin(window.kernel_panel.k_spin, 3)
    u.set_spin(window.param_bar.groups, 3)
    view = window.kernel_panel.views_of(2)[0]
    assert view.parentWidget().caption_text == "channel 3"
    u.click_cell(view, 1, 1)
    u.type("2")
    u.press(Qt.Key.Key_Return)
    assert window.document.undo_stack.undoText() == "Edit W2 channel 3 weight (1, 1)"
