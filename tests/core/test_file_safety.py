"""Scene files against hostile or unlucky input: links, devices, FIFOs, huge
numbers, broken text, limits, overflow and leftovers of killed saves."""

from __future__ import annotations

import json
import os
import stat
import threading
import time

import numpy as np
import pytest

from convviz.core import scenefile
from convviz.core.catalogue import resolve_scene
from convviz.core.errors import ConvError, SceneFileError
from convviz.core.files import read_regular_file, remove_stale_temp_files
from convviz.core.scene import Kernel, Scene
from convviz.core.user_presets import save_preset

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def seed_doc(**changes) -> dict:
    doc = json.loads(scenefile.dumps(resolve_scene("seed-3.1")))
    doc.update(changes)
    return doc


def write_json(path, doc) -> None:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


# -- 6: a lone surrogate ---------------------------------------------------------------


@pytest.mark.parametrize("where", ["name", "description", "kernel name"])
def test_a_lone_surrogate_in_a_name_is_refused_at_load_naming_where(tmp_path, where):
    doc = seed_doc()
    if where == "kernel name":
        doc["kernels"][0]["name"] = "W\ud800"
        path_in_doc = "kernels[0].name"
    else:
        doc[where] = "bad \ud800 text"
        path_in_doc = where
    path = tmp_path / "s.json"
    # json.dumps writes the lone surrogate as the escape "\ud800", as a hand-edited file would.
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(SceneFileError) as info:
        scenefile.load(path)
    assert f"{path_in_doc}:" in str(info.value) and "\\ud800" in str(info.value)


def test_a_scene_named_with_a_lone_surrogate_is_refused_when_saved_not_crashed(tmp_path):
    scene = resolve_scene("seed-3.1").renamed("oops \udc80")
    with pytest.raises(SceneFileError, match="surrogate"):
        scenefile.save(tmp_path / "s.json", scene)
    with pytest.raises(SceneFileError, match="surrogate"):
        save_preset(tmp_path / "presets", scene)
    assert not (tmp_path / "s.json").exists()


def test_a_file_whose_name_is_not_utf8_gets_a_name_that_can_be_saved(tmp_path):
    path = os.path.join(os.fsencode(tmp_path), b"caf\xe9.json")
    doc = seed_doc()
    del doc["name"]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f)
    scene = scenefile.load(os.fsdecode(path))
    scenefile.save(tmp_path / "again.json", scene)
    assert scenefile.load(tmp_path / "again.json").name == scene.name


# -- 7: links and devices ------------------------------------------------------------


def test_saving_through_a_symlink_updates_its_target_and_keeps_the_link(tmp_path):
    real = tmp_path / "real" / "scene.json"
    real.parent.mkdir()
    scenefile.save(real, resolve_scene("seed-3.1"))
    link = tmp_path / "link.json"
    link.symlink_to(real)
    scenefile.save(link, resolve_scene("seed-3.2"))
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert scenefile.load(real) == resolve_scene("seed-3.2")
    assert sorted(p.name for p in real.parent.iterdir()) == ["scene.json"]  # no temp file left


def test_saving_through_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "new.json")
    scenefile.save(link, resolve_scene("seed-3.1"))
    assert link.is_symlink() and scenefile.load(tmp_path / "new.json") == resolve_scene("seed-3.1")


