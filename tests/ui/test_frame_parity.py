"""The window and every recording show what the frame model says, cell for cell.

For every step of every built-in scene, at all three levels, with reveal on
and off, and for random scenes: each grid of the window draws the role and a
correct form of the value that :func:`convviz.core.frames.frame_at` gives, its
caption is lit as the frame says; and the frame renderer (presentation,
Copy Frame, export) paints the same roles and captions.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from thoroughness import examples

from convviz.core.catalogue import builtin_scene_ids, find_builtin
from convviz.core.frame import CellRole, Frame, GridFrame
from convviz.core.frames import frame_at
from convviz.core.numbers import number_forms
from convviz.core.scene import ConvParams, Kernel, Scene
from convviz.core.trace import Level, StepTrace
from convviz.ui.recording.frame_renderer import FrameRecord, FrameRenderer, grid_key, render_frame_image

LEVELS = (Level.CELL, Level.CHANNEL, Level.MULTIPLY)


def _shown_correctly(text: str, grid: GridFrame, row: int, col: int) -> bool:
    """``text`` is one of the correct forms of the frame's value (or blank
    where the frame says the cell is blank)."""
    value = grid.value(row, col)
    if value is None:
        return text == ""
    return text == "" or text in {f.text for f in number_forms(value)}


def _window_grids(window):
    """(view, block, frame grid getter) for every grid of the window."""
    out = []
    for ch, (view, block) in enumerate(zip(window.input_panel.views, window.input_panel.blocks)):
        out.append((view, block, lambda f, ch=ch: f.inputs[ch]))
    for k, kb in enumerate(window.kernel_panel.blocks):
        for ch, (view, block) in enumerate(zip(kb.views, kb.grid_blocks)):
            out.append((view, block, lambda f, k=k, ch=ch: f.kernels[k][ch]))
        out.append((kb.bias_view, kb.bias_block, lambda f, k=k: f.biases[k]))
    for k, (view, block) in enumerate(zip(window.output_panel.views, window.output_panel.blocks)):
        out.append((view, block, lambda f, k=k: f.outputs[k]))
    return out


def assert_window_shows(window, frame: Frame) -> None:
    for view, block, pick in _window_grids(window):
        grid = pick(frame)
        assert block.caption_text == grid.caption
        assert block.caption_state is grid.caption_state, (grid.kind, grid.index, grid.kernel)
        rows, cols = grid.shape
        assert view.grid_shape == (rows, cols)
        for r in range(rows):
            for c in range(cols):
                text, role = view.cell_state(r, c)
                assert role is grid.role(r, c), (grid.kind, grid.kernel, grid.index, (r, c), frame.label)
                assert _shown_correctly(text, grid, r, c), (text, grid.value(r, c), frame.label)
    for view, grid in zip(window.output_panel.views, frame.outputs):
        assert view.color_limit == grid.scale.high


def assert_recording_shows(record: FrameRecord, frame: Frame) -> None:
    shown = [*frame.inputs, *frame.kernels[frame.kernel], frame.biases[frame.kernel], *frame.outputs]
    for grid in shown:
        cells = record.cells[grid_key(grid)]
        rows, cols = grid.shape
        assert set(cells) == {(r, c) for r in range(rows) for c in range(cols)}
        for (r, c), (text, role) in cells.items():
            assert role is grid.role(r, c), (grid.kind, grid.kernel, grid.index, (r, c), frame.label)
            assert _shown_correctly(text, grid, r, c), (text, grid.value(r, c), frame.label)
        assert record.captions[grid_key(grid)] == (grid.caption, grid.caption_state.value)


def _check_all_steps(window, renderer: FrameRenderer, level: Level, reveal: bool, record_every: int) -> int:
    animator = window.animator
    animator.set_level(level)
    animator.set_reveal(reveal)
    checked = 0
    for index in range(len(animator)):
        animator.set_index(index)
        frame = animator.frame()
        assert frame is not None and frame.index == index
        assert_window_shows(window, frame)
        if index % record_every == 0 or index == len(animator) - 1:
            render_frame_image(animator.trace.scene, size=(640, 360), step=index, level=level,
                               reveal=reveal, renderer=renderer, trace=animator.trace)  # fmt: skip
            assert_recording_shows(renderer.last_record, frame)
            checked += 1
    return checked


# Every built-in scene steps; a transposed one as its scatter, the window's default view.
STEPPED_SCENE_IDS = builtin_scene_ids()
TRANSPOSED_SCENE_IDS = [i for i in builtin_scene_ids() if find_builtin(i).item.params.transposed]


@pytest.mark.parametrize("scene_id", TRANSPOSED_SCENE_IDS)
@pytest.mark.parametrize("level", LEVELS)
def test_every_step_of_a_transposed_scene_shows_the_frame_model_in_both_views(make_window, scene_id, level):
    """The scatter: the window and the recording draw the same frame. The
    equivalent direct view: the window draws it on the scene's own grids, the
    recording on the derived scene's (zeros inserted), each as its frame says."""
    window = make_window(scene_id)
    renderer = FrameRenderer(record=True)
    for reveal in (False, True):
        assert _check_all_steps(window, renderer, level, reveal, 1 if level is not Level.MULTIPLY else 4) > 0
    animator = window.animator
    animator.set_transposed_view("direct")
    trace = animator.trace
    assert trace.scene.name.endswith("equivalent direct")
    for index in range(0, len(animator), 3):
        animator.set_index(index)
        assert_window_shows(window, animator.frame())
        render_frame_image(window.document.scene, size=(640, 360), step=index, level=level, renderer=renderer,
                           trace=trace)  # fmt: skip
        assert_recording_shows(renderer.last_record, frame_at(trace.scene, trace, index))


