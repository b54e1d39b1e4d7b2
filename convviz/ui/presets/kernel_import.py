"""File → Import Kernels…: trained conv weights from a file, onto the open scene.

The file is read by :mod:`convviz.core.weight_files` (``.npy``, ``.npz``,
``.safetensors``, ``.pt``/``.pth`` with ``weights_only=True``). A picker shows
each filter of the chosen 4-D tensor as a small picture (RGB when it has 3
channels, the mean of its channels otherwise, each filter on its own
scale, grey at zero), all ticked up to 64; Apply puts the ticked ones on the
scene through the Presets panel, as one undo step, asking how to spread
them when they have fewer channels than the scene's kernels.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from convviz.core.edits import LIMITS
from convviz.core.errors import ConvvizError
from convviz.core.scene import KernelPreset
from convviz.core.weight_files import WEIGHT_SUFFIXES, bias_name, conv_tensors, kernel_preset_from, read_tensors
from convviz.ui.base.busy import run_busy
from convviz.ui.base.menus import MenuId

__all__ = ["ImportKernelsDialog", "filter_image", "import_kernels_from", "install_kernel_import"]

translate = QCoreApplication.translate

PREVIEW_PX = 56
WEIGHTS_FILTER = f"Conv weights ({' '.join('*' + s for s in WEIGHT_SUFFIXES)});;All files (*)"


def filter_image(weights: np.ndarray, size: int = PREVIEW_PX) -> QImage:
    """One filter ``[C, kh, kw]`` as a ``size``-pixel picture, nearest-neighbour:
    zero is mid-grey and the largest magnitude is black or white."""
    values = weights.astype(np.float64)
    if values.shape[0] != 3:
        values = values.mean(axis=0, keepdims=True)
    peak = float(np.abs(values).max()) or 1.0
    levels = np.clip(np.round(127.5 + 127.5 * values / peak), 0, 255).astype(np.uint8)
    rgb = np.repeat(levels, 3, axis=0) if levels.shape[0] == 1 else levels
    pixels = np.ascontiguousarray(rgb.transpose(1, 2, 0))
    kh, kw = pixels.shape[:2]
    image = QImage(pixels.data, kw, kh, 3 * kw, QImage.Format.Format_RGB888).copy()  # own the bytes
    return image.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation)


class ImportKernelsDialog(QDialog):
    """Choose a 4-D tensor of the file and the filters to apply."""

    def __init__(self, tensors: dict[str, np.ndarray], source: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("KernelImport", "Import Kernels — {file}").format(file=Path(source).name))
        self.tensors = tensors
        self.source = source
        self.tensor_box = QComboBox()
        for name, shape in conv_tensors(tensors).items():
            self.tensor_box.addItem(f"{name}  [{','.join(map(str, shape))}]", name)
        self.filters = QListWidget()
        self.filters.setViewMode(QListWidget.ViewMode.IconMode)
        self.filters.setIconSize(QSize(PREVIEW_PX, PREVIEW_PX))
        self.filters.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.filters.setMovement(QListWidget.Movement.Static)
        self.filters.setMinimumSize(520, 300)
        self.info = QLabel()
        self.info.setWordWrap(True)
        all_button = QPushButton(translate("KernelImport", "Tick &all"))
        none_button = QPushButton(translate("KernelImport", "Tick &none"))
        all_button.clicked.connect(lambda: self._tick_all(True))
        none_button.clicked.connect(lambda: self._tick_all(False))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.addButton(translate("KernelImport", "&Apply to Scene"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(translate("KernelImport", "Conv weights [K,C,kh,kw]:")))
        layout.addWidget(self.tensor_box)
        layout.addWidget(self.filters, 1)
        ticks = QHBoxLayout()
        ticks.addWidget(all_button)
        ticks.addWidget(none_button)
        ticks.addStretch(1)
        layout.addLayout(ticks)
        layout.addWidget(self.info)
        layout.addWidget(self.buttons)
        self.tensor_box.currentIndexChanged.connect(self._fill)
        self.filters.itemChanged.connect(self._update_info)
        self._fill()

    @property
    def tensor_name(self) -> str:
        return str(self.tensor_box.currentData())

    def picks(self) -> list[int]:
        return [i for i in range(self.filters.count()) if self.filters.item(i).checkState() == Qt.CheckState.Checked]

    def set_picks(self, picks: list[int]) -> None:
        for i in range(self.filters.count()):
            self.filters.item(i).setCheckState(Qt.CheckState.Checked if i in picks else Qt.CheckState.Unchecked)

    def preset(self) -> KernelPreset:
        """The ticked filters as a kernel preset (ConvError if they can't be one)."""
        return kernel_preset_from(self.tensors, self.tensor_name, self.picks(), source=self.source)

    def _fill(self) -> None:
        weight = self.tensors[self.tensor_name]
        with_signals_off = self.filters.blockSignals(True)
        self.filters.clear()
        for k in range(weight.shape[0]):
            item = QListWidgetItem(QIcon(QPixmap.fromImage(filter_image(weight[k]))), str(k))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if k < LIMITS["K"] else Qt.CheckState.Unchecked)
            item.setToolTip(translate("KernelImport", "filter {k}: {shape}").format(k=k, shape=" × ".join(map(str, weight.shape[1:]))))
            self.filters.addItem(item)
        self.filters.blockSignals(with_signals_off)
        self._update_info()

    def _tick_all(self, on: bool) -> None:
        self.set_picks(list(range(min(self.filters.count(), LIMITS["K"]))) if on else [])

    def _update_info(self, *_args: object) -> None:
        weight = self.tensors[self.tensor_name]
        K, C, kh, kw = weight.shape
        bias = bias_name(self.tensor_name)
        bias_text = (translate("KernelImport", "biases from {tensor}").format(tensor=bias) if bias is not None and bias in self.tensors
                     else translate("KernelImport", "no bias in the file: biases 0"))  # fmt: skip
        n = len(self.picks())
        problem = ""
        if not n:
            problem = translate("KernelImport", " Tick at least one filter.")
        elif n > LIMITS["K"]:
            problem = translate("KernelImport", " A scene holds at most {most} kernels.").format(most=LIMITS["K"])
        elif max(kh, kw) > LIMITS["kh"] or C > LIMITS["C"]:
            problem = translate("KernelImport", " convviz shows kernels up to {kh}×{kw} with {c} channels.").format(
                kh=LIMITS["kh"], kw=LIMITS["kw"], c=LIMITS["C"])
        self.info.setText(translate("KernelImport", "{n} of {K} filters ticked, each {kh}×{kw} with {C} channel(s); {biases}.").format(
            n=n, K=K, kh=kh, kw=kw, C=C, biases=bias_text) + problem)  # fmt: skip
        self.apply_button.setEnabled(not problem)


