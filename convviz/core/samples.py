"""Sample recipes: a bundled picture paired with kernels worth comparing.

A recipe in ``resources/samples/*.json`` names an image in
``resources/images`` and built-in kernel presets::

    {"convviz_sample": 1, "name": "sample: edges", "description": "...",
     "image": "shapes.png", "channels": "gray" | "rgb", "scale": "0-1" | "0-255",
     "max_side": 128, "kernels": ["sobel-x", "sobel-y"]}

``max_side`` may be ``null`` (keep the picture's size). The UI turns the
image into a scene (reading pictures needs Qt) and :func:`sample_scene`
puts the recipe's kernels on it. Like presets, a recipe that fails to load
is listed as broken with the loader's message.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from convviz.core.catalogue import find_builtin
from convviz.core.edits import LIMITS
from convviz.core.errors import Message, SceneFileError
from convviz.core.language import translate
from convviz.core.preset_apply import fit_preset_kernel
from convviz.core.resources import resources_dir
from convviz.core.scene import Kernel, KernelPreset, Scene

__all__ = ["SampleEntry", "SampleRecipe", "load_sample", "sample_entries", "sample_scene"]

SAMPLE_VERSION = 1
CHANNELS = ("gray", "rgb")
SCALES = ("0-1", "0-255")


@dataclass(frozen=True)
class SampleRecipe:
    name: str
    description: str
    image: Path  # resolved, and checked to exist
    channels: str
    scale: str
    max_side: int | None
    kernel_ids: tuple[str, ...]
    kernels: tuple[Kernel, ...]  # the presets' kernels, in order, all one size


@dataclass(frozen=True)
class SampleEntry:
    """One recipe file: the recipe, or why it could not be loaded."""

    id: str
    path: Path
    recipe: SampleRecipe | None
    error: str = ""
    origin: str = "built-in"

    @property
    def kind(self) -> str:
        return "sample" if self.recipe is not None else "broken"

    @property
    def name(self) -> str:
        return self.recipe.name if self.recipe is not None else self.id

    @property
    def description(self) -> str:
        return translate("presets", self.recipe.description) if self.recipe is not None else self.error


def _fail(source: Path, key: str, message: Message) -> SceneFileError:
    return SceneFileError(message, source=str(source), path=key)


def _text(doc: dict[str, Any], key: str, source: Path, default: str | None = None) -> str:
    value = doc.get(key, default)
    if not isinstance(value, str) or (default is None and not value.strip()):
        raise _fail(source, key, Message(
            "must be text, got {value1}",
            value1=json.dumps(value, ensure_ascii=False)[:40],
        ))
    return value


def _choice(doc: dict[str, Any], key: str, options: tuple[str, ...], source: Path) -> str:
    value = doc.get(key)
    if not isinstance(value, str) or value not in options:
        raise _fail(source, key, Message(
            "must be {map}, got {json_dumps_value_40}",
            map=' or '.join(map(json.dumps, options)), json_dumps_value_40=json.dumps(value)[:40],
        ))
    return value


def _kernels(value: Any, source: Path) -> tuple[tuple[str, ...], tuple[Kernel, ...]]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise _fail(source, "kernels", Message('must be a list of built-in kernel preset names, like ["sobel-x", "sobel-y"]'))
    kernels: list[Kernel] = []
    for i, preset_id in enumerate(value):
        entry = find_builtin(preset_id)
        if entry is None or not isinstance(entry.item, KernelPreset):
            raise _fail(source, f"kernels[{i}]", Message(
                '"{preset_id}" is not a built-in kernel preset',
                preset_id=preset_id,
            ))
        for kernel in entry.item.kernels:
            if kernels and kernel.shape[:2] != kernels[0].shape[:2]:
                first = kernels[0].shape
                raise _fail(
                    source,
                    f"kernels[{i}]",
                    Message(
                        '"{preset_id}" is {kernel_shape_0}×{kernel_shape_1}, but the first kernel is '
                        "{first_0}×{first_1}; a sample's kernels must have one size",
                        preset_id=preset_id, kernel_shape_0=kernel.shape[0], kernel_shape_1=kernel.shape[1],
                        first_0=first[0], first_1=first[1],
                    ),
                )
            kernels.append(kernel)
    if len(kernels) > LIMITS["K"]:
        raise _fail(source, "kernels", Message(
            "gives {n_kernels} kernels; a scene can have at most {limits_k}",
            n_kernels=len(kernels), limits_k=LIMITS['K'],
        ))
    return tuple(value), tuple(kernels)


def load_sample(path: str | Path, images: Path | None = None) -> SampleRecipe:
    """Read and check a recipe; ``images`` is the picture folder
    (default ``resources/images``). Raises :class:`SceneFileError`."""
    source = Path(path)
    try:
        doc = json.loads(source.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise SceneFileError(
            "cannot be read: {exc_strerror_or_exc}",
            exc_strerror_or_exc=exc.strerror or exc, source=str(source),
        ) from None
    except UnicodeDecodeError:
        raise SceneFileError("is not UTF-8 text", source=str(source)) from None
    except json.JSONDecodeError as exc:
        raise SceneFileError(
            "is not valid JSON: {exc_msg} (line {exc_lineno}, column {exc_colno})",
            exc_msg=exc.msg, exc_lineno=exc.lineno, exc_colno=exc.colno, source=str(source),
        ) from None
    if not isinstance(doc, dict) or "convviz_sample" not in doc:
        raise SceneFileError('has no "convviz_sample": 1 marker; it is not a sample recipe', source=str(source))
    if doc["convviz_sample"] != SAMPLE_VERSION or isinstance(doc["convviz_sample"], bool):
        raise _fail(source, "convviz_sample", Message(
            "must be {sample_version}, got {value1}",
            sample_version=SAMPLE_VERSION, value1=json.dumps(doc['convviz_sample'])[:40],
        ))

    image_name = _text(doc, "image", source)
    if Path(image_name).name != image_name or image_name.startswith("."):
        raise _fail(source, "image", Message(
            'must be a file name in resources/images, got "{image_name}"',
            image_name=image_name,
        ))
    image = (images if images is not None else resources_dir() / "images") / image_name
    if not image.is_file():
        raise _fail(source, "image", Message(
            "the picture {image_name} is missing from {image_parent_name}/",
            image_name=image_name, image_parent_name=image.parent.name,
        ))

    max_side = doc.get("max_side")
    if max_side is not None and (
        isinstance(max_side, bool)
        or not isinstance(max_side, int)
        or not 1 <= max_side <= min(LIMITS["H"], LIMITS["W"])
    ):
        raise _fail(
            source,
            "max_side",
            Message(
                "must be a whole number from 1 to {limits_h}, or null; got {json_dumps_max_side_40}",
                limits_h=LIMITS['H'], json_dumps_max_side_40=json.dumps(max_side)[:40],
            ),
        )

    kernel_ids, kernels = _kernels(doc.get("kernels"), source)
    return SampleRecipe(
        name=_text(doc, "name", source),
        description=_text(doc, "description", source, default=""),
        image=image,
        channels=_choice(doc, "channels", CHANNELS, source),
        scale=_choice(doc, "scale", SCALES, source),
        max_side=max_side,
        kernel_ids=kernel_ids,
        kernels=kernels,
    )


def _load_entry(path: Path, images: Path | None) -> SampleEntry:
    try:
        return SampleEntry(path.stem, path, load_sample(path, images))
    except SceneFileError as exc:
        return SampleEntry(path.stem, path, None, str(exc))


def sample_entries(folder: Path | None = None, images: Path | None = None) -> tuple[SampleEntry, ...]:
    """Every recipe in ``folder`` (default: the built-in ones), by file name;
    broken ones are listed, not raised. Read afresh each time (two small
    files), so a picture added while the app runs is found."""
    folder = folder if folder is not None else resources_dir() / "samples"
    return tuple(_load_entry(p, images) for p in sorted(Path(folder).glob("*.json")))


def sample_scene(recipe: SampleRecipe, image_scene: Scene) -> Scene:
    """The recipe's kernels on ``image_scene`` (the picture as an input),
    named after the recipe. An RGB picture gets the same weights on every
    channel. Raises :class:`ConvError` if the kernels don't fit the picture."""
    channels = image_scene.input_shape[2] // image_scene.params.groups
    kernels = tuple(fit_preset_kernel(k, channels, "every") for k in recipe.kernels)
    scene = image_scene.with_kernels(kernels).renamed(recipe.name, recipe.description)
    scene.geometry()  # a picture smaller than the kernel gives no output: say so now
    return scene
