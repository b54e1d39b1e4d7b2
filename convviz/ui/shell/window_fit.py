"""Fitting the window's grids: the largest cells at which everything shows.

Two placements are tried. In the *band*, the input, kernel and map panels
stand side by side above the ledger, which spans the window. In the
*column*, the input takes the window's whole height at the left and the
kernels and maps stand side by side above the ledger: a deep input's
channels, stacked two high, need the height the band gives the ledger.
Each panel takes its narrowest arrangement (how its grids wrap, whether its
header fits on one row) that fits the height; the larger cells win, the
band on a tie. The ledger takes the height its lines need at a font that
follows the cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSize

__all__ = ["FIT_MAX_CELL", "MIN_CELL", "fit_window"]

MIN_CELL = 14
FIT_MAX_CELL = 56  # fitting never makes cells larger than this
LEDGER_SHARE = 0.45  # the most of the height the ledger may take


@dataclass
class _Fit:
    column: bool  # the input in a column of its own
    cell: int
    fits: bool
    widths: list[int]  # what each panel needs, left to right
    ledger_h: int


def _narrowest(panel: Any, height: int, strict: bool) -> QSize | None:
    """Put ``panel`` in its narrowest arrangement no higher than ``height``
    (where none is, its lowest: it scrolls); its size, or None if nothing
    fits and ``strict``."""
    ranked = []
    for n, choice in enumerate(panel.arrangements()):
        panel.arrange(choice)
        need = panel.required_size()
        fits = need.height() <= height
        ranked.append(((0, need.width(), need.height()) if fits else (1, need.height(), need.width()), n, choice))
    (misfit, *_), _, choice = min(ranked)
    if misfit and strict:
        return None
    panel.arrange(choice)
    return panel.required_size()


def _arrange(window: Any, cell: int, column: bool, width: int, total_h: int, strict: bool) -> _Fit | None:
    """Everything at cells of ``cell`` px in one placement: how it fits, or
    None when it doesn't and ``strict``."""
    window.set_cell_size(cell)
    handle = window.body.handleWidth()

    def ledger_height(ledger_w: int) -> int:
        return min(window.ledger_view.height_for(ledger_w) + 6, int(total_h * LEDGER_SHARE))

    widths: list[int] = []
    fits = True
    if column:
        need = _narrowest(window.input_panel, total_h, strict)
        if need is None:
            return None
        fits = need.height() <= total_h
        widths.append(need.width())
        ledger_h = ledger_height(width - need.width())
        beside = (window.kernel_panel, window.output_panel)
    else:
        ledger_h = ledger_height(width)
        beside = (window.input_panel, window.kernel_panel, window.output_panel)
    top_h = total_h - ledger_h - handle
    for panel in beside:
        need = _narrowest(panel, top_h, strict)
        if need is None:
            return None
        fits = fits and need.height() <= top_h
        widths.append(need.width())
    fits = fits and sum(widths) <= width
    if strict and not fits:
        return None
    return _Fit(column, cell, fits, widths, ledger_h)


def _largest(window: Any, column: bool, width: int, total_h: int) -> _Fit:
    low, high = MIN_CELL, FIT_MAX_CELL
    while low < high:  # the largest size that fits
        mid = (low + high + 1) // 2
        if _arrange(window, mid, column, width, total_h, strict=True) is not None:
            low = mid
        else:
            high = mid - 1
    fit = _arrange(window, low, column, width, total_h, strict=False)
    assert fit is not None  # not strict: always an answer
    return fit


def fit_window(window: Any) -> None:
    """Place the panels and size the cells of ``window`` (a MainWindow) to
    use its whole body, and set its splitters to match."""
    handle = window.panels.handleWidth()
    outer = window.outer
    width = max(300, (outer.width() or window.width()) - 2 * handle - 4)
    total_h = outer.height() or max(300, window.height() - 170)
    best: _Fit | None = None
    for column in (False, True):
        window.place_input(column)
        fit = _largest(window, column, width, total_h)
        if best is None or (fit.fits, fit.cell) > (best.fits, best.cell):
            best = fit
    assert best is not None
    window.place_input(best.column)
    final = _arrange(window, best.cell, best.column, width, total_h, strict=False)
    assert final is not None
    spare = max(0, width - sum(final.widths))
    sizes = [w + spare // len(final.widths) for w in final.widths]
    if final.column:
        outer.setSizes([sizes[0], sum(sizes[1:]) + handle])
        window.panels.setSizes(sizes[1:])
    else:
        outer.setSizes([outer.width()])
        window.panels.setSizes(sizes)
    window.body.setSizes([total_h - final.ledger_h, final.ledger_h])
