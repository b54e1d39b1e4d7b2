"""What a step of a transposed convolution shows: frames of the scatter and
of the equivalent direct convolution, for the window and every recording.

:func:`convviz.core.frames.frame_at` hands transposed traces here.

**Scatter.** The input cell being scattered is the current cell (on the
channels it scatters), the kernel is lit (its current tap at the multiply
level), and the patch the scaled kernel lands on is marked on the output, whose
cells show their running values (``live``: they change every step); with
reveal, cells no tap has reached yet are blank. The ledger has one line per tap:
``y(2,3) += 4·w(1,0) = 8 → 11``.

**Equivalent direct.** The forward frame of the derived scene
(:mod:`convviz.core.transposed_direct`), whose inserted zero rows and columns
are drawn as cells no window needs. :func:`direct_frame_on_input` shows the same
step on the transposed scene's own grids (the window's panels): the input cells
the window reads, and the taps of the flipped kernel on the kernel as it is.
"""

from __future__ import annotations

from dataclasses import replace
from weakref import WeakKeyDictionary

import numpy as np

from convviz.core.frame import (
    CaptionState,
    ColorScale,
    Frame,
    FrameOptions,
    GridFrame,
    GridKind,
    caption_of_channel,
    forward_frame_at,
    input_levels,
    map_limits,
    section_headings,
    step_counter,
)
from convviz.core.language import translate
from convviz.core.ledger import CURRENT, DONE, PENDING, UPCOMING, Ledger, LedgerLine, LedgerState, LineKind, Term
from convviz.core.numbers import format_factor, format_number
from convviz.core.scene import Scene
from convviz.core.trace import Phase
from convviz.core.transposed_direct import DirectTrace
from convviz.core.transposed_trace import Product, ScatterFocus, ScatterStep, ScatterTrace

__all__ = [
    "direct_frame_at",
    "direct_frame_on_input",
    "sample_scatter_ledgers",
    "scatter_focus",
    "scatter_frame_at",
    "scatter_ledger",
]

_FLAT = ColorScale("flat")


# -- the equivalent direct convolution ------------------------------------------------------


def direct_frame_at(_scene: Scene, trace: DirectTrace, index: int, options: FrameOptions = FrameOptions()) -> Frame:
    """The derived scene's forward frame (whatever scene is passed: the trace's
    is drawn), its inserted zero rows and columns marked as cells no window needs."""
    frame = forward_frame_at(trace.scene, trace, index, options)
    zeros = (trace.direct.zero_rows(), trace.direct.zero_cols())
    inputs = tuple(replace(g, dropped=zeros, caption=translate("frame", "{caption}, zeros inserted").format(caption=g.caption)) for g in frame.inputs)
    return replace(frame, inputs=inputs)


def direct_frame_on_input(trace: DirectTrace, index: int, options: FrameOptions = FrameOptions()) -> Frame:
    """Step ``index`` of the equivalent direct convolution on the transposed
    scene's own grids: the input cells under the window (the inserted zeros
    and padding have no cell there), the flipped kernel's taps on the kernel as
    it is, the output and ledger as the direct frame has them."""
    frame = forward_frame_at(trace.scene, trace, index, options)
    scene = trace.transposed
    direct = trace.direct
    top, left = frame.inputs[0].padding[0], frame.inputs[0].padding[2]

    def source(cell: tuple[int, int]) -> tuple[int, int] | None:
        r, c = cell[0] - top, cell[1] - left
        if not (0 <= r < direct.source_rows.size and 0 <= c < direct.source_cols.size):
            return None
        sr, sc = int(direct.source_rows[r]), int(direct.source_cols[c])
        return None if sr < 0 or sc < 0 else (sr, sc)

    inputs = []
    for ch, grid in enumerate(frame.inputs):
        tapped = frozenset(s for s in map(source, grid.tapped) if s is not None)
        current = source(grid.current) if grid.current is not None else None
        inputs.append(replace(grid, values=scene.input[:, :, ch], padding=(0, 0, 0, 0), row_map=None, col_map=None,
                              dropped=(frozenset(), frozenset()), tapped=tapped, window_box=_box(tapped),
                              current=current))  # fmt: skip
    kh, kw = trace.kernel_hw

    def mirror(cell: tuple[int, int] | None) -> tuple[int, int] | None:
        return None if cell is None else (kh - 1 - cell[0], kw - 1 - cell[1])

    kernels = tuple(
        tuple(replace(g, values=scene.kernels[k].weights[:, :, ch], current=mirror(g.current)) for ch, g in enumerate(grids))
        for k, grids in enumerate(frame.kernels)
    )
    outputs = tuple(replace(g, caption=translate("frame", "{kernel} → map").format(kernel=scene.kernels[k].name)) for k, g in enumerate(frame.outputs))
    return replace(frame, inputs=tuple(inputs), kernels=kernels, outputs=outputs)


