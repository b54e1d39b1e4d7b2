"""What a screen reader hears of a grid: the grid's name as its accessible
name, and the cell under the keyboard cursor ("input channel 1, row 2,
column 3, value 5") as its accessible description, kept current as the
cursor moves and values change. The sentence comes from the model
(``Qt.AccessibleTextRole``), in the current language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

__all__ = ["announce_current_cell", "current_cell_sentence"]


def current_cell_sentence(view: QWidget) -> str:
    model = view.model  # type: ignore[attr-defined]
    row, col = view.current_cell()  # type: ignore[attr-defined]
    rows, cols = model.values().shape
    if not (0 <= row < rows and 0 <= col < cols):
        return ""
    return str(model.data(model.index(row, col), Qt.ItemDataRole.AccessibleTextRole) or "")


def announce_current_cell(view: QWidget) -> None:
    """Put the current cell's sentence in ``view``'s accessible description
    (Qt tells assistive technology that it changed)."""
    if not view.accessibleName():
        view.setAccessibleName(view.model.describe())  # type: ignore[attr-defined]
    text = current_cell_sentence(view)
    if text and text != view.accessibleDescription():
        view.setAccessibleDescription(text)
