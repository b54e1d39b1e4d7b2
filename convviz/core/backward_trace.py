"""Step traces of the backward pass: dW, dX and db, one gradient cell at a time.

For ``Y = conv2d(X, W) + b`` and an upstream gradient ``dY`` (the scene's
``grad_output``, all ones when it has none):

- **dW** (:class:`ParamGradTrace` with ``wrt="weight"``): for each weight
  ``(i, j)`` of channel ``c`` of kernel ``k``, a window the size of ``dY``
  (dilated by the stride) slides over the padded input, offset by the tap
  times the dilation: ``dW(i,j) ch c = Σ Xpad[r·sh + i·dh, s·sw + j·dw] · dY[r,s,k]``.
- **db** (``wrt="bias"``): the sum of ``dY`` per kernel.
- **dX** (:class:`InputGradTrace`): the full convolution of ``dY`` (dilated by
  the stride, zero-padded by the dilated kernel's span) with the flipped
  kernels, a forward :class:`StepTrace` on a derived scene
  (:func:`input_gradient_scene`) whose maps are the gradient on the padded
  input; then, for reflect, replicate and circular padding, one step per
  real cell that padding cells copy, adding their gradient back onto it.

Steps are :class:`Step` values, as in the forward trace: for dW a step's
``(out_row, out_col)`` is the weight's tap ``(i, j)``, its ``channel`` the
kernel's channel and, at the multiply level, its ``tap`` the ``dY`` cell
``(r, s)`` being multiplied; for db ``tap`` is the ``dY`` cell.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from convviz.core.errors import ConvError
from convviz.core.language import translate
from convviz.core.ledger import CURRENT, DONE, UPCOMING, Ledger, LedgerLine, LineKind, Term
from convviz.core.numbers import format_factor, format_number, is_shown_exactly
from convviz.core.scene import ConvParams, Kernel, Scene
from convviz.core.trace import Level, Order, Phase, Step, StepTrace

__all__ = [
    "WRT",
    "Fold",
    "GradCell",
    "InputGradTrace",
    "ParamGradTrace",
    "backward_trace",
    "grad_output_of",
    "input_gradient_scene",
]

WRT = ("input", "weight", "bias")
# A ledger line with more products than this shows the first few, "…", the
# ones around the current product and the last: a 64×64 map's dW is a sum of
# 4096 products, which no one reads and no ledger fits.
_MAX_TERMS = 14
_CACHE = 64


def grad_output_of(scene: Scene) -> np.ndarray:
    """The scene's upstream gradient ``dY (oh, ow, K)``: its ``grad_output``,
    all ones when it has none; a :class:`ConvError` naming both shapes when
    it doesn't fit the feature maps."""
    oh, ow = scene.geometry().output_hw
    K = len(scene.kernels)
    dy = scene.grad_output
    if dy is None:
        ones = np.ones((oh, ow, K))
        ones.flags.writeable = False
        return ones
    if dy.shape != (oh, ow, K):
        raise ConvError(
            "grad_output has shape [{map}], but the feature maps it is the gradient of are [oh,ow,K] = "
            "[{oh},{ow},{K}]",
            map=','.join(map(str, dy.shape)), oh=oh, ow=ow, K=K,
        )
    return dy


def _eq(value: float, decimals: int) -> str:
    return "=" if is_shown_exactly(value, decimals) else "≈"


def _shown_terms(count: int, current: int | None) -> list[int | None]:
    """Which products of a long sum a ledger line shows (None: an "…")."""
    if count <= _MAX_TERMS:
        return list(range(count))
    if current is None:
        return [*range(_MAX_TERMS - 3), None, *range(count - 2, count)]
    lo, hi = max(3, current - 6), min(count - 2, current + 3)
    shown: list[int | None] = list(range(min(3, count)))
    if lo > 3:
        shown.append(None)
    shown.extend(range(lo, hi))
    if hi < count - 2:
        shown.append(None)
    shown.extend(range(max(hi, count - 2), count))
    return shown


