"""Starting the application: the QApplication, fonts, settings and the window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["app_data_dir", "make_app", "run"]

DEFAULT_SCENE = "seed-3.4"


def make_app(offscreen: bool = False):  # noqa: ANN201 - QApplication
    """The application object, created once with convviz's name, fonts and style."""
    if offscreen and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from convviz.ui import theme

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
    font = app.font()
    font.setFamily(family)
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


def app_data_dir() -> Path:
    """The folder for user presets, autosaves and logs.

    ``CONVVIZ_HOME`` overrides it (tests point it at a temporary folder).
    """
    home = os.environ.get("CONVVIZ_HOME")
    if home:
        return Path(home)
    from PySide6.QtCore import QStandardPaths

    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def run(scene_argument: str | None = None) -> int:
    """Open the window (on seed-3.4, or on ``scene_argument``) and run.

    Where the window can't open (no display, or Qt's X11 libraries missing),
    says why on stderr and returns 1 instead of letting Qt abort.
    """
    from convviz.ui.platform_check import gui_start_problem

    problem = gui_start_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    app = make_app()
    from PySide6.QtWidgets import QMessageBox

    from convviz.core.catalogue import resolve_scene
    from convviz.core.errors import SceneFileError
    from convviz.ui import recovery
    from convviz.ui.main_window import MainWindow

    home = app_data_dir()
    window = MainWindow(resolve_scene(DEFAULT_SCENE), home=home)
    recovery.install_excepthook(home, lambda: window, lambda: window.autosaver)
    if os.environ.get("CONVVIZ_EXIT_AFTER_FIRST_PAINT") == "1":
        _exit_after_first_paint(app, window)
    smoke_screenshot = os.environ.get("CONVVIZ_SMOKE_TEST")
    if smoke_screenshot:  # CI's check on a real X server (tools/xvfb_smoke.py)
        from convviz.ui.smoke import run_smoke_test

        run_smoke_test(app, window, Path(smoke_screenshot))
    window.show()
    crashed = recovery.find_crashed_autosave(home)
    if crashed is not None:
        scene, origin = crashed
        if recovery.ask_restore(window, scene, origin):
            window.restore_autosave(scene, origin)
            return app.exec()
        window.autosaver.discard()
    if scene_argument:
        try:
            window.open_argument(scene_argument)
        except SceneFileError as exc:
            QMessageBox.critical(window, "Can't open scene", f"{exc}\n\nThe default scene stays open.")
    return app.exec()


def _exit_after_first_paint(app, window) -> None:
    """For the start-up benchmark (hidden switch): once the window's first
    paint pass has finished, print the wall-clock time and quit."""
    import time

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QWidget

    def done() -> None:
        print(f"convviz-first-paint {time.time():.6f}", flush=True)
        app.exit(0)

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) and watched.window() is window:
                app.removeEventFilter(self)
                QTimer.singleShot(0, done)  # runs after the whole paint pass
            return False

    app._first_paint_watcher = FirstPaint(app)  # kept alive with the app
    app.installEventFilter(app._first_paint_watcher)
