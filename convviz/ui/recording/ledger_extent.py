"""How tall a frame's ledger is at a width and a font size, measured on the
ledgers whose lines are the longest.

The frame's layout search asks this for the same few font sizes at hundreds
of widths (one per cell size it tries beside a tall input), over dozens of
ledgers (every window a deep input's ledger can show). Laying each ledger
out at each width took seconds; instead each is laid out once per size and
wrapped at each width by :class:`WrappedLedger`.
"""

from __future__ import annotations

from convviz.core.ledger import Ledger, windowed_ledger
from convviz.ui.panels.ledger_view import layout_ledger
from convviz.ui.panels.ledger_wrap import WrappedLedger

__all__ = ["LedgerSamples"]

_UNBOUNDED = 1e9  # a column no ledger line reaches the end of


class LedgerSamples:
    """The longest ledgers of a trace, measured for one frame's layout."""

    def __init__(self, ledgers: list[Ledger]) -> None:
        self.ledgers = ledgers
        self._shown: dict[int, list[Ledger]] = {}
        self._wrapped: dict[tuple[float, int], list[WrappedLedger]] = {}  # (px, keep) -> per shown ledger

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

    def extent(self, width: float, px: float, keep: int) -> tuple[float, bool]:
        """The tallest of the ledgers shown with ``keep`` channel lines in a
        column ``width`` wide at ``px``, and whether any of their lines wrap."""
        wrapped = self._wrapped.get((px, keep))
        if wrapped is None:
            wrapped = self._wrapped[(px, keep)] = [WrappedLedger(layout_ledger(ledger, _UNBOUNDED, px)) for ledger in self.shown(keep)]
        height, wraps = 0.0, False
        for ledger in wrapped:
            h, w = ledger.extent(width)
            height = max(height, h)
            wraps = wraps or w
        return height, wraps
