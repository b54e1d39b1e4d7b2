"""Image files to input arrays, with Pillow: no Qt, so the CLI can use it too.

- **What the path is** is checked before anything opens it: a folder, a named
  pipe (which would block a read forever) or a device is named as such.
- **Decoding** is Pillow's, which reads top-down BMPs (negative height) and
  has no fixed allocation cap (Qt refuses images over 256 MB, a 10000×10000
  PNG). Pillow's own decompression-bomb guard is replaced, deliberately, by
  :data:`MAX_IMAGE_PIXELS` (a 20000×20000 image is accepted, and has to be
  downsized).
- **Downsizing while decoding**: a JPEG is decoded at 1/2, 1/4 or 1/8 scale
  (Pillow's ``draft``) when the target is that small; every image is then
  turned into numbers one band of rows at a time, so a large image never
  exists as one float array, nor as a second 8-bit copy.
- **Transparency** is flattened onto white, so a transparent background reads
  as paper, not as black.
- **Grayscale** is ITU-R BT.601 luma, ``Y = (299 R + 587 G + 114 B) / 1000``,
  computed in floating point; a grey pixel (R = G = B = v) gives exactly ``v``.
- **Area averaging** to at most N×N keeps the aspect ratio: each output pixel
  is the mean of the input area it covers, pixels that straddle a boundary
  weighted by the fraction inside, so non-integer factors (300 → 128) are exact.
"""

from __future__ import annotations

import os
import stat
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from convviz.core.errors import SceneFileError

__all__ = [
    "CHANNEL_MODES",
    "IMAGE_SUFFIXES",
    "MAX_IMAGE_PIXELS",
    "SCALES",
    "area_average",
    "area_rows",
    "channel_values",
    "check_image_options",
    "check_image_path",
    "decode_image",
    "downsized_shape",
    "image_size",
]

CHANNEL_MODES = ("gray", "rgb")
SCALES = ("0-255", "0-1")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp")
READABLE_FORMATS = {"PNG": "png", "JPEG": "jpeg", "BMP": "bmp"}
# The largest image decoded at all (about 23000×23000; 1.6 GB as 8-bit RGB).
MAX_IMAGE_PIXELS = 2**29
# Input rows converted to numbers at a time.
_BAND_INPUT_ROWS = 256

# Deliberately ours rather than Pillow's default of 89 million pixels: a
# 20000×20000 photo is a reasonable thing to downsize. Pillow refuses twice
# this many outright.
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS


# -- the path ---------------------------------------------------------------------


