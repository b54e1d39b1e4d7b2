"""Colours, fonts and the one function that paints a cell.

Every grid in convviz, on screen and in exported frames, is painted by
:func:`paint_cell`, so the window and the recordings look the same.

Colours come from the Okabe–Ito palette and Paul Tol's BuRd diverging
scheme, both chosen to stay distinguishable with the common forms of colour
blindness. Meaning never rests on colour alone: the receptive field is also
outlined, the current tap and output cell get a thick double outline, and
padding cells are hatched with their numbers in italics.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QPainter, QPen

from convviz.core.resources import resources_dir

__all__ = [
    "THEMES",
    "Theme",
    "diverging_colors",
    "font",
    "load_fonts",
    "paint_cell",
    "text_color_for",
]

FONT_FAMILY = "DejaVu Sans"

# Paul Tol's BuRd: blue for negative, white at zero, red for positive.
_BURD = ("#2166AC", "#4393C3", "#92C5DE", "#D1E5F0", "#F7F7F7", "#FDDBC7", "#F4A582", "#D6604D", "#B2182B")


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    panel: str
    text: str
    muted: str
    grid_line: str
    input_fill: str  # the seed draws the input in blue
    kernel_fill: str
    bias_fill: str
    padding_fill: str
    padding_text: str
    dropped_fill: str  # input rows/columns no window reaches
    window_fill: str  # receptive-field cells
    window_outline: str
    current: str  # current tap, current output cell, current ledger term
    emphasis: str  # active kernel / channel frames
    error: str
    diverging: tuple[str, ...] = _BURD


LIGHT = Theme(
    name="light",
    background="#FFFFFF",
    panel="#F6F7F9",
    text="#1B1F24",
    muted="#5B6470",
    grid_line="#B8C0CC",
    input_fill="#DCEAF7",
    kernel_fill="#FCE8C8",
    bias_fill="#FCE8C8",
    padding_fill="#EEF0F3",
    padding_text="#6B7480",
    dropped_fill="#E3E3E3",
    window_fill="#7FB3E0",
    window_outline="#0B4F8A",
    current="#D55E00",
    emphasis="#0072B2",
    error="#B00020",
)

DARK = Theme(
    name="dark",
    background="#16191D",
    panel="#1E2227",
    text="#ECEFF3",
    muted="#A4ADB8",
    grid_line="#4A525C",
    input_fill="#1F3A55",
    kernel_fill="#4A3717",
    bias_fill="#4A3717",
    padding_fill="#2A2F36",
    padding_text="#9AA3AE",
    dropped_fill="#33363A",
    window_fill="#2F6FA8",
    window_outline="#9CD0FF",
    current="#FF9A4D",
    emphasis="#56B4E9",
    error="#FF6B7A",
)

HIGH_CONTRAST = Theme(
    name="high-contrast",
    background="#FFFFFF",
    panel="#FFFFFF",
    text="#000000",
    muted="#000000",
    grid_line="#000000",
    input_fill="#FFFFFF",
    kernel_fill="#FFFFFF",
    bias_fill="#FFFFFF",
    padding_fill="#D9D9D9",
    padding_text="#000000",
    dropped_fill="#BFBFBF",
    window_fill="#FFE14D",
    window_outline="#000000",
    current="#C00000",
    emphasis="#0000C0",
    error="#C00000",
)

THEMES = {t.name: t for t in (LIGHT, DARK, HIGH_CONTRAST)}


@cache
def load_fonts() -> str:
    """Register the bundled fonts once; returns the family to use.

    Bundling DejaVu Sans makes frames look the same on every machine and
    guarantees the glyphs the ledger needs (−, ·, ⌊ ⌋, ≈).
    """
    folder = resources_dir() / "fonts"
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        QFontDatabase.addApplicationFont(str(folder / name))
    return FONT_FAMILY


def font(pixel_size: float, bold: bool = False, italic: bool = False) -> QFont:
    f = QFont(FONT_FAMILY)
    f.setPixelSize(max(6, int(round(pixel_size))))
    f.setBold(bold)
    f.setItalic(italic)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


@cache
def _color(hex_code: str) -> QColor:
    return QColor(hex_code)


def color(hex_code: str, alpha: float = 1.0) -> QColor:
    c = QColor(_color(hex_code))
    if alpha < 1.0:
        c.setAlphaF(alpha)
    return c


def diverging_colors(values: np.ndarray, limit: float, stops: tuple[str, ...] = _BURD) -> np.ndarray:
    """RGB (…, 3) uint8 for ``values`` on a symmetric scale ``[-limit, limit]``."""
    rgb = np.array([[int(s[i : i + 2], 16) for i in (1, 3, 5)] for s in stops], dtype=np.float64)
    t = np.clip((np.asarray(values, dtype=np.float64) / (limit if limit > 0 else 1.0) + 1.0) / 2.0, 0.0, 1.0)
    pos = t * (len(stops) - 1)
    lo = np.floor(pos).astype(int)
    hi = np.minimum(lo + 1, len(stops) - 1)
    frac = (pos - lo)[..., None]
    return np.round(rgb[lo] * (1 - frac) + rgb[hi] * frac).astype(np.uint8)


def text_color_for(fill: QColor) -> QColor:
    """Black or white, whichever reads better on ``fill``."""
    r, g, b = fill.redF(), fill.greenF(), fill.blueF()
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return QColor("#000000") if luminance > 0.45 else QColor("#FFFFFF")


_HATCH = QBrush(QColor(0, 0, 0, 38), Qt.BrushStyle.BDiagPattern)


def paint_cell(
    painter: QPainter,
    rect: QRectF,
    text: str,
    fill: QColor,
    text_color: QColor,
    cell_font: QFont,
    *,
    border: QColor | None = None,
    border_width: float = 1.0,
    hatched: bool = False,
    radius: float = 3.0,
) -> None:
    """One grid cell: a rounded box, optional hatching, the number centred."""
    inner = rect.adjusted(1, 1, -1, -1)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawRoundedRect(inner, radius, radius)
    if hatched:
        painter.setBrush(_HATCH)
        painter.drawRoundedRect(inner, radius, radius)
    if border is not None:
        pen = QPen(border, border_width)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = border_width / 2
        painter.drawRoundedRect(inner.adjusted(half, half, -half, -half), radius, radius)
    if text:
        painter.setFont(cell_font)
        painter.setPen(text_color)
        painter.drawText(inner, Qt.AlignmentFlag.AlignCenter, text)
