"""The stride-1 scatter in a few numpy calls per block of rows: one frame per tap.

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


def frames_bytes(src_hw: Pair, kernel_hw: Pair, b: int, dilation: Pair, crop: Pair, out_hw: Pair) -> int:
    """Bytes of the kh·kw frames of :func:`scatter_by_frames` for the whole source at once."""
    cols = max(src_hw[1] + dilation[1] * (kernel_hw[1] - 1), crop[1] + out_hw[1])
    rows = src_hw[0] + dilation[0] * (kernel_hw[0] - 1) + 1
    return kernel_hw[0] * kernel_hw[1] * rows * cols * b * 8


def scatter_by_frames(
    src: np.ndarray, weights: np.ndarray, dilation: Pair, crop: Pair, out_hw: Pair, bias: np.ndarray | None = None
) -> np.ndarray:
    """:func:`~convviz.core.transposed.scatter_taps` at stride 1 with one group.

    ``src`` is ``(h, w, a)`` and ``weights`` ``(kh, kw, 1, a, b)``; returns a
    fresh ``(oh, ow, b)``: ``out[r + i·dh − ch, s + j·dw − cw, n] = bias[n] +
    Σ src[r, s, m] · weights[i, j, 0, m, n]`` over the cells inside ``out_hw``.
    Large sources go in blocks of rows whose frames stay in cache; each
    block's sum is added onto the output rows it reaches.
    """
    h, w, a = src.shape
    kh, kw, _, _, b = weights.shape
    (dh, dw), (top, left), (oh, ow) = dilation, crop, out_hw
    cols = max(w + dw * (kw - 1), left + ow)
    halo = dh * (kh - 1)  # frame rows below a block's own
    rows = min(h, max(1, _BLOCK_BYTES // (kh * kw * cols * b * 8)))
    out = np.empty((oh, ow, b))
    out[...] = 0.0 if bias is None else bias
    by_tap = np.ascontiguousarray(weights).reshape(kh, kw, a, b)
    # The source rows with the frame's width (zero columns on the right), and
    # the frames, with one more row for the last tap's zero columns to run into.
    wide = np.zeros((rows, cols, a))
    frames = np.zeros((kh, kw, rows + halo + 1, cols, b))
    s_i, s_j, s_row, s_col, s_n = frames.strides
    for r0 in range(0, h, rows):
        n = min(h, r0 + rows) - r0
        if n < rows:  # a short last block leaves earlier products where it writes none
            frames.fill(0.0)
        wide[:n, :w] = src[r0 : r0 + n]
        # Tap (i, j)'s window: its frame from cell (i·dh, j·dw) on, as (n·cols, b) rows.
        windows = np.ndarray(
            (kh, kw, n * cols, b),
            dtype=frames.dtype,
            buffer=frames,
            strides=(s_i + dh * s_row, s_j + dw * s_col, s_col, s_n),
        )
        np.matmul(wide[:n].reshape(n * cols, a), by_tap, out=windows)
        # Frame row f is full row r0 + f, output row r0 + f − top.
        f0, f1 = max(0, top - r0), min(n + halo, top + oh - r0)
        if f0 < f1:
            reached = frames[:, :, f0:f1, left : left + ow].reshape(kh * kw, f1 - f0, ow, b)
            out[r0 + f0 - top : r0 + f1 - top] += np.add.reduce(reached, axis=0)
    return out


# Frames of one block of source rows: small enough to stay in a core's L2
# between the matmul that fills them and the sum that reads them.
_BLOCK_BYTES = 512 * 1024
