"""Groups edits keep every weight when the groups don't divide K (issue 11, item 2)."""

from __future__ import annotations

import pytest

from convviz.core import edits
from convviz.core.catalogue import resolve_scene
from convviz.core.errors import ConvError


def test_groups_that_divide_c_but_not_k_leave_the_kernels_whole():
    scene = resolve_scene("seed-3.4")  # C = 3, K = 2
    grouped = edits.with_groups(scene, 3)
    assert grouped.kernels == scene.kernels and not grouped.groups_fit
    with pytest.raises(ConvError, match="groups 3 must divide the number of kernels K = 2"):
        grouped.feature_maps()
    assert [grouped.group_of_kernel(k) for k in range(2)] == [0, 1]  # no division by K // groups = 0
    assert list(grouped.input_channels_of_kernel(1)) == []  # cut to the input's channels
    assert edits.with_groups(grouped, 1) == scene


def test_a_kernel_count_the_groups_divide_gives_each_kernel_its_group():
    grouped = edits.with_kernel_count(edits.with_groups(resolve_scene("seed-3.4"), 3), 3)
    assert grouped.groups_fit and grouped.kernel_shape == (3, 3, 1, 3)
    assert [list(grouped.input_channels_of_kernel(k)) for k in range(3)] == [[0], [1], [2]]
    assert grouped.feature_maps().shape == (3, 3, 3)
