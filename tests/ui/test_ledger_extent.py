"""The frame layout's ledger heights (ledger_extent.py) are the heights the
ledger is drawn at: its own wrapping of the pieces laid out once, checked
against layout_ledger's layout at every width."""

from __future__ import annotations

import numpy as np
import pytest

from convviz.core.catalogue import resolve_scene
from convviz.core.scene import Kernel, Scene
from convviz.ui.panels.ledger_view import layout_ledger
from convviz.ui.recording.frame_layout import sample_ledgers
from convviz.ui.recording.frame_renderer import make_trace
from convviz.ui.panels.ledger_wrap import WrappedLedger
from convviz.ui.recording.ledger_extent import LedgerSamples


def drawn_extent(ledger, width: float, px: float) -> tuple[float, bool]:
    """The height of the ledger as drawn, and whether a product or a result
    sits below its line's first row."""
    layout = layout_ledger(ledger, width, px)
    line_tops = {round(i.rect.top(), 3) for i in layout.items if i.role in ("label", "total", "title")}
    wraps = any(round(i.rect.top(), 3) not in line_tops for i in layout.items if i.role in ("term", "result"))
    return layout.height, wraps


def deep_scene() -> Scene:
    rng = np.random.default_rng(3)
    return Scene(rng.integers(-2, 3, (5, 5, 12)).astype(float), (Kernel("K0", rng.integers(-9, 10, (3, 3, 12)).astype(float)),))


def decimal_scene() -> Scene:
    rng = np.random.default_rng(4)
    return Scene(rng.normal(size=(5, 5, 3)).round(3), (Kernel("K0", rng.normal(size=(3, 3, 3)).round(2)),))


@pytest.mark.parametrize(
    ("scene", "level"),
    [(deep_scene, "channel"), (decimal_scene, "multiply"), (lambda: resolve_scene("seed-3.1-adjoint"), "channel")],
    ids=["deep", "decimals", "transposed"],
)
def test_every_ledger_shown_is_as_high_at_every_width_as_it_is_drawn(qapp, scene, level):
    trace = make_trace(scene(), level)
    samples = LedgerSamples(sample_ledgers(trace))
    checked = 0
    for keep in sorted({1, 3, trace.channels_per_kernel}):
        for px in (9.0, 21.0):
            ledgers = samples.shown(keep)
            for ledger in ledgers[:: max(1, len(ledgers) // 6)]:
                wrapped = WrappedLedger(layout_ledger(ledger, 1e9, px))
                drawn = [drawn_extent(ledger, float(width), px) for width in np.linspace(80, 1300, 40)]
                assert [wrapped.extent(float(width)) for width in np.linspace(80, 1300, 40)] == drawn
                checked += any(wraps for _, wraps in drawn) and not all(wraps for _, wraps in drawn)
            tallest = max((drawn_extent(ledger, 500.0, px) for ledger in ledgers), key=lambda e: e[0])
            assert samples.extent(500.0, px, keep)[0] == tallest[0]
    assert checked  # some ledgers wrap at the narrow widths and not at the wide ones


def test_the_window_plans_the_ledgers_height_as_it_is_drawn_at_every_width(qapp):
    from PySide6.QtCore import QPointF

    from convviz.ui.panels.ledger_view import LedgerView

    ledgers = sample_ledgers(make_trace(deep_scene(), "channel"))
    view = LedgerView()
    view.set_ledger(ledgers[0])
    for px in (13.0, 19.5):
        view.set_font_px(px)
        for width in range(100, 1400, 29):
            drawn = [layout_ledger(ledger, max(200.0, width - 16.0), px, QPointF(8, 4)).height for ledger in ledgers]
            assert view.height_for(width, ledgers[1:]) == int(max(drawn) + 10)
