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
    convviz explain SCENE --wrt input|weight --at ROW COL [--channel N] [--kernel K]
                                         print the arithmetic of one gradient cell, dX or dW
    convviz grad SCENE [--grad-output ones|FILE.json] [--json]
                                         print the gradients dX, dW and db
    convviz code SCENE [--lang torch|numpy]
                                         print a script that computes the maps as compute prints them
    convviz kernels FILE [--tensor NAME] [--pick 0,3,5] -o preset.json
                                         turn trained conv weights into a kernel preset
    convviz render SCENE -o shot.png     render the window to a PNG, offscreen
    convviz export SCENE -o OUT          export the animation (MP4, GIF, APNG, PNGs)

SCENE is a built-in scene name (``convviz presets``) or a scene file.
``presets``, ``compute`` and ``explain`` never import Qt, so they start fast.
Bad input prints ``convviz: error: ...`` and exits with status 2; Ctrl-C
exits with 130 (SIGTERM 143, SIGHUP 129) and leaves no partial files. Names
from scene files are printed with control characters escaped, so a file
can't drive the terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

# One BLAS thread, set before numpy loads. The engine's blocks are memory-
# bound, and in the window the GUI thread needs the other core: with two
# OpenBLAS threads spinning, recomputing a 512×512×3 image was 10–40 times
# slower whenever anything else ran. A user's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from convviz import __version__  # noqa: E402
from convviz.cli_errors import UsageError  # noqa: E402
from convviz.cli_help import help_language, help_language_in, leading_language, pass_leading_language, translated_help  # noqa: E402,E501
from convviz.cli_language import add_language_option, use_language_of  # noqa: E402
from convviz.core.errors import ConvError, ConvvizError, RenderOptionError, SceneFileError  # noqa: E402
from convviz.core.language import translate  # noqa: E402
from convviz.core.step_range import resolve_kernel  # noqa: E402
from convviz.core.terminal_text import BIDI_CONTROLS, printable  # noqa: E402,F401 - printable: cli.printable

__all__ = ["main"]

PROG = "convviz"


class OutputError(ConvvizError):
    """Standard output can't be written (``> /dev/full``, a closed terminal)."""


_BIDI_CONTROLS = BIDI_CONTROLS  # escaped in JSON output too


def _emit(text: str = "") -> None:
    """Print a line of output, escaped; a failing stdout is an :class:`OutputError`."""
    try:
        sys.stdout.write(printable(text) + "\n")
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(
            "cannot write the output: {exc_strerror_or_exc}",
            exc_strerror_or_exc=exc.strerror or exc,
        ) from None


class _Signals:
    """While a command writes files: SIGINT, SIGTERM and SIGHUP are noted
    rather than raised at an arbitrary point (inside Qt's painting, where an
    exception can crash the process). The export polls :meth:`cancelled`
    between steps and removes its partial files; the exit status is 128 + the
    signal's number."""

    NAMES = ("SIGINT", "SIGTERM", "SIGHUP")

    def __init__(self) -> None:
        self.received: int | None = None

    def _note(self, signum: int, _frame: object) -> None:
        self.received = signum

    def cancelled(self) -> bool:
        return self.received is not None

    @contextlib.contextmanager
    def deferred(self) -> Iterator[_Signals]:
        previous = {}
        for name in self.NAMES:
            number = getattr(signal, name, None)
            if number is not None:
                with contextlib.suppress(ValueError, OSError):  # not the main thread
                    previous[number] = signal.signal(number, self._note)
        try:
            yield self
        finally:
            for number, handler in previous.items():
                signal.signal(number, signal.SIG_DFL if handler is None else handler)

    def status(self) -> int:
        return 128 + int(self.received or 0)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own errors, same format
        raise UsageError(translate("cli", "{message} (see {prog} --help)").format(message=message, prog=self.prog))


def _scene(argument: str):
    from convviz.core.catalogue import resolve_scene

    return resolve_scene(argument)


def _checked_maps(scene, argument: str):
    """The feature maps; an impossible or overflowing scene is refused with
    the message the window shows, after where it came from."""
    try:
        return scene.feature_maps()
    except ConvError as exc:
        raise ConvError("{argument}: {exc}", argument=argument, exc=exc) from None


