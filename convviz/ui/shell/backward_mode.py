"""The window's Backward mode: the gradients of the convolution, stepped.

View → Backward Pass (Ctrl+B) swaps the editing panels for:

- the upstream gradient dY, one editable grid per kernel with the feature
  map's shape (edits are undo steps like any other), and its presets: all
  ones, small random integers, and a one-hot at the cell you click;
- which result to step: dX, dW or db;
- the step itself, painted by the frame renderer from the frame model, as
  the presentation mode and every export paint it. The animator steps it
  and the ledger (in the frame) writes it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, QSignalBlocker, Qt
from PySide6.QtGui import QAction, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from convviz.core.backward_trace import backward_trace
from convviz.core.errors import ConvError
from convviz.core.frame import nice_limit
from convviz.ui.animation.animator import Animator
from convviz.ui.base.menus import MenuId
from convviz.ui.document.document import ChangeKind, SceneChange, SceneDocument
from convviz.ui.document.grad_output import GradOutputModel, one_hot, random_integers, shown_grad_output
from convviz.ui.grid.matrix_view import MatrixView
from convviz.ui.recording.frame_layout import BASE_SIZE
from convviz.ui.recording.frame_renderer import FrameRenderer

__all__ = ["RESULTS", "BackwardMode", "BackwardView"]

RESULTS = (
    (QT_TRANSLATE_NOOP("BackwardMode", "dW: the weights' gradient"), "weight"),
    (QT_TRANSLATE_NOOP("BackwardMode", "dX: the input's gradient"), "input"),
    (QT_TRANSLATE_NOOP("BackwardMode", "db: the biases' gradient"), "bias"),
)
translate = QCoreApplication.translate


class _Canvas(QWidget):
    """Paints the animator's backward step with the frame renderer."""

    def __init__(self, view: BackwardView) -> None:
        super().__init__(view)
        self.view = view
        self.renderer = FrameRenderer(cache_size=2)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(480, 270)

    def paintEvent(self, event: QPaintEvent) -> None:
        a = self.view.animator
        painter = QPainter(self)
        try:
            trace = a.trace
            self.renderer.render(painter, QRectF(self.rect()), a.document.scene, trace, a.index, theme=self.view.theme_of(),
                                 scale=self.text_scale(), reveal=a.reveal, map_scale=a.map_scale,
                                 message=self._why_none() if trace is None else "")  # fmt: skip
        finally:
            painter.end()  # always: a painter left active on a dying device crashes Qt


    def text_scale(self) -> float:
        """The frame's text scale. A frame sizes its text to its own size
        (headers 20 px at 1280×720), and this canvas is a wide strip, about
        1270×420 in a 1280×720 window: unscaled, its headers would be 12 px
        and its captions 9 px, smaller than the window's own 14 px text.
        Scaled to bring the headers to 14 px, the cells keep their size in
        the seed scenes (measured: dW 37 px either way, dX 32 -> 31 px);
        more would take it from them (1.6: dX 18 px)."""
        u = min(self.width() / BASE_SIZE[0], self.height() / BASE_SIZE[1])
        return max(1.0, min(0.7 / u, 1.5)) if u > 0 else 1.0

    def _why_none(self) -> str:
        """Why there is no backward pass to step: the engine's own words."""
        try:
            backward_trace(self.view.document.scene, self.view.wrt)
        except ConvError as exc:
            return str(exc)
        return ""


