"""Scene → Properties…: the scene's title and description, edited as one undo step.

The description travels with the file and is what a lesson's reader sees
first, so after editing the numbers it should be brought up to date too.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from convviz.ui.document.document import SceneDocument

__all__ = ["ScenePropertiesDialog"]

translate = QCoreApplication.translate


class ScenePropertiesDialog(QDialog):
    """Opened with :meth:`open` (window-modal); OK applies the change."""

    def __init__(self, document: SceneDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scenePropertiesDialog")
        self.setWindowTitle(translate("ScenePropertiesDialog", "Scene properties"))
        self.document = document
        scene = document.scene
        self.title_edit = QLineEdit(scene.name)
        self.title_edit.setPlaceholderText(translate("ScenePropertiesDialog", "untitled"))
        self.title_edit.setToolTip(translate("ScenePropertiesDialog", "The scene's title: shown in the window title and saved in the file"))
        self.description_edit = QPlainTextEdit(scene.description)
        self.description_edit.setToolTip(translate("ScenePropertiesDialog", "What the scene shows, and which values come from where"))
        self.description_edit.setTabChangesFocus(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(translate("ScenePropertiesDialog", "&Title"), self.title_edit)
        form.addRow(translate("ScenePropertiesDialog", "&Description"), self.description_edit)
        form.addRow(buttons)
        self.resize(460, 260)
        self.accepted.connect(self._apply)

    def _apply(self) -> None:
        self.document.set_properties(self.title_edit.text().strip(), self.description_edit.toPlainText().strip())
