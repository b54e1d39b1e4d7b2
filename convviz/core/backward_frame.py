"""What a step of the backward pass shows, in the frame model's terms.

:func:`convviz.core.frames.frame_at` hands a backward trace here, so the
window's Backward mode and every recording draw the same grids:

- **dW / db** (:class:`ParamGradTrace`): the input X (the cells one weight's
  products read are tapped, inside the box the dilated dY covers), dW being
  built in the kernels' place (the current weight shows its running sum),
  db in the biases' place, and dY in the feature maps' place.
- **dX** (:class:`InputGradTrace`): the forward frame of the derived scene
  (dY dilated and padded, the flipped kernels, the gradient on the padded
  input), with captions that say so; the padding ring of the result is
  drawn as cells that don't reach X. Fold steps light the padding cells
  that copied the current cell, which takes their gradient.
"""

from __future__ import annotations

from dataclasses import replace
from weakref import WeakKeyDictionary

import numpy as np

from convviz.core.backward_trace import GradCell, InputGradTrace, ParamGradTrace
from convviz.core.focus import Focus
from convviz.core.frame import (
    CaptionState,
    ColorScale,
    Frame,
    FrameOptions,
    GridFrame,
    GridKind,
    _input_scales,
    caption_of_channel,
    forward_frame_at,
    step_counter,
)
from convviz.core.language import translate
from convviz.core.ledger import Ledger, LedgerLine, LineKind, sum_text
from convviz.core.numbers import format_number, is_shown_exactly
from convviz.core.trace import CellComputation, Phase

__all__ = ["input_frame", "param_frame"]

_FLAT = ColorScale("flat")
_COMPUTATIONS: WeakKeyDictionary[GradCell, CellComputation] = WeakKeyDictionary()


# -- dW and db ------------------------------------------------------------------------


def param_frame(trace: ParamGradTrace, index: int, options: FrameOptions) -> Frame:
    """A step of dW or db."""
    scene, geo = trace.scene, trace.geometry
    step = trace.step(index)
    cell = trace.grad_cell_of(step)
    k = step.kernel
    weight = trace.wrt == "weight"
    product = step.tap[0] * geo.output_hw[1] + step.tap[1] if step.tap is not None else None
    written = step.phase in (Phase.CELL, Phase.TOTAL)
    _, dW, db = trace.gradients
    kh, kw, c, K = scene.kernel_shape
    C = scene.input_shape[2]
    known = trace.computed_mask(index)  # (K, values per kernel)

    # X: the cells this weight's products read, inside the box dY covers.
    padding = (geo.pad_h[0], geo.pad_h[1], geo.pad_w[0], geo.pad_w[1])
    dropped = (frozenset(geo.dropped_input_rows()), frozenset(geo.dropped_input_cols()))
    taps, box = cell.input_set, cell.input_box
    in_scales = _input_scales(trace)  # worked out once per trace
    inputs = []
    for ch in range(C):
        read = weight and ch == cell.channel
        state = CaptionState.CURRENT if read else CaptionState.DIMMED
        inputs.append(GridFrame(
            GridKind.INPUT, ch, None, f"X {caption_of_channel(ch, C)}", state, ch, scene.input[:, :, ch],
            in_scales[ch], padding, geo.row_map, geo.col_map, dropped,
            dimmed=not read, emphasized=read, tapped=taps if read else frozenset(), window_box=box if read else None,
            current=cell.input_cell(product) if read and product is not None else None,
        ))  # fmt: skip

    # dW in the kernels' place, db in the biases'.
    kernels, biases = [], []
    for kk in range(K):
        reads = scene.input_channels_of_kernel(kk)
        grids = []
        for cc in range(c):
            here = weight and kk == k and cc == step.channel
            hidden = None
            if options.reveal:
                hidden = ~known[kk].reshape(c, kh, kw)[cc] if weight else np.zeros((kh, kw), dtype=bool)
            grids.append(GridFrame(
                GridKind.KERNEL, cc, kk, f"dW {caption_of_channel(reads[cc], C)}",
                CaptionState.CURRENT if here else CaptionState.LIT if weight and kk == k else CaptionState.DIMMED,
                reads[cc], dW[:, :, cc, kk], _FLAT, dimmed=not here, emphasized=here,
                current=(step.out_row, step.out_col) if here else None,
                pending=(step.out_row, step.out_col) if here and not written else None,
                pending_value=cell.running(product) if here and not written and product is not None else None,
                hidden=hidden,
            ))  # fmt: skip
        kernels.append(tuple(grids))
        here = not weight and kk == k
        hidden = np.array([[not known[kk, 0]]]) if options.reveal and not weight else None
        biases.append(GridFrame(
            GridKind.BIAS, 0, kk, "db", CaptionState.CURRENT if here else CaptionState.DIMMED, None,
            db[kk : kk + 1].reshape(1, 1), _FLAT, dimmed=not here, emphasized=here,
            current=(0, 0) if here else None,
            pending=(0, 0) if here and not written else None,
            pending_value=cell.running(product) if here and not written and product is not None else None,
            hidden=hidden,
        ))  # fmt: skip

    # dY in the feature maps' place: the whole map of the active kernel is summed.
    dy = trace.dy
    limit = trace.dy_limit
    outputs = []
    oh, ow = geo.output_hw
    for kk, kernel in enumerate(scene.kernels):
        active = kk == k
        outputs.append(GridFrame(
            GridKind.OUTPUT, kk, kk, translate("frame", "dY of {kernel}").format(kernel=kernel.name), CaptionState.LIT if active else CaptionState.PLAIN, None,
            dy[:, :, kk], ColorScale("diverging", -limit, limit), dimmed=not active,
            window_box=(0, 0, oh - 1, ow - 1) if active else None,  # every cell of it is summed
            current=step.tap if active else None,
        ))  # fmt: skip

    focus = _param_focus(trace, index, cell, written)
    counter = step_counter(index, len(trace))
    return Frame(index=index, total=len(trace), label=focus.label, counter=counter,
                 focus=focus, ledger=focus.ledger, inputs=tuple(inputs), kernels=tuple(kernels), biases=tuple(biases),
                 outputs=tuple(outputs), options=options,
                 headings=(translate("frame", "Input X"), translate("frame", "dW, db of {name}"),
                           translate("frame", "Upstream gradient dY")))  # fmt: skip


