"""The grid: one matrix drawn as numbered cells, editable like a spreadsheet.

It reads a :class:`~convviz.ui.document.matrix_model.MatrixModel` and paints every
cell with :func:`~convviz.ui.base.theme.paint_cell`, around it the padding ring
(the values it copies, hatched, in italics), and on top of it the animator's
overlay: the tapped cells of the receptive field, the window's outline, the
current tap or output cell.

Editing: type a number and press Enter/Tab/arrows; F2 or a double click edits
the current text; Delete clears; Ctrl+C/Ctrl+V copy and paste blocks; the
context menu fills, clears, randomizes, transposes and flips. A value that
isn't a number is refused with a message beside the cell, and the old value
stays.

Only the cells inside the exposed rectangle are painted, and edits repaint
only the cells they change, so large grids stay quick.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np
from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QLabel, QLineEdit, QToolTip, QWidget

from convviz.core.frame import CaptionState, CellRole, ColorScale, GridFrame, GridKind
from convviz.core.numbers import format_number, full_number, number_forms
from convviz.ui.base import theme as th
from convviz.ui.document.matrix_model import MatrixModel
from convviz.ui.grid.grid_access import announce_current_cell
from convviz.ui.grid.grid_block_edits import GridBlockEdits
from convviz.ui.grid.grid_overlay import GridOverlay, PaddingFrame
from convviz.ui.grid.grid_typing import GridTyping
from convviz.ui.grid.grid_view_base import NO_OVERLAY, GridViewBase

__all__ = ["GridOverlay", "MatrixView", "PaddingFrame", "legible_cell"]


# The largest cached layer of plain cells: 64 MB of pixels.
BASE_CACHE_PIXELS = 4096 * 4096



@lru_cache(maxsize=4096)
def _text(value: float) -> str:
    return format_number(value)


@lru_cache(maxsize=65536)
def _shortest_width(value: float) -> float:
    """The width of ``value``'s shortest correct form at the smallest cell font."""
    return min(_form_width(f.text) for f in number_forms(value))


