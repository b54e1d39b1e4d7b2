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

import math
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QFontMetricsF, QPainter, QPen

from convviz.core.frame import CaptionState, CellRole, ColorScale, GridFrame, GridKind
from convviz.core.numbers import ShownNumber, fit_number
from convviz.core.resources import resources_dir

__all__ = [
    "CHANNEL_COLOURS",
    "CJK_FONT_FAMILY",
    "DIM_ALPHA",
    "MIN_CELL_FONT_PX",
    "THEMES",
    "CellLook",
    "Theme",
    "blend",
    "caption_look",
    "cell_look",
    "cell_text_room",
    "channel_colour",
    "display_name",
    "current_inset",
    "current_pens",
    "diverging_colors",
    "fit_cell_text",
    "font",
    "grey_colors",
    "load_fonts",
    "paint_cell",
    "paint_value_cell",
    "text_color_for",
    "uniform_cell_px",
    "window_pens",
]

# Each input channel has one colour, on its caption, its window box, the
# kernel channel that reads it and its ledger row: Okabe–Ito's orange, sky
# blue, bluish green and reddish purple, told apart under every common form
# of colour blindness (blue and vermillion are the emphasis and "current"
# colours). Past four channels the colours repeat; the labels still differ.
CHANNEL_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#CC79A7")

DIM_ALPHA = 0.5  # a grid the step doesn't use is covered by the background at this alpha
GREYED_ALPHA = 0.72  # stale maps, while the parameters are impossible
MIN_CELL_FONT_PX = 9.0  # the smallest cell text at 100 % zoom; below it a shorter form or none

FONT_FAMILY = "DejaVu Sans"
# The Chinese glyphs of the translations (a subset of Noto Sans CJK SC, built by
# tools/make_cjk_font.py), tried for every character DejaVu Sans lacks.
CJK_FONT_FAMILY = "convviz CJK"
FONT_FAMILIES = [FONT_FAMILY, CJK_FONT_FAMILY]

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
    padding_text="#5F6874",  # 4.9:1 on padding_fill
    dropped_fill="#E3E3E3",
    window_fill="#7FB3E0",
    window_outline="#0B4F8A",
    current="#B85000",  # Okabe–Ito's vermillion, darkened to 5:1 on white for text
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
    muted="#3B3B3B",  # 11:1, and still apart from the text (the ledger's products to come)
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
# The themes' names as menus and lists show them, marked for translation.
_DISPLAY_NAMES = {
    "light": QT_TRANSLATE_NOOP("Theme", "Light"),
    "dark": QT_TRANSLATE_NOOP("Theme", "Dark"),
    "high-contrast": QT_TRANSLATE_NOOP("Theme", "High contrast"),
}


def display_name(name: str) -> str:
    """The theme ``name`` (a key of :data:`THEMES`) as the user reads it, in the window's language."""
    return QCoreApplication.translate("Theme", _DISPLAY_NAMES[name])


@cache
def load_fonts() -> str:
    """Register the bundled fonts once; returns the family to use.

    Bundling DejaVu Sans makes frames look the same on every machine and
    guarantees the glyphs the ledger needs (−, ·, ⌊ ⌋, ≈); the CJK subset
    does the same for Chinese on a machine without CJK fonts.
    """
    folder = resources_dir() / "fonts"
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "convviz-cjk-subset.otf"):
        QFontDatabase.addApplicationFont(str(folder / name))
    return FONT_FAMILY


def font(pixel_size: float, bold: bool = False, italic: bool = False) -> QFont:
    f = QFont(FONT_FAMILY)
    f.setFamilies(FONT_FAMILIES)
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


def grey_colors(values: np.ndarray, low: float, high: float) -> np.ndarray:
    """RGB (…, 3) uint8 greys: ``low`` black, ``high`` white."""
    span = high - low if high > low else 1.0
    grey = np.clip((np.asarray(values, dtype=np.float64) - low) / span, 0.0, 1.0)
    return np.repeat(np.round(grey * 255).astype(np.uint8)[..., None], 3, axis=-1)


def channel_colour(channel: int | None) -> str | None:
    """The identity colour of input channel ``channel`` (0-based)."""
    return None if channel is None else CHANNEL_COLOURS[channel % len(CHANNEL_COLOURS)]