def _kernel_index(scene, kernel: str | None) -> int:
    """``--kernel`` by name or index; the first kernel when it isn't given."""
    try:
        return resolve_kernel(scene, kernel) or 0
    except ConvError as exc:  # "kernel 2: …" names the option as typed
        raise UsageError(f"--{exc}") from None


def _shape(values: Sequence[int]) -> str:
    return "[" + ",".join(str(v) for v in values) + "]"


def _scene_header(scene) -> str:
    return translate("cli", "{name}: input {input}, kernels {kernels}, {params}").format(
        name=scene.name or "scene", input=_shape(scene.input_shape), kernels=_shape(scene.kernel_shape),
        params=scene.params.describe(),
    )  # fmt: skip


def _plain_number(value: float) -> int | float:
    v = float(value)
    return int(v) if v.is_integer() and abs(v) < 2**53 else v


def _grid_text(matrix) -> list[str]:
    from convviz.core.numbers import format_number

    cells = [[format_number(v, 4).replace("\u2212", "-") for v in row] for row in matrix]
    width = max(len(c) for row in cells for c in row)
    return ["  " + "  ".join(c.rjust(width) for c in row) for row in cells]


def _entry_shape(entry) -> str:
    if entry.item is None:
        return ""
    kh, kw, c, k = entry.item.kernel_shape
    if entry.kind != "scene":
        return f"{kh}×{kw}" + (f"×{c}" if c > 1 else "") + (f", {k} kernels" if k > 1 else "")
    try:
        out = _shape((*entry.item.output_hw(), k))
    except ConvError:
        out = "no output"
    return f"input {_shape(entry.item.input_shape)} → {out}"


def _print_group(heading: str, rows: list[tuple[str, str, str]]) -> None:
    """``rows`` of (id, detail, description) under a heading."""
    if not rows:
        return
    _emit(f"{heading}:")
    width = max(len(r[0]) for r in rows)
    for ident, detail, description in rows:
        _emit(f"  {ident.ljust(width)}  {detail}".rstrip())
        if description:
            _emit(f"  {' ' * width}  {description}")
    _emit()


def cmd_presets(args: argparse.Namespace) -> int:
    from convviz.core.appdata import user_presets_dir
    from convviz.core.catalogue import builtin_entries, user_entries
    from convviz.core.samples import sample_entries

    entries = builtin_entries()
    for kind, heading in (("scene", "Scenes"), ("kernel", "Kernel presets"), ("broken", "Broken presets")):
        _print_group(heading, [(e.id, _entry_shape(e), e.description) for e in entries if e.kind == kind])
    samples = sample_entries()
    _print_group(
        "Sample scenes (a picture with kernels to compare; open them from the Presets panel)",
        [(e.id, f"{e.recipe.image.name}, {', '.join(e.recipe.kernel_ids)}" if e.recipe else "broken", e.description)
         for e in samples],  # fmt: skip
    )
    folder = user_presets_dir()
    mine = user_entries(folder)
    heading = f"Your presets (in {folder})"
    if mine:
        _print_group(heading, [(e.id, _entry_shape(e) if e.item else "broken", e.description) for e in mine])
    else:
        _emit(f"{heading}: none yet; save one from the window with Edit → Save Kernel as Preset…")
    return 0


def cmd_compute(args: argparse.Namespace) -> int:
    scene = _scene(args.scene)
    maps = _checked_maps(scene, args.scene)
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
        # JSON escapes C0 controls itself; DEL, C1 and bidi controls are escaped too.
        _emit(json.dumps(doc, ensure_ascii=False).translate(_JSON_ESCAPES))
        return 0
    _emit(_scene_header(scene))
    heading = translate("cli", "feature maps {shape} (rows top to bottom, columns left to right)")
    _emit(heading.format(shape=_shape(maps.shape)))
    for k, kernel in enumerate(scene.kernels):
        _emit()
        _emit(translate("cli", "{kernel} (bias {bias}):").format(kernel=kernel.name, bias=_plain_number(kernel.bias)))
        _emit("\n".join(_grid_text(maps[:, :, k])))
    return 0


