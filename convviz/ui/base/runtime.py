"""The application's services, for every module below the entry point:
the QApplication, the user's data folder and the user's settings.

A leaf module: it imports nothing else of convviz's UI, so the window,
the renderer and the panels can use it without importing the entry module
(which imports them all, and would close an import cycle).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from convviz.core.appdata import app_data_dir

__all__ = ["Settings", "app_data_dir", "make_app"]


def make_app(offscreen: bool = False):  # noqa: ANN201 - QApplication
    """The application object, created once with convviz's name, fonts and style."""
    if offscreen and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from convviz.core.language import current_language
    from convviz.ui.base import theme
    from convviz.ui.base.i18n import install_translators

    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("convviz")
        QCoreApplication.setApplicationName("convviz")
        home = os.environ.get("CONVVIZ_HOME")
        if home:
            # Tests and portable set-ups keep settings beside their data.
            QSettings.setDefaultFormat(QSettings.Format.IniFormat)
            QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(home) / "settings"))
        app = QApplication(sys.argv[:1])
        app.setStyle("Fusion")
        if app.platformName() == "offscreen":
            _quiet_offscreen_warnings()
    family = theme.load_fonts()
    # The language the command line or the settings chose (English unless told).
    install_translators(current_language())
    font = app.font()
    font.setFamily(family)
    font.setFamilies([family, theme.CJK_FONT_FAMILY])
    app.setFont(font)
    return app


def _quiet_offscreen_warnings() -> None:
    """Drop the offscreen platform's notes about window features it lacks
    ("This plugin does not support propagateSizeHints()", raise(), grabbing
    the keyboard): ``convviz render`` would print them before its own output,
    and they tell a user nothing. Every other message is printed as before."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_mode, context, message: str) -> None:
        if message.startswith("This plugin does not support"):
            return
        category = context.category if context is not None else ""
        prefix = f"{category}: " if category and category != "default" else ""
        sys.stderr.write(f"{prefix}{message}\n")

    qInstallMessageHandler(handler)


class Settings:
    """Where the window keeps what the user chose: zoom and window place,
    recent files, export, presentation and preset answers.

    :meth:`of_user` is the user's own (``QSettings``: it outlives the
    window); ``Settings()`` keeps values in memory only, for a window made
    for a render or a test, which must neither read nor change the user's.
    One object is made per window and handed to every part that needs it,
    so nothing decides this on its own.
    """

    def __init__(self, store: object | None = None) -> None:
        self._store = store  # a QSettings, or None for memory
        self._memory: dict[str, object] = {}

    @classmethod
    def of_user(cls) -> Settings:
        from PySide6.QtCore import QSettings

        return cls(QSettings())

    @property
    def persistent(self) -> bool:
        return self._store is not None

    def value(self, key: str, default: object = None, type: type | None = None) -> object:  # noqa: A002 - QSettings' name
        if self._store is not None:
            if type is None:
                return self._store.value(key, default)  # type: ignore[attr-defined]
            return self._store.value(key, default, type=type)  # type: ignore[attr-defined]
        found = self._memory.get(key, default)
        return type(found) if type is not None and found is not None else found

    def setValue(self, key: str, value: object) -> None:  # noqa: N802 - QSettings' name, so either can be handed over
        if self._store is not None:
            self._store.setValue(key, value)  # type: ignore[attr-defined]
        else:
            self._memory[key] = value
