"""Scene files, format version 1: JSON a person can read and edit.

::

    {"convviz": 1, "name": "...", "description": "...",
     "input": [ [[row], [row], ...], ... ],      C channel matrices of H rows of W numbers
     "kernels": [ {"name": "W0", "bias": 1, "weights": [ [[row], ...], ... ]} ],
     "stride": [1, 1], "padding": [0, 0] | "same" | "valid",
     "padding_mode": "zeros", "dilation": [1, 1], "groups": 1,
     "op": "conv" | "conv_transpose", "output_padding": [0, 0],   optional
     "grad_output": [ [[row], ...], ... ]}       optional: K matrices dY of oh rows of ow numbers

A file without ``"input"`` is a *kernel preset*: kernels and biases, with
optional parameters. Unknown keys are ignored. Saved files put one matrix row
per line, and saving is atomic (a temporary file in the same folder, then
``os.replace``).

Every problem raises :class:`SceneFileError`, whose message names the file
and the JSON path, e.g. ``kernels[0].weights[1]: row 2 has 2 numbers,
expected 3``.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import numpy as np

from convviz.core import edits
from convviz.core.errors import ConvError, Message, SceneFileError
from convviz.core.files import read_regular_file, write_atomic
from convviz.core.scene import ConvParams, Kernel, KernelPreset, Scene

__all__ = [
    "FORMAT_VERSION",
    "dumps",
    "encode",
    "load",
    "load_scene",
    "loads",
    "save",
    "write_atomic",
]

FORMAT_VERSION = 1
# A scene file this large is refused before parsing; a 512×512×3 image
# scene is about 5 MB.
MAX_FILE_BYTES = 256 * 1024 * 1024


class _Reader:
    """Walks a parsed document, raising errors that carry the JSON path."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, message: Message) -> SceneFileError:
        return SceneFileError(message, source=self.source, path=path)

    def non_empty_list(self, value: Any, path: str, kind: Message, empty: Message) -> None:
        """Refuse ``value`` unless it is a list (it "must be ``kind``") with something in it."""
        if not isinstance(value, list):
            raise self.fail(path, Message("must be {kind}, got {value_kind}", kind=kind, value_kind=_kind(value)))
        if not value:
            raise self.fail(path, empty)

    # -- numbers and matrices --------------------------------------------------
    def number(self, value: Any, path: str) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(path, Message("{value_shown} is not a number", value_shown=_shown(value)))
        try:
            number = float(value)
        except OverflowError:
            raise self.fail(path, Message("{value_shown} is too large", value_shown=_shown(value))) from None
        if not math.isfinite(number):
            raise self.fail(path, Message("{value_shown} is not a finite number", value_shown=_shown(value)))
        return number

    def matrix(self, value: Any, path: str) -> np.ndarray:
        """A non-empty rectangular list of lists of numbers, as ``(rows, cols)``."""
        self.non_empty_list(value, path, Message("a matrix (a list of rows)"), Message("must not be empty"))
        width = None
        for r, row in enumerate(value):
            if not isinstance(row, list):
                raise self.fail(path, Message(
                    "row {r} must be a list of numbers, got {row_kind}",
                    r=r, row_kind=_kind(row),
                ))
            if width is None:
                width = len(row)
                if width == 0:
                    raise self.fail(path, Message("row {r} is empty", r=r))
            elif len(row) != width:
                raise self.fail(path, Message("row {r} has 1 number, expected {width}", r=r, width=width)
                                if len(row) == 1 else
                                Message("row {r} has {n_row} numbers, expected {width}", r=r, n_row=len(row),
                                        width=width))  # fmt: skip
            # Fast check first; only a failure walks the row one by one.
            if not all(type(v) is int or type(v) is float for v in row):
                for c, v in enumerate(row):
                    self.number(v, f"{path}[{r}][{c}]")
        try:
            arr = np.array(value, dtype=np.float64)
        except OverflowError:
            arr = None
        if arr is None or not np.isfinite(arr).all():
            # number() refuses the value numpy could not take, naming its place.
            for r, row in enumerate(value):
                for c, v in enumerate(row):
                    self.number(v, f"{path}[{r}][{c}]")
            raise self.fail(path, Message("must hold finite numbers"))  # not reached: number() refused one
        return arr

    def channels(self, value: Any, path: str) -> np.ndarray:
        """A non-empty list of same-sized matrices, as ``(rows, cols, channels)``."""
        self.non_empty_list(value, path, Message("a list of channel matrices"), Message("must have at least one channel"))
        mats: list[np.ndarray] = []
        for c, m in enumerate(value):
            mat = self.matrix(m, f"{path}[{c}]")
            if mats and mat.shape != mats[0].shape:
                raise self.fail(
                    f"{path}[{c}]",
                    Message(
                        "is {mat_shape_0}×{mat_shape_1}, but {json_path}[0] is {mats_0_shape_0}×{mats_0_shape_1}; all "
                        "channels must have the same size",
                        mat_shape_0=mat.shape[0], mat_shape_1=mat.shape[1], json_path=path,
                        mats_0_shape_0=mats[0].shape[0], mats_0_shape_1=mats[0].shape[1],
                    ),
                )
            mats.append(mat)
        return np.stack(mats, axis=-1)

    # -- parts of a document ---------------------------------------------------
    def text(self, doc: dict[str, Any], key: str, default: str) -> str:
        value = doc.get(key, default)
        if not isinstance(value, str):
            raise self.fail(key, Message("must be text, got {value_kind}", value_kind=_kind(value)))
        self.check_characters(value, key)
        return value

    def check_characters(self, value: str, path: str) -> None:
        """Refuse a lone UTF-16 surrogate (``"\\ud800"``): JSON lets a file
        write one, but it is no character, and the text could never be saved."""
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            code = ord(value[exc.start])
            raise self.fail(
                path, Message(
                    "holds \\u{code:04x} at character {exc_start}, half of a UTF-16 surrogate pair and no character "
                    "by itself; remove it or write the whole character",
                    code=code, exc_start=exc.start,
                )
            ) from None

    def kernels(self, value: Any) -> tuple[Kernel, ...]:
        self.non_empty_list(value, "kernels", Message("a list of kernels"), Message("must have at least one kernel"))
        try:  # before reading them: 20,000 kernels must not take minutes
            edits.check_limit("K", len(value))
        except ConvError as exc:
            raise self.fail("kernels", exc.message) from None
        kernels: list[Kernel] = []
        for i, item in enumerate(value):
            path = f"kernels[{i}]"
            if not isinstance(item, dict):
                raise self.fail(path, Message(
                    'must be an object like {{"name": "W0", "bias": 0, "weights": [...]}}, got {item_kind}',
                    item_kind=_kind(item),
                ))
            name = item.get("name", f"W{i}")
            if not isinstance(name, str):
                raise self.fail(f"{path}.name", Message("must be text, got {name_kind}", name_kind=_kind(name)))
            self.check_characters(name, f"{path}.name")
            bias = self.number(item.get("bias", 0), f"{path}.bias")
            if "weights" not in item:
                raise self.fail(path, Message('has no "weights"'))
            weights = self.channels(item["weights"], f"{path}.weights")
            if kernels and weights.shape != kernels[0].weights.shape:
                first = kernels[0].weights.shape
                raise self.fail(
                    f"{path}.weights",
                    Message(
                        "has {weights_shape_2} channel(s) of {weights_shape_0}×{weights_shape_1}, but kernels[0] has "
                        "{first_2} of {first_0}×{first_1}; all kernels must have the same shape",
                        weights_shape_2=weights.shape[2], weights_shape_0=weights.shape[0],
                        weights_shape_1=weights.shape[1], first_2=first[2], first_0=first[0], first_1=first[1],
                    ),
                )
            kernels.append(Kernel(name, weights, bias))
        return tuple(kernels)

    def params(self, doc: dict[str, Any]) -> ConvParams:
        fields: dict[str, Any] = {}  # JSON values; ConvParams checks them
        for key in _PARAM_KEYS:
            if key in doc:
                fields[key] = _plain(doc[key])
        for key in fields:
            try:
                edits.check_params_limits(ConvParams(**{key: fields[key]}))
            except ConvError as exc:
                raise self.fail(key, exc.message) from None
        return ConvParams(**fields)