@pytest.mark.parametrize("scene_id", STEPPED_SCENE_IDS)
def test_every_channel_step_of_every_builtin_scene_shows_the_frame_model(make_window, scene_id):
    """Every step in the window; the recording at every third step and the
    last (every step of every level is checked in CI, below)."""
    window = make_window(scene_id)
    last = len(window.animator) - 1
    checked = _check_all_steps(window, FrameRenderer(record=True), Level.CHANNEL, False, 3)
    assert checked == last // 3 + 1 + (last % 3 != 0)


@pytest.mark.slow
@pytest.mark.parametrize("scene_id", STEPPED_SCENE_IDS)
def test_every_step_of_every_builtin_scene_shows_the_frame_model(make_window, scene_id):
    window = make_window(scene_id)
    renderer = FrameRenderer(record=True)
    for level in LEVELS:
        for reveal in (False, True):
            # Every step in the window; the recording at every step of the
            # cell and channel levels and every fifth multiply step.
            checked = _check_all_steps(window, renderer, level, reveal, 5 if level is Level.MULTIPLY else 1)
            assert checked > 0


def test_the_cell_being_computed_shows_its_running_sum_in_the_window_and_the_recording(make_window):
    window = make_window("seed-3.3")
    window.animator.set_level("channel")
    renderer = FrameRenderer(record=True)
    seen = []
    for index in range(5):
        window.animator.set_index(index)
        text, role = window.output_panel.views[0].cell_state(0, 0)
        render_frame_image(window.document.scene, step=index, level="channel", renderer=renderer)
        assert renderer.last_record.cells[("output", 0, 0)][(0, 0)] == (text, role)
        seen.append((text, role))
    pending = CellRole.PENDING
    assert seen == [("3", pending), ("4", pending), ("6", pending), ("7", pending), ("7", CellRole.CURRENT)]
    # The ledger agrees at every step.
    window.animator.set_index(1)
    assert window.animator.frame().ledger.running == "running total: 3 + 1 = 4"


def test_reveal_shows_the_running_sum_instead_of_a_blank(make_window):
    window = make_window("seed-3.3")
    window.animator.set_level("channel")
    window.set_reveal(True)
    window.animator.set_index(0)
    view = window.output_panel.views[0]
    assert view.cell_state(0, 0) == ("3", CellRole.PENDING)
    assert view.cell_state(0, 1) == ("", CellRole.HIDDEN)
    assert window.reveal_action.isChecked()


def test_the_maps_share_a_scale_or_each_has_its_own_in_the_window_and_the_frames(make_window):
    window = make_window("seed-3.4")
    maps = window.animator.trace.feature_maps
    shared = [v.color_limit for v in window.output_panel.views]
    assert shared[0] == shared[1] == window.animator.frame().outputs[0].scale.high == 20.0
    window.own_scale_action.trigger()
    frame = window.animator.frame()
    own = [v.color_limit for v in window.output_panel.views]
    assert own == [g.scale.high for g in frame.outputs] == [20.0, 10.0]
    assert float(np.abs(maps[:, :, 1]).max()) <= 10.0
    assert not window.output_panel.legend.isVisibleTo(window.output_panel)


