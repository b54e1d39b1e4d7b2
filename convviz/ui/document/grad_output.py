"""The upstream gradient dY the window's Backward mode edits and steps.

The scene's ``grad_output`` when it fits the feature maps; all ones when the
scene has none, or when the maps changed shape since it was set (a resize or
a new stride): the grid then shows ones, and the first edit replaces it.
Edits go through the document, as one undo step each.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject

from convviz.core.errors import ConvError
from convviz.core.scene import Scene
from convviz.ui.document.document import ChangeKind, SceneChange, SceneDocument
from convviz.ui.document.matrix_model import MatrixModel

__all__ = ["GradOutputModel", "one_hot", "random_integers", "shown_grad_output", "with_shown_grad_output"]

translate = QCoreApplication.translate


def shown_grad_output(scene: Scene) -> np.ndarray | None:
    """``dY (oh, ow, K)`` as the window shows and steps it; None while the
    convolution is impossible."""
    try:
        oh, ow = scene.geometry().output_hw
    except ConvError:
        return None
    dy = scene.grad_output
    if dy is None or dy.shape != (oh, ow, len(scene.kernels)):
        return np.ones((oh, ow, len(scene.kernels)))
    return dy


def with_shown_grad_output(scene: Scene) -> Scene:
    """The scene with the dY the window shows (its own, or ones)."""
    dy = shown_grad_output(scene)
    return scene if dy is None or dy is scene.grad_output else scene.with_grad_output(dy)


def random_integers(shape: tuple[int, ...], rng: np.random.Generator | None = None) -> np.ndarray:
    """Small random integers −2…2, easy to multiply in one's head."""
    return (rng or np.random.default_rng()).integers(-2, 3, size=shape).astype(np.float64)


def one_hot(shape: tuple[int, ...], kernel: int, row: int, col: int) -> np.ndarray:
    """1 at output cell ``(row, col)`` of ``kernel``, 0 elsewhere: where does
    that one output's gradient go?"""
    values = np.zeros(shape)
    values[row, col, kernel] = 1.0
    return values


class GradOutputModel(MatrixModel):
    """dY of one kernel, editable."""

    editable = True

    def __init__(self, document: SceneDocument, kernel: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document, self.kernel = document, kernel
        self._empty = np.zeros((1, 1))
        document.sceneChanged.connect(self._on_scene_changed)

    def values(self) -> np.ndarray:
        dy = shown_grad_output(self.document.scene)
        if dy is None or self.kernel >= dy.shape[2]:
            return self._empty
        return dy[:, :, self.kernel]

    def _on_scene_changed(self, change: SceneChange) -> None:
        if change.kind is ChangeKind.VALUES:
            self.notify_region(None)
        elif change.kind in (ChangeKind.STRUCTURE, ChangeKind.SCENE, ChangeKind.PARAMS):
            self.beginResetModel()
            self.endResetModel()

    def set_block(self, row: int, col: int, block: np.ndarray, text: str = "") -> bool:
        dy = shown_grad_output(self.document.scene)
        if dy is None:
            return False
        rows, cols = dy.shape[:2]
        if row + block.shape[0] > rows or col + block.shape[1] > cols:
            self.editRejected.emit(row, col, QCoreApplication.translate("GradOutput", "{h}×{w} values don't fit in dY's {rows}×{cols}")
                                   .format(h=block.shape[0], w=block.shape[1], rows=rows, cols=cols))  # fmt: skip
            return False
        new = np.array(dy)
        new[row : row + block.shape[0], col : col + block.shape[1], self.kernel] = block
        return self.document.set_grad_output(new, text or QCoreApplication.translate("GradOutput", "Edit dY of {grid}").format(grid=self.describe()))

    def describe(self) -> str:
        kernels = self.document.scene.kernels
        return kernels[self.kernel].name if self.kernel < len(kernels) else "dY"
