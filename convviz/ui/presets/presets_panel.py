"""The Presets panel: built-in scenes, samples, kernel presets and the user's own.

Each entry shows its name, a line or two of description and a small preview
of its first kernel's weights; a file that fails to load is listed as broken
with the loader's message. Double-click, Enter or *Apply*:

* a scene (or sample) replaces the document's scene, as one undo step;
* a kernel preset replaces the selected kernel (all kernels, if the preset
  has several), as one undo step, after asking how to spread a preset with
  fewer channels than the kernel needs. The answer is remembered.

User presets live in ``app_data_dir() / "presets"``; they can be saved from
the selected kernel (or all of them), renamed, deleted (with an *Undo* in
the panel) and revealed in the file manager. A file watcher keeps the list
current when files change behind the app's back.

Dialogs and the file manager are module-level functions so tests can
replace them. Messages go to a label in the panel and to
:attr:`PresetsPanel.statusMessage`; nothing here opens an error box.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QFileSystemWatcher,
    QObject,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from convviz.core import user_presets
from convviz.core.catalogue import builtin_entries, user_entries
from convviz.core.errors import SceneFileError
from convviz.core.preset_apply import needs_channel_choice
from convviz.core.samples import SampleRecipe, sample_entries
from convviz.core.scene import KernelPreset, Scene
from convviz.ui.base import theme as th
from convviz.ui.base.menus import MenuId
from convviz.ui.base.runtime import Settings, app_data_dir
from convviz.ui.document.document import ChangeKind, SceneChange, SceneDocument
from convviz.ui.panels.kernel_panel import KernelPanel
from convviz.ui.panels.widgets import hbox, message_label, vbox

__all__ = [
    "PRESETS_SHORTCUT",
    "ListedPreset",
    "PresetDetails",
    "PresetsPanel",
    "ask_channel_mode",
    "ask_new_name",
    "ask_preset_details",
    "build_sample_scene",
    "install_presets_dock",
    "open_folder",
]

translate = QCoreApplication.translate

# Free in main_window.SHORTCUTS and the menus (Ctrl+P is left for printing).
from convviz.ui.presets.preset_dialogs import (
    PresetDetails,
    ask_channel_mode,
    ask_new_name,
    ask_preset_details,
    build_sample_scene,
    open_folder,
)
from convviz.ui.presets.preset_list import ENTRY_ROLE, GROUP_ROLE, ListedPreset, PresetDelegate

PRESETS_SHORTCUT = "Ctrl+Shift+P"
DOCK_WIDTH = 240

# Keys as well as headers: translated where they are shown.
GROUPS = (QT_TRANSLATE_NOOP("PresetsPanel", "Scenes"), QT_TRANSLATE_NOOP("PresetsPanel", "Samples"), QT_TRANSLATE_NOOP("PresetsPanel", "Kernel presets"), QT_TRANSLATE_NOOP("PresetsPanel", "My presets"))

# Settings keys.
CHANNEL_MODE_KEY = "presets/channelMode"  # "every" or "one"
CHANNEL_KEY = "presets/channel"  # from 0: the channel "one" uses
ASK_CHANNEL_KEY = "presets/askChannelMode"


# -- the panel ------------------------------------------------------------------


class PresetsPanel(QWidget):
    """The list of presets and the commands on them."""

    statusMessage = Signal(str)

    def __init__(
        self,
        document: SceneDocument,
        kernel_panel: KernelPanel,
        folder: Path | None = None,
        settings: Settings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("presetsPanel")
        self.document = document
        self.kernel_panel = kernel_panel
        self.folder = Path(folder) if folder is not None else app_data_dir() / "presets"
        self.settings = settings if settings is not None else Settings()
        self.theme: th.Theme = th.LIGHT
        self._collapsed: set[str] = set()
        self._deleted: tuple[Path, bytes, str] | None = None  # for "Undo delete"
        self._applying = False
        self._refreshing = False
        # How a whole scene is opened; the window sets one that treats it like
        # opening a file (asks about unsaved changes, starts unmodified).
        self.open_scene: Callable[[Scene, str], bool] = lambda scene, text: document.load_scene(scene, text) or True
        try:
            self.folder.mkdir(parents=True, exist_ok=True)  # the watcher needs it to exist
        except OSError:
            pass

        self.tree = QTreeWidget()
        self.tree.setObjectName("presetList")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(0)
        self.tree.setUniformRowHeights(False)
        self.tree.setMouseTracking(True)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setItemDelegate(PresetDelegate(self))
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.setAccessibleName(translate("PresetsPanel", "Presets"))
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.itemDoubleClicked.connect(self._on_item_double_clicked)
        self.tree.itemClicked.connect(self._on_item_clicked)
        self.tree.currentItemChanged.connect(self._on_current_changed)
        self.tree.customContextMenuRequested.connect(self._show_context_menu)
        self.tree.installEventFilter(self)

        self.message = message_label("presetMessage")

        self.undo_delete_bar = QFrame()
        self.undo_delete_bar.setObjectName("undoDeleteBar")
        self.undo_delete_label = QLabel()
        self.undo_delete_label.setWordWrap(True)
        self.undo_delete_button = QPushButton(translate("PresetsPanel", "Undo"))
        self.undo_delete_button.setToolTip(translate("PresetsPanel", "Put the deleted preset back"))
        self.undo_delete_button.clicked.connect(self.undo_delete)
        bar = hbox(self.undo_delete_label, self.undo_delete_button, margins=(6, 4, 6, 4))
        bar.setStretch(0, 1)
        self.undo_delete_bar.setLayout(bar)
        self.undo_delete_bar.hide()

        self.apply_button = QPushButton(translate("PresetsPanel", "Apply"))
        self.apply_button.clicked.connect(self.apply_current)
        self.save_button = QPushButton(translate("PresetsPanel", "Save…"))
        self.save_button.setToolTip(translate("PresetsPanel", "Save the selected kernel (or all kernels) as a preset of your own"))
        self.save_button.clicked.connect(self.save_kernel_as_preset)
        self.more_button = QToolButton()
        self.more_button.setText("⋯")
        self.more_button.setToolTip(translate("PresetsPanel", "More: rename, delete, reveal in file manager"))
        self.more_button.setAccessibleName(translate("PresetsPanel", "More preset commands"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.more_button.setMinimumWidth(28)

        self.rename_action = QAction(translate("PresetsPanel", "&Rename…"), self)
        # The list handles F2 and Delete itself (eventFilter); these shortcuts
        # only label the menu entries.
        self.rename_action.setShortcut(QKeySequence("F2"))
        self.rename_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.rename_action.triggered.connect(self.rename_current)
        self.delete_action = QAction(translate("PresetsPanel", "&Delete"), self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_current)
        self.undo_delete_action = QAction(translate("PresetsPanel", "&Undo delete"), self)
        self.undo_delete_action.triggered.connect(self.undo_delete)
        self.reveal_action = QAction(translate("PresetsPanel", "Reveal in File &Manager"), self)
        self.reveal_action.setToolTip(translate("PresetsPanel", "Open your preset folder in the file manager"))
        self.reveal_action.triggered.connect(self.reveal_folder)
        self.ask_channel_action = QAction(translate("PresetsPanel", "&Ask how to fill missing channels"), self)
        self.ask_channel_action.setCheckable(True)
        self.ask_channel_action.setChecked(self.settings.value(ASK_CHANNEL_KEY, True, type=bool))
        self.ask_channel_action.toggled.connect(lambda on: self.settings.setValue(ASK_CHANNEL_KEY, on))
        menu = QMenu(self)
        menu.addActions([self.rename_action, self.delete_action, self.undo_delete_action])
        menu.addSeparator()
        menu.addAction(self.reveal_action)
        menu.addSeparator()
        menu.addAction(self.ask_channel_action)
        self.more_button.setMenu(menu)

        buttons = hbox(self.apply_button, self.save_button, self.more_button, spacing=4)
        buttons.setStretch(0, 1)
        layout = vbox(spacing=6, margins=(6, 6, 6, 6))
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.undo_delete_bar)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setLayout(layout)
        self.setMinimumWidth(180)

        self._refresh_timer = QTimer(self, singleShot=True, interval=250)  # merge a burst of file events
        self._refresh_timer.timeout.connect(self.refresh)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _p: self._refresh_timer.start())
        self.watcher.fileChanged.connect(lambda _p: self._refresh_timer.start())

        document.sceneChanged.connect(self._on_scene_changed)
        document.editRefused.connect(self._on_edit_refused)
        kernel_panel.selectionChanged.connect(lambda _k: self._update_actions())
        self.set_theme(self.theme)
        self.refresh()

    # -- the list ---------------------------------------------------------------
    def listed(self) -> list[ListedPreset]:
        """Everything in the list, in order."""
        out = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            for i in range(group.childCount()):
                listed = group.child(i).data(0, ENTRY_ROLE)
                if listed is not None:
                    out.append(listed)
        return out

    def _gather(self) -> dict[str, list[ListedPreset]]:
        builtins = builtin_entries()
        entries = {
            "Scenes": [e for e in builtins if e.kind == "scene"],
            "Samples": list(sample_entries()),
            "Kernel presets": [e for e in builtins if e.kind != "scene"],  # a broken built-in shows here
            "My presets": user_entries(self.folder),
        }
        return {group: [ListedPreset(group, e) for e in entries[group]] for group in GROUPS}

    def refresh(self) -> None:
        """Read the catalogue again and rebuild the list, keeping the selection."""
        current = self.current()
        key = current.key if current is not None else None
        for g in range(self.tree.topLevelItemCount()):
            header = self.tree.topLevelItem(g)
            if not header.isExpanded():
                self._collapsed.add(header.data(0, GROUP_ROLE))
            else:
                self._collapsed.discard(header.data(0, GROUP_ROLE))
        self._refreshing = True  # rebuilding isn't the user picking another entry
        try:
            self._fill(key)
        finally:
            self._refreshing = False
        self._update_watcher()
        self._update_actions()

    def _fill(self, key: tuple[str, str] | None) -> None:
        self.tree.clear()
        select = None
        for group, items in self._gather().items():
            header = QTreeWidgetItem([f"{translate('PresetsPanel', group)} ({len(items)})"])
            header.setData(0, GROUP_ROLE, group)
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(header)
            for listed in items:
                item = QTreeWidgetItem([listed.entry.name])
                item.setData(0, ENTRY_ROLE, listed)
                item.setToolTip(0, listed.tooltip())
                item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{listed.entry.name}, {listed.kind}")
                header.addChild(item)
                if listed.key == key:
                    select = item
            if group == "My presets" and not items:
                note = QTreeWidgetItem([translate("PresetsPanel", "Nothing saved yet: select a kernel and press Save…")])
                note.setFlags(Qt.ItemFlag.NoItemFlags)
                header.addChild(note)
            header.setExpanded(group not in self._collapsed)
        if select is not None:
            self.tree.setCurrentItem(select)

    def _update_watcher(self) -> None:
        watched = self.watcher.directories() + self.watcher.files()
        if watched:
            self.watcher.removePaths(watched)
        if self.folder.is_dir():
            paths = [str(self.folder)] + [str(p) for p in sorted(self.folder.glob("*.json"))]
            self.watcher.addPaths(paths)

    def current(self) -> ListedPreset | None:
        item = self.tree.currentItem()
        return item.data(0, ENTRY_ROLE) if item is not None else None

    def item_for(self, name: str, group: str | None = None) -> QTreeWidgetItem | None:
        """The row showing ``name`` (an entry's name or file stem), in ``group`` if given."""
        for g in range(self.tree.topLevelItemCount()):
            header = self.tree.topLevelItem(g)
            if group is not None and header.data(0, GROUP_ROLE) != group:
                continue
            for i in range(header.childCount()):
                listed = header.child(i).data(0, ENTRY_ROLE)
                if listed is not None and name in (listed.entry.name, listed.entry.id):
                    return header.child(i)
        return None

    def select(self, name: str, group: str | None = None) -> bool:
        item = self.item_for(name, group)
        if item is None:
            return False
        item.parent().setExpanded(True)
        self.tree.setCurrentItem(item)
        self.tree.scrollToItem(item)
        return True

    # -- reacting -----------------------------------------------------------------
    def _on_current_changed(self) -> None:
        if not self._refreshing:
            self.show_message("")  # a message is about the entry it was shown for
        self._update_actions()

    def _on_item_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, GROUP_ROLE):  # a header: fold or unfold the group
            item.setExpanded(not item.isExpanded())

    def _on_item_double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, ENTRY_ROLE) is not None:
            self.apply_current()

    def _on_scene_changed(self, change: SceneChange) -> None:
        if change.kind in (ChangeKind.NAMES, ChangeKind.STRUCTURE, ChangeKind.SCENE):
            self._update_actions()

    def _on_edit_refused(self, message: str) -> None:
        if self._applying:
            self.show_message(message, error=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Keys on the list. Enter applies: item activation isn't used, as
        # some styles activate on a single click.
        if watched is self.tree and event.type() == QEvent.Type.KeyPress and self.current() is not None:
            command = {
                Qt.Key.Key_Return: self.apply_current,
                Qt.Key.Key_Enter: self.apply_current,
                Qt.Key.Key_Delete: self.delete_current,
                Qt.Key.Key_F2: self.rename_current,
            }.get(event.key())
            if command is not None and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            ):
                command()
                return True
        return super().eventFilter(watched, event)

    def _selected_kernel_name(self) -> str:
        kernels = self.document.scene.kernels
        return kernels[min(self.kernel_panel.selected_kernel, len(kernels) - 1)].name

    def _update_actions(self) -> None:
        listed = self.current()
        usable = listed is not None and listed.kind != "broken"
        if listed is None or listed.kind in ("scene", "sample"):
            text = translate("PresetsPanel", "Load scene")
        elif listed.kind == "kernel" and len(listed.entry.item.kernels) > 1:
            text = translate("PresetsPanel", "Apply to all kernels")
        elif listed.kind == "kernel":
            text = translate("PresetsPanel", "Apply to {kernel}").format(kernel=self._selected_kernel_name())
        else:
            text = translate("PresetsPanel", "Apply")
        metrics = self.apply_button.fontMetrics()
        self.apply_button.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, 130))
        self.apply_button.setToolTip(text)
        self.apply_button.setEnabled(usable)
        self.save_button.setToolTip(translate("PresetsPanel", "Save {kernel} (or all kernels) as a preset of your own").format(kernel=self._selected_kernel_name()))
        is_user = listed is not None and listed.is_user
        self.rename_action.setEnabled(is_user and listed.kind != "broken")
        self.delete_action.setEnabled(is_user)
        self.undo_delete_action.setEnabled(self._deleted is not None)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("error", error)
        self.message.setStyleSheet(f"color: {self.theme.error if error else self.theme.muted}; padding: 2px;")
        self.message.setVisible(bool(text))
        if text:
            self.statusMessage.emit(text)

    # -- applying -----------------------------------------------------------------
    def apply_current(self) -> bool:
        listed = self.current()
        if listed is None:
            return False
        self.show_message("")
        if listed.kind == "broken":
            self.show_message(translate("PresetsPanel", "“{file}” can't be loaded: {problem}").format(file=listed.entry.path.name, problem=listed.problem()), error=True)
            return False
        if listed.kind == "sample":
            return self._apply_sample(listed.entry.recipe)
        item = listed.entry.item
        if isinstance(item, Scene):
            if not self.open_scene(item, f"Load {item.name or listed.entry.id}"):
                return False
            self.statusMessage.emit(translate("PresetsPanel", "Loaded {name}").format(name=item.name or listed.entry.id))
            return True
        return self.apply_kernel_preset(item)

    def channel_choice(self) -> tuple[str, int]:
        """The remembered answer: ``("every", 0)`` or ``("one", channel)``."""
        mode = self.settings.value(CHANNEL_MODE_KEY, "every", type=str)
        channel = self.settings.value(CHANNEL_KEY, 0, type=int)
        return ("one", channel) if mode == "one" else ("every", channel)

    def apply_kernel_preset(self, preset: KernelPreset) -> bool:
        scene = self.document.scene
        kernel = min(self.kernel_panel.selected_kernel, len(scene.kernels) - 1)
        mode, channel = self.channel_choice()
        if needs_channel_choice(scene, preset):
            channels = (
                list(scene.input_channels_of_kernel(kernel)) if scene.groups_fit else []
            )
            labels = [f"channel {ch + 1}" for ch in channels] or [
                f"channel {c + 1}" for c in range(scene.kernel_shape[2])
            ]
            if self.ask_channel_action.isChecked():
                target = scene.kernels[kernel].name if len(preset.kernels) == 1 else "each kernel"
                answer = ask_channel_mode(
                    self, preset.name or "The preset", target, labels, mode, min(channel, len(labels) - 1)
                )
                if answer is None:
                    return False
                mode, channel = answer
                self.settings.setValue(CHANNEL_MODE_KEY, mode)
                if mode == "one":
                    self.settings.setValue(CHANNEL_KEY, channel)
            channel = min(channel, len(labels) - 1)
        self._applying = True
        try:
            applied = self.document.apply_kernel_preset(preset, kernel, mode, channel)
        finally:
            self._applying = False
        if applied:
            self.statusMessage.emit(self.document.undo_stack.undoText() or f"Applied {preset.name}")
        return applied

    def _apply_sample(self, recipe: SampleRecipe) -> bool:
        try:
            scene = build_sample_scene(recipe)
        except ImportError:
            self.show_message(
                translate("PresetsPanel", "Samples need the image importer, which this copy of convviz doesn't have yet."), error=True
            )
            return False
        except (ValueError, OSError) as exc:
            self.show_message(translate("PresetsPanel", "Can't load “{name}”: {error}").format(name=recipe.name, error=exc), error=True)
            return False
        if not self.open_scene(scene, f"Load {recipe.name}"):
            return False
        self.statusMessage.emit(translate("PresetsPanel", "Loaded {name}").format(name=recipe.name))
        return True

    # -- the user's presets -------------------------------------------------------
    def save_kernel_as_preset(self) -> Path | None:
        scene = self.document.scene
        kernel = min(self.kernel_panel.selected_kernel, len(scene.kernels) - 1)
        details = ask_preset_details(self, scene.kernels[kernel].name, len(scene.kernels))
        if details is None:
            return None
        preset = user_presets.kernel_preset_of(
            scene, None if details.all_kernels else kernel, details.name, details.description
        )
        try:
            path = user_presets.save_preset(self.folder, preset)
        except SceneFileError as exc:
            self.show_message(translate("PresetsPanel", "Can't save the preset: {error}").format(error=exc), error=True)
            return None
        self._forget_deleted()
        self.refresh()
        self.select(path.stem, "My presets")
        self.show_message(translate("PresetsPanel", "Saved “{name}” as {file}").format(name=preset.name, file=path.name))
        return path

    def rename_current(self) -> Path | None:
        listed = self.current()
        if listed is None or not listed.is_user or listed.kind == "broken":
            return None
        name = ask_new_name(self, listed.entry.name)
        if name is None or name == listed.entry.name:
            return None
        try:
            path = user_presets.rename_preset(listed.entry.path, name)
        except SceneFileError as exc:
            self.show_message(translate("PresetsPanel", "Can't rename: {error}").format(error=exc), error=True)
            return None
        self.refresh()
        self.select(path.stem, "My presets")
        self.show_message(translate("PresetsPanel", "Renamed to “{name}”").format(name=name))
        return path

    def delete_current(self) -> bool:
        listed = self.current()
        if listed is None or not listed.is_user:
            return False
        try:
            data = user_presets.delete_preset(listed.entry.path)
        except SceneFileError as exc:
            self.show_message(translate("PresetsPanel", "Can't delete: {error}").format(error=exc), error=True)
            return False
        self._deleted = (listed.entry.path, data, listed.entry.name)
        self.undo_delete_label.setText(translate("PresetsPanel", "Deleted “{name}”.").format(name=listed.entry.name))
        self.undo_delete_bar.show()
        self.show_message("")
        self.statusMessage.emit(translate("PresetsPanel", "Deleted {file}").format(file=listed.entry.path.name))
        self.refresh()
        return True

    def undo_delete(self) -> Path | None:
        if self._deleted is None:
            return None
        path, data, name = self._deleted
        try:
            restored = user_presets.restore_preset(path, data)
        except SceneFileError as exc:
            self.show_message(translate("PresetsPanel", "Can't restore “{name}”: {error}").format(name=name, error=exc), error=True)
            return None
        self._forget_deleted()
        self.refresh()
        self.select(restored.stem, "My presets")
        self.show_message(translate("PresetsPanel", "Restored “{name}”").format(name=name))
        return restored

    def _forget_deleted(self) -> None:
        self._deleted = None
        self.undo_delete_bar.hide()
        self._update_actions()

    def reveal_folder(self) -> bool:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.show_message(translate("PresetsPanel", "Can't create {folder}: {reason}").format(folder=self.folder, reason=exc.strerror or exc), error=True)
            return False
        if not open_folder(self.folder):
            self.show_message(translate("PresetsPanel", "Couldn't open a file manager; the presets are in {folder}").format(folder=self.folder), error=True)
            return False
        return True

    def _show_context_menu(self, pos: QPoint) -> None:
        item = self.tree.itemAt(pos)
        if item is None or item.data(0, ENTRY_ROLE) is None:
            return
        self.tree.setCurrentItem(item)
        menu = QMenu(self)
        apply = menu.addAction(self.apply_button.toolTip() or translate("PresetsPanel", "Apply"), self.apply_current)
        apply.setEnabled(self.apply_button.isEnabled())
        menu.addSeparator()
        menu.addActions([self.rename_action, self.delete_action])
        menu.addSeparator()
        menu.addAction(self.reveal_action)
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    # -- look -----------------------------------------------------------------------
    def set_theme(self, theme: th.Theme) -> None:
        self.theme = theme
        t = theme
        self.tree.setStyleSheet(
            f"QTreeWidget#presetList {{ background: {t.background}; border: 1px solid {t.grid_line}; "
            "border-radius: 4px; }"
        )
        self.undo_delete_bar.setStyleSheet(
            f"QFrame#undoDeleteBar {{ background: {t.panel}; border: 1px solid {t.grid_line}; border-radius: 4px; }}"
        )
        self.tree.viewport().update()
        if self.message.isVisible():
            self.show_message(self.message.text(), bool(self.message.property("error")))

    def sizeHint(self) -> QSize:
        return QSize(DOCK_WIDTH, 480)


