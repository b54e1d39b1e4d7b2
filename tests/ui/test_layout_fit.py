"""The window's layout at the sizes lessons are recorded at: the grids fill
the window at cells as large as fit, no label is cut, no scroll bar shows
while there is room, and the fit follows resizes and the Presets dock
unless the user zoomed by hand."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel

from convviz.core.catalogue import resolve_scene
from convviz.core.scene import Kernel, Scene


def dense(H: int, C: int, K: int, k: int, seed: int) -> Scene:
    """The issue's dense scenes: an H×H×C input and K k×k kernels."""
    rng = np.random.default_rng(seed)
    kernels = tuple(Kernel(f"W{i}", rng.integers(-2, 3, (k, k, C)).astype(float), float(i)) for i in range(K))
    return Scene(rng.integers(-3, 10, (H, H, C)).astype(float), kernels, name=f"{H}x{H}x{C}")


def refitted(window, qtbot) -> None:
    """Wait for the fit the window queues after a resize or a dock toggle."""
    qtbot.waitUntil(lambda: not window._fit_timer.isActive())


def no_scroll_bars(window, qtbot) -> None:
    """The scroll areas settle their bars in the event loop: wait for them
    to go (they never do where the grids don't fit)."""
    qtbot.waitUntil(lambda: scroll_bars(window) == [], timeout=2000)


def smallest_cell(window) -> int:
    views = [*window.input_panel.views, *window.kernel_panel.all_views(), *window.output_panel.views]
    return min(v.cell_size for v in views)


def cut_labels(window) -> list[str]:
    """Every visible one-line label narrower than its text."""
    cut = []
    for label in window.findChildren(QLabel):
        if not label.isVisible() or not label.text() or label.wordWrap():
            continue
        if label.textFormat() == label.textFormat().PlainText or "<" not in label.text():
            need = QFontMetrics(label.font()).size(0, label.text()).width()  # the widest of its lines
        else:
            need = label.sizeHint().width() - 8  # rich text: its document's margins
        if need > label.contentsRect().width():
            cut.append(label.accessibleName() or label.text())
    return cut


def scroll_bars(window) -> list[str]:
    shown = []
    for panel in (window.input_panel, window.kernel_panel, window.output_panel):
        for bar in (panel.scroll.horizontalScrollBar(), panel.scroll.verticalScrollBar()):
            if bar.isVisible():
                shown.append(type(panel).__name__)
    return shown


def step_to_a_lit_caption(window) -> None:
    for _ in range(3):  # per channel: channel 1, 2, 3 lit in turn
        window.animator.step(1)


@pytest.mark.parametrize(("scene", "cell"), [("seed-3.1", 56), ("seed-3.4", 40), ("cs231n-style", 34)])
def test_the_seed_scenes_fill_a_720p_window_without_a_cut_label_or_scroll_bar(make_window, qtbot, scene, cell):
    window = make_window(scene)
    step_to_a_lit_caption(window)
    assert window.width() == 1280
    assert smallest_cell(window) >= cell
    assert cut_labels(window) == []
    no_scroll_bars(window, qtbot)
    # The grids end inside the panels, above the ledger.
    ledger_top = window.ledger_scroll.mapTo(window, QPoint(0, 0)).y()
    for view in window.kernel_panel.all_views():
        assert view.mapTo(window, QPoint(0, view.height())).y() <= ledger_top
    body_bottom = window.outer.mapTo(window, QPoint(0, window.outer.height())).y()
    for view in window.input_panel.views:
        assert view.mapTo(window, QPoint(0, view.height())).y() <= body_bottom


def test_a_deep_input_takes_a_column_of_the_full_height_where_that_gives_larger_cells(make_window, qtbot):
    window = make_window("seed-3.4")
    # Its three 5×5 channels stacked two high need more height than the
    # ledger band leaves; in a column of their own they get it.
    assert window.input_in_column
    assert window.input_panel.grid_layout.columns == 2
    assert window.input_panel.height() > window.kernel_panel.height() + window.ledger_scroll.height() // 2
    # seed-3.1's one channel needs no column: it stays beside the kernel.
    window.load_scene(resolve_scene("seed-3.1"))
    refitted(window, qtbot)
    assert not window.input_in_column
    assert window.cell_size == 56


def test_the_kernels_wrap_into_the_arrangement_with_the_largest_cells(make_window, qtbot):
    window = make_window("seed-3.4")
    window.load_scene(dense(8, 4, 4, 3, 1))
    window.resize(1920, 1080)
    refitted(window, qtbot)
    # Four kernels of four channels side by side would be 1,700 px wide at
    # these cells: they wrap, and the cells are twice the 14 px of one row.
    kernels, channels, _ = window.kernel_panel._arrangement
    assert (kernels, channels) != (4, 4)
    assert smallest_cell(window) >= 34
    no_scroll_bars(window, qtbot)
    assert cut_labels(window) == []


