"""A plain-loop conv2d, written straight from the definition of PyTorch's ``conv2d``.

Slow on purpose and independent of the engine: no numpy padding, no
unfolding, no matrix products. Every padded cell is found by index
arithmetic, one cell at a time:

- zeros: outside the input reads 0;
- reflect: mirror at the edge without repeating it (row -1 reads row 1);
- replicate: clamp to the edge (row -1 reads row 0);
- circular: wrap around (row -1 reads row H-1).

Shapes are the engine's: ``x`` ``(H, W, C)``, ``kernels`` ``(kh, kw, C // groups, K)``,
``bias`` ``(K,)`` or None, result ``(oh, ow, K)``.

An impossible request raises :class:`InvalidRequest` (PyTorch raises for the
same requests); the tests then expect the engine to raise ``ConvError``.
"""

from __future__ import annotations

import numpy as np

PADDING_MODES = ("zeros", "reflect", "replicate", "circular")


class InvalidRequest(Exception):
    """PyTorch's conv2d refuses this request."""


def pair(value) -> tuple[int, int]:
    if isinstance(value, (tuple, list)):
        h, w = value
    else:
        h = w = value
    return int(h), int(w)


def resolve_pads(
    input_hw: tuple[int, int],
    kernel_hw: tuple[int, int],
    stride,
    padding,
    dilation,
    padding_mode: str,
) -> tuple[tuple[int, int], tuple[int, int]]:
    """``((top, bottom), (left, right))``, or :class:`InvalidRequest`."""
    (H, W), (kh, kw) = input_hw, kernel_hw
    sh, sw = pair(stride)
    dh, dw = pair(dilation)
    if padding_mode not in PADDING_MODES:
        raise InvalidRequest(f"padding_mode {padding_mode!r}")
    if min(sh, sw) < 1:
        raise InvalidRequest("stride < 1")
    if min(dh, dw) < 1:
        raise InvalidRequest("dilation < 1")
    if padding == "valid":
        pads = (0, 0), (0, 0)
    elif padding == "same":
        if (sh, sw) != (1, 1):
            raise InvalidRequest('padding "same" with stride > 1')
        # Total padding d*(k-1); the odd one goes at the bottom/right.
        th, tw = dh * (kh - 1), dw * (kw - 1)
        pads = (th // 2, th - th // 2), (tw // 2, tw - tw // 2)
    elif isinstance(padding, str):
        raise InvalidRequest(f"padding {padding!r}")
    else:
        ph, pw = pair(padding)
        if min(ph, pw) < 0:
            raise InvalidRequest("negative padding")
        pads = (ph, ph), (pw, pw)
    (top, bottom), (left, right) = pads
    if padding_mode == "reflect" and (max(top, bottom) >= H or max(left, right) >= W):
        raise InvalidRequest("reflect padding must be smaller than the input")
    if padding_mode == "circular" and (max(top, bottom) > H or max(left, right) > W):
        raise InvalidRequest("circular padding must not exceed the input")
    return pads


def output_hw(input_hw, kernel_hw, stride, pads, dilation) -> tuple[int, int]:
    """``(oh, ow)`` from the output-size formula, or :class:`InvalidRequest`."""
    sh, sw = pair(stride)
    dh, dw = pair(dilation)
    (top, bottom), (left, right) = pads
    oh = (input_hw[0] + top + bottom - dh * (kernel_hw[0] - 1) - 1) // sh + 1
    ow = (input_hw[1] + left + right - dw * (kernel_hw[1] - 1) - 1) // sw + 1
    if oh < 1 or ow < 1:
        raise InvalidRequest("kernel larger than the padded input")
    return oh, ow


def source_index(i: int, n: int, padding_mode: str) -> int | None:
    """The real index that input index ``i`` (maybe outside ``0..n-1``) reads,
    or None for a zero."""
    if 0 <= i < n:
        return i
    if padding_mode == "zeros":
        return None
    if padding_mode == "reflect":  # mirror, the edge itself not repeated
        return -i if i < 0 else 2 * (n - 1) - i
    if padding_mode == "replicate":
        return 0 if i < 0 else n - 1
    if padding_mode == "circular":
        return i % n
    raise InvalidRequest(f"padding_mode {padding_mode!r}")


def padded_value(x: np.ndarray, row: int, col: int, channel: int, padding_mode: str) -> float:
    """The value at input coordinates ``(row, col)``, which may lie in the padding."""
    H, W, _ = x.shape
    r, c = source_index(row, H, padding_mode), source_index(col, W, padding_mode)
    if r is None or c is None:
        return 0.0
    return float(x[r, c, channel])


def _check(x: np.ndarray, kernels: np.ndarray, bias, groups: int) -> None:
    if x.ndim != 3 or kernels.ndim != 4:
        raise InvalidRequest("ranks")
    C, (cg, K) = x.shape[2], kernels.shape[2:]
    if groups < 1 or C % groups or K % groups:
        raise InvalidRequest("groups must divide C and K")
    if cg != C // groups:
        raise InvalidRequest("kernel channels != C // groups")
    if bias is not None and len(bias) != K:
        raise InvalidRequest("bias length")


def conv2d_partials_loop(
    x, kernels, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"
) -> np.ndarray:
    """Each kernel channel's partial sum: ``(oh, ow, K, C // groups)``."""
    x, kernels = np.asarray(x, dtype=np.float64), np.asarray(kernels, dtype=np.float64)
    _check(x, kernels, bias, groups)
    H, W, _ = x.shape
    kh, kw, cg, K = kernels.shape
    pads = resolve_pads((H, W), (kh, kw), stride, padding, dilation, padding_mode)
    oh, ow = output_hw((H, W), (kh, kw), stride, pads, dilation)
    out = np.zeros((oh, ow, K, cg))
    for r in range(oh):
        for c in range(ow):
            for k in range(K):
                out[r, c, k] = cell_partials_loop(x, kernels, k, r, c, stride, pads, dilation, groups, padding_mode)
    return out


def cell_partials_loop(x, kernels, k, out_row, out_col, stride, pads, dilation, groups, padding_mode) -> list[float]:
    """Partial sums of output cell ``(out_row, out_col)`` of kernel ``k``, one per kernel channel."""
    kh, kw, cg, K = kernels.shape
    sh, sw = pair(stride)
    dh, dw = pair(dilation)
    top, left = pads[0][0], pads[1][0]
    group = k // (K // groups)
    partials = []
    for ch in range(cg):
        total = 0.0
        for i in range(kh):
            for j in range(kw):
                row = out_row * sh + i * dh - top  # input coordinates; may be padding
                col = out_col * sw + j * dw - left
                total += padded_value(x, row, col, group * cg + ch, padding_mode) * float(kernels[i, j, ch, k])
        partials.append(total)
    return partials


def conv2d_loop(x, kernels, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros") -> np.ndarray:
    """PyTorch's conv2d by definition: ``(oh, ow, K)``, or :class:`InvalidRequest`."""
    partials = conv2d_partials_loop(x, kernels, bias, stride, padding, dilation, groups, padding_mode)
    b = np.zeros(partials.shape[2]) if bias is None else np.asarray(bias, dtype=np.float64)
    out = np.zeros(partials.shape[:3])
    for r in range(out.shape[0]):
        for c in range(out.shape[1]):
            for k in range(out.shape[2]):
                out[r, c, k] = sum(partials[r, c, k]) + b[k]
    return out


def conv2d_loop_at(
    x, kernels, bias, out_row, out_col, k, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"
) -> float:
    """One output value, for inputs too big to loop over entirely."""
    x, kernels = np.asarray(x, dtype=np.float64), np.asarray(kernels, dtype=np.float64)
    _check(x, kernels, bias, groups)
    pads = resolve_pads(x.shape[:2], kernels.shape[:2], stride, padding, dilation, padding_mode)
    oh, ow = output_hw(x.shape[:2], kernels.shape[:2], stride, pads, dilation)
    assert 0 <= out_row < oh and 0 <= out_col < ow
    b = 0.0 if bias is None else float(bias[k])
    return sum(cell_partials_loop(x, kernels, k, out_row, out_col, stride, pads, dilation, groups, padding_mode)) + b


# -- im2col, transposed convolution and the backward pass, by definition ----------


def unfold_loop(x, kernel_hw, stride=1, padding=0, dilation=1, padding_mode="zeros") -> np.ndarray:
    """``U[(c·kh + i)·kw + j, r·ow + s]``: the input cell weight ``(i, j, c)`` multiplies
    for output ``(r, s)``, found one cell at a time."""
    x = np.asarray(x, dtype=np.float64)
    H, W, C = x.shape
    kh, kw = kernel_hw
    pads = resolve_pads((H, W), (kh, kw), stride, padding, dilation, padding_mode)
    oh, ow = output_hw((H, W), (kh, kw), stride, pads, dilation)
    (sh, sw), (dh, dw) = pair(stride), pair(dilation)
    top, left = pads[0][0], pads[1][0]
    U = np.zeros((C * kh * kw, oh * ow))
    for c in range(C):
        for i in range(kh):
            for j in range(kw):
                for r in range(oh):
                    for s in range(ow):
                        row, col = r * sh + i * dh - top, s * sw + j * dw - left
                        U[(c * kh + i) * kw + j, r * ow + s] = padded_value(x, row, col, c, padding_mode)
    return U


def conv_transpose2d_loop(
    x, kernels, bias=None, stride=1, padding=0, output_padding=0, dilation=1, groups=1
) -> np.ndarray:
    """The transposed convolution by its definition: every input cell ``x[iy, ix, c]``
    adds ``x·w[i, j, c, k]`` to ``y[iy·sh − ph + i·dh, ix·sw − pw + j·dw, k]`` when that
    lies inside the output. :class:`InvalidRequest` where PyTorch refuses."""
    x, kernels = np.asarray(x, dtype=np.float64), np.asarray(kernels, dtype=np.float64)
    _check(x, kernels, bias, groups)
    H, W, _ = x.shape
    kh, kw, cg, K = kernels.shape
    (sh, sw), (ph, pw), (oph, opw), (dh, dw) = pair(stride), pair(padding), pair(output_padding), pair(dilation)
    if min(sh, sw, dh, dw) < 1 or min(ph, pw, oph, opw) < 0:
        raise InvalidRequest("stride/dilation < 1 or negative padding")
    if (oph >= sh and oph >= dh) or (opw >= sw and opw >= dw):
        raise InvalidRequest("output_padding must be smaller than stride or dilation")
    oh = (H - 1) * sh - 2 * ph + dh * (kh - 1) + oph + 1
    ow = (W - 1) * sw - 2 * pw + dw * (kw - 1) + opw + 1
    if oh < 1 or ow < 1:
        raise InvalidRequest("output smaller than 1×1")
    kg = K // groups
    y = np.zeros((oh, ow, K))
    for iy in range(H):
        for ix in range(W):
            for k in range(K):
                g = k // kg
                for c in range(cg):
                    for i in range(kh):
                        for j in range(kw):
                            r, s = iy * sh - ph + i * dh, ix * sw - pw + j * dw
                            if 0 <= r < oh and 0 <= s < ow:
                                y[r, s, k] += x[iy, ix, g * cg + c] * kernels[i, j, c, k]
    if bias is not None:
        for k in range(K):
            y[:, :, k] += float(bias[k])
    return y


def conv2d_backward_loop(
    x, kernels, grad_output, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(dX, dW, db)`` by the chain rule on :func:`cell_partials_loop`'s sum: output
    ``(r, s, k)`` is ``Σ padded(r·sh + i·dh − top, s·sw + j·dw − left, c) · w[i, j, c, k] + b[k]``,
    so its gradient ``dY[r, s, k]`` reaches ``w[i, j, c, k]`` times that padded value,
    reaches the real cell the padded cell reads (if any) times the weight, and ``b[k]`` once."""
    x, kernels = np.asarray(x, dtype=np.float64), np.asarray(kernels, dtype=np.float64)
    dy = np.asarray(grad_output, dtype=np.float64)
    _check(x, kernels, None, groups)
    H, W, _ = x.shape
    kh, kw, cg, K = kernels.shape
    pads = resolve_pads((H, W), (kh, kw), stride, padding, dilation, padding_mode)
    oh, ow = output_hw((H, W), (kh, kw), stride, pads, dilation)
    if dy.shape != (oh, ow, K):
        raise InvalidRequest("grad_output shape")
    (sh, sw), (dh, dw) = pair(stride), pair(dilation)
    top, left = pads[0][0], pads[1][0]
    dx, dw_, db = np.zeros(x.shape), np.zeros(kernels.shape), np.zeros(K)
    for r in range(oh):
        for s in range(ow):
            for k in range(K):
                g = k // (K // groups)
                db[k] += dy[r, s, k]
                for c in range(cg):
                    for i in range(kh):
                        for j in range(kw):
                            row, col = r * sh + i * dh - top, s * sw + j * dw - left
                            ch = g * cg + c
                            dw_[i, j, c, k] += padded_value(x, row, col, ch, padding_mode) * dy[r, s, k]
                            src_r, src_c = source_index(row, H, padding_mode), source_index(col, W, padding_mode)
                            if src_r is not None and src_c is not None:
                                dx[src_r, src_c, ch] += kernels[i, j, c, k] * dy[r, s, k]
    return dx, dw_, db
