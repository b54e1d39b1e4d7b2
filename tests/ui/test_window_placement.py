"""Where the window opens: 80 % of the screen on first start, centred (or
maximized on a small screen); the saved place later, while it fits a screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from convviz.core.catalogue import resolve_scene
from convviz.ui.base.runtime import Settings
from convviz.ui.shell.main_window import MainWindow
from convviz.ui.shell.window_placement import first_start_rect, fits_a_screen, place_window, saved_frame

FULL_HD = (0, 0, 1920, 1080)


@pytest.fixture(autouse=True)
def settings_in_tmp(tmp_path):
    """The window's settings go to this test's own file, as in ``make_app``
    with ``CONVVIZ_HOME`` (never the user's real settings)."""
    previous = QSettings.defaultFormat()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield
    QSettings.setDefaultFormat(previous)

LAYOUT = (1280, 720)


def test_first_start_on_a_full_hd_screen_takes_80_percent_centred():
    assert first_start_rect(FULL_HD, LAYOUT) == (192, 108, 1536, 864)


def test_first_start_centres_on_the_available_area_of_a_second_screen_below_a_panel():
    # A 2560×1440 screen right of the first, with a 32-pixel panel on top.
    assert first_start_rect((1920, 32, 2560, 1408), LAYOUT) == (1920 + 256, 32 + 141, 2048, 1126)


def test_first_start_on_a_screen_smaller_than_the_layout_needs_maximizes():
    assert first_start_rect((0, 0, 1366, 740), LAYOUT) is None  # 80 % is 1093×592
    assert first_start_rect((0, 0, 960, 540), LAYOUT) is None  # 1920×1080 at scale 2


def test_a_frame_fits_the_screen_it_lies_on_including_a_maximized_windows_borders():
    screens = [FULL_HD, (1920, 0, 2560, 1440)]
    assert fits_a_screen((100, 100, 1280, 720), screens)
    assert fits_a_screen((2000, 50, 2400, 1300), screens)
    assert fits_a_screen((-4, -4, 1928, 1088), screens)  # maximized, borders just past the edge


def test_a_frame_on_an_unplugged_or_larger_screen_does_not_fit():
    screens = [FULL_HD]
    assert not fits_a_screen((2000, 50, 1280, 720), screens)  # was on the second monitor
    assert not fits_a_screen((0, 0, 2560, 1440), screens)  # larger than any screen now
    assert not fits_a_screen((1500, 700, 1280, 720), screens)  # half off the screen
    assert not fits_a_screen((100, 100, 0, 0), screens)


def test_saved_frame_reads_the_frame_rectangle_of_a_saved_geometry(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.setGeometry(123, 45, 640, 480)
    assert saved_frame(widget.saveGeometry()) == (123, 45, 640, 480)
    assert saved_frame(None) is None
    assert saved_frame("1280x720") is None
    assert saved_frame(widget.saveGeometry().mid(0, 10)) is None


def saved_geometry(x: int, y: int, width: int, height: int):
    widget = QWidget()
    widget.setGeometry(x, y, width, height)
    blob = widget.saveGeometry()
    widget.deleteLater()
    return blob


def open_window(qtbot) -> MainWindow:
    """The app's window as ``convviz`` makes it, reading the settings."""
    window = MainWindow(resolve_scene("seed-3.4"), settings=Settings.of_user())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def available():
    return QGuiApplication.primaryScreen().availableGeometry()


def test_first_start_on_the_small_offscreen_screen_opens_maximized(qtbot):
    # The offscreen platform's screen is 800×800: less than the layout needs.
    assert available().width() * 0.8 < 1280
    window = open_window(qtbot)
    assert window.windowState() & Qt.WindowState.WindowMaximized
    qtbot.waitUntil(lambda: window.frameGeometry() == available())


class Small(QWidget):
    """A window whose layout needs little, so the offscreen 800×800 screen
    is large enough for the 80 % rule (the main window needs 931 wide)."""

    def sizeHint(self):
        return QSize(320, 240)


def place(qtbot, saved) -> QWidget:
    widget = Small()
    qtbot.addWidget(widget)
    place_window(widget, saved)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_first_start_takes_80_percent_of_the_screen_centred(qtbot):
    screen = available()
    widget = place(qtbot, None)
    assert not widget.windowState() & Qt.WindowState.WindowMaximized
    assert widget.size().toTuple() == (round(screen.width() * 0.8), round(screen.height() * 0.8))
    assert abs(widget.frameGeometry().center().x() - screen.center().x()) <= 4
    assert abs(widget.frameGeometry().center().y() - screen.center().y()) <= 4


def test_a_saved_geometry_that_fits_the_screen_is_restored(qtbot):
    widget = place(qtbot, saved_geometry(40, 30, 500, 400))
    assert widget.geometry().getRect() == (40, 30, 500, 400)


def test_a_saved_geometry_off_every_screen_falls_back_to_the_first_start_rule(qtbot):
    widget = place(qtbot, saved_geometry(3000, 200, 500, 400))  # on a monitor now gone
    assert widget.size().toTuple() == (640, 640)
    assert available().contains(widget.frameGeometry())


def test_a_saved_geometry_larger_than_the_screen_falls_back_to_the_first_start_rule(qtbot):
    widget = place(qtbot, saved_geometry(0, 0, 1800, 1000))  # saved on a bigger screen
    assert widget.size().toTuple() == (640, 640)


def test_the_main_window_saved_off_screen_opens_by_the_first_start_rule(qtbot):
    QSettings().setValue("window/geometry", saved_geometry(3000, 200, 1280, 720))
    window = open_window(qtbot)
    assert window.windowState() & Qt.WindowState.WindowMaximized  # 800×800 is too small for 80 %
    qtbot.waitUntil(lambda: window.frameGeometry() == available())


def test_the_main_window_saves_its_place_on_closing_and_the_next_start_reads_it(qtbot):
    # On the 800×800 offscreen screen the window (931 wide at least) can only
    # be maximized; the Small tests above cover restoring a normal window.
    first = open_window(qtbot)
    qtbot.waitUntil(lambda: first.frameGeometry() == available())
    first.close()
    saved = saved_frame(QSettings().value("window/geometry"))
    assert saved == available().getRect()
    second = open_window(qtbot)
    assert second.windowState() & Qt.WindowState.WindowMaximized
    qtbot.waitUntil(lambda: second.frameGeometry() == available())
