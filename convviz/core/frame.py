"""What a frame shows: one model for the window and every recording.

:func:`convviz.core.frames.frame_at` turns (scene, trace, step index,
options) into a :class:`Frame`; this module defines it and builds a forward
convolution's (:func:`forward_frame_at`). A frame gives for every grid (the input channels, every kernel's channels
and bias, the feature maps) its caption and whether it is lit, its channel's
identity colour, its colour scale, and each cell's value and role; plus the
ledger and the step label. The window's panels and the frame renderer both
draw from it and keep no highlight rules of their own, so the window, the
presentation mode, Copy Frame and every export agree cell for cell.

Cells are addressed in *grid* coordinates: an input grid includes its
padding ring, so real cell ``(r, c)`` is grid cell ``(r + top, c + left)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

import numpy as np

from convviz.core.focus import Focus, focus_at
from convviz.core.language import translate
from convviz.core.ledger import Ledger
from convviz.core.scene import Scene
from convviz.core.trace import Level, Phase, StepTrace
from convviz.core.unfold import UnfoldedMatrix

if TYPE_CHECKING:  # a transposed frame's focus; convviz.core.frames picks its builder
    from convviz.core.transposed_trace import ScatterFocus

__all__ = [
    "CaptionState",
    "CellRole",
    "ColorScale",
    "Frame",
    "FrameOptions",
    "FrameView",
    "GridFrame",
    "GridKind",
    "MapScale",
    "caption_of_channel",
    "forward_frame_at",
    "input_levels",
    "map_limits",
    "nice_limit",
    "running_value",
    "section_headings",
    "step_counter",
]


class GridKind(str, Enum):
    INPUT = "input"
    KERNEL = "kernel"
    BIAS = "bias"
    OUTPUT = "output"
    # The feature-map section's other views (core/frame_views.py):
    PARTIAL = "partial"  # partial map P[c] of the active kernel
    BIAS_TERM = "bias-term"  # the bias in the view's equation
    RESULT = "result"  # Y: the active kernel's map (partial maps) or W·U + b (im2col)
    UNFOLDED = "unfolded"  # im2col's U, one column per window position
    WEIGHTS = "weights"  # im2col's W, one row per kernel


class CellRole(str, Enum):
    """How one cell is drawn. One role a cell; the grid's own state (dimmed,
    emphasized) is a role only of cells that have no more specific one."""

    NORMAL = "normal"
    DIMMED = "dimmed"  # its grid is not used by this step
    EMPHASIZED = "emphasized"  # its grid is the one being used
    TAPPED = "tapped"  # under the kernel window
    PADDING = "padding"  # a padding cell (zero or a copy of a real one)
    DROPPED = "dropped"  # an input cell no window reaches (the stride floors it off)
    CURRENT = "current"  # the cell this step is about (tap, weight, bias, finished output)
    PENDING = "pending"  # the output cell being computed: it shows its running sum
    HIDDEN = "hidden"  # not computed yet, and "reveal" is on: drawn blank


class CaptionState(str, Enum):
    PLAIN = "plain"
    LIT = "lit"  # its grid takes part in this step
    CURRENT = "current"  # its grid is the one being summed
    DIMMED = "dimmed"


class MapScale(str, Enum):
    """Whether the feature maps share one colour scale or each has its own."""

    SHARED = "shared"
    OWN = "own"


@dataclass(frozen=True)
class ColorScale:
    """``grey`` spans ``low``…``high`` (black to white); ``diverging`` spans
    ``−limit``…``+limit`` with white at zero; ``flat`` is one fill."""

    kind: str
    low: float = 0.0
    high: float = 1.0


_FLAT = ColorScale("flat")


class FrameView(str, Enum):
    """What the feature-map section shows: the maps, or one of two other
    views of the same computation (built by core/frame_views.py)."""

    MAPS = "maps"
    PARTIAL_MAPS = "partial-maps"  # P1 + P2 + P3 + b = Y for the active kernel
    IM2COL = "im2col"  # W · U + b = Y


@dataclass(frozen=True)
class FrameOptions:
    reveal: bool = False  # blank the output cells not computed yet
    map_scale: MapScale = MapScale.SHARED
    view: FrameView = FrameView.MAPS


@dataclass(frozen=True, eq=False)
class GridFrame:
    """One grid as a step shows it."""

    kind: GridKind
    index: int  # the input channel, the kernel's channel, or the kernel
    kernel: int | None  # the kernel a kernel/bias/output grid belongs to
    caption: str
    caption_state: CaptionState
    colour: int | None  # identity of the input channel shown or read; None for bias/maps
    values: np.ndarray | UnfoldedMatrix  # (rows, cols) real values, no padding; read-only (U: read where indexed)
    scale: ColorScale
    padding: tuple[int, int, int, int] = (0, 0, 0, 0)  # top, bottom, left, right
    row_map: np.ndarray | None = field(default=None, repr=False)  # grid row -> real row, -1 zero padding
    col_map: np.ndarray | None = field(default=None, repr=False)
    dropped: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset())  # real rows, cols
    dimmed: bool = False
    emphasized: bool = False
    tapped: frozenset[tuple[int, int]] = frozenset()
    window_box: tuple[int, int, int, int] | None = None  # r0, c0, r1, c1 inclusive
    current: tuple[int, int] | None = None
    pending: tuple[int, int] | None = None  # the cell showing its running sum
    pending_value: float | None = None
    hidden: np.ndarray | None = field(default=None, repr=False)  # (rows, cols) bools, real coordinates
    live: bool = False  # values change from step to step (a scatter's running output): redraw them all

    @property
    def shape(self) -> tuple[int, int]:
        """Rows and columns drawn, padding included."""
        top, bottom, left, right = self.padding
        rows, cols = self.values.shape
        return rows + top + bottom, cols + left + right

    def is_real(self, row: int, col: int) -> bool:
        top, _, left, _ = self.padding
        rows, cols = int(self.values.shape[0]), int(self.values.shape[1])
        return 0 <= row - top < rows and 0 <= col - left < cols

    def padding_source(self, row: int, col: int) -> tuple[int, int] | None:
        """The real cell a padding cell copies, or None for a zero."""
        if self.row_map is None or self.col_map is None:
            return None
        sr, sc = int(self.row_map[row]), int(self.col_map[col])
        return None if sr < 0 or sc < 0 else (sr, sc)

    def value(self, row: int, col: int) -> float | None:
        """The number grid cell ``(row, col)`` shows; None when it is blank."""
        if self.pending == (row, col):
            return self.pending_value
        top, _, left, _ = self.padding
        if self.is_real(row, col):
            if self.hidden is not None and self.hidden[row - top, col - left]:
                return None
            return float(self.values[row - top, col - left])
        source = self.padding_source(row, col)
        return 0.0 if source is None else float(self.values[source])

    def role(self, row: int, col: int) -> CellRole:
        top, _, left, _ = self.padding
        real = self.is_real(row, col)
        if real and self.hidden is not None and self.hidden[row - top, col - left] and self.pending != (row, col):
            return CellRole.HIDDEN
        if self.pending == (row, col):
            return CellRole.PENDING
        if self.current == (row, col):
            return CellRole.CURRENT
        if (row, col) in self.tapped:
            return CellRole.TAPPED
        if not real:
            return CellRole.PADDING
        if row - top in self.dropped[0] or col - left in self.dropped[1]:
            return CellRole.DROPPED
        if self.dimmed:
            return CellRole.DIMMED
        if self.emphasized:
            return CellRole.EMPHASIZED
        return CellRole.NORMAL

    def roles(self) -> list[list[CellRole]]:
        rows, cols = self.shape
        return [[self.role(r, c) for c in range(cols)] for r in range(rows)]


@dataclass(frozen=True, eq=False)
class Frame:
    """Everything one step shows."""

    index: int
    total: int
    label: str  # "kernel W1 · row 2 · col 0 · channel 3"
    counter: str  # "step 3 of 90"
    focus: Focus | ScatterFocus
    ledger: Ledger
    inputs: tuple[GridFrame, ...]
    kernels: tuple[tuple[GridFrame, ...], ...]  # per kernel, its channel grids
    biases: tuple[GridFrame, ...]
    outputs: tuple[GridFrame, ...]
    options: FrameOptions
    # The three sections' headings; "{name}" stands for the shown kernel's name.
    headings: tuple[str, str, str] = ("Input", "Kernel {name}", "Feature maps")
    views: tuple[GridFrame, ...] = ()  # the view's grids in equation order (none for the maps view)
    view_note: str = ""  # why the view shows nothing (a scene too large for it)

    @property
    def kernel(self) -> int:
        return self.focus.kernel

    def grids(self) -> list[GridFrame]:
        return [*self.inputs, *(g for grids in self.kernels for g in grids), *self.biases, *self.outputs, *self.views]


# -- scales -----------------------------------------------------------------------------


def nice_limit(values: np.ndarray) -> float:
    """A round symmetric colour limit ≥ max |value|: 1, 2, 5, 10, 20, …

    Round limits keep the colours from shifting with every small edit.
    """
    peak = float(np.max(np.abs(values))) if values.size else 0.0
    if not math.isfinite(peak) or peak <= 0:
        return 1.0
    exponent = math.floor(math.log10(peak))
    for step in (1, 2, 5, 10):
        limit = step * 10.0**exponent
        if limit >= peak:
            return limit
    return 10.0 ** (exponent + 1)


def input_levels(values: np.ndarray) -> tuple[float, float]:
    """Grey levels for an input channel: 0–1 or 0–255 when the values fit
    (an image, so its channels stay comparable), else their own range."""
    vmin, vmax = float(values.min()), float(values.max())
    low = min(0.0, vmin)
    for high in (1.0, 255.0):
        if vmax <= high:
            return low, high
    return low, vmax if vmax > low else low + 1.0


def map_limits(maps: np.ndarray, scale: MapScale) -> list[float]:
    """Each feature map's colour limit: one for all, or each its own."""
    K = maps.shape[2]
    if MapScale(scale) is MapScale.SHARED:
        return [nice_limit(maps)] * K
    return [nice_limit(maps[:, :, k]) for k in range(K)]