def _box(cells: frozenset[tuple[int, int]]) -> tuple[int, int, int, int] | None:
    if not cells:
        return None
    rows, cols = [r for r, _ in cells], [c for _, c in cells]
    return min(rows), min(cols), max(rows), max(cols)


# -- the scatter ------------------------------------------------------------------------------

_INPUT_SCALES: WeakKeyDictionary[ScatterTrace, list[ColorScale]] = WeakKeyDictionary()
_MAP_LIMITS: WeakKeyDictionary[ScatterTrace, dict[str, list[float]]] = WeakKeyDictionary()


def _input_scales(trace: ScatterTrace) -> list[ColorScale]:
    found = _INPUT_SCALES.get(trace)
    if found is None:
        x = trace.x
        found = _INPUT_SCALES[trace] = [ColorScale("grey", *input_levels(x[:, :, ch])) for ch in range(x.shape[2])]
    return found


def _map_scales(trace: ScatterTrace, options: FrameOptions) -> list[ColorScale]:
    per_option = _MAP_LIMITS.setdefault(trace, {})
    key = str(options.map_scale)
    if key not in per_option:
        per_option[key] = map_limits(trace.feature_maps, options.map_scale)
    return [ColorScale("diverging", -limit, limit) for limit in per_option[key]]


def scatter_focus(trace: ScatterTrace, index: int) -> ScatterFocus:
    step = trace.step(index)
    products = tuple(trace.products_of(step))
    input_channel = None
    if step.channel is not None:
        input_channel = trace.input_channels_of_kernel(step.kernel)[step.channel]
    return ScatterFocus(step, trace.label(step), trace.level, step.kernel, input_channel, step.channel, products)


def scatter_frame_at(scene: Scene, trace: ScatterTrace, index: int, options: FrameOptions = FrameOptions()) -> Frame:
    """What step ``index`` of a scatter trace shows."""
    focus = scatter_focus(trace, index)
    step = focus.step
    k_active = step.kernel
    C = trace.x.shape[2]
    kh, kw, c, _ = trace.kernels.shape
    bias_step = step.phase is Phase.BIAS
    read = set(trace.input_channels_of_kernel(k_active))
    channel_level = focus.input_channel is not None
    in_scales = _input_scales(trace)

    inputs = []
    for ch in range(C):
        scattering = ch in read and not bias_step and (not channel_level or focus.input_channel == ch)
        dimmed = not scattering
        state = CaptionState.CURRENT if scattering and channel_level else CaptionState.LIT if scattering else CaptionState.DIMMED
        cell = (step.row, step.col)
        inputs.append(GridFrame(
            GridKind.INPUT, ch, None, caption_of_channel(ch, C), state, ch, trace.x[:, :, ch], in_scales[ch],
            dimmed=dimmed, emphasized=scattering, window_box=(*cell, *cell) if scattering else None,
            current=cell if scattering else None,
        ))  # fmt: skip

    kernels, biases = [], []
    for k in range(trace.kernel_count):
        active = k == k_active
        reads = list(trace.input_channels_of_kernel(k))
        grids = []
        for ch in range(c):
            lit = active and not bias_step and (focus.kernel_channel is None or focus.kernel_channel == ch)
            state = CaptionState.CURRENT if lit and channel_level else CaptionState.LIT if lit else CaptionState.DIMMED
            grids.append(GridFrame(
                GridKind.KERNEL, ch, k, caption_of_channel(reads[ch], C), state, reads[ch],
                trace.kernels[:, :, ch, k], _FLAT, dimmed=not lit, emphasized=lit,
                window_box=(0, 0, kh - 1, kw - 1) if lit else None, current=step.tap if lit else None,
            ))  # fmt: skip
        kernels.append(tuple(grids))
        bias_lit = active and bias_step
        biases.append(GridFrame(
            GridKind.BIAS, 0, k, translate("frame", "bias"), CaptionState.CURRENT if bias_lit else CaptionState.DIMMED, None,
            np.array([[trace.bias[k]]]), _FLAT, dimmed=not bias_lit, emphasized=bias_lit,
            window_box=(0, 0, 0, 0) if bias_lit else None, current=(0, 0) if bias_lit else None,
        ))  # fmt: skip

    running = trace.running_maps(index)
    hidden = ~trace.touched(index) if options.reveal else None
    oh, ow = trace.output_hw
    # The whole patch the cell's kernel lands on is marked at every level; at
    # the multiply level the current tap's cell is the current one.
    patch = frozenset() if bias_step else frozenset((land.row, land.col) for land in trace.landings(step.row, step.col)
                                                    if land.inside)  # fmt: skip
    landed = frozenset((p.out_row, p.out_col) for p in focus.products if 0 <= p.out_row < oh and 0 <= p.out_col < ow)
    map_scales = _map_scales(trace, options)
    names = trace.kernel_names
    outputs = []
    for k in range(trace.kernel_count):
        active = k == k_active
        current = None
        if active and step.phase is Phase.PRODUCT and landed:
            current = next(iter(landed))
        outputs.append(GridFrame(
            GridKind.OUTPUT, k, k, translate("frame", "{kernel} → map").format(kernel=names[k]), CaptionState.CURRENT if active and bias_step else
            CaptionState.LIT if active else CaptionState.PLAIN, None, running[:, :, k], map_scales[k],
            tapped=patch if active else frozenset(), window_box=_box(patch) if active else None, current=current,
            hidden=None if hidden is None else np.ascontiguousarray(hidden[:, :, k]), live=True,
        ))  # fmt: skip

    return Frame(
        index=index,
        total=len(trace),
        label=focus.label,
        counter=step_counter(index, len(trace)),
        focus=focus,
        ledger=scatter_ledger(trace, step, running),
        inputs=tuple(inputs),
        kernels=tuple(kernels),
        biases=tuple(biases),
        outputs=tuple(outputs),
        options=options,
        headings=section_headings(),
    )


