"""Recording frames at 1280×720: cells larger than the window's, the input in
a column of the whole height with the ledger beside it, or its channels in
one row on top, where that gives them, the ledger's text in proportion to the
cells, every number written, and one layout for every step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QFontMetricsF
from test_layout_fit import dense, refitted, smallest_cell

from convviz.core.catalogue import resolve_scene
from convviz.core.frames import frame_at
from convviz.core.ledger import windowed_ledger
from convviz.core.trace import StepTrace
from convviz.ui.base import theme as th
from convviz.ui.panels.ledger_view import layout_ledger
from convviz.ui.recording.frame_layout import compute_layout
from convviz.ui.recording.frame_renderer import FrameRenderer, make_trace, render_frame_image

SIZE = (1280, 720)
WINDOW_TARGET = {"8x8x4": 24}  # px: the window's cells at 1280×720


def scene_named(name: str):
    return dense(8, 4, 4, 3, 1) if name == "8x8x4" else resolve_scene(name)


def layout_of(scene):
    return compute_layout(scene, StepTrace(scene, "channel"), *SIZE)


def ledger_rect(lay) -> QRectF:
    return QRectF(lay.ledger_origin, QSizeF(lay.ledger_width, lay.ledger_height))


@pytest.mark.parametrize("name", ["seed-3.1", "seed-3.4", "cs231n-style", "8x8x4"])
def test_a_720p_frame_has_cells_at_least_1_3_times_the_windows(make_window, qtbot, name):
    scene = scene_named(name)
    window = make_window("seed-3.4")
    window.load_scene(scene)
    refitted(window, qtbot)
    lay = layout_of(scene)
    # Every grid's cells, the maps' (larger where their numbers are longer) too.
    frame_cells = [g.cell_w for g in (*lay.inputs, *lay.kernels, lay.bias, *lay.outputs)]
    assert min(frame_cells) >= 1.3 * smallest_cell(window)
    # And 1.3 × the window's target (issue 13: 24 px for 8×8×4 with four kernels).
    assert min(frame_cells) >= 1.3 * WINDOW_TARGET.get(name, 0)


@pytest.mark.parametrize("name", ["seed-3.4", "8x8x4"])
def test_beside_a_tall_input_the_ledger_takes_the_width_right_of_it_and_nothing_overlaps(name):
    lay = layout_of(scene_named(name))
    ledger = ledger_rect(lay)
    # The input has the frame's whole height: it runs past the ledger's top,
    # and the ledger starts right of it.
    assert max(g.rect.bottom() for g in lay.inputs) > ledger.top()
    assert ledger.left() > max(g.rect.right() for g in lay.inputs)
    drawn = [g.rect for g in (*lay.inputs, *lay.kernels, lay.bias, *lay.outputs)]
    drawn += [g.caption_rect for g in (*lay.inputs, *lay.kernels, lay.bias, *lay.outputs)]
    drawn += [lay.input_header, lay.kernel_header, lay.output_header, lay.legend_rect, *lay.chips]
    drawn += [rect for rect, _ in lay.operators]
    assert [r for r in drawn if r.intersects(ledger)] == []
    assert ledger.right() <= lay.width - 20 * lay.unit + 0.5
    assert ledger.bottom() <= lay.progress_rect.top()
    assert lay.ledger_px >= 17  # as large as the window's ledger at its smallest


@pytest.mark.parametrize("name", ["seed-3.4", "8x8x4", "cs231n-style"])
def test_the_ledger_keeps_its_place_and_size_at_every_step(name):
    """The frame's layout is one for all steps: the ledger's longest step fits
    the height kept for it at its font, so nothing shrinks or jumps."""
    scene = scene_named(name)
    trace = StepTrace(scene, "channel")
    lay = compute_layout(scene, trace, *SIZE)
    steps = range(len(trace)) if len(trace) < 200 else [*range(0, len(trace), 7), len(trace) - 1]
    for index in steps:
        frame = frame_at(scene, trace, index)
        ledger = windowed_ledger(frame.ledger, frame.focus.kernel_channel, lay.ledger_lines)
        assert layout_ledger(ledger, lay.ledger_width, lay.ledger_px, lay.ledger_origin).height <= lay.ledger_height + 1


@pytest.mark.parametrize("name", ["8x8x4", "cs231n-style"])
def test_a_dense_frame_writes_every_number_in_its_cell(name):
    """8×8×4 with four kernels: the maps' three-character numbers (−97) get
    cells large enough to be written in, not colour alone; cs231n-style's
    in its arrangement with the input on top."""
    scene = scene_named(name)
    renderer = FrameRenderer(record=True)
    last = len(StepTrace(scene, "channel")) - 1
    render_frame_image(scene, size=SIZE, step=last, renderer=renderer)
    record = renderer.last_record
    H, W, C = scene.input_shape
    K = len(scene.kernels)
    assert record is not None and len(record.cells) >= C + C + 1 + K  # inputs, kernels, bias, maps
    blank = [(key, where) for key, cells in record.cells.items() for where, (text, _) in cells.items() if not text]
    assert blank == []


def drawn_rects(lay) -> list[QRectF]:
    """Every grid, caption, header, chip, legend and operator of the frame."""
    grids = (*lay.inputs, *lay.kernels, lay.bias, *lay.outputs)
    rects = [g.rect for g in grids] + [g.caption_rect for g in grids]
    rects += [lay.input_header, lay.kernel_header, lay.output_header, lay.legend_rect, *lay.chips]
    return rects + [rect for rect, _ in lay.operators]


def test_cs231n_style_puts_its_three_padded_channels_in_one_row_on_top_and_uses_the_frame():
    lay = layout_of(resolve_scene("cs231n-style"))
    assert lay.cell >= 45  # 1.3 × the window's 34 px
    assert len({round(g.rect.top(), 3) for g in lay.inputs}) == 1  # one row
    inputs_bottom = max(g.rect.bottom() for g in lay.inputs)
    assert min(g.caption_rect.top() for g in (*lay.kernels, lay.bias)) > inputs_bottom  # the kernel under them
    ledger = ledger_rect(lay)
    assert ledger.top() > inputs_bottom
    # The content spans the frame: from the headers under the title to the ledger's foot.
    assert (ledger.bottom() - lay.input_header.top()) / lay.height >= 0.85
    # Nothing overlaps (the headers' rects reach over the operator right of
    # their section, so they are left out of the pairs but not of the ledger's).
    headers = (lay.input_header, lay.kernel_header, lay.output_header)
    rects = [r for r in drawn_rects(lay) if r not in headers]
    overlapping = [(a, b) for n, a in enumerate(rects) for b in rects[n + 1 :] if not a.intersected(b).isEmpty()]
    assert overlapping == []
    assert [r for r in drawn_rects(lay) if r.intersects(ledger)] == []
    assert ledger.right() <= lay.width - 20 * lay.unit + 0.5 and ledger.bottom() <= lay.progress_rect.top()


@pytest.mark.parametrize("name", ["cs231n-style", "seed-3.1-adjoint"])
def test_a_ledger_beside_the_maps_keeps_every_line_whole_at_every_step(name):
    """A ledger narrower than the frame: its title never runs into the running
    total, and no result or product passes its right edge, at any step."""
    scene = resolve_scene(name)
    trace = make_trace(scene)
    lay = compute_layout(scene, trace, *SIZE)
    assert lay.ledger_width < lay.width - 2 * 20 * lay.unit - 100  # the case under test: beside the maps
    right = lay.ledger_origin.x() + lay.ledger_width
    title_font = QFontMetricsF(th.font(lay.ledger_px * 0.85, bold=True))
    for index in range(len(trace)):
        frame = frame_at(scene, trace, index)
        ledger = windowed_ledger(frame.ledger, frame.focus.kernel_channel, lay.ledger_lines)
        items = layout_ledger(ledger, lay.ledger_width, lay.ledger_px, lay.ledger_origin).items
        assert [i.text for i in items if i.role != "title" and i.rect.right() > right + 0.5] == [], index
        running = [i for i in items if i.role == "running"]
        title_end = lay.ledger_origin.x() + title_font.horizontalAdvance(ledger.title)
        assert all(r.rect.left() >= title_end for r in running), index


@pytest.mark.parametrize("name", ["transposed-2x2-s2", "cs231n-style"])
def test_the_ledger_text_keeps_in_proportion_to_large_cells(name):
    """Large cells no longer come with the window's least ledger text: it is
    0.4 × the cells, or 20 px, at least (transposed-2x2-s2 had 65 px cells
    with 17 px text)."""
    scene = resolve_scene(name)
    lay = compute_layout(scene, make_trace(scene), *SIZE)
    assert lay.ledger_px >= min(0.4 * lay.cell, 20.0) - 0.01
