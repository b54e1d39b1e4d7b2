"""The partial-maps and im2col views' grids as an equation is written, in the
maps' place of a frame: ``P1 + P2 + b = Y``, ``W · U + b = Y``."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF

from convviz.core.frame import GridFrame, GridKind

if TYPE_CHECKING:
    from convviz.ui.recording.frame_layout import GridPlace

__all__ = ["equation_row"]


def equation_row(places: list[GridPlace], operators: list[tuple[QRectF, str]], grids: tuple[GridFrame, ...],
                 glyph_h: float) -> list[GridPlace]:  # fmt: skip
    """The view's grids centred on their row's middle, as an equation is
    written, with its operators (+, =, ·) between them (after the last grid
    of a row where the equation wraps)."""
    rows: dict[float, list[int]] = {}
    for i, place in enumerate(places):
        rows.setdefault(round(place.caption_rect.top(), 3), []).append(i)
    centred, middles = list(places), [0.0] * len(places)
    for members in rows.values():
        middle = max(places[i].rect.height() for i in members) / 2 + places[members[0]].rect.top()
        for i in members:
            dy = middle - places[i].rect.center().y()
            centred[i] = replace(places[i], rect=places[i].rect.translated(0, dy), caption_rect=places[i].caption_rect.translated(0, dy))
            middles[i] = middle
    for i, glyph in enumerate(_equation_glyphs(grids)):
        a, b = centred[i], centred[i + 1]
        if middles[i] == middles[i + 1]:
            operators.append((QRectF(a.rect.right(), middles[i] - glyph_h / 2, b.rect.left() - a.rect.right(), glyph_h), glyph))
        else:  # the equation wraps: the operator opens the next row, in the gap before the section
            operators.append((QRectF(b.rect.left() - glyph_h, middles[i + 1] - glyph_h / 2, glyph_h, glyph_h), glyph))
    return centred


def _equation_glyphs(grids: tuple[GridFrame, ...]) -> list[str]:
    """``+ + =`` between P1, P2, P3, b and Y; ``· + =`` between W, U, b and Y."""
    if grids[0].kind is GridKind.WEIGHTS:
        return ["·", "+", "="]
    return ["+"] * (len(grids) - 2) + ["="]
