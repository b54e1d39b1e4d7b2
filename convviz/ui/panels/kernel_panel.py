"""The kernel panel: one block per kernel with its channel grids and bias.

The seed stresses that a kernel over a 3-channel input is *one* kernel with
three channels, not three kernels; each block therefore frames all of a
kernel's channels together, with its one bias beside them.

Kernels can be renamed, added, duplicated, removed, reordered and resized;
every change is one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLineEdit, QPushButton, QToolButton, QWidget

from convviz.core.edits import LIMITS
from convviz.core.frame import caption_of_channel
from convviz.ui.base import theme as th
from convviz.ui.document.document import ChangeKind, SceneChange, SceneDocument
from convviz.ui.document.matrix_model import BiasModel, SceneMatrixModel
from convviz.ui.grid.matrix_view import MatrixView
from convviz.ui.panels.kernel_tabs import KernelTabs
from convviz.ui.panels.widgets import (
    BlockGrid,
    PANEL_MARGINS,
    PANEL_SPACING,
    EditRefusals,
    GridBlock,
    PanelHeader,
    SizeSpin,
    WindowUndoFilter,
    caption,
    hbox,
    panel_required_size,
    refresh_layouts,
    scroll_host,
    vbox,
)

__all__ = ["MAX_SHOWN_GRIDS", "KernelBlock", "KernelPanel"]

translate = QCoreApplication.translate

# Channel grids the panel builds at once; each costs a few milliseconds.
MAX_SHOWN_GRIDS = 256
# Above this many grids the window doesn't try every way to wrap them.
MAX_ARRANGED_GRIDS = 64


class KernelBlock(QFrame):
    """One kernel: name, tools, channel grids and the bias cell."""

    def __init__(self, panel: KernelPanel, index: int, with_grids: bool = True) -> None:
        super().__init__()
        self.setObjectName("kernelBlock")
        self.setProperty("active", False)
        self.panel, self.index = panel, index
        doc = panel.document
        kernel = doc.scene.kernels[index]

        self.name_edit = QLineEdit(kernel.name)
        self.name_edit.setObjectName("kernelName")
        self.name_edit.setToolTip(translate("KernelPanel", "The kernel's name; press Enter to rename"))
        self.name_edit.setMaximumWidth(110)
        self.name_edit.editingFinished.connect(self._on_name_edited)
        self.name_edit.installEventFilter(
            WindowUndoFilter(lambda: self.name_edit.text() == panel.document.scene.kernels[self.index].name, self.name_edit)
        )

        tools = []
        for text, tip, slot in (
            ("↑", translate("KernelPanel", "Move this kernel up"), lambda: self._then_show(doc.move_kernel(self.index, self.index - 1), -1)),
            ("↓", translate("KernelPanel", "Move this kernel down"), lambda: self._then_show(doc.move_kernel(self.index, self.index + 1), 1)),
            ("❐", translate("KernelPanel", "Duplicate this kernel"), lambda: self._then_show(doc.duplicate_kernel(self.index), 1)),
            ("✕", translate("KernelPanel", "Remove this kernel"), lambda: doc.remove_kernel(self.index)),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.setAutoRaise(True)
            button.clicked.connect(slot)
            tools.append(button)
        self.up_button, self.down_button, self.duplicate_button, self.remove_button = tools

        self.views: list[MatrixView] = []
        self.grid_blocks: list[GridBlock] = []
        # The channels wrap into rows like the panels' grids (the window picks
        # the columns, the same for every kernel).
        self.channel_grid = BlockGrid(spacing=10, margins=0)
        grids = hbox(spacing=10)
        grids.addLayout(self.channel_grid)
        self.show_grids_button: QPushButton | None = None
        if with_grids:
            self._build_grids()
        else:
            c = doc.scene.kernel_shape[2]
            self.show_grids_button = QPushButton(translate("KernelPanel", "Show {n} grids").format(n=c) if c != 1 else translate("KernelPanel", "Show 1 grid"))
            self.show_grids_button.setToolTip(
                translate("KernelPanel", "This kernel's weights are folded away: the scene has more grids than the window draws at once")
            )
            self.show_grids_button.clicked.connect(self.show_grids)
            self.channel_grid.set_blocks([self.show_grids_button])

        self.bias_view = MatrixView(BiasModel(doc, index), "bias")
        self.bias_view.setAccessibleName(translate("KernelPanel", "bias of {kernel}").format(kernel=kernel.name))
        self.bias_view.setToolTip(translate("KernelPanel", "The bias: added once to every value of this kernel's feature map"))
        self.bias_view.statusMessage.connect(panel.statusMessage)
        self.bias_block = GridBlock(translate("KernelPanel", "bias"), self.bias_view)
        grids.addSpacing(8)
        grids.addWidget(self.bias_block, 0, Qt.AlignmentFlag.AlignTop)
        grids.addStretch(1)

        top = hbox(self.name_edit, spacing=2)
        for b in tools:
            top.addWidget(b)
        top.addStretch(1)
        layout = vbox(spacing=2, margins=(5, 2, 5, 2))  # tight: a kernel row's height is the grids' to use
        layout.addLayout(top)
        layout.addLayout(grids)
        self.setLayout(layout)
        for widget in (self.name_edit, *self.all_views()):
            widget.installEventFilter(self)
        self.sync()

    def _then_show(self, done: bool, offset: int) -> None:
        """After a move or a duplicate: show the kernel moved (or the copy),
        which one kernel at a time would otherwise lose from view."""
        if done:
            self.panel.show_kernel(self.index + offset)

    def _build_grids(self) -> None:
        doc, index = self.panel.document, self.index
        kernel = doc.scene.kernels[index]
        c = doc.scene.kernel_shape[2]
        channels = doc.scene.input_channels_of_kernel(index) if doc.scene.groups_fit else range(c)
        for ch in range(c):
            view = MatrixView(SceneMatrixModel(doc, "kernel", index, ch), "kernel")
            view.setAccessibleName(translate("KernelPanel", "{kernel} channel {n}").format(kernel=kernel.name, n=ch + 1))
            view.statusMessage.connect(self.panel.statusMessage)
            input_ch = list(channels)[ch] if ch < len(channels) else ch
            block = GridBlock(caption_of_channel(input_ch, doc.scene.input_shape[2]), view)
            self.views.append(view)
            self.grid_blocks.append(block)
        self.channel_grid.set_blocks(list(self.grid_blocks))

    def show_grids(self) -> None:
        """Unfold a kernel whose grids were left out (see :data:`MAX_SHOWN_GRIDS`)."""
        if self.show_grids_button is None:
            return
        self.show_grids_button.hide()
        self.show_grids_button.deleteLater()
        self.show_grids_button = None
        self._build_grids()
        self.channel_grid.set_columns(self.panel._arrangement[1])
        for view in self.views:
            view.set_theme(self.panel.theme)
            view.set_cell_size(self.panel.cell_size)
            view.installEventFilter(self)
        self.panel.show_kernel(self.index)  # one kernel at a time: this one
        refresh_layouts(self.panel._host)

    def all_views(self) -> list[MatrixView]:
        return [*self.views, self.bias_view]

    def sync(self) -> None:
        scene = self.panel.document.scene
        with QSignalBlocker(self.name_edit):
            self.name_edit.setText(scene.kernels[self.index].name)
        self.up_button.setEnabled(self.index > 0)
        self.down_button.setEnabled(self.index < len(scene.kernels) - 1)
        self.remove_button.setEnabled(len(scene.kernels) > 1)

    def set_active(self, active: bool) -> None:
        if self.property("active") != active:
            self.setProperty("active", active)
            self.style().unpolish(self)
            self.style().polish(self)

    # Focusing a grid or the name, or clicking the block, selects this kernel.
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            self.panel.select_kernel(self.index)
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.panel.select_kernel(self.index)
        super().mousePressEvent(event)

    def _on_name_edited(self) -> None:
        name = self.name_edit.text()
        if name != self.panel.document.scene.kernels[self.index].name:
            with self.panel.refusals.asking(self.name_edit):
                if not self.panel.document.rename_kernel(self.index, name):
                    self.sync()


class KernelPanel(QWidget):
    statusMessage = Signal(str)
    selectionChanged = Signal(int)  # the selected kernel, which presets apply to
    kernelShown = Signal(int)  # folded: the kernel whose grids now show
    showAllChanged = Signal(bool)  # the user's choice: every kernel at once, or one while crowded

    def __init__(self, document: SceneDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.cell_size = 36
        self.theme: th.Theme = th.LIGHT
        self.blocks: list[KernelBlock] = []
        self._selected_kernel = 0
        self._arrangement = (0, 0, False)
        # A crowded window shows one kernel's grids at a time (the fit folds
        # the others away); the user can ask for all of them.
        self.folded = False
        self.show_all = False
        self.shown_kernel = 0
        self._active_kernel: int | None = None

        self.title = caption(translate("KernelPanel", "Kernels"), "panelTitle")
        self.shape_label = caption("", "shapeLabel")
        self.kh_spin = SizeSpin(1, LIMITS["kh"], translate("KernelPanel", "kh: rows of every kernel"), "kh ")
        self.kw_spin = SizeSpin(1, LIMITS["kw"], translate("KernelPanel", "kw: columns of every kernel"), "kw ")
        self.k_spin = SizeSpin(1, LIMITS["K"], translate("KernelPanel", "K: number of kernels; each gives one feature map"), "K ")
        self.kh_spin.valueChanged.connect(self._on_kernel_size)
        self.kw_spin.valueChanged.connect(self._on_kernel_size)
        self.k_spin.valueChanged.connect(self._on_kernel_count)
        # A tool button, not a push button: as low as the spin boxes, so the
        # header's row of controls takes no height from the grids.
        self.add_button = QToolButton()
        self.add_button.setText(translate("KernelPanel", "+ Kernel"))
        self.add_button.setToolTip(translate("KernelPanel", "Add a kernel of zeros (one more feature map)"))
        self.add_button.clicked.connect(lambda: document.add_kernel() and self.show_kernel(len(self.blocks) - 1))

        self.header = PanelHeader(self.title, self.shape_label, [self.kh_spin, self.kw_spin, self.k_spin, self.add_button])

        self.tabs = KernelTabs()
        self.tabs.kernelChosen.connect(self.show_kernel)
        self.tabs.showAllToggled.connect(self.set_show_all)
        self.tabs.hide()

        self.folded_note = caption("", "foldedNote")
        self.folded_note.setWordWrap(True)
        self.folded_note.hide()

        # Kernels side by side where the width is there, stacked where the height is.
        self.grid_layout = BlockGrid(spacing=6, margins=2)
        self._host, self.scroll = scroll_host(self.grid_layout)

        layout = vbox(spacing=PANEL_SPACING, margins=PANEL_MARGINS)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs)
        layout.addWidget(self.folded_note)
        layout.addWidget(self.scroll, 1)
        self.setLayout(layout)

        document.sceneChanged.connect(self._on_scene_changed)
        self.refusals = EditRefusals(self, document, self.statusMessage.emit)
        self._rebuild()

    @property
    def selected_kernel(self) -> int:
        return self._selected_kernel

    def select_kernel(self, index: int) -> None:
        index = min(max(index, 0), len(self.document.scene.kernels) - 1)
        if not self.folded and index != self.shown_kernel and index < len(self.blocks):
            self.shown_kernel = index  # the one to show if the window folds the kernels
            self.tabs.set_shown(index)
        if index != self._selected_kernel:
            self._selected_kernel = index
            self.selectionChanged.emit(index)

    def views_of(self, kernel: int) -> list[MatrixView]:
        return self.blocks[kernel].views if kernel < len(self.blocks) else []

    def bias_view(self, kernel: int) -> MatrixView | None:
        return self.blocks[kernel].bias_view if kernel < len(self.blocks) else None

    def all_views(self) -> list[MatrixView]:
        return [v for b in self.blocks for v in b.all_views()]

    def _rebuild(self) -> None:
        self.grid_layout.set_blocks([])
        for block in self.blocks:
            for view in block.all_views():
                view.model.deleteLater()
            block.hide()  # it may get a paint event before it is deleted
            block.deleteLater()
        self.blocks = []
        _, _, c, K = self.document.scene.kernel_shape
        # Grids for the first kernels only when there are too many to build
        # at once (64 kernels × 64 channels are 4096 grids, half a minute of
        # work); the rest keep their name, tools and bias, and unfold on request.
        shown = max(1, MAX_SHOWN_GRIDS // c) if K * c > MAX_SHOWN_GRIDS else K
        self.folded_note.setVisible(shown < K)
        kernels = self.document.scene.kernels
        self.folded_note.setText(
            translate("KernelPanel", "{K} kernels × {c} channels are {grids} grids, more than the {most} drawn at once: {first}–{last} are folded; “Show grids” unfolds one.").format(
                K=K, c=c, grids=f"{K * c:,}", most=MAX_SHOWN_GRIDS, first=kernels[shown].name, last=kernels[-1].name)
            if shown < K else ""
        )
        for k in range(K):
            block = KernelBlock(self, k, with_grids=k < shown)
            for view in block.all_views():
                view.set_theme(self.theme)
                view.set_cell_size(self.cell_size)
            self.blocks.append(block)
        self.shown_kernel = min(self.shown_kernel, K - 1)
        self._place_blocks()
        self.arrange((*self._arrangement, self.folded))  # the window refits it after a change
        self.select_kernel(self._selected_kernel)  # clamped when kernels were removed
        self._sync()

    def _sync(self) -> None:
        kh, kw, c, K = self.document.scene.kernel_shape
        for spin, value in ((self.kh_spin, kh), (self.kw_spin, kw), (self.k_spin, K)):
            with QSignalBlocker(spin):
                spin.setValue(value)
        self.shape_label.setText(f"[kh,kw,c,k] = [{kh},{kw},{c},{K}]")
        for block in self.blocks:
            block.sync()
        self.tabs.set_kernels([k.name for k in self.document.scene.kernels], self.shown_kernel)

    # -- one kernel at a time ------------------------------------------------
    @property
    def foldable(self) -> bool:
        """Whether the window may show one kernel at a time: more than one
        kernel, and the user hasn't asked for all of them."""
        return len(self.blocks) > 1 and not self.show_all

    def _place_blocks(self) -> None:
        """Every kernel's block in the grid, or only the shown one's when folded."""
        folded = self.folded and self.foldable
        shown = [self.blocks[self.shown_kernel]] if folded and self.blocks else list(self.blocks)
        self.grid_layout.set_blocks(shown)
        for block in self.blocks:
            if block.parentWidget() is None:  # folded away from the start: still the panel's
                block.setParent(self._host)
            block.setVisible(block in shown)
        self.tabs.tabs.setVisible(folded)
        self.tabs.setVisible(folded or (self.show_all and len(self.blocks) > 1))

    def set_folded(self, folded: bool) -> None:
        """One kernel at a time (as the window fit decides) or all."""
        folded = folded and self.foldable
        if folded != self.folded:
            self.folded = folded
            self._place_blocks()

    def show_kernel(self, index: int) -> None:
        """Show kernel ``index`` (the only one shown while folded) and select it."""
        index = min(max(index, 0), len(self.blocks) - 1)
        if self.folded and self.blocks[index].show_grids_button is not None:
            self.blocks[index].show_grids()  # one kernel's grids are few: build them (then it shows itself)
            return
        if index != self.shown_kernel:
            self.shown_kernel = index
            self.tabs.set_shown(index)
            if self.folded:
                self._place_blocks()
                refresh_layouts(self)
                self.kernelShown.emit(index)
        self.select_kernel(index)

    def follow_active(self, kernel: int) -> None:
        """The animator stepped into ``kernel``: show it, when it is a
        different kernel than the last step's (a kernel the user picked
        stays shown while the animator stays in its kernel)."""
        if kernel != self._active_kernel:
            self._active_kernel = kernel
            if self.folded:
                self.show_kernel(kernel)

    def set_show_all(self, on: bool) -> None:
        """Every kernel's grids at once (True), or one kernel at a time
        where the window is crowded; a view choice, not a scene change."""
        on = bool(on)
        if on != self.show_all:
            self.show_all = on
            self.tabs.set_show_all(on)
            if on:
                self.folded = False
            self._place_blocks()
            refresh_layouts(self)
            self.showAllChanged.emit(on)


    def _on_scene_changed(self, change: SceneChange) -> None:
        if change.kind in (ChangeKind.STRUCTURE, ChangeKind.SCENE):
            self._rebuild()
        elif change.kind in (ChangeKind.NAMES, ChangeKind.PARAMS):
            self._sync()

    def _on_kernel_size(self) -> None:
        kh, kw = self.kh_spin.value(), self.kw_spin.value()
        with self.refusals.asking(self.sender()):
            if (kh, kw) != self.document.scene.kernel_shape[:2] and not self.document.resize_kernels(kh, kw):
                self._sync()

    def _on_kernel_count(self) -> None:
        K = self.k_spin.value()
        with self.refusals.asking(self.k_spin):
            if K != len(self.document.scene.kernels) and not self.document.set_kernel_count(K):
                self._sync()

    def set_cell_size(self, size: int) -> None:
        self.cell_size = size
        for view in self.all_views():
            view.set_cell_size(size)
        refresh_layouts(self._host)

    def set_theme(self, theme: th.Theme) -> None:
        self.theme = theme
        for view in self.all_views():
            view.set_theme(theme)

    def arrangements(self) -> list[tuple[int, int, bool, bool]]:
        """The ways the kernels can be placed: (kernel columns, channel
        columns, the header on one row, one kernel at a time), folded or
        not as the panel is now (the window fit tries both)."""
        folded = self.folded
        if len(self.all_views()) > MAX_ARRANGED_GRIDS and not folded:
            # Trying every wrap of hundreds of grids takes seconds: stacked
            # kernels, each a row of channels, as before wrapping existed.
            return [(1, 0, one_row, folded) for one_row in (True, False)]
        channel_choices = self.blocks[0].channel_grid.column_choices() if self.blocks else [0]
        kernel_choices = [1] if folded else self.grid_layout.column_choices()
        return [(k, c, one_row, folded) for k in kernel_choices for c in channel_choices for one_row in (True, False)]

    def arrange(self, arrangement: tuple[int, int, bool] | tuple[int, int, bool, bool]) -> None:
        kernel_columns, channel_columns, one_row = arrangement[:3]
        if len(arrangement) > 3:
            self.set_folded(bool(arrangement[3]))
        self._arrangement = (kernel_columns, channel_columns, one_row)
        self.header.set_one_row(one_row)
        self.grid_layout.set_columns(kernel_columns)
        for block in self.blocks:
            if block.show_grids_button is None:
                block.channel_grid.set_columns(channel_columns)
        refresh_layouts(self)

    def required_size(self) -> QSize:
        """What this panel needs to show all its grids at the current cell size."""
        return panel_required_size(self.layout(), self.scroll, self._host)
