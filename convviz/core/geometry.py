"""Convolution geometry: parameters, padding, output size and index maps.

Everything here follows PyTorch's ``conv2d``: stride, padding (an int, a pair,
``"valid"`` or ``"same"``), dilation and the padding modes zeros, reflect,
replicate and circular. ``"same"`` puts the odd extra row/column at the
bottom/right, as PyTorch does.

The index maps (:meth:`ConvGeometry.row_map`) say, for every padded row or
column, which real row or column it holds (``-1`` for a zero). The engine pads
through them and the step trace uses them to say which real cell a padding
cell copies, so both always agree.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from collections.abc import Callable
from functools import cached_property
from typing import Literal, TypeVar, Unpack

import numpy as np

from convviz.core.conv_keywords import ShapeKeywords
from convviz.core.errors import ConvError

__all__ = [
    "PADDING_MODES",
    "ConvGeometry",
    "as_pair",
    "cached_by_repr",
    "normalize_padding",
    "output_shape",
    "resolve_geometry",
    "unchecked_size_formulas",
]

PADDING_MODES = ("zeros", "reflect", "replicate", "circular")
# Bounds that keep every size and stride representable, far beyond any
# real use: a typo like padding 10**20 gets a message instead of a crash.
MAX_PARAMETER = 1_000_000
MAX_PADDED_CELLS = 2**28  # per channel: 2 GiB of float64
_NUMPY_PAD_MODE: dict[str, Literal["reflect", "edge", "wrap"]] = {
    "reflect": "reflect",
    "replicate": "edge",
    "circular": "wrap",
}

Pair = tuple[int, int]
T = TypeVar("T")


def _as_int(value: object, name: str) -> int:
    if isinstance(value, (bool, np.bool_)):
        raise ConvError("{name} must be a whole number, got {value!r}", name=name, value=value)
    if not isinstance(value, numbers.Integral):
        if isinstance(value, numbers.Real):
            # float() is what numbers.Real promises; whole floats up to 2**53,
            # far past MAX_PARAMETER, convert exactly.
            whole = float(value)
            if whole.is_integer():
                return int(whole)
        raise ConvError("{name} must be a whole number, got {value!r}", name=name, value=value)
    return int(value)


def as_pair(value: object, name: str, *, minimum: int) -> Pair:
    """``value`` as an ``(h, w)`` pair of ints, each at least ``minimum``."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, (tuple, list, np.ndarray)):
        items = list(value)
        if len(items) != 2:
            raise ConvError(
                "{name} must be one number or a pair (h, w), got {n_items} numbers",
                name=name, n_items=len(items),
            )
        pair = (_as_int(items[0], name), _as_int(items[1], name))
    else:
        n = _as_int(value, name)
        pair = (n, n)
    shown = pair[0] if pair[0] == pair[1] else pair
    if min(pair) < minimum:
        raise ConvError("{name} must be ≥ {minimum}, got {shown}", name=name, minimum=minimum, shown=shown)
    if max(pair) > MAX_PARAMETER:
        raise ConvError(
            "{name} must be at most {max_parameter:,}, got {shown}",
            name=name, max_parameter=MAX_PARAMETER, shown=shown,
        )
    return pair


def normalize_padding(padding: object) -> Pair | str:
    """An ``(h, w)`` pair of non-negative ints, or ``"same"``/``"valid"``."""
    if isinstance(padding, str):
        mode = padding.strip().lower()
        if mode not in ("same", "valid"):
            raise ConvError('padding must be a number, a pair, "same" or "valid", got {padding!r}', padding=padding)
        return mode
    return as_pair(padding, "padding", minimum=0)


def _size(a: int, b: int) -> str:
    return f"{a}×{b}"


