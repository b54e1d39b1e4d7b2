"""A frame's title: the caption (the scene's name by default) with the step
label right of it, and under them the shapes and parameters with the step
counter right of them; in a crowded frame, where all four fit whole, in one
row (the caption and shapes at the left, the label and counter at the
right), which gives the grids the second row's height.

:mod:`convviz.ui.recording.frame_layout` places its rows; the frame
renderer paints them through here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter

from convviz.core.frame import step_counter
from convviz.core.scene import Scene
from convviz.ui.base import theme as th
from convviz.ui.recording.frame_text import frame_font, frame_metrics, shapes_text

if TYPE_CHECKING:
    from convviz.core.frame import Frame
    from convviz.core.transposed_view import AnyTrace
    from convviz.ui.recording.frame_layout import FrameLayout

__all__ = ["STEP_LABEL_PX", "SUBTITLE_PX", "TITLE_PX", "one_row_title", "paint_step_label", "paint_title", "title_rows"]

TITLE_PX, SUBTITLE_PX, STEP_LABEL_PX = 26, 18, 20  # base font sizes of the two title rows
COUNTER_SHARE = 0.9  # the step counter's text, of the shapes'
INNER_GAP, OUTER_GAP = 16.0, 32.0  # base px: caption to shapes (label to counter); the left pair to the right one
LABEL_SAMPLES = 96  # steps whose labels are measured (evenly spread, and the last ones)
LABEL_SPARE = 1.03  # the widest label measured, with room for one a little wider (a wider kernel name unsampled)

translate = QCoreApplication.translate


def title_rows(margin: float, inner_w: float, u: float, s: float) -> tuple[QRectF, QRectF]:
    """The caption row and, under it, the shapes row."""
    title = QRectF(margin, margin * 0.6, inner_w, frame_metrics(TITLE_PX * u * s, True).height() * 1.2)
    shapes = QRectF(margin, title.bottom(), inner_w, frame_metrics(SUBTITLE_PX * u * s).height() * 1.2)
    return title, shapes


def caption_text(scene: Scene, caption: str | None) -> str:
    return (scene.name or translate("FrameRenderer", "untitled")) if caption is None else caption


def params_line(scene: Scene) -> str:
    """The shapes ``[5,5,3] ∗ [3,3,3,2] → [3,3,2]`` and any parameter that isn't PyTorch's default."""
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
    return "   ·   ".join(parts)


def _widest_label(trace: AnyTrace, fm: QFontMetricsF) -> float:
    """The widest step label among an even sample of the steps and the last
    ones (whose rows, columns and channels have the most digits)."""
    n = len(trace)
    picks = {int(i) for i in np.linspace(0, n - 1, min(n, LABEL_SAMPLES))} | set(range(max(0, n - LABEL_SAMPLES // 2), n))
    return max(fm.horizontalAdvance(trace.label(trace.step(i))) for i in picks)  # type: ignore[arg-type]


def one_row_title(scene: Scene, trace: AnyTrace, caption: str | None, margin: float, inner_w: float, u: float,
                  s: float) -> QRectF | None:  # fmt: skip
    """The title's one row, where the caption, the shapes, every step's
    label and the step counter fit in it whole at their sizes; else None."""
    if len(trace) == 0:
        return None
    text = caption_text(scene, caption)
    need = (frame_metrics(TITLE_PX * u * s, True).horizontalAdvance(text) + INNER_GAP * u
            + frame_metrics(SUBTITLE_PX * u * s).horizontalAdvance(params_line(scene)) + OUTER_GAP * u
            + _widest_label(trace, frame_metrics(STEP_LABEL_PX * u * s, True)) * LABEL_SPARE + INNER_GAP * u
            + _counter_width(len(trace), u, s))  # fmt: skip
    if need > inner_w:
        return None
    return QRectF(margin, margin * 0.6, inner_w, frame_metrics(TITLE_PX * u * s, True).height() * 1.2)


def _counter_width(total: int, u: float, s: float) -> float:
    """The widest step counter (the last step's)."""
    return frame_metrics(SUBTITLE_PX * u * s * COUNTER_SHARE).horizontalAdvance(step_counter(total - 1, total))


def _baseline(rect: QRectF, u: float, s: float) -> float:
    """The one row's baseline: the caption's, centred in the row."""
    fm = frame_metrics(TITLE_PX * u * s, True)
    return rect.top() + (rect.height() - fm.height()) / 2 + fm.ascent()


def paint_title(p: QPainter, title_rect: QRectF, shapes_rect: QRectF, caption_w: float, u: float, s: float,
                scene: Scene, theme: th.Theme, caption: str | None, one_row: bool = False) -> None:  # fmt: skip
    """The caption (the scene's name by default) and, under it (``one_row``:
    right of it), the shapes ``[5,5,3] ∗ [3,3,3,2] → [3,3,2]`` and any
    parameter that isn't PyTorch's default."""
    text = caption_text(scene, caption)
    if one_row:  # both whole (one_row_title measured them), on one baseline
        baseline, px = _baseline(title_rect, u, s), TITLE_PX * u * s
        p.setFont(frame_font(px, True))
        p.setPen(th.color(theme.text))
        p.drawText(QPointF(title_rect.left(), baseline), text)
        x = title_rect.left() + (frame_metrics(px, True).horizontalAdvance(text) + INNER_GAP * u if text else 0.0)
        p.setFont(frame_font(SUBTITLE_PX * u * s))
        p.setPen(th.color(theme.muted))
        p.drawText(QPointF(x, baseline), params_line(scene))
        return
    if text:
        px = TITLE_PX * u * s
        shown = frame_metrics(px, True).elidedText(text, Qt.TextElideMode.ElideRight, caption_w)
        p.setFont(frame_font(px, True))
        p.setPen(th.color(theme.text))
        p.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
    px = SUBTITLE_PX * u * s
    shown = frame_metrics(px).elidedText(params_line(scene), Qt.TextElideMode.ElideRight, shapes_rect.width() * 0.8)
    p.setFont(frame_font(px))
    p.setPen(th.color(theme.muted))
    p.drawText(shapes_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)


def paint_step_label(p: QPainter, lay: FrameLayout, frame: Frame, theme: th.Theme) -> None:
    """What this step does, right of the caption; the step counter under it
    (in one row: right of it, in the widest counter's place, so that the
    label doesn't move as the counter's digits grow)."""
    px = STEP_LABEL_PX * lay.unit * lay.scale
    if lay.title_one_row:
        row, u, s = lay.title_rect, lay.unit, lay.scale
        baseline, counter_px = _baseline(row, u, s), SUBTITLE_PX * u * s * COUNTER_SHARE
        counter_w = frame_metrics(counter_px).horizontalAdvance(frame.counter)
        p.setFont(frame_font(counter_px))
        p.setPen(th.color(theme.muted))
        p.drawText(QPointF(row.right() - counter_w, baseline), frame.counter)
        right = row.right() - _counter_width(frame.total, u, s) - INNER_GAP * u
        p.setFont(frame_font(px, True))
        p.setPen(th.color(theme.current))
        p.drawText(QPointF(right - frame_metrics(px, True).horizontalAdvance(frame.label), baseline), frame.label)
        return
    label_w = lay.title_rect.width() - lay.caption_width - 24 * lay.unit
    shown = frame_metrics(px, True).elidedText(frame.label, Qt.TextElideMode.ElideLeft, label_w)
    p.setFont(frame_font(px, True))
    p.setPen(th.color(theme.current))
    p.drawText(lay.title_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)
    p.setFont(frame_font(SUBTITLE_PX * lay.unit * lay.scale * COUNTER_SHARE))
    p.setPen(th.color(theme.muted))
    p.drawText(lay.params_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, frame.counter)
