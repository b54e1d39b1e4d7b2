"""Actions that belong to the window itself, not only to a menu.

An action added to the window keeps its shortcut working while the menu bar
is hidden (presentation mode, full screen); the window and the features that
add entries to its menus (recording, images) make theirs here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

__all__ = ["window_action"]


def window_action(
    window: QWidget,
    text: str,
    slot: Callable[..., object],
    shortcut: str | QKeySequence | QKeySequence.StandardKey | Sequence[str] | None = None,
    tip: str = "",
) -> QAction:
    """A new action ``text`` on ``window`` that runs ``slot``, with a shortcut
    (or a list of them) and a status-bar tip."""
    action = QAction(text, window)
    if shortcut is not None:
        if isinstance(shortcut, (list, tuple)):
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        else:
            action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(slot)
    window.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action
