"""Fixtures for window tests: an isolated app data folder and a main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QHelpEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip


@pytest.fixture(autouse=True)
def convviz_home(tmp_path, monkeypatch):
    """Every test gets its own CONVVIZ_HOME: presets, settings, autosaves."""
    home = tmp_path / "convviz-home"
    home.mkdir()
    monkeypatch.setenv("CONVVIZ_HOME", str(home))
    return home


@pytest.fixture
def make_window(qtbot):
    """A factory for main windows on a built-in scene, shown offscreen. The
    windows of one test share one settings store, in memory: what one window
    remembers, the next one finds, and no test sees another's."""
    from convviz.core.catalogue import resolve_scene
    from convviz.ui.base.runtime import Settings
    from convviz.ui.shell.main_window import MainWindow

    settings = Settings()

    def make(scene_name: str = "seed-3.4", size: tuple[int, int] = (1280, 720)) -> MainWindow:
        window = MainWindow(resolve_scene(scene_name), settings=settings)
        # Closing at teardown must not stop at the unsaved-changes question;
        # tests that are about that question ask it themselves.
        qtbot.addWidget(window, before_close_func=lambda w: w.document.undo_stack.setClean())
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.fit_cells()
        return window

    return make


class User:
    """Drives a window as a person would: the mouse on cells and buttons, keys
    to whichever widget has the keyboard focus (so shortcuts and editors see
    them exactly as they would see a real keyboard)."""

    def __init__(self, qtbot, window) -> None:
        self.qtbot, self.window = qtbot, window
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)

    def focused(self):
        return QApplication.focusWidget() or self.window

    # -- mouse ---------------------------------------------------------------
    def click_cell(self, view, row: int, col: int, modifiers=None) -> None:
        """Click real cell (row, col) of a grid (padding is outside it)."""
        self.click_padded(view, row + view.padding.top, col + view.padding.left, modifiers)

    def click_padded(self, view, prow: int, pcol: int, modifiers=None) -> None:
        mods = modifiers if modifiers is not None else Qt.KeyboardModifier.NoModifier
        self.qtbot.mouseClick(view, Qt.MouseButton.LeftButton, mods, view.cell_rect(prow, pcol).center())

    def click(self, widget) -> None:
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

    def hover(self, widget, pos) -> None:
        self.qtbot.mouseMove(widget, pos)

    def tooltip_at(self, view, prow: int, pcol: int) -> str:
        """Rest the mouse on a padded cell and read the tooltip that appears."""
        pos = view.cell_rect(prow, pcol).center()
        QApplication.sendEvent(view, QHelpEvent(QEvent.Type.ToolTip, pos, view.mapToGlobal(pos)))
        return QToolTip.text() if QToolTip.isVisible() else ""

    def context_menu(self, view, cell: tuple[int, int], text: str) -> bool:
        """Right-click a padded cell and pick ``text`` from the menu that
        opens; returns whether that item was enabled."""
        chosen = []
        poll = QTimer(interval=5)

        def pick() -> None:
            menu = QApplication.activePopupWidget()
            if menu is None:
                return  # not open yet
            poll.stop()
            action = next(a for a in menu.actions() if a.text() == text)
            chosen.append((menu, action.isEnabled()))
            menu.setActiveAction(action)
            self.qtbot.keyClick(menu, Qt.Key.Key_Return)
            if menu.isVisible():
                menu.close()

        poll.timeout.connect(pick)
        poll.start()
        # What a right click delivers (QTest's mouse events go straight to
        # the widget, so Qt would not turn them into a context-menu request).
        pos = view.cell_rect(*cell).center()
        QApplication.sendEvent(view, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.mapToGlobal(pos)))
        self.qtbot.waitUntil(lambda: bool(chosen), timeout=2000)
        poll.stop()
        self._regain_activation(chosen[0][0])
        return chosen[0][1]

    def _regain_activation(self, popup) -> None:
        """The offscreen platform hands activation to a closed popup a
        moment later; a window manager would give it back to the window."""
        self.qtbot.waitUntil(lambda: not popup.isVisible())
        QApplication.processEvents()
        self.window.activateWindow()
        self.qtbot.waitUntil(self.window.isActiveWindow)

    # -- keyboard ------------------------------------------------------------
    def type(self, text: str) -> None:
        """Type ``text`` one key at a time into whatever has focus (the first
        digit opens a grid's editor, the rest go to the editor)."""
        for ch in text:
            key = Qt.Key(QTest.asciiToKey(ch)) if ch.isascii() else Qt.Key.Key_unknown
            QTest.sendKeyEvent(QTest.KeyAction.Click, self.focused(), key, ch, Qt.KeyboardModifier.NoModifier)

    def press(self, key, modifiers=None) -> None:
        mods = modifiers if modifiers is not None else Qt.KeyboardModifier.NoModifier
        self.qtbot.keyClick(self.focused(), key, mods)

    def shortcut(self, sequence: str) -> None:
        """Press a key combination such as ``"Ctrl+Shift+Z"``."""
        combo = QKeySequence(sequence)[0]
        self.press(combo.key(), combo.keyboardModifiers())

    def set_spin(self, spin, value: int) -> None:
        """Click into a spin box, select its text, type a number, press Enter."""
        self.click(spin.lineEdit())
        self.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        self.type(str(value))
        self.press(Qt.Key.Key_Return)

    def choose(self, combo, text: str) -> None:
        """Open a combo box's list from the keyboard, arrow to ``text`` and
        press Enter: one choice, as with the mouse."""
        target = combo.findText(text)
        assert target >= 0, f"{text!r} is not offered by the combo box"
        combo.setFocus(Qt.FocusReason.TabFocusReason)
        self.press(Qt.Key.Key_F4)
        popup = combo.view()
        self.qtbot.waitUntil(popup.isVisible)
        for _ in range(combo.count()):
            row = popup.currentIndex().row()
            if row == target:
                break
            self.qtbot.keyClick(popup, Qt.Key.Key_Down if row < target else Qt.Key.Key_Up)
        self.qtbot.keyClick(popup, Qt.Key.Key_Return)
        assert combo.currentIndex() == target, f"the list didn't reach {text!r}"
        self._regain_activation(popup.window())


@pytest.fixture
def user(qtbot):
    """``user(window)``: a :class:`User` driving that (now active) window."""
    return lambda window: User(qtbot, window)
