"""The gather way of the stride-1 transposed convolution (core/tap_gather.py),
against the loop references, wherever it applies and in blocks of rows."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import InvalidRequest, conv_transpose2d_loop
from test_engine import conv_requests
from test_engine_ops import assert_scatter_is_exact, conv_transpose2d_add_at, ints, transposed_requests
from thoroughness import examples

from convviz.core import tap_gather
from convviz.core import transposed as transposed_module
from convviz.core.engine import conv_transpose2d
from convviz.core.transposed import fastest_way


def gather_where_it_applies(stride, groups, a, b, products):
    return "gather" if stride == (1, 1) and groups == 1 else "scatter"


@pytest.mark.parametrize("channel_first_max", [4, 0], ids=["channel-first", "by-tap"])
@settings(max_examples=examples(80), deadline=None)
@given(transposed=transposed_requests(), forward=conv_requests(), seed=st.integers(0, 2**32 - 1))
def test_the_gather_equals_the_loop_references(channel_first_max, transposed, forward, seed):
    """Forced wherever it applies (stride 1, one group), in both layouts, for
    the transposed convolution and for dX of every padding mode: crops larger
    than the kernel's reach, output_padding past the last patch, 1×1 inputs, dilation."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(transposed_module, "fastest_way", gather_where_it_applies)
        patch.setattr(tap_gather, "_CHANNEL_FIRST_MAX", channel_first_max)
        assert_scatter_is_exact(transposed, forward, seed)


# The gather's edge cases (shape, kernel shape, parameters), channel first
# (4 output channels or fewer); test_gather_plan runs them through its plans.
EDGE_CASES = [
    pytest.param((23, 19, 5), (3, 2, 5, 2), {"padding": (2, 1), "output_padding": (1, 0), "dilation": (2, 1)},
                 id="dilated-output-padding"),
    pytest.param((17, 21, 6), (3, 3, 6, 3), {"padding": (4, 0), "dilation": (1, 2)}, id="cropped"),  # past the kernel's reach
    pytest.param((1, 1, 4), (3, 3, 4, 1), {"padding": 0}, id="one-cell"),
    pytest.param((9, 30, 8), (1, 5, 8, 3), {"padding": (0, 3)}, id="one-row-kernel"),
]


@pytest.mark.parametrize("block_bytes", [1, 20_000, 10**9], ids=["one-row-blocks", "several-rows", "one-block"])
@pytest.mark.parametrize(
    "shape, kshape, params",
    [
        *EDGE_CASES,
        # From 5 output channels on, one product per tap (the others go channel first).
        pytest.param((23, 19, 5), (3, 2, 5, 6), {"padding": (2, 1), "output_padding": (1, 0), "dilation": (2, 1)}, id="by-tap"),
        pytest.param((17, 21, 6), (3, 3, 6, 9), {"padding": (4, 0), "dilation": (1, 2)}, id="by-tap-cropped"),
        pytest.param((1, 1, 4), (3, 3, 4, 5), {"padding": 0}, id="by-tap-one-cell"),
    ],
)
def test_the_gather_in_blocks_of_rows_matches_the_definition(block_bytes, shape, kshape, params):
    """The gather goes through the output in blocks of rows, each padded from
    the source rows it reads (a short last block, blocks wholly in the crop)."""
    rng = np.random.default_rng(shape[0])
    x, kernels, bias = ints(rng, shape), ints(rng, kshape), ints(rng, kshape[3])
    full = {"stride": 1, "padding": 0, "output_padding": 0, "dilation": 1, "groups": 1, **params}
    expected = conv_transpose2d_add_at(x, kernels, **full) + bias
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tap_gather, "_BLOCK_BYTES", block_bytes)
        patch.setattr(tap_gather, "_CHANNEL_FIRST_BLOCK_BYTES", block_bytes)
        patch.setattr(transposed_module, "fastest_way", gather_where_it_applies)
        np.testing.assert_array_equal(conv_transpose2d(x, kernels, bias, **params), expected)


