"""The backward pass of ``conv2d``: its gradients are convolutions too.

For ``Y = conv2d(X, W) + b`` and an upstream gradient ``dY`` of Y's shape:

- ``db[k] = Σ dY[..., k]``;
- ``dW[i, j, c, k] = Σ_{r,s} Xpad[r·sh + i·dh, s·sw + j·dw, g·c' + c] · dY[r, s, k]``,
  the correlation of the padded input with ``dY`` (dilated by the stride);
- ``dXpad`` is the transposed convolution of ``dY`` with the kernels, and
  ``dX`` folds the padding back: a padding cell that copied input cell
  ``(r, c)`` (reflect, replicate, circular) sends its gradient to ``(r, c)``;
  zeros padding sends nothing anywhere.

These are exactly what PyTorch autograd gives for ``conv2d``.
"""

from __future__ import annotations

from typing import Unpack

import numpy as np
from numpy.typing import ArrayLike

from convviz.core.conv_keywords import ConvKeywords
from convviz.core.errors import ConvError
from convviz.core.forward import ConvRequest, _as_float_array, _padded_rows, _row_blocks, _scratch, _unfolded_blocks, prepare
from convviz.core.geometry import ConvGeometry
from convviz.core.transposed import transpose_cells

__all__ = ["conv2d_backward", "fold_padding"]


