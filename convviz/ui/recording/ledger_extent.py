"""How tall a frame's ledger is at a width and a font size, measured on the
ledgers whose lines are the longest.

The frame's layout search asks this for the same few font sizes at hundreds
of widths (one per cell size it tries beside a tall input), over dozens of
ledgers (every window a deep input's ledger can show). Laying each ledger
out at each width took seconds; instead each is laid out once per size
without a right edge, which gives every piece's width, and a narrower
column wraps those pieces as :func:`layout_ledger` does: a product goes
under the line's first one where it would pass two font sizes short of the
right edge, a line's result where it would pass the edge. (The unit tests
check the heights against :func:`layout_ledger` at every width.)
"""

from __future__ import annotations

from dataclasses import dataclass

from convviz.core.ledger import Ledger, windowed_ledger
from convviz.ui.panels.ledger_view import LedgerLayout, layout_ledger

__all__ = ["LedgerSamples", "WrappedLedger"]

_UNBOUNDED = 1e9  # a column no ledger line reaches the end of


@dataclass(frozen=True)
class _Line:
    """One ledger line's pieces: its height where nothing wraps in it (all
    of it for a line that never wraps: a total, a bias), else the products'
    widths after the label, the " + " between them and the result's."""

    height: float
    label_w: float = 0.0
    terms: tuple[float, ...] = ()
    plus_w: float = 0.0
    result_w: float | None = None  # None: the line never wraps


class WrappedLedger:
    """One ledger at one font size, its height at any column width."""

    def __init__(self, layout: LedgerLayout) -> None:
        self.px = layout.font_px
        items = layout.items
        self.title_h = items[0].rect.height()
        lines: list[_Line] = []
        n = 1
        while n < len(items):
            item = items[n]
            n += 1
            if item.role == "total":
                lines.append(_Line(item.rect.height()))
            elif item.role == "label":
                # The pieces after the label, up to the next line's.
                pieces = []
                while n < len(items) and items[n].role not in ("label", "total", "swatch"):
                    pieces.append(items[n])
                    n += 1
                if pieces and pieces[0].role == "bias":
                    lines.append(_Line(item.rect.height()))
                    continue
                terms = tuple(p.rect.width() for p in pieces if p.role == "term")
                plus_w = next((p.rect.width() for p in pieces if p.role == "plus"), 0.0)
                result_w = pieces[-1].rect.width()  # a line ends with its result
                lines.append(_Line(item.rect.height(), pieces[0].rect.left(), terms, plus_w, result_w))
        self.lines = tuple(lines)

    def extent(self, width: float) -> tuple[float, bool]:
        """The height in a column ``width`` wide, and whether a line wraps;
        the same sums in the same order as :func:`layout_ledger`'s."""
        right, px = 0.0 + width, self.px
        y = 0.0 + self.title_h
        wraps = False
        for line in self.lines:
            if line.result_w is None:
                y += line.height
                continue
            x = 0.0 + line.label_w
            for n, w in enumerate(line.terms):
                needed = w + (line.plus_w if n else 0)
                if n and x + needed > right - px * 2:
                    y += line.height
                    x = 0.0 + line.label_w
                    x += line.plus_w
                    wraps = True
                elif n:
                    x += line.plus_w
                x += w
            if x + line.result_w > right:
                y += line.height
                wraps = True
            y += line.height
        return y - 0.0, wraps


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
