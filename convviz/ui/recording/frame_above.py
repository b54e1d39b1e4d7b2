"""A frame's third arrangement: the input's channels in one row across the
top, and under them the kernel (after its ``∗``), the maps (after their
``→``) and the ledger right of them.

A wide input of few channels (cs231n-style's three padded 7×7) wastes the
frame's height in a column (two rows of channels) and its width in a row
beside the kernels and maps (the ledger's band under them); on top, its
channels take the frame's width and the rest shares the height under them.
:mod:`convviz.ui.recording.frame_layout` tries it beside the other two and
keeps the one with the largest cells.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF

from convviz.ui.recording.ledger_extent import LedgerSamples

if TYPE_CHECKING:
    from convviz.ui.recording.frame_layout import _Section

__all__ = ["AboveFit", "AbovePlaces", "input_above", "ledger_text_floor", "place_above"]

LEDGER_SIZES = (26.0, 23.0, 20.5, 18.5)  # base px of the ledger's text tried, largest first
LEDGER_PER_CELL = 0.4  # the ledger's text in proportion to the cells' ...
LEDGER_ENOUGH = 20.0  # ... or at least this (base px), which reads well at 720p
CHIPS_PX = 60.0  # base px: the kernels' chips may take this under a narrower kernel
LEDGER_TRADE = 0.9  # the cells may shrink to this share of their largest for such a ledger


def ledger_text_floor(cell: float, unit: float, scale: float) -> float:
    """The ledger text a frame of ``cell``-pixel cells should have, so that
    its equation reads as well as the grids' numbers in a recording."""
    return min(LEDGER_PER_CELL * cell, LEDGER_ENOUGH * unit * scale)


@dataclass(frozen=True)
class AboveFit:
    cell: float
    sections: list[_Section]  # input, kernel, maps: their rows set
    ledger_px: float
    ledger_h: float
    ledger_lines: int
    ledger_w: float
    below_top: float  # where the kernel's header (and the maps' under the input) starts
    maps_up: bool  # the maps right of the input, not under it


@dataclass(frozen=True)
class AbovePlaces:
    input_xy: QPointF
    kernel_xy: QPointF
    maps_xy: QPointF
    star: QRectF  # the "∗" left of the kernel
    arrow: QRectF  # the "→" left of the maps
    ledger_origin: QPointF


def _rows_options(section: _Section) -> list[_Section]:
    """The section on each number of rows its grids can take, fewest first."""
    n = len(section.tiles)
    found, seen = [], set()
    for per_row in range(n, 0, -1):
        rows = math.ceil(n / per_row)
        if rows not in seen:
            seen.add(rows)
            found.append(replace(section, per_row=math.ceil(n / rows)))
    return found


