"""Edit → Copy as Code: the open scene as a standalone PyTorch or NumPy script,
on the clipboard.

The script is :func:`convviz.core.codegen.generate_code`'s, the one
``convviz code`` prints: it prints exactly what ``convviz compute`` prints
for the scene. A scene that can't be computed is explained in the status
bar and nothing is copied.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from convviz.core.codegen import generate_code
from convviz.core.errors import ConvError
from convviz.ui.base.menus import MenuId

__all__ = ["LANGUAGE_LABELS", "copy_scene_as_code", "install_code_actions"]

translate = QCoreApplication.translate

# In menu order: what the submenu says for each language of core.codegen.
LANGUAGE_LABELS = {
    "torch": QT_TRANSLATE_NOOP("CodeActions", "&PyTorch (torch.nn.functional)"),
    "numpy": QT_TRANSLATE_NOOP("CodeActions", "&NumPy only"),
}


def copy_scene_as_code(window: QMainWindow, lang: str) -> bool:
    """Put the script for the window's scene on the clipboard; False (and a
    status message saying why) when the scene can't be computed."""
    scene = window.document.scene  # type: ignore[attr-defined]
    path = window.files.path  # type: ignore[attr-defined]
    source = path.name if path is not None else (scene.name or "SCENE")
    try:
        text = generate_code(scene, lang, source=source)
    except ConvError as exc:
        window.show_status(translate("CodeActions", "Nothing copied: the scene can't be computed: {error}").format(error=exc))  # type: ignore[attr-defined]
        return False
    QApplication.clipboard().setText(text)
    done = (translate("CodeActions", "Copied a PyTorch script; it prints what `convviz compute` prints for this scene")
            if lang == "torch" else
            translate("CodeActions", "Copied a NumPy script; it prints what `convviz compute` prints for this scene"))  # fmt: skip
    window.show_status(done)  # type: ignore[attr-defined]
    return True


def install_code_actions(window: QMainWindow) -> QMenu:
    """Edit → Copy as Code ▸ PyTorch / NumPy."""
    edit = window.menu(MenuId.EDIT)  # type: ignore[attr-defined]
    edit.addSeparator()
    menu = edit.addMenu(translate("CodeActions", "Copy as &Code"))
    menu.setObjectName("copyAsCodeMenu")
    menu.setStatusTip(translate("CodeActions", "Copy a standalone script that rebuilds this scene and prints its feature maps"))
    for lang, label in LANGUAGE_LABELS.items():
        action = QAction(translate("CodeActions", label), window)
        action.setObjectName(f"copyAsCode_{lang}")
        action.triggered.connect(lambda _checked=False, lang=lang: copy_scene_as_code(window, lang))
        menu.addAction(action)
    return menu
