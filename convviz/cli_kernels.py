"""``convviz kernels FILE [--tensor NAME] [--pick 0,3,5] -o preset.json``.

Without ``--tensor`` it lists the file's 4-D tensors (conv weights) and
their shapes; with it, it writes the chosen filters as a kernel preset,
atomically. Every refusal exits with status 2 and writes nothing. The
reading is :mod:`convviz.core.weight_files`; numpy only here, no Qt.
"""

from __future__ import annotations

import argparse
import sys

from convviz.cli_errors import UsageError

__all__ = ["add_kernels_parser"]


def _shape(values) -> str:  # noqa: ANN001
    return "[" + ",".join(str(v) for v in values) + "]"


def run(args: argparse.Namespace) -> int:
    from convviz.core import scenefile
    from convviz.core.files import write_target
    from convviz.core.terminal_text import printable
    from convviz.core.weight_files import conv_tensors, kernel_preset_from, parse_pick, read_tensors

    if args.tensor is None and (args.output is not None or args.pick is not None):
        raise UsageError("--pick and -o need --tensor NAME (run without them to list the tensors)")
    if args.tensor is not None and args.output is None:
        raise UsageError("--tensor needs -o preset.json, the kernel preset to write")
    if args.output is not None:
        write_target(args.output)  # a folder or a device is refused before the file is read
    tensors = read_tensors(args.file)
    if args.tensor is None:
        found = conv_tensors(tensors)
        if not found:
            others = ", ".join(f"{n} {_shape(t.shape)}" for n, t in tensors.items()) or "none"
            raise UsageError(f"{args.file}: no 4-D tensor (conv weights [K,C,kh,kw]); tensors: {others}")
        width = max(len(n) for n in found)
        for name, shape in found.items():
            sys.stdout.write(printable(f"{name.ljust(width)}  {_shape(shape)}") + "\n")
        return 0
    count = tensors[args.tensor].shape[0] if args.tensor in tensors and tensors[args.tensor].ndim == 4 else 0
    pick = parse_pick(args.pick, count) if args.pick is not None and count else None
    preset = kernel_preset_from(tensors, args.tensor, pick, source=args.file)
    scenefile.save(args.output, preset)
    kh, kw, c, k = preset.kernel_shape
    sys.stdout.write(printable(f"wrote {args.output}: {k} kernel(s) {kh}×{kw}×{c}, {preset.name}") + "\n")
    return 0


# The command's arguments: (flags, argparse options).
_ARGUMENTS = (
    (("file",), {"help": "weights file: .npy, .npz, .safetensors, .pt or .pth"}),
    (("--tensor",), {"metavar": "NAME", "help": "the conv weight to use, e.g. conv1.weight (without it: list them)"}),
    (("--pick",), {"metavar": "0,3,5", "help": "only these filters (default all, at most 64)"}),
    (("-o", "--output"), {"metavar": "preset.json", "help": "the kernel preset to write"}),
)


def add_kernels_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "kernels",
        help="list the conv weights in a .npy/.npz/.safetensors/.pt file, or turn some into a kernel preset",
        epilog="Weights are PyTorch's [K,C,kh,kw]; the matching NAME.bias is used when the file has it. "
        ".pt/.pth need PyTorch and are read with weights_only=True; nothing is ever unpickled.",
    )
    for flags, options in _ARGUMENTS:
        parser.add_argument(*flags, **options)
    parser.set_defaults(run=run)
