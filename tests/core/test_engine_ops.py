"""im2col, partial maps, the transposed convolution and the backward pass:
against plain-loop references of their definitions, each other, PyTorch, and bad input."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.lib.stride_tricks import sliding_window_view
from reference import (
    InvalidRequest,
    conv2d_backward_loop,
    conv2d_loop,
    conv2d_partials_loop,
    conv_transpose2d_loop,
    pair,
    resolve_pads,
    source_index,
    unfold_loop,
)
from test_engine import SEED_CASES, _either, assert_mentions, case_arrays, conv_requests
from thoroughness import examples

from convviz.core import transposed as transposed_module
from convviz.core import unfold as unfold_module
from convviz.core.catalogue import find_builtin
from convviz.core.engine import (
    ConvError,
    conv2d,
    conv2d_backward,
    conv_transpose2d,
    im2col_product,
    output_shape,
    partial_maps,
    transposed_output_shape,
    unfold,
    weight_matrix,
)
from convviz.core.subpixel import phase_convolution

GEOMETRY_KEYS = ("stride", "padding", "dilation", "padding_mode")


def geometry_of(req: dict) -> dict:
    return {k: req[k] for k in GEOMETRY_KEYS}


def ints(rng: np.random.Generator, shape) -> np.ndarray:
    return rng.integers(-4, 5, shape).astype(np.float64)


def grad_output_for(forward: dict, seed: int) -> np.ndarray | None:
    """A random integer dY the shape of ``forward``'s output (a request
    without its bias); None where the request is impossible."""
    try:
        oh, ow, K = conv2d_loop(**forward).shape
    except InvalidRequest:
        return None
    return ints(np.random.default_rng(seed), (oh, ow, K))


# -- im2col ----------------------------------------------------------------------------


@settings(max_examples=examples(80), deadline=None)
@given(conv_requests())
def test_unfold_equals_the_loop_reference_or_refuses_what_pytorch_refuses(req):
    kernel_hw = req["kernels"].shape[:2]
    try:
        expected = unfold_loop(req["x"], kernel_hw, **geometry_of(req))
    except InvalidRequest:
        with pytest.raises(ConvError):
            unfold(req["x"], kernel_hw, **geometry_of(req))
        return
    got = unfold(req["x"], kernel_hw, **geometry_of(req))
    assert got.shape == expected.shape and got.dtype == np.float64
    assert np.array_equal(got, expected)


@settings(max_examples=examples(80), deadline=None)
@given(conv_requests())
def test_w_times_u_plus_b_is_conv2d_per_group_and_block_diagonal(req):
    try:
        expected = conv2d_loop(**req)
    except InvalidRequest:
        return
    kernels, groups = req["kernels"], req["groups"]
    U = unfold(req["x"], kernels.shape[:2], **geometry_of(req))
    W = weight_matrix(kernels, groups)
    assert W.shape == (kernels.shape[3], np.prod(kernels.shape[:3]))
    got = im2col_product(U, W, req["bias"], output_hw=expected.shape[:2], groups=groups)
    assert np.array_equal(got, expected)
    # One product with the block-diagonal matrix is the same convolution.
    full = weight_matrix(kernels, groups, block_diagonal=True)
    bias = np.zeros(kernels.shape[3]) if req["bias"] is None else req["bias"]
    flat = (full @ U + bias[:, None]).T.reshape(expected.shape)
    assert np.array_equal(flat, expected)


def test_weight_matrix_rows_follow_channel_then_kernel_row_then_column():
    kernels = np.arange(2 * 3 * 2 * 4, dtype=float).reshape(2, 3, 2, 4)  # (kh, kw, c, K)
    W = weight_matrix(kernels, 2)
    for k in range(4):
        for c in range(2):
            for i in range(2):
                for j in range(3):
                    assert W[k, (c * 2 + i) * 3 + j] == kernels[i, j, c, k]
    full = weight_matrix(kernels, 2, block_diagonal=True)
    assert full.shape == (4, 24)
    assert np.array_equal(full[:2, :12], W[:2]) and not full[:2, 12:].any()
    assert np.array_equal(full[2:, 12:], W[2:]) and not full[2:, :12].any()


def test_seed_eq3_as_one_column_of_u_times_the_row_of_w0():
    x, kernels, bias, _ = case_arrays(SEED_CASES["seed-3.3"])
    U = unfold(x, kernels.shape[:2])
    # Column 0 is the top-left window of the three channels, one after another.
    np.testing.assert_array_equal(U[:, 0], x[:3, :3].transpose(2, 0, 1).ravel())
    W = weight_matrix(kernels)
    per_channel = (W[0] * U[:, 0]).reshape(3, 9).sum(axis=1)
    assert per_channel.tolist() == [3.0, 1.0, 2.0]
    assert im2col_product(U, W, bias, output_hw=(3, 3))[0, 0, 0] == 7.0


def test_a_u_larger_than_the_limit_is_refused_with_its_size(monkeypatch):
    monkeypatch.setattr(unfold_module, "MAX_UNFOLD_VALUES", 1000)
    with pytest.raises(ConvError) as info:
        unfold(np.ones((20, 20, 3)), (3, 3))
    assert_mentions(str(info.value), 27, 324, "8,748", "1,000")


def test_im2col_product_of_mismatched_matrices_names_their_shapes():
    with pytest.raises(ConvError) as info:
        im2col_product(np.ones((18, 9)), np.ones((2, 9)), output_hw=(3, 3))
    assert_mentions(str(info.value), 18, 9, 2, 3)
    with pytest.raises(ConvError) as info:
        im2col_product(np.ones((9, 9)), np.ones((3, 9)), output_hw=(3, 3), groups=2)
    assert_mentions(str(info.value), "groups", 2, 3)
    with pytest.raises(ConvError):
        im2col_product(np.ones((9, 9)), np.ones((2, 9)), [1.0], output_hw=(3, 3))


# -- partial maps -------------------------------------------------------------------------


@settings(max_examples=examples(60), deadline=None)
@given(conv_requests(), st.data())
def test_partial_maps_match_the_loop_and_add_up_with_the_bias_to_conv2d(req, data):
    try:
        expected = conv2d_partials_loop(**req)  # (oh, ow, K, c)
    except InvalidRequest:
        with pytest.raises(ConvError):
            partial_maps(**req, kernel=0)
        return
    k = data.draw(st.integers(0, req["kernels"].shape[3] - 1))
    maps = partial_maps(**req, kernel=k)
    assert maps.shape == (expected.shape[3], *expected.shape[:2])
    assert np.array_equal(maps, expected[:, :, k, :].transpose(2, 0, 1))
    bias = 0.0 if req["bias"] is None else req["bias"][k]
    assert np.array_equal(maps.sum(axis=0) + bias, conv2d(**req)[:, :, k])


def test_seed_eq3_as_whole_partial_maps():
    x, kernels, bias, params = case_arrays(SEED_CASES["seed-3.3"])
    maps = partial_maps(x, kernels, bias, kernel=0, **params)
    assert maps.shape == (3, 3, 3)
    assert maps[:, 0, 0].tolist() == [3.0, 1.0, 2.0]
    np.testing.assert_array_equal(maps.sum(axis=0) + 1, np.array(SEED_CASES["seed-3.3"]["expected_output"])[:, :, 0])


@pytest.mark.parametrize("mode", ["zeros", "reflect", "replicate", "circular"])
def test_only_the_kernels_group_reaches_its_partial_maps(mode):
    rng = np.random.default_rng(5)
    x, kernels = ints(rng, (5, 6, 4)), ints(rng, (3, 3, 2, 4))
    loud = x.copy()
    loud[:, :, 2:] = 1000.0  # group 1's channels: kernels 0 and 1 must not see them
    for k in (0, 1):
        a = partial_maps(x, kernels, kernel=k, groups=2, padding=1, padding_mode=mode)
        b = partial_maps(loud, kernels, kernel=k, groups=2, padding=1, padding_mode=mode)
        assert np.array_equal(a, b)
    assert not np.array_equal(
        partial_maps(x, kernels, kernel=2, groups=2, padding=1, padding_mode=mode),
        partial_maps(loud, kernels, kernel=2, groups=2, padding=1, padding_mode=mode),
    )


@pytest.mark.parametrize("kernel", [2, -1, 1.0, True, "0"])
def test_a_kernel_that_does_not_exist_is_refused(kernel):
    with pytest.raises(ConvError) as info:
        partial_maps(np.ones((4, 4, 1)), np.ones((2, 2, 1, 2)), kernel=kernel)
    assert_mentions(str(info.value), "kernel", "0..1")


# -- the transposed convolution ----------------------------------------------------------


@st.composite
def transposed_requests(draw) -> dict:
    """Random small integer-valued requests, about one in five impossible."""
    groups = draw(st.integers(1, 3))
    C = groups * draw(st.integers(1, 3 // groups))
    K = groups * draw(st.integers(1, 3 // groups))
    H, W = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    small = st.integers(-4, 4)
    pair_of = lambda lo, hi: st.one_of(st.integers(lo, hi), st.tuples(st.integers(lo, hi), st.integers(lo, hi)))
    return {
        "x": draw(hnp.arrays(np.int64, (H, W, C), elements=small)).astype(np.float64),
        "kernels": draw(hnp.arrays(np.int64, (kh, kw, C // groups, K), elements=small)).astype(np.float64),
        "bias": draw(st.one_of(st.none(), hnp.arrays(np.int64, (K,), elements=small).map(lambda b: b.astype(float)))),
        "stride": draw(pair_of(1, 3)),
        "padding": draw(pair_of(0, 3)),
        "output_padding": draw(pair_of(0, 2)),
        "dilation": draw(pair_of(1, 3)),
        "groups": groups,
    }


@settings(max_examples=examples(120), deadline=None)
@given(transposed_requests())
def test_conv_transpose2d_equals_the_loop_reference_or_refuses_what_pytorch_refuses(req):
    try:
        expected = conv_transpose2d_loop(**req)
    except InvalidRequest:
        with pytest.raises(ConvError):
            conv_transpose2d(**req)
        return
    got = conv_transpose2d(**req)
    assert got.shape == expected.shape and got.dtype == np.float64
    assert np.array_equal(got, expected)
    shape_args = {k: req[k] for k in ("stride", "padding", "output_padding", "dilation")}
    assert transposed_output_shape(req["x"].shape[:2], req["kernels"].shape[:2], **shape_args) == got.shape[:2]


def swapped_kernels(kernels: np.ndarray, groups: int) -> np.ndarray:
    """The conv2d kernels that take K channels back to C: ``wc[i, j, k', g·Cg + c] = kernels[i, j, c, g·Kg + k']``."""
    kh, kw, Cg, K = kernels.shape
    Kg = K // groups
    return kernels.reshape(kh, kw, Cg, groups, Kg).transpose(0, 1, 4, 3, 2).reshape(kh, kw, Kg, groups * Cg)


@settings(max_examples=examples(80), deadline=None)
@given(transposed_requests(), st.integers(0, 2**32 - 1))
def test_conv_transpose2d_is_the_adjoint_of_conv2d(req, seed):
    try:
        y = conv_transpose2d(**{**req, "bias": None})
    except ConvError:
        return
    x, kernels, groups = req["x"], req["kernels"], req["groups"]
    z = ints(np.random.default_rng(seed), y.shape)
    back = conv2d(z, swapped_kernels(kernels, groups), stride=req["stride"], padding=req["padding"],
                  dilation=req["dilation"], groups=groups)  # fmt: skip
    # output_padding may give conv2d rows past x's; they pair with nothing.
    H, W = x.shape[:2]
    assert back.shape[0] >= H and back.shape[1] >= W
    assert np.sum(back[:H, :W] * x) == np.sum(z * y)


def conv_transpose2d_add_at(x, kernels, stride, padding, output_padding, dilation, groups) -> np.ndarray:
    """The definition with np.add.at, one kernel tap at a time: slow but no blocks or phases."""
    H, W, _ = x.shape
    kh, kw, cg, K = kernels.shape
    (sh, sw), (ph, pw), (oph, opw), (dh, dw) = pair(stride), pair(padding), pair(output_padding), pair(dilation)
    oh = (H - 1) * sh - 2 * ph + dh * (kh - 1) + oph + 1
    ow = (W - 1) * sw - 2 * pw + dw * (kw - 1) + opw + 1
    y = np.zeros((oh, ow, K))
    kg = K // groups
    iy, ix = np.meshgrid(np.arange(H), np.arange(W), indexing="ij")
    for i in range(kh):
        for j in range(kw):
            r, c = iy * sh - ph + i * dh, ix * sw - pw + j * dw
            inside = (r >= 0) & (r < oh) & (c >= 0) & (c < ow)
            for g in range(groups):
                values = x[:, :, g * cg : (g + 1) * cg] @ kernels[i, j, :, g * kg : (g + 1) * kg]
                np.add.at(y[:, :, g * kg : (g + 1) * kg], (r[inside], c[inside]), values[inside])
    return y


@pytest.mark.parametrize(
    "shape, kshape, params",
    [
        ((150, 170, 4), (3, 4, 2, 6), {"stride": (2, 3), "padding": (1, 2), "output_padding": (1, 0), "dilation": (2, 1), "groups": 2}),
        ((200, 120, 3), (3, 3, 3, 8), {"stride": 1, "padding": 1}),  # the gather, in several blocks
        ((200, 220, 16), (3, 3, 16, 3), {"stride": 1, "padding": 0}),  # the scatter, in several blocks
        ((90, 80, 6), (2, 3, 1, 6), {"stride": (3, 2), "dilation": (2, 3), "groups": 6}),  # depthwise
    ],
    ids=["strided-grouped", "gather", "scatter", "depthwise"],
)
def test_large_transposed_convolutions_match_the_definition(shape, kshape, params):
    rng = np.random.default_rng(len(shape) + kshape[3])
    x, kernels, bias = ints(rng, shape), ints(rng, kshape), ints(rng, kshape[3])
    full = {"stride": 1, "padding": 0, "output_padding": 0, "dilation": 1, "groups": 1, **params}
    expected = conv_transpose2d_add_at(x, kernels, **full) + bias
    np.testing.assert_array_equal(conv_transpose2d(x, kernels, bias, **params), expected)


def test_transposed_2x2_stride_2_lays_one_scaled_kernel_per_input_cell():
    scene = find_builtin("transposed-2x2-s2").item
    y = scene.feature_maps()[:, :, 0]
    x, w = scene.input[:, :, 0], scene.kernels[0].weights[:, :, 0]
    assert y.shape == (6, 6)
    for iy in range(3):
        for ix in range(3):
            np.testing.assert_array_equal(y[2 * iy : 2 * iy + 2, 2 * ix : 2 * ix + 2], x[iy, ix] * w)


def test_seed_3_1_adjoint_takes_the_seeds_map_back_to_the_inputs_shape():
    scene = find_builtin("seed-3.1-adjoint").item
    seed = find_builtin("seed-3.1").item
    np.testing.assert_array_equal(scene.input, seed.feature_maps())
    np.testing.assert_array_equal(scene.kernel_stack, seed.kernel_stack)
    y = scene.feature_maps()
    assert y.shape == seed.input.shape == (5, 5, 1)
    # It is seed-3.1's input gradient for dY = its output, and the loop agrees.
    grad_input, _, _ = conv2d_backward(seed.input, seed.kernel_stack, seed.feature_maps())
    np.testing.assert_array_equal(y, grad_input)
    np.testing.assert_array_equal(y, conv_transpose2d_loop(scene.input, scene.kernel_stack))
    assert y[2, 2, 0] == 1.0  # 2·1 + (−2)·1 + 3·1 + (−2)·1 by hand


def transposed_error(**kwargs) -> str:
    args = {"x": np.ones((3, 3, 2)), "kernels": np.ones((3, 3, 2, 2))}
    with pytest.raises(ConvError) as info:
        conv_transpose2d(**{**args, **kwargs})
    assert isinstance(info.value, ValueError)
    return str(info.value)


def test_output_padding_not_smaller_than_stride_or_dilation_is_refused():
    msg = transposed_error(stride=2, output_padding=(0, 2))
    assert_mentions(msg, "output_padding", 2, "stride", "dilation", 1)
    msg = transposed_error(stride=(3, 1), dilation=(1, 2), output_padding=(1, 2))
    assert_mentions(msg, "output_padding", 2, "columns")
    conv_transpose2d(np.ones((3, 3, 1)), np.ones((2, 2, 1, 1)), dilation=3, output_padding=2)  # smaller than dilation


def test_groups_that_do_not_divide_c_or_k_are_refused():
    assert_mentions(transposed_error(x=np.ones((3, 3, 3)), kernels=np.ones((2, 2, 1, 2)), groups=2), "groups", 2, 3)
    assert_mentions(transposed_error(x=np.ones((3, 3, 4)), kernels=np.ones((2, 2, 2, 3)), groups=2), "groups", 2, 3)


def test_padding_that_leaves_no_output_is_refused_with_the_formula():
    # (1 − 1)·1 − 2·1 + 1·(1 − 1) + 0 + 1 = −1
    msg = transposed_error(x=np.ones((1, 4, 1)), kernels=np.ones((1, 1, 1, 1)), padding=1)
    assert_mentions(msg, "padding", "1×1", -1, "at least 1×1")


@pytest.mark.parametrize("mode", ["reflect", "replicate", "circular"])
def test_only_zeros_padding_is_allowed(mode):
    assert_mentions(transposed_error(padding_mode=mode), "zeros", mode)


@pytest.mark.parametrize("padding", ["same", "valid"])
def test_same_and_valid_are_not_transposed_paddings(padding):
    assert_mentions(transposed_error(padding=padding), "padding", padding)


def test_a_huge_stride_is_refused_not_allocated():
    assert_mentions(transposed_error(x=np.ones((4000, 4000, 1)), kernels=np.ones((1, 1, 1, 1)), stride=1000), "cells")


# -- the backward pass --------------------------------------------------------------------


@settings(max_examples=examples(80), deadline=None)
@given(conv_requests(), st.integers(0, 2**32 - 1))
def test_conv2d_backward_equals_the_chain_rule_loop(req, seed):
    del req["bias"]
    try:
        oh, ow, K = conv2d_loop(**req).shape
    except InvalidRequest:
        with pytest.raises(ConvError):
            conv2d_backward(**req, grad_output=np.ones((1, 1, req["kernels"].shape[3])))
        return
    dy = ints(np.random.default_rng(seed), (oh, ow, K))
    expected = conv2d_backward_loop(**req, grad_output=dy)
    got = conv2d_backward(**req, grad_output=dy)
    for name, a, b in zip(("grad_input", "grad_kernels", "grad_bias"), got, expected):
        assert a.shape == b.shape and a.dtype == np.float64, name
        assert np.array_equal(a, b), name


def test_replicated_edges_send_every_copys_gradient_back():
    # Row [a, b, c] padded (0, 2) replicate reads [a, a, a, b, c, c, c]: a and c
    # are read three times, b once.
    grad_input, grad_kernels, grad_bias = conv2d_backward(
        np.array([[[1.0], [2.0], [3.0]]]), np.ones((1, 1, 1, 1)), np.ones((1, 7, 1)), padding=(0, 2),
        padding_mode="replicate",
    )  # fmt: skip
    assert grad_input[0, :, 0].tolist() == [3.0, 1.0, 3.0]
    assert grad_kernels.ravel().tolist() == [1 + 1 + 1 + 2 + 3 + 3 + 3]
    assert grad_bias.tolist() == [7.0]


def test_reflect_and_circular_send_gradients_to_their_sources():
    x, w, dy = np.zeros((1, 3, 1)), np.ones((1, 1, 1, 1)), np.array([[[1.0], [10.0], [100.0], [1000.0], [10000.0]]])
    # reflect (0, 1): [b, a, b, c, b]
    assert conv2d_backward(x, w, dy, padding=(0, 1), padding_mode="reflect")[0].ravel().tolist() == [10, 10101, 1000]
    # circular (0, 1): [c, a, b, c, a]
    assert conv2d_backward(x, w, dy, padding=(0, 1), padding_mode="circular")[0].ravel().tolist() == [10010, 100, 1001]
    # zeros (0, 1): the padding cells send nothing
    assert conv2d_backward(x, w, dy, padding=(0, 1))[0].ravel().tolist() == [10, 100, 1000]


def test_seed_3_3_gradients_for_a_dy_of_ones():
    x, kernels, _, params = case_arrays(SEED_CASES["seed-3.3"])
    grad_input, grad_kernels, grad_bias = conv2d_backward(x, kernels, np.ones((3, 3, 1)), **params)
    assert grad_bias.tolist() == [9.0]
    # dW(i, j, c) sums the 3×3 block of the input that weight (i, j) visits.
    np.testing.assert_array_equal(grad_kernels[:, :, :, 0], sliding_window_view(x, (3, 3), axis=(0, 1)).sum(axis=(3, 4)))
    # dX(r, c) sums the weights that visit input cell (r, c): the centre cell is visited by every weight.
    np.testing.assert_array_equal(grad_input[2, 2], kernels[..., 0].sum(axis=(0, 1)))


@pytest.mark.parametrize("shape", [(3, 3, 1), (2, 3, 2), (3, 3), (1, 3, 3, 2)])
def test_a_grad_output_of_the_wrong_shape_names_both_shapes(shape):
    x, kernels, _, params = case_arrays(SEED_CASES["seed-3.4"])
    with pytest.raises(ConvError) as info:
        conv2d_backward(x, kernels, np.ones(shape), **params)
    assert_mentions(str(info.value), "grad_output", *shape, "3,3,2")


def assert_scatter_is_exact(transposed, forward, seed) -> None:
    """The transposed convolution of ``transposed`` and dX of ``forward``
    (the same scatter) equal the loop references, where they are possible."""
    try:
        expected = conv_transpose2d_loop(**transposed)
    except InvalidRequest:
        expected = None
    if expected is not None:
        assert np.array_equal(conv_transpose2d(**transposed), expected)
    del forward["bias"]
    dy = grad_output_for(forward, seed)
    if dy is None:
        return
    grad_input = conv2d_backward(**forward, grad_output=dy)[0]
    assert np.array_equal(grad_input, conv2d_backward_loop(**forward, grad_output=dy)[0])


@pytest.mark.parametrize("way", ["phases", "scatter"])
@settings(max_examples=examples(80), deadline=None)
@given(transposed=transposed_requests(), forward=conv_requests(), seed=st.integers(0, 2**32 - 1))
def test_every_way_of_scattering_equals_the_loop_references(way, transposed, forward, seed):
    """The transposed convolution and dX go by output phase, by scatter or by
    gather, whichever is fastest for the shapes; each way alone must be exact
    (the gather, which applies only at stride 1 with one group, is forced in
    test_tap_gather.py)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(transposed_module, "fastest_way", lambda *shapes: way)
        assert_scatter_is_exact(transposed, forward, seed)