def legible_cell(values: np.ndarray) -> int:
    """The smallest cell (at 100 % zoom) in which every one of ``values`` can
    be written, in its shortest correct form at the smallest cell font."""
    unique = np.unique(values) if values.size <= 65536 else np.unique(values.ravel()[:: max(1, values.size // 4096)])
    # A value's text takes at most 90 % of a cell (see th.cell_text_room).
    widest = max((_shortest_width(float(v)) for v in unique), default=0.0)
    return int(np.ceil((widest + 4.0) / 0.9))


@lru_cache(maxsize=4096)
def _form_width(text: str) -> float:
    return th.QFontMetricsF(th.font(th.MIN_CELL_FONT_PX, bold=True, italic=True)).horizontalAdvance(text)


_KINDS = {"input": GridKind.INPUT, "kernel": GridKind.KERNEL, "bias": GridKind.BIAS, "output": GridKind.OUTPUT}


class _CellEditor(QLineEdit):
    """The in-place editor; the grid handles its navigation keys."""


class MatrixView(GridTyping, GridBlockEdits, GridViewBase):
    """One grid of numbers. ``style`` is ``"input"``, ``"kernel"``, ``"bias"`` or ``"output"``."""

    MARGIN = 3
    legibleCellChanged = Signal()  # an edit changed the cell size its numbers need (a panel keeps its grids alike)

    def __init__(self, model: MatrixModel, style: str, parent: QWidget | None = None) -> None:
        super().__init__(model, style, parent)
        self._legible_cell = 12  # the smallest cell in which every value can be written
        self._grid_cache: tuple[GridOverlay, GridFrame, GridFrame] | None = None
        self._base_px: tuple[object, float] = ((), 0.0)
        # Every cell in its plain state, drawn once: a step then only paints
        # the few highlighted cells on top instead of the whole grid.
        self._base: QPixmap | None = None
        self._dirty_cells: list[tuple[int, int, int, int]] = []
        self._cursor = (0, 0)
        self._anchor = (0, 0)
        self._editing_quick = False
        # Tab reaches every grid, read-only ones too (a screen reader reads their cells).
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

        self._editor = _CellEditor(self)
        self._editor.hide()
        self._editor.installEventFilter(self)
        self.installEventFilter(self)
        self._message = QLabel(self)
        self._message.setObjectName("cellMessage")
        self._message.hide()
        self._message_timer = QTimer(self, singleShot=True, interval=4000)
        self._message_timer.timeout.connect(self._message.hide)

        self._asked_cell_size = self.cell_size
        model.dataChanged.connect(self._on_data_changed)
        model.modelReset.connect(self._on_model_reset)
        model.editRejected.connect(self._on_edit_rejected)
        if model.editable and hasattr(model, "document"):
            model.document.editRefused.connect(self._on_document_refused)  # type: ignore[attr-defined]
        self._apply_style()
        self._recolor()
        self._update_legible_cell()

    # -- configuration -------------------------------------------------------
    def set_cell_size(self, size: int) -> None:
        """Cells of ``size`` pixels, or larger where a value needs it: a number
        is never cut, and a cell too small for any correct form of it grows."""
        self._asked_cell_size = int(size)
        size = max(12, int(size), self._legible_cell)
        if size != self.cell_size:
            self.cell_size = size
            self._apply_style()
            self._invalidate_base()
            self.updateGeometry()
            self.update()

    def set_theme(self, theme: th.Theme) -> None:
        self.theme = theme
        self._apply_style()
        self._recolor()
        self._invalidate_base()
        self.update()

    def set_padding(self, padding: PaddingFrame) -> None:
        self.padding = padding
        self._static = None
        self._invalidate_base()
        self.updateGeometry()
        self.update()

    def set_dropped(self, rows: list[int], cols: list[int]) -> None:
        rows_f, cols_f = frozenset(rows), frozenset(cols)
        if (rows_f, cols_f) != (self.dropped_rows, self.dropped_cols):
            self.dropped_rows, self.dropped_cols = rows_f, cols_f
            self._static = None
            self._invalidate_base()
            self.update()

    def set_overlay(self, overlay: GridOverlay | None) -> None:
        overlay = overlay or NO_OVERLAY
        if overlay is self.overlay:
            return
        old = self.overlay
        self.overlay = overlay
        if (old.dimmed != overlay.dimmed or old.emphasized != overlay.emphasized or old.hidden is not None
                or overlay.hidden is not None or old.values is not None or overlay.values is not None):  # fmt: skip
            self.update()
        else:
            self.update(self._overlay_rect(old).united(self._overlay_rect(overlay)))

    def set_color_limit(self, limit: float) -> None:
        if limit != self.color_limit:
            self.color_limit = limit
            self._recolor()
            self._invalidate_base()
            self.update()

    def set_greyed(self, greyed: bool) -> None:
        if greyed != self.greyed:
            self.greyed = greyed
            self.update()

    def refresh(self, region: tuple[int, int, int, int] | None = None) -> None:
        """The model's values changed: recolour and repaint ``region`` (all if None)."""
        self._recolor()
        if self._update_legible_cell():
            return
        if region is None or self.padding.mode != "zeros":
            # Padding cells copy real ones, so with reflect/replicate/circular
            # any change may show in the ring too.
            self._invalidate_base()
            self.updateGeometry()
            self.update()
        else:
            r0, c0, r1, c1 = region
            p = self.padding
            cells = (r0 + p.top, c0 + p.left, r1 - 1 + p.top, c1 - 1 + p.left)
            self._dirty_cells.append(cells)
            self.update(self._cells_rect(*cells))

    # -- geometry ------------------------------------------------------------
    def sizeHint(self) -> QSize:
        rows, cols = self.grid_shape
        return QSize(cols * self.cell_size + 2 * self.MARGIN, rows * self.cell_size + 2 * self.MARGIN)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def cell_rect(self, prow: int, pcol: int) -> QRect:
        """The rectangle of padded cell ``(prow, pcol)``."""
        s = self.cell_size
        return QRect(self.MARGIN + pcol * s, self.MARGIN + prow * s, s, s)

    def _cells_rect(self, r0: int, c0: int, r1: int, c1: int) -> QRect:
        return self.cell_rect(r0, c0).united(self.cell_rect(r1, c1)).adjusted(-3, -3, 3, 3)

    def _overlay_rect(self, overlay: GridOverlay) -> QRect:
        cells = set(overlay.tapped) | set(overlay.marked)
        if overlay.current is not None:
            cells.add(overlay.current)
        if overlay.window_box is not None:
            r0, c0, r1, c1 = overlay.window_box
            cells |= {(r0, c0), (r1, c1)}
        if not cells:
            return QRect()
        rows = [c[0] for c in cells]
        cols = [c[1] for c in cells]
        return self._cells_rect(min(rows), min(cols), max(rows), max(cols))

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        """Padded coordinates of the cell under ``pos``, or None."""
        s = self.cell_size
        x, y = pos.x() - self.MARGIN, pos.y() - self.MARGIN
        if x < 0 or y < 0:
            return None
        prow, pcol = y // s, x // s
        rows, cols = self.grid_shape
        if prow >= rows or pcol >= cols:
            return None
        return int(prow), int(pcol)

    def _real(self, prow: int, pcol: int) -> tuple[int, int]:
        return prow - self.padding.top, pcol - self.padding.left

    def _is_real(self, r: int, c: int) -> bool:
        rows, cols = self.model.values().shape
        return 0 <= r < rows and 0 <= c < cols

    def padding_source(self, prow: int, pcol: int) -> tuple[int, int] | None:
        """The real cell a padding cell copies, or None for a zero."""
        p = self.padding
        if p.row_map is None or p.col_map is None:
            return None
        sr, sc = int(p.row_map[prow]), int(p.col_map[pcol])
        return None if sr < 0 or sc < 0 else (sr, sc)

    # -- colours -------------------------------------------------------------
    def _apply_style(self) -> None:
        # Styled when first shown, not on every zoom or theme change: a style
        # sheet costs about a millisecond per widget, and a scene of 64
        # kernels × 64 channels has 4096 grids.
        self._style_stale = True
        if self._editor.isVisible() or self._message.isVisible():
            self._ensure_style()

    def _ensure_style(self) -> None:
        if not self._style_stale:
            return
        self._style_stale = False
        t = self.theme
        size = max(11, int(self.cell_size * 0.42))
        self._editor.setStyleSheet(
            f"QLineEdit {{ background: {t.background}; color: {t.text}; border: 2px solid {t.emphasis};"
            f" font-size: {size}px; padding: 0px; }}"
        )
        self._message.setStyleSheet(
            f"QLabel#cellMessage {{ background: {t.error}; color: white; border-radius: 4px; padding: 4px 8px;"
            f" font-size: {max(12, int(self.cell_size * 0.36))}px; }}"
        )

    def _recolor(self) -> None:
        self._static = None

    def _update_legible_cell(self) -> bool:
        """Grow the cells if a value needs it; True when they changed size."""
        legible = legible_cell(self.model.values())
        if legible == self._legible_cell:
            return False
        self._legible_cell = legible
        old = self.cell_size
        self.set_cell_size(self._asked_cell_size)
        self.legibleCellChanged.emit()
        return self.cell_size != old

    @property
    def legible_cell(self) -> int:
        """The smallest cell in which every value of this grid can be written."""
        return self._legible_cell

    # -- the frame model's grid ------------------------------------------------
    def static_grid(self) -> GridFrame:
        """This grid with nothing highlighted: what the cached layer shows."""
        if self._static is None:
            kind = _KINDS[self.style_kind]
            p = self.padding
            if kind is GridKind.OUTPUT:
                scale = ColorScale("diverging", -self.color_limit, self.color_limit)
            else:
                scale = ColorScale("flat")
            self._static = GridFrame(
                kind, 0, None, "", CaptionState.PLAIN, None, self.model.values(), scale,
                (p.top, p.bottom, p.left, p.right), p.row_map, p.col_map, (self.dropped_rows, self.dropped_cols),
            )  # fmt: skip
        return self._static

    def grid(self) -> GridFrame:
        """This grid as the current step shows it."""
        ov, static = self.overlay, self.static_grid()
        cached = self._grid_cache
        if cached is not None and cached[0] is ov and cached[1] is static:
            return cached[2]
        grid = replace(
            static, tapped=ov.tapped, window_box=ov.window_box, current=ov.current,
            pending=ov.pending, pending_value=ov.pending_value, hidden=ov.hidden, dimmed=ov.dimmed,
            emphasized=ov.emphasized, colour=ov.colour,
        )  # fmt: skip
        if ov.values is not None and ov.values.shape == static.values.shape:
            grid = replace(grid, values=ov.values, live=True)
        self._grid_cache = (ov, static, grid)
        return grid

    def cell_base_px(self) -> float:
        """The grid's one font size (see th.uniform_cell_px), remembered
        until the values or the cell size change."""
        key = (self.cell_size, id(self.static_grid()))
        if self._base_px[0] != key:
            s = self.cell_size
            self._base_px = (key, th.uniform_cell_px(self.model.values(), s, s, s * 0.42))
        return self._base_px[1]

    def cell_state(self, prow: int, pcol: int) -> tuple[str, CellRole]:
        """The text and role cell ``(prow, pcol)`` is drawn with now."""
        grid = self.grid()
        role = grid.role(prow, pcol)
        value = grid.value(prow, pcol)
        look = th.cell_look(grid, prow, pcol, role, self.theme, value)
        if look.blank or value is None:
            return "", role
        s = self.cell_size
        shown, _ = th.fit_cell_text(value, s, s, self.cell_base_px(), bold=look.bold, italic=look.italic)
        return ("" if shown is None else shown.text), role

    # -- painting ------------------------------------------------------------
    def _invalidate_base(self) -> None:
        self._base = None
        self._dirty_cells.clear()

    def _paint_cell(self, painter: QPainter, grid: GridFrame, prow: int, pcol: int) -> None:
        role = grid.role(prow, pcol)
        th.paint_value_cell(painter, QRectF(self.cell_rect(prow, pcol)), grid, prow, pcol, role, self.theme,
                            self.cell_base_px())  # fmt: skip

    def _render_base(self, cells: tuple[int, int, int, int] | None = None) -> None:
        """Draw plain cells into the cached layer: all of them, or a block."""
        ratio = self.devicePixelRatioF()
        size = self.sizeHint()
        if self._base is None or cells is None:
            self._base = QPixmap(max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio)))
            self._base.setDevicePixelRatio(ratio)
            self._base.fill(Qt.GlobalColor.transparent)
            total_rows, total_cols = self.grid_shape
            cells = (0, 0, total_rows - 1, total_cols - 1)
        painter = QPainter(self._base)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            r0, c0, r1, c1 = cells
            total_rows, total_cols = self.grid_shape
            grid = self.static_grid()
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            painter.fillRect(self._cells_rect(r0, c0, r1, c1).intersected(self._base.rect()), Qt.GlobalColor.transparent)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
            # The cleared block reaches into its neighbours' edges: redraw a ring.
            for prow in range(max(0, r0 - 1), min(total_rows, r1 + 2)):
                for pcol in range(max(0, c0 - 1), min(total_cols, c1 + 2)):
                    self._paint_cell(painter, grid, prow, pcol)
        finally:
            painter.end()  # always: a painter left active on a dying device crashes Qt

    def _ensure_base(self) -> None:
        base_size = self.sizeHint()
        ratio = self.devicePixelRatioF()
        if (
            self._base is None
            or self._base.devicePixelRatio() != ratio
            or self._base.width() != max(1, round(base_size.width() * ratio))
            or self._base.height() != max(1, round(base_size.height() * ratio))
        ):
            self._dirty_cells.clear()
            self._render_base()
        while self._dirty_cells:
            self._render_base(self._dirty_cells.pop())

    def _caches_base(self) -> bool:
        """Whether the plain cells fit one cached pixmap. A heavily padded grid
        (padding 2000 is 16 million cells) would need gigabytes; it draws only
        the cells a paint event exposes instead."""
        size, ratio = self.sizeHint(), self.devicePixelRatioF()
        return size.width() * size.height() * ratio * ratio <= BASE_CACHE_PIXELS

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            exposed = event.rect()  # within a scroll area, only the part in view

            t, p, ov = self.theme, self.padding, self.overlay
            total_rows, total_cols = self.grid_shape
            s = self.cell_size
            r_first = max(0, (exposed.top() - self.MARGIN) // s)
            r_last = min(total_rows - 1, (exposed.bottom() - self.MARGIN) // s)
            c_first = max(0, (exposed.left() - self.MARGIN) // s)
            c_last = min(total_cols - 1, (exposed.right() - self.MARGIN) // s)
            if self._caches_base():
                self._ensure_base()
                painter.drawPixmap(exposed, self._base, QRectF(exposed.topLeft() * self._base.devicePixelRatio(), exposed.size() * self._base.devicePixelRatio()).toRect())
            else:
                self._invalidate_base()
                static = self.static_grid()
                for prow in range(r_first, r_last + 1):
                    for pcol in range(c_first, c_last + 1):
                        self._paint_cell(painter, static, prow, pcol)

            def visible(cell: tuple[int, int]) -> bool:
                return r_first <= cell[0] <= r_last and c_first <= cell[1] <= c_last

            grid = self.grid()
            if grid.live:  # every number may have changed since the cached layer: paint them all
                for prow in range(r_first, r_last + 1):
                    for pcol in range(c_first, c_last + 1):
                        self._paint_cell(painter, grid, prow, pcol)
            if ov.hidden is not None:
                self._paint_hidden(painter, ov.hidden, r_first, r_last)
            # Cells whose look differs from the cached layer's: the window's, the
            # current one, and the output cell that shows its running sum.
            lit = set(ov.tapped)
            lit.update(cell for cell in (ov.current, ov.pending) if cell is not None)
            for cell in lit:
                if visible(cell):
                    self._paint_cell(painter, grid, cell[0], cell[1])
            painter.setBrush(Qt.BrushStyle.NoBrush)
            if self.hasFocus() and self.model.editable:
                r0, c0, r1, c1 = self._selection()
                if (r0, c0) != (r1, c1):
                    pen = QPen(th.color(t.emphasis), 2)
                    painter.setPen(pen)
                    for r in range(max(r0, r_first - p.top), min(r1, r_last - p.top) + 1):
                        for c in range(max(c0, c_first - p.left), min(c1, c_last - p.left) + 1):
                            painter.drawRoundedRect(QRectF(self.cell_rect(r + p.top, c + p.left)).adjusted(2, 2, -2, -2), 3, 3)
            if ov.marked:
                painter.setPen(QPen(th.color(t.current), 3))
                for cell in ov.marked:
                    if visible(cell):
                        painter.drawRoundedRect(QRectF(self.cell_rect(*cell)).adjusted(2.5, 2.5, -2.5, -2.5), 3, 3)

            self._paint_overlay_lines(painter)
            if self.hasFocus() and (self.model.editable or self._reading_keys):
                cr, cc = self._cursor
                painter.setPen(QPen(th.color(t.emphasis), 3))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(QRectF(self.cell_rect(cr + p.top, cc + p.left)).adjusted(1.5, 1.5, -1.5, -1.5))
            if ov.dimmed:
                painter.fillRect(self.rect(), th.color(t.background, th.DIM_ALPHA))
            if self.greyed:
                painter.fillRect(self.rect(), th.color(t.panel, th.GREYED_ALPHA))
        finally:
            painter.end()  # always: a painter left active on a dying device crashes Qt

    def _paint_hidden(self, painter: QPainter, hidden: np.ndarray, r_first: int, r_last: int) -> None:
        """Blank the cells not computed yet (reveal), one rectangle per run."""
        p = self.padding
        blank = th.color(self.theme.panel)
        for r in range(max(0, r_first - p.top), min(hidden.shape[0] - 1, r_last - p.top) + 1):
            row = hidden[r]
            if not row.any():
                continue
            edges = np.flatnonzero(np.diff(np.concatenate(([0], row.astype(np.int8), [0]))))
            for start, stop in zip(edges[::2], edges[1::2]):
                box = QRectF(self.cell_rect(r + p.top, int(start) + p.left).united(self.cell_rect(r + p.top, int(stop) - 1 + p.left)))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(blank)
                painter.drawRoundedRect(box.adjusted(1, 1, -1, -1), 3, 3)

    def _paint_overlay_lines(self, painter: QPainter) -> None:
        ov, t = self.overlay, self.theme
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if ov.window_box is not None:
            r0, c0, r1, c1 = ov.window_box
            box = QRectF(self.cell_rect(r0, c0).united(self.cell_rect(r1, c1)))
            outer, inner = th.window_pens(t, self.cell_size, ov.colour)
            painter.setPen(outer)
            painter.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5))
            if inner is not None:
                painter.setPen(inner)
                inset = outer.widthF() / 2 + 1.0
                painter.drawRect(box.adjusted(inset, inset, -inset, -inset))
        if ov.current is not None:
            rect = QRectF(self.cell_rect(*ov.current))
            outer, inner = th.current_pens(t, self.cell_size)
            painter.setPen(outer)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
            painter.setPen(inner)
            inset = th.current_inset(self.cell_size)
            painter.drawRect(rect.adjusted(inset, inset, -inset, -inset))

    # -- selection and cursor --------------------------------------------------
    def _selection(self) -> tuple[int, int, int, int]:
        (r0, c0), (r1, c1) = self._anchor, self._cursor
        return min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)

    def selection(self) -> tuple[int, int, int, int]:
        """The selected block: (row0, col0, row1, col1), inclusive."""
        return self._selection()

    def current_cell(self) -> tuple[int, int]:
        return self._cursor

    def set_current_cell(self, row: int, col: int, extend: bool = False) -> None:
        rows, cols = self.model.values().shape
        row, col = min(max(row, 0), rows - 1), min(max(col, 0), cols - 1)
        old = self._selection()
        self._cursor = (row, col)
        if not extend:
            self._anchor = (row, col)
        p = self.padding
        for r0, c0, r1, c1 in (old, self._selection()):
            self.update(self._cells_rect(r0 + p.top, c0 + p.left, r1 + p.top, c1 + p.left))
        announce_current_cell(self)

    def select_all(self) -> None:
        rows, cols = self.model.values().shape
        self._anchor, self._cursor = (0, 0), (rows - 1, cols - 1)
        self.update()

    # -- messages ------------------------------------------------------------
    def show_message(self, text: str, cell: tuple[int, int] | None = None) -> None:
        """A refusal beside the cell it concerns, and on the status bar."""
        self._ensure_style()
        self._message.setText(text)
        self._message.setWordWrap(True)
        self._message.setMaximumWidth(max(220, self.width()))
        self._message.adjustSize()
        r, c = cell if cell is not None else self._cursor
        p = self.padding
        rect = self.cell_rect(r + p.top, c + p.left)
        x = min(max(0, rect.left()), max(0, self.width() - self._message.width()))
        y = rect.bottom() + 4
        if y + self._message.height() > self.height():
            y = max(0, rect.top() - self._message.height() - 4)
        self._message.move(x, y)
        self._message.raise_()
        self._message.show()
        self._message_timer.start()
        self.statusMessage.emit(text)

    def hide_message(self) -> None:
        self._message.hide()

    def message_text(self) -> str:
        return self._message.text() if self._message.isVisible() else ""

    def _on_edit_rejected(self, row: int, col: int, message: str) -> None:
        self.show_message(message, (row, col))

    def _on_document_refused(self, message: str) -> None:
        if self.hasFocus() or self._editor.hasFocus():
            self.show_message(message)

    # -- model signals -----------------------------------------------------------
    def _on_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles: object = None) -> None:
        self.refresh((top_left.row(), top_left.column(), bottom_right.row() + 1, bottom_right.column() + 1))
        announce_current_cell(self)

    def _on_model_reset(self) -> None:
        self._invalidate_base()
        rows, cols = self.model.values().shape
        self._cursor = (min(self._cursor[0], rows - 1), min(self._cursor[1], cols - 1))
        self._anchor = self._cursor
        self.refresh(None)

    # -- mouse ---------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if cell is None:
            super().mousePressEvent(event)
            return
        r, c = self._real(*cell)
        if event.button() == Qt.MouseButton.LeftButton:
            if self.model.editable and self._is_real(r, c):
                self.setFocus()
                self.set_current_cell(r, c, extend=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            self.cellClicked.emit(r, c)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if cell is not None and event.buttons() & Qt.MouseButton.LeftButton and self.model.editable:
            r, c = self._real(*cell)
            if self._is_real(r, c):
                self.set_current_cell(r, c, extend=True)
        super().mouseMoveEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if cell is not None and self.model.editable and self._is_real(*self._real(*cell)):
            self.start_edit()
        else:
            super().mouseDoubleClickEvent(event)

    def tooltip_text(self, prow: int, pcol: int) -> str:
        r, c = self._real(prow, pcol)
        values = self.model.values()
        name = self.model.describe() if hasattr(self.model, "describe") else "cell"
        if self._is_real(r, c):
            return f"{name} · row {r}, col {c} = {full_number(float(values[r, c]))}"
        src = self.padding_source(prow, pcol)
        if src is None:
            return f"padding ({self.padding.mode}) · row {r}, col {c} = 0"
        return (
            f"padding ({self.padding.mode}) · row {r}, col {c} copies row {src[0]}, col {src[1]} "
            f"= {full_number(float(values[src]))}"
        )

    def event_tooltip(self, pos: QPoint) -> str:
        cell = self.cell_at(pos)
        return "" if cell is None else self.tooltip_text(*cell)

    def _handle_tooltip(self, event: QEvent) -> bool:
        pos = event.pos()  # type: ignore[attr-defined]
        text = self.event_tooltip(pos)
        if text:
            QToolTip.showText(event.globalPos(), text, self)  # type: ignore[attr-defined]
            cell = self.cell_at(pos)
            if cell is not None:
                self.cellHovered.emit(*self._real(*cell))
        else:
            QToolTip.hideText()
        return True

    # Only the selection and the cursor look different with the focus: repaint
    # just them, not a whole large grid on every click and every committed edit
    # (QWidget's own handlers, which repaint everything, are not called).
    def focusInEvent(self, event: QFocusEvent) -> None:
        self._update_selection()
        announce_current_cell(self)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._update_selection()

    def _update_selection(self) -> None:
        r0, c0, r1, c1 = self._selection()
        p = self.padding
        self.update(self._cells_rect(r0 + p.top, c0 + p.left, r1 + p.top, c1 + p.left))
