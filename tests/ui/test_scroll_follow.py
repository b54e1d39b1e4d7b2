"""In numbers mode the panels scroll to follow the current step (issue 11, item 17)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect

from convviz.core.scene import Kernel, Scene
from convviz.ui.base.runtime import Settings


def visible_in(scroll, view, rect: QRect) -> bool:
    viewport = scroll.viewport()
    top_left = view.mapTo(viewport, rect.topLeft())
    bottom_right = view.mapTo(viewport, rect.bottomRight())
    return viewport.rect().contains(top_left) and viewport.rect().contains(bottom_right)


def test_playing_through_a_grid_larger_than_its_panel_keeps_the_window_in_view(qtbot, user):
    from convviz.ui.shell.main_window import MainWindow

    x = np.arange(30 * 30, dtype=float).reshape(30, 30, 1) % 7
    scene = Scene(x, (Kernel("W0", np.ones((3, 3, 1))),), name="30×30")
    window = MainWindow(scene, settings=Settings())
    qtbot.addWidget(window, before_close_func=lambda w: w.document.undo_stack.setClean())
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    window.auto_fit = False
    window.set_cell_size(36)  # legible, so 30×30 does not fit
    qtbot.waitUntil(lambda: window.input_panel.scroll.verticalScrollBar().maximum() > 0)

    inputs, outputs = window.input_panel, window.output_panel
    window.animator.jump_to_cell(0, 27, 27)  # the last output cell, bottom right

    view = inputs.views[0]
    r0, c0, r1, c1 = view.overlay.window_box
    assert (r0, c0) == (27, 27)
    assert visible_in(inputs.scroll, view, view.cell_rect(r0, c0).united(view.cell_rect(r1, c1)))
    out = outputs.views[0]
    assert visible_in(outputs.scroll, out, out.cell_rect(*out.overlay.current))

    window.animator.first()
    assert visible_in(inputs.scroll, view, view.cell_rect(0, 0))
