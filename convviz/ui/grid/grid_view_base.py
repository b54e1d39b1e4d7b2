"""What every view of one matrix shares, as numbers or as an image.

:class:`~convviz.ui.grid.matrix_view.MatrixView` draws the numbers and
:class:`~convviz.ui.grid.image_channel_view.ImageChannelView` an image; the
panels and the animator drive both through the same signals and ``set_*``
methods, which keep the state held here.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from convviz.ui.base import theme as th
from convviz.ui.document.matrix_model import MatrixModel
from convviz.ui.grid.grid_overlay import GridOverlay, PaddingFrame

__all__ = ["NO_OVERLAY", "GridViewBase"]

NO_OVERLAY = GridOverlay()  # nothing highlighted: what set_overlay(None) shows


class GridViewBase(QWidget):
    """One matrix of ``model``; ``style`` is ``"input"``, ``"kernel"``, ``"bias"`` or ``"output"``."""

    cellClicked = Signal(int, int)  # real (unpadded) coordinates; may lie in the padding
    cellHovered = Signal(int, int)
    statusMessage = Signal(str)

    def __init__(self, model: MatrixModel, style: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.style_kind = style
        self.theme: th.Theme = th.LIGHT
        self.cell_size = 36
        self.padding = PaddingFrame()
        self.overlay = NO_OVERLAY
        self.dropped_rows: frozenset[int] = frozenset()
        self.dropped_cols: frozenset[int] = frozenset()
        self.color_limit = 1.0
        self.greyed = False

    @property
    def grid_shape(self) -> tuple[int, int]:
        """Rows and columns drawn, padding included."""
        rows, cols = self.model.values().shape
        p = self.padding
        return rows + p.top + p.bottom, cols + p.left + p.right