def test_the_phases_decline_kernels_that_would_be_mostly_zeros():
    """Dilation 2 at stride 2 puts every tap in one of four phases: the phase
    kernels would be three quarters zeros, so the scatter does it."""
    weights = np.ones((3, 3, 1, 2, 2))
    assert phase_convolution(np.ones((5, 5, 2)), weights, np.zeros(2), (2, 2), (2, 2), (0, 0), (13, 13)) is None
    assert phase_convolution(np.ones((5, 5, 2)), weights, np.zeros(2), (2, 2), (1, 1), (0, 0), (11, 11)) is not None


def test_input_gradient_with_zeros_padding_is_the_transposed_convolution_of_dy():
    rng = np.random.default_rng(11)
    x, kernels = ints(rng, (8, 8, 4)), ints(rng, (3, 2, 2, 6))
    params = {"stride": (2, 3), "padding": (1, 2), "dilation": (2, 1)}
    oh, ow, K = conv2d(x, kernels, groups=2, **params).shape
    dy = ints(rng, (oh, ow, K))
    grad_input, _, _ = conv2d_backward(x, kernels, dy, groups=2, **params)
    # The rows and columns conv2d's floor dropped come back as output_padding.
    base = transposed_output_shape((oh, ow), (3, 2), **params)
    extra = (x.shape[0] - base[0], x.shape[1] - base[1])
    assert extra == (1, 1)  # the test covers output_padding
    back = conv_transpose2d(dy, swapped_kernels(kernels, 2), groups=2, output_padding=extra, **params)
    np.testing.assert_array_equal(grad_input, back)


