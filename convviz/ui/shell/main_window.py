"""The main window: panels, parameter bar, ledger, playback bar and menus.

It owns the document (the scene and its undo stack), the feature maps, the
animator and the panels, and wires them together; the panels themselves only
talk to the document.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QSignalBlocker, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStatusBar,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from convviz.core.catalogue import find_builtin
from convviz.core.language import current_language
from convviz.core.ledger import Ledger
from convviz.core.scene import Scene
from convviz.core.trace import Level
from convviz.core.transposed_view import TransposedView
from convviz.ui.animation.animator import Animator
from convviz.ui.animation.playback_bar import PlaybackBar
from convviz.ui.animation.scroll_follow import ScrollFollower
from convviz.ui.animation.step_presenter import StepPresenter
from convviz.ui.base import theme as th
from convviz.ui.base.menus import MENU_TITLES, MenuId
from convviz.ui.base.runtime import Settings
from convviz.ui.base.stylesheet import window_palette, window_stylesheet
from convviz.ui.base.window_actions import window_action
from convviz.ui.document.code_actions import install_code_actions
from convviz.ui.document.document import ChangeKind, SceneChange, SceneDocument
from convviz.ui.document.feature_maps import FeatureMaps
from convviz.ui.document.file_actions import IMAGE_SUFFIXES, DocumentFiles
from convviz.ui.document.recovery import Autosaver
from convviz.ui.imaging.image_actions import install_image_actions
from convviz.ui.panels.input_panel import InputPanel
from convviz.ui.panels.kernel_panel import KernelPanel
from convviz.ui.panels.ledger_view import LedgerView
from convviz.ui.panels.output_panel import VIEWS as OUTPUT_VIEWS
from convviz.ui.panels.output_panel import OutputPanel
from convviz.ui.panels.param_bar import ParamBar
from convviz.ui.panels.scene_properties import ScenePropertiesDialog
from convviz.ui.presets.kernel_import import install_kernel_import
from convviz.ui.presets.presets_panel import install_presets_dock
from convviz.ui.recording.export_dialog import install_recording_actions
from convviz.ui.recording.frame_layout import sample_ledgers
from convviz.ui.recording.ledger_extent import LedgerSamples
from convviz.ui.shell.backward_mode import BackwardMode
from convviz.ui.shell.describe_step import install_describe_step
from convviz.ui.shell.fit_key import FitKey, fit_key, same_key
from convviz.ui.shell.language_menu import install_language_menu
from convviz.ui.shell.tab_order import install_reading_tab_order
from convviz.ui.shell.window_fit import MIN_CELL, fit_window
from convviz.ui.shell.window_placement import place_window

__all__ = ["MainWindow"]

translate = QCoreApplication.translate

MAX_CELL = 64
ZOOM_STEP = 1.15

SHORTCUTS = (
    ("Space", QT_TRANSLATE_NOOP("MainWindow", "Play / pause")),
    ("← / →", QT_TRANSLATE_NOOP("MainWindow", "Step back / forward")),
    ("Shift+← / Shift+→", QT_TRANSLATE_NOOP("MainWindow", "Previous / next output cell")),
    ("Ctrl+← / Ctrl+→", QT_TRANSLATE_NOOP("MainWindow", "Previous / next kernel")),
    ("Home / End", QT_TRANSLATE_NOOP("MainWindow", "First / last step")),
    ("[ / ]", QT_TRANSLATE_NOOP("MainWindow", "Slower / faster")),
    ("Ctrl+Shift+O", QT_TRANSLATE_NOOP("MainWindow", "Open an image as the input")),
    ("Ctrl+Shift+P", QT_TRANSLATE_NOOP("MainWindow", "Show / hide the Presets panel")),
    ("F11 / Esc", QT_TRANSLATE_NOOP("MainWindow", "Presentation mode on / off")),
    ("Ctrl+B", QT_TRANSLATE_NOOP("MainWindow", "Backward pass on / off: step dX, dW or db")),
    ("Ctrl+Shift+E", QT_TRANSLATE_NOOP("MainWindow", "Export the animation")),
    ("Ctrl+Shift+C", QT_TRANSLATE_NOOP("MainWindow", "Copy the current frame")),
    ("Ctrl+Shift+D", QT_TRANSLATE_NOOP("MainWindow", "Describe the current step in a sentence")),
    ("Ctrl+Z / Ctrl+Shift+Z", QT_TRANSLATE_NOOP("MainWindow", "Undo / redo")),
    ("Ctrl+= / Ctrl+- / Ctrl+0", QT_TRANSLATE_NOOP("MainWindow", "Zoom in / out / fit")),
    ("Ctrl+1 / Ctrl+2 / Ctrl+3", QT_TRANSLATE_NOOP("MainWindow", "Feature maps / partial maps / im2col view")),
    ("Enter, Tab, arrows", QT_TRANSLATE_NOOP("MainWindow", "In a grid: type a number and move on")),
    ("F2", QT_TRANSLATE_NOOP("MainWindow", "In a grid: edit the current cell")),
    ("Ctrl+C / Ctrl+V", QT_TRANSLATE_NOOP("MainWindow", "In a grid: copy / paste a block")),
    ("Delete", QT_TRANSLATE_NOOP("MainWindow", "In a grid: clear the selected cells")),
)


class MainWindow(QMainWindow):
    def __init__(
        self, scene: Scene, *, settings: Settings | None = None, home: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("convviz")
        # The user's settings unless told otherwise (renders and tests pass
        # Settings(), which keeps nothing).
        self.settings = settings if settings is not None else Settings.of_user()
        self.theme: th.Theme = th.LIGHT
        self.auto_fit = True
        self.cell_size = 36
        self._fitted: FitKey | None = None  # what the last fit left (see fit_key)
        self._sampled: tuple[object, str, LedgerSamples] | None = None  # see reserved_ledgers
        # The look before the widgets: set on a window full of widgets, a
        # style sheet restyles each of them (a third of building the window).
        QApplication.setPalette(window_palette(self.theme))
        self.setStyleSheet(window_stylesheet(self.theme))

        self.document = SceneDocument(scene, self)
        self.maps = FeatureMaps(self.document, self)
        self.animator = Animator(self.document, self)

        self.input_panel = InputPanel(self.document)
        self.kernel_panel = KernelPanel(self.document)
        self.output_panel = OutputPanel(self.document, self.maps)
        self.ledger_view = LedgerView()
        self.param_bar = ParamBar(self.document)
        self.playback_bar = PlaybackBar(self.animator)
        self.presenter = StepPresenter(
            self.animator, self.input_panel, self.kernel_panel, self.output_panel, self.ledger_view, self
        )
        self.scroll_follower = ScrollFollower(
            self.animator,
            [
                (self.input_panel.scroll, lambda: self.input_panel.views),
                (self.kernel_panel.scroll, self.kernel_panel.all_views),
                (self.output_panel.scroll, lambda: self.output_panel.views),
            ],
            self,
        )

        self.panels = QSplitter(Qt.Orientation.Horizontal)
        self.panels.setChildrenCollapsible(False)
        for panel in (self.input_panel, self.kernel_panel, self.output_panel):
            self.panels.addWidget(panel)
        self.ledger_scroll = QScrollArea()
        self.ledger_scroll.setObjectName("ledgerPanel")
        self.ledger_scroll.setWidget(self.ledger_view)
        self.ledger_scroll.setWidgetResizable(True)
        self.ledger_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.ledger_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QSplitter(Qt.Orientation.Vertical)
        self.body.setChildrenCollapsible(False)
        self.body.addWidget(self.panels)
        self.body.addWidget(self.ledger_scroll)
        self.body.setStretchFactor(0, 1)

        # The input moves into this splitter, left of the body, where a
        # column of the full height gives it larger cells (see window_fit).
        self.outer = QSplitter(Qt.Orientation.Horizontal)
        self.outer.setChildrenCollapsible(False)
        self.outer.addWidget(self.body)

        central = QWidget()
        central.setObjectName("central")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.outer, 1)
        self.setCentralWidget(central)
        # A tool bar at the bottom spans the whole window, under the Presets
        # dock too: the step label keeps the width to be read whole.
        self.playback_toolbar = QToolBar(translate("MainWindow", "Playback"))
        self.playback_toolbar.setObjectName("playbackToolbar")
        self.playback_toolbar.setMovable(False)
        self.playback_toolbar.setFloatable(False)
        self.playback_toolbar.toggleViewAction().setEnabled(False)  # not to be lost by a right click
        self.playback_toolbar.setContentsMargins(0, 0, 0, 0)
        self.playback_bar.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.playback_toolbar.addWidget(self.playback_bar)
        self.addToolBar(Qt.ToolBarArea.BottomToolBarArea, self.playback_toolbar)

        self.param_toolbar = QToolBar(translate("MainWindow", "Parameters"))
        self.param_toolbar.setObjectName("parameterToolbar")
        self.param_toolbar.setMovable(False)
        self.param_toolbar.addWidget(self.param_bar)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.param_toolbar)
        self.setStatusBar(QStatusBar())

        for panel in (self.input_panel, self.kernel_panel, self.param_bar):
            panel.statusMessage.connect(self.show_status)
        self.document.sceneChanged.connect(self._on_scene_changed)
        # Bound methods, not lambdas: Qt disconnects them when the window is
        # destroyed, before the undo stack emits its last signals.
        self.document.undo_stack.indexChanged.connect(self._update_title)
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self.fit_cells)

        self.files = DocumentFiles(self, self.document, self.settings)
        self.files.pathChanged.connect(self._update_title)
        # Autosave only where there is an app data folder to write to
        # (the app passes one; offscreen renders and most tests don't).
        self.autosaver = Autosaver(self.document, home, lambda: self.files.path, self) if home is not None else None
        self.document.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._build_actions()
        self.backward_mode = BackwardMode(self, self.document, self.animator, [self.outer], column)
        self.backward_mode.install(self.menus)
        self.files.install(self.file_menu, self.addAction)
        install_image_actions(self)
        install_recording_actions(self)
        self.language_menu = install_language_menu(self)
        self.step_describer = install_describe_step(self)
        self.presets_dock = install_presets_dock(self)
        self.presets_panel = self.presets_dock.widget()
        install_kernel_import(self)
        install_code_actions(self)
        self.tab_order = install_reading_tab_order(self)
        # A crowded window shows one kernel at a time: Tab follows the kernel
        # shown, and asking for every kernel refits the window.
        self.kernel_panel.kernelShown.connect(self.tab_order.refresh_later)
        self.kernel_panel.showAllChanged.connect(lambda _on: self.auto_fit and self._fit_timer.start())
        # At 1280×720 the grids need the whole width to stay legible, so the
        # dock starts hidden there; the toolbar button brings it back.
        self.presets_dock.setVisible(False)
        # Opening or closing the dock changes the panels' width: refit.
        self.presets_dock.visibilityChanged.connect(lambda _visible: self.auto_fit and self._fit_timer.start())
        presets_button = self.presets_dock.toggleViewAction()
        self.param_toolbar.insertAction(self.param_toolbar.actions()[0], presets_button)
        self.param_toolbar.insertSeparator(self.param_toolbar.actions()[1])
        self.setAcceptDrops(True)
        self.apply_theme(self.theme)
        self._update_title()
        for splitter in (self.panels, self.body, self.outer):
            splitter.splitterMoved.connect(self._on_splitter_moved)
        if self.settings.persistent:
            self._restore_settings()
        else:
            self.resize(1280, 720)
        # Start with the keyboard on playback (Space, arrows), not in the
        # first spin box of the input panel.
        self.ledger_scroll.setFocus()

    # -- actions and menus -----------------------------------------------------
    def _action(self, text: str, slot, shortcut: object = None, tip: str = "") -> QAction:  # noqa: ANN001
        return window_action(self, text, slot, shortcut, tip)

    def menu(self, menu_id: MenuId) -> QMenu:
        """The menu ``menu_id``, for features that add their actions to it."""
        return self.menus[menu_id]

    def _build_actions(self) -> None:
        bar = self.menuBar()
        self.menus = {menu_id: bar.addMenu(translate("MenuId", title)) for menu_id, title in MENU_TITLES.items()}
        self.file_menu = self.menus[MenuId.FILE]
        self.quit_action = self._action(translate("MainWindow", "&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.file_menu.addAction(self.quit_action)

        edit = self.menus[MenuId.EDIT]
        self.undo_action = self.document.undo_stack.createUndoAction(self, translate("MainWindow", "&Undo"))
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.document.undo_stack.createRedoAction(self, translate("MainWindow", "&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for a in (self.undo_action, self.redo_action):
            self.addAction(a)
            edit.addAction(a)
        edit.addSeparator()
        edit.addAction(self._action(translate("MainWindow", "Add &kernel"), self.document.add_kernel))

        self.scene_menu = self.menus[MenuId.SCENE]
        self.properties_action = self._action(
            translate("MainWindow", "&Properties…"), self.show_scene_properties, tip=translate("MainWindow", "Edit the scene's title and description")
        )
        self.scene_menu.addAction(self.properties_action)

        view = self.menus[MenuId.VIEW]
        self.zoom_in_action = self._action(translate("MainWindow", "Zoom &in"), lambda: self.zoom(ZOOM_STEP), ["Ctrl+=", "Ctrl++"])
        self.zoom_out_action = self._action(translate("MainWindow", "Zoom &out"), lambda: self.zoom(1 / ZOOM_STEP), ["Ctrl+-"])
        self.zoom_fit_action = self._action(translate("MainWindow", "&Fit to window"), self.reset_zoom, ["Ctrl+0"])
        for a in (self.zoom_in_action, self.zoom_out_action, self.zoom_fit_action):
            view.addAction(a)
        view.addSeparator()
        self.reveal_action = self._action(translate("MainWindow", "&Reveal: blank the cells not computed yet"), lambda on: self.set_reveal(on))
        self.reveal_action.setCheckable(True)
        self.own_scale_action = self._action(
            translate("MainWindow", "Each feature map on its &own colour scale"), lambda on: self.set_map_scale("own" if on else "shared"),
            tip=translate("MainWindow", "Off: the maps share one scale, so their colours compare. On: each map spans its own range. Recordings follow this choice."),
        )  # fmt: skip
        self.own_scale_action.setCheckable(True)
        view.addAction(self.reveal_action)
        view.addAction(self.own_scale_action)
        view.addSeparator()
        self.view_actions = {}  # the feature-map panel's views: maps, partial maps, im2col
        for n, (text, name) in enumerate(OUTPUT_VIEWS, 1):
            label = translate("MainWindow", "{view} view").format(view=translate("OutputPanel", text))
            action = self._action(label, lambda _=False, v=name: self.set_view(v), f"Ctrl+{n}")
            action.setCheckable(True)
            action.setChecked(name == "maps")
            view.addAction(action)
            self.view_actions[name] = action
        self.direct_view_action = self._action(
            translate("MainWindow", "Transposed: equivalent &direct convolution"),
            lambda on: self.animator.set_transposed_view("direct" if on else "scatter"),
            tip=translate("MainWindow", "Off: each input cell scatters the kernel onto the output. On: the same numbers as a forward "
            "convolution with zeros inserted and the kernel flipped. Recordings follow this choice."),
        )  # fmt: skip
        self.direct_view_action.setCheckable(True)
        view.addAction(self.direct_view_action)
        self.animator.settingsChanged.connect(self._sync_frame_options)
        self.animator.traceChanged.connect(self._sync_frame_options)
        view.addSeparator()
        theme_menu = view.addMenu(translate("MainWindow", "&Theme"))
        for name in th.THEMES:
            theme_menu.addAction(self._action(th.display_name(name), lambda n=name: self.apply_theme(th.THEMES[n])))

        play = self.menus[MenuId.PLAYBACK]
        a = self.animator
        self.play_action = self._action(translate("MainWindow", "&Play / pause"), a.toggle, "Space")
        entries = [
            self.play_action,
            self._action(translate("MainWindow", "Step &forward"), lambda: a.step(1), "Right"),
            self._action(translate("MainWindow", "Step &back"), a.step_back, "Left"),
            self._action(translate("MainWindow", "&Next output cell"), a.next_cell, "Shift+Right"),
            self._action(translate("MainWindow", "P&revious output cell"), a.previous_cell, "Shift+Left"),
            self._action(translate("MainWindow", "Next &kernel"), a.next_kernel, "Ctrl+Right"),
            self._action(translate("MainWindow", "Previous k&ernel"), a.previous_kernel, "Ctrl+Left"),
            self._action(translate("MainWindow", "F&irst step"), a.first, "Home"),
            self._action(translate("MainWindow", "&Last step"), a.last, "End"),
            self._action(translate("MainWindow", "&Slower"), a.slower, "["),
            self._action(translate("MainWindow", "F&aster"), a.faster, "]"),
        ]
        for entry in entries:
            play.addAction(entry)
        play.addSeparator()
        for level, text in ((Level.CELL, translate("MainWindow", "Per &cell")), (Level.CHANNEL, translate("MainWindow", "Per c&hannel")), (Level.MULTIPLY, translate("MainWindow", "Per &multiply"))):
            play.addAction(self._action(text, lambda _=False, lv=level: a.set_level(lv)))

        help_menu = self.menus[MenuId.HELP]
        help_menu.addAction(self._action(translate("MainWindow", "&Keyboard shortcuts"), self.show_shortcuts, QKeySequence.StandardKey.HelpContents))
        help_menu.addAction(self._action(translate("MainWindow", "&About convviz"), self._about))

    def set_reveal(self, reveal: bool) -> None:
        self.animator.set_reveal(bool(reveal))

    def set_map_scale(self, scale: str) -> None:
        """One colour scale for all maps ("shared") or each its own ("own"),
        the same in the window and every recording."""
        self.animator.set_map_scale(scale)

    def set_view(self, view: str) -> None:
        """What the feature-map panel (and every recording) shows: "maps", "partial-maps" or "im2col"."""
        self.animator.set_view(view)

    def _sync_frame_options(self) -> None:
        a = self.animator
        if a.view.value != self.output_panel.view:  # the panel's content changes: share the width out anew
            self._fit_timer.start()
        for name, action in self.view_actions.items():
            with QSignalBlocker(action):
                action.setChecked(name == a.view.value)
        self.output_panel.set_map_scale(a.map_scale)
        with QSignalBlocker(self.reveal_action), QSignalBlocker(self.own_scale_action), QSignalBlocker(self.direct_view_action):
            self.reveal_action.setChecked(a.reveal)
            self.own_scale_action.setChecked(a.map_scale.value == "own")
            self.direct_view_action.setChecked(a.transposed_view is TransposedView.DIRECT)
        self.direct_view_action.setEnabled(self.document.scene.params.transposed)

    def show_scene_properties(self) -> ScenePropertiesDialog:
        dialog = ScenePropertiesDialog(self.document, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def show_shortcuts(self) -> QMessageBox:
        rows = "".join(f"<tr><td><b>{k}</b></td><td>&nbsp;&nbsp;{translate('MainWindow', v)}</td></tr>" for k, v in SHORTCUTS)
        box = QMessageBox(QMessageBox.Icon.NoIcon, translate("MainWindow", "Keyboard shortcuts"), f"<table>{rows}</table>", parent=self)
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setObjectName("shortcutsDialog")
        box.open()
        return box

    def _about(self) -> None:
        from convviz import __version__

        QMessageBox.about(
            self,
            translate("MainWindow", "About convviz"),
            f"convviz {__version__}\n\n"
            + translate("MainWindow", "See, step by step, how a convolution layer computes its feature maps. Semantics follow PyTorch's conv2d."),
        )

    # -- look ----------------------------------------------------------------
    def apply_theme(self, theme: th.Theme) -> None:
        self.theme = theme
        # The application palette, not the window's: combo popups, menus and
        # dialogs are separate windows and read the application's.
        QApplication.setPalette(window_palette(theme))
        if self.styleSheet() != (sheet := window_stylesheet(theme)):
            self.setStyleSheet(sheet)
        for panel in (self.input_panel, self.kernel_panel, self.output_panel):
            panel.set_theme(theme)
        self.ledger_view.set_theme(theme)
        self.playback_bar.set_theme(theme)
        if hasattr(self, "presets_panel"):
            self.presets_panel.set_theme(theme)

    def set_cell_size(self, size: int) -> None:
        size = int(min(max(size, MIN_CELL), MAX_CELL))
        self.cell_size = size
        for panel in (self.input_panel, self.kernel_panel, self.output_panel):
            panel.set_cell_size(size)
        # The ledger's numbers grow and shrink with the grids' (18 px at 40 px
        # cells), never below the 17 px a recording at 720p needs to be read;
        # not faster, or its band takes the height the grids need.
        self.ledger_view.set_font_px(min(max(size * 0.45, 17.0), 28.0))

    def zoom(self, factor: float) -> None:
        self.auto_fit = False
        new = round(self.cell_size * factor)
        if new == self.cell_size:
            new += 1 if factor > 1 else -1
        self.set_cell_size(new)

    def _on_splitter_moved(self, *_args: object) -> None:
        self.auto_fit = False  # a hand-placed splitter stays where it was put

    def reset_zoom(self) -> None:
        self.auto_fit = True
        self.fit_cells()

    def fit_cells(self) -> None:
        """The largest cells at which every grid shows, the panels placed
        and their grids wrapped to get them (see :mod:`window_fit`)."""
        if not self.auto_fit or (self._fitted is not None and same_key(self._fitted, fit_key(self))):
            return  # nothing the fit reads or sets has changed since it ran
        focus = self.focusWidget()
        fit_window(self)
        self._fitted = fit_key(self)
        # Trying the placements moves the input panel between splitters, and
        # a reparented widget loses the focus: give it back to the grid (or
        # whatever held it), so a refit never takes the keyboard away.
        if focus is not None and self.focusWidget() is not focus:
            try:
                if focus.isVisible():
                    focus.setFocus(Qt.FocusReason.OtherFocusReason)
            except RuntimeError:  # it was a grid the fit rebuilt
                pass
        self.tab_order.refresh()  # the input panel may have moved: Tab follows the new layout

    def reserved_ledgers(self) -> list[Ledger]:
        """The trace's longest ledgers as the ledger band shows them (their
        earlier channel lines summed up where it keeps only some), which the
        band keeps room for at every step (as recordings do); sampled once
        per trace and language."""
        trace, language = self.animator.trace, current_language()
        if trace is None:
            return []
        if self._sampled is None or self._sampled[0] is not trace or self._sampled[1] != language:
            self._sampled = (trace, language, LedgerSamples(sample_ledgers(trace)))
        keep = self.ledger_view.keep
        return self._sampled[2].ledgers if keep is None else self._sampled[2].shown(keep)

    def place_input(self, column: bool) -> None:
        """The input panel in a column of the window's full height (True),
        or beside the kernels above the ledger."""
        target = self.outer if column else self.panels
        if self.input_panel.parentWidget() is not target:
            target.insertWidget(0, self.input_panel)
            target.setCollapsible(0, False)

    @property
    def input_in_column(self) -> bool:
        return self.input_panel.parentWidget() is self.outer

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.auto_fit:
            self._fit_timer.start()

    # -- document ------------------------------------------------------------
    def _on_scene_changed(self, change: SceneChange) -> None:
        if change.kind in (ChangeKind.STRUCTURE, ChangeKind.SCENE, ChangeKind.PARAMS) and self.auto_fit:
            self._fit_timer.start()
        self._update_title()

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def _update_title(self, *_args: object) -> None:
        if not hasattr(self, "files"):
            return
        modified = "*" if self.files.is_modified() else ""
        self.setWindowTitle(f"{self.files.display_name()}{modified} — convviz")

    def load_scene(self, scene: Scene) -> None:
        """Show ``scene`` as a fresh document (no undo history, no file)."""
        self.document.reset(scene)
        self.files._set_path(None)

    def open_argument(self, argument: str) -> bool:
        """``convviz SCENE``: a built-in scene by name, or a file."""
        entry = find_builtin(argument)
        if entry is not None and isinstance(entry.item, Scene) and not Path(argument).exists():
            self.load_scene(entry.item)
            return True
        return self.files.open(Path(argument))

    # -- dropping files ------------------------------------------------------
    def _dropped_path(self, event: QDropEvent | QDragEnterEvent) -> Path | None:
        mime = event.mimeData()
        if not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile():
                path = Path(url.toLocalFile())
                if path.suffix.lower() in {".json", *IMAGE_SUFFIXES}:
                    return path
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_path(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_path(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.files.open_dropped(path)

    # -- settings ------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = self.settings
        place_window(self, settings.value("window/geometry"))
        state = settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)  # docks and toolbars
        self.auto_fit = settings.value("window/autoFit", True, type=bool)
        if not self.auto_fit:  # the user had placed the splitters by hand
            self.place_input(settings.value("window/inputColumn", False, type=bool))
            for key, splitter in (("window/panels", self.panels), ("window/body", self.body), ("window/outer", self.outer)):
                state = settings.value(key)
                if isinstance(state, QByteArray) and not state.isEmpty():
                    splitter.restoreState(state)

    def save_settings(self) -> None:
        settings = self.settings
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/panels", self.panels.saveState())
        settings.setValue("window/body", self.body.saveState())
        settings.setValue("window/outer", self.outer.saveState())
        settings.setValue("window/inputColumn", self.input_in_column)
        settings.setValue("window/autoFit", self.auto_fit)

    def _on_clean_changed(self, clean: bool) -> None:
        if clean and self.autosaver is not None:
            self.autosaver.discard()  # saved: nothing left to recover

    def restore_autosave(self, scene: Scene, origin: str) -> None:
        """Bring back work found after a crash, as unsaved changes."""
        if origin and Path(origin).exists():
            self.files.open(Path(origin))
        self.document.load_scene(scene, translate("MainWindow", "Restore autosave"))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        if self.autosaver is not None:
            self.autosaver.stop()
            self.autosaver.discard()
        self.animator.pause()
        self.save_settings()
        self.maps.shutdown()
        super().closeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(1280, 720)