_JSON_ESCAPES = {c: f"\\u{c:04x}" for c in [0x7F, *range(0x80, 0xA0), *map(ord, _BIDI_CONTROLS)]}


def cmd_explain(args: argparse.Namespace) -> int:
    from convviz.core.ledger import ledger_text
    from convviz.core.trace import StepTrace

    scene = _scene(args.scene)
    if args.wrt:
        return _explain_gradient(scene, args)
    if args.maps or args.im2col:
        return _explain_whole(scene, args)
    if args.json:
        raise UsageError("--json goes with --maps or --im2col; --at prints the arithmetic as text")
    k = _kernel_index(scene, args.kernel)
    _checked_maps(scene, args.scene)  # impossible or overflowing: refused, naming the kernel and cell
    if scene.params.transposed:  # the gather view: what lands on the cell
        from convviz.cli_transposed import gather_text

        _emit(gather_text(scene, k, *args.at))
        return 0
    trace = StepTrace(scene)
    oh, ow = trace.output_hw
    row, col = args.at
    if not 0 <= row < oh:
        raise UsageError(f"--at row {row} is outside the output's rows 0..{oh - 1}")
    if not 0 <= col < ow:
        raise UsageError(f"--at column {col} is outside the output's columns 0..{ow - 1}")
    cell = trace.cell(k, row, col)
    title = translate("cli", "{name} · kernel {kernel} · output ({row}, {col}) · {params}").format(
        name=scene.name or "scene", kernel=cell.kernel_name, row=row, col=col, params=scene.params.describe()
    )
    _emit(ledger_text(cell, title=title))
    return 0


def _explain_gradient(scene, args: argparse.Namespace) -> int:
    from convviz.cli_backward import explain_gradient

    if args.at is None or args.json:
        raise UsageError("--wrt goes with --at (a gradient cell), without --json; convviz grad prints whole gradients")
    _checked_maps(scene, args.scene)
    _emit(explain_gradient(scene, args, _kernel_index(scene, args.kernel)))
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


IMAGE_KINDS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}


def cmd_render(args: argparse.Namespace) -> int:
    kind = IMAGE_KINDS.get(Path(args.output).suffix.lower())
    if kind is None:  # before any work: the name says what the bytes must be
        raise RenderOptionError(
            "{args_output}: unknown kind of image {value1!r}; use .png or .jpg",
            args_output=args.output, value1=Path(args.output).suffix or '(no suffix)',
        )
    if args.step is not None and args.step < 0:
        raise RenderOptionError(
            "--step {args_step}: steps count from 0, as the window and the frames show them",
            args_step=args.step,
        )
    scene = _scene(args.scene)
    _split_view(args, scene)
    from convviz.ui.shell.render import render_to_png

    signals = _Signals()
    with signals.deferred():
        render_to_png(scene, args.output, size=args.size, step=args.step, level=args.level, layout=args.layout,
                      image_format=kind, cancelled=signals.cancelled, reveal=args.reveal,
                      map_scale=args.map_scale, wrt=args.wrt, view=args.view,
                      transposed_view=args.transposed_view)  # fmt: skip
    return signals.status() if signals.cancelled() else 0


def cmd_export(args: argparse.Namespace) -> int:
    scene = _scene(args.scene)
    _split_view(args, scene)
    from convviz.ui.recording.export import export_from_cli

    signals = _Signals()
    with signals.deferred():
        try:
            export_from_cli(scene, args, cancelled=signals.cancelled, report=_emit)
        except Exception:  # ExportCancelled included
            # A signal also stops ffmpeg (same process group), so whatever
            # write error follows is the signal's doing.
            if signals.cancelled():
                return signals.status()
            raise
    return signals.status() if signals.cancelled() else 0


def _check_openable(argument: str) -> None:
    """``convviz SCENE``: a typo is an error here, not a window that opens
    on something else. Files are read by the window, which explains them."""
    from convviz.core.catalogue import builtin_scene_ids, find_builtin

    if find_builtin(argument) is not None:
        return
    try:
        if Path(argument).exists():
            return
    except OSError as exc:
        raise SceneFileError(
            "cannot be read: {exc_strerror_or_exc}",
            exc_strerror_or_exc=exc.strerror or exc, source=argument,
        ) from None
    raise SceneFileError(
        'no built-in scene or file named "{argument}"; built-in scenes: {builtin_scene_ids} (commands: '
        "{commands})",
        argument=argument, builtin_scene_ids=", ".join(builtin_scene_ids()), commands=', '.join(COMMANDS),
    )


