"""A crowded frame's headings, tighter: its title on one row (the caption and
shapes at the left, the step label and counter at the right, all whole) and
the maps' colour legend in their header row, which give 8×8×4 with four
kernels 32 px cells at 1280×720 (1.3 × the window's 24); a frame with room
to spare keeps its two title rows."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF
from test_layout_fit import dense

from convviz.core.catalogue import resolve_scene
from convviz.ui.base import theme as th
from convviz.ui.recording.frame_layout import compute_layout
from convviz.ui.recording.frame_renderer import FrameRenderer, frame_array, make_trace, render_frame_image
from convviz.ui.recording.frame_text import frame_metrics, shape_text

SIZE = (1280, 720)


def crowded():
    scene = dense(8, 4, 4, 3, 1)
    return scene, make_trace(scene)


def test_a_crowded_frames_legend_sits_in_the_maps_header_row_right_of_their_whole_heading():
    scene, trace = crowded()
    lay = compute_layout(scene, trace, *SIZE)
    assert min(g.cell_w for g in (*lay.inputs, *lay.kernels, lay.bias, *lay.outputs)) >= 32  # 1.3 × 24
    header, legend = lay.output_header, lay.legend_rect
    # In the header's row, not under the maps.
    assert header.top() - 0.5 <= legend.top() and legend.bottom() <= header.bottom() + 0.5
    assert legend.bottom() < min(g.caption_rect.top() for g in lay.outputs) + 0.5
    # Right of the heading "Feature maps [6,6,4]" as painted, and within the maps' width.
    px = lay.header_px
    heading = frame_metrics(px, True).horizontalAdvance("Feature maps") + px * 0.5
    heading += frame_metrics(px * 0.85).horizontalAdvance(shape_text((6, 6, 4)))
    assert legend.left() >= header.left() + heading + 10
    assert legend.right() <= max(g.rect.right() for g in lay.outputs) + 0.5
    assert legend.width() >= 140  # its −limit, 0 and +limit apart
    grids = (*lay.inputs, *lay.kernels, lay.bias, *lay.outputs)
    assert [g for g in grids if g.rect.intersects(legend) or g.caption_rect.intersects(legend)] == []


def ink_columns(rgb: np.ndarray, rows: QRectF, colour: str) -> np.ndarray:
    """The columns in ``rows`` where text of ``colour`` is painted."""
    band = rgb[int(rows.top()) : int(rows.bottom()) + 1].astype(int)
    target = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
    return np.flatnonzero((np.abs(band - target).sum(axis=2) < 60).any(axis=0))


def test_a_crowded_frames_title_is_one_row_with_caption_shapes_label_and_counter_whole():
    scene, trace = crowded()
    lay = compute_layout(scene, trace, *SIZE)
    assert lay.title_one_row and lay.params_rect == lay.title_rect
    assert lay.input_header.top() < 75  # the second row's height went to the grids
    renderer = FrameRenderer()
    for step in (0, len(trace) - 1):  # the shortest and the widest label and counter
        rgb = frame_array(render_frame_image(scene, size=SIZE, step=step, trace=trace, renderer=renderer))
        label = trace.label(trace.step(step))
        orange = ink_columns(rgb, lay.title_rect, th.LIGHT.current)
        muted = ink_columns(rgb, lay.title_rect, th.LIGHT.muted)
        caption = ink_columns(rgb, lay.title_rect, th.LIGHT.text)
        # The label is written whole (not elided): its ink as wide as its text.
        width = frame_metrics(20, True).horizontalAdvance(label)
        assert abs((orange[-1] - orange[0]) - width) < 6, (step, label)
        assert abs((caption[-1] - caption[0]) - frame_metrics(26, True).horizontalAdvance(scene.name)) < 6
        # Caption, then the shapes, then the label, then the counter: apart, in the frame.
        # (the caption's and label's anti-aliased edges are grey too)
        shapes = muted[(muted > caption[-1] + 1) & (muted < orange[0] - 1)]
        counter = muted[muted > orange[-1] + 1]
        assert caption[-1] < shapes[0] - 8 and shapes[-1] < orange[0] - 24 and orange[-1] < counter[0] - 8
        assert abs((shapes[-1] - shapes[0]) - frame_metrics(18).horizontalAdvance("[8,8,4] ∗ [3,3,4,4] → [6,6,4]")) < 6
        assert counter[-1] <= SIZE[0] - 20


def test_a_frame_with_room_or_a_caption_too_long_for_one_row_keeps_two_title_rows():
    roomy = resolve_scene("seed-3.1")
    lay = compute_layout(roomy, make_trace(roomy), *SIZE)
    assert not lay.title_one_row and lay.params_rect.top() >= lay.title_rect.bottom()
    scene, trace = crowded()
    long = "A lesson on convolutions with four input channels and four kernels, step by step"
    lay = compute_layout(scene, trace, *SIZE, caption=long)
    assert not lay.title_one_row and lay.params_rect.top() >= lay.title_rect.bottom()
