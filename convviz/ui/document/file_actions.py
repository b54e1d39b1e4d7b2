"""Scenes as documents: New, Open…, Save, Save As…, Open Recent, dropping
files on the window, and the unsaved-changes question.

Opening or starting a scene begins a fresh undo history, after asking
Save / Discard / Cancel if the current one has unsaved changes. A file that
can't be read is reported in a dialog with the loader's message (file and
JSON path), and the current scene stays as it was. Saving is atomic.

The dialogs are module-level functions so tests can replace them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from convviz.core import edits, images, scenefile
from convviz.core.errors import ConvError, SceneFileError
from convviz.core.scene import Kernel, KernelPreset, Scene
from convviz.ui.base.runtime import Settings
from convviz.ui.document.document import SceneDocument

__all__ = ["MAX_RECENT", "DocumentFiles", "blank_scene"]

translate = QCoreApplication.translate

MAX_RECENT = 10
SCENE_FILTER = QT_TRANSLATE_NOOP("DocumentFiles", "convviz scenes (*.json);;All files (*)")
IMAGE_SUFFIXES = frozenset(images.IMAGE_SUFFIXES)  # what the image importer opens


def blank_scene() -> Scene:
    """File → New: a 5×5 single-channel input and one 3×3 kernel, all zero."""
    return Scene(np.zeros((5, 5, 1)), (Kernel("W0", np.zeros((3, 3, 1)), 0.0),), name="untitled")


# -- dialogs (replaceable in tests) ---------------------------------------------


def ask_save_changes(parent: QWidget, name: str) -> str:
    """``"save"``, ``"discard"`` or ``"cancel"``."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("DocumentFiles", "Unsaved changes"))
    box.setText(translate("DocumentFiles", "“{name}” has changes that are not saved.").format(name=name))
    box.setInformativeText(translate("DocumentFiles", "Save them before going on?"))
    box.setStandardButtons(
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    return {
        QMessageBox.StandardButton.Save: "save",
        QMessageBox.StandardButton.Discard: "discard",
    }.get(QMessageBox.StandardButton(answer), "cancel")


def ask_open_path(parent: QWidget, folder: str) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, translate("DocumentFiles", "Open scene"), folder, translate("DocumentFiles", SCENE_FILTER))
    return path


def ask_save_path(parent: QWidget, suggestion: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, translate("DocumentFiles", "Save scene as"), suggestion, translate("DocumentFiles", SCENE_FILTER))
    if path and not Path(path).suffix:
        path += ".json"
    return path


