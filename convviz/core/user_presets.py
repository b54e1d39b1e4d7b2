"""The user's preset folder: save, rename, delete and restore preset files.

Plain functions over a folder (the window passes
``app_data_dir() / "presets"``); listing it is
:func:`convviz.core.catalogue.user_entries`. Every write is atomic
(:func:`convviz.core.scenefile.save`), and every problem raises
:class:`SceneFileError` with a message for the user.

Saving never overwrites: when the file name a preset's name gives is taken,
``-2``, ``-3``, … is added (so two presets called "Edges" both survive), and
the new path is returned. File names are made from any name a person types,
non-ASCII letters included: ``"Kante ä/ö"`` is saved as ``kante-ä-ö.json``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

from convviz.core import scenefile
from convviz.core.errors import Message, SceneFileError
from convviz.core.files import read_regular_file
from convviz.core.scene import KernelPreset, Scene

__all__ = [
    "delete_preset",
    "kernel_preset_of",
    "rename_preset",
    "restore_preset",
    "safe_file_stem",
    "save_preset",
]

SUFFIX = ".json"
# Bytes, not characters: file systems limit names to 255 bytes, and a
# Chinese character takes three. Room is left for "-99" and ".json".
_MAX_STEM_BYTES = 120
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def safe_file_stem(name: str) -> str:
    """A file name stem (no suffix) for ``name`` that every OS accepts.

    Letters and digits of any script are kept, lower-cased; runs of
    anything else (spaces, ``/``, ``:``, ``*``, control characters) become
    one ``-``. Never empty, never hidden (a leading dot), never a reserved
    Windows device name.
    """
    text = unicodedata.normalize("NFC", name).lower()
    text = "".join(ch if ch.isalnum() or ch in "._" else "-" for ch in text)
    text = re.sub(r"-{2,}", "-", text).strip("-._")
    encoded = text.encode("utf-8")[:_MAX_STEM_BYTES]
    text = encoded.decode("utf-8", errors="ignore").strip("-._")
    if not text:
        return "preset"
    if text.split(".")[0] in _WINDOWS_RESERVED:
        text += "-preset"
    return text


def _reserve(folder: Path, stem: str, ignore: Path | None = None) -> Path:
    """Create an empty ``stem[-n].json`` in ``folder`` that nobody else has.

    Names are compared case-insensitively, because macOS and Windows do.
    ``O_EXCL`` makes the claim atomic; the caller then replaces the empty
    file with the real one.
    """
    try:
        taken = {p.name.lower() for p in folder.iterdir() if p != ignore}
    except OSError as exc:
        raise SceneFileError(
            "cannot be read: {exc_strerror_or_exc}",
            exc_strerror_or_exc=exc.strerror or exc, source=str(folder),
        ) from None
    for n in range(1, 10_000):
        candidate = folder / (f"{stem}{SUFFIX}" if n == 1 else f"{stem}-{n}{SUFFIX}")
        if candidate.name.lower() in taken:
            continue
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise SceneFileError(
                "cannot be written: {exc_strerror_or_exc}",
                exc_strerror_or_exc=exc.strerror or exc, source=str(candidate),
            ) from None
        os.close(fd)
        return candidate
    raise SceneFileError("has too many presets called {stem!r}", stem=stem, source=str(folder))


def _write_new(folder: Path, stem: str, data: bytes, ignore: Path | None = None) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SceneFileError(
            "cannot be created: {exc_strerror_or_exc}",
            exc_strerror_or_exc=exc.strerror or exc, source=str(folder),
        ) from None
    path = _reserve(folder, stem, ignore)
    try:
        scenefile.write_atomic(path, data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def save_preset(folder: str | os.PathLike[str], preset: KernelPreset | Scene, file_stem: str | None = None) -> Path:
    """Write ``preset`` into ``folder`` (created if needed) under a new file.

    ``file_stem`` defaults to the preset's name; either way it is made safe
    with :func:`safe_file_stem`, and made unique rather than overwriting.
    Returns the path written.
    """
    stem = safe_file_stem(file_stem if file_stem is not None else preset.name)
    return _write_new(Path(folder), stem, scenefile.encode(preset, str(folder)))


def rename_preset(path: str | os.PathLike[str], new_name: str) -> Path:
    """Give the preset in ``path`` a new name; its file follows the name.

    The file is rewritten in convviz's layout (hand formatting and unknown
    keys are not kept). Returns the new path, which is ``path`` itself when
    the name gives the same file name.
    """
    old = Path(path)
    new_name = new_name.strip()
    if not new_name:
        raise SceneFileError("a preset needs a name", source=str(old))
    item = scenefile.load(old)
    renamed = item.renamed(new_name) if isinstance(item, Scene) else replace(item, name=new_name)
    data = scenefile.encode(renamed, str(old))
    stem = safe_file_stem(new_name)
    if stem.lower() == old.stem.lower():
        scenefile.write_atomic(old, data)
        return old
    new = _write_new(old.parent, stem, data, ignore=old)
    try:
        old.unlink()
    except OSError as exc:
        new.unlink(missing_ok=True)
        raise SceneFileError(
            "cannot be renamed: {exc_strerror_or_exc}",
            exc_strerror_or_exc=exc.strerror or exc, source=str(old),
        ) from None
    return new


def delete_preset(path: str | os.PathLike[str]) -> bytes:
    """Delete the file and return its bytes, so an undo can write them back."""
    p = Path(path)
    data = read_regular_file(p, scenefile.MAX_FILE_BYTES, Message("preset files"))  # never a FIFO or device
    try:
        p.unlink()
    except FileNotFoundError:
        raise SceneFileError("no such file", source=str(p)) from None
    except OSError as exc:
        raise SceneFileError(
            "cannot be deleted: {exc_strerror_or_exc}",
            exc_strerror_or_exc=exc.strerror or exc, source=str(p),
        ) from None
    return data


def restore_preset(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write a deleted preset's bytes back and return where they went.

    That is ``path`` unless a new file has taken its name meanwhile; then
    the bytes go beside it under ``stem-2.json`` rather than over it.
    """
    p = Path(path)
    return _write_new(p.parent, p.stem, data)


def kernel_preset_of(scene: Scene, kernel: int | None, name: str, description: str = "") -> KernelPreset:
    """A preset of one kernel of ``scene`` (``kernel=None``: all of them),
    with biases; the scene's parameters are not included."""
    kernels = scene.kernels if kernel is None else (scene.kernels[kernel],)
    return KernelPreset(kernels, None, name.strip(), description.strip())