def conv2d_backward(
    x: object, kernels: object, grad_output: ArrayLike, **params: Unpack[ConvKeywords]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(grad_input [H,W,C], grad_kernels [kh,kw,C//groups,K], grad_bias [K])`` of ``conv2d``.

    ``grad_output`` is ``dL/dY`` with the feature maps' shape ``[oh, ow, K]``.
    Parameters are :func:`conv2d`'s, every padding mode, ``"same"`` and
    ``"valid"`` included; a ``grad_output`` of another shape is a
    :class:`ConvError` that names both shapes.
    """
    req = prepare(x, kernels, None, **params)
    geometry = req.geometry
    K = req.kernels.shape[3]
    oh, ow = geometry.output_hw
    try:
        shape = np.shape(grad_output)
    except ValueError:  # ragged nested lists: _as_float_array says so
        shape = None
    if shape is not None and tuple(shape) != (oh, ow, K):
        raise ConvError(
            "grad_output has shape [{s_map}], but the feature maps it is the gradient of are [oh,ow,K] = "
            "[{oh},{ow},{K}]",
            s_map=','.join(map(str, shape)), oh=oh, ow=ow, K=K,
        )
    dy = _as_float_array(grad_output, "grad_output", 3, "(oh, ow, K)")
    grad_kernels, grad_bias = _grad_kernels_and_bias(req, dy)
    return _grad_input(req.kernels, dy, geometry, req.groups), grad_kernels, grad_bias


def _grad_kernels_and_bias(req: ConvRequest, dy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``dW`` and ``db``: the unfolded input times ``dY``, one block of output rows at a time.

    The unfolded blocks end in a row of ones, whose product with ``dY`` is
    ``db``: ten times cheaper than numpy's sum over the first two axes.
    """
    geometry, G = req.geometry, req.groups
    kh, kw, Cg, K = req.kernels.shape
    if geometry.stride == (1, 1) and G == 1 and Cg >= _BY_TAP_MIN_CHANNELS:
        return _grad_kernels_by_tap(req, dy)
    Kg, taps = K // G, Cg * kh * kw
    (oh, ow), sh, Wp = geometry.output_hw, geometry.stride[0], geometry.padded_hw[1]
    per_group = dy.reshape(oh * ow, G, Kg).transpose(1, 0, 2)  # (G, oh·ow, Kg)
    total = np.zeros((G, taps + 1, Kg))
    for r0, r1, cols in _unfolded_blocks(req.x, geometry, G, (ow * G * (taps + 1) + sh * Wp * G * Cg) * 8):
        # cols: (G, taps + 1, m); its last row is ones
        total += np.matmul(cols, per_group[:, r0 * ow : r1 * ow])
    # Rows (c, i, j) of each group back to the seed's (kh, kw, c, K).
    grad_kernels = total[:, :taps].reshape(G, Cg, kh, kw, Kg).transpose(2, 3, 1, 0, 4).reshape(kh, kw, Cg, K)
    return grad_kernels, total[:, taps].reshape(K)


def _grad_kernels_by_tap(req: ConvRequest, dy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``dW`` and ``db`` at stride 1 with one group: one product per tap, no unfolded copy.

    At stride 1 the input cells under tap ``(i, j)`` for a block of output
    rows are one run of the padded rows, flattened with their width ``Wp``,
    from ``i·dh·Wp + j·dw`` on: a strided ``(C, cells)`` view that BLAS
    reads as it is, so one matmul call multiplies every tap's view by ``dY``
    laid out at the same width (zeros past ``ow``, where the runs wrap into
    the next row). Measured against the unfolded blocks (alternating calls,
    one thread): 0.66 times the time for 16→16 at 28², 64² and 128², 0.56
    for 32→16, 0.84 for 8→8 and 8→3; with 3 input channels the products are
    3 rows tall, which BLAS multiplies slowly (1.5 times the time), hence
    ``_BY_TAP_MIN_CHANNELS``.
    """
    geometry = req.geometry
    kh, kw, C, K = req.kernels.shape
    (oh, ow), Wp, (dh, dw), halo = geometry.output_hw, geometry.padded_hw[1], geometry.dilation, geometry.span_hw[0] - 1
    grad_kernels = np.zeros((kh, kw, C, K))
    for r0, r1 in _row_blocks(oh, Wp * (C + K) * 8):
        n = r1 - r0
        rows = _padded_rows(req.x, geometry, r0, r1 + halo, rows_axis=0)  # (n + halo, Wp, C)
        cells = (n - 1) * Wp + ow
        s_row, s_col, s_c = rows.strides
        under_taps = np.ndarray(
            (kh, kw, C, cells), dtype=rows.dtype, buffer=rows, strides=(s_row * dh, s_col * dw, s_c, s_col)
        )
        wide = _scratch(n * Wp * K, "grad_wide").reshape(n, Wp, K)
        wide[:, ow:] = 0.0
        wide[:, :ow] = dy[r0:r1]
        grad_kernels += np.matmul(under_taps, wide.reshape(n * Wp, K)[:cells])
    return grad_kernels, np.ones(oh * ow) @ dy.reshape(oh * ow, K)


def _grad_input(kernels: np.ndarray, dy: np.ndarray, geometry: ConvGeometry, groups: int) -> np.ndarray:
    """``dX``: ``dY`` through the transposed convolution; with zeros padding
    straight onto the real input's cells, else onto the padded input, folded back."""
    kh, kw, Cg, K = kernels.shape
    # (kh, kw, G, Kg, Cg): each tap takes a group's kernels back to its channels.
    weights = kernels.reshape(kh, kw, Cg, groups, K // groups).transpose(0, 1, 3, 4, 2)
    # With zeros padding only the real input's cells are wanted: both ways
    # compute just those, with the padding as the crop.
    zeros = geometry.padding_mode == "zeros"
    crop, size = ((geometry.pad_h[0], geometry.pad_w[0]), geometry.input_hw) if zeros else ((0, 0), geometry.padded_hw)
    grad = transpose_cells(dy, weights, None, geometry.stride, geometry.dilation, crop, size)
    return grad if zeros else fold_padding(grad, geometry)


# From this many input channels on, dW goes tap by tap (see _grad_kernels_by_tap).
_BY_TAP_MIN_CHANNELS = 8


def fold_padding(padded: np.ndarray, geometry: ConvGeometry) -> np.ndarray:
    """Gradients on the padded input ``(Hp, Wp, C)`` summed onto the real input ``(H, W, C)``.

    Each padding cell's gradient goes to the cell it copies (the geometry's
    row and column maps); a zero padding cell copies nothing, so its
    gradient goes nowhere.
    """
    (H, W), (Hp, Wp), top, left = geometry.input_hw, geometry.padded_hw, geometry.pad_h[0], geometry.pad_w[0]
    if geometry.padding_mode == "zeros":
        return padded[top : top + H, left : left + W].copy()
    rows = padded[top : top + H].copy()
    rows_in_padding = np.concatenate((np.arange(top), np.arange(top + H, Hp)))
    if rows_in_padding.size:
        # add.at sums repeated targets (a replicated edge row gets every copy).
        np.add.at(rows, geometry.row_map[rows_in_padding], padded[rows_in_padding])
    grad = rows[:, left : left + W].copy()
    cols_in_padding = np.concatenate((np.arange(left), np.arange(left + W, Wp)))
    if cols_in_padding.size:
        # numpy's stubs allow only integer arrays as add.at's indices; its
        # documentation (and the runtime) also takes a tuple with slices.
        columns = (slice(None), geometry.col_map[cols_in_padding])
        np.add.at(grad, columns, rows[:, cols_in_padding])  # type: ignore[arg-type]
    return grad
