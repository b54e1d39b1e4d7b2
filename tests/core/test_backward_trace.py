"""The backward pass stepped: dW, dX and db, step by step, against the engine and a loop reference.

Each trace's last step must have built the whole gradient the engine's
``conv2d_backward`` and the plain-loop chain rule give, for every padding
mode, stride, dilation and groups; the ledger writes each value's arithmetic.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import conv2d_backward_loop
from thoroughness import examples

from convviz.core.backward_trace import InputGradTrace, ParamGradTrace, backward_trace, input_gradient_scene
from convviz.core.catalogue import find_builtin
from convviz.core.errors import ConvError
from convviz.core.frame import CellRole, FrameOptions, GridKind
from convviz.core.frames import frame_at
from convviz.core.scene import ConvParams, Kernel, Scene
from convviz.core.trace import Level


def _seed(name: str = "seed-3.1") -> Scene:
    entry = find_builtin(name)
    assert entry is not None and entry.item is not None
    return entry.item


def _loop(scene: Scene, dy: np.ndarray):
    p = scene.params
    return conv2d_backward_loop(scene.input, scene.kernel_stack, dy, stride=p.stride, padding=p.padding,
                                dilation=p.dilation, groups=p.groups, padding_mode=p.padding_mode)  # fmt: skip


def _stepped_dw(trace: ParamGradTrace) -> np.ndarray:
    kh, kw, c, K = trace.scene.kernel_shape
    dw = np.full((kh, kw, c, K), np.nan)
    for index in range(len(trace)):
        step = trace.step(index)
        cell = trace.grad_cell_of(step)
        dw[step.out_row, step.out_col, step.channel, step.kernel] = cell.value
    return dw


@st.composite
def scenes(draw) -> Scene:
    groups = draw(st.sampled_from([1, 2]))
    C = groups * draw(st.integers(1, 2))
    K = groups * draw(st.integers(1, 2))
    kh, kw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    mode = draw(st.sampled_from(["zeros", "reflect", "replicate", "circular"]))
    H, W = draw(st.integers(3, 7)), draw(st.integers(3, 7))
    pad = (draw(st.integers(0, min(2, H - 1))), draw(st.integers(0, min(2, W - 1))))
    dilation = (draw(st.integers(1, 2)), draw(st.integers(1, 2)))
    stride = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    ints = st.integers(-3, 3)
    x = np.array(draw(st.lists(ints, min_size=H * W * C, max_size=H * W * C))).reshape(H, W, C)
    kernels = tuple(
        Kernel(f"W{k}", np.array(draw(st.lists(ints, min_size=kh * kw * (C // groups), max_size=kh * kw * (C // groups))))
               .reshape(kh, kw, C // groups), float(draw(ints)))
        for k in range(K)
    )  # fmt: skip
    scene = Scene(x, kernels, ConvParams(stride=stride, padding=pad, dilation=dilation, groups=groups, padding_mode=mode))
    try:
        oh, ow = scene.geometry().output_hw
    except ConvError:
        return _seed()
    dy = np.array(draw(st.lists(ints, min_size=oh * ow * K, max_size=oh * ow * K))).reshape(oh, ow, K)
    return scene.with_grad_output(dy)


@settings(max_examples=examples(120), deadline=None)
@given(scenes())
def test_every_stepped_gradient_is_the_engines_and_the_loop_references(scene: Scene) -> None:
    dy = scene.grad_output if scene.grad_output is not None else np.ones((*scene.geometry().output_hw, len(scene.kernels)))
    dx_loop, dw_loop, db_loop = _loop(scene, dy)
    dx, dw, db = scene.with_grad_output(dy).gradients()
    np.testing.assert_allclose(dw, dw_loop, atol=1e-9)
    np.testing.assert_allclose(db, db_loop, atol=1e-9)

    weights = backward_trace(scene, "weight", "cell")
    assert isinstance(weights, ParamGradTrace)
    np.testing.assert_allclose(_stepped_dw(weights), dw_loop, atol=1e-9)

    biases = backward_trace(scene, "bias", "multiply")
    stepped_db = [biases.grad_cell(k).value for k in range(len(scene.kernels))]
    np.testing.assert_allclose(stepped_db, db_loop, atol=1e-9)

    inputs = backward_trace(scene, "input", "cell")
    assert isinstance(inputs, InputGradTrace)
    np.testing.assert_allclose(inputs.folded_gradient(), dx_loop, atol=1e-9)
    np.testing.assert_allclose(inputs.folded_gradient(), dx, atol=1e-9)
    # The last frame shows the whole padded gradient, folded.
    # Each real cell's last frame shows its gradient: the convolution's
    # total, or (if padding copies it) its fold step's sum.
    geo = scene.geometry()
    top, left = geo.pad_h[0], geo.pad_w[0]
    H, W, C = scene.input_shape
    folds = {(f.channel, f.source): inputs.conv_steps + n for n, f in enumerate(inputs.folds)}
    for m in range(C):
        for r in range(H):
            for c in range(W):
                index = folds.get((m, (r, c)), inputs.index_of(m, r + top, c + left, inputs.steps_per_cell - 1))
                shown = frame_at(inputs.scene, inputs, index).outputs[m].value(r + top, c + left)
                assert shown == pytest.approx(dx_loop[r, c, m], abs=1e-9)


def test_multiply_steps_add_up_to_each_weights_gradient_with_a_running_sum() -> None:
    scene = _seed().with_grad_output(np.arange(9.0).reshape(3, 3, 1) - 4)
    trace = backward_trace(scene, "weight", "multiply")
    _, dw, _ = scene.gradients()
    oh, ow = trace.output_hw
    assert len(trace) == 9 * (oh * ow + 1)
    index = trace.index_of_value(0, 0, (0, 1))
    for n in range(oh * ow):
        frame = frame_at(scene, trace, index + n)
        grid = frame.kernels[0][0]
        assert grid.role(0, 1) is CellRole.PENDING
        expected = sum(scene.input[r * 1 + 0, s * 1 + 1, 0] * scene.grad_output[r, s, 0]
                       for r in range(oh) for s in range(ow) if r * ow + s <= n)  # fmt: skip
        assert grid.pending_value == pytest.approx(expected)
        r, s = divmod(n, ow)
        assert frame.outputs[0].current == (r, s)
        assert frame.inputs[0].current == (r, s + 1)
    total = frame_at(scene, trace, index + oh * ow)
    assert total.kernels[0][0].role(0, 1) is CellRole.CURRENT
    assert total.ledger.lines[0].result == f"= {int(dw[0, 1, 0, 0])}".replace("-", "\u2212")


def test_the_weight_ledger_writes_input_times_dy_as_the_issue_does() -> None:
    trace = backward_trace(_seed(), "weight", "cell")
    frame = frame_at(trace.scene, trace, trace.index_of_value(0, 0, (0, 1)))
    text = frame.ledger.text()
    assert "dW(0,1) ch 1: 2·1 + 0·1 + 1·1 + 1·1 + 0·1 + 2·1 + (−1)·1 + (−2)·1 + 1·1 = 4" in text
    # The window of dY's size over X: every cell (r, s + 1) is tapped.
    assert frame.inputs[0].tapped == {(r, s + 1) for r in range(3) for s in range(3)}
    assert frame.inputs[0].window_box == (0, 1, 2, 3)


def test_a_long_sum_is_shortened_around_the_current_product() -> None:
    x = np.arange(100.0).reshape(10, 10, 1)
    scene = Scene(x, (Kernel("W0", np.ones((3, 3, 1))),))
    trace = backward_trace(scene, "weight", "multiply")
    ledger = trace.grad_cell(0).ledger(40)
    texts = [t.text for t in ledger.lines[0].terms]
    assert "…" in texts and len(texts) <= 16
    assert any(t.state.value == "current" for t in ledger.lines[0].terms)
    assert ledger.lines[0].result == f"= {int(x[:8, :8, 0].sum())}"


def test_with_stride_the_weights_window_is_the_dilated_dy() -> None:
    scene = _seed("cs231n-style")  # stride 2, padding 1
    trace = backward_trace(scene, "weight", "cell")
    frame = frame_at(scene, trace, trace.index_of_value(1, 2, (1, 2)))
    taps = frame.inputs[2].tapped
    assert taps == {(2 * r + 1, 2 * s + 2) for r in range(3) for s in range(3)}
    assert frame.inputs[2].window_box == (1, 2, 5, 6)
    assert frame.inputs[0].dimmed and not frame.inputs[2].dimmed


def test_bias_steps_sum_dy() -> None:
    scene = _seed("seed-3.2").with_grad_output(np.arange(18.0).reshape(3, 3, 2))
    trace = backward_trace(scene, "bias", "cell")
    assert len(trace) == 2
    frame = frame_at(scene, trace, 1)
    assert frame.biases[1].role(0, 0) is CellRole.CURRENT
    assert frame.biases[1].value(0, 0) == pytest.approx(scene.grad_output[:, :, 1].sum())
    assert frame.ledger.lines[0].label == "db W1"


def test_input_gradient_is_the_full_convolution_with_the_flipped_kernel() -> None:
    scene = _seed("seed-3.1")
    derived = input_gradient_scene(scene, np.ones((3, 3, 1)))
    flipped = scene.kernels[0].weights[::-1, ::-1, 0]
    np.testing.assert_array_equal(derived.kernels[0].weights[:, :, 0], flipped)
    assert derived.params.padding == (2, 2)
    trace = backward_trace(scene, "input", "channel")
    assert len(trace) == 25 * 2  # a channel step and the total per cell; no "+ bias"
    frame = frame_at(scene, trace, 1)
    assert frame.outputs[0].caption == "dX channel 1 (padded)"
    assert [line.kind.value for line in frame.ledger.lines] == ["channel", "total"]
    assert frame.ledger.lines[0].label == "dY W0"


def test_fold_steps_send_padding_gradients_to_their_sources() -> None:
    scene = _seed().with_params(padding=(1, 1), padding_mode="replicate")
    trace = backward_trace(scene, "input", "cell")
    assert isinstance(trace, InputGradTrace)
    corner = next(n for n, f in enumerate(trace.folds) if f.source == (0, 0))
    fold = trace.folds[corner]
    # The replicated corner is copied by three padding cells.
    assert set(fold.copies) == {(0, 0), (0, 1), (1, 0)}
    index = trace.conv_steps + corner
    frame = frame_at(trace.scene, trace, index)
    grid = frame.outputs[0]
    assert grid.role(1, 1) is CellRole.PENDING  # it shows its sum with its copies
    assert {(r, c) for r in range(7) for c in range(7) if grid.role(r, c) is CellRole.TAPPED} == set(fold.copies)
    padded = trace.padded_gradient[:, :, 0]
    total = padded[1, 1] + padded[0, 0] + padded[0, 1] + padded[1, 0]
    assert grid.value(1, 1) == pytest.approx(total)
    assert grid.value(2, 2) == padded[2, 2]
    assert frame.ledger.lines[0].label == "dX(0,0) ch 1"
    assert trace.folded_gradient()[0, 0, 0] == pytest.approx(total)


def test_zero_padding_has_no_fold_steps_and_its_ring_is_drawn_as_not_reaching_x() -> None:
    scene = _seed().with_params(padding=(1, 1))
    trace = backward_trace(scene, "input", "cell")
    assert isinstance(trace, InputGradTrace) and trace.folds == ()
    frame = frame_at(trace.scene, trace, 0, FrameOptions(reveal=True))
    assert frame.outputs[0].kind is GridKind.OUTPUT
    assert frame.outputs[0].role(3, 0) in (CellRole.DROPPED, CellRole.HIDDEN)
    assert frame_at(trace.scene, trace, 8).outputs[0].role(3, 0) is CellRole.DROPPED


def test_reveal_hides_the_weights_not_computed_yet() -> None:
    trace = backward_trace(_seed(), "weight", "cell")
    frame = frame_at(trace.scene, trace, 4, FrameOptions(reveal=True))
    roles = frame.kernels[0][0].roles()
    assert roles[0][0] is not CellRole.HIDDEN and roles[1][1] is CellRole.CURRENT
    assert roles[1][2] is CellRole.HIDDEN and roles[2][2] is CellRole.HIDDEN


def test_a_grad_output_of_the_wrong_shape_is_refused_naming_both_shapes() -> None:
    scene = _seed().with_grad_output(np.ones((2, 2, 1)))
    with pytest.raises(ConvError, match=r"\[2,2,1\].*\[3,3,1\]"):
        backward_trace(scene, "weight")
    with pytest.raises(ConvError, match="choose one of input, weight, bias"):
        backward_trace(_seed(), "output")


def test_every_frame_of_every_result_builds() -> None:
    scene = _seed("seed-3.4").with_params(padding=(1, 1), padding_mode="circular")
    for wrt in ("input", "weight", "bias"):
        for level in Level:
            trace = backward_trace(scene, wrt, level)
            for index in range(0, len(trace), max(1, len(trace) // 40)):
                frame = frame_at(trace.scene, trace, index, FrameOptions(reveal=True))
                for grid in frame.grids():
                    grid.roles()
                assert frame.ledger.text()
