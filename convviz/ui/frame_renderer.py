"""The recording frame: one step of a scene painted with QPainter, no widgets.

Presentation mode paints it at the window's size and the exporter paints it
on QImages at the video's size, so what a video shows is what the window
showed. A frame is a pure function of (scene, step index, size, look):

::

    seed-3.4                                      kernel W0 · row 0 · col 0 · channel 3
    [5,5,3] ∗ [3,3,3,2] → [3,3,2]                                         step 3 of 90
    Input [5,5,3]        ∗   Kernel W0 [3,3,3]     →   Feature maps [3,3,2]
    channel 1 …              ch 1 … bias               W0 → map  W1 → map
    W0 at output (0, 0)                              running total: 3 + 1 + 2 = 6
    channel 1  0·2 + 2·0 + … = 3
    …

The layout is computed from the available size alone: one cell size for
every grid (so a window on the input and the kernel match cell for cell),
the largest at which the three sections fit side by side above the ledger;
sections with many channels wrap onto more rows, and grids larger than
:data:`IMAGE_SIDE` cells per side are drawn as images with the window as a
rectangle. The ledger gets the largest text at which its lines don't wrap;
a deep input's earlier channel lines are summed up in one line rather than
shrunk out of reach. What each step highlights comes from
:func:`convviz.core.frame.frame_at`, the model the window's
:class:`~convviz.ui.step_presenter.StepPresenter` draws from too: this module
places and paints, it decides nothing about what a step highlights.

Everything that doesn't change from step to step (title, the input and
output grids, the colour legend) is painted once per scene and size into a
cached image, so a frame costs little more than its highlights and ledger.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QLinearGradient, QPaintEngine, QPainter, QPen

from convviz.core.errors import ConvError
from convviz.core.frame import CellRole, Frame, FrameOptions, GridFrame, GridKind, MapScale, frame_at, nice_limit
from convviz.core.ledger import Ledger, build_ledger, windowed_ledger
from convviz.core.numbers import format_number
from convviz.core.scene import Scene
from convviz.core.trace import CellComputation, Level, Order, StepTrace
from convviz.ui import theme as th
from convviz.ui.input_panel import padding_frame
from convviz.ui.ledger_view import LedgerLayout, layout_ledger, paint_ledger

__all__ = [
    "FrameLayout",
    "FrameRenderer",
    "GridPlace",
    "compute_layout",
    "frame_array",
    "kernel_step_range",
    "make_trace",
    "render_frame",
    "render_frame_image",
    "resolve_kernel",
    "resolve_theme",
    "shapes_text",
]

BASE_SIZE = (1280, 720)  # sizes below are in pixels at this frame size
IMAGE_SIDE = 32  # grids with more cells per side are drawn as images
IMAGE_RATIOS = (10, 7, 5, 4, 3)  # an image grid's long side, in cell widths: tried in turn
MIN_IMAGE_SIDE = 150  # base pixels an image grid's long side should have at least
MIN_TEXT_CELL = 13  # smaller cells show colour only: their numbers couldn't be read
MIN_NUMBER_CELL = 18  # below this, big input/output grids switch to images
LEDGER_SHARE = 0.42  # the ledger never takes more of the height than this
TITLE_PX, SUBTITLE_PX, STEP_LABEL_PX = 26, 18, 20  # base font sizes of the two title rows


# -- small helpers ---------------------------------------------------------------------


@lru_cache(maxsize=512)
def _font(px: float, bold: bool = False, italic: bool = False) -> QFont:
    return th.font(round(px * 2) / 2, bold=bold, italic=italic)


@lru_cache(maxsize=512)
def _metrics(px: float, bold: bool = False) -> QFontMetricsF:
    return QFontMetricsF(_font(px, bold))


@lru_cache(maxsize=4096)
def _advance_per_px(text: str, bold: bool) -> float:
    """The width of ``text`` per pixel of font size."""
    return max(0.3, _metrics(40.0, bold).horizontalAdvance(text) / 40.0)


def _shape(values: tuple[int, ...]) -> str:
    return "[" + ",".join(str(v) for v in values) + "]"


def shapes_text(scene: Scene) -> str:
    """``[5,5,3] ∗ [3,3,3,2] → [3,3,2]`` (``?`` for an impossible output)."""
    kh, kw, c, K = scene.kernel_shape
    try:
        oh, ow = scene.geometry().output_hw
        out = _shape((oh, ow, K))
    except ConvError:
        out = f"[?,?,{K}]"
    return f"{_shape(scene.input_shape)} ∗ {_shape((kh, kw, c, K))} → {out}"


def resolve_theme(theme: th.Theme | str) -> th.Theme:
    if isinstance(theme, th.Theme):
        return theme
    try:
        return th.THEMES[theme]
    except KeyError:
        raise ConvError(f"theme {theme!r}: choose one of {', '.join(th.THEMES)}") from None


def resolve_kernel(scene: Scene, kernel: int | str | None) -> int | None:
    """A kernel given by name (``W1``) or index (``1``), checked; None stays None."""
    if kernel is None:
        return None
    names = [k.name for k in scene.kernels]
    if isinstance(kernel, str):
        if kernel in names:
            return names.index(kernel)
        try:
            kernel = int(kernel)
        except ValueError:
            raise ConvError(f"kernel {kernel!r}: no such kernel; the scene has {', '.join(names)}") from None
    if not 0 <= kernel < len(names):
        raise ConvError(f"kernel {kernel}: the scene has kernels 0..{len(names) - 1} ({', '.join(names)})")
    return int(kernel)


def kernel_step_range(trace: StepTrace, kernel: int | None) -> Sequence[int]:
    """The trace indices of one kernel's steps, in order (all steps for None)."""
    if kernel is None:
        return range(len(trace))
    spc = trace.steps_per_cell
    per_kernel = trace.output_hw[0] * trace.output_hw[1] * spc
    if trace.order is Order.KERNEL:  # one kernel's steps are contiguous
        return range(kernel * per_kernel, (kernel + 1) * per_kernel)
    K = trace.kernel_count
    return [(pos * K + kernel) * spc + sub for pos in range(trace.output_hw[0] * trace.output_hw[1]) for sub in range(spc)]


