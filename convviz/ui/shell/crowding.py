"""What a crowded window leaves out so that its grids stay legible.

At 1280×720 a scene of four kernels of four channels gets 20 px cells with
everything shown, and its kernels and maps scroll. Recordings show only the
active kernel and sum up the ledger's earlier channel lines; a crowded
window can do the same: its kernel panel shows one kernel at a time (tabs
switch it, and stepping into another kernel shows that one) and its ledger
sums up all but the current channel's line. The window fit
(:mod:`window_fit`) tries these choices in order (first the maps panel
*low*, its formulas beside the legend, which leaves nothing out but is
tried only here: every arrangement more is a measurement more in every
fit) and takes one only where
it gives larger cells than showing everything, and only where everything
shown gives cells under :data:`CROWDED_BELOW` (a window that size is not
crowded: every kernel and every line stays in view).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["CROWDED_BELOW", "LEDGER_LINES_KEPT", "Crowding", "apply_crowding", "crowding_choices"]

CROWDED_BELOW = 32  # cells from which a window shows everything
LEDGER_LINES_KEPT = 1  # channel lines a crowded ledger shows: the current one, the earlier ones summed


@dataclass(frozen=True)
class Crowding:
    folded: bool  # the kernel panel shows one kernel at a time
    keep: int | None  # the ledger's channel lines shown (None: every one)
    low_maps: bool = True  # the maps panel may take its low form


EVERYTHING = Crowding(False, None, low_maps=False)


def crowding_choices(window: Any) -> list[Crowding]:
    """The ways ``window`` (a MainWindow) can be less crowded, showing
    everything first, then from the least left out to the most."""
    choices = [EVERYTHING, Crowding(False, None)]
    channels = window.document.scene.kernel_shape[2]
    # A summary line replaces the lines it sums: worth it from two lines saved.
    summed = LEDGER_LINES_KEPT if channels >= LEDGER_LINES_KEPT + 2 else None
    if summed is not None:
        choices.append(Crowding(False, summed))
    if window.kernel_panel.foldable:
        choices.append(Crowding(True, None))
        if summed is not None:
            choices.append(Crowding(True, summed))
    return choices


def apply_crowding(window: Any, crowding: Crowding) -> None:
    window.kernel_panel.set_folded(crowding.folded)
    window.ledger_view.set_keep(crowding.keep)
    window.output_panel.may_be_low = crowding.low_maps
