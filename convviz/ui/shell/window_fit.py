"""Fitting the window's grids: the largest cells at which everything shows.

Two placements are tried. In the *band*, the input, kernel and map panels
stand side by side above the ledger, which spans the window. In the
*column*, the input takes the window's whole height at the left and the
kernels and maps stand side by side above the ledger: a deep input's
channels, stacked two high, need the height the band gives the ledger.
Each panel takes its narrowest arrangement (how its grids wrap, whether its
header fits on one row) that fits the height; the larger cells win, the
band on a tie. The ledger takes the height its lines need at a font that
follows the cells. Where showing everything gives small cells, the
choices of :mod:`crowding` (one kernel at a time, the ledger's earlier
channel lines summed up) are tried too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSize, QTimer

from convviz.ui.panels.widgets import hide_idle_bars
from convviz.ui.shell.crowding import CROWDED_BELOW, apply_crowding, crowding_choices

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
    fits_width: bool  # no horizontal scrolling, at least
    narrow_misfit: bool  # how it was arranged (see _narrowest)
    overflow: int  # the height of grids scrolled out of sight

    @property
    def rank(self) -> tuple[bool, bool, int, int]:
        return (self.fits, self.fits_width, self.cell, -self.overflow)


class _Measures:
    """One fit's measurements, each taken once.

    The binary search over cell sizes meets the same cells in both
    placements (and the chosen cell again when the fit is applied), and a
    panel's required size at a cell in one arrangement doesn't depend on
    the placement or on the other panels: it is measured the first time and
    looked up after (about half of a fit's measurements were repeats). The
    window's cells are set only where a measurement is missing; :meth:`apply`
    then leaves the window as fitting the last arrangement measured would
    have left it. A panel's header, on one row or two, is measured by
    changing the header alone where the grids are as measured last: their
    hints stand, and refreshing them all is most of a measurement.
    """

    def __init__(self, window: Any) -> None:
        self.window = window
        self.cell = window.cell_size  # the cells the fit is looking at
        self._set: int | None = None  # the cells the widgets have (None: not set by this fit yet)
        self._sizes: dict[tuple[int, int, object], QSize] = {}
        self._ledger: dict[tuple[int, int, int | None], int] = {}
        self.chosen: dict[int, tuple[Any, object]] = {}  # each panel's arrangement, by id
        self._arranged: dict[int, Any] = {}  # each panel's arrangement measured last at these cells, by id

    def _cells_set(self) -> None:
        if self._set != self.cell:
            self.window.set_cell_size(self.cell)
            self._set = self.cell
            self._arranged.clear()

    def size(self, panel: Any, choice: Any) -> QSize:
        """``panel``'s required size at these cells arranged as ``choice``."""
        key = (id(panel), self.cell, choice)
        size = self._sizes.get(key)
        if size is None:
            self._cells_set()
            if not self._header_only(panel, choice):
                panel.arrange(choice)
            self._arranged[id(panel)] = choice
            size = self._sizes[key] = panel.required_size()
        return size

    def _header_only(self, panel: Any, choice: Any) -> bool:
        """Arrange ``panel`` as ``choice`` by changing its header's form alone
        (the last of an arrangement), where the rest is as measured last."""
        header = getattr(panel, "header", None)
        last = self._arranged.get(id(panel))
        if header is None or last is None or last[:-1] != choice[:-1]:
            return False
        header.set_one_row(choice[-1])
        header.updateGeometry()  # the panel's layout drops the header's hint
        panel.layout().invalidate()
        return True

    def arrange(self, panel: Any, choice: object) -> QSize:
        """Take ``choice`` for ``panel``; its required size."""
        self.chosen[id(panel)] = (panel, choice)
        return self.size(panel, choice)

    def required_size(self, panel: Any) -> QSize:
        """``panel``'s required size in the arrangement taken for it."""
        return self.size(panel, self.chosen[id(panel)][1])

    def ledger_height(self, width: int) -> int:
        key = (self.cell, width, self.window.ledger_view.keep)
        height = self._ledger.get(key)
        if height is None:
            self._cells_set()
            # The most any step's ledger needs, not this step's: a refit at
            # the bias step must leave room for the channel lines of the next.
            height = self._ledger[key] = self.window.ledger_view.height_for(width, self.window.reserved_ledgers())
        return height

    def apply(self) -> None:
        """Set the window's cells and every panel's arrangement to those taken."""
        self.window.set_cell_size(self.cell)
        for panel, choice in self.chosen.values():
            panel.arrange(choice)


def _narrowest(measures: _Measures, panel: Any, height: int | None, strict: bool) -> QSize | None:
    """Put ``panel`` in its narrowest arrangement no higher than ``height``
    (any height for None); where none is, its lowest (it scrolls
    sideways). Its size, or None if nothing fits and ``strict``."""
    ranked = []
    for n, choice in enumerate(panel.arrangements()):
        need = measures.size(panel, choice)
        fits = height is None or need.height() <= height
        key = (0, need.width(), need.height()) if fits else (1, need.height(), need.width())
        ranked.append((key, n, choice))
    (misfit, *_), _, choice = min(ranked)
    if misfit and strict:
        return None
    return measures.arrange(panel, choice)


def _lowest_within(measures: _Measures, panel: Any, width: int) -> QSize:
    """Put ``panel`` in its lowest arrangement no wider than ``width``
    (where none is, its narrowest); its size."""
    ranked = []
    for n, choice in enumerate(panel.arrangements()):
        need = measures.size(panel, choice)
        fits = need.width() <= width
        ranked.append(((0, need.height(), need.width()) if fits else (1, need.width(), need.height()), n, choice))
    _, _, choice = min(ranked)
    return measures.arrange(panel, choice)


def _arrange(
    measures: _Measures,
    cell: int,
    column: bool,
    width: int,
    total_h: int,
    strict: bool,
    narrow_misfit: bool = False,
) -> _Fit | None:
    """Everything at cells of ``cell`` px in one placement: how it fits, or
    None when it doesn't and ``strict``."""
    window = measures.window
    measures.cell = cell
    handle = window.body.handleWidth()

    def ledger_height(ledger_w: int) -> int:
        # + 2: the band's 1 px top border and 1 px to spare (height_for has the margins)
        return min(measures.ledger_height(ledger_w) + 2, int(total_h * LEDGER_SHARE))

    widths: list[int] = []
    fits = True
    if column:
        need = _narrowest(measures, window.input_panel, total_h, strict)
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
        need = _narrowest(measures, panel, top_h, strict)
        if need is None:
            return None
        fits = fits and need.height() <= top_h
        widths.append(need.width())
    # Each panel, left to right, and the height it has.
    placed = [(window.input_panel, total_h)] if column else []
    placed += [(panel, top_h) for panel in beside]
    if narrow_misfit:
        # Too wide even so: the widest panels (the input in its column too) in
        # their narrowest arrangement (they scroll down, following the step)
        # until the window is wide enough.
        for i in sorted(range(len(placed)), key=lambda i: -widths[i]):
            if sum(widths) <= width:
                break
            room = width - (sum(widths) - widths[i])
            need = _lowest_within(measures, placed[i][0], room)
            fits = fits and need.height() <= placed[i][1]
            widths[i] = need.width()
    overflow = sum(max(0, measures.required_size(panel).height() - height) for panel, height in placed)
    fits_width = sum(widths) <= width
    fits = fits and fits_width
    if strict and not fits:
        return None
    return _Fit(column, cell, fits, widths, ledger_h, fits_width, narrow_misfit, overflow)


def _smallest_cell(window: Any) -> int:
    """The cells for a scene too large for the window at any size: those in
    which the input's and the kernels' numbers can all be written. Their
    grids never get smaller cells (see MatrixView.set_cell_size), so smaller
    ones would only shrink the others out of step with them (the window box
    on the input and the kernel no longer matching cell for cell) while the
    panels scroll anyway. (A map's large numbers only make its own cells
    larger.)"""
    grids = [*window.input_panel.views, *window.kernel_panel.all_views()]
    return min(FIT_MAX_CELL, max([MIN_CELL, *(getattr(view, "legible_cell", 0) for view in grids)]))


def _largest(measures: _Measures, column: bool, width: int, total_h: int) -> _Fit:
    def largest(works: Callable[[int], bool]) -> int:
        low, high = MIN_CELL, FIT_MAX_CELL
        while low < high:
            mid = (low + high + 1) // 2
            low, high = (mid, high) if works(mid) else (low, mid - 1)
        return low

    cell = largest(lambda c: _arrange(measures, c, column, width, total_h, strict=True) is not None)
    fit = _arrange(measures, cell, column, width, total_h, strict=False)
    assert fit is not None  # not strict: always an answer
    if fit.fits:
        return fit

    # Too much for the window at any size: the smallest cells that keep the
    # grids in step (the least to scroll), and rather scrolling down than
    # sideways (the grids follow the step as it moves down).
    smallest = _smallest_cell(measures.window)
    fit = _arrange(measures, smallest, column, width, total_h, strict=False)
    narrow = _arrange(measures, smallest, column, width, total_h, strict=False, narrow_misfit=True)
    assert fit is not None and narrow is not None
    if narrow.fits_width:
        return narrow
    # Too wide either way: the less of it to scroll sideways.
    return narrow if sum(narrow.widths) < sum(fit.widths) else fit


def fit_window(window: Any) -> None:
    """Place the panels and size the cells of ``window`` (a MainWindow) to
    use its whole body, and set its splitters to match."""
    handle = window.panels.handleWidth()
    outer = window.outer
    width = max(300, (outer.width() or window.width()) - 2 * handle - 4)
    total_h = outer.height() or max(300, window.height() - 170)
    measures = _Measures(window)
    best: _Fit | None = None
    choices = crowding_choices(window)  # the least left out first
    # After everything shown, the most left out first: once it fits, a choice
    # that leaves less out is searched only where it fits cells as large
    # (most are ruled out by one look), and wins a tie.
    for crowding in [choices[0], *reversed(choices[1:])]:
        apply_crowding(window, crowding)
        cost = choices.index(crowding)
        if best is not None and best.fits and cost and not any(
            _arrange(measures, best.cell, column, width, total_h, strict=True) for column in (False, True)
        ):
            continue
        # The input panel measures the same wherever it is: it moves (a restyle
        # of all its widgets) only to the placement chosen.
        for column in (False, True):
            fit = _largest(measures, column, width, total_h)
            if best is None or (fit.rank, -cost) > (best.rank, -choices.index(chosen)):  # a tie: the less left out
                best, chosen = fit, crowding
        if crowding is choices[0] and best is not None and best.fits and best.cell >= CROWDED_BELOW:
            break  # not crowded: everything stays in view
    assert best is not None
    apply_crowding(window, chosen)
    window.place_input(best.column)
    final = _arrange(measures, best.cell, best.column, width, total_h, strict=False, narrow_misfit=best.narrow_misfit)
    assert final is not None
    measures.apply()
    spare = max(0, width - sum(final.widths))
    if final.column:
        # The room to spare goes right of the input, where the ledger's
        # lines were measured to fit (a narrower ledger would wrap them).
        sizes = [final.widths[0]] + [w + spare // 2 for w in final.widths[1:]]
        outer.setSizes([sizes[0], sum(sizes[1:]) + handle])
        window.panels.setSizes(sizes[1:])
    else:
        sizes = [w + spare // 3 for w in final.widths]
        outer.setSizes([outer.width()])
        window.panels.setSizes(sizes)
    window.body.setSizes([total_h - final.ledger_h, final.ledger_h])
    _unsquash_headers(window)
    # A bar shown while sizes were tried, or while the input moved between
    # splitters, can stay with nothing to scroll: look again once laid out.
    # On a loaded machine the layout can take a few passes to settle: look
    # again a little later too (each look is cheap and changes nothing
    # where no bar idles).
    for delay in (0, 100, 500):
        QTimer.singleShot(delay, window, lambda: _recheck_bars(window))


def _unsquash_headers(window: Any) -> None:
    """Where the grids don't fit at any size the splitters give the panels
    less than they asked for (their grids scroll): a header on one row
    wider than its panel goes on two, so no title or spin box is cut."""
    for panel in (window.input_panel, window.kernel_panel, window.output_panel):
        header = getattr(panel, "header", None)
        if header is None or not header.one_row:
            continue
        margins = panel.layout().contentsMargins()
        if header.sizeHint().width() + margins.left() + margins.right() > panel.width():
            header.set_one_row(False)


def _recheck_bars(window: Any) -> None:
    for panel in (window.input_panel, window.kernel_panel, window.output_panel):
        hide_idle_bars(panel.scroll)
