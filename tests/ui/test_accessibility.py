"""Screen readers and the keyboard: grid cells have accessible names and
values, Tab reaches every grid and control (and never traps), and
"Describe step" says the current step in a sentence, in the current language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from convviz.core.numbers import format_number
from convviz.ui.base.i18n import use_language
from convviz.ui.grid.matrix_view import MatrixView
from convviz.ui.shell.describe_step import DESCRIBE_SHORTCUT

ACCESSIBLE_TEXT = Qt.ItemDataRole.AccessibleTextRole
CTRL, NO_MODIFIER = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.NoModifier


def all_grids(window) -> list[MatrixView]:
    return [v for v in window.findChildren(MatrixView) if v.isVisible()]


def description_seen_by_assistive_tech(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Description)


def test_grid_cells_have_accessible_names_and_values(make_window):
    window = make_window("seed-3.3")
    view = window.input_panel.views[0]
    model = view.model
    value = format_number(model.values()[2, 3])
    assert model.data(model.index(2, 3), ACCESSIBLE_TEXT) == f"input channel 1, row 2, column 3, value {value}"
    kernel = window.kernel_panel.all_views()[1].model
    assert kernel.data(kernel.index(0, 1), ACCESSIBLE_TEXT).startswith("W0 channel 2, row 0, column 1, value ")
    maps = window.output_panel.views[0].model
    value = format_number(maps.values()[1, 1])
    assert maps.data(maps.index(1, 1), ACCESSIBLE_TEXT) == f"feature map 0, row 1, column 1, value {value}"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.AccessibleDescriptionRole) == "type a number to change it"
    assert maps.data(maps.index(0, 0), Qt.ItemDataRole.AccessibleDescriptionRole) == "read-only"


def test_the_cell_under_the_keyboard_cursor_is_what_a_screen_reader_reads(make_window, qtbot):
    window = make_window("seed-3.3")
    view = window.input_panel.views[0]
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    QTest.keyClick(view, Qt.Key.Key_Down)
    QTest.keyClick(view, Qt.Key.Key_Right)
    QTest.keyClick(view, Qt.Key.Key_Right)
    value = format_number(view.model.values()[1, 2])
    assert QAccessible.queryAccessibleInterface(view).text(QAccessible.Text.Name) == "input channel 1"
    assert description_seen_by_assistive_tech(view) == f"input channel 1, row 1, column 2, value {value}"
    QTest.keyClicks(view, "9")
    QTest.keyClick(view.editor(), Qt.Key.Key_Return)  # commits and moves down
    assert description_seen_by_assistive_tech(view).startswith("input channel 1, row 2, column 2, value ")
    QTest.keyClick(view, Qt.Key.Key_Up)
    assert description_seen_by_assistive_tech(view) == "input channel 1, row 1, column 2, value 9"


def tab_through(window, presses: int = 200) -> list[QWidget]:
    """Press Tab as a keyboard user does (Ctrl+Tab to leave a grid at once), noting each focus."""
    seen = []
    for _ in range(presses):
        focus = QApplication.focusWidget()
        seen.append(focus)
        in_grid = isinstance(focus, MatrixView) and focus.model.editable
        QTest.keyClick(focus, Qt.Key.Key_Tab, CTRL if in_grid else NO_MODIFIER)
    return seen


def test_tab_reaches_every_grid_and_every_control_and_comes_round(make_window, qtbot):
    window = make_window("seed-3.4")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    reachable = {
        w for w in window.findChildren(QWidget)
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.window() is window
        and not w.focusProxy()
    }  # fmt: skip
    grids = set(all_grids(window))
    assert len(grids) == 3 + 2 * 3 + 2 + 2  # inputs, kernel channels, biases, maps
    assert grids <= reachable
    seen = tab_through(window)
    assert reachable - set(seen) == set()
    first = seen[0]
    assert seen.count(first) >= 2  # round the window and back: no trap


def test_tab_walks_a_grid_cell_by_cell_and_then_leaves_it(make_window, qtbot):
    window = make_window("seed-3.3")
    view = window.kernel_panel.all_views()[0]
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    for _ in range(8):  # a 3×3 kernel: eight Tabs to its last cell
        QTest.keyClick(view, Qt.Key.Key_Tab)
    assert view.hasFocus() and view.current_cell() == (2, 2)
    QTest.keyClick(view, Qt.Key.Key_Tab)
    assert not view.hasFocus()


def test_a_read_only_map_reached_with_tab_reads_its_cells_with_the_arrows(make_window, qtbot):
    window = make_window("seed-3.3")
    bias = window.kernel_panel.all_views()[-1]
    maps = window.output_panel.views[0]
    bias.setFocus()
    qtbot.waitUntil(bias.hasFocus)
    for _ in range(10):
        if maps.hasFocus():
            break
        focus = QApplication.focusWidget()
        in_grid = isinstance(focus, MatrixView) and focus.model.editable
        QTest.keyClick(focus, Qt.Key.Key_Tab, CTRL if in_grid else NO_MODIFIER)
    assert maps.hasFocus()
    step = window.animator.index
    QTest.keyClick(maps, Qt.Key.Key_Right)
    assert window.animator.index == step  # the arrow read the map; playback stayed
    assert description_seen_by_assistive_tech(maps).startswith("feature map 0, row 0, column 1, value ")


def test_describe_step_says_the_step_on_the_status_bar_and_to_assistive_tech(make_window, qtbot):
    window = make_window("seed-3.3")
    window.animator.first()
    window.animator.step(1)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keySequence(QApplication.focusWidget() or window, DESCRIBE_SHORTCUT)
    expected = (
        "Step 1 of 44, kernel W0, output (0, 0): channel 2 gives the partial sum 1; running total: 3 + 1 = 4."
    )
    assert window.statusBar().currentMessage() == expected
    assert description_seen_by_assistive_tech(window.ledger_view) == expected


@pytest.fixture
def chinese():
    use_language("zh_CN")
    yield
    use_language("en")


def test_describe_step_and_cells_speak_chinese(chinese, make_window):
    window = make_window("seed-3.3")
    window.animator.first()
    window.animator.step(3)
    text = window.step_describer.describe()
    assert text == "第 3 步 / 共 44 步，卷积核 W0，输出 (0, 0)：加上偏置 1；累计：3 + 1 + 2 + 1 = 7。"
    model = window.input_panel.views[0].model
    assert model.data(model.index(2, 3), ACCESSIBLE_TEXT).startswith("输入通道 1，行 2，列 3，值 ")
