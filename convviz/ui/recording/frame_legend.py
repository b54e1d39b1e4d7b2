"""Where a frame's colour legend of the maps goes: under the maps, or, where
the maps are wide enough, in their header row right of "Feature maps
[6,6,4]", which gives the grids the legend's height (a crowded frame's
cells grow by it)."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF

__all__ = ["LEGEND_GAP", "LEGEND_INLINE_MIN", "inline_width", "legend_rect"]

LEGEND_INLINE_MIN = 140.0  # base px: the narrowest legend in the header row (its -limit, 0 and +limit apart)
LEGEND_GAP = 20.0  # base px between the header's text and the legend right of it
LEGEND_MAX = 260.0  # base px: the widest legend


def inline_width(header_w: float, unit: float, inline: bool) -> float:
    """The maps' width from which their legend fits right of their header
    (``header_w`` wide); never where not ``inline``."""
    return header_w + (LEGEND_GAP + LEGEND_INLINE_MIN) * unit if inline else math.inf


def legend_rect(x: float, y: float, maps_w: float, maps_h: float, header_w: float, header_h: float, legend_h: float,
                unit: float, inline: float) -> QRectF:  # fmt: skip
    """The legend of maps at ``(x, y)`` (their header's top left), ``maps_w``
    × ``maps_h`` (legend included): in the header row, right-aligned with
    the maps, where they are ``inline`` (:func:`inline_width`) wide; else
    under them. ``legend_h``: its height under the maps, a gap above it
    included."""
    height = legend_h - 8 * unit
    if maps_w >= inline:
        width = min(maps_w - header_w - LEGEND_GAP * unit, LEGEND_MAX * unit)
        return QRectF(x + maps_w - width, y + max(0.0, (header_h - height) / 2), width, height)
    return QRectF(x, y + maps_h - legend_h + 8 * unit, min(max(maps_w, 160 * unit), LEGEND_MAX * unit), height)
