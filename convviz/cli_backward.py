"""``convviz explain SCENE --wrt input|weight --at …``: one gradient cell's arithmetic (numpy only, no Qt).

- ``--wrt weight --at I J [--channel N] [--kernel K]``: ``dW(I,J)`` of input
  channel N (counted from 1, as the ledger writes "ch 1"; default the
  kernel's first) of kernel K, the sum of the input under dY times dY.
- ``--wrt input --at R C [--channel N]``: ``dX(R,C)`` of input channel N
  (default 1), the full convolution of dY with the flipped kernels at that
  cell, and, with reflect, replicate or circular padding, the gradient of
  every padding cell that copies it.

dY is ``--grad-output`` (ones, or a JSON file of K matrices), else the
scene's ``grad_output``, else ones.
"""

from __future__ import annotations

import argparse

from convviz.cli_errors import UsageError
from convviz.core.errors import ConvError
from convviz.core.scene import Scene

__all__ = ["add_explain_wrt_options", "explain_gradient"]


def add_explain_wrt_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--wrt", choices=("input", "weight"),
                   help="with --at: a gradient cell's arithmetic instead: dX(ROW, COL), or dW(I, J) of --kernel")  # fmt: skip
    p.add_argument("--channel", type=int, metavar="N",
                   help="with --wrt: the input channel, from 1 as the ledger writes it (default: the first)")  # fmt: skip
    p.add_argument("--grad-output", metavar="ones|FILE.json",
                   help="with --wrt: the upstream gradient dY (default: the scene's grad_output, else ones)")  # fmt: skip


def _channel(scene: Scene, channel: int | None, reads: range) -> int:
    """``--channel N`` (from 1) as a 0-based input channel among ``reads``."""
    if channel is None:
        return reads[0]
    if (channel - 1) not in reads:
        numbers = f"{reads[0] + 1}..{reads[-1] + 1}" if len(reads) > 1 else f"{reads[0] + 1}"
        raise UsageError(f"--channel {channel}: choose one of the channels {numbers} (counted from 1)")
    return channel - 1


def explain_gradient(scene: Scene, args: argparse.Namespace, kernel: int) -> str:
    """The text of one gradient cell's arithmetic; ``kernel`` is ``--kernel`` resolved (dW only)."""
    from convviz.cli_ops import _grad_output
    from convviz.core.backward_trace import InputGradTrace, ParamGradTrace, backward_trace
    from convviz.core.frames import frame_at

    if scene.params.transposed:
        raise ConvError('--wrt shows the backward pass of a forward convolution (op "conv"); this scene is transposed')
    dy, source = _grad_output(scene, getattr(args, "grad_output", None))
    scene = scene.with_grad_output(dy)
    geo = scene.geometry()
    row, col = args.at
    title = f"{scene.name or 'scene'} · dY: {source} · {scene.params.describe()}"
    if args.wrt == "weight":
        kh, kw = geo.kernel_hw
        if not (0 <= row < kh and 0 <= col < kw):
            raise UsageError(f"--at {row} {col}: a weight of the {kh}×{kw} kernel is at rows 0..{kh - 1}, columns 0..{kw - 1}")
        reads = scene.input_channels_of_kernel(kernel)
        channel = _channel(scene, args.channel, reads)
        trace = backward_trace(scene, "weight", "cell")
        assert isinstance(trace, ParamGradTrace)
        cell = trace.grad_cell(kernel, channel - reads[0], (row, col))
        # Every product, however many: the command line has room.
        return cell.ledger(None, title=f"{title} · dW({row},{col}) of {scene.kernels[kernel].name}", shorten=False).text()
    (H, W), top, left = geo.input_hw, geo.pad_h[0], geo.pad_w[0]
    if not (0 <= row < H and 0 <= col < W):
        raise UsageError(f"--at {row} {col}: the input's cells are at rows 0..{H - 1}, columns 0..{W - 1}")
    channel = _channel(scene, args.channel, range(scene.input_shape[2]))
    trace = backward_trace(scene, "input", "channel")
    assert isinstance(trace, InputGradTrace)
    last = trace.steps_per_cell - 1
    lines = [f"{title} · dX({row},{col}) channel {channel + 1}"]
    fold = next((n for n, f in enumerate(trace.folds) if f.channel == channel and f.source == (row, col)), None)
    cells = [(row + top, col + left)] + ([] if fold is None else list(trace.folds[fold].copies))
    for n, (pr, pc) in enumerate(cells):
        frame = frame_at(trace.scene, trace, trace.index_of(channel, pr, pc, last))
        text = frame.ledger.text().splitlines()
        if n:
            text[0] = f"padding cell ({pr - top},{pc - left}) copies ({row},{col}): " + text[0]
        lines.extend(text)
    if fold is not None:
        lines.extend(trace.fold_ledger(trace.folds[fold]).text().splitlines())
    return "\n".join(lines)