# Inputs large enough for the backward pass to go through several blocks of rows.
LARGE = {
    "plain": ((300, 300, 3), (5, 5, 3, 16), {}),
    "strided-grouped-reflect": (
        (201, 150, 4),
        (3, 4, 2, 8),
        {"stride": (2, 1), "padding": (2, 3), "dilation": (2, 3), "groups": 2, "padding_mode": "reflect"},
    ),
    "circular-same": ((157, 133, 2), (4, 3, 2, 6), {"padding": "same", "dilation": (1, 2), "padding_mode": "circular"}),
}


def padded_by_reference(x: np.ndarray, pads, mode: str) -> np.ndarray:
    (top, bottom), (left, right) = pads
    H, W, _ = x.shape
    rows = [source_index(i, H, mode) for i in range(-top, H + bottom)]
    cols = [source_index(j, W, mode) for j in range(-left, W + right)]
    padded = x[[0 if r is None else r for r in rows]][:, [0 if c is None else c for c in cols]]
    padded[[r is None for r in rows]] = 0
    padded[:, [c is None for c in cols]] = 0
    return padded


@pytest.fixture(scope="module", params=sorted(LARGE))
def large_backward(request):
    shape, kshape, params = LARGE[request.param]
    rng = np.random.default_rng(sorted(LARGE).index(request.param))
    x, kernels = ints(rng, shape), ints(rng, kshape)
    params = {"stride": 1, "padding": 0, "dilation": 1, "groups": 1, "padding_mode": "zeros", **params}
    dy = ints(rng, conv2d(x, kernels, **params).shape)
    return x, kernels, dy, params, conv2d_backward(x, kernels, dy, **params)


