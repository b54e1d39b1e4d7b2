"""The ``convviz`` command.

::

    convviz [SCENE]                      open the window (on seed-3.4 by default)
    convviz presets                      list the built-in scenes and kernel presets
    convviz compute SCENE [--json]       print every feature map
    convviz explain SCENE --at ROW COL [--kernel K]
                                         print the arithmetic of one output cell
    convviz explain SCENE --maps [--kernel K] [--json]
                                         print each kernel's partial maps, bias and map
    convviz explain SCENE --im2col [--json]
                                         print U, W and W·U + b
    convviz grad SCENE [--grad-output ones|FILE.json] [--json]
                                         print the gradients dX, dW and db
    convviz render SCENE -o shot.png     render the window to a PNG, offscreen
    convviz export SCENE -o OUT          export the animation (MP4, GIF, APNG, PNGs)

SCENE is a built-in scene name (``convviz presets``) or a scene file.
``presets``, ``compute`` and ``explain`` never import Qt, so they start fast.
Bad input prints ``convviz: error: ...`` and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

# One BLAS thread, set before numpy loads. The engine's blocks are memory-
# bound, and in the window the GUI thread needs the other core: with two
# OpenBLAS threads spinning, recomputing a 512×512×3 image was 10–40 times
# slower whenever anything else ran. A user's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from convviz import __version__  # noqa: E402
from convviz.core.errors import ConvError, SceneFileError  # noqa: E402

__all__ = ["main"]

PROG = "convviz"


class UsageError(Exception):
    """Bad input on the command line: printed as ``convviz: error: ...``, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own errors, same format
        raise UsageError(f"{message} (see {self.prog} --help)")


def _scene(argument: str):
    from convviz.core.catalogue import resolve_scene

    return resolve_scene(argument)


def _kernel_index(scene, kernel: str | None) -> int:
    if kernel is None:
        return 0
    names = [k.name for k in scene.kernels]
    if kernel in names:
        return names.index(kernel)
    try:
        index = int(kernel)
    except ValueError:
        raise UsageError(f"--kernel {kernel!r}: no such kernel; the scene has {', '.join(names)}") from None
    if not 0 <= index < len(names):
        raise UsageError(f"--kernel {index}: the scene has kernels 0..{len(names) - 1} ({', '.join(names)})")
    return index


def _shape(values: Sequence[int]) -> str:
    return "[" + ",".join(str(v) for v in values) + "]"


def _scene_header(scene) -> str:
    return (
        f"{scene.name or 'scene'}: input {_shape(scene.input_shape)}, kernels {_shape(scene.kernel_shape)}, "
        f"{scene.params.describe()}"
    )


def _plain_number(value: float) -> int | float:
    v = float(value)
    return int(v) if v.is_integer() and abs(v) < 2**53 else v


def _grid_text(matrix) -> list[str]:
    from convviz.core.numbers import format_number

    cells = [[format_number(v, 4).replace("\u2212", "-") for v in row] for row in matrix]
    width = max(len(c) for row in cells for c in row)
    return ["  " + "  ".join(c.rjust(width) for c in row) for row in cells]


def cmd_presets(args: argparse.Namespace) -> int:
    from convviz.core.catalogue import builtin_entries

    entries = builtin_entries()
    for kind, heading in (("scene", "Scenes"), ("kernel", "Kernel presets"), ("broken", "Broken presets")):
        group = [e for e in entries if e.kind == kind]
        if not group:
            continue
        print(f"{heading}:")
        width = max(len(e.id) for e in group)
        for e in group:
            shape = ""
            if e.item is not None:
                kh, kw, c, k = e.item.kernel_shape
                shape = f"{kh}×{kw}" + (f"×{c}" if c > 1 else "") + (f", {k} kernels" if k > 1 else "")
                if kind == "scene":
                    shape = f"input {_shape(e.item.input_shape)} → {_shape((*e.item.output_hw(), k))}"
            print(f"  {e.id.ljust(width)}  {shape}")
            print(f"  {' ' * width}  {e.description}")
        print()
    return 0


