"""The engine against the seed's numbers, a plain-loop reference, PyTorch, and bad input."""

from __future__ import annotations

import json
import math
import re
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.lib.stride_tricks import sliding_window_view
from reference import (
    PADDING_MODES,
    InvalidRequest,
    conv2d_loop,
    conv2d_loop_at,
    conv2d_partials_loop,
    pair,
    resolve_pads,
    source_index,
)
from thoroughness import examples

from convviz.core.engine import ConvError, channel_partials, conv2d, output_shape

SEED_CASES = json.loads((Path(__file__).with_name("seed_cases.json")).read_text(encoding="utf-8"))["scenes"]


def case_arrays(case: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict]:
    """A seed case as engine arrays: x (H, W, C), kernels (kh, kw, c, K), bias (K,), params."""
    scene = case["scene"]
    x = np.array(scene["input"], dtype=np.float64).transpose(1, 2, 0)
    kernels = np.stack([np.array(k["weights"], dtype=np.float64).transpose(1, 2, 0) for k in scene["kernels"]], axis=-1)
    bias = np.array([k["bias"] for k in scene["kernels"]], dtype=np.float64)
    params = {key: scene[key] for key in ("stride", "padding", "dilation", "groups", "padding_mode")}
    return x, kernels, bias, params


def assert_mentions(message: str, *parts: object) -> None:
    """Every word appears in ``message`` (case-insensitive), every int as a whole number."""
    for part in parts:
        if isinstance(part, int):
            sign = "[-\u2212]" if part < 0 else ""
            assert re.search(rf"(?<![\d.]){sign}{abs(part)}(?![\d])", message), f"{part} not in {message!r}"
        else:
            assert str(part).lower() in message.lower(), f"{part!r} not in {message!r}"


def conv_error(**kwargs) -> str:
    """The message of the ConvError that ``conv2d(**kwargs)`` raises."""
    with pytest.raises(ConvError) as info:
        conv2d(**kwargs)
    assert isinstance(info.value, ValueError)
    return str(info.value)


# -- (a) the seed's numbers ------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SEED_CASES))
def test_seed_scene_output_equals_the_reference_numbers(name):
    x, kernels, bias, params = case_arrays(SEED_CASES[name])
    out = conv2d(x, kernels, bias, **params)
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, np.array(SEED_CASES[name]["expected_output"], dtype=np.float64))


@pytest.mark.parametrize("name", sorted(SEED_CASES))
def test_seed_scene_channel_partials_at_top_left_equal_the_reference(name):
    x, kernels, bias, params = case_arrays(SEED_CASES[name])
    partials = channel_partials(x, kernels, bias, **params)
    expected = np.array(SEED_CASES[name]["expected_channel_partials_at_0_0"], dtype=np.float64)  # [k][c]
    np.testing.assert_array_equal(partials[0, 0], expected)


def test_seed_eq3_partial_sums_are_3_1_2_and_the_value_is_7():
    x, kernels, bias, params = case_arrays(SEED_CASES["seed-3.3"])
    assert channel_partials(x, kernels, bias, **params)[0, 0, 0].tolist() == [3.0, 1.0, 2.0]
    assert conv2d(x, kernels, bias, **params)[0, 0, 0] == 7.0


def test_the_loop_reference_agrees_with_the_seed_numbers():
    # The reference is only useful if it is right where we know the answer.
    for case in SEED_CASES.values():
        x, kernels, bias, params = case_arrays(case)
        np.testing.assert_array_equal(conv2d_loop(x, kernels, bias, **params), np.array(case["expected_output"]))


# -- (b) properties against the loop reference and PyTorch ----------------------

pairs = st.one_of(st.integers(1, 3), st.tuples(st.integers(1, 3), st.integers(1, 3)))
paddings = st.one_of(
    st.integers(0, 3),
    st.tuples(st.integers(0, 3), st.integers(0, 3)),
    st.sampled_from(["same", "valid"]),
)


