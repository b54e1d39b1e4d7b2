"""The convolution engine: exact, vectorized, memory-bounded numpy.

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

import threading
from dataclasses import dataclass

import numpy as np

from convviz.core.errors import ConvError
from convviz.core.geometry import ConvGeometry, output_shape, resolve_geometry

__all__ = ["ConvError", "ConvRequest", "channel_partials", "conv2d", "output_shape", "prepare"]

# Size of one block of unfolded input (im2col rows). Small enough to stay in
# cache-friendly territory, large enough that BLAS calls dominate overhead.
_BLOCK_BYTES = 4194304


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
        return self.kernels.shape[2]

    @property
    def kernels_per_group(self) -> int:
        return self.kernels.shape[3] // self.groups


def _as_float_array(value: object, name: str, ndim: int, layout: str) -> np.ndarray:
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError) as exc:
        raise ConvError(f"{name} must be a {ndim}-D array of numbers {layout}: {exc}") from None
    if raw.dtype.kind not in "biuf":
        raise ConvError(f"{name} must hold numbers, got values of type {raw.dtype}")
    if raw.ndim != ndim:
        raise ConvError(f"{name} must be {ndim}-D {layout}, got shape {tuple(raw.shape)}")
    arr = raw.astype(np.float64, copy=False)
    if not np.isfinite(arr).all():
        bad = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0])
        raise ConvError(f"{name} holds {arr[bad]} at index {list(bad)}; only finite numbers are allowed")
    return arr


def prepare(
    x: object,
    kernels: object,
    bias: object = None,
    *,
    stride: object = 1,
    padding: object = 0,
    dilation: object = 1,
    groups: object = 1,
    padding_mode: str = "zeros",
) -> ConvRequest:
    """Check a request and resolve its geometry, or raise :class:`ConvError`."""
    xa = _as_float_array(x, "input", 3, "(H, W, C)")
    ka = _as_float_array(kernels, "kernels", 4, "(kh, kw, C // groups, K)")
    H, W, C = xa.shape
    kh, kw, c_per_group, K = ka.shape
    if min(H, W, C) < 1:
        raise ConvError(f"input must not be empty, got shape [H,W,C] = [{H},{W},{C}]")
    if min(kh, kw, c_per_group) < 1:
        raise ConvError(f"kernels must not be empty, got shape [kh,kw,c,k] = [{kh},{kw},{c_per_group},{K}]")
    if K < 1:
        raise ConvError("there must be at least one kernel (K ≥ 1)")
    if isinstance(groups, bool) or not isinstance(groups, (int, np.integer)):
        raise ConvError(f"groups must be a whole number, got {groups!r}")
    g = int(groups)
    if g < 1:
        raise ConvError(f"groups must be ≥ 1, got {g}")
    if C % g:
        raise ConvError(f"groups {g} must divide the input channels C = {C}")
    if K % g:
        raise ConvError(f"groups {g} must divide the number of kernels K = {K}")
    if c_per_group != C // g:
        raise ConvError(
            f"each kernel has {c_per_group} channel{'s' if c_per_group != 1 else ''}, but the input has "
            f"C = {C} and groups = {g}, so each kernel needs C // groups = {C // g}"
        )
    if bias is None:
        ba = np.zeros(K)
    else:
        ba = _as_float_array(bias, "bias", 1, "(K,)")
        if ba.shape[0] != K:
            raise ConvError(f"bias must have one value per kernel (K = {K}), got {ba.shape[0]}")
    geometry = resolve_geometry(
        (H, W), (kh, kw), stride=stride, padding=padding, dilation=dilation, padding_mode=padding_mode
    )
    return ConvRequest(xa, ka, ba, g, geometry)


def padded_planes(x: np.ndarray, geometry: ConvGeometry) -> np.ndarray:
    """``x`` as contiguous channel planes ``(C, Hp, Wp)``, padded.

    Channel-first planes make every unfolded row a run of contiguous
    numbers, which is what keeps the copy in :func:`_unfold` fast. The
    result may live in a per-thread scratch buffer: use it before the next
    call on the same thread.
    """
    C, (Hp, Wp) = x.shape[2], geometry.padded_hw
    planes = _scratch(C * Hp * Wp, "planes", _PLANES_CACHE_BYTES).reshape(C, Hp, Wp)
    source = x.transpose(2, 0, 1)
    (top, bottom), (left, right) = geometry.pad_h, geometry.pad_w
    if geometry.padding_mode == "zeros":
        if top or bottom or left or right:
            planes.fill(0.0)
        planes[:, top : top + x.shape[0], left : left + x.shape[1]] = source
    else:
        np.take(np.take(source, geometry.row_map, axis=1), geometry.col_map, axis=2, out=planes)
    return planes


def _unfold(planes: np.ndarray, geometry: ConvGeometry, r0: int, r1: int) -> np.ndarray:
    """im2col of output rows ``r0:r1``: ``(C, kh, kw, (r1 - r0) * ow)``, a copy.

    ``[c, i, j, m]`` is the input under tap ``(i, j)`` of channel ``c`` for
    the ``m``-th output cell of the block.
    """
    (kh, kw), (sh, sw), (dh, dw), ow = geometry.kernel_hw, geometry.stride, geometry.dilation, geometry.output_hw[1]
    sc, srow, scol = planes.strides
    # np.ndarray over the planes' buffer: a strided view without the
    # overhead of as_strided, which dominated small inputs.
    view = np.ndarray(
        (planes.shape[0], kh, kw, r1 - r0, ow),
        dtype=planes.dtype,
        buffer=planes,
        offset=r0 * sh * srow,
        strides=(sc, srow * dh, scol * dw, srow * sh, scol * sw),
    )
    cols = _scratch(view.size).reshape(view.shape)
    np.copyto(cols, view)
    return cols.reshape(planes.shape[0], kh, kw, (r1 - r0) * ow)


_workspace = threading.local()
_PLANES_CACHE_BYTES = 8 * 1024 * 1024


def _scratch(size: int, name: str = "cols", limit: int = _BLOCK_BYTES) -> np.ndarray:
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


def _grouped_weights(req: ConvRequest) -> np.ndarray:
    """Kernels as ``(G, Kg, Cg, kh, kw)``: one weight matrix per group."""
    kh, kw, cg, k = req.kernels.shape
    return req.kernels.reshape(kh, kw, cg, req.groups, k // req.groups).transpose(3, 4, 2, 0, 1)


def conv2d(
    x: object,
    kernels: object,
    bias: object = None,
    *,
    stride: object = 1,
    padding: object = 0,
    dilation: object = 1,
    groups: object = 1,
    padding_mode: str = "zeros",
) -> np.ndarray:
    """Feature maps ``(oh, ow, K)`` of ``x`` ``(H, W, C)`` under ``kernels``.

    ``kernels`` is ``(kh, kw, C // groups, K)`` and ``bias`` ``(K,)`` or None.
    """
    req = prepare(
        x, kernels, bias, stride=stride, padding=padding, dilation=dilation, groups=groups, padding_mode=padding_mode
    )
    return compute(req)


def compute(req: ConvRequest) -> np.ndarray:
    """Feature maps for a request that :func:`prepare` has checked."""
    (kh, kw), (oh, ow) = req.geometry.kernel_hw, req.geometry.output_hw
    G, Cg, Kg = req.groups, req.channels_per_group, req.kernels_per_group
    taps = Cg * kh * kw
    planes = padded_planes(req.x, req.geometry)
    # (G, taps, Kg): the unfolded columns times this give (oh, ow, K) rows
    # directly, so the result needs no transpose.
    weights = _grouped_weights(req).reshape(G, Kg, taps).transpose(0, 2, 1)
    out = np.empty((oh, ow, G * Kg))
    for r0, r1 in _row_blocks(oh, ow * G * taps * 8):
        m = (r1 - r0) * ow
        cols = _unfold(planes, req.geometry, r0, r1).reshape(G, taps, m).transpose(0, 2, 1)
        target = out[r0:r1].reshape(m, G, Kg)
        if G == 1:
            np.matmul(cols[0], weights[0], out=target[:, 0, :])
        else:
            np.matmul(cols, weights, out=target.transpose(1, 0, 2))
    out += req.bias
    return out


def channel_partials(
    x: object,
    kernels: object,
    bias: object = None,
    *,
    stride: object = 1,
    padding: object = 0,
    dilation: object = 1,
    groups: object = 1,
    padding_mode: str = "zeros",
) -> np.ndarray:
    """What each input channel contributes: ``(oh, ow, K, C // groups)``.

    ``partials[..., c]`` is the sum of the products of the kernel's channel
    ``c`` (of its group) with the input under the window. Summed over the
    last axis and added to the bias, it gives :func:`conv2d`. The bias is
    checked but not included.
    """
    req = prepare(
        x, kernels, bias, stride=stride, padding=padding, dilation=dilation, groups=groups, padding_mode=padding_mode
    )
    return compute_partials(req)


def compute_partials(req: ConvRequest) -> np.ndarray:
    """Per-channel contributions ``(oh, ow, K, C // groups)`` of a checked request."""
    (kh, kw), (oh, ow) = req.geometry.kernel_hw, req.geometry.output_hw
    G, Cg, Kg = req.groups, req.channels_per_group, req.kernels_per_group
    planes = padded_planes(req.x, req.geometry)
    # (G, Cg, Kg, kh*kw): one small weight matrix per (group, channel).
    weights = _grouped_weights(req).reshape(G, Kg, Cg, kh * kw).transpose(0, 2, 1, 3)
    out = np.empty((oh, ow, G * Kg, Cg))
    for r0, r1 in _row_blocks(oh, ow * G * Cg * max(kh * kw, Kg) * 8):
        m = (r1 - r0) * ow
        cols = _unfold(planes, req.geometry, r0, r1).reshape(G, Cg, kh * kw, m)
        per_channel = np.matmul(weights, cols)  # (G, Cg, Kg, m)
        out[r0:r1] = per_channel.transpose(3, 0, 2, 1).reshape(r1 - r0, ow, G * Kg, Cg)
    return out
