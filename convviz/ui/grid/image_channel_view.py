"""Image mode: one channel or feature map drawn as an image, not as numbers.

Grids larger than :data:`IMAGE_THRESHOLD` cells per side are unreadable as
numbers, so the panels show them with this view instead. It has the same
interface as :class:`~convviz.ui.grid.matrix_view.MatrixView` (``model``,
``set_overlay``, ``set_padding``, ``refresh``, ``grid_shape``, the signals…),
so the panels and the step presenter use either without knowing which.

Drawn with pyqtgraph: an ``ImageItem`` (row-major, colours fixed by explicit
levels), a colour bar, scroll to zoom and drag to pan, double-click to see
the whole image. Pixel ``(r, c)`` covers ``[c, c+1] × [r, r+1]`` in view
coordinates, so the animator's padded coordinates map to rectangles by
subtracting the padding. On top of the image: the padding's extent (dashed),
the animator's window (a rectangle, with a ring around it while it is too
small to see, and its tapped cells once zoomed in enough to tell them
apart), the current cell, and the cells marked by a click or a hovered term.

Hovering shows ``row r, col c = v`` under the image. Editing is for numbers
mode; here keys and clicks never change values.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QLabel, QVBoxLayout, QWidget

from convviz.core.frame import input_levels
from convviz.core.numbers import full_number
from convviz.ui.base import theme as th
from convviz.ui.document.matrix_model import MatrixModel
from convviz.ui.grid.grid_overlay import GridOverlay, PaddingFrame
from convviz.ui.grid.grid_view_base import NO_OVERLAY, GridViewBase
from convviz.ui.grid.view_choice import IMAGE_THRESHOLD, VIEW_MODES, wants_image_view  # noqa: F401

__all__ = ["IMAGE_THRESHOLD", "VIEW_MODES", "ImageChannelView", "wants_image_view"]

pg.setConfigOptions(imageAxisOrder="row-major")
translate = QCoreApplication.translate

_TAPS_MIN_PIXELS = 7.0  # screen pixels per cell before tapped cells are drawn
_RING_BELOW_PIXELS = 14.0  # a window smaller than this on screen gets a ring


def _pen(color: str, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(th.color(color), width, style)
    pen.setCosmetic(True)  # the same on-screen width at every zoom
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    return pen


def _rect_item(z: float) -> QGraphicsRectItem:
    item = QGraphicsRectItem()
    item.setZValue(z)
    item.setBrush(Qt.BrushStyle.NoBrush)
    item.hide()
    return item


class ImageChannelView(GridViewBase):
    """One matrix as an image. ``style`` is ``"input"`` (grey, levels fixed from
    the value range) or ``"output"`` (diverging, ±:meth:`set_color_limit`)."""

    IMAGE_CELLS = 7  # the image's longer side spans this many grid cells
    BAR_WIDTH = 48  # the colour bar and its labels

    def __init__(self, model: MatrixModel, style: str, parent: QWidget | None = None) -> None:
        super().__init__(model, style, parent)
        self.levels = (0.0, 1.0)
        self._shape: tuple[int, int] | None = None
        self._hovered: tuple[int, int] | None = None
        self._hidden: np.ndarray | None = None
        self._pixels: np.ndarray | None = None  # the values shown, contiguous

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.ci.layout.setContentsMargins(0, 8, 0, 8)  # room for the bar's end labels
        self.graphics.ci.layout.setSpacing(4)
        self.graphics.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.view_box = pg.ViewBox(lockAspect=True, invertY=True, enableMenu=False)
        self.view_box.setDefaultPadding(0.02)
        self.graphics.addItem(self.view_box, row=0, col=0)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setAutoDownsample(True)  # big images draw at screen resolution
        self.view_box.addItem(self.image)
        self.color_bar = pg.ColorBarItem(values=(0, 1), width=9, interactive=False, colorMapMenu=False)
        self.color_bar.axis.setWidth(34)
        self.graphics.addItem(self.color_bar, row=0, col=1)

        self._hidden_item = pg.ImageItem(axisOrder="row-major")
        self._hidden_item.setZValue(1)
        self._dropped_items = (_rect_item(2), _rect_item(2))
        self._padding_item = _rect_item(3)
        self._taps = pg.ScatterPlotItem(pxMode=False, symbol="s", size=0.78)
        self._taps.setZValue(4)
        self._window = _rect_item(5)
        self._ring = pg.ScatterPlotItem(pxMode=True, symbol="o", size=26)
        self._ring.setZValue(6)
        self._marked = pg.ScatterPlotItem(pxMode=False, symbol="s", size=1.0)
        self._marked.setZValue(7)
        self._current = _rect_item(8)
        for item in (self._hidden_item, *self._dropped_items, self._padding_item, self._taps, self._window,
                     self._ring, self._marked, self._current):
            self.view_box.addItem(item, ignoreBounds=True)

        self.readout = QLabel()
        self.readout.setObjectName("imageReadout")
        self.readout.setTextFormat(Qt.TextFormat.PlainText)
        self.readout.setToolTip(QCoreApplication.translate(
            "ImageChannelView", "Scroll to zoom, drag to pan, double-click to see the whole image. "
            "To edit values, switch to numbers: View → Image mode → Numbers."))  # fmt: skip
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.graphics, 1)
        layout.addWidget(self.readout)

        # Every move, unlike the scene's rate-limited sigMouseMoved, so the
        # readout is right where the mouse stops.
        self.graphics.viewport().installEventFilter(self)
        self.graphics.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.view_box.sigRangeChanged.connect(self._on_range_changed)
        model.dataChanged.connect(self._on_data_changed)
        model.modelReset.connect(self._on_model_reset)
        self.set_theme(self.theme)
        self.refresh(None)

    # -- configuration (MatrixView's interface) -----------------------------------
    def set_cell_size(self, size: int) -> None:
        """The window's zoom level: sets how large the image is laid out."""
        size = max(12, int(size))
        if size != self.cell_size:
            self.cell_size = size
            self.updateGeometry()

    def set_theme(self, theme: th.Theme) -> None:
        self.theme = theme
        self.graphics.setBackground(th.color(theme.background))
        if self.style_kind == "output":
            stops = theme.diverging
            cmap = pg.ColorMap(np.linspace(0.0, 1.0, len(stops)), [QColor(s) for s in stops])
        else:
            cmap = pg.ColorMap([0.0, 1.0], [QColor(0, 0, 0), QColor(255, 255, 255)])
        self.image.setColorMap(cmap)
        self.color_bar.setColorMap(cmap)
        for side in ("left", "right", "top", "bottom"):
            axis = self.color_bar.getAxis(side)
            axis.setPen(th.color(theme.grid_line))
            axis.setTextPen(th.color(theme.text))
        self._window.setPen(_pen(theme.window_outline, 2.0))
        self._ring.setPen(_pen(theme.window_outline, 2.0))
        self._ring.setBrush(None)
        self._taps.setPen(_pen(theme.window_outline, 1.0))
        self._taps.setBrush(th.color(theme.window_fill, 0.45))
        self._marked.setPen(_pen(theme.current, 2.0))
        self._marked.setBrush(None)
        self._current.setPen(_pen(theme.current, 3.0))
        self._padding_item.setPen(_pen(theme.muted, 1.5, Qt.PenStyle.DashLine))
        for item in self._dropped_items:
            item.setPen(QPen(Qt.PenStyle.NoPen))
            item.setBrush(th.color(theme.dropped_fill, 0.7))
        self.readout.setStyleSheet(f"QLabel#imageReadout {{ color: {theme.muted}; }}")
        self._hidden = None  # its colour is the theme's
        self._apply_overlay()
        self._apply_look()

    def set_padding(self, padding: PaddingFrame) -> None:
        self.padding = padding
        p = padding
        rows, cols = self.model.values().shape
        if p.top or p.bottom or p.left or p.right:
            self._padding_item.setRect(QRectF(-p.left, -p.top, cols + p.left + p.right, rows + p.top + p.bottom))
            self._padding_item.show()
        else:
            self._padding_item.hide()
        self._apply_overlay()

    def set_dropped(self, rows: list[int], cols: list[int]) -> None:
        self.dropped_rows, self.dropped_cols = frozenset(rows), frozenset(cols)
        n_rows, n_cols = self.model.values().shape
        # Only a tail of rows/columns is ever dropped (the stride floors it off).
        row_item, col_item = self._dropped_items
        if rows:
            first = min(rows)
            row_item.setRect(QRectF(0, first, n_cols, n_rows - first))
        if cols:
            first = min(cols)
            col_item.setRect(QRectF(first, 0, n_cols - first, n_rows))
        row_item.setVisible(bool(rows))
        col_item.setVisible(bool(cols))

    def set_overlay(self, overlay: GridOverlay | None) -> None:
        overlay = overlay or NO_OVERLAY
        if overlay is self.overlay:
            return
        old, self.overlay = self.overlay, overlay
        if overlay.values is not None or old.values is not None:
            self._show_step_values(overlay.values)
        self._apply_overlay()
        self._apply_look()

    def _show_step_values(self, values: np.ndarray | None) -> None:
        """A step's own numbers (a scatter's running output) in place of the
        model's, or the model's again."""
        model = self.model.values()
        if self._pixels is None or self._pixels.shape != model.shape:
            return  # not shown yet: refresh() draws it
        np.copyto(self._pixels, values if values is not None and values.shape == model.shape else model)
        self.image.setImage(self._pixels, levels=self.levels, autoLevels=False)

    def set_color_limit(self, limit: float) -> None:
        """Feature maps: colours span ``[-limit, limit]``."""
        if limit != self.color_limit:
            self.color_limit = limit
            if self.style_kind == "output":
                self._set_levels((-limit, limit))

    def set_greyed(self, greyed: bool) -> None:
        if greyed != self.greyed:
            self.greyed = greyed
            self._apply_look()

    def refresh(self, region: tuple[int, int, int, int] | None = None) -> None:
        """The model's values changed: show them (the whole image; a region is
        no cheaper to upload)."""
        values = self.model.values()
        shape = values.shape
        new_shape = shape != self._shape
        if self.style_kind == "output":
            levels = (-self.color_limit, self.color_limit)
        else:
            # The frame model's rule, so recordings show the same greys.
            levels = input_levels(values)
        self.levels = levels
        if self._pixels is None or self._pixels.shape != shape:
            self._pixels = np.empty(shape)
        # Our own buffer, reused: ImageItem keeps what it is given, and fresh
        # megabytes on every edit cost more than the copy.
        np.copyto(self._pixels, values)
        self.image.setImage(self._pixels, levels=levels, autoLevels=False)
        self.color_bar.setLevels(levels)
        if new_shape:
            self._shape = shape
            self.set_padding(self.padding)
            self.updateGeometry()
            self.fit_view()
        if self._hovered is not None:
            self.readout.setText(self.hover_text(*self._hovered))
        elif new_shape:
            self.readout.setText(f"{shape[0]}×{shape[1]}")

    # -- geometry ---------------------------------------------------------------
    def sizeHint(self) -> QSize:
        rows, cols = self.grid_shape
        side = min(560, max(96, self.cell_size * self.IMAGE_CELLS))
        scale = side / max(rows, cols)
        return QSize(math.ceil(cols * scale) + self.BAR_WIDTH + 8, math.ceil(rows * scale) + 24)

    def minimumSizeHint(self) -> QSize:
        return QSize(96 + self.BAR_WIDTH, 96)

    def fit_view(self) -> None:
        """Show the whole image and its padding."""
        rows, cols = self.model.values().shape
        p = self.padding
        self.view_box.setRange(QRectF(-p.left, -p.top, cols + p.left + p.right, rows + p.top + p.bottom), padding=0.02)

    def pixels_per_cell(self) -> float:
        """How many screen pixels one cell spans at the current zoom."""
        px = self.view_box.viewPixelSize()[0]
        return 1.0 / px if px > 0 else 0.0

    def cell_at_scene(self, pos: QPointF) -> tuple[int, int] | None:
        """Real coordinates of the cell under scene point ``pos`` (padding
        included), or None."""
        if not self.view_box.sceneBoundingRect().contains(pos):
            return None
        point = self.view_box.mapSceneToView(pos)
        r, c = math.floor(point.y()), math.floor(point.x())
        rows, cols = self.model.values().shape
        p = self.padding
        if -p.top <= r < rows + p.bottom and -p.left <= c < cols + p.right:
            return r, c
        return None

    def window_rect(self) -> QRectF | None:
        """The animator's window as drawn, in view coordinates (a cell is 1×1)."""
        return self._window.rect() if self._window.isVisible() else None

    def current_rect(self) -> QRectF | None:
        return self._current.rect() if self._current.isVisible() else None

    def tapped_cells_shown(self) -> bool:
        return self._taps.isVisible()

    def scene_pos_of(self, row: int, col: int) -> QPointF:
        """Scene position of the centre of cell ``(row, col)`` (for tests)."""
        return self.view_box.mapViewToScene(QPointF(col + 0.5, row + 0.5))

    def hover_text(self, row: int, col: int) -> str:
        """``row r, col c = v``; a padding cell says what it copies."""
        values = self.model.values()
        rows, cols = values.shape
        if 0 <= row < rows and 0 <= col < cols:
            return translate("ImageChannelView", "row {row}, col {col} = {value}").format(row=row, col=col, value=full_number(float(values[row, col])))
        p = self.padding
        source = None
        if p.row_map is not None and p.col_map is not None:
            sr, sc = int(p.row_map[row + p.top]), int(p.col_map[col + p.left])
            source = None if sr < 0 or sc < 0 else (sr, sc)
        if source is None:
            return translate("ImageChannelView", "padding ({mode}) · row {row}, col {col} = 0").format(mode=p.mode, row=row, col=col)
        return translate("ImageChannelView", "padding ({mode}) · row {row}, col {col} copies row {source_row}, col {source_col} = {value}").format(
            mode=p.mode, row=row, col=col, source_row=source[0], source_col=source[1], value=full_number(float(values[source])))

    # -- drawing the overlay ------------------------------------------------------
    def _apply_overlay(self) -> None:
        ov, p = self.overlay, self.padding
        outer, _ = th.window_pens(self.theme, 0.0, ov.colour)
        self._window.setPen(_pen(outer.color().name(), 2.0))
        if ov.window_box is not None:
            r0, c0, r1, c1 = ov.window_box
            self._window.setRect(QRectF(c0 - p.left, r0 - p.top, c1 - c0 + 1, r1 - r0 + 1))
            self._window.show()
        else:
            self._window.hide()
        if ov.current is not None:
            r, c = ov.current
            self._current.setRect(QRectF(c - p.left, r - p.top, 1, 1))
            self._current.show()
        else:
            self._current.hide()
        self._taps.setData(pos=_centres(ov.tapped, p))
        self._marked.setData(pos=_centres(ov.marked, p))
        self._apply_hidden(ov.hidden)
        self._on_range_changed()

    def _apply_hidden(self, hidden: np.ndarray | None) -> None:
        """The reveal view: cells not computed yet are covered."""
        if hidden is None or not hidden.any():
            self._hidden_item.hide()
            self._hidden = None
            return
        if self._hidden is not None and self._hidden.shape == hidden.shape and np.array_equal(self._hidden, hidden):
            return
        self._hidden = hidden.copy()
        cover = th.color(self.theme.panel)
        rgba = np.zeros((*hidden.shape, 4), dtype=np.uint8)
        rgba[hidden] = (cover.red(), cover.green(), cover.blue(), 255)
        self._hidden_item.setImage(rgba, autoLevels=False, levels=None)
        self._hidden_item.show()

    def _on_range_changed(self, *_args: object) -> None:
        """Zoom-dependent parts: tapped cells when cells are big enough to tell
        apart, a ring around a window too small to see."""
        per_cell = self.pixels_per_cell()
        self._taps.setVisible(per_cell >= _TAPS_MIN_PIXELS and bool(self.overlay.tapped))
        box = self.overlay.window_box or (
            (*self.overlay.current, *self.overlay.current) if self.overlay.current is not None else None
        )
        if box is not None and per_cell * max(box[2] - box[0] + 1, box[3] - box[1] + 1) < _RING_BELOW_PIXELS:
            r0, c0, r1, c1 = box
            p = self.padding
            self._ring.setData(pos=[((c0 + c1 + 1) / 2 - p.left, (r0 + r1 + 1) / 2 - p.top)])
            self._ring.show()
        else:
            self._ring.hide()

    def _apply_look(self) -> None:
        ov = self.overlay
        opacity = 1.0
        if ov.dimmed:
            opacity = 1.0 - th.DIM_ALPHA  # as a cover of the background at DIM_ALPHA, like every other grid
        if self.greyed:
            opacity = min(opacity, 1.0 - th.GREYED_ALPHA)
        self.image.setOpacity(opacity)
        if ov.emphasized:
            self.view_box.setBorder(_pen(self.theme.emphasis, 2.0))
        else:
            self.view_box.setBorder(_pen(self.theme.grid_line, 1.0))

    def _set_levels(self, levels: tuple[float, float]) -> None:
        self.levels = levels
        self.image.setLevels(levels)
        self.color_bar.setLevels(levels)

    # -- model signals -------------------------------------------------------------
    def _on_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles: object = None) -> None:
        self.refresh((top_left.row(), top_left.column(), bottom_right.row() + 1, bottom_right.column() + 1))

    def _on_model_reset(self) -> None:
        self.refresh(None)

    # -- mouse ---------------------------------------------------------------------
    def _on_mouse_moved(self, pos: QPointF) -> None:
        cell = self.cell_at_scene(pos)
        if cell == self._hovered:
            return
        self._hovered = cell
        if cell is None:
            rows, cols = self.model.values().shape
            self.readout.setText(f"{rows}×{cols}")
            return
        self.readout.setText(self.hover_text(*cell))
        self.cellHovered.emit(*cell)

    def _on_mouse_clicked(self, event: object) -> None:
        if event.button() != Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            return
        if event.double():  # type: ignore[attr-defined]
            self.fit_view()
            return
        cell = self.cell_at_scene(event.scenePos())  # type: ignore[attr-defined]
        if cell is not None:
            self.cellClicked.emit(*cell)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.graphics.viewport():
            if event.type() == QEvent.Type.MouseMove:
                self._on_mouse_moved(self.graphics.mapToScene(event.position().toPoint()))  # type: ignore[attr-defined]
            elif event.type() == QEvent.Type.Leave:
                self._on_mouse_moved(QPointF(-1e9, -1e9))
        return super().eventFilter(obj, event)


def _centres(cells: frozenset[tuple[int, int]], padding: PaddingFrame) -> np.ndarray:
    """Padded cells as view-coordinate centres ``(x, y)``."""
    if not cells:
        return np.zeros((0, 2))
    padded = np.array(sorted(cells), dtype=np.float64)
    return np.column_stack((padded[:, 1] - padding.left + 0.5, padded[:, 0] - padding.top + 0.5))
