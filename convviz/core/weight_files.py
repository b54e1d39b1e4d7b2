"""Trained conv weights from a file, as a kernel preset.

Reads PyTorch-layout conv weights ``[K, C, kh, kw]`` (and the matching
``….bias`` ``[K]`` when there is one) from:

- ``.npy`` (one array, named after the file) and ``.npz``, with
  ``allow_pickle=False``;
- ``.safetensors``, with the ``safetensors`` package (``pip install
  "convviz[weights]"``), numpy backend;
- ``.pt`` / ``.pth`` only when PyTorch is installed, with
  ``torch.load(weights_only=True)``: a tensor, or nested dicts of tensors
  (a ``state_dict``, or one under ``"model"``), named by their dotted keys.

Nothing is ever unpickled beyond what those loaders allow. A file that can't
be read raises :class:`SceneFileError`; a tensor that is missing, not 4-D or
too large raises :class:`ConvError`. Both name the file or tensor and the numbers.
"""

from __future__ import annotations

import importlib.util
import io
import os
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from convviz.core.edits import LIMITS
from convviz.core.errors import ConvError, Message, SceneFileError
from convviz.core.files import read_regular_file
from convviz.core.scene import Kernel, KernelPreset

__all__ = [
    "MAX_WEIGHT_FILE_BYTES",
    "WEIGHT_SUFFIXES",
    "bias_name",
    "conv_tensors",
    "kernel_preset_from",
    "parse_pick",
    "read_tensors",
]

WEIGHT_SUFFIXES = (".npy", ".npz", ".safetensors", ".pt", ".pth")
# A whole ResNet-50 is about 100 MB; past 2 GB a file is refused unread.
MAX_WEIGHT_FILE_BYTES = 2 * 1024**3


def _fail(path: str, message: Message) -> SceneFileError:
    return SceneFileError(message, source=path)


def _numbers(name: str, value: object, path: str) -> np.ndarray:
    arr = np.asarray(value)
    if arr.dtype.kind not in "biuf":
        raise _fail(path, Message(
            "tensor {name} holds {arr_dtype} values, not numbers",
            name=name, arr_dtype=arr.dtype,
        ))
    return arr


_MAGIC = {".npy": b"\x93NUMPY", ".npz": b"PK\x03\x04"}


def _read_numpy(data: bytes, path: str, stem: str, suffix: str) -> dict[str, np.ndarray]:
    if not data.startswith(_MAGIC[suffix]):
        raise _fail(path, Message("is not a NumPy {suffix} file (it doesn't start as one)", suffix=suffix))
    pickled = Message("holds Python objects that only unpickling could read, and convviz never unpickles")
    try:
        loaded = np.load(io.BytesIO(data), allow_pickle=False)
    except ValueError:  # an object array: it needs pickle
        raise _fail(path, pickled) from None
    except (OSError, EOFError, zipfile.BadZipFile) as exc:
        raise _fail(path, Message("is not a NumPy file: {exc}", exc=exc)) from None
    if isinstance(loaded, np.ndarray):
        return {stem: _numbers(stem, loaded, path)}
    with loaded:
        try:
            return {key: _numbers(key, loaded[key], path) for key in loaded.files}
        except ValueError:
            raise _fail(path, pickled) from None
        except (OSError, EOFError, zipfile.BadZipFile) as exc:
            raise _fail(path, Message("is a damaged NumPy file: {exc}", exc=exc)) from None


def _read_safetensors(data: bytes, path: str) -> dict[str, np.ndarray]:
    if importlib.util.find_spec("safetensors") is None:
        raise _fail(path, Message('reading .safetensors needs the safetensors package: pip install "convviz[weights]"'))
    from safetensors.numpy import load

    try:
        tensors = load(data)
    except Exception as exc:  # safetensors raises its own error types, and TypeError for bfloat16
        raise _fail(path, Message("is not a safetensors file numpy can read: {exc}", exc=exc)) from None
    return {key: _numbers(key, value, path) for key, value in tensors.items()}


def _flatten(value: object, prefix: str, out: dict[str, object]) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            _flatten(item, f"{prefix}.{key}" if prefix else str(key), out)
    elif prefix:
        out[prefix] = value


def _read_torch(data: bytes, path: str, stem: str) -> dict[str, np.ndarray]:
    if importlib.util.find_spec("torch") is None:
        raise _fail(path, Message("reading .pt/.pth needs PyTorch (pip install torch); or save the weights as .safetensors or .npz"))
    import torch

    try:
        # weights_only: tensors, dicts and plain values only; never arbitrary objects.
        loaded = torch.load(io.BytesIO(data), map_location="cpu", weights_only=True)
    except Exception as exc:  # UnpicklingError for anything but weights, RuntimeError for a bad archive
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise _fail(path, Message(
            "cannot be read as PyTorch weights (weights_only=True): {first}",
            first=first,
        )) from None
    flat: dict[str, object] = {}
    _flatten(loaded, "" if isinstance(loaded, Mapping) else stem, flat)
    tensors = {}
    for key, value in flat.items():
        if isinstance(value, torch.Tensor) and not value.is_complex():
            tensors[key] = value.detach().to(torch.float64).numpy()
    return tensors


