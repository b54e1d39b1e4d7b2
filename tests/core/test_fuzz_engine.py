"""Fuzzing the engine and the step trace with degenerate shapes.

1×1 inputs, 1×N kernels, dilation or stride larger than the input,
groups = C = K, K = 1: every request is either computed exactly (checked
against the plain-loop reference) or refused with a ConvError, and every
step of a valid trace can be shown and adds up to the engine's value.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reference import InvalidRequest, conv2d_loop
from thoroughness import examples

from convviz.core.engine import conv2d
from convviz.core.errors import ConvError
from convviz.core.focus import focus_at
from convviz.core.numbers import format_number
from convviz.core.scene import ConvParams, Kernel, Scene
from convviz.core.trace import Level, Order, StepTrace

small = st.integers(1, 4)
degenerate = st.sampled_from([1, 1, 2, 7, 9])  # sizes that tend to break things


@st.composite
def requests(draw):
    H, W = draw(st.one_of(small, degenerate)), draw(st.one_of(small, degenerate))
    groups = draw(st.sampled_from([1, 1, 2, 3]))
    C = groups * draw(st.integers(1, 2))
    K = groups * draw(st.integers(1, 2))
    kh, kw = draw(st.sampled_from([1, 1, 2, 3])), draw(st.sampled_from([1, 2, 3, 5]))
    x = draw(st.integers(0, 2**31 - 1).map(lambda seed: np.random.default_rng(seed).integers(-3, 4, (H, W, C)).astype(float)))
    w = np.random.default_rng(H * 31 + W).integers(-2, 3, (kh, kw, C // groups, K)).astype(float)
    b = np.arange(K, dtype=float) - 1
    params = {
        "stride": draw(st.sampled_from([1, 2, (1, 3), 8, (9, 1)])),
        "dilation": draw(st.sampled_from([1, 2, (3, 1), 8])),
        "padding": draw(st.sampled_from([0, 1, (2, 0), "same", "valid", 6])),
        "padding_mode": draw(st.sampled_from(["zeros", "reflect", "replicate", "circular"])),
        "groups": groups,
    }
    return x, w, b, params


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests())
def test_degenerate_requests_are_exact_or_refused(request):
    x, w, b, params = request
    try:
        expected = conv2d_loop(x, w, b, **params)
    except InvalidRequest:
        expected = None
    try:
        got = conv2d(x, w, b, **params)
    except ConvError:
        assert expected is None, f"the engine refused a valid request {params}"
        return
    assert expected is not None, f"the engine accepted an invalid request {params}"
    assert np.array_equal(got, expected)


@settings(max_examples=examples(120), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests(), st.sampled_from(list(Level)), st.sampled_from(list(Order)))
def test_every_step_of_a_valid_trace_shows_and_adds_up(request, level, order):
    x, w, b, params = request
    kernels = tuple(Kernel(f"W{k}", w[..., k], b[k]) for k in range(w.shape[3]))
    scene = Scene(x, kernels, ConvParams(**params))
    try:
        maps = scene.feature_maps()
    except ConvError:
        return
    trace = StepTrace(scene, level, order)
    assert len(trace) == maps.size * trace.steps_per_cell
    # Every step if the trace is short, else a spread of them.
    indices = range(len(trace)) if len(trace) <= 200 else np.linspace(0, len(trace) - 1, 200).astype(int)
    for index in indices:
        focus = focus_at(trace, int(index))
        k, (r, c) = focus.kernel, focus.output_cell
        assert focus.cell.value == maps[r, c, k]
        # Integer data: the ledger's last line ends with "= value", exactly.
        assert focus.ledger.lines[-1].result.endswith(f"= {format_number(maps[r, c, k])}")
        assert len(focus.taps) == trace.kernel_hw[0] * trace.kernel_hw[1]