def cmd_gui(args: argparse.Namespace) -> int:
    if args.scene:
        _check_openable(args.scene)
    from convviz.ui.shell.app import run

    return run(args.scene)


def _add_frame_options(p: argparse.ArgumentParser) -> None:
    """What every recording shows as the window does: View → Reveal and the maps' colour scale."""
    p.add_argument("--reveal", action="store_true", help="blank the feature-map cells not computed yet")
    p.add_argument("--map-scale", choices=("shared", "own"), default="shared",
                   help="one colour scale for all feature maps (default), or each its own")  # fmt: skip
    p.add_argument("--wrt", choices=("input", "weight", "bias"),
                   help="step a gradient of the backward pass instead, as the window's Backward mode: dX, dW or db")  # fmt: skip
    p.add_argument("--view", choices=(*FRAME_VIEWS, *TRANSPOSED_VIEWS),
                   help="a convolution's feature maps (default), the active kernel's partial maps P1 + P2 + … + b = Y, "
                   "or im2col's W·U + b; a transposed convolution's scatter (default) or its equivalent direct "
                   "convolution")  # fmt: skip


FRAME_VIEWS = ("maps", "partial-maps", "im2col")
TRANSPOSED_VIEWS = ("scatter", "direct")


def _split_view(args: argparse.Namespace, scene) -> None:  # noqa: ANN001 - a Scene, loaded lazily
    """``--view`` names one of the scene's own views: the feature-map
    section's for a convolution, the stepping's for a transposed one. Sets
    ``args.view`` (a frame view) and ``args.transposed_view``."""
    view, transposed = args.view, scene.params.transposed
    args.transposed_view = view if view in TRANSPOSED_VIEWS else "scatter"
    if view in TRANSPOSED_VIEWS and not transposed:
        raise RenderOptionError(
            "--view {view}: only a transposed convolution is stepped that way; this scene's views are "
            "{frame_views}",
            view=view, frame_views=', '.join(FRAME_VIEWS),
        )  # fmt: skip
    if view in FRAME_VIEWS[1:] and transposed:
        raise RenderOptionError(
            "--view {view}: a view of a forward convolution; this transposed scene's views are "
            "{transposed_views}",
            view=view, transposed_views=', '.join(TRANSPOSED_VIEWS),
        )  # fmt: skip
    args.view = view if view in FRAME_VIEWS else "maps"


