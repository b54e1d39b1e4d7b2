"""The step trace (every step at every level and order) and the ledger (the seed's eq. (3))."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from reference import padded_value

from convviz.core.catalogue import builtin_entries, find_builtin
from convviz.core.engine import channel_partials, conv2d
from convviz.core.errors import ConvError
from convviz.core.ledger import build_ledger, ledger_text
from convviz.core.scene import ConvParams, Kernel, Scene
from convviz.core.trace import Level, Order, Phase, StepTrace

MINUS = "\u2212"
LEVELS = list(Level)
ORDERS = list(Order)

# The seed's eq. (3), as the README shows it.
EQ3_TITLE = "seed-3.3 · kernel W0 · output (0, 0) · stride 1×1 · padding 0×0 (zeros) · dilation 1×1 · groups 1"
EQ3_BODY = [
    "channel 1: 0·2 + 2·0 + 0·0 + 0·1 + 2·0 + 0·1 + 2·0 + 1·3 + 2·0 = 3",
    "channel 2: 0·1 + 0·0 + 0·1 + 1·0 + 0·0 + 0·0 + 1·1 + 0·1 + 0·1 = 1",
    "channel 3: 1·0 + 1·0 + 0·1 + 0·1 + 1·1 + 0·1 + 0·1 + 1·1 + 1·0 = 2",
    "+ bias: 1",
    "= 3 + 1 + 2 + 1 = 7",
]


def builtin(name: str) -> Scene:
    return find_builtin(name).item


def grouped_scene(padding_mode: str = "reflect") -> Scene:
    """C = 4, groups 2, K = 4, a 2×3 kernel, stride, dilation and padding all non-trivial."""
    rng = np.random.default_rng(5)
    x = rng.integers(-4, 5, (6, 7, 4)).astype(float)
    kernels = [Kernel(f"G{k}", rng.integers(-3, 4, (2, 3, 2)).astype(float), bias=k - 1.0) for k in range(4)]
    params = ConvParams(stride=(1, 2), padding=(1, 2), padding_mode=padding_mode, dilation=(2, 1), groups=2)
    return Scene(x, tuple(kernels), params, "grouped")


def numbered_scene(padding: int, padding_mode: str, size: int = 5) -> Scene:
    """A size×size input whose cell (r, c) holds 10·r + c, and a 3×3 kernel of ones."""
    x = (10 * np.arange(size)[:, None] + np.arange(size)[None, :]).astype(float)[:, :, None]
    return Scene(x, (Kernel("W0", np.ones((3, 3, 1))),), ConvParams(padding=padding, padding_mode=padding_mode))


SMALL_SCENES = {
    "seed-3.4": lambda: builtin("seed-3.4"),
    "cs231n-style": lambda: builtin("cs231n-style"),
    "grouped": grouped_scene,
}
# The trace steps forward convolutions; transposed scenes are tested in test_engine_ops.
BUILTIN_SCENES = [e.id for e in builtin_entries() if e.kind == "scene" and not e.item.params.transposed]


def cells_in_order(scene: Scene, order: Order) -> list[tuple[int, int, int]]:
    """(kernel, row, col) of every output cell in the order the trace should visit them."""
    oh, ow = scene.geometry().output_hw
    K = len(scene.kernels)
    if order is Order.KERNEL:
        return list(itertools.product(range(K), range(oh), range(ow)))
    return [(k, r, c) for r, c, k in itertools.product(range(oh), range(ow), range(K))]


def expected_phases(scene: Scene, level: Level) -> list[tuple[Phase, int | None, tuple[int, int] | None]]:
    """(phase, channel, tap) of the sub-steps of one output cell."""
    kh, kw, c, _ = scene.kernel_shape
    if level is Level.CELL:
        return [(Phase.CELL, None, None)]
    if level is Level.CHANNEL:
        steps = [(Phase.CHANNEL, ch, None) for ch in range(c)]
    else:
        steps = [(Phase.PRODUCT, ch, (i, j)) for ch in range(c) for i in range(kh) for j in range(kw)]
    return steps + [(Phase.BIAS, None, None), (Phase.TOTAL, None, None)]


def shown(value: float) -> str:
    """An integer as the ledger writes it, with the true minus sign."""
    assert float(value).is_integer()
    return (MINUS if value < 0 else "") + str(abs(int(value)))


# -- the trace: size, order and phases -------------------------------------------------


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("name", sorted(SMALL_SCENES))
def test_trace_has_one_step_per_sub_step_of_every_output_cell(name, level, order):
    scene = SMALL_SCENES[name]()
    trace = StepTrace(scene, level, order)
    oh, ow = scene.geometry().output_hw
    kh, kw, c, K = scene.kernel_shape
    per_cell = {Level.CELL: 1, Level.CHANNEL: c + 2, Level.MULTIPLY: c * kh * kw + 2}[level]
    assert len(trace) == K * oh * ow * per_cell


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("name", sorted(SMALL_SCENES))
def test_every_step_round_trips_through_index_of_and_follows_order_and_phases(name, level, order):
    scene = SMALL_SCENES[name]()
    trace = StepTrace(scene, level, order)
    phases = expected_phases(scene, level)
    expected = [(cell, sub, phase) for cell in cells_in_order(scene, order) for sub, phase in enumerate(phases)]
    assert len(expected) == len(trace)
    for index, ((k, r, c), sub, (phase, channel, tap)) in enumerate(expected):
        step = trace.step(index)
        assert step.index == index
        assert (step.kernel, step.out_row, step.out_col, step.sub) == (k, r, c, sub)
        assert (step.phase, step.channel, step.tap) == (phase, channel, tap)
        assert trace.index_of(k, r, c, sub) == index


def test_channel_level_shows_each_channel_then_bias_then_total():
    trace = StepTrace(builtin("seed-3.3"), Level.CHANNEL)
    steps = [trace.step(i) for i in range(5)]  # output (0, 0)
    assert [(s.phase, s.channel) for s in steps] == [
        (Phase.CHANNEL, 0),
        (Phase.CHANNEL, 1),
        (Phase.CHANNEL, 2),
        (Phase.BIAS, None),
        (Phase.TOTAL, None),
    ]
    assert {(s.out_row, s.out_col) for s in steps} == {(0, 0)}
    assert (trace.step(5).out_row, trace.step(5).out_col, trace.step(5).phase) == (0, 1, Phase.CHANNEL)


@pytest.mark.parametrize("where", ["before", "after"])
def test_a_step_outside_the_trace_is_an_index_error(where):
    trace = StepTrace(builtin("seed-3.1"), Level.CELL)
    with pytest.raises(IndexError):
        trace.step(-1 if where == "before" else len(trace))


def test_a_trace_of_an_impossible_scene_is_a_conv_error():
    scene = builtin("seed-3.4").with_params(groups=3)  # 3 does not divide K = 2
    with pytest.raises(ConvError):
        StepTrace(scene)
    with pytest.raises(ConvError):
        StepTrace(builtin("seed-3.1").with_params(padding=5, padding_mode="reflect"))


def test_step_labels_count_channels_from_one_and_name_the_kernel():
    trace = StepTrace(builtin("seed-3.4"), Level.CHANNEL)
    step = trace.step(trace.index_of(1, 2, 0, 2))
    assert trace.label(step) == "kernel W1 · row 2 · col 0 · channel 3"


def test_kernels_of_the_second_group_read_the_second_groups_channels():
    scene = grouped_scene()
    trace = StepTrace(scene, Level.CHANNEL)
    for kernel, channels in [(0, [0, 1]), (1, [0, 1]), (2, [2, 3]), (3, [2, 3])]:
        assert [trace.input_channel(trace.step(trace.index_of(kernel, 0, 0, ch))) for ch in range(2)] == channels
        assert list(trace.cell(kernel, 0, 0).channels) == channels
    assert trace.label(trace.step(trace.index_of(3, 0, 0, 1))).endswith("channel 4")


@pytest.mark.parametrize("target_order", ORDERS)
@pytest.mark.parametrize("target_level", LEVELS)
@pytest.mark.parametrize("source_level", LEVELS)
def test_equivalent_index_keeps_the_output_cell_when_switching_level_or_order(source_level, target_level, target_order):
    scene = builtin("seed-3.4")
    source = StepTrace(scene, source_level, Order.KERNEL)
    target = StepTrace(scene, target_level, target_order)
    for index in range(len(source)):
        step = source.step(index)
        same = target.step(target.equivalent_index(step))
        assert (same.kernel, same.out_row, same.out_col) == (step.kernel, step.out_row, step.out_col)
        if target_level is Level.CELL or step.phase is Phase.CELL:
            continue
        if step.phase in (Phase.BIAS, Phase.TOTAL):
            assert same.phase is step.phase
        elif target_level is Level.CHANNEL:
            assert (same.phase, same.channel) == (Phase.CHANNEL, step.channel)
        else:
            assert (same.phase, same.channel) == (Phase.PRODUCT, step.channel)
            assert same.tap == (step.tap if step.phase is Phase.PRODUCT else (0, 0))


# -- compute_cell: the receptive field --------------------------------------------------


def test_cs231n_top_left_output_reads_padding_on_its_top_row_and_left_column():
    scene = builtin("cs231n-style")  # padding 1, stride 2
    cell = StepTrace(scene).cell(0, 0, 0)
    assert [(t.i, t.j, t.row, t.col) for t in cell.taps] == [(i, j, i - 1, j - 1) for i in range(3) for j in range(3)]
    for t in cell.taps:
        on_padding = t.row == -1 or t.col == -1
        assert t.padding is on_padding
        assert t.source == (None if on_padding else (t.row, t.col))
        if on_padding:
            assert (cell.inputs[:, t.i, t.j] == 0).all()
    np.testing.assert_array_equal(cell.inputs[:, 1:, 1:], scene.input[0:2, 0:2].transpose(2, 0, 1))


def test_cs231n_stride_two_moves_the_window_two_cells():
    trace = StepTrace(builtin("cs231n-style"))
    middle = trace.cell(1, 1, 1)
    assert [(t.row, t.col) for t in middle.taps] == [(r, c) for r in (1, 2, 3) for c in (1, 2, 3)]
    assert not any(t.padding for t in middle.taps)
    last = trace.cell(0, 2, 2)  # rows 3..5: row 5 and column 5 are padding
    assert [(t.row, t.col) for t in last.taps] == [(r, c) for r in (3, 4, 5) for c in (3, 4, 5)]
    assert [t.padding for t in last.taps] == [r == 5 or c == 5 for r in (3, 4, 5) for c in (3, 4, 5)]


def test_dilation_spreads_the_taps_apart():
    scene = numbered_scene(0, "zeros", size=7).with_params(dilation=2)
    cell = StepTrace(scene).cell(0, 1, 2)
    assert [(t.row, t.col) for t in cell.taps] == [(r, c) for r in (1, 3, 5) for c in (2, 4, 6)]
    np.testing.assert_array_equal(cell.inputs[0], [[10 * r + c for c in (2, 4, 6)] for r in (1, 3, 5)])


@pytest.mark.parametrize("name", sorted(SMALL_SCENES))
def test_taps_follow_stride_dilation_and_padding_for_every_cell(name):
    scene = SMALL_SCENES[name]()
    geometry = scene.geometry()
    (sh, sw), (dh, dw) = geometry.stride, geometry.dilation
    top, left = geometry.pad_h[0], geometry.pad_w[0]
    H, W, _ = scene.input_shape
    trace = StepTrace(scene)
    for k, r, c in cells_in_order(scene, Order.KERNEL):
        for t in trace.cell(k, r, c).taps:
            assert (t.row, t.col) == (r * sh + t.i * dh - top, c * sw + t.j * dw - left)
            assert t.padding is not (0 <= t.row < H and 0 <= t.col < W)


@pytest.mark.parametrize(
    "mode, top_left_source, bottom_right_source",
    [
        ("reflect", (1, 1), (3, 3)),  # mirror without repeating the edge
        ("replicate", (0, 0), (4, 4)),  # the edge itself
        ("circular", (4, 4), (0, 0)),  # wrap around
        ("zeros", None, None),
    ],
)
def test_padding_taps_report_the_real_cell_they_copy(mode, top_left_source, bottom_right_source):
    trace = StepTrace(numbered_scene(1, mode))
    corner = trace.cell(0, 0, 0).tap(0, 0)
    assert (corner.row, corner.col, corner.padding, corner.source) == (-1, -1, True, top_left_source)
    far = trace.cell(0, 4, 4).tap(2, 2)
    assert (far.row, far.col, far.padding, far.source) == (5, 5, True, bottom_right_source)


@pytest.mark.parametrize("mode, copied_row", [("reflect", 1), ("replicate", 0), ("circular", 4)])
def test_padded_row_above_the_input_copies_the_right_row(mode, copied_row):
    # Reflect padding 1 on a 5×5 input: row −1 copies row 1; replicate row 0; circular row 4.
    cell = StepTrace(numbered_scene(1, mode)).cell(0, 0, 1)  # window columns 0..2
    for j in range(3):
        tap = cell.tap(0, j)
        assert tap.row == -1 and tap.padding and tap.source == (copied_row, j)
        assert cell.inputs[0, 0, j] == 10 * copied_row + j


def test_reflect_padding_two_copies_row_two_into_row_minus_two():
    cell = StepTrace(numbered_scene(2, "reflect")).cell(0, 0, 2)
    assert cell.tap(0, 0).row == -2 and cell.tap(0, 0).source == (2, 0)
    assert cell.inputs[0, 0].tolist() == [20, 21, 22]
    assert cell.tap(1, 0).source == (1, 0)


@pytest.mark.parametrize("name", BUILTIN_SCENES + ["grouped", "grouped-circular"])
def test_products_partials_and_values_match_the_engine_for_every_cell(name):
    scene = builtin(name) if name in BUILTIN_SCENES else grouped_scene(name.partition("-")[2] or "reflect")
    args = (scene.input, scene.kernel_stack, scene.biases)
    maps = conv2d(*args, **scene.params.engine_kwargs())
    partials = channel_partials(*args, **scene.params.engine_kwargs())
    trace = StepTrace(scene)
    mode = scene.params.padding_mode
    for k, r, c in cells_in_order(scene, Order.KERNEL):
        cell = trace.cell(k, r, c)
        assert cell.value == maps[r, c, k]
        np.testing.assert_array_equal(cell.partials, partials[r, c, k])
        np.testing.assert_array_equal(cell.weights, scene.kernels[k].weights.transpose(2, 0, 1))
        assert cell.bias == scene.kernels[k].bias and cell.kernel_name == scene.kernels[k].name
        for ch_index, ch in enumerate(cell.channels):
            for t in cell.taps:
                assert cell.inputs[ch_index, t.i, t.j] == padded_value(scene.input, t.row, t.col, ch, mode)
        np.testing.assert_array_equal(cell.products, cell.inputs * cell.weights)
        np.testing.assert_array_equal(cell.products.sum(axis=(1, 2)), cell.partials)


# -- the ledger --------------------------------------------------------------------------


def test_ledger_for_seed_3_3_at_0_0_is_the_seeds_eq_3():
    cell = StepTrace(builtin("seed-3.3")).cell(0, 0, 0)
    assert ledger_text(cell, title=EQ3_TITLE) == "\n".join([EQ3_TITLE, *EQ3_BODY])
    assert ledger_text(cell).splitlines()[1:] == EQ3_BODY


def test_negative_factors_are_written_in_parentheses_with_a_true_minus():
    scene = Scene(np.array([[[-2.0]], [[5.0]]]).reshape(1, 2, 1), (Kernel("W0", np.array([[[-3.0], [1.0]]]), -1.0),))
    text = ledger_text(StepTrace(scene).cell(0, 0, 0))
    assert f"({MINUS}2)·({MINUS}3) + 5·1 = 11" in text
    assert f"+ bias: {MINUS}1" in text
    assert text.splitlines()[-1].endswith("= 10")
    assert "-" not in text


def test_negative_weights_in_cs231n_are_parenthesised():
    cell = StepTrace(builtin("cs231n-style")).cell(1, 0, 0)
    lines = ledger_text(cell).splitlines()
    assert f"0·({MINUS}1)" in lines[1]
    assert "-" not in "\n".join(lines[1:])


def test_a_negative_value_ends_the_last_line_with_a_true_minus():
    scene = Scene(np.full((1, 1, 1), 2.0), (Kernel("W0", np.full((1, 1, 1), -3.0), -1.0),))
    last = ledger_text(StepTrace(scene).cell(0, 0, 0)).splitlines()[-1]
    assert last.endswith(f"= {MINUS}7")


@pytest.mark.parametrize("name", BUILTIN_SCENES)
def test_last_ledger_line_ends_with_the_value_for_every_cell(name):
    scene = builtin(name)
    trace = StepTrace(scene)
    maps = scene.feature_maps()
    for k, r, c in cells_in_order(scene, Order.KERNEL):
        cell = trace.cell(k, r, c)
        lines = ledger_text(cell).splitlines()
        assert lines[-1].endswith(f"= {shown(maps[r, c, k])}")
        assert len(lines) == 1 + scene.kernel_shape[2] + 2  # title, channels, bias, total
        for line, partial in zip(lines[1:], cell.partials):
            assert line.endswith(f"= {shown(partial)}")


def test_a_rounded_value_is_written_with_an_approximately_equal_sign():
    scene = Scene(np.full((1, 1, 1), 1 / 3), (Kernel("W0", np.ones((1, 1, 1))),))
    last = ledger_text(StepTrace(scene).cell(0, 0, 0)).splitlines()[-1]
    assert "≈" in last and not last.rstrip("0123456789.").endswith("= ")


@pytest.fixture
def eq3_channel_trace():
    return StepTrace(builtin("seed-3.3"), Level.CHANNEL)


def test_at_the_step_for_channel_2_the_first_line_is_done_the_second_current_the_rest_pending(eq3_channel_trace):
    trace = eq3_channel_trace
    step = trace.step(trace.index_of(0, 0, 0, 1))
    assert (step.phase, step.channel) == (Phase.CHANNEL, 1)
    ledger = build_ledger(trace.cell_of(step), step)
    assert [(line.kind, line.state) for line in ledger.lines] == [
        ("channel", "done"),
        ("channel", "current"),
        ("channel", "pending"),
        ("bias", "pending"),
        ("total", "pending"),
    ]
    assert ledger.running.endswith("3 + 1 = 4")
    assert {t.state for t in ledger.lines[0].terms} == {"done"}
    assert {t.state for t in ledger.lines[2].terms} == {"pending"}


def test_at_the_bias_step_the_channels_are_done_and_the_total_pending(eq3_channel_trace):
    trace = eq3_channel_trace
    step = trace.step(trace.index_of(0, 0, 0, 3))
    ledger = build_ledger(trace.cell_of(step), step)
    assert [line.state for line in ledger.lines] == ["done", "done", "done", "current", "pending"]
    assert ledger.running.endswith("3 + 1 + 2 + 1 = 7")


def test_at_the_total_step_the_total_line_is_current(eq3_channel_trace):
    trace = eq3_channel_trace
    step = trace.step(trace.index_of(0, 0, 0, 4))
    ledger = build_ledger(trace.cell_of(step), step)
    assert [line.state for line in ledger.lines] == ["done", "done", "done", "done", "current"]
    assert ledger.text().splitlines()[1:] == EQ3_BODY


def test_at_multiply_level_the_current_product_is_marked_current():
    trace = StepTrace(builtin("seed-3.3"), Level.MULTIPLY)
    step = trace.step(trace.index_of(0, 0, 0, 9 + 5))  # channel 2, tap (1, 2)
    assert (step.phase, step.channel, step.tap) == (Phase.PRODUCT, 1, (1, 2))
    ledger = build_ledger(trace.cell_of(step), step)
    assert [line.state for line in ledger.lines] == ["done", "current", "pending", "pending", "pending"]
    states = [t.state for t in ledger.lines[1].terms]
    assert states[:6] == ["done"] * 5 + ["current"]
    assert not {"done", "current"} & set(states[6:])  # still to come
    current = ledger.lines[1].terms[5]
    assert (current.channel, current.tap, current.text) == (1, (1, 2), "0·0")
    # channel 1 is 3; channel 2's first six products add up to 0 so far
    assert ledger.running.endswith("3 + 0 = 3")


def test_ledger_terms_flag_products_that_read_padding():
    cell = StepTrace(builtin("cs231n-style")).cell(0, 0, 0)
    terms = build_ledger(cell).lines[0].terms
    assert [t.padding for t in terms] == [i == 0 or j == 0 for i in range(3) for j in range(3)]


def test_ledger_channel_lines_of_a_grouped_kernel_use_its_groups_channel_numbers():
    cell = StepTrace(grouped_scene()).cell(3, 0, 0)
    assert [line.label for line in build_ledger(cell).lines[:2]] == ["channel 3", "channel 4"]


# -- which output cells are known ------------------------------------------------------------


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("order", ORDERS)
def test_computed_mask_marks_finished_cells_and_the_current_one_at_its_total(order, level):
    scene = builtin("seed-3.4")
    trace = StepTrace(scene, level, order)
    oh, ow = trace.output_hw
    cells = cells_in_order(scene, order)
    per_cell = len(trace) // len(cells)
    for index in range(len(trace)):
        position, sub = divmod(index, per_cell)
        finished = position + 1 if sub == per_cell - 1 else position
        expected = np.zeros((oh, ow, len(scene.kernels)), dtype=bool)
        for k, r, c in cells[:finished]:
            expected[r, c, k] = True
        np.testing.assert_array_equal(trace.computed_mask(index), expected)
