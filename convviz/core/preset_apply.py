"""Applying a kernel preset to a scene: pure functions, no Qt.

A preset rarely has exactly the shape the scene needs. The rules, chosen so
that what the teacher sees is the preset they picked:

* **Fewer channels** (a 2-D Sobel on a 3-channel input): the caller chooses
  ``"every"`` (the same weights on every channel) or ``"one"`` (the weights
  on one channel, the others zero). A preset with several channels is
  placed starting at that channel under ``"one"``, and repeated under
  ``"every"`` when it divides the channel count.
* **More channels** than the kernels have: refused with :class:`ConvError`.
  Dropping weights silently would give feature maps the preset doesn't
  promise; the message says to raise the input's channel count first.
* **Another size** (a 5×5 Gaussian on a 3×3 scene): every kernel takes the
  preset's size, in the same step. The other kernels keep their weights
  centred (zero-extended when growing, their outer ring cut when shrinking;
  undo brings it back), exactly as the kernel-size spin box does.
* A one-kernel preset replaces the *selected* kernel; a preset with several
  kernels (Sobel x and Sobel y saved together) replaces *all* of them.
* The kernel takes the preset's kernel name and bias. The preset's
  parameters (stride, padding, …) are left alone: they belong to the scene.
"""

from __future__ import annotations

import numpy as np

from convviz.core import edits
from convviz.core.errors import ConvError
from convviz.core.scene import Kernel, KernelPreset, Scene

__all__ = ["CHANNEL_MODES", "fit_preset_kernel", "needs_channel_choice", "with_preset_applied"]

CHANNEL_MODES = ("every", "one")


def needs_channel_choice(scene: Scene, preset: KernelPreset) -> bool:
    """True when the preset's kernels have fewer channels than the scene's."""
    return preset.kernel_shape[2] < scene.kernel_shape[2]


def fit_preset_kernel(preset_kernel: Kernel, channels: int, mode: str = "every", channel: int = 0) -> Kernel:
    """``preset_kernel`` with exactly ``channels`` channels.

    ``mode`` is ``"every"`` or ``"one"``; ``channel`` (from 0) is where
    ``"one"`` puts the weights. Raises :class:`ConvError` when the preset
    has more channels than ``channels`` or the request can't be met.
    """
    if mode not in CHANNEL_MODES:
        raise ValueError(f"mode must be one of {', '.join(CHANNEL_MODES)}, got {mode!r}")
    kh, kw, c = preset_kernel.shape
    if c == channels:
        return preset_kernel
    if c > channels:
        raise ConvError(
            "the preset {preset_kernel_name!r} has {c} channels but the kernels here have {channels}; raise "
            "the input's channel count C until each kernel has {c}, or pick a preset with {channels}",
            preset_kernel_name=preset_kernel.name, c=c, channels=channels,
        )
    weights = np.zeros((kh, kw, channels))
    if mode == "every":
        if channels % c:
            raise ConvError(
                "the preset {preset_kernel_name!r} has {c} channels, which can't repeat evenly over {channels}; "
                "put it on one channel instead",
                preset_kernel_name=preset_kernel.name, c=c, channels=channels,
            )
        weights[:] = np.tile(preset_kernel.weights, (1, 1, channels // c))
    else:
        if not 0 <= channel <= channels - c:
            last = channels - c + 1
            raise ConvError(
                "a {c}-channel preset can start at channel 1 to {last} of {channels}, not {channel_1}",
                c=c, last=last, channels=channels, channel_1=channel + 1,
            )
        weights[:, :, channel : channel + c] = preset_kernel.weights
    return preset_kernel.with_weights(weights)


def _unique_name(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    n = 2
    while f"{name} ({n})" in taken:
        n += 1
    return f"{name} ({n})"


def with_preset_applied(
    scene: Scene, preset: KernelPreset, kernel: int = 0, mode: str = "every", channel: int = 0
) -> Scene:
    """The scene with ``preset`` applied (see the module's rules).

    ``kernel`` is the selected kernel, used when the preset has one kernel.
    """
    kh, kw = preset.kernels[0].shape[:2]
    channels = scene.kernel_shape[2]
    fitted = [fit_preset_kernel(k, channels, mode, channel) for k in preset.kernels]
    result = scene
    if (kh, kw) != scene.kernel_shape[:2]:
        result = edits.with_kernel_size(result, kh, kw)
    if len(fitted) == 1:
        if not 0 <= kernel < len(result.kernels):
            raise ConvError(
                "there is no kernel {kernel_1}; the scene has {n_kernels}",
                kernel_1=kernel + 1, n_kernels=len(result.kernels),
            )
        others = {k.name for i, k in enumerate(result.kernels) if i != kernel}
        new = fitted[0]
        return result.with_kernel(kernel, Kernel(_unique_name(new.name, others), new.weights, new.bias))
    if len(fitted) > edits.LIMITS["K"]:
        raise ConvError(
            "a scene can have at most {edits_limits_k} kernels; the preset has {n_fitted}",
            edits_limits_k=edits.LIMITS['K'], n_fitted=len(fitted),
        )
    groups = scene.params.groups
    if len(fitted) % groups:
        raise ConvError(
            "the preset has {n_fitted} kernels, but groups = {groups} must divide the number of kernels",
            n_fitted=len(fitted), groups=groups,
        )
    taken: set[str] = set()
    kernels = []
    for k in fitted:
        name = _unique_name(k.name, taken)
        taken.add(name)
        kernels.append(Kernel(name, k.weights, k.bias))
    return result.with_kernels(kernels)