def _build_parsers() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    gui = _Parser(
        prog=PROG,
        description="convviz: see, step by step, how a convolution layer computes its feature maps. "
        "Without a command, opens the window.",
        epilog="commands: presets, compute, explain, grad, code, kernels, render, export (convviz COMMAND --help)",
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
    add_language_option(p)
    p.set_defaults(run=cmd_compute)

    p = commands.add_parser("explain", help="print the arithmetic of one output cell, as in the seed's eq. (3)")
    p.add_argument("scene", help="built-in scene name or scene file")
    view = p.add_mutually_exclusive_group(required=True)
    view.add_argument("--at", nargs=2, type=int, metavar=("ROW", "COL"), help="output cell, from 0")
    view.add_argument("--maps", action="store_true", help="each kernel's partial maps, bias and map (eq. 3 for whole maps)")
    view.add_argument("--im2col", action="store_true", help="the unfolded input U, the weight matrix W and W·U + b")
    p.add_argument("--kernel", help="kernel name (W0) or index (0); default the first (with --maps: every kernel)")
    p.add_argument("--json", action="store_true", help="with --maps or --im2col: print JSON")
    from convviz.cli_backward import add_explain_wrt_options

    add_explain_wrt_options(p)
    add_language_option(p)
    p.set_defaults(run=cmd_explain)

    from convviz.cli_ops import add_grad_parser

    add_grad_parser(commands, cmd_grad)
    from convviz.cli_code import add_code_parser
    from convviz.cli_kernels import add_kernels_parser

    add_code_parser(commands, _scene)
    add_kernels_parser(commands)

    p = commands.add_parser("render", help="render the window offscreen to a PNG or JPEG")
    p.add_argument("scene", help="built-in scene name or scene file")
    p.add_argument("-o", "--output", required=True, help="image to write: shot.png or shot.jpg")
    p.add_argument("--size", type=_size, default=(1280, 720), help="WIDTHxHEIGHT in pixels (default 1280x720)")
    p.add_argument("--step", type=int, default=None, metavar="N",
                   help="animation step to show, counted from 0 as the window and frames show it (\"step N of M\", M the last)")
    p.add_argument("--level", choices=("cell", "channel", "multiply"), default="channel", help="steps per output cell")
    p.add_argument(
        "--layout", choices=("window", "presentation"), default="window", help="the editing window or the recording layout"
    )
    _add_frame_options(p)
    add_language_option(p)
    p.set_defaults(run=cmd_render)

    p = commands.add_parser(
        "export",
        help="export the animation to MP4, GIF, APNG or PNG frames",
        epilog="Steps are numbered once for the whole animation, from 0 like rows and columns, as the frames "
        'show them ("step 50 of 89", 89 being the last); --from/--to use those numbers, with or without --kernel '
        "(which then keeps only that kernel's steps in the range). "
        "Limits: --fps 0.1..60, --hold-last up to 600 s, 100,000 frames.",
    )
    p.add_argument("scene", help="built-in scene name or scene file")
    p.add_argument("-o", "--output", required=True, help="file.mp4, file.gif, file.apng, or a folder/ for PNG frames")
    p.add_argument("--size", type=_size, default=(1280, 720), help="WIDTHxHEIGHT (default 1280x720)")
    p.add_argument("--fps", type=float, default=2.0, help="steps per second, 0.1..60 (default 2)")
    p.add_argument("--level", choices=("cell", "channel", "multiply"), default="channel")
    p.add_argument("--kernel", help="only this kernel (name or index)")
    p.add_argument("--from", dest="first", type=int, default=None, metavar="N",
                   help="first step, numbered from 0 over the whole animation as the frames show it")
    p.add_argument("--to", dest="last", type=int, default=None, metavar="M", help="last step (inclusive), same numbering")
    p.add_argument("--hold-last", type=float, default=1.0, metavar="S", help="seconds to hold the last frame (0..600)")
    p.add_argument("--theme", choices=("light", "dark", "high-contrast"), default="light")
    p.add_argument("--scale", type=float, default=1.0, help="text and cell scale")
    _add_frame_options(p)
    add_language_option(p)
    p.set_defaults(run=cmd_export)
    return gui, sub


COMMANDS = ("presets", "compute", "explain", "grad", "code", "kernels", "render", "export")


def main(argv: Sequence[str] | None = None) -> int:
    leading, args_list = leading_language(sys.argv[1:] if argv is None else argv)  # convviz --lang zh_CN COMMAND
    try:
        with help_language_in(leading or help_language(args_list, os.environ)):  # --help and argparse's messages
            gui, sub = _build_parsers()
            translated_help(gui, sub)
            if args_list and args_list[0] in COMMANDS:
                args = sub.parse_args(args_list)
            else:
                args = gui.parse_args(args_list)
                args.run = cmd_gui
        pass_leading_language(args, leading, args_list)
        use_language_of(args)
        status = args.run(args)
        _flush_stdout()
        return status
    except (UsageError, ConvvizError) as exc:  # bad input, with a message for the user
        return _error(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except Exception as exc:  # never a traceback on the command line
        if os.environ.get("CONVVIZ_DEBUG"):
            raise
        return _error(f"unexpected {type(exc).__name__}: {exc}", status=1)


def _error(message: str, status: int = 2) -> int:
    with contextlib.suppress(OSError):
        print(f"{PROG}: error: {printable(message)}", file=sys.stderr)
    return status


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _silence_stdout()
        raise OutputError(
            "cannot write the output: {exc_strerror_or_exc}",
            exc_strerror_or_exc=exc.strerror or exc,
        ) from None


def _silence_stdout() -> None:
    """Point stdout at the null device, so Python's own flush at exit doesn't
    fail a second time on output that could not be written."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