def test_the_gather_is_the_way_at_stride_1_with_one_group_and_as_many_output_channels_or_fewer():
    """dX of a 3→8 convolution scatters 8 channels back to 3: the gather's case."""
    assert fastest_way((1, 1), 1, 8, 3, 10**6) == "gather"
    assert fastest_way((1, 1), 1, 16, 16, 10**8) == "gather"
    assert fastest_way((1, 1), 2, 8, 3, 10**6) != "gather"
    assert fastest_way((2, 2), 1, 8, 3, 10**6) != "gather"


@settings(max_examples=examples(120), deadline=None)
@given(transposed=transposed_requests())
def test_the_phase_gather_equals_the_loop_reference(transposed):
    """Forced for every request with one group: any stride, dilation (phases
    that no tap reaches), crops, output_padding, 1×1 inputs."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(transposed_module, "fastest_way", lambda *shapes: "phases")
        patch.setattr(transposed_module, "_PHASE_GATHER_MIN_CHANNELS", 1)
        try:
            expected = conv_transpose2d_loop(**transposed)
        except InvalidRequest:
            return
        assert np.array_equal(conv_transpose2d(**transposed), expected)


@pytest.mark.parametrize(
    "shape, kshape, params",
    [
        ((28, 28, 16), (3, 3, 16, 16), {"stride": 2, "padding": 1, "output_padding": 1}),
        ((9, 7, 16), (3, 4, 16, 5), {"stride": (2, 3), "padding": (1, 2), "dilation": (2, 1), "output_padding": 1}),
        ((6, 6, 16), (3, 3, 16, 2), {"stride": 2, "dilation": 2}),  # two of the four phases get no tap
        ((5, 8, 17), (5, 3, 17, 3), {"stride": 3, "padding": (4, 1)}),  # crops past a phase's taps
    ],
    ids=["upsampling", "mixed", "untouched-phases", "cropped"],
)
def test_the_phase_gather_for_16_source_channels_matches_the_definition(shape, kshape, params):
    rng = np.random.default_rng(shape[1])
    x, kernels, bias = ints(rng, shape), ints(rng, kshape), ints(rng, kshape[3])
    full = {"stride": 1, "padding": 0, "output_padding": 0, "dilation": 1, "groups": 1, **params}
    expected = conv_transpose2d_add_at(x, kernels, **full) + bias
    np.testing.assert_array_equal(conv_transpose2d(x, kernels, bias, **params), expected)


@pytest.mark.parametrize("channel_first_max", [4, 0], ids=["channel-first", "by-tap"])
@pytest.mark.parametrize("out_size", [(6, 7), (70, 70)], ids=["planned", "in-blocks"])
def test_the_gather_never_sums_memory_it_did_not_write(monkeypatch, channel_first_max, out_size):
    """Fresh memory can hold anything (np.empty's, the reused buffers'):
    the cells the shifted sum reads past the products (and drops) must be
    numbers, or a signalling NaN there warns "invalid value" in the sum (an
    error in tests; it failed the backward-mode tests now and then)."""
    from convviz.core import forward

    def garbage_empty(shape, dtype=float, order="C", **kwargs):
        memory = np.zeros(shape, dtype=dtype, order=order)
        if memory.dtype == np.float64:
            memory.view(np.uint64)[...] = 0x7FF0000000000001  # a signalling NaN
        return memory

    monkeypatch.setattr(np, "empty", garbage_empty)
    monkeypatch.setattr(tap_gather, "_CHANNEL_FIRST_MAX", channel_first_max)
    monkeypatch.setattr(transposed_module, "fastest_way", gather_where_it_applies)
    forward._workspace.__dict__.clear()  # the reused buffers made anew, of NaN
    tap_gather._plans.__dict__.clear()
    rng = np.random.default_rng(5)
    h, w = out_size[0] - 2, out_size[1] - 2
    x, k = rng.normal(size=(h, w, 2)), rng.normal(size=(3, 3, 2, 3))
    out = conv_transpose2d(x, k)
    assert out.shape == (*out_size, 3)
    assert np.allclose(out, conv_transpose2d_loop(x, k))
