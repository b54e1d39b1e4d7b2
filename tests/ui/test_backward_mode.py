"""The window's Backward mode, used as a person would: switch to it, edit dY,
pick a one-hot by clicking, step dW and read the ledger; and what it draws is
the frame model's, as every recording draws it."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from test_frame_parity import assert_recording_shows

from convviz.core.backward_trace import ParamGradTrace
from convviz.core.frame import CellRole
from convviz.ui.base.menus import MenuId
from convviz.ui.recording.frame_renderer import FrameRenderer, render_frame_image

ENTER = Qt.Key.Key_Return


def _enter_backward(window, wrt: str = "weight") -> None:
    window.backward_mode.set_result(wrt)
    window.backward_mode.action.trigger()
    assert window.animator.wrt == wrt


def test_the_view_menu_switches_to_backward_mode_and_back(make_window):
    window = make_window("seed-3.1")
    view = window.backward_mode.view
    assert not view.isVisible() and window.body.isVisible()
    window.backward_mode.action.trigger()
    assert view.isVisible() and not window.body.isVisible()
    assert isinstance(window.animator.trace, ParamGradTrace)
    assert window.backward_mode.action in window.menu(MenuId.VIEW).actions()
    window.backward_mode.action.trigger()
    assert not view.isVisible() and window.body.isVisible()
    assert window.animator.wrt is None and window.animator.frame().headings[0] == "Input"


def test_a_typed_dy_value_is_an_undoable_edit_that_changes_the_gradient(make_window, user):
    window = make_window("seed-3.1")
    _enter_backward(window)
    u = user(window)
    dy_view = window.backward_mode.view.views[0]
    assert dy_view.grid_shape == (3, 3)

    u.click_cell(dy_view, 0, 0)
    u.type("3")
    u.press(ENTER)

    dy = window.document.scene.grad_output
    assert dy is not None and dy[0, 0, 0] == 3 and dy.sum() == 3 + 8
    assert window.document.undo_stack.undoText().startswith("Edit dY")
    # dW(0,0) = Σ X[r, s]·dY[r, s]: X(0,0) = 1 now counts three times.
    trace = window.animator.trace
    assert trace.grad_cell(0, 0, (0, 0)).value == pytest.approx(window.document.scene.input[:3, :3, 0].sum() + 2 * 1)
    assert dy_view.cell_state(0, 0)[0] == "3"
    window.document.undo_stack.undo()
    assert window.document.scene.grad_output is None
    assert dy_view.cell_state(0, 0)[0] == "1"


def test_one_hot_by_clicking_shows_where_one_outputs_gradient_goes(make_window, user):
    window = make_window("seed-3.1")
    _enter_backward(window, "input")
    u = user(window)
    view = window.backward_mode.view
    u.click(view.one_hot_button)
    assert view.one_hot_button.isChecked()
    u.click_cell(view.views[0], 2, 1)

    dy = window.document.scene.grad_output
    expected = np.zeros((3, 3, 1))
    expected[2, 1, 0] = 1
    assert np.array_equal(dy, expected)
    # dX is then the kernel itself, placed over output (2, 1)'s window.
    dx = window.document.scene.gradients()[0][:, :, 0]
    w = window.document.scene.kernels[0].weights[:, :, 0]
    assert np.array_equal(dx[2:5, 1:4], w) and dx.sum() == w.sum()
    assert window.animator.trace.folded_gradient()[2:5, 1:4, 0].tolist() == w.tolist()


def test_stepping_dw_writes_each_weights_sum_in_the_ledger(make_window):
    window = make_window("seed-3.1")
    _enter_backward(window)
    window.animator.set_level("cell")
    window.animator.set_index(0)
    window.animator.step()
    assert window.animator.index == 1
    lines = window.ledger_view.visible_lines()
    text = " ".join(lines)
    assert "dW(0,1) ch 1" in text
    assert "2·1" in text and "= 4" in text
    frame = window.animator.frame()
    assert frame.kernels[0][0].role(0, 1) is CellRole.CURRENT
    assert frame.label == "dW(0,1) ch 1 of W0"


def test_random_integers_and_all_ones_presets(make_window):
    window = make_window("seed-3.2")
    _enter_backward(window, "bias")
    view = window.backward_mode.view
    view.random_button.click()
    dy = window.document.scene.grad_output
    assert dy.shape == (3, 3, 2) and set(np.unique(dy)) <= {-2, -1, 0, 1, 2}
    assert window.animator.trace.grad_cell(1).value == pytest.approx(dy[:, :, 1].sum())
    view.ones_button.click()
    assert window.document.scene.grad_output is None
    assert window.animator.trace.grad_cell(1).value == 9


@pytest.mark.parametrize("wrt", ["weight", "input", "bias"])
def test_the_backward_canvas_draws_the_frame_model_as_every_recording_does(make_window, wrt):
    window = make_window("cs231n-style")
    window.document.set_params("reflect", padding_mode="reflect")
    _enter_backward(window, wrt)
    canvas = window.backward_mode.view.canvas
    canvas.renderer.recording = True
    animator = window.animator
    renderer = FrameRenderer(record=True)
    for index in sorted({0, 1, len(animator) // 2, len(animator) - 1}):
        animator.set_index(index)
        canvas.grab()  # paints it
        frame = animator.frame()
        assert_recording_shows(canvas.renderer.last_record, frame)
        render_frame_image(animator.trace.scene, size=(960, 540), step=index, renderer=renderer, trace=animator.trace)
        assert renderer.last_record.cells == canvas.renderer.last_record.cells
        assert renderer.last_record.captions == canvas.renderer.last_record.captions


def test_the_dy_grid_shows_ones_after_the_maps_change_shape(make_window):
    window = make_window("seed-3.1")
    _enter_backward(window)
    window.backward_mode.view.set_one_hot(0, 0, 0)
    window.document.set_params("padding", padding=(1, 1))  # the maps grow to 5×5
    view = window.backward_mode.view.views[0]
    assert view.grid_shape == (5, 5)
    assert view.cell_state(4, 4)[0] == "1"
    assert window.animator.trace is not None and len(window.animator) == 9


def test_a_dy_that_no_longer_fits_is_not_saved_so_the_file_still_loads(make_window, tmp_path):
    from convviz.core.scenefile import load, save

    window = make_window("seed-3.1")
    _enter_backward(window)
    window.backward_mode.view.set_random()
    save(tmp_path / "fits.json", window.document.scene)
    assert np.array_equal(load(tmp_path / "fits.json").grad_output, window.document.scene.grad_output)
    window.document.set_params("padding", padding=(1, 1))
    save(tmp_path / "stale.json", window.document.scene)
    assert load(tmp_path / "stale.json").grad_output is None


def test_copy_frame_and_export_record_the_backward_step(make_window, qtbot, tmp_path):
    from convviz.ui.recording.export_dialog import current_frame_image
    from convviz.ui.recording.frame_renderer import frame_array

    window = make_window("seed-3.1")
    _enter_backward(window, "input")
    window.animator.set_index(7)
    copied = frame_array(current_frame_image(window, (640, 360)))
    trace = window.animator.trace
    rendered = frame_array(render_frame_image(trace.scene, size=(640, 360), step=7, trace=trace))
    assert np.array_equal(copied, rendered)

    window.recording.export_animation.trigger()
    dialog = window.recording.dialog
    assert dialog.wrt == "input" and dialog.to_spin.maximum() == len(trace) - 1
    dialog.path_edit.setText(str(tmp_path / "dx.gif"))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("gif"))
    dialog.all_steps_box.setChecked(False)
    dialog.from_spin.setValue(0)
    dialog.to_spin.setValue(2)
    with qtbot.waitSignal(dialog.exported, timeout=30000) as blocker:
        assert dialog.start_export() is not None
    assert blocker.args[0].frames == 3


def test_a_transposed_scene_has_no_backward_pass_and_the_canvas_says_why(make_window):
    window = make_window("transposed-2x2-s2")
    _enter_backward(window)
    assert window.animator.trace is None
    assert "transposed" in window.backward_mode.view.canvas._why_none()
    window.backward_mode.view.canvas.grab()  # paints the message, no error


@pytest.mark.parametrize("wrt", ["weight", "input"])
def test_the_backward_canvas_writes_its_text_at_the_windows_size_at_1280x720(make_window, wrt):
    # The canvas is a wide strip of the window; a frame that size would
    # write its headers at 12 px and its captions at 9 px.
    from convviz.ui.recording.frame_layout import compute_layout

    window = make_window("seed-3.4", size=(1280, 720))
    _enter_backward(window, wrt)
    canvas = window.backward_mode.view.canvas
    trace = window.animator.trace
    w, h = canvas.width(), canvas.height()
    assert w / h > 2.5  # the strip this is about
    drawn = compute_layout(trace.scene, trace, w, h, canvas.text_scale())
    unscaled = compute_layout(trace.scene, trace, w, h)
    assert drawn.header_px >= 13.9 and drawn.label_px >= 11.1 and drawn.ledger_px >= 16
    assert drawn.cell >= unscaled.cell - 1  # not at the cells' cost
