"""How tall a frame's ledger is at a width and a font size, measured on the
ledgers whose lines are the longest.

The frame's layout search asks this for the same few font sizes at hundreds
of widths (one per cell size it tries beside a tall input). A ledger none of
whose lines wraps at some width lays out the same, line for line, at any
wider one (wrapping only ever starts where a line passes the right edge), so
each ledger is laid out once per size without a right edge; only a width
narrower than its lines needs the ledger laid out there.
"""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF

from convviz.core.language import translate
from convviz.core.ledger import Ledger, LineKind, windowed_ledger
from convviz.ui.base import theme as th
from convviz.ui.panels.ledger_view import LedgerLayout, layout_ledger

__all__ = ["LedgerSamples"]

_UNBOUNDED = 1e9  # a column no ledger line reaches the end of
_EPSILON = 1e-6  # far above the rounding of the sums that place a line's pieces


def _extent(layout: LedgerLayout) -> tuple[float, bool]:
    """The layout's height, and whether any of its products or results sits
    below its line's top (a wrapped line)."""
    line_tops = {round(i.rect.top(), 3) for i in layout.items if i.role in ("label", "total", "title")}
    wraps = any(round(i.rect.top(), 3) not in line_tops for i in layout.items if i.role in ("term", "result"))
    return layout.height, wraps


def _narrowest(layout: LedgerLayout, ledger: Ledger, px: float) -> float:
    """The narrowest column in which the ledger's pieces that never wrap fit:
    its title beside the longest running total (the bias step's, which adds
    up what the total line does), each label with its summed-up, bias or
    total result, and each product alone on a row."""
    starts = [i.rect.left() for i in layout.items if i.role in ("term", "bias", "total")]
    label_end = min(starts, default=0.0)
    need = max((i.rect.right() for i in layout.items if i.role in ("label", "bias", "total")), default=0.0)
    need = max(need, *(label_end + i.rect.width() + 3 * px for i in layout.items if i.role == "term"))
    total = next((line.result for line in ledger.lines if line.kind is LineKind.TOTAL), "")
    running = translate("ledger", "running total: {sum}").format(sum=total.removeprefix("= ")) if total else ledger.running
    # The ledger view's fonts: its title at 85 %, bold; the running total bold.
    title = QFontMetricsF(th.font(px * 0.85, bold=True)).horizontalAdvance(ledger.title)
    running_w = QFontMetricsF(th.font(px, bold=True)).horizontalAdvance(running) if running else 0.0
    return max(need, title + running_w + 2 * px)


class LedgerSamples:
    """The longest ledgers of a trace, measured for one frame's layout."""

    def __init__(self, ledgers: list[Ledger]) -> None:
        self.ledgers = ledgers
        self._shown: dict[int, list[Ledger]] = {}
        # (px, keep) -> per shown ledger: the width from which none of its
        # lines wraps, and its extent there.
        self._unwrapped: dict[tuple[float, int], list[tuple[float, tuple[float, bool]]]] = {}
        self._narrowest: dict[tuple[float, int], float] = {}

    def shown(self, keep: int) -> list[Ledger]:
        """Every way the ledgers are shown with ``keep`` channel lines: where
        lines are summed up, every window on them (a middle channel's line
        can be longer than the last's)."""
        found = self._shown.get(keep)
        if found is None:
            # Without repeats (the last window is the whole one's): equal
            # ledgers lay out alike.
            found = self._shown[keep] = list(dict.fromkeys(
                windowed_ledger(ledger, current, keep)
                for ledger in self.ledgers
                for current in (None, *range(keep - 1, len(ledger.partials) if keep < len(ledger.partials) else 0))
            ))  # fmt: skip
        return found

    def _unwrapped_at(self, px: float, keep: int) -> list[tuple[float, tuple[float, bool]]]:
        key = (px, keep)
        found = self._unwrapped.get(key)
        if found is None:
            found = []
            for ledger in self.shown(keep):
                layout = layout_ledger(ledger, _UNBOUNDED, px)
                # A product wraps where it passes 2 px-widths short of the
                # right edge, a result where it passes the edge.
                need = max((i.rect.right() + (2 * px if i.role == "term" else 0.0)
                            for i in layout.items if i.role in ("term", "result")), default=0.0)  # fmt: skip
                found.append((need + _EPSILON, _extent(layout)))
            self._unwrapped[key] = found
        return found

    def extent(self, width: float, px: float, keep: int) -> tuple[float, bool]:
        """The tallest of the ledgers shown with ``keep`` channel lines in a
        column ``width`` wide at ``px``, and whether any of their lines wrap."""
        height, wraps = 0.0, False
        for ledger, (need, unwrapped) in zip(self.shown(keep), self._unwrapped_at(px, keep)):
            h, w = unwrapped if width >= need else _extent(layout_ledger(ledger, width, px))
            height = max(height, h)
            wraps = wraps or w
        return height, wraps

    def narrowest(self, px: float, keep: int) -> float:
        """The narrowest column the ledgers shown with ``keep`` channel lines
        fit in at ``px`` with nothing cut or overlapping (their products
        wrap, their titles, labels and results don't)."""
        key = (px, keep)
        found = self._narrowest.get(key)
        if found is None:
            found = self._narrowest[key] = max(
                (_narrowest(layout_ledger(ledger, _UNBOUNDED, px), ledger, px) for ledger in self.shown(keep)), default=0.0
            )
        return found
