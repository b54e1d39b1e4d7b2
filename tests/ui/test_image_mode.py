"""Image mode: large channels and feature maps drawn as images, hover values,
the animator's window on the image, the view-mode toggle, and keeping large
scenes responsive."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from convviz.core import cost, edits
from convviz.core.engine import conv2d
from convviz.core.numbers import format_number, full_number
from convviz.core.scene import ConvParams, Kernel, Scene
from convviz.ui.base import theme as th
from convviz.ui.document import feature_maps as feature_maps_module
from convviz.ui.document.document import ChangeKind, SceneChange
from convviz.ui.document.feature_maps import maps_after_edit
from convviz.ui.grid.image_channel_view import IMAGE_THRESHOLD, ImageChannelView, wants_image_view
from convviz.ui.grid.matrix_view import MatrixView
from convviz.ui.imaging import image_actions as image_actions_module
from convviz.ui.imaging.image_actions import install_image_actions
from convviz.ui.imaging.image_import import default_kernels


def picture(H: int, W: int, C: int = 1, seed: int = 0) -> Scene:
    rng = np.random.default_rng(seed)
    return Scene(rng.random((H, W, C)), default_kernels(C), name=f"{H}×{W}")


def image_actions(window):
    return getattr(window, "image_actions", None) or install_image_actions(window)


def kinds(views) -> set[type]:
    return {type(v) for v in views}


def laid_out(window) -> None:
    """Let the layouts place the new views (queued events, no waiting)."""
    for _ in range(3):
        QApplication.processEvents()


def viewport_point(view: ImageChannelView, row: int, col: int) -> QPoint:
    return view.graphics.mapFromScene(view.scene_pos_of(row, col))


# -- when images are used ------------------------------------------------------------------


def test_the_threshold_is_32_cells_per_side():
    assert IMAGE_THRESHOLD == 32
    assert not wants_image_view(32, 32, "auto")
    assert wants_image_view(33, 8, "auto") and wants_image_view(8, 33, "auto")
    assert wants_image_view(2, 2, "images") and not wants_image_view(500, 500, "numbers")
    with pytest.raises(ValueError, match="auto, numbers, images"):
        wants_image_view(1, 1, "pictures")


def test_channels_above_the_threshold_are_images_and_small_maps_stay_numbers(make_window):
    window = make_window("seed-3.3")
    window.load_scene(picture(33, 33))
    assert kinds(window.input_panel.views) == {ImageChannelView}
    # 33×33 under a 3×3 kernel gives 31×31 maps: small enough for numbers.
    assert kinds(window.output_panel.views) == {MatrixView}
    window.load_scene(picture(40, 40, 3))
    assert kinds(window.input_panel.views) == {ImageChannelView} and len(window.input_panel.views) == 3
    assert kinds(window.output_panel.views) == {ImageChannelView}
    assert window.output_panel.legend.isHidden(), "each image has its own colour bar"


def test_resizing_across_the_threshold_switches_the_views(make_window):
    window = make_window("seed-3.3")
    assert kinds(window.input_panel.views) == {MatrixView}
    window.document.resize_input(48, 40, 1)
    assert kinds(window.input_panel.views) == {ImageChannelView}
    assert kinds(window.output_panel.views) == {ImageChannelView}
    window.document.undo_stack.undo()
    assert kinds(window.input_panel.views) == {MatrixView} and kinds(window.output_panel.views) == {MatrixView}
    assert not window.output_panel.legend.isHidden()


def test_the_view_menu_switches_between_auto_numbers_and_images(make_window):
    window = make_window("seed-3.3")
    actions = image_actions(window)
    by_mode = {a.data(): a for a in actions.mode_actions.actions()}
    assert set(by_mode) == {"auto", "numbers", "images"} and by_mode["auto"].isChecked()
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert actions.mode_menu.menuAction() in view_menu.actions()

    by_mode["images"].trigger()
    assert kinds(window.input_panel.views) == {ImageChannelView}
    assert kinds(window.output_panel.views) == {ImageChannelView}
    assert by_mode["images"].isChecked() and not by_mode["auto"].isChecked()
    window.load_scene(picture(64, 64))
    by_mode["numbers"].trigger()
    assert kinds(window.input_panel.views) == {MatrixView} and kinds(window.output_panel.views) == {MatrixView}
    by_mode["auto"].trigger()
    assert kinds(window.input_panel.views) == {ImageChannelView}


def test_switching_views_keeps_the_animators_window_shown(make_window):
    window = make_window("seed-3.3")
    actions = image_actions(window)
    window.animator.set_index(5)
    actions.set_view_mode("images")
    view = window.input_panel.views[0]
    assert view.window_rect() is not None


# -- hover and clicks ---------------------------------------------------------------------------


def test_hovering_a_pixel_shows_its_row_column_and_value(make_window, qtbot):
    window = make_window("seed-3.3")
    window.load_scene(picture(40, 36, 1, seed=7))
    laid_out(window)
    view = window.input_panel.views[0]
    values = view.model.values()
    for row, col in ((0, 0), (17, 5), (39, 35)):
        with qtbot.waitSignal(view.cellHovered, timeout=1000) as hovered:
            QTest.mouseMove(view.graphics.viewport(), viewport_point(view, row, col))
        assert hovered.args == [row, col]
        assert view.readout.text() == f"row {row}, col {col} = {full_number(float(values[row, col]))}"  # every digit on hover


def test_hovering_a_feature_map_shows_the_maps_value(make_window, qtbot):
    window = make_window("seed-3.3")
    window.load_scene(picture(40, 40, 1, seed=8))
    laid_out(window)
    view = window.output_panel.views[1]
    QTest.mouseMove(view.graphics.viewport(), viewport_point(view, 3, 30))
    qtbot.waitUntil(lambda: view.readout.text().startswith("row 3, col 30 ="))
    assert view.readout.text() == f"row 3, col 30 = {full_number(float(window.maps.maps[3, 30, 1]))}"


def test_hovering_the_padding_says_what_it_copies(make_window):
    window = make_window("seed-3.3")
    window.load_scene(picture(40, 40, 1, seed=9))
    window.document.set_params("pad", padding=(2, 2), padding_mode="reflect")
    view = window.input_panel.views[0]
    values = view.model.values()
    assert view.grid_shape == (44, 44)
    assert view.hover_text(-1, 3) == (
        f"padding (reflect) · row -1, col 3 copies row 1, col 3 = {full_number(float(values[1, 3]))}"
    )
    window.document.set_params("zeros", padding_mode="zeros")
    assert view.hover_text(-2, -2) == "padding (zeros) · row -2, col -2 = 0"


def test_clicking_a_feature_map_pixel_jumps_the_animator_there(make_window, qtbot):
    window = make_window("seed-3.3")
    window.load_scene(picture(40, 40, 1, seed=10))
    laid_out(window)
    view = window.output_panel.views[1]
    with qtbot.waitSignal(view.cellClicked, timeout=1000):
        QTest.mouseClick(view.graphics.viewport(), Qt.MouseButton.LeftButton, pos=viewport_point(view, 12, 20))
    focus = window.animator.focus()
    assert (focus.kernel, focus.output_cell) == (1, (12, 20))


def test_keys_and_clicks_on_an_input_image_change_no_values(make_window, qtbot):
    window = make_window("seed-3.3")
    window.load_scene(picture(40, 40, 1, seed=11))
    laid_out(window)
    view = window.input_panel.views[0]
    before = window.document.scene
    QTest.mouseClick(view.graphics.viewport(), Qt.MouseButton.LeftButton, pos=viewport_point(view, 5, 5))
    QTest.mouseDClick(view.graphics.viewport(), Qt.MouseButton.LeftButton, pos=viewport_point(view, 5, 5))
    for key in (Qt.Key.Key_5, Qt.Key.Key_Delete, Qt.Key.Key_Return):
        QTest.keyClick(view.graphics, key)
    assert window.document.scene is before


# -- the animator's window on the image --------------------------------------------------------


def test_the_window_rectangle_follows_the_animator(make_window):
    window = make_window("seed-3.3")
    window.load_scene(picture(40, 40, 1, seed=12))
    view = window.input_panel.views[0]
    animator = window.animator
    for kernel, row, col in ((0, 0, 0), (0, 7, 21), (1, 37, 37)):
        animator.jump_to_cell(kernel, row, col)
        assert view.window_rect() == QRectF(col, row, 3, 3)
        out = window.output_panel.views[kernel]
        assert out.current_rect() == QRectF(col, row, 1, 1)
    animator.step(1)
    assert animator.focus().output_cell == (37, 37)  # the next sub-step of the same cell


def test_the_window_accounts_for_padding_and_dilation(make_window):
    window = make_window("seed-3.3")
    window.load_scene(picture(40, 40, 1, seed=13))
    window.document.set_params("pad and dilate", padding=(1, 1), dilation=(2, 2))
    window.animator.jump_to_cell(0, 0, 0)
    # Output (0, 0) reads padded rows 0, 2, 4: real rows −1 … 3.
    assert window.input_panel.views[0].window_rect() == QRectF(-1, -1, 5, 5)


def test_tapped_cells_show_once_zoomed_in_far_enough(make_window, qtbot):
    window = make_window("seed-3.3")
    window.load_scene(picture(200, 200, 1, seed=14))
    window.animator.set_level("multiply")
    window.animator.jump_to_cell(0, 50, 50)
    view = window.input_panel.views[0]
    view.fit_view()
    qtbot.waitUntil(lambda: view.pixels_per_cell() > 0)
    assert view.pixels_per_cell() < 7 and not view.tapped_cells_shown()
    view.view_box.setRange(QRectF(48, 48, 8, 8), padding=0)
    qtbot.waitUntil(view.tapped_cells_shown)


def test_the_ledger_still_shows_the_current_windows_numbers(make_window):
    window = make_window("seed-3.3")
    scene = picture(40, 40, 1, seed=15)
    window.load_scene(scene)
    window.animator.jump_to_cell(0, 4, 9)
    ledger = window.animator.focus().ledger
    text = " ".join(term.text for line in ledger.lines for term in line.terms)
    assert format_number(float(scene.input[4, 9, 0])) in text


def test_reveal_covers_the_cells_not_computed_yet(make_window):
    window = make_window("seed-3.3")
    window.load_scene(picture(40, 40, 1, seed=16))
    window.animator.reveal = True
    window.animator.jump_to_cell(0, 10, 0)
    window.presenter.present()
    view = window.output_panel.views[0]
    assert view._hidden is not None and view._hidden[20, 0] and not view._hidden[0, 0]


def test_themes_change_the_image_colours(make_window):
    window = make_window("seed-3.3")
    window.load_scene(picture(40, 40, 3, seed=17))
    window.apply_theme(th.DARK)
    view = window.output_panel.views[0]
    assert view.theme is th.DARK
    assert view.graphics.backgroundBrush().color().name().upper() == th.DARK.background.upper()


def test_a_feature_map_scales_its_colours_to_itself_when_asked(make_window):
    window = make_window("seed-3.3")
    window.load_scene(picture(40, 40, 1, seed=18))
    sharpen, blur = window.output_panel.views
    assert blur.levels == sharpen.levels  # shared by default, as the legend and the recordings show
    window.set_map_scale("own")
    assert blur.levels == (-1.0, 1.0)  # a blur of 0–1 values stays within 0–1
    assert sharpen.levels[1] >= 1.0 and sharpen.levels[0] == -sharpen.levels[1]


# -- staying responsive ---------------------------------------------------------------------------


def _random_scene(rng, params: ConvParams, C: int = 3, K: int = 6) -> Scene:
    kernels = [Kernel(f"k{i}", rng.standard_normal((3, 3, C // params.groups)), float(rng.random())) for i in range(K)]
    return Scene(rng.random((30, 27, C)), kernels, params)


PARAMS = [
    ConvParams(padding=pad, padding_mode=mode, stride=stride, dilation=dilation, groups=groups)
    for pad, mode, stride, dilation, groups in itertools.product(
        [0, 2, "same"], ["zeros", "reflect", "circular"], [1, 2], [1, 2], [1, 3])
    if not (pad == "same" and stride != 1)
]


@pytest.mark.parametrize("params", PARAMS, ids=lambda p: p.describe())
def test_recomputing_only_what_an_edit_reaches_matches_a_full_recompute(params):
    rng = np.random.default_rng(abs(hash(params.describe())) % 2**32)
    scene = _random_scene(rng, params)
    maps = scene.feature_maps()
    for _ in range(4):
        h, w = int(rng.integers(1, 4)), int(rng.integers(1, 4))
        r, c, ch = int(rng.integers(0, 30 - h)), int(rng.integers(0, 27 - w)), int(rng.integers(0, 3))
        edited = edits.with_block(scene, "input", 0, ch, r, c, rng.random((h, w)))
        change = SceneChange(ChangeKind.VALUES, "input", -1, ch, (r, c, r + h, c + w))
        np.testing.assert_allclose(maps_after_edit(edited, maps, change), edited.feature_maps(), rtol=0, atol=1e-12)
    k = int(rng.integers(0, 6))
    reweighted = scene.with_kernel(k, Kernel("new", rng.standard_normal(scene.kernels[k].shape), 2.0))
    change = SceneChange(ChangeKind.VALUES, "kernel", k, 0, (0, 0, 1, 1))
    np.testing.assert_allclose(maps_after_edit(reweighted, maps, change), reweighted.feature_maps(), rtol=0, atol=1e-12)


def test_typing_into_a_large_image_updates_the_maps_at_once(make_window, qtbot):
    window = make_window("seed-3.3")
    window.load_scene(picture(300, 300, 3, seed=19))
    doc, maps = window.document, window.maps
    assert feature_maps_module._work(doc.scene) > feature_maps_module.SYNC_WORK_LIMIT
    qtbot.waitUntil(lambda: not maps.busy)  # the whole scene, on the worker
    doc.set_block("input", 0, 1, 150, 150, np.array([[0.0]]))
    assert not maps.busy, "only the windows over the cell were recomputed, in the same turn"
    expected = conv2d(doc.scene.input, doc.scene.kernel_stack, doc.scene.biases)
    np.testing.assert_allclose(maps.maps, expected, rtol=0, atol=1e-12)
    shown = window.output_panel.views[0]
    assert shown._pixels[149, 149] == maps.maps[149, 149, 0]


def test_a_scene_too_large_to_compute_is_refused_with_a_message(make_window, monkeypatch, qtbot):
    window = make_window("seed-3.3")
    actions = image_actions(window)
    offers = []
    monkeypatch.setattr(image_actions_module, "ask_downsize", lambda parent, message, suggested: offers.append(message) or None)
    window.load_scene(picture(64, 64, 1, seed=20))
    monkeypatch.setattr(cost, "TIME_LIMIT_S", 1e-5)  # 64×64 with more kernels now counts as huge
    window.document.set_kernel_count(8)
    assert window.maps.error.startswith("too large to compute here")
    assert "downsize" in window.maps.error
    assert "64×64×1 input with 8 3×3 kernels" in window.output_panel.error_label.text()
    qtbot.waitUntil(lambda: len(offers) == 1)  # asked once the edit has finished
    assert len(offers) == 1 and "not computed" in offers[0]
    assert actions.view_mode == "auto"


def test_the_downsize_offer_shrinks_the_input_as_one_undo_step(make_window, monkeypatch, qtbot):
    window = make_window("seed-3.3")
    image_actions(window)
    window.load_scene(picture(64, 64, 1, seed=21))
    monkeypatch.setattr(cost, "MEMORY_LIMIT_BYTES", 64 * 64 * 100)  # 2 kernels fit, 8 don't
    monkeypatch.setattr(image_actions_module, "ask_downsize", lambda parent, message, suggested: 32)
    window.document.set_kernel_count(8)
    qtbot.waitUntil(lambda: window.document.scene.input_shape == (32, 32, 1))
    assert window.maps.maps is not None and not window.maps.error
    window.document.undo_stack.undo()
    assert window.document.scene.input_shape == (64, 64, 1)
