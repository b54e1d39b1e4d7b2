"""``convviz.show``: the window on a library user's arrays, blocking in a
script and returning at once inside a running Qt event loop."""

from __future__ import annotations

import sys

import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import convviz
from convviz.ui.base.runtime import Settings
from convviz.ui.shell import show as show_module
from convviz.ui.shell.main_window import MainWindow

X = np.arange(30.0).reshape(5, 6)  # one grey channel
KERNELS = np.array([[[[1.0, 0.0], [0.0, -1.0]]], [[[0.5, 0.5], [0.5, 0.5]]]])  # torch [K=2, C=1, 2, 2]


@pytest.fixture(autouse=True)
def memory_settings(monkeypatch):
    """The windows show() opens keep their settings in memory, not the user's."""
    monkeypatch.setattr(Settings, "of_user", classmethod(lambda cls: cls()))


def _convviz_windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def test_inside_a_running_event_loop_show_returns_the_window_at_once(qtbot):
    shown = []
    # Called from the event loop, as a notebook with %gui qt calls it.
    QTimer.singleShot(0, lambda: shown.append(convviz.show(X, KERNELS, [1.0, -1.0], layout="torch", stride=(1, 2))))
    qtbot.waitUntil(lambda: bool(shown))
    window = shown[0]
    assert isinstance(window, MainWindow) and window.isVisible()
    scene = window.document.scene
    assert scene.input_shape == (5, 6, 1) and scene.kernel_shape == (2, 2, 1, 2)
    assert scene.params.stride == (1, 2) and scene.biases.tolist() == [1.0, -1.0]
    np.testing.assert_array_equal(
        scene.feature_maps()[..., 0],
        convviz.conv2d(X[:, :, None], KERNELS.transpose(2, 3, 1, 0), [1.0, -1.0], stride=(1, 2))[..., 0],
    )
    window.close()  # and it is deleted: show() keeps no window that was closed
    qtbot.waitUntil(lambda: not show_module._OPEN_WINDOWS)


def test_in_a_script_show_blocks_until_the_window_closes_and_returns_the_scene(qtbot):
    closed = []
    # Only the windows show() opens: another test on this worker may have
    # left one of its own shown.
    before = set(map(id, _convviz_windows()))

    def close_the_window() -> None:
        windows = [w for w in _convviz_windows() if id(w) not in before]
        closed.append(len(windows))
        for window in windows:
            window.close()

    for attempt in range(2):  # a second show() in the same script blocks too
        QTimer.singleShot(50, close_the_window)
        scene = convviz.show(convviz.scene_from_arrays(X, KERNELS[0, 0], name=f"try {attempt}"), block=True)
        assert closed == [1] * (attempt + 1)  # returned only after the window was closed
        assert scene.name == f"try {attempt}" and scene.kernel_shape == (2, 2, 1, 1)
    assert [w for w in _convviz_windows() if id(w) not in before] == []


def test_bad_shapes_are_refused_before_any_window_opens(qtbot):
    before = len(_convviz_windows())
    with pytest.raises(ValueError, match="C // groups = 3"):
        convviz.show(np.ones((5, 5, 3)), np.ones((3, 3, 2, 1)))
    with pytest.raises(TypeError, match="kernels are missing"):
        convviz.show(np.ones((5, 5)))
    assert len(_convviz_windows()) == before


def test_ipython_with_its_qt_loop_integration_counts_as_a_running_loop(qtbot, monkeypatch):
    import types

    from convviz.ui.shell.show import event_loop_running

    assert not event_loop_running()  # a test body: no loop runs, no IPython
    shell = types.SimpleNamespace(active_eventloop="qt6")
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: shell))
    assert event_loop_running()
    shell.active_eventloop = None  # IPython without %gui qt: a script-like, blocking show()
    assert not event_loop_running()
