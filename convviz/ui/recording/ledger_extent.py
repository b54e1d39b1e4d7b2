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

from convviz.core.ledger import Ledger, windowed_ledger
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


class LedgerSamples:
    """The longest ledgers of a trace, measured for one frame's layout."""

    def __init__(self, ledgers: list[Ledger]) -> None:
        self.ledgers = ledgers
        self._shown: dict[int, list[Ledger]] = {}
        # (px, keep) -> per shown ledger: the width from which none of its
        # lines wraps, and its extent there.
        self._unwrapped: dict[tuple[float, int], list[tuple[float, tuple[float, bool]]]] = {}

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