def check_image_path(path: str | os.PathLike[str]) -> Path:
    """``path`` if it names a regular file with an image suffix; otherwise a
    :class:`SceneFileError` that says what it is instead."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise SceneFileError("no such file", source=str(path)) from None
    except OSError as exc:
        raise SceneFileError(
            "can't be read: {exc_strerror_or_exc}",
            exc_strerror_or_exc=exc.strerror or exc, source=str(path),
        ) from None
    if stat.S_ISDIR(mode):
        raise SceneFileError("is a folder, not an image file", source=str(path))
    if stat.S_ISFIFO(mode):
        raise SceneFileError("is a named pipe (FIFO), not an image file", source=str(path))
    if not stat.S_ISREG(mode):
        kind = "a socket" if stat.S_ISSOCK(mode) else "a device"
        raise SceneFileError("is {kind}, not an image file", kind=kind, source=str(path))
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise SceneFileError(
            "{value1} is not an image type convviz opens; use PNG, JPEG or BMP",
            value1=path.suffix or 'a file without a suffix', source=str(path),
        )
    return path


def _open(path: str | os.PathLike[str]) -> Image.Image:
    """The image, opened (its header read), format checked, not decoded."""
    path = check_image_path(path)
    try:
        with warnings.catch_warnings():
            # Pillow warns from MAX_IMAGE_PIXELS on; the size is checked below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
    except Image.DecompressionBombError:
        raise SceneFileError(
            "the image has more than {max_image_pixels:,} pixels, the most convviz decodes",
            max_image_pixels=MAX_IMAGE_PIXELS, source=str(path),
        ) from None
    except UnidentifiedImageError:
        raise SceneFileError(
            "this is not a readable image: the file is damaged, empty or not an image", source=str(path)
        ) from None
    except (OSError, ValueError, SyntaxError) as exc:  # Pillow's header parsers raise these
        raise SceneFileError("the image's header is damaged: {exc}", exc=exc, source=str(path)) from None
    if image.format not in READABLE_FORMATS:
        image.close()
        raise SceneFileError(
            "the file holds a {value1} image; convviz opens PNG, JPEG and BMP",
            value1=image.format or 'different', source=str(path),
        )
    w, h = image.size
    if w < 1 or h < 1:
        image.close()
        raise SceneFileError("the image is {w}×{h} pixels: there is nothing in it", w=w, h=h, source=str(path))
    if w * h > MAX_IMAGE_PIXELS:
        image.close()
        raise SceneFileError(
            "the image is {w}×{h} pixels; convviz decodes at most {max_image_pixels:,} pixels",
            w=w, h=h, max_image_pixels=MAX_IMAGE_PIXELS, source=str(path),
        )
    return image


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(0x0112, 1))  # EXIF Orientation
    except Exception:  # noqa: BLE001 - a damaged EXIF block only loses the rotation
        return 1


def image_size(path: str | os.PathLike[str]) -> tuple[int, int]:
    """``(height, width)`` as the image will be read (EXIF rotation applied),
    from its header only."""
    with _open(path) as image:
        w, h = image.size
        return (w, h) if _orientation(image) in (5, 6, 7, 8) else (h, w)


# -- numbers ----------------------------------------------------------------------


def check_image_options(channels: str, scale: str, max_side: int | None) -> None:
    if channels not in CHANNEL_MODES:
        raise ValueError(f"channels must be one of {', '.join(CHANNEL_MODES)}, got {channels!r}")
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {', '.join(SCALES)}, got {scale!r}")
    if max_side is not None and max_side < 1:
        raise ValueError(f"max_side must be at least 1, got {max_side}")


def downsized_shape(height: int, width: int, max_side: int | None) -> tuple[int, int]:
    """``(height, width)`` scaled down so the larger side is at most ``max_side``
    (aspect ratio kept, each side at least 1); unchanged if already small."""
    if max_side is None or max(height, width) <= max_side:
        return height, width
    scale = max_side / max(height, width)
    return max(1, min(max_side, round(height * scale))), max(1, min(max_side, round(width * scale)))


def area_weights(n: int, size: int) -> Iterator[tuple[int, np.ndarray]]:
    """For each of ``size`` output samples over ``n`` inputs: the first input
    it covers and how much of each covered input falls inside it (0 to 1).

    Output ``i`` covers ``[i·n/size, (i+1)·n/size)``. Bounds are kept as
    integers in units of ``1/size``, so whole overlaps are exactly 1.
    """
    for i in range(size):
        lo, hi = i * n, (i + 1) * n
        first, stop = lo // size, -(-hi // size)
        starts = np.arange(first, stop) * size
        yield first, (np.minimum(hi, starts + size) - np.maximum(lo, starts)) / size


def area_axis(values: np.ndarray, size: int, axis: int) -> np.ndarray:
    """Exact area average of ``values`` along ``axis`` down to ``size`` samples."""
    n = values.shape[axis]
    if size == n:
        return values
    x = np.moveaxis(values, axis, 0)
    out = np.empty((size, *x.shape[1:]))
    for i, (first, overlap) in enumerate(area_weights(n, size)):
        out[i] = np.tensordot(overlap, x[first : first + overlap.size], axes=1)
    out /= n / size  # sums of whole pixels stay exact until this one division
    return np.moveaxis(out, 0, axis)


def area_average(values: np.ndarray, height: int, width: int) -> np.ndarray:
    """``values`` ``(H, W, ...)`` averaged down to ``(height, width, ...)`` by area."""
    values = np.asarray(values, dtype=np.float64)
    if height > values.shape[0] or width > values.shape[1]:
        raise ValueError(f"area averaging only shrinks: {values.shape[0]}×{values.shape[1]} to {height}×{width}")
    return area_axis(area_axis(values, height, 0), width, 1)


def channel_values(pixels: np.ndarray, channels: str) -> np.ndarray:
    """RGBA bytes ``(h, w, 4)`` as float channels ``(h, w, C)`` on 0–255."""
    alpha = pixels[..., 3]
    opaque = not (alpha != 255).any()
    if opaque and channels != "rgb":
        # The sum below in integers (at most 255 000): as exact as in floats,
        # without three float copies of a big image.
        r, g, b = (pixels[..., n].astype(np.int32) for n in range(3))
        return ((299 * r + 587 * g + 114 * b) / 1000.0)[..., None]
    rgb = pixels[..., :3].astype(np.float64)
    if not opaque:
        a = alpha[..., None] / 255.0
        rgb = rgb * a + 255.0 * (1.0 - a)  # over white paper
    if channels == "rgb":
        return rgb
    # Integer weights then one division: grey pixels come out exact.
    luma = 299.0 * rgb[..., 0] + 587.0 * rgb[..., 1] + 114.0 * rgb[..., 2]
    return (luma / 1000.0)[..., None]


def area_rows(rgba_band: Callable[[int, int], np.ndarray], height: int, out_h: int, channels: str) -> np.ndarray:
    """``(out_h, w, C)``: rows area-averaged from ``height`` input rows, with
    ``rgba_band(first, stop)`` giving input rows ``[first, stop)`` as RGBA
    bytes ``(rows, w, 4)``. Reads each input row once, a band at a time."""
    weights = list(area_weights(height, out_h))
    out: np.ndarray | None = None
    i = 0
    while i < out_h:
        # As many output rows as fit a band of about _BAND_INPUT_ROWS input rows.
        first = weights[i][0]
        j = i + 1
        while j < out_h and weights[j][0] + weights[j][1].size - first <= _BAND_INPUT_ROWS:
            j += 1
        stop = weights[j - 1][0] + weights[j - 1][1].size
        band = channel_values(rgba_band(first, stop), channels)
        if out is None:
            out = np.empty((out_h, band.shape[1], band.shape[2]))
        # The band's output rows as one matrix product (BLAS), not row by row.
        mix = np.zeros((j - i, stop - first))
        for k in range(i, j):
            start, overlap = weights[k]
            mix[k - i, start - first : start - first + overlap.size] = overlap
        out[i:j] = (mix @ band.reshape(stop - first, -1)).reshape(j - i, *band.shape[1:])
        i = j
    assert out is not None
    out /= height / out_h
    return out


def decode_image(
    path: str | os.PathLike[str], channels: str = "gray", scale: str = "0-255", max_side: int | None = None
) -> np.ndarray:
    """The image file as ``(H, W, C)`` float64, downsized to at most
    ``max_side`` per side while it is decoded (see the module notes)."""
    check_image_options(channels, scale, max_side)
    image = _open(path)
    try:
        h0, w0 = image_size(path)
        out_h, out_w = downsized_shape(h0, w0, max_side)
        if image.format == "JPEG" and (out_h, out_w) != (h0, w0):
            # Decode at 1/2, 1/4 or 1/8 scale when that is still at least the
            # target (the size before any EXIF rotation).
            image.draft(image.mode, (out_w, out_h) if image.size == (w0, h0) else (out_h, out_w))
        try:
            image.load()
        except (OSError, ValueError, SyntaxError, MemoryError) as exc:
            raise SceneFileError(
                "can't read the image: the image data is damaged or cut short ({exc})",
                exc=exc, source=str(path),
            ) from None
        if _orientation(image) != 1:
            image = ImageOps.exif_transpose(image)
        w, h = image.size
        out_h, out_w = downsized_shape(h, w, max_side)
        if (out_h, out_w) == (h, w):
            values = channel_values(np.asarray(image.convert("RGBA")), channels)
        else:

            def rgba_band(first: int, stop: int) -> np.ndarray:
                return np.asarray(image.crop((0, first, w, stop)).convert("RGBA"))

            values = area_axis(area_rows(rgba_band, h, out_h, channels), out_w, 1)
    finally:
        image.close()
    if scale == "0-1":
        values = values / 255.0
    return np.ascontiguousarray(values)
