"""Playback icons drawn in a given colour, so they show on every theme.

The style's standard media icons are dark grey pictures that disappear on
the dark theme's bars.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF

__all__ = ["playback_icon"]


def playback_icon(kind: str, color: QColor, size: int = 32) -> QIcon:
    """``play``, ``pause``, ``back``/``forward`` (one step), ``first``/``last``."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    try:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        s = size / 32

        def triangle(tip_x: float, base_x: float) -> None:
            p.drawPolygon(QPolygonF([QPointF(base_x * s, 8 * s), QPointF(tip_x * s, 16 * s), QPointF(base_x * s, 24 * s)]))

        if kind == "play":
            p.drawPolygon(QPolygonF([QPointF(10 * s, 6 * s), QPointF(26 * s, 16 * s), QPointF(10 * s, 26 * s)]))
        elif kind == "pause":
            p.drawRect(QRectF(9 * s, 7 * s, 5 * s, 18 * s))
            p.drawRect(QRectF(18 * s, 7 * s, 5 * s, 18 * s))
        elif kind == "back":
            p.drawRect(QRectF(7 * s, 8 * s, 3 * s, 16 * s))
            triangle(12, 25)
        elif kind == "forward":
            p.drawRect(QRectF(22 * s, 8 * s, 3 * s, 16 * s))
            triangle(20, 7)
        elif kind == "first":
            p.drawRect(QRectF(5 * s, 8 * s, 3 * s, 16 * s))
            triangle(9, 18)
            triangle(17, 27)
        elif kind == "last":
            p.drawRect(QRectF(24 * s, 8 * s, 3 * s, 16 * s))
            triangle(23, 14)
            triangle(15, 5)
        else:
            raise ValueError(f"unknown playback icon {kind!r}")
    finally:
        p.end()  # always: a painter left active on a dying device crashes Qt
    return QIcon(pixmap)
