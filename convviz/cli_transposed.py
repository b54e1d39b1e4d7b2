"""``convviz explain SCENE --at ROW COL`` on a transposed scene: the gather view.

The scatter read backwards: which input cells, through which kernel taps,
land on output ``y(ROW, COL)``, each product with its numbers, then the bias
and the sum. numpy only (no Qt).
"""

from __future__ import annotations

from convviz.cli_errors import UsageError
from convviz.core.ledger import sum_text
from convviz.core.numbers import format_factor, format_number
from convviz.core.scene import Scene
from convviz.core.transposed_trace import ScatterTrace

__all__ = ["gather_text"]


def gather_text(scene: Scene, kernel: int, row: int, col: int) -> str:
    """What reaches output ``(row, col)`` of ``kernel``'s map, as text; the last line ends ``= value``."""
    trace = ScatterTrace.of_scene(scene)
    oh, ow = trace.output_hw
    if not 0 <= row < oh:
        raise UsageError(f"--at row {row} is outside the output's rows 0..{oh - 1}")
    if not 0 <= col < ow:
        raise UsageError(f"--at column {col} is outside the output's columns 0..{ow - 1}")
    name = scene.kernels[kernel].name
    channels = trace.input_channels_of_kernel(kernel)
    several = trace.channels_per_kernel > 1
    products = trace.gather(kernel, row, col)
    lines = [
        f"{scene.name or 'scene'} · kernel {name} · output ({row}, {col}) · {scene.params.describe()}",
        f"y({row},{col}) gathers every input cell whose scattered kernel lands on it "
        f"(x(r,c) lands tap (i,j) on y(r·s − p + i·d, c·s − p + j·d)):",
    ]
    for p in products:
        where = f"x({p.row},{p.col}" + (f", channel {channels[p.channel] + 1})" if several else ")")
        weight = f"w{p.channel + 1}({p.i},{p.j})" if several else f"w({p.i},{p.j})"
        lines.append(f"  {where}·{weight} = {format_factor(p.x)}·{format_factor(p.w)} = {format_number(p.value)}")
    if not products:
        lines.append("  no input cell's kernel reaches it: only the bias")
    bias = scene.kernels[kernel].bias
    value = float(trace.feature_maps[row, col, kernel])
    lines.append(f"+ bias: {format_number(bias)}")
    lines.append(f"= {sum_text([p.value for p in products] + [bias], value)}")
    return "\n".join(lines)