# The colour scales depend on the scene only, not on the step: worked out once
# per trace (a trace is one scene's) rather than on every step, where they would
# scan the whole input and every map each time.
_INPUT_SCALES: WeakKeyDictionary[StepTrace, list[ColorScale]] = WeakKeyDictionary()
_MAP_SCALES: WeakKeyDictionary[StepTrace, dict[MapScale, list[ColorScale]]] = WeakKeyDictionary()


def _input_scales(trace: StepTrace) -> list[ColorScale]:
    found = _INPUT_SCALES.get(trace)
    if found is None:
        x = trace.scene.input
        found = _INPUT_SCALES[trace] = [ColorScale("grey", *input_levels(x[:, :, ch])) for ch in range(x.shape[2])]
    return found


def _map_scales(trace: StepTrace, scale: MapScale) -> list[ColorScale]:
    per_option = _MAP_SCALES.setdefault(trace, {})
    scale = MapScale(scale)
    if scale not in per_option:
        per_option[scale] = [ColorScale("diverging", -limit, limit) for limit in map_limits(trace.feature_maps, scale)]
    return per_option[scale]


# -- captions --------------------------------------------------------------------------------


def step_counter(index: int, steps: int) -> str:
    """``step 3 of 88``: from 0, as --step and --from count, to the last step's index."""
    return translate("frame", "step {index} of {last}").format(index=index, last=steps - 1)


