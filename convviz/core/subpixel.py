"""The transposed convolution by output phase: one forward convolution.

Output row ``oy = sh·q + r`` is in phase ``r`` of super-row ``q``. Input row
``iy`` reaches it through kernel row ``i`` exactly when
``sh·iy + i·dh − ph = oy``, that is ``iy = q + (r + ph − i·dh)/sh`` when that
division is exact. So every ``sh×sw`` block of output cells reads the same
small window of input cells around ``(q, q')``, each phase with its own taps:
the whole transposed convolution is ONE forward convolution, stride 1, of the
input with kernels of ``sh·sw·K`` maps (the sub-pixel decomposition), then one
copy that interleaves the phases into the output. There are no zeros to
insert, no output-sized scatter passes, and the padding crop and the bias come
for free (the bias rides in the forward convolution's matmul).

The kernels hold a zero wherever a phase has no tap at an offset; with kernel
sizes that are no multiple of the stride (3×3 at stride 2: 9 taps in a
2×2×4-phase kernel, 16 slots) that is some wasted arithmetic, still far cheaper
than a pass over the output per tap. Where the waste grows (dilation a multiple
of the stride, say), :func:`phase_convolution` declines and the caller scatters.
"""

from __future__ import annotations

import functools

import numpy as np

from convviz.core.forward import ConvRequest, compute
from convviz.core.geometry import ConvGeometry

__all__ = ["phase_convolution"]

Pair = tuple[int, int]

# Kernel slots per real tap above which the phase kernels are mostly zeros.
_MAX_WASTE = 2.5


class _AxisPlan:
    """One axis of the decomposition: which input offset each (phase, tap) reads."""

    def __init__(self, n: int, k: int, s: int, d: int, p: int, out: int) -> None:
        self.phases = -(-out // s)  # super-rows q, the last maybe partly cropped
        # (phase r, tap i) -> input offset from q, for the taps that reach phase r.
        self.offsets = {(r, i): (r + p - i * d) // s for r in range(s) for i in range(k) if (r + p - i * d) % s == 0}
        self.lowest = min(self.offsets.values())
        self.span = max(self.offsets.values()) - self.lowest + 1  # the phase kernel's size
        first, last = self.lowest, self.lowest + self.phases + self.span - 1  # input rows read, maybe outside 0:n
        self.rows = (max(first, 0), min(last, n))
        self.pads = (max(0, -first), max(0, last - n))


@functools.lru_cache(maxsize=256)
def _axis_plan(n: int, k: int, s: int, d: int, p: int, out: int) -> _AxisPlan:
    # Plans depend on a few ints and are only read: small inputs would
    # otherwise pay for working them out again on every call.
    return _AxisPlan(n, k, s, d, p, out)


def phase_convolution(
    src: np.ndarray, weights: np.ndarray, bias: np.ndarray, stride: Pair, dilation: Pair, padding: Pair, output_hw: Pair
) -> np.ndarray | None:
    """``out[oy, ox, g·b + n] = bias[g·b + n] + Σ_m src[iy, ix, g·a + m] · weights[i, j, g, m, n]``
    summed over ``sh·iy + i·dh − ph = oy`` and ``sw·ix + j·dw − pw = ox``, for
    ``oy, ox`` in ``output_hw``.

    ``src`` is ``(h, w, G·a)``, ``weights`` ``(kh, kw, G, a, b)`` (as
    :func:`~convviz.core.transposed.scatter_taps` takes them) and the result a
    fresh ``(oh, ow, G·b)`` array: the transposed convolution with its padding
    already cropped. Returns None when the phase kernels would be mostly zeros
    or the output reads no input cell at all; the caller then scatters tap by tap.
    """
    h, w, _ = src.shape
    kh, kw, G, a, b = weights.shape
    (sh, sw), (oh, ow) = stride, output_hw
    rows = _axis_plan(h, kh, sh, dilation[0], padding[0], oh)
    cols = _axis_plan(w, kw, sw, dilation[1], padding[1], ow)
    A, B = rows.span, cols.span
    if A * B * sh * sw > _MAX_WASTE * kh * kw or rows.rows[0] >= rows.rows[1] or cols.rows[0] >= cols.rows[1]:
        return None
    # (A, B, a, G, sh, sw, b): for each input offset, every phase's weights;
    # the forward convolution's kernels of group g are its maps (g, r, c, ·).
    kernels = np.zeros((A, B, a, G, sh, sw, b))
    for (r, i), off_r in rows.offsets.items():
        for (c, j), off_c in cols.offsets.items():
            kernels[off_r - rows.lowest, off_c - cols.lowest, :, :, r, c, :] = weights[i, j].transpose(1, 0, 2)
    geometry = ConvGeometry(
        input_hw=(rows.rows[1] - rows.rows[0], cols.rows[1] - cols.rows[0]),
        kernel_hw=(A, B),
        stride=(1, 1),
        dilation=(1, 1),
        pad_h=rows.pads,
        pad_w=cols.pads,
        padding_mode="zeros",
        output_hw=(rows.phases, cols.phases),
    )
    window = src[rows.rows[0] : rows.rows[1], cols.rows[0] : cols.rows[1]]
    phase_bias = np.empty((G, sh * sw, b))
    phase_bias[...] = bias.reshape(G, 1, b)
    request = ConvRequest(window, kernels.reshape(A, B, a, G * sh * sw * b), phase_bias.reshape(-1), G, geometry)
    # (q, q', g, r, c, n) -> output (q·sh + r, q'·sw + c, g·b + n): one interleaving copy.
    by_phase = compute(request).reshape(rows.phases, cols.phases, G, sh, sw, b)
    if sh == sw == 1 and (rows.phases, cols.phases) == (oh, ow):
        return by_phase.reshape(oh, ow, G * b)
    full = np.empty((rows.phases * sh, cols.phases * sw, G * b))
    full.reshape(rows.phases, sh, cols.phases, sw, G, b)[...] = by_phase.transpose(0, 3, 1, 4, 2, 5)
    if full.shape[:2] == (oh, ow):
        return full
    return np.ascontiguousarray(full[:oh, :ow])
