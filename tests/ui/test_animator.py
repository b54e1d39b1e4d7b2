"""The animator as a student sees it: stepping, playing, the shortcuts, what
each step highlights on the grids and in the ledger, clicks that jump, and the
index staying valid while the scene changes under it.

What is highlighted is checked on the views' own state (overlays, the kernel
block's ``active`` property, the ledger's laid-out items), not only on text.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from convviz.core.ledger import CURRENT, DONE, PENDING, UPCOMING
from convviz.core.trace import Level, Phase
from convviz.ui.animation import animator as animator_module
from convviz.ui.animation.animator import SPEEDS

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
RIGHT, LEFT = Qt.Key.Key_Right, Qt.Key.Key_Left
WINDOW_3x3 = frozenset((r, c) for r in range(3) for c in range(3))


def at_output(user, window, kernel: int = 0, row: int = 0, col: int = 0):
    """Click an output cell (which also gives the keyboard to the maps)."""
    u = user(window)
    u.click_cell(window.output_panel.views[kernel], row, col)
    return u


def step_of(window):
    s = window.animator.current_step()
    return s.kernel, s.out_row, s.out_col, s.phase, s.channel


def ledger_items(window, state=None, role=None):
    return [
        i.text for i in window.ledger_view.items()
        if (state is None or i.state == state) and (role is None or i.role == role)
    ]


def running_total(window) -> str:
    return "".join(ledger_items(window, role="running"))


def kernel_overlays(window, k: int):
    return [v.overlay for v in window.kernel_panel.blocks[k].views]


# -- stepping through eq. (3) ----------------------------------------------------------


def test_seed_3_3_at_channel_level_adds_3_then_1_then_2_then_the_bias_1_to_make_7(make_window, user):
    window = make_window("seed-3.3")
    u = at_output(user, window)
    assert window.animator.level is Level.CHANNEL
    inputs = window.input_panel.views
    block = window.kernel_panel.blocks[0]
    out = window.output_panel.views[0]

    # Steps 0-2: one channel's partial sum each, the running total growing.
    for ch, (partial, running) in enumerate([("3", "3"), ("1", "3 + 1 = 4"), ("2", "3 + 1 + 2 = 6")]):
        assert window.animator.index == ch
        assert step_of(window) == (0, 0, 0, Phase.CHANNEL, ch)
        assert ledger_items(window, CURRENT, "label") == [f"channel {ch + 1}"]
        assert ledger_items(window, CURRENT, "result") == [f"  = {partial}"]
        assert running_total(window) == f"running total: {running}"
        # Earlier channels stay written out; later ones, the bias and the
        # total are not drawn yet.
        assert ledger_items(window, DONE, "label") == [f"channel {c + 1}" for c in range(ch)]
        assert ledger_items(window, PENDING, "label") == [f"channel {c + 1}" for c in range(ch + 1, 3)] + ["+ bias"]
        assert ledger_items(window, PENDING, "total") == ["= 3 + 1 + 2 + 1 = 7"]
        # Input: every channel shows the 3×3 receptive field; the current
        # channel is emphasized and the others dimmed.
        for c, view in enumerate(inputs):
            ov = view.overlay
            assert ov.tapped == WINDOW_3x3 and ov.window_box == (0, 0, 2, 2)
            assert ov.emphasized == (c == ch) and ov.dimmed == (c != ch)
        # Kernel: this kernel is active; its current channel grid is framed.
        assert block.property("active") is True
        for c, ov in enumerate(kernel_overlays(window, 0)):
            assert (ov.window_box == (0, 0, 2, 2)) == (c == ch) and ov.dimmed == (c != ch)
        assert block.bias_view.overlay.current is None and block.bias_view.overlay.dimmed
        assert out.overlay.current == (0, 0)
        u.press(RIGHT)

    # Step 3: + bias lights up.
    assert step_of(window)[3] is Phase.BIAS
    assert ledger_items(window, CURRENT, "bias") == ["1"]
    assert ledger_items(window, CURRENT, "label") == ["+ bias"]
    assert ledger_items(window, DONE, "result") == ["  = 3", "  = 1", "  = 2"]
    assert running_total(window) == "running total: 3 + 1 + 2 + 1 = 7"
    assert block.bias_view.overlay.current == (0, 0) and not block.bias_view.overlay.dimmed
    assert all(not ov.dimmed for ov in kernel_overlays(window, 0))
    assert all(not v.overlay.dimmed and v.overlay.tapped == WINDOW_3x3 for v in inputs)
    u.press(RIGHT)

    # Step 4: = 3 + 1 + 2 + 1 = 7, and the output cell holds 7.
    assert step_of(window)[3] is Phase.TOTAL
    assert ledger_items(window, CURRENT, "total") == ["= 3 + 1 + 2 + 1 = 7"]
    assert ledger_items(window, PENDING) == []
    assert block.bias_view.overlay.current is None
    assert out.overlay.current == (0, 0) and out.model.values()[0, 0] == 7
    assert window.playback_bar.step_label.text() == "4/44 · kernel W0 · row 0 · col 0 · total"

    u.press(RIGHT)  # on to output (0, 1)
    assert step_of(window) == (0, 0, 1, Phase.CHANNEL, 0)
    assert out.overlay.current == (0, 1)
    assert inputs[0].overlay.tapped == frozenset((r, c + 1) for r, c in WINDOW_3x3)
    assert ledger_items(window, role="title") == ["W0 at output (0, 1)"]


def test_multiply_level_links_the_current_tap_its_input_cell_and_its_product(make_window, user):
    window = make_window("seed-3.3")
    u = user(window)
    u.choose(window.playback_bar.level_combo, "per multiply")
    u = at_output(user, window, 0, 1, 2)
    for _ in range(9 + 4):  # channel 2, tap (1, 1)
        u.press(RIGHT)

    s = window.animator.current_step()
    assert (s.phase, s.channel, s.tap) == (Phase.PRODUCT, 1, (1, 1))
    # Window of output (1, 2) starts at input (1, 2): tap (1, 1) reads (2, 3).
    assert window.input_panel.views[1].overlay.current == (2, 3)
    assert window.input_panel.views[0].overlay.current is None
    assert kernel_overlays(window, 0)[1].current == (1, 1)
    assert kernel_overlays(window, 0)[0].current is None
    x2, w2 = window.document.scene.input[2, 3, 1], window.document.scene.kernels[0].weights[1, 1, 1]
    assert ledger_items(window, CURRENT, "term") == [f"{x2:g}·{w2:g}"]
    terms = [i for i in window.ledger_view.items() if i.role == "term" and i.term.channel == 1]
    assert [t.state for t in terms] == [DONE] * 4 + [CURRENT] + [UPCOMING] * 4
    assert ledger_items(window, UPCOMING, "result") == ["  = " + str(int(window.animator.focus().cell.partials[1]))]


def test_hovering_a_product_points_at_its_input_cell_and_its_weight(make_window, user):
    window = make_window("seed-3.3")
    u = at_output(user, window, 0, 1, 1)
    term = next(i for i in window.ledger_view.items() if i.role == "term" and i.term.tap == (0, 2))
    u.hover(window.ledger_view, term.rect.center().toPoint())

    # Output (1, 1): tap (0, 2) reads input (1, 3) of channel 1.
    assert window.input_panel.views[0].overlay.marked == {(1, 3)}
    assert window.input_panel.views[1].overlay.marked == frozenset()
    assert kernel_overlays(window, 0)[0].marked == {(0, 2)}
    assert kernel_overlays(window, 0)[1].marked == frozenset()

    u.hover(window.ledger_view, window.ledger_view.rect().bottomRight() - QPoint(2, 2))  # off every product
    assert window.input_panel.views[0].overlay.marked == frozenset()
    assert kernel_overlays(window, 0)[0].marked == frozenset()


# -- playing -------------------------------------------------------------------------------


def test_playing_shows_the_steps_one_after_another(make_window, qtbot, user):
    window = make_window("seed-3.4")
    u = at_output(user, window)
    animator = window.animator
    u.choose(window.playback_bar.speed_combo, "30 steps/s")
    u.click_cell(window.output_panel.views[0], 0, 0)

    with qtbot.waitSignal(animator.playingChanged, timeout=1000) as started:
        u.press(Qt.Key.Key_Space)
    assert started.args == [True] and animator.is_playing()
    for expected in (1, 2, 3, 4):
        with qtbot.waitSignal(animator.indexChanged, timeout=1000) as stepped:
            pass
        assert stepped.args == [expected]
        assert window.playback_bar.scrubber.value() == expected
        assert window.playback_bar.step_label.text().startswith(f"{expected}/89 ")

    with qtbot.waitSignal(animator.playingChanged, timeout=1000) as stopped:
        u.press(Qt.Key.Key_Space)
    assert stopped.args == [False] and not animator.is_playing()
    paused_at = animator.index
    qtbot.assertNotEmitted(animator.indexChanged, wait=150)
    assert animator.index == paused_at


def test_playback_stops_at_the_last_step_unless_loop_is_on(make_window, qtbot, user):
    window = make_window("seed-3.3")
    u = at_output(user, window)
    animator = window.animator
    u.choose(window.playback_bar.speed_combo, "30 steps/s")
    u.click_cell(window.output_panel.views[0], 0, 0)
    last = len(animator) - 1

    u.press(Qt.Key.Key_End)
    u.press(LEFT)
    assert animator.index == last - 1
    with qtbot.waitSignal(animator.playingChanged, timeout=2000, check_params_cb=lambda playing: not playing):
        u.press(Qt.Key.Key_Space)
    assert animator.index == last and not animator.is_playing()

    u.click(window.playback_bar.loop_box)
    assert animator.loop
    u.press(LEFT)
    seen = []
    animator.indexChanged.connect(seen.append)
    u.press(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(seen) >= 3, timeout=2000)
    assert seen[:3] == [last, 0, 1], "it wraps round to the first step"
    assert animator.is_playing()
    u.press(Qt.Key.Key_Space)
    assert not animator.is_playing()


def test_play_at_the_end_starts_again_from_the_first_step(make_window, qtbot, user):
    window = make_window("seed-3.3")
    u = at_output(user, window)
    u.press(Qt.Key.Key_End)
    with qtbot.waitSignal(window.animator.indexChanged, timeout=1000) as blocker:
        u.click(window.playback_bar.play_button)
    assert blocker.args == [0] and window.animator.is_playing()
    u.click(window.playback_bar.play_button)
    assert not window.animator.is_playing()


def test_brackets_change_the_speed_within_a_quarter_to_thirty_steps_a_second(make_window, user):
    window = make_window("seed-3.3")
    u = at_output(user, window)
    animator, combo = window.animator, window.playback_bar.speed_combo
    assert animator.speed == 2.0
    u.press(Qt.Key.Key_BracketRight)
    assert animator.speed == 3.0 and combo.currentText() == "3 steps/s"
    for _ in range(len(SPEEDS)):
        u.press(Qt.Key.Key_BracketRight)
    assert animator.speed == 30.0 == SPEEDS[-1]
    for _ in range(2 * len(SPEEDS)):
        u.press(Qt.Key.Key_BracketLeft)
    assert animator.speed == 0.25 and combo.currentText() == "0.25 steps/s"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def perf_counter(self) -> float:
        return self.now


def test_playback_speed_does_not_depend_on_timer_jitter(make_window, monkeypatch):
    window = make_window("seed-3.4")
    animator = window.animator
    clock = FakeClock()
    monkeypatch.setattr(animator_module, "time", clock)
    animator.set_speed(5.0)
    animator.play()
    animator._timer.stop()  # the test delivers the ticks itself
    rng = np.random.default_rng(7)

    # Ten simulated seconds of ticks that arrive every 4 to 40 ms, at random.
    while clock.now < 1010.0:
        clock.now += float(rng.uniform(0.004, 0.040))
        animator._timer.timeout.emit()
    assert animator.index in (49, 50), "5 steps a second for 10 s, whatever the tick times"

    # The same with steady ticks gives the same count.
    animator.set_index(0)
    animator.pause()
    animator.play()
    animator._timer.stop()
    start = clock.now
    while clock.now < start + 10.0:
        clock.now += 0.016
        animator._timer.timeout.emit()
    assert animator.index in (49, 50)


def test_a_long_stall_drops_time_instead_of_racing_through_steps(make_window, monkeypatch):
    window = make_window("seed-3.4")
    animator = window.animator
    clock = FakeClock()
    monkeypatch.setattr(animator_module, "time", clock)
    animator.set_speed(10.0)
    animator.play()
    animator._timer.stop()
    clock.now += 5.0  # the machine stalled
    for _ in range(20):
        animator._timer.timeout.emit()
    assert animator.index == 1, "one step after the stall, not fifty at once"


# -- shortcuts --------------------------------------------------------------------------------


def test_keyboard_moves_by_step_output_cell_kernel_and_to_the_ends(make_window, user):
    window = make_window("seed-3.4")
    u = at_output(user, window, 0, 1, 1)
    a = window.animator
    u.press(RIGHT)
    u.press(RIGHT)
    assert step_of(window) == (0, 1, 1, Phase.CHANNEL, 2)

    u.press(RIGHT, CTRL)  # next kernel: same cell, same part of it
    assert step_of(window) == (1, 1, 1, Phase.CHANNEL, 2)
    assert window.kernel_panel.blocks[1].property("active") is True
    assert window.kernel_panel.blocks[0].property("active") is False
    assert window.output_panel.views[1].overlay.current == (1, 1)
    assert window.output_panel.views[0].overlay.current is None
    u.press(LEFT, CTRL)
    assert step_of(window) == (0, 1, 1, Phase.CHANNEL, 2)

    u.press(RIGHT, SHIFT)  # next output cell, from its start
    assert step_of(window) == (0, 1, 2, Phase.CHANNEL, 0)
    u.press(RIGHT)
    u.press(LEFT, SHIFT)  # back to the start of this cell first
    assert step_of(window) == (0, 1, 2, Phase.CHANNEL, 0)
    u.press(LEFT, SHIFT)
    assert step_of(window) == (0, 1, 1, Phase.CHANNEL, 0)

    u.press(Qt.Key.Key_End)
    assert a.index == len(a) - 1 == 89 and step_of(window) == (1, 2, 2, Phase.TOTAL, None)
    u.press(RIGHT)
    assert a.index == 89, "no further without loop"
    u.press(Qt.Key.Key_Home)
    assert a.index == 0
    u.press(LEFT)
    assert a.index == 0


def test_the_help_menu_lists_every_playback_shortcut(make_window, qtbot):
    window = make_window("seed-3.4")
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Help")
    entry = next(a for a in help_menu.actions() if "shortcuts" in a.text().lower())
    entry.trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "shortcutsDialog" and w.isVisible())
    assert isinstance(dialog, QMessageBox)
    text = dialog.text()
    for keys, what in [
        ("Space", "Play / pause"),
        ("← / →", "Step"),
        ("Shift+← / Shift+→", "output cell"),
        ("Ctrl+← / Ctrl+→", "kernel"),
        ("Home / End", "First / last"),
        ("[ / ]", "Slower / faster"),
    ]:
        assert f"<b>{keys}</b>" in text and what in text
    dialog.close()


def test_playback_keys_work_as_soon_as_the_window_opens(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)  # no click first: whatever has the focus at start
    u.press(RIGHT)
    assert window.animator.index == 1
    u.press(Qt.Key.Key_Space)
    assert window.animator.is_playing()
    u.press(Qt.Key.Key_Space)


# -- levels, orders and clicks ------------------------------------------------------------------


def test_switching_level_keeps_the_same_output_cell_in_view(make_window, user):
    window = make_window("seed-3.4")
    u = at_output(user, window, 1, 2, 1)
    u.press(RIGHT)
    u.press(RIGHT)  # W1 (2, 1), channel 3
    combo = window.playback_bar.level_combo

    u.choose(combo, "per multiply")
    s = window.animator.current_step()
    assert (s.kernel, s.out_row, s.out_col, s.phase, s.channel, s.tap) == (1, 2, 1, Phase.PRODUCT, 2, (0, 0))
    assert window.output_panel.views[1].overlay.current == (2, 1)

    u.choose(combo, "per cell")
    assert step_of(window)[:4] == (1, 2, 1, Phase.CELL)
    assert window.output_panel.views[1].overlay.current == (2, 1)
    assert ledger_items(window, CURRENT, "total") == [ledger_items(window, role="total")[0]]

    u.choose(combo, "per channel")
    assert step_of(window)[:3] == (1, 2, 1)
    assert ledger_items(window, role="title") == ["W1 at output (2, 1)"]


def test_position_by_position_order_visits_every_kernel_at_one_cell_first(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    u.choose(window.playback_bar.order_combo, "position by position")
    u.choose(window.playback_bar.level_combo, "per cell")
    u = at_output(user, window, 0, 0, 0)
    visits = []
    for _ in range(4):
        visits.append(step_of(window)[:3])
        u.press(RIGHT)
    assert visits == [(0, 0, 0), (1, 0, 0), (0, 0, 1), (1, 0, 1)]


def test_clicking_an_output_cell_jumps_to_its_first_step(make_window, user):
    # One window, every level in both orders, chosen one after the other.
    window = make_window("seed-3.4")
    u = user(window)
    for level in ("per cell", "per channel", "per multiply"):
        for order in ("kernel by kernel", "position by position"):
            u.choose(window.playback_bar.level_combo, level)
            u.choose(window.playback_bar.order_combo, order)
            trace = window.animator.trace
            for kernel, row, col in [(1, 2, 1), (0, 1, 2), (1, 0, 0), (0, 2, 2)]:
                u.click_cell(window.output_panel.views[kernel], row, col)
                s = window.animator.current_step()
                assert (s.kernel, s.out_row, s.out_col, s.sub) == (kernel, row, col, 0), (level, order)
                assert window.animator.index == trace.index_of(kernel, row, col, 0)
                assert window.output_panel.views[kernel].overlay.current == (row, col)
                assert window.output_panel.views[1 - kernel].overlay.current is None
                assert window.kernel_panel.blocks[kernel].property("active") is True
                assert ledger_items(window, role="title") == [f"W{kernel} at output ({row}, {col})"]
                assert window.playback_bar.scrubber.value() == window.animator.index


def test_clicking_an_input_cell_marks_every_output_cell_that_reads_it(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    outputs = window.output_panel.views
    u.click_cell(window.input_panel.views[1], 0, 0)
    assert [v.overlay.marked for v in outputs] == [{(0, 0)}] * 2
    assert window.input_panel.views[1].overlay.marked == {(0, 0)}
    u.click_cell(window.input_panel.views[1], 2, 2)
    everything = frozenset((r, c) for r in range(3) for c in range(3))
    assert [v.overlay.marked for v in outputs] == [everything] * 2
    u.click_cell(window.input_panel.views[0], 1, 4)
    assert outputs[0].overlay.marked == {(0, 2), (1, 2)}
    u.click_cell(window.input_panel.views[0], 1, 4)  # the same cell again: off
    assert [v.overlay.marked for v in outputs] == [frozenset()] * 2


def test_reveal_shows_only_the_cells_computed_so_far(make_window, user):
    window = make_window("seed-3.3")
    u = at_output(user, window, 0, 1, 0)  # the fourth cell, first step
    u.click(window.playback_bar.reveal_box)
    view = window.output_panel.views[0]
    hidden = view.overlay.hidden
    assert hidden is not None
    assert hidden.tolist() == [[False] * 3, [True] * 3, [True] * 3]
    for _ in range(4):  # to this cell's total
        u.press(RIGHT)
    assert view.overlay.hidden.tolist() == [[False] * 3, [False, True, True], [True] * 3]
    u.click(window.playback_bar.reveal_box)
    assert view.overlay.hidden is None


# -- editing while stepping ---------------------------------------------------------------------


def test_an_edit_while_paused_updates_the_ledger_and_the_maps_at_once(make_window, user):
    window = make_window("seed-3.3")
    u = at_output(user, window)
    index = window.animator.index
    u.click_cell(window.input_panel.views[0], 2, 1)  # tap (2, 1), weight 3
    u.type("2")  # was 1
    u.press(Qt.Key.Key_Return)

    assert window.animator.index == index
    assert ledger_items(window, CURRENT, "result") == ["  = 6"]
    assert "2·3" in ledger_items(window, role="term")
    assert ledger_items(window, role="total") == ["= 6 + 1 + 2 + 1 = 10"]
    assert window.output_panel.views[0].model.values()[0, 0] == 10


def test_an_edit_while_playing_updates_at_once_and_playing_goes_on(make_window, qtbot, user):
    window = make_window("seed-3.3")
    u = at_output(user, window)
    window.animator.set_speed(0.25)
    u.press(Qt.Key.Key_Space)
    assert window.animator.is_playing()
    u.click_cell(window.kernel_panel.blocks[0].bias_view, 0, 0)
    u.type("5")
    u.press(Qt.Key.Key_Return)
    assert window.animator.is_playing()
    assert ledger_items(window, role="total") == ["= 3 + 1 + 2 + 5 = 11"]
    assert window.output_panel.views[0].model.values()[0, 0] == 11
    window.animator.pause()


@pytest.mark.parametrize("level", ["per channel", "per multiply"])
def test_a_resize_clamps_the_step_to_the_nearest_one_of_the_same_kernel(make_window, user, level):
    window = make_window("seed-3.4")
    u = user(window)
    u.choose(window.playback_bar.level_combo, level)
    u = at_output(user, window, 1, 2, 2)
    for _ in range(2 if level == "per channel" else 20):  # channel 3
        u.press(RIGHT)
    before = window.animator.current_step()
    assert (before.kernel, before.channel) == (1, 2)

    u.set_spin(window.input_panel.h_spin, 4)  # 3 output rows become 2
    s = window.animator.current_step()
    assert (s.kernel, s.out_row, s.out_col, s.channel, s.tap) == (1, 1, 2, 2, before.tap)
    assert window.output_panel.views[1].overlay.current == (1, 2)

    u.set_spin(window.param_bar.stride_w, 2)  # 3 output columns become 2
    s = window.animator.current_step()
    assert (s.kernel, s.out_row, s.out_col, s.channel) == (1, 1, 1, 2)

    u.set_spin(window.input_panel.c_spin, 2)  # channel 3 is gone: the last one left
    s = window.animator.current_step()
    assert (s.kernel, s.out_row, s.out_col, s.channel) == (1, 1, 1, 1)

    u.click(window.kernel_panel.blocks[1].remove_button)  # its kernel is gone
    s = window.animator.current_step()
    assert (s.kernel, s.out_row, s.out_col) == (0, 1, 1)
    assert 0 <= window.animator.index < len(window.animator)


# -- dilation and padding ------------------------------------------------------------------------


def test_dilation_highlights_only_the_tapped_cells(make_window, user):
    window = make_window("seed-3.3")
    u = user(window)
    u.set_spin(window.input_panel.h_spin, 6)
    u.set_spin(window.param_bar.dil_h, 2)
    u.set_spin(window.param_bar.dil_w, 2)
    u = at_output(user, window, 0, 1, 0)

    taps = frozenset((r, c) for r in (1, 3, 5) for c in (0, 2, 4))
    for view in window.input_panel.views:
        assert view.overlay.tapped == taps
        assert view.overlay.window_box == (1, 0, 5, 4)
    assert (2, 1) not in taps and (1, 1) not in taps  # the gaps stay plain

    u.choose(window.playback_bar.level_combo, "per multiply")
    u.click_cell(window.output_panel.views[0], 1, 0)
    for _ in range(4):
        u.press(RIGHT)  # tap (1, 1)
    assert window.input_panel.views[0].overlay.current == (3, 2)
    assert kernel_overlays(window, 0)[0].current == (1, 1)


def test_reflect_padding_shows_the_copied_value_in_the_grid_and_the_ledger(make_window, user):
    window = make_window("seed-3.3")
    u = user(window)
    u.set_spin(window.param_bar.pad_h, 1)
    u.set_spin(window.param_bar.pad_w, 1)
    u.choose(window.param_bar.mode, "reflect")
    u = at_output(user, window, 0, 0, 0)
    view = window.input_panel.views[0]
    x = window.document.scene.input[:, :, 0]

    # The window of output (0, 0) covers padded rows/cols 0-2: the ring
    # cells reflect row/col 1 across the edge.
    assert view.overlay.tapped == WINDOW_3x3
    assert view.padding_source(0, 0) == (1, 1) and view.padding_source(0, 2) == (1, 1)
    assert view.padding_source(2, 0) == (1, 1) and view.padding_source(1, 0) == (0, 1)
    assert u.tooltip_at(view, 0, 1) == f"padding (reflect) · row -1, col 0 copies row 1, col 0 = {x[1, 0]:g}"

    cell = window.animator.focus().cell
    first = cell.tap(0, 0)
    assert first.padding and first.source == (1, 1)
    terms = [i for i in window.ledger_view.items() if i.role == "term" and i.term.channel == 0]
    w = window.document.scene.kernels[0].weights[:, :, 0]
    assert terms[0].text == f"{x[1, 1]:g}·{w[0, 0]:g}" and terms[0].term.padding
    assert terms[4].text == f"{x[0, 0]:g}·{w[1, 1]:g}" and not terms[4].term.padding
    assert window.output_panel.views[0].model.values()[0, 0] == float(cell.value)
