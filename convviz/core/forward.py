"""The forward convolution: exact, vectorized, memory-bounded numpy.

Import the operations from :mod:`convviz.core.engine`, which gathers this
module's and its siblings' (im2col, the transposed convolution, the
backward pass) and lists them in its ``__all__``; they build on the helpers
here.

Shapes use the seed's notation:

- ``x``        : ``(H, W, C)``
- ``kernels``  : ``(kh, kw, C // groups, K)``
- ``bias``     : ``(K,)`` or ``None``
- result       : ``(oh, ow, K)``, float64

Semantics are PyTorch's ``conv2d``: cross-correlation (the kernel is not
flipped), stride, padding, dilation, groups and the padding modes zeros,
reflect, replicate and circular. Every impossible request raises
:class:`ConvError` with a message that names the parameter and the numbers.

There is no Python loop over output pixels. The work is done in blocks of
output rows, so the extra memory stays bounded by ``_BLOCK_BYTES`` instead of
growing with the full im2col matrix.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Unpack

import numpy as np

from convviz.core.conv_keywords import ConvKeywords, GeometryKeywords
from convviz.core.errors import ConvError, Message
from convviz.core.geometry import ConvGeometry, resolve_geometry
from convviz.core.unfold_plan import unfold_plan

# Scratch bytes per block of output rows: its unfolded columns plus its
# padded input rows. Blocks of 512 KiB measured fastest for the forward
# convolution and the kernel gradient (128²×16→16: 3.2 ms against 4.9 ms
# with 4 MiB blocks, which spill out of a core's 2 MiB L2 while the matmul
# reads them back; the depthwise path measured the same either way), and
# the bound keeps the extra memory small next to the output.
_BLOCK_BYTES = 512 * 1024
# Below this many numbers np.isfinite is cheaper than the sum and
# np.errstate's setup (numpy 2.4, one thread: 3.2 µs against 4.7 for 6272
# numbers, 4.6 against 6.2 for 12544, 74 against 78 for 200000; a tie from
# a million on, where the sum spares the temporary of one byte per number).
_SUM_CHECK_MIN_SIZE = 2**20


@dataclass(frozen=True)
class ConvRequest:
    """A checked request: float64 arrays plus the resolved geometry."""

    x: np.ndarray  # (H, W, C)
    kernels: np.ndarray  # (kh, kw, C // groups, K)
    bias: np.ndarray  # (K,)
    groups: int
    geometry: ConvGeometry

    @property
    def channels_per_group(self) -> int:
        return int(self.kernels.shape[2])

    @property
    def kernels_per_group(self) -> int:
        return int(self.kernels.shape[3]) // self.groups


def _as_float_array(value: object, name: str, ndim: int, layout: str) -> np.ndarray:
    if type(value) is np.ndarray and value.dtype == np.float64:
        arr = value  # the usual case: nothing to convert
    else:
        try:
            raw = np.asarray(value)
        except (TypeError, ValueError) as exc:
            raise ConvError(
                "{name} must be a {ndim}-D array of numbers {layout}: {exc}",
                name=name, ndim=ndim, layout=layout, exc=exc,
            ) from None
        if raw.dtype.kind not in "biuf":
            raise ConvError("{name} must hold numbers, got values of type {raw_dtype}", name=name, raw_dtype=raw.dtype)
        arr = raw.astype(np.float64, copy=False)
    if arr.ndim != ndim:
        raise ConvError(
            "{name} must be {ndim}-D {layout}, got shape {arr_shape_tuple}",
            name=name, ndim=ndim, layout=layout, arr_shape_tuple=tuple(arr.shape),
        )
    if not _all_finite(arr):
        bad = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0])
        raise ConvError(
            "{name} holds {arr_bad} at index {bad_list}; only finite numbers are allowed",
            name=name, arr_bad=arr[bad], bad_list=list(bad),
        )
    return arr


def _all_finite(arr: np.ndarray) -> bool:
    if arr.size < _SUM_CHECK_MIN_SIZE:
        # count_nonzero is one C call; .all() goes through a Python wrapper
        # (1.5 µs against 2.5 for up to a few thousand numbers).
        return int(np.count_nonzero(np.isfinite(arr))) == arr.size
    # One pass and no temporary: any nan or inf makes the sum nan or inf.
    # Finite numbers can overflow it too, so only a non-finite sum pays for
    # the check of every element.
    with np.errstate(over="ignore", invalid="ignore"):
        total = arr.sum()
    return math.isfinite(total) or bool(np.isfinite(arr).all())


def check_arrays(x: object, kernels: object, bias: object, groups: object) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Input, kernels and bias as float64 arrays and groups as an int, checked
    against each other (ranks, channels, groups, bias length), or :class:`ConvError`.

    The transposed convolution and the backward pass take the same arrays
    as :func:`conv2d`, so they share these checks.
    """
    xa = _as_float_array(x, "input", 3, "(H, W, C)")
    ka = _as_float_array(kernels, "kernels", 4, "(kh, kw, C // groups, K)")
    H, W, C = xa.shape
    kh, kw, c_per_group, K = ka.shape
    if min(H, W, C) < 1:
        raise ConvError("input must not be empty, got shape [H,W,C] = [{H},{W},{C}]", H=H, W=W, C=C)
    if min(kh, kw, c_per_group) < 1:
        raise ConvError(
            "kernels must not be empty, got shape [kh,kw,c,k] = [{kh},{kw},{c_per_group},{K}]",
            kh=kh, kw=kw, c_per_group=c_per_group, K=K,
        )
    if K < 1:
        raise ConvError("there must be at least one kernel (K ≥ 1)")
    if isinstance(groups, bool) or not isinstance(groups, (int, np.integer)):
        raise ConvError("groups must be a whole number, got {groups!r}", groups=groups)
    g = int(groups)
    if g < 1:
        raise ConvError("groups must be ≥ 1, got {g}", g=g)
    if C % g:
        raise ConvError("groups {g} must divide the input channels C = {C}", g=g, C=C)
    if K % g:
        raise ConvError("groups {g} must divide the number of kernels K = {K}", g=g, K=K)
    if c_per_group != C // g:
        numbers = {"c_per_group": c_per_group, "C": C, "g": g, "c_g": C // g}
        raise ConvError(
            Message("each kernel has 1 channel, but the input has C = {C} and groups = {g}, so each kernel needs "
                    "C // groups = {c_g}", **numbers) if c_per_group == 1 else
            Message("each kernel has {c_per_group} channels, but the input has C = {C} and groups = {g}, so each "
                    "kernel needs C // groups = {c_g}", **numbers)
        )  # fmt: skip
    if bias is None:
        ba = np.zeros(K)
    else:
        ba = _as_float_array(bias, "bias", 1, "(K,)")
        if ba.shape[0] != K:
            raise ConvError(
                "bias must have one value per kernel (K = {K}), got {ba_shape_0}",
                K=K, ba_shape_0=ba.shape[0],
            )
    return xa, ka, ba, g


def prepare(
    x: object, kernels: object, bias: object = None, *, groups: object = 1, **params: Unpack[GeometryKeywords]
) -> ConvRequest:
    """Check a request and resolve its geometry, or raise :class:`ConvError`.

    ``params`` are :func:`~convviz.core.geometry.resolve_geometry`'s (stride,
    padding, dilation, padding_mode), with PyTorch's defaults.
    """
    xa, ka, ba, g = check_arrays(x, kernels, bias, groups)
    H, W, _ = xa.shape
    kh, kw, _, _ = ka.shape
    return ConvRequest(xa, ka, ba, g, resolve_geometry((H, W), (kh, kw), **params))


def padded_planes(x: np.ndarray, geometry: ConvGeometry) -> np.ndarray:
    """``x`` as contiguous channel planes ``(C, Hp, Wp)``, padded.

    Channel-first planes make every unfolded row a run of contiguous
    numbers, which is what keeps the copy in :func:`_unfold` fast. The
    result may live in a per-thread scratch buffer: use it before the next
    call on the same thread.
    """
    planes = _padded_rows(x.transpose(2, 0, 1), geometry, 0, geometry.padded_hw[0], rows_axis=1)
    # Without padding that can be x itself; this has always been a copy.
    return planes.copy() if np.may_share_memory(planes, x) else planes


def _padded_rows(source: np.ndarray, geometry: ConvGeometry, p0: int, p1: int, rows_axis: int) -> np.ndarray:
    """Padded rows ``p0:p1`` of ``source``, C-contiguous.

    ``source`` holds the input's rows and columns on axes ``rows_axis`` and
    ``rows_axis + 1`` (``(C, H, W)`` or ``(H, W, C)``). Padding only the rows
    one block of output needs keeps the copy in cache and its size bounded.
    The result is either a view of ``source`` or lives in a per-thread
    scratch buffer; it is only to be read.
    """
    lead = (slice(None),) * rows_axis
    H, W = source.shape[rows_axis : rows_axis + 2]
    Wp = geometry.padded_hw[1]
    first = p0 - geometry.pad_h[0]  # rows first:last of source, some maybe padding
    last = first + p1 - p0
    if W == Wp and first >= 0 and last <= H and source.flags.c_contiguous:
        # No padding in these rows: use them as they are if they are contiguous.
        rows = source[lead + (slice(first, last),)]
        if rows.flags.c_contiguous:
            return rows
    shape = source.shape[:rows_axis] + (p1 - p0, Wp) + source.shape[rows_axis + 2 :]
    padded = _scratch(math.prod(shape), "planes", _PLANES_CACHE_BYTES).reshape(shape)
    if geometry.padding_mode == "zeros":
        lo = max(first, 0)  # the real rows lo:hi, maybe none
        hi = max(min(last, H), lo)
        if hi - lo < p1 - p0 or W < Wp:
            padded.fill(0.0)
        left = geometry.pad_w[0]
        padded[lead + (slice(lo - first, hi - first), slice(left, left + W))] = source[lead + (slice(lo, hi),)]
    else:
        rows = np.take(source, geometry.row_map[p0:p1], axis=rows_axis)
        np.take(rows, geometry.col_map, axis=rows_axis + 1, out=padded)
    return padded


def _unfold(planes: np.ndarray, geometry: ConvGeometry, groups: int, r0: int, r1: int) -> np.ndarray:
    """im2col of output rows ``r0:r1``: ``(G, taps + 1, (r1 - r0) * ow)``.

    ``planes`` is the input as ``(C, H, W)``. ``[g, t, m]`` for ``t < taps``
    is the input under tap ``t`` (ordered channel, kernel row, kernel
    column) of group ``g`` for the ``m``-th output cell of the block. Row
    ``taps`` is all ones: matched with a bias row in the weights it adds the
    bias inside the matmul, which is cheaper than a broadcast add over the
    output afterwards. The result lives in a per-thread scratch buffer.
    """
    (kh, kw), (sh, sw), (dh, dw), ow = geometry.kernel_hw, geometry.stride, geometry.dilation, geometry.output_hw[1]
    Cg = planes.shape[0] // groups
    rows = _padded_rows(planes, geometry, r0 * sh, (r1 - 1) * sh + geometry.span_hw[0], rows_axis=1)
    sc, srow, scol = rows.strides
    # np.ndarray over the rows' buffer: a strided view without the
    # overhead of as_strided, which dominated small inputs.
    windows = np.ndarray(
        (groups, Cg, kh, kw, r1 - r0, ow),
        dtype=rows.dtype,
        buffer=rows,
        strides=(sc * Cg, sc, srow * dh, scol * dw, srow * sh, scol * sw),
    )
    taps, m = Cg * kh * kw, (r1 - r0) * ow
    cols = _scratch(groups * (taps + 1) * m).reshape(groups, taps + 1, m)
    np.copyto(cols[:, :taps].reshape(windows.shape), windows)  # a view: it only splits axes
    cols[:, taps] = 1.0
    return cols


_workspace = threading.local()
_PLANES_CACHE_BYTES = 8 * 1024 * 1024
# Unfolded blocks are kept up to this size: a block holds at least one
# output row, which may be larger than _BLOCK_BYTES.
_COLS_CACHE_BYTES = 4 * 1024 * 1024


def _scratch(size: int, name: str = "cols", limit: int = _COLS_CACHE_BYTES) -> np.ndarray:
    """A reusable per-thread buffer of ``size`` float64s.

    Fresh multi-megabyte allocations page-fault on every call (glibc hands
    freed memory back to the OS), and on virtual machines that cost more
    than the arithmetic for inputs up to about 128×128. Buffers up to
    ``limit`` bytes are kept, one per name and thread; larger ones are not.
    """
    if size * 8 > limit:
        return np.empty(size)
    buf = getattr(_workspace, name, None)
    if buf is None or buf.size < size:
        buf = np.empty(limit // 8)
        setattr(_workspace, name, buf)
    return buf[:size]


def _row_blocks(oh: int, bytes_per_row: int) -> list[tuple[int, int]]:
    rows = max(1, _BLOCK_BYTES // max(1, bytes_per_row))
    return [(r, min(oh, r + rows)) for r in range(0, oh, rows)]


def _unfolded_blocks(
    x: np.ndarray, geometry: ConvGeometry, groups: int, bytes_per_row: int
) -> Iterator[tuple[int, int, np.ndarray]]:
    """``(r0, r1, cols)``: :func:`_unfold` of ``x`` ``(H, W, C)`` for each block of
    output rows, through this thread's plan for the geometry where there is one.
    Each block's ``cols`` is only valid until the next one is made."""
    blocks = _row_blocks(geometry.output_hw[0], bytes_per_row)
    plan = unfold_plan(geometry, x.shape[2], groups, blocks)
    if plan is not None:
        return plan.blocks(x)
    planes = x.transpose(2, 0, 1)
    return ((r0, r1, _unfold(planes, geometry, groups, r0, r1)) for r0, r1 in blocks)


def _grouped_weights(req: ConvRequest) -> np.ndarray:
    """Kernels as ``(G, Kg, Cg, kh, kw)``: one weight matrix per group."""
    kh, kw, cg, k = req.kernels.shape
    return req.kernels.reshape(kh, kw, cg, req.groups, k // req.groups).transpose(3, 4, 2, 0, 1)


def conv2d(x: object, kernels: object, bias: object = None, **params: Unpack[ConvKeywords]) -> np.ndarray:
    """Feature maps ``(oh, ow, K)`` of ``x`` ``(H, W, C)`` under ``kernels``.

    ``kernels`` is ``(kh, kw, C // groups, K)`` and ``bias`` ``(K,)`` or None;
    ``params`` are :func:`prepare`'s (stride, padding, dilation, groups, padding_mode).
    """
    return compute(prepare(x, kernels, bias, **params))


def compute(req: ConvRequest) -> np.ndarray:
    """Feature maps for a request that :func:`prepare` has checked."""
    geometry, G = req.geometry, req.groups
    kh, kw, Cg, K = req.kernels.shape
    if Cg == 1 and K == G and G > 1 and geometry.stride[1] == 1:
        return _compute_depthwise(req)  # see there for why only this case
    Kg, taps = K // G, Cg * kh * kw
    (oh, ow), sh, Wp = geometry.output_hw, geometry.stride[0], geometry.padded_hw[1]
    # (G, taps + 1, Kg): the unfolded columns times this give (oh, ow, K)
    # rows directly, so the result needs no transpose. The last row is the
    # bias, matched by the row of ones in the columns.
    kernels = req.kernels.reshape(kh, kw, Cg, G, Kg).transpose(3, 2, 0, 1, 4).reshape(G, taps, Kg)
    weights = np.concatenate((kernels, req.bias.reshape(G, 1, Kg)), axis=1)
    out = np.empty((oh, ow, K))
    for r0, r1, cols in _unfolded_blocks(req.x, geometry, G, (ow * G * (taps + 1) + sh * Wp * G * Cg) * 8):
        target = out[r0:r1].reshape((r1 - r0) * ow, G, Kg)
        np.matmul(cols.transpose(0, 2, 1), weights, out=target.transpose(1, 0, 2))
    return out


def _compute_depthwise(req: ConvRequest) -> np.ndarray:
    """:func:`compute` for one kernel per channel (groups = C = K ≥ 2), stride 1 across.

    A matmul would contract only ``kh * kw`` numbers per output, too few to
    pay for the im2col copy it reads. einsum sums the products straight
    from strided views of the padded rows, with no copy and no temporaries.
    With stride 1 across, a row's columns and channels are one contiguous
    run, which einsum walks as one long inner loop. Strided columns break
    that run, and with a single channel the run's stride ties with the
    kernel columns' so einsum may loop over those innermost; the matmul is
    faster in both cases.
    """
    geometry = req.geometry
    (kh, kw), (dh, dw), (oh, ow), sh = geometry.kernel_hw, geometry.dilation, geometry.output_hw, geometry.stride[0]
    C, Wp = req.x.shape[2], geometry.padded_hw[1]
    # Weights and bias repeated along the output row to match that run.
    weights: np.ndarray = np.empty((kh, kw, ow, C))  # reshaped below
    weights[...] = req.kernels.reshape(kh, kw, 1, C)
    weights = weights.reshape(kh, kw, ow * C)
    bias = np.empty((ow, C))
    bias[...] = req.bias
    bias = bias.reshape(ow * C)
    out = np.empty((oh, ow, C))
    for r0, r1 in _row_blocks(oh, (ow + sh * Wp) * C * 8):
        rows = _padded_rows(req.x, geometry, r0 * sh, (r1 - 1) * sh + geometry.span_hw[0], rows_axis=0)
        srow, scol, sc = rows.strides
        windows = np.ndarray(
            (kh, kw, r1 - r0, ow * C), dtype=rows.dtype, buffer=rows, strides=(srow * dh, scol * dw, srow * sh, sc)
        )
        block = out[r0:r1].reshape(r1 - r0, ow * C)
        np.einsum("ijrn,ijn->rn", windows, weights, out=block)
        block += bias
    return out


def channel_partials(x: object, kernels: object, bias: object = None, **params: Unpack[ConvKeywords]) -> np.ndarray:
    """What each input channel contributes: ``(oh, ow, K, C // groups)``.

    ``partials[..., c]`` is the sum of the products of the kernel's channel
    ``c`` (of its group) with the input under the window. Summed over the
    last axis and added to the bias, it gives :func:`conv2d`. The bias is
    checked but not included. ``params`` are :func:`prepare`'s.
    """
    return compute_partials(prepare(x, kernels, bias, **params))


def compute_partials(req: ConvRequest) -> np.ndarray:
    """Per-channel contributions ``(oh, ow, K, C // groups)`` of a checked request."""
    geometry = req.geometry
    (kh, kw), (oh, ow), sh, Wp = geometry.kernel_hw, geometry.output_hw, geometry.stride[0], geometry.padded_hw[1]
    G, Cg, Kg = req.groups, req.channels_per_group, req.kernels_per_group
    taps = Cg * kh * kw
    # (G, Cg, Kg, kh*kw): one small weight matrix per (group, channel).
    weights = _grouped_weights(req).reshape(G, Kg, Cg, kh * kw).transpose(0, 2, 1, 3)
    out = np.empty((oh, ow, G * Kg, Cg))
    planes = req.x.transpose(2, 0, 1)
    for r0, r1 in _row_blocks(oh, (ow * G * Cg * max(kh * kw, Kg) + sh * Wp * G * Cg) * 8):
        m = (r1 - r0) * ow
        # The bias is not part of the partials: leave out the row of ones.
        cols = _unfold(planes, geometry, G, r0, r1)[:, :taps].reshape(G, Cg, kh * kw, m)
        per_channel = np.matmul(weights, cols)  # (G, Cg, Kg, m)
        out[r0:r1] = per_channel.transpose(3, 0, 2, 1).reshape(r1 - r0, ow, G * Kg, Cg)
    return out


def partial_maps(
    x: object, kernels: object, bias: object = None, *, kernel: object = 0, **params: Unpack[ConvKeywords]
) -> np.ndarray:
    """Kernel ``kernel``'s partial maps ``(C // groups, oh, ow)``: the seed's eq. (3) for whole maps.

    ``P[c] = X[g·c' + c] ⋆ W[kernel, c]`` for the channels of the kernel's
    group ``g``, so that ``P.sum(axis=0) + bias[kernel]`` is
    ``conv2d(...)[..., kernel]``. Only that kernel is computed. ``params`` are :func:`prepare`'s.
    """
    req = prepare(x, kernels, bias, **params)
    K = req.kernels.shape[3]
    if isinstance(kernel, (bool, np.bool_)) or not isinstance(kernel, (int, np.integer)):
        raise ConvError("kernel must be a kernel index 0..{k_1}, got {kernel!r}", k_1=K - 1, kernel=kernel)
    k = int(kernel)
    if not 0 <= k < K:
        raise ConvError("kernel {k} does not exist; there are K = {K} kernels, 0..{k_1}", k=k, K=K, k_1=K - 1)
    Cg = req.channels_per_group
    g = k // req.kernels_per_group
    # The kernel alone over its group's channels: the same sums, one kernel's work.
    alone = ConvRequest(
        req.x[:, :, g * Cg : (g + 1) * Cg], req.kernels[..., k : k + 1], req.bias[k : k + 1], 1, req.geometry
    )
    return compute_partials(alone)[:, :, 0, :].transpose(2, 0, 1)
