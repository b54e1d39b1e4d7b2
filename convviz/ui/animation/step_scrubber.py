"""The scrubber: a slider over the animator's steps, for any number of steps.

A QSlider holds a C int, and a legal scene can have billions of steps at
the multiply level (a 128×128 input, 64 kernels of 31×31 and padding 64 has
3.1 billion). Up to :data:`SCRUB_POSITIONS` steps the slider has one
position per step; beyond that each position stands for a fraction of the
way through, and the step label next to it shows the exact step.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
from PySide6.QtWidgets import QSlider, QWidget

from convviz.ui.animation.animator import Animator

__all__ = ["SCRUB_POSITIONS", "StepScrubber", "position_of_step", "step_of_position"]

# Far more positions than a slider has pixels, far fewer than a C int holds.
SCRUB_POSITIONS = 1_000_000


def _last_position(steps: int) -> int:
    return min(max(0, steps - 1), SCRUB_POSITIONS)


def position_of_step(index: int, steps: int) -> int:
    """The slider position that shows step ``index`` of ``steps``."""
    last_step, last_position = steps - 1, _last_position(steps)
    if last_step <= last_position:
        return index
    return (index * last_position + last_step // 2) // last_step  # rounded, in exact integers


def step_of_position(position: int, steps: int) -> int:
    """The step a slider position stands for (the inverse of :func:`position_of_step`)."""
    last_step, last_position = steps - 1, _last_position(steps)
    if last_step <= last_position:
        return position
    return (position * last_step + last_position // 2) // last_position


class StepScrubber(QSlider):
    """Follows the animator's step and moves it when dragged."""

    def __init__(self, animator: Animator, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.animator = animator
        self.setToolTip(QCoreApplication.translate("StepScrubber", "Scrub through every step"))
        self.setAccessibleName(QCoreApplication.translate("StepScrubber", "step"))
        self.valueChanged.connect(self._on_moved)
        animator.traceChanged.connect(self._on_trace_changed)
        animator.indexChanged.connect(self._on_index)
        self._on_trace_changed()

    def _on_trace_changed(self) -> None:
        steps = len(self.animator)
        with QSignalBlocker(self):
            self.setRange(0, _last_position(steps))
        self.setEnabled(steps > 0)
        self._on_index(self.animator.index)

    def _on_index(self, index: int) -> None:
        with QSignalBlocker(self):
            self.setValue(position_of_step(index, len(self.animator)))

    def _on_moved(self, position: int) -> None:
        steps = len(self.animator)
        if steps:
            self.animator.set_index(step_of_position(position, steps))