def section_headings() -> tuple[str, str, str]:
    """The forward sections' headings in the current language ("{name}" is the kernel's)."""
    return translate("frame", "Input"), translate("frame", "Kernel {name}"), translate("frame", "Feature maps")


def caption_of_channel(channel: int, channels: int) -> str:
    """``channel 2`` (``ch 2`` past four channels, where space runs short);
    the same words on an input channel and on the kernel channel that reads it."""
    if channels <= 4:
        return translate("frame", "channel {n}").format(n=channel + 1)
    return translate("frame", "ch {n}").format(n=channel + 1)


# -- the running sum -------------------------------------------------------------------------


def running_value(focus: Focus) -> float:
    """The value the output cell has reached at this step: the partial sums
    added so far (and the products of the current channel, at the multiply
    level), plus the bias from the bias step on."""
    cell, step = focus.cell, focus.step
    if step.phase is Phase.CHANNEL:
        assert step.channel is not None
        return float(np.sum(cell.partials[: step.channel + 1]))
    if step.phase is Phase.PRODUCT:
        assert step.tap is not None and step.channel is not None
        kw = cell.weights.shape[2]
        done = float(np.sum(cell.partials[: step.channel]))
        return done + float(cell.products[step.channel].ravel()[: step.tap[0] * kw + step.tap[1] + 1].sum())
    return cell.value


# -- the frame -----------------------------------------------------------------------------------


