"""The partial-maps and im2col views of the frame model (issue 14), without Qt."""

from __future__ import annotations

import numpy as np
import pytest
from reference import conv2d_loop, conv2d_partials_loop

from convviz.core.catalogue import resolve_scene
from convviz.core.frame import CellRole, FrameOptions, FrameView, GridKind
from convviz.core.frames import frame_at
from convviz.core.frame_views import IM2COL_VIEW_MAX_VALUES, im2col_too_large, step_of_view_cell
from convviz.core.scene import ConvParams, Kernel, Scene
from convviz.core.trace import StepTrace

PARTIAL = FrameOptions(view=FrameView.PARTIAL_MAPS)
IM2COL = FrameOptions(view=FrameView.IM2COL)


def _grouped_scene(padding_mode: str) -> Scene:
    """4 input channels, 4 kernels in 2 groups, padding 1 and stride 2: every part of the geometry."""
    rng = np.random.default_rng(7)
    x = rng.integers(-3, 4, size=(6, 5, 4)).astype(float)
    kernels = tuple(Kernel(f"W{k}", rng.integers(-2, 3, size=(3, 2, 2)).astype(float), float(k) - 1.5) for k in range(4))
    return Scene(name="grouped", input=x, kernels=kernels,
                 params=ConvParams(stride=(2, 1), padding=(1, 1), groups=2, padding_mode=padding_mode))  # fmt: skip


def test_the_maps_view_adds_no_grids():
    scene = resolve_scene("seed-3.4")
    frame = frame_at(scene, StepTrace(scene), 0)
    assert frame.views == () and frame.view_note == ""


def test_partial_maps_of_seed_3_3_are_the_equation_3_plus_1_plus_2_plus_1_is_7_at_0_0():
    scene = resolve_scene("seed-3.3")
    frame = frame_at(scene, StepTrace(scene, "channel"), 0, PARTIAL)
    kinds = [g.kind for g in frame.views]
    assert kinds == [GridKind.PARTIAL] * 3 + [GridKind.BIAS_TERM, GridKind.RESULT]
    assert [g.values[0, 0] for g in frame.views[:3]] == [3.0, 1.0, 2.0]
    assert frame.views[3].values[0, 0] == 1.0 and frame.views[4].values[0, 0] == 7.0
    assert [g.colour for g in frame.views[:3]] == [0, 1, 2]  # each partial in its channel's colour
    assert frame.views[0].scale == frame.views[1].scale == frame.views[2].scale  # one shared diverging scale


@pytest.mark.parametrize("padding_mode", ["zeros", "reflect", "replicate", "circular"])
def test_partials_plus_bias_are_conv2d_for_groups_and_every_padding_mode(padding_mode):
    scene = _grouped_scene(padding_mode)
    trace = StepTrace(scene, "channel")
    p = scene.params
    args = dict(stride=p.stride, padding=p.padding, groups=p.groups, padding_mode=padding_mode)
    expected_partials = conv2d_partials_loop(scene.input, scene.kernel_stack, scene.biases, **args)
    expected = conv2d_loop(scene.input, scene.kernel_stack, scene.biases, **args)
    for k in range(4):
        frame = frame_at(scene, trace, trace.index_of(k, 0, 0), PARTIAL)
        *partials, bias, result = frame.views
        assert [g.colour for g in partials] == list(scene.input_channels_of_kernel(k))  # only its group
        for c, grid in enumerate(partials):
            np.testing.assert_allclose(grid.values, expected_partials[:, :, k, c])
        np.testing.assert_allclose(sum(g.values for g in partials) + bias.values[0, 0], expected[:, :, k])
        np.testing.assert_allclose(result.values, expected[:, :, k])


def test_during_channel_stepping_the_partial_being_summed_fills_in_cell_by_cell():
    scene = resolve_scene("seed-3.4")
    trace = StepTrace(scene, "channel")
    reveal = FrameOptions(reveal=True, view=FrameView.PARTIAL_MAPS)
    at = trace.index_of(0, 0, 1, 1)  # W0, output (0, 1), channel 2
    p1, p2, p3, bias, result = frame_at(scene, trace, at, reveal).views
    assert p2.role(0, 1) is CellRole.CURRENT and p2.value(0, 1) == p2.values[0, 1]
    assert p1.role(0, 1) is CellRole.NORMAL  # summed a step ago
    assert p3.role(0, 1) is CellRole.HIDDEN  # not yet
    assert [g.role(0, 0) for g in (p1, p2, p3)] == [CellRole.NORMAL, CellRole.EMPHASIZED, CellRole.NORMAL]  # done
    assert all(g.role(0, 2) is CellRole.HIDDEN for g in (p1, p2, p3))  # still to come
    assert result.role(0, 1) is CellRole.PENDING and bias.role(0, 0) is CellRole.NORMAL
    # Without reveal every value shows; the current cell is still marked.
    p1, p2, p3, _, _ = frame_at(scene, trace, at, PARTIAL).views
    assert p2.role(0, 1) is CellRole.CURRENT and p3.role(0, 2) is CellRole.NORMAL
    # The bias step marks the bias, the total step the map's cell.
    assert frame_at(scene, trace, trace.index_of(0, 0, 1, 3), PARTIAL).views[3].role(0, 0) is CellRole.CURRENT
    assert frame_at(scene, trace, trace.index_of(0, 0, 1, 4), PARTIAL).views[4].role(0, 1) is CellRole.CURRENT


