"""Starting the application: the QApplication, fonts, settings and the window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from convviz.ui.base.runtime import app_data_dir, make_app

__all__ = ["app_data_dir", "make_app", "run"]  # the services are runtime's; re-exported for scripts

DEFAULT_SCENE = "seed-3.4"


def run(scene_argument: str | None = None) -> int:
    """Open the window (on seed-3.4, or on ``scene_argument``) and run.

    Where the window can't open (no display, or Qt's X11 libraries missing),
    says why on stderr and returns 1 instead of letting Qt abort.
    """
    from convviz.ui.shell.platform_check import gui_start_problem

    problem = gui_start_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    app = make_app()
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from convviz.core.catalogue import resolve_scene
    from convviz.core.errors import SceneFileError
    from convviz.ui.document import recovery
    from convviz.ui.shell.main_window import MainWindow

    from convviz.ui.base.i18n import chosen_language, use_language
    from convviz.ui.base.runtime import Settings

    use_language(chosen_language(Settings.of_user()))
    home = app_data_dir()
    window = MainWindow(resolve_scene(DEFAULT_SCENE), home=home)
    recovery.install_excepthook(home, lambda: window, lambda: window.autosaver)
    from convviz.ui.shell.signals import install_stop_on_signals

    install_stop_on_signals(window, app.exit)
    if os.environ.get("CONVVIZ_EXIT_AFTER_FIRST_PAINT") == "1":
        _exit_after_first_paint(app, window)
    smoke_screenshot = os.environ.get("CONVVIZ_SMOKE_TEST")
    if smoke_screenshot:  # CI's check on a real X server (tools/xvfb_smoke.py)
        from convviz.ui.shell.smoke import run_smoke_test

        run_smoke_test(app, window, Path(smoke_screenshot))
    window.show()
    if offer_autosaves(window, home):
        return app.exec()
    if scene_argument:
        try:
            window.open_argument(scene_argument)
        except SceneFileError as exc:
            translate = QCoreApplication.translate
            QMessageBox.critical(window, translate("App", "Can't open scene"), f"{exc}\n\n" + translate("App", "The default scene stays open."))
    return app.exec()


def offer_autosaves(window, home: Path) -> bool:
    """Offer each autosave that crashed sessions left, newest first; True
    once one is restored (the others stay for the next start)."""
    from convviz.ui.document import recovery

    orphans = recovery.find_orphaned_autosaves(home)
    for number, orphan in enumerate(orphans, start=1):
        if recovery.ask_restore(window, orphan.scene, orphan.origin, number, len(orphans)):
            window.restore_autosave(orphan.scene, orphan.origin)
            # Into our own slot before the old one goes: a crash now loses nothing.
            if window.autosaver is not None and window.autosaver.save_now():
                orphan.discard()
            else:
                orphan.release()
            for later in orphans[number:]:
                later.release()
            return True
        orphan.discard()
    return False


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
