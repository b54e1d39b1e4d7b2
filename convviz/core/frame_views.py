"""The feature-map section's other two views of one step (issue 14).

- **Partial maps** (the seed's eq. (3) for whole maps): the active kernel's
  partial maps ``P[c] = X[c] ⋆ W[k, c]``, one per channel of its group, its
  bias and its map, in the order of the equation ``P1 + P2 + P3 + b = Y``.
  During per-channel stepping the partial being summed fills in cell by cell:
  the current cell is marked, and at multiply steps shows its running sum.
- **im2col** (how libraries compute it): the unfolded input ``U`` (one column
  per window position), the weight matrix ``W`` (one row per kernel; with
  groups block-diagonal, the cells outside a kernel's block left blank), the
  bias column and the product ``W·U + b``, the feature maps as rows. The
  current column of ``U``, the current row of ``W`` and the product cell are
  marked; the input keeps its window, as in every view.

:func:`~convviz.core.frames.frame_at` adds these grids to ``Frame.views`` when
``FrameOptions.view`` asks for them, so the window and every recording draw
the same cells with the same roles. :func:`step_of_view_cell` is the other
direction: the step a click on one of these cells goes to.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from weakref import WeakKeyDictionary

import numpy as np

from convviz.core.focus import Focus
from convviz.core.forward import partial_maps
from convviz.core.frame import (
    CaptionState,
    ColorScale,
    Frame,
    FrameView,
    GridFrame,
    GridKind,
    nice_limit,
    running_value,
)
from convviz.core.language import translate
from convviz.core.scene import Scene
from convviz.core.trace import Phase, StepTrace
from convviz.core.unfold import UnfoldedMatrix, weight_matrix

__all__ = ["IM2COL_VIEW_MAX_VALUES", "im2col_too_large", "step_of_view_cell", "with_view"]

# The im2col view reads U where it is drawn (an image reads a few hundred of
# its columns), but U drawn as numbers or read whole is 8 bytes a number:
# past 2²⁴ numbers (128 MiB) the view shows a message instead. A 512×512×3
# image with 3×3 kernels is 7 million.
IM2COL_VIEW_MAX_VALUES = 2**24

_FLAT = ColorScale("flat")


@dataclass(frozen=True, eq=False)
class _Im2col:
    """A scene's im2col matrices and their colour scales, worked out once."""

    U: UnfoldedMatrix  # [C·kh·kw, oh·ow], built where it is read
    W: np.ndarray  # [K, C·kh·kw], block-diagonal with groups
    product: np.ndarray  # W·U + b: [K, oh·ow], the maps' rows
    off_block: np.ndarray | None  # W's cells outside every group's block
    u_scale: ColorScale
    w_scale: ColorScale

# What a scene's views need, computed once per trace (a trace is one scene's).
_PARTIALS: WeakKeyDictionary[StepTrace, dict[int, tuple[np.ndarray, ColorScale]]] = WeakKeyDictionary()
_IM2COL: WeakKeyDictionary[StepTrace, _Im2col] = WeakKeyDictionary()


