"""Image files the importer used to refuse wrongly (issue 11, item 16): images
over Qt's 256 MB decoding cap, top-down BMPs, and paths that are not files."""

from __future__ import annotations

import os
import struct

import numpy as np
import pytest
from PIL import Image

from convviz.core.errors import SceneFileError
from convviz.ui.imaging.image_import import image_size, load_image_scene


def test_a_10000_square_png_is_downsized_while_it_is_decoded(tmp_path, qapp):
    path = tmp_path / "huge.png"
    pixels = np.zeros((10000, 10000), np.uint8)
    pixels[:, 5000:] = 200  # left half black, right half 200
    pixels[:2500] = 100  # top quarter 100
    Image.fromarray(pixels).save(path, compress_level=1)
    del pixels

    assert image_size(path) == (10000, 10000)
    scene = load_image_scene(path, "gray", "0-255", max_side=256)

    x = scene.input[:, :, 0]
    assert x.shape == (256, 256)
    assert np.all(x[:64] == 100)  # input rows 0–2499 are output rows 0–63 exactly
    assert np.all(x[64:, :128] == 0) and np.all(x[64:, 128:] == 200)
    assert "10000×10000 pixels, downsized to 256×256" in scene.description


def write_top_down_bmp(path, rgb: np.ndarray) -> None:
    """A 24-bit BMP with negative height: rows stored top row first."""
    h, w, _ = rgb.shape
    stride = (w * 3 + 3) // 4 * 4
    rows = b"".join(rgb[r, :, ::-1].tobytes().ljust(stride, b"\0") for r in range(h))  # BGR
    info = struct.pack("<IiiHHIIiiII", 40, w, -h, 1, 24, 0, len(rows), 2835, 2835, 0, 0)
    header = struct.pack("<2sIHHI", b"BM", 14 + 40 + len(rows), 0, 0, 14 + 40)
    path.write_bytes(header + info + rows)


def test_a_top_down_bmp_is_read_the_right_way_up(tmp_path, qapp):
    rgb = np.array([[[255, 0, 0], [0, 255, 0], [0, 0, 255]], [[10, 20, 30], [40, 50, 60], [70, 80, 90]]], np.uint8)
    path = tmp_path / "top-down.bmp"
    write_top_down_bmp(path, rgb)

    scene = load_image_scene(path, "rgb", "0-255")

    assert np.array_equal(scene.input, rgb.astype(float))


def test_a_folder_named_like_an_image_is_called_a_folder(tmp_path, qapp):
    folder = tmp_path / "photos.png"
    folder.mkdir()
    with pytest.raises(SceneFileError, match="is a folder, not an image file"):
        load_image_scene(folder)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_is_called_one_and_never_read(tmp_path, qapp):
    fifo = tmp_path / "stream.png"
    os.mkfifo(fifo)
    with pytest.raises(SceneFileError, match="is a named pipe"):
        image_size(fifo)
    with pytest.raises(SceneFileError, match="is a named pipe"):
        load_image_scene(fifo)
