"""A frame's fonts, and the shapes its title and headers write: the pieces
both the frame's layout (which measures them) and its painting use."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QFont, QFontMetricsF

from convviz.core.errors import ConvError
from convviz.core.scene import Scene
from convviz.ui.base import theme as th

__all__ = ["frame_font", "frame_metrics", "shape_text", "shapes_text"]


@lru_cache(maxsize=512)
def frame_font(px: float, bold: bool = False, italic: bool = False) -> QFont:
    return th.font(round(px * 2) / 2, bold=bold, italic=italic)


@lru_cache(maxsize=512)
def frame_metrics(px: float, bold: bool = False) -> QFontMetricsF:
    return QFontMetricsF(frame_font(px, bold))


def shape_text(values: tuple[int, ...]) -> str:
    return "[" + ",".join(str(v) for v in values) + "]"


def shapes_text(scene: Scene) -> str:
    """``[5,5,3] ∗ [3,3,3,2] → [3,3,2]`` (``?`` for an impossible output)."""
    kh, kw, c, K = scene.kernel_shape
    try:
        oh, ow = scene.output_hw()  # either op's
        out = shape_text((oh, ow, K))
    except ConvError:
        out = f"[?,?,{K}]"
    return f"{shape_text(scene.input_shape)} ∗ {shape_text((kh, kw, c, K))} → {out}"
