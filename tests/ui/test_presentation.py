"""Presentation mode: the recording frame in the window, themes, exact sizes."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRectF, QSizeF, Qt

from convviz.core.catalogue import resolve_scene
from convviz.ui.base import theme as th
from convviz.ui.recording.export_dialog import install_recording_actions
from convviz.ui.recording.frame_renderer import frame_array, render_frame_image


@pytest.fixture
def presenting(make_window):
    window = make_window("seed-3.4")
    actions = install_recording_actions(window)
    return window, actions


def chrome(window) -> dict[str, bool]:
    """What is visible of the editing chrome, tool bars and docks included."""
    from PySide6.QtWidgets import QDockWidget, QToolBar

    shown = {
        "menubar": window.menuBar().isVisible(),
        "toolbar": window.param_toolbar.isVisible(),
        "statusbar": window.statusBar().isVisible(),
        "body": window.body.isVisible(),
        "playback": window.playback_bar.isVisible(),
    }
    for n, widget in enumerate(window.findChildren(QToolBar) + window.findChildren(QDockWidget)):
        if widget.parentWidget() is window:
            shown[f"{type(widget).__name__} {n} {widget.objectName()}"] = widget.isVisible()
    return shown


def test_presentation_hides_the_editing_chrome_and_restores_it(presenting, qtbot):
    window, actions = presenting
    before = chrome(window)
    assert all(before[k] for k in ("menubar", "toolbar", "statusbar", "body", "playback"))
    actions.toggle_presentation.trigger()
    view = actions.presentation.view
    assert actions.presentation.is_active() and actions.toggle_presentation.isChecked()
    assert not any(chrome(window).values())
    assert view.isVisible() and view.strip.isVisible()
    actions.toggle_presentation.trigger()
    assert not actions.presentation.is_active() and not actions.toggle_presentation.isChecked()
    assert chrome(window) == before
    assert not view.isVisible()


def test_leaving_restores_exactly_what_was_visible(presenting):
    window, actions = presenting
    window.statusBar().hide()
    before = chrome(window)
    actions.presentation.enter()
    actions.presentation.leave()
    assert chrome(window) == before
    assert not window.statusBar().isVisible()


def test_escape_leaves_presentation(presenting, qtbot):
    window, actions = presenting
    actions.presentation.enter()
    view = actions.presentation.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not actions.presentation.is_active()
    assert window.body.isVisible()


def test_the_view_follows_the_animator_and_its_strip_steers_it(presenting, qtbot):
    window, actions = presenting
    actions.presentation.enter()
    view = actions.presentation.view
    first = view.canvas.grab().toImage()
    window.animator.set_index(7)
    assert view.strip.scrubber.value() == 7
    assert view.strip.step_label.text() == f"7/{len(window.animator) - 1}"
    assert not np.array_equal(frame_array(view.canvas.grab().toImage()), frame_array(first))
    view.strip.scrubber.setValue(12)
    assert window.animator.index == 12
    qtbot.mouseClick(view.strip.forward_button, Qt.MouseButton.LeftButton)
    assert window.animator.index == 13


def test_the_view_paints_the_frame_the_exporter_renders(presenting):
    window, actions = presenting
    actions.presentation.enter()
    actions.presentation.set_recording_size((1280, 720))
    view = actions.presentation.view
    window.animator.set_index(3)
    shown = frame_array(view.canvas.grab().toImage())
    exported = frame_array(render_frame_image(window.document.scene, size=(1280, 720), step=3))
    assert shown.shape == exported.shape == (720, 1280, 3)
    assert np.abs(shown.astype(int) - exported.astype(int)).mean() < 0.5


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_window_can_be_set_to_an_exact_recording_size(presenting, size):
    window, actions = presenting
    actions.presentation.enter()
    got = actions.presentation.set_recording_size(size)
    assert (got.width(), got.height()) == size
    assert (window.width(), window.height()) == size
    frame = actions.presentation.view.frame_size()
    assert (frame.width(), frame.height()) == size  # the playback strip is hidden for recording


def test_themes_apply_to_the_view(presenting):
    window, actions = presenting
    actions.presentation.enter()
    view = actions.presentation.view
    corners = {}
    for name, theme in th.THEMES.items():
        view.set_theme(name)
        assert view.theme is theme
        image = frame_array(view.canvas.grab().toImage())
        corners[name] = tuple(int(v) for v in image[3, 3])
        assert corners[name] == tuple(int(theme.background[i : i + 2], 16) for i in (1, 3, 5))
    assert corners["light"] != corners["dark"]
    light = frame_array(render_frame_image(window.document.scene, step=2, theme="light"))
    contrast = frame_array(render_frame_image(window.document.scene, step=2, theme="high-contrast"))
    assert np.abs(light.astype(int) - contrast.astype(int)).mean() > 1


def test_scale_and_caption_change_the_frame(presenting):
    window, actions = presenting
    actions.presentation.enter()
    view = actions.presentation.view
    plain = frame_array(view.canvas.grab().toImage())
    view.set_caption("Lesson 3: several channels")
    captioned = frame_array(view.canvas.grab().toImage())
    assert view.caption == "Lesson 3: several channels"
    title_band = (slice(0, 60), slice(0, 600))
    assert not np.array_equal(plain[title_band], captioned[title_band])
    view.set_caption("")
    assert view.caption is None  # back to the scene's name
    view.set_scale(1.5)
    bigger = frame_array(view.canvas.grab().toImage())
    assert not np.array_equal(plain, bigger)


def test_presentation_options_are_in_the_view_menu(presenting):
    window, actions = presenting
    texts = [a.text() for a in actions.options_menu.actions()]
    for expected in ("Light theme", "Dark theme", "High contrast theme", "Recording size 1280×720",
                     "Recording size 1920×1080", "&Caption…", "Show &playback bar"):  # fmt: skip
        assert expected in texts
    dark = next(a for a in actions.options_menu.actions() if a.text() == "Dark theme")
    dark.trigger()
    assert actions.presentation.view.theme.name == "dark"


def test_presentation_shows_an_impossible_scene_s_message(make_window):
    from convviz.core.scene import Kernel, Scene

    window = make_window("seed-3.3")
    actions = install_recording_actions(window)
    actions.presentation.enter()
    window.load_scene(Scene(np.zeros((3, 3, 1)), (Kernel("W0", np.ones((5, 5, 1))),), name="too small"))
    image = frame_array(actions.presentation.view.canvas.grab().toImage())
    assert (np.abs(image.astype(int) - [0xB0, 0x00, 0x20]).sum(axis=2) < 30).any()
    assert actions.presentation.view.strip.step_label.text() == "no steps"


def test_every_seed_scene_renders_at_both_recording_sizes():
    for name in ("seed-3.1", "seed-3.2", "seed-3.3", "seed-3.4", "cs231n-style"):
        scene = resolve_scene(name)
        for size in ((1280, 720), (1920, 1080)):
            image = render_frame_image(scene, size=size, step=1, level="multiply")
            assert (image.width(), image.height()) == size


@pytest.mark.parametrize("name", ["seed-3.1", "seed-3.4", "cs231n-style"])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_a_frame_uses_its_whole_height_grids_under_the_title_and_the_ledger_at_its_foot(name, size):
    from convviz.core.trace import StepTrace
    from convviz.ui.recording.frame_layout import compute_layout

    scene = resolve_scene(name)
    width, height = size
    lay = compute_layout(scene, StepTrace(scene, "channel"), width, height)
    grids = [*lay.inputs, *lay.kernels, lay.bias, *lay.outputs]
    grids_top = min(lay.input_header.top(), lay.kernel_header.top(), lay.output_header.top())
    grids_bottom = max(g.rect.bottom() for g in grids)
    ledger = QRectF(lay.ledger_origin, QSizeF(lay.ledger_width, lay.ledger_height))
    ledger_bottom = ledger.bottom()
    # Nothing overlaps: the title, then the grids, then the ledger (under
    # them, or beside an input in a column of the whole height), then the
    # progress bar.
    assert lay.params_rect.bottom() <= grids_top
    assert not any(g.rect.intersects(ledger) or g.caption_rect.intersects(ledger) for g in grids)
    assert max(grids_bottom, ledger_bottom) <= lay.progress_rect.top()
    assert ledger.right() <= width - 20 * lay.unit + 0.5
    # The grids start right under the title and the ledger ends just above
    # the progress bar: together they span at least 85 % of the frame.
    assert grids_top - lay.params_rect.bottom() <= 12 * lay.unit
    assert lay.progress_rect.top() - ledger_bottom <= 10 * lay.unit
    assert (ledger_bottom - grids_top) / height >= 0.85