@dataclass(frozen=True, eq=False)
class GradCell:
    """Everything that goes into one gradient value ``dW(i,j)`` of one
    kernel channel, or ``db`` of one kernel: a sum of products ``x·dy``
    (for db, of ``dy`` alone)."""

    wrt: str  # "weight" or "bias"
    kernel: int
    kernel_name: str
    tap: tuple[int, int]  # (i, j) for dW; (0, 0) for db
    channel: int | None  # the input channel read (0-based) for dW; None for db
    dy_width: int  # dY's columns: product n multiplies dY cell divmod(n, dy_width)
    rows: np.ndarray  # (oh,) padded input row read by each row of dY (dW); empty for db
    cols: np.ndarray  # (ow,) padded input column read by each column of dY (dW)
    padding: np.ndarray  # (n,) bools: the input factor comes from a padding cell (dW)
    inputs: np.ndarray  # (n,) input factors (dW); empty for db
    grads: np.ndarray  # (n,) dY factors
    products: np.ndarray  # (n,)
    value: float

    def dy_cell(self, n: int) -> tuple[int, int]:
        """The dY cell ``(r, s)`` of product ``n``."""
        r, s = divmod(n, self.dy_width)
        return r, s

    def input_cell(self, n: int) -> tuple[int, int] | None:
        """The padded input cell product ``n`` reads (dW), or None (db)."""
        if not self.rows.size:
            return None
        r, s = self.dy_cell(n)
        return int(self.rows[r]), int(self.cols[s])

    @cached_property
    def input_cells(self) -> tuple[tuple[int, int], ...]:
        """Every padded input cell the products read, in dY's row-major order (dW)."""
        h = self.rows.size
        return tuple(zip(np.repeat(self.rows, self.cols.size).tolist(), np.tile(self.cols, h).tolist()))

    @cached_property
    def input_set(self) -> frozenset[tuple[int, int]]:
        return frozenset(self.input_cells)

    @property
    def input_box(self) -> tuple[int, int, int, int] | None:
        """The box those cells span: the dilated dY over the input (dW), r0, c0, r1, c1."""
        if not self.rows.size:
            return None
        return int(self.rows[0]), int(self.cols[0]), int(self.rows[-1]), int(self.cols[-1])

    @property
    def name(self) -> str:
        if self.wrt == "bias":
            return f"db {self.kernel_name}"
        assert self.channel is not None
        return f"dW({self.tap[0]},{self.tap[1]}) " + translate("frame", "ch {n}").format(n=self.channel + 1)

    def running(self, upto: int) -> float:
        """The sum of the first ``upto + 1`` products."""
        return float(self.products[: upto + 1].sum())

    def ledger(self, current: int | None = None, decimals: int = 3, title: str = "", shorten: bool = True) -> Ledger:
        """The sum written out: ``dW(0,1) ch 1: 2·1 + 0·1 + … = 5``; at a
        multiply step the products up to ``current`` are done. A long sum is
        shortened to the products around the current one unless ``shorten`` is False."""
        terms = []
        shown = _shown_terms(len(self.products), current) if shorten else list(range(len(self.products)))
        for n in shown:
            if n is None:
                terms.append(Term("…", 0, (0, 0), False, DONE if current is None else UPCOMING))
                continue
            state = DONE if current is None or n < current else CURRENT if n == current else UPCOMING
            dy = format_factor(float(self.grads[n]), decimals)
            text = dy if self.wrt == "bias" else f"{format_factor(float(self.inputs[n]), decimals)}·{dy}"
            terms.append(Term(text, 0, self.dy_cell(n), self.wrt != "bias" and bool(self.padding[n]), state))
        result = f"{_eq(self.value, decimals)} {format_number(self.value, decimals)}"
        line = LedgerLine(LineKind.CHANNEL, self.name, tuple(terms), result, CURRENT,
                          UPCOMING if current is not None else None, self.channel)  # fmt: skip
        running = "" if current is None else translate("ledger", "running total: {sum}").format(
            sum=format_number(self.running(current), decimals))
        if not title:
            title = (translate("ledger", "gradient of {kernel}'s bias: the sum of dY") if self.wrt == "bias" else
                     translate("ledger", "gradient of {kernel}'s weight: the input under dY, times dY"))  # fmt: skip
            title = title.format(kernel=self.kernel_name)
        return Ledger(title, (line,), running, value=self.value, decimals=decimals)


