"""Where everything in a recording frame goes: a pure function of the frame's size.

One cell size for every grid (so a window on the input and the kernel match
cell for cell), the largest at which the sections fit beside each other,
wrapped onto more rows where that gives larger cells; the ledger shares the
height with the grids, its text about as large as the cells' numbers, and
takes what the grids can't use. Grids larger than :data:`IMAGE_SIDE` cells
per side are drawn as images. The painting is
:mod:`convviz.ui.recording.frame_renderer`'s.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from PySide6.QtCore import QPointF, QRectF

from convviz.core import language
from convviz.core.frame import FrameOptions, FrameView
from convviz.core.frames import frame_at
from convviz.core.ledger import Ledger, build_ledger
from convviz.core.scene import Scene
from convviz.core.trace import Level, StepTrace
from convviz.core.transposed_frame import sample_scatter_ledgers
from convviz.core.transposed_trace import ScatterTrace
from convviz.ui.base import theme as th
from convviz.ui.grid.matrix_view import legible_cell
from convviz.ui.panels.input_panel import padding_frame
from convviz.ui.recording.frame_above import LEDGER_TRADE, input_above, ledger_text_floor, place_above
from convviz.ui.recording.frame_equation import equation_row
from convviz.ui.recording.frame_legend import inline_width
from convviz.ui.recording.frame_legend import legend_rect as maps_legend
from convviz.ui.recording.frame_text import frame_font, frame_metrics, shape_text, shapes_text
from convviz.ui.recording.frame_title import STEP_LABEL_PX, one_row_title, title_rows
from convviz.ui.recording.layout_memo import remembered
from convviz.ui.recording.ledger_extent import LedgerSamples

__all__ = [
    "BASE_SIZE",
    "FrameLayout",
    "GridPlace",
    "compute_layout",
    "ensure_app",
    "frame_font",
    "frame_metrics",
    "shape_text",
    "shapes_text",
    "title_rows",
]

BASE_SIZE = (1280, 720)  # sizes below are in pixels at this frame size
IMAGE_SIDE = 32  # grids with more cells per side are drawn as images
IMAGE_RATIOS = (10, 7, 5, 4, 3)  # an image grid's long side, in cell widths: tried in turn
MIN_IMAGE_SIDE = 150  # base pixels an image grid's long side should have at least
MIN_TEXT_CELL = 13  # smaller cells show colour only: their numbers couldn't be read
MIN_NUMBER_CELL = 18  # below this, big input/output grids switch to images
LEDGER_SHARE = 0.42  # the ledger never takes more of the height than this
LEDGER_MIN_PX = 17  # base px: beside a tall input the ledger's text may shrink to this (the window's least)


# -- small helpers ---------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _advance_per_px(text: str, bold: bool) -> float:
    """The width of ``text`` per pixel of font size."""
    return max(0.3, frame_metrics(40.0, bold).horizontalAdvance(text) / 40.0)


def ensure_app() -> None:
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        from convviz.ui.base.runtime import make_app

        make_app(offscreen=True)
    th.load_fonts()



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
    views: tuple[GridPlace, ...] = ()  # the partial-maps or im2col view's grids, in place of the maps
    title_one_row: bool = False  # the caption, shapes, step label and counter in one row (title_rect, as params_rect)


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
    inline_w: float = math.inf  # from this width on, what is under the grids (the legend) sits in the header row

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
        width = max(width, self.min_w)
        return width, height + (0.0 if width >= self.inline_w else self.below_h)

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


def sample_ledgers(trace: StepTrace | ScatterTrace) -> list[Ledger]:
    """The ledgers whose lines are the longest, to size the ledger by (in
    frames, and in the window, which keeps their height at every step)."""
    if isinstance(trace, ScatterTrace):
        return sample_scatter_ledgers(trace)
    return [build_ledger(trace.cell(*where)) for where in _ledger_sample_cells(trace)]


def _ledger_font(cells: LedgerSamples, width: float, largest_px: float, budget: float, keep: int) -> tuple[float, float]:
    """The ledger's font size and height: the largest size up to ``largest_px``
    at which no line wraps and the ledger fits ``budget``; failing that, the
    largest that fits; never below 9 px."""
    px = largest_px
    fallback: tuple[float, float] | None = None
    while True:
        height, wraps = cells.extent(width, px, keep)
        if height <= budget:
            if not wraps or px <= largest_px * 0.75:
                return px, height
            fallback = fallback or (px, height)
        if px <= 9:
            return fallback or (px, height)
        px = max(9.0, px * 0.92)


def _ledger_fit(trace: StepTrace | ScatterTrace, width: float, largest_px: float, budget: float,
                samples: LedgerSamples | None = None) -> tuple[float, float, int]:  # fmt: skip
    """Font size, height and channel lines shown of the ledger: every channel
    line if they fit at a readable size (70 % of the largest), else as many
    as do (at least three). ``samples``: the ledgers to measure, if known."""
    c = trace.channels_per_kernel
    cells = samples if samples is not None else LedgerSamples(sample_ledgers(trace))
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


@remembered  # a caller's layout is the renderer's next
def compute_layout(scene: Scene, trace: StepTrace | ScatterTrace, width: float, height: float, scale: float = 1.0,
                   view: FrameView = FrameView.MAPS, caption: str | None = None) -> FrameLayout:  # fmt: skip
    """Place every part of a frame of ``width``×``height`` pixels. In the
    partial-maps and im2col views the maps' place goes to the view's grids,
    an equation in one row (``P1 + P2 + b = Y``, ``W · U + b = Y``). A
    crowded frame's headings are tighter where that gives larger cells: its
    title on one row (where ``caption``, the shapes, the step label and the
    counter fit whole), the maps' legend in their header row."""
    ensure_app()  # measuring text needs the application and its fonts
    samples = LedgerSamples(sample_ledgers(trace))  # the longest ledgers, measured at every size tried
    plain = _layout(scene, trace, width, height, scale, view, samples)
    u = min(width / BASE_SIZE[0], height / BASE_SIZE[1])
    one_row = one_row_title(scene, trace, caption, 20 * u, width - 40 * u, u, scale)
    if one_row is None and view is not FrameView.MAPS:
        return plain  # nothing to tighten
    tight = _layout(scene, trace, width, height, scale, view, samples, one_row, tight=True)
    if tight.cell > plain.cell and tight.ledger_lines < plain.ledger_lines:
        # The room it gave went to the cells, the ledger summing up lines it
        # had written out (seed-3.4: 57 px and one line, against 53 px and
        # its three channel lines): keep the lines, the cells what is left.
        tight = _layout(scene, trace, width, height, scale, view, samples, one_row, tight=True, min_keep=plain.ledger_lines)
    # Only larger cells are worth a busier title, and not at the ledger's cost.
    better = tight.cell > plain.cell and tight.ledger_lines >= plain.ledger_lines and tight.ledger_px >= plain.ledger_px * 0.9
    return tight if better else plain


