"""The preset catalogue: built-in scenes and kernel presets, and the user's own.

Built-ins live in ``resources/presets`` and are named by their file stem
(``seed-3.3``, ``sobel-x``). User presets live in a folder the caller
chooses (the UI uses the app data folder). A file that fails to load is
listed as broken with the loader's message; it never stops the others.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from convviz.core import scenefile
from convviz.core.errors import SceneFileError
from convviz.core.language import translate
from convviz.core.resources import resources_dir
from convviz.core.scene import KernelPreset, Scene

__all__ = ["CatalogueEntry", "builtin_entries", "find_builtin", "resolve_scene", "user_entries"]

# Scenes in teaching order; anything else sorts after them by name.
_SCENE_ORDER = ("seed-3.1", "seed-3.2", "seed-3.3", "seed-3.4", "cs231n-style")


@dataclass(frozen=True, eq=False)
class CatalogueEntry:
    """One preset file: what it holds, or why it could not be loaded."""

    id: str
    origin: str  # "built-in" or "user"
    path: Path
    item: Scene | KernelPreset | None
    error: str = ""

    @property
    def kind(self) -> str:
        """``"scene"``, ``"kernel"`` (a kernel preset) or ``"broken"``."""
        if self.item is None:
            return "broken"
        return "scene" if isinstance(self.item, Scene) else "kernel"

    @property
    def name(self) -> str:
        return (self.item.name if self.item is not None else "") or self.id

    @property
    def description(self) -> str:
        if self.item is None:
            return self.error
        # A built-in's description is ours, and translated; a user's is theirs.
        return translate("presets", self.item.description) if self.origin == "built-in" else self.item.description


def _load_entry(path: Path, origin: str) -> CatalogueEntry:
    try:
        return CatalogueEntry(path.stem, origin, path, scenefile.load(path))
    except SceneFileError as exc:
        return CatalogueEntry(path.stem, origin, path, None, str(exc))


def _sort_key(entry: CatalogueEntry) -> tuple[int, int, str]:
    kind_rank = {"scene": 0, "kernel": 1, "broken": 2}[entry.kind]
    order = _SCENE_ORDER.index(entry.id) if entry.id in _SCENE_ORDER else len(_SCENE_ORDER)
    return kind_rank, order, entry.id.lower()


@cache
def builtin_entries() -> tuple[CatalogueEntry, ...]:
    """Every built-in preset, scenes first in teaching order."""
    folder = resources_dir() / "presets"
    entries = [_load_entry(p, "built-in") for p in sorted(folder.glob("*.json"))]
    return tuple(sorted(entries, key=_sort_key))


def find_builtin(preset_id: str) -> CatalogueEntry | None:
    for entry in builtin_entries():
        if entry.id == preset_id:
            return entry
    return None


def user_entries(folder: str | os.PathLike[str] | None) -> list[CatalogueEntry]:
    """The ``*.json`` presets in ``folder``; broken files are listed, not raised."""
    if folder is None:
        return []
    path = Path(folder)
    try:
        files = sorted(p for p in path.glob("*.json") if p.is_file())
    except OSError:
        return []
    return sorted((_load_entry(p, "user") for p in files), key=_sort_key)


def resolve_scene(argument: str) -> Scene:
    """A built-in scene by name, or a scene file by path.

    Raises :class:`SceneFileError` with a message for the user otherwise.
    """
    path = Path(argument)
    try:
        exists = path.exists()
    except OSError as exc:  # e.g. a folder on the way without search permission
        raise SceneFileError(
            "cannot be read: {exc_strerror_or_exc}",
            exc_strerror_or_exc=exc.strerror or exc, source=argument,
        ) from None
    entry = find_builtin(argument)
    if entry is not None and not exists:
        if isinstance(entry.item, Scene):
            return entry.item
        raise SceneFileError(
            '"{argument}" is a kernel preset, not a scene; scenes: {builtin_scene_ids}',
            argument=argument, builtin_scene_ids=", ".join(builtin_scene_ids()),
        )
    if not exists and path.suffix.lower() != ".json" and os.sep not in argument:
        raise SceneFileError(
            'no built-in scene or file named "{argument}"; built-in scenes: {builtin_scene_ids}',
            argument=argument, builtin_scene_ids=", ".join(builtin_scene_ids()),
        )
    return scenefile.load_scene(path)


def builtin_scene_ids() -> list[str]:
    return [e.id for e in builtin_entries() if e.kind == "scene"]