def test_large_kernel_gradient_matches_a_window_sum(large_backward):
    x, kernels, dy, params, (_, grad_kernels, grad_bias) = large_backward
    kh, kw, cg, K = kernels.shape
    pads = resolve_pads(x.shape[:2], (kh, kw), params["stride"], params["padding"], params["dilation"], params["padding_mode"])
    padded = padded_by_reference(x, pads, params["padding_mode"])
    (sh, sw), (dh, dw) = pair(params["stride"]), pair(params["dilation"])
    oh, ow = dy.shape[:2]
    G, Kg = params["groups"], K // params["groups"]
    expected = np.zeros(kernels.shape)
    for i in range(kh):
        for j in range(kw):
            window = padded[i * dh : i * dh + (oh - 1) * sh + 1 : sh, j * dw : j * dw + (ow - 1) * sw + 1 : sw]
            for g in range(G):
                expected[i, j, :, g * Kg : (g + 1) * Kg] = np.einsum(
                    "rsc,rsk->ck", window[:, :, g * cg : (g + 1) * cg], dy[:, :, g * Kg : (g + 1) * Kg]
                )
    np.testing.assert_array_equal(grad_kernels, expected)
    np.testing.assert_array_equal(grad_bias, dy.sum(axis=(0, 1)))


def test_large_input_gradient_is_the_adjoint_of_conv2d(large_backward):
    # ⟨dX, v⟩ = ⟨dY, conv2d(v)⟩ for any v: the input gradient is conv2d's adjoint applied to dY.
    x, kernels, dy, params, (grad_input, _, _) = large_backward
    v = ints(np.random.default_rng(99), x.shape)
    assert np.sum(grad_input * v) == np.sum(dy * conv2d(v, kernels, **params))


