"""A number drawn in a cell is never cut: it fits, keeps its sign and reads back correctly."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetricsF

from convviz.core.ledger import build_ledger
from convviz.core.numbers import MINUS, parse_number
from convviz.core.scene import Kernel, Scene
from convviz.core.trace import StepTrace
from convviz.ui.base import theme as th
from convviz.ui.panels.ledger_view import layout_ledger

CORPUS = (-0.333, 1.667, 0.037, 233.686, -1234567.0, 1e-7, -0.0, 1e300, -1e300, 7.0, -2.0, 0.5, -12.25)
# Cell sizes the window uses (12 px and up, base font 0.42 of the cell) and the
# frame renderer uses (4 to 90 base pixels, font 0.55 of the cell; 1.5× at 1080p).
WINDOW = [(float(s), s * 0.42, th.MIN_CELL_FONT_PX) for s in range(12, 97, 3)]
FRAMES = [(s * u, min(s * u * 0.55, s * u * 0.66), th.MIN_CELL_FONT_PX * u) for s in range(4, 91, 3) for u in (1.0, 1.5)]


@pytest.fixture(scope="module", autouse=True)
def fonts(qapp):
    th.load_fonts()


@pytest.mark.parametrize("value", CORPUS)
def test_a_cell_shows_a_correct_rounding_that_fits_or_nothing(value):
    for size, base, floor in WINDOW + FRAMES:
        for bold, italic in ((False, False), (True, False), (True, True)):
            shown, px = th.fit_cell_text(value, size, size, base, floor, bold=bold, italic=italic)
            if shown is None:
                continue
            width = QFontMetricsF(th.font(px, bold=bold, italic=italic)).horizontalAdvance(shown.text)
            assert width <= th.cell_text_room(size), (value, size, shown.text, px)
            assert px >= floor - 1e-9 and px <= max(base, floor) + 1e-9
            assert abs(parse_number(shown.text) - value) <= shown.tolerance * (1 + 1e-9) + abs(value) * 1e-15
            assert shown.text.startswith(MINUS) == (value < 0)


def test_the_numbers_that_used_to_be_clipped_are_whole_in_a_14_px_kernel_cell_or_the_cell_grows(make_window):
    window = make_window("seed-3.1")
    scene = window.document.scene
    kernel = Kernel("K", [[[-0.333], [1.667], [0.037]]] * 3)
    window.load_scene(Scene(scene.input, (kernel,), name="thirds"))
    view = window.kernel_panel.blocks[0].views[0]
    view.set_cell_size(14)
    assert view.cell_size > 14  # grown so each value has a legible correct form
    for col, value in enumerate((-0.333, 1.667, 0.037)):
        text, _ = view.cell_state(0, col)
        assert text and abs(parse_number(text) - value) <= 0.05
        assert text.startswith(MINUS) == (value < 0)
    assert "1.667" in view.tooltip_text(0, 1)


def test_a_wrapped_ledger_row_keeps_every_plus_sign():
    import numpy as np

    rng = np.random.default_rng(0)
    scene = Scene(rng.random((5, 5, 1)).round(3), (Kernel("W0", rng.random((5, 5, 1)).round(3) - 0.5),))
    cell = StepTrace(scene, "cell").cell(0, 0, 0)
    ledger = build_ledger(cell)
    layout = layout_ledger(ledger, 700.0, 19.0)
    terms = [i for i in layout.items if i.role == "term"]
    plus = [i for i in layout.items if i.role == "plus"]
    rows = {round(i.rect.top(), 3) for i in terms}
    assert len(terms) == 25 and len(rows) > 1  # it wraps
    assert len(plus) == len(terms) - 1
    # Each continuation line starts with "+".
    for top in sorted(rows)[1:]:
        first = min((i for i in layout.items if round(i.rect.top(), 3) == top and i.role in ("term", "plus")),
                    key=lambda i: i.rect.left())  # fmt: skip
        assert first.role == "plus"


def test_maps_side_by_side_share_one_cell_size_even_when_one_needs_larger_cells(make_window, qtbot):
    """A map whose numbers need larger cells grows, and its neighbours with it,
    so the maps still match cell for cell; an edit that widens one input
    channel's numbers grows every channel the same way."""
    import numpy as np

    window = make_window("seed-3.4")
    scene = window.document.scene
    small = Kernel("small", np.zeros_like(scene.kernels[0].weights))
    wide = Kernel("wide", scene.kernels[0].weights * 1000.5)  # maps of six-digit, half-integer numbers
    window.load_scene(Scene(scene.input, (small, wide), name="two maps"))
    window.output_panel.set_cell_size(14)
    maps = window.output_panel.views
    assert maps[1].legible_cell > maps[0].legible_cell  # the second map alone needs the larger cells
    assert {v.cell_size for v in maps} == {maps[1].legible_cell}

    window.input_panel.set_cell_size(14)
    channels = window.input_panel.views
    assert len({v.cell_size for v in channels}) == 1
    before = channels[0].cell_size
    assert window.document.set_block("input", 0, 2, 0, 0, np.array([[-12345.25]]))
    qtbot.waitUntil(lambda: channels[2].cell_size > before)
    assert {v.cell_size for v in channels} == {channels[2].cell_size}
