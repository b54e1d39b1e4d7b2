"""A grid's block operations, as in a spreadsheet: copy and paste blocks,
fill, clear, randomize, transpose and flip, and the context menu that offers
them. Mixed into :class:`~convviz.ui.grid.matrix_view.MatrixView`, which provides
the model, the selection and the messages beside the cells."""

from __future__ import annotations

import numpy as np
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


class GridBlockEdits:
    """Block operations on the selection of a grid view (see the module doc)."""

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
