"""Transposed convolution, exact to PyTorch's ``conv_transpose2d``.

Each input cell scatters the kernel, scaled by its value, onto a kh×kw patch
of the output (spread by the dilation, patches ``stride`` apart), and
overlapping patches add up. It is the adjoint of ``conv2d``; the backward
pass (:mod:`convviz.core.backward`) uses the same scatter for the gradient of
the input.

Three vectorized ways compute it, with no loop over pixels: by output
phase, one forward convolution (:mod:`convviz.core.subpixel`); the scatter,
one matrix product per kernel tap ``(i, j)``, each added into a strided slice
of the output (:func:`scatter_taps`); and at stride 1, one sum of shifted
products (:mod:`convviz.core.tap_gather`). :func:`fastest_way` picks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Unpack

import numpy as np

from convviz.core.conv_keywords import TransposedKeywords, TransposedShapeKeywords
from convviz.core.errors import ConvError
from convviz.core.forward import _scratch, check_arrays
from convviz.core.geometry import MAX_PADDED_CELLS, as_pair, cached_by_repr
from convviz.core.phase_gather import MAX_PRODUCTS_BYTES, gather_by_phases
from convviz.core.phase_gather import products_bytes as phase_products_bytes
from convviz.core.subpixel import phase_convolution
from convviz.core.tap_gather import gather_by_shifts
from convviz.core.tap_gather import products_bytes as shift_products_bytes

__all__ = [
    "TransposedGeometry",
    "conv_transpose2d",
    "fastest_way",
    "resolve_transposed",
    "scatter_taps",
    "transpose_cells",
    "transposed_output_shape",
]

Pair = tuple[int, int]


@dataclass(frozen=True)
class TransposedGeometry:
    """The resolved geometry of one transposed convolution (pairs are ``(h, w)``)."""

    input_hw: Pair
    kernel_hw: Pair
    stride: Pair
    padding: Pair
    output_padding: Pair
    dilation: Pair
    output_hw: Pair

    @property
    def full_hw(self) -> Pair:
        """Rows and columns the scatter touches before ``padding`` is cropped
        off (at least ``padding + output``, since output_padding may reach past
        the last patch)."""
        full_h, full_w = (
            max((n - 1) * s + d * (k - 1) + 1, p + o)
            for n, s, d, k, p, o in zip(
                self.input_hw, self.stride, self.dilation, self.kernel_hw, self.padding, self.output_hw
            )
        )
        return full_h, full_w

    def output_size_formulas(self) -> tuple[str, str]:
        """The transposed output-size formula for oh and ow, filled in with the numbers."""
        oh_formula, ow_formula = (
            f"{out} = ({name} − 1)·s − 2p + d(k−1) + op + 1 = ({n} − 1)·{s} − {2 * p} + {d * (k - 1)} + {op} + 1 = {o}"
            for out, name, n, s, p, d, k, op, o in zip(
                ("oh", "ow"),
                ("H", "W"),
                self.input_hw,
                self.stride,
                self.padding,
                self.dilation,
                self.kernel_hw,
                self.output_padding,
                self.output_hw,
            )
        )
        return oh_formula, ow_formula


def resolve_transposed(
    input_hw: tuple[int, int],
    kernel_hw: tuple[int, int],
    *,
    stride: object = 1,
    padding: object = 0,
    output_padding: object = 0,
    dilation: object = 1,
    padding_mode: object = "zeros",
) -> TransposedGeometry:
    """Check the parameters of a transposed convolution and work out its output size.

    Raises :class:`ConvError` naming the parameter and the numbers for each
    request PyTorch refuses. Results are cached, as :func:`resolve_geometry`'s are.
    """
    args = (input_hw, kernel_hw, stride, padding, output_padding, dilation, padding_mode)
    return cached_by_repr(_CACHE, _resolve_transposed, args)


_CACHE: dict[str, TransposedGeometry] = {}


def _resolve_transposed(
    input_hw: object,
    kernel_hw: object,
    stride: object,
    padding: object,
    output_padding: object,
    dilation: object,
    padding_mode: object,
) -> TransposedGeometry:
    if padding_mode != "zeros":
        raise ConvError(
            "a transposed convolution pads with zeros only (as in PyTorch), got padding_mode {padding_mode!r}",
            padding_mode=padding_mode,
        )
    if isinstance(padding, str):
        raise ConvError(
            "padding of a transposed convolution must be a number or a pair (h, w), got {padding!r}",
            padding=padding,
        )
    in_hw = as_pair(input_hw, "input size", minimum=1)
    k_hw = as_pair(kernel_hw, "kernel size", minimum=1)
    s = as_pair(stride, "stride", minimum=1)
    p = as_pair(padding, "padding", minimum=0)
    op = as_pair(output_padding, "output_padding", minimum=0)
    d = as_pair(dilation, "dilation", minimum=1)
    for axis, o, st, dl in (("rows", op[0], s[0], d[0]), ("columns", op[1], s[1], d[1])):
        if o >= st and o >= dl:
            raise ConvError(
                "output_padding {o} ({axis}) must be smaller than either the stride {st} or the dilation {dl}",
                o=o, axis=axis, st=st, dl=dl,
            )
    out_h, out_w = (
        (n - 1) * st - 2 * pp + dl * (k - 1) + o + 1 for n, st, pp, dl, k, o in zip(in_hw, s, p, d, k_hw, op)
    )
    out = (out_h, out_w)
    if min(out) < 1:
        raise ConvError(
            "padding {p_0}×{p_1} leaves no output: oh = ({in_hw_0} − 1)·{s_0} − 2·{p_0} + {d_0}·({k_hw_0} − "
            "1) + {op_0} + 1 = {out_0}, ow = ({in_hw_1} − 1)·{s_1} − 2·{p_1} + {d_1}·({k_hw_1} − 1) + {op_1} "
            "+ 1 = {out_1}; the output must be at least 1×1",
            p_0=p[0], p_1=p[1], in_hw_0=in_hw[0], s_0=s[0], d_0=d[0], k_hw_0=k_hw[0], op_0=op[0], out_0=out[0],
            in_hw_1=in_hw[1], s_1=s[1], d_1=d[1], k_hw_1=k_hw[1], op_1=op[1], out_1=out[1],
        )
    geometry = TransposedGeometry(in_hw, k_hw, s, p, op, d, out)
    fh, fw = geometry.full_hw
    if fh * fw > MAX_PADDED_CELLS:
        raise ConvError(
            "the transposed convolution would span {fh}×{fw} = {fh_fw:,} cells per channel; convviz handles "
            "at most {max_padded_cells:,}",
            fh=fh, fw=fw, fh_fw=fh * fw, max_padded_cells=MAX_PADDED_CELLS,
        )
    return geometry


def transposed_output_shape(
    input_hw: tuple[int, int], kernel_hw: tuple[int, int], **params: Unpack[TransposedShapeKeywords]
) -> Pair:
    """``(oh, ow)`` of a transposed convolution with this stride, padding,
    output_padding and dilation, or :class:`ConvError`."""
    return resolve_transposed(input_hw, kernel_hw, **params).output_hw


def conv_transpose2d(
    x: object, kernels: object, bias: object = None, *, groups: object = 1, **params: Unpack[TransposedKeywords]
) -> np.ndarray:
    """Transposed convolution of ``x`` ``[H,W,C]`` by ``kernels`` ``[kh,kw,C//groups,K]``: ``[oh,ow,K]``.

    **Definition.** Each input cell ``x[iy, ix, c]`` adds ``x·w[i, j, c, k]``
    to ``y[iy·sh − ph + i·dh, ix·sw − pw + j·dw, k]`` wherever that lies inside
    the output, and ``bias[k]`` is added to every cell of map ``k``. Kernel
    ``k`` reads the channels of its group ``g = k // (K/groups)``: ``c`` counts
    within the group, so the input channel is ``g·(C/groups) + c``.

    **Shape.** ``oh = (H−1)·sh − 2·ph + dh·(kh−1) + oph + 1``, and the same for
    ``ow``. ``output_padding`` adds rows/columns at the bottom/right only.
    ``params`` are :func:`resolve_transposed`'s (stride, padding,
    output_padding, dilation, padding_mode).

    **PyTorch.** This equals ``torch.nn.functional.conv_transpose2d`` with
    weight ``wT`` of shape ``(C, K//groups, kh, kw)``, where
    ``wT[g·(C//groups) + c, k − g·(K//groups), i, j] = kernels[i, j, c, k]``
    (input ``[1, C, H, W]``, output ``[1, K, oh, ow]``).

    **Adjoint.** It is the adjoint (transpose) of ``conv2d`` with the same
    kernels when C and K swap roles: for ``conv2d`` taking K channels to C
    with weights ``wc[i, j, k', c'] = kernels[i, j, c, k]`` (same stride,
    padding, dilation, groups), ``⟨conv2d(z, wc), x⟩ = ⟨z, conv_transpose2d(x,
    kernels)⟩`` without biases, for every ``z`` of the output's size whose
    ``conv2d`` has ``x``'s size. That is why it is the gradient of ``conv2d``
    with respect to its input.

    **Refused** with :class:`ConvError` naming the parameter and the numbers:
    output_padding not smaller than either the stride or the dilation on an
    axis (PyTorch's rule), groups not dividing C and K, an output smaller than
    1×1, and any padding mode but zeros.
    """
    xa, ka, ba, G = check_arrays(x, kernels, bias, groups)
    H, W, _ = xa.shape
    kh, kw, Cg, K = ka.shape
    geometry = resolve_transposed((H, W), (kh, kw), **params)
    # (kh, kw, G, Cg, Kg): for each tap, one (channels → kernels) matrix per group.
    weights = ka.reshape(kh, kw, Cg, G, K // G).transpose(0, 1, 3, 2, 4)
    return transpose_cells(xa, weights, ba, geometry.stride, geometry.dilation, geometry.padding, geometry.output_hw)


def transpose_cells(
    src: np.ndarray, weights: np.ndarray, bias: np.ndarray | None, stride: Pair, dilation: Pair, crop: Pair, out_hw: Pair
) -> np.ndarray:
    """:func:`scatter_taps`'s result, computed whichever way :func:`fastest_way` picks."""
    h, w, _ = src.shape
    kh, kw, G, a, b = weights.shape
    products = shift_products_bytes((h, w), (kh, kw), b, dilation, crop, out_hw)
    way = fastest_way(stride, G, a, b, products)
    if way == "gather":
        return gather_by_shifts(src, weights, dilation, crop, out_hw, bias)
    if way == "phases":
        small = phase_products_bytes((h, w), (kh, kw), b, stride) <= MAX_PRODUCTS_BYTES
        if G == 1 and a >= _PHASE_GATHER_MIN_CHANNELS and small:
            return gather_by_phases(src, weights, stride, dilation, crop, out_hw, bias)
        zeros = np.zeros(G * b) if bias is None else bias
        maps = phase_convolution(src, weights, zeros, stride, dilation, crop, out_hw)
        if maps is not None:
            return maps
    return scatter_taps(src, weights, stride, dilation, crop, out_hw, bias)


def fastest_way(stride: Pair, groups: int, a: int, b: int, products: int) -> str:
    """``"gather"``, ``"phases"`` or ``"scatter"``: the fastest way to scatter a
    source of ``a`` channels per group to ``b``, where every tap's products of
    the whole source (:func:`~convviz.core.tap_gather.products_bytes`) would
    take ``products`` bytes.

    Measured with alternating calls (3×3 kernels, 28² to 256², one thread):

    - with a stride, the phases' one forward convolution is 1.5-2.5 times
      faster than the scatter's kh·kw passes over the output;
    - at stride 1 with one group, the gather is 1.05-1.8 times faster than
      the frames (each tap's products in a zeroed frame, then summed; no
      longer in the code) at every
      size; with as many output channels as source channels or fewer (16→16,
      8→3, 16→3, 16→8, 32→16) it is 1.05-1.5 times faster than the best of
      the others up to 128², and ties with the scatter at 256² (16→16 and
      32→16 within ±20% either way); with more, only while the products fit
      a core's L2 (28² 3→8 and 8→16: 0.86-0.93 of the phases; from 64² on
      the phases are 1.4-2.5 times faster);
    - otherwise the phases (a plain im2col convolution) are 1.1-3.5 times
      faster than the scatter when the output has as many channels as the
      source or more (16→16, 3→8, 8→16), and up to 2 times slower with fewer
      (16→3, 32→16), where the scatter's products are the smaller matrices.
    """
    if stride != (1, 1):
        return "phases"
    if groups == 1 and (b <= a or products <= _GATHER_IN_CACHE_BYTES):
        return "gather"
    return "phases" if a <= b else "scatter"


def scatter_taps(
    src: np.ndarray,
    weights: np.ndarray,
    stride: Pair,
    dilation: Pair,
    crop: Pair,
    out_hw: Pair,
    bias: np.ndarray | None = None,
) -> np.ndarray:
    """Scatter every cell of ``src`` ``(h, w, G·a)`` through ``weights`` ``(kh, kw, G, a, b)``.

    Returns ``out`` ``(oh, ow, G·b)`` with ``out[r·sh + i·dh − ch, s·sw + j·dw − cw, g·b + n]
    += Σ_m src[r, s, g·a + m] · weights[i, j, g, m, n]`` wherever that lies
    inside ``out_hw``, starting from ``bias`` (or zeros): the transposed
    convolution with ``crop`` as its padding. For each tap this is one matrix
    product of all the source cells, added into a strided slice: the adds are
    the cost, and a slice-add per tap is several times faster than
    ``np.add.at`` over all the indices. Cells that fall in the crop are never
    added, so no pass over a larger frame is needed.
    """
    src = np.ascontiguousarray(src)
    # Callers pass transposed views; BLAS on a strided (a, b) matrix per tap
    # was up to 3 times slower than one copy here.
    weights = np.ascontiguousarray(weights)
    h, w, _ = src.shape
    kh, kw, G, a, b = weights.shape
    (sh, sw), (dh, dw), (oh, ow) = stride, dilation, out_hw
    # The output by stride phase: row q·sh + p lives at phases[p, :, q].
    # Every tap then adds into one phase, a block of whole rows, so the adds
    # run over long contiguous rows instead of K numbers at a time.
    hq, wq = -(-oh // sh), -(-ow // sw)
    phases = np.empty((sh, sw, hq, wq, G * b))
    phases[...] = 0.0 if bias is None else bias
    depthwise = a == 1 and b == 1  # a product per channel: no matmul to pay for
    # With one group, one matmul call gives every tap's products of a block
    # (numpy loops over the taps in C): the per-tap calls cost more than the
    # arithmetic on small inputs.
    stacked = G == 1 and not depthwise
    # Tap t adds source row r to phase pr's row r + qr, for the rows in
    # lo:hi that land inside the output (and the same for columns).
    taps = []
    for i in range(kh):
        qr, pr = divmod(i * dh - crop[0], sh)
        for j in range(kw):
            qc, pc = divmod(j * dw - crop[1], sw)
            columns = (max(0, -qc), min(w, wq - qc))
            taps.append((i * kw + j, phases[pr, pc], qr, max(0, -qr), min(h, hq - qr), qc, columns))
    # (G, h·w, a): the source cells as one matrix per group.
    cells = src.reshape(h * w, G, a).transpose(1, 0, 2)
    if G > 1 and not depthwise:
        cells = np.ascontiguousarray(cells)
    # Blocks of source rows small enough that a block's products and the
    # output rows they land on stay in cache across the kh·kw taps.
    products_per_cell = (kh * kw if stacked else 1) * G * b
    rows = max(1, _SCATTER_BLOCK_BYTES // (8 * w * (G * a + G * b + products_per_cell)))
    product = _scratch(min(rows, h) * w * products_per_cell, "scatter", _SCATTER_CACHE_BYTES)
    by_tap = weights.reshape(kh * kw, G, a, b)
    for r0 in range(0, h, rows):
        r1 = min(h, r0 + rows)
        n, m = r1 - r0, (r1 - r0) * w
        block = src[r0:r1]
        cells_block = cells[:, r0 * w : r1 * w]
        if stacked:
            every_tap = product[: kh * kw * m * b].reshape(kh * kw, n, w, b)
            np.matmul(cells_block[0], by_tap[:, 0], out=every_tap.reshape(kh * kw, m, b))
        for t, phase, qr, first, last, qc, (left, right) in taps:
            lo, hi = max(r0, first), min(r1, last)
            if lo >= hi or left >= right:
                continue
            if stacked:
                contribution = every_tap[t]
            elif depthwise:
                contribution = np.multiply(block, by_tap[t].reshape(G), out=product[: m * G].reshape(n, w, G))
            else:
                np.matmul(cells_block, by_tap[t], out=product[: G * m * b].reshape(G, m, b))
                contribution = product[: G * m * b].reshape(G, m, b).transpose(1, 0, 2).reshape(n, w, G * b)
            phase[lo + qr : hi + qr, left + qc : right + qc] += contribution[lo - r0 : hi - r0, left:right]
    if sh == sw == 1:
        only_phase: np.ndarray = phases[0, 0]
        return only_phase
    interleaved = phases.transpose(2, 0, 3, 1, 4).reshape(hq * sh, wq * sw, G * b)
    return interleaved if interleaved.shape[:2] == (oh, ow) else np.ascontiguousarray(interleaved[:oh, :ow])


# From this many source channels on, a small input's phases are summed from
# every tap's products (phase_gather) rather than convolved with phase kernels:
# 28², 3×3, stride 2, alternating calls: 0.60 of the time for 32→16, 0.85 for
# 16→16 and 16→8; 0.96 for 8→16, 1.17 for 8→8 and 1.5 for 3→8, where the
# products are narrow matrices. From 40² 16→16 (2.1 MB of products) on, a tie.
_PHASE_GATHER_MIN_CHANNELS = 16
# With more output channels than source channels, the gather is the fastest
# way only while every tap's products of the whole source fit a core's L2.
_GATHER_IN_CACHE_BYTES = 2 * 1024 * 1024
# Products per tap are kept between calls up to this size (see forward._scratch).
_SCATTER_CACHE_BYTES = 8 * 1024 * 1024
# Source rows, products and output rows of one block of the scatter.
_SCATTER_BLOCK_BYTES = 512 * 1024