def test_image_mode_greys_and_map_scales_are_the_frame_models(make_window, qtbot):
    rng = np.random.default_rng(3)
    scene = Scene(rng.random((40, 40, 3)), (Kernel("W0", rng.integers(-2, 3, (3, 3, 3)).astype(float)),
                                            Kernel("W1", np.full((3, 3, 3), 1 / 27))), name="image")  # fmt: skip
    window = make_window("seed-3.1")
    window.load_scene(scene)
    qtbot.waitUntil(lambda: window.input_panel.showing_images and window.output_panel.showing_images)
    window.animator.set_index(7)
    for scale in ("shared", "own"):
        window.set_map_scale(scale)
        frame = window.animator.frame()
        for view, grid in zip(window.input_panel.views, frame.inputs):
            assert view.levels == (grid.scale.low, grid.scale.high) == (0.0, 1.0)
        for view, grid in zip(window.output_panel.views, frame.outputs):
            assert view.levels == (grid.scale.low, grid.scale.high)
        assert view.overlay.current == grid.current


# -- random scenes -------------------------------------------------------------------------


@st.composite
def small_scenes(draw) -> Scene:
    H, W = draw(st.integers(2, 6)), draw(st.integers(2, 6))
    groups = draw(st.sampled_from((1, 1, 2)))
    C = groups * draw(st.integers(1, 2))
    K = groups * draw(st.integers(1, 2))
    kh, kw = draw(st.integers(1, min(3, H))), draw(st.integers(1, min(3, W)))
    values = st.integers(-9, 9).map(float) | st.sampled_from((-0.333, 1.667, 0.037, -12.5, 233.686))
    x = np.array(draw(st.lists(values, min_size=H * W * C, max_size=H * W * C))).reshape(H, W, C)
    kernels = []
    for k in range(K):
        w = np.array(draw(st.lists(values, min_size=kh * kw * (C // groups), max_size=kh * kw * (C // groups))))
        kernels.append(Kernel(f"W{k}", w.reshape(kh, kw, C // groups), draw(values)))
    mode = draw(st.sampled_from(("zeros", "reflect", "replicate", "circular")))
    pad = draw(st.integers(0, 1))
    if mode == "reflect":
        pad = min(pad, H - 1, W - 1)
    params = ConvParams(stride=(draw(st.integers(1, 2)), draw(st.integers(1, 2))), padding=(pad, pad),
                        padding_mode=mode, groups=groups)  # fmt: skip
    return Scene(x, tuple(kernels), params, name="random")


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scene=small_scenes(), data=st.data())
def test_random_scenes_show_the_frame_model_in_the_window_and_the_recording(make_window, scene, data):
    try:
        trace = StepTrace(scene, "multiply")
    except ValueError:
        return  # impossible parameters: there is no frame to show
    window = _shared_window(make_window)
    window.load_scene(scene)
    level = data.draw(st.sampled_from(LEVELS))
    reveal = data.draw(st.booleans())
    window.animator.set_level(level)
    window.set_reveal(reveal)
    trace = window.animator.trace
    renderer = FrameRenderer(record=True)
    for index in sorted(set(data.draw(st.lists(st.integers(0, len(trace) - 1), min_size=1, max_size=4)))):
        window.animator.set_index(index)
        frame = frame_at(scene, trace, index, window.animator.frame_options())
        assert_window_shows(window, frame)
        render_frame_image(scene, size=(800, 450), step=index, level=level, reveal=reveal, renderer=renderer, trace=trace)
        assert_recording_shows(renderer.last_record, frame)


_WINDOW: list = []


def _shared_window(make_window):
    # One window for all the examples: building one per example would make
    # the property test slow without testing anything more.
    if not _WINDOW or not _alive(_WINDOW[0]):
        _WINDOW[:] = [make_window("seed-3.1")]
    return _WINDOW[0]


def _alive(window) -> bool:
    try:
        window.isVisible()
        return True
    except RuntimeError:
        return False
