"""A ledger's height at any column width, from one layout of it.

Laying a ledger out places every piece as a rectangle; asked only how tall
it is at many widths (the window's fit, the frame layout's search), laying
it out once without a right edge gives every piece's width, and a narrower
column wraps those pieces as :func:`layout_ledger` does: a product goes
under the line's first one where it would pass two font sizes short of the
right edge, a line's result where it would pass the edge. (The unit tests
check the heights against :func:`layout_ledger` at every width.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # ledger_view measures through this module
    from convviz.ui.panels.ledger_view import LedgerLayout

__all__ = ["WrappedLedger"]


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

    def extent(self, width: float, ox: float = 0.0, oy: float = 0.0) -> tuple[float, bool]:
        """The height in a column ``width`` wide, and whether a line wraps;
        the same sums in the same order as :func:`layout_ledger`'s at the
        origin (``ox``, ``oy``)."""
        right, px = ox + width, self.px
        y = oy + self.title_h
        wraps = False
        for line in self.lines:
            if line.result_w is None:
                y += line.height
                continue
            x = ox + line.label_w
            for n, w in enumerate(line.terms):
                needed = w + (line.plus_w if n else 0)
                if n and x + needed > right - px * 2:
                    y += line.height
                    x = ox + line.label_w
                    x += line.plus_w
                    wraps = True
                elif n:
                    x += line.plus_w
                x += w
            if x + line.result_w > right:
                y += line.height
                wraps = True
            y += line.height
        return y - oy, wraps
