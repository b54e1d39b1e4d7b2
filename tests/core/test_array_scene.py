"""``convviz.show(x, kernels, ...)``'s argument conversion: seed and torch
layouts, CPU tensors, and clear refusals, all without a window."""

from __future__ import annotations

import numpy as np
import pytest

from convviz.core.array_scene import scene_from_arrays
from convviz.core.engine import conv2d, conv_transpose2d
from convviz.core.errors import ConvError

RNG = np.random.default_rng(7)
X_HWC = RNG.integers(-3, 4, size=(5, 6, 4)).astype(float)
K_SEED = RNG.integers(-2, 3, size=(3, 2, 2, 6)).astype(float)  # (kh, kw, C // groups, K), groups 2
BIAS = np.arange(6.0)


def test_the_seed_layout_is_taken_as_it_is():
    scene = scene_from_arrays(X_HWC, K_SEED, BIAS, groups=2, stride=(2, 1), padding=1)
    np.testing.assert_array_equal(scene.input, X_HWC)
    np.testing.assert_array_equal(scene.kernel_stack, K_SEED)
    np.testing.assert_array_equal(scene.biases, BIAS)
    assert scene.params.stride == (2, 1) and scene.params.padding == (1, 1) and scene.params.groups == 2
    np.testing.assert_array_equal(scene.feature_maps(), conv2d(X_HWC, K_SEED, BIAS, groups=2, stride=(2, 1), padding=1))


def test_the_torch_layout_reads_chw_and_kchw_and_gives_the_same_scene():
    x_chw = X_HWC.transpose(2, 0, 1)
    w_torch = K_SEED.transpose(3, 2, 0, 1)  # [K, C // groups, kh, kw]
    seed = scene_from_arrays(X_HWC, K_SEED, BIAS, groups=2)
    for x in (x_chw, x_chw[None]):  # [C,H,W] or a batch of one
        torch_scene = scene_from_arrays(x, w_torch, BIAS, layout="torch", groups=2)
        np.testing.assert_array_equal(torch_scene.input, seed.input)
        np.testing.assert_array_equal(torch_scene.kernel_stack, seed.kernel_stack)


def test_a_torch_layout_transposed_weight_is_c_by_k_over_groups():
    # conv_transpose2d's weight [C, K // groups, kh, kw]: C = 4 inputs, K = 6 outputs, groups 2.
    wT = RNG.integers(-2, 3, size=(4, 3, 2, 3)).astype(float)
    scene = scene_from_arrays(X_HWC.transpose(2, 0, 1), wT, BIAS, layout="torch", groups=2, op="conv_transpose", stride=2)
    kh, kw, cg, K = scene.kernel_shape
    assert (kh, kw, cg, K) == (2, 3, 2, 6)
    # Kernel k of group g reads channel g·2 + c with weight wT[g·2 + c, k − g·3].
    for k in range(6):
        g = k // 3
        for c in range(2):
            np.testing.assert_array_equal(scene.kernel_stack[:, :, c, k], wT[g * 2 + c, k - g * 3])
    np.testing.assert_allclose(
        scene.feature_maps(), conv_transpose2d(X_HWC, scene.kernel_stack, BIAS, groups=2, stride=2)
    )


def test_two_d_arrays_are_one_channel_and_one_kernel():
    scene = scene_from_arrays(np.ones((4, 4)), np.eye(3))
    assert scene.input_shape == (4, 4, 1) and scene.kernel_shape == (3, 3, 1, 1)
    assert scene.biases.tolist() == [0.0]


def test_a_cpu_torch_tensor_that_requires_grad_is_read():
    torch = pytest.importorskip("torch")
    x = torch.tensor(X_HWC.transpose(2, 0, 1), requires_grad=True)
    w = torch.nn.Parameter(torch.tensor(K_SEED.transpose(3, 2, 0, 1)))
    scene = scene_from_arrays(x, w, torch.arange(6.0), layout="torch", groups=2)
    np.testing.assert_array_equal(scene.kernel_stack, K_SEED)
    expected = torch.nn.functional.conv2d(x[None], w, torch.arange(6.0, dtype=torch.float64), groups=2)[0]
    np.testing.assert_allclose(scene.feature_maps(), expected.detach().numpy().transpose(1, 2, 0))


@pytest.mark.parametrize(
    ("args", "kwargs", "mentions"),
    [
        ((np.ones((5, 5, 3)), np.ones((3, 3, 2, 1))), {}, "C // groups = 3"),
        ((np.ones((3, 5, 5)), np.ones((1, 2, 3, 3))), {"layout": "torch"}, "C // groups = 3"),
        ((np.ones((5, 5, 3, 1, 1)), np.ones((3, 3, 3, 1))), {}, "(H, W, C)"),
        ((np.ones((2, 3, 5, 5)), np.ones((1, 3, 3, 3))), {"layout": "torch"}, "[C,H,W]"),
        ((np.ones((5, 5, 3)), np.ones((3, 3, 3))), {}, "4-D"),
        ((np.ones((5, 5, 1)), np.ones((3, 3, 1, 2)), [1.0]), {}, "one value per kernel (K = 2)"),
        ((np.ones((5, 5, 1)), np.ones((3, 3, 1, 1))), {"layout": "tf"}, "layout"),
        ((np.ones((5, 5, 1)), np.ones((3, 3, 1, 1))), {"strides": 2}, "unknown parameter"),
        ((np.ones((5, 5, 1)), np.ones((3, 3, 1, 1))), {"stride": 0}, "stride"),
        ((np.full((5, 5, 1), np.nan), np.ones((3, 3, 1, 1))), {}, "finite"),
        ((np.ones((5, 5, 3)), np.ones((3, 3, 1, 2))), {"groups": 3}, "groups = 3 must divide"),
        (([["a"]], np.ones((3, 3, 1, 1))), {}, "numbers"),
    ],
)
def test_bad_shapes_are_refused_with_a_value_error_that_names_them(args, kwargs, mentions):
    with pytest.raises(ValueError, match=None) as info:
        scene_from_arrays(*args, **kwargs)
    assert isinstance(info.value, ConvError)
    assert mentions in str(info.value)
