"""The ledger: one output cell's arithmetic, written as the seed writes eq. (3).

::

    channel 1: 0·2 + 2·0 + 0·0 + 0·1 + 2·0 + 0·1 + 2·0 + 1·3 + 2·0 = 3
    channel 2: 0·1 + 0·0 + 0·1 + 1·0 + 0·0 + 0·0 + 1·1 + 0·1 + 0·1 = 1
    channel 3: 1·0 + 1·0 + 0·1 + 0·1 + 1·1 + 0·1 + 0·1 + 1·1 + 1·0 = 2
    + bias: 1
    = 3 + 1 + 2 + 1 = 7

In each product the left factor is the input cell and the right factor the
kernel weight. Negative factors are written in parentheses, ``(−1)·0``, so
the minus sign can't be misread as subtraction. Channels count from 1, as in
the seed.

:func:`build_ledger` also says, for a step of the trace, which lines and
products are done, current or still to come, and the running total, so the
UI and the exporter show the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from convviz.core.language import translate
from convviz.core.numbers import format_factor, format_number, is_shown_exactly
from convviz.core.trace import CellComputation, Phase, Step

__all__ = [
    "CURRENT",
    "DONE",
    "PENDING",
    "UPCOMING",
    "Ledger",
    "LedgerLine",
    "LedgerState",
    "LineKind",
    "Term",
    "build_ledger",
    "ledger_text",
    "sum_text",
    "windowed_ledger",
]


class LedgerState(str, Enum):
    DONE = "done"
    CURRENT = "current"
    PENDING = "pending"  # still to come: not drawn (its space is kept)
    # A product of the current line that the multiply level hasn't reached yet:
    # shown faintly, so the student sees what is still to come in this line.
    UPCOMING = "upcoming"


class LineKind(str, Enum):
    CHANNEL = "channel"  # one channel's products and partial sum
    BIAS = "bias"
    TOTAL = "total"
    SUMMARY = "summary"  # the earlier channels of a shortened ledger, summed up
    SCATTER = "scatter"  # a transposed convolution's ``y(2,3) += 4·w(1,0) = 8 → 11``, or a cropped tap


DONE, CURRENT, PENDING, UPCOMING = LedgerState.DONE, LedgerState.CURRENT, LedgerState.PENDING, LedgerState.UPCOMING


@dataclass(frozen=True)
class Term:
    """One product ``x·w`` of a channel line."""

    text: str
    channel: int  # position within the kernel's channels
    tap: tuple[int, int]
    padding: bool  # the input factor comes from a padding cell
    state: LedgerState


@dataclass(frozen=True)
class LedgerLine:
    kind: LineKind
    label: str  # "channel 1", "+ bias", ""
    terms: tuple[Term, ...]
    result: str  # "= 3", "1", "= 3 + 1 + 2 + 1 = 7"
    state: LedgerState  # DONE, CURRENT or PENDING
    result_state: LedgerState | None = None  # the result's own state, when it differs from the line's
    channel: int | None = None  # the input channel (0-based) a channel line sums: its identity colour

    @property
    def shown_result_state(self) -> LedgerState:
        return self.result_state or self.state


@dataclass(frozen=True)
class Ledger:
    title: str
    lines: tuple[LedgerLine, ...]
    running: str  # "running total: 3 + 1 = 4", or "" when nothing is added yet
    # The numbers behind the text, so a shortened ledger is rebuilt from them
    # rather than from its own words.
    partials: tuple[float, ...] = ()
    bias: float = 0.0
    value: float = 0.0
    running_parts: tuple[float, ...] = ()  # what the running total adds up, () when none
    decimals: int = 3

    def text(self) -> str:
        return "\n".join([self.title, *(_line_text(line) for line in self.lines)])


def _equals(value: float, decimals: int) -> str:
    return "=" if is_shown_exactly(value, decimals) else "≈"


def sum_text(parts: list[float], total: float, decimals: int = 3) -> str:
    """``3 + 1 + (−1) = 3``: the parts added up, negatives in parentheses."""
    shown = " + ".join(format_factor(p, decimals) for p in parts)
    return f"{shown} {_equals(total, decimals)} {format_number(total, decimals)}"


def _running(parts: list[float], total: float, decimals: int) -> str:
    """``running total: 3 + 1 = 4``, or just ``running total: 3`` for one part."""
    if len(parts) == 1:
        return translate("ledger", "running total: {sum}").format(sum=format_number(total, decimals))
    return translate("ledger", "running total: {sum}").format(sum=sum_text(parts, total, decimals))


def _line_text(line: LedgerLine) -> str:
    if line.kind is LineKind.CHANNEL:
        return f"{line.label}: {' + '.join(t.text for t in line.terms)} {line.result}"
    if line.kind in (LineKind.BIAS, LineKind.SUMMARY):
        return f"{line.label}: {line.result}"
    if line.kind is LineKind.SCATTER:
        return " ".join(part for part in (line.label, " + ".join(t.text for t in line.terms), line.result) if part)
    return line.result


def build_ledger(cell: CellComputation, step: Step | None = None, decimals: int = 3, title: str = "") -> Ledger:
    """The ledger of ``cell`` as it stands at ``step`` (all done if None)."""
    phase = step.phase if step is not None else Phase.CELL
    current_channel = step.channel if step is not None and step.channel is not None else -1
    tap = step.tap if step is not None else None
    kh, kw = cell.weights.shape[1:]
    n_channels = len(cell.channels)

    def channel_state(ch: int) -> LedgerState:
        if phase in (Phase.CHANNEL, Phase.PRODUCT):
            return DONE if ch < current_channel else CURRENT if ch == current_channel else PENDING
        return DONE

    lines = []
    for ch in range(n_channels):
        line_state = channel_state(ch)
        terms = []
        for i in range(kh):
            for j in range(kw):
                if line_state == CURRENT and phase is Phase.PRODUCT and tap is not None:
                    order, at = i * kw + j, tap[0] * kw + tap[1]
                    state = DONE if order < at else CURRENT if order == at else UPCOMING
                else:
                    # A whole line is current at channel level: the line is
                    # highlighted, not each of its products.
                    state = DONE if line_state == CURRENT else line_state
                text = f"{format_factor(cell.inputs[ch, i, j], decimals)}·{format_factor(cell.weights[ch, i, j], decimals)}"
                terms.append(Term(text, ch, (i, j), cell.tap(i, j).padding, state))
        partial = float(cell.partials[ch])
        # At multiply level the partial sum is still being added up.
        result_state = UPCOMING if line_state == CURRENT and phase is Phase.PRODUCT else None
        lines.append(
            LedgerLine(
                LineKind.CHANNEL,
                translate("ledger", "channel {n}").format(n=cell.channels[ch] + 1),
                tuple(terms),
                f"{_equals(partial, decimals)} {format_number(partial, decimals)}",
                line_state,
                result_state,
                cell.channels[ch],
            )
        )
    bias_state = CURRENT if phase is Phase.BIAS else PENDING if phase in (Phase.CHANNEL, Phase.PRODUCT) else DONE
    bias_label = translate("ledger", "+ bias")
    lines.append(LedgerLine(LineKind.BIAS, bias_label, (), format_number(cell.bias, decimals), bias_state))
    total_state = CURRENT if phase in (Phase.TOTAL, Phase.CELL) else PENDING
    parts = [float(p) for p in cell.partials] + [cell.bias]
    lines.append(LedgerLine(LineKind.TOTAL, "", (), f"= {sum_text(parts, cell.value, decimals)}", total_state))

    running, added = "", []
    if phase is Phase.CHANNEL:
        added = [float(p) for p in cell.partials[: current_channel + 1]]
        running = _running(added, sum(added), decimals)
    elif phase is Phase.PRODUCT and tap is not None:
        done_channels = [float(p) for p in cell.partials[:current_channel]]
        so_far = float(cell.products[current_channel].ravel()[: tap[0] * kw + tap[1] + 1].sum())
        added = done_channels + [so_far]
        running = _running(added, sum(added), decimals)
    elif phase is Phase.BIAS:
        added = parts
        running = _running(parts, cell.value, decimals)

    if not title:
        title = translate("ledger", "{kernel} at output ({row}, {col})").format(
            kernel=cell.kernel_name, row=cell.out_row, col=cell.out_col
        )
    return Ledger(title, tuple(lines), running, tuple(float(p) for p in cell.partials), cell.bias, cell.value,
                  tuple(added), decimals)  # fmt: skip


def windowed_ledger(ledger: Ledger, current: int | None, keep: int) -> Ledger:
    """``ledger`` with at most ``keep`` channel lines: those up to the current
    channel (the last ones at the bias and total steps); the earlier ones are
    summed up in one line, so a deep input's ledger stays readable. Built
    from the ledger's numbers, with the same arithmetic as the whole one."""
    lines = list(ledger.lines)
    channel_rows = [n for n, line in enumerate(lines) if line.kind is LineKind.CHANNEL]
    if len(channel_rows) <= keep:
        return ledger
    end = len(channel_rows) if current is None else min(len(channel_rows), max(keep, current + 1))
    start = end - keep
    d = ledger.decimals
    kept: list[LedgerLine] = []
    if start:
        hidden = ledger.partials[:start]
        total = float(sum(hidden))
        first, last = lines[channel_rows[0]], lines[channel_rows[start - 1]]
        label = translate("ledger", "channels {first}–{last}")
        label = label.format(first=first.label.split()[-1], last=last.label.split()[-1])
        if start == 1:  # one line summed up: its own label, not "channels 1–1"
            label = first.label
        summed = translate("ledger", "partial sums add up to {sum}").format(sum=format_number(total, d))
        kept.append(LedgerLine(LineKind.SUMMARY, label, (), summed, DONE))
    for n, line in enumerate(lines):
        if line.kind is LineKind.CHANNEL and not channel_rows[start] <= n <= channel_rows[end - 1]:
            continue
        if line.kind is LineKind.TOTAL and start:
            parts = [float(sum(ledger.partials[:start])), *ledger.partials[start:], ledger.bias]
            line = replace(line, result=f"= {sum_text(parts, ledger.value, d)}")
        kept.append(line)
    running = ledger.running
    if ledger.running_parts and start and len(ledger.running_parts) > start:
        parts = [float(sum(ledger.running_parts[:start])), *ledger.running_parts[start:]]
        running = _running(parts, float(sum(ledger.running_parts)), d)
    return replace(ledger, lines=tuple(kept), running=running)


def ledger_text(cell: CellComputation, decimals: int = 3, title: str = "") -> str:
    """The whole ledger as plain text; the last line ends with ``= value``."""
    return build_ledger(cell, None, decimals, title).text()
