"""The grid: one matrix drawn as numbered cells, editable like a spreadsheet.

It reads a :class:`~convviz.ui.matrix_model.MatrixModel` and paints every
cell with :func:`~convviz.ui.theme.paint_cell`, around it the padding ring
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

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMenu, QToolTip, QWidget

from convviz.core.numbers import format_number, parse_number
from convviz.core.textgrid import format_tsv, parse_grid_text
from convviz.ui import theme as th
from convviz.ui.matrix_model import MatrixModel

__all__ = ["GridOverlay", "MatrixView", "PaddingFrame"]


@dataclass(frozen=True, eq=False)
class PaddingFrame:
    """The padding ring around an input grid, in cells, and what it copies."""

    top: int = 0
    bottom: int = 0
    left: int = 0
    right: int = 0
    mode: str = "zeros"
    row_map: np.ndarray | None = None  # padded row -> real row, -1 for zeros
    col_map: np.ndarray | None = None


@dataclass(frozen=True)
class GridOverlay:
    """What the animator (or a click) highlights on one grid.

    Coordinates are padded-grid coordinates: ``(row + padding.top, col +
    padding.left)``; grids without padding use plain coordinates.
    """

    tapped: frozenset[tuple[int, int]] = frozenset()
    window_box: tuple[int, int, int, int] | None = None  # r0, c0, r1, c1 inclusive
    current: tuple[int, int] | None = None
    marked: frozenset[tuple[int, int]] = frozenset()  # "who reads me", hovered ledger term
    dimmed: bool = False
    emphasized: bool = False
    hidden: np.ndarray | None = field(default=None, compare=False)  # (rows, cols) bools: drawn blank


_EMPTY_OVERLAY = GridOverlay()
# The largest cached layer of plain cells: 64 MB of pixels.
BASE_CACHE_PIXELS = 4096 * 4096

# Keys a focused editable grid keeps for itself (Space is left to playback).
_GRID_KEYS = frozenset({
    Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down,
    Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Delete, Qt.Key.Key_Backspace,
    Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2,
})


@lru_cache(maxsize=4096)
def _text(value: float) -> str:
    return format_number(value)


class _CellEditor(QLineEdit):
    """The in-place editor; the grid handles its navigation keys."""


class MatrixView(QWidget):
    """One grid of numbers. ``style`` is ``"input"``, ``"kernel"`` or ``"output"``."""

    cellClicked = Signal(int, int)  # real (unpadded) coordinates; may lie in the padding
    cellHovered = Signal(int, int)
    statusMessage = Signal(str)

    MARGIN = 3

    def __init__(self, model: MatrixModel, style: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.style_kind = style
        self.theme: th.Theme = th.LIGHT
        self.cell_size = 36
        self.padding = PaddingFrame()
        self.overlay = _EMPTY_OVERLAY
        self.dropped_rows: frozenset[int] = frozenset()
        self.dropped_cols: frozenset[int] = frozenset()
        self.color_limit = 1.0
        self.greyed = False
        self._fills: np.ndarray | None = None  # output colours, (rows, cols, 3)
        # Every cell in its plain state, drawn once: a step then only paints
        # the few highlighted cells on top instead of the whole grid.
        self._base: QPixmap | None = None
        self._dirty_cells: list[tuple[int, int, int, int]] = []
        self._cursor = (0, 0)
        self._anchor = (0, 0)
        self._editing_quick = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if model.editable else Qt.FocusPolicy.ClickFocus)
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

        model.dataChanged.connect(self._on_data_changed)
        model.modelReset.connect(self._on_model_reset)
        model.editRejected.connect(self._on_edit_rejected)
        if model.editable and hasattr(model, "document"):
            model.document.editRefused.connect(self._on_document_refused)  # type: ignore[attr-defined]
        self._apply_style()
        self._recolor()

    # -- configuration -------------------------------------------------------
    def set_cell_size(self, size: int) -> None:
        size = max(12, int(size))
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
        self._invalidate_base()
        self.updateGeometry()
        self.update()

    def set_dropped(self, rows: list[int], cols: list[int]) -> None:
        rows_f, cols_f = frozenset(rows), frozenset(cols)
        if (rows_f, cols_f) != (self.dropped_rows, self.dropped_cols):
            self.dropped_rows, self.dropped_cols = rows_f, cols_f
            self._invalidate_base()
            self.update()

    def set_overlay(self, overlay: GridOverlay | None) -> None:
        overlay = overlay or _EMPTY_OVERLAY
        if overlay is self.overlay:
            return
        old = self.overlay
        self.overlay = overlay
        if old.dimmed != overlay.dimmed or old.emphasized != overlay.emphasized or old.hidden is not None or overlay.hidden is not None:
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
    @property
    def grid_shape(self) -> tuple[int, int]:
        """Rows and columns drawn, padding included."""
        rows, cols = self.model.values().shape
        p = self.padding
        return rows + p.top + p.bottom, cols + p.left + p.right

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
        if self.style_kind == "output":
            self._fills = th.diverging_colors(self.model.values(), self.color_limit, self.theme.diverging)
        else:
            self._fills = None

    # -- painting ------------------------------------------------------------
    def _invalidate_base(self) -> None:
        self._base = None
        self._dirty_cells.clear()

    def _cell_look(self, prow: int, pcol: int, values: np.ndarray, tapped: bool) -> tuple[str, QColor, QColor, bool, bool]:
        """(text, fill, text colour, italic, hatched) of one cell."""
        t, p = self.theme, self.padding
        rows, cols = values.shape
        r, c = prow - p.top, pcol - p.left
        if 0 <= r < rows and 0 <= c < cols:
            value = float(values[r, c])
            if self._fills is not None:
                rgb = self._fills[r, c]
                fill = QColor(int(rgb[0]), int(rgb[1]), int(rgb[2]))
                fg = th.text_color_for(fill)
            elif r in self.dropped_rows or c in self.dropped_cols:
                fill, fg = th.color(t.dropped_fill), th.color(t.muted)
            else:
                fill, fg = th.color(t.input_fill if self.style_kind == "input" else t.kernel_fill), th.color(t.text)
            italic = hatched = False
            if tapped:
                fill = th.color(t.window_fill)
                fg = th.text_color_for(fill)
        else:
            src = self.padding_source(prow, pcol)
            value = 0.0 if src is None else float(values[src])
            fill, fg, italic, hatched = th.color(t.padding_fill), th.color(t.padding_text), True, True
            if tapped:
                fill = _blend(fill, th.color(t.window_fill), 0.55)
                fg = th.text_color_for(fill)
        return _text(value), fill, fg, italic, hatched

    def _paint_cell(self, painter: QPainter, prow: int, pcol: int, values: np.ndarray, tapped: bool = False,
                    border: QColor | None = None, width: float = 1.0) -> None:
        text, fill, fg, italic, hatched = self._cell_look(prow, pcol, values, tapped)
        s = self.cell_size
        size = min(s * 0.42, 1.45 * s / max(1, len(text)))
        th.paint_cell(
            painter, QRectF(self.cell_rect(prow, pcol)), text, fill, fg, _font(size, tapped, italic),
            border=border or th.color(self.theme.grid_line), border_width=width, hatched=hatched,
        )

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
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        r0, c0, r1, c1 = cells
        total_rows, total_cols = self.grid_shape
        values = self.model.values()
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        painter.fillRect(self._cells_rect(r0, c0, r1, c1).intersected(self._base.rect()), Qt.GlobalColor.transparent)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        # The cleared block reaches into its neighbours' edges: redraw a ring.
        for prow in range(max(0, r0 - 1), min(total_rows, r1 + 2)):
            for pcol in range(max(0, c0 - 1), min(total_cols, c1 + 2)):
                self._paint_cell(painter, prow, pcol, values)
        painter.end()

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
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        exposed = event.rect()  # within a scroll area, only the part in view

        t, p, ov = self.theme, self.padding, self.overlay
        values = self.model.values()
        rows, cols = values.shape
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
            for prow in range(r_first, r_last + 1):
                for pcol in range(c_first, c_last + 1):
                    self._paint_cell(painter, prow, pcol, values)

        def visible(cell: tuple[int, int]) -> bool:
            return r_first <= cell[0] <= r_last and c_first <= cell[1] <= c_last

        for cell in ov.tapped:
            if visible(cell):
                self._paint_cell(painter, cell[0], cell[1], values, tapped=True)
        if ov.hidden is not None:
            self._paint_hidden(painter, ov.hidden, r_first, r_last)
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
        if self.model.editable and self.hasFocus():
            cr, cc = self._cursor
            painter.setPen(QPen(th.color(t.emphasis), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.cell_rect(cr + p.top, cc + p.left)).adjusted(1.5, 1.5, -1.5, -1.5))
        if ov.dimmed:
            painter.fillRect(self.rect(), th.color(t.background, 0.45))
        if self.greyed:
            painter.fillRect(self.rect(), th.color(t.panel, 0.72))
        painter.end()

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
            pen = QPen(th.color(t.window_outline), max(2.0, self.cell_size / 12))
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5))
        if ov.current is not None:
            rect = QRectF(self.cell_rect(*ov.current))
            outer = QPen(th.color(t.current), max(3.0, self.cell_size / 9))
            outer.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(outer)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
            # A thin inner line in the text colour: the current cell stays
            # distinguishable from the window without relying on hue.
            inner = QPen(th.color(t.text), 1.2)
            painter.setPen(inner)
            inset = max(3.0, self.cell_size / 9) + 1.5
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

    def select_all(self) -> None:
        rows, cols = self.model.values().shape
        self._anchor, self._cursor = (0, 0), (rows - 1, cols - 1)
        self.update()

    # -- editing -------------------------------------------------------------
    def is_editing(self) -> bool:
        return self._editor.isVisible()

    def editor(self) -> QLineEdit:
        return self._editor

    def start_edit(self, initial: str | None = None) -> None:
        """Open the editor on the current cell: with ``initial`` typed text
        (arrows then commit and move, as in a spreadsheet), or with the
        current value (arrows move inside the text)."""
        if not self.model.editable:
            return
        r, c = self._cursor
        p = self.padding
        rect = self.cell_rect(r + p.top, c + p.left).adjusted(-6, 0, 6, 0)
        self._ensure_style()
        self._editor.setGeometry(rect)
        self._editing_quick = initial is not None
        self._editor.setText(initial if initial is not None else _text(float(self.model.values()[r, c])))
        self._editor.show()
        self._editor.setFocus()
        if initial is None:
            self._editor.selectAll()

    def cancel_edit(self) -> None:
        self._close_editor()

    def _close_editor(self) -> None:
        # Give the focus back to the grid *before* hiding the editor: hiding
        # a focused widget passes the focus to the next grid, and the panel's
        # scroll area then scrolls to show that one. And only if the editor
        # still has it: after a click elsewhere the focus stays there.
        if self._editor.hasFocus():
            self.setFocus()
        self._editor.hide()

    def commit_edit(self) -> bool:
        """Write the editor's number; on a bad value keep the editor open
        with a message and leave the cell as it was."""
        text = self._editor.text()
        r, c = self._cursor
        try:
            value = parse_number(text)
        except ValueError as exc:
            self.show_message(f"{exc}. Type a number such as 3, −1 or 0.5; Esc keeps the old value.", (r, c))
            self._editor.selectAll()
            return False
        self._close_editor()
        self.hide_message()
        return self.model.set_block(r, c, np.array([[value]]))

    def _move(self, dr: int, dc: int, extend: bool = False) -> None:
        r, c = self._cursor
        self.set_current_cell(r + dr, c + dc, extend)

    def _tab(self, backwards: bool) -> None:
        rows, cols = self.model.values().shape
        r, c = self._cursor
        flat = r * cols + c + (-1 if backwards else 1)
        flat = min(max(flat, 0), rows * cols - 1)
        self.set_current_cell(*divmod(flat, cols))

    def eventFilter(self, obj: object, event: QEvent) -> bool:
        if obj is self:
            return self._filter_own_event(event)
        if obj is self._editor and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, mods = event.key(), event.modifiers()
            shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
            if key == Qt.Key.Key_Escape:
                self.cancel_edit()
                self.hide_message()
                return True
            moves = {
                Qt.Key.Key_Return: (-1 if shift else 1, 0),
                Qt.Key.Key_Enter: (-1 if shift else 1, 0),
                Qt.Key.Key_Up: (-1, 0),
                Qt.Key.Key_Down: (1, 0),
            }
            if self._editing_quick:
                moves[Qt.Key.Key_Left] = (0, -1)
                moves[Qt.Key.Key_Right] = (0, 1)
            if key in moves:
                if self.commit_edit():
                    self._move(*moves[key])
                return True
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                if self.commit_edit():
                    self._tab(key == Qt.Key.Key_Backtab or shift)
                return True
        if obj is self._editor and event.type() == QEvent.Type.FocusOut and self._editor.isVisible():
            # Clicking elsewhere commits, like a spreadsheet; a bad value is
            # dropped (the old one stays) with the message still showing.
            QTimer.singleShot(0, self._commit_on_focus_loss)
        return super().eventFilter(obj, event)

    def _commit_on_focus_loss(self) -> None:
        if self._editor.isVisible() and not self._editor.hasFocus():
            if not self.commit_edit():
                self._editor.hide()

    def _filter_own_event(self, event: QEvent) -> bool:
        """Events of the grid itself that must be seen before ``event()``.

        Done in an event filter rather than by overriding ``event()``: an
        overridden ``event()`` also receives the DeferredDelete that destroys
        the widget, and PySide crashes when Python code is on the stack then.
        """
        kind = event.type()
        if kind == QEvent.Type.ToolTip:
            return self._handle_tooltip(event)
        if not self.model.editable or kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        plain = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if kind == QEvent.Type.ShortcutOverride:
            # The window binds arrows, Home/End and Delete to playback; in a
            # focused editable grid those keys move the cursor and clear cells.
            if event.key() in _GRID_KEYS and plain:
                event.accept()
                return True
            return False
        # Tab moves between cells, not out of the grid (Ctrl+Tab leaves).
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and plain:
            self._tab(event.key() == Qt.Key.Key_Backtab)
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.model.editable:
            super().keyPressEvent(event)
            return
        key, mods = event.key(), event.modifiers()
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        arrows = {Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0), Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1)}
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_all()
        elif key in arrows and not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            self._move(*arrows[key], extend=shift)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._move(-1 if shift else 1, 0)
        elif key == Qt.Key.Key_F2:
            self.start_edit()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_selection()
        elif event.text() and event.text() in "0123456789-−+.eE" and not mods & Qt.KeyboardModifier.ControlModifier:
            self.start_edit(event.text())
        elif key == Qt.Key.Key_Home:
            self.set_current_cell(self._cursor[0], 0, extend=shift)
        elif key == Qt.Key.Key_End:
            self.set_current_cell(self._cursor[0], self.model.values().shape[1] - 1, extend=shift)
        elif event.text() and event.text().isprintable() and event.text() != " " and not mods & Qt.KeyboardModifier.ControlModifier:
            # Any other printable key opens the editor too, so the refusal
            # message appears where the user typed.
            self.start_edit(event.text())
        else:
            super().keyPressEvent(event)

    # -- block operations ------------------------------------------------------
    def _selected_block(self) -> np.ndarray:
        r0, c0, r1, c1 = self._selection()
        return self.model.values()[r0 : r1 + 1, c0 : c1 + 1]

    def copy_selection(self) -> str:
        text = format_tsv(self._selected_block())
        QGuiApplication.clipboard().setText(text)
        self.statusMessage.emit("Copied as tab-separated values")
        return text

    def paste(self, text: str | None = None) -> bool:
        """Paste a block at the current cell; refuse (with a message) what doesn't fit."""
        if text is None:
            mime = QGuiApplication.clipboard().mimeData()
            if mime is None or not mime.hasText():
                self.show_message("The clipboard holds no text to paste.", self._cursor)
                return False
            text = mime.text()
        try:
            block = parse_grid_text(text)
        except ValueError as exc:
            self.show_message(f"Can't paste: {exc}.", self._cursor)
            return False
        rows, cols = self.model.values().shape
        r, c = self._cursor
        if r + block.shape[0] > rows or c + block.shape[1] > cols:
            self.show_message(
                f"Can't paste {block.shape[0]}×{block.shape[1]} values at row {r}, column {c}: "
                f"only {rows - r}×{cols - c} cells are left in this {rows}×{cols} grid. Nothing was changed.",
                (r, c),
            )
            return False
        ok = self.model.set_block(r, c, block, f"Paste {block.shape[0]}×{block.shape[1]} values")
        if ok:
            self._anchor, self._cursor = (r, c), (r + block.shape[0] - 1, c + block.shape[1] - 1)
            self.update()
        return ok

    def clear_selection(self) -> bool:
        r0, c0, _, _ = self._selection()
        block = np.zeros_like(self._selected_block())
        return self.model.set_block(r0, c0, block, "Clear cells")

    def fill(self, value: float) -> bool:
        values = self.model.values()
        return self.model.set_block(0, 0, np.full(values.shape, value), f"Fill with {format_number(value)}")

    def randomize(self, low: int, high: int, seed: int | None = None) -> bool:
        values = self.model.values()
        rng = np.random.default_rng(seed)
        block = rng.integers(low, high + 1, size=values.shape).astype(np.float64)
        return self.model.set_block(0, 0, block, f"Randomize ({low} to {high})")

    def transpose(self) -> bool:
        values = self.model.values()
        if values.shape[0] != values.shape[1]:
            self.show_message("Only square grids can be transposed in place.", self._cursor)
            return False
        return self.model.set_block(0, 0, values.T.copy(), "Transpose")

    def flip(self, axis: int) -> bool:
        values = self.model.values()
        return self.model.set_block(0, 0, np.flip(values, axis=axis).copy(), "Flip " + ("vertically" if axis == 0 else "horizontally"))

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
            return f"{name} · row {r}, col {c} = {_text(float(values[r, c]))}"
        src = self.padding_source(prow, pcol)
        if src is None:
            return f"padding ({self.padding.mode}) · row {r}, col {c} = 0"
        return (
            f"padding ({self.padding.mode}) · row {r}, col {c} copies row {src[0]}, col {src[1]} "
            f"= {_text(float(values[src]))}"
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

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._update_selection()

    def _update_selection(self) -> None:
        r0, c0, r1, c1 = self._selection()
        p = self.padding
        self.update(self._cells_rect(r0 + p.top, c0 + p.left, r1 + p.top, c1 + p.left))

    # -- context menu ----------------------------------------------------------
    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.build_context_menu()
        if menu is not None:
            menu.exec(event.globalPos())

    def build_context_menu(self) -> QMenu | None:
        menu = QMenu(self)
        copy = QAction("Copy", menu, shortcut=QKeySequence.StandardKey.Copy)
        copy.triggered.connect(self.copy_selection)
        menu.addAction(copy)
        if not self.model.editable:
            return menu
        paste = QAction("Paste", menu, shortcut=QKeySequence.StandardKey.Paste)
        paste.triggered.connect(lambda: self.paste())
        menu.addAction(paste)
        menu.addSeparator()
        menu.addAction("Fill with…", self._ask_fill)
        menu.addAction("Clear", lambda: self.fill(0.0))
        menu.addAction("Randomize…", self._ask_randomize)
        menu.addSeparator()
        transpose = menu.addAction("Transpose", self.transpose)
        rows, cols = self.model.values().shape
        transpose.setEnabled(rows == cols)
        if rows != cols:
            transpose.setToolTip("Only square grids can be transposed in place")
        menu.addAction("Flip left–right", lambda: self.flip(1))
        menu.addAction("Flip top–bottom", lambda: self.flip(0))
        return menu

    def _ask_fill(self) -> None:
        text, ok = QInputDialog.getText(self, "Fill", "Fill every cell with:", text="0")
        if not ok:
            return
        try:
            self.fill(parse_number(text))
        except ValueError as exc:
            self.show_message(f"Can't fill: {exc}.")

    def _ask_randomize(self) -> None:
        text, ok = QInputDialog.getText(self, "Randomize", "Random whole numbers from … to … (e.g. -2 2):", text="-2 2")
        if not ok:
            return
        try:
            parts = text.replace(",", " ").replace("to", " ").split()
            low, high = (int(round(parse_number(v))) for v in parts)
            if low > high:
                raise ValueError("the first number must not be larger than the second")
        except ValueError as exc:
            self.show_message(f"Can't randomize: {exc}. Give two whole numbers, e.g. -2 2.")
            return
        self.randomize(low, high)


def _blend(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(
        int(a.red() * (1 - t) + b.red() * t),
        int(a.green() * (1 - t) + b.green() * t),
        int(a.blue() * (1 - t) + b.blue() * t),
    )


@lru_cache(maxsize=256)
def _font(pixel_size: float, bold: bool, italic: bool):  # noqa: ANN202 - QFont
    return th.font(round(pixel_size * 2) / 2, bold=bold, italic=italic)
