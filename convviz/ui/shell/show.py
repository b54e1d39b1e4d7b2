"""``convviz.show``: the window on a scene, or on a library user's own arrays.

In a script it blocks until the window is closed and returns the scene as
the user left it. Where a Qt event loop already runs (IPython after
``%gui qt``, or called from inside a Qt application) it returns the window
at once and the loop keeps it alive.
"""

from __future__ import annotations

import sys
from typing import Any

from convviz.core.array_scene import scene_from_arrays
from convviz.core.scene import Scene

__all__ = ["event_loop_running", "show"]

# Windows shown without blocking: kept here until they are closed, so the
# caller needn't hold a reference for the window to stay open.
_OPEN_WINDOWS: set[Any] = set()


def event_loop_running() -> bool:
    """True inside a running Qt event loop, or in IPython with its Qt loop integration on."""
    from PySide6.QtCore import QCoreApplication, QThread

    if QCoreApplication.instance() is not None and QThread.currentThread().loopLevel() > 0:
        return True
    ipython = sys.modules.get("IPython")
    get_ipython = getattr(ipython, "get_ipython", None)
    shell = get_ipython() if get_ipython is not None else None
    loop = str(getattr(shell, "active_eventloop", None) or "")
    return loop.startswith("qt")


def show(
    scene_or_x: object,
    kernels: object = None,
    bias: object = None,
    *,
    layout: str = "seed",
    block: bool | None = None,
    **params: Any,
) -> Any:
    """Open the window on ``scene_or_x`` (a :class:`Scene`) or on arrays.

    ``show(x, kernels, bias=None, layout="seed"|"torch", stride=..., padding=...,
    dilation=..., groups=..., padding_mode=..., op=..., output_padding=...)``:
    see :func:`convviz.core.array_scene.scene_from_arrays` for the layouts.
    Bad shapes raise :class:`convviz.ConvError` (a ``ValueError``) before any
    window opens. ``block`` None decides by whether an event loop runs.
    Returns the scene as it was when the window closed (blocking), or the
    window (not blocking).
    """
    if isinstance(scene_or_x, Scene):
        if kernels is not None or bias is not None or params:
            raise TypeError("show(scene) takes no kernels, bias or parameters; they are the scene's")
        scene = scene_or_x
    else:
        if kernels is None:
            raise TypeError("show(x, kernels, bias=None, **params): kernels are missing")
        scene = scene_from_arrays(scene_or_x, kernels, bias, layout=layout, **params)
    from convviz.ui.shell.platform_check import gui_start_problem

    problem = gui_start_problem()
    if problem is not None:
        raise RuntimeError(problem)
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtWidgets import QApplication

    from convviz.ui.base.runtime import make_app
    from convviz.ui.shell.main_window import MainWindow

    make_app()
    window = MainWindow(scene)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    last = {"scene": scene}
    window.document.sceneChanged.connect(lambda *_: last.update(scene=window.document.scene))
    _OPEN_WINDOWS.add(window)
    window.destroyed.connect(lambda *_: _OPEN_WINDOWS.discard(window))
    window.show()
    window.raise_()
    if block is None:
        block = not event_loop_running()
    if not block:
        return window
    # Closing the last window must end only this loop: Qt's own quit would
    # also mark the thread as quitting, and the next show() would return at once.
    app = QApplication.instance()
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    try:
        loop = QEventLoop()
        window.destroyed.connect(loop.quit)
        loop.exec()
    finally:
        app.setQuitOnLastWindowClosed(quit_on_close)
    return last["scene"]