class ParamGradTrace(StepTrace):
    """The steps of dW (``wrt="weight"``) or db (``wrt="bias"``).

    One step per gradient value at the cell and channel levels; at the
    multiply level one per product, then the total. Kernel by kernel, then
    channel, then tap row-major.
    """

    def __init__(self, scene: Scene, wrt: str = "weight", level: Level | str = Level.CELL) -> None:
        super().__init__(scene, level, Order.KERNEL)
        if wrt not in ("weight", "bias"):
            raise ConvError("wrt {wrt!r}: a parameter gradient is of the weight or the bias", wrt=wrt)
        self.wrt = wrt
        self.dy = grad_output_of(scene)
        self._grad_cells: OrderedDict[tuple[int, int, int, int], GradCell] = OrderedDict()

    # -- sizes ---------------------------------------------------------------
    @property
    def values_per_kernel(self) -> int:
        kh, kw = self.kernel_hw
        return 1 if self.wrt == "bias" else self.channels_per_kernel * kh * kw

    @property
    def steps_per_cell(self) -> int:
        if self.level is Level.MULTIPLY:
            return self.output_hw[0] * self.output_hw[1] + 1
        return 1

    @property
    def value_count(self) -> int:
        """Gradient values stepped: every weight of every kernel, or every bias."""
        return self.kernel_count * self.values_per_kernel

    def __len__(self) -> int:
        return self.value_count * self.steps_per_cell

    # -- index <-> step --------------------------------------------------------
    def _cell_position(self, cell: int) -> tuple[int, int, int]:  # (kernel, channel, tap number)
        k, rest = divmod(cell, self.values_per_kernel)
        c, t = divmod(rest, self.kernel_hw[0] * self.kernel_hw[1])
        return k, c, t

    def step(self, index: int) -> Step:
        if not 0 <= index < len(self):
            raise IndexError(f"step {index} is outside 0..{len(self) - 1}")
        cell, sub = divmod(index, self.steps_per_cell)
        k, c, t = self._cell_position(cell)
        i, j = divmod(t, self.kernel_hw[1])
        channel = None if self.wrt == "bias" else c
        if self.level is not Level.MULTIPLY:
            return Step(index, k, i, j, Phase.CELL, 0, channel=channel)
        if sub == self.steps_per_cell - 1:
            return Step(index, k, i, j, Phase.TOTAL, sub, channel=channel)
        return Step(index, k, i, j, Phase.PRODUCT, sub, channel=channel, tap=divmod(sub, self.output_hw[1]))

    def index_of_value(self, kernel: int, channel: int = 0, tap: tuple[int, int] = (0, 0)) -> int:
        """The first step of ``dW(tap)`` of ``channel`` of ``kernel`` (db: of ``kernel``)."""
        kh, kw = self.kernel_hw
        within = 0 if self.wrt == "bias" else (channel * kh + tap[0]) * kw + tap[1]
        return (kernel * self.values_per_kernel + within) * self.steps_per_cell

    def index_of(self, kernel: int, row: int, col: int, sub: int = 0) -> int:
        """Sub-step ``sub`` of ``dW(row, col)`` of the first channel of ``kernel`` (db: of ``kernel``)."""
        return self.index_of_value(kernel, 0, (row, col)) + sub

    def equivalent_index(self, step: Step) -> int:
        k = min(step.kernel, self.kernel_count - 1)
        c = min(step.channel or 0, self.channels_per_kernel - 1)
        tap = (min(step.out_row, self.kernel_hw[0] - 1), min(step.out_col, self.kernel_hw[1] - 1))
        return self.index_of_value(k, c, tap)

    # -- what a step shows -----------------------------------------------------
    @cached_property
    def gradients(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(dX, dW, db)`` from the engine, once per trace."""
        found = self.scene.with_grad_output(self.dy).gradients()
        for a in found:
            a.flags.writeable = False
        return found

    @cached_property
    def feature_maps(self) -> np.ndarray:
        """The grid the third column shows, ``dY``: its colour scale is dY's."""
        return self.dy

    @cached_property
    def dy_limit(self) -> float:
        from convviz.core.frame import nice_limit  # the frames' colour scale, once per trace

        return nice_limit(self.dy)

    def grad_cell(self, kernel: int, channel: int = 0, tap: tuple[int, int] = (0, 0)) -> GradCell:
        key = (kernel, channel, *tap)
        found = self._grad_cells.get(key)
        if found is None:
            found = self._grad_cells[key] = self._compute(kernel, channel, tap)
            if len(self._grad_cells) > _CACHE:
                self._grad_cells.popitem(last=False)
        return found

    def grad_cell_of(self, step: Step) -> GradCell:
        return self.grad_cell(step.kernel, step.channel or 0, (step.out_row, step.out_col))

    def _compute(self, kernel: int, channel: int, tap: tuple[int, int]) -> GradCell:
        oh, ow = self.output_hw
        grads = np.ascontiguousarray(self.dy[:, :, kernel].ravel())
        name = self.scene.kernels[kernel].name
        none = np.zeros(0, dtype=np.intp)
        if self.wrt == "bias":
            return GradCell("bias", kernel, name, (0, 0), None, ow, none, none, np.zeros(0, dtype=bool), np.zeros(0),
                            grads, grads, float(grads.sum()))  # fmt: skip
        geo = self.geometry
        rows = np.arange(oh) * geo.stride[0] + tap[0] * geo.dilation[0]  # padded coordinates
        cols = np.arange(ow) * geo.stride[1] + tap[1] * geo.dilation[1]
        src_r, src_c = geo.row_map[rows], geo.col_map[cols]
        ch = self.scene.input_channels_of_kernel(kernel)[channel]
        plane = self.scene.input[:, :, ch]
        x = plane[np.ix_(np.maximum(src_r, 0), np.maximum(src_c, 0))]
        x = np.where((src_r < 0)[:, None] | (src_c < 0)[None, :], 0.0, x).ravel()
        top, left = geo.pad_h[0], geo.pad_w[0]
        H, W = geo.input_hw
        inside = ((rows >= top) & (rows < top + H))[:, None] & ((cols >= left) & (cols < left + W))[None, :]
        products = x * grads
        return GradCell("weight", kernel, name, tap, ch, ow, rows, cols, ~inside.ravel(), x, grads, products,
                        float(products.sum()))  # fmt: skip

    def label(self, step: Step) -> str:
        cell = self.grad_cell_of(step)
        of_kernel = translate("trace", "{name} of {kernel}").format(name=cell.name, kernel=cell.kernel_name)
        parts = [of_kernel if self.wrt == "weight" else cell.name]
        if step.phase is Phase.PRODUCT:
            assert step.tap is not None
            parts.append(f"dY ({step.tap[0]}, {step.tap[1]})")
        elif step.phase is Phase.TOTAL:
            parts.append(translate("trace", "total"))
        return " · ".join(parts)

    def computed_mask(self, index: int) -> np.ndarray:
        """``(K, values_per_kernel)`` bools: the gradient values known at step ``index``."""
        cell, sub = divmod(index, self.steps_per_cell)
        done_through = cell if sub == self.steps_per_cell - 1 else cell - 1
        return (np.arange(self.value_count) <= done_through).reshape(self.kernel_count, self.values_per_kernel)


@dataclass(frozen=True)
class Fold:
    """One fold step of dX: real input cell ``source`` (of ``channel``) takes
    back the gradient of the padding cells ``copies`` that copied it
    (padded coordinates)."""

    channel: int
    source: tuple[int, int]
    copies: tuple[tuple[int, int], ...]


def input_gradient_scene(scene: Scene, dy: np.ndarray) -> Scene:
    """The forward scene whose feature maps are ``dX`` on the *padded* input:
    ``dY`` dilated by the stride, zero-padded by the dilated kernel's span,
    convolved with the flipped kernels (one per input channel, reading its
    group's ``dY`` maps)."""
    geo = scene.geometry()
    (oh, ow), (sh, sw), (dh, dw) = geo.output_hw, geo.stride, geo.dilation
    (kh, kw), (Hp, Wp) = geo.kernel_hw, geo.padded_hw
    K, C, G = len(scene.kernels), scene.input_shape[2], scene.params.groups
    Cg, Kg = C // G, K // G
    grid = np.zeros((Hp - dh * (kh - 1), Wp - dw * (kw - 1), K))
    grid[: (oh - 1) * sh + 1 : sh, : (ow - 1) * sw + 1 : sw] = dy
    stack = scene.kernel_stack
    kernels = []
    for m in range(C):
        g, c = divmod(m, Cg)
        flipped = stack[::-1, ::-1, c, g * Kg : (g + 1) * Kg]  # (kh, kw, Kg)
        kernels.append(Kernel(translate("frame", "ch {n}").format(n=m + 1), np.ascontiguousarray(flipped), 0.0))
    params = ConvParams(padding=(dh * (kh - 1), dw * (kw - 1)), dilation=(dh, dw), groups=G)
    return Scene(grid, tuple(kernels), params, name=f"{scene.name or 'scene'} · dX",
                 description="dY dilated by the stride, convolved with the flipped kernels")  # fmt: skip


class InputGradTrace(StepTrace):
    """The steps of dX: the full convolution of ``dY`` with the flipped
    kernels (a forward trace of :func:`input_gradient_scene`, without its
    bias steps, since that scene has no bias), then the fold steps."""

    wrt = "input"

    def __init__(self, scene: Scene, level: Level | str = Level.CHANNEL) -> None:
        self.source_scene = scene
        self.dy = grad_output_of(scene)
        self.source_geometry = scene.geometry()
        super().__init__(input_gradient_scene(scene, self.dy), level, Order.KERNEL)
        self.folds = self._folds()

    def _folds(self) -> tuple[Fold, ...]:
        geo = self.source_geometry
        if geo.padding_mode == "zeros":
            return ()
        (H, W), (Hp, Wp), top, left = geo.input_hw, geo.padded_hw, geo.pad_h[0], geo.pad_w[0]
        copies: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for pr in range(Hp):
            for pc in range(Wp):
                if top <= pr < top + H and left <= pc < left + W:
                    continue
                sr, sc = int(geo.row_map[pr]), int(geo.col_map[pc])
                if sr >= 0 and sc >= 0:
                    copies.setdefault((sr, sc), []).append((pr, pc))
        ordered = sorted(copies.items())
        C = self.source_scene.input_shape[2]
        return tuple(Fold(m, src, tuple(cells)) for m in range(C) for src, cells in ordered)

    # -- sizes: the forward steps without "+ bias", then the folds ---------------
    @property
    def steps_per_cell(self) -> int:
        return 1 if self.level is Level.CELL else super().steps_per_cell - 1

    @property
    def conv_steps(self) -> int:
        return self.cell_count * self.steps_per_cell

    def __len__(self) -> int:
        return self.conv_steps + len(self.folds)

    def fold_at(self, index: int) -> Fold | None:
        """The fold of step ``index``, or None for a convolution step."""
        return self.folds[index - self.conv_steps] if index >= self.conv_steps else None

    def _make_step(self, index: int, k: int, r: int, c: int, sub: int) -> Step:
        if self.level is not Level.CELL and sub == self.steps_per_cell - 1:
            return Step(index, k, r, c, Phase.TOTAL, sub)
        return super()._make_step(index, k, r, c, sub)

    def sub_for(self, phase: Phase, channel: int = 0, tap: tuple[int, int] = (0, 0)) -> int:
        if phase is Phase.BIAS:
            phase = Phase.TOTAL
        if phase is Phase.TOTAL and self.level is not Level.CELL:
            return self.steps_per_cell - 1
        return super().sub_for(phase, channel, tap)

    def step(self, index: int) -> Step:
        fold = self.fold_at(index) if 0 <= index < len(self) else None
        if fold is None:
            if not 0 <= index < self.conv_steps:
                raise IndexError(f"step {index} is outside 0..{len(self) - 1}")
            return super().step(index)
        # The padded-input cell of the source: the map cell it is about.
        top, left = self.source_geometry.pad_h[0], self.source_geometry.pad_w[0]
        return Step(index, fold.channel, fold.source[0] + top, fold.source[1] + left, Phase.TOTAL, 0)

    def label(self, step: Step) -> str:
        fold = self.fold_at(step.index)
        if fold is not None:
            return translate("trace", "fold · dX {channel} ({row}, {col}) + its padding copies").format(
                channel=translate("frame", "ch {n}").format(n=fold.channel + 1), row=fold.source[0], col=fold.source[1])
        channel = translate("frame", "ch {n}").format(n=step.kernel + 1)
        parts = [f"dX {channel} {self.place(step.out_row, step.out_col)}"]
        if step.channel is not None:
            kernel = self.source_scene.kernels[self.scene.input_channels_of_kernel(step.kernel)[step.channel]]
            parts.append(translate("trace", "dY of {kernel}").format(kernel=kernel.name))
        if step.tap is not None:
            parts.append(translate("trace", "tap ({row}, {col})").format(row=step.tap[0], col=step.tap[1]))
        if step.phase is Phase.TOTAL:
            parts.append(translate("trace", "total"))
        return " · ".join(parts)

    def place(self, row: int, col: int) -> str:
        """Padded-input cell ``(row, col)`` in the input's own coordinates:
        ``at (0, 2)``, or ``at padding cell (−1, 2)`` in the ring."""
        geo = self.source_geometry
        r, c = row - geo.pad_h[0], col - geo.pad_w[0]
        inside = 0 <= r < geo.input_hw[0] and 0 <= c < geo.input_hw[1]
        at = translate("trace", "at ({row}, {col})") if inside else translate("trace", "at padding cell ({row}, {col})")
        return at.format(row=format_number(r), col=format_number(c))

    def computed_mask(self, index: int) -> np.ndarray:
        return super().computed_mask(min(index, self.conv_steps - 1))

    @cached_property
    def padded_gradient(self) -> np.ndarray:
        """``(Hp, Wp, C)``: dX on the padded input, before the fold."""
        return self.feature_maps

    def folded_through(self, index: int) -> np.ndarray:
        """The padded gradient with the folds up to step ``index`` done: each
        done source holds its copies' gradient too, its copies hold 0."""
        grad = np.array(self.padded_gradient)
        top, left = self.source_geometry.pad_h[0], self.source_geometry.pad_w[0]
        for fold in self.folds[: max(0, index - self.conv_steps + 1)]:
            r, c = fold.source[0] + top, fold.source[1] + left
            for pr, pc in fold.copies:
                grad[r, c, fold.channel] += grad[pr, pc, fold.channel]
                grad[pr, pc, fold.channel] = 0.0
        return grad

    def fold_ledger(self, fold: Fold, decimals: int = 3) -> Ledger:
        """``dX(0,0) ch 1: 3 + 1 + 2 = 6``: the cell's own gradient, then each copy's."""
        top, left = self.source_geometry.pad_h[0], self.source_geometry.pad_w[0]
        g = self.padded_gradient[:, :, fold.channel]
        r, c = fold.source
        parts = [float(g[r + top, c + left])] + [float(g[pr, pc]) for pr, pc in fold.copies]
        total = float(sum(parts))
        terms = [Term(format_factor(parts[0], decimals), 0, (r, c), False, DONE)]
        terms += [Term(format_factor(v, decimals), 0, (pr - top, pc - left), True, DONE)
                  for v, (pr, pc) in zip(parts[1:], fold.copies)]  # fmt: skip
        channel = translate("frame", "ch {n}").format(n=fold.channel + 1)
        line = LedgerLine(LineKind.CHANNEL, f"dX({r},{c}) {channel}", tuple(terms),
                          f"{_eq(total, decimals)} {format_number(total, decimals)}", CURRENT, None, fold.channel)  # fmt: skip
        where = ", ".join(f"({pr - top},{pc - left})" for pr, pc in fold.copies)
        copies = translate("ledger", "padding cells {cells} copy ({row},{col})").format(cells=where, row=r, col=c)
        note = LedgerLine(LineKind.SUMMARY, translate("ledger", "copies"), (), copies, DONE)
        title = translate("ledger", "fold: padding cells send their gradient back to the cell they copy ({mode})").format(
            mode=self.source_geometry.padding_mode)
        return Ledger(title, (line, note), "", value=total, decimals=decimals)

    def folded_gradient(self) -> np.ndarray:
        """``(H, W, C)``: dX itself, the padded gradient folded onto the input."""
        geo = self.source_geometry
        grad = self.folded_through(len(self) - 1)
        (H, W), top, left = geo.input_hw, geo.pad_h[0], geo.pad_w[0]
        return grad[top : top + H, left : left + W]


def backward_trace(scene: Scene, wrt: str, level: Level | str = Level.CHANNEL) -> ParamGradTrace | InputGradTrace:
    """The trace of one gradient: ``wrt`` is ``"input"`` (dX), ``"weight"`` (dW) or ``"bias"`` (db)."""
    if scene.params.transposed:
        raise ConvError("the backward pass is for a forward convolution (op \"conv\"); this scene is transposed")
    if wrt == "input":
        return InputGradTrace(scene, level)
    if wrt in ("weight", "bias"):
        return ParamGradTrace(scene, wrt, level)
    raise ConvError("--wrt {wrt!r}: choose one of {wrt1}", wrt=wrt, wrt1=', '.join(WRT))
