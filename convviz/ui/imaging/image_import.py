"""Images as input: files to scenes, Qt images to arrays, and the size guard.

Files are decoded by :mod:`convviz.core.images` (Pillow, downsizing while it
decodes; it also documents transparency, the grayscale formula, the scale
and the exact area averaging). :func:`image_to_array` applies the same rules
to a ``QImage`` already in memory.

Big requests are refused before they can freeze the window: :func:`convviz.core.cost.estimate_cost`
predicts the time and memory of a scene's feature maps, and anything beyond
:data:`TIME_LIMIT_S` or :data:`MEMORY_LIMIT_BYTES` (a 6000×6000 image with
64 kernels, say) makes the user downsize first.

The dialog and menu actions that use this live in :mod:`convviz.ui.imaging.image_actions`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PySide6.QtGui import QImage, QImageReader

from convviz.core.catalogue import find_builtin
from convviz.core.cost import estimate_cost, suggested_side
from convviz.core.errors import ConvError, SceneFileError
from convviz.core.images import (
    CHANNEL_MODES,
    SCALES,
    area_average,
    area_axis,
    area_weights,
    channel_values,
    check_image_options,
    check_image_path,
    decode_image,
    downsized_shape,
    image_size,
)
from convviz.core.scene import Kernel, KernelPreset, Scene

__all__ = [
    "CHANNEL_MODES",
    "DEFAULT_MAX_SIDE",
    "SCALES",
    "ImageTooLargeError",
    "area_average",
    "default_kernels",
    "downsized_scene",
    "downsized_shape",
    "image_size",
    "image_to_array",
    "load_image_scene",
    "read_image",
]

READABLE_FORMATS = {"png", "jpeg", "jpg", "bmp"}
DEFAULT_MAX_SIDE = 256  # the dialog offers this for images larger than it
IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.bmp);;All files (*)"

# Images with more pixels are read on a worker thread (a 6000×6000 photo
# takes a second or two to decode and average), the window still painting.
BACKGROUND_PIXELS = 1024 * 1024


class ImageTooLargeError(SceneFileError):
    """An image whose scene would be too slow or too big; ``suggested_side``
    is the largest side that fits."""

    def __init__(
        self, message: str, /, *, source: str = "", suggested_side: int = DEFAULT_MAX_SIDE, **values: object
    ) -> None:
        super().__init__(message, source=source, **values)
        self.suggested_side = suggested_side


# -- pixels to numbers ----------------------------------------------------------


def image_to_array(
    qimage: QImage, channels: str = "gray", scale: str = "0-255", max_side: int | None = None
) -> np.ndarray:
    """The image as ``(H, W, C)`` float64: ``C`` is 1 for ``"gray"``, 3 for ``"rgb"``.

    See the module notes for the grayscale formula, transparency and the area
    averaging that ``max_side`` asks for.
    """
    check_image_options(channels, scale, max_side)
    if qimage.isNull():
        raise ValueError("the image is empty")
    rgba = qimage.convertToFormat(QImage.Format.Format_RGBA8888)
    h, w = rgba.height(), rgba.width()
    # A view of Qt's pixels; ``rgba`` stays alive until we are done with it.
    pixels = np.frombuffer(rgba.constBits(), np.uint8).reshape(h, rgba.bytesPerLine())[:, : 4 * w].reshape(h, w, 4)
    out_h, out_w = downsized_shape(h, w, max_side)
    if (out_h, out_w) == (h, w):
        values = channel_values(pixels, channels)
    else:
        # Rows first, one band of input rows at a time: a 6000×6000 photo
        # never exists as one float array.
        rows = np.empty((out_h, w, 3 if channels == "rgb" else 1))
        for i, (first, overlap) in enumerate(area_weights(h, out_h)):
            rows[i] = np.tensordot(overlap, channel_values(pixels[first : first + overlap.size], channels), axes=1)
        rows /= h / out_h
        values = area_axis(rows, out_w, 1)
    del pixels
    if scale == "0-1":
        values = values / 255.0
    return np.ascontiguousarray(values)


# -- files ----------------------------------------------------------------------


def _reader(path: Path) -> QImageReader:
    check_image_path(path)
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)  # JPEG photos carry their orientation in EXIF
    detected = bytes(reader.format().data()).decode().lower()
    if not detected:
        raise SceneFileError(
            "this is not a readable image: the file is damaged, empty or not an image", source=str(path)
        )
    if detected not in READABLE_FORMATS:
        raise SceneFileError(
            "the file holds a {detected_upper} image; convviz opens PNG, JPEG and BMP",
            detected_upper=detected.upper(), source=str(path),
        )
    return reader


def read_image(path: str | Path) -> QImage:
    """The decoded image, or :class:`SceneFileError` saying why not."""
    reader = _reader(Path(path))
    image = reader.read()
    if image.isNull():
        detail = reader.errorString()
        if reader.error() == QImageReader.ImageReaderError.InvalidDataError:
            detail = "the image data is damaged or cut short"
        raise SceneFileError("can't read the image: {detail}", detail=detail, source=str(path))
    return image


# -- scenes ---------------------------------------------------------------------


def _preset_kernel(preset_id: str, name: str) -> Kernel:
    entry = find_builtin(preset_id)
    if entry is None or not isinstance(entry.item, KernelPreset):
        raise LookupError(f"the built-in kernel preset {preset_id!r} is missing")
    kernel = entry.item.kernels[0]
    return Kernel(name, kernel.weights, kernel.bias)


def _for_channels(kernel: Kernel, channels: int) -> Kernel:
    """A one-channel kernel spread over ``channels``, divided by the count, so
    it filters the mean of the channels (a colour image's brightness)."""
    c = kernel.shape[2]
    if c == channels:
        return kernel
    if c != 1:
        raise ConvError(
            "kernel {kernel_name!r} has {c} channels; the image has {channels}",
            kernel_name=kernel.name, c=c, channels=channels,
        )
    return kernel.with_weights(np.repeat(kernel.weights, channels, axis=2) / channels)


def default_kernels(channels: int) -> tuple[Kernel, ...]:
    """Sharpen and a 3×3 box blur: one crisps edges, the other softens them."""
    return tuple(
        _for_channels(_preset_kernel(pid, name), channels) for pid, name in (("sharpen", "sharpen"), ("box-blur-3x3", "blur"))
    )


def load_image_scene(
    path: str | Path,
    channels: str = "gray",
    scale: str = "0-1",
    max_side: int | None = None,
    kernels: Sequence[Kernel] | None = None,
) -> Scene:
    """A scene whose input is the image at ``path``.

    ``kernels`` default to :func:`default_kernels`; one-channel kernels are
    spread over the image's channels. Raises :class:`SceneFileError` for
    files that can't be read and :class:`ImageTooLargeError` for images
    that would be too slow or too big at this size.
    """
    path = Path(path)
    check_image_options(channels, scale, max_side)
    C = 3 if channels == "rgb" else 1
    try:
        chosen = tuple(_for_channels(k, C) for k in kernels) if kernels else default_kernels(C)
    except ConvError as exc:
        raise SceneFileError(exc.message, source=str(path)) from None
    H0, W0 = image_size(path)
    H, W = downsized_shape(H0, W0, max_side)
    kh, kw, _ = chosen[0].shape
    cost = estimate_cost(H, W, C, len(chosen), kh, kw)
    if cost.too_large:
        raise ImageTooLargeError(
            "{cost_describe}; downsize it first",
            cost_describe=cost.describe(), source=str(path),
            suggested_side=suggested_side(H0, W0, C, len(chosen), kh, kw),
        )
    values = decode_image(path, channels, scale, max_side)
    H, W = values.shape[:2]
    size = f"{values.shape[1]}×{values.shape[0]} pixels"
    if (H, W) != (H0, W0):
        size = f"{W0}×{H0} pixels, downsized to {values.shape[1]}×{values.shape[0]} by area averaging"
    kind = "RGB" if channels == "rgb" else "grayscale (BT.601 luma)"
    return Scene(
        values,
        chosen,
        name=path.stem,
        description=f"Imported from the image {path.name}: {size}, {kind}, values {scale.replace('-', ' to ')}.",
    )


def downsized_scene(scene: Scene, max_side: int) -> Scene:
    """``scene`` with its input area-averaged to at most ``max_side`` per side."""
    H, W, _ = scene.input_shape
    h, w = downsized_shape(H, W, max_side)
    if (h, w) == (H, W):
        return scene
    return scene.with_input(area_average(scene.input, h, w))