# -- garbage in, a result or a ConvError out ------------------------------------------


@settings(max_examples=examples(60), deadline=None)
@given(
    x=_either(np.ones((4, 4, 2))),
    kernels=_either(np.ones((2, 2, 2, 2))),
    extra=_either(np.ones((3, 3, 2))),
    stride=_either(1),
    padding=_either(0),
    output_padding=_either(0),
    dilation=_either(1),
    groups=_either(1),
    padding_mode=_either("zeros"),
    kernel=_either(0),
)
def test_garbage_arguments_give_a_result_or_a_conv_error_and_nothing_else(
    x, kernels, extra, stride, padding, output_padding, dilation, groups, padding_mode, kernel
):
    geometry = {"stride": stride, "padding": padding, "dilation": dilation, "padding_mode": padding_mode}
    calls = [
        lambda: conv_transpose2d(x, kernels, None, output_padding=output_padding, groups=groups, **geometry),
        lambda: conv2d_backward(x, kernels, extra, groups=groups, **geometry),
        lambda: unfold(x, kernels, **geometry),
        lambda: partial_maps(x, kernels, kernel=kernel, groups=groups, **geometry),
        lambda: weight_matrix(kernels, groups, block_diagonal=True),
        lambda: im2col_product(extra, kernels, output_hw=(3, 3), groups=groups),
    ]
    for call in calls:
        try:
            out = call()
        except ConvError as exc:
            assert str(exc)
        else:
            for array in out if isinstance(out, tuple) else (out,):
                assert isinstance(array, np.ndarray) and array.dtype == np.float64


