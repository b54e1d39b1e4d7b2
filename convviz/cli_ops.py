"""The command line's views of whole computations, numpy only (no Qt):

- ``convviz explain SCENE --maps``: each kernel's partial maps, bias and map
  (the seed's eq. (3) for whole maps);
- ``convviz explain SCENE --im2col``: the unfolded input U, the weight matrix
  W and the product ``W·U + b``;
- ``convviz grad SCENE``: the gradients dX, dW and db of the forward pass.

:mod:`convviz.cli` parses the arguments and reports errors; these functions
print.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from convviz.cli_errors import UsageError
from convviz.core.errors import ConvError
from convviz.core.language import translate

__all__ = ["MAX_IM2COL_PRINT_VALUES", "explain_im2col", "explain_maps", "grad"]

# U repeats each input value kh·kw times; printing more numbers than this is
# no use to a reader and slow to write, so --im2col refuses past it.
MAX_IM2COL_PRINT_VALUES = 100_000


def _plain(value: float) -> int | float:
    v = float(value)
    return int(v) if v.is_integer() and abs(v) < 2**53 else v


def _nested(array: np.ndarray) -> list:
    if array.ndim == 0:
        return _plain(array)  # type: ignore[return-value]
    return [_nested(a) for a in array]


def _grid_text(matrix: np.ndarray) -> list[str]:
    from convviz.core.numbers import format_number

    cells = [[format_number(v, 4).replace("\u2212", "-") for v in row] for row in matrix]
    width = max(len(c) for row in cells for c in row)
    return ["  " + "  ".join(c.rjust(width) for c in row) for row in cells]


def _shape(values) -> str:
    return "[" + ",".join(str(v) for v in values) + "]"


def _forward_only(scene, what: str) -> None:
    if scene.params.transposed:
        raise ConvError(
            '{what} shows a forward convolution (op "conv"); {scene_name_or_this_scene} is transposed',
            what=what, scene_name_or_this_scene=scene.name or 'this scene',
        )


def _title(scene, what: str) -> str:
    return f"{scene.name or 'scene'} · {what} · {scene.params.describe()}"


def explain_maps(scene, kernels: list[int], as_json: bool) -> int:
    """Each kernel's partial maps ``P[c] = X[c] ⋆ W[k, c]``, its bias and its map."""
    from convviz.core.engine import partial_maps

    _forward_only(scene, "--maps")
    params = scene.params.engine_kwargs()
    maps = scene.feature_maps()
    docs = []
    for k in kernels:
        kernel = scene.kernels[k]
        partials = partial_maps(scene.input, scene.kernel_stack, scene.biases, kernel=k, **params)
        docs.append((k, kernel, partials))
    if as_json:
        print(json.dumps([
            {"kernel": kernel.name, "partials": _nested(partials), "bias": _plain(kernel.bias),
             "output": _nested(maps[:, :, k])}
            for k, kernel, partials in docs
        ], ensure_ascii=False))  # fmt: skip
        return 0
    for n, (k, kernel, partials) in enumerate(docs):
        if n:
            print()
        print(_title(scene, translate("cli", "kernel {kernel} · partial maps").format(kernel=kernel.name)))
        channels = scene.input_channels_of_kernel(k)
        terms = []
        for index, channel in enumerate(channels):
            label = translate("ledger", "channel {n}").format(n=channel + 1)
            print(f"{label}: X{channel + 1} ⋆ {kernel.name}[{index + 1}]")
            print("\n".join(_grid_text(partials[index])))
            terms.append(f"P{channel + 1}")
        print(f"{translate('ledger', '+ bias')}: {_plain(kernel.bias)}")
        its_map = translate("cli", "{kernel}'s map {shape}:").format(kernel=kernel.name, shape=_shape(maps.shape[:2]))
        print(f"= {' + '.join(terms)} + b = {its_map}")
        print("\n".join(_grid_text(maps[:, :, k])))
    return 0