def text_color_for(fill: QColor) -> QColor:
    """Black or white, whichever has the higher WCAG contrast on ``fill``
    (always at least 4.58:1)."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(fill.redF()) + 0.7152 * linear(fill.greenF()) + 0.0722 * linear(fill.blueF())
    # (L + 0.05) / 0.05 against black, 1.05 / (L + 0.05) against white: equal at L ≈ 0.179.
    return QColor("#000000") if (luminance + 0.05) ** 2 >= 0.0525 else QColor("#FFFFFF")


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
        # No clipping flag: fit_cell_text made the text fit, and a number
        # must never be cut.
        painter.drawText(inner, Qt.AlignmentFlag.AlignCenter, text)


# -- the look of one cell, from the frame model --------------------------------------------


@dataclass(frozen=True)
class CellLook:
    fill: QColor
    text_color: QColor
    bold: bool = False
    italic: bool = False
    hatched: bool = False
    blank: bool = False  # no number: not computed yet


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved ``t`` of the way to ``b``."""
    return QColor(
        round(a.red() * (1 - t) + b.red() * t),
        round(a.green() * (1 - t) + b.green() * t),
        round(a.blue() * (1 - t) + b.blue() * t),
    )


def _scale_fill(scale: ColorScale, value: float, theme: Theme) -> QColor:
    if scale.kind == "diverging":
        rgb = diverging_colors(np.array([value]), scale.high, theme.diverging)[0]
    else:
        rgb = grey_colors(np.array([value]), scale.low, scale.high)[0]
    return QColor(int(rgb[0]), int(rgb[1]), int(rgb[2]))


# The partial-maps and im2col views' grids look like the grids they stand for:
# partials and products like maps, W like a kernel, b like a bias, U like the input.
_LOOK_OF = {GridKind.PARTIAL: GridKind.OUTPUT, GridKind.RESULT: GridKind.OUTPUT, GridKind.WEIGHTS: GridKind.KERNEL,
            GridKind.BIAS_TERM: GridKind.BIAS, GridKind.UNFOLDED: GridKind.INPUT}


def cell_look(grid: GridFrame, row: int, col: int, role: CellRole, theme: Theme, value: float | None) -> CellLook:
    """How grid cell ``(row, col)`` in ``role`` is painted, in the window and in frames alike."""
    if role is CellRole.HIDDEN or value is None:
        return CellLook(color(theme.panel), color(theme.text), blank=True)
    if role is CellRole.PENDING:
        # Not a feature-map colour yet: the value is still being added up.
        fill = blend(color(theme.background), color(theme.current), 0.16)
        return CellLook(fill, color(theme.text), bold=True, italic=True)
    real = grid.is_real(row, col)
    kind = _LOOK_OF.get(grid.kind, grid.kind)
    if kind is GridKind.OUTPUT:
        fill = _scale_fill(grid.scale, value, theme)
        return CellLook(fill, text_color_for(fill), bold=role is CellRole.CURRENT)
    if kind in (GridKind.KERNEL, GridKind.BIAS):
        fill = color(theme.bias_fill if kind is GridKind.BIAS else theme.kernel_fill)
        return CellLook(fill, color(theme.text), bold=role is CellRole.CURRENT)
    # Input: the window's cells (the current one among them) are shaded.
    in_window = role in (CellRole.TAPPED, CellRole.CURRENT)
    if not real:
        fill = color(theme.padding_fill)
        if in_window:
            fill = blend(fill, color(theme.window_fill), 0.55)
            return CellLook(fill, text_color_for(fill), bold=True, italic=True, hatched=True)
        return CellLook(fill, color(theme.padding_text), italic=True, hatched=True)
    if in_window:
        fill = color(theme.window_fill)
        return CellLook(fill, text_color_for(fill), bold=True)
    if role is CellRole.DROPPED:
        return CellLook(color(theme.dropped_fill), color(theme.muted))
    return CellLook(color(theme.input_fill), color(theme.text))


@lru_cache(maxsize=256)
def _metrics(px: int, bold: bool, italic: bool) -> QFontMetricsF:
    # One per font: fitting a grid's numbers measures hundreds of texts in a few sizes.
    return QFontMetricsF(font(px, bold=bold, italic=italic))


@lru_cache(maxsize=8192)
def _text_width(text: str, px: int, bold: bool, italic: bool) -> float:
    return _metrics(px, bold, italic).horizontalAdvance(text)


def cell_text_room(width: float) -> float:
    """The width a cell's number may take: the cell less its border and a margin."""
    return width - 2.0 - max(2.0, 0.1 * width)


