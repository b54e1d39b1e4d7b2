"""A transposed scene opens in the window: its maps are shown, and the window
says that stepping it is still to come instead of failing."""

from __future__ import annotations

import numpy as np
import pytest

from convviz.core.catalogue import resolve_scene
from convviz.core.scene import TRANSPOSED_STEPPING
from convviz.core.engine import conv_transpose2d


@pytest.mark.parametrize("name", ["transposed-2x2-s2", "seed-3.1-adjoint"])
def test_opening_a_transposed_scene_shows_its_maps_and_says_stepping_is_coming(make_window, qtbot, name):
    window = make_window(name)
    scene = window.document.scene
    expected = conv_transpose2d(scene.input, scene.kernel_stack, scene.biases, **scene.params.transposed_kwargs())
    qtbot.waitUntil(lambda: window.maps.maps is not None and window.maps.maps.shape == expected.shape)
    assert np.array_equal(window.maps.maps, expected)
    assert window.output_panel.views[0].model.values()[-1, -1] == expected[-1, -1, 0]
    assert TRANSPOSED_STEPPING in window.output_panel.error_label.text()
    assert not window.output_panel.error_label.isHidden()
    oh, ow = expected.shape[:2]
    assert window.output_panel.formula_h.text().endswith(f"= {oh}")
    assert window.output_panel.formula_w.text().endswith(f"= {ow}")
    assert TRANSPOSED_STEPPING[:30] in window.playback_bar.step_label.text()


def test_a_forward_scene_after_a_transposed_one_steps_again(make_window, qtbot):
    window = make_window("transposed-2x2-s2")
    window.load_scene(resolve_scene("seed-3.4"))
    qtbot.waitUntil(lambda: window.animator.focus() is not None)
    assert window.output_panel.error_label.isHidden()
    assert "no steps" not in window.playback_bar.step_label.text()


def test_a_transposed_scene_is_not_called_impossible_in_the_ledger_or_the_frame(make_window):
    from convviz.core.catalogue import resolve_scene
    from convviz.core.scene import TRANSPOSED_STEPPING
    from convviz.ui.recording.frame_renderer import FrameRenderer, render_frame_image

    window = make_window("transposed-2x2-s2")
    assert "parameters give no output" not in window.ledger_view.message
    assert TRANSPOSED_STEPPING in window.ledger_view.message
    image = render_frame_image(resolve_scene("transposed-2x2-s2"), size=(640, 360), renderer=FrameRenderer())
    assert not image.isNull()
