"""Tab moves through the window in reading order, wherever the layout puts
the input panel: the parameters, the input, the kernels, the maps, the
ledger, the playback bar; inside each, top to bottom and left to right."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from convviz.ui.grid.matrix_view import MatrixView

CTRL, NO_MODIFIER = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.NoModifier


def rect_in(window, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def reachable(window) -> set[QWidget]:
    return {
        w for w in window.findChildren(QWidget)
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.window() is window
        and not w.focusProxy()
    }  # fmt: skip


def first_control(window) -> QWidget:
    """The top-left control of the parameter bar, where reading starts."""
    controls = [w for w in reachable(window) if window.param_bar.isAncestorOf(w)]
    return min(controls, key=lambda w: (rect_in(window, w).top() // 10, rect_in(window, w).left()))


def tab_round(window, qtbot) -> list[QWidget]:
    """Every widget Tab visits from the first control until it comes back
    to it (Ctrl+Tab leaves an editable grid at once instead of cell by cell)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    start = first_control(window)
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    seen = [start]
    for _ in range(500):
        focus = QApplication.focusWidget()
        editable_grid = isinstance(focus, MatrixView) and focus.model.editable
        QTest.keyClick(focus, Qt.Key.Key_Tab, CTRL if editable_grid else NO_MODIFIER)
        now = QApplication.focusWidget()
        if now is start:
            return seen
        seen.append(now)
    raise AssertionError("Tab never came back to the first control")


def regions(window) -> list[QWidget]:
    return [window.param_bar, window.input_panel, window.kernel_panel, window.output_panel, window.ledger_scroll,
            window.playback_bar]  # fmt: skip


def region_of(window, widget: QWidget) -> int:
    return next(i for i, r in enumerate(regions(window)) if r is widget or r.isAncestorOf(widget))


def assert_reading_order(window, seen: list[QWidget]) -> None:
    assert len(seen) == len(set(seen)), "a widget was visited twice in one round"
    assert set(seen) == reachable(window), "Tab skipped a grid or control"
    order = [region_of(window, w) for w in seen]
    assert order == sorted(order), "the panels are not visited in reading order"
    assert set(order) == set(range(len(regions(window))))
    for a, b in zip(seen, seen[1:]):
        if region_of(window, a) != region_of(window, b):
            continue
        ra, rb = rect_in(window, a), rect_in(window, b)
        if ra.contains(rb) or rb.contains(ra):
            continue  # a scroll area and the first grid in it
        below = rb.top() > ra.bottom()
        same_row_right = rb.top() <= ra.bottom() and ra.top() <= rb.bottom() and rb.left() > ra.left()
        assert below or same_row_right, (a, ra, b, rb)


def test_tab_reads_the_window_in_order_with_the_input_in_a_column(make_window, qtbot):
    window = make_window("seed-3.4")
    assert window.input_in_column
    seen = tab_round(window, qtbot)
    assert_reading_order(window, seen)
    grids = [w for w in seen if isinstance(w, MatrixView)]
    assert len(grids) == 3 + 2 * 3 + 2 + 2  # inputs, kernel channels, biases, maps
    # The input's column is read whole before the kernels beside it, though they start higher.
    last_input = max(i for i, w in enumerate(seen) if window.input_panel.isAncestorOf(w))
    assert rect_in(window, seen[last_input]).bottom() > rect_in(window, window.kernel_panel).top()


def test_tab_reads_the_window_in_order_with_the_input_beside_the_kernels(make_window, qtbot):
    window = make_window("seed-3.1")
    assert not window.input_in_column
    assert_reading_order(window, tab_round(window, qtbot))


def test_the_order_follows_the_input_panel_when_a_refit_moves_it(make_window, qtbot):
    window = make_window("seed-3.1")
    assert not window.input_in_column
    window.document.resize_input(5, 5, 3)  # three channels, as the C box sets them: a column fits them best
    qtbot.waitUntil(lambda: window.input_in_column)
    qtbot.waitUntil(lambda: len(window.input_panel.views) == 3)
    assert_reading_order(window, tab_round(window, qtbot))


def test_the_maps_are_read_before_the_view_choice_under_them(make_window, qtbot):
    window = make_window("seed-3.3")
    seen = tab_round(window, qtbot)
    choice = window.output_panel.view_choice
    assert seen.index(choice) > max(seen.index(v) for v in window.output_panel.views)


def test_new_numbers_leave_the_chain_as_it_is_and_a_new_kernel_rebuilds_it(make_window, qtbot):
    import numpy as np

    window = make_window("seed-3.4")
    order = window.tab_order
    qtbot.waitUntil(lambda: not order._later.isActive())
    assert window.document.set_block("input", 0, 0, 0, 0, np.array([[7.0]]))
    assert not order._later.isActive()  # typing a number moves no widget
    window.kernel_panel.add_button.click()
    assert order._later.isActive()  # a new kernel's grids join the chain
