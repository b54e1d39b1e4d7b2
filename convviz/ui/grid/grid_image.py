"""A grid of the frame model drawn as an image: one pixel per cell, on the
grid's own colour scale. Shared by the window's views and the recordings."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage

from convviz.core.frame import GridFrame
from convviz.ui.base import theme as th

__all__ = ["MAX_IMAGE_SIDE", "rgb_image", "values_rgb"]

# Past this many cells a side an image is thinned before it is coloured: it
# is drawn far smaller than that anyway (im2col's U can have 260,100 columns).
MAX_IMAGE_SIDE = 2048


def _hex_rgb(code: str) -> np.ndarray:
    return np.array([int(code[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.uint8)


def values_rgb(grid: GridFrame, theme: th.Theme, *, max_side: tuple[int, int] | None = None) -> np.ndarray:
    """``grid``'s values as RGB ``(rows, cols, 3)`` uint8: greys on a grey
    scale, else the diverging colours; cells not computed yet in the panel
    colour. With ``max_side`` (rows, cols), every n-th row and column past it."""
    values, hidden = grid.values, grid.hidden
    if max_side is not None:
        rs, cs = (max(1, -(-n // limit)) for n, limit in zip(values.shape, max_side))
        values = values[::rs, ::cs]
        hidden = None if hidden is None else hidden[::rs, ::cs]
    scale = grid.scale
    if scale.kind == "grey":
        rgb = th.grey_colors(values, scale.low, scale.high)
    else:
        rgb = th.diverging_colors(values, scale.high, theme.diverging)
    if hidden is not None:
        rgb = np.where(hidden[:, :, None], _hex_rgb(theme.panel), rgb)
    return rgb


def rgb_image(rgb: np.ndarray) -> QImage:
    """A QImage that owns a copy of ``rgb`` (rows, cols, 3) uint8."""
    rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
    h, w, _ = rgb.shape
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