# -- PyTorch ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def torch():
    return pytest.importorskip("torch")


def to_torch(torch, x: np.ndarray):
    return torch.from_numpy(np.ascontiguousarray(x.transpose(2, 0, 1)))[None]


def from_torch(t) -> np.ndarray:
    return t[0].detach().numpy().transpose(1, 2, 0)


# Drawn as zeros padding with numbers rather than filtered to it: five in six
# requests would be discarded, and Hypothesis's health check then fails the run.
zeros_padding_requests = conv_requests().map(
    lambda r: {**r, "padding_mode": "zeros", "padding": (1, 0) if isinstance(r["padding"], str) else r["padding"]}
)


@settings(max_examples=examples(60), deadline=None)
@given(req=zeros_padding_requests)
def test_unfold_is_torch_unfold_for_zeros_padding(torch, req):
    kernel_hw = req["kernels"].shape[:2]
    args = {k: req[k] for k in ("stride", "padding", "dilation")}
    try:
        expected = torch.nn.functional.unfold(to_torch(torch, req["x"]), kernel_hw, **args)[0].numpy()
    except RuntimeError:
        with pytest.raises(ConvError):
            unfold(req["x"], kernel_hw, **args)
        return
    assert np.array_equal(unfold(req["x"], kernel_hw, **args), expected)


