"""Big but legal scenes open in bounded time (issue 11, item 10, window side):
grids draw only the cells in view, and the kernel panel builds grids only for
the kernels it shows. Timings are in benchmarks/bench_big_scenes.py."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from convviz.core.scene import ConvParams, Kernel, Scene
from convviz.ui.base.runtime import Settings
from convviz.ui.grid.matrix_view import MatrixView


def padded_scene(padding: int) -> Scene:
    x = np.arange(25.0).reshape(5, 5, 1)
    return Scene(x, (Kernel("W0", np.ones((3, 3, 1))),), ConvParams(padding=(padding, padding)), "padded")


@pytest.fixture
def open_window(qtbot):
    from convviz.ui.shell.main_window import MainWindow

    def open_(scene: Scene):
        window = MainWindow(scene, settings=Settings())
        qtbot.addWidget(window, before_close_func=lambda w: w.document.undo_stack.setClean())
        window.resize(1280, 720)
        window.show()
        qtbot.waitExposed(window)
        window.fit_cells()
        return window

    return open_


def test_a_heavily_padded_grid_paints_only_the_cells_in_view(open_window, monkeypatch):
    window = open_window(padded_scene(300))  # 605×605 cells with the padding ring
    view = window.input_panel.views[0]
    assert isinstance(view, MatrixView) and view.grid_shape == (605, 605)
    painted = []
    paint_cell = view._paint_cell

    def counting_paint_cell(painter, grid, prow, pcol):
        painted.append((prow, pcol))
        paint_cell(painter, grid, prow, pcol)

    monkeypatch.setattr(view, "_paint_cell", counting_paint_cell)

    view.grab(view.visibleRegion().boundingRect())  # paint what is in view

    in_view = view.visibleRegion().boundingRect()
    s = view.cell_size
    visible_cells = (in_view.width() // s + 2) * (in_view.height() // s + 2)
    assert 0 < len(painted) <= visible_cells < 605 * 605 // 100
    # Scrolled to the far corner, that corner's cells are drawn.
    scroll = window.input_panel.scroll
    scroll.horizontalScrollBar().setValue(scroll.horizontalScrollBar().maximum())
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    painted.clear()
    view.grab(view.visibleRegion().boundingRect())  # paint what is in view
    assert (604, 604) in painted and len(painted) <= visible_cells


def test_padding_2000_opens_and_shows_the_real_cells_in_the_middle(open_window):
    window = open_window(padded_scene(2000))
    view = window.input_panel.views[0]
    assert view.grid_shape == (4005, 4005)
    assert window.maps.maps.shape == (4003, 4003, 1)
    image = view.grab(view.visibleRegion().boundingRect())
    assert not image.isNull() and image.width() > 100


def kernel_bank_scene(K: int, C: int) -> Scene:
    kernels = tuple(Kernel(f"W{k}", np.full((3, 3, C), float(k))) for k in range(K))
    return Scene(np.ones((6, 6, C)), kernels, name="bank")


def test_a_kernel_bank_too_big_to_draw_folds_the_later_kernels_and_says_so(open_window, user, qtbot):
    from convviz.ui.panels.kernel_panel import MAX_SHOWN_GRIDS

    window = open_window(kernel_bank_scene(64, 8))  # 512 grids
    panel = window.kernel_panel
    built = sum(len(panel.views_of(k)) for k in range(64))
    assert built <= MAX_SHOWN_GRIDS
    assert len(panel.blocks) == 64 and all(panel.bias_view(k) is not None for k in range(64))
    folded = [k for k in range(64) if not panel.views_of(k)]
    assert folded == list(range(built // 8, 64))
    assert panel.folded_note.isVisible()
    assert "512 grids" in panel.folded_note.text() and f"W{folded[0]}–W63 are folded" in panel.folded_note.text()

    # The window shows one kernel at a time: End on the kernel tabs shows the
    # last kernel, its grids built; with every kernel shown, a folded one
    # unfolds by its button.
    u = user(window)
    assert panel.folded
    panel.tabs.tabs.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.tabs.tabs.hasFocus)
    u.press(Qt.Key.Key_End)
    views = panel.views_of(63)
    assert len(views) == 8 and panel.selected_kernel == 63
    u.click(panel.tabs.all_button)
    qtbot.waitUntil(lambda: not window._fit_timer.isActive())
    block = panel.blocks[62]
    panel.scroll.ensureWidgetVisible(block)
    qtbot.waitUntil(block.show_grids_button.isVisible)
    u.click(block.show_grids_button)
    assert len(panel.views_of(62)) == 8 and panel.selected_kernel == 62
    panel.scroll.ensureWidgetVisible(panel.blocks[63])
    qtbot.waitUntil(views[7].isVisible)
    panel.scroll.ensureWidgetVisible(views[7])
    u.click_cell(views[7], 0, 0)
    u.type("5")
    u.press(Qt.Key.Key_Return)
    assert window.document.scene.kernels[63].weights[0, 0, 7] == 5.0
    assert window.document.undo_stack.undoText() == "Edit W63 channel 8 weight (0, 0)"


def test_a_kernel_bank_within_the_budget_is_drawn_whole(open_window):
    window = open_window(kernel_bank_scene(8, 3))
    assert all(len(window.kernel_panel.views_of(k)) == 3 for k in range(8))
    assert not window.kernel_panel.folded_note.isVisible()