def _warn(window: QMainWindow, text: str) -> None:
    QMessageBox.warning(window, translate("KernelImport", "Can't import kernels"), text)


def import_kernels_from(window: QMainWindow, path: str | Path) -> ImportKernelsDialog | None:
    """Read ``path`` and open the picker (not modal to the caller: the dialog
    applies the ticked filters when accepted). None, after a warning, when
    the file can't be read or holds no conv weights."""
    try:  # a large file takes a while: read it on a worker, the window keeps painting
        reading = translate("KernelImport", "Reading {file}…").format(file=Path(path).name)
        tensors = run_busy(window, translate("KernelImport", "Import Kernels"), reading, lambda: read_tensors(path))
    except ConvvizError as exc:
        _warn(window, str(exc))
        return None
    if not conv_tensors(tensors):
        shapes = ", ".join(f"{n} [{','.join(map(str, t.shape))}]" for n, t in tensors.items()) or translate("KernelImport", "none")
        _warn(window, translate("KernelImport", "{file}: no 4-D tensor (conv weights [K,C,kh,kw]); tensors: {tensors}").format(
            file=path, tensors=shapes))  # fmt: skip
        return None
    dialog = ImportKernelsDialog(tensors, str(path), window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def apply() -> None:
        try:
            preset = dialog.preset()
        except ConvvizError as exc:
            _warn(window, str(exc))
            return
        window.presets_panel.apply_kernel_preset(preset)  # type: ignore[attr-defined]

    dialog.accepted.connect(apply)
    dialog.open()
    return dialog


def _choose_file(window: QMainWindow) -> None:
    path, _ = QFileDialog.getOpenFileName(window, translate("KernelImport", "Import Kernels"), "", WEIGHTS_FILTER)
    if path:
        import_kernels_from(window, path)


def install_kernel_import(window: QMainWindow) -> QAction:
    """File → Import Kernels… (after Open Image…, before the recent files)."""
    action = QAction(translate("KernelImport", "Import &Kernels…"), window)
    action.setObjectName("importKernels")
    action.setStatusTip(translate("KernelImport", "Apply trained conv filters [K,C,kh,kw] from a .npy, .npz, .safetensors or .pt file"))
    action.triggered.connect(lambda _checked=False: _choose_file(window))
    window.addAction(action)
    file_menu = window.menu(MenuId.FILE)  # type: ignore[attr-defined]
    entries = file_menu.actions()
    anchor = getattr(getattr(window, "image_actions", None), "open_action", None)
    after = entries.index(anchor) + 1 if anchor in entries else len(entries)
    file_menu.insertAction(entries[after] if after < len(entries) else None, action)
    return action
