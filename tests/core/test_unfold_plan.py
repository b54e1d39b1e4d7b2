"""The per-thread unfold plans: the forward and the kernel gradient through a
plan's kept buffers give the loop reference's numbers, call after call."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import InvalidRequest, conv2d_backward_loop, conv2d_loop
from test_engine import conv_requests
from test_engine_ops import ints
from thoroughness import examples

from convviz.core import forward as forward_module
from convviz.core import unfold_plan as plan_module
from convviz.core.engine import conv2d, conv2d_backward


@settings(max_examples=examples(80), deadline=None)
@given(request=conv_requests(), seed=st.integers(0, 2**32 - 1), block_bytes=st.sampled_from([1, 2_000, 10**9]))
def test_two_calls_through_one_plan_each_equal_the_loop_reference(request, seed, block_bytes):
    """The second input must not see the first one's numbers (the plan keeps
    its padded buffer and columns); every padding mode (the others go
    without a plan), strides, dilation, groups, 1×1 inputs, blocks of one
    row to one block."""
    rng = np.random.default_rng(seed)
    second = dict(request, x=ints(rng, request["x"].shape))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(forward_module, "_BLOCK_BYTES", block_bytes)
        for req in (request, second):
            try:
                expected = conv2d_loop(**req)
            except InvalidRequest:
                return
            np.testing.assert_array_equal(conv2d(**req), expected)
            dy = ints(rng, expected.shape)
            got = conv2d_backward(**{k: v for k, v in req.items() if k != "bias"}, grad_output=dy)
            wanted = conv2d_backward_loop(**{k: v for k, v in req.items() if k != "bias"}, grad_output=dy)
            for g, e in zip(got, wanted, strict=True):
                np.testing.assert_array_equal(g, e)


@pytest.mark.parametrize(
    "shape, kshape, params",
    [
        ((1, 1, 3), (3, 3, 3, 8), {"padding": 1}),
        ((9, 7, 4), (2, 3, 2, 4), {"padding": (2, 1), "stride": (4, 5), "groups": 2}),
        ((12, 10, 3), (3, 3, 3, 2), {"padding": "same", "dilation": (2, 3)}),
    ],
    ids=["1x1-input", "stride-over-kernel-groups", "same-dilated"],
)
@pytest.mark.parametrize("block_bytes", [1, 10**9], ids=["one-row-blocks", "one-block"])
def test_plans_are_used_for_small_zero_padded_inputs_and_kept_per_geometry(
    shape, kshape, params, block_bytes, monkeypatch
):
    rng = np.random.default_rng(len(shape) + shape[0])
    x, kernels = ints(rng, shape), ints(rng, kshape)
    monkeypatch.setattr(forward_module, "_BLOCK_BYTES", block_bytes)
    plan_module._plans.__dict__.clear()
    expected = conv2d_loop(x, kernels, **params)
    np.testing.assert_array_equal(conv2d(x, kernels, **params), expected)
    assert len(plan_module._plans.cache) == 1
    dy = ints(rng, expected.shape)
    grads = conv2d_backward(x, kernels, dy, **params)
    assert len(plan_module._plans.cache) == 1, "the kernel gradient reuses the forward's plan"
    for g, e in zip(grads, conv2d_backward_loop(x, kernels, grad_output=dy, **params), strict=True):
        np.testing.assert_array_equal(g, e)


def test_no_plan_for_other_padding_modes_or_large_inputs():
    rng = np.random.default_rng(3)
    kernels = ints(rng, (3, 3, 2, 2))
    plan_module._plans.__dict__.clear()
    x = ints(rng, (6, 6, 2))
    reflect = {"padding": 1, "padding_mode": "reflect"}
    np.testing.assert_array_equal(conv2d(x, kernels, **reflect), conv2d_loop(x, kernels, **reflect))
    big = ints(rng, (260, 260, 2))  # 2·262² float64 > PLAN_MAX_PADDED_BYTES
    corner = conv2d_loop(big[:5, :5], kernels, padding=1)[:3, :3]
    np.testing.assert_array_equal(conv2d(big, kernels, padding=1)[:3, :3], corner)
    assert not getattr(plan_module._plans, "cache", {})


def test_the_plan_cache_starts_over_past_its_size():
    rng = np.random.default_rng(4)
    kernels = ints(rng, (2, 2, 1, 1))
    plan_module._plans.__dict__.clear()
    for n in range(1, plan_module._MAX_PLANS + 3):
        x = ints(rng, (n, n + 1, 1))
        np.testing.assert_array_equal(conv2d(x, kernels, padding=1), conv2d_loop(x, kernels, padding=1))
        assert len(plan_module._plans.cache) <= plan_module._MAX_PLANS


def test_threads_have_their_own_plans():
    """Two threads on one geometry at once: each reads only its own input."""
    rng = np.random.default_rng(5)
    kernels = ints(rng, (3, 3, 3, 4))
    inputs = [ints(rng, (16, 16, 3)) for _ in range(2)]
    expected = [conv2d_loop(x, kernels, padding=1) for x in inputs]
    failures: list[int] = []
    start = threading.Barrier(2)

    def run(k: int) -> None:
        start.wait()
        for _ in range(200):
            if not np.array_equal(conv2d(inputs[k], kernels, padding=1), expected[k]):
                failures.append(k)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
