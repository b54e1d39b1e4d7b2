"""The scatter trace: a transposed convolution, one input cell at a time.

Each input cell ``x[r, c, ch]`` scatters the kernel, scaled by its value, onto
a kh×kw patch of the output: tap ``(i, j)`` lands on ``y[r·sh − ph + i·dh,
c·sw − pw + j·dw]`` (taps outside the output are cropped), and overlapping
patches add up. Then every cell of a map gets its bias.

Three levels of detail, as in the forward :class:`~convviz.core.trace.StepTrace`:

- ``cell``: one step per input cell (all the channels its kernel reads);
- ``channel``: one step per input cell and channel;
- ``multiply``: one step per input cell, channel and kernel tap, ``y(R, C) += x·w(i, j)``;

and after all cells of a map, one ``+ bias`` step. Two orders: kernel by kernel
(every input cell for W0, its bias, then W1), or position by position (every
kernel at one input cell before moving on; the biases last).

The trace takes plain arrays (:meth:`ScatterTrace.of_arrays`), so it also
steps a scatter that is not a scene's, the backward pass's ``dX`` for one.
A step is computed from its index arithmetically; the running output at a
step is worked out with the engine on the cells already scattered.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from convviz.core.errors import ConvError
from convviz.core.forward import check_arrays
from convviz.core.language import translate
from convviz.core.scene import Scene
from convviz.core.trace import Level, Order, Phase
from convviz.core.transposed import TransposedGeometry, conv_transpose2d, resolve_transposed

__all__ = ["Landing", "Product", "ScatterFocus", "ScatterStep", "ScatterTrace", "landings"]


@dataclass(frozen=True)
class ScatterStep:
    """One step: which input cell scatters into which kernel's map, and how much of it."""

    index: int
    kernel: int
    row: int  # the input cell (meaningless at a BIAS step)
    col: int
    phase: Phase  # CELL, CHANNEL, PRODUCT or BIAS
    sub: int  # position of this step within its cell's steps
    channel: int | None = None  # position within the kernel's channels, at CHANNEL/PRODUCT steps
    tap: tuple[int, int] | None = None  # the kernel tap (i, j) at PRODUCT steps


@dataclass(frozen=True)
class ScatterFocus:
    """What a scatter step is about, as :class:`~convviz.core.focus.Focus` says it of a forward step."""

    step: ScatterStep
    label: str
    level: Level
    kernel: int
    input_channel: int | None  # the input channel scattered alone (channel/multiply steps), else None
    kernel_channel: int | None  # the kernel's channel used alone, else None
    products: tuple[Product, ...]  # what this step adds
    running: float | None = None  # y at the current tap's cell after this step (multiply level)


@dataclass(frozen=True)
class Landing:
    """Where kernel tap ``(i, j)`` of an input cell lands: output ``(row, col)``,
    which may lie outside the output (``inside`` False): that tap is cropped."""

    i: int
    j: int
    row: int
    col: int
    inside: bool


@dataclass(frozen=True)
class Product:
    """One product of the scatter: ``y(out_row, out_col) += x(row, col)·w(i, j)`` for a kernel."""

    kernel: int
    channel: int  # position within the kernel's channels
    row: int
    col: int
    i: int
    j: int
    out_row: int
    out_col: int
    x: float
    w: float

    @property
    def value(self) -> float:
        return self.x * self.w


def landings(geometry: TransposedGeometry, row: int, col: int) -> tuple[Landing, ...]:
    """Where every tap of input cell ``(row, col)``'s kernel lands, row-major over the kernel."""
    (kh, kw), (sh, sw), (ph, pw), (dh, dw), (oh, ow) = (
        geometry.kernel_hw, geometry.stride, geometry.padding, geometry.dilation, geometry.output_hw)  # fmt: skip
    out = []
    for i in range(kh):
        r = row * sh - ph + i * dh
        for j in range(kw):
            c = col * sw - pw + j * dw
            out.append(Landing(i, j, r, c, 0 <= r < oh and 0 <= c < ow))
    return tuple(out)


