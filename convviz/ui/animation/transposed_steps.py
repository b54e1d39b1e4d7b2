"""Moving through a transposed scene's steps: what the animator does
differently for the scatter and the equivalent direct view.

Switching the view keeps the moment: from a scatter step to the direct
convolution of the first output cell it lands on, and from a direct step to the
first scatter step that reaches its output cell.
"""

from __future__ import annotations

from convviz.core.frame import Frame, FrameOptions
from convviz.core.trace import Phase, Step, StepTrace
from convviz.core.transposed_direct import DirectTrace
from convviz.core.transposed_frame import direct_frame_on_input
from convviz.core.transposed_trace import ScatterStep, ScatterTrace
from convviz.core.transposed_view import AnyTrace

__all__ = ["equivalent_index", "scatter_cell_jump", "scatter_kernel_jump", "window_frame"]


def window_frame(trace: AnyTrace, index: int, options: FrameOptions) -> Frame | None:
    """The frame the window shows when it isn't the trace's own: the direct
    view on the transposed scene's grids (the window's panels are its grids,
    not the derived scene's). None: the trace's own frame."""
    if isinstance(trace, DirectTrace):
        return direct_frame_on_input(trace, index, options)
    return None


def equivalent_index(trace: AnyTrace, keep: Step | ScatterStep) -> int:
    """The index in ``trace`` that shows the moment ``keep`` (a step of another
    trace of the same scene, or of the scene before an edit) shows."""
    if isinstance(trace, ScatterTrace):
        if isinstance(keep, ScatterStep):
            return trace.equivalent_index(keep)
        oh, ow = trace.output_hw
        k = min(keep.kernel, trace.kernel_count - 1)
        return trace.first_index_touching(k, min(keep.out_row, oh - 1), min(keep.out_col, ow - 1))
    if isinstance(keep, Step):
        return trace.equivalent_index(keep)
    return _direct_index(trace, keep)


def _direct_index(trace: StepTrace, keep: ScatterStep) -> int:
    k = min(keep.kernel, trace.kernel_count - 1)
    oh, ow = trace.output_hw
    if keep.phase is Phase.BIAS or not isinstance(trace, DirectTrace):
        return trace.index_of(k, 0, 0)
    scatter = ScatterTrace.of_scene(trace.transposed)
    inside = [land for land in scatter.landings(keep.row, keep.col) if land.inside]
    if keep.tap is not None:
        inside = [land for land in inside if (land.i, land.j) == keep.tap] or inside
    if not inside:
        return trace.index_of(k, 0, 0)
    return trace.index_of(k, min(inside[0].row, oh - 1), min(inside[0].col, ow - 1))


def scatter_cell_jump(trace: ScatterTrace, index: int, direction: int) -> int:
    """The first step of the next (or this, or the previous) input cell's scatter."""
    step = trace.step(index)
    if direction > 0:
        target = index - step.sub + (1 if step.phase is Phase.BIAS else trace.steps_per_cell)
        return min(target, len(trace) - 1)
    if step.sub > 0:
        return index - step.sub  # back to the start of this cell first
    if index == 0:
        return 0
    return index - 1 - trace.step(index - 1).sub


def scatter_kernel_jump(trace: ScatterTrace, step: ScatterStep, kernel: int) -> int:
    """The same moment of ``kernel``'s scatter."""
    if step.phase is Phase.BIAS:
        return trace.bias_index(kernel)
    return trace.index_of(kernel, step.row, step.col, step.sub)
