"""Panels scroll to keep the current step in view (numbers mode).

A grid bigger than its panel (a 20×20 input at a legible cell size) would
otherwise let the highlighted window and the current output cell walk out of
sight during playback. Image views show the whole channel and need nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QRect
from PySide6.QtWidgets import QScrollArea

from convviz.ui.animation.animator import Animator
from convviz.ui.grid.matrix_view import MatrixView

__all__ = ["ScrollFollower"]


def _target(view: MatrixView) -> QRect | None:
    """The part of ``view`` the current step is about: the window box (with
    the current cell) or the current cell alone."""
    ov = view.overlay
    cells = []
    if ov.window_box is not None:
        r0, c0, r1, c1 = ov.window_box
        cells += [(r0, c0), (r1, c1)]
    if ov.current is not None:
        cells.append(ov.current)
    if not cells:
        return None
    rect = QRect()
    for r, c in cells:
        rect = rect.united(view.cell_rect(r, c))
    return rect


class ScrollFollower(QObject):
    """On every new step index, scrolls each panel to its current target."""

    def __init__(
        self, animator: Animator, panels: Sequence[tuple[QScrollArea, Callable[[], list[object]]]], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.animator, self.panels = animator, list(panels)
        self._followed: tuple[object, ...] = ()  # the step last scrolled to
        # Connected after the presenter, so the overlays are the new step's.
        animator.indexChanged.connect(self.follow)

    def follow(self, *_args: object) -> None:
        a = self.animator
        step = (a.index, a.level, a.order, len(a))
        if step == self._followed:
            return  # same step (a value edit): leave the panels where the user put them
        self._followed = step
        for scroll, views in self.panels:
            grids = [v for v in views() if isinstance(v, MatrixView) and v.isVisible()]
            # The emphasized grid (the channel being summed) wins, else the first with a target.
            grids.sort(key=lambda v: not v.overlay.emphasized)
            for view in grids:
                rect = _target(view)
                if rect is None:
                    continue
                centre = view.mapTo(scroll.widget(), rect.center())
                scroll.ensureVisible(centre.x(), centre.y(), rect.width() // 2 + 8, rect.height() // 2 + 8)
                break
