"""A frame's title: the caption (the scene's name by default) with the step
label right of it, and under them the shapes and parameters with the step
counter right of them.

:mod:`convviz.ui.recording.frame_layout` places its rows; the frame
renderer paints them through here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QPainter

from convviz.core.scene import Scene
from convviz.ui.base import theme as th
from convviz.ui.recording.frame_text import frame_font, frame_metrics, shapes_text

if TYPE_CHECKING:
    from convviz.core.frame import Frame
    from convviz.ui.recording.frame_layout import FrameLayout

__all__ = ["STEP_LABEL_PX", "SUBTITLE_PX", "TITLE_PX", "paint_step_label", "paint_title", "title_rows"]

TITLE_PX, SUBTITLE_PX, STEP_LABEL_PX = 26, 18, 20  # base font sizes of the two title rows

translate = QCoreApplication.translate


def title_rows(margin: float, inner_w: float, u: float, s: float) -> tuple[QRectF, QRectF]:
    """The caption row and, under it, the shapes row."""
    title = QRectF(margin, margin * 0.6, inner_w, frame_metrics(TITLE_PX * u * s, True).height() * 1.2)
    shapes = QRectF(margin, title.bottom(), inner_w, frame_metrics(SUBTITLE_PX * u * s).height() * 1.2)
    return title, shapes


def paint_title(p: QPainter, title_rect: QRectF, shapes_rect: QRectF, caption_w: float, u: float, s: float,
                scene: Scene, theme: th.Theme, caption: str | None) -> None:  # fmt: skip
    """The caption (the scene's name by default) and, under it, the shapes
    ``[5,5,3] ∗ [3,3,3,2] → [3,3,2]`` and any parameter that isn't PyTorch's default."""
    text = (scene.name or translate("FrameRenderer", "untitled")) if caption is None else caption
    if text:
        px = TITLE_PX * u * s
        shown = frame_metrics(px, True).elidedText(text, Qt.TextElideMode.ElideRight, caption_w)
        p.setFont(frame_font(px, True))
        p.setPen(th.color(theme.text))
        p.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
    params = scene.params
    parts = [shapes_text(scene)]
    if params.stride != (1, 1):
        parts.append(translate("FrameRenderer", "stride {rows}×{cols}").format(rows=params.stride[0], cols=params.stride[1]))
    if params.padding != (0, 0):
        pad = params.padding if isinstance(params.padding, str) else f"{params.padding[0]}×{params.padding[1]}"
        parts.append(translate("FrameRenderer", "padding {size} ({mode})").format(size=pad, mode=params.padding_mode))
    if params.dilation != (1, 1):
        parts.append(translate("FrameRenderer", "dilation {rows}×{cols}").format(rows=params.dilation[0], cols=params.dilation[1]))
    if params.groups != 1:
        parts.append(translate("FrameRenderer", "groups {groups}").format(groups=params.groups))
    if params.transposed:
        op = params.output_padding
        extra = translate("FrameRenderer", " · output padding {rows}×{cols}").format(rows=op[0], cols=op[1]) if op != (0, 0) else ""
        parts.insert(1, translate("FrameRenderer", "transposed (scatter)") + extra)
    px = SUBTITLE_PX * u * s
    shown = frame_metrics(px).elidedText("   ·   ".join(parts), Qt.TextElideMode.ElideRight, shapes_rect.width() * 0.8)
    p.setFont(frame_font(px))
    p.setPen(th.color(theme.muted))
    p.drawText(shapes_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)


def paint_step_label(p: QPainter, lay: FrameLayout, frame: Frame, theme: th.Theme) -> None:
    """What this step does, right of the caption; the step counter under it."""
    px = STEP_LABEL_PX * lay.unit * lay.scale
    label_w = lay.title_rect.width() - lay.caption_width - 24 * lay.unit
    shown = frame_metrics(px, True).elidedText(frame.label, Qt.TextElideMode.ElideLeft, label_w)
    p.setFont(frame_font(px, True))
    p.setPen(th.color(theme.current))
    p.drawText(lay.title_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)
    p.setFont(frame_font(SUBTITLE_PX * lay.unit * lay.scale * 0.9))
    p.setPen(th.color(theme.muted))
    p.drawText(lay.params_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, frame.counter)
