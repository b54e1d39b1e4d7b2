"""Which trace steps a scene: the forward trace, or for a transposed scene
its scatter or its equivalent direct convolution (the user's choice of view)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from convviz.core.errors import ConvError
from convviz.core.scene import Scene
from convviz.core.trace import Level, Order, StepTrace
from convviz.core.transposed_direct import DirectTrace
from convviz.core.transposed_trace import ScatterTrace

__all__ = ["AnyTrace", "TransposedView", "as_transposed_view", "make_step_trace", "scatter_kernel_steps"]

AnyTrace = StepTrace | ScatterTrace


class TransposedView(str, Enum):
    SCATTER = "scatter"  # each input cell scatters the scaled kernel onto the output
    DIRECT = "direct"  # the equivalent forward convolution: zeros inserted, kernel flipped


def as_transposed_view(view: TransposedView | str) -> TransposedView:
    try:
        return TransposedView(view)
    except ValueError:
        raise ConvError("view {view!r}: choose scatter or direct", view=view) from None


def make_step_trace(scene: Scene, level: Level | str = Level.CHANNEL, order: Order | str = Order.KERNEL,
                    view: TransposedView | str = TransposedView.SCATTER) -> AnyTrace:  # fmt: skip
    """The trace that steps ``scene``: forward, or a transposed scene's ``view``.
    Raises :class:`ConvError` when the convolution is impossible."""
    chosen = as_transposed_view(view)
    if not scene.params.transposed:
        return StepTrace(scene, level, order)
    if chosen is TransposedView.DIRECT:
        return DirectTrace(scene, level, order)
    return ScatterTrace.of_scene(scene, level, order)


def scatter_kernel_steps(trace: ScatterTrace, kernel: int) -> Sequence[int]:
    """The indices of one kernel's steps in a scatter trace, its bias step last."""
    if trace.order is Order.KERNEL:
        start = trace.index_of(kernel, 0, 0)
        return range(start, trace.bias_index(kernel) + 1)
    H, W = trace.input_hw
    spc = trace.steps_per_cell
    cells = [trace.index_of(kernel, r, c, sub) for r in range(H) for c in range(W) for sub in range(spc)]
    return [*cells, trace.bias_index(kernel)]