def scatter_ledger(trace: ScatterTrace, step: ScatterStep, running: np.ndarray, decimals: int = 3) -> Ledger:
    """The ledger of a scatter step: a line per kernel tap of the current
    input cell, ``y(2,3) += 4·w(1,0) = 8 → 11`` (the running value after this
    step), or the tap's cropping; at the bias step, the bias added to every cell."""
    name = trace.kernel_names[step.kernel]
    if step.phase is Phase.BIAS:
        b = float(trace.bias[step.kernel])
        every_cell = translate("ledger", "{bias} to every cell of the map").format(bias=format_number(b, decimals))
        line = LedgerLine(LineKind.BIAS, translate("ledger", "+ bias"), (), every_cell, CURRENT)
        title = translate("ledger", "{kernel}: every cell gets the bias").format(kernel=name)
        return Ledger(title, (line,), "", bias=b, decimals=decimals)
    products = trace.cell_products(step.kernel, step.row, step.col)
    taps = trace.kernel_hw[0] * trace.kernel_hw[1]
    c = trace.channels_per_kernel
    if step.phase is Phase.CELL:
        shown = range(c)
    else:
        assert step.channel is not None
        shown = range(step.channel, step.channel + 1)
    channels = trace.input_channels_of_kernel(step.kernel)
    oh, ow = trace.output_hw
    at = step.sub % taps if step.phase is Phase.PRODUCT else None
    lines: list[tuple[int, LedgerLine]] = []  # (tap, line) for the taps that land inside
    cropped: list[int] = []
    for t in range(taps):
        here = [products[ch * taps + t] for ch in shown]
        first = here[0]
        if not (0 <= first.out_row < oh and 0 <= first.out_col < ow):
            cropped.append(t)
            continue
        state: LedgerState = CURRENT if at is None else DONE if t < at else CURRENT if t == at else PENDING
        tap = (first.i, first.j)
        terms = tuple(Term(f"{format_factor(p.x, decimals)}·{_weight(p, c)}", p.channel, tap, False,
                           UPCOMING if state is PENDING else state) for p in here)  # fmt: skip
        numbers = " + ".join(f"{format_factor(p.x, decimals)}·{format_factor(p.w, decimals)}" for p in here)
        result = f"= {numbers} = {format_number(sum(p.value for p in here), decimals)}"
        if state is not PENDING:  # the running value once this tap has landed
            result += f" → {format_number(float(running[first.out_row, first.out_col, step.kernel]), decimals)}"
        colour = channels[here[0].channel] if len(here) == 1 else None
        label = f"y({first.out_row},{first.out_col}) +="
        lines.append((t, LedgerLine(LineKind.SCATTER, label, terms, result, state, channel=colour)))
    shown_lines = _windowed(lines, at)
    if cropped:  # first: in view even when the taps landing inside are many
        shown_lines.insert(0, _cropped_line(products, cropped, at, (oh, ow)))
    x_text = ", ".join(format_number(float(trace.x[step.row, step.col, channels[ch]]), decimals) for ch in shown)
    where = f"x({step.row},{step.col})"
    if step.channel is not None:
        where += " " + translate("ledger", "channel {n}").format(n=channels[step.channel] + 1)
    title = translate("ledger", "{kernel}: {where} = {value} scatters the kernel").format(kernel=name, where=where, value=x_text)
    done = step.row * trace.input_hw[1] + step.col + 1
    progress = translate("ledger", "input cell {done} of {count}").format(done=done, count=trace.input_hw[0] * trace.input_hw[1])
    return Ledger(title, tuple(shown_lines), progress, decimals=decimals)


