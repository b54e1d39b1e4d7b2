"""The strided transposed convolution of a small input: every tap's products once, summed by phase.

By output phase (see :mod:`convviz.core.subpixel`), output row ``q·sh + r``
gathers input rows ``q + offset(r, i)`` through the taps ``i`` of phase
``r``, and the same for columns. Laid out with one padded row width, the
input cells a tap reads for all of its phase's outputs are one run of the
flattened padded input, shifted by the tap's offset (as in
:mod:`convviz.core.tap_gather` at stride 1). So one matmul call gives
every tap's products of every input cell, and each phase is one sum of its
own taps' shifted runs, copied into its strided rows and columns of the output.

Against the phases' one forward convolution this multiplies by the real
taps only: the phase kernels hold zeros wherever a phase has no tap at an
offset (3×3 at stride 2: 9 taps in 16 slots) and go through an unfolded
copy. 28², 3×3, stride 2, alternating calls, one thread: 0.85 of the time
for 16→16 and 16→8, 0.60 for 32→16 (see transposed._PHASE_GATHER_MIN_CHANNELS
for where it loses). The products of the whole input are held at once, so this is for
inputs whose products fit a core's L2 (:data:`MAX_PRODUCTS_BYTES`).
"""

from __future__ import annotations

import functools

import numpy as np

from convviz.core.forward import _scratch
from convviz.core.subpixel import _axis_plan

__all__ = ["MAX_PRODUCTS_BYTES", "gather_by_phases", "products_bytes"]

Pair = tuple[int, int]
Bias = np.ndarray | None

# Every tap's products of the whole padded input: up to 1.5 MiB, within one
# core's L2 (2 MiB) with the input and the output's rows.
MAX_PRODUCTS_BYTES = 3 * 512 * 1024


def products_bytes(src_hw: Pair, kernel_hw: Pair, b: int, stride: Pair) -> int:
    """About the bytes of :func:`gather_by_phases`'s products: every tap's, of every input cell."""
    cells = (src_hw[0] + kernel_hw[0] // stride[0] + 2) * (src_hw[1] + kernel_hw[1] // stride[1] + 2)
    return kernel_hw[0] * kernel_hw[1] * cells * b * 8


def gather_by_phases(
    src: np.ndarray, weights: np.ndarray, stride: Pair, dilation: Pair, crop: Pair, out_hw: Pair, bias: Bias
) -> np.ndarray:
    """:func:`~convviz.core.transposed.scatter_taps` with one group, any stride.

    ``src`` is ``(h, w, a)`` and ``weights`` ``(kh, kw, 1, a, b)``; returns a
    fresh ``(oh, ow, b)``: ``out[r·sh + i·dh − ch, s·sw + j·dw − cw, n] =
    bias[n] + Σ src[r, s, m] · weights[i, j, 0, m, n]`` over the cells inside
    ``out_hw``.
    """
    h, w, a = src.shape
    kh, kw, _, _, b = weights.shape
    (sh, sw), (oh, ow) = stride, out_hw
    rows = _axis_plan(h, kh, sh, dilation[0], crop[0], oh)
    cols = _axis_plan(w, kw, sw, dilation[1], crop[1], ow)
    taps_by_row_phase = _taps_by_phase(h, kh, sh, dilation[0], crop[0], oh)
    taps_by_col_phase = _taps_by_phase(w, kw, sw, dilation[1], crop[1], ow)
    # The padded input: row u is src row rows.lowest + u (zeros outside), and
    # one width for every phase, so that a tap's shift is one offset.
    Hp, Wp = rows.phases + rows.span - 1, cols.phases + cols.span - 1
    cells = Hp * Wp
    # With a bias, one more input channel of ones, padding included, whose
    # weight is the bias in one tap of each phase: the bias rides in the
    # matmul. A pass adding it over the output cost 37 µs of 280 at 28² 16→16.
    channels = a + (bias is not None)
    padded = _scratch(cells * channels, "phase_gather_src").reshape(Hp, Wp, channels)
    padded.fill(0.0)
    (r0, r1), (c0, c1) = rows.rows, cols.rows
    if r0 < r1 and c0 < c1:
        top, left = rows.pads[0], cols.pads[0]
        padded[top : top + r1 - r0, left : left + c1 - c0, :a] = src[r0:r1, c0:c1]
    by_tap = weights[:, :, 0]
    if bias is not None:
        padded[:, :, a] = 1.0
        by_tap = np.zeros((kh, kw, channels, b))
        by_tap[:, :, :a] = weights[:, :, 0]
        for phase_r in taps_by_row_phase:
            for phase_c in taps_by_col_phase:
                if phase_r is not None and phase_c is not None:
                    by_tap[phase_r[0], phase_c[0], a] = bias  # the phase's first tap
    products = _scratch(kh * kw * cells * b, "phase_gather_products").reshape(kh, kw, cells, b)
    np.matmul(padded.reshape(cells, channels), by_tap, out=products)
    out = np.empty((oh, ow, b))
    run = ((rows.phases - 1) * Wp + cols.phases) * b  # a phase's output, wide rows flattened
    total = _scratch(rows.phases * Wp * b, "phase_gather_sum")
    step_i, step_j, step_cell, _ = products.strides
    for r in range(sh):
        taps_r = taps_by_row_phase[r]
        for c in range(sw):
            taps_c = taps_by_col_phase[c]
            if taps_r is None or taps_c is None:
                out[r::sh, c::sw] = 0.0 if bias is None else bias  # no tap reaches this phase
                continue
            (i0, di, ni, shift_r, dshift_r), (j0, dj, nj, shift_c, dshift_c) = taps_r, taps_c
            # The phase's taps, each its run of products from its shift on: a grid of runs.
            runs = np.ndarray(
                (ni, nj, run),
                dtype=products.dtype,
                buffer=products,
                offset=i0 * step_i + j0 * step_j + (shift_r * Wp + shift_c) * step_cell,
                strides=(di * step_i + dshift_r * Wp * step_cell, dj * step_j + dshift_c * step_cell, step_cell // b),
            )
            np.add.reduce(runs, axis=(0, 1), out=total[:run])
            # Output rows r, r + sh, … and columns c, c + sw, … that lie inside the output.
            n_r, n_c = len(range(r, oh, sh)), len(range(c, ow, sw))
            out[r::sh, c::sw] = total.reshape(rows.phases, Wp, b)[:n_r, :n_c]
    return out


PhaseTaps = tuple[int, int, int, int, int]


@functools.lru_cache(maxsize=256)
def _taps_by_phase(n: int, k: int, s: int, d: int, p: int, out: int) -> tuple[PhaseTaps | None, ...]:
    """For each phase of one axis, the taps that reach it as ``(first tap,
    tap step, count, first shift, shift step)``, or None. They are every
    (stride/gcd)-th tap, so their shifts (input offsets from the lowest) step
    evenly too. Cached like the plans: a few ints in, read-only out."""
    plan = _axis_plan(n, k, s, d, p, out)
    by_phase: list[PhaseTaps | None] = []
    for phase in range(s):
        taps = sorted((i, off - plan.lowest) for (r, i), off in plan.offsets.items() if r == phase)
        if not taps:
            by_phase.append(None)
            continue
        (i0, shift0), count = taps[0], len(taps)
        steps = (taps[1][0] - i0, taps[1][1] - shift0) if count > 1 else (0, 0)
        by_phase.append((i0, steps[0], count, shift0, steps[1]))
    return tuple(by_phase)
