"""What one step of the animation shows: a pure function of (trace, index).

The live window and the exporter both draw from a :class:`Focus`, so a frame
rendered for a video is the frame the window shows at that step, and tests
can check what is highlighted without looking at pixels.

Input cells are given in *padded* coordinates (row + top padding, column +
left padding), the coordinates in which the window is drawn with its
padding ring.
"""

from __future__ import annotations

from dataclasses import dataclass

from convviz.core.ledger import Ledger, build_ledger
from convviz.core.trace import CellComputation, Level, Phase, Step, StepTrace

__all__ = ["Focus", "focus_at"]


@dataclass(frozen=True, eq=False)
class Focus:
    step: Step
    label: str  # "kernel W1 · row 2 · col 0 · channel 3"
    cell: CellComputation
    ledger: Ledger
    level: Level
    kernel: int
    input_channels: tuple[int, ...]  # input channels the kernel reads
    input_channel: int | None  # the one being summed (channel/multiply steps), else None
    kernel_channel: int | None  # the kernel's channel being used, else None
    taps: tuple[tuple[int, int], ...]  # every tapped input cell, padded coordinates
    window_box: tuple[int, int, int, int]  # padded r0, c0, r1, c1 (inclusive)
    current_tap: tuple[int, int] | None  # (i, j) at multiply steps
    current_input: tuple[int, int] | None  # padded cell of the current tap
    bias_lit: bool
    output_cell: tuple[int, int]
    output_written: bool  # the value is complete (total or cell step)


def focus_at(trace: StepTrace, index: int, decimals: int = 3) -> Focus:
    """Everything step ``index`` of ``trace`` highlights."""
    step = trace.step(index)
    cell = trace.cell_of(step)
    top, left = trace.geometry.pad_h[0], trace.geometry.pad_w[0]
    taps = tuple((t.row + top, t.col + left) for t in cell.taps)
    rows = [r for r, _ in taps]
    cols = [c for _, c in taps]
    current_input = None
    if step.tap is not None:
        t = cell.tap(*step.tap)
        current_input = (t.row + top, t.col + left)
    return Focus(
        step=step,
        label=trace.label(step),
        cell=cell,
        ledger=build_ledger(cell, step, decimals),
        level=trace.level,
        kernel=step.kernel,
        input_channels=cell.channels,
        input_channel=trace.input_channel(step),
        kernel_channel=step.channel,
        taps=taps,
        window_box=(min(rows), min(cols), max(rows), max(cols)),
        current_tap=step.tap,
        current_input=current_input,
        bias_lit=step.phase is Phase.BIAS,
        output_cell=(step.out_row, step.out_col),
        output_written=step.phase in (Phase.TOTAL, Phase.CELL),
    )