@dataclass(frozen=True)
class ConvGeometry:
    """The resolved geometry of one convolution (all pairs are ``(h, w)``)."""

    input_hw: Pair
    kernel_hw: Pair
    stride: Pair
    dilation: Pair
    pad_h: Pair  # (top, bottom)
    pad_w: Pair  # (left, right)
    padding_mode: str
    output_hw: Pair

    # Cached: the engine reads these for every block of every call.
    @cached_property
    def span_hw(self) -> Pair:
        """Rows and columns one window covers, gaps from dilation included."""
        return tuple(d * (k - 1) + 1 for d, k in zip(self.dilation, self.kernel_hw))  # type: ignore[return-value]

    @cached_property
    def padded_hw(self) -> Pair:
        return (
            self.input_hw[0] + sum(self.pad_h),
            self.input_hw[1] + sum(self.pad_w),
        )

    @cached_property
    def row_map(self) -> np.ndarray:
        """For each padded row, the real row it holds, or -1 for a zero row."""
        return _index_map(self.input_hw[0], self.pad_h, self.padding_mode)

    @cached_property
    def col_map(self) -> np.ndarray:
        """For each padded column, the real column it holds, or -1 for zeros."""
        return _index_map(self.input_hw[1], self.pad_w, self.padding_mode)

    def window_rows(self, out_row: int) -> np.ndarray:
        """Padded row of each kernel row's tap for output row ``out_row``."""
        return out_row * self.stride[0] + self.dilation[0] * np.arange(self.kernel_hw[0])

    def window_cols(self, out_col: int) -> np.ndarray:
        return out_col * self.stride[1] + self.dilation[1] * np.arange(self.kernel_hw[1])

    def read_padded_rows(self) -> np.ndarray:
        """Bool mask over padded rows: True where some window taps the row."""
        return _read_mask(self.padded_hw[0], self.output_hw[0], self.stride[0], self.dilation[0], self.kernel_hw[0])

    def read_padded_cols(self) -> np.ndarray:
        return _read_mask(self.padded_hw[1], self.output_hw[1], self.stride[1], self.dilation[1], self.kernel_hw[1])

    def dropped_input_rows(self) -> list[int]:
        """Real rows that no window reaches because the stride floors them off."""
        return _dropped(self.read_padded_rows(), self.pad_h[0], self.input_hw[0], self.span_hw[0], self.stride[0], self.output_hw[0])

    def dropped_input_cols(self) -> list[int]:
        return _dropped(self.read_padded_cols(), self.pad_w[0], self.input_hw[1], self.span_hw[1], self.stride[1], self.output_hw[1])

    def readers(self, row: int, col: int) -> tuple[np.ndarray, np.ndarray]:
        """Output rows and columns whose window reads input cell ``(row, col)``.

        Counts padding cells that copy it too (reflect, replicate, circular).
        Windows are full grids of taps, so an output cell reads the input cell
        exactly when its row reads the row and its column reads the column.
        """
        return (
            _reader_lines(self.row_map, row, self.output_hw[0], self.stride[0], self.dilation[0], self.kernel_hw[0]),
            _reader_lines(self.col_map, col, self.output_hw[1], self.stride[1], self.dilation[1], self.kernel_hw[1]),
        )

    def output_size_formulas(self) -> tuple[str, str]:
        """The output-size formula for oh and ow, filled in with the numbers."""
        return (
            _formula("oh", "H", self.input_hw[0], self.pad_h, self.dilation[0], self.kernel_hw[0], self.stride[0], self.output_hw[0]),
            _formula("ow", "W", self.input_hw[1], self.pad_w, self.dilation[1], self.kernel_hw[1], self.stride[1], self.output_hw[1]),
        )


def _formula(out: str, size_name: str, size: int, pads: Pair, d: int, k: int, s: int, result: int) -> str:
    if pads[0] == pads[1]:
        symbolic = f"{out} = ⌊({size_name} + 2p − d(k−1) − 1)/s⌋ + 1"
    else:
        symbolic = f"{out} = ⌊({size_name} + p₁ + p₂ − d(k−1) − 1)/s⌋ + 1"
    filled = f"⌊({size} + {sum(pads)} − {d * (k - 1)} − 1)/{s}⌋ + 1 = {result}"
    return f"{symbolic} = {filled}"