def _param_focus(trace: ParamGradTrace, index: int, cell: GradCell, written: bool) -> Focus:
    """The frame's focus: the gradient value's sum as a one-channel
    computation (its factors: X under the dilated dY, and dY)."""
    step = trace.step(index)
    computation = _COMPUTATIONS.get(cell)
    if computation is None:  # once per value: a big map's sum has thousands of products
        n = len(cell.grads)
        inputs = cell.inputs if cell.wrt == "weight" else np.ones(n)
        computation = _COMPUTATIONS[cell] = CellComputation(
            kernel=cell.kernel, kernel_name=cell.kernel_name, out_row=cell.tap[0], out_col=cell.tap[1],
            channels=(cell.channel if cell.channel is not None else 0,),
            taps=(),  # its products read dY cells (cell.dy_cell), not kernel taps
            inputs=inputs.reshape(1, 1, n), weights=cell.grads.reshape(1, 1, n), products=cell.products.reshape(1, 1, n),
            partials=np.array([cell.value]), bias=0.0, value=cell.value,
        )  # fmt: skip
    product = step.tap[0] * trace.output_hw[1] + step.tap[1] if step.tap is not None else None
    ledger = cell.ledger(product)
    return Focus(
        step=step, label=trace.label(step), cell=computation, ledger=ledger, level=trace.level, kernel=step.kernel,
        input_channels=(cell.channel,) if cell.channel is not None else (), input_channel=cell.channel,
        kernel_channel=step.channel, taps=cell.input_cells, window_box=cell.input_box or (0, 0, 0, 0),
        current_tap=step.tap, current_input=cell.input_cell(product) if product is not None else None,
        bias_lit=cell.wrt == "bias", output_cell=(step.out_row, step.out_col), output_written=written,
    )  # fmt: skip


# -- dX -----------------------------------------------------------------------------------