def _read_only(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


# -- partial maps --------------------------------------------------------------------------


def _partials(trace: StepTrace, kernel: int) -> tuple[np.ndarray, ColorScale]:
    """Kernel ``kernel``'s partial maps ``(c, oh, ow)`` and their one shared diverging scale."""
    per_kernel = _PARTIALS.setdefault(trace, {})
    if kernel not in per_kernel:
        scene = trace.scene
        maps = partial_maps(scene.input, scene.kernel_stack, scene.biases, kernel=kernel, **scene.params.engine_kwargs())
        limit = nice_limit(maps)
        per_kernel[kernel] = (_read_only(np.ascontiguousarray(maps)), ColorScale("diverging", -limit, limit))
    return per_kernel[kernel]


def _partial_maps_view(scene: Scene, trace: StepTrace, frame: Frame) -> Frame:
    focus = frame.focus
    assert isinstance(focus, Focus)  # the views are a forward convolution's
    step = focus.step
    k = focus.kernel
    values, scale = _partials(trace, k)
    cell = focus.output_cell
    reads = focus.input_channels
    summed = step.channel  # the kernel channel being summed (channel and multiply steps)
    known_at_cell = {  # which partials of the current cell are known at this step
        Phase.CELL: len(reads), Phase.BIAS: len(reads), Phase.TOTAL: len(reads),
        Phase.CHANNEL: (summed or 0) + 1, Phase.PRODUCT: summed or 0,
    }[step.phase]  # fmt: skip
    map_hidden = frame.outputs[k].hidden
    done = None if map_hidden is None else ~map_hidden
    grids = []
    for c, channel in enumerate(reads):
        hidden = None
        if done is not None:  # reveal: the cells computed so far, and the current cell's known partials
            hidden = ~done.copy()
            hidden[cell] = c >= known_at_cell
        building = step.phase is Phase.PRODUCT and c == summed
        is_current = c == summed or step.phase is Phase.CELL
        pending_value = None
        if building:
            assert step.tap is not None
            kw = focus.cell.weights.shape[2]
            pending_value = float(focus.cell.products[c].ravel()[: step.tap[0] * kw + step.tap[1] + 1].sum())
        grids.append(GridFrame(
            GridKind.PARTIAL, c, k, f"P{c + 1} · " + translate("frame", "ch {n}").format(n=channel + 1),
            CaptionState.CURRENT if c == summed else CaptionState.LIT, channel, values[c], scale,
            emphasized=c == summed, current=cell if is_current else None,
            pending=cell if building else None, pending_value=pending_value, hidden=hidden,
        ))  # fmt: skip
    kernel = scene.kernels[k]
    bias_lit = focus.bias_lit
    grids.append(GridFrame(
        GridKind.BIAS_TERM, 0, k, "b", CaptionState.CURRENT if bias_lit else CaptionState.PLAIN, None,
        np.array([[kernel.bias]]), _FLAT, emphasized=bias_lit, current=(0, 0) if bias_lit else None,
    ))  # fmt: skip
    out = frame.outputs[k]
    grids.append(replace(out, kind=GridKind.RESULT, caption=f"Y · {kernel.name}", caption_state=CaptionState.LIT,
                         emphasized=step.phase in (Phase.TOTAL, Phase.CELL)))  # fmt: skip
    return replace(frame, views=tuple(grids))


# -- im2col --------------------------------------------------------------------------------


def im2col_too_large(trace: StepTrace) -> str:
    """Why the im2col view can't show this scene, or "" when it can."""
    C = trace.scene.input_shape[2]
    (kh, kw), (oh, ow) = trace.kernel_hw, trace.output_hw
    rows, cols = C * kh * kw, oh * ow
    if rows * cols <= IM2COL_VIEW_MAX_VALUES:
        return ""
    return translate("frame", "im2col: U would be [{rows}, {cols}] = {count} numbers; the view shows at most {limit} "
                              "(128 MiB). Use a smaller input or crop it.").format(
        rows=rows, cols=cols, count=f"{rows * cols:,}", limit=f"{IM2COL_VIEW_MAX_VALUES:,}")


def _im2col(trace: StepTrace) -> _Im2col:
    found = _IM2COL.get(trace)
    if found is None:
        scene = trace.scene
        U = UnfoldedMatrix(np.asarray(scene.input, dtype=np.float64), trace.geometry)
        groups = scene.params.groups
        W = weight_matrix(scene.kernel_stack, groups, block_diagonal=True)
        off_block = None
        if groups > 1:
            n, Kg = W.shape[1] // groups, W.shape[0] // groups
            blocks = np.arange(W.shape[0])[:, None] // Kg == np.arange(W.shape[1])[None, :] // n
            off_block = _read_only(~blocks)
        oh, ow = trace.output_hw
        # The product's rows are the feature maps, row-major: the engine's
        # numbers (tests check they equal W·U + b).
        product = trace.feature_maps.reshape(oh * ow, -1).T
        w_limit = nice_limit(W)
        found = _IM2COL[trace] = _Im2col(
            U, _read_only(W), product, off_block,
            # U's cells are input cells or zeros (copies, for the other padding
            # modes), so the input's range is U's scale: 260 times fewer numbers
            # to scan on a big image, and the greys match the input's values.
            ColorScale("grey", min(float(scene.input.min()), 0.0), max(float(scene.input.max()), 1.0)),
            ColorScale("diverging", -w_limit, w_limit),
        )  # fmt: skip
    return found


def _im2col_view(scene: Scene, trace: StepTrace, frame: Frame) -> Frame:
    note = im2col_too_large(trace)
    if note:
        return replace(frame, view_note=note)
    m = _im2col(trace)
    U, W, product = m.U, m.W, m.product
    focus = frame.focus
    assert isinstance(focus, Focus)  # the views are a forward convolution's
    step = focus.step
    k, (r, s) = focus.kernel, focus.output_cell
    oh, ow = trace.output_hw
    (kh, kw), taps = trace.kernel_hw, trace.kernel_hw[0] * trace.kernel_hw[1]
    column = r * ow + s
    n = W.shape[1] // scene.params.groups  # U's rows a kernel reads: its group's
    first = scene.input_channels_of_kernel(k).start * taps
    group_rows = range(first, first + n)
    if step.channel is not None:  # the channel being summed: its kh·kw rows
        read = range(first + step.channel * taps, first + (step.channel + 1) * taps)
    else:
        read = group_rows
    current = None
    if step.tap is not None and step.channel is not None:
        current = first + step.channel * taps + step.tap[0] * kw + step.tap[1]
    channel = focus.input_channel
    grids = [
        GridFrame(
            GridKind.WEIGHTS, 0, None, f"W [{W.shape[0]},{W.shape[1]}]", CaptionState.LIT, channel, W,
            m.w_scale, tapped=frozenset((k, c) for c in read),
            window_box=(k, group_rows.start, k, group_rows.stop - 1),
            current=None if current is None else (k, current), hidden=m.off_block,
        ),
        GridFrame(
            GridKind.UNFOLDED, 0, None, f"U [{U.shape[0]},{U.shape[1]}]", CaptionState.LIT, channel, U,
            m.u_scale, tapped=frozenset((row, column) for row in read),
            window_box=(group_rows.start, column, group_rows.stop - 1, column),
            current=None if current is None else (current, column),
        ),
    ]  # fmt: skip
    bias_lit = focus.bias_lit
    grids.append(GridFrame(
        GridKind.BIAS_TERM, 0, None, "b", CaptionState.CURRENT if bias_lit else CaptionState.PLAIN, None,
        np.array([[kernel.bias] for kernel in scene.kernels]), _FLAT, tapped=frozenset({(k, 0)}),
        current=(k, 0) if bias_lit else None,
    ))  # fmt: skip
    written = focus.output_written
    hidden = None
    if frame.options.reveal:  # the product's rows are the maps: blank where they are
        hidden = ~trace.computed_mask(frame.index).reshape(oh * ow, -1).T
    limit = max(g.scale.high for g in frame.outputs)  # the maps' shared limit (the largest of their own ones)
    grids.append(GridFrame(
        GridKind.RESULT, 0, None, "W·U + b = Y", CaptionState.LIT, None, product, ColorScale("diverging", -limit, limit),
        current=(k, column),
        pending=None if written else (k, column), pending_value=None if written else running_value(focus), hidden=hidden,
    ))  # fmt: skip
    return replace(frame, views=tuple(grids))


# -- clicks ------------------------------------------------------------------------------


def step_of_view_cell(trace: StepTrace, frame: Frame, grid: GridFrame, row: int, col: int) -> int | None:
    """The step a click on ``grid``'s cell ``(row, col)`` goes to, or None.

    A partial map's cell: the step that sums that channel of that output cell.
    A column of U: the same part of the computation at that window position.
    A product cell (or a map cell of the partial-maps view): that cell's total.
    A row of W or of the bias: that kernel at the current position.
    """
    oh, ow = trace.output_hw
    focus = frame.focus
    assert isinstance(focus, Focus)  # the views are a forward convolution's
    step = focus.step
    if grid.kind is GridKind.PARTIAL and grid.kernel is not None:
        return trace.index_of(grid.kernel, row, col, trace.sub_for(Phase.CHANNEL, grid.index))
    if grid.kind is GridKind.UNFOLDED and 0 <= col < oh * ow:
        r, s = divmod(col, ow)
        return trace.index_of(step.kernel, r, s, step.sub)
    if grid.kind is GridKind.RESULT:
        if grid.kernel is not None:  # the partial-maps view's map
            return trace.index_of(grid.kernel, row, col, trace.sub_for(Phase.TOTAL))
        if 0 <= row < trace.kernel_count and 0 <= col < oh * ow:
            return trace.index_of(row, *divmod(col, ow), trace.sub_for(Phase.TOTAL))
    if grid.kind in (GridKind.WEIGHTS, GridKind.BIAS_TERM) and grid.kernel is None and 0 <= row < trace.kernel_count:
        return trace.index_of(row, step.out_row, step.out_col, step.sub)
    return None


def with_view(scene: Scene, trace: StepTrace, frame: Frame) -> Frame:
    """``frame`` with its view's grids added (the partial maps or im2col)."""
    view = FrameView(frame.options.view)
    return _partial_maps_view(scene, trace, frame) if view is FrameView.PARTIAL_MAPS else _im2col_view(scene, trace, frame)
