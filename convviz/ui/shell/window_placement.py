"""Where the main window opens: a generous share of the screen on first start,
the saved place later, but only while that place is still on a screen.

The rules are plain functions on ``(x, y, width, height)`` tuples, so they can
be tested for any screen; :func:`place_window` applies them to a window.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QRect, Qt
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QWidget

__all__ = ["FIRST_START_SHARE", "fits_a_screen", "first_start_rect", "place_window", "saved_frame"]

Rect = tuple[int, int, int, int]  # x, y, width, height

FIRST_START_SHARE = 0.8  # of the screen's available width and height
# A window manager may put a saved frame a few pixels past the screen's edge
# (borders of a maximized window); that still counts as on the screen.
EDGE_SLACK = 16


def first_start_rect(available: Rect, needed: tuple[int, int]) -> Rect | None:
    """The window's rectangle on first start: 80 % of the available area,
    centred; or None (maximize) when that would be smaller than the layout
    needs, as on a 1366×768 laptop."""
    ax, ay, aw, ah = available
    width, height = round(aw * FIRST_START_SHARE), round(ah * FIRST_START_SHARE)
    if width < needed[0] or height < needed[1]:
        return None
    return ax + (aw - width) // 2, ay + (ah - height) // 2, width, height


def fits_a_screen(frame: Rect, screens: Sequence[Rect]) -> bool:
    """True if ``frame`` lies within one of ``screens`` (give or take the
    slack of window borders): a window saved on a monitor that has since
    been unplugged, or on a larger screen, doesn't."""
    x, y, w, h = frame
    if w <= 0 or h <= 0:
        return False
    for sx, sy, sw, sh in screens:
        if (
            x >= sx - EDGE_SLACK
            and y >= sy - EDGE_SLACK
            and x + w <= sx + sw + EDGE_SLACK
            and y + h <= sy + sh + EDGE_SLACK
        ):
            return True
    return False


# QWidget.saveGeometry() starts with this magic number, a version, and the
# frame rectangle (documented in qwidget.cpp and unchanged since Qt 4.3).
_GEOMETRY_MAGIC = 0x1D9D0CB


def saved_frame(saved: object) -> Rect | None:
    """The frame rectangle inside a ``saveGeometry()`` blob, or None if it
    isn't one."""
    if not isinstance(saved, QByteArray) or saved.size() < 24:
        return None
    stream = QDataStream(saved, QIODevice.OpenModeFlag.ReadOnly)
    magic = stream.readUInt32()
    major = stream.readUInt16()
    stream.readUInt16()  # minor version
    frame = QRect()
    stream >> frame
    if magic != _GEOMETRY_MAGIC or major < 1 or stream.status() != QDataStream.Status.Ok:
        return None
    return frame.x(), frame.y(), frame.width(), frame.height()


def _rect(r: QRect) -> Rect:
    return r.x(), r.y(), r.width(), r.height()


def place_window(window: QWidget, saved: object) -> None:
    """Give ``window`` (not yet shown) its saved geometry if that still fits a
    connected screen, or else the first-start size on the screen under the
    mouse pointer."""
    screens = QGuiApplication.screens()
    frame = saved_frame(saved)
    if frame is not None and fits_a_screen(frame, [_rect(s.geometry()) for s in screens]):
        if window.restoreGeometry(saved):
            return
    screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
    if screen is None:  # no screen at all: nothing to measure against
        window.resize(window.sizeHint())
        return
    available = _rect(screen.availableGeometry())
    hint, minimum = window.sizeHint(), window.minimumSizeHint()
    needed = (max(hint.width(), minimum.width()), max(hint.height(), minimum.height()))
    rect = first_start_rect(available, needed)
    if rect is None:
        # Un-maximizing later gives nearly the whole screen, not a sliver.
        window.resize(min(needed[0], available[2]), min(needed[1], available[3]))
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
        return
    x, y, width, height = rect
    window.resize(width, height)
    window.move(x, y)
