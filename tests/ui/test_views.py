"""The feature-map panel's partial-maps and im2col views (issue 14): chosen
as a user chooses them, clicked as a user clicks, and drawn from the frame
model exactly as every recording draws them."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from conftest import User

from convviz.core.frame import CellRole, FrameView, GridKind
from convviz.core.frame_views import IM2COL_VIEW_MAX_VALUES
from convviz.core.scene import Kernel, Scene
from convviz.core.unfold import unfold
from convviz.ui.base import theme as th
from convviz.ui.grid.grid_image import values_rgb
from convviz.ui.recording.frame_renderer import FrameRenderer, frame_array, grid_key, render_frame_image


def _click(qtbot, widget, point) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(round(point.x()), round(point.y())))


def test_choosing_partial_maps_shows_the_equation_and_a_click_on_a_partial_cell_goes_to_its_step(make_window, qtbot):
    window = make_window("seed-3.4", (1600, 900))
    panel, animator = window.output_panel, window.animator
    panel.view_choice.setCurrentIndex(panel.view_choice.findData("partial-maps"))
    assert animator.view is FrameView.PARTIAL_MAPS
    qtbot.waitUntil(lambda: panel.equation.isVisible() and not panel.scroll.isVisible())
    equation = panel.equation
    assert [g.kind for g in equation.frame.views] == [GridKind.PARTIAL] * 3 + [GridKind.BIAS_TERM, GridKind.RESULT]
    assert window.view_actions["partial-maps"].isChecked()
    _click(qtbot, equation, equation.cell_centre(1, 1, 2))  # P2, output (1, 2)
    trace = animator.trace
    assert animator.index == trace.index_of(0, 1, 2, trace.sub_for(trace.step(0).phase.CHANNEL, 1))
    assert equation.frame.views[1].role(1, 2) is CellRole.CURRENT


def test_the_view_menu_shortcut_goes_to_im2col_and_a_click_on_a_column_of_u_goes_to_that_window(make_window, qtbot):
    window = make_window("seed-3.4", (1600, 900))
    animator, equation = window.animator, window.output_panel.equation
    animator.set_index(animator.trace.index_of(1, 0, 0, 2))  # W1, output (0, 0), channel 3
    user = User(qtbot, window)
    user.shortcut("Ctrl+3")
    qtbot.waitUntil(lambda: animator.view is FrameView.IM2COL and equation.isVisible())
    assert window.output_panel.view_choice.currentData() == "im2col"
    W, U, b, Y = equation.frame.views
    assert U.kind is GridKind.UNFOLDED and U.window_box == (0, 0, 26, 0)
    _click(qtbot, equation, equation.cell_centre(1, 5, 7))  # a cell of U's column 7: output (2, 1)
    assert animator.index == animator.trace.index_of(1, 2, 1, 2)  # the same kernel and channel there
    assert equation.frame.views[1].window_box == (0, 7, 26, 7)
    user.shortcut("Ctrl+1")
    qtbot.waitUntil(lambda: window.output_panel.scroll.isVisible() and not equation.isVisible())


@pytest.mark.parametrize(("view", "scene_id"), [("partial-maps", "seed-3.4"), ("partial-maps", "cs231n-style"), ("im2col", "seed-3.2")])
def test_window_and_recording_draw_the_view_as_the_frame_model_says(make_window, qtbot, view, scene_id):
    window = make_window(scene_id, (1920, 1080))
    animator, equation = window.animator, window.output_panel.equation
    window.set_view(view)
    # The window shares its width out anew for the equation (at the zoom's cells).
    qtbot.waitUntil(lambda: equation.width() >= equation.wanted_size().width())
    renderer = FrameRenderer(record=True)
    checked = 0
    for index in range(0, len(animator), 7):
        animator.set_index(index)
        frame = animator.frame()
        equation.grab()  # paints it
        render_frame_image(animator.trace.scene, size=(1920, 1080), step=index, renderer=renderer,
                           trace=animator.trace, view=view)  # fmt: skip
        record = renderer.last_record
        for position, grid in enumerate(frame.views):
            recorded = record.cells.get(grid_key(grid))
            painted = equation.painted.get(position)
            for cells in (c for c in (recorded, painted) if c is not None):
                for (r, c), (text, role) in cells.items():
                    assert role is grid.role(r, c), (grid.kind, (r, c), frame.label)
            if recorded is not None and painted is not None:
                assert painted == recorded, (grid.kind, frame.label)
                checked += 1
    assert checked >= 10  # numbers were compared, not only images


def test_a_large_input_shows_its_partial_maps_as_images_on_one_scale(make_window, qtbot):
    window = make_window("seed-3.4")
    rng = np.random.default_rng(1)
    scene = Scene(name="big", input=rng.random((80, 80, 3)),
                  kernels=(Kernel("W0", rng.normal(size=(3, 3, 3)), 0.5),))  # fmt: skip
    window.document.load_scene(scene)
    window.set_view("partial-maps")
    equation = window.output_panel.equation
    qtbot.waitUntil(lambda: equation.frame is not None and len(equation.frame.views) == 5)
    equation.grab()
    assert [p.as_image for p in equation.places] == [True, True, True, False, True]
    partials = equation.frame.views[:3]
    assert len({g.scale for g in partials}) == 1 and partials[0].scale.kind == "diverging"


def test_a_large_input_shows_u_as_an_image_of_the_unfolded_input_s_greys(make_window, qtbot):
    window = make_window("seed-3.4")
    rng = np.random.default_rng(2)
    scene = Scene(name="big", input=rng.random((90, 70, 3)), kernels=(Kernel("W0", rng.normal(size=(3, 3, 3)), 0.5),))
    window.document.load_scene(scene)
    window.set_view("im2col")
    equation = window.output_panel.equation
    qtbot.waitUntil(lambda: equation.frame is not None and len(equation.frame.views) == 4)
    equation.grab()
    U = equation.frame.views[1]
    assert U.kind is GridKind.UNFOLDED and U.shape == (27, 88 * 68) and equation.places[1].as_image
    # What the window and the recordings colour (U thinned to what they draw) is the engine's U's greys.
    side = (64, 440)
    cols = -(-U.shape[1] // side[1])
    expected = th.grey_colors(unfold(scene.input, (3, 3))[:, ::cols], U.scale.low, U.scale.high)
    assert np.array_equal(values_rgb(U, th.LIGHT, max_side=side), expected)


def test_in_numbers_mode_a_u_too_large_to_read_is_an_image_and_the_bias_keeps_its_number(make_window, qtbot):
    window = make_window("seed-3.4", (1600, 900))
    rng = np.random.default_rng(3)
    scene = Scene(name="big", input=rng.random((40, 40, 3)), kernels=(Kernel("W0", rng.normal(size=(3, 3, 3)), 0.5),))
    window.document.load_scene(scene)
    window.image_actions.set_view_mode("numbers")
    window.set_view("im2col")
    equation = window.output_panel.equation
    qtbot.waitUntil(lambda: equation.frame is not None and len(equation.frame.views) == 4)
    equation.grab()
    assert equation.places[1].as_image and 1 not in equation.painted  # U [27, 1444]: its cells would be 1 px wide
    assert equation.painted[2][(0, 0)][0] == "0.5"  # the bias keeps its number


def test_im2col_refuses_past_its_limit_with_a_message_and_the_window_keeps_working(make_window, qtbot):
    window = make_window("seed-3.4")
    scene = Scene(name="huge", input=np.zeros((1000, 1000, 3)), kernels=(Kernel("W0", np.ones((5, 5, 3))),))
    assert 3 * 25 * 996 * 996 > IM2COL_VIEW_MAX_VALUES
    window.document.load_scene(scene)
    window.animator.set_level("cell")
    window.set_view("im2col")
    equation = window.output_panel.equation
    qtbot.waitUntil(lambda: "U would be [75, 992016]" in equation.message)
    window.animator.step(1)
    assert window.animator.index == 1 and equation.message


def test_render_and_export_take_the_view(tmp_path, run_cli):
    shots = {}
    for view in ("maps", "partial-maps", "im2col"):
        done = run_cli("render", "seed-3.4", "--view", view, "--step", "5", "--layout", "presentation",
                       "-o", f"{view}.png")  # fmt: skip
        assert done.returncode == 0, done.stderr
        shots[view] = frame_array(QImage(str(tmp_path / f"{view}.png")))
    assert not np.array_equal(shots["maps"], shots["partial-maps"])
    assert not np.array_equal(shots["partial-maps"], shots["im2col"])
    # The recording is the frame renderer's, view and all.
    from convviz.core.catalogue import resolve_scene

    expected = frame_array(render_frame_image(resolve_scene("seed-3.4"), step=5, view="partial-maps"))
    assert np.array_equal(shots["partial-maps"], expected)
    done = run_cli("export", "seed-3.4", "--view", "im2col", "--to", "2", "--hold-last", "0", "-o", "frames/")
    assert done.returncode == 0, done.stderr
    frames = sorted((tmp_path / "frames").glob("*.png"))
    assert len(frames) == 3
    first = frame_array(QImage(str(frames[0])))
    assert np.array_equal(first, frame_array(render_frame_image(resolve_scene("seed-3.4"), step=0, view="im2col")))
    done = run_cli("render", "seed-3.4", "--view", "columns", "-o", "x.png")
    assert done.returncode == 2 and "--view" in done.stderr and not (tmp_path / "x.png").exists()


def test_copy_frame_and_the_export_dialog_follow_the_window_s_view(make_window, qtbot):
    from convviz.ui.recording.export_dialog import copy_frame, install_recording_actions

    window = make_window("seed-3.4")
    actions = install_recording_actions(window)
    window.set_view("partial-maps")
    window.animator.set_index(5)
    copied = copy_frame(window)
    expected = render_frame_image(window.document.scene, size=(copied.width(), copied.height()), step=5,
                                  view="partial-maps")  # fmt: skip
    assert np.array_equal(frame_array(copied), frame_array(expected))
    window.set_view("im2col")
    actions.export_animation.trigger()
    qtbot.waitUntil(lambda: actions.dialog is not None and actions.dialog.isVisible())
    assert actions.dialog.view_combo.currentData() == "im2col"
    actions.dialog.view_combo.setCurrentIndex(actions.dialog.view_combo.findData("partial-maps"))
    assert actions.dialog.options().view == "partial-maps"
    actions.dialog.reject()


@pytest.mark.parametrize("view", ["partial-maps", "im2col"])
def test_presentation_mode_paints_the_view_the_exporter_renders(make_window, view):
    from convviz.ui.recording.export_dialog import install_recording_actions

    window = make_window("seed-3.4")
    actions = install_recording_actions(window)
    actions.presentation.enter()
    actions.presentation.set_recording_size((1280, 720))
    window.set_view(view)
    window.animator.set_index(7)
    shown = frame_array(actions.presentation.view.canvas.grab().toImage())
    exported = frame_array(render_frame_image(window.document.scene, size=(1280, 720), step=7, view=view))
    assert shown.shape == exported.shape == (720, 1280, 3)
    assert np.abs(shown.astype(int) - exported.astype(int)).mean() < 0.5
    maps = frame_array(render_frame_image(window.document.scene, size=(1280, 720), step=7))
    assert np.abs(shown.astype(int) - maps.astype(int)).mean() > 2  # not the maps view
    actions.presentation.leave()
