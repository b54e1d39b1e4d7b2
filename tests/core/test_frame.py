"""The frame model: what a step shows, without Qt."""

from __future__ import annotations

import numpy as np
import pytest

from convviz.core.catalogue import resolve_scene
from convviz.core.frame import (
    CaptionState,
    CellRole,
    FrameOptions,
    GridKind,
    MapScale,
    input_levels,
    map_limits,
)
from convviz.core.frames import frame_at
from convviz.core.numbers import MINUS, number_forms, parse_number
from convviz.core.trace import StepTrace


def test_per_channel_steps_of_seed_3_3_show_3_4_6_then_7_in_output_0_0():
    scene = resolve_scene("seed-3.3")
    trace = StepTrace(scene, "channel")
    shown = []
    for index in range(5):
        out = frame_at(scene, trace, index).outputs[0]
        shown.append((out.value(0, 0), out.role(0, 0)))
    assert shown == [(3.0, CellRole.PENDING), (4.0, CellRole.PENDING), (6.0, CellRole.PENDING),
                     (7.0, CellRole.PENDING), (7.0, CellRole.CURRENT)]  # fmt: skip


def test_multiply_steps_add_the_products_one_by_one():
    scene = resolve_scene("seed-3.3")
    trace = StepTrace(scene, "multiply")
    cell = trace.cell(0, 0, 0)
    running = [frame_at(scene, trace, i).outputs[0].pending_value for i in range(27)]
    assert running == pytest.approx(np.cumsum(cell.products.ravel()))


def test_reveal_hides_the_cells_still_to_come_but_not_the_one_being_computed():
    scene = resolve_scene("seed-3.3")
    trace = StepTrace(scene, "channel")
    out = frame_at(scene, trace, 6, FrameOptions(reveal=True)).outputs[0]  # (0, 1), channel 2
    assert out.role(0, 0) is CellRole.NORMAL and out.value(0, 0) == 7.0
    assert out.role(0, 1) is CellRole.PENDING
    assert out.role(0, 2) is CellRole.HIDDEN and out.value(0, 2) is None


def test_only_the_channel_being_summed_is_lit_and_its_kernel_channel_matches():
    scene = resolve_scene("seed-3.4")
    frame = frame_at(scene, StepTrace(scene, "channel"), 1)  # W0 (0, 0), channel 2
    assert [g.caption_state for g in frame.inputs] == [CaptionState.DIMMED, CaptionState.CURRENT, CaptionState.DIMMED]
    assert [g.caption_state for g in frame.kernels[0]] == [CaptionState.DIMMED, CaptionState.CURRENT, CaptionState.DIMMED]
    assert [g.caption for g in frame.inputs] == [g.caption for g in frame.kernels[0]] == ["channel 1", "channel 2", "channel 3"]
    assert [g.colour for g in frame.inputs] == [g.colour for g in frame.kernels[0]] == [0, 1, 2]
    assert all(g.dimmed for g in frame.kernels[1]) and frame.biases[1].dimmed
    assert frame.ledger.lines[1].channel == 1


def test_with_groups_a_kernel_channel_takes_the_identity_of_the_input_channel_it_reads():
    scene = resolve_scene("seed-3.4")
    from dataclasses import replace

    from convviz.core.scene import ConvParams, Kernel

    grouped = replace(scene, kernels=tuple(Kernel(k.name, k.weights[:, :, :1], k.bias) for k in scene.kernels) + (
        Kernel("W2", np.ones((3, 3, 1))),), params=ConvParams(groups=3))  # fmt: skip
    frame = frame_at(grouped, StepTrace(grouped, "cell"), 9 * 2)  # the first step of W2
    assert frame.kernels[2][0].colour == 2 and frame.kernels[2][0].caption == "channel 3"
    assert [g.caption_state for g in frame.inputs][:2] == [CaptionState.DIMMED, CaptionState.DIMMED]


def test_padding_cells_show_what_they_copy_and_have_the_padding_role():
    scene = resolve_scene("cs231n-style")
    frame = frame_at(scene, StepTrace(scene, "cell"), 0)
    grid = frame.inputs[0]
    assert grid.kind is GridKind.INPUT and grid.padding == (1, 1, 1, 1)
    assert grid.value(0, 0) == 0.0
    assert grid.role(0, 0) is CellRole.TAPPED  # the first window covers the corner
    assert grid.role(0, 6) is CellRole.PADDING


