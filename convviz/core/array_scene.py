"""A scene from a library user's arrays: what ``convviz.show(x, kernels)`` opens.

Two layouts are accepted:

- ``"seed"`` (the default, convviz's own): ``x`` is ``(H, W, C)`` and
  ``kernels`` ``(kh, kw, C // groups, K)``;
- ``"torch"``: ``x`` is ``[C, H, W]`` (or ``[1, C, H, W]``) and ``kernels``
  PyTorch's weight, ``[K, C // groups, kh, kw]`` for ``conv2d`` and
  ``[C, K // groups, kh, kw]`` for ``conv_transpose2d``.

In either layout a 2-D ``x`` is one channel and a 2-D kernel one kernel of
one channel. NumPy arrays, nested lists and CPU torch tensors (detached
here; torch is never imported) are read; anything else is refused with a
:class:`ConvError` that names the argument and its shape.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from convviz.core import edits
from convviz.core.errors import ConvError
from convviz.core.scene import ConvParams, Kernel, Scene

__all__ = ["LAYOUTS", "as_array", "scene_from_arrays"]

LAYOUTS = ("seed", "torch")


def as_array(value: object, what: str) -> np.ndarray:
    """``value`` as a float64 array; a torch tensor must be on the CPU."""
    if type(value).__module__.split(".")[0] == "torch":
        device = getattr(value, "device", None)
        if device is not None and getattr(device, "type", "cpu") != "cpu":
            raise ConvError(
                "{what} is a tensor on {device}; move it to the CPU first ({what}.cpu())",
                what=what, device=device,
            )
        value = value.detach().numpy()  # type: ignore[attr-defined]
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ConvError("{what} must be an array of numbers: {exc}", what=what, exc=exc) from None
    if not np.isfinite(arr).all():
        raise ConvError("{what} must hold finite numbers only (no nan or inf)", what=what)
    return arr


def _shape(arr: np.ndarray) -> str:
    return "[" + ",".join(str(n) for n in arr.shape) + "]"


def _input_hwc(x: np.ndarray, layout: str) -> np.ndarray:
    if x.ndim == 2:
        return x[:, :, None]
    if layout == "torch":
        if x.ndim == 4 and x.shape[0] == 1:
            x = x[0]
        if x.ndim != 3:
            raise ConvError(
                "x must be [C,H,W] (or [1,C,H,W], or [H,W]) with layout='torch', got {x_shape}",
                x_shape=_shape(x),
            )
        return x.transpose(1, 2, 0)
    if x.ndim != 3:
        raise ConvError(
            "x must be (H, W, C) (or (H, W)) in the seed layout, got {x_shape}; for PyTorch's [C,H,W] pass "
            "layout='torch'",
            x_shape=_shape(x),
        )  # fmt: skip
    return x


def _kernels_seed(k: np.ndarray, layout: str, params: ConvParams, channels: int) -> np.ndarray:
    """``k`` as ``(kh, kw, C // groups, K)``."""
    if k.ndim == 2:
        return k[:, :, None, None]
    if k.ndim != 4:
        expected = "(kh, kw, C // groups, K)" if layout == "seed" else "[K, C // groups, kh, kw]"
        raise ConvError(
            "kernels must be 4-D {expected} (or one 2-D kernel), got {k_shape}",
            expected=expected, k_shape=_shape(k),
        )
    if layout == "seed":
        return k
    if not params.transposed:
        return k.transpose(2, 3, 1, 0)
    # conv_transpose2d's weight is [C, K // groups, kh, kw]: row g·Cg + c,
    # column k − g·Kg holds convviz's kernels[:, :, c, k] (see core.transposed).
    C, Kg, kh, kw = k.shape
    G = params.groups
    if C != channels or C % G:
        raise ConvError(
            "kernels [C,K//groups,kh,kw] = {k_shape} must have C = {channels} rows (one per input channel), "
            "divisible by groups = {G}",
            k_shape=_shape(k), channels=channels, G=G,
        )
    Cg = C // G
    blocks = k.reshape(G, Cg, Kg, kh, kw).transpose(3, 4, 1, 0, 2)  # (kh, kw, Cg, G, Kg)
    return blocks.reshape(kh, kw, Cg, G * Kg)


def scene_from_arrays(
    x: object,
    kernels: object,
    bias: object = None,
    *,
    layout: str = "seed",
    name: str = "",
    **params: Any,
) -> Scene:
    """A scene of ``x`` and ``kernels`` (and ``bias``, one per kernel), with
    :class:`ConvParams`' keywords (stride, padding, padding_mode, dilation,
    groups, op, output_padding). Raises :class:`ConvError` for bad shapes."""
    if layout not in LAYOUTS:
        raise ConvError("layout must be one of {map}, got {layout!r}", map=', '.join(map(repr, LAYOUTS)), layout=layout)
    try:
        conv_params = ConvParams(**params)
    except TypeError as exc:
        raise ConvError("unknown parameter: {exc}", exc=exc) from None
    xa = _input_hwc(as_array(x, "x"), layout)
    H, W, C = xa.shape
    edits.check_input_size(H, W, C)
    ka = _kernels_seed(as_array(kernels, "kernels"), layout, conv_params, C)
    kh, kw, c, K = ka.shape
    for key, value in (("kh", kh), ("kw", kw), ("K", K)):
        edits.check_limit(key, value)
    G = conv_params.groups
    if C % G or K % G:
        raise ConvError(
            "groups = {G} must divide both the input channels C = {C} and the kernels K = {K}",
            G=G, C=C, K=K,
        )
    if c != C // G:
        raise ConvError(
            "each kernel has {c} channel(s), but x has C = {C} channels and groups = {G}, so each kernel "
            "needs C // groups = {c_g} (kernels {ka_shape} in the seed layout (kh, kw, C // groups, K))",
            c=c, C=C, G=G, c_g=C // G, ka_shape=_shape(ka),
        )
    b = np.zeros(K) if bias is None else as_array(bias, "bias").reshape(-1)
    if b.shape[0] != K:
        raise ConvError("bias must have one value per kernel (K = {K}), got {b_shape_0}", K=K, b_shape_0=b.shape[0])
    stack = tuple(Kernel(f"W{k}", ka[:, :, :, k], float(b[k])) for k in range(K))
    return Scene(xa, stack, conv_params, name or "arrays", "")
