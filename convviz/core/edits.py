"""Pure scene edits: each takes a scene and returns a new one.

The window's undo commands are thin wrappers around these, so every edit a
user can make is testable without Qt.

Matrices are addressed by ``(target, kernel, channel)``: ``target`` is
``"input"`` (``kernel`` ignored) or ``"kernel"``; ``channel`` indexes the
input's channels or the kernel's own channels.
"""

from __future__ import annotations

import re

import numpy as np

from convviz.core.errors import ConvError
from convviz.core.scene import ConvParams, Kernel, Scene

__all__ = [
    "LIMITS",
    "check_input_size",
    "check_limit",
    "check_block_finite",
    "check_params_limits",
    "check_results_finite",
    "matrix_of",
    "unique_kernel_name",
    "with_block",
    "with_groups",
    "with_input_size",
    "with_kernel_added",
    "with_kernel_count",
    "with_kernel_moved",
    "with_kernel_removed",
    "with_kernel_size",
]

# Sizes the editor allows. Large enough for real images in image mode,
# small enough that a typo (H = 100000) can't exhaust memory.
LIMITS = {
    "H": 4096,
    "W": 4096,
    "C": 64,
    "kh": 31,
    "kw": 31,
    "K": 64,
    "stride": 16,
    "dilation": 16,
    "padding": 64,
    "groups": 64,
}
# The whole input, all channels: 16.8 million values (128 MiB) is a
# 4096×4096 grey image or a 2365×2365 colour one.
MAX_INPUT_VALUES = 2**24


def matrix_of(scene: Scene, target: str, kernel: int, channel: int) -> np.ndarray:
    """The read-only 2-D matrix a grid shows."""
    if target == "input":
        return scene.input[:, :, channel]
    if target == "kernel":
        return scene.kernels[kernel].weights[:, :, channel]
    raise ValueError(f"unknown target {target!r}")


def with_block(scene: Scene, target: str, kernel: int, channel: int, row: int, col: int, block: np.ndarray) -> Scene:
    """``block`` written into one matrix with its top-left at ``(row, col)``."""
    block = np.asarray(block, dtype=np.float64)
    if block.ndim != 2:
        raise ConvError("a block of values must be 2-D, got shape {block_shape}", block_shape=block.shape)
    source = scene.input if target == "input" else scene.kernels[kernel].weights
    rows, cols = source.shape[:2]
    if row < 0 or col < 0 or row + block.shape[0] > rows or col + block.shape[1] > cols:
        raise ConvError(
            "a {block_shape_0}×{block_shape_1} block at row {row}, column {col} does not fit a {rows}×{cols} "
            "grid",
            block_shape_0=block.shape[0], block_shape_1=block.shape[1], row=row, col=col, rows=rows, cols=cols,
        )
    if not np.isfinite(block).all():
        raise ConvError("values must be finite numbers")
    values = source.copy()
    values[row : row + block.shape[0], col : col + block.shape[1], channel] = block
    if target == "input":
        result = scene.with_input(values)
        if "input_abs_bound" in scene.__dict__:  # carry the bound forward: O(block), not O(input)
            result.__dict__["input_abs_bound"] = max(scene.input_abs_bound, float(np.abs(block).max()))
        return result
    return scene.with_kernel(kernel, scene.kernels[kernel].with_weights(values))


def check_limit(name: str, value: int) -> None:
    """Refuse a size or parameter beyond what the window allows (``LIMITS``)."""
    low = 0 if name == "padding" else 1
    if not low <= value <= LIMITS[name]:
        raise ConvError(
            "{name} must be between {low} and {limits_name}, got {value}",
            name=name, low=low, limits_name=LIMITS[name], value=value,
        )


_check_limit = check_limit


def check_input_size(H: int, W: int, C: int) -> None:
    for name, value in (("H", H), ("W", W), ("C", C)):
        check_limit(name, value)
    if H * W * C > MAX_INPUT_VALUES:
        raise ConvError(
            "an input of [{H},{W},{C}] would hold {h_w_c:,} values; convviz handles at most "
            "{max_input_values:,} (for larger images, open them with File → Open Image… and downsize)",
            H=H, W=W, C=C, h_w_c=H * W * C, max_input_values=MAX_INPUT_VALUES,
        )


def check_params_limits(params: ConvParams) -> None:
    """Stride, dilation, custom padding and groups within the window's limits."""
    for name in ("stride", "dilation", "padding"):
        value = getattr(params, name)
        if isinstance(value, str):  # "same" / "valid" follow from the kernel
            continue
        for v in value:
            check_limit(name, v)
    check_limit("groups", params.groups)


# A bound on every product and sum below this cannot overflow a float64
# (whose largest value is about 1.8e308); only above it are the maps computed
# to find out.
_SAFE_BOUND = 1e300