def show_error(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.critical(parent, title, message)


class DocumentFiles(QObject):
    """Owns the document's file: its path, clean state and recent files."""

    pathChanged = Signal(object)  # Path or None
    recentChanged = Signal()

    def __init__(self, window: QWidget, document: SceneDocument, settings: Settings) -> None:
        super().__init__(window)
        self.window, self.document = window, document
        self.settings = settings
        self.path: Path | None = None
        stored = settings.value("files/recent", [])
        self._recent: list[str] = [str(p) for p in (stored if isinstance(stored, list) else [stored]) if p][:MAX_RECENT]
        # Images open through whoever knows how (the image importer);
        # set by the window. Takes a path, returns True when opened.
        self.open_image: Callable[[Path], bool] | None = None

    # -- state ---------------------------------------------------------------
    def is_modified(self) -> bool:
        return not self.document.undo_stack.isClean()

    def display_name(self) -> str:
        if self.path is not None:
            return self.path.name
        return self.document.scene.name or "untitled"

    def recent_files(self) -> list[str]:
        return list(self._recent)

    def _remember(self, path: Path) -> None:
        text = str(path.resolve())
        self._recent = [text] + [p for p in self._recent if p != text]
        del self._recent[MAX_RECENT:]
        self.settings.setValue("files/recent", self._recent)
        self.recentChanged.emit()

    def _set_path(self, path: Path | None) -> None:
        self.path = path
        self.pathChanged.emit(path)

    # -- the questions -------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask about unsaved changes; True if it is fine to go on."""
        if not self.is_modified():
            return True
        answer = ask_save_changes(self.window, self.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    # -- commands ------------------------------------------------------------
    def new(self) -> bool:
        if not self.maybe_save():
            return False
        self.document.reset(blank_scene())
        self._set_path(None)
        return True

    def open(self, path: str | Path | None = None) -> bool:
        """Open a scene file (asking for one if ``path`` is None)."""
        if path is None:
            if not self.maybe_save():
                return False
            folder = str(self.path.parent) if self.path else ""
            chosen = ask_open_path(self.window, folder)
            if not chosen:
                return False
            return self._open_path(Path(chosen))
        if not self.maybe_save():
            return False
        return self._open_path(Path(path))

    def _open_path(self, path: Path) -> bool:
        if not path.exists():
            show_error(self.window, translate("DocumentFiles", "Can't open scene"), translate("DocumentFiles", "{path}: no such file.").format(path=path) + "\n\n" + translate("DocumentFiles", "The current scene stays as it was."))
            if str(path.resolve()) in self._recent:
                self._recent.remove(str(path.resolve()))
                self.recentChanged.emit()
            return False
        if path.suffix.lower() in IMAGE_SUFFIXES:
            return bool(self.open_image and self.open_image(path))
        try:
            item = scenefile.load(path)
        except SceneFileError as exc:
            show_error(self.window, translate("DocumentFiles", "Can't open scene"), f"{exc}\n\n" + translate("DocumentFiles", "The current scene stays as it was."))
            return False
        if isinstance(item, Scene):
            try:  # values whose maps overflow can't be shown; say where
                edits.check_results_finite(item)
            except ConvError as exc:
                show_error(self.window, translate("DocumentFiles", "Can't open scene"), f"{path}: {exc}\n\n" + translate("DocumentFiles", "The current scene stays as it was."))
                return False
        if isinstance(item, KernelPreset):
            show_error(
                self.window,
                translate("DocumentFiles", "This is a kernel preset"),
                translate("DocumentFiles", "{file} holds kernels but no input, so it is a kernel preset, not a scene. Apply it to a kernel from the Presets panel.").format(file=path.name),
            )
            return False
        self.document.reset(item)
        self._set_path(path)
        self._remember(path)
        return True

    def open_scene(self, scene: Scene, text: str) -> bool:
        """A built-in scene or sample, opened as a file is: unsaved changes
        are asked about first, and it starts unmodified and without a file.
        It is still one undo step, so the scene before it can come back."""
        if not self.maybe_save():
            return False
        self.document.load_scene(scene, text)
        self.document.undo_stack.setClean()
        self._set_path(None)  # also refreshes the title
        return True

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self) -> bool:
        suggestion = str(self.path) if self.path else f"{self.document.scene.name or 'untitled'}.json"
        chosen = ask_save_path(self.window, suggestion)
        if not chosen:
            return False
        return self._write(Path(chosen))

    def _write(self, path: Path) -> bool:
        scene = self.document.scene
        if not scene.name or scene.name == "untitled" or self.path != path:
            # The scene's name follows the file it is saved as.
            scene = scene.renamed(path.stem if not scene.name or scene.name == "untitled" else scene.name)
        try:
            scenefile.save(path, scene)
        except SceneFileError as exc:
            show_error(self.window, translate("DocumentFiles", "Can't save scene"), f"{exc}\n\n" + translate("DocumentFiles", "Nothing was changed on disk."))
            return False
        self.document.undo_stack.setClean()
        self._set_path(path)
        self._remember(path)
        return True

    def open_dropped(self, path: Path) -> bool:
        return self.open(path)

    # -- menus ---------------------------------------------------------------
    def install(self, file_menu: QMenu, add_action: Callable[[QAction], None]) -> None:
        """Put the file commands at the top of ``file_menu``."""

        def action(text: str, slot: Callable[[], object], shortcut: object) -> QAction:
            a = QAction(text, self.window)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
            a.triggered.connect(lambda _checked=False: slot())
            add_action(a)
            return a

        self.new_action = action(translate("DocumentFiles", "&New"), self.new, QKeySequence.StandardKey.New)
        self.open_action = action(translate("DocumentFiles", "&Open…"), lambda: self.open(None), QKeySequence.StandardKey.Open)
        self.recent_menu = QMenu(translate("DocumentFiles", "Open &Recent"), self.window)
        self.save_action = action(translate("DocumentFiles", "&Save"), self.save, QKeySequence.StandardKey.Save)
        self.save_as_action = action(translate("DocumentFiles", "Save &As…"), self.save_as, QKeySequence.StandardKey.SaveAs)
        first = file_menu.actions()[0] if file_menu.actions() else None
        for a in (self.new_action, self.open_action):
            file_menu.insertAction(first, a)
        file_menu.insertMenu(first, self.recent_menu)
        file_menu.insertSeparator(first)
        for a in (self.save_action, self.save_as_action):
            file_menu.insertAction(first, a)
        file_menu.insertSeparator(first)
        self.recentChanged.connect(self._fill_recent)
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for n, text in enumerate(self._recent, start=1):
            a = self.recent_menu.addAction(f"&{n % 10} {Path(text).name}")
            a.setToolTip(text)
            a.setStatusTip(text)
            a.triggered.connect(lambda _checked=False, p=text: self.open(Path(p)))
        if self._recent:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(translate("DocumentFiles", "Clear list"), self._clear_recent)
        self.recent_menu.setEnabled(bool(self._recent))

    def _clear_recent(self) -> None:
        self._recent = []
        self.settings.setValue("files/recent", [])
        self.recentChanged.emit()
