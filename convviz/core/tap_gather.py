"""The stride-1 transposed convolution as matrix products and one sum over shifted views.

At stride 1 the scatter is a correlation: output cell ``(y, x)`` gathers
``src[y + ch − i·dh, x + cw − j·dw] · w[i, j]`` over the taps. Laid out with
the output's padded row width ``Wp``, the source cells every tap reads are
the same run of the flattened rows, shifted by the tap's offset. So the
products of every tap with every source cell (one matmul call) and one
``np.add.reduce`` over the taps' shifted runs give the output; the columns
past ``ow`` in each wide row wrap into the next row and are dropped.

The products are laid out so that each tap's shifted run is contiguous: one
``(cells, b)`` block per tap, or with a few output channels, where per-tap
products would be matrices a few columns wide that BLAS multiplies slowly,
one channel-first product of every tap's weights.

It replaced the same idea scattered (each tap's products written shifted
into its own zeroed frame, then summed): the gather needs no zeroed frames
and sums long contiguous runs, 1.05-1.8 times faster at every size; see
:func:`~convviz.core.transposed.fastest_way` for the measurements.
"""

from __future__ import annotations

import threading

import numpy as np

from convviz.core.forward import _scratch

__all__ = ["gather_by_shifts", "products_bytes"]

Pair = tuple[int, int]


def products_bytes(src_hw: Pair, kernel_hw: Pair, b: int, dilation: Pair, crop: Pair, out_hw: Pair) -> int:
    """About the bytes of every tap's products over the whole source (``b``
    output channels): what decides whether they stay in cache."""
    cols = max(src_hw[1] + dilation[1] * (kernel_hw[1] - 1), crop[1] + out_hw[1])
    rows = src_hw[0] + dilation[0] * (kernel_hw[0] - 1) + 1
    return kernel_hw[0] * kernel_hw[1] * rows * cols * b * 8


