"""The equivalent direct convolution of a transposed one.

A transposed convolution is an ordinary (forward) convolution of a derived
input: ``stride − 1`` zeros inserted between the input cells, zero padding of
``d·(k − 1) − p`` on each side (``output_padding`` more at the bottom and
right), and the kernel flipped in both axes; stride 1, the same dilation and
groups. In convviz's layout ``[kh, kw, C//groups, K]`` the kernel already reads
input channels and writes maps, so flipping is all it takes (PyTorch's
``(C, K//groups, kh, kw)`` weight has its two channel axes swapped).

Where ``p > d·(k − 1)`` the padding would be negative: the derived input is
cropped instead. The bottom/right's extra rows and columns
(``output_padding``) are zeros appended to the derived input, since a scene's
padding is the same on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from convviz.core.errors import ConvError
from convviz.core.language import translate
from convviz.core.scene import ConvParams, Kernel, Scene
from convviz.core.trace import Level, Order, StepTrace

__all__ = ["DirectEquivalent", "DirectTrace", "equivalent_direct"]


@dataclass(frozen=True, eq=False)
class DirectEquivalent:
    """The derived forward scene, and which of its input rows/columns are the
    transposed input's (the rest are inserted or appended zeros)."""

    scene: Scene
    source_rows: np.ndarray  # derived input row -> input row, −1 for a zero row
    source_cols: np.ndarray
    padding: tuple[int, int]

    def zero_rows(self) -> frozenset[int]:
        return frozenset(int(r) for r in np.flatnonzero(self.source_rows < 0))

    def zero_cols(self) -> frozenset[int]:
        return frozenset(int(c) for c in np.flatnonzero(self.source_cols < 0))


def _axis(n: int, k: int, s: int, p: int, d: int, op: int) -> tuple[np.ndarray, int]:
    """The derived input's source indices along one axis, and its (symmetric) padding."""
    spread = np.full((n - 1) * s + 1, -1)
    spread[::s] = np.arange(n)
    top = d * (k - 1) - p
    bottom = top + op
    pad = max(top, 0)
    crop_top = max(-top, 0)
    extra = bottom - pad  # past the symmetric padding: appended (or, negative, cropped)
    kept = spread[crop_top : len(spread) + min(extra, 0)]
    return np.concatenate([kept, np.full(max(extra, 0), -1)]), pad


def equivalent_direct(scene: Scene) -> DirectEquivalent:
    """The forward scene whose convolution equals ``scene``'s transposed one."""
    if not scene.params.transposed:
        raise ConvError(
            "the equivalent direct convolution is of a transposed scene; {scene_name_or_this_scene} is op "
            '"conv"',
            scene_name_or_this_scene=scene.name or 'this scene',
        )
    g = scene.transposed_geometry()  # checks the parameters
    rows, ph = _axis(g.input_hw[0], g.kernel_hw[0], g.stride[0], g.padding[0], g.dilation[0], g.output_padding[0])
    cols, pw = _axis(g.input_hw[1], g.kernel_hw[1], g.stride[1], g.padding[1], g.dilation[1], g.output_padding[1])
    if rows.size == 0 or cols.size == 0:
        raise ConvError("the equivalent direct convolution's input would be empty")
    C = scene.input_shape[2]
    derived = np.zeros((rows.size, cols.size, C))
    real_r, real_c = np.flatnonzero(rows >= 0), np.flatnonzero(cols >= 0)
    derived[np.ix_(real_r, real_c)] = scene.input[np.ix_(rows[real_r], cols[real_c])]
    kernels = tuple(Kernel(translate("frame", "{kernel} flipped").format(kernel=k.name), k.weights[::-1, ::-1].copy(), k.bias) for k in scene.kernels)
    params = ConvParams(stride=(1, 1), padding=(ph, pw), dilation=scene.params.dilation, groups=scene.params.groups)
    direct_name = translate("frame", "equivalent direct")
    name = f"{scene.name} · {direct_name}" if scene.name else direct_name
    direct = Scene(derived, kernels, params, name, scene.description)
    return DirectEquivalent(direct, rows, cols, (ph, pw))


class DirectTrace(StepTrace):
    """The forward trace of a transposed scene's equivalent direct convolution.

    Its ``scene`` is the derived forward scene (zeros inserted, kernel
    flipped); ``transposed`` is the scene it stands for.
    """

    def __init__(self, transposed: Scene, level: Level | str = Level.CHANNEL, order: Order | str = Order.KERNEL) -> None:
        self.direct = equivalent_direct(transposed)
        self.transposed = transposed
        super().__init__(self.direct.scene, level, order)

