"""Table models over one matrix of the scene: an input channel, a kernel
channel, or a feature map.

They are ordinary ``QAbstractTableModel`` s (a ``QTableView`` can show them),
and they also hand the grid view the matrix itself through :meth:`values`,
because painting a few thousand cells through ``data()`` would be too slow
for the animator.

Writes go through the document (``setData`` → an undo command); a model
never changes a value itself and never opens a dialog.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from convviz.core import edits
from convviz.core.numbers import format_number, parse_number
from convviz.core.scene import Scene
from convviz.ui.document.document import ChangeKind, SceneChange, SceneDocument
from convviz.ui.document.feature_maps import FeatureMaps

__all__ = ["BiasModel", "FeatureMapModel", "MatrixModel", "SceneMatrixModel"]

_Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate


class MatrixModel(QAbstractTableModel):
    """A 2-D matrix of numbers; subclasses say where it comes from."""

    editable = False
    # An edit that was refused: (row, col, message). The view shows it inline.
    editRejected = Signal(int, int, str)

    def values(self) -> np.ndarray:  # (rows, cols), read-only
        raise NotImplementedError

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.values().shape[0]

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.values().shape[1]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        value = float(self.values()[index.row(), index.column()])
        if role == Qt.ItemDataRole.DisplayRole:
            return format_number(value)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.AccessibleTextRole:  # what a screen reader says of the cell
            return self.cell_sentence(index.row(), index.column(), value)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            if self.editable:
                return translate("MatrixModel", "type a number to change it")
            return translate("MatrixModel", "read-only")
        return None

    def describe(self) -> str:
        return translate("MatrixModel", "grid")

    def cell_sentence(self, row: int, col: int, value: float) -> str:
        """``input channel 1, row 2, column 3, value 5`` (rows and columns from 0, as everywhere)."""
        return translate("MatrixModel", "{grid}, row {row}, column {col}, value {value}").format(
            grid=self.describe(), row=row, col=col, value=format_number(value)
        )

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if self.editable else base

    def set_block(self, row: int, col: int, block: np.ndarray, text: str = "") -> bool:
        return False

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not (self.editable and index.isValid() and role == Qt.ItemDataRole.EditRole):
            return False
        try:
            number = parse_number(value) if isinstance(value, str) else float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError) as exc:
            self.editRejected.emit(index.row(), index.column(), str(exc))
            return False
        return self.set_block(index.row(), index.column(), np.array([[number]]))

    def notify_region(self, region: tuple[int, int, int, int] | None) -> None:
        rows, cols = self.values().shape
        r0, c0, r1, c1 = region if region is not None else (0, 0, rows, cols)
        self.dataChanged.emit(self.index(r0, c0), self.index(max(r0, r1 - 1), max(c0, c1 - 1)))


class SceneMatrixModel(MatrixModel):
    """An input channel (``target="input"``) or a kernel channel (``"kernel"``)."""

    editable = True

    def __init__(self, document: SceneDocument, target: str, kernel: int, channel: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document, self.target, self.kernel, self.channel = document, target, kernel, channel
        self._last = edits.matrix_of(document.scene, target, kernel, channel)
        self._of: Scene = document.scene  # the scene _last was taken from
        self._shape = self._last.shape
        document.sceneChanged.connect(self._on_scene_changed)

    def values(self) -> np.ndarray:
        # A scene never changes (an edit makes a new one): its matrix is
        # taken once (the fit asks every grid's size hundreds of times).
        scene = self.document.scene
        if scene is not self._of:
            if self._exists():
                self._last = edits.matrix_of(scene, self.target, self.kernel, self.channel)
            # A grid being torn down after its channel or kernel was removed
            # keeps showing what it showed, rather than failing mid-paint.
            self._of = scene
        return self._last

    def _concerns(self, change: SceneChange) -> bool:
        if change.target != self.target or change.channel != self.channel:
            return False
        return self.target == "input" or change.kernel == self.kernel

    def _on_scene_changed(self, change: SceneChange) -> None:
        if change.kind is ChangeKind.VALUES and self._concerns(change):
            self.notify_region(change.region)
        elif change.kind in (ChangeKind.STRUCTURE, ChangeKind.SCENE):
            # Panels rebuild their grids on these; a model whose matrix is gone
            # must not be asked for it.
            if self._exists():
                self.beginResetModel()
                self._shape = self.values().shape
                self.endResetModel()

    def _exists(self) -> bool:
        scene = self.document.scene
        if self.target == "input":
            return self.channel < scene.input_shape[2]
        return self.kernel < len(scene.kernels) and self.channel < scene.kernel_shape[2]

    def set_block(self, row: int, col: int, block: np.ndarray, text: str = "") -> bool:
        ok = self.document.set_block(self.target, self.kernel, self.channel, row, col, block, text)
        return ok

    def describe(self) -> str:
        if self.target == "input":
            return translate("MatrixModel", "input channel {n}").format(n=self.channel + 1)
        name = self.document.scene.kernels[self.kernel].name
        return translate("MatrixModel", "{kernel} channel {n}").format(kernel=name, n=self.channel + 1)


class FeatureMapModel(MatrixModel):
    """Feature map ``kernel`` of the current maps; read-only."""

    def __init__(self, maps: FeatureMaps, kernel: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.maps, self.kernel = maps, kernel
        self._empty = np.zeros((1, 1))
        self._empty.flags.writeable = False

    def values(self) -> np.ndarray:
        if self.maps.maps is None or self.kernel >= self.maps.maps.shape[2]:
            return self._empty
        return self.maps.maps[:, :, self.kernel]

    def describe(self) -> str:
        return translate("MatrixModel", "feature map {n}").format(n=self.kernel)


class BiasModel(MatrixModel):
    """A kernel's bias as a 1×1 grid, so it can be edited and lit up like any cell."""

    editable = True

    def __init__(self, document: SceneDocument, kernel: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document, self.kernel = document, kernel
        self._value = np.zeros((1, 1))
        document.sceneChanged.connect(self._on_scene_changed)

    def values(self) -> np.ndarray:
        kernels = self.document.scene.kernels
        self._value[0, 0] = kernels[self.kernel].bias if self.kernel < len(kernels) else 0.0
        return self._value

    def _on_scene_changed(self, change: SceneChange) -> None:
        if change.kind is ChangeKind.VALUES and change.target == "bias" and change.kernel == self.kernel:
            self.notify_region(None)

    def set_block(self, row: int, col: int, block: np.ndarray, text: str = "") -> bool:
        if block.shape != (1, 1) or (row, col) != (0, 0):
            self.editRejected.emit(row, col, translate("MatrixModel", "a bias is a single number"))
            return False
        return self.document.set_bias(self.kernel, float(block[0, 0]))

    def describe(self) -> str:
        kernels = self.document.scene.kernels
        if self.kernel < len(kernels):
            return translate("MatrixModel", "bias of {kernel}").format(kernel=kernels[self.kernel].name)
        return translate("MatrixModel", "bias")
