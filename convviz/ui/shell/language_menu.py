"""View → Language: English or 简体中文, kept in the user's settings.

Each language is named in itself, so a user who can't read the current one
still finds their own. The choice takes effect at the next start: the window
offers to restart now (closing as usual, so unsaved work is asked about) and
reopens the same scene file.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QProcess
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMessageBox

from convviz.core.language import LANGUAGES, current_language
from convviz.ui.base.i18n import LANGUAGE_KEY
from convviz.ui.base.menus import MenuId

__all__ = ["LanguageMenu", "install_language_menu"]

translate = QCoreApplication.translate


class LanguageMenu:
    """The View → Language submenu of ``window``; one checked action per language."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.menu = window.menu(MenuId.VIEW).addMenu(translate("LanguageMenu", "&Language"))
        self.menu.setObjectName("languageMenu")
        group = QActionGroup(self.menu)
        chosen = window.settings.value(LANGUAGE_KEY, "") or current_language()
        self.actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = QAction(name, group, checkable=True)
            action.setChecked(code == chosen)
            action.setData(code)
            action.triggered.connect(lambda _on=False, c=code: self.choose(c))
            self.menu.addAction(action)
            self.actions[code] = action
        self.notice: QMessageBox | None = None

    def choose(self, code: str) -> None:
        """Keep ``code`` for the next start, and offer to restart now."""
        self.window.settings.setValue(LANGUAGE_KEY, code)
        if code == current_language():
            return
        box = QMessageBox(
            QMessageBox.Icon.Information,
            translate("LanguageMenu", "Language"),
            translate("LanguageMenu", "convviz will speak {language} from the next start.").format(
                language=LANGUAGES[code]
            ),
            parent=self.window,
        )
        box.setObjectName("languageNotice")
        restart = box.addButton(translate("LanguageMenu", "Restart now"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(translate("LanguageMenu", "Later"), QMessageBox.ButtonRole.RejectRole)
        box.finished.connect(lambda _result: box.clickedButton() is restart and self.restart())
        self.notice = box
        box.open()

    def restart(self) -> None:
        """Close the window (asking about unsaved work) and start again on the same file."""
        path = getattr(getattr(self.window, "files", None), "path", None)
        if not self.window.close():
            return
        arguments = ["-m", "convviz", *([str(path)] if path is not None else [])]
        QProcess.startDetached(sys.executable, arguments)


def install_language_menu(window: QMainWindow) -> LanguageMenu:
    return LanguageMenu(window)
