"""The panels and the parameter bar: shape and formula readouts, resizing every
dimension, the kernel bank, each parameter's effect, impossible combinations,
zoom, recompute timing and the settings the window keeps between runs."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from maps_checks import engine_maps, shown_maps
from PySide6.QtCore import Qt

from convviz.core.catalogue import resolve_scene
from convviz.core.errors import ConvError
from convviz.core.scene import Scene
from convviz.ui.document import feature_maps as feature_maps_module

ENTER = Qt.Key.Key_Return




def assert_outputs_match_engine(window) -> None:
    expected = engine_maps(window.document.scene)
    assert np.array_equal(window.maps.maps, expected)
    assert np.array_equal(shown_maps(window), expected)
    assert not window.output_panel.error_label.isVisible()
    assert not any(view.greyed for view in window.output_panel.views)


def readouts(window) -> tuple[str, str, str]:
    return (
        window.input_panel.shape_label.text(),
        window.kernel_panel.shape_label.text(),
        window.output_panel.shape_label.text(),
    )


def formulas(window) -> tuple[str, str]:
    return window.output_panel.formula_h.text(), window.output_panel.formula_w.text()


# -- readouts -----------------------------------------------------------------------


def test_the_three_shapes_and_the_filled_in_formula_are_shown(make_window):
    window = make_window("seed-3.4")
    assert readouts(window) == ("[H,W,C] = [5,5,3]", "[kh,kw,c,k] = [3,3,3,2]", "[oh,ow,k] = [3,3,2]")
    assert formulas(window) == (
        "oh = ⌊(H + 2p − d(k−1) − 1)/s⌋ + 1\n     = ⌊(5 + 0 − 2 − 1)/1⌋ + 1 = 3",
        "ow = ⌊(W + 2p − d(k−1) − 1)/s⌋ + 1\n     = ⌊(5 + 0 − 2 − 1)/1⌋ + 1 = 3",
    )
    assert [block.caption_text for block in window.output_panel.blocks] == ["W0 → map", "W1 → map"]
    assert [view.model.values().shape for view in window.output_panel.views] == [(3, 3), (3, 3)]


def test_the_formula_follows_stride_padding_and_dilation(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    u.set_spin(window.input_panel.h_spin, 9)
    u.set_spin(window.param_bar.stride_h, 2)
    u.set_spin(window.param_bar.pad_h, 1)
    u.set_spin(window.param_bar.dil_w, 2)
    # oh = ⌊(9 + 2 − 2 − 1)/2⌋ + 1 = 5; ow = ⌊(5 + 0 − 4 − 1)/1⌋ + 1 = 1
    assert formulas(window) == (
        "oh = ⌊(H + 2p − d(k−1) − 1)/s⌋ + 1\n     = ⌊(9 + 2 − 2 − 1)/2⌋ + 1 = 5",
        "ow = ⌊(W + 2p − d(k−1) − 1)/s⌋ + 1\n     = ⌊(5 + 0 − 4 − 1)/1⌋ + 1 = 1",
    )
    assert readouts(window)[2] == "[oh,ow,k] = [5,1,2]"
    assert_outputs_match_engine(window)


# -- resizing -------------------------------------------------------------------------


def test_resizing_h_and_w_keeps_the_top_left_and_pads_with_zeros(make_window, user):
    window = make_window("seed-3.3")
    u = user(window)
    old = window.document.scene.input.copy()

    u.set_spin(window.input_panel.h_spin, 7)
    u.set_spin(window.input_panel.w_spin, 4)

    x = window.document.scene.input
    assert x.shape == (7, 4, 3)
    assert np.array_equal(x[:5, :4], old[:, :4])
    assert not x[5:].any()
    assert [v.model.values().shape for v in window.input_panel.views] == [(7, 4)] * 3
    assert [v.grid_shape for v in window.input_panel.views] == [(7, 4)] * 3
    assert readouts(window) == ("[H,W,C] = [7,4,3]", "[kh,kw,c,k] = [3,3,3,1]", "[oh,ow,k] = [5,2,1]")
    assert_outputs_match_engine(window)

    u.shortcut("Ctrl+Z")
    u.shortcut("Ctrl+Z")
    assert np.array_equal(window.document.scene.input, old)
    assert window.input_panel.h_spin.value() == 5 and window.input_panel.w_spin.value() == 5
    assert [v.model.values().shape for v in window.input_panel.views] == [(5, 5)] * 3
    assert readouts(window)[0] == "[H,W,C] = [5,5,3]"


def test_changing_c_gives_every_kernel_as_many_channels(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    old_kernels = [k.weights.copy() for k in window.document.scene.kernels]

    u.set_spin(window.input_panel.c_spin, 4)

    scene = window.document.scene
    assert scene.input_shape == (5, 5, 4) and not scene.input[:, :, 3].any()
    assert len(window.input_panel.views) == 4
    assert [b.caption_text for b in window.input_panel.blocks] == [f"channel {c}" for c in range(1, 5)]
    for block, old in zip(window.kernel_panel.blocks, old_kernels):
        assert len(block.views) == 4
        assert np.array_equal(scene.kernels[block.index].weights[:, :, :3], old)
    assert readouts(window) == ("[H,W,C] = [5,5,4]", "[kh,kw,c,k] = [3,3,4,2]", "[oh,ow,k] = [3,3,2]")
    assert_outputs_match_engine(window)

    u.set_spin(window.input_panel.c_spin, 1)
    assert len(window.input_panel.views) == 1
    assert [len(b.views) for b in window.kernel_panel.blocks] == [1, 1]
    assert readouts(window)[1] == "[kh,kw,c,k] = [3,3,1,2]"
    assert_outputs_match_engine(window)

    u.shortcut("Ctrl+Z")
    u.shortcut("Ctrl+Z")
    assert window.document.scene == resolve_scene("seed-3.4")
    assert len(window.input_panel.views) == 3
    assert [len(b.views) for b in window.kernel_panel.blocks] == [3, 3]


def test_resizing_kh_and_kw_keeps_the_weights_centred(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    old = window.document.scene.kernels[0].weights.copy()

    u.set_spin(window.kernel_panel.kh_spin, 5)
    u.set_spin(window.kernel_panel.kw_spin, 1)

    w = window.document.scene.kernels[0].weights
    assert w.shape == (5, 1, 3)
    assert np.array_equal(w[1:4, 0], old[:, 1])  # the middle column, centred
    assert not w[0].any() and not w[4].any()
    assert [v.model.values().shape for v in window.kernel_panel.blocks[1].views] == [(5, 1)] * 3
    assert readouts(window) == ("[H,W,C] = [5,5,3]", "[kh,kw,c,k] = [5,1,3,2]", "[oh,ow,k] = [1,5,2]")
    assert_outputs_match_engine(window)

    u.shortcut("Ctrl+Z")
    assert window.document.scene.kernel_shape == (5, 3, 3, 2)
    assert window.kernel_panel.kw_spin.value() == 3


def test_changing_k_adds_zero_kernels_named_in_sequence_and_removes_from_the_end(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)

    u.set_spin(window.kernel_panel.k_spin, 4)

    scene = window.document.scene
    assert [k.name for k in scene.kernels] == ["W0", "W1", "W2", "W3"]
    assert not scene.kernels[3].weights.any() and scene.kernels[3].bias == 0
    assert len(window.kernel_panel.blocks) == 4 and len(window.output_panel.views) == 4
    assert [b.caption_text for b in window.output_panel.blocks] == [f"W{k} → map" for k in range(4)]
    assert readouts(window)[1:] == ("[kh,kw,c,k] = [3,3,3,4]", "[oh,ow,k] = [3,3,4]")
    assert_outputs_match_engine(window)

    u.set_spin(window.kernel_panel.k_spin, 1)
    assert [k.name for k in window.document.scene.kernels] == ["W0"]
    assert len(window.output_panel.views) == 1
    assert not window.kernel_panel.blocks[0].remove_button.isEnabled(), "the last kernel can't be removed"
    assert_outputs_match_engine(window)


# -- the kernel bank --------------------------------------------------------------------


def test_kernels_are_added_duplicated_removed_and_reordered_with_their_buttons(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    seed = resolve_scene("seed-3.4")
    names = lambda: [k.name for k in window.document.scene.kernels]

    u.click(window.kernel_panel.add_button)
    assert names() == ["W0", "W1", "W2"]

    u.click(window.kernel_panel.blocks[0].duplicate_button)
    assert names() == ["W0", "W3", "W1", "W2"]
    copy = window.document.scene.kernels[1]
    assert np.array_equal(copy.weights, seed.kernels[0].weights) and copy.bias == seed.kernels[0].bias
    assert_outputs_match_engine(window)
    assert np.array_equal(window.maps.maps[:, :, 1], window.maps.maps[:, :, 0])

    u.click(window.kernel_panel.blocks[2].up_button)  # W1 up
    assert names() == ["W0", "W1", "W3", "W2"]
    u.click(window.kernel_panel.blocks[0].down_button)  # W0 down
    assert names() == ["W1", "W0", "W3", "W2"]
    assert not window.kernel_panel.blocks[0].up_button.isEnabled()
    assert not window.kernel_panel.blocks[3].down_button.isEnabled()
    assert [b.caption_text for b in window.output_panel.blocks] == ["W1 → map", "W0 → map", "W3 → map", "W2 → map"]
    assert_outputs_match_engine(window)

    u.click(window.kernel_panel.blocks[3].remove_button)
    u.click(window.kernel_panel.blocks[2].remove_button)
    assert names() == ["W1", "W0"]
    assert np.array_equal(window.maps.maps, engine_maps(seed)[:, :, ::-1])
    assert len(window.kernel_panel.blocks) == 2 and len(window.output_panel.views) == 2

    for _ in range(6):
        u.shortcut("Ctrl+Z")
    assert window.document.scene == seed
    assert_outputs_match_engine(window)


def test_a_kernel_is_renamed_in_its_name_field(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    field = window.kernel_panel.blocks[1].name_edit
    assert [b.name_edit.text() for b in window.kernel_panel.blocks] == ["W0", "W1"]

    u.click(field)
    u.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    u.type("edges")
    u.press(ENTER)

    assert [k.name for k in window.document.scene.kernels] == ["W0", "edges"]
    assert window.output_panel.blocks[1].caption_text == "edges → map"
    assert window.kernel_panel.blocks[1].bias_view.model.describe() == "bias of edges"

    u.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    u.press(Qt.Key.Key_Delete)
    u.press(ENTER)
    assert window.document.scene.kernels[1].name == "edges", "an empty name is refused"
    assert field.text() == "edges"

    window.document.undo_stack.undo()
    assert window.document.scene.kernels[1].name == "W1"
    assert field.text() == "W1"


def test_ctrl_z_in_a_kernel_name_field_undoes_the_rename(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    field = window.kernel_panel.blocks[0].name_edit
    u.click(field)
    u.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    u.type("blur")
    u.press(ENTER)
    assert window.document.scene.kernels[0].name == "blur"
    # The field still has the focus; its own text undo must not take the key.
    u.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.scene.kernels[0].name == "W0"
    assert window.kernel_panel.blocks[0].name_edit.text() == "W0"


# -- parameters ---------------------------------------------------------------------------


def test_every_parameter_control_explains_itself_in_a_tooltip(make_window):
    bar = make_window().param_bar
    tips = {
        "stride": (bar.stride_h, bar.stride_w),
        "padding": (bar.pad_h, bar.pad_w, bar.pad_kind, bar.mode),
        "dilation": (bar.dil_h, bar.dil_w),
        "groups": (bar.groups,),
    }
    for word, controls in tips.items():
        for control in controls:
            assert word in control.toolTip().lower(), (word, control.toolTip())
    assert "reflect" in bar.mode.toolTip() and "circular" in bar.mode.toolTip()
    assert '"same"' in bar.pad_kind.toolTip()


def test_stride_shrinks_the_maps_and_shades_the_rows_it_floors_off(make_window, user):
    window = make_window("seed-3.3")
    u = user(window)
    u.set_spin(window.input_panel.h_spin, 6)
    assert all(not v.dropped_rows for v in window.input_panel.views)

    u.set_spin(window.param_bar.stride_h, 2)

    assert window.document.scene.params.stride == (2, 1)
    assert readouts(window)[2] == "[oh,ow,k] = [2,3,1]"
    assert_outputs_match_engine(window)
    # Windows start at rows 0 and 2 and reach row 4: row 5 is never read.
    for view in window.input_panel.views:
        assert view.dropped_rows == {5} and view.dropped_cols == set()
    assert "rows 5" in window.input_panel.toolTip()

    u.set_spin(window.param_bar.stride_h, 1)
    assert all(not v.dropped_rows for v in window.input_panel.views)
    assert window.input_panel.toolTip() == ""


@pytest.mark.parametrize(
    ("kind", "pads", "shape", "frame"),
    [
        ("custom", (1, 2), "[5,7,2]", (1, 1, 2, 2)),
        ("same", None, "[5,5,2]", (1, 1, 1, 1)),
        ("valid", None, "[3,3,2]", (0, 0, 0, 0)),
    ],
)
def test_padding_grows_the_maps_and_rings_the_input(make_window, user, kind, pads, shape, frame):
    window = make_window("seed-3.4")
    u = user(window)
    bar = window.param_bar
    u.choose(bar.pad_kind, kind)
    if pads is not None:
        u.set_spin(bar.pad_h, pads[0])
        u.set_spin(bar.pad_w, pads[1])
    assert bar.pad_h.isEnabled() == bar.pad_w.isEnabled() == (kind == "custom")
    assert readouts(window)[2] == f"[oh,ow,k] = {shape}"
    for view in window.input_panel.views:
        p = view.padding
        assert (p.top, p.bottom, p.left, p.right) == frame
        assert view.grid_shape == (5 + frame[0] + frame[1], 5 + frame[2] + frame[3])
    assert_outputs_match_engine(window)


@pytest.mark.parametrize(
    ("mode", "corner_copies"),
    [("zeros", None), ("reflect", (1, 1)), ("replicate", (0, 0)), ("circular", (4, 4))],
)
def test_padding_cells_show_and_name_the_cell_they_copy(make_window, user, mode, corner_copies):
    window = make_window("seed-3.3")
    u = user(window)
    u.set_spin(window.param_bar.pad_h, 1)
    u.set_spin(window.param_bar.pad_w, 1)
    u.choose(window.param_bar.mode, mode)
    assert window.document.scene.params.padding_mode == mode
    assert_outputs_match_engine(window)

    view = window.input_panel.views[0]
    x = window.document.scene.input[:, :, 0]
    assert view.padding_source(0, 0) == corner_copies
    tip = u.tooltip_at(view, 0, 0)
    if corner_copies is None:
        assert tip == "padding (zeros) · row -1, col -1 = 0"
    else:
        r, c = corner_copies
        value = int(x[r, c])
        assert tip == f"padding ({mode}) · row -1, col -1 copies row {r}, col {c} = {value}"
    # A real cell names itself.
    assert u.tooltip_at(view, 1, 2) == "input channel 1 · row 0, col 1 = 2"


def test_dilation_spreads_the_window(make_window, user):
    window = make_window("seed-3.3")
    u = user(window)
    u.set_spin(window.param_bar.dil_h, 2)
    u.set_spin(window.param_bar.dil_w, 2)
    assert readouts(window)[2] == "[oh,ow,k] = [1,1,1]"
    assert_outputs_match_engine(window)
    x, w = window.document.scene.input, window.document.scene.kernels[0].weights
    assert window.maps.maps[0, 0, 0] == float((x[::2, ::2] * w).sum() + 1)


def test_groups_split_the_channels_between_the_kernels(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    u.set_spin(window.kernel_panel.k_spin, 3)
    u.set_spin(window.param_bar.groups, 3)  # depthwise

    scene = window.document.scene
    assert scene.params.groups == 3 and scene.kernel_shape == (3, 3, 1, 3)
    assert [len(b.views) for b in window.kernel_panel.blocks] == [1, 1, 1]
    assert [b.views[0].parentWidget().caption_text for b in window.kernel_panel.blocks] == ["channel 1", "channel 2", "channel 3"]
    assert readouts(window)[1] == "[kh,kw,c,k] = [3,3,1,3]"
    assert_outputs_match_engine(window)


# -- impossible combinations ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("prepare", "breaking", "message", "shape"),
    [
        (None, lambda u, w: u.set_spin(w.kernel_panel.kh_spin, 7), "kernel 7×3 is larger than the padded input 5×5", "?,?"),
        (None, lambda u, w: u.set_spin(w.param_bar.groups, 2), "groups 2 must divide the input channels C = 3", "3,3"),
        (
            lambda u, w: u.choose(w.param_bar.mode, "reflect"),
            lambda u, w: u.set_spin(w.param_bar.pad_h, 5),
            "reflect padding 5 (top/bottom) must be smaller than the input height 5",
            "?,?",
        ),
        (
            lambda u, w: u.set_spin(w.param_bar.stride_w, 2),
            lambda u, w: u.choose(w.param_bar.pad_kind, "same"),
            'padding "same" needs stride 1, got stride 1×2',
            "?,?",
        ),
    ],
    ids=["kernel-too-big", "groups", "reflect-too-wide", "same-with-stride"],
)
def test_an_impossible_combination_shows_the_message_and_greys_the_last_maps_until_undone(
    make_window, user, prepare, breaking, message, shape
):
    window = make_window("seed-3.4")
    u = user(window)
    if prepare is not None:
        prepare(u, window)
    good = window.maps.maps.copy()

    breaking(u, window)

    panel = window.output_panel
    with pytest.raises(ConvError) as raised:
        window.document.scene.feature_maps()
    assert str(raised.value) == message
    assert panel.error_label.isVisible()
    assert message in panel.error_label.text()
    assert "greyed" in panel.error_label.text()
    assert window.maps.stale and window.maps.error == message
    assert [view.greyed for view in panel.views] == [True, True]
    assert np.array_equal(shown_maps(window), good), "the last good maps stay in view"
    # The shape is unknown when the geometry itself is impossible.
    assert panel.shape_label.text() == f"[oh,ow,k] = [{shape},2]"
    assert len(window.animator) == 0 and window.ledger_view.ledger is None
    assert "no output" in window.ledger_view.message
    assert "no steps" in window.playback_bar.step_label.text()
    assert not window.playback_bar.scrubber.isEnabled()

    # Fix it by undoing, from whatever has the focus now.
    u.shortcut("Ctrl+Z")
    assert not window.maps.stale
    assert_outputs_match_engine(window)
    assert np.array_equal(shown_maps(window), good)
    assert len(window.animator) == len(good.flat) * 5 and window.ledger_view.ledger is not None
    while window.document.undo_stack.canUndo():
        u.shortcut("Ctrl+Z")
    assert window.document.scene == resolve_scene("seed-3.4")


def test_an_impossible_combination_can_be_fixed_forward_too(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    u.set_spin(window.kernel_panel.kw_spin, 7)
    assert window.output_panel.error_label.isVisible()
    u.set_spin(window.input_panel.w_spin, 8)  # now it fits
    assert readouts(window)[2] == "[oh,ow,k] = [3,2,2]"
    assert_outputs_match_engine(window)
    assert window.maps.maps.shape == (3, 2, 2)


# -- recompute timing ------------------------------------------------------------------------


def test_small_scenes_recompute_in_the_same_turn_and_large_ones_coalesce(make_window, qtbot):
    window = make_window("seed-3.4")
    doc, maps = window.document, window.maps
    changes = []
    maps.changed.connect(lambda: changes.append(maps.maps))

    doc.set_block("input", 0, 0, 0, 0, np.array([[9.0]]))
    assert len(changes) == 1 and np.array_equal(maps.maps, engine_maps(doc.scene))

    doc.resize_input(400, 400, 3)  # 400·400·2·27 multiply-adds: over the inline limit
    assert feature_maps_module._work(doc.scene) > feature_maps_module.SYNC_WORK_LIMIT
    changes.clear()
    assert maps.busy
    for value in (1.0, 2.0, 3.0):  # typed quickly, one after another
        doc.set_block("input", 0, 0, 1, 1, np.array([[value]]))
    assert changes == [] and maps.maps.shape == (3, 3, 2), "nothing computed yet: the edits are coalesced"

    with qtbot.waitSignal(maps.changed, timeout=5000):
        pass
    assert not maps.busy
    assert np.array_equal(maps.maps, engine_maps(doc.scene))
    qtbot.assertNotEmitted(maps.changed, wait=3 * feature_maps_module.DEBOUNCE_MS)  # and no second one
    assert len(changes) == 1



def test_an_edit_during_a_background_computation_waits_for_it_and_then_computes_the_latest(make_window, qtbot, monkeypatch):
    window = make_window("seed-3.4")
    doc, maps = window.document, window.maps
    real, release = Scene.feature_maps, threading.Event()
    running, most = [], []

    def held(scene):
        if threading.current_thread() is threading.main_thread():
            return real(scene)
        running.append(scene)
        most.append(len(running))
        release.wait(10)  # the first computation is held until the second edit is debounced
        try:
            return real(scene)
        finally:
            running.remove(scene)

    monkeypatch.setattr(Scene, "feature_maps", held)
    doc.resize_input(400, 400, 3)
    qtbot.waitUntil(lambda: len(most) == 1)  # computing the 400×400 scene, held
    with qtbot.waitSignal(maps._debounce.triggered, timeout=5000):
        doc.set_block("input", 0, 0, 1, 1, np.array([[7.0]]))
    release.set()
    qtbot.waitUntil(lambda: not maps.busy, timeout=10000)
    assert max(most) == 1, "never two large computations at once"
    assert maps.scene is doc.scene and np.array_equal(maps.maps, engine_maps(doc.scene))


def test_an_unexpected_failure_on_the_worker_is_reported_and_keeps_the_last_maps(make_window, qtbot, monkeypatch):
    window = make_window("seed-3.4")
    doc, maps = window.document, window.maps
    before = maps.maps
    real = Scene.feature_maps

    def failing(scene):
        if threading.current_thread() is threading.main_thread():
            return real(scene)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Scene, "feature_maps", failing)
    with qtbot.waitSignal(maps.changed, timeout=5000):
        doc.resize_input(400, 400, 3)
    assert not maps.busy
    assert maps.error == "the feature maps could not be computed: RuntimeError: disk on fire"
    assert maps.stale and maps.maps is before

# -- zoom -------------------------------------------------------------------------------------


def test_ctrl_plus_and_minus_zoom_every_grid_and_ctrl_0_fits_again(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    u.click_cell(window.output_panel.views[0], 0, 0)
    views = [*window.input_panel.views, *window.kernel_panel.all_views(), *window.output_panel.views]
    fitted = window.cell_size
    assert {v.cell_size for v in views} == {fitted}
    width = views[0].sizeHint().width()

    u.shortcut("Ctrl+=")
    bigger = window.cell_size
    assert bigger > fitted and {v.cell_size for v in views} == {bigger}
    assert views[0].cell_rect(0, 0).width() == bigger
    assert views[0].sizeHint().width() > width

    u.shortcut("Ctrl+-")
    u.shortcut("Ctrl+-")
    assert window.cell_size < fitted and {v.cell_size for v in views} == {window.cell_size}

    u.shortcut("Ctrl+0")
    assert window.cell_size == fitted


# -- settings -----------------------------------------------------------------------------------

# One run of the app, as its own process: open the window (with settings),
# on the first run move, resize and drag both splitters, then close it and
# print what it looked like. The virtual screen is 1920×1080, as on a desktop
# (the offscreen default, 800×800, is narrower than the window can be).
RUN = """
import json, sys
from convviz.ui.shell.app import make_app
app = make_app()
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from convviz.core.catalogue import resolve_scene
from convviz.ui.shell.main_window import MainWindow

