"""The window's menus, named by id rather than found by their title text.

Features that add actions (recording, images, presets) ask the window for
``menu(MenuId.VIEW)``; renaming or translating a title can't break them.
"""

from __future__ import annotations

from enum import Enum

__all__ = ["MENU_TITLES", "MenuId"]


class MenuId(str, Enum):
    FILE = "file"
    EDIT = "edit"
    SCENE = "scene"
    VIEW = "view"
    PLAYBACK = "playback"
    HELP = "help"


# In menu-bar order; the & marks each title's Alt shortcut.
MENU_TITLES = {
    MenuId.FILE: "&File",
    MenuId.EDIT: "&Edit",
    MenuId.SCENE: "&Scene",
    MenuId.VIEW: "&View",
    MenuId.PLAYBACK: "&Playback",
    MenuId.HELP: "&Help",
}