@needs_fifo
def test_a_fifo_or_device_is_never_replaced_by_a_save(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(SceneFileError, match="not a regular file"):
        scenefile.save(fifo, resolve_scene("seed-3.1"))
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    with pytest.raises(SceneFileError, match="not a regular file"):
        scenefile.write_atomic(os.devnull, b"x")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


# -- 9: non-regular files and bounded reads -------------------------------------------


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_device_is_refused_without_reading_it(tmp_path, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    link = tmp_path / "zero.json"
    link.symlink_to(device)
    for path in (device, link):
        with pytest.raises(SceneFileError, match="not a regular file"):
            scenefile.load(path)


@needs_fifo
def test_a_fifo_without_a_writer_is_refused_at_once_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    outcome: list[BaseException | object] = []
    worker = threading.Thread(target=lambda: _capture(outcome, scenefile.load, fifo), daemon=True)
    worker.start()
    worker.join(timeout=30)
    if worker.is_alive():  # unblock the reader so the test process can end
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        worker.join(timeout=5)
        pytest.fail("loading a FIFO blocked")
    assert isinstance(outcome[0], SceneFileError) and "not a regular file" in str(outcome[0])


def _capture(outcome: list, fn, *args) -> None:
    try:
        outcome.append(fn(*args))
    except BaseException as exc:  # noqa: BLE001 - handed to the test thread
        outcome.append(exc)


def test_reads_stop_at_the_limit(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 5000)
    with pytest.raises(SceneFileError, match="limited to"):
        read_regular_file(path, 4096)
    assert read_regular_file(path, 5000) == b" " * 5000


# -- 10: the window's limits apply to files -----------------------------------------


@pytest.mark.parametrize(
    "change, message",
    [
        ({"padding": [8000, 8000]}, "padding: padding must be between 0 and 64, got 8000"),
        ({"stride": [17, 1]}, "stride: stride must be between 1 and 16, got 17"),
        ({"dilation": 20}, "dilation: dilation must be between 1 and 16, got 20"),
        ({"groups": 65}, "groups: groups must be between 1 and 64, got 65"),
    ],
)
def test_parameters_beyond_the_windows_limits_are_refused_with_its_message(tmp_path, change, message):
    path = tmp_path / "s.json"
    write_json(path, seed_doc(**change))
    with pytest.raises(SceneFileError) as info:
        scenefile.load(path)
    assert message in str(info.value)


def test_twenty_thousand_kernels_are_refused_before_they_are_read(tmp_path):
    doc = seed_doc()
    doc["kernels"] = [{"weights": [[[1]]]}] * 20_000
    path = tmp_path / "many.json"
    write_json(path, doc)
    with pytest.raises(SceneFileError) as info:
        scenefile.load(path)
    assert "kernels: K must be between 1 and 64, got 20000" in str(info.value)


@pytest.mark.parametrize(
    "shape, message",
    [((1, 4097, 1), "W must be between 1 and 4096, got 4097"), ((1, 1, 65), "C must be between 1 and 64, got 65")],
)
def test_an_input_beyond_the_windows_limits_is_refused(tmp_path, shape, message):
    H, W, C = shape
    doc = seed_doc(input=[[[0] * W] * H] * C, kernels=[{"weights": [[[1]]] * C}])
    path = tmp_path / "wide.json"
    write_json(path, doc)
    with pytest.raises(SceneFileError) as info:
        scenefile.load(path)
    assert f"input: {message}" in str(info.value)


def test_a_kernel_beyond_the_windows_limits_is_refused(tmp_path):
    doc = seed_doc(input=[[[0] * 40] * 40], kernels=[{"weights": [[[1] * 32] * 3]}])
    path = tmp_path / "k.json"
    write_json(path, doc)
    with pytest.raises(SceneFileError, match="kw must be between 1 and 31, got 32"):
        scenefile.load(path)


# -- 12: overflow ---------------------------------------------------------------------


def overflowing_scene() -> Scene:
    x = np.ones((3, 3, 1))
    x[1, 2, 0] = 1e308
    kernels = (Kernel("W0", np.ones((2, 2, 1))), Kernel("edge", np.full((2, 2, 1), 4.0)))
    return Scene(x, kernels, name="big")


def test_an_overflowing_result_is_refused_naming_the_kernel_and_the_cell():
    with pytest.raises(ConvError) as info:
        overflowing_scene().feature_maps()
    # Cell (0, 1) is the first reading x[1, 2]: 1e308·1 + 3 is finite for W0,
    # but 1e308·4 overflows for "edge".
    assert "kernel edge, output cell (0, 1)" in str(info.value) and "too large" in str(info.value)
    with pytest.raises(ConvError, match="kernel edge, output cell"):
        overflowing_scene().channel_partials()


# -- 13: numbers Python won't read --------------------------------------------------


def test_an_integer_of_more_than_4300_digits_is_a_scene_file_error(tmp_path):
    path = tmp_path / "digits.json"
    path.write_text('{"convviz": 1, "kernels": [{"bias": ' + "9" * 5000 + ', "weights": [[[1]]]}]}', encoding="utf-8")
    with pytest.raises(SceneFileError, match="digits"):
        scenefile.load(path)


# -- 14: leftovers of killed saves --------------------------------------------------


def test_saving_removes_our_own_stale_temp_files_and_nothing_else(tmp_path):
    old = time.time() - 2 * 24 * 3600
    stale = [".scene.json.abc12_xy.tmp", ".movie.mp4.k2j4h5g6.partial.mp4", ".clip.gif.aaaaaaaa.partial.gif"]
    kept = [".other.json.abcdefgh.tmp.bak", "notes.tmp", ".scene.json.abc.tmp"]
    for name in stale + kept:
        (tmp_path / name).write_bytes(b"x")
        os.utime(tmp_path / name, (old, old))
    frames = tmp_path / ".frames.q1w2e3r4.partial"
    frames.mkdir()
    (frames / "frame_0000.png").write_bytes(b"x")
    os.utime(frames, (old, old))
    fresh = tmp_path / ".scene.json.zzzzzzzz.tmp"  # a save running right now
    fresh.write_bytes(b"x")
    scenefile.save(tmp_path / "scene.json", resolve_scene("seed-3.1"))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*kept, fresh.name, "scene.json"])


def test_a_folder_that_is_not_an_exports_frames_is_never_removed(tmp_path):
    old = time.time() - 2 * 24 * 3600
    folder = tmp_path / ".mine.abcdefgh.partial"
    folder.mkdir()
    (folder / "thesis.tex").write_bytes(b"x")
    os.utime(folder, (old, old))
    assert remove_stale_temp_files(tmp_path) == []
    assert (folder / "thesis.tex").exists()


def test_the_overflow_check_of_a_typed_value_uses_a_bound_carried_through_edits():
    from convviz.core import edits

    scene = overflowing_scene().with_kernels([Kernel("W0", np.ones((2, 2, 1)))])
    assert scene.input_abs_bound == 1e308
    lowered = edits.with_block(scene, "input", 0, 0, 1, 2, np.array([[1.0]]))
    assert lowered.input_abs_bound >= np.abs(lowered.input).max()  # never below the truth
    raised = edits.with_block(lowered.renamed("x"), "input", 0, 0, 0, 0, np.array([[-7e307]]))
    assert raised.input_abs_bound >= 7e307
    edits.check_block_finite(raised, "input", 0, 0, 2, 2, np.array([[2.0]]))  # finite: passes
    with pytest.raises(ConvError, match="kernel W0, output cell"):
        edits.check_block_finite(scene, "input", 0, 0, 2, 2, np.array([[1e308]]))