class BackwardView(QWidget):
    """dY's grids and presets, the result to step, and the step."""

    def __init__(self, document: SceneDocument, animator: Animator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backwardView")
        self.document, self.animator = document, animator
        self.theme_of: Callable[[], str] = lambda: "light"  # the window's theme, by name

        self.result_combo = QComboBox()
        self.result_combo.setAccessibleName(translate("BackwardMode", "Result to step"))
        for text, wrt in RESULTS:
            self.result_combo.addItem(translate("BackwardMode", text), wrt)
        self.ones_button = QPushButton(translate("BackwardMode", "All ones"))
        self.ones_button.setToolTip(translate("BackwardMode", "dY = 1 everywhere: the gradient of the sum of every feature map"))
        self.random_button = QPushButton(translate("BackwardMode", "Random integers"))
        self.random_button.setToolTip(translate("BackwardMode", "dY of small random integers, −2 to 2"))
        self.one_hot_button = QToolButton()
        self.one_hot_button.setText(translate("BackwardMode", "One-hot: click a dY cell"))
        self.one_hot_button.setToolTip(translate("BackwardMode", "Where does one output's gradient go? Click a cell of dY: it becomes 1, the rest 0"))
        self.one_hot_button.setCheckable(True)
        self.ones_button.clicked.connect(self.set_ones)
        self.random_button.clicked.connect(self.set_random)

        controls = QHBoxLayout()
        controls.addWidget(QLabel(translate("BackwardMode", "Step")))
        controls.addWidget(self.result_combo)
        controls.addSpacing(16)
        controls.addWidget(QLabel(translate("BackwardMode", "Upstream gradient dY:")))
        for w in (self.ones_button, self.random_button, self.one_hot_button):
            controls.addWidget(w)
        controls.addStretch(1)

        self.grids = QWidget()
        self.grids_row = QHBoxLayout(self.grids)
        self.grids_row.setContentsMargins(4, 0, 4, 0)
        self.grid_scroll = QScrollArea()
        self.grid_scroll.setWidget(self.grids)
        self.grid_scroll.setWidgetResizable(True)
        self.views: list[MatrixView] = []
        self.captions: list[QLabel] = []

        self.canvas = _Canvas(self)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 0)
        column.addLayout(controls)
        column.addWidget(self.grid_scroll)
        column.addWidget(self.canvas, 1)

        document.sceneChanged.connect(self._on_scene_changed)
        animator.indexChanged.connect(self.canvas.update)
        animator.traceChanged.connect(self.canvas.update)
        animator.settingsChanged.connect(self.canvas.update)
        self._build_grids()

    @property
    def wrt(self) -> str:
        return str(self.result_combo.currentData())

    # -- dY's grids --------------------------------------------------------------------
    def _on_scene_changed(self, change: SceneChange) -> None:
        if change.kind is not ChangeKind.VALUES or len(self.views) != len(self.document.scene.kernels):
            self._build_grids()
        self._sync_colour_limit()

    def _sync_colour_limit(self) -> None:
        dy = shown_grad_output(self.document.scene)
        limit = nice_limit(dy) if dy is not None else 1.0  # the frame's dY colours, as the canvas shows them
        for view in self.views:
            view.set_color_limit(limit)

    def _build_grids(self) -> None:
        while self.grids_row.count():
            item = self.grids_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.views, self.captions = [], []
        for k, kernel in enumerate(self.document.scene.kernels):
            block = QWidget()
            column = QVBoxLayout(block)
            column.setContentsMargins(0, 0, 0, 0)
            caption = QLabel(translate("BackwardMode", "dY of {kernel}").format(kernel=kernel.name))
            view = MatrixView(GradOutputModel(self.document, k, block), "output")
            view.set_cell_size(30)
            view.cellClicked.connect(lambda r, c, k=k: self._on_cell_clicked(k, r, c))
            column.addWidget(caption)
            column.addWidget(view)
            column.addStretch(1)
            self.grids_row.addWidget(block)
            self.views.append(view)
            self.captions.append(caption)
        self.grids_row.addStretch(1)
        self._sync_colour_limit()
        # As tall as dY's grids need, up to a third of a 720p window.
        self.grid_scroll.setMaximumHeight(min(220, self.grids.sizeHint().height() + 6))

    def _on_cell_clicked(self, kernel: int, row: int, col: int) -> None:
        if self.one_hot_button.isChecked():
            self.set_one_hot(kernel, row, col)

    # -- presets ------------------------------------------------------------------------
    def set_ones(self) -> bool:
        return self.document.set_grad_output(None, translate("BackwardMode", "dY: all ones"))

    def set_random(self) -> bool:
        dy = shown_grad_output(self.document.scene)
        return dy is not None and self.document.set_grad_output(random_integers(dy.shape), translate("BackwardMode", "dY: random integers"))

    def set_one_hot(self, kernel: int, row: int, col: int) -> bool:
        dy = shown_grad_output(self.document.scene)
        if dy is None or not (0 <= row < dy.shape[0] and 0 <= col < dy.shape[1]):
            return False
        name = self.document.scene.kernels[kernel].name
        label = translate("BackwardMode", "dY: one-hot at ({row}, {col}) of {kernel}").format(row=row, col=col, kernel=name)
        return self.document.set_grad_output(one_hot(dy.shape, kernel, row, col), label)


class BackwardMode:
    """The mode switch: View → Backward Pass, and the result the animator steps."""

    def __init__(self, window: QMainWindow, document: SceneDocument, animator: Animator,
                 hide_in_mode: list[QWidget], column: QBoxLayout) -> None:  # fmt: skip
        """``hide_in_mode``: the editing panels and their ledger; the view goes
        first into ``column``, the central widget's layout, in their place."""
        self.window, self.animator = window, animator
        self._hidden = hide_in_mode
        self.view = BackwardView(document, animator)
        self.view.theme_of = lambda: str(getattr(window, "theme", None) and window.theme.name or "light")  # type: ignore[attr-defined]
        self.view.hide()
        column.insertWidget(0, self.view, 1)
        self.action = QAction(translate("BackwardMode", "&Backward Pass: step dX, dW or db"), window)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("Ctrl+B"))
        self.action.toggled.connect(self.set_active)
        window.addAction(self.action)  # the shortcut works while the menu bar is hidden
        self.view.result_combo.currentIndexChanged.connect(self._on_result)

    def install(self, menus: dict[MenuId, object]) -> None:
        menus[MenuId.VIEW].addAction(self.action)  # type: ignore[attr-defined]

    @property
    def active(self) -> bool:
        return self.animator.wrt is not None

    def set_active(self, on: bool, wrt: str | None = None) -> None:
        if wrt is not None:
            self.set_result(wrt)
        theme = getattr(self.window, "theme", None)
        if theme is not None:
            for view in self.view.views:
                view.set_theme(theme)
        with QSignalBlocker(self.action):
            self.action.setChecked(on)
        for widget in self._hidden:
            widget.setVisible(not on)
        self.view.setVisible(on)
        self.animator.set_wrt(self.view.wrt if on else None)

    def set_result(self, wrt: str) -> None:
        """Step ``"input"`` (dX), ``"weight"`` (dW) or ``"bias"`` (db)."""
        index = self.view.result_combo.findData(wrt)
        if index < 0:
            raise ValueError(f"no backward-pass result {wrt!r}: choose input, weight or bias")
        self.view.result_combo.setCurrentIndex(index)

    def _on_result(self, _index: int) -> None:
        if self.active:
            self.animator.set_wrt(self.view.wrt)