# -- the dock -------------------------------------------------------------------


class _DockFollower(QObject):
    """Keeps the panel's colours with the window's theme, and refits the
    grids when the dock takes or gives back width."""

    def __init__(self, window: QMainWindow, panel: PresetsPanel) -> None:
        super().__init__(panel)
        self.window, self.panel = window, panel
        self._fit = QTimer(self, singleShot=True, interval=0)
        self._fit.timeout.connect(self._refit)
        window.installEventFilter(self)
        window.centralWidget().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.StyleChange:
            theme = getattr(self.window, "theme", None)
            if isinstance(theme, th.Theme) and theme is not self.panel.theme:
                self.panel.set_theme(theme)
        elif watched is not self.window and event.type() == QEvent.Type.Resize:
            self._fit.start()
        return False

    def _refit(self) -> None:
        if getattr(self.window, "auto_fit", False) and hasattr(self.window, "fit_cells"):
            self.window.fit_cells()


def install_presets_dock(window: QMainWindow) -> QDockWidget:
    """Add the Presets dock (left, about 240 px wide), View → Presets
    (:data:`PRESETS_SHORTCUT`) and Edit → Save Kernel as Preset… to ``window``."""
    panel = PresetsPanel(window.document, window.kernel_panel, app_data_dir() / "presets", window.settings)  # type: ignore[attr-defined]
    panel.set_theme(getattr(window, "theme", th.LIGHT))
    panel.open_scene = window.files.open_scene

    dock = QDockWidget(translate("PresetsPanel", "Presets"), window)
    dock.setObjectName("presetsDock")
    dock.setWidget(panel)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetClosable
        | QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetFloatable
    )
    dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    dock.show()  # a child added to a window already shown stays hidden otherwise
    window.resizeDocks([dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)

    toggle = dock.toggleViewAction()
    toggle.setText(translate("PresetsPanel", "&Presets"))
    toggle.setShortcut(QKeySequence(PRESETS_SHORTCUT))
    toggle.setStatusTip(translate("PresetsPanel", "Show or hide the Presets panel"))
    window.addAction(toggle)  # the shortcut works with the menu bar hidden
    view = window.menu(MenuId.VIEW)  # type: ignore[attr-defined]
    view.addSeparator()
    view.addAction(toggle)

    save = QAction(translate("PresetsPanel", "Save Kernel as &Preset…"), window)
    save.setStatusTip(translate("PresetsPanel", "Save the selected kernel (or all kernels) with its bias as a preset of your own"))
    save.triggered.connect(lambda _checked=False: panel.save_kernel_as_preset())
    window.addAction(save)
    edit = window.menu(MenuId.EDIT)  # type: ignore[attr-defined]
    edit.addSeparator()
    edit.addAction(save)
    panel.save_preset_action = save

    status = window.statusBar()
    panel.statusMessage.connect(lambda text: status.showMessage(text, 6000))
    _DockFollower(window, panel)
    return dock