def cmd_compute(args: argparse.Namespace) -> int:
    scene = _scene(args.scene)
    maps = scene.feature_maps()
    oh, ow, K = maps.shape
    if args.json:
        doc = {
            "name": scene.name,
            "input_shape": list(scene.input_shape),
            "kernel_shape": list(scene.kernel_shape),
            "kernels": [k.name for k in scene.kernels],
            "shape": [oh, ow, K],
            "output": [[[_plain_number(v) for v in cell] for cell in row] for row in maps],
        }
        print(json.dumps(doc, ensure_ascii=False))
        return 0
    print(_scene_header(scene))
    print(f"feature maps {_shape(maps.shape)} (rows top to bottom, columns left to right)")
    for k, kernel in enumerate(scene.kernels):
        print()
        print(f"{kernel.name} (bias {_plain_number(kernel.bias)}):")
        print("\n".join(_grid_text(maps[:, :, k])))
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from convviz.core.ledger import ledger_text
    from convviz.core.trace import StepTrace

    scene = _scene(args.scene)
    if args.maps or args.im2col:
        return _explain_whole(scene, args)
    if args.json:
        raise UsageError("--json goes with --maps or --im2col; --at prints the arithmetic as text")
    k = _kernel_index(scene, args.kernel)
    trace = StepTrace(scene)
    oh, ow = trace.output_hw
    row, col = args.at
    if not 0 <= row < oh:
        raise UsageError(f"--at row {row} is outside the output's rows 0..{oh - 1}")
    if not 0 <= col < ow:
        raise UsageError(f"--at column {col} is outside the output's columns 0..{ow - 1}")
    cell = trace.cell(k, row, col)
    title = f"{scene.name or 'scene'} · kernel {cell.kernel_name} · output ({row}, {col}) · {scene.params.describe()}"
    print(ledger_text(cell, title=title))
    return 0


def _explain_whole(scene, args: argparse.Namespace) -> int:
    from convviz import cli_ops

    if args.im2col:
        if args.kernel is not None:
            raise UsageError("--im2col shows every kernel at once; leave out --kernel")
        return cli_ops.explain_im2col(scene, args.json)
    kernels = range(len(scene.kernels)) if args.kernel is None else [_kernel_index(scene, args.kernel)]
    return cli_ops.explain_maps(scene, list(kernels), args.json)


def cmd_grad(args: argparse.Namespace) -> int:
    from convviz import cli_ops

    return cli_ops.grad(_scene(args.scene), args.grad_output, args.json)


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().replace("×", "x").split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1280x720") from None
    if not (64 <= w <= 7680 and 64 <= h <= 4320):
        raise argparse.ArgumentTypeError(f"{text!r}: width and height must be 64..7680 and 64..4320")
    return w, h


def cmd_render(args: argparse.Namespace) -> int:
    from convviz.ui.render import render_to_png

    scene = _scene(args.scene)
    render_to_png(scene, args.output, size=args.size, step=args.step, level=args.level, layout=args.layout,
                  reveal=args.reveal, map_scale=args.map_scale)  # fmt: skip
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from convviz.ui.export import export_from_cli

    return export_from_cli(_scene(args.scene), args)


def cmd_gui(args: argparse.Namespace) -> int:
    from convviz.ui.app import run

    return run(args.scene)


def _add_frame_options(p: argparse.ArgumentParser) -> None:
    """What every recording shows as the window does: View → Reveal and the maps' colour scale."""
    p.add_argument("--reveal", action="store_true", help="blank the feature-map cells not computed yet")
    p.add_argument("--map-scale", choices=("shared", "own"), default="shared",
                   help="one colour scale for all feature maps (default), or each its own")  # fmt: skip