def torch_transposed_weight(kernels: np.ndarray, groups: int) -> np.ndarray:
    """The docstring's wT: ``wT[g·Cg + c, k − g·Kg, i, j] = kernels[i, j, c, k]``."""
    kh, kw, Cg, K = kernels.shape
    Kg = K // groups
    return np.ascontiguousarray(kernels.reshape(kh, kw, Cg, groups, Kg).transpose(3, 2, 4, 0, 1).reshape(groups * Cg, Kg, kh, kw))


@settings(max_examples=examples(80), deadline=None)
@given(req=transposed_requests())
def test_conv_transpose2d_equals_pytorch_or_refuses_what_pytorch_refuses(torch, req):
    x, kernels, bias, groups = req["x"], req["kernels"], req["bias"], req["groups"]
    args = {k: req[k] for k in ("stride", "padding", "output_padding", "dilation")}
    try:
        expected = from_torch(
            torch.nn.functional.conv_transpose2d(
                to_torch(torch, x),
                torch.from_numpy(torch_transposed_weight(kernels, groups)),
                None if bias is None else torch.from_numpy(bias),
                groups=groups,
                **args,
            )
        )
    except RuntimeError:
        with pytest.raises(ConvError):
            conv_transpose2d(**req)
        return
    if min(expected.shape[:2]) < 1:  # torch may return an empty map; that is refused here
        with pytest.raises(ConvError):
            conv_transpose2d(**req)
        return
    assert np.array_equal(conv_transpose2d(**req), expected)


