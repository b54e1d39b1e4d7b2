"""What a grid view is told to show on top of its cells: the padding ring
around it and the step's overlay (from the frame model) plus the mouse's marks.

Plain data, shared by the numbers view and the image view.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from convviz.core.frame import GridFrame

__all__ = ["GridOverlay", "PaddingFrame"]


@dataclass(frozen=True, eq=False)
class PaddingFrame:
    """The padding ring around an input grid, in cells, and what it copies."""

    top: int = 0
    bottom: int = 0
    left: int = 0
    right: int = 0
    mode: str = "zeros"
    row_map: np.ndarray | None = None  # padded row -> real row, -1 for zeros
    col_map: np.ndarray | None = None


@dataclass(frozen=True)
class GridOverlay:
    """What the animator (or a click) highlights on one grid: the step's
    part comes from the frame model (:meth:`of`), ``marked`` from the mouse.

    Coordinates are padded-grid coordinates: ``(row + padding.top, col +
    padding.left)``; grids without padding use plain coordinates.
    """

    tapped: frozenset[tuple[int, int]] = frozenset()
    window_box: tuple[int, int, int, int] | None = None  # r0, c0, r1, c1 inclusive
    current: tuple[int, int] | None = None
    marked: frozenset[tuple[int, int]] = frozenset()  # "who reads me", hovered ledger term
    dimmed: bool = False
    emphasized: bool = False
    hidden: np.ndarray | None = field(default=None, compare=False)  # (rows, cols) bools: drawn blank
    pending: tuple[int, int] | None = None  # the output cell showing its running sum
    pending_value: float | None = None
    colour: int | None = None  # the input channel whose identity colour the window takes
    # The numbers this step shows instead of the model's (a transposed
    # convolution's running output), or None.
    values: np.ndarray | None = field(default=None, compare=False)

    @classmethod
    def of(cls, grid: GridFrame, marked: frozenset[tuple[int, int]] = frozenset()) -> GridOverlay:
        """The frame model's grid, as this view shows it."""
        return cls(
            tapped=grid.tapped, window_box=grid.window_box, current=grid.current, marked=marked,
            dimmed=grid.dimmed, emphasized=grid.emphasized, hidden=grid.hidden,
            pending=grid.pending, pending_value=grid.pending_value, colour=grid.colour,
            values=grid.values if grid.live else None,
        )  # fmt: skip