_PARAM_KEYS = ("stride", "padding", "padding_mode", "dilation", "groups", "op", "output_padding")


def _plain(value: Any) -> Any:
    # JSON gives lists; parameters are pairs.
    return tuple(value) if isinstance(value, list) else value


def _kind(value: Any) -> Message | str:
    """What a JSON value is, as a message says it ("got a list")."""
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "null"
    kinds = {dict: Message("an object"), list: Message("a list"), str: Message("text"), int: Message("a number"),
             float: Message("a number")}  # fmt: skip
    return kinds.get(type(value), type(value).__name__)


def _shown(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return {math.inf: "Infinity", -math.inf: "-Infinity"}.get(value, "NaN")
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _parse(data: bytes | str, reader: _Reader) -> Any:
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise reader.fail("", Message(
                "is {len_data_2_20:.0f} MB; scene files are limited to {max_file_bytes_2_20} MB",
                len_data_2_20=len(data) / 2**20, max_file_bytes_2_20=MAX_FILE_BYTES // 2**20,
            ))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise reader.fail("", Message(
                "is not UTF-8 text (byte 0x{data_exc_start:02x} at offset {exc_start})",
                data_exc_start=data[exc.start], exc_start=exc.start,
            )) from None
    else:
        text = data[1:] if data.startswith("\ufeff") else data
    if not text.strip():
        raise reader.fail("", Message("is empty"))
    try:
        # NaN and Infinity parse to floats here so that the reader can refuse
        # them with their exact JSON path.
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise reader.fail("", Message(
            "is not valid JSON: {exc_msg} (line {exc_lineno}, column {exc_colno})",
            exc_msg=exc.msg, exc_lineno=exc.lineno, exc_colno=exc.colno,
        )) from None
    except ValueError as exc:  # Python refuses integers of more than 4,300 digits
        raise reader.fail("", Message("holds a number convviz can't read: {exc}", exc=exc)) from None
    except RecursionError:
        raise reader.fail("", Message("is nested too deeply to be a scene")) from None


def loads(data: bytes | str, source: str = "<text>") -> Scene | KernelPreset:
    """Parse a scene or kernel preset from JSON text or bytes."""
    reader = _Reader(source)
    doc = _parse(data, reader)
    if not isinstance(doc, dict):
        raise reader.fail("", Message(
            'must be a JSON object {{"convviz": 1, ...}}, got {doc_kind}',
            doc_kind=_kind(doc),
        ))
    if "convviz" not in doc:
        raise reader.fail("", Message('has no "convviz": 1 marker; it is not a convviz scene or preset'))
    version = doc["convviz"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise reader.fail("convviz", Message(
            "must be the format version number 1, got {version_shown}",
            version_shown=_shown(version),
        ))
    if version > FORMAT_VERSION:
        raise reader.fail("convviz", Message(
            "format version {version} was made by a newer convviz; this one reads version {format_version}",
            version=version, format_version=FORMAT_VERSION,
        ))
    if version < 1:
        raise reader.fail("convviz", Message("unknown format version {version}", version=version))
    name = reader.text(doc, "name", _file_stem(source))
    description = reader.text(doc, "description", "")
    if "kernels" not in doc:
        raise reader.fail("", Message('has no "kernels"'))
    kernels = reader.kernels(doc["kernels"])
    params = reader.params(doc)

    if "input" not in doc:
        has_params = any(k in doc for k in _PARAM_KEYS)
        return KernelPreset(kernels, params if has_params else None, name, description)

    x = reader.channels(doc["input"], "input")
    try:
        edits.check_input_size(*x.shape)
    except ConvError as exc:
        raise reader.fail("input", exc.message) from None
    grad_output = reader.channels(doc["grad_output"], "grad_output") if doc.get("grad_output") is not None else None
    scene = Scene(x, kernels, params, name, description, grad_output)
    _check_convolution(scene, reader)
    return scene


def _file_stem(source: str) -> str:
    """A file's stem as a name; bytes that aren't UTF-8 (which Python keeps
    as lone surrogates) become ``?``, so the name can be saved."""
    if source == "<text>":
        return ""
    return Path(source).stem.encode("utf-8", "replace").decode("utf-8")


def _check_convolution(scene: Scene, reader: _Reader) -> None:
    """Refuse what the window could never have made.

    A scene whose parameters are impossible in a way the window allows while
    editing (groups that don't divide C, "same" padding with stride 2, a
    kernel larger than the padded input) still loads: the window shows the
    explanation as it does while editing, and ``compute`` refuses it with the
    same message; so does a scene whose groups don't divide K. Kernels whose
    channels disagree with groups that divide C and K are damage and are
    refused here.
    """
    H, W, C = scene.input_shape
    kh, kw, c, K = scene.kernel_shape
    g = scene.params.groups
    for name, value in (("kh", kh), ("kw", kw)):
        try:
            edits.check_limit(name, value)
        except ConvError as exc:
            raise reader.fail("kernels[0].weights", exc.message) from None
    # Groups that don't divide K load too: the window shows why (and
    # leaves the kernels whole, as it does while editing).
    if C % g == 0 and K % g == 0 and c != C // g:
        raise reader.fail(
            "kernels[0].weights",
            Message("has 1 channel, but the input has C = {C} and groups = {g}, so each kernel needs "
                    "C // groups = {c_g}", C=C, g=g, c_g=C // g) if c == 1 else
            Message("has {c} channels, but the input has C = {C} and groups = {g}, so each kernel needs "
                    "C // groups = {c_g}", c=c, C=C, g=g, c_g=C // g),  # fmt: skip
        )
    dy = scene.grad_output
    if dy is not None:
        # Impossible parameters still load (the window explains them), but a
        # dY needs a feature map's shape to be checked against.
        try:
            oh, ow = scene.output_hw()
        except ConvError as exc:
            raise reader.fail("grad_output", Message(
                "the parameters give no feature map to match: {exc}",
                exc=exc,
            )) from None
        if dy.shape != (oh, ow, K):
            raise reader.fail(
                "grad_output",
                Message(
                    "has {dy_shape_2} matrices of {dy_shape_0}×{dy_shape_1}, but the feature maps are {K} of "
                    "{oh}×{ow}; dY needs one matrix per kernel, the size of a feature map",
                    dy_shape_2=dy.shape[2], dy_shape_0=dy.shape[0], dy_shape_1=dy.shape[1], K=K, oh=oh, ow=ow,
                ),
            )


def _fits(scene: Scene, dy: np.ndarray) -> bool:
    """Whether dY fits the scene's feature maps. One that no longer does (the
    window resized the input or changed a parameter since) is not saved: the
    window steps ones in its place, and the file would not load."""
    try:
        return dy.shape == (*scene.output_hw(), len(scene.kernels))
    except ConvError:
        return False


def load(path: str | os.PathLike[str]) -> Scene | KernelPreset:
    """Read a scene or kernel preset file (a regular file of at most 256 MB)."""
    p = Path(path)
    return loads(read_regular_file(p, MAX_FILE_BYTES), source=str(p))


def load_scene(path: str | os.PathLike[str]) -> Scene:
    """Read a scene file; a kernel preset is refused."""
    result = load(path)
    if not isinstance(result, Scene):
        raise SceneFileError('is a kernel preset (it has no "input"), not a scene', source=str(path))
    return result


# -- writing -------------------------------------------------------------------


def _num(value: float) -> str:
    v = float(value)
    if v.is_integer() and abs(v) < 2**53:
        return str(int(v))
    return repr(v)  # shortest text that reads back to the same float


def _row_text(row: np.ndarray) -> str:
    """One matrix row as JSON numbers, as :func:`_num` writes each value.

    Whole rows go through int conversion in one step; it keeps saving a
    512×512×3 image scene well under a second.
    """
    whole = (row == np.trunc(row)) & (np.abs(row) < 2**53)
    if whole.all():
        return ", ".join(map(str, row.astype(np.int64).tolist()))
    return ", ".join(str(int(v)) if w else repr(v) for v, w in zip(row.tolist(), whole.tolist()))


def _matrix_lines(channels: np.ndarray, indent: str) -> list[str]:
    """Channel matrices ``(rows, cols, C)`` as JSON lines, one row per line."""
    out = []
    C = channels.shape[2]
    for c in range(C):
        rows = channels[:, :, c]
        out.append(f"{indent}[")
        last = rows.shape[0] - 1
        for r in range(rows.shape[0]):
            out.append(f"{indent}  [{_row_text(rows[r])}]{',' if r < last else ''}")
        out.append(f"{indent}]{',' if c < C - 1 else ''}")
    return out


def _param_lines(params: ConvParams) -> list[str]:
    padding = json.dumps(params.padding) if isinstance(params.padding, str) else f"[{params.padding[0]}, {params.padding[1]}]"
    lines = [
        f'  "stride": [{params.stride[0]}, {params.stride[1]}],',
        f'  "padding": {padding},',
        f'  "padding_mode": {json.dumps(params.padding_mode)},',
        f'  "dilation": [{params.dilation[0]}, {params.dilation[1]}],',
        f'  "groups": {params.groups}',
    ]
    if params.op != "conv":  # forward scenes are written as before
        op = params.output_padding
        lines[-1] += ","
        lines += [f'  "op": {json.dumps(params.op)},', f'  "output_padding": [{op[0]}, {op[1]}]']
    return lines


def dumps(item: Scene | KernelPreset) -> str:
    """The file text for a scene or kernel preset (one matrix row per line)."""
    s = json.dumps
    lines = ["{", f'  "convviz": {FORMAT_VERSION},', f'  "name": {s(item.name, ensure_ascii=False)},']
    lines.append(f'  "description": {s(item.description, ensure_ascii=False)},')
    if isinstance(item, Scene):
        lines.append('  "input": [')
        lines += _matrix_lines(item.input, "    ")
        lines.append("  ],")
    lines.append('  "kernels": [')
    for i, k in enumerate(item.kernels):
        lines.append("    {")
        lines.append(f'      "name": {s(k.name, ensure_ascii=False)},')
        lines.append(f'      "bias": {_num(k.bias)},')
        lines.append('      "weights": [')
        lines += _matrix_lines(k.weights, "        ")
        lines.append("      ]")
        lines.append("    }" + ("," if i < len(item.kernels) - 1 else ""))
    params = item.params
    if params is None:
        lines.append("  ]")
    else:
        lines.append("  ],")
        lines += _param_lines(params)
    if isinstance(item, Scene) and item.grad_output is not None and _fits(item, item.grad_output):
        lines[-1] += ","
        lines.append('  "grad_output": [')
        lines += _matrix_lines(item.grad_output, "    ")
        lines.append("  ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def encode(item: Scene | KernelPreset, source: str = "") -> bytes:
    """The file's bytes; a name that can't be written as UTF-8 is a
    :class:`SceneFileError`, never a ``UnicodeEncodeError``."""
    text = dumps(item)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(text[exc.start])
        raise SceneFileError(
            "cannot be written: a name or description holds \\u{code:04x}, half of a UTF-16 surrogate pair "
            "and no character by itself; rename it",
            code=code, source=source,
        ) from None


def save(path: str | os.PathLike[str], item: Scene | KernelPreset) -> None:
    """Write ``item`` to ``path`` atomically: the old file stays whole until
    the new one is complete. A symbolic link keeps pointing at the new file."""
    write_atomic(Path(path), encode(item, str(path)))