def gather_by_shifts(
    src: np.ndarray, weights: np.ndarray, dilation: Pair, crop: Pair, out_hw: Pair, bias: np.ndarray | None = None
) -> np.ndarray:
    """:func:`~convviz.core.transposed.scatter_taps` at stride 1 with one group,
    gathered instead of scattered.

    ``src`` is ``(h, w, a)`` and ``weights`` ``(kh, kw, 1, a, b)``; returns a
    fresh ``(oh, ow, b)``: ``out[r + i·dh − ch, s + j·dw − cw, n] = bias[n] +
    Σ src[r, s, m] · weights[i, j, 0, m, n]`` over the cells inside ``out_hw``
    (``ch, cw = crop``). Blocks of
    output rows keep each block's products in cache between the
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
    flipped = weights[::-1, ::-1, 0]  # (kh, kw, a, b)
    channel_first = b <= _CHANNEL_FIRST_MAX
    # Channel first (taps·b, a): row (t', n) is tap t''s weights into output
    # channel n; else (taps, a, b), one matrix per tap.
    by_tap = np.ascontiguousarray(flipped.transpose(0, 1, 3, 2) if channel_first else flipped)
    # Rows per block: the products of a block (taps·b per padded cell) stay in cache.
    budget = _CHANNEL_FIRST_BLOCK_BYTES if channel_first else _BLOCK_BYTES
    rows = min(oh, max(1, budget // (taps * b * Wp * 8) - halo))
    if channel_first and rows == oh and a * (oh + halo) * Wp * 8 <= _PLAN_MAX_PADDED_BYTES:
        plan = _channel_first_plan(src.shape, (kh, kw, a, b), dilation, crop, out_hw)
        return plan.gather(src, by_tap.reshape(taps * b, a), bias)
    out = np.empty((oh, ow, b))
    for r0 in range(0, oh, rows):
        n = min(oh, r0 + rows) - r0
        # Padded row r is src row r0 + r − top, padded column c src column c − left.
        s0, s1 = max(0, r0 - top), min(h, r0 + n + halo - top)
        c0, c1 = max(0, -left), min(w, Wp - left)
        # The padded block, channel first for the channel-first product: BLAS
        # then reads both matrices as they are (the whole backward pass of a
        # 3→8 convolution 1-5% faster at 28² and 64², the same from 128² on).
        shape = (a, n + halo, Wp) if channel_first else (n + halo, Wp, a)
        padded = _scratch((n + halo) * Wp * a, "gather_src").reshape(shape)
        padded.fill(0.0)
        if s0 < s1 and c0 < c1:
            block = src[s0:s1, c0:c1]
            rows_cols = (slice(s0 - r0 + top, s1 - r0 + top), slice(c0 + left, c1 + left))
            if channel_first:
                padded[(slice(None), *rows_cols)] = block.transpose(2, 0, 1)
            else:
                padded[rows_cols] = block
        if channel_first:
            wide = _sum_channel_first(padded, by_tap.reshape(taps * b, a), (kh, kw), dilation)
            out[r0 : r0 + n] = wide[:, :n, :ow].transpose(1, 2, 0)
        else:
            out[r0 : r0 + n] = _sum_by_tap(padded, by_tap.reshape(taps, a, b), (kh, kw), dilation)[:, :ow]
    if bias is not None:
        out += bias
    return out


def _sum_by_tap(padded: np.ndarray, by_tap: np.ndarray, kernel_hw: Pair, dilation: Pair) -> np.ndarray:
    """``(rows, Wp, b)``: the taps' products of the ``padded`` ``(rows + halo, Wp, a)``
    block, summed; rows wrap past ``ow``, so only ``[:, :ow]`` is the output.

    One matrix product per tap (one numpy call) writes tap ``t``'s products
    as one ``(cells, b)`` block; each tap's shifted run of them is then one
    contiguous run for the sum.
    """
    (kh, kw), (dh, dw) = kernel_hw, dilation
    taps, a, b = by_tap.shape
    rows_in, Wp = padded.shape[:2]
    cells, n = rows_in * Wp, rows_in - dh * (kh - 1)
    products = _scratch(taps * cells * b, "gather_products").reshape(taps, cells, b)
    np.matmul(padded.reshape(cells, a), by_tap, out=products)
    step = products.strides[2]
    # The last tap's run ends on the block's last cell: Wp = ow + dw·(kw − 1).
    run = ((n - 1) * Wp + Wp - dw * (kw - 1)) * b
    shifted = np.ndarray(
        (kh, kw, run),
        dtype=products.dtype,
        buffer=products,
        strides=((kw * cells + dh * Wp) * b * step, (cells + dw) * b * step, step),
    )
    wide = _scratch(n * Wp * b, "gather_sum")
    np.add.reduce(shifted, axis=(0, 1), out=wide[:run])
    return wide.reshape(n, Wp, b)


def _sum_channel_first(padded: np.ndarray, by_tap: np.ndarray, kernel_hw: Pair, dilation: Pair) -> np.ndarray:
    """``(b, rows + halo, Wp)``: :func:`_sum_by_tap` channel first, for few output
    channels, of a channel-first ``padded`` block ``(a, rows + halo, Wp)``.

    With b of 3, the per-tap products are matrices 3 wide, which BLAS
    multiplies slowly; one product of every tap's weights, channel first,
    keeps the matrices wide (28² 8→3: 42 µs against 47), and each tap's
    shifted run of all b channels is one contiguous run for the sum.
    Rows past the block's own are garbage, like the columns past ``ow``.
    """
    (kh, kw), (dh, dw) = kernel_hw, dilation
    a, rows_in, Wp = padded.shape
    cells, tb = rows_in * Wp, by_tap.shape[0]
    b = tb // (kh * kw)
    # The tail is room for the last tap's shifted run to read past the end (into dropped cells).
    products = _scratch(tb * cells + dh * (kh - 1) * Wp + dw * (kw - 1), "gather_products")
    # What the tail adds to dropped cells must still be a number: a NaN left
    # there by an earlier use of the memory warns "invalid value" in the sum.
    products[tb * cells :] = 0.0
    np.matmul(by_tap, padded.reshape(a, cells), out=products[: tb * cells].reshape(tb, cells))
    products[tb * cells :] = 0  # dropped, but summed: leftover NaN there raised "invalid value" warnings
    step = products.strides[0]
    shifted = np.ndarray(
        (kh, kw, b * cells),
        dtype=products.dtype,
        buffer=products,
        strides=((kw * b * cells + dh * Wp) * step, (b * cells + dw) * step, step),
    )
    wide = _scratch(b * cells, "gather_sum")
    np.add.reduce(shifted, axis=(0, 1), out=wide)
    return wide.reshape(b, rows_in, Wp)


class _ChannelFirstPlan:
    """:func:`gather_by_shifts` channel first in one block, with its buffers and
    views made once (per source shape, kernel, dilation, crop, output size and
    thread): the padded source keeps its zero border from call to call, so a
    call is one copy in, one product, one sum and one copy out. For small
    sources the Python around those was a quarter of the time (dX of 28²
    3→8, one thread: 31 µs against 41)."""

    def __init__(self, src_shape: tuple[int, ...], shape: tuple[int, int, int, int], dilation: Pair, crop: Pair,
                 out_hw: Pair) -> None:  # fmt: skip
        h, w, _ = src_shape
        kh, kw, a, b = shape
        (dh, dw), (oh, ow) = dilation, out_hw
        halo, Wp = dh * (kh - 1), ow + dw * (kw - 1)
        top, left = halo - crop[0], dw * (kw - 1) - crop[1]
        rows_in = oh + halo
        # The source cells inside the padded frame (as in gather_by_shifts, with r0 = 0).
        s0, s1, c0, c1 = max(0, -top), min(h, oh + halo - top), max(0, -left), min(w, Wp - left)
        self._padded = np.zeros((a, rows_in, Wp))
        self._source: tuple[slice, slice] | None = None
        if s0 < s1 and c0 < c1:
            self._source = (slice(s0, s1), slice(c0, c1))
            self._inside = self._padded[:, s0 + top : s1 + top, c0 + left : c1 + left]
        cells, tb = rows_in * Wp, kh * kw * b
        # As in _sum_channel_first: room for the last tap's run to read past the end.
        products = np.zeros(tb * cells + dh * (kh - 1) * Wp + dw * (kw - 1))  # the tail stays 0 (see above)
        self._products = products[: tb * cells].reshape(tb, cells)
        step = products.strides[0]
        self._shifted = np.ndarray(
            (kh, kw, b * cells),
            dtype=products.dtype,
            buffer=products,
            strides=((kw * b * cells + dh * Wp) * step, (b * cells + dw) * step, step),
        )
        self._wide = np.empty(b * cells)
        self._maps = self._wide.reshape(b, rows_in, Wp)[:, :oh, :ow].transpose(1, 2, 0)

    def gather(self, src: np.ndarray, by_tap: np.ndarray, bias: np.ndarray | None) -> np.ndarray:
        """A fresh ``(oh, ow, b)`` for ``src`` and the ``(taps·b, a)`` weights."""
        if self._source is not None:
            np.copyto(self._inside, src[self._source].transpose(2, 0, 1))
        a = self._padded.shape[0]
        np.matmul(by_tap, self._padded.reshape(a, -1), out=self._products)
        np.add.reduce(self._shifted, axis=(0, 1), out=self._wide)
        out = self._maps.copy()
        if bias is not None:
            out += bias
        return out


def _channel_first_plan(
    src_shape: tuple[int, ...], shape: tuple[int, int, int, int], dilation: Pair, crop: Pair, out_hw: Pair
) -> _ChannelFirstPlan:
    cache: dict[tuple[object, ...], _ChannelFirstPlan] | None = getattr(_plans, "cache", None)
    if cache is None:
        cache = _plans.cache = {}
    key = (src_shape, shape, dilation, crop, out_hw)
    plan = cache.get(key)
    if plan is None:
        if len(cache) >= _MAX_PLANS:
            cache.clear()
        plan = cache[key] = _ChannelFirstPlan(src_shape, shape, dilation, crop, out_hw)
    return plan


_plans = threading.local()
_MAX_PLANS = 4
# Plans only for padded sources up to this size (see forward's unfold plans).
_PLAN_MAX_PADDED_BYTES = 1024 * 1024

# Products of one block of output rows: small enough to stay in a core's L2
# between the matrix product that writes them and the sum that reads them.
# 2 MiB measured 1.2-1.7 times faster than 512 KiB for 16→16 from 64² on
# (one core's L2 is 2 MiB here), where 512 KiB leaves blocks of a few rows.
_BLOCK_BYTES = 2 * 1024 * 1024
# Up to this many output channels the products go channel first (see there),
# in blocks of 1 MiB: 8→3 at 128² 674 µs against 738 with 2 MiB and 713 with
# 512 KiB, at 256² 2.97 ms against 3.31 and 3.36.
_CHANNEL_FIRST_MAX = 4
_CHANNEL_FIRST_BLOCK_BYTES = 1024 * 1024
