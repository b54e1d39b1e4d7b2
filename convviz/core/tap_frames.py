"""The stride-1 scatter of a small input in three numpy calls: one frame per tap.

The scatter adds each kernel tap's products into the output at that tap's
offset: kh·kw slice-adds, and on inputs of a few hundred cells those calls
cost more than the arithmetic. Here every tap gets its own zeroed frame of
the full output's size, one matmul call writes each tap's products straight
into its frame at the tap's offset (a strided view, no copy), and one sum over
the frames adds them up. That holds kh·kw output-sized frames, so it is only
for outputs small enough that the frames stay in cache.

The trick that lets one matrix product fill a shifted window: the source is
laid out with the frame's row width (zero columns on the right), so source
cell ``p`` of the flattened rows lands at frame cell ``p + offset``, the same
for every row. The zero columns' products are zeros and land where no real
product goes.
"""

from __future__ import annotations

import numpy as np

__all__ = ["frames_bytes", "scatter_by_frames"]

Pair = tuple[int, int]


def _frame_hw(src_hw: Pair, kernel_hw: Pair, dilation: Pair, crop: Pair, out_hw: Pair) -> Pair:
    # The full scatter, or as far as the output reaches past it (output_padding);
    # one more row for the last tap's zero columns to run into.
    rows, cols = (
        max(n + d * (k - 1), c + o) for n, k, d, c, o in zip(src_hw, kernel_hw, dilation, crop, out_hw)
    )
    return rows + 1, cols


def frames_bytes(src_hw: Pair, kernel_hw: Pair, b: int, dilation: Pair, crop: Pair, out_hw: Pair) -> int:
    """Bytes of the kh·kw frames of :func:`scatter_by_frames`."""
    rows, cols = _frame_hw(src_hw, kernel_hw, dilation, crop, out_hw)
    return kernel_hw[0] * kernel_hw[1] * rows * cols * b * 8


def scatter_by_frames(
    src: np.ndarray, weights: np.ndarray, dilation: Pair, crop: Pair, out_hw: Pair, bias: np.ndarray | None = None
) -> np.ndarray:
    """:func:`~convviz.core.transposed.scatter_taps` at stride 1 with one group.

    ``src`` is ``(h, w, a)`` and ``weights`` ``(kh, kw, 1, a, b)``; returns a
    fresh ``(oh, ow, b)``: ``out[r + i·dh − ch, s + j·dw − cw, n] = bias[n] +
    Σ src[r, s, m] · weights[i, j, 0, m, n]`` over the cells inside ``out_hw``.
    """
    h, w, a = src.shape
    kh, kw, _, _, b = weights.shape
    (dh, dw), (top, left), (oh, ow) = dilation, crop, out_hw
    rows, cols = _frame_hw((h, w), (kh, kw), dilation, crop, out_hw)
    wide = np.zeros((h, cols, a))
    wide[:, :w] = src
    frames = np.zeros((kh, kw, rows, cols, b))
    s_i, s_j, s_row, s_col, s_n = frames.strides
    # Tap (i, j)'s window: its frame from cell (i·dh, j·dw) on, as (h·cols, b) rows.
    windows = np.ndarray(
        (kh, kw, h * cols, b),
        dtype=frames.dtype,
        buffer=frames,
        strides=(s_i + dh * s_row, s_j + dw * s_col, s_col, s_n),
    )
    np.matmul(wide.reshape(h * cols, a), np.ascontiguousarray(weights).reshape(kh, kw, a, b), out=windows)
    cropped = frames[:, :, top : top + oh, left : left + ow].reshape(kh * kw, oh, ow, b)
    out: np.ndarray = np.add.reduce(cropped, axis=0)
    if bias is not None:
        out += bias
    return out
