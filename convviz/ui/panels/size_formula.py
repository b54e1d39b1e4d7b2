"""The output-size formula, its letters above its numbers::

    oh = ⌊(H + 2p − d(k−1) − 1)/s⌋ + 1
       = ⌊(8 + 0 − 2 − 1)/1⌋ + 1 = 6

or, where the window is crowded (beside the colour legend), on one line:
``oh = ⌊(H + 2p − d(k−1) − 1)/s⌋ + 1 = ⌊(8 + 0 − 2 − 1)/1⌋ + 1 = 6`` where
the panel is wide enough, else only its numbers ``oh = ⌊(8 + 0 − 2 − 1)/1⌋
+ 1 = 6`` (the letters stay in the tooltip).
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from convviz.ui.panels.widgets import caption

__all__ = ["SizeFormula"]


class SizeFormula(QLabel):
    """A formula that asks for the width of its numbers and shows its
    letters too where it is given the width for them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        template = caption("", "formula")  # the style and text format every caption has
        self.setObjectName(template.objectName())
        self.setTextFormat(template.textFormat())
        template.deleteLater()
        self.full = self.compact = self.two_lines = ""
        self.one_line = False  # see set_one_line
        self._tip = ""

    def set_formula(self, head: str, tail: str) -> None:
        """``head``: ``oh = ⌊(H + 2p − d(k−1) − 1)/s⌋ + 1``; ``tail``: ``= ⌊(8 + 0 − 2 − 1)/1⌋ + 1 = 6``."""
        name = head.split(" = ", 1)[0]
        self.full, self.compact = f"{head} {tail}", f"{name} {tail}"
        self.two_lines = f"{head}\n     {tail}"
        self._reshaped()

    def set_one_line(self, one_line: bool) -> None:
        """One line (the letters where they fit), or the letters above the numbers."""
        if one_line != self.one_line:
            self.one_line = one_line
            self._reshaped()

    def _reshaped(self) -> None:
        self._choose()
        self.updateGeometry()  # its size hint changed with it

    def set_tip(self, tip: str) -> None:
        self._tip = tip
        self._choose()

    def _choose(self) -> None:
        if not self.one_line:
            self.setText(self.two_lines)
            self.setToolTip(self._tip)
            return
        fits = self.fontMetrics().horizontalAdvance(self.full) <= self.contentsRect().width()
        self.setText(self.full if fits else self.compact)
        self.setToolTip(self._tip if fits else f"{self.full}\n\n{self._tip}")

    def sizeHint(self) -> QSize:
        if not self.one_line:
            return super().sizeHint()
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self.compact) + margins.left() + margins.right() + 2
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint() if self.one_line else super().minimumSizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._choose()