def unchecked_size_formulas(
    input_hw: Pair, kernel_hw: Pair, stride: Pair, padding: object, dilation: Pair
) -> tuple[tuple[str, int], tuple[str, int]]:
    """The oh and ow formulas filled in, with their results, even when the
    parameters are impossible, so the numbers that reach zero or below can be
    shown. "same" is filled in with the padding it would add at stride 1."""
    pad = normalize_padding(padding)
    lines = []
    for i, (out, size_name) in enumerate((("oh", "H"), ("ow", "W"))):
        n, k, s, d = input_hw[i], kernel_hw[i], stride[i], dilation[i]
        if isinstance(pad, tuple):
            pads = (pad[i], pad[i])
        elif pad == "same":
            total = d * (k - 1)
            pads = (total // 2, total - total // 2)
        else:  # "valid"
            pads = (0, 0)
        result = (n + sum(pads) - d * (k - 1) - 1) // s + 1  # floor division, as the formula says
        lines.append((_formula(out, size_name, n, pads, d, k, s, result), result))
    return lines[0], lines[1]


def split_formula(formula: str) -> tuple[str, str]:
    """``oh = ⌊…⌋ + 1`` and ``= ⌊(5 + 0 − 2 − 1)/1⌋ + 1 = 3``, for two-line display."""
    head, _, tail = formula.partition(" + 1 = ")
    return f"{head} + 1", f"= {tail}"


def _index_map(n: int, pads: Pair, mode: str) -> np.ndarray:
    idx = np.arange(n, dtype=np.intp)
    if mode == "zeros":
        mapped = np.pad(idx, pads, mode="constant", constant_values=-1)
    else:
        mapped = np.pad(idx, pads, mode=_NUMPY_PAD_MODE[mode])
    mapped.flags.writeable = False  # geometries are cached and shared
    return mapped


def _reader_lines(index_map: np.ndarray, line: int, out: int, s: int, d: int, k: int) -> np.ndarray:
    taps = np.arange(out)[:, None] * s + d * np.arange(k)[None, :]
    return np.flatnonzero((index_map[taps] == line).any(axis=1))


def _read_mask(padded: int, out: int, s: int, d: int, k: int) -> np.ndarray:
    mask = np.zeros(padded, dtype=bool)
    starts = np.arange(out) * s
    taps = (starts[:, None] + d * np.arange(k)[None, :]).ravel()
    mask[taps] = True
    return mask


def _dropped(read: np.ndarray, pad_before: int, n: int, span: int, s: int, out: int) -> list[int]:
    # Rows past the last window's reach are dropped by the floor in the
    # output-size formula. Rows skipped *between* taps by dilation are not
    # "dropped" in that sense, so only the tail counts.
    last_reached = (out - 1) * s + span - 1  # in padded coordinates
    return [r for r in range(n) if r + pad_before > last_reached]


def resolve_geometry(
    input_hw: tuple[int, int],
    kernel_hw: tuple[int, int],
    *,
    stride: object = 1,
    padding: object = 0,
    dilation: object = 1,
    padding_mode: str = "zeros",
) -> ConvGeometry:
    """Check the parameters and work out padding and output size.

    Raises :class:`ConvError` naming the parameter and the numbers for every
    impossible request. Results are cached: the animator and the UI ask for
    the same geometry many times a second.
    """
    args = (input_hw, kernel_hw, stride, padding, dilation, padding_mode)
    return cached_by_repr(_GEOMETRY_CACHE, _resolve_geometry, args)


_GEOMETRY_CACHE: dict[str, ConvGeometry] = {}


def cached_by_repr(cache: dict[str, T], make: Callable[..., T], args: tuple[object, ...]) -> T:
    """``make(*args)``, remembered in ``cache`` (up to 256 entries) under the repr of ``args``.

    repr, not hash: a hash key would treat True like 1 and 2.0 like 2, which
    the checks in ``make`` tell apart.
    """
    key = repr(args)
    value = cache.get(key)
    if value is None:
        value = make(*args)
        if len(cache) >= 256:
            cache.clear()
        cache[key] = value
    return value


def _resolve_geometry(
    input_hw: tuple[int, int],
    kernel_hw: tuple[int, int],
    stride: object,
    padding: object,
    dilation: object,
    padding_mode: str,
) -> ConvGeometry:
    in_h, in_w = as_pair(input_hw, "input size", minimum=1)
    k_h, k_w = as_pair(kernel_hw, "kernel size", minimum=1)
    stride_hw = as_pair(stride, "stride", minimum=1)
    dil_hw = as_pair(dilation, "dilation", minimum=1)
    if not isinstance(padding_mode, str) or padding_mode not in PADDING_MODES:
        raise ConvError(
            "padding_mode must be one of {padding_modes}, got {padding_mode!r}",
            padding_modes=', '.join(PADDING_MODES), padding_mode=padding_mode,
        )
    pad = normalize_padding(padding)

    span_h, span_w = dil_hw[0] * (k_h - 1) + 1, dil_hw[1] * (k_w - 1) + 1
    if isinstance(pad, tuple):
        pad_h, pad_w = (pad[0], pad[0]), (pad[1], pad[1])
    elif pad == "same":
        if stride_hw != (1, 1):
            raise ConvError('padding "same" needs stride 1, got stride {stride_size}', stride_size=_size(*stride_hw))
        total_h, total_w = span_h - 1, span_w - 1
        pad_h = (total_h // 2, total_h - total_h // 2)
        pad_w = (total_w // 2, total_w - total_w // 2)
    else:  # "valid"
        pad_h, pad_w = (0, 0), (0, 0)

    if padding_mode == "reflect":
        for side, p, n, dim in (("top/bottom", max(pad_h), in_h, "height"), ("left/right", max(pad_w), in_w, "width")):
            if p >= n:
                raise ConvError(
                    "reflect padding {p} ({side}) must be smaller than the input {dim} {n}",
                    p=p, side=side, dim=dim, n=n,
                )
    elif padding_mode == "circular":
        for side, p, n, dim in (("top/bottom", max(pad_h), in_h, "height"), ("left/right", max(pad_w), in_w, "width")):
            if p > n:
                raise ConvError(
                    "circular padding {p} ({side}) must not exceed the input {dim} {n}",
                    p=p, side=side, dim=dim, n=n,
                )

    padded_h, padded_w = in_h + sum(pad_h), in_w + sum(pad_w)
    if padded_h * padded_w > MAX_PADDED_CELLS:
        raise ConvError(
            "the padded input would be {padded_size} = {padded_h_padded_w:,} cells per channel; convviz "
            "handles at most {max_padded_cells:,}",
            padded_size=_size(padded_h, padded_w), padded_h_padded_w=padded_h * padded_w,
            max_padded_cells=MAX_PADDED_CELLS,
        )
    if span_h > padded_h or span_w > padded_w:
        if dil_hw == (1, 1):
            raise ConvError(
                "kernel {k_size} is larger than the padded input {padded_size}",
                k_size=_size(k_h, k_w), padded_size=_size(padded_h, padded_w),
            )
        raise ConvError(
            "kernel {k_size} with dilation {dil_size} spans {span_size}, but the padded input is "
            "{padded_size}",
            k_size=_size(k_h, k_w), dil_size=_size(*dil_hw), span_size=_size(span_h, span_w),
            padded_size=_size(padded_h, padded_w),
        )
    out_h = (padded_h - span_h) // stride_hw[0] + 1
    out_w = (padded_w - span_w) // stride_hw[1] + 1
    return ConvGeometry(
        input_hw=(in_h, in_w),
        kernel_hw=(k_h, k_w),
        stride=stride_hw,
        dilation=dil_hw,
        pad_h=pad_h,
        pad_w=pad_w,
        padding_mode=padding_mode,
        output_hw=(out_h, out_w),
    )


def output_shape(input_hw: tuple[int, int], kernel_hw: tuple[int, int], **params: Unpack[ShapeKeywords]) -> Pair:
    """``(oh, ow)`` for this stride, padding and dilation, or :class:`ConvError`."""
    return resolve_geometry(input_hw, kernel_hw, **params).output_hw
