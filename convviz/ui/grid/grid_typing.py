"""Typing into a grid, as in a spreadsheet: the in-place editor, Enter, Tab
and the arrows, Delete, and the keys a focused grid keeps from the window's
playback shortcuts. Mixed into :class:`~convviz.ui.grid.matrix_view.MatrixView`,
which provides the model, the cursor and the messages beside the cells. A
value that isn't a number is refused beside the cell and the old one stays."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import QLineEdit

from convviz.core.numbers import full_number, parse_number

__all__ = ["GridTyping"]

# Keys a focused editable grid keeps for itself (Space is left to playback).
_GRID_KEYS = frozenset({
    Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down,
    Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Delete, Qt.Key.Key_Backspace,
    Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2,
})


# Keys a read-only grid reached with Tab keeps, to read its cells.
_READING_KEYS = frozenset({
    Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_End,
})


class GridTyping:
    """Typing into the grid's cells (see the module doc)."""

    # A read-only grid reached with the keyboard lets the arrows move its
    # cursor (a screen reader reads each cell); after a click they stay
    # with playback, as before.
    _reading_keys = False

    # -- editing -------------------------------------------------------------
    def is_editing(self) -> bool:
        return self._editor.isVisible()

    def editor(self) -> QLineEdit:
        return self._editor

    def start_edit(self, initial: str | None = None) -> None:
        """Open the editor on the current cell: with ``initial`` typed text
        (arrows then commit and move, as in a spreadsheet), or with the
        current value (arrows move inside the text)."""
        if not self.model.editable:
            return
        r, c = self._cursor
        p = self.padding
        rect = self.cell_rect(r + p.top, c + p.left).adjusted(-6, 0, 6, 0)
        self._ensure_style()
        self._editor.setGeometry(rect)
        self._editing_quick = initial is not None
        # Every digit of the value: pressing Enter on it must not round it.
        self._editor.setText(initial if initial is not None else full_number(float(self.model.values()[r, c])))
        self._editor.show()
        self._editor.setFocus()
        if initial is None:
            self._editor.selectAll()

    def cancel_edit(self) -> None:
        self._close_editor()

    def _close_editor(self) -> None:
        # Give the focus back to the grid *before* hiding the editor: hiding
        # a focused widget passes the focus to the next grid, and the panel's
        # scroll area then scrolls to show that one. And only if the editor
        # still has it: after a click elsewhere the focus stays there.
        if self._editor.hasFocus():
            self.setFocus()
        self._editor.hide()

    def commit_edit(self) -> bool:
        """Write the editor's number; on a bad value keep the editor open
        with a message and leave the cell as it was."""
        text = self._editor.text()
        r, c = self._cursor
        try:
            value = parse_number(text)
        except ValueError as exc:
            self.show_message(QCoreApplication.translate("GridTyping", "{error}. Type a number such as 3, −1 or 0.5; Esc keeps the old value.")
                              .format(error=exc), (r, c))  # fmt: skip
            self._editor.selectAll()
            return False
        self._close_editor()
        self.hide_message()
        return self.model.set_block(r, c, np.array([[value]]))

    def _move(self, dr: int, dc: int, extend: bool = False) -> None:
        r, c = self._cursor
        self.set_current_cell(r + dr, c + dc, extend)

    def _tab(self, backwards: bool) -> None:
        rows, cols = self.model.values().shape
        r, c = self._cursor
        flat = r * cols + c + (-1 if backwards else 1)
        flat = min(max(flat, 0), rows * cols - 1)
        self.set_current_cell(*divmod(flat, cols))

    def eventFilter(self, obj: object, event: QEvent) -> bool:
        if obj is self:
            return self._filter_own_event(event)
        if obj is self._editor and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, mods = event.key(), event.modifiers()
            shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
            if key == Qt.Key.Key_Escape:
                self.cancel_edit()
                self.hide_message()
                return True
            moves = {
                Qt.Key.Key_Return: (-1 if shift else 1, 0),
                Qt.Key.Key_Enter: (-1 if shift else 1, 0),
                Qt.Key.Key_Up: (-1, 0),
                Qt.Key.Key_Down: (1, 0),
            }
            if self._editing_quick:
                moves[Qt.Key.Key_Left] = (0, -1)
                moves[Qt.Key.Key_Right] = (0, 1)
            if key in moves:
                if self.commit_edit():
                    self._move(*moves[key])
                return True
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                if self.commit_edit():
                    self._tab(key == Qt.Key.Key_Backtab or shift)
                return True
        if obj is self._editor and event.type() == QEvent.Type.FocusOut and self._editor.isVisible():
            # Clicking elsewhere commits, like a spreadsheet; a bad value is
            # dropped (the old one stays) with the message still showing.
            QTimer.singleShot(0, self._commit_on_focus_loss)
        return super().eventFilter(obj, event)

    def _commit_on_focus_loss(self) -> None:
        if self._editor.isVisible() and not self._editor.hasFocus():
            if not self.commit_edit():
                self._editor.hide()

    def _filter_own_event(self, event: QEvent) -> bool:
        """Events of the grid itself that must be seen before ``event()``.

        Done in an event filter rather than by overriding ``event()``: an
        overridden ``event()`` also receives the DeferredDelete that destroys
        the widget, and PySide crashes when Python code is on the stack then.
        """
        kind = event.type()
        if kind == QEvent.Type.ToolTip:
            return self._handle_tooltip(event)
        if kind == QEvent.Type.FocusIn:
            reason = event.reason()  # type: ignore[attr-defined]
            self._reading_keys = reason in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        plain = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if not self.model.editable:
            if kind == QEvent.Type.ShortcutOverride and self._reading_keys and event.key() in _READING_KEYS and plain:
                event.accept()
                return True
            return False
        if kind == QEvent.Type.ShortcutOverride:
            # The window binds arrows, Home/End and Delete to playback; in a
            # focused editable grid those keys move the cursor and clear cells.
            if event.key() in _GRID_KEYS and plain:
                event.accept()
                return True
            return False
        # Tab moves between cells, and on out of the grid past its last cell
        # (Shift+Tab: before its first), so the keyboard is never trapped;
        # Ctrl+Tab leaves at once.
        mods = event.modifiers()
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not mods & Qt.KeyboardModifier.AltModifier:
            backwards = event.key() == Qt.Key.Key_Backtab or bool(mods & Qt.KeyboardModifier.ShiftModifier)
            if plain and not self._at_tab_end(backwards):
                self._tab(backwards)
            else:
                self.focusNextPrevChild(not backwards)
            return True
        return False

    def _at_tab_end(self, backwards: bool) -> bool:
        rows, cols = self.model.values().shape
        return self._cursor == ((0, 0) if backwards else (rows - 1, cols - 1))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.model.editable:
            self._read_key(event)
            return
        key, mods = event.key(), event.modifiers()
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        arrows = {Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0), Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1)}
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_all()
        elif key in arrows and not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            self._move(*arrows[key], extend=shift)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._move(-1 if shift else 1, 0)
        elif key == Qt.Key.Key_F2:
            self.start_edit()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_selection()
        elif event.text() and event.text() in "0123456789-−+.eE" and not mods & Qt.KeyboardModifier.ControlModifier:
            self.start_edit(event.text())
        elif key == Qt.Key.Key_Home:
            self.set_current_cell(self._cursor[0], 0, extend=shift)
        elif key == Qt.Key.Key_End:
            self.set_current_cell(self._cursor[0], self.model.values().shape[1] - 1, extend=shift)
        elif event.text() and event.text().isprintable() and event.text() != " " and not mods & Qt.KeyboardModifier.ControlModifier:
            # Any other printable key opens the editor too, so the refusal
            # message appears where the user typed.
            self.start_edit(event.text())
        else:
            super().keyPressEvent(event)

    def _read_key(self, event: QKeyEvent) -> None:
        """A read-only grid: the arrows, Home and End move the cursor (once reached with Tab)."""
        arrows = {Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0), Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1)}
        key = event.key()
        if not self._reading_keys or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
        elif key in arrows:
            self._move(*arrows[key])
        elif key == Qt.Key.Key_Home:
            self.set_current_cell(self._cursor[0], 0)
        elif key == Qt.Key.Key_End:
            self.set_current_cell(self._cursor[0], self.model.values().shape[1] - 1)
        else:
            super().keyPressEvent(event)