def explain_im2col(scene, as_json: bool) -> int:
    """U ``[C·kh·kw, oh·ow]``, W ``[K, C·kh·kw]`` (block-diagonal with groups) and ``W·U + b``."""
    from convviz.core.engine import im2col_product, unfold, weight_matrix

    _forward_only(scene, "--im2col")
    C, (kh, kw, _, K) = scene.input_shape[2], scene.kernel_shape
    oh, ow = scene.geometry().output_hw
    size = C * kh * kw * oh * ow
    if size > MAX_IM2COL_PRINT_VALUES:
        raise UsageError(
            f"--im2col: U would be [{C * kh * kw}, {oh * ow}] = {size:,} numbers; the command line prints at most "
            f"{MAX_IM2COL_PRINT_VALUES:,} (use a smaller input or kernel)"
        )
    p = scene.params
    U = unfold(scene.input, (kh, kw), stride=p.stride, padding=p.padding, dilation=p.dilation, padding_mode=p.padding_mode)
    W = weight_matrix(scene.kernel_stack, p.groups, block_diagonal=True)
    Y = im2col_product(U, weight_matrix(scene.kernel_stack), scene.biases, output_hw=(oh, ow), groups=p.groups)
    product = Y.reshape(oh * ow, K).T  # (K, oh·ow): row k is kernel k's map, row-major
    rows = [f"c{ch + 1} ({i},{j})" for ch in range(C) for i in range(kh) for j in range(kw)]
    if as_json:
        print(json.dumps({
            "name": scene.name, "groups": p.groups, "kernels": [k.name for k in scene.kernels],
            "U_rows": rows, "U": _nested(U), "W": _nested(W), "bias": _nested(scene.biases),
            "product": _nested(product), "output_shape": [oh, ow, K],
        }, ensure_ascii=False))  # fmt: skip
        return 0
    print(_title(scene, "im2col"))
    print(
        f"U {_shape(U.shape)}: one column per window, output cells row-major; rows by channel, kernel row, "
        "kernel column (c1 (0,0), c1 (0,1), …)"
    )
    print("\n".join(_grid_text(U)))
    block = " (block-diagonal: each kernel sees only its group's rows of U)" if p.groups > 1 else ""
    print(f"W {_shape(W.shape)}: one row per kernel ({', '.join(k.name for k in scene.kernels)}){block}")
    print("\n".join(_grid_text(W)))
    print(f"b: {', '.join(str(_plain(b)) for b in scene.biases)}")
    print(f"W·U + b {_shape(product.shape)}: row k is kernel k's map, read row-major as {oh}×{ow}")
    print("\n".join(_grid_text(product)))
    return 0


def _grad_output(scene, spec: str | None) -> tuple[np.ndarray | None, str]:
    """dY as ``(oh, ow, K)`` (None: all ones) and how to describe it."""
    if spec is None:
        if scene.grad_output is not None:
            return scene.grad_output, "the scene's grad_output"
        return None, "ones"
    if spec == "ones":
        return None, "ones"
    path = Path(spec)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"--grad-output {spec}: no such file (give ones or a JSON file)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"--grad-output {spec}: cannot be read as JSON: {exc}") from None
    if isinstance(doc, dict):
        doc = doc.get("grad_output")
    try:
        values = np.array(doc, dtype=np.float64)
    except (TypeError, ValueError):
        raise UsageError(f"--grad-output {spec}: must hold K matrices of numbers, [K][oh][ow]") from None
    if values.ndim != 3:
        raise UsageError(f"--grad-output {spec}: must hold K matrices [K][oh][ow], got shape {_shape(values.shape)}")
    return values.transpose(1, 2, 0), spec


def grad(scene, spec: str | None, as_json: bool) -> int:
    """dX, dW and db for the upstream gradient dY (all ones by default)."""
    from convviz.core.engine import conv2d_backward

    _forward_only(scene, "grad")
    dy, source = _grad_output(scene, spec)
    if dy is None:
        oh, ow = scene.geometry().output_hw
        dy = np.ones((oh, ow, len(scene.kernels)))
    dx, dw, db = conv2d_backward(scene.input, scene.kernel_stack, dy, **scene.params.engine_kwargs())
    names = [k.name for k in scene.kernels]
    if as_json:
        print(json.dumps({
            "name": scene.name,
            "grad_output": _nested(dy.transpose(2, 0, 1)),
            "grad_input": _nested(dx.transpose(2, 0, 1)),
            "grad_kernels": [{"name": n, "weights": _nested(dw[..., k].transpose(2, 0, 1))} for k, n in enumerate(names)],
            "grad_bias": _nested(db),
        }, ensure_ascii=False))  # fmt: skip
        return 0
    print(_title(scene, "gradients"))
    print(f"dY {_shape(dy.shape)}: {source}")
    print()
    print(f"db [K] = sum of dY per kernel: {', '.join(f'{n} {_plain(v)}' for n, v in zip(names, db))}")
    for k, name in enumerate(names):
        channels = scene.input_channels_of_kernel(k)
        for index, channel in enumerate(channels):
            print()
            print(f"dW {name} channel {channel + 1} [kh,kw] (X{channel + 1} correlated with dY of {name}):")
            print("\n".join(_grid_text(dw[:, :, index, k])))
    for channel in range(dx.shape[2]):
        print()
        print(f"dX channel {channel + 1} [H,W] (dY scattered back through the kernels):")
        print("\n".join(_grid_text(dx[:, :, channel])))
    return 0


def add_grad_parser(commands: argparse._SubParsersAction, run) -> None:  # noqa: ANN001
    p = commands.add_parser("grad", help="print the gradients dX, dW and db of a scene's convolution")
    p.add_argument("scene", help="built-in scene name or scene file")
    p.add_argument(
        "--grad-output",
        metavar="ones|FILE.json",
        help="the upstream gradient dY: ones, or a JSON file of K matrices [K][oh][ow] "
        "(default: the scene's grad_output, else ones)",
    )
    p.add_argument("--json", action="store_true", help="print grad_input [C][H][W], grad_kernels, grad_bias as JSON")
    p.set_defaults(run=run)