@st.composite
def conv_requests(draw) -> dict:
    """Random, mostly possible, integer-valued requests (so every sum is exact)."""
    groups = draw(st.integers(1, 4))
    C = groups * draw(st.integers(1, 4 // groups))
    K = groups * draw(st.integers(1, 4 // groups))
    H, W = draw(st.integers(1, 8)), draw(st.integers(1, 8))
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    ints = st.integers(-5, 5)
    x = draw(hnp.arrays(np.int64, (H, W, C), elements=ints)).astype(np.float64)
    kernels = draw(hnp.arrays(np.int64, (kh, kw, C // groups, K), elements=ints)).astype(np.float64)
    bias = draw(st.one_of(st.none(), hnp.arrays(np.int64, (K,), elements=ints).map(lambda b: b.astype(np.float64))))
    return {
        "x": x,
        "kernels": kernels,
        "bias": bias,
        "stride": draw(pairs),
        "padding": draw(paddings),
        "dilation": draw(pairs),
        "groups": groups,
        "padding_mode": draw(st.sampled_from(PADDING_MODES)),
    }


def loop_reference(req: dict) -> np.ndarray | None:
    """The reference result, or None when PyTorch would refuse the request."""
    try:
        return conv2d_loop(**req)
    except InvalidRequest:
        return None


@settings(max_examples=examples(110), deadline=None)
@given(conv_requests())
def test_conv2d_equals_the_loop_reference_or_refuses_what_pytorch_refuses(req):
    expected = loop_reference(req)
    if expected is None:
        with pytest.raises(ConvError):
            conv2d(**req)
        return
    out = conv2d(**req)  # a valid request must not raise
    assert out.dtype == np.float64
    assert out.shape == expected.shape
    assert np.array_equal(out, expected)
    # (d) output_shape predicts conv2d's shape
    geometry = {k: req[k] for k in ("stride", "padding", "dilation")}
    assert output_shape(req["x"].shape[:2], req["kernels"].shape[:2], **geometry) == out.shape[:2]


@settings(max_examples=examples(50), deadline=None)
@given(conv_requests())
def test_channel_partials_match_the_loop_and_add_up_with_bias_to_conv2d(req):
    try:
        expected = conv2d_partials_loop(**req)
    except InvalidRequest:
        with pytest.raises(ConvError):
            channel_partials(**req)
        return
    partials = channel_partials(**req)
    assert partials.shape == expected.shape
    assert np.array_equal(partials, expected)
    bias = np.zeros(req["kernels"].shape[3]) if req["bias"] is None else req["bias"]
    assert np.array_equal(partials.sum(axis=-1) + bias, conv2d(**req))


@pytest.fixture(scope="module")
def torch():
    return pytest.importorskip("torch")


def torch_conv2d(torch, x, kernels, bias, stride, padding, dilation, groups, padding_mode) -> np.ndarray:
    """PyTorch's own Conv2d in float64, in and out in the engine's layout."""
    C, (kh, kw, _, K) = x.shape[2], kernels.shape
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. torch's note about "same" with even kernels
        conv = torch.nn.Conv2d(
            C,
            K,
            (kh, kw),
            stride=stride,
            padding=padding,
            dilation=dilation,
            groups=groups,
            bias=bias is not None,
            padding_mode=padding_mode,
            dtype=torch.float64,
        )
        with torch.no_grad():
            conv.weight.copy_(torch.from_numpy(np.ascontiguousarray(kernels.transpose(3, 2, 0, 1))))
            if bias is not None:
                conv.bias.copy_(torch.from_numpy(np.ascontiguousarray(bias)))
            y = conv(torch.from_numpy(np.ascontiguousarray(x.transpose(2, 0, 1)))[None])
    return y[0].numpy().transpose(1, 2, 0)


@settings(max_examples=examples(60), deadline=None)
@given(req=conv_requests())
def test_conv2d_equals_pytorch_or_refuses_what_pytorch_refuses(torch, req):
    try:
        expected = torch_conv2d(torch, **req)
    except (ValueError, RuntimeError):
        with pytest.raises(ConvError):
            conv2d(**req)
        return
    out = conv2d(**req)
    assert out.shape == expected.shape
    assert np.array_equal(out, expected)


def test_same_padding_puts_the_odd_extra_row_and_column_at_the_bottom_right():
    # A 2×2 kernel picking the top-left tap: with "same", output (r, c) reads
    # input (r, c), so no padding was added above or to the left.
    x = np.arange(12, dtype=np.float64).reshape(3, 4, 1)
    k = np.zeros((2, 2, 1, 1))
    k[0, 0] = 1
    np.testing.assert_array_equal(conv2d(x, k, padding="same"), x)
    # Picking the bottom-right tap reads one past the edge: zeros there.
    k = np.zeros((2, 2, 1, 1))
    k[1, 1] = 1
    out = conv2d(x, k, padding="same")[:, :, 0]
    np.testing.assert_array_equal(out[:-1, :-1], x[1:, 1:, 0])
    assert not out[-1].any() and not out[:, -1].any()


def test_groups_split_channels_and_kernels_into_consecutive_groups():
    # C = 4, groups 2: kernels 0-1 read channels 0-1, kernels 2-3 read channels 2-3.
    x = np.zeros((1, 1, 4))
    x[0, 0] = [1, 10, 100, 1000]
    k = np.ones((1, 1, 2, 4))
    np.testing.assert_array_equal(conv2d(x, k, groups=2)[0, 0], [11, 11, 1100, 1100])


def test_circular_padding_equal_to_the_input_size_is_allowed():
    x = np.arange(9, dtype=np.float64).reshape(3, 3, 1)
    k = np.ones((1, 1, 1, 1))
    out = conv2d(x, k, padding=3, padding_mode="circular")
    assert out.shape == (9, 9, 1)
    np.testing.assert_array_equal(out[:, :, 0], np.tile(x[:, :, 0], (3, 3)))


# -- (c) every impossible request is a ConvError that names the parameter --------

X44 = np.ones((4, 4, 1))


def test_kernel_larger_than_the_padded_input_names_both_sizes():
    msg = conv_error(x=np.ones((4, 6, 1)), kernels=np.ones((5, 7, 1, 1)))
    assert_mentions(msg, "kernel", 5, 7, 4, 6)
    msg = conv_error(x=np.ones((3, 3, 1)), kernels=np.ones((6, 6, 1, 1)), padding=1)
    assert_mentions(msg, "kernel", 6, 5)  # padded 5×5


def test_dilated_kernel_larger_than_the_padded_input_names_dilation_and_span():
    msg = conv_error(x=np.ones((4, 4, 1)), kernels=np.ones((3, 3, 1, 1)), dilation=2)
    assert_mentions(msg, "dilation", 2, 5, 4)  # 3×3 dilated 2 spans 5×5 > 4×4


def test_reflect_padding_not_smaller_than_the_input_is_refused():
    msg = conv_error(x=np.ones((3, 8, 1)), kernels=np.ones((1, 1, 1, 1)), padding=(4, 1), padding_mode="reflect")
    assert_mentions(msg, "reflect", "padding", 4, 3)
    msg = conv_error(x=np.ones((8, 2, 1)), kernels=np.ones((1, 1, 1, 1)), padding=(1, 2), padding_mode="reflect")
    assert_mentions(msg, "reflect", 2)


def test_circular_padding_larger_than_the_input_is_refused():
    msg = conv_error(x=np.ones((3, 8, 1)), kernels=np.ones((1, 1, 1, 1)), padding=4, padding_mode="circular")
    assert_mentions(msg, "circular", "padding", 4, 3)


def test_groups_that_do_not_divide_the_input_channels_are_refused():
    msg = conv_error(x=np.ones((4, 4, 3)), kernels=np.ones((1, 1, 1, 2)), groups=2)
    assert_mentions(msg, "groups", 2, 3)


def test_groups_that_do_not_divide_the_kernel_count_are_refused():
    msg = conv_error(x=np.ones((4, 4, 4)), kernels=np.ones((1, 1, 2, 3)), groups=2)
    assert_mentions(msg, "groups", 2, 3)


def test_kernel_channels_that_do_not_match_the_input_are_refused():
    msg = conv_error(x=np.ones((4, 4, 3)), kernels=np.ones((1, 1, 2, 1)))
    assert_mentions(msg, "channel", 2, 3)
    msg = conv_error(x=np.ones((4, 4, 6)), kernels=np.ones((1, 1, 6, 2)), groups=2)
    assert_mentions(msg, "groups", 6, 3)  # each kernel needs 6 // 2 = 3


@pytest.mark.parametrize("stride, shown", [(0, 0), (-1, -1), ((1, 0), 0), ((-2, 1), -2)])
def test_stride_below_one_is_refused(stride, shown):
    assert_mentions(conv_error(x=X44, kernels=np.ones((1, 1, 1, 1)), stride=stride), "stride", shown)


@pytest.mark.parametrize("dilation, shown", [(0, 0), (-3, -3), ((1, 0), 0)])
def test_dilation_below_one_is_refused(dilation, shown):
    assert_mentions(conv_error(x=X44, kernels=np.ones((1, 1, 1, 1)), dilation=dilation), "dilation", shown)


@pytest.mark.parametrize("padding, shown", [(-1, -1), ((0, -2), -2), ((-3, 1), -3)])
def test_negative_padding_is_refused(padding, shown):
    assert_mentions(conv_error(x=X44, kernels=np.ones((1, 1, 1, 1)), padding=padding), "padding", shown)


def test_same_padding_with_stride_above_one_is_refused():
    msg = conv_error(x=X44, kernels=np.ones((3, 3, 1, 1)), padding="same", stride=(1, 2))
    assert_mentions(msg, "same", "stride", 2)


@pytest.mark.parametrize(
    "x, kernels, bias, name, shape",
    [
        (np.ones((5, 6)), np.ones((1, 1, 1, 1)), None, "input", (5, 6)),
        (np.ones((5, 6, 1, 1)), np.ones((1, 1, 1, 1)), None, "input", (5, 6, 1, 1)),
        (X44, np.ones((2, 3, 1)), None, "kernels", (2, 3, 1)),
        (X44, np.ones((2, 3, 1, 1, 1)), None, "kernels", (2, 3, 1, 1, 1)),
        (X44, np.ones((1, 1, 1, 1)), np.ones((1, 1)), "bias", (1, 1)),
        (X44, np.ones((1, 1, 1, 1)), 2.0, "bias", ()),
    ],
)
def test_arrays_of_the_wrong_rank_are_refused_with_their_shape(x, kernels, bias, name, shape):
    msg = conv_error(x=x, kernels=kernels, bias=bias)
    assert_mentions(msg, name, *shape)


def test_bias_of_the_wrong_length_is_refused():
    msg = conv_error(x=X44, kernels=np.ones((1, 1, 1, 2)), bias=[1.0, 2.0, 3.0])
    assert_mentions(msg, "bias", 2, 3)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
@pytest.mark.parametrize("where", ["input", "kernels", "bias"])
def test_nan_and_infinity_are_refused_naming_the_array(where, bad):
    args = {"x": np.ones((4, 4, 1)), "kernels": np.ones((2, 2, 1, 1)), "bias": np.ones(1)}
    key = "x" if where == "input" else where
    args[key] = args[key].copy()
    args[key].flat[-1] = bad
    msg = conv_error(**args)
    assert_mentions(msg, where, "inf" if math.isinf(bad) else "nan")


NON_NUMERIC = {
    "strings": [[["a"]]],
    "str-array": np.array([[["1"]]]),
    "complex": np.ones((2, 2, 1), dtype=complex),
    "objects": np.array([[[object()]]]),
    "ragged": [[[1], [1, 2]]],
    "text": "abc",
    "None": None,
}


@pytest.mark.parametrize(
    "where, value",
    [
        pytest.param(where, value, id=f"{where}-{kind}")
        for where in ("x", "kernels", "bias")
        for kind, value in NON_NUMERIC.items()
        if not (where == "bias" and value is None)  # no bias is allowed
    ],
)
def test_non_numeric_arrays_are_refused(where, value):
    args = {"x": np.ones((4, 4, 1)), "kernels": np.ones((1, 1, 1, 1)), "bias": np.ones(1)}
    args[where] = value
    msg = conv_error(**args)
    assert_mentions(msg, {"x": "input"}.get(where, where))


@pytest.mark.parametrize(
    "x, kernels, name",
    [
        (np.ones((0, 4, 1)), np.ones((1, 1, 1, 1)), "input"),
        (np.ones((4, 4, 0)), np.ones((1, 1, 0, 1)), "input"),
        (X44, np.ones((0, 1, 1, 1)), "kernels"),
        (X44, np.ones((1, 1, 1, 0)), "kernel"),
    ],
)
def test_empty_arrays_are_refused(x, kernels, name):
    assert_mentions(conv_error(x=x, kernels=kernels), name)


@pytest.mark.parametrize("value", [True, False, (True, 1), (1, False), np.True_], ids=repr)
@pytest.mark.parametrize("name", ["stride", "dilation", "padding"])
def test_bools_are_not_numbers_for_stride_padding_or_dilation(name, value):
    msg = conv_error(x=np.ones((4, 4, 1)), kernels=np.ones((1, 1, 1, 1)), **{name: value})
    assert_mentions(msg, name)


@pytest.mark.parametrize("value", [True, False, np.True_], ids=repr)
def test_bools_are_not_numbers_for_groups(value):
    assert_mentions(conv_error(x=np.ones((4, 4, 1)), kernels=np.ones((1, 1, 1, 1)), groups=value), "groups")


@pytest.mark.parametrize("padding", ["full", "", "circular", "valid please", "same!"])
def test_unknown_padding_strings_are_refused(padding):
    msg = conv_error(x=X44, kernels=np.ones((1, 1, 1, 1)), padding=padding)
    assert_mentions(msg, "padding", repr(padding))


@pytest.mark.parametrize("mode", ["mirror", "zero", "", None, 0, "REFLECT"])
def test_unknown_padding_modes_are_refused(mode):
    msg = conv_error(x=X44, kernels=np.ones((1, 1, 1, 1)), padding_mode=mode)
    assert_mentions(msg, "padding_mode", repr(mode))


@pytest.mark.parametrize("name", ["stride", "padding", "dilation"])
def test_a_zero_dimensional_array_is_one_number_or_a_conv_error(name):
    # np.array(1) is how numpy hands out a single number; it must not crash.
    x, k = np.arange(16.0).reshape(4, 4, 1), np.ones((1, 1, 1, 1))
    try:
        out = conv2d(x, k, **{name: np.array(1)})
    except ConvError:
        return
    np.testing.assert_array_equal(out, conv2d(x, k, **{name: 1}))


@pytest.mark.parametrize("name", ["stride", "dilation"])
def test_a_huge_stride_or_dilation_gives_the_single_window_or_a_conv_error(name):
    # Stride and dilation this large leave one window (a 1×1 kernel for
    # dilation); PyTorch's definition gives its value.
    x = np.arange(16.0).reshape(4, 4, 1)
    k = np.ones((2, 2, 1, 1)) if name == "stride" else np.full((1, 1, 1, 1), 2.0)
    try:
        out = conv2d(x, k, **{name: 10**20})
    except ConvError as exc:
        assert_mentions(str(exc), name)
        return
    expected = [[[10.0]]] if name == "stride" else 2 * x
    np.testing.assert_array_equal(out, expected)


def test_a_padded_input_too_large_to_hold_is_a_conv_error():
    with pytest.raises(ConvError) as info:
        conv2d(np.ones((4, 4, 1)), np.ones((1, 1, 1, 1)), padding=10**20)
    assert_mentions(str(info.value), "padd")


# Garbage for every argument: anything a caller might pass by mistake. Numbers
# stay small where a valid request would have to allocate that much.
_shapes = hnp.array_shapes(min_dims=0, max_dims=5, min_side=0, max_side=3)
_small = st.one_of(st.integers(-10, 10), st.floats(-10, 10), st.booleans(), st.none(), st.text(max_size=3))
garbage = st.one_of(
    _small,
    st.sampled_from([10**20, -(10**20), 2**63, math.nan, math.inf, -math.inf, 1e300, 2.5, -0.0]),
    st.binary(max_size=3),
    st.complex_numbers(max_magnitude=10, allow_nan=False, allow_infinity=False),
    st.lists(_small, max_size=4),
    st.tuples(_small, _small),
    st.tuples(_small, _small, _small),
    st.dictionaries(st.text(max_size=2), _small, max_size=2),
    st.sampled_from([object(), np.array(2), np.array(2.0), np.array([]), np.float64("nan"), np.int8(3), ...]),
    st.one_of(
        hnp.arrays(np.int64, _shapes, elements=st.integers(-5, 5)),
        hnp.arrays(np.float64, _shapes, elements=st.one_of(st.floats(-5, 5), st.sampled_from([math.nan, math.inf]))),
        hnp.arrays(np.bool_, _shapes),
        hnp.arrays(np.complex128, _shapes, elements=st.complex_numbers(max_magnitude=5)),
        hnp.arrays(np.dtype("<U2"), _shapes, elements=st.text("ab1-. ", max_size=2)),
    ),
)


def _either(valid, strategy=garbage):
    return st.one_of(st.just(valid), strategy)


@settings(max_examples=examples(60), deadline=None)
@given(
    x=_either(np.ones((4, 4, 2))),
    kernels=_either(np.ones((2, 2, 2, 2))),
    bias=_either(np.array([1.0, 2.0])),
    stride=_either(1),
    padding=_either(0),
    dilation=_either(1),
    groups=_either(1),
    padding_mode=_either("zeros"),
)
@example(
    x=np.ones((4, 4, 2)),
    kernels=np.ones((2, 2, 2, 2)),
    bias=None,
    stride=np.array(2),
    padding=0,
    dilation=1,
    groups=1,
    padding_mode="zeros",
)
@example(
    x=np.ones((4, 4, 2)),
    kernels=np.ones((2, 2, 2, 2)),
    bias=None,
    stride=10**20,
    padding=0,
    dilation=1,
    groups=1,
    padding_mode="zeros",
)
def test_garbage_arguments_give_a_result_or_a_conv_error_and_nothing_else(
    x, kernels, bias, stride, padding, dilation, groups, padding_mode
):
    args = {"stride": stride, "padding": padding, "dilation": dilation, "groups": groups, "padding_mode": padding_mode}
    for function in (conv2d, channel_partials):
        try:
            out = function(x, kernels, bias, **args)
        except ConvError as exc:
            assert str(exc)  # a message for the user
        else:
            assert isinstance(out, np.ndarray) and out.dtype == np.float64


@settings(max_examples=examples(30), deadline=None)
@given(
    input_hw=_either((5, 5)),
    kernel_hw=_either((3, 3)),
    stride=_either(1),
    padding=_either(0),
    dilation=_either(1),
)
def test_output_shape_of_garbage_is_a_pair_or_a_conv_error(input_hw, kernel_hw, stride, padding, dilation):
    try:
        shape = output_shape(input_hw, kernel_hw, stride=stride, padding=padding, dilation=dilation)
    except ConvError:
        return
    assert len(shape) == 2 and all(isinstance(n, int) and n >= 1 for n in shape)


# -- (d) output_shape ----------------------------------------------------------------


@pytest.mark.parametrize(
    "input_hw, kernel_hw, kwargs, expected",
    [
        ((5, 5), (3, 3), {}, (3, 3)),
        ((5, 5), (3, 3), {"padding": 1, "stride": 2}, (3, 3)),  # cs231n: (5 + 2 - 3) / 2 + 1
        ((7, 9), (3, 2), {"padding": "same"}, (7, 9)),
        ((7, 9), (3, 2), {"padding": "valid", "dilation": (2, 3)}, (3, 6)),
        ((6, 6), (3, 3), {"stride": 2}, (2, 2)),  # the floor drops the last row and column
        ((10, 1), (1, 1), {"stride": (3, 1)}, (4, 1)),
    ],
)
def test_output_shape_follows_the_output_size_formula(input_hw, kernel_hw, kwargs, expected):
    assert output_shape(input_hw, kernel_hw, **kwargs) == expected
    x = np.ones((*input_hw, 1))
    assert conv2d(x, np.ones((*kernel_hw, 1, 1)), **kwargs).shape == (*expected, 1)


def test_output_shape_refuses_what_conv2d_refuses():
    with pytest.raises(ConvError):
        output_shape((4, 4), (5, 5))
    with pytest.raises(ConvError):
        output_shape((4, 4), (3, 3), padding="same", stride=2)


# -- (e) inputs big enough to be computed in several blocks of rows ----------------


def conv2d_windows(x, kernels, bias, stride, pads, dilation, groups, padding_mode):
    """A naive but vectorized conv2d: pad by the reference's index rule, then einsum
    over every window."""
    (top, bottom), (left, right) = pads
    H, W, _ = x.shape
    rows = [source_index(i, H, padding_mode) for i in range(-top, H + bottom)]
    cols = [source_index(j, W, padding_mode) for j in range(-left, W + right)]
    row_idx = np.array([0 if r is None else r for r in rows])
    col_idx = np.array([0 if c is None else c for c in cols])
    padded = x[row_idx][:, col_idx]
    padded[[r is None for r in rows]] = 0
    padded[:, [c is None for c in cols]] = 0
    kh, kw, cg, K = kernels.shape
    (sh, sw), (dh, dw) = pair(stride), pair(dilation)
    windows = sliding_window_view(padded, (dh * (kh - 1) + 1, dw * (kw - 1) + 1), axis=(0, 1))
    windows = windows[::sh, ::sw, :, ::dh, ::dw]  # (oh, ow, C, kh, kw)
    kg = K // groups
    out = np.concatenate(
        [
            np.einsum("hwcij,ijck->hwk", windows[:, :, g * cg : (g + 1) * cg], kernels[..., g * kg : (g + 1) * kg])
            for g in range(groups)
        ],
        axis=-1,
    )
    return out + bias


def large(shape, kernel, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros") -> dict:
    return locals()


LARGE_CASES = {
    # 296×296 outputs of 75 taps: about 52 MB of unfolded input, far more than one block.
    "plain": large((300, 300, 3), (5, 5, 3, 16)),
    "strided-grouped-reflect": large(
        (401, 300, 4), (3, 4, 2, 8), stride=(2, 1), padding=(2, 3), dilation=(2, 3), groups=2, padding_mode="reflect"
    ),
    "circular-same": large((257, 233, 2), (4, 3, 2, 6), padding="same", dilation=(1, 2), padding_mode="circular"),
    # One output row alone is larger than a block.
    "wide": large((6, 6000, 8), (5, 5, 8, 4)),
    # Padded planes larger than the engine keeps between calls.
    "tall-replicate": large((1100, 400, 3), (3, 3, 3, 4), padding=(2, 1), padding_mode="replicate"),
}


@pytest.fixture(scope="module", params=sorted(LARGE_CASES))
def large_case(request):
    spec = LARGE_CASES[request.param]
    rng = np.random.default_rng(sorted(LARGE_CASES).index(request.param))
    x = rng.integers(-3, 4, spec["shape"]).astype(np.float64)
    kernels = rng.integers(-3, 4, spec["kernel"]).astype(np.float64)
    bias = rng.integers(-3, 4, spec["kernel"][3]).astype(np.float64)
    params = {k: spec[k] for k in ("stride", "padding", "dilation", "groups", "padding_mode")}
    return x, kernels, bias, params, conv2d(x, kernels, bias, **params)


def test_large_input_matches_the_loop_reference_at_random_cells(large_case):
    x, kernels, bias, params, out = large_case
    rng = np.random.default_rng(7)
    oh, ow, K = out.shape
    cells = [(0, 0, 0), (oh - 1, ow - 1, K - 1)] + [tuple(int(rng.integers(n)) for n in (oh, ow, K)) for _ in range(20)]
    for r, c, k in cells:
        assert out[r, c, k] == conv2d_loop_at(x, kernels, bias, r, c, k, **params), (r, c, k)


def test_large_input_matches_a_vectorized_window_sum_everywhere(large_case):
    x, kernels, bias, params, out = large_case
    pads = resolve_pads(
        x.shape[:2], kernels.shape[:2], params["stride"], params["padding"], params["dilation"], params["padding_mode"]
    )
    expected = conv2d_windows(
        x, kernels, bias, params["stride"], pads, params["dilation"], params["groups"], params["padding_mode"]
    )
    assert out.shape == expected.shape
    assert np.array_equal(out, expected)


def test_large_input_channel_partials_add_up_to_conv2d(large_case):
    x, kernels, bias, params, out = large_case
    partials = channel_partials(x, kernels, bias, **params)
    assert np.array_equal(partials.sum(axis=-1) + bias, out)


def test_large_input_matches_pytorch_everywhere(torch, large_case):
    x, kernels, bias, params, out = large_case
    assert np.array_equal(out, torch_conv2d(torch, x, kernels, bias, **params))


def test_repeated_calls_of_different_sizes_do_not_mix_results():
    # The engine reuses scratch buffers between calls; a small call after a
    # large one (and the reverse) must not see stale values.
    rng = np.random.default_rng(3)
    small_x, small_k = rng.integers(-3, 4, (6, 5, 2)).astype(float), rng.integers(-3, 4, (3, 3, 2, 2)).astype(float)
    big_x, big_k = rng.integers(-3, 4, (120, 90, 2)).astype(float), rng.integers(-3, 4, (3, 3, 2, 2)).astype(float)
    for padding, mode in [(1, "zeros"), (0, "zeros"), (2, "reflect"), (1, "zeros")]:
        for x, k in [(small_x, small_k), (big_x, big_k), (small_x, small_k)]:
            got = conv2d(x, k, padding=padding, padding_mode=mode)
            r, c = got.shape[0] - 1, got.shape[1] - 1
            assert got[r, c, 1] == conv2d_loop_at(x, k, None, r, c, 1, padding=padding, padding_mode=mode)
            assert got[0, 0, 0] == conv2d_loop_at(x, k, None, 0, 0, 0, padding=padding, padding_mode=mode)
        np.testing.assert_array_equal(
            conv2d(small_x, small_k, padding=padding, padding_mode=mode),
            conv2d_loop(small_x, small_k, padding=padding, padding_mode=mode),
        )