def input_frame(trace: InputGradTrace, index: int, options: FrameOptions) -> Frame:
    """A step of dX: of the full convolution, or a fold."""
    source = trace.source_scene
    conv_index = min(index, trace.conv_steps - 1)
    base = forward_frame_at(trace.scene, trace, conv_index, options)
    geo = trace.source_geometry
    (Hp, Wp), top, left = geo.padded_hw, geo.pad_h[0], geo.pad_w[0]
    H, W = geo.input_hw
    ring = (frozenset([*range(top), *range(top + H, Hp)]), frozenset([*range(left), *range(left + W, Wp)]))
    names = [k.name for k in source.kernels]
    C = source.input_shape[2]
    dy_of = translate("frame", "dY of {kernel} (dilated)") if max(geo.stride) > 1 else translate("frame", "dY of {kernel}")
    inputs = tuple(replace(g, caption=dy_of.format(kernel=names[g.index])) for g in base.inputs)
    flipped = translate("frame", "{kernel} flipped")
    kernels = tuple(tuple(replace(g, caption=flipped.format(kernel=names[_kernel_of(trace, m, g.index)])) for g in grids)
                    for m, grids in enumerate(base.kernels))  # fmt: skip
    biases = tuple(replace(g, caption=translate("frame", "bias")) for g in base.biases)
    # The ring is the padding's gradient, which reaches X only through a fold;
    # the box frames the input's own cells.
    real = (top, left, top + H - 1, left + W - 1)
    outputs = tuple(replace(g, caption=translate("frame", "dX {channel} (padded)").format(channel=caption_of_channel(g.index, C)), dropped=ring, window_box=real)
                    for g in base.outputs)  # fmt: skip
    fold = trace.fold_at(index)
    ledger, label = base.ledger, base.label
    if fold is None:
        assert isinstance(base.focus, Focus)  # dX's frames are a forward convolution's
        step = base.focus.step
        title = translate("ledger", "dX {channel} {place}: dY ⋆ flipped W").format(
            channel=caption_of_channel(step.kernel, C), place=trace.place(step.out_row, step.out_col))
        ledger = _without_bias(ledger, title, [f"dY {names[_kernel_of(trace, step.kernel, n)]}" for n in range(len(base.ledger.partials))])
    else:
        ledger, label = trace.fold_ledger(fold), trace.label(trace.step(index))
        src = (fold.source[0] + top, fold.source[1] + left)
        # The grid keeps what the convolution gave; the source shows its sum
        # with its copies, which the ledger writes out.
        outputs = tuple(
            replace(g, hidden=None, dimmed=m != fold.channel, window_box=None,
                    tapped=frozenset(fold.copies) if m == fold.channel else frozenset(),
                    current=src if m == fold.channel else None, pending=src if m == fold.channel else None,
                    pending_value=ledger.value if m == fold.channel else None,
                    caption_state=CaptionState.LIT if m == fold.channel else CaptionState.PLAIN)
            for m, g in enumerate(outputs)
        )  # fmt: skip
        inputs = tuple(replace(g, dimmed=True, emphasized=False, tapped=frozenset(), window_box=None, current=None,
                               caption_state=CaptionState.DIMMED) for g in inputs)  # fmt: skip
        kernels = tuple(tuple(replace(g, dimmed=True, emphasized=False, window_box=None, current=None,
                                      caption_state=CaptionState.DIMMED) for g in grids) for grids in kernels)  # fmt: skip
    counter = step_counter(index, len(trace))
    dy_heading = translate("frame", "dY, padded") if max(geo.stride) == 1 else translate("frame", "dY, dilated and padded")
    return replace(base, index=index, label=label, counter=counter, ledger=ledger,
                   inputs=inputs, kernels=kernels, biases=biases, outputs=outputs,
                   headings=(dy_heading, translate("frame", "Flipped kernels for dX {name}"),
                             translate("frame", "dX on the padded input")))  # fmt: skip


def _kernel_of(trace: InputGradTrace, m: int, channel: int) -> int:
    """The source kernel whose dY channel ``channel`` of flipped kernel ``m`` reads."""
    return trace.scene.input_channels_of_kernel(m)[channel]


def _without_bias(ledger: Ledger, title: str, labels: list[str]) -> Ledger:
    """The derived scene's ledger without its "+ bias: 0" line, its channel
    lines named by the dY map they sum."""
    lines: list[LedgerLine] = []
    for line in ledger.lines:
        if line.kind is LineKind.BIAS:
            continue
        if line.kind is LineKind.TOTAL:
            parts, value, d = list(ledger.partials), ledger.value, ledger.decimals
            exact = "=" if is_shown_exactly(value, d) else "≈"
            result = f"= {sum_text(parts, value, d)}" if len(parts) > 1 else f"{exact} {format_number(value, d)}"
            line = replace(line, result=result)
        elif line.kind is LineKind.CHANNEL:
            line = replace(line, label=labels[len(lines)])
        lines.append(line)
    return replace(ledger, title=title, lines=tuple(lines))
