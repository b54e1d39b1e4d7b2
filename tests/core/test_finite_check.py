"""Arrays of a million numbers or more are checked for nan and infinity by
their sum (no temporary); a sum that overflows on finite numbers is no refusal."""

from __future__ import annotations

import math

import numpy as np
import pytest

from convviz.core import forward as forward_module
from convviz.core.engine import ConvError, conv2d

SIDE = 1024  # 1024² = 2**20 numbers: the sum's side of the threshold


def test_a_million_numbers_go_by_the_sum():
    assert SIDE * SIDE >= forward_module._SUM_CHECK_MIN_SIZE


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_in_a_large_input_are_refused_with_their_index(bad):
    x = np.ones((SIDE, SIDE, 1))
    x[700, 3, 0] = bad
    with pytest.raises(ConvError) as info:
        conv2d(x, np.ones((1, 1, 1, 1)))
    message = str(info.value)
    assert "input" in message and "[700, 3, 0]" in message


def test_finite_numbers_whose_sum_overflows_are_accepted():
    x = np.full((SIDE, SIDE, 1), 1e308)
    y = conv2d(x, np.ones((1, 1, 1, 1)))
    assert np.array_equal(y, x)
