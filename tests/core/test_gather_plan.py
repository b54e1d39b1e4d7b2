"""The gather's per-thread plans (core/tap_gather.py, channel first in one
block): call after call on one shape, each result is the definition's."""

from __future__ import annotations

import numpy as np
import pytest
from test_engine_ops import conv_transpose2d_add_at, ints
from test_tap_gather import EDGE_CASES, gather_where_it_applies

from convviz.core import tap_gather
from convviz.core import transposed as transposed_module
from convviz.core.engine import conv_transpose2d


@pytest.mark.parametrize("plans", [True, False], ids=["plan", "no-plan"])
@pytest.mark.parametrize(
    "shape, kshape, params",
    [*EDGE_CASES, pytest.param((6, 5, 3), (4, 4, 3, 4), {"padding": 3, "dilation": 2}, id="crop-to-the-middle")],
)
def test_calls_through_one_plan_each_give_the_definition(plans, shape, kshape, params, monkeypatch):
    monkeypatch.setattr(transposed_module, "fastest_way", gather_where_it_applies)
    if not plans:
        monkeypatch.setattr(tap_gather, "_PLAN_MAX_PADDED_BYTES", 0)
    tap_gather._plans.__dict__.clear()
    rng = np.random.default_rng(shape[0])
    kernels = ints(rng, kshape)
    full = {"stride": 1, "padding": 0, "output_padding": 0, "dilation": 1, "groups": 1, **params}
    for bias in (None, ints(rng, kshape[3]), None):
        x = ints(rng, shape)  # a new source each call, on the same plan
        expected = conv_transpose2d_add_at(x, kernels, **full) + (0 if bias is None else bias)
        np.testing.assert_array_equal(conv_transpose2d(x, kernels, bias, **params), expected)
    assert len(getattr(tap_gather._plans, "cache", {})) == (1 if plans else 0)


def test_the_plan_cache_starts_over_past_its_size(monkeypatch):
    monkeypatch.setattr(transposed_module, "fastest_way", gather_where_it_applies)
    tap_gather._plans.__dict__.clear()
    rng = np.random.default_rng(7)
    kernels = ints(rng, (2, 2, 2, 1))
    for n in range(1, tap_gather._MAX_PLANS + 3):
        x = ints(rng, (n, n + 2, 2))
        full = {"stride": 1, "padding": 0, "output_padding": 0, "dilation": 1, "groups": 1}
        np.testing.assert_array_equal(conv_transpose2d(x, kernels), conv_transpose2d_add_at(x, kernels, **full))
        assert 1 <= len(tap_gather._plans.cache) <= tap_gather._MAX_PLANS
