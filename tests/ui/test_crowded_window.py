"""A crowded window (issue 13): four kernels of four channels at 1280×720
show one kernel at a time, switched by its tab or by stepping into it,
editable as ever; the ledger sums up its earlier channel lines, and the sums
are the full ledger's."""

from __future__ import annotations

import re

import numpy as np
from PySide6.QtCore import Qt

from convviz.core.ledger import PENDING, LineKind
from convviz.core.numbers import format_number
from test_layout_fit import cut_labels, dense, no_scroll_bars, refitted, smallest_cell


def shown_kernels(window) -> list[int]:
    return [k for k, block in enumerate(window.kernel_panel.blocks) if block.isVisible()]


def click_tab(window, qtbot, index: int) -> None:
    tabs = window.kernel_panel.tabs.tabs
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(index).center())


def test_a_crowded_window_shows_one_kernel_switched_by_its_tab_or_by_stepping_and_edits_land_in_it(make_window, user, qtbot):
    window = make_window("seed-3.4")
    window.load_scene(dense(8, 4, 4, 3, 1))
    refitted(window, qtbot)
    panel = window.kernel_panel

    # All four kernels gave 20 px cells, with the kernels and the maps
    # scrolling; one kernel at a time, the summed-up ledger and the formulas
    # beside the legend give 24 px (the target) and nothing scrolls.
    assert panel.folded and shown_kernels(window) == [0]
    assert window.ledger_view.keep == 1 and window.output_panel.low
    for label in (window.output_panel.formula_h, window.output_panel.formula_w):  # one line beside the legend
        assert label.text() in (label.full, label.compact) and label.text().endswith("= 6")
    no_scroll_bars(window, qtbot)
    assert {v.cell_size for v in [*window.input_panel.views, *panel.all_views()]} == {window.cell_size}
    assert smallest_cell(window) >= 24
    assert cut_labels(window) == []
    tabs = panel.tabs.tabs
    assert tabs.isVisible() and [tabs.tabText(i) for i in range(tabs.count())] == ["W0", "W1", "W2", "W3"]
    assert tabs.accessibleTabName(2) == "Show kernel W2"

    # A tab shows its kernel (and selects it for the presets).
    click_tab(window, qtbot, 2)
    assert shown_kernels(window) == [2] and panel.selected_kernel == 2

    # Editing a weight of the shown kernel changes that kernel, and undo puts it back.
    before = [k.weights.copy() for k in window.document.scene.kernels]
    u = user(window)
    view = panel.views_of(2)[1]
    u.click_cell(view, 0, 0)
    u.type("7")
    u.press(Qt.Key.Key_Return)
    after = window.document.scene.kernels
    assert after[2].weights[0, 0, 1] == 7 != before[2][0, 0, 1]
    assert all(np.array_equal(after[k].weights, before[k]) for k in (0, 1, 3))
    u.shortcut("Ctrl+Z")
    assert all(np.array_equal(k.weights, w) for k, w in zip(window.document.scene.kernels, before))
    assert shown_kernels(window) == [2]

    # From the keyboard: the tab bar takes the arrows while it has the focus.
    index = window.animator.index
    tabs.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(tabs.hasFocus)
    u.press(Qt.Key.Key_Right)
    assert shown_kernels(window) == [3] and window.animator.index == index
    u.press(Qt.Key.Key_Left)
    assert shown_kernels(window) == [2]

    # Stepping stays on the shown kernel until the animator moves into another.
    window.animator.step(1)
    assert shown_kernels(window) == [2]
    window.animator.next_kernel()
    kernel = window.animator.frame().kernel
    assert kernel != 2 and shown_kernels(window) == [kernel] and tabs.currentIndex() == kernel

    # Moving the shown kernel down keeps it in view (the tab follows it).
    name = window.document.scene.kernels[kernel].name
    qtbot.mouseClick(panel.blocks[kernel].down_button, Qt.MouseButton.LeftButton)
    assert window.document.scene.kernels[kernel + 1].name == name
    assert shown_kernels(window) == [kernel + 1] and tabs.currentIndex() == kernel + 1
    u.shortcut("Ctrl+Z")
    assert [k.name for k in window.document.scene.kernels] == ["W0", "W1", "W2", "W3"]

    # "All kernels" is a view choice: every kernel shows, the scene is untouched.
    scene = window.document.scene
    qtbot.mouseClick(panel.tabs.all_button, Qt.MouseButton.LeftButton)
    refitted(window, qtbot)
    assert shown_kernels(window) == [0, 1, 2, 3] and not panel.folded
    assert window.document.scene is scene
    qtbot.mouseClick(panel.tabs.all_button, Qt.MouseButton.LeftButton)
    refitted(window, qtbot)
    assert panel.folded and len(shown_kernels(window)) == 1


def test_a_roomy_window_shows_every_kernel(make_window, qtbot):
    window = make_window("seed-3.4")
    assert not window.kernel_panel.folded and shown_kernels(window) == [0, 1]
    assert not window.kernel_panel.tabs.isVisible() and window.ledger_view.keep is None


def _number(text: str) -> float:
    return float(re.findall(r"[−-]?\d+(?:\.\d+)?", text)[-1].replace("−", "-"))


def test_the_summed_ledger_lines_agree_with_the_full_ledger_at_every_step(make_window, qtbot):
    window = make_window("seed-3.4")
    window.load_scene(dense(5, 8, 2, 3, 4))
    refitted(window, qtbot)
    view = window.ledger_view
    assert view.keep is not None  # crowded: the earlier channel lines are summed up
    room = window.ledger_scroll.viewport().height()
    summed_steps = 0
    for index in range(len(window.animator)):
        window.animator.set_index(index)
        full, shown = view.full_ledger, view.ledger
        channels = [line for line in full.lines if line.kind is LineKind.CHANNEL]
        kept = [line for line in shown.lines if line.kind is LineKind.CHANNEL]
        assert 1 <= len(kept) <= view.keep and all(line in channels for line in kept)
        summaries = [line for line in shown.lines if line.kind is LineKind.SUMMARY]
        first, last = channels.index(kept[0]), channels.index(kept[-1])
        # Left out after the kept lines: only lines still to come, not drawn anyway.
        assert all(line.state is PENDING for line in channels[last + 1:])
        earlier = channels[:first]
        if earlier:
            summed_steps += 1
            (summary,) = summaries  # the earlier lines, summed up to their own sum
            assert summary.result.endswith(" " + format_number(sum(_number(line.result) for line in earlier)))
        else:
            assert summaries == []
        # The total is the full ledger's.
        assert _number(shown.lines[-1].result) == _number(full.lines[-1].result) == full.value
        # No step outgrows the band the fit reserved.
        assert view.height_for(view.width()) <= room
    assert summed_steps > 0
    assert not window.ledger_scroll.verticalScrollBar().isVisible()
