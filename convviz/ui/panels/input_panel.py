"""The input panel: one grid per channel, the [H,W,C] shape and its spin boxes.

Padding cells surround each grid (hatched, with the value they copy for
reflect, replicate and circular padding; hovering one says which real cell
it copies). Rows and columns that no window reaches, because the stride
floors them off, are shaded.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QWidget

from convviz.core.edits import LIMITS
from convviz.core.errors import ConvError
from convviz.core.frame import caption_of_channel
from convviz.core.geometry import normalize_padding
from convviz.core.scene import Scene
from convviz.ui.document.document import ChangeKind, SceneChange, SceneDocument
from convviz.ui.document.matrix_model import SceneMatrixModel
from convviz.ui.grid.grid_overlay import PaddingFrame
from convviz.ui.grid.view_choice import wants_image_view
from convviz.ui.panels.widgets import (
    PANEL_MARGINS,
    PANEL_SPACING,
    EditRefusals,
    GridPanel,
    PanelHeader,
    SizeSpin,
    caption,
    vbox,
)

__all__ = ["InputPanel", "padding_frame"]

translate = QCoreApplication.translate


def padding_frame(scene: Scene) -> PaddingFrame:
    """The padding ring to draw; zeros of the requested width when the
    geometry is impossible (the output panel explains why). A transposed
    convolution's padding crops its output: its input has no ring."""
    if scene.params.transposed:
        return PaddingFrame()
    try:
        geo = scene.geometry()
    except ConvError:
        pad = normalize_padding(scene.params.padding)
        ph, pw = (0, 0) if isinstance(pad, str) else pad
        return PaddingFrame(ph, ph, pw, pw, scene.params.padding_mode)
    return PaddingFrame(
        geo.pad_h[0], geo.pad_h[1], geo.pad_w[0], geo.pad_w[1], geo.padding_mode, geo.row_map, geo.col_map
    )


class InputPanel(GridPanel):
    statusMessage = Signal(str)

    def __init__(self, document: SceneDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document

        self.title = caption(translate("InputPanel", "Input"), "panelTitle")
        self.shape_label = caption("", "shapeLabel")
        self.h_spin = SizeSpin(1, LIMITS["H"], translate("InputPanel", "H: rows of the input"), "H ")
        self.w_spin = SizeSpin(1, LIMITS["W"], translate("InputPanel", "W: columns of the input"), "W ")
        self.c_spin = SizeSpin(1, LIMITS["C"], translate("InputPanel", "C: channels of the input (a colour image has 3)"), "C ")
        for spin in (self.h_spin, self.w_spin, self.c_spin):
            spin.valueChanged.connect(self._on_size_spin)

        self.header = PanelHeader(self.title, self.shape_label, [self.h_spin, self.w_spin, self.c_spin])

        self.scroll.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        layout = vbox(spacing=PANEL_SPACING, margins=PANEL_MARGINS)
        layout.addWidget(self.header)
        layout.addWidget(self.scroll, 1)
        self.setLayout(layout)

        document.sceneChanged.connect(self._on_scene_changed)
        self.refusals = EditRefusals(self, document, self.statusMessage.emit)
        self._rebuild()

    # -- building ------------------------------------------------------------
    def _rebuild(self) -> None:
        C = self.document.scene.input_shape[2]
        self._replace_grids(
            C, lambda c: SceneMatrixModel(self.document, "input", 0, c), "input", lambda c: caption_of_channel(c, C)
        )
        for c, view in enumerate(self.views):
            view.setAccessibleName(translate("InputPanel", "input channel {n}").format(n=c + 1))
            view.statusMessage.connect(self.statusMessage)
        self._sync()

    def _wants_images(self) -> bool:
        H, W, _ = self.document.scene.input_shape
        return wants_image_view(H, W, self.view_mode)

    def _on_view_mode_changed(self) -> None:
        if self._wants_images() != self.showing_images:
            self._rebuild()

    def _sync(self) -> None:
        """Spin boxes, shape label, padding and dropped rows from the scene."""
        scene = self.document.scene
        H, W, C = scene.input_shape
        for spin, value in ((self.h_spin, H), (self.w_spin, W), (self.c_spin, C)):
            with QSignalBlocker(spin):
                spin.setValue(value)
        self.shape_label.setText(f"[H,W,C] = [{H},{W},{C}]")
        frame = padding_frame(scene)
        try:
            geo = scene.geometry()
            rows, cols = geo.dropped_input_rows(), geo.dropped_input_cols()
        except ConvError:
            rows, cols = [], []
        for view in self.views:
            view.set_padding(frame)
            view.set_dropped(rows, cols)
        if rows or cols:
            parts = []
            if rows:
                parts.append(translate("InputPanel", "rows {list}").format(list=", ".join(map(str, rows))))
            if cols:
                parts.append(translate("InputPanel", "columns {list}").format(list=", ".join(map(str, cols))))
            self.setToolTip(translate("InputPanel", "Grey: {parts} of the input are never read; the stride steps past them.").format(parts=translate("InputPanel", " and ").join(parts)))
        else:
            self.setToolTip("")


    def _on_scene_changed(self, change: SceneChange) -> None:
        if change.kind in (ChangeKind.STRUCTURE, ChangeKind.SCENE):
            if len(self.views) != self.document.scene.input_shape[2] or self._wants_images() != self.showing_images:
                self._rebuild()
                return
            self._sync()
        elif change.kind is ChangeKind.PARAMS:
            self._sync()
        # Value edits reach the grids through their models; a grid with
        # reflect/replicate/circular padding repaints its ring itself.

    def _on_size_spin(self) -> None:
        H, W, C = self.h_spin.value(), self.w_spin.value(), self.c_spin.value()
        if (H, W, C) != self.document.scene.input_shape:
            with self.refusals.asking(self.sender()):
                if not self.document.resize_input(H, W, C):
                    self._sync()

    # -- look ----------------------------------------------------------------

    def shape_text(self) -> str:
        return self.shape_label.text()

