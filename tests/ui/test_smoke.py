"""A first look: the window opens, typing changes the feature maps."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from convviz.core.engine import conv2d


def test_typing_a_value_updates_the_feature_map(make_window, qtbot):
    window = make_window("seed-3.3")
    view = window.input_panel.views[0]
    view.setFocus()
    view.set_current_cell(0, 1)
    qtbot.keyClicks(view, "5")
    qtbot.keyClick(view.editor(), Qt.Key.Key_Return)
    scene = window.document.scene
    assert scene.input[0, 1, 0] == 5
    expected = conv2d(scene.input, scene.kernel_stack, scene.biases)
    assert np.array_equal(window.maps.maps, expected)
    assert window.output_panel.views[0].model.values()[0, 0] == expected[0, 0, 0]
