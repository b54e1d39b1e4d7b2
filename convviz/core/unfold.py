"""im2col: a convolution as one matrix product, the way libraries compute it.

- :func:`unfold` lays every window of the (padded) input out as a column:
  ``U`` is ``[C·kh·kw, oh·ow]``, rows ordered (channel, kernel row, kernel
  column), columns by output position, row-major. For zeros padding this is
  exactly ``torch.nn.functional.unfold`` of the input as ``[1, C, H, W]``.
- :func:`weight_matrix` lays each kernel out as a row: ``[K, (C/groups)·kh·kw]``
  in the same (channel, row, column) order.
- :func:`im2col_product` multiplies them, ``Y = W·U + b``, one block per group
  (with groups, the full weight matrix is block-diagonal), and reshapes the
  product to the feature maps ``[oh, ow, K]``.

These are for showing the matrices; :func:`convviz.core.engine.conv2d` computes
the same numbers in bounded memory without ever building ``U`` whole.
"""

from __future__ import annotations

from typing import Unpack

import numpy as np

from convviz.core.conv_keywords import GeometryKeywords
from convviz.core.errors import ConvError
from convviz.core.forward import _as_float_array, padded_planes
from convviz.core.geometry import ConvGeometry, Pair, resolve_geometry

__all__ = ["MAX_UNFOLD_VALUES", "im2col_product", "unfold", "unfold_geometry", "weight_matrix"]

# U repeats every input value up to kh·kw times; past 2²⁶ numbers (512 MiB)
# it is refused rather than allowed to exhaust memory.
MAX_UNFOLD_VALUES = 2**26


def unfold(x: object, kernel_size: Pair, **params: Unpack[GeometryKeywords]) -> np.ndarray:
    """The unfolded input ``U``: ``[C·kh·kw, oh·ow]``, float64.

    ``U[(c·kh + i)·kw + j, r·ow + s]`` is the padded input at
    ``(r·sh + i·dh, s·sw + j·dw)`` of channel ``c``: the value that weight
    ``(i, j, c)`` multiplies for output cell ``(r, s)``. Parameters are
    :func:`conv2d`'s, ``"same"``/``"valid"`` and every padding mode included.
    """
    xa = _as_float_array(x, "input", 3, "(H, W, C)")
    H, W, C = xa.shape
    if min(H, W, C) < 1:
        raise ConvError("input must not be empty, got shape [H,W,C] = [{H},{W},{C}]", H=H, W=W, C=C)
    return unfold_geometry(xa, resolve_geometry((H, W), kernel_size, **params))


def unfold_geometry(x: np.ndarray, geometry: ConvGeometry) -> np.ndarray:
    """:func:`unfold` of a float64 ``(H, W, C)`` array under a resolved geometry."""
    C = x.shape[2]
    (kh, kw), (sh, sw), (dh, dw), (oh, ow) = geometry.kernel_hw, geometry.stride, geometry.dilation, geometry.output_hw
    values = C * kh * kw * oh * ow
    if values > MAX_UNFOLD_VALUES:
        raise ConvError(
            "the unfolded input U would be [{c_kh_kw}, {oh_ow}] = {values:,} numbers; at most "
            "{max_unfold_values:,} are unfolded",
            c_kh_kw=C * kh * kw, oh_ow=oh * ow, values=values, max_unfold_values=MAX_UNFOLD_VALUES,
        )
    planes = padded_planes(x, geometry)  # (C, Hp, Wp)
    sc, srow, scol = planes.strides
    windows = np.lib.stride_tricks.as_strided(
        planes, (C, kh, kw, oh, ow), (sc, srow * dh, scol * dw, srow * sh, scol * sw), writeable=False
    )
    out = np.empty((C, kh, kw, oh, ow))
    np.copyto(out, windows)
    return out.reshape(C * kh * kw, oh * ow)


def weight_matrix(kernels: object, groups: object = 1, *, block_diagonal: bool = False) -> np.ndarray:
    """The kernels ``(kh, kw, C // groups, K)`` as rows: ``[K, (C/groups)·kh·kw]``.

    Row ``k`` holds ``kernels[i, j, c, k]`` at column ``(c·kh + i)·kw + j``,
    matching the rows of :func:`unfold`. With ``block_diagonal`` the result is
    ``[K, C·kh·kw]``: kernel ``k``'s row sits in its group's columns and is zero
    elsewhere, so ``W·U`` is the whole convolution in one product.
    """
    ka = _as_float_array(kernels, "kernels", 4, "(kh, kw, C // groups, K)")
    kh, kw, cg, K = ka.shape
    if min(ka.shape) < 1:
        raise ConvError(
            "kernels must not be empty, got shape [kh,kw,c,k] = [{kh},{kw},{cg},{K}]",
            kh=kh, kw=kw, cg=cg, K=K,
        )
    G = _groups(groups)
    if K % G:
        raise ConvError("groups {G} must divide the number of kernels K = {K}", G=G, K=K)
    rows = ka.transpose(3, 2, 0, 1).reshape(K, cg * kh * kw)
    if not block_diagonal:
        return rows
    n, Kg = cg * kh * kw, K // G
    full = np.zeros((K, G * n))
    for g in range(G):  # one block per group, not per value
        full[g * Kg : (g + 1) * Kg, g * n : (g + 1) * n] = rows[g * Kg : (g + 1) * Kg]
    return full


def im2col_product(
    unfolded: object,
    weights: object,
    bias: object = None,
    *,
    output_hw: tuple[int, int],
    groups: object = 1,
) -> np.ndarray:
    """``Y = W·U + b`` per group, reshaped to the feature maps ``[oh, ow, K]``.

    ``unfolded`` is :func:`unfold`'s ``[C·kh·kw, oh·ow]`` and ``weights``
    :func:`weight_matrix`'s ``[K, (C/groups)·kh·kw]``. Kernel ``k`` of group
    ``g`` multiplies only group ``g``'s rows of ``U``.
    """
    U = _as_float_array(unfolded, "unfolded input U", 2, "[C·kh·kw, oh·ow]")
    Wm = _as_float_array(weights, "weight matrix W", 2, "[K, (C/groups)·kh·kw]")
    G = _groups(groups)
    K, n = Wm.shape
    oh, ow = (int(v) for v in output_hw)
    if K % G:
        raise ConvError("groups {G} must divide the number of kernels K = {K}", G=G, K=K)
    if U.shape != (G * n, oh * ow):
        raise ConvError(
            "U is [{u_shape_0}, {u_shape_1}], but W [{K}, {n}] with groups {G} and output {oh}×{ow} needs U "
            "[{g_n}, {oh_ow}]",
            u_shape_0=U.shape[0], u_shape_1=U.shape[1], K=K, n=n, G=G, oh=oh, ow=ow, g_n=G * n, oh_ow=oh * ow,
        )
    b = np.zeros(K) if bias is None else _as_float_array(bias, "bias", 1, "(K,)")
    if b.shape[0] != K:
        raise ConvError("bias must have one value per kernel (K = {K}), got {b_shape_0}", K=K, b_shape_0=b.shape[0])
    Kg = K // G
    product = np.matmul(Wm.reshape(G, Kg, n), U.reshape(G, n, oh * ow)).reshape(K, oh * ow)
    product += b[:, None]
    return np.ascontiguousarray(product.T).reshape(oh, ow, K)


def _groups(groups: object) -> int:
    if isinstance(groups, (bool, np.bool_)) or not isinstance(groups, (int, np.integer)) or groups < 1:
        raise ConvError("groups must be a whole number ≥ 1, got {groups!r}", groups=groups)
    return int(groups)
