"""Transposed convolution, exact to PyTorch's ``conv_transpose2d``.

Each input cell scatters the kernel, scaled by its value, onto a kh×kw patch
of the output (spread by the dilation, patches ``stride`` apart), and
overlapping patches add up. It is the adjoint of ``conv2d``; the backward
pass (:mod:`convviz.core.backward`) uses the same scatter for the gradient of
the input.

The scatter is vectorized over the input: one matrix product per kernel tap
``(i, j)``, each added into a strided slice of the output. There is no loop
over pixels, only over the kh·kw taps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Unpack

import numpy as np

from convviz.core.conv_keywords import TransposedKeywords, TransposedShapeKeywords
from convviz.core.errors import ConvError
from convviz.core.forward import ConvRequest, _scratch, check_arrays, compute
from convviz.core.geometry import MAX_PADDED_CELLS, ConvGeometry, as_pair, cached_by_repr

__all__ = ["TransposedGeometry", "conv_transpose2d", "resolve_transposed", "scatter_taps", "transposed_output_shape"]

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
    full = scatter_taps(xa, weights, geometry.stride, geometry.dilation, geometry.full_hw)
    (ph, pw), (oh, ow) = geometry.padding, geometry.output_hw
    # One pass: crop the padding, add the bias, into a fresh contiguous array.
    maps: np.ndarray = np.add(full[ph : ph + oh, pw : pw + ow], ba)
    return maps


def scatter_taps(
    src: np.ndarray, weights: np.ndarray, stride: Pair, dilation: Pair, full_hw: Pair
) -> np.ndarray:
    """Scatter every cell of ``src`` ``(h, w, G·a)`` through ``weights`` ``(kh, kw, G, a, b)``.

    Returns ``(full_h, full_w, G·b)`` (maybe a view) with ``out[r·sh + i·dh, s·sw + j·dw, g·b + n]
    += Σ_m src[r, s, g·a + m] · weights[i, j, g, m, n]``. For each tap this is
    one matrix product of all the source cells, added into a strided slice:
    the adds are the cost, and a slice-add per tap is several times faster
    than ``np.add.at`` over all the indices.
    """
    src = np.ascontiguousarray(src)
    # Callers pass transposed views; BLAS on a strided (a, b) matrix per tap
    # was up to 3 times slower than one copy here.
    weights = np.ascontiguousarray(weights)
    h, w, _ = src.shape
    kh, kw, G, a, b = weights.shape
    (sh, sw), (dh, dw) = stride, dilation
    if sh == sw == 1 and _GATHER(a, b):
        return _gather(src, weights, dilation, full_hw)
    # The output by stride phase: full row q·sh + p lives at phases[p, :, q].
    # Every tap then adds into one phase, a block of whole rows, so the adds
    # run over long contiguous rows instead of K numbers at a time.
    hq, wq = -(-full_hw[0] // sh), -(-full_hw[1] // sw)
    phases = np.zeros((sh, sw, hq, wq, G * b))
    depthwise = a == 1 and b == 1  # a product per channel: no matmul to pay for
    # (G, h·w, a): the source cells as one matrix per group.
    cells = src.reshape(h * w, G, a).transpose(1, 0, 2)
    if G > 1 and not depthwise:
        cells = np.ascontiguousarray(cells)
    # Blocks of source rows small enough that a block's products and the
    # output rows they land on stay in cache across the kh·kw taps.
    rows = max(1, _SCATTER_BLOCK_BYTES // (8 * w * (G * a + 2 * G * b)))
    product = _scratch(min(rows, h) * w * G * b, "scatter", _SCATTER_CACHE_BYTES)
    for r0 in range(0, h, rows):
        r1 = min(h, r0 + rows)
        n, m = r1 - r0, (r1 - r0) * w
        block = src[r0:r1]
        cells_block = cells[:, r0 * w : r1 * w]
        for i in range(kh):
            (qr, pr) = divmod(i * dh, sh)
            for j in range(kw):
                (qc, pc) = divmod(j * dw, sw)
                target = phases[pr, pc, qr + r0 : qr + r1, qc : qc + w]
                if depthwise:
                    contribution = np.multiply(block, weights[i, j].reshape(G), out=product[: m * G].reshape(n, w, G))
                elif G == 1:
                    contribution = np.matmul(cells_block[0], weights[i, j, 0], out=product[: m * b].reshape(m, b))
                    contribution = contribution.reshape(n, w, b)
                else:
                    np.matmul(cells_block, weights[i, j], out=product[: G * m * b].reshape(G, m, b))
                    contribution = product[: G * m * b].reshape(G, m, b).transpose(1, 0, 2).reshape(n, w, G * b)
                target += contribution
    if sh == sw == 1:
        only_phase: np.ndarray = phases[0, 0]
        return only_phase
    interleaved = phases.transpose(2, 0, 3, 1, 4).reshape(hq * sh, wq * sw, G * b)
    return interleaved[: full_hw[0], : full_hw[1]]


def _gather(src: np.ndarray, weights: np.ndarray, dilation: Pair, full_hw: Pair) -> np.ndarray:
    """:func:`scatter_taps` at stride 1 as a direct convolution: each output cell
    gathers ``src`` under the flipped kernel, with zeros padding ``d·(k−1)``
    around ``src`` (more at the bottom/right if ``full_hw`` reaches further).

    One im2col matmul in bounded blocks (the engine's) instead of kh·kw passes
    over the output: faster when the output has more channels than ``src``.
    """
    h, w, _ = src.shape
    kh, kw, G, a, b = weights.shape
    (dh, dw), (fh, fw) = dilation, full_hw
    top, left = dh * (kh - 1), dw * (kw - 1)
    geometry = ConvGeometry(
        input_hw=(h, w),
        kernel_hw=(kh, kw),
        stride=(1, 1),
        dilation=(dh, dw),
        pad_h=(top, fh - h),
        pad_w=(left, fw - w),
        padding_mode="zeros",
        output_hw=(fh, fw),
    )
    # conv2d's layout (kh, kw, a, G·b), flipped: out[r] gathers src[r − i·d] · w[i].
    kernels = np.ascontiguousarray(weights[::-1, ::-1].transpose(0, 1, 3, 2, 4).reshape(kh, kw, a, G * b))
    return compute(ConvRequest(src, kernels, np.zeros(G * b), G, geometry))


def _gather_wins(a: int, b: int) -> bool:
    # Measured (benchmarks/bench_ops.py): the scatter's kh·kw passes over the
    # output cost more than the gather's im2col copy when the output has more
    # channels than the source; with as many, the blocked scatter is as fast or faster.
    return a < b


_GATHER = _gather_wins


# Products per tap are kept between calls up to this size (see forward._scratch).
_SCATTER_CACHE_BYTES = 8 * 1024 * 1024
# Source rows, products and output rows of one block of the scatter.
_SCATTER_BLOCK_BYTES = 512 * 1024
