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

The layout comes from :mod:`convviz.ui.recording.frame_layout`, from the frame's size
alone; a deep input's earlier channel lines are summed up in one ledger line
rather than shrunk out of reach. What each step highlights comes from
:func:`convviz.core.frames.frame_at`, the model the window's
:class:`~convviz.ui.animation.step_presenter.StepPresenter` draws from too: this module
places and paints, it decides nothing about what a step highlights.

Everything that doesn't change from step to step (title, the input and
output grids, the colour legend) is painted once per scene and size into a
cached image, so a frame costs little more than its highlights and ledger.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPaintEngine, QPainter, QPen

from convviz.core import language
from convviz.core.errors import ConvError
from convviz.core.frame import CellRole, Frame, FrameOptions, FrameView, GridFrame, GridKind, MapScale, nice_limit
from convviz.core.frames import frame_at
from convviz.core.ledger import Ledger, windowed_ledger
from convviz.core.numbers import format_number
from convviz.core.scene import Scene
from convviz.core.step_range import kernel_step_range, resolve_kernel
from convviz.core.trace import Level, Order, StepTrace
from convviz.core.transposed_view import AnyTrace, TransposedView, as_transposed_view, make_step_trace
from convviz.ui.base import theme as th
from convviz.ui.grid.grid_image import MAX_IMAGE_SIDE, rgb_image, values_rgb
from convviz.ui.panels.ledger_view import LedgerLayout, layout_ledger, paint_ledger
from convviz.ui.recording.frame_layout import BASE_SIZE, FrameLayout, GridPlace, compute_layout, ensure_app
from convviz.ui.recording.frame_text import frame_font, frame_metrics, shape_text, shapes_text
from convviz.ui.recording.frame_title import paint_step_label, paint_title, title_rows

__all__ = [
    "FrameLayout",
    "FrameRecord",
    "FrameRenderer",
    "GridPlace",
    "compute_layout",
    "frame_array",
    "make_trace",
    "render_frame_image",
    "resolve_theme",
    "shapes_text",
]

translate = QCoreApplication.translate


def resolve_theme(theme: th.Theme | str) -> th.Theme:
    if isinstance(theme, th.Theme):
        return theme
    try:
        return th.THEMES[theme]
    except KeyError:
        raise ConvError(
            "theme {theme!r}: choose one of {th_themes}",
            theme=theme, th_themes=', '.join(th.THEMES),
        ) from None


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
    return values_rgb(grid, theme, max_side=(MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))


# -- painting --------------------------------------------------------------------------


