"""Applying a kernel preset: channels, sizes, one kernel or all."""

from __future__ import annotations

import numpy as np
import pytest

from convviz.core.catalogue import find_builtin
from convviz.core.errors import ConvError
from convviz.core.preset_apply import fit_preset_kernel, needs_channel_choice, with_preset_applied
from convviz.core.scene import ConvParams, Kernel, KernelPreset, Scene

SOBEL = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=float)


def sobel_kernel(channels: int = 1) -> Kernel:
    return Kernel("Sobel x", np.repeat(SOBEL[:, :, None], channels, axis=2), 0.0)


def rgb_scene(K: int = 2, k: int = 3, groups: int = 1) -> Scene:
    rng = np.random.default_rng(0)
    C = 3 if groups == 1 else 4
    kernels = [Kernel(f"W{i}", rng.integers(-2, 3, (k, k, C // groups)).astype(float), i) for i in range(K)]
    return Scene(rng.integers(0, 5, (6, 6, C)).astype(float), kernels, ConvParams(groups=groups))


def test_a_one_channel_preset_goes_on_every_channel():
    kernel = fit_preset_kernel(sobel_kernel(), 3, "every")
    assert kernel.shape == (3, 3, 3)
    for c in range(3):
        np.testing.assert_array_equal(kernel.weights[:, :, c], SOBEL)


@pytest.mark.parametrize("channel", [0, 1, 2])
def test_a_one_channel_preset_on_one_channel_leaves_the_others_zero(channel):
    kernel = fit_preset_kernel(sobel_kernel(), 3, "one", channel)
    for c in range(3):
        np.testing.assert_array_equal(kernel.weights[:, :, c], SOBEL if c == channel else 0)


def test_a_preset_with_as_many_channels_is_used_as_it_is():
    kernel = sobel_kernel(3)
    assert fit_preset_kernel(kernel, 3, "one", 2) is kernel


def test_a_preset_with_more_channels_than_the_kernels_is_refused_with_the_numbers():
    with pytest.raises(ConvError, match="has 3 channels but the kernels here have 1"):
        fit_preset_kernel(sobel_kernel(3), 1)


def test_a_two_channel_preset_repeats_over_four_and_refuses_three():
    two = Kernel("two", np.stack([SOBEL, -SOBEL], axis=2))
    fitted = fit_preset_kernel(two, 4, "every")
    np.testing.assert_array_equal(fitted.weights[:, :, 3], -SOBEL)
    with pytest.raises(ConvError, match="can't repeat evenly over 3"):
        fit_preset_kernel(two, 3, "every")
    placed = fit_preset_kernel(two, 3, "one", 1)
    np.testing.assert_array_equal(placed.weights[:, :, 0], 0)
    np.testing.assert_array_equal(placed.weights[:, :, 2], -SOBEL)
    with pytest.raises(ConvError, match="channel 1 to 2 of 3, not 3"):
        fit_preset_kernel(two, 3, "one", 2)


def test_applying_replaces_only_the_selected_kernel_with_the_presets_name_and_bias():
    scene = rgb_scene()
    preset = KernelPreset((Kernel("Sobel x", SOBEL[:, :, None], 1.5),), name="sobel-x")
    assert needs_channel_choice(scene, preset)
    result = with_preset_applied(scene, preset, kernel=1, mode="one", channel=0)
    assert result.kernels[0] == scene.kernels[0]
    assert result.kernels[1].name == "Sobel x" and result.kernels[1].bias == 1.5
    np.testing.assert_array_equal(result.kernels[1].weights[:, :, 0], SOBEL)
    np.testing.assert_array_equal(result.kernels[1].weights[:, :, 1:], 0)
    assert result.params == scene.params and np.array_equal(result.input, scene.input)


def test_a_5x5_preset_on_a_3x3_scene_resizes_every_kernel_in_the_same_step():
    scene = rgb_scene()
    gaussian = find_builtin("gaussian-5x5").item
    result = with_preset_applied(scene, gaussian, kernel=0, mode="every")
    assert result.kernel_shape == (5, 5, 3, 2)
    np.testing.assert_array_equal(result.kernels[0].weights[:, :, 2], gaussian.kernels[0].weights[:, :, 0])
    # The other kernel keeps its weights in the middle, zeros around them.
    np.testing.assert_array_equal(result.kernels[1].weights[1:4, 1:4], scene.kernels[1].weights)
    assert result.kernels[1].weights[0].sum() == 0 and result.kernels[1].weights[:, 4].sum() == 0
    assert result.feature_maps().shape == (2, 2, 2)


def test_a_3x3_preset_on_a_5x5_scene_shrinks_the_others_to_their_centre():
    scene = rgb_scene(k=5)
    result = with_preset_applied(scene, KernelPreset((sobel_kernel(3),)), kernel=1)
    assert result.kernel_shape == (3, 3, 3, 2)
    np.testing.assert_array_equal(result.kernels[0].weights, scene.kernels[0].weights[1:4, 1:4])


def test_a_preset_with_several_kernels_replaces_all_of_them():
    scene = rgb_scene(K=3)
    pair = KernelPreset((Kernel("Sobel x", SOBEL[:, :, None]), Kernel("Sobel y", SOBEL.T[:, :, None], 1)))
    result = with_preset_applied(scene, pair, kernel=2, mode="every")
    assert [k.name for k in result.kernels] == ["Sobel x", "Sobel y"]
    assert result.kernel_shape == (3, 3, 3, 2)


def test_the_kernel_name_stays_unique():
    scene = rgb_scene()
    scene = scene.with_kernel(0, Kernel("Sobel x", scene.kernels[0].weights))
    result = with_preset_applied(scene, KernelPreset((sobel_kernel(3),)), kernel=1)
    assert [k.name for k in result.kernels] == ["Sobel x", "Sobel x (2)"]
    same = with_preset_applied(result, KernelPreset((sobel_kernel(3),)), kernel=1)
    assert same.kernels[1].name == "Sobel x (2)"


def test_with_groups_the_kernel_channels_are_the_groups_share():
    scene = rgb_scene(groups=2)  # C = 4, each kernel has 2 channels
    result = with_preset_applied(scene, KernelPreset((sobel_kernel(),)), kernel=0, mode="every")
    assert result.kernel_shape == (3, 3, 2, 2)
    result.feature_maps()


def test_an_unknown_mode_is_a_programming_error():
    with pytest.raises(ValueError, match="mode must be one of"):
        fit_preset_kernel(sobel_kernel(), 3, "all")
