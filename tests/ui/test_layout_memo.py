"""A frame's layout is searched once for the same scene, trace, size and
language (layout_memo.py): a caller's layout is the renderer's next."""

from __future__ import annotations

from convviz.core.catalogue import resolve_scene
from convviz.core.language import DEFAULT_LANGUAGE, set_language
from convviz.ui.recording.frame_layout import compute_layout
from convviz.ui.recording.frame_renderer import make_trace


def test_the_same_scene_and_trace_reuse_their_layout_and_anything_else_is_laid_out_anew(qapp):
    scene = resolve_scene("seed-3.4")
    trace = make_trace(scene, "channel")
    first = compute_layout(scene, trace, 1280, 720)
    assert compute_layout(scene, trace, 1280.0, 720.0, 1.0) is first  # the same call, spelled otherwise
    assert compute_layout(scene, trace, 1920, 1080) is not first
    again = make_trace(scene, "channel")  # an equal trace, but not this one: no guessing
    assert compute_layout(scene, again, 1280, 720) is not first
    assert compute_layout(scene, again, 1280, 720) == first
    try:
        set_language("zh_CN")
        chinese = compute_layout(scene, trace, 1280, 720)
    finally:
        set_language(DEFAULT_LANGUAGE)
    assert chinese is not first and chinese.kernels[0].caption != first.kernels[0].caption