def settle():
    for _ in range(5):
        app.processEvents()

def drag(splitter, dx, dy):
    handle = splitter.handle(1)
    start = handle.rect().center()
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(handle, start + QPoint(dx, dy))
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(dx, dy))

window = MainWindow(resolve_scene("seed-3.4"))
window.show()
QTest.qWaitForWindowExposed(window)
settle()
if sys.argv[1] == "first":
    window.move(60, 40)
    window.resize(1500, 860)
    settle()
    fitted = window.panels.sizes(), window.body.sizes()
    drag(window.panels, -80, 0)
    drag(window.body, 0, -60)
    assert window.panels.sizes() != fitted[0] and window.body.sizes() != fitted[1], "the drags moved the splitters"
    settle()
g = window.geometry()
shown = {"geometry": [g.x(), g.y(), g.width(), g.height()], "panels": window.panels.sizes(), "body": window.body.sizes()}
window.close()
print(json.dumps(shown))
"""


def run_app(tmp_path, which: str) -> dict:
    import json
    import os
    import subprocess
    import sys

    screen = tmp_path / "screen.json"
    screen.write_text(
        '{"screens": [{"name": "desk", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96}]}'
    )
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}", CONVVIZ_HOME=str(tmp_path / "home"))
    result = subprocess.run(
        [sys.executable, "-c", RUN, which], check=False, env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_window_remembers_its_geometry_and_splitters_between_runs(tmp_path):
    first = run_app(tmp_path, "first")
    assert first["geometry"][2:] == [1500, 860]
    assert (tmp_path / "home" / "settings" / "convviz" / "convviz.ini").exists(), "kept under CONVVIZ_HOME"

    second = run_app(tmp_path, "second")
    assert second["geometry"] == first["geometry"]
    assert second["panels"] == first["panels"], "the dragged splitter between the panels"
    assert second["body"] == first["body"], "the dragged splitter above the ledger"
