"""A grid's block operations, as in a spreadsheet: copy and paste blocks,
fill, clear, randomize, transpose and flip, and the context menu that offers
them. Mixed into :class:`~convviz.ui.grid.matrix_view.MatrixView`, which provides
the model, the selection and the messages beside the cells."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import QInputDialog, QMenu

from convviz.core.numbers import format_number, parse_number
from convviz.core.textgrid import format_tsv, parse_grid_text

__all__ = ["GridBlockEdits"]

translate = QCoreApplication.translate


class GridBlockEdits:
    """Block operations on the selection of a grid view (see the module doc)."""

    # -- block operations ------------------------------------------------------
    def _selected_block(self) -> np.ndarray:
        r0, c0, r1, c1 = self._selection()
        return self.model.values()[r0 : r1 + 1, c0 : c1 + 1]

    def copy_selection(self) -> str:
        text = format_tsv(self._selected_block())
        QGuiApplication.clipboard().setText(text)
        self.statusMessage.emit(translate("GridBlockEdits", "Copied as tab-separated values"))
        return text

    def paste(self, text: str | None = None) -> bool:
        """Paste a block at the current cell; refuse (with a message) what doesn't fit."""
        if text is None:
            mime = QGuiApplication.clipboard().mimeData()
            if mime is None or not mime.hasText():
                self.show_message(translate("GridBlockEdits", "The clipboard holds no text to paste."), self._cursor)
                return False
            text = mime.text()
        try:
            block = parse_grid_text(text)
        except ValueError as exc:
            self.show_message(translate("GridBlockEdits", "Can't paste: {error}.").format(error=exc), self._cursor)
            return False
        rows, cols = self.model.values().shape
        r, c = self._cursor
        if r + block.shape[0] > rows or c + block.shape[1] > cols:
            self.show_message(
                translate("GridBlockEdits", "Can't paste {h}×{w} values at row {r}, column {c}: only {left_h}×{left_w} cells are "
                          "left in this {rows}×{cols} grid. Nothing was changed.").format(
                    h=block.shape[0], w=block.shape[1], r=r, c=c, left_h=rows - r, left_w=cols - c, rows=rows, cols=cols),
                (r, c),
            )  # fmt: skip
            return False
        ok = self.model.set_block(r, c, block, translate("GridBlockEdits", "Paste {h}×{w} values").format(h=block.shape[0], w=block.shape[1]))
        if ok:
            self._anchor, self._cursor = (r, c), (r + block.shape[0] - 1, c + block.shape[1] - 1)
            self.update()
        return ok

    def clear_selection(self) -> bool:
        r0, c0, _, _ = self._selection()
        block = np.zeros_like(self._selected_block())
        return self.model.set_block(r0, c0, block, translate("GridBlockEdits", "Clear cells"))

    def fill(self, value: float) -> bool:
        values = self.model.values()
        return self.model.set_block(0, 0, np.full(values.shape, value), translate("GridBlockEdits", "Fill with {value}").format(value=format_number(value)))

    def randomize(self, low: int, high: int, seed: int | None = None) -> bool:
        values = self.model.values()
        rng = np.random.default_rng(seed)
        block = rng.integers(low, high + 1, size=values.shape).astype(np.float64)
        return self.model.set_block(0, 0, block, translate("GridBlockEdits", "Randomize ({low} to {high})").format(low=low, high=high))

    def transpose(self) -> bool:
        values = self.model.values()
        if values.shape[0] != values.shape[1]:
            self.show_message(translate("GridBlockEdits", "Only square grids can be transposed in place."), self._cursor)
            return False
        return self.model.set_block(0, 0, values.T.copy(), translate("GridBlockEdits", "Transpose"))

    def flip(self, axis: int) -> bool:
        values = self.model.values()
        label = translate("GridBlockEdits", "Flip vertically") if axis == 0 else translate("GridBlockEdits", "Flip horizontally")
        return self.model.set_block(0, 0, np.flip(values, axis=axis).copy(), label)

    # -- context menu ----------------------------------------------------------
    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.build_context_menu()
        if menu is not None:
            menu.exec(event.globalPos())

    def build_context_menu(self) -> QMenu | None:
        menu = QMenu(self)
        copy = QAction(translate("GridBlockEdits", "Copy"), menu, shortcut=QKeySequence.StandardKey.Copy)
        copy.triggered.connect(self.copy_selection)
        menu.addAction(copy)
        if not self.model.editable:
            return menu
        paste = QAction(translate("GridBlockEdits", "Paste"), menu, shortcut=QKeySequence.StandardKey.Paste)
        paste.triggered.connect(lambda: self.paste())
        menu.addAction(paste)
        menu.addSeparator()
        menu.addAction(translate("GridBlockEdits", "Fill with…"), self._ask_fill)
        menu.addAction(translate("GridBlockEdits", "Clear"), lambda: self.fill(0.0))
        menu.addAction(translate("GridBlockEdits", "Randomize…"), self._ask_randomize)
        menu.addSeparator()
        transpose = menu.addAction(translate("GridBlockEdits", "Transpose"), self.transpose)
        rows, cols = self.model.values().shape
        transpose.setEnabled(rows == cols)
        if rows != cols:
            transpose.setToolTip(translate("GridBlockEdits", "Only square grids can be transposed in place"))
        menu.addAction(translate("GridBlockEdits", "Flip left–right"), lambda: self.flip(1))
        menu.addAction(translate("GridBlockEdits", "Flip top–bottom"), lambda: self.flip(0))
        return menu

    def _ask_fill(self) -> None:
        text, ok = QInputDialog.getText(self, translate("GridBlockEdits", "Fill"), translate("GridBlockEdits", "Fill every cell with:"), text="0")
        if not ok:
            return
        try:
            self.fill(parse_number(text))
        except ValueError as exc:
            self.show_message(translate("GridBlockEdits", "Can't fill: {error}.").format(error=exc))

    def _ask_randomize(self) -> None:
        text, ok = QInputDialog.getText(self, translate("GridBlockEdits", "Randomize"), translate("GridBlockEdits", "Random whole numbers from … to … (e.g. -2 2):"), text="-2 2")
        if not ok:
            return
        try:
            parts = text.replace(",", " ").replace("to", " ").split()
            low, high = (int(round(parse_number(v))) for v in parts)
            if low > high:
                raise ValueError(translate("GridBlockEdits", "the first number must not be larger than the second"))
        except ValueError as exc:
            self.show_message(translate("GridBlockEdits", "Can't randomize: {error}. Give two whole numbers, e.g. -2 2.").format(error=exc))
            return
        self.randomize(low, high)
