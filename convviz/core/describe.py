"""One step of the animation as a sentence, for "Describe step" and screen readers.

Built from the frame model (the step's focus and its ledger), in the current
language, with the same numbers the ledger shows::

    Step 2 of 44, kernel W0, output (0, 0): channel 2 gives the partial sum 1; running total: 3 + 1 = 4.
"""

from __future__ import annotations

from convviz.core.focus import Focus
from convviz.core.frame import Frame
from convviz.core.language import translate
from convviz.core.ledger import sum_text
from convviz.core.numbers import format_factor, format_number
from convviz.core.trace import Phase

__all__ = ["describe_step"]


def describe_step(frame: Frame) -> str:
    """What ``frame``'s step does, as a sentence."""
    focus, ledger = frame.focus, frame.ledger
    separator, stop = translate("describe", "; "), translate("describe", ".")  # "；" and "。" in Chinese
    if not isinstance(focus, Focus):  # a transposed convolution's scatter: its label and ledger title say it
        where = translate("describe", "Step {index} of {last}: ").format(index=frame.index, last=frame.total - 1)
        return f"{where}{frame.label}{separator}{ledger.title}{stop}"
    cell, step = focus.cell, focus.step
    d = ledger.decimals
    where = translate("describe", "Step {index} of {last}, kernel {kernel}, output ({row}, {col}): ").format(
        index=frame.index, last=frame.total - 1, kernel=cell.kernel_name, row=step.out_row, col=step.out_col
    )
    if step.phase is Phase.PRODUCT:
        assert step.tap is not None and step.channel is not None and focus.input_channel is not None
        i, j = step.tap
        what = translate(
            "describe", "channel {channel}, input {x} times weight {w} at kernel position ({i}, {j}) is {product}"
        ).format(
            channel=focus.input_channel + 1, x=format_factor(cell.inputs[step.channel, i, j], d),
            w=format_factor(cell.weights[step.channel, i, j], d), i=i, j=j,
            product=format_number(cell.products[step.channel, i, j], d),
        )  # fmt: skip
    elif step.phase is Phase.CHANNEL:
        assert step.channel is not None and focus.input_channel is not None
        what = translate("describe", "channel {channel} gives the partial sum {partial}").format(
            channel=focus.input_channel + 1, partial=format_number(cell.partials[step.channel], d)
        )
    elif step.phase is Phase.BIAS:
        what = translate("describe", "the bias {bias} is added").format(bias=format_number(cell.bias, d))
    else:
        parts = [float(p) for p in cell.partials] + [cell.bias]
        what = translate("describe", "the value is {sum}").format(sum=sum_text(parts, cell.value, d))
    clauses = [what] + ([ledger.running] if ledger.running and step.phase is not Phase.CELL else [])
    return f"{where}{separator.join(clauses)}{stop}"