def torch_gradients(torch, x, kernels, dy, stride, padding, dilation, groups, padding_mode):
    C, (kh, kw, _, K) = x.shape[2], kernels.shape
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. torch's note about "same" with even kernels
        conv = torch.nn.Conv2d(C, K, (kh, kw), stride=stride, padding=padding, dilation=dilation, groups=groups,
                               padding_mode=padding_mode, dtype=torch.float64)  # fmt: skip
        with torch.no_grad():
            conv.weight.copy_(torch.from_numpy(np.ascontiguousarray(kernels.transpose(3, 2, 0, 1))))
        xt = to_torch(torch, x).requires_grad_()
        out = conv(xt)
    if tuple(out.shape[2:]) + (K,) != dy.shape:
        raise ValueError("shape")
    out.backward(to_torch(torch, dy))
    return from_torch(xt.grad), conv.weight.grad.numpy().transpose(2, 3, 1, 0), conv.bias.grad.numpy()


@settings(max_examples=examples(60), deadline=None)
@given(req=conv_requests(), seed=st.integers(0, 2**32 - 1))
def test_conv2d_backward_equals_torch_autograd(torch, req, seed):
    del req["bias"]
    try:
        shape = conv2d(**req).shape
    except ConvError:
        return  # refusals are compared with torch in test_engine
    dy = ints(np.random.default_rng(seed), shape)
    expected = torch_gradients(torch, **req, dy=dy)
    got = conv2d_backward(**req, grad_output=dy)
    for name, a, b in zip(("grad_input", "grad_kernels", "grad_bias"), got, expected):
        assert np.array_equal(a, b), name


def test_large_backward_equals_torch_autograd(torch, large_backward):
    x, kernels, dy, params, got = large_backward
    for name, a, b in zip(("grad_input", "grad_kernels", "grad_bias"), got, torch_gradients(torch, x, kernels, dy, **params)):
        assert np.array_equal(a, b), name


def test_output_shape_is_conv2d_shape_for_the_transposed_shape_round_trip():
    # conv2d takes the transposed output back to the input's size when output_padding < stride.
    assert output_shape(transposed_output_shape((5, 7), (3, 2), stride=2, padding=1, output_padding=1), (3, 2),
                        stride=2, padding=1) == (5, 7)  # fmt: skip