def input_above(sections: Callable[[float], list[_Section]], samples: LedgerSamples, lines: int, *,
                inner_w: float, top: float, bottom: float, op_gap: float, gap: float, unit: float, scale: float,
                lowest: float, floor_px: float, enough_px: float, chips_w: float) -> AboveFit | None:  # fmt: skip
    """The input's channels in one row on top with the largest cells (larger
    than ``lowest``), the maps under them right of the kernel or, where the
    ledger gets no room there, in a column right of the input; each section
    on the rows that leave the ledger the most room. The ledger has as many
    of its ``lines`` channel lines as fit at text of
    :func:`ledger_text_floor` (the earlier ones summed up, as a deep
    input's are), failing that the largest text down to ``floor_px``. Only
    a ledger of such text, or as large as ``enough_px`` (the other
    arrangements') and larger than the window's least, is taken: the cells
    may be up to 10 % smaller than their largest for it; None where none is.
    ``chips_w``: the width of the kernels' chips side by side."""
    sizes = [p * unit * scale for p in LEDGER_SIZES] + [floor_px]
    narrowest = samples.narrowest(floor_px, 1)
    enough_px = max(enough_px, LEDGER_SIZES[-1] * unit * scale)
    largest = 0.0
    for cell in range(int(90 * unit), int(lowest), -1):
        if largest and cell < largest * LEDGER_TRADE:
            break
        first, kernel, maps = sections(float(cell))
        in_w, in_h = first.size()
        if in_w > inner_w:
            continue
        below_top = top + in_h + gap
        # (ledger area, width, room, kernel, maps, maps beside the input)
        best: tuple[float, float, float, _Section, _Section, bool] | None = None
        for k in _rows_options(kernel):
            kw, kh = k.size()
            if kh > bottom - below_top:
                continue
            for m in _rows_options(maps):
                mw, mh = m.size()
                for up in (False, True):
                    if up:  # the maps right of the input, the ledger under them right of the kernel
                        if in_w + op_gap + mw > inner_w:
                            continue
                        # Right of the kernel's chips, which may pass its grids (as many
                        # as fit before the operator's place, at least one).
                        chips = min(chips_w, max(kw, CHIPS_PX * unit) + 0.8 * op_gap)
                        width = inner_w - op_gap - max(kw, chips) - op_gap / 2
                        room = bottom - max(below_top, top + mh + gap)
                    else:
                        if mh > bottom - below_top:
                            continue
                        width, room = inner_w - 2 * op_gap - kw - mw - op_gap / 2, bottom - below_top
                    if width >= narrowest and (best is None or width * room > best[0]):
                        best = (width * room, width, room, k, m, up)
        if best is None:
            continue
        _, width, room, k, m, up = best
        wanted = ledger_text_floor(cell, unit, scale)
        ledger = _ledger(samples, lines, width, room, wanted, sizes)
        if ledger is None:
            continue
        largest = largest or cell
        if ledger[0] >= min(wanted, enough_px) - 0.01:
            return AboveFit(float(cell), [first, k, m], *ledger, width, below_top, up)
    return None


def _ledger(samples: LedgerSamples, lines: int, width: float, room: float, wanted: float,
            sizes: Sequence[float]) -> tuple[float, float, int] | None:  # fmt: skip
    """The ledger's text size, height and channel lines: the most lines at
    ``wanted`` text or larger, else the largest text of all its lines, else
    of fewer lines."""
    for keep in range(lines, 0, -1):
        for px in sizes:
            if px < wanted - 0.01:
                break
            if samples.narrowest(px, keep) <= width and (height := samples.extent(width, px, keep)[0]) <= room:
                return px, height, keep
    for keep in range(lines, 0, -1):
        for px in sizes:
            if samples.narrowest(px, keep) <= width and (height := samples.extent(width, px, keep)[0]) <= room:
                return px, height, keep
    return None


def place_above(fit: AboveFit, margin: float, inner_w: float, top: float, bottom: float, op_gap: float,
                header_h: float, caption_h: float, glyph_h: float) -> AbovePlaces:  # fmt: skip
    """Where the sections, the operators and the ledger of ``fit`` go: the
    ledger at the foot of the frame, as in the other arrangements."""
    first, kernel, _ = fit.sections
    y = fit.below_top
    kernel_mid = y + header_h + caption_h + kernel.tiles[0][1] / 2
    kernel_x = margin + op_gap
    if fit.maps_up:  # Input → maps on top; ∗ kernel under the input
        maps = QPointF(margin + first.size()[0] + op_gap, top)
        arrow_mid = top + header_h + caption_h + first.tiles[0][1] / 2
    else:  # ∗ kernel → maps under the input
        maps, arrow_mid = QPointF(kernel_x + kernel.size()[0] + op_gap, y), kernel_mid
    return AbovePlaces(
        QPointF(margin, top),
        QPointF(kernel_x, y),
        maps,
        QRectF(margin, kernel_mid - glyph_h / 2, op_gap, glyph_h),
        QRectF(maps.x() - op_gap, arrow_mid - glyph_h / 2, op_gap, glyph_h),
        QPointF(margin + inner_w - fit.ledger_w, bottom - fit.ledger_h),
    )
