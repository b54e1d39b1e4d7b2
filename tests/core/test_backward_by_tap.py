"""The kernel gradient tap by tap (stride 1, one group, 8+ input channels),
against the chain-rule loop and a window sum, in blocks of rows."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import conv2d_backward_loop, pair, resolve_pads
from test_engine import conv_requests
from test_engine_ops import grad_output_for, ints, padded_by_reference
from thoroughness import examples

from convviz.core import backward as backward_module
from convviz.core import forward as forward_module
from convviz.core.engine import conv2d_backward


@settings(max_examples=examples(80), deadline=None)
@given(forward=conv_requests(), seed=st.integers(0, 2**32 - 1))
def test_the_kernel_gradient_by_tap_equals_the_chain_rule_loop(forward, seed):
    """Forced for every channel count: every padding mode, "same" and
    "valid", dilation, 1×1 inputs; strides and groups keep the unfolded blocks."""
    del forward["bias"]
    dy = grad_output_for(forward, seed)
    if dy is None:
        return
    expected = conv2d_backward_loop(**forward, grad_output=dy)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(backward_module, "_BY_TAP_MIN_CHANNELS", 1)
        got = conv2d_backward(**forward, grad_output=dy)
    for g, e in zip(got, expected, strict=True):
        assert np.array_equal(g, e)


@pytest.mark.parametrize("block_bytes", [1, 30_000, 10**9], ids=["one-row-blocks", "several-rows", "one-block"])
@pytest.mark.parametrize(
    "shape, kshape, params",
    [
        ((37, 29, 8), (3, 3, 8, 5), {"padding": 1}),
        ((31, 23, 9), (3, 2, 9, 4), {"padding": "same", "dilation": (2, 3), "padding_mode": "reflect"}),
        ((26, 33, 8), (2, 4, 8, 3), {"padding": (0, 2), "padding_mode": "circular"}),
    ],
    ids=["zeros", "reflect-same-dilated", "circular"],
)
def test_the_kernel_gradient_by_tap_in_blocks_of_rows_matches_a_window_sum(block_bytes, shape, kshape, params):
    rng = np.random.default_rng(shape[0])
    x, kernels = ints(rng, shape), ints(rng, kshape)
    mode = params.get("padding_mode", "zeros")
    kh, kw = kshape[:2]
    dh, dw = pair(params.get("dilation", 1))
    pads = resolve_pads(x.shape[:2], (kh, kw), 1, params["padding"], (dh, dw), mode)
    padded = padded_by_reference(x, pads, mode)
    oh, ow = padded.shape[0] - dh * (kh - 1), padded.shape[1] - dw * (kw - 1)
    dy = ints(rng, (oh, ow, kshape[3]))
    expected = np.zeros(kshape)
    for i in range(kh):
        for j in range(kw):
            window = padded[i * dh : i * dh + oh, j * dw : j * dw + ow]
            expected[i, j] = np.einsum("rsc,rsk->ck", window, dy)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(forward_module, "_BLOCK_BYTES", block_bytes)
        _, grad_kernels, grad_bias = conv2d_backward(x, kernels, dy, **params)
    np.testing.assert_array_equal(grad_kernels, expected)
    np.testing.assert_array_equal(grad_bias, dy.sum(axis=(0, 1)))