def _layout(scene: Scene, trace: StepTrace | ScatterTrace, width: float, height: float, scale: float, view: FrameView,
            samples: LedgerSamples, one_row: QRectF | None = None, tight: bool = False, min_keep: int = 1) -> FrameLayout:  # fmt: skip
    """The layout of :func:`compute_layout`, the title in ``one_row`` if
    given, the legend in the maps' header row where ``tight`` and they are
    wide enough; the ledger writing out ``min_keep`` channel lines at least
    where it has that many."""
    u = min(width / BASE_SIZE[0], height / BASE_SIZE[1])
    s = scale
    margin = 20 * u
    header_px, label_px = 20 * u * s, 16 * u * s
    inner_w = width - 2 * margin

    progress_h = max(3.0, 5 * u)
    title_rect, params_rect = title_rows(margin, inner_w, u, s) if one_row is None else (one_row, one_row)
    # The step label shares the caption's row: it gets what its longest
    # text needs (up to 55 %), the caption the rest.
    H, W, C = scene.input_shape
    kh, kw, c, K = scene.kernel_shape
    oh, ow = trace.output_hw
    longest = max((k.name for k in scene.kernels), key=len)
    widest = f"kernel {longest} · row {oh - 1} · col {ow - 1} · channel {C}"
    if isinstance(trace, ScatterTrace):
        widest = f"kernel {longest} · scatter x({H - 1}, {W - 1}) · channel {C}"
    if trace.level is Level.MULTIPLY:
        widest += f" · tap ({kh - 1}, {kw - 1})"
    label_w = min(inner_w * 0.55, frame_metrics(STEP_LABEL_PX * u * s, True).horizontalAdvance(widest) + 8 * u)
    caption_w = inner_w - label_w - 24 * u

    top = params_rect.bottom() + 10 * u
    ledger_gap = 14 * u
    below = progress_h + 8 * u  # under the ledger: the progress bar, a gap from it
    band_h = 0.0  # the grids' height: set for each ledger size tried below
    column, input_h = False, 0.0  # the input in a column of the whole height, the ledger beside it

    pad = padding_frame(scene)
    in_rows, in_cols = H + pad.top + pad.bottom, W + pad.left + pad.right
    op_gap = 48 * u
    grid_gap = 10 * u
    header_h = frame_metrics(header_px, True).height() * 1.3
    caption_h = frame_metrics(label_px).height() * 1.25
    chips_h = (frame_metrics(label_px, True).height() * 1.6 + 6 * u) if K > 1 else 0.0
    legend_h = frame_metrics(label_px * 0.85).height() + 20 * u

    input_image = max(in_rows, in_cols) > IMAGE_SIDE
    output_image = max(oh, ow) > IMAGE_SIDE
    kernel_image = max(kh, kw) > IMAGE_SIDE

    def header_w(title: str, shape: str) -> float:
        return frame_metrics(header_px, True).horizontalAdvance(title) + header_px * 0.5 + frame_metrics(header_px * 0.85).horizontalAdvance(shape)

    # The frame model's headings and captions; the widest kernel's (every
    # kernel's are the same words but for the channels its group reads).
    plain = frame_at(scene, trace, 0)
    longest_name = max((k.name for k in scene.kernels), key=lambda n: frame_metrics(header_px, True).horizontalAdvance(n))
    headings = plain.headings
    maps_header_w = header_w(headings[2], shape_text((oh, ow, K)))
    header_widths = (
        header_w(headings[0], shape_text((H, W, C))),
        header_w(headings[1].format(name=longest_name), shape_text((kh, kw, c))),
        max(maps_header_w, 160 * u),
    )
    legend_inline = inline_width(maps_header_w, u, tight and view is FrameView.MAPS)  # the views' legend stays under them

    input_captions = [g.caption for g in plain.inputs]
    kernel_captions = [max((plain.kernels[k][ch].caption for k in range(K)), key=len) for ch in range(c)] + ["bias"]
    output_captions = [g.caption for g in plain.outputs]
    out_shapes, out_gap = [(oh, ow)] * K, grid_gap
    # A map's long numbers (-97 where the input has 3) make its own cells
    # larger, as in the window: the input's and kernel's stay in step.
    map_cell = max((legible_cell(g.values) for g in plain.outputs), default=0) * u * s
    view_grids = frame_at(scene, trace, 0, FrameOptions(view=view)).views if view is not FrameView.MAPS else ()
    if view_grids:  # the view's grids, an operator's width apart
        output_captions, out_shapes, out_gap = [g.caption for g in view_grids], [g.shape for g in view_grids], 34 * u * s
        map_cell = 0.0
        header_widths = (*header_widths[:2], max(header_w(f"Partial maps of {longest_name}", f"{c} × {shape_text((oh, ow))}"), 160 * u))

    def chips_width() -> float:
        """The kernels' chips side by side (none for one kernel)."""
        fm = frame_metrics(label_px, True)
        return sum(fm.horizontalAdvance(k.name) + 24 * u for k in scene.kernels) if K > 1 else 0.0

    def out_images() -> list[bool]:
        return [max(shape) > IMAGE_SIDE or (output_image and max(shape) > 12) for shape in out_shapes]

    def caption_widths(texts: list[str], swatch: bool) -> list[float]:
        fm = frame_metrics(label_px, True)  # the emphasized caption is bold
        extra = label_px * 1.05 if swatch else 0.0  # the channel's colour swatch
        return [fm.horizontalAdvance(t) + 4 * u + (extra if t != "bias" else 0.0) for t in texts]

    def sections(cell: float) -> list[_Section]:
        return [
            _Section([_tile(in_rows, in_cols, cell, input_image, image_ratio)] * C, caption_widths(input_captions, True), C, grid_gap,
                     caption_h, header_h, 0.0, header_widths[0]),
            _Section([_tile(kh, kw, cell, kernel_image, image_ratio)] * c + [(cell, cell)], caption_widths(kernel_captions, True), c + 1,
                     grid_gap, caption_h, header_h, chips_h, header_widths[1]),
            _Section([_tile(*shape, max(cell, map_cell), image, image_ratio) for shape, image in zip(out_shapes, out_images())],
                     caption_widths(output_captions, bool(view_grids)), len(out_shapes), out_gap, caption_h, header_h, legend_h,
                     header_widths[2], legend_inline),
        ]  # fmt: skip

    def limit(i: int) -> float:
        """The height section ``i`` may take: in the column the input's is the frame's."""
        return input_h if column and i == 0 else band_h

    def fit(cell: float, wrap: bool) -> list[_Section] | None:
        secs = sections(cell)
        frozen: set[int] = set()
        if column:  # the input as narrow as the whole height allows, for the ledger beside it
            frozen.add(0)
            secs[0].per_row = next((n for n in range(1, C + 1) if replace(secs[0], per_row=n).size()[1] <= input_h), C)
        while True:
            sizes = [sec.size() for sec in secs]
            if any(h > limit(i) for i, (_, h) in enumerate(sizes)):
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
                if sec.size()[1] > limit(i):
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

    largest_ledger = 28 * u * s

    def beside(keep: int, lowest: float, least_px: float = 0.0) -> tuple | None:
        """The column placement with the largest cells, larger than
        ``lowest``: the input at the left as narrow as the whole height
        allows, the kernels and maps right of it above the ledger (``keep``
        channel lines), which gets the width right of the input, its text as
        large as leaves the cells largest (``least_px`` at least)."""
        nonlocal column, input_h, band_h, input_image, output_image
        column, input_h, input_image, output_image = True, height - below - top, big_input, big_output
        floor = LEDGER_MIN_PX * u * s
        try:
            for cell in range(int(90 * u), int(lowest), -1):
                first = sections(float(cell))[0]
                per_row = next((n for n in range(1, C + 1) if replace(first, per_row=n).size()[1] <= input_h), 0)
                if not per_row:
                    continue
                ledger_w = inner_w - replace(first, per_row=per_row).size()[0] - 1.5 * grid_gap  # under the "∗" too

                def attempt(px: float) -> tuple[tuple[float, float, int], list[_Section] | None]:
                    nonlocal band_h
                    ledger = (px, samples.extent(ledger_w, px, keep)[0], keep)
                    band_h = input_h - ledger[1] - ledger_gap
                    return ledger, fit(float(cell), True)

                if attempt(floor)[1] is None:
                    continue  # the smallest text first: if the grids don't fit beside that, no larger will
                for px in (*(p * u * s for p in (26, 23, 20.5, 18.5)), floor):
                    if px < least_px - 0.01:
                        break
                    ledger, secs = attempt(px)
                    if secs is not None:
                        return (True, 0.0), ledger, float(cell), secs, input_image, output_image, image_ratio, band_h, ledger_w
            return None
        finally:
            column = False

    def choose() -> tuple:
        """The best placement: the ledger under the grids or beside the input."""
        # The ledger and the grids share the height. Its text is as large as
        # fits without wrapping, but not much larger than the cells' numbers:
        # try smaller ledger text while that buys the grids larger cells.
        best = None
        for factor in (1.0, 0.9, 0.8, 0.7, 0.62):
            ledger = _ledger_fit(trace, inner_w, largest_ledger * factor, height * LEDGER_SHARE, samples)
            cell, secs = solve(height - below - ledger[1] - ledger_gap - top)
            cell_px = min(cell * 0.55 * s, cell * 0.66)
            # The smaller text of the two decides legibility; a ledger smaller
            # than the window's least only where no other fits.
            readable = ledger[0] >= LEDGER_MIN_PX * u * s - 0.01 and cell >= MIN_NUMBER_CELL * u
            score = (readable, min(cell_px, ledger[0] * 0.85))
            if best is None or score[0] > best[0][0] or score[0] == best[0][0] and score[1] > best[0][1] + 0.25:
                best = (score, ledger, cell, secs, input_image, output_image, image_ratio, band_h)
            if cell_px >= ledger[0] * 0.85:
                break  # the cells' numbers are already as large as the ledger's
        best = (*best, inner_w)
        for keep in range(min(best[1][2], C) - 1, min_keep - 1, -1):
            if best[0][0]:
                break
            # Too crowded for a readable ledger of every channel line: its
            # earlier lines summed up in one (as a deep input's are).
            px = LEDGER_MIN_PX * u * s
            ledger = (px, samples.extent(inner_w, px, keep)[0], keep)
            cell, secs = solve(height - below - ledger[1] - ledger_gap - top)
            if cell >= MIN_NUMBER_CELL * u:
                best = ((True, 0.0), ledger, cell, secs, input_image, output_image, image_ratio, band_h, inner_w)

        if view is FrameView.MAPS and not (big_input or big_output or kernel_image):
            # A tall input (channels stacked two high) leaves room beside it: the
            # grids then get the frame's whole height, where the ledger's band
            # under them would hold them to its rest. The larger cells win, the
            # ledger's text staying as large as the window's at least. Where the
            # grids are crowded, the ledger may sum up its earlier channel lines
            # in one (as a deep input's does): the most lines whose cells are
            # within 10 % of the largest.
            picks: list[tuple] = []
            for keep in range(best[1][2], min(min_keep, best[1][2]) - 1, -1):
                found = beside(keep, max(best[2] * 1.05, picks[0][2] if picks else 0.0) - 1)
                if found is not None:
                    picks.append(found)
            if picks:
                most = max(p[2] for p in picks)
                return (*next(p for p in picks if p[2] >= most * 0.9), True)
        return (*best, False)

    best = choose()
    if best[2] < MIN_NUMBER_CELL * u and map_cell > 0:
        # Maps too wide at cells their numbers fit in (long decimals):
        # cells as the others', their longest numbers shown as colour.
        map_cell = 0.0
        best = choose()
    above = None
    if view is FrameView.MAPS and not (big_input or big_output or kernel_image):
        # The input's channels in one row on top, where that gives larger cells
        # and a ledger as large (larger than the window's least).
        above = input_above(sections, samples, trace.channels_per_kernel, inner_w=inner_w, top=top, bottom=height - below,
                            op_gap=op_gap, gap=grid_gap, unit=u, scale=s, lowest=best[2] * 1.05, floor_px=LEDGER_MIN_PX * u * s,
                            enough_px=best[1][0], chips_w=chips_width())
        if above is not None and above.ledger_lines < min(min_keep, best[1][2]):
            above = None
    wanted_px = ledger_text_floor(best[2], u, s)
    if above is None and best[-1] and best[1][0] < wanted_px - 0.01:
        # Large cells beside a tall input, the ledger's text much smaller: the
        # cells up to 10 % smaller where that keeps the two in proportion.
        found = beside(best[1][2], best[2] * LEDGER_TRADE - 1, wanted_px)
        best = best if found is None else (*found, True)
    column = best[-1]
    input_h = height - below - top if column else 0.0
    _, (ledger_px, ledger_h, ledger_lines), cell, secs, input_image, output_image, image_ratio, band_h, ledger_w, _ = best

    sizes = [sec.size() for sec in secs]
    used_h = max(h for i, (_, h) in enumerate(sizes) if not (column and i == 0))
    slack = max(0.0, band_h - used_h)
    if slack > 0 and above is None:
        # The grids can't grow (they are as wide as the frame): give the
        # height left to the ledger's text, so the frame is used.
        grown = _ledger_fit(trace, ledger_w, ledger_px * 1.5, ledger_h + slack, samples)
        if grown[0] > ledger_px and grown[1] <= ledger_h + slack:
            slack -= grown[1] - ledger_h
            ledger_px, ledger_h, ledger_lines = grown
    if above is not None:
        sizes = [sec.size() for sec in above.sections]
        cell, secs, ledger_px, ledger_h, ledger_lines, ledger_w = (above.cell, above.sections, above.ledger_px,
                                                                    above.ledger_h, above.ledger_lines, above.ledger_w)
    # The grids under the title, the ledger at the foot of the frame (where
    # subtitles are read): what height is left stays between them.
    y = top
    x = margin + (0.0 if column else max(0.0, (inner_w - sum(w for w, _ in sizes) - 2 * op_gap) / 2))
    ledger_top = y + used_h + slack + ledger_gap
    if above is not None:
        spots = place_above(above, margin, inner_w, top, height - below, op_gap, header_h, caption_h, 40 * u)
        x, y, ledger_top = spots.input_xy.x(), spots.input_xy.y(), spots.ledger_origin.y()

    in_sec, k_sec, out_sec = secs
    inputs = in_sec.place(x, y, input_captions, [(in_rows, in_cols)] * C, [input_image] * C)
    input_header = QRectF(x, y, sizes[0][0] + op_gap, header_h)
    x += sizes[0][0] + op_gap
    first_row_mid = y + header_h + caption_h + in_sec.tiles[0][1] / 2
    op_star = QRectF(x - op_gap, first_row_mid - 20 * u, op_gap, 40 * u)
    if above is not None:
        x, y, op_star = spots.kernel_xy.x(), spots.kernel_xy.y(), spots.star

    placed = k_sec.place(x, y, kernel_captions, [(kh, kw)] * c + [(1, 1)], [kernel_image] * c + [False])
    kernels, bias = tuple(placed[:c]), placed[c]
    kernel_header = QRectF(x, y, sizes[1][0] + op_gap / (2 if above and above.maps_up else 1), header_h)  # not over the ledger
    chips: list[QRectF] = []
    if K > 1:
        chip_y = y + sizes[1][1] - chips_h + 6 * u
        chip_h = chips_h - 6 * u
        cx = x
        fm = frame_metrics(label_px, True)
        for kernel in scene.kernels:
            w = fm.horizontalAdvance(kernel.name) + 18 * u
            if cx + w > x + max(sizes[1][0], 60 * u) + op_gap * 0.8 and chips:
                break  # the rest are summed up by the last chip's "…"
            chips.append(QRectF(cx, chip_y, w, chip_h))
            cx += w + 6 * u
    x += sizes[1][0] + op_gap
    op_arrow = QRectF(x - op_gap, first_row_mid - 20 * u, op_gap, 40 * u)
    if above is not None:
        x, y, op_arrow = spots.maps_xy.x(), spots.maps_xy.y(), spots.arrow

    outputs = out_sec.place(x, y, output_captions, out_shapes, out_images())
    views: list[GridPlace] = []
    operators = [(op_star, "∗"), (op_arrow, "→")]
    if view_grids:
        outputs, views = [], equation_row(outputs, operators, view_grids, 40 * u)
    output_header = QRectF(x, y, sizes[2][0], header_h)
    legend_rect = maps_legend(x, y, *sizes[2], maps_header_w, header_h, legend_h, u, legend_inline)

    progress_rect = QRectF(0, height - progress_h, width, progress_h)
    cell_font_px = min(cell * 0.55 * s, cell * 0.66)
    return FrameLayout(
        width, height, u, s, cell, cell_font_px, label_px, header_px, title_rect, params_rect, caption_w,
        tuple(inputs), kernels, bias, tuple(outputs), input_header, kernel_header, output_header,
        tuple(operators), tuple(chips), legend_rect,
        QPointF(margin + inner_w - ledger_w, ledger_top), ledger_w, ledger_px, ledger_h, ledger_lines, progress_rect, tuple(views),
        one_row is not None,
    )  # fmt: skip
