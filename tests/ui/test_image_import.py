"""Images as input: reading pixels into channels, downsizing by area, the
import command, dropped files, and refusing requests too large to compute."""

from __future__ import annotations

import threading
from fractions import Fraction

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage, QKeySequence

from convviz.core import cost, scenefile
from convviz.core.catalogue import resolve_scene
from convviz.core.cost import estimate_cost, suggested_side
from convviz.core.errors import SceneFileError
from convviz.core.resources import resources_dir
from convviz.ui.document import file_actions
from convviz.ui.imaging import image_actions as image_actions_module
from convviz.ui.imaging import image_import
from convviz.ui.imaging.image_actions import ImageOptions, OpenImageDialog, install_image_actions
from convviz.ui.imaging.image_import import (
    ImageTooLargeError,
    area_average,
    downsized_shape,
    image_to_array,
    load_image_scene,
    read_image,
)

# Pixels with known values: primaries, a grey, black and white.
PIXELS = np.array(
    [[[255, 0, 0], [0, 255, 0], [0, 0, 255]],
     [[128, 128, 128], [0, 0, 0], [255, 255, 255]]],
    dtype=np.uint8,
)
# ITU-R BT.601 luma, (299 R + 587 G + 114 B) / 1000, written out.
LUMA = np.array([[76.245, 149.685, 29.07], [128.0, 0.0, 255.0]])


def write_image(path, pixels: np.ndarray, fmt: str = "PNG") -> None:
    """Save ``(h, w, 3)`` RGB or ``(h, w, 4)`` RGBA bytes through Qt."""
    pixels = np.ascontiguousarray(pixels, dtype=np.uint8)
    h, w, c = pixels.shape
    kind = QImage.Format.Format_RGB888 if c == 3 else QImage.Format.Format_RGBA8888
    image = QImage(pixels.data, w, h, c * w, kind).copy()
    assert image.save(str(path), fmt)


@pytest.fixture
def png(tmp_path, qapp):
    path = tmp_path / "known.png"
    write_image(path, PIXELS)
    return path


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(file_actions, "show_error", lambda parent, title, message: shown.append(message))
    return shown


def image_actions(window):
    """The window's image actions (installing them if the window doesn't yet)."""
    return getattr(window, "image_actions", None) or install_image_actions(window)


# -- pixels to channels ----------------------------------------------------------------


def test_a_png_opened_as_grayscale_holds_bt601_luma_on_0_to_255(png):
    values = image_to_array(read_image(png), channels="gray", scale="0-255")
    assert values.shape == (2, 3, 1) and values.dtype == np.float64
    assert np.array_equal(values[:, :, 0], LUMA)


def test_grayscale_on_0_to_1_is_the_luma_divided_by_255(png):
    values = image_to_array(read_image(png), channels="gray", scale="0-1")
    assert np.array_equal(values[:, :, 0], LUMA / 255)
    assert values[1, 0, 0] == 128 / 255 and values[1, 2, 0] == 1.0


def test_a_png_opened_as_rgb_keeps_each_channel(png):
    values = image_to_array(read_image(png), channels="rgb", scale="0-255")
    assert values.shape == (2, 3, 3)
    assert np.array_equal(values, PIXELS.astype(np.float64))
    unit = image_to_array(read_image(png), channels="rgb", scale="0-1")
    assert np.array_equal(unit, PIXELS / 255.0)


def test_grey_pixels_read_the_same_in_both_modes(tmp_path):
    path = tmp_path / "grey.png"
    grey = np.array([[[7, 7, 7], [200, 200, 200]]], dtype=np.uint8)
    write_image(path, grey)
    gray = image_to_array(read_image(path), "gray")
    rgb = image_to_array(read_image(path), "rgb")
    assert np.array_equal(gray[:, :, 0], [[7.0, 200.0]])
    assert np.array_equal(rgb, np.repeat(gray, 3, axis=2))


