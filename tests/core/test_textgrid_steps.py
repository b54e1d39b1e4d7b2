"""Paste parsing and step ranges, tested on their own, without a window."""

from __future__ import annotations

import numpy as np
import pytest

from convviz.core.catalogue import resolve_scene
from convviz.core.errors import ConvError
from convviz.core.step_range import kernel_step_range, resolve_kernel
from convviz.core.textgrid import MAX_PASTE_CHARS, format_tsv, parse_grid_text
from convviz.core.trace import StepTrace


@pytest.mark.parametrize(
    "text",
    [
        "1\t2\n3\t4",
        "1,2\n3,4\n",
        "1 2\n  3   4",
        "[[1, 2], [3, 4]]",
        "array([[1., 2.],\n       [3., 4.]])",
        "np.array([[1, 2], [3, 4]])",
    ],
)
def test_paste_reads_spreadsheet_csv_whitespace_and_numpy_text(text):
    assert parse_grid_text(text).tolist() == [[1.0, 2.0], [3.0, 4.0]]


def test_paste_takes_the_true_minus_and_a_single_number():
    assert parse_grid_text("\u22121\t2.5").tolist() == [[-1.0, 2.5]]
    assert parse_grid_text(" 7 ").tolist() == [[7.0]]


@pytest.mark.parametrize(
    ("text", "says"),
    [("1\t2\n3", "row"), ("1\tx", "x"), ("", "no numbers"), ("[[1, 2], [3]]", "row")],
)
def test_paste_refuses_what_it_would_have_to_guess(text, says):
    with pytest.raises(ValueError, match=says):
        parse_grid_text(text)


def test_paste_refuses_a_huge_clipboard_before_parsing_it():
    with pytest.raises(ValueError):
        parse_grid_text("1 " * (MAX_PASTE_CHARS // 2 + 10))


def test_copy_writes_what_paste_reads_back_exactly():
    values = np.array([[-1.5, 0.1 + 0.2], [1e-9, 12345.678901]])
    assert np.array_equal(parse_grid_text(format_tsv(values)), values)


@pytest.mark.parametrize("order", ["kernel", "position"])
@pytest.mark.parametrize("level", ["cell", "channel", "multiply"])
def test_a_kernels_steps_are_exactly_its_own_in_order(level, order):
    trace = StepTrace(resolve_scene("seed-3.4"), level, order)
    seen = []
    for k in range(trace.kernel_count):
        steps = list(kernel_step_range(trace, k))
        assert steps == sorted(steps)
        assert {trace.step(i).kernel for i in steps} == {k}
        seen += steps
    assert sorted(seen) == list(range(len(trace)))
    assert list(kernel_step_range(trace, None)) == list(range(len(trace)))


def test_a_kernel_is_named_or_numbered_and_a_wrong_one_is_explained():
    scene = resolve_scene("seed-3.4")
    assert resolve_kernel(scene, "W1") == resolve_kernel(scene, "1") == resolve_kernel(scene, 1) == 1
    assert resolve_kernel(scene, None) is None
    with pytest.raises(ConvError, match="W0, W1"):
        resolve_kernel(scene, "W7")
    with pytest.raises(ConvError, match="0..1"):
        resolve_kernel(scene, 2)
