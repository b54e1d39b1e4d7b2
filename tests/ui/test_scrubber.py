"""The scrubber works for any number of steps (issue 11, item 4): a legal
scene can have billions of multiply-level steps, more than a slider holds."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from convviz.core.scene import ConvParams, Kernel, Scene
from convviz.ui.animation.animator import Animator
from convviz.ui.animation.playback_bar import PlaybackBar
from convviz.ui.animation.step_scrubber import SCRUB_POSITIONS, position_of_step, step_of_position
from convviz.ui.document.document import SceneDocument


def billions_of_steps_scene() -> Scene:
    """Within the window's limits: 128×128 input, 64 kernels of 31×31, padding 64."""
    kernels = tuple(Kernel(f"W{k}", np.zeros((31, 31, 1))) for k in range(64))
    return Scene(np.zeros((128, 128, 1)), kernels, ConvParams(padding=(64, 64)))


def test_scrubbing_a_scene_with_billions_of_multiply_steps_reaches_every_end(qtbot):
    document = SceneDocument(billions_of_steps_scene())
    animator = Animator(document)
    bar = PlaybackBar(animator)
    qtbot.addWidget(bar)
    bar.show()

    bar.level_combo.setCurrentIndex(bar.level_combo.findText("per multiply"))

    steps = len(animator)
    assert steps == 226 * 226 * 64 * (31 * 31 + 2) > 2**31
    scrubber = bar.scrubber
    assert scrubber.isEnabled() and scrubber.maximum() == SCRUB_POSITIONS

    scrubber.setFocus()
    qtbot.keyClick(scrubber, Qt.Key.Key_End)
    assert animator.index == steps - 1
    assert bar.step_label.text().startswith(f"{steps - 1:,}/{steps - 1:,} ")  # steps count from 0

    scrubber.setValue(SCRUB_POSITIONS // 2)  # dragged to the middle
    assert abs(animator.index - steps // 2) <= steps // SCRUB_POSITIONS
    assert bar.step_label.text().startswith(f"{animator.index:,}/{steps - 1:,} ")

    animator.step(1)  # the label shows the exact step even where the slider can't
    assert bar.step_label.text().startswith(f"{animator.index:,}/{steps - 1:,} ")
    assert scrubber.value() == position_of_step(animator.index, steps)

    qtbot.keyClick(scrubber, Qt.Key.Key_Home)
    assert animator.index == 0


def test_up_to_a_million_steps_each_slider_position_is_one_step():
    for steps in (1, 2, 90, SCRUB_POSITIONS + 1):
        for index in {0, steps // 3, steps - 1}:
            assert position_of_step(index, steps) == index
            assert step_of_position(index, steps) == index


def test_past_a_million_steps_positions_and_steps_map_both_ways():
    steps = 3_147_916_032
    for position in (0, 1, 12345, SCRUB_POSITIONS // 2, SCRUB_POSITIONS - 1, SCRUB_POSITIONS):
        assert position_of_step(step_of_position(position, steps), steps) == position
    assert step_of_position(SCRUB_POSITIONS, steps) == steps - 1


def test_the_export_dialog_opens_on_a_scene_with_billions_of_steps(qtbot):
    from convviz.ui.recording.export_dialog import ExportDialog, _Defaults

    dialog = ExportDialog(billions_of_steps_scene(), _Defaults(level="multiply"))
    qtbot.addWidget(dialog)
    assert dialog.to_spin.maximum() == 2**31 - 1
    assert dialog.summary_label.text().startswith("3147916032 steps")
