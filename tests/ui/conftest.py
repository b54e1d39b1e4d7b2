"""Fixtures for window tests: an isolated app data folder and a main window."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def convviz_home(tmp_path, monkeypatch):
    """Every test gets its own CONVVIZ_HOME: presets, settings, autosaves."""
    home = tmp_path / "convviz-home"
    home.mkdir()
    monkeypatch.setenv("CONVVIZ_HOME", str(home))
    return home


@pytest.fixture
def make_window(qtbot):
    """A factory for main windows on a built-in scene, shown offscreen."""
    from convviz.core.catalogue import resolve_scene
    from convviz.ui.main_window import MainWindow

    def make(scene_name: str = "seed-3.4", size: tuple[int, int] = (1280, 720)) -> MainWindow:
        window = MainWindow(resolve_scene(scene_name), use_settings=False)
        # Closing at teardown must not stop at the unsaved-changes question;
        # tests that are about that question ask it themselves.
        qtbot.addWidget(window, before_close_func=lambda w: w.document.undo_stack.setClean())
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.fit_cells()
        return window

    return make
