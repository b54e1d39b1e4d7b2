"""The Presets panel's questions to the user, and its hands on the outside world.

Module-level functions, so tests can replace them (``monkeypatch`` on
:mod:`convviz.ui.presets.presets_panel`, which calls them by name).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QUrl,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from convviz.core.samples import SampleRecipe, sample_scene
from convviz.core.scene import Scene
from convviz.ui.panels.widgets import caption, hbox

__all__ = [
    "PresetDetails",
    "ask_channel_mode",
    "ask_new_name",
    "ask_preset_details",
    "build_sample_scene",
    "open_folder",
]

translate = QCoreApplication.translate


# -- dialogs and the outside world (replaceable in tests) ---------------------


def ask_channel_mode(
    parent: QWidget, preset_name: str, target: str, channel_labels: list[str], mode: str, channel: int
) -> tuple[str, int] | None:
    """How to spread a 1-channel preset over ``len(channel_labels)`` channels:
    ``("every", 0)``, ``("one", channel)``, or None if cancelled. ``mode``
    and ``channel`` are preselected (the last answer)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("PresetDialogs", "Fill the kernel's channels"))
    text = QLabel(
        translate("PresetDialogs", "“{preset}” has fewer channels than {target} needs ({count}). Where should its weights go?").format(preset=preset_name, target=target, count=len(channel_labels))
    )
    text.setWordWrap(True)
    every = QRadioButton(translate("PresetDialogs", "The same weights on every channel"))
    one = QRadioButton(translate("PresetDialogs", "Only on"))
    which = QComboBox()
    which.addItems(channel_labels)
    which.setCurrentIndex(min(max(channel, 0), len(channel_labels) - 1))
    note = QLabel(translate("PresetDialogs", "(the others get zeros)"))
    group = QButtonGroup(dialog)
    group.addButton(every)
    group.addButton(one)
    (one if mode == "one" else every).setChecked(True)
    which.currentIndexChanged.connect(lambda _i: one.setChecked(True))
    hint = caption(translate("PresetDialogs", "You can stop this question in the Presets panel's ⋯ menu."))
    hint.setWordWrap(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(every)
    row = hbox(one, which, note)
    row.addStretch(1)
    layout.addLayout(row)
    layout.addWidget(hint)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return ("one", which.currentIndex()) if one.isChecked() else ("every", 0)


@dataclass(frozen=True)
class PresetDetails:
    name: str
    description: str
    all_kernels: bool


def ask_preset_details(parent: QWidget, kernel_name: str, kernel_count: int) -> PresetDetails | None:
    """Name, description and which kernels for "Save kernel as preset…"."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("PresetDialogs", "Save kernel as preset"))
    name = QLineEdit(kernel_name)
    name.selectAll()
    description = QPlainTextEdit()
    description.setPlaceholderText(translate("PresetDialogs", "What it does, for whoever applies it"))
    description.setFixedHeight(70)
    selected = QRadioButton(translate("PresetDialogs", "Only the selected kernel, {kernel}").format(kernel=kernel_name))
    every = QRadioButton(translate("PresetDialogs", "All {count} kernels").format(count=kernel_count))
    every.setEnabled(kernel_count > 1)
    selected.setChecked(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    name.textChanged.connect(lambda text: save.setEnabled(bool(text.strip())))
    layout = QVBoxLayout(dialog)
    for widget in (QLabel(translate("PresetDialogs", "Name")), name, QLabel(translate("PresetDialogs", "Description")), description, selected, every, buttons):
        layout.addWidget(widget)
    if dialog.exec() != QDialog.DialogCode.Accepted or not name.text().strip():
        return None
    return PresetDetails(name.text().strip(), description.toPlainText().strip(), every.isChecked())


def ask_new_name(parent: QWidget, name: str) -> str | None:
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getText(parent, translate("PresetDialogs", "Rename preset"), translate("PresetDialogs", "New name:"), QLineEdit.EchoMode.Normal, name)
    return text.strip() if ok and text.strip() else None


def open_folder(folder: Path) -> bool:
    """Show ``folder`` in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def build_sample_scene(recipe: SampleRecipe) -> Scene:
    """The recipe's picture as a scene, with its kernels. Raises ImportError
    when the image importer is missing, ValueError/OSError when the picture
    can't be read."""
    from convviz.ui.imaging.image_import import load_image_scene

    image = load_image_scene(recipe.image, channels=recipe.channels, scale=recipe.scale, max_side=recipe.max_side)
    return sample_scene(recipe, image)