def read_tensors(path: str | os.PathLike[str]) -> dict[str, np.ndarray]:
    """Every numeric tensor in the file, by name (see the module's list)."""
    source = os.fspath(path)
    suffix = Path(source).suffix.lower()
    if suffix not in WEIGHT_SUFFIXES:
        raise _fail(source, Message(
            "unknown kind of weights file {suffix_or_no_suffix!r}; use {weight_suffixes}",
            suffix_or_no_suffix=suffix or '(no suffix)', weight_suffixes=', '.join(WEIGHT_SUFFIXES),
        ))
    data = read_regular_file(source, MAX_WEIGHT_FILE_BYTES, Message("weight files"))
    stem = Path(source).stem
    if suffix in (".npy", ".npz"):
        return _read_numpy(data, source, stem, suffix)
    if suffix == ".safetensors":
        return _read_safetensors(data, source)
    return _read_torch(data, source, stem)


def conv_tensors(tensors: Mapping[str, np.ndarray]) -> dict[str, tuple[int, ...]]:
    """The 4-D tensors (conv weights ``[K, C, kh, kw]``) and their shapes, in file order."""
    return {name: tuple(int(n) for n in t.shape) for name, t in tensors.items() if t.ndim == 4}


def bias_name(weight_name: str) -> str | None:
    """``conv1.weight`` → ``conv1.bias``; None when the name doesn't end in ``weight``."""
    if not weight_name.endswith("weight"):
        return None
    return weight_name[: -len("weight")] + "bias"


def parse_pick(text: str, count: int) -> list[int]:
    """``"0,3,5"`` as indices into ``count`` filters; ``ConvError`` names the bad one."""
    picks: list[int] = []
    for part in text.split(","):
        part = part.strip()
        try:
            index = int(part)
        except ValueError:
            raise ConvError(
                "--pick {text}: {part!r} is not a filter number (0..{count_1})",
                text=text, part=part, count_1=count - 1,
            ) from None
        if not 0 <= index < count:
            raise ConvError(
                "--pick {text}: filter {index} does not exist; there are {count}, 0..{count_1}",
                text=text, index=index, count=count, count_1=count - 1,
            )
        if index in picks:
            raise ConvError("--pick {text}: filter {index} is named twice", text=text, index=index)
        picks.append(index)
    return picks


def _shape(values: Sequence[int]) -> str:
    return "[" + ",".join(str(v) for v in values) + "]"


def kernel_preset_from(
    tensors: Mapping[str, np.ndarray],
    name: str,
    pick: Sequence[int] | None = None,
    *,
    source: str = "",
) -> KernelPreset:
    """Filters ``pick`` (default all) of the conv weight ``name`` ``[K, C, kh, kw]``
    as a kernel preset, with the matching bias when the file has one."""
    if name not in tensors:
        available = ", ".join(f"{n} {_shape(s)}" for n, s in conv_tensors(tensors).items()) or "none"
        raise ConvError("no tensor named {name!r}; the 4-D tensors are: {available}", name=name, available=available)
    weight = tensors[name]
    if weight.ndim != 4:
        raise ConvError(
            "tensor {name} is {weight_ndim}-D {weight_shape_shape}; conv weights are 4-D [K,C,kh,kw]",
            name=name, weight_ndim=weight.ndim, weight_shape_shape=_shape(weight.shape),
        )
    K, C, kh, kw = weight.shape
    if min(weight.shape) < 1:
        raise ConvError(
            "tensor {name} {weight_shape_shape} is empty",
            name=name, weight_shape_shape=_shape(weight.shape),
        )
    chosen = list(range(K)) if pick is None else list(pick)
    for key, value in (("kh", kh), ("kw", kw), ("C", C)):
        if value > LIMITS[key]:
            raise ConvError(
                "tensor {name} {weight_shape_shape} has {key} = {value}; convviz shows at most {limits_key}",
                name=name, weight_shape_shape=_shape(weight.shape), key=key, value=value, limits_key=LIMITS[key],
            )
    if len(chosen) > LIMITS["K"]:
        raise ConvError(
            "tensor {name} has {n_chosen} filters; a preset holds at most {limits_k}: choose some with "
            "--pick 0,3,5",
            name=name, n_chosen=len(chosen), limits_k=LIMITS['K'],
        )
    values = weight.astype(np.float64)
    if not np.isfinite(values).all():
        raise ConvError("tensor {name} holds nan or inf", name=name)
    biases = np.zeros(K)
    bias_key = bias_name(name)
    found_bias = bias_key if bias_key is not None and bias_key in tensors else None
    if found_bias is not None:
        b = tensors[found_bias].astype(np.float64).reshape(-1)
        if b.shape[0] != K or not np.isfinite(b).all():
            raise ConvError(
                "bias {found_bias} {shape_shape} does not fit {name}: it needs {K} finite values",
                found_bias=found_bias, shape_shape=_shape(tensors[found_bias].shape), name=name, K=K,
            )
        biases = b
    label = name[: -len(".weight")] if name.endswith(".weight") else name
    kernels = tuple(Kernel(f"{label}[{k}]", values[k].transpose(1, 2, 0), float(biases[k])) for k in chosen)
    which = "all filters" if pick is None else f"filters {', '.join(map(str, chosen))}"
    where = f" of {Path(source).name}" if source else ""
    bias_text = f"biases from {found_bias}" if found_bias else "no bias in the file (biases 0)"
    description = f"{which} of {name} {_shape(weight.shape)} [K,C,kh,kw]{where}; {bias_text}."
    title = f"{label} of {Path(source).stem}" if source else label
    return KernelPreset(kernels, None, f"{title} ({len(chosen)} filters)", description)
