"""The stride-1 transposed convolution as one matrix product and one sum over shifted views.

At stride 1 the scatter is a correlation: output cell ``(y, x)`` gathers
``src[y + ch − i·dh, x + cw − j·dw] · w[i, j]`` over the taps. Laid out with
the output's padded row width ``Wp``, the source cells every tap reads are
the same run of the flattened rows, shifted by the tap's offset. So one
matrix product gives every tap's products of every source cell (channel
first: tap ``t``'s output channel ``n`` is one contiguous run), and one
``np.add.reduce`` over the taps' shifted runs gives the output; the columns
past ``ow`` in each wide row wrap into the next row and are dropped.

Against :mod:`convviz.core.tap_frames` (the same idea scattered: each tap's
products written shifted into its own zeroed frame), this needs no zeroed
frames and one matrix product instead of one per tap: with fewer output
channels than source channels, the per-tap products are narrow matrices
that BLAS multiplies slowly.
"""

from __future__ import annotations

import numpy as np

from convviz.core.forward import _scratch

__all__ = ["gather_by_shifts"]

Pair = tuple[int, int]


def gather_by_shifts(
    src: np.ndarray, weights: np.ndarray, dilation: Pair, crop: Pair, out_hw: Pair, bias: np.ndarray | None = None
) -> np.ndarray:
    """:func:`~convviz.core.transposed.scatter_taps` at stride 1 with one group.

    ``src`` is ``(h, w, a)`` and ``weights`` ``(kh, kw, 1, a, b)``; returns a
    fresh ``(oh, ow, b)``: ``out[r + i·dh − ch, s + j·dw − cw, n] = bias[n] +
    Σ src[r, s, m] · weights[i, j, 0, m, n]`` over the cells inside ``out_hw``.
    Blocks of output rows keep each block's products in cache between the
    product that writes them and the sum that reads them.
    """
    h, w, a = src.shape
    kh, kw, _, _, b = weights.shape
    (dh, dw), (oh, ow) = dilation, out_hw
    taps, halo, Wp = kh * kw, dh * (kh - 1), ow + dw * (kw - 1)
    # Flipped, the taps gather: output (y, x) reads padded cell
    # (y + i'·dh, x + j'·dw) through tap (kh−1−i', kw−1−j'); the padded
    # source starts `top` rows above and `left` columns left of src.
    top, left = halo - crop[0], dw * (kw - 1) - crop[1]
    # (taps·b, a): row (t', n) is tap t''s weights into output channel n.
    by_tap = np.ascontiguousarray(weights[::-1, ::-1, 0].transpose(0, 1, 3, 2)).reshape(taps * b, a)
    last_offset = halo * Wp + dw * (kw - 1)
    rows = min(oh, max(1, _BLOCK_BYTES // (taps * b * Wp * 8) - halo))
    out = np.empty((oh, ow, b))
    for r0 in range(0, oh, rows):
        n = min(oh, r0 + rows) - r0
        cells = (n + halo) * Wp
        padded = _scratch(cells * a, "gather_src").reshape(n + halo, Wp, a)
        # Padded row r is src row r0 + r − top, padded column c src column c − left.
        s0, s1 = max(0, r0 - top), min(h, r0 + n + halo - top)
        c0, c1 = max(0, -left), min(w, Wp - left)
        padded.fill(0.0)
        if s0 < s1 and c0 < c1:
            padded[s0 - r0 + top : s1 - r0 + top, c0 + left : c1 + left] = src[s0:s1, c0:c1]
        # Every tap's products, channel first; the tail is room for the
        # last tap's shifted run to read past the end (into dropped columns).
        products = _scratch(taps * b * cells + last_offset, "gather_products")
        np.matmul(by_tap, padded.reshape(cells, a).T, out=products[: taps * b * cells].reshape(taps * b, cells))
        step = products.strides[0]
        # Tap (i', j')'s products of all b channels, shifted by its offset, as one run.
        shifted = np.ndarray(
            (kh, kw, b * cells),
            dtype=products.dtype,
            buffer=products,
            strides=((kw * b * cells + dh * Wp) * step, (b * cells + dw) * step, step),
        )
        wide = _scratch(b * cells, "gather_sum")
        np.add.reduce(shifted, axis=(0, 1), out=wide)
        out[r0 : r0 + n] = wide.reshape(b, n + halo, Wp)[:, :n, :ow].transpose(1, 2, 0)
    if bias is not None:
        out += bias
    return out


# Products of one block of output rows: small enough to stay in a core's L2
# between the matrix product that writes them and the sum that reads them.
_BLOCK_BYTES = 512 * 1024
