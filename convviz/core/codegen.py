"""Code to hand out: a scene as a standalone PyTorch or NumPy script.

The script rebuilds the scene's arrays in PyTorch's layout (input
``[C, H, W]``, ``conv2d`` weight ``[K, C // groups, kh, kw]``,
``conv_transpose2d`` weight ``[C, K // groups, kh, kw]``), computes the
feature maps with ``torch.nn.functional`` or with NumPy alone, and prints
them exactly as ``convviz compute SCENE`` does, so a student can ``diff``
the two. Names in it are escaped as the command line escapes them.
"""

from __future__ import annotations

import numpy as np

from convviz.core.errors import ConvError
from convviz.core.scene import Scene
from convviz.core.terminal_text import printable

__all__ = ["LANGUAGES", "generate_code"]

LANGUAGES = ("torch", "numpy")

# What convviz compute prints for a value (core.numbers.format_number with
# 4 decimals and an ASCII minus), written out so the script needs no convviz.
_PRINTING = '''

def number(v):
    """A value as convviz prints it: whole numbers without a point, at most 4 decimals."""
    v = float(v)
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    if abs(v) >= 1e6 or (v != 0 and abs(v) < 10 ** -4):
        mantissa, _, exponent = f"{v:.4g}".partition("e")
        if not exponent:
            return mantissa
        sign = "-" if exponent.startswith("-") else ""
        return f"{mantissa}e{sign}{exponent.lstrip('+-').lstrip('0') or '0'}"
    text = f"{v:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def print_grid(matrix):
    cells = [[number(v) for v in row] for row in matrix]
    width = max(len(c) for row in cells for c in row)
    for row in cells:
        print("  " + "  ".join(c.rjust(width) for c in row))


K, oh, ow = maps.shape
print(HEADER)
print(f"feature maps [{oh},{ow},{K}] (rows top to bottom, columns left to right)")
for k in range(K):
    print()
    print(TITLES[k])
    print_grid(maps[k])
'''

_NUMPY_MODES = {"zeros": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}
_TORCH_MODES = {"zeros": "constant", "reflect": "reflect", "replicate": "replicate", "circular": "circular"}


def _num(value: float) -> str:
    v = float(value)
    return str(int(v)) if v.is_integer() and abs(v) < 2**53 else repr(v)


def _literal(array: np.ndarray, indent: str = "    ") -> str:
    """A nested list literal, one innermost row per line."""
    if array.ndim == 1:
        return "[" + ", ".join(_num(v) for v in array) + "]"
    inner = indent + "    "
    parts = [_literal(a, inner) for a in array]
    return "[\n" + "".join(f"{inner}{p},\n" for p in parts) + indent + "]"


def _pair(values: tuple[int, int]) -> str:
    return f"({values[0]}, {values[1]})"


def _header(scene: Scene) -> str:
    def shape(values: tuple[int, ...]) -> str:
        return "[" + ",".join(str(v) for v in values) + "]"

    return printable(
        f"{scene.name or 'scene'}: input {shape(scene.input_shape)}, kernels {shape(scene.kernel_shape)}, "
        f"{scene.params.describe()}"
    )


def _titles(scene: Scene) -> list[str]:
    return [printable(f"{k.name} (bias {_num(k.bias)}):") for k in scene.kernels]


