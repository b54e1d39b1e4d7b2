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
from convviz.core.forward import ConvRequest, _as_float_array, _row_blocks, _unfold, prepare
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
    Kg, taps = K // G, Cg * kh * kw
    (oh, ow), sh, Wp = geometry.output_hw, geometry.stride[0], geometry.padded_hw[1]
    per_group = dy.reshape(oh * ow, G, Kg).transpose(1, 0, 2)  # (G, oh·ow, Kg)
    total = np.zeros((G, taps + 1, Kg))
    planes = req.x.transpose(2, 0, 1)
    for r0, r1 in _row_blocks(oh, (ow * G * (taps + 1) + sh * Wp * G * Cg) * 8):
        cols = _unfold(planes, geometry, G, r0, r1)  # (G, taps + 1, m); its last row is ones
        total += np.matmul(cols, per_group[:, r0 * ow : r1 * ow])
    # Rows (c, i, j) of each group back to the seed's (kh, kw, c, K).
    grad_kernels = total[:, :taps].reshape(G, Cg, kh, kw, Kg).transpose(2, 3, 1, 0, 4).reshape(kh, kw, Cg, K)
    return grad_kernels, total[:, taps].reshape(K)


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