@dataclass
class _SceneStatics:
    """What a scene's frames share: its layout and the painted static layer."""

    layout: FrameLayout
    base: QImage
    plain: Frame  # the frame model's grids with nothing highlighted: the static layer
    limit: float  # the legend's (shared) limit
    record: dict[tuple[str, int | None, int], dict[tuple[int, int], tuple[str, CellRole]]]
    # Each grid's one font size (th.uniform_cell_px): its values and cells are
    # the scene's, so it is worked out on the first paint, not on every step.
    font_px: dict[tuple[str, int | None, int], float] = field(default_factory=dict)


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
        self._cache: OrderedDict[tuple, tuple[Scene, AnyTrace, _SceneStatics]] = OrderedDict()
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
        trace: AnyTrace | None,
        index: int,
        *,
        theme: th.Theme | str = th.LIGHT,
        scale: float = 1.0,
        caption: str | None = None,
        reveal: bool = False,
        map_scale: MapScale | str = MapScale.SHARED,
        message: str = "",
        view: FrameView | str = FrameView.MAPS,
    ) -> None:
        theme = resolve_theme(theme)
        # A trace draws the scene it steps: a derived one for an equivalent
        # direct convolution or a gradient. ``scene`` is for when there is none.
        if trace is not None and trace.scene is not None:
            scene = trace.scene
        options = FrameOptions(reveal=reveal, map_scale=MapScale(map_scale), view=FrameView(view))
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
    def _statics(self, painter: QPainter, rect: QRectF, scene: Scene, trace: AnyTrace, theme: th.Theme,
                 scale: float, caption: str | None, options: FrameOptions, vector: bool = False) -> _SceneStatics:  # fmt: skip
        device = painter.device()
        dpr = device.devicePixelRatioF() if device is not None else 1.0
        key = (id(scene), id(trace), round(rect.width(), 2), round(rect.height(), 2), dpr, theme.name, scale, caption,
               options, vector, self.recording)  # fmt: skip
        found = self._cache.get(key)
        if found is not None and found[0] is scene and found[1] is trace:
            self._cache.move_to_end(key)
            return found[2]
        layout = compute_layout(scene, trace, rect.width(), rect.height(), scale, options.view, caption)
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

    def _paint_static(self, p: QPainter, st: _SceneStatics, scene: Scene, theme: th.Theme, caption: str | None,
                      options: FrameOptions) -> None:  # fmt: skip
        lay = st.layout
        p.fillRect(QRectF(0, 0, lay.width, lay.height), th.color(theme.background))
        paint_title(p, lay.title_rect, lay.params_rect, lay.caption_width, lay.unit, lay.scale, scene, theme, caption,
                    lay.title_one_row)
        H, W, C = scene.input_shape
        self._header(p, lay.input_header, st.plain.headings[0], shape_text((H, W, C)), lay.header_px, theme)
        oh, ow = st.plain.outputs[0].values.shape
        if not lay.views:  # a view's header names the active kernel: painted with each step
            self._header(p, lay.output_header, st.plain.headings[2], shape_text((oh, ow, len(st.plain.outputs))), lay.header_px, theme)
        for rect, glyph in lay.operators:
            p.setFont(frame_font(34 * lay.unit * lay.scale))
            p.setPen(th.color(theme.muted))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, glyph)
        record = st.record if self.recording else None
        for place, grid in zip(lay.inputs, st.plain.inputs):
            self._paint_grid(p, place, grid, st, theme, record)
        if not options.reveal:  # with reveal, the maps change with every step
            for place, grid in zip(lay.outputs, st.plain.outputs):
                self._paint_grid(p, place, grid, st, theme, record)
        if MapScale(options.map_scale) is MapScale.SHARED and not lay.views:
            self._paint_legend(p, lay.legend_rect, st.limit, theme, lay.label_px * 0.85)

    def _header(self, p: QPainter, rect: QRectF, title: str, shape: str, px: float, theme: th.Theme, color: str = "") -> None:
        fm = frame_metrics(px, True)
        p.setFont(frame_font(px, True))
        p.setPen(th.color(color or theme.text))
        w = fm.horizontalAdvance(title)
        p.drawText(QRectF(rect.left(), rect.top(), w + 2, rect.height()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        if shape:
            p.setFont(frame_font(px * 0.85))
            p.setPen(th.color(theme.muted))
            p.drawText(QRectF(rect.left() + w + px * 0.5, rect.top(), rect.width(), rect.height()),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shape)  # fmt: skip

    # -- grids ---------------------------------------------------------------------
    def _paint_grid(self, p: QPainter, place: GridPlace, grid: GridFrame, st: _SceneStatics, theme: th.Theme,
                    record: dict | None, cells: Iterable[tuple[int, int]] | None = None) -> None:  # fmt: skip
        """Paint ``grid``'s cells (or just ``cells``) as the frame model says."""
        lay = st.layout
        if place.as_image:
            if cells is None:
                p.drawImage(place.rect, rgb_image(_grid_rgb(grid, theme)))
            return
        if cells is None:
            cells = ((r, c) for r in range(place.rows) for c in range(place.cols))
        key = grid_key(grid)
        floor = th.MIN_CELL_FONT_PX * lay.unit * lay.scale
        base = st.font_px.get(key)
        if base is None:
            base = st.font_px[key] = th.uniform_cell_px(grid.values, place.cell_w, place.cell_h, lay.cell_font_px, floor)
        for row, col in cells:
            role = grid.role(row, col)
            text = th.paint_value_cell(p, place.cell_rect(row, col), grid, row, col, role, theme, base, floor)
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
        p.setFont(frame_font(px))
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
        paint_step_label(p, st.layout, frame, theme)
        for place, grid in zip(lay.inputs, frame.inputs):
            self._caption(p, place, grid, lay.label_px, theme)
            lit = set(grid.tapped) | ({grid.current} if grid.current is not None else set())
            if place.as_image:
                self._shade_image_taps(p, place, grid.tapped, theme)
            else:
                self._paint_grid(p, place, grid, st, theme, record, sorted(lit))
            self._outline(p, place, grid, theme)
        self._paint_kernel_step(p, st, scene, frame, theme, record)
        for place, grid in zip(lay.outputs, frame.outputs):
            if frame.options.reveal or grid.live:
                self._paint_grid(p, place, grid, st, theme, record)
                if place.as_image:
                    self._paint_hidden_image(p, place, grid, theme)
            elif grid.pending is not None:
                if place.as_image:
                    self._paint_image_cell(p, place, grid, grid.pending, theme)
                else:  # (a backward fold step also taps the padding cells it sums)
                    self._paint_grid(p, place, grid, st, theme, record, [grid.pending, *sorted(grid.tapped)])
            elif grid.current is not None and not place.as_image:
                self._paint_grid(p, place, grid, st, theme, record, [grid.current])  # bold: the cell just written
            self._caption(p, place, grid, lay.label_px, theme)
            self._outline(p, place, grid, theme)
        if frame.options.view is not FrameView.MAPS:
            self._paint_view(p, st, scene, frame, theme, record)
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

    def _paint_view(self, p: QPainter, st: _SceneStatics, scene: Scene, frame: Frame, theme: th.Theme,
                    record: dict | None) -> None:  # fmt: skip
        """The partial-maps or im2col view in the maps' place: its grids as the
        frame model gives them (the operators between them are static)."""
        lay = st.layout
        name = scene.kernels[frame.kernel].name
        if frame.options.view is FrameView.PARTIAL_MAPS:
            oh, ow = frame.outputs[0].values.shape
            title, shape = f"Partial maps of {name}", f"{len(frame.views) - 2} × {shape_text((oh, ow))}"
        else:
            title, shape = "im2col", "W · U + b = Y"
        if frame.view_note:  # no view (U too large): the maps stay, the reason under their legend
            lg = lay.legend_rect
            p.setFont(frame_font(lay.label_px * 0.85))
            p.setPen(th.color(theme.error))
            note = QRectF(lg.left(), lg.bottom() + 4 * lay.unit, lay.width - lg.left() - 20 * lay.unit,
                          lay.ledger_origin.y() - lg.bottom() - 8 * lay.unit)  # fmt: skip
            p.drawText(note, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, frame.view_note)
            return
        self._header(p, lay.output_header, title, shape, lay.header_px, theme)
        for place, grid in zip(lay.views, frame.views):
            self._caption(p, place, grid, lay.label_px, theme)
            self._paint_grid(p, place, grid, st, theme, record)
            if place.as_image:
                self._shade_image_taps(p, place, grid.tapped, theme)
                if grid.pending is not None:
                    self._paint_image_cell(p, place, grid, grid.pending, theme)
            self._outline(p, place, grid, theme)
        shared = next((g for g in frame.views if g.kind in (GridKind.PARTIAL, GridKind.RESULT)), None)
        if shared is not None:  # the legend of the partials' one scale (im2col: the product's)
            self._paint_legend(p, lay.legend_rect, shared.scale.high, theme, lay.label_px * 0.85)

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
        p.setFont(frame_font(px, bold))
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
        self._header(p, lay.kernel_header, frame.headings[1].format(name=kernel.name), shape_text((kh, kw, c)), lay.header_px,
                     theme)  # fmt: skip
        for place, grid in zip(lay.kernels, frame.kernels[frame.kernel]):
            place = replace(place, caption=grid.caption)
            self._caption(p, place, grid, lay.label_px, theme)
            if place.as_image:
                rgb = th.diverging_colors(grid.values, nice_limit(grid.values), theme.diverging)
                p.drawImage(place.rect, rgb_image(rgb))
            else:
                self._paint_grid(p, place, grid, st, theme, record)
            self._outline(p, place, grid, theme)
        bias = frame.biases[frame.kernel]
        self._caption(p, lay.bias, bias, lay.label_px, theme)
        self._paint_grid(p, lay.bias, bias, st, theme, record)
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
            p.setFont(frame_font(px, True))
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
        title_rect, shapes_rect = title_rows(margin, width - 2 * margin, u, scale)
        paint_title(p, title_rect, shapes_rect, title_rect.width(), u, scale, scene, theme, caption)
        headline = language.translate("frame", "No steps to show: this convolution is impossible.")
        if not message:
            try:
                scene.transposed_geometry() if scene.params.transposed else scene.request()
                message = language.translate("frame", "This scene has no steps to show.")
            except ConvError as exc:
                message = str(exc)
        box = QRectF(width * 0.12, height * 0.32, width * 0.76, height * 0.36)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(th.color(theme.error))
        p.drawRoundedRect(box, 12 * u, 12 * u)
        p.setPen(QColor("#FFFFFF"))
        p.setFont(frame_font(24 * u * scale, True))
        p.drawText(box.adjusted(24 * u, 18 * u, -24 * u, -18 * u), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                   f"{headline}\n\n{message}")  # fmt: skip


_DEFAULT_RENDERER = FrameRenderer()


def make_trace(scene: Scene, level: Level | str = Level.CHANNEL, order: Order | str = Order.KERNEL,
               wrt: str | None = None, transposed_view: TransposedView | str = TransposedView.SCATTER,
               ) -> AnyTrace | None:  # fmt: skip
    """The scene's step trace (a transposed scene's in ``transposed_view``), or
    None when its convolution is impossible; with ``wrt`` (input, weight, bias)
    the trace of that gradient (whose ``trace.scene`` is the one to draw), a bad
    ``grad_output`` an error."""
    if wrt is not None:
        from convviz.core.backward_trace import backward_trace

        try:
            return backward_trace(scene, wrt, level)
        except ConvError:
            if scene.params.transposed:
                raise
            try:
                scene.request()
            except ConvError:
                return None
            raise
    try:
        level = Level(level)
    except ValueError:
        raise ConvError("level {level!r}: choose cell, channel or multiply", level=level) from None
    try:
        order = Order(order)
    except ValueError:
        raise ConvError("order {order!r}: choose kernel or position", order=order) from None
    chosen = as_transposed_view(transposed_view)  # a wrong name is an error, not "impossible"
    try:
        return make_step_trace(scene, level, order, chosen)
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
    trace: AnyTrace | None = None,
    order: Order | str = Order.KERNEL,
    view: FrameView | str = FrameView.MAPS,
) -> QImage:
    """One frame as a QImage of exactly ``size`` (times ``device_pixel_ratio``) pixels.

    ``step`` counts from 0 over all steps, or over ``kernel``'s steps when a
    kernel (name or index) is given. Raises :class:`ConvError` for a step out
    of range.
    """
    ensure_app()
    width, height = int(size[0]), int(size[1])
    trace = trace if trace is not None else make_trace(scene, level, order)
    index = 0
    if trace is not None:
        steps = kernel_step_range(trace, resolve_kernel(scene, kernel))
        if not 0 <= step < len(steps):
            raise ConvError(
                "step {step} is outside the scene's steps 0..{len_steps_1} at level {trace_level_value}",
                step=step, len_steps_1=len(steps) - 1, trace_level_value=trace.level.value,
            )
        index = steps[step]
    image = QImage(round(width * device_pixel_ratio), round(height * device_pixel_ratio), QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(device_pixel_ratio)
    painter = QPainter(image)
    try:
        (renderer or _DEFAULT_RENDERER).render(
            painter, QRectF(0, 0, width, height), scene, trace, index, theme=theme, scale=scale, caption=caption,
            reveal=reveal, map_scale=map_scale, view=view,
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