def test_map_scales_are_shared_or_each_its_own():
    maps = np.zeros((2, 2, 2))
    maps[0, 0, 0], maps[0, 0, 1] = 13.0, -0.4
    assert map_limits(maps, MapScale.SHARED) == [20.0, 20.0]
    assert map_limits(maps, MapScale.OWN) == [20.0, 0.5]


def test_input_grey_levels_are_fixed_for_images_and_span_other_values():
    assert input_levels(np.array([[0.2, 0.9]])) == (0.0, 1.0)
    assert input_levels(np.array([[3.0, 200.0]])) == (0.0, 255.0)
    assert input_levels(np.array([[-4.0, 300.0]])) == (-4.0, 300.0)


# -- numbers in cells ---------------------------------------------------------------------

CORPUS = (-0.333, 1.667, 0.037, 233.686, -1234567.0, 1e-7, -0.0, 1e300, -1e300, 7.0, -2.0, 0.5, -12.25)


@pytest.mark.parametrize("value", CORPUS)
def test_every_form_of_a_number_is_a_correct_rounding_that_keeps_its_sign(value):
    for form in number_forms(value):
        shown = parse_number(form.text)
        assert abs(shown - value) <= form.tolerance * (1 + 1e-9) + abs(value) * 1e-15
        assert form.text.startswith(MINUS) == (value < 0)
        assert form.text != MINUS + "0"


def test_a_deep_ledger_sums_up_its_earlier_channels_from_its_numbers():
    from convviz.core.ledger import build_ledger, windowed_ledger
    from convviz.core.scene import Kernel, Scene

    rng = np.random.default_rng(2)
    scene = Scene(rng.integers(-3, 4, (4, 4, 6)).astype(float), (Kernel("W0", rng.integers(-2, 3, (3, 3, 6)).astype(float), 1.0),))
    trace = StepTrace(scene, "channel")
    cell = trace.cell(0, 0, 0)
    p = [float(v) for v in cell.partials]
    # At the first channel nothing is summed up yet: the first lines show.
    first = windowed_ledger(build_ledger(cell, trace.step(0)), 0, 3)
    assert [line.kind for line in first.lines] == ["channel"] * 3 + ["bias", "total"]
    # At the last channel the first three are summed up, with the same arithmetic.
    last = windowed_ledger(build_ledger(cell, trace.step(5)), 5, 3)
    assert last.lines[0].kind == "summary" and last.lines[0].label == "channels 1–3"
    assert [line.label for line in last.lines[1:4]] == ["channel 4", "channel 5", "channel 6"]
    assert last.running.endswith(f"= {cell.value - 1:g}".replace("-", "\u2212"))
    total = last.lines[-1].result
    assert total.endswith(f"= {cell.value:g}".replace("-", "\u2212"))
    assert total.count(" + ") == 4  # the sum of 1–3, channels 4–6, the bias
    assert sum(p[:3]) == pytest.approx(float(last.lines[0].result.split()[-1].replace("\u2212", "-")))


def test_a_ledger_summing_up_one_channel_line_names_that_channel():
    from convviz.core.ledger import build_ledger, windowed_ledger
    from convviz.core.scene import Kernel, Scene

    rng = np.random.default_rng(3)
    scene = Scene(rng.integers(-3, 4, (4, 4, 3)).astype(float), (Kernel("W0", rng.integers(-2, 3, (3, 3, 3)).astype(float)),))
    trace = StepTrace(scene, "channel")
    cell = trace.cell(0, 0, 0)
    # At channel 2 with one line kept, channel 1 alone is summed up.
    ledger = windowed_ledger(build_ledger(cell, trace.step(1)), 1, 1)
    assert ledger.lines[0].kind == "summary" and ledger.lines[0].label == "channel 1"
    assert float(ledger.lines[0].result.split()[-1].replace("\u2212", "-")) == pytest.approx(float(cell.partials[0]))
    assert [line.label for line in ledger.lines[1:2]] == ["channel 2"]
