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
- :class:`UnfoldedMatrix` is ``U`` without building it, for showing it: the
  padded input, indexed like the matrix (numpy's rules, the same numbers).

These are for showing the matrices; :func:`convviz.core.engine.conv2d` computes
the same numbers in bounded memory without ever building ``U`` whole.
"""

from __future__ import annotations

from typing import Any, Unpack

import numpy as np

from convviz.core.conv_keywords import GeometryKeywords
from convviz.core.errors import ConvError
from convviz.core.forward import _as_float_array, _padded_rows, padded_planes
from convviz.core.geometry import ConvGeometry, Pair, resolve_geometry

__all__ = ["MAX_UNFOLD_VALUES", "UnfoldedMatrix", "im2col_product", "unfold", "unfold_geometry", "weight_matrix"]

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
    (kh, kw), (oh, ow) = geometry.kernel_hw, geometry.output_hw
    _check_size(x.shape[2] * kh * kw, oh * ow)
    return _matrix(_windows(padded_planes(x, geometry), geometry))


def _check_size(rows: int, cols: int) -> None:
    if rows * cols > MAX_UNFOLD_VALUES:
        raise ConvError(
            "the unfolded input U would be [{c_kh_kw}, {oh_ow}] = {values:,} numbers; at most "
            "{max_unfold_values:,} are unfolded",
            c_kh_kw=rows, oh_ow=cols, values=rows * cols, max_unfold_values=MAX_UNFOLD_VALUES,
        )


def _matrix(windows: np.ndarray) -> np.ndarray:
    """``U`` built from its :func:`_windows`: ``[C·kh·kw, oh·ow]``."""
    C, kh, kw, oh, ow = windows.shape
    out = np.empty(windows.shape)
    np.copyto(out, windows)
    return out.reshape(C * kh * kw, oh * ow)


def _windows(planes: np.ndarray, geometry: ConvGeometry) -> np.ndarray:
    """``(C, kh, kw, oh, ow)``: ``[c, i, j, r, s]`` is ``U[(c·kh + i)·kw + j, r·ow + s]``,
    a read-only view of the padded ``planes`` ``(C, Hp, Wp)``, any strides (no copy)."""
    (kh, kw), (sh, sw), (dh, dw), (oh, ow) = geometry.kernel_hw, geometry.stride, geometry.dilation, geometry.output_hw
    sc, srow, scol = planes.strides
    shape, strides = (planes.shape[0], kh, kw, oh, ow), (sc, srow * dh, scol * dw, srow * sh, scol * sw)
    return np.lib.stride_tricks.as_strided(planes, shape, strides, writeable=False)


class UnfoldedMatrix:
    """:func:`unfold`'s ``U`` of a float64 ``(H, W, C)`` input, read where it is indexed.

    Every number of ``U`` is a cell of the padded input, and each is in ``U``
    up to kh·kw times: a 512×512×3 image with 3×3 kernels makes ``U`` 7
    million numbers (56 MB, most of a second's page faults on a busy machine)
    from 0.8 million. This keeps the padded input and its windows (a view,
    no copy) and builds what is indexed: drawing ``U`` as an image reads a
    few hundred of its columns. Indexing follows numpy's rules (slices with
    steps, cells, ``np.ix_``, masks) and gives :func:`unfold`'s numbers;
    ``np.asarray(U)`` builds the whole matrix, once.
    """

    ndim = 2
    dtype = np.dtype(np.float64)

    def __init__(self, x: np.ndarray, geometry: ConvGeometry) -> None:
        # The padded input as it is laid out, (Hp, Wp, C): one plain copy of
        # its rows (channel planes would be a transposing one). Its own copy:
        # the engine's padding may hand out a per-thread scratch buffer.
        padded = _read_only(np.array(_padded_rows(x, geometry, 0, geometry.padded_hw[0], rows_axis=0)))
        self._windows = _windows(padded.transpose(2, 0, 1), geometry)
        C, kh, kw, oh, ow = self._windows.shape
        self.shape: tuple[int, int] = (C * kh * kw, oh * ow)
        self._whole: np.ndarray | None = None

    @property
    def size(self) -> int:
        return self.shape[0] * self.shape[1]

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, key: Any) -> Any:  # noqa: ANN401 - numpy's indexing: an array, or a number for one cell
        # Each selected cell's row and column number, selected by numpy itself
        # from two zero-copy index grids, then read from the windows.
        rows = np.broadcast_to(np.arange(self.shape[0])[:, None], self.shape)[key]
        cols = np.broadcast_to(np.arange(self.shape[1])[None, :], self.shape)[key]
        _, kh, kw, _, ow = self._windows.shape
        c, tap = np.divmod(rows, kh * kw)
        i, j = np.divmod(tap, kw)
        r, s = np.divmod(cols, ow)
        return self._windows[c, i, j, r, s]

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> np.ndarray:  # noqa: ANN401 - numpy's
        if self._whole is None:
            _check_size(*self.shape)
            self._whole = _read_only(_matrix(self._windows))
        whole = self._whole if dtype is None else self._whole.astype(dtype, copy=False)
        return whole.copy() if copy else whole

    def __repr__(self) -> str:
        return f"UnfoldedMatrix(shape={self.shape})"


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


def _read_only(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


def _groups(groups: object) -> int:
    if isinstance(groups, (bool, np.bool_)) or not isinstance(groups, (int, np.integer)) or groups < 1:
        raise ConvError("groups must be a whole number ≥ 1, got {groups!r}", groups=groups)
    return int(groups)
