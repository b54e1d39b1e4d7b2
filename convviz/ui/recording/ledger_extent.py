"""How tall a frame's ledger is at a width and a font size, measured on the
ledgers whose lines are the longest.

The frame's layout search asks this for the same few font sizes at hundreds
of widths (one per cell size it tries beside a tall input), over dozens of
ledgers (every window a deep input's ledger can show). Laying each ledger
out at each width took seconds; instead each is laid out once per size and
wrapped at each width by :class:`WrappedLedger`.
"""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF

from convviz.core.language import translate
from convviz.core.ledger import Ledger, LineKind, windowed_ledger
from convviz.ui.base import theme as th
from convviz.ui.panels.ledger_view import LedgerLayout, layout_ledger
from convviz.ui.panels.ledger_wrap import WrappedLedger

__all__ = ["LedgerSamples"]

_UNBOUNDED = 1e9  # a column no ledger line reaches the end of


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
        self._wrapped: dict[tuple[float, int], list[WrappedLedger]] = {}  # (px, keep) -> per shown ledger
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
