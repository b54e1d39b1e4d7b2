"""A transposed scene in the window: its maps are shown, and it steps as a
scatter (each input cell lands the scaled kernel on the output, whose cells show
their running values) or, toggled, as the equivalent direct convolution."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from convviz.core.catalogue import resolve_scene
from convviz.core.engine import conv_transpose2d
from convviz.core.frame import CellRole
from convviz.core.transposed_direct import DirectTrace
from convviz.core.transposed_trace import ScatterTrace


@pytest.mark.parametrize("name", ["transposed-2x2-s2", "seed-3.1-adjoint"])
def test_opening_a_transposed_scene_shows_its_maps_and_steps_its_scatter(make_window, qtbot, name):
    window = make_window(name)
    scene = window.document.scene
    expected = conv_transpose2d(scene.input, scene.kernel_stack, scene.biases, **scene.params.transposed_kwargs())
    qtbot.waitUntil(lambda: window.maps.maps is not None and window.maps.maps.shape == expected.shape)
    assert np.array_equal(window.maps.maps, expected)
    assert window.output_panel.error_label.isHidden()
    oh, ow = expected.shape[:2]
    assert window.output_panel.formula_h.text().endswith(f"= {oh}")
    assert window.output_panel.formula_w.text().endswith(f"= {ow}")
    assert isinstance(window.animator.trace, ScatterTrace)
    assert "scatter x(0, 0)" in window.playback_bar.step_label.text()
    assert "y(0,0) +=" in window.ledger_view.ledger.text()
    assert window.playback_bar.view_combo.isVisibleTo(window)
    assert window.direct_view_action.isEnabled()


def test_stepping_the_scatter_shows_the_running_output_in_the_window(make_window, qtbot):
    window = make_window("transposed-2x2-s2")
    animator = window.animator
    animator.set_level("cell")
    animator.set_reveal(True)
    output = window.output_panel.views[0]
    scene = window.document.scene
    for _ in range(4):  # x(0,0) … x(1,0) have scattered
        qtbot.mouseClick(window.playback_bar.forward_button, Qt.MouseButton.LeftButton)
    assert animator.index == 4
    assert "scatter x(1, 1)" in window.playback_bar.step_label.text()
    running = animator.trace.running_maps(4)
    text, role = output.cell_state(2, 2)  # x(1,1)'s patch starts at y(2,2)
    assert role is CellRole.TAPPED and text == f"{running[2, 2, 0]:g}"
    assert output.cell_state(5, 5) == ("", CellRole.HIDDEN)  # x(2,2) has not scattered yet
    assert window.input_panel.views[0].cell_state(1, 1)[1] is CellRole.CURRENT
    animator.last()
    assert output.cell_state(5, 5)[0] == f"{scene.feature_maps()[5, 5, 0]:g}"


def test_the_view_toggle_switches_to_the_equivalent_direct_convolution_and_back(make_window, qtbot):
    window = make_window("seed-3.1-adjoint")
    animator = window.animator
    animator.set_level("cell")
    animator.set_index(animator.trace.index_of(0, 1, 1))  # x(1,1) scatters onto y(1..3, 1..3)
    bar = window.playback_bar
    with qtbot.waitSignal(animator.traceChanged):
        bar.view_combo.setCurrentIndex(bar.view_combo.findText("equivalent direct"))
    assert isinstance(animator.trace, DirectTrace)
    assert window.direct_view_action.isChecked()
    step = animator.current_step()
    assert (step.out_row, step.out_col) == (1, 1)  # the first output cell x(1,1) lands on
    assert "W0 flipped at output (1, 1)" in window.ledger_view.ledger.text()
    frame = animator.frame()
    value = frame.focus.cell.value
    assert value == pytest.approx(window.document.scene.feature_maps()[1, 1, 0])
    with qtbot.waitSignal(animator.traceChanged):
        window.direct_view_action.trigger()
    assert isinstance(animator.trace, ScatterTrace)
    assert bar.view_combo.currentText() == "scatter"
    assert animator.trace.touched(animator.index)[1, 1, 0]  # the first scatter step that reaches y(1,1)


def test_clicking_an_output_cell_jumps_to_the_first_scatter_that_reaches_it(make_window, qtbot):
    window = make_window("transposed-2x2-s2")
    animator = window.animator
    animator.set_level("multiply")
    window.output_panel.cellClicked.emit(0, 3, 4)  # y(3,4) is x(1,2)'s tap (1,0)
    step = animator.current_step()
    assert (step.row, step.col, step.tap) == (1, 2, (1, 0))
    assert "y(3,4) +=" in window.ledger_view.ledger.text()


def test_a_forward_scene_after_a_transposed_one_steps_again(make_window, qtbot):
    window = make_window("transposed-2x2-s2")
    window.load_scene(resolve_scene("seed-3.4"))
    qtbot.waitUntil(lambda: window.animator.focus() is not None)
    assert window.output_panel.error_label.isHidden()
    assert "no steps" not in window.playback_bar.step_label.text()
    assert not window.playback_bar.view_combo.isVisibleTo(window)
    assert not window.direct_view_action.isEnabled()


def test_a_big_transposed_output_drawn_as_an_image_shows_the_running_output(make_window):
    from convviz.core.scene import ConvParams, Kernel, Scene
    from convviz.ui.grid.image_channel_view import ImageChannelView

    rng = np.random.default_rng(3)
    scene = Scene(rng.integers(0, 5, (20, 20, 1)).astype(float), (Kernel("W0", np.ones((2, 2, 1)), 0.0),),
                  ConvParams(stride=(2, 2), op="conv_transpose"), "upsample")  # fmt: skip
    window = make_window("transposed-2x2-s2")
    window.load_scene(scene)
    view = window.output_panel.views[0]
    assert isinstance(view, ImageChannelView)  # 40×40 output
    animator = window.animator
    animator.set_level("cell")
    animator.set_index(animator.trace.index_of(0, 10, 0))  # half the input has scattered
    shown = view.image.image
    np.testing.assert_array_equal(shown, animator.trace.running_maps(animator.index)[:, :, 0])
    assert not shown[22:].any() and scene.feature_maps()[22:, :, 0].any()  # below x(10,0)'s patch: not reached yet
    animator.last()
    np.testing.assert_array_equal(view.image.image, scene.feature_maps()[:, :, 0])


def test_clicking_an_input_cell_marks_the_output_cells_its_kernel_lands_on(make_window):
    window = make_window("transposed-2x2-s2")
    window.input_panel.cellClicked.emit(0, 1, 2)  # x(1,2) lands on y(2..3, 4..5)
    output = window.output_panel.views[0]
    assert output.overlay.marked == {(2, 4), (2, 5), (3, 4), (3, 5)}
