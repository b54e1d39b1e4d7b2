"""For impossible settings the size formula shows the numbers that reach zero
or below, not only "no output" (issue 11, item 17)."""

from __future__ import annotations


def test_a_kernel_larger_than_the_input_shows_the_formula_going_below_zero(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    u.set_spin(window.kernel_panel.kh_spin, 7)

    oh, ow = window.output_panel.formula_h.text(), window.output_panel.formula_w.text()
    assert oh == "oh = ⌊(H + 2p − d(k−1) − 1)/s⌋ + 1\n     = ⌊(5 + 0 − 6 − 1)/1⌋ + 1 = -1 ≤ 0: no output"
    assert ow.endswith("= ⌊(5 + 0 − 2 − 1)/1⌋ + 1 = 3 (but see above)")


def test_dilation_that_spans_past_the_padded_input_shows_zero(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    u.set_spin(window.param_bar.dil_w, 3)  # 3×3 kernel spans 7 columns of 5

    assert window.output_panel.formula_w.text().endswith("= ⌊(5 + 0 − 6 − 1)/1⌋ + 1 = -1 ≤ 0: no output")
    assert window.output_panel.formula_h.text().endswith("= 3 (but see above)")