def test_at_multiply_steps_the_partial_cell_being_built_shows_its_running_sum():
    scene = resolve_scene("seed-3.3")
    trace = StepTrace(scene, "multiply")
    cell = trace.cell(0, 0, 0)
    for tap in range(9):
        p2 = frame_at(scene, trace, 9 + tap, PARTIAL).views[1]  # channel 2, tap by tap
        assert p2.role(0, 0) is CellRole.PENDING
        assert p2.value(0, 0) == pytest.approx(cell.products[1].ravel()[: tap + 1].sum())


@pytest.mark.parametrize("padding_mode", ["zeros", "reflect", "replicate", "circular"])
def test_w_times_u_plus_b_is_conv2d_through_the_frame_values(padding_mode):
    scene = _grouped_scene(padding_mode)
    trace = StepTrace(scene, "channel")
    W, U, b, Y = frame_at(scene, trace, 0, IM2COL).views
    p = scene.params
    expected = conv2d_loop(scene.input, scene.kernel_stack, scene.biases, stride=p.stride, padding=p.padding,
                           groups=p.groups, padding_mode=padding_mode)  # fmt: skip
    oh, ow = trace.output_hw
    np.testing.assert_allclose(W.values @ U.values + b.values, expected.reshape(oh * ow, 4).T)
    np.testing.assert_allclose(Y.values, expected.reshape(oh * ow, 4).T)
    # Block-diagonal: each kernel's row is blank outside its group's columns.
    assert W.values.shape == (4, 4 * 3 * 2)
    assert W.role(0, 0) is not CellRole.HIDDEN and W.role(0, 12) is CellRole.HIDDEN
    assert W.role(3, 0) is CellRole.HIDDEN and W.role(3, 12) is not CellRole.HIDDEN
    assert np.all(W.values[W.hidden] == 0)


def test_im2col_marks_the_current_column_of_u_row_of_w_and_product_cell():
    scene = resolve_scene("seed-3.4")
    trace = StepTrace(scene, "multiply")
    at = trace.index_of(1, 1, 2, 9 + 2 * 3 + 1)  # W1, output (1, 2), channel 2, tap (2, 1)
    frame = frame_at(scene, trace, at, IM2COL)
    W, U, b, Y = frame.views
    column, row = 1 * 3 + 2, 9 + 2 * 3 + 1
    assert U.window_box == (0, column, 26, column) and U.role(row, column) is CellRole.CURRENT
    assert U.role(9, column) is CellRole.TAPPED and U.role(0, column) is CellRole.NORMAL  # the channel's rows
    assert U.role(row, column - 1) is CellRole.NORMAL
    assert W.window_box == (1, 0, 1, 26) and W.role(1, row) is CellRole.CURRENT
    assert Y.role(1, column) is CellRole.PENDING
    assert Y.pending_value == pytest.approx(frame.outputs[1].pending_value)
    assert b.role(1, 0) is CellRole.TAPPED
    # The input shows the same window, on the channel being summed.
    assert frame.inputs[1].current == (1 + 2, 2 + 1)


def test_clicks_on_view_cells_go_to_their_steps():
    scene = resolve_scene("seed-3.4")
    trace = StepTrace(scene, "channel")
    frame = frame_at(scene, trace, trace.index_of(0, 0, 0, 1), PARTIAL)
    assert step_of_view_cell(trace, frame, frame.views[2], 1, 2) == trace.index_of(0, 1, 2, 2)
    assert step_of_view_cell(trace, frame, frame.views[4], 2, 2) == trace.index_of(0, 2, 2, 4)
    frame = frame_at(scene, trace, trace.index_of(1, 0, 0, 1), IM2COL)
    W, U, _, Y = frame.views
    assert step_of_view_cell(trace, frame, U, 4, 7) == trace.index_of(1, 2, 1, 1)  # same kernel and part
    assert step_of_view_cell(trace, frame, Y, 0, 5) == trace.index_of(0, 1, 2, 4)
    assert step_of_view_cell(trace, frame, W, 0, 3) == trace.index_of(0, 0, 0, 1)


def test_im2col_view_refuses_a_u_past_its_limit_with_a_message():
    scene = Scene(name="big", input=np.zeros((1200, 1200, 3)), kernels=(Kernel("W0", np.ones((3, 3, 3))),))
    trace = StepTrace(scene, "cell")
    assert 3 * 9 * 1198 * 1198 > IM2COL_VIEW_MAX_VALUES
    frame = frame_at(scene, trace, 0, IM2COL)
    assert frame.views == () and frame.view_note == im2col_too_large(trace)
    assert "U would be [27, 1435204]" in frame.view_note and "16,777,216" in frame.view_note
