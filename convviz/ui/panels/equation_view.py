"""The feature-map panel's partial-maps and im2col views: the frame model's
view grids in one row, as the equation they are (``P1 + P2 + P3 + b = Y``,
``W · U + b = Y``), with the same roles, window boxes and current cells as
every recording draws.

Grids past :data:`IMAGE_SIDE` cells a side, or too small for numbers (in
every mode), or all of them in image mode, are drawn as images (the partial maps on their one
shared diverging scale; U thinned to what the screen can show). A click on a
cell says which grid and cell (:attr:`EquationView.cellClicked`); the step
presenter turns it into a step.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from convviz.core.frame import CellRole, Frame, GridFrame, GridKind
from convviz.ui.base import theme as th
from convviz.ui.grid.grid_image import rgb_image, values_rgb

__all__ = ["IMAGE_SIDE", "EquationView", "equation_glyphs"]

IMAGE_SIDE = 48  # grids with more cells a side are drawn as images in "auto" mode
MIN_NUMBER_CELL = 16  # below this a grid's numbers can't be read: it becomes an image
GAP = 30  # room for an operator between two grids
CAPTION_H = 20


def equation_glyphs(grids: tuple[GridFrame, ...]) -> list[str]:
    """``+ + + =`` between P1, P2, P3, b and Y; ``· + =`` between W, U, b and Y."""
    if grids and grids[0].kind is GridKind.WEIGHTS:
        return ["·", "+", "="]
    return ["+"] * max(0, len(grids) - 2) + ["="]


@dataclass(frozen=True)
class _Place:
    rect: QRectF
    as_image: bool

    def cell_rect(self, grid: GridFrame, row: int, col: int) -> QRectF:
        rows, cols = grid.shape
        w, h = self.rect.width() / cols, self.rect.height() / rows
        return QRectF(self.rect.left() + col * w, self.rect.top() + row * h, w, h)


class EquationView(QWidget):
    cellClicked = Signal(int, int, int)  # the view grid's position in the frame, row, col

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = th.LIGHT
        self.cell_size = 36
        self.view_mode = "auto"
        self.frame: Frame | None = None
        self.message = ""
        self.places: list[_Place] = []
        self._shapes: list[tuple[int, int]] = []
        # Images of the grids' values, kept across steps and view switches (a
        # scene's U and partial maps don't change): the values (held, so their
        # address can't be reused), the colour scale and the size -> image.
        self._images: OrderedDict[tuple[object, object, tuple[int, int]], tuple[object, QImage]] = OrderedDict()
        self._font_px: dict[tuple[int, float], float] = {}
        # What the last paint drew: per view grid drawn as numbers, each cell's (text, role).
        self.painted: dict[int, dict[tuple[int, int], tuple[str, CellRole]]] = {}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(120)

    def set_theme(self, theme: th.Theme) -> None:
        self.theme = theme
        self._images.clear()
        self.update()

    def set_cell_size(self, size: int) -> None:
        self.cell_size = size
        self._layout()

    def set_view_mode(self, mode: str) -> None:
        self.view_mode = mode
        self._layout()

    def set_frame(self, frame: Frame | None) -> None:
        """Show ``frame``'s view grids (or its note on why there are none)."""
        self.frame = frame
        self.message = frame.view_note if frame is not None else ""
        shapes = [g.shape for g in frame.views] if frame is not None else []
        if shapes != self._shapes:  # another view or scene: the panel may want another size
            self._shapes = shapes
            self.updateGeometry()
        self._layout()

    def sizeHint(self) -> QSize:
        return self.wanted_size()

    def wanted_size(self) -> QSize:
        """What the equation needs at the zoom's cell size, so
        the window can give the panel room for it."""
        grids = self.frame.views if self.frame is not None else ()
        if not grids:
            return QSize(320, 160)
        cell = float(self.cell_size)
        images = [self.view_mode == "images" or (self.view_mode == "auto" and max(g.shape) > IMAGE_SIDE) for g in grids]
        # A long W or a tall U asks for no more than 12 cells (an image for 160 px): it
        # shrinks to fit, or becomes an image, rather than shrink the whole window's zoom.
        width = sum(160.0 if im else min(g.shape[1], 12) * cell for g, im in zip(grids, images)) + GAP * (len(grids) - 1) + 8
        height = max(160.0 if im else min(g.shape[0], 12) * cell for g, im in zip(grids, images)) + CAPTION_H + 8
        return QSize(round(width), round(height))

    def resizeEvent(self, event: object) -> None:  # noqa: ANN401 - Qt's event
        self._layout()

    # -- layout ----------------------------------------------------------------
    def _layout(self) -> None:
        """The largest cells (up to the zoom's) at which the equation fits in
        one row; grids too large or too small for numbers become images."""
        grids = self.frame.views if self.frame is not None else ()
        width, height = self.width() - 8.0, self.height() - CAPTION_H - 8.0
        if not grids or width <= 0 or height <= 0:
            self.places = []
            self.update()
            return
        forced = self.view_mode == "images"
        images = [forced or (self.view_mode == "auto" and max(g.shape) > IMAGE_SIDE) for g in grids]
        while True:
            number_cols = sum(g.shape[1] for g, im in zip(grids, images) if not im)
            number_rows = max((g.shape[0] for g, im in zip(grids, images) if not im), default=1)
            image_count = sum(images)
            # An image's share of the width: up to 220 px, leaving the number grids readable cells.
            share = min(height, 220.0, max(40.0, (width - GAP * (len(grids) - 1) - number_cols * 24.0) / max(image_count, 1)))
            room = width - GAP * (len(grids) - 1) - image_count * share
            # The equation may be larger than the zoom's cells: it has the panel to itself.
            cell = min(max(self.cell_size * 1.5, 36.0), room / max(number_cols, 1) if number_cols else 1e9, height / number_rows)
            small = [i for i, g in enumerate(grids) if not images[i] and cell < MIN_NUMBER_CELL and max(g.shape) > 1]
            # In "numbers" mode too: numbers too small to read are no numbers, and
            # painting U's column per window position as cells froze the window
            # (seconds for a 20×20 input, minutes for a photo).
            if not small:
                break
            images[max(small, key=lambda i: grids[i].shape[0] * grids[i].shape[1])] = True
        cell = max(cell, 4.0)
        image_w = max(share, (width - GAP * (len(grids) - 1) - number_cols * cell) / max(image_count, 1))
        x, places = 4.0, []
        for grid, as_image in zip(grids, images):
            rows, cols = grid.shape
            if as_image:
                w, h = min(image_w, cols * max(cell, 2.0)), min(height, rows * max(cell, 2.0))
                if rows > 1 and cols > 1 and min(rows, cols) > IMAGE_SIDE:  # a map: keep its shape
                    side = min(w / cols, h / rows)
                    w, h = cols * side, rows * side
                w, h = max(w, 2.0), max(h, 2.0)
            else:
                w, h = cols * cell, rows * cell
            top = 4.0 + CAPTION_H + (height - h) / 2
            places.append(_Place(QRectF(x, top, w, h), as_image))
            x += w + GAP
        self.places = places
        self.update()

    def cell_at(self, pos: QPointF) -> tuple[int, int, int] | None:
        """(grid position, row, col) under ``pos``."""
        if self.frame is None:
            return None
        for i, (place, grid) in enumerate(zip(self.places, self.frame.views)):
            if place.rect.contains(pos):
                rows, cols = grid.shape
                row = int((pos.y() - place.rect.top()) / place.rect.height() * rows)
                col = int((pos.x() - place.rect.left()) / place.rect.width() * cols)
                return i, min(row, rows - 1), min(col, cols - 1)
        return None

    def cell_centre(self, position: int, row: int, col: int) -> QPointF:
        """Where cell ``(row, col)`` of view grid ``position`` is drawn (tests click there)."""
        assert self.frame is not None
        return self.places[position].cell_rect(self.frame.views[position], row, col).center()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        hit = self.cell_at(event.position())
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self.cellClicked.emit(*hit)

    # -- painting --------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.fillRect(self.rect(), th.color(self.theme.background))
            if self.message:
                p.setPen(th.color(self.theme.error))
                p.setFont(th.font(13))
                p.drawText(QRectF(self.rect()).adjusted(8, 8, -8, -8),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, f"⚠ {self.message}")  # fmt: skip
                return
            if self.frame is None:
                return
            grids = self.frame.views
            self.painted = {}
            for i, (place, grid) in enumerate(zip(self.places, grids)):
                self._paint_caption(p, place, grid)
                if place.as_image:
                    self._paint_image(p, place, grid)
                else:
                    self.painted[i] = self._paint_numbers(p, place, grid)
                self._paint_marks(p, place, grid)
            p.setFont(th.font(22))
            p.setPen(th.color(self.theme.muted))
            for a, b, glyph in zip(self.places, self.places[1:], equation_glyphs(grids)):
                middle = (a.rect.center().y() + b.rect.center().y()) / 2
                p.drawText(QRectF(a.rect.right(), middle - 15, b.rect.left() - a.rect.right(), 30), Qt.AlignmentFlag.AlignCenter, glyph)
        finally:
            p.end()

    def _paint_caption(self, p: QPainter, place: _Place, grid: GridFrame) -> None:
        colour, bold = th.caption_look(grid.caption_state, self.theme)
        rect = QRectF(place.rect.left(), place.rect.top() - CAPTION_H, place.rect.width() + GAP * 0.8, CAPTION_H - 2)
        swatch = th.channel_colour(grid.colour)
        if swatch is not None and grid.kind is GridKind.PARTIAL:
            p.fillRect(QRectF(rect.left(), rect.center().y() - 5, 10, 10), th.color(swatch))
            rect = rect.adjusted(14, 0, 0, 0)
        font = th.font(12, bold=bold)
        p.setFont(font)
        p.setPen(colour)
        text = QFontMetricsF(font).elidedText(grid.caption, Qt.TextElideMode.ElideRight, rect.width())
        p.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)

    def _paint_numbers(self, p: QPainter, place: _Place, grid: GridFrame) -> dict[tuple[int, int], tuple[str, CellRole]]:
        rows, cols = grid.shape
        cw = place.rect.width() / cols
        key = (id(grid.values), round(cw, 2))
        base = self._font_px.get(key)
        if base is None:
            base = self._font_px[key] = th.uniform_cell_px(grid.values, cw, cw, cw * 0.42)
        drawn = {}
        for r in range(rows):
            for c in range(cols):
                role = grid.role(r, c)
                drawn[(r, c)] = (th.paint_value_cell(p, place.cell_rect(grid, r, c), grid, r, c, role, self.theme, base), role)
        return drawn

    def _paint_image(self, p: QPainter, place: _Place, grid: GridFrame) -> None:
        # Twice the pixels it is drawn at is all an image needs: a 512×512 map
        # drawn 220 pixels wide is coloured at 440×440 (and U's 260,100 columns thinned).
        side = (max(64, round(place.rect.height() * 2)), max(64, round(place.rect.width() * 2)))
        values = grid.values
        # An array by its memory (each frame may view a map anew); U, read where
        # indexed, by the one object a scene keeps (held here, so its id stays its).
        source = (values.__array_interface__["data"][0], values.strides) if isinstance(values, np.ndarray) else id(values)
        key = (source, grid.scale, side)
        found = self._images.get(key) if grid.hidden is None else None
        if found is None or found[0].shape != values.shape:
            image = rgb_image(values_rgb(grid, self.theme, max_side=side))
            if grid.hidden is None:
                self._images[key] = (values, image)
                while len(self._images) > 24:
                    self._images.popitem(last=False)
        else:
            image = found[1]
            self._images.move_to_end(key)
        p.drawImage(place.rect, image)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(th.color(self.theme.window_fill, 0.55))
        for r, c in grid.tapped:
            p.drawRect(place.cell_rect(grid, r, c))
        if grid.pending is not None:
            look = th.cell_look(grid, *grid.pending, grid.role(*grid.pending), self.theme, grid.value(*grid.pending))
            p.fillRect(place.cell_rect(grid, *grid.pending), look.fill)

    def _paint_marks(self, p: QPainter, place: _Place, grid: GridFrame) -> None:
        """The window box (U's column, W's row) and the current cell, as the frame model says."""
        p.setBrush(Qt.BrushStyle.NoBrush)
        cell = min(place.cell_rect(grid, 0, 0).width(), place.cell_rect(grid, 0, 0).height())
        if grid.window_box is not None:
            r0, c0, r1, c1 = grid.window_box
            outer, _ = th.window_pens(self.theme, max(cell, 8.0), grid.colour)
            p.setPen(outer)
            box = place.cell_rect(grid, r0, c0).united(place.cell_rect(grid, r1, c1))
            p.drawRect(box.adjusted(-1, -1, 1, 1) if cell < 8 else box.adjusted(0.5, 0.5, -0.5, -0.5))
        if grid.current is not None:
            outer, inner = th.current_pens(self.theme, max(cell, 8.0))
            rect = place.cell_rect(grid, *grid.current)
            if cell < 8:  # a pixel of an image: a marker around it
                rect = rect.adjusted(-4, -4, 4, 4)
            p.setPen(outer)
            p.drawRect(rect.adjusted(1, 1, -1, -1))
            if cell >= 8:
                p.setPen(QPen(inner))
                inset = th.current_inset(cell)
                p.drawRect(rect.adjusted(inset, inset, -inset, -inset))