def check_block_finite(scene: Scene, target: str, kernel: int, channel: int, row: int, col: int, block: np.ndarray) -> None:
    """Refuse writing ``block`` if the feature maps would then overflow.

    The same bound as :func:`check_results_finite`, taken with the block's
    values, so a typed value is checked without copying a large input.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        block_max = float(np.abs(block).max()) if block.size else 0.0
        x_max = scene.input_abs_bound
        w_sums = [float(np.abs(k.weights).sum()) for k in scene.kernels]
        if target == "input":
            x_max = max(x_max, block_max)
        else:
            w_sums[kernel] += block.size * block_max
        bound = x_max * max(w_sums) + max(abs(k.bias) for k in scene.kernels)
    if bound < _SAFE_BOUND:
        return
    check_results_finite(with_block(scene, target, kernel, channel, row, col, block))


def check_results_finite(scene: Scene) -> None:
    """Refuse a scene whose feature maps would not be finite numbers.

    The message names the first kernel and output cell that overflows. A
    cheap bound (largest input times the largest sum of absolute weights,
    plus the largest bias) settles almost every scene without computing.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        x_max = scene.input_abs_bound
        w_sum = max(float(np.abs(k.weights).sum()) for k in scene.kernels)
        b_max = max(abs(k.bias) for k in scene.kernels)
        bound = x_max * w_sum + b_max
    if bound < _SAFE_BOUND:
        return
    try:
        scene.request()
    except ConvError:
        return  # impossible for another reason, which is explained where it shows
    scene.feature_maps()  # raises, naming the kernel and the cell


def _resized(values: np.ndarray, shape: tuple[int, ...], centred: bool) -> np.ndarray:
    """``values`` cut or zero-extended to ``shape``, at the top-left or centred."""
    out = np.zeros(shape)
    src, dst = [], []
    for old, new in zip(values.shape, shape):
        n = min(old, new)
        a = (old - n) // 2 if centred else 0
        b = (new - n) // 2 if centred else 0
        src.append(slice(a, a + n))
        dst.append(slice(b, b + n))
    out[tuple(dst)] = values[tuple(src)]
    return out


def _with_kernel_channels_fitted(scene: Scene) -> Scene:
    """Each kernel cut or zero-extended to ``C // groups`` channels, but only
    when the groups divide both C and K: otherwise the scene is impossible
    anyway (the engine says why) and cutting channels would lose weights the
    user gets back by undoing the groups or channel change."""
    kh, kw, c, K = scene.kernel_shape
    C, groups = scene.input_shape[2], scene.params.groups
    if C % groups or K % groups or c == C // groups:
        return scene
    kernels = [k.with_weights(_resized(k.weights, (kh, kw, C // groups), centred=False)) for k in scene.kernels]
    return scene.with_kernels(kernels)


def with_input_size(scene: Scene, H: int, W: int, C: int) -> Scene:
    """The input resized (new cells are 0, the top-left is kept).

    When the groups divide the new channel count and the kernel count, the
    kernels follow: each gets ``C // groups`` channels (new ones are 0).
    Otherwise they stay as they are and the engine reports the mismatch.
    """
    check_input_size(H, W, C)
    return _with_kernel_channels_fitted(scene.with_input(_resized(scene.input, (H, W, C), centred=False)))


def with_kernel_size(scene: Scene, kh: int, kw: int) -> Scene:
    """Every kernel resized; the weights stay centred (a 3×3 Sobel grows into
    the middle of a 5×5)."""
    _check_limit("kh", kh)
    _check_limit("kw", kw)
    c = scene.kernel_shape[2]
    return scene.with_kernels([k.with_weights(_resized(k.weights, (kh, kw, c), centred=True)) for k in scene.kernels])


def with_groups(scene: Scene, groups: int) -> Scene:
    """New groups; kernels get ``C // groups`` channels when the groups divide C and K."""
    _check_limit("groups", groups)
    return _with_kernel_channels_fitted(scene.with_params(groups=groups))


def unique_kernel_name(scene: Scene, stem: str = "W") -> str:
    """``W{n}`` for the smallest ``n`` not taken."""
    taken = {k.name for k in scene.kernels}
    numbers = [int(m.group(1)) for name in taken if (m := re.fullmatch(re.escape(stem) + r"(\d+)", name))]
    n = max(numbers, default=-1) + 1
    while f"{stem}{n}" in taken:
        n += 1
    return f"{stem}{n}"


def with_kernel_added(scene: Scene, index: int | None = None, kernel: Kernel | None = None) -> Scene:
    """A kernel inserted at ``index`` (default: at the end): a copy of
    ``kernel`` with a fresh name, or zeros."""
    kh, kw, c, K = scene.kernel_shape
    if K >= LIMITS["K"]:
        raise ConvError("a scene can have at most {limits_k} kernels", limits_k=LIMITS['K'])
    name = unique_kernel_name(scene)
    new = Kernel(name, np.zeros((kh, kw, c)), 0.0) if kernel is None else Kernel(name, kernel.weights, kernel.bias)
    kernels = list(scene.kernels)
    kernels.insert(K if index is None else index, new)
    return scene.with_kernels(kernels)


def with_kernel_removed(scene: Scene, index: int) -> Scene:
    if len(scene.kernels) == 1:
        raise ConvError("a scene needs at least one kernel")
    kernels = list(scene.kernels)
    del kernels[index]
    return scene.with_kernels(kernels)


def with_kernel_moved(scene: Scene, index: int, to: int) -> Scene:
    kernels = list(scene.kernels)
    kernels.insert(to, kernels.pop(index))
    return scene.with_kernels(kernels)


def with_kernel_count(scene: Scene, K: int) -> Scene:
    """Kernels added (zeros) or removed at the end until there are ``K``;
    when the groups now divide K, the kernels take ``C // groups`` channels."""
    _check_limit("K", K)
    result = scene
    while len(result.kernels) < K:
        result = with_kernel_added(result)
    if len(result.kernels) > K:
        result = result.with_kernels(result.kernels[:K])
    return _with_kernel_channels_fitted(result)
