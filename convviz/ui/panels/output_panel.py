"""The output panel: one feature map per kernel, the colour scale, the
[oh,ow,k] shape and the output-size formula filled in with the numbers.

When the parameters are impossible, the engine's message appears here, in
place, and the last good maps stay visible but greyed out.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from convviz.core.errors import ConvError
from convviz.core.frame import MapScale, map_limits
from convviz.core.geometry import split_formula, unchecked_size_formulas
from convviz.core.scene import TRANSPOSED_STEPPING
from convviz.ui.base import theme as th
from convviz.ui.document.document import SceneDocument
from convviz.ui.document.feature_maps import FeatureMaps
from convviz.ui.document.matrix_model import FeatureMapModel
from convviz.ui.grid.view_choice import wants_image_view
from convviz.ui.panels.widgets import (
    ColorLegend,
    GridPanel,
    caption,
    hbox,
    vbox,
)

__all__ = ["OutputPanel"]


class OutputPanel(GridPanel):

    def __init__(self, document: SceneDocument, maps: FeatureMaps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document, self.maps = document, maps
        self.map_scale = MapScale.SHARED  # the animator's: the frame model colours the maps the same way
        self._shown: np.ndarray | None = None  # the maps the views show

        self.title = caption("Feature maps", "panelTitle")
        self.shape_label = caption("", "shapeLabel")
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.formula_h = caption("", "formula")
        self.formula_w = caption("", "formula")
        for label in (self.formula_h, self.formula_w):
            label.setToolTip(
                "Output size: H input rows, p padding, d dilation, k kernel size, s stride; "
                "⌊ ⌋ rounds down, so rows the stride can't reach are dropped"
            )
        self.legend = ColorLegend()


        header = hbox(self.title, self.shape_label, spacing=10)
        header.addStretch(1)
        layout = vbox(spacing=6, margins=(8, 6, 8, 6))
        layout.addLayout(header)
        layout.addWidget(self.error_label)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.formula_h)
        layout.addWidget(self.formula_w)
        self.setLayout(layout)

        maps.changed.connect(self._on_maps_changed)
        document.sceneChanged.connect(self._sync_labels)
        self._on_maps_changed()

    def _rebuild(self, count: int) -> None:
        self._replace_grids(count, lambda k: FeatureMapModel(self.maps, k), "output", lambda _k: "")

    def _wants_images(self) -> bool:
        maps = self.maps.maps
        return maps is not None and wants_image_view(maps.shape[0], maps.shape[1], self.view_mode)

    def _on_view_mode_changed(self) -> None:
        self._on_maps_changed()

    def _on_maps_changed(self) -> None:
        maps = self.maps.maps
        if maps is None:
            self._rebuild(0)
        else:
            if len(self.views) != maps.shape[2] or self._wants_images() != self.showing_images:
                self._rebuild(maps.shape[2])
                self._shown = None
            # One rule with the frame model (map_limits): the maps share one
            # scale, shown by the legend, or each has its own.
            limits = map_limits(maps, self.map_scale)
            shared = MapScale(self.map_scale) is MapScale.SHARED
            self.legend.setVisible(shared and not self.showing_images)
            self.legend.set_limit(limits[0])
            same_shape = self._shown is not None and self._shown.shape == maps.shape
            for k, view in enumerate(self.views):
                view.set_color_limit(limits[k])
                view.set_greyed(self.maps.stale)
                if same_shape and not self.showing_images:  # an image uploads whole anyway
                    changed = np.argwhere(self._shown[:, :, k] != maps[:, :, k])
                    if changed.size:
                        (r0, c0), (r1, c1) = changed.min(axis=0), changed.max(axis=0)
                        view.refresh((int(r0), int(c0), int(r1) + 1, int(c1) + 1))
                else:
                    view.refresh(None)
            self._shown = maps
        if self.maps.error:
            self.error_label.setText(f"⚠ {self.maps.error}" + ("\nShowing the last maps that could be computed, greyed." if self.maps.stale else ""))
            self.error_label.show()
        elif self.document.scene.params.transposed:
            # The maps are right, but the trace cannot step them yet: say so
            # here, where the ledger points.
            self.error_label.setText(f"Transposed: {TRANSPOSED_STEPPING}.")
            self.error_label.show()
        else:
            self.error_label.hide()
        self._sync_labels()

    def _sync_labels(self, *_change: object) -> None:
        scene = self.document.scene
        kh, kw, c, K = scene.kernel_shape
        names = [k.name for k in scene.kernels]
        for block, name in zip(self.blocks, names):
            # Through set_caption, as the step presenter does, so the two never disagree.
            block.set_caption(f"{name} → map", block.caption_state, None, self.theme)
        try:
            geo = scene.transposed_geometry() if scene.params.transposed else scene.geometry()
        except ConvError:
            self.shape_label.setText(f"[oh,ow,k] = [?,?,{K}]")
            p = scene.params
            formulas = unchecked_size_formulas(scene.input_shape[:2], (kh, kw), p.stride, p.padding, p.dilation)
            for label, (formula, result) in zip((self.formula_h, self.formula_w), formulas):
                head, tail = split_formula(formula)
                # Which number reaches zero or below; otherwise the reason is above.
                note = " ≤ 0: no output" if result <= 0 else " (but see above)"
                label.setText(f"{head}\n     {tail}{note}")
            return
        oh, ow = geo.output_hw
        self.shape_label.setText(f"[oh,ow,k] = [{oh},{ow},{K}]")
        for label, formula in zip((self.formula_h, self.formula_w), geo.output_size_formulas()):
            head, tail = split_formula(formula)
            label.setText(f"{head}\n     {tail}")

    def set_map_scale(self, scale: MapScale | str) -> None:
        self.map_scale = MapScale(scale)
        self._on_maps_changed()

    def set_theme(self, theme: th.Theme) -> None:
        super().set_theme(theme)
        self.legend.set_theme(theme)