def _build_parsers() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    gui = _Parser(
        prog=PROG,
        description="convviz: see, step by step, how a convolution layer computes its feature maps. "
        "Without a command, opens the window.",
        epilog="commands: presets, compute, explain, grad, render, export (convviz COMMAND --help)",
    )
    gui.add_argument("scene", nargs="?", help="built-in scene name or scene file to open (default: seed-3.4)")
    gui.add_argument("--version", action="version", version=f"convviz {__version__}")

    sub = _Parser(prog=PROG)
    commands = sub.add_subparsers(dest="command", parser_class=_Parser, required=True)

    p = commands.add_parser("presets", help="list the built-in scenes and kernel presets")
    p.set_defaults(run=cmd_presets)

    p = commands.add_parser("compute", help="print every feature map of a scene")
    p.add_argument("scene", help="built-in scene name or scene file")
    p.add_argument("--json", action="store_true", help='print {"output": [row][col][k], "shape": [oh, ow, K], ...}')
    p.set_defaults(run=cmd_compute)

    p = commands.add_parser("explain", help="print the arithmetic of one output cell, as in the seed's eq. (3)")
    p.add_argument("scene", help="built-in scene name or scene file")
    view = p.add_mutually_exclusive_group(required=True)
    view.add_argument("--at", nargs=2, type=int, metavar=("ROW", "COL"), help="output cell, from 0")
    view.add_argument("--maps", action="store_true", help="each kernel's partial maps, bias and map (eq. 3 for whole maps)")
    view.add_argument("--im2col", action="store_true", help="the unfolded input U, the weight matrix W and W·U + b")
    p.add_argument("--kernel", help="kernel name (W0) or index (0); default the first (with --maps: every kernel)")
    p.add_argument("--json", action="store_true", help="with --maps or --im2col: print JSON")
    p.set_defaults(run=cmd_explain)

    from convviz.cli_ops import add_grad_parser

    add_grad_parser(commands, cmd_grad)

    p = commands.add_parser("render", help="render the window offscreen to a PNG")
    p.add_argument("scene", help="built-in scene name or scene file")
    p.add_argument("-o", "--output", required=True, help="PNG file to write")
    p.add_argument("--size", type=_size, default=(1280, 720), help="WIDTHxHEIGHT in pixels (default 1280x720)")
    p.add_argument("--step", type=int, default=None, help="animation step to show (from 0)")
    p.add_argument("--level", choices=("cell", "channel", "multiply"), default="channel", help="steps per output cell")
    p.add_argument(
        "--layout", choices=("window", "presentation"), default="window", help="the editing window or the recording layout"
    )
    _add_frame_options(p)
    p.set_defaults(run=cmd_render)

    p = commands.add_parser("export", help="export the animation to MP4, GIF, APNG or PNG frames")
    p.add_argument("scene", help="built-in scene name or scene file")
    p.add_argument("-o", "--output", required=True, help="file.mp4, file.gif, file.apng, or a folder/ for PNG frames")
    p.add_argument("--size", type=_size, default=(1280, 720), help="WIDTHxHEIGHT (default 1280x720)")
    p.add_argument("--fps", type=float, default=2.0, help="steps per second (default 2)")
    p.add_argument("--level", choices=("cell", "channel", "multiply"), default="channel")
    p.add_argument("--kernel", help="only this kernel (name or index)")
    p.add_argument("--from", dest="first", type=int, default=None, metavar="N", help="first step")
    p.add_argument("--to", dest="last", type=int, default=None, metavar="M", help="last step (inclusive)")
    p.add_argument("--hold-last", type=float, default=1.0, metavar="S", help="seconds to hold the last frame")
    p.add_argument("--theme", choices=("light", "dark", "high-contrast"), default="light")
    p.add_argument("--scale", type=float, default=1.0, help="text and cell scale")
    _add_frame_options(p)
    p.set_defaults(run=cmd_export)
    return gui, sub


COMMANDS = ("presets", "compute", "explain", "grad", "render", "export")


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    gui, sub = _build_parsers()
    try:
        if args_list and args_list[0] in COMMANDS:
            args = sub.parse_args(args_list)
        else:
            args = gui.parse_args(args_list)
            args.run = cmd_gui
        return args.run(args)
    except UsageError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except (ConvError, SceneFileError) as exc:  # bad input, with a message for the user
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # never a traceback on the command line
        if os.environ.get("CONVVIZ_DEBUG"):
            raise
        print(f"{PROG}: error: unexpected {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