class ScatterTrace:
    """All steps of one transposed convolution's scatter.

    ``x`` is ``(H, W, C)``, ``kernels`` ``(kh, kw, C//groups, K)``, ``bias`` ``(K,)``.
    Raises :class:`ConvError` on construction if the convolution is impossible.
    """

    def __init__(
        self,
        x: np.ndarray,
        kernels: np.ndarray,
        bias: np.ndarray,
        geometry: TransposedGeometry,
        groups: int = 1,
        level: Level | str = Level.CHANNEL,
        order: Order | str = Order.KERNEL,
        kernel_names: tuple[str, ...] | None = None,
        scene: Scene | None = None,
    ) -> None:
        xa, ka, ba, G = check_arrays(x, kernels, bias, groups)
        xa, ka, ba = np.array(xa), np.array(ka), np.array(ba)
        for a in (xa, ka, ba):
            a.flags.writeable = False  # our own copies: the caller's arrays stay as they were
        self.x, self.kernels, self.bias, self.groups = xa, ka, ba, G
        self.geometry = geometry
        self.level = Level(level)
        self.order = Order(order)
        self.scene = scene
        H, W = int(xa.shape[0]), int(xa.shape[1])
        kh, kw, c, K = (int(n) for n in ka.shape)
        if geometry.input_hw != (H, W) or geometry.kernel_hw != (kh, kw):
            raise ConvError(
                "the geometry is for a {geometry_input_hw} input and {geometry_kernel_hw} kernel, not {h_w} and "
                "{kh_kw}",
                geometry_input_hw=geometry.input_hw, geometry_kernel_hw=geometry.kernel_hw, h_w=(H, W), kh_kw=(kh, kw),
            )  # fmt: skip
        self.input_hw: tuple[int, int] = (H, W)
        self.kernel_hw: tuple[int, int] = (kh, kw)
        self.output_hw: tuple[int, int] = geometry.output_hw
        self.kernel_count: int = K
        self.channels_per_kernel: int = c
        self.kernel_names = kernel_names or tuple(f"W{k}" for k in range(K))

    @classmethod
    def of_arrays(cls, x: np.ndarray, kernels: np.ndarray, bias: np.ndarray | None = None, *, stride: object = 1,
                  padding: object = 0, output_padding: object = 0, dilation: object = 1, groups: int = 1,
                  level: Level | str = Level.CHANNEL, order: Order | str = Order.KERNEL) -> ScatterTrace:  # fmt: skip
        """The scatter of ``conv_transpose2d(x, kernels, bias, ...)``."""
        ka = np.asarray(kernels, dtype=np.float64)
        b = np.zeros(ka.shape[-1]) if bias is None else np.asarray(bias, dtype=np.float64)
        xa = np.asarray(x, dtype=np.float64)
        geometry = resolve_transposed(xa.shape[:2], ka.shape[:2], stride=stride, padding=padding,
                                      output_padding=output_padding, dilation=dilation)  # fmt: skip
        return cls(xa, ka, b, geometry, groups, level, order)

    @classmethod
    def of_scene(cls, scene: Scene, level: Level | str = Level.CHANNEL, order: Order | str = Order.KERNEL) -> ScatterTrace:
        """The scatter of a transposed scene."""
        if not scene.params.transposed:
            raise ConvError(
                'the scatter steps a transposed convolution; {scene_name_or_this_scene} is op "conv"',
                scene_name_or_this_scene=scene.name or 'this scene',
            )
        return cls(scene.input, scene.kernel_stack, scene.biases, scene.transposed_geometry(), scene.params.groups,
                   level, order, tuple(k.name for k in scene.kernels), scene)  # fmt: skip

    # -- sizes ---------------------------------------------------------------
    @property
    def steps_per_cell(self) -> int:
        """Steps of one input cell's scatter: one, one per channel, or one per product (no bias or total)."""
        products = self.channels_per_kernel * self.kernel_hw[0] * self.kernel_hw[1]
        return {Level.CELL: 1, Level.CHANNEL: self.channels_per_kernel}.get(self.level, products)

    @property
    def cell_count(self) -> int:
        """Input cells times kernels: the scatters."""
        return self.kernel_count * self.input_hw[0] * self.input_hw[1]

    def __len__(self) -> int:
        return self.cell_count * self.steps_per_cell + self.kernel_count  # and one bias step per map

    def input_channels_of_kernel(self, k: int) -> range:
        per_group = self.x.shape[2] // self.groups
        g = k // (self.kernel_count // self.groups)
        return range(g * per_group, (g + 1) * per_group)

    # -- index <-> step --------------------------------------------------------
    def _block(self) -> int:
        return self.input_hw[0] * self.input_hw[1] * self.steps_per_cell + 1

    def bias_index(self, kernel: int) -> int:
        if self.order is Order.KERNEL:
            return (kernel + 1) * self._block() - 1
        return self.cell_count * self.steps_per_cell + kernel

    def index_of(self, kernel: int, row: int, col: int, sub: int = 0) -> int:
        """The index of sub-step ``sub`` of input cell ``(row, col)``'s scatter into ``kernel``'s map."""
        H, W = self.input_hw
        spc = self.steps_per_cell
        if self.order is Order.KERNEL:
            return kernel * self._block() + (row * W + col) * spc + sub
        return ((row * W + col) * self.kernel_count + kernel) * spc + sub

    def step(self, index: int) -> ScatterStep:
        if not 0 <= index < len(self):
            raise IndexError(f"step {index} is outside 0..{len(self) - 1}")
        H, W = self.input_hw
        spc = self.steps_per_cell
        if self.order is Order.KERNEL:
            k, rest = divmod(index, self._block())
            if rest == self._block() - 1:
                return ScatterStep(index, k, 0, 0, Phase.BIAS, 0)
            cell, sub = divmod(rest, spc)
        else:
            if index >= self.cell_count * spc:
                return ScatterStep(index, index - self.cell_count * spc, 0, 0, Phase.BIAS, 0)
            number, sub = divmod(index, spc)
            cell, k = divmod(number, self.kernel_count)
        r, c = divmod(cell, W)
        channel: int | None = None
        tap: tuple[int, int] | None = None
        phase = {Level.CELL: Phase.CELL, Level.CHANNEL: Phase.CHANNEL}.get(self.level, Phase.PRODUCT)
        if phase is Phase.CHANNEL:
            channel = sub
        elif phase is Phase.PRODUCT:
            channel, t = divmod(sub, self.kernel_hw[0] * self.kernel_hw[1])
            tap = divmod(t, self.kernel_hw[1])
        return ScatterStep(index, k, r, c, phase, sub, channel, tap)

    def label(self, step: ScatterStep) -> str:
        """``kernel W0 · scatter x(1, 2) · channel 1 · tap (0, 1)``; channels count from 1."""
        name = self.kernel_names[step.kernel]
        if step.phase is Phase.BIAS:
            return translate("trace", "kernel {name}").format(name=name) + " · " + translate("trace", "+ bias")
        parts = [translate("trace", "kernel {name}").format(name=name),
                 translate("trace", "scatter x({row}, {col})").format(row=step.row, col=step.col)]
        if step.channel is not None:
            parts.append(translate("trace", "channel {n}").format(n=self.input_channels_of_kernel(step.kernel)[step.channel] + 1))
        if step.tap is not None:
            parts.append(translate("trace", "tap ({row}, {col})").format(row=step.tap[0], col=step.tap[1]))
        return " · ".join(parts)

    # -- what a step adds ------------------------------------------------------
    def landings(self, row: int, col: int) -> tuple[Landing, ...]:
        return landings(self.geometry, row, col)

    def cell_products(self, kernel: int, row: int, col: int) -> list[Product]:
        """Every product of input cell ``(row, col)``'s scatter into ``kernel``'s
        map, in step order (channel by channel, taps row-major), cropped ones included."""
        channels = self.input_channels_of_kernel(kernel)
        out = []
        for n, ch in enumerate(channels):
            xv = float(self.x[row, col, ch])
            for land in self.landings(row, col):
                w = float(self.kernels[land.i, land.j, n, kernel])
                out.append(Product(kernel, n, row, col, land.i, land.j, land.row, land.col, xv, w))
        return out

    def products_of(self, step: ScatterStep) -> list[Product]:
        """The products step ``step`` adds (cropped ones included; they add nothing)."""
        if step.phase is Phase.BIAS:
            return []
        every = self.cell_products(step.kernel, step.row, step.col)
        if step.phase is Phase.CELL:
            return every
        taps = self.kernel_hw[0] * self.kernel_hw[1]
        assert step.channel is not None
        if step.phase is Phase.CHANNEL:
            return every[step.channel * taps : (step.channel + 1) * taps]
        return [every[step.sub]]

    # -- what has been added by a step -----------------------------------------------
    def _progress(self, index: int) -> tuple[np.ndarray, list[Product], np.ndarray]:
        """At step ``index``: ``(H, W, K)`` bools of the cells wholly scattered
        into each map, the products of the current cell so far, and ``(K,)``
        bools of the maps whose bias is added."""
        step = self.step(index)
        H, W = self.input_hw
        K = self.kernel_count
        done = np.zeros((H * W, K), dtype=bool)
        biased = np.zeros(K, dtype=bool)
        partial: list[Product] = []
        if self.order is Order.KERNEL:
            done[:, : step.kernel] = True
            biased[: step.kernel] = True
            if step.phase is Phase.BIAS:
                done[:, step.kernel] = biased[step.kernel] = True
            else:
                done[: step.row * W + step.col, step.kernel] = True
        elif step.phase is Phase.BIAS:
            done[:] = True
            biased[: step.kernel + 1] = True
        else:
            position = step.row * W + step.col
            done[:position] = True
            done[position, : step.kernel] = True
        if step.phase is not Phase.BIAS:
            partial = self.cell_products(step.kernel, step.row, step.col)[: self._products_through(step)]
        return done.reshape(H, W, K), partial, biased

    def _products_through(self, step: ScatterStep) -> int:
        taps = self.kernel_hw[0] * self.kernel_hw[1]
        if step.phase is Phase.CELL:
            return taps * self.channels_per_kernel
        if step.phase is Phase.CHANNEL:
            assert step.channel is not None
            return taps * (step.channel + 1)
        return step.sub + 1

    def _scatter_of(self, kernel: int, x: np.ndarray, taps: np.ndarray | None = None) -> np.ndarray:
        """``(oh, ow)``: ``x`` (the kernel's input channels) scattered through ``kernel`` (or ``taps``)."""
        g = self.geometry
        weights = self.kernels[:, :, :, kernel : kernel + 1] if taps is None else taps
        maps = conv_transpose2d(x, weights, stride=g.stride, padding=g.padding, output_padding=g.output_padding,
                                dilation=g.dilation)  # fmt: skip
        return maps[:, :, 0]

    def running_maps(self, index: int) -> np.ndarray:
        """``(oh, ow, K)``: the output as it stands after step ``index``."""
        done, partial, biased = self._progress(index)
        oh, ow = self.output_hw
        out = np.zeros((oh, ow, self.kernel_count))
        for k in range(self.kernel_count):
            if done[:, :, k].any():
                channels = list(self.input_channels_of_kernel(k))
                out[:, :, k] = self._scatter_of(k, self.x[:, :, channels] * done[:, :, k : k + 1])
            if biased[k]:
                out[:, :, k] += self.bias[k]
        for p in partial:
            if 0 <= p.out_row < oh and 0 <= p.out_col < ow:
                out[p.out_row, p.out_col, p.kernel] += p.value
        return out

    def touched(self, index: int) -> np.ndarray:
        """``(oh, ow, K)`` bools: the output cells some step up to ``index`` has added to."""
        done, partial, biased = self._progress(index)
        oh, ow = self.output_hw
        kh, kw = self.kernel_hw
        out = np.zeros((oh, ow, self.kernel_count), dtype=bool)
        ones = np.ones((kh, kw, 1, 1))
        for k in range(self.kernel_count):
            if biased[k]:
                out[:, :, k] = True
            elif done[:, :, k].any():
                out[:, :, k] = self._scatter_of(k, done[:, :, k : k + 1].astype(np.float64), ones) > 0.5
        for p in partial:
            if 0 <= p.out_row < oh and 0 <= p.out_col < ow:
                out[p.out_row, p.out_col, p.kernel] = True
        return out

    @cached_property
    def feature_maps(self) -> np.ndarray:
        """``(oh, ow, K)``: the finished output."""
        g = self.geometry
        maps = conv_transpose2d(self.x, self.kernels, self.bias, stride=g.stride, padding=g.padding,
                                output_padding=g.output_padding, dilation=g.dilation, groups=self.groups)  # fmt: skip
        maps.flags.writeable = False
        return maps

    # -- the other way round: who reaches an output cell -------------------------------
    def gather(self, kernel: int, out_row: int, out_col: int) -> list[Product]:
        """Every product that lands on output ``(out_row, out_col)`` of ``kernel``'s
        map, input cells row-major: the gather view, ``y(R, C) = Σ x·w + b``."""
        oh, ow = self.output_hw
        if not (0 <= kernel < self.kernel_count and 0 <= out_row < oh and 0 <= out_col < ow):
            raise ConvError(
                "output cell ({out_row}, {out_col}) of map {kernel}: the output is {oh}×{ow} with {kernel_count} "
                "maps",
                out_row=out_row, out_col=out_col, kernel=kernel, oh=oh, ow=ow, kernel_count=self.kernel_count,
            )  # fmt: skip
        rows = self._sources(out_row, 0)
        cols = self._sources(out_col, 1)
        found = []
        for n, ch in enumerate(self.input_channels_of_kernel(kernel)):
            for r, i in rows:
                for c, j in cols:
                    found.append(Product(kernel, n, r, c, i, j, out_row, out_col, float(self.x[r, c, ch]),
                                         float(self.kernels[i, j, n, kernel])))  # fmt: skip
        found.sort(key=lambda p: (p.row, p.col, p.channel, p.i, p.j))
        return found

    def _sources(self, out: int, axis: int) -> list[tuple[int, int]]:
        """``(input index, tap)`` pairs whose tap lands on output index ``out`` along ``axis``."""
        g = self.geometry
        n, k, s, p, d = g.input_hw[axis], g.kernel_hw[axis], g.stride[axis], g.padding[axis], g.dilation[axis]
        pairs = []
        for tap in range(k):
            offset = out + p - tap * d
            if offset % s == 0 and 0 <= offset // s < n:
                pairs.append((offset // s, tap))
        return pairs

    def first_index_touching(self, kernel: int, out_row: int, out_col: int) -> int:
        """The first step that adds to output ``(out_row, out_col)`` of ``kernel``'s map
        (its bias step when no tap reaches it)."""
        products = self.gather(kernel, out_row, out_col)
        if not products:
            return self.bias_index(kernel)
        taps = self.kernel_hw[0] * self.kernel_hw[1]

        def index(p: Product) -> int:
            if self.level is Level.CELL:
                sub = 0
            elif self.level is Level.CHANNEL:
                sub = p.channel
            else:
                sub = p.channel * taps + p.i * self.kernel_hw[1] + p.j
            return self.index_of(kernel, p.row, p.col, sub)

        return min(index(p) for p in products)

    def equivalent_index(self, step: ScatterStep) -> int:
        """The index in this trace that shows the same moment as ``step`` of
        another scatter trace (another level or order)."""
        k = min(step.kernel, self.kernel_count - 1)
        if step.phase is Phase.BIAS:
            return self.bias_index(k)
        H, W = self.input_hw
        r, c = min(step.row, H - 1), min(step.col, W - 1)
        channel = min(step.channel or 0, self.channels_per_kernel - 1)
        kh, kw = self.kernel_hw
        if self.level is Level.CELL:
            sub = 0
        elif self.level is Level.CHANNEL:
            sub = channel
        else:
            i, j = step.tap or (0, 0)
            sub = channel * kh * kw + min(i, kh - 1) * kw + min(j, kw - 1)
        return self.index_of(k, r, c, sub)