def forward_frame_at(scene: Scene, trace: StepTrace, index: int, options: FrameOptions = FrameOptions()) -> Frame:
    """What step ``index`` of a forward convolution's ``trace`` shows."""
    focus = focus_at(trace, index)
    geo = trace.geometry
    C = scene.input_shape[2]
    kh, kw, c, _ = scene.kernel_shape
    channel_level = focus.input_channel is not None
    in_scales = _input_scales(trace)

    # Inputs: the channels the kernel reads carry the window; at channel and
    # multiply steps only the one being summed is lit, the others dimmed.
    padding = (geo.pad_h[0], geo.pad_h[1], geo.pad_w[0], geo.pad_w[1])
    dropped = (frozenset(geo.dropped_input_rows()), frozenset(geo.dropped_input_cols()))
    taps = frozenset(focus.taps)
    inputs = []
    for ch in range(C):
        read = ch in focus.input_channels
        summed = focus.input_channel == ch
        dimmed = (not read) or (channel_level and not summed)
        state = CaptionState.CURRENT if summed else CaptionState.LIT if read and not channel_level else (
            CaptionState.DIMMED if dimmed else CaptionState.PLAIN)  # fmt: skip
        inputs.append(GridFrame(
            GridKind.INPUT, ch, None, caption_of_channel(ch, C), state, ch, scene.input[:, :, ch], in_scales[ch],
            padding, geo.row_map, geo.col_map, dropped, dimmed=dimmed, emphasized=summed,
            tapped=taps if read else frozenset(), window_box=focus.window_box if read else None,
            current=focus.current_input if summed else None,
        ))  # fmt: skip

    # Kernels: the active kernel's channels (the one being summed, or all of
    # them at the cell level) are lit and framed; everything else is dimmed.
    kernels, biases = [], []
    for k, kernel in enumerate(scene.kernels):
        active = k == focus.kernel
        reads = list(scene.input_channels_of_kernel(k)) if _groups_fit(scene) else list(range(c))
        grids = []
        for ch in range(c):
            lit = active and (focus.kernel_channel is None or focus.kernel_channel == ch)
            summed = active and focus.kernel_channel == ch
            state = CaptionState.CURRENT if summed else CaptionState.LIT if lit else CaptionState.DIMMED
            grids.append(GridFrame(
                GridKind.KERNEL, ch, k, caption_of_channel(reads[ch], C), state, reads[ch],
                kernel.weights[:, :, ch], _FLAT, dimmed=not lit, emphasized=lit,
                window_box=(0, 0, kh - 1, kw - 1) if lit else None,
                current=focus.current_tap if summed else None,
            ))  # fmt: skip
        kernels.append(tuple(grids))
        bias_lit = active and focus.bias_lit
        bias_dimmed = not active or focus.kernel_channel is not None
        biases.append(GridFrame(
            GridKind.BIAS, 0, k, translate("frame", "bias"),
            CaptionState.CURRENT if bias_lit else CaptionState.DIMMED if bias_dimmed else CaptionState.PLAIN,
            None, np.array([[kernel.bias]]), _FLAT, dimmed=bias_dimmed, emphasized=bias_lit,
            window_box=(0, 0, 0, 0) if bias_lit and focus.level is not Level.CELL else None,
            current=(0, 0) if bias_lit else None,
        ))  # fmt: skip

    # Feature maps: the cell being computed shows its running sum until its
    # last step; with reveal, cells not computed yet are blank.
    maps = trace.feature_maps
    map_scales = _map_scales(trace, options.map_scale)
    hidden = ~trace.computed_mask(index) if options.reveal else None
    written = focus.output_written
    outputs = []
    map_caption = translate("frame", "{kernel} → map")
    for k, kernel in enumerate(scene.kernels):
        active = k == focus.kernel
        caption = map_caption.format(kernel=kernel.name)
        outputs.append(GridFrame(
            GridKind.OUTPUT, k, k, caption, CaptionState.LIT if active else CaptionState.PLAIN, None,
            maps[:, :, k], map_scales[k],
            current=focus.output_cell if active else None,
            pending=focus.output_cell if active and not written else None,
            pending_value=running_value(focus) if active and not written else None,
            hidden=None if hidden is None else np.ascontiguousarray(hidden[:, :, k]),
        ))  # fmt: skip

    return Frame(
        index=index,
        total=len(trace),
        label=focus.label,
        counter=step_counter(index, len(trace)),
        headings=section_headings(),
        focus=focus,
        ledger=focus.ledger,
        inputs=tuple(inputs),
        kernels=tuple(kernels),
        biases=tuple(biases),
        outputs=tuple(outputs),
        options=options,
    )


def _groups_fit(scene: Scene) -> bool:
    groups = scene.params.groups
    return scene.input_shape[2] % groups == 0 and len(scene.kernels) % groups == 0