def _grid_rgb(grid: GridFrame, theme: th.Theme) -> np.ndarray:
    """A grid drawn as an image, on the frame model's colour scale: an input
    channel in greys (its padding ring paler, so the real image stands out),
    a feature map on its diverging scale (cells not computed yet blank)."""
    scale = grid.scale
    if grid.kind is GridKind.INPUT:
        top, bottom, left, right = grid.padding
        rows, cols = grid.shape
        row_map = grid.row_map if grid.row_map is not None else np.arange(-top, rows - top)
        col_map = grid.col_map if grid.col_map is not None else np.arange(-left, cols - left)
        values = grid.values[np.ix_(np.clip(row_map, 0, grid.values.shape[0] - 1), np.clip(col_map, 0, grid.values.shape[1] - 1))]
        values = np.where((row_map < 0)[:, None] | (col_map < 0)[None, :], 0.0, values)
        rgb = th.grey_colors(values, scale.low, scale.high).astype(np.float64)
        ring = np.ones((rows, cols), dtype=bool)
        ring[top : rows - bottom, left : cols - right] = False
        pad_rgb = np.array([int(theme.padding_fill[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.float64)
        rgb[ring] = rgb[ring] * 0.45 + pad_rgb * 0.55
        return rgb.astype(np.uint8)
    rgb = th.diverging_colors(grid.values, scale.high, theme.diverging)
    if grid.hidden is not None:
        panel = np.array([int(theme.panel[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.uint8)
        rgb = np.where(grid.hidden[:, :, None], panel, rgb)
    return rgb


def _rgb_image(rgb: np.ndarray) -> QImage:
    """A QImage that owns a copy of ``rgb`` (rows, cols, 3) uint8."""
    rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
    h, w, _ = rgb.shape
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


# -- layout ----------------------------------------------------------------------------


@dataclass(frozen=True)
class GridPlace:
    """Where one grid goes. ``rect`` covers every drawn cell, padding included."""

    rect: QRectF
    rows: int
    cols: int
    caption: str
    caption_rect: QRectF
    as_image: bool

    @property
    def cell_w(self) -> float:
        return self.rect.width() / self.cols

    @property
    def cell_h(self) -> float:
        return self.rect.height() / self.rows

    def cell_rect(self, row: float, col: float) -> QRectF:
        w, h = self.cell_w, self.cell_h
        return QRectF(self.rect.left() + col * w, self.rect.top() + row * h, w, h)

    def box_rect(self, r0: int, c0: int, r1: int, c1: int) -> QRectF:
        return self.cell_rect(r0, c0).united(self.cell_rect(r1, c1))


@dataclass(frozen=True)
class FrameLayout:
    width: float
    height: float
    unit: float  # pixels per base pixel: 1 at 1280×720, 1.5 at 1920×1080
    scale: float
    cell: float  # cell size of number grids
    cell_font_px: float
    label_px: float  # captions
    header_px: float
    title_rect: QRectF  # the caption, and the step label at the right
    params_rect: QRectF  # the shapes and parameters, and the step counter at the right
    caption_width: float  # what the caption may take of the title row
    inputs: tuple[GridPlace, ...]
    kernels: tuple[GridPlace, ...]
    bias: GridPlace
    outputs: tuple[GridPlace, ...]
    input_header: QRectF
    kernel_header: QRectF
    output_header: QRectF
    operators: tuple[tuple[QRectF, str], ...]  # "∗" and "→" between the sections
    chips: tuple[QRectF, ...]  # one per kernel, under the kernel grids (several kernels only)
    legend_rect: QRectF
    ledger_origin: QPointF
    ledger_width: float
    ledger_px: float
    ledger_height: float
    ledger_lines: int  # channel lines the ledger shows (fewer than the channels for a deep input)
    progress_rect: QRectF


@dataclass
class _Section:
    """A row (or rows) of grids under one header, each grid under its caption."""

    tiles: list[tuple[float, float]]  # (w, h) pixels per grid
    captions: list[float]  # each caption's text width: a grid's slot is at least as wide
    per_row: int
    gap: float
    caption_h: float
    header_h: float
    below_h: float  # chips or legend under the grids
    min_w: float  # the header's width

    def rows(self) -> int:
        return math.ceil(len(self.tiles) / self.per_row)

    def _slots(self, first: int) -> list[float]:
        end = min(first + self.per_row, len(self.tiles))
        return [max(self.tiles[i][0], self.captions[i]) for i in range(first, end)]

    def size(self) -> tuple[float, float]:
        width, height = 0.0, self.header_h
        for r in range(self.rows()):
            first = r * self.per_row
            slots = self._slots(first)
            width = max(width, sum(slots) + self.gap * (len(slots) - 1))
            height += self.caption_h + max(h for _, h in self.tiles[first : first + self.per_row]) + (self.gap if r else 0.0)
        return max(width, self.min_w), height + self.below_h

    def place(self, x: float, y: float, captions: list[str], shapes: list[tuple[int, int]], images: list[bool]) -> list[GridPlace]:
        places = []
        top = y + self.header_h
        for r in range(self.rows()):
            first = r * self.per_row
            left = x
            for n, slot in enumerate(self._slots(first)):
                i = first + n
                w, h = self.tiles[i]
                cap = QRectF(left, top, slot, self.caption_h)
                rect = QRectF(left, top + self.caption_h, w, h)
                places.append(GridPlace(rect, shapes[i][0], shapes[i][1], captions[i], cap, images[i]))
                left += slot + self.gap
            top += self.caption_h + max(h for _, h in self.tiles[first : first + self.per_row]) + self.gap
        return places


def _tile(rows: int, cols: int, cell: float, as_image: bool, image_ratio: float = IMAGE_RATIOS[0]) -> tuple[float, float]:
    if not as_image:
        return cols * cell, rows * cell
    long_side = image_ratio * cell
    scale = long_side / max(rows, cols)
    return max(cols * scale, 2.0), max(rows * scale, 2.0)


def _ledger_sample_cells(trace: StepTrace, count: int = 4) -> list[tuple[int, int, int]]:
    """The output cells whose ledgers have the longest lines (the ones that
    wrap first), among all of a small scene's cells or an even sample of a
    big one's."""
    oh, ow = trace.output_hw
    total = trace.cell_count
    picks = range(total) if total <= 256 else np.linspace(0, total - 1, 256).astype(int)
    cells = []
    for n in picks:
        k, rest = divmod(int(n), oh * ow)
        cell = (k, *divmod(rest, ow))
        longest = max(len(line) for line in build_ledger(trace.cell(*cell)).text().splitlines())
        cells.append((longest, cell))
    cells.sort(key=lambda item: -item[0])
    return [cell for _, cell in cells[:count]]


def _ledger_extent(cells: list[CellComputation], width: float, px: float, keep: int) -> tuple[float, bool]:
    """The tallest of these cells' ledgers at ``px``, and whether any of its lines wrap."""
    height, wraps = 0.0, False
    for cell in cells:
        layout = layout_ledger(windowed_ledger(build_ledger(cell), None, keep), width, px)
        height = max(height, layout.height)
        line_tops = {round(i.rect.top(), 3) for i in layout.items if i.role in ("label", "total", "title")}
        wraps = wraps or any(round(i.rect.top(), 3) not in line_tops for i in layout.items if i.role in ("term", "result"))
    return height, wraps


def _ledger_font(cells: list[CellComputation], width: float, largest_px: float, budget: float, keep: int) -> tuple[float, float]:
    """The ledger's font size and height: the largest size up to ``largest_px``
    at which no line wraps and the ledger fits ``budget``; failing that, the
    largest that fits; never below 9 px."""
    px = largest_px
    fallback: tuple[float, float] | None = None
    while True:
        height, wraps = _ledger_extent(cells, width, px, keep)
        if height <= budget:
            if not wraps or px <= largest_px * 0.75:
                return px, height
            fallback = fallback or (px, height)
        if px <= 9:
            return fallback or (px, height)
        px = max(9.0, px * 0.92)


def _ledger_fit(trace: StepTrace, width: float, largest_px: float, budget: float) -> tuple[float, float, int]:
    """Font size, height and channel lines shown of the ledger: every channel
    line if they fit at a readable size (70 % of the largest), else as many
    as do (at least three)."""
    c = trace.channels_per_kernel
    cells = [trace.cell(*where) for where in _ledger_sample_cells(trace)]
    px, height = _ledger_font(cells, width, largest_px, budget, c)
    if px >= largest_px * 0.7 or c <= 3:
        return px, height, c
    low, high = 3, c - 1  # fewer lines, larger text: find the most lines still readable
    best = (*_ledger_font(cells, width, largest_px, budget, low), low)
    while low < high:
        mid = (low + high + 1) // 2
        px, height = _ledger_font(cells, width, largest_px, budget, mid)
        if px >= largest_px * 0.7:
            best, low = (px, height, mid), mid
        else:
            high = mid - 1
    return best


def _title_rows(margin: float, inner_w: float, u: float, s: float) -> tuple[QRectF, QRectF]:
    """The caption row and, under it, the shapes row."""
    title = QRectF(margin, margin * 0.6, inner_w, _metrics(TITLE_PX * u * s, True).height() * 1.2)
    shapes = QRectF(margin, title.bottom(), inner_w, _metrics(SUBTITLE_PX * u * s).height() * 1.2)
    return title, shapes


def compute_layout(scene: Scene, trace: StepTrace, width: float, height: float, scale: float = 1.0) -> FrameLayout:
    """Place every part of a frame of ``width``×``height`` pixels."""
    _ensure_app()  # measuring text needs the application and its fonts
    u = min(width / BASE_SIZE[0], height / BASE_SIZE[1])
    s = scale
    margin = 20 * u
    header_px, label_px = 20 * u * s, 16 * u * s
    inner_w = width - 2 * margin

    progress_h = max(3.0, 5 * u)
    title_rect, params_rect = _title_rows(margin, inner_w, u, s)
    # The step label shares the caption's row: it gets what its longest
    # text needs (up to 55 %), the caption the rest.
    H, W, C = scene.input_shape
    kh, kw, c, K = scene.kernel_shape
    oh, ow = trace.output_hw
    longest = max((k.name for k in scene.kernels), key=len)
    widest = f"kernel {longest} · row {oh - 1} · col {ow - 1} · channel {C}"
    if trace.level is Level.MULTIPLY:
        widest += f" · tap ({kh - 1}, {kw - 1})"
    label_w = min(inner_w * 0.55, _metrics(STEP_LABEL_PX * u * s, True).horizontalAdvance(widest) + 8 * u)
    caption_w = inner_w - label_w - 24 * u

    top = params_rect.bottom() + 10 * u
    ledger_gap = 14 * u
    below = margin * 0.6 + progress_h + 8 * u  # under the ledger
    band_h = 0.0  # the grids' height: set for each ledger size tried below

    pad = padding_frame(scene)
    in_rows, in_cols = H + pad.top + pad.bottom, W + pad.left + pad.right
    op_gap = 48 * u
    grid_gap = 10 * u
    header_h = _metrics(header_px, True).height() * 1.3
    caption_h = _metrics(label_px).height() * 1.25
    chips_h = (_metrics(label_px, True).height() * 1.6 + 6 * u) if K > 1 else 0.0
    legend_h = _metrics(label_px * 0.85).height() + 20 * u

    input_image = max(in_rows, in_cols) > IMAGE_SIDE
    output_image = max(oh, ow) > IMAGE_SIDE
    kernel_image = max(kh, kw) > IMAGE_SIDE

    def header_w(title: str, shape: str) -> float:
        return _metrics(header_px, True).horizontalAdvance(title) + header_px * 0.5 + _metrics(header_px * 0.85).horizontalAdvance(shape)

    longest_name = max((k.name for k in scene.kernels), key=lambda n: _metrics(header_px, True).horizontalAdvance(n))
    header_widths = (
        header_w("Input", _shape((H, W, C))),
        header_w(f"Kernel {longest_name}", _shape((kh, kw, c))),
        max(header_w("Feature maps", _shape((oh, ow, K))), 160 * u),
    )

    # The frame model's captions; the widest kernel's (every kernel's are
    # the same words but for the channels its group reads).
    plain = frame_at(scene, trace, 0)
    input_captions = [g.caption for g in plain.inputs]
    kernel_captions = [max((plain.kernels[k][ch].caption for k in range(K)), key=len) for ch in range(c)] + ["bias"]
    output_captions = [g.caption for g in plain.outputs]

    def caption_widths(texts: list[str], swatch: bool) -> list[float]:
        fm = _metrics(label_px, True)  # the emphasized caption is bold
        extra = label_px * 1.05 if swatch else 0.0  # the channel's colour swatch
        return [fm.horizontalAdvance(t) + 4 * u + (extra if t != "bias" else 0.0) for t in texts]

    def sections(cell: float) -> list[_Section]:
        return [
            _Section([_tile(in_rows, in_cols, cell, input_image, image_ratio)] * C, caption_widths(input_captions, True), C, grid_gap,
                     caption_h, header_h, 0.0, header_widths[0]),
            _Section([_tile(kh, kw, cell, kernel_image, image_ratio)] * c + [(cell, cell)], caption_widths(kernel_captions, True), c + 1,
                     grid_gap, caption_h, header_h, chips_h, header_widths[1]),
            _Section([_tile(oh, ow, cell, output_image, image_ratio)] * K, caption_widths(output_captions, False), K, grid_gap, caption_h,
                     header_h, legend_h, header_widths[2]),
        ]  # fmt: skip

    def fit(cell: float, wrap: bool) -> list[_Section] | None:
        secs = sections(cell)
        frozen: set[int] = set()
        while True:
            sizes = [sec.size() for sec in secs]
            if any(h > band_h for _, h in sizes):
                return None
            if sum(w for w, _ in sizes) + op_gap * 2 <= inner_w:
                return secs
            if not wrap:
                return None
            # Too wide: wrap the widest section that still can onto one more row.
            order = sorted(range(3), key=lambda i: -sizes[i][0])
            for i in order:
                sec = secs[i]
                if i in frozen or sec.per_row == 1:
                    continue
                old = sec.per_row
                sec.per_row = math.ceil(len(sec.tiles) / (sec.rows() + 1))
                while sec.per_row > 1 and math.ceil(len(sec.tiles) / sec.per_row) == math.ceil(len(sec.tiles) / old):
                    sec.per_row -= 1
                if sec.size()[1] > band_h:
                    sec.per_row = old
                    frozen.add(i)
                    continue
                break
            else:
                return None

    def largest(wrap: bool) -> tuple[float, list[_Section] | None]:
        for cell in range(int(90 * u), 3, -1):
            secs = fit(float(cell), wrap)
            if secs is not None:
                return float(cell), secs
        return 4.0, None

    def best_fit() -> tuple[float, list[_Section]]:
        # One row per section reads best (a kernel's channels side by side);
        # wrap only when that would make the cells much smaller.
        flat_cell, flat = largest(False)
        wrapped_cell, wrapped = largest(True)
        if flat is not None and flat_cell >= 0.92 * wrapped_cell:
            return flat_cell, flat
        if wrapped is not None:
            return wrapped_cell, wrapped
        return 4.0, sections(4.0)

    def best_with_images() -> tuple[float, list[_Section]]:
        """Images may be drawn smaller, relative to the cells, so the
        numbers of the other grids stay readable."""
        nonlocal image_ratio
        if not (input_image or output_image or kernel_image):
            return best_fit()
        found = []
        for image_ratio in IMAGE_RATIOS:
            cell, secs = best_fit()
            found.append((cell, image_ratio, secs))
            if cell * image_ratio >= MIN_IMAGE_SIDE * u and cell >= 30 * u:
                break  # both good enough
        # Readable numbers first (cells of 30 base pixels), then the largest images.
        cell, image_ratio, secs = max(found, key=lambda f: (min(f[0] / (30 * u), 1.0), f[0] * f[1]))
        return cell, secs

    image_ratio: float = IMAGE_RATIOS[0]
    big_input, big_output = input_image, output_image

    def solve(band: float) -> tuple[float, list[_Section]]:
        """The grids' largest cells in a band ``band`` pixels high."""
        nonlocal band_h, input_image, output_image
        band_h, input_image, output_image = max(40.0, band), big_input, big_output
        cell, secs = best_with_images()
        if cell < MIN_NUMBER_CELL * u and (not input_image and max(in_rows, in_cols) > 12 or not output_image and max(oh, ow) > 12):
            # Numbers this small can't be read: show the big grids as images.
            input_image = input_image or max(in_rows, in_cols) > 12
            output_image = output_image or max(oh, ow) > 12
            cell, secs = best_with_images()
        return cell, secs

    # The ledger and the grids share the height. Its text is as large as
    # fits without wrapping, but not much larger than the cells' numbers:
    # try smaller ledger text while that buys the grids larger cells.
    best = None
    largest_ledger = 28 * u * s
    for factor in (1.0, 0.9, 0.8, 0.7, 0.62):
        ledger = _ledger_fit(trace, inner_w, largest_ledger * factor, height * LEDGER_SHARE)
        cell, secs = solve(height - below - ledger[1] - ledger_gap - top)
        cell_px = min(cell * 0.55 * s, cell * 0.66)
        score = min(cell_px, ledger[0] * 0.85)  # the smaller text of the two decides legibility
        if best is None or score > best[0] + 0.25:
            best = (score, ledger, cell, secs, input_image, output_image, image_ratio, band_h)
        if cell_px >= ledger[0] * 0.85:
            break  # the cells' numbers are already as large as the ledger's
    _, (ledger_px, ledger_h, ledger_lines), cell, secs, input_image, output_image, image_ratio, band_h = best

    sizes = [sec.size() for sec in secs]
    used_h = max(h for _, h in sizes)
    slack = max(0.0, band_h - used_h)
    if slack > 0:
        # The grids can't grow (they are as wide as the frame): give the
        # height left to the ledger's text, so the frame is used.
        grown = _ledger_fit(trace, inner_w, ledger_px * 1.5, ledger_h + slack)
        if grown[0] > ledger_px and grown[1] <= ledger_h + slack:
            slack -= grown[1] - ledger_h
            ledger_px, ledger_h, ledger_lines = grown
    y = top + slack * 0.5
    x = margin + max(0.0, (inner_w - sum(w for w, _ in sizes) - 2 * op_gap) / 2)

    in_sec, k_sec, out_sec = secs
    inputs = in_sec.place(x, y, input_captions, [(in_rows, in_cols)] * C, [input_image] * C)
    input_header = QRectF(x, y, sizes[0][0] + op_gap, header_h)
    x += sizes[0][0] + op_gap
    first_row_mid = y + header_h + caption_h + in_sec.tiles[0][1] / 2
    op_star = QRectF(x - op_gap, first_row_mid - 20 * u, op_gap, 40 * u)

    placed = k_sec.place(x, y, kernel_captions, [(kh, kw)] * c + [(1, 1)], [kernel_image] * c + [False])
    kernels, bias = tuple(placed[:c]), placed[c]
    kernel_header = QRectF(x, y, sizes[1][0] + op_gap, header_h)
    chips: list[QRectF] = []
    if K > 1:
        chip_y = y + sizes[1][1] - chips_h + 6 * u
        chip_h = chips_h - 6 * u
        cx = x
        fm = _metrics(label_px, True)
        for kernel in scene.kernels:
            w = fm.horizontalAdvance(kernel.name) + 18 * u
            if cx + w > x + max(sizes[1][0], 60 * u) + op_gap * 0.8 and chips:
                break  # the rest are summed up by the last chip's "…"
            chips.append(QRectF(cx, chip_y, w, chip_h))
            cx += w + 6 * u
    x += sizes[1][0] + op_gap
    op_arrow = QRectF(x - op_gap, first_row_mid - 20 * u, op_gap, 40 * u)

    outputs = out_sec.place(x, y, output_captions, [(oh, ow)] * K, [output_image] * K)
    output_header = QRectF(x, y, sizes[2][0], header_h)
    legend_w = max(sizes[2][0], 160 * u)
    legend_rect = QRectF(x, y + sizes[2][1] - legend_h + 8 * u, min(legend_w, 260 * u), legend_h - 8 * u)

    ledger_top = y + used_h + ledger_gap
    progress_rect = QRectF(0, height - progress_h, width, progress_h)
    cell_font_px = min(cell * 0.55 * s, cell * 0.66)
    return FrameLayout(
        width, height, u, s, cell, cell_font_px, label_px, header_px, title_rect, params_rect, caption_w,
        tuple(inputs), kernels, bias, tuple(outputs), input_header, kernel_header, output_header,
        ((op_star, "∗"), (op_arrow, "→")), tuple(chips), legend_rect,
        QPointF(margin, ledger_top), inner_w, ledger_px, ledger_h, ledger_lines, progress_rect,
    )  # fmt: skip


# -- painting --------------------------------------------------------------------------


@dataclass
class _SceneStatics:
    """What a scene's frames share: its layout and the painted static layer."""

    layout: FrameLayout
    base: QImage
    plain: Frame  # the frame model's grids with nothing highlighted: the static layer
    limit: float  # the legend's (shared) limit
    record: dict[tuple[str, int | None, int], dict[tuple[int, int], tuple[str, CellRole]]]


GridKey = tuple[str, "int | None", int]


def grid_key(grid: GridFrame) -> GridKey:
    """``("input", None, 2)``, ``("kernel", 1, 0)``: names a grid in a :class:`FrameRecord`."""
    return grid.kind.value, grid.kernel, grid.index


@dataclass
class FrameRecord:
    """What the last frame painted, cell by cell, for tests that compare a
    recording with the frame model: each number grid's (text, role) per
    cell, and each caption's (text, state)."""

    cells: dict[GridKey, dict[tuple[int, int], tuple[str, CellRole]]]
    captions: dict[GridKey, tuple[str, str]]


def _plain(grid: GridFrame) -> GridFrame:
    return replace(grid, tapped=frozenset(), window_box=None, current=None, pending=None, pending_value=None,
                   hidden=None, dimmed=False, emphasized=False)  # fmt: skip


class FrameRenderer:
    """Paints frames; keeps the static layer of the last few scenes and sizes."""

    def __init__(self, cache_size: int = 6, *, record: bool = False) -> None:
        self._cache: OrderedDict[tuple, tuple[Scene, StepTrace, _SceneStatics]] = OrderedDict()
        self._cache_size = cache_size
        self.recording = record  # keep a FrameRecord of each frame (tests)
        self.last_record: FrameRecord | None = None
        self._record: FrameRecord | None = None

    # -- the public entry ------------------------------------------------------------
    def render(
        self,
        painter: QPainter,
        rect: QRectF,
        scene: Scene,
        trace: StepTrace | None,
        index: int,
        *,
        theme: th.Theme | str = th.LIGHT,
        scale: float = 1.0,
        caption: str | None = None,
        reveal: bool = False,
        map_scale: MapScale | str = MapScale.SHARED,
        message: str = "",
    ) -> None:
        theme = resolve_theme(theme)
        options = FrameOptions(reveal=reveal, map_scale=MapScale(map_scale))
        rect = QRectF(rect)
        painter.save()
        painter.translate(rect.topLeft())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        try:
            if trace is None or len(trace) == 0:
                self._paint_impossible(painter, rect.width(), rect.height(), scene, theme, scale, caption, message)
            else:
                # Raster targets get the cached static layer; a vector target
                # (SVG, PDF) gets everything painted as shapes and text.
                engine = painter.paintEngine()
                vector = engine is not None and engine.type() != QPaintEngine.Type.Raster
                statics = self._statics(painter, rect, scene, trace, theme, scale, caption, options, vector)
                if vector:
                    self._paint_static(painter, statics, scene, theme, caption, options)
                else:
                    painter.drawImage(QPointF(0, 0), statics.base)
                index = min(max(int(index), 0), len(trace) - 1)
                self._record = FrameRecord({k: dict(v) for k, v in statics.record.items()}, {}) if self.recording else None
                self._paint_step(painter, statics, scene, frame_at(scene, trace, index, options), theme)
                self.last_record = self._record
        finally:
            painter.restore()

    # -- the cached static layer -----------------------------------------------------------
    def _statics(self, painter: QPainter, rect: QRectF, scene: Scene, trace: StepTrace, theme: th.Theme,
                 scale: float, caption: str | None, options: FrameOptions, vector: bool = False) -> _SceneStatics:  # fmt: skip
        device = painter.device()
        dpr = device.devicePixelRatioF() if device is not None else 1.0
        key = (id(scene), id(trace), round(rect.width(), 2), round(rect.height(), 2), dpr, theme.name, scale, caption,
               options, vector, self.recording)  # fmt: skip
        found = self._cache.get(key)
        if found is not None and found[0] is scene and found[1] is trace:
            self._cache.move_to_end(key)
            return found[2]
        layout = compute_layout(scene, trace, rect.width(), rect.height(), scale)
        first = frame_at(scene, trace, 0, options)
        plain = replace(
            first, inputs=tuple(map(_plain, first.inputs)), kernels=tuple(tuple(map(_plain, g)) for g in first.kernels),
            biases=tuple(map(_plain, first.biases)), outputs=tuple(map(_plain, first.outputs)),
        )  # fmt: skip
        statics = _SceneStatics(layout=layout, base=QImage(), plain=plain, limit=nice_limit(trace.feature_maps), record={})
        if not vector:
            base = QImage(QSize(math.ceil(rect.width() * dpr), math.ceil(rect.height() * dpr)),
                          QImage.Format.Format_ARGB32_Premultiplied)  # fmt: skip
            base.setDevicePixelRatio(dpr)
            p = QPainter(base)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            try:
                self._paint_static(p, statics, scene, theme, caption, options)
            finally:
                p.end()  # always: a painter left active on a dying image crashes Qt
            statics.base = base
        self._cache[key] = (scene, trace, statics)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return statics

    def _paint_title(self, p: QPainter, title_rect: QRectF, shapes_rect: QRectF, caption_w: float, u: float, s: float,
                     scene: Scene, theme: th.Theme, caption: str | None) -> None:  # fmt: skip
        """The caption (the scene's name by default) and, under it, the shapes
        ``[5,5,3] ∗ [3,3,3,2] → [3,3,2]`` and any parameter that isn't PyTorch's default."""
        text = (scene.name or "untitled") if caption is None else caption
        if text:
            px = TITLE_PX * u * s
            shown = _metrics(px, True).elidedText(text, Qt.TextElideMode.ElideRight, caption_w)
            p.setFont(_font(px, True))
            p.setPen(th.color(theme.text))
            p.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
        params = scene.params
        parts = [shapes_text(scene)]
        if params.stride != (1, 1):
            parts.append(f"stride {params.stride[0]}×{params.stride[1]}")
        if params.padding != (0, 0):
            pad = params.padding if isinstance(params.padding, str) else f"{params.padding[0]}×{params.padding[1]}"
            parts.append(f"padding {pad} ({params.padding_mode})")
        if params.dilation != (1, 1):
            parts.append(f"dilation {params.dilation[0]}×{params.dilation[1]}")
        if params.groups != 1:
            parts.append(f"groups {params.groups}")
        px = SUBTITLE_PX * u * s
        shown = _metrics(px).elidedText("   ·   ".join(parts), Qt.TextElideMode.ElideRight, shapes_rect.width() * 0.8)
        p.setFont(_font(px))
        p.setPen(th.color(theme.muted))
        p.drawText(shapes_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)

    def _paint_static(self, p: QPainter, st: _SceneStatics, scene: Scene, theme: th.Theme, caption: str | None,
                      options: FrameOptions) -> None:  # fmt: skip
        lay = st.layout
        p.fillRect(QRectF(0, 0, lay.width, lay.height), th.color(theme.background))
        self._paint_title(p, lay.title_rect, lay.params_rect, lay.caption_width, lay.unit, lay.scale, scene, theme, caption)
        H, W, C = scene.input_shape
        self._header(p, lay.input_header, "Input", _shape((H, W, C)), lay.header_px, theme)
        oh, ow = st.plain.outputs[0].values.shape
        self._header(p, lay.output_header, "Feature maps", _shape((oh, ow, len(st.plain.outputs))), lay.header_px, theme)
        for rect, glyph in lay.operators:
            p.setFont(_font(34 * lay.unit * lay.scale))
            p.setPen(th.color(theme.muted))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, glyph)
        record = st.record if self.recording else None
        for place, grid in zip(lay.inputs, st.plain.inputs):
            self._paint_grid(p, place, grid, lay, theme, record)
        if not options.reveal:  # with reveal, the maps change with every step
            for place, grid in zip(lay.outputs, st.plain.outputs):
                self._paint_grid(p, place, grid, lay, theme, record)
        if MapScale(options.map_scale) is MapScale.SHARED:
            self._paint_legend(p, lay.legend_rect, st.limit, theme, lay.label_px * 0.85)

    def _header(self, p: QPainter, rect: QRectF, title: str, shape: str, px: float, theme: th.Theme, color: str = "") -> None:
        fm = _metrics(px, True)
        p.setFont(_font(px, True))
        p.setPen(th.color(color or theme.text))
        w = fm.horizontalAdvance(title)
        p.drawText(QRectF(rect.left(), rect.top(), w + 2, rect.height()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        if shape:
            p.setFont(_font(px * 0.85))
            p.setPen(th.color(theme.muted))
            p.drawText(QRectF(rect.left() + w + px * 0.5, rect.top(), rect.width(), rect.height()),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shape)  # fmt: skip

    # -- grids ---------------------------------------------------------------------
    def _paint_grid(self, p: QPainter, place: GridPlace, grid: GridFrame, lay: FrameLayout, theme: th.Theme,
                    record: dict | None, cells: Iterable[tuple[int, int]] | None = None) -> None:  # fmt: skip
        """Paint ``grid``'s cells (or just ``cells``) as the frame model says."""
        if place.as_image:
            if cells is None:
                p.drawImage(place.rect, _rgb_image(_grid_rgb(grid, theme)))
            return
        if cells is None:
            cells = ((r, c) for r in range(place.rows) for c in range(place.cols))
        key = grid_key(grid)
        floor = th.MIN_CELL_FONT_PX * lay.unit * lay.scale
        for row, col in cells:
            role = grid.role(row, col)
            text = th.paint_value_cell(p, place.cell_rect(row, col), grid, row, col, role, theme, lay.cell_font_px, floor)
            if record is not None:
                record.setdefault(key, {})[(row, col)] = (text, role)

    def _paint_legend(self, p: QPainter, rect: QRectF, limit: float, theme: th.Theme, px: float) -> None:
        bar = QRectF(rect.left(), rect.top(), rect.width(), max(6.0, rect.height() * 0.35))
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        stops = theme.diverging
        for i, hex_code in enumerate(stops):
            gradient.setColorAt(i / (len(stops) - 1), QColor(hex_code))
        p.setPen(th.color(theme.grid_line))
        p.setBrush(gradient)
        p.drawRoundedRect(bar, 3, 3)
        p.setFont(_font(px))
        p.setPen(th.color(theme.muted))
        labels = QRectF(rect.left(), bar.bottom() + 2, rect.width(), rect.bottom() - bar.bottom())
        lo, hi = format_number(-limit), "+" + format_number(limit)
        p.drawText(labels, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, lo)
        p.drawText(labels, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, "0")
        p.drawText(labels, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, hi)

    # -- one step ----------------------------------------------------------------------
    def _paint_step(self, p: QPainter, st: _SceneStatics, scene: Scene, frame: Frame, theme: th.Theme) -> None:
        lay = st.layout
        record = self._record.cells if self._record is not None else None
        self._paint_step_label(p, st, frame, theme)
        for place, grid in zip(lay.inputs, frame.inputs):
            self._caption(p, place, grid, lay.label_px, theme)
            lit = set(grid.tapped) | ({grid.current} if grid.current is not None else set())
            if place.as_image:
                self._shade_image_taps(p, place, grid.tapped, theme)
            else:
                self._paint_grid(p, place, grid, lay, theme, record, sorted(lit))
            self._outline(p, place, grid, theme)
        self._paint_kernel_step(p, st, scene, frame, theme, record)
        for place, grid in zip(lay.outputs, frame.outputs):
            if frame.options.reveal:
                self._paint_grid(p, place, grid, lay, theme, record)
                if place.as_image:
                    self._paint_hidden_image(p, place, grid, theme)
            elif grid.pending is not None:
                if place.as_image:
                    self._paint_image_cell(p, place, grid, grid.pending, theme)
                else:
                    self._paint_grid(p, place, grid, lay, theme, record, [grid.pending])
            elif grid.current is not None and not place.as_image:
                self._paint_grid(p, place, grid, lay, theme, record, [grid.current])  # bold: the cell just written
            self._caption(p, place, grid, lay.label_px, theme)
            self._outline(p, place, grid, theme)
        focus = frame.focus
        ledger = windowed_ledger(frame.ledger, focus.kernel_channel, lay.ledger_lines)
        ledger_layout = layout_ledger(ledger, lay.ledger_width, lay.ledger_px, lay.ledger_origin)
        if ledger_layout.height > lay.ledger_height + 1:
            ledger_layout = self._shrunk_ledger(ledger, lay)
        paint_ledger(p, ledger_layout, theme)
        bar = lay.progress_rect
        p.fillRect(bar, th.color(theme.panel))
        done = (frame.index + 1) / frame.total
        p.fillRect(QRectF(bar.left(), bar.top(), bar.width() * done, bar.height()), th.color(theme.emphasis))

    def _shrunk_ledger(self, ledger: Ledger, lay: FrameLayout) -> LedgerLayout:
        """An unusually long ledger: smaller text rather than clipped lines."""
        px = lay.ledger_px
        found = layout_ledger(ledger, lay.ledger_width, px, lay.ledger_origin)
        while px > 8:
            px *= 0.92
            found = layout_ledger(ledger, lay.ledger_width, px, lay.ledger_origin)
            if found.height <= lay.ledger_height + 1:
                return found
        return found

    def _paint_step_label(self, p: QPainter, st: _SceneStatics, frame: Frame, theme: th.Theme) -> None:
        """What this step does, right of the caption; the step counter under it."""
        lay = st.layout
        px = STEP_LABEL_PX * lay.unit * lay.scale
        label_w = lay.title_rect.width() - lay.caption_width - 24 * lay.unit
        shown = _metrics(px, True).elidedText(frame.label, Qt.TextElideMode.ElideLeft, label_w)
        p.setFont(_font(px, True))
        p.setPen(th.color(theme.current))
        p.drawText(lay.title_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)
        p.setFont(_font(SUBTITLE_PX * lay.unit * lay.scale * 0.9))
        p.setPen(th.color(theme.muted))
        p.drawText(lay.params_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, frame.counter)

    def _caption(self, p: QPainter, place: GridPlace, grid: GridFrame, px: float, theme: th.Theme) -> None:
        """The grid's caption as the frame model gives it, after its channel's swatch."""
        colour, bold = th.caption_look(grid.caption_state, theme)
        rect = place.caption_rect
        swatch = th.channel_colour(grid.colour)
        if swatch is not None:
            side = px * 0.7
            box = QRectF(rect.left(), rect.center().y() - side / 2, side, side)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(th.color(swatch))
            p.drawRect(box)
            rect = rect.adjusted(side + px * 0.35, 0, 0, 0)
        p.setFont(_font(px, bold))
        p.setPen(colour)
        p.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, grid.caption)
        if self._record is not None:
            self._record.captions[grid_key(grid)] = (grid.caption, grid.caption_state.value)

    def _outline(self, p: QPainter, place: GridPlace, grid: GridFrame, theme: th.Theme) -> None:
        """The window box, the current cell and the dimming, as the frame model says."""
        if grid.window_box is not None:
            self._outline_window(p, place, grid.window_box, grid.colour, theme)
        if grid.current is not None:
            self._outline_current(p, place, grid.current, theme)
        if grid.dimmed:
            self._dim(p, place.rect, theme)
        if self._record is not None and (grid.dimmed or grid.emphasized):
            # The grid's own state covers every cell that has no role of its own.
            state = CellRole.DIMMED if grid.dimmed else CellRole.EMPHASIZED
            cells = self._record.cells.get(grid_key(grid), {})
            for cell, (text, role) in cells.items():
                if role is CellRole.NORMAL:
                    cells[cell] = (text, state)

    def _shade_image_taps(self, p: QPainter, place: GridPlace, taps: frozenset[tuple[int, int]], theme: th.Theme) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(th.color(theme.window_fill, 0.55))
        for r, c in taps:
            p.drawRect(place.cell_rect(r, c))

    def _paint_image_cell(self, p: QPainter, place: GridPlace, grid: GridFrame, cell: tuple[int, int], theme: th.Theme) -> None:
        """One pixel of a map drawn as an image, in its frame-model look (the running sum)."""
        look = th.cell_look(grid, *cell, grid.role(*cell), theme, grid.value(*cell))
        p.fillRect(place.cell_rect(*cell), look.fill)

    def _paint_hidden_image(self, p: QPainter, place: GridPlace, grid: GridFrame, theme: th.Theme) -> None:
        if grid.pending is not None:
            self._paint_image_cell(p, place, grid, grid.pending, theme)

    def _paint_kernel_step(self, p: QPainter, st: _SceneStatics, scene: Scene, frame: Frame, theme: th.Theme,
                           record: dict | None) -> None:  # fmt: skip
        lay = st.layout
        kernel = scene.kernels[frame.kernel]
        kh, kw, c, _ = scene.kernel_shape
        self._header(p, lay.kernel_header, f"Kernel {kernel.name}", _shape((kh, kw, c)), lay.header_px, theme)
        for place, grid in zip(lay.kernels, frame.kernels[frame.kernel]):
            place = replace(place, caption=grid.caption)
            self._caption(p, place, grid, lay.label_px, theme)
            if place.as_image:
                rgb = th.diverging_colors(grid.values, nice_limit(grid.values), theme.diverging)
                p.drawImage(place.rect, _rgb_image(rgb))
            else:
                self._paint_grid(p, place, grid, lay, theme, record)
            self._outline(p, place, grid, theme)
        bias = frame.biases[frame.kernel]
        self._caption(p, lay.bias, bias, lay.label_px, theme)
        self._paint_grid(p, lay.bias, bias, lay, theme, record)
        self._outline(p, lay.bias, bias, theme)
        self._paint_chips(p, lay, scene, frame.kernel, theme)

    def _paint_chips(self, p: QPainter, lay: FrameLayout, scene: Scene, active: int, theme: th.Theme) -> None:
        if not lay.chips:
            return
        px = lay.label_px
        shown = len(lay.chips)
        for k, rect in enumerate(lay.chips):
            name = scene.kernels[k].name
            if k == shown - 1 and shown < len(scene.kernels):
                name = "…"
            is_active = k == active or (name == "…" and active >= k)
            p.setPen(QPen(th.color(theme.emphasis if is_active else theme.grid_line), 2 if is_active else 1))
            p.setBrush(th.color(theme.emphasis) if is_active else th.color(theme.panel))
            p.drawRoundedRect(rect.adjusted(1, 1, -1, -1), rect.height() / 2, rect.height() / 2)
            p.setFont(_font(px, True))
            p.setPen(th.text_color_for(th.color(theme.emphasis)) if is_active else th.color(theme.muted))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, name)

    # -- overlays ----------------------------------------------------------------------
    def _dim(self, p: QPainter, rect: QRectF, theme: th.Theme) -> None:
        p.fillRect(rect.adjusted(-1, -1, 1, 1), th.color(theme.background, th.DIM_ALPHA))

    def _outline_window(self, p: QPainter, place: GridPlace, box: tuple[int, int, int, int], channel: int | None,
                        theme: th.Theme) -> None:  # fmt: skip
        rect = place.box_rect(*box)
        outer, inner = th.window_pens(theme, place.cell_w, channel)
        width = outer.widthF()
        if place.as_image:
            # On an image the window must show over any grey: a light halo under the line.
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(th.color(theme.background), width + 3))
            p.drawRect(rect.adjusted(-width, -width, width, width))
            rect = rect.adjusted(-width, -width, width, width)
        p.setPen(outer)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        if inner is not None:
            p.setPen(inner)
            inset = width / 2 + 1.0
            p.drawRect(rect.adjusted(inset, inset, -inset, -inset))

    def _outline_current(self, p: QPainter, place: GridPlace, cell: tuple[int, int], theme: th.Theme) -> None:
        rect = place.cell_rect(*cell)
        size = min(place.cell_w, place.cell_h)
        outer, inner = th.current_pens(theme, size)
        if size < 8:  # a pixel of an image: a marker around it instead
            rect = rect.adjusted(-4, -4, 4, 4)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(outer)
        p.drawRect(rect.adjusted(1, 1, -1, -1))
        if size >= 8:
            p.setPen(inner)
            inset = th.current_inset(size)
            p.drawRect(rect.adjusted(inset, inset, -inset, -inset))

    # -- no convolution ----------------------------------------------------------------------
    def _paint_impossible(self, p: QPainter, width: float, height: float, scene: Scene, theme: th.Theme,
                          scale: float, caption: str | None, message: str) -> None:  # fmt: skip
        p.fillRect(QRectF(0, 0, width, height), th.color(theme.background))
        u = min(width / BASE_SIZE[0], height / BASE_SIZE[1])
        margin = 20 * u
        title_rect, shapes_rect = _title_rows(margin, width - 2 * margin, u, scale)
        self._paint_title(p, title_rect, shapes_rect, title_rect.width(), u, scale, scene, theme, caption)
        if not message:
            try:
                scene.request()
                message = "This scene has no steps to show."
            except ConvError as exc:
                message = str(exc)
        box = QRectF(width * 0.12, height * 0.32, width * 0.76, height * 0.36)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(th.color(theme.error))
        p.drawRoundedRect(box, 12 * u, 12 * u)
        p.setPen(QColor("#FFFFFF"))
        p.setFont(_font(24 * u * scale, True))
        p.drawText(box.adjusted(24 * u, 18 * u, -24 * u, -18 * u), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                   f"No steps to show: this convolution is impossible.\n\n{message}")  # fmt: skip


_DEFAULT_RENDERER = FrameRenderer()


def render_frame(
    painter: QPainter,
    rect: QRectF,
    scene: Scene,
    trace: StepTrace | None,
    index: int,
    *,
    theme: th.Theme | str = th.LIGHT,
    scale: float = 1.0,
    caption: str | None = None,
    reveal: bool = False,
    map_scale: MapScale | str = MapScale.SHARED,
) -> None:
    """Paint step ``index`` of ``trace`` (a trace of ``scene``) into ``rect``.

    ``trace`` None means the scene's convolution is impossible: the frame
    shows the engine's message. ``caption`` None shows the scene's name, ""
    none. ``reveal`` blanks the output cells not computed yet; ``map_scale``
    says whether the maps share one colour scale.
    """
    _DEFAULT_RENDERER.render(painter, rect, scene, trace, index, theme=theme, scale=scale, caption=caption, reveal=reveal,
                             map_scale=map_scale)  # fmt: skip


def _ensure_app() -> None:
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        from convviz.ui.app import make_app

        make_app(offscreen=True)
    th.load_fonts()


def make_trace(scene: Scene, level: Level | str = Level.CHANNEL, order: Order | str = Order.KERNEL) -> StepTrace | None:
    """The scene's step trace, or None when its convolution is impossible."""
    try:
        level = Level(level)
    except ValueError:
        raise ConvError(f"level {level!r}: choose cell, channel or multiply") from None
    try:
        order = Order(order)
    except ValueError:
        raise ConvError(f"order {order!r}: choose kernel or position") from None
    try:
        return StepTrace(scene, level, order)
    except ConvError:
        return None


def render_frame_image(
    scene: Scene,
    size: tuple[int, int] = BASE_SIZE,
    step: int = 0,
    level: Level | str = "channel",
    theme: th.Theme | str = "light",
    scale: float = 1.0,
    caption: str | None = None,
    kernel: int | str | None = None,
    *,
    device_pixel_ratio: float = 1.0,
    reveal: bool = False,
    map_scale: MapScale | str = MapScale.SHARED,
    renderer: FrameRenderer | None = None,
    trace: StepTrace | None = None,
    order: Order | str = Order.KERNEL,
) -> QImage:
    """One frame as a QImage of exactly ``size`` (times ``device_pixel_ratio``) pixels.

    ``step`` counts from 0 over all steps, or over ``kernel``'s steps when a
    kernel (name or index) is given. Raises :class:`ConvError` for a step out
    of range.
    """
    _ensure_app()
    width, height = int(size[0]), int(size[1])
    trace = trace if trace is not None else make_trace(scene, level, order)
    index = 0
    if trace is not None:
        steps = kernel_step_range(trace, resolve_kernel(scene, kernel))
        if not 0 <= step < len(steps):
            raise ConvError(f"step {step} is outside the scene's steps 0..{len(steps) - 1} at level {trace.level.value}")
        index = steps[step]
    image = QImage(round(width * device_pixel_ratio), round(height * device_pixel_ratio), QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(device_pixel_ratio)
    painter = QPainter(image)
    try:
        (renderer or _DEFAULT_RENDERER).render(
            painter, QRectF(0, 0, width, height), scene, trace, index, theme=theme, scale=scale, caption=caption,
            reveal=reveal, map_scale=map_scale,
        )  # fmt: skip
    finally:
        painter.end()  # always: a painter left active on a dying image crashes Qt
    return image


def frame_array(image: QImage) -> np.ndarray:
    """The image's pixels as a (height, width, 3) uint8 RGB array (a copy)."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    h, w = rgb.height(), rgb.width()
    data = np.frombuffer(rgb.constBits(), dtype=np.uint8, count=rgb.sizeInBytes()).reshape(h, rgb.bytesPerLine())
    return np.array(data[:, : w * 3].reshape(h, w, 3))
