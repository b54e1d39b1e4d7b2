"""The window's menus, named by id rather than found by their title text.

Features that add actions (recording, images, presets) ask the window for
``menu(MenuId.VIEW)``; renaming or translating a title can't break them.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP

__all__ = ["MENU_TITLES", "MenuId"]


class MenuId(str, Enum):
    FILE = "file"
    EDIT = "edit"
    SCENE = "scene"
    VIEW = "view"
    PLAYBACK = "playback"
    HELP = "help"


# In menu-bar order; the & marks each title's Alt shortcut. Marked for
# translation here, translated where the menus are made.
MENU_TITLES = {
    MenuId.FILE: QT_TRANSLATE_NOOP("MenuId", "&File"),
    MenuId.EDIT: QT_TRANSLATE_NOOP("MenuId", "&Edit"),
    MenuId.SCENE: QT_TRANSLATE_NOOP("MenuId", "&Scene"),
    MenuId.VIEW: QT_TRANSLATE_NOOP("MenuId", "&View"),
    MenuId.PLAYBACK: QT_TRANSLATE_NOOP("MenuId", "&Playback"),
    MenuId.HELP: QT_TRANSLATE_NOOP("MenuId", "&Help"),
}
