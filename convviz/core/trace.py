"""The step trace: every step of a convolution, enumerated deterministically.

Three levels of detail:

- ``cell``: one step per output cell;
- ``channel``: per output cell, one step per input channel's partial sum,
  then ``+ bias``, then the total (the seed's eq. (3): ``3 + 1 + 2 + 1 = 7``);
- ``multiply``: per output cell, one step per product, then bias, then total.

Two orders: kernel by kernel (every position of W0, then W1), or position by
position (every kernel at one position before moving on).

Steps are computed from their index arithmetically, so a trace over a big
image costs nothing until a step is asked for. For any step,
:meth:`StepTrace.cell` gives the whole computation of its output cell: the
receptive field (with stride, dilation and padding), which cells are padding
and which real cell each copies, the taps, every product, the partial sums,
the bias and the value.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from dataclasses import dataclass
from enum import Enum
from functools import cached_property

import numpy as np

from convviz.core.geometry import ConvGeometry
from convviz.core.language import translate
from convviz.core.scene import Scene

_CELL_CACHE_SIZE = 64

__all__ = ["CellComputation", "Level", "Order", "Phase", "Step", "StepTrace", "Tap", "compute_cell"]


class Level(str, Enum):
    CELL = "cell"
    CHANNEL = "channel"
    MULTIPLY = "multiply"


class Order(str, Enum):
    KERNEL = "kernel"  # all positions of W0, then W1, ...
    POSITION = "position"  # every kernel at one position, then the next position


class Phase(str, Enum):
    CELL = "cell"  # the whole cell at once (cell level)
    CHANNEL = "channel"  # one channel's partial sum
    PRODUCT = "product"  # one product x·w
    BIAS = "bias"
    TOTAL = "total"


@dataclass(frozen=True)
class Step:
    """One step: which output cell, and which part of its computation."""

    index: int
    kernel: int
    out_row: int
    out_col: int
    phase: Phase
    sub: int  # position of this step within its cell's steps
    channel: int | None = None  # the channel (0-based, within the kernel) at CHANNEL/PRODUCT steps
    tap: tuple[int, int] | None = None  # the kernel tap (i, j) at PRODUCT steps


@dataclass(frozen=True)
class Tap:
    """One kernel tap of a receptive field.

    ``row``/``col`` are input coordinates; outside ``0..H-1``/``0..W-1``
    means the tap reads padding. ``source`` is the real cell whose value
    it reads (a reflect/replicate/circular padding cell copies one), or
    None for zero padding.
    """

    i: int
    j: int
    row: int
    col: int
    padding: bool
    source: tuple[int, int] | None


@dataclass(frozen=True, eq=False)
class CellComputation:
    """Everything that goes into one output value."""

    kernel: int
    kernel_name: str
    out_row: int
    out_col: int
    channels: tuple[int, ...]  # input channels read (0-based), one per kernel channel
    taps: tuple[Tap, ...]  # row-major over the kernel
    inputs: np.ndarray  # (c, kh, kw): the input values under the window
    weights: np.ndarray  # (c, kh, kw)
    products: np.ndarray  # (c, kh, kw)
    partials: np.ndarray  # (c,)
    bias: float
    value: float

    def tap(self, i: int, j: int) -> Tap:
        return self.taps[i * int(self.weights.shape[2]) + j]


def compute_cell(scene: Scene, geometry: ConvGeometry, kernel: int, out_row: int, out_col: int) -> CellComputation:
    """The computation of output cell ``(out_row, out_col)`` of ``kernel``."""
    H, W, _ = scene.input_shape
    rows = geometry.window_rows(out_row)  # padded coordinates
    cols = geometry.window_cols(out_col)
    src_rows, src_cols = geometry.row_map[rows], geometry.col_map[cols]
    top, left = geometry.pad_h[0], geometry.pad_w[0]
    taps = []
    for i, (pr, sr) in enumerate(zip(rows, src_rows)):
        for j, (pc, sc) in enumerate(zip(cols, src_cols)):
            r, c = int(pr) - top, int(pc) - left
            padding = not (0 <= r < H and 0 <= c < W)
            source = None if (sr < 0 or sc < 0) else (int(sr), int(sc))
            taps.append(Tap(i, j, r, c, padding, source))
    channels = tuple(scene.input_channels_of_kernel(kernel))
    zero_rows, zero_cols = src_rows < 0, src_cols < 0
    window = scene.input[np.ix_(np.maximum(src_rows, 0), np.maximum(src_cols, 0))][:, :, list(channels)]
    window = np.where((zero_rows[:, None] | zero_cols[None, :])[:, :, None], 0.0, window)
    inputs = np.ascontiguousarray(window.transpose(2, 0, 1))
    k = scene.kernels[kernel]
    weights = np.ascontiguousarray(k.weights.transpose(2, 0, 1))
    products = inputs * weights
    partials = products.reshape(len(channels), -1).sum(axis=1)
    for a in (inputs, weights, products, partials):
        a.flags.writeable = False
    return CellComputation(
        kernel=kernel,
        kernel_name=k.name,
        out_row=out_row,
        out_col=out_col,
        channels=channels,
        taps=tuple(taps),
        inputs=inputs,
        weights=weights,
        products=products,
        partials=partials,
        bias=k.bias,
        value=float(partials.sum() + k.bias),
    )


class StepTrace:
    """All steps of one scene's convolution at one level of detail and order.

    Raises :class:`ConvError` on construction if the scene's convolution is
    impossible.
    """

    def __init__(self, scene: Scene, level: Level | str = Level.CHANNEL, order: Order | str = Order.KERNEL) -> None:
        self.scene = scene
        self.level = Level(level)
        self.order = Order(order)
        self.geometry = scene.geometry()
        scene.request()  # channel and group checks: fail now, not mid-animation
        self.kernel_hw = self.geometry.kernel_hw
        self.output_hw = self.geometry.output_hw
        self.kernel_count = len(scene.kernels)
        self.channels_per_kernel = scene.kernel_shape[2]
        # Recently shown cells; small, so stepping through a big image for
        # hours keeps the memory flat.
        self._cell_cache: OrderedDict[tuple[int, int, int], CellComputation] = OrderedDict()

    # -- sizes ---------------------------------------------------------------
    @property
    def steps_per_cell(self) -> int:
        c = self.channels_per_kernel
        if self.level is Level.CELL:
            return 1
        if self.level is Level.CHANNEL:
            return c + 2
        return c * self.kernel_hw[0] * self.kernel_hw[1] + 2

    @property
    def cell_count(self) -> int:
        return self.kernel_count * self.output_hw[0] * self.output_hw[1]

    def __len__(self) -> int:
        return self.cell_count * self.steps_per_cell

    # -- index <-> step --------------------------------------------------------
    def _cell_position(self, cell: int) -> tuple[int, int, int]:
        oh, ow = self.output_hw
        K = self.kernel_count
        if self.order is Order.KERNEL:
            k, rest = divmod(cell, oh * ow)
            r, c = divmod(rest, ow)
        else:
            pos, k = divmod(cell, K)
            r, c = divmod(pos, ow)
        return k, r, c

    def cell_number(self, kernel: int, row: int, col: int) -> int:
        """Where output cell ``(row, col)`` of ``kernel`` comes in the order."""
        oh, ow = self.output_hw
        if self.order is Order.KERNEL:
            return (kernel * oh + row) * ow + col
        return (row * ow + col) * self.kernel_count + kernel

    def index_of(self, kernel: int, row: int, col: int, sub: int = 0) -> int:
        """The index of sub-step ``sub`` of an output cell."""
        return self.cell_number(kernel, row, col) * self.steps_per_cell + sub

    def step(self, index: int) -> Step:
        if not 0 <= index < len(self):
            raise IndexError(f"step {index} is outside 0..{len(self) - 1}")
        cell, sub = divmod(index, self.steps_per_cell)
        k, r, c = self._cell_position(cell)
        return self._make_step(index, k, r, c, sub)

    def _make_step(self, index: int, k: int, r: int, c: int, sub: int) -> Step:
        if self.level is Level.CELL:
            return Step(index, k, r, c, Phase.CELL, sub)
        last = self.steps_per_cell - 1
        if sub == last:
            return Step(index, k, r, c, Phase.TOTAL, sub)
        if sub == last - 1:
            return Step(index, k, r, c, Phase.BIAS, sub)
        if self.level is Level.CHANNEL:
            return Step(index, k, r, c, Phase.CHANNEL, sub, channel=sub)
        kh, kw = self.kernel_hw
        ch, t = divmod(sub, kh * kw)
        return Step(index, k, r, c, Phase.PRODUCT, sub, channel=ch, tap=divmod(t, kw))

    def sub_for(self, phase: Phase, channel: int = 0, tap: tuple[int, int] = (0, 0)) -> int:
        """The sub-step of a cell at this level that best shows ``phase``."""
        last = self.steps_per_cell - 1
        if self.level is Level.CELL:
            return 0
        if phase is Phase.TOTAL:
            return last
        if phase is Phase.BIAS:
            return last - 1
        channel = min(max(channel, 0), self.channels_per_kernel - 1)
        if self.level is Level.CHANNEL:
            return channel
        kh, kw = self.kernel_hw
        if phase is Phase.PRODUCT:
            i, j = min(tap[0], kh - 1), min(tap[1], kw - 1)
            return channel * kh * kw + i * kw + j
        return channel * kh * kw  # a channel (or a whole cell): its first product

    def equivalent_index(self, step: Step) -> int:
        """The index in this trace that shows the same moment as ``step`` of
        another trace (another level, order or scene): the same output cell,
        clamped into range, and the nearest matching part of it."""
        k = min(step.kernel, self.kernel_count - 1)
        r = min(step.out_row, self.output_hw[0] - 1)
        c = min(step.out_col, self.output_hw[1] - 1)
        phase = step.phase
        if phase is Phase.CELL:
            phase = Phase.CHANNEL
        sub = self.sub_for(phase, step.channel or 0, step.tap or (0, 0))
        return self.index_of(k, r, c, sub)

    # -- what a step shows -----------------------------------------------------
    @cached_property
    def feature_maps(self) -> np.ndarray:
        """``(oh, ow, K)``, read-only, computed once per scene (see :func:`_maps_of`)."""
        return _maps_of(self.scene)

    def cell(self, kernel: int, row: int, col: int) -> CellComputation:
        key = (kernel, row, col)
        found = self._cell_cache.get(key)
        if found is None:
            found = self._cell_cache[key] = compute_cell(self.scene, self.geometry, kernel, row, col)
            if len(self._cell_cache) > _CELL_CACHE_SIZE:
                self._cell_cache.popitem(last=False)
        else:
            self._cell_cache.move_to_end(key)
        return found

    def cell_of(self, step: Step) -> CellComputation:
        return self.cell(step.kernel, step.out_row, step.out_col)

    def input_channel(self, step: Step) -> int | None:
        """The input channel (0-based) a CHANNEL/PRODUCT step works on, else None."""
        if step.channel is None:
            return None
        return self.scene.input_channels_of_kernel(step.kernel)[step.channel]

    def label(self, step: Step) -> str:
        """``kernel W1 · row 2 · col 0 · channel 3`` (channels count from 1, as in the seed)."""
        parts = [
            translate("trace", "kernel {name}").format(name=self.scene.kernels[step.kernel].name),
            translate("trace", "row {row}").format(row=step.out_row),
            translate("trace", "col {col}").format(col=step.out_col),
        ]
        channel = self.input_channel(step)
        if step.phase is Phase.CHANNEL:
            assert channel is not None
            parts.append(translate("trace", "channel {n}").format(n=channel + 1))
        elif step.phase is Phase.PRODUCT:
            assert step.tap is not None and channel is not None
            parts.append(translate("trace", "channel {n}").format(n=channel + 1))
            parts.append(translate("trace", "tap ({row}, {col})").format(row=step.tap[0], col=step.tap[1]))
        elif step.phase is Phase.BIAS:
            parts.append(translate("trace", "+ bias"))
        elif step.phase is Phase.TOTAL:
            parts.append(translate("trace", "total"))
        return " · ".join(parts)

    def computed_mask(self, index: int) -> np.ndarray:
        """``(oh, ow, K)`` bools: the output cells whose value is known at
        step ``index`` (finished cells, and the current one once its total
        is reached). Used by the "reveal" view."""
        oh, ow = self.output_hw
        K = self.kernel_count
        cell, sub = divmod(index, self.steps_per_cell)
        done_through = cell if sub == self.steps_per_cell - 1 else cell - 1
        numbers = np.arange(self.cell_count)
        done = numbers <= done_through
        mask = np.zeros((oh, ow, K), dtype=bool)
        if self.order is Order.KERNEL:
            mask[...] = done.reshape(K, oh, ow).transpose(1, 2, 0)
        else:
            mask[...] = done.reshape(oh, ow, K)
        return mask


# The last scene's feature maps. Choosing another step level makes a new
# trace of the same scene, which would compute them all again (seconds for a
# large scene); only the last scene's are kept, so a scene that is edited
# away (and kept in the undo history) doesn't keep its maps alive.
_last_maps: tuple[weakref.ref[Scene], np.ndarray] | None = None


def _maps_of(scene: Scene) -> np.ndarray:
    global _last_maps
    last = _last_maps  # one read: traces are also made on worker threads
    if last is not None and last[0]() is scene:
        return last[1]
    maps = scene.feature_maps()
    maps.flags.writeable = False
    _last_maps = (weakref.ref(scene), maps)
    return maps