@lru_cache(maxsize=65536)
def fit_cell_text(value: float, width: float, height: float, base_px: float, floor_px: float = MIN_CELL_FONT_PX,
                  *, bold: bool = False, italic: bool = False) -> tuple[ShownNumber | None, int]:  # fmt: skip
    """The text and whole-pixel font size of ``value`` in a cell of ``width``×``height``.

    The number is never cut: the font shrinks from ``base_px`` down to
    ``floor_px``; if the full rounding still doesn't fit, a shorter form
    that is still a correct rounding is shown (:func:`convviz.core.numbers.fit_number`);
    if none fits, no number at all (None), and the value stays on hover.
    """
    room = cell_text_room(width)
    # The floor wins over a smaller base size: a legible number or none.
    top_px = math.floor(min(max(base_px, floor_px), height * 0.8))
    floor = math.ceil(floor_px)
    if top_px < floor:
        return None, 0

    def px_for(text: str) -> int:
        # Text width grows with the font size: the largest size that fits.
        px = top_px
        while px >= floor and _text_width(text, px, bold, italic) > room:
            px = max(floor - 1, min(px - 1, math.floor(px * room / _text_width(text, px, bold, italic))))
        return px

    shown = fit_number(value, lambda text: px_for(text) >= floor)
    if shown is None:
        return None, 0
    return shown, px_for(shown.text)


def uniform_cell_px(values: np.ndarray, width: float, height: float, base_px: float,
                    floor_px: float = MIN_CELL_FONT_PX) -> float:  # fmt: skip
    """One font size for a whole grid: the largest at which each of its
    values fits (in its most precise form that fits at all), so a grid's
    numbers don't jump in size from cell to cell."""
    flat = np.asarray(values, dtype=np.float64).ravel()
    unique = np.unique(flat) if flat.size <= 65536 else np.unique(flat[:: max(1, flat.size // 4096)])
    px = float(base_px)
    for v in unique:
        shown, fitted = fit_cell_text(float(v), width, height, base_px, floor_px, bold=True)
        if shown is not None:
            px = min(px, float(fitted))
    return max(px, float(floor_px))


def paint_value_cell(painter: QPainter, rect: QRectF, grid: GridFrame, row: int, col: int, role: CellRole,
                     theme: Theme, base_px: float, floor_px: float = MIN_CELL_FONT_PX) -> str:  # fmt: skip
    """Paint one cell of ``grid`` as the frame model says; returns the text drawn."""
    value = grid.value(row, col)
    look = cell_look(grid, row, col, role, theme, value)
    text, px = "", 0
    if not look.blank and value is not None:
        shown, px = fit_cell_text(value, rect.width(), rect.height(), base_px, floor_px, bold=look.bold, italic=look.italic)
        text = shown.text if shown is not None else ""
    size = rect.width()
    paint_cell(painter, rect, text, look.fill, look.text_color, font(px or 6, bold=look.bold, italic=look.italic),
               border=color(theme.grid_line), hatched=look.hatched, radius=max(2.0, min(size * 0.08, 6.0)))  # fmt: skip
    return text


# -- pens ------------------------------------------------------------------------------------------


def window_pens(theme: Theme, cell: float, channel: int | None) -> tuple[QPen, QPen | None]:
    """The kernel window's outline: in the channel's colour, with a thin line
    in the theme's outline colour inside it so it shows on any fill."""
    width = max(2.5, min(cell, 40.0) / 10)
    hue = channel_colour(channel)
    outer = QPen(color(hue or theme.window_outline), width)
    outer.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    if hue is None:
        return outer, None
    inner = QPen(color(theme.window_outline), 1.2)
    inner.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    return outer, inner


def current_pens(theme: Theme, cell: float) -> tuple[QPen, QPen]:
    """The current cell: a thick outline and, inside it, a thin one in the
    text colour, so it is told from the window without relying on hue."""
    width = max(3.0, min(cell, 60.0) / 9)
    outer = QPen(color(theme.current), width)
    outer.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    return outer, QPen(color(theme.text), 1.2)


def current_inset(cell: float) -> float:
    return max(3.0, min(cell, 60.0) / 9) + 1.5


# -- captions --------------------------------------------------------------------------------------


def caption_look(state: CaptionState, theme: Theme) -> tuple[QColor, bool]:
    """A grid caption's colour and weight: the grid being summed in the
    "current" colour, the grids taking part in the emphasis colour, bold."""
    if state is CaptionState.CURRENT:
        return color(theme.current), True
    if state is CaptionState.LIT:
        return color(theme.emphasis), True
    if state is CaptionState.DIMMED:
        return color(theme.muted, 0.55), False
    return color(theme.muted), False
