"""The output panel: one feature map per kernel, the colour scale, the
[oh,ow,k] shape and the output-size formula filled in with the numbers.

When the parameters are impossible, the engine's message appears here, in
place, and the last good maps stay visible but greyed out.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

from convviz.core import language
from convviz.core.errors import ConvError
from convviz.core.frame import MapScale, map_limits
from convviz.core.geometry import split_formula, unchecked_size_formulas
from convviz.ui.base import theme as th
from convviz.ui.document.document import SceneDocument
from convviz.ui.document.feature_maps import FeatureMaps
from convviz.ui.document.matrix_model import FeatureMapModel
from convviz.ui.grid.view_choice import wants_image_view
from convviz.ui.panels.equation_view import EquationView
from convviz.ui.panels.size_formula import SizeFormula
from convviz.ui.panels.widgets import (
    ColorLegend,
    GridPanel,
    caption,
    message_label,
    PANEL_MARGINS,
    PANEL_SPACING,
    hbox,
    refresh_layouts,
    vbox,
)

__all__ = ["OutputPanel"]

translate = QCoreApplication.translate


# The panel's views of the same computation (FrameView's values).
# The feature-map panel's views: (name, marked for translation under "OutputPanel"; id).
VIEWS = (
    (QT_TRANSLATE_NOOP("OutputPanel", "Feature maps"), "maps"),
    (QT_TRANSLATE_NOOP("OutputPanel", "Partial maps"), "partial-maps"),
    (QT_TRANSLATE_NOOP("OutputPanel", "im2col"), "im2col"),
)


class OutputPanel(GridPanel):
    viewChosen = Signal(str)  # the user picked a view: "maps", "partial-maps" or "im2col"

    def __init__(self, document: SceneDocument, maps: FeatureMaps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document, self.maps = document, maps
        self.map_scale = MapScale.SHARED  # the animator's: the frame model colours the maps the same way
        self._shown: np.ndarray | None = None  # the maps the views show

        self.title = caption(translate("OutputPanel", "Feature maps"), "panelTitle")
        self.shape_label = caption("", "shapeLabel")
        self.error_label = message_label("errorLabel")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.formula_h = SizeFormula()
        self.formula_w = SizeFormula()
        for label in (self.formula_h, self.formula_w):
            label.set_tip(
                translate("OutputPanel", "Output size: H input rows, p padding, d dilation, k kernel size, s stride; ⌊ ⌋ rounds down, so rows the stride can't reach are dropped")
            )
        self.legend = ColorLegend()
        self.view = "maps"
        self.view_choice = QComboBox()
        self.view_choice.setObjectName("viewChoice")
        for text, view in VIEWS:
            self.view_choice.addItem(translate("OutputPanel", text), view)
        self.view_choice.setToolTip(translate("OutputPanel", "Feature maps; the active kernel's partial maps P1 + P2 + … + b = Y; "
                                    "or im2col, the convolution as one matrix product W · U + b (View menu: Ctrl+1, 2, 3)"))  # fmt: skip
        self.view_choice.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # small, with or without the legend
        self.view_choice.currentIndexChanged.connect(lambda i: self.viewChosen.emit(self.view_choice.itemData(i)))
        self.equation = EquationView()
        self.equation.hide()

        self.formulas = QWidget()
        formulas = vbox(spacing=PANEL_SPACING)
        formulas.addWidget(self.formula_h)
        formulas.addWidget(self.formula_w)
        self.formulas.setLayout(formulas)
        self._header = hbox(self.title, self.shape_label, spacing=10)
        self._header.addStretch(1)
        # Beside the legend, not in the header: the panel keeps the width its title needs.
        self._below = hbox(self.legend, spacing=8)
        self._below.setStretch(0, 1)
        self._below.addWidget(self.view_choice, 0, Qt.AlignmentFlag.AlignTop)
        layout = vbox(spacing=PANEL_SPACING, margins=PANEL_MARGINS)
        layout.addLayout(self._header)
        layout.addWidget(self.error_label)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.equation, 1)
        layout.addLayout(self._below)
        layout.addWidget(self.formulas)
        self.setLayout(layout)
        self.low = False  # the formulas beside the legend and the view choice in the header (see arrange)
        self.may_be_low = False  # whether the window fit tries the low form (where it is crowded)

        maps.changed.connect(self._on_maps_changed)
        document.sceneChanged.connect(self._sync_labels)
        self._on_maps_changed()

    def _rebuild(self, count: int) -> None:
        self._replace_grids(count, lambda k: FeatureMapModel(self.maps, k), "output", lambda _k: "")

    def _wants_images(self) -> bool:
        maps = self.maps.maps
        return maps is not None and wants_image_view(maps.shape[0], maps.shape[1], self.view_mode)

    def _on_view_mode_changed(self) -> None:
        self.equation.set_view_mode(self.view_mode)
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
            self.legend.setVisible(shared and not self.showing_images and self.view == "maps")
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
            self.error_label.setText(f"⚠ {self.maps.error}" + ("\n" + translate("OutputPanel", "Showing the last maps that could be computed, greyed.") if self.maps.stale else ""))
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
            block.set_caption(language.translate("frame", "{kernel} → map").format(kernel=name), block.caption_state, None, self.theme)
        try:
            geo = scene.transposed_geometry() if scene.params.transposed else scene.geometry()
        except ConvError:
            self.shape_label.setText(f"[oh,ow,k] = [?,?,{K}]")
            p = scene.params
            formulas = unchecked_size_formulas(scene.input_shape[:2], (kh, kw), p.stride, p.padding, p.dilation)
            for label, (formula, result) in zip((self.formula_h, self.formula_w), formulas):
                head, tail = split_formula(formula)
                # Which number reaches zero or below; otherwise the reason is above.
                note = translate("OutputPanel", " ≤ 0: no output") if result <= 0 else translate("OutputPanel", " (but see above)")
                label.set_formula(head, f"{tail}{note}")
            return
        oh, ow = geo.output_hw
        self.shape_label.setText(f"[oh,ow,k] = [{oh},{ow},{K}]")
        for label, formula in zip((self.formula_h, self.formula_w), geo.output_size_formulas()):
            head, tail = split_formula(formula)
            label.set_formula(head, tail)

    def set_map_scale(self, scale: MapScale | str) -> None:
        if MapScale(scale) is self.map_scale:
            return  # every frame option's change lands here: only a new scale repaints the maps
        self.map_scale = MapScale(scale)
        self._on_maps_changed()

    def set_theme(self, theme: th.Theme) -> None:
        super().set_theme(theme)
        self.legend.set_theme(theme)
        self.equation.set_theme(theme)

    def set_cell_size(self, size: int) -> None:
        super().set_cell_size(size)
        self.equation.set_cell_size(size)

    def arrangements(self) -> list[tuple[int, bool]]:
        """The maps' columns, and whether the panel is *low*: the formulas
        beside the legend and the view choice on the title's line, which
        leaves the maps the height of both formula lines (wider, so the
        window takes it only where the height is short)."""
        lows = (False, True) if self.may_be_low else (False,)
        return [(columns, low) for columns in self.grid_layout.column_choices() for low in lows]

    def arrange(self, arrangement: tuple[int, bool]) -> None:
        columns, low = arrangement
        self.grid_layout.set_columns(columns)
        if low != self.low:
            self.low = low
            layout = self.layout()
            if low:
                self._below.removeWidget(self.view_choice)
                self._header.addWidget(self.view_choice, 0, Qt.AlignmentFlag.AlignVCenter)
                layout.removeWidget(self.formulas)
                self._below.addWidget(self.formulas, 0, Qt.AlignmentFlag.AlignVCenter)
                self.legend.setMinimumWidth(150)  # beside the formulas: its three numbers stay apart
                self.formulas.layout().setSpacing(0)  # as high as the legend
                for label in (self.formula_h, self.formula_w):
                    label.set_one_line(True)
            else:
                self._header.removeWidget(self.view_choice)
                self._below.addWidget(self.view_choice, 0, Qt.AlignmentFlag.AlignTop)
                self._below.removeWidget(self.formulas)
                layout.addWidget(self.formulas)
                self.legend.setMinimumWidth(0)
                self.formulas.layout().setSpacing(PANEL_SPACING)
                for label in (self.formula_h, self.formula_w):
                    label.set_one_line(False)
        refresh_layouts(self)

    def required_size(self) -> QSize:
        """The maps' needs, or in another view the equation's."""
        need = super().required_size()
        if self.view == "maps":
            return need
        return QSize(max(need.width(), self.equation.wanted_size().width() + 16), need.height())

    def show_view(self, view: str) -> None:
        """Show the maps, or the equation of the partial-maps or im2col view
        (which the step presenter fills from the frame)."""
        if view == self.view:
            return
        self.view = view
        with QSignalBlocker(self.view_choice):
            self.view_choice.setCurrentIndex(self.view_choice.findData(view))
        maps = view == "maps"
        self.scroll.setVisible(maps)
        self.equation.setVisible(not maps)
        self.legend.setVisible(maps and MapScale(self.map_scale) is MapScale.SHARED and not self.showing_images)