def test_transparent_pixels_are_flattened_onto_white(tmp_path):
    path = tmp_path / "alpha.png"
    write_image(path, np.array([[[0, 0, 0, 0], [0, 0, 0, 255], [0, 0, 0, 51]]], dtype=np.uint8))
    values = image_to_array(read_image(path), "gray")[0, :, 0]
    assert values[0] == 255.0 and values[1] == 0.0
    assert values[2] == pytest.approx(255 * (1 - 51 / 255))


def test_bmp_reads_exactly_and_jpeg_approximately(tmp_path):
    block = np.tile(np.array([[[40, 90, 200]]], dtype=np.uint8), (16, 16, 1))
    write_image(tmp_path / "a.bmp", block, "BMP")
    write_image(tmp_path / "a.jpg", block, "JPEG")
    assert np.array_equal(load_image_scene(tmp_path / "a.bmp", "rgb", "0-255").input, block.astype(float))
    jpeg = load_image_scene(tmp_path / "a.jpg", "rgb", "0-255").input
    assert np.abs(jpeg - block).max() <= 8  # lossy, but close


# -- downsizing ------------------------------------------------------------------------


def _area_reference(values: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Area averaging written the slow, obvious way with exact fractions."""

    def along(a: np.ndarray, m: int, axis: int) -> np.ndarray:
        n = a.shape[axis]
        weights = np.zeros((m, n))
        for i in range(m):
            lo, hi = Fraction(i * n, m), Fraction((i + 1) * n, m)
            for j in range(n):
                overlap = max(Fraction(0), min(hi, j + 1) - max(lo, j))
                weights[i, j] = float(overlap * m / n)
        return np.moveaxis(np.tensordot(weights, np.moveaxis(a, axis, 0), axes=1), 0, axis)

    return along(along(values, rows, 0), cols, 1)


def test_downsizing_keeps_the_aspect_ratio_within_the_limit():
    assert downsized_shape(300, 120, 100) == (100, 40)
    assert downsized_shape(120, 300, 100) == (40, 100)
    assert downsized_shape(50, 60, 100) == (50, 60)  # already small: unchanged
    assert downsized_shape(6000, 4000, 256) == (256, 171)
    assert downsized_shape(1000, 3, 100) == (100, 1)


def test_integer_factors_average_whole_blocks_exactly(tmp_path):
    rng = np.random.default_rng(3)
    pixels = rng.integers(0, 256, (8, 12, 3), dtype=np.uint8)
    path = tmp_path / "blocks.png"
    write_image(path, pixels)
    values = image_to_array(read_image(path), "rgb", "0-255", max_side=6)
    assert values.shape == (4, 6, 3)
    assert np.array_equal(values, pixels.reshape(4, 2, 6, 2, 3).mean(axis=(1, 3)))


def test_non_integer_factors_weight_straddling_pixels_by_their_overlap(tmp_path):
    rng = np.random.default_rng(4)
    pixels = rng.integers(0, 256, (7, 5, 3), dtype=np.uint8)
    path = tmp_path / "odd.png"
    write_image(path, pixels)
    values = image_to_array(read_image(path), "rgb", "0-255", max_side=3)  # 7×5 → 3×2
    assert values.shape == (3, 2, 3)
    np.testing.assert_allclose(values, _area_reference(pixels.astype(float), 3, 2), rtol=0, atol=1e-12)
    # Grayscale is linear, so downsizing commutes with it.
    gray = image_to_array(read_image(path), "gray", "0-255", max_side=3)
    np.testing.assert_allclose(gray[:, :, 0], _area_reference(luma_of(pixels), 3, 2)[:, :, 0], atol=1e-12)


def luma_of(pixels: np.ndarray) -> np.ndarray:
    p = pixels.astype(float)
    return ((299 * p[..., 0] + 587 * p[..., 1] + 114 * p[..., 2]) / 1000)[..., None]


def test_area_average_preserves_the_mean_and_constant_images():
    rng = np.random.default_rng(5)
    values = rng.random((31, 17, 2))
    small = area_average(values, 9, 5)
    assert small.mean() == pytest.approx(values.mean(), rel=1e-12)
    assert np.allclose(area_average(np.full((10, 7, 1), 3.5), 3, 2), 3.5, rtol=0, atol=1e-12)


# -- scenes ------------------------------------------------------------------------------


def test_an_image_scene_is_named_after_the_file_with_sharpen_and_blur(png):
    scene = load_image_scene(png)
    assert scene.name == "known"
    assert "known.png" in scene.description and "0 to 1" in scene.description
    assert [k.name for k in scene.kernels] == ["sharpen", "blur"]
    assert scene.input_shape == (2, 3, 1)
    assert scene.kernels[0].weights[1, 1, 0] == 5


def test_rgb_images_get_kernels_spread_over_their_three_channels(png):
    scene = load_image_scene(png, channels="rgb")
    assert scene.kernel_shape == (3, 3, 3, 2)
    # Each channel's share: the kernel filters the channels' mean.
    assert np.allclose(scene.kernels[0].weights[1, 1, :], 5 / 3)
    assert np.allclose(scene.kernels[1].weights.sum(), 1.0)


def test_the_sample_images_ship_and_load(qapp):
    for name, size in (("shapes.png", (128, 128)), ("texture.png", (96, 96))):
        path = resources_dir() / "images" / name
        assert path.stat().st_size < 40_000, "sample images stay small"
        scene = load_image_scene(path, channels="rgb")
        assert scene.input_shape == (*size, 3)
        assert 0 <= scene.input.min() and scene.input.max() <= 1
        assert np.std(scene.input) > 0.05, "a picture, not a flat colour"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "damaged"),
        ("text.png", b"this is not a picture at all" * 4, "not a readable image"),
        ("empty.bmp", b"", "not a readable image"),
        ("picture.gif", b"GIF89a", "PNG, JPEG or BMP"),
    ],
)
def test_unreadable_files_raise_a_scene_file_error_naming_the_file(tmp_path, qapp, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SceneFileError, match=message) as caught:
        load_image_scene(path)
    assert name in str(caught.value)


def test_a_missing_file_is_reported(tmp_path, qapp):
    with pytest.raises(SceneFileError, match="no such file"):
        load_image_scene(tmp_path / "nowhere.png")


def test_a_truncated_png_is_reported_as_damaged(png, tmp_path):
    cut = tmp_path / "cut.png"
    cut.write_bytes(png.read_bytes()[:-30])
    with pytest.raises(SceneFileError, match="damaged|can't read"):
        load_image_scene(cut)


# -- cost -------------------------------------------------------------------------------------


def test_a_6000_square_image_with_64_kernels_is_too_large_and_512_with_8_is_not():
    huge = estimate_cost(6000, 6000, 3, 64, 3, 3)
    assert huge.too_large
    assert "6000×6000×3" in huge.describe() and "64 3×3 kernels" in huge.describe()
    assert not estimate_cost(512, 512, 3, 8, 3, 3).too_large
    side = suggested_side(6000, 6000, 3, 64)
    assert not estimate_cost(*downsized_shape(6000, 6000, side), 3, 64).too_large
    assert side >= 256


def test_sides_past_the_editors_limit_must_be_downsized():
    assert estimate_cost(5000, 10, 1, 1).too_large  # the H spin box stops at 4096


def test_importing_an_image_too_large_for_its_kernels_is_refused_before_decoding(tmp_path, qapp):
    path = tmp_path / "wide.png"
    image = QImage(6000, 6000, QImage.Format.Format_Grayscale8)
    image.fill(90)
    assert image.save(str(path), "PNG")
    kernels = resolve_scene("seed-3.4").kernels[:1] * 64
    one_channel = [k.with_weights(k.weights[:, :, :1]) for k in kernels]
    with pytest.raises(ImageTooLargeError) as caught:
        load_image_scene(path, kernels=one_channel)
    assert caught.value.suggested_side < 6000
    assert "downsize" in str(caught.value)


# -- the window: File → Open Image…, dropping files ------------------------------------------


def test_open_image_is_in_the_file_menu_after_open_with_its_own_shortcut(make_window):
    window = make_window("seed-3.3")
    actions = image_actions(window)
    menu = window.file_menu.actions()
    assert menu.index(actions.open_action) == menu.index(window.files.open_action) + 1
    taken = {a.shortcut() for a in window.findChildren(type(actions.open_action)) if a is not actions.open_action}
    assert actions.open_action.shortcut() == QKeySequence("Ctrl+Shift+O")
    assert actions.open_action.shortcut() not in taken


def test_open_image_loads_a_new_document_with_the_chosen_options(make_window, png, monkeypatch):
    window = make_window("seed-3.3")
    actions = image_actions(window)
    asked = []
    monkeypatch.setattr(image_actions_module, "ask_image_options",
                        lambda parent, path=None: asked.append(path) or ImageOptions(png, "rgb", "0-255"))
    actions.open_action.trigger()
    scene = window.document.scene
    assert asked == [None]
    assert scene.name == "known" and scene.input_shape == (2, 3, 3)
    assert np.array_equal(scene.input, PIXELS.astype(float))
    assert window.files.path is None and not window.document.undo_stack.canUndo()
    assert window.windowTitle().startswith("known")


def test_open_image_asks_about_unsaved_changes_first(make_window, png, monkeypatch):
    window = make_window("seed-3.3")
    actions = image_actions(window)
    window.document.set_block("input", 0, 0, 0, 0, np.array([[9.0]]))
    monkeypatch.setattr(file_actions, "ask_save_changes", lambda parent, name: "cancel")
    monkeypatch.setattr(image_actions_module, "ask_image_options", lambda parent, path=None: pytest.fail("not asked"))
    before = window.document.scene
    assert not actions.open_image_dialog()
    assert window.document.scene is before


def test_cancelling_the_dialog_changes_nothing(make_window, monkeypatch):
    window = make_window("seed-3.3")
    actions = image_actions(window)
    monkeypatch.setattr(image_actions_module, "ask_image_options", lambda parent, path=None: None)
    before = window.document.scene
    assert not actions.open_image_dialog()
    assert window.document.scene is before


def _drop(window, path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def test_dropping_a_png_opens_it_through_the_image_dialog(make_window, png, monkeypatch):
    window = make_window("seed-3.3")
    image_actions(window)
    asked = []
    monkeypatch.setattr(image_actions_module, "ask_image_options",
                        lambda parent, path=None: asked.append(path) or ImageOptions(path, "gray", "0-1"))
    _drop(window, png)
    assert asked == [png]
    assert window.document.scene.name == "known"
    assert np.array_equal(window.document.scene.input[:, :, 0], LUMA / 255)


def test_dropping_a_scene_file_still_opens_the_scene(make_window, tmp_path, monkeypatch):
    window = make_window("seed-3.3")
    image_actions(window)
    monkeypatch.setattr(image_actions_module, "ask_image_options", lambda parent, path=None: pytest.fail("not an image"))
    path = tmp_path / "lesson.json"
    scenefile.save(path, resolve_scene("cs231n-style"))
    _drop(window, path)
    assert window.document.scene == resolve_scene("cs231n-style")


def test_a_corrupt_image_shows_the_error_and_leaves_the_scene_untouched(make_window, tmp_path, errors, monkeypatch):
    window = make_window("seed-3.3")
    image_actions(window)
    path = tmp_path / "corrupt.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"garbage" * 20)
    monkeypatch.setattr(image_actions_module, "ask_image_options", lambda parent, path=None: ImageOptions(path))
    before = window.document.scene
    _drop(window, path)
    assert window.document.scene is before
    assert len(errors) == 1 and "corrupt.png" in errors[0] and "stays as it was" in errors[0]


def test_a_too_large_import_asks_to_downsize_first(make_window, png, monkeypatch):
    window = make_window("seed-3.3")
    actions = image_actions(window)
    monkeypatch.setattr(cost, "TIME_LIMIT_S", 1e-12)  # everything counts as too large
    asked = []
    monkeypatch.setattr(image_actions_module, "ask_downsize", lambda parent, message, suggested: asked.append(message) or None)
    before = window.document.scene
    assert not actions.load(ImageOptions(png, "rgb"))
    assert window.document.scene is before and "known.png" in asked[0]

    monkeypatch.setattr(cost, "TIME_LIMIT_S", 3.0)
    monkeypatch.setattr(cost, "MEMORY_LIMIT_BYTES", 300)  # 116 bytes a pixel: fits 2 pixels, not 6
    monkeypatch.setattr(image_actions_module, "ask_downsize", lambda parent, message, suggested: 2)
    assert actions.load(ImageOptions(png, "rgb", "0-255"))
    assert window.document.scene.input_shape == (1, 2, 3)


def test_a_big_image_is_read_on_a_worker_while_the_window_keeps_painting(make_window, tmp_path, monkeypatch):
    window = make_window("seed-3.3")
    actions = image_actions(window)
    path = tmp_path / "big.png"
    y, x = np.mgrid[0:1100, 0:1000]
    write_image(path, np.stack([x % 256, y % 256, (x + y) % 256], axis=-1))
    monkeypatch.setattr(image_actions_module, "BACKGROUND_PIXELS", 1000)
    threads = []
    real = image_import.load_image_scene

    def spy(*args):
        threads.append(threading.current_thread())
        return real(*args)

    monkeypatch.setattr(image_actions_module, "load_image_scene", spy)
    assert actions.load(ImageOptions(path, "rgb", "0-255", 100))
    assert threads and threads[0] is not threading.main_thread()
    assert window.document.scene.input_shape == (100, 91, 3)



def test_a_big_image_that_fails_on_the_worker_is_reported_and_the_scene_stays(make_window, tmp_path, monkeypatch, errors):
    window = make_window("seed-3.3")
    before = window.document.scene
    path = tmp_path / "big.png"
    write_image(path, np.zeros((40, 50, 3), dtype=np.uint8))
    monkeypatch.setattr(image_actions_module, "BACKGROUND_PIXELS", 1000)

    def failing(*args):
        assert threading.current_thread() is not threading.main_thread()
        raise SceneFileError("big.png: the pixel data ends early")

    monkeypatch.setattr(image_actions_module, "load_image_scene", failing)
    assert not image_actions(window).load(ImageOptions(path, "rgb", "0-255", None))
    assert errors == ["big.png: the pixel data ends early\n\nThe current scene stays as it was."]
    assert window.document.scene is before

def test_the_dialog_offers_downsizing_for_large_images_only(qtbot, tmp_path, png):
    big = tmp_path / "big.png"
    write_image(big, np.zeros((300, 400, 3), dtype=np.uint8))
    dialog = OpenImageDialog(None, big)
    qtbot.addWidget(dialog)
    assert dialog.downsize_check.isChecked() and dialog.side_spin.value() == 256
    assert dialog.options() == ImageOptions(big, "gray", "0-1", 256)
    assert "[192,256,1]" in dialog.summary_label.text()
    dialog.rgb_button.setChecked(True)
    dialog.byte_button.setChecked(True)
    assert dialog.options() == ImageOptions(big, "rgb", "0-255", 256)
    dialog.path_edit.setText(str(png))
    assert not dialog.downsize_check.isChecked() and dialog.options().max_side is None
    dialog.path_edit.setText(str(tmp_path / "missing.png"))
    assert "no such file" in dialog.info_label.text()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Open).isEnabled()
