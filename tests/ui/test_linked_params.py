"""Stride, padding and dilation pairs can be linked (issue 11, item 17): a
linked change sets both values as ONE undo step."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("link", "spins", "param", "value", "label"),
    [
        ("stride_link", ("stride_h", "stride_w"), "stride", 2, "Set stride to 2×2"),
        ("pad_link", ("pad_h", "pad_w"), "padding", 1, "Set padding to 1×1"),
        ("dil_link", ("dil_h", "dil_w"), "dilation", 2, "Set dilation to 2×2"),
    ],
)
def test_a_linked_pair_changes_both_values_in_one_undo_step(make_window, user, link, spins, param, value, label):
    window = make_window("seed-3.4")
    bar, u = window.param_bar, user(window)
    before = window.document.scene
    u.click(getattr(bar, link))
    assert getattr(bar, link).isChecked()

    u.set_spin(getattr(bar, spins[1]), value)  # the second one: the first follows

    assert getattr(window.document.scene.params, param) == (value, value)
    assert [getattr(bar, name).value() for name in spins] == [value, value]
    stack = window.document.undo_stack
    assert stack.count() == 1 and stack.undoText() == label
    u.shortcut("Ctrl+Z")
    assert window.document.scene == before
    assert [getattr(bar, name).value() for name in spins] == [getattr(before.params, param)[0]] * 2


def test_unlinked_pairs_still_change_one_value(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    u.set_spin(window.param_bar.stride_w, 2)
    assert window.document.scene.params.stride == (1, 2)


def test_linking_a_pair_that_differs_makes_it_equal_as_one_step(make_window, user):
    window = make_window("seed-3.4")
    bar, u = window.param_bar, user(window)
    u.set_spin(bar.dil_w, 2)
    u.click(bar.dil_link)
    assert window.document.scene.params.dilation == (1, 1)
    assert window.document.undo_stack.count() == 2


def test_the_padding_link_follows_the_custom_numbers(make_window, user):
    window = make_window("seed-3.4")
    bar, u = window.param_bar, user(window)
    u.choose(bar.pad_kind, "same")
    assert not bar.pad_link.isEnabled()