def _weight(scene: Scene) -> np.ndarray:
    """The kernels in PyTorch's layout for the scene's op."""
    stack = scene.kernel_stack  # (kh, kw, C // groups, K)
    if not scene.params.transposed:
        return stack.transpose(3, 2, 0, 1)  # [K, C // groups, kh, kw]
    kh, kw, Cg, K = stack.shape
    G = scene.params.groups
    # [C, K // groups, kh, kw]: row g·Cg + c, column k − g·Kg (core.transposed).
    return stack.reshape(kh, kw, Cg, G, K // G).transpose(3, 2, 4, 0, 1).reshape(G * Cg, K // G, kh, kw)


def _pads(scene: Scene) -> tuple[int, int, int, int]:
    """(top, bottom, left, right) of a forward scene, "same" resolved."""
    g = scene.geometry()
    return g.pad_h[0], g.pad_h[1], g.pad_w[0], g.pad_w[1]


def _torch_compute(scene: Scene) -> list[str]:
    p = scene.params
    if p.transposed:
        return [
            "y = F.conv_transpose2d(torch.from_numpy(x)[None], torch.from_numpy(weight), None,",
            f"                       stride={_pair(p.stride)}, padding={_pair(scene.transposed_geometry().padding)},",
            f"                       output_padding={_pair(p.output_padding)}, groups={p.groups}, "
            f"dilation={_pair(p.dilation)})",
        ]
    lines = ["inputs = torch.from_numpy(x)[None]  # [1, C, H, W]: a batch of one"]
    top, bottom, left, right = _pads(scene)
    if p.padding_mode == "zeros" and (top, left) == (bottom, right):
        padding = repr(p.padding) if isinstance(p.padding, str) else _pair(p.padding)
    else:
        why = (
            f"F.conv2d pads with zeros only, so pad with {p.padding_mode} first"
            if p.padding_mode != "zeros"
            else f'"{p.padding}" padding is uneven here: pad first'
        )
        lines += [
            f"# {why} (left, right, top, bottom)",
            f"inputs = F.pad(inputs, ({left}, {right}, {top}, {bottom}), mode={_TORCH_MODES[p.padding_mode]!r})",
        ]
        padding = "0"
    lines.append(
        "y = F.conv2d(inputs, torch.from_numpy(weight), None, "
        f"stride={_pair(p.stride)}, padding={padding}, dilation={_pair(p.dilation)}, groups={p.groups})"
    )
    return lines


def _numpy_compute(scene: Scene) -> list[str]:
    p = scene.params
    (sh, sw), (dh, dw), G = p.stride, p.dilation, p.groups
    if p.transposed:
        (ph, pw), (oph, opw) = scene.transposed_geometry().padding, p.output_padding
        return [
            "# Every input cell x[c, r, s] adds x[c, r, s]·weight[c, k, i, j] to output cell",
            "# (r·stride + i·dilation − padding, …); cells outside the output are cropped.",
            f"(sh, sw), (dh, dw), (ph, pw), (oph, opw), groups = ({sh}, {sw}), ({dh}, {dw}), ({ph}, {pw}), "
            f"({oph}, {opw}), {G}",
            "C, H, W = x.shape",
            "_, Kg, kh, kw = weight.shape",
            "Cg = C // groups",
            "oh = (H - 1) * sh - 2 * ph + dh * (kh - 1) + oph + 1",
            "ow = (W - 1) * sw - 2 * pw + dw * (kw - 1) + opw + 1",
            "full = np.zeros((groups * Kg, (H - 1) * sh + dh * (kh - 1) + 1 + oph, (W - 1) * sw + dw * (kw - 1) + 1 + opw))",
            "for g in range(groups):",
            "    cells = x[g * Cg : (g + 1) * Cg].reshape(Cg, H * W).T  # one row per input cell of the group",
            "    for i in range(kh):",
            "        for j in range(kw):",
            "            # Tap (i, j): every cell's channels times the tap's [Cg, Kg] weights, at stride.",
            "            spread = (cells @ weight[g * Cg : (g + 1) * Cg, :, i, j]).T.reshape(Kg, H, W)",
            "            full[g * Kg : (g + 1) * Kg, i * dh : i * dh + (H - 1) * sh + 1 : sh, "
            "j * dw : j * dw + (W - 1) * sw + 1 : sw] += spread",
            "maps = full[:, ph : ph + oh, pw : pw + ow] + bias[:, None, None]",
        ]
    top, bottom, left, right = _pads(scene)
    padding = f'"{p.padding}" ' if isinstance(p.padding, str) else ""
    lines = [
        f"# {p.padding_mode} padding {padding}(top, bottom, left, right) = ({top}, {bottom}, {left}, {right})",
        f"xp = np.pad(x, ((0, 0), ({top}, {bottom}), ({left}, {right})), mode={_NUMPY_MODES[p.padding_mode]!r})",
        f"(sh, sw), (dh, dw), groups = ({sh}, {sw}), ({dh}, {dw}), {G}",
        "K, Cg, kh, kw = weight.shape",
        "Kg = K // groups",
        "oh = (xp.shape[1] - dh * (kh - 1) - 1) // sh + 1",
        "ow = (xp.shape[2] - dw * (kw - 1) - 1) // sw + 1",
    ]
    if G > 1 and scene.kernel_shape[3] == G and scene.kernel_shape[2] == 1 and sw == 1:
        return lines + [
            "# One kernel per channel (depthwise): kernel k's weight (i, j) multiplies, for every",
            "# output cell at once, the input cell i·dilation rows and j·dilation columns into its window.",
            "maps = np.zeros((K, oh, ow))",
            "for k in range(K):",
            "    for i in range(kh):",
            "        for j in range(kw):",
            "            maps[k] += weight[k, 0, i, j] * xp[k, i * dh : i * dh + (oh - 1) * sh + 1 : sh, "
            "j * dw : j * dw + (ow - 1) * sw + 1 : sw]",
            "    maps[k] += bias[k]",
        ]
    return lines + [
        "# im2col, as libraries compute it (and as `convviz explain --im2col` shows it): one column",
        "# per output cell holding its window (channel, kernel row, kernel column) and a 1 for the",
        "# bias; one row per kernel holding its weights and bias. Kernel k reads its group's channels.",
        "cols = np.empty((groups, Cg * kh * kw + 1, oh * ow))",
        "for g in range(groups):",
        "    for c in range(Cg):",
        "        for i in range(kh):",
        "            for j in range(kw):",
        "                window = xp[g * Cg + c, i * dh : i * dh + (oh - 1) * sh + 1 : sh, j * dw : j * dw + (ow - 1) * sw + 1 : sw]",
        "                cols[g, (c * kh + i) * kw + j] = window.ravel()",
        "cols[:, -1] = 1",
        "rows = np.concatenate([weight.reshape(groups, Kg, Cg * kh * kw), bias.reshape(groups, Kg, 1)], axis=2)",
        "maps = (rows @ cols).reshape(K, oh, ow)",
    ]


def generate_code(scene: Scene, lang: str, source: str = "") -> str:
    """The script for ``scene`` in ``lang`` (``"torch"`` or ``"numpy"``).

    ``source`` is how the scene was named on the command line (for the
    comment that says how to compare). An impossible scene raises
    :class:`ConvError`, as ``convviz compute`` does.
    """
    if lang not in LANGUAGES:
        raise ConvError(
            "the language must be one of {languages}, got {lang!r}",
            languages=', '.join(LANGUAGES), lang=lang,
        )
    scene.feature_maps()  # refused here rather than in the student's script
    transposed = scene.params.transposed
    op = "conv_transpose2d" if transposed else "conv2d"
    how = f"torch.nn.functional.{op}" if lang == "torch" else "NumPy alone"
    shown = printable(source or scene.name or "SCENE").replace("\n", " ")
    weight_layout = "[C, K // groups, kh, kw]" if transposed else "[K, C // groups, kh, kw]"
    x = scene.input.transpose(2, 0, 1)
    lines = [
        "#!/usr/bin/env python3",
        f'"""The feature maps of a convviz scene, computed with {how}.',
        "",
        f"Made by `convviz code {shown} --lang {lang}`. It prints what `convviz compute {shown}`",
        "prints, so the two can be compared with diff.",
        '"""',
        "",
        "import numpy as np",
    ]
    if lang == "torch":
        lines += ["import torch", "import torch.nn.functional as F"]
    lines += [
        "",
        f"HEADER = {_header(scene)!r}",
        f"TITLES = {_titles(scene)!r}",
        "",
        "# The input, [C, H, W]: channel, row, column.",
        f"x = np.array({_literal(x, '')}, dtype=np.float64)",
        "",
        f"# The kernels in PyTorch's {op} weight layout, {weight_layout}.",
        f"weight = np.array({_literal(_weight(scene), '')}, dtype=np.float64)",
        "",
        "# One bias per kernel.",
        f"bias = np.array({_literal(scene.biases, '')}, dtype=np.float64)",
        "",
    ]
    if lang == "torch":
        lines += _torch_compute(scene)
        lines += [
            "# The bias goes on after the sums, as convviz adds it: passing it to F.conv2d starts each",
            "# sum from it instead, which can change the last printed digit of a value on a rounding tie.",
            "maps = y[0].numpy() + bias[:, None, None]  # [K, oh, ow]",
        ]
    else:
        lines += _numpy_compute(scene)
    return "\n".join(lines) + "\n" + _PRINTING