MAX_SCATTER_LINES = 9  # taps shown one per line; a bigger kernel's are windowed (its grid shows them all)


def _windowed(lines: list[tuple[int, LedgerLine]], at: int | None) -> list[LedgerLine]:
    """At most :data:`MAX_SCATTER_LINES` tap lines: those up to the current tap
    (the first ones when every tap lands at once), the rest summed up in a line."""
    if len(lines) <= MAX_SCATTER_LINES:
        return [line for _, line in lines]
    keep = MAX_SCATTER_LINES - 1
    current = 0 if at is None else next((n for n, (t, _) in enumerate(lines) if t >= at), len(lines) - 1)
    start = min(max(0, current - keep + 1), len(lines) - keep)
    kept = [line for _, line in lines[start : start + keep]]
    before, after = lines[:start], lines[start + keep :]
    for part, where in ((before, 0), (after, len(kept))):
        if part:
            first, last = part[0][1].label.removesuffix(" +="), part[-1][1].label.removesuffix(" +=")
            states = {line.state for _, line in part}
            state = PENDING if states == {PENDING} else DONE if CURRENT not in states else CURRENT
            text = translate("ledger", "{count} more taps land on {first} … {last}: the map shows their values").format(
                count=len(part), first=first, last=last)
            kept.insert(where, LedgerLine(LineKind.SCATTER, "…", (), text, state))  # its label is short: the terms stay aligned
    return kept


def _cropped_line(products: list[Product], cropped: list[int], at: int | None, output_hw: tuple[int, int]) -> LedgerLine:
    """One line for every tap that lands outside the output."""
    taps = [products[t] for t in cropped]
    names = ", ".join(f"w({p.i},{p.j})" for p in taps[:4]) + (", …" if len(taps) > 4 else "")
    where = ", ".join(f"y({p.out_row},{p.out_col})" for p in taps[:2]) + (", …" if len(taps) > 2 else "")
    state: LedgerState = CURRENT
    if at is not None:
        state = CURRENT if at in cropped else DONE if min(cropped) < at else PENDING
    text = (translate("ledger", "{weights} lands on {where}, outside the {rows}×{cols} output") if len(taps) == 1 else
            translate("ledger", "{weights} land on {where}, outside the {rows}×{cols} output"))  # fmt: skip
    text = text.format(weights=names, where=where, rows=output_hw[0], cols=output_hw[1])
    return LedgerLine(LineKind.SCATTER, translate("ledger", "cropped:"), (), text, state)


def sample_scatter_ledgers(trace: ScatterTrace, count: int = 4) -> list[Ledger]:
    """Ledgers of a few whole cells' scatters, spread over the input and the
    kernels (the last cells, whose running values are largest, among them):
    a recording sizes its ledger by them."""
    H, W = trace.input_hw
    cells = [(k, n) for k in range(trace.kernel_count) for n in range(H * W)]
    picks = {cells[int(i)] for i in np.linspace(0, len(cells) - 1, min(count, len(cells)))}
    ledgers = []
    for k, n in sorted(picks):
        index = trace.index_of(k, *divmod(n, W), trace.steps_per_cell - 1)
        ledgers.append(scatter_ledger(trace, trace.step(index), trace.running_maps(index)))
    return ledgers


def _weight(p: Product, channels: int) -> str:
    """``w(1,0)``, or ``w2(1,0)`` for the kernel's channel 2 when it has several."""
    return f"w{p.channel + 1}({p.i},{p.j})" if channels > 1 else f"w({p.i},{p.j})"

