"""Which steps a request means: a kernel by name or index, and its steps in a trace."""

from __future__ import annotations

from collections.abc import Sequence

from convviz.core.errors import ConvError
from convviz.core.scene import Scene
from convviz.core.trace import Order, StepTrace
from convviz.core.transposed_trace import ScatterTrace

__all__ = ["kernel_step_range", "resolve_kernel"]


def resolve_kernel(scene: Scene, kernel: int | str | None) -> int | None:
    """A kernel given by name (``W1``) or index (``1``), checked; None stays None."""
    if kernel is None:
        return None
    names = [k.name for k in scene.kernels]
    if isinstance(kernel, str):
        if kernel in names:
            return names.index(kernel)
        try:
            kernel = int(kernel)
        except ValueError:
            raise ConvError(
                "kernel {kernel!r}: no such kernel; the scene has {names}",
                kernel=kernel, names=', '.join(names),
            ) from None
    if not 0 <= kernel < len(names):
        raise ConvError(
            "kernel {kernel}: the scene has kernels 0..{len_names_1} ({names})",
            kernel=kernel, len_names_1=len(names) - 1, names=', '.join(names),
        )
    return int(kernel)


def kernel_step_range(trace: StepTrace | ScatterTrace, kernel: int | None) -> Sequence[int]:
    """The trace indices of one kernel's steps, in order (all steps for None)."""
    if kernel is None:
        return range(len(trace))
    if isinstance(trace, ScatterTrace):
        from convviz.core.transposed_view import scatter_kernel_steps

        return scatter_kernel_steps(trace, kernel)
    spc = trace.steps_per_cell
    per_kernel = trace.output_hw[0] * trace.output_hw[1] * spc
    if trace.order is Order.KERNEL:  # one kernel's steps are contiguous
        return range(kernel * per_kernel, (kernel + 1) * per_kernel)
    K = trace.kernel_count
    return [(pos * K + kernel) * spc + sub for pos in range(trace.output_hw[0] * trace.output_hw[1]) for sub in range(spc)]