@pytest.mark.parametrize("dock", [False, True])
@pytest.mark.parametrize(("H", "C", "K", "k"), [(8, 4, 4, 3), (16, 3, 2, 5)])
def test_a_dense_scene_gets_one_cell_size_for_input_and_kernels_no_smaller_than_their_numbers_need(
    make_window, qtbot, H, C, K, k, dock
):
    window = make_window("seed-3.4")
    window.presets_dock.setVisible(dock)
    window.load_scene(dense(H, C, K, k, 1))
    refitted(window, qtbot)
    grids = [*window.input_panel.views, *window.kernel_panel.all_views()]
    # "−3" can't be written in 14 px at a readable size: no grid gets less
    # than the widest number needs, and the kernels (their biases too) match
    # the input cell for cell, as the window box on them does.
    needed = max(view.legible_cell for view in grids)
    assert needed > 14
    assert {view.cell_size for view in grids} == {window.cell_size}
    assert window.cell_size >= needed
    assert smallest_cell(window) >= 20
    assert cut_labels(window) == []


def test_opening_the_dock_refits_and_cuts_nothing_not_even_the_step_label(make_window, qtbot):
    window = make_window("cs231n-style")
    closed = window.cell_size
    window.presets_dock.setVisible(True)
    refitted(window, qtbot)
    step_to_a_lit_caption(window)
    qtbot.waitUntil(lambda: not window._fit_timer.isActive())
    assert window.width() == 1280  # the dock takes room from the grids, not from the screen
    assert 20 <= window.cell_size <= closed
    no_scroll_bars(window, qtbot)
    assert cut_labels(window) == []
    label = window.playback_bar.step_label
    assert QFontMetrics(label.font()).horizontalAdvance(label.text()) <= label.contentsRect().width()
    window.presets_dock.setVisible(False)
    refitted(window, qtbot)
    assert window.cell_size == closed


def test_the_grids_refit_when_the_window_is_resized(make_window, qtbot):
    window = make_window("seed-3.4")
    small = window.cell_size
    window.resize(1920, 1080)
    refitted(window, qtbot)
    assert window.cell_size >= 50 > small
    no_scroll_bars(window, qtbot)
    window.resize(1280, 720)
    refitted(window, qtbot)
    assert window.cell_size == small
    no_scroll_bars(window, qtbot)


def test_a_zoom_by_hand_survives_a_resize_and_ctrl_0_fits_again(make_window, user, qtbot):
    window = make_window("seed-3.4")
    fitted = window.cell_size
    u = user(window)
    u.shortcut("Ctrl+-")
    zoomed = window.cell_size
    assert zoomed < fitted
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.width() == 1920)
    refitted(window, qtbot)
    assert window.cell_size == zoomed
    window.presets_dock.setVisible(True)
    refitted(window, qtbot)
    assert window.cell_size == zoomed
    u.shortcut("Ctrl+0")
    assert window.cell_size > fitted  # fitted to the larger window


def test_a_refit_leaves_the_keyboard_focus_in_the_grid_that_had_it(make_window, qtbot):
    """Fitting tries the input in a column and beside the kernels, which moves
    its panel between splitters; the grid being typed into keeps the focus."""
    window = make_window("seed-3.4")
    view = window.input_panel.views[0]
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    for size in ((1100, 700), (1280, 720)):
        window.resize(*size)
        window.fit_cells()
        assert window.focusWidget() is view


@pytest.mark.parametrize("scene", ["transposed-2x2-s2", "cs231n-style"])
def test_the_step_label_is_whole_from_the_first_frame_and_the_bar_fits_a_1280_window(make_window, qtbot, scene):
    # The label's width was measured before the window's stylesheet reached
    # it, in a smaller font, so step 0 of a transposed scene lost its last word.
    window = make_window(scene)
    label = window.playback_bar.step_label
    qtbot.waitUntil(lambda: QFontMetrics(label.font()).horizontalAdvance(label.text()) <= label.contentsRect().width())
    assert label.text().startswith("0/")
    assert window.minimumSizeHint().width() <= 1280
    assert window.width() == 1280


@pytest.mark.parametrize("scene", ["transposed-2x2-s2", "seed-3.4"])
def test_a_refit_at_any_step_keeps_room_for_every_steps_ledger(make_window, qtbot, scene):
    # A transposed scene's bias step has one ledger line and its scatter
    # steps four: fitted at the bias step, the band held one line, and
    # stepping back hid three behind a scroll bar.
    window = make_window(scene)
    at_first = (window.cell_size, window.body.sizes())
    window.animator.last()
    window.resize(1281, 720)
    refitted(window, qtbot)
    window.resize(1280, 720)
    refitted(window, qtbot)
    assert (window.cell_size, window.body.sizes()) == at_first
    for index in [*range(0, len(window.animator), max(1, len(window.animator) // 10)), len(window.animator) - 1]:
        window.animator.set_index(index)
        assert window.ledger_view.height_for(window.ledger_view.width()) <= window.ledger_scroll.viewport().height()
    assert not window.ledger_scroll.verticalScrollBar().isVisible()
