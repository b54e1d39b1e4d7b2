"""Exporting the animation: MP4, GIF, APNG and PNG frames, rendered offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from convviz.core.catalogue import resolve_scene
from convviz.core.errors import ConvError, SceneFileError
from convviz.core.scene import Kernel, Scene
from convviz.ui.base.runtime import Settings
from convviz.ui.recording.export import ExportCancelled, ExportJob, ExportOptions, export_animation, video_rate
from convviz.ui.recording.frame_layout import compute_layout
from convviz.ui.recording.frame_renderer import frame_array, make_trace, render_frame_image

REPO = Path(__file__).resolve().parents[2]

# seed-3.3 at channel level: 3×3 output cells × (3 channels + bias + total).
SEED_33_STEPS = 45


@pytest.fixture
def out_dir(tmp_path):
    """An empty folder for exports (tmp_path also holds the test's app folder)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


@pytest.fixture(scope="module")
def seed33():
    return resolve_scene("seed-3.3")


def window_region(scene, size, step_a: int, step_b: int) -> tuple[slice, slice]:
    """Pixel rows and columns covering the window at two steps on input channel 1."""
    trace = make_trace(scene, "channel")
    layout = compute_layout(scene, trace, *size)
    place = layout.inputs[0]
    boxes = []
    for step in (step_a, step_b):
        cell = trace.cell_of(trace.step(step))
        rows = [t.row for t in cell.taps]
        cols = [t.col for t in cell.taps]
        boxes.append(place.box_rect(min(rows), min(cols), max(rows), max(cols)))
    box = boxes[0].united(boxes[1])
    return slice(int(box.top()), int(box.bottom())), slice(int(box.left()), int(box.right()))


def decode_mp4(path, shrink: int = 1) -> tuple[list[np.ndarray], dict]:
    """Every frame of an MP4, decoded by imageio's ffmpeg (``shrink`` times
    smaller, to keep a long video's frames small), and its metadata."""
    import imageio_ffmpeg

    reader = imageio_ffmpeg.read_frames(str(path))
    meta = next(reader)
    reader.close()  # while ffmpeg still runs, so its pipes get closed
    w, h = (v // shrink for v in meta["size"])
    raw = subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(path), "-vf", f"scale={w}:{h}:flags=area",
         "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
        capture_output=True, check=True, timeout=120,
    ).stdout  # fmt: skip
    frames = np.frombuffer(raw, dtype=np.uint8).reshape(-1, h, w, 3)
    assert imageio_ffmpeg.count_frames_and_secs(str(path))[0] == len(frames)
    return list(frames), meta


def halved(region: tuple[slice, slice]) -> tuple[slice, slice]:
    return tuple(slice(s.start // 2, s.stop // 2) for s in region)  # type: ignore[return-value]


def differs(a: np.ndarray, b: np.ndarray, region: tuple[slice, slice]) -> float:
    return float(np.abs(a[region].astype(int) - b[region].astype(int)).mean())


def test_mp4_holds_each_step_for_one_over_fps_and_ends_with_the_hold(seed33, out_dir):
    out = out_dir / "seed.mp4"
    # Six steps show it (the GIF's test checks that every step is exported).
    result = export_animation(seed33, out, ExportOptions(fps=2, hold_last=1.0, last=5))
    per_step, rate = video_rate(2)
    assert (per_step, float(rate)) == (5, 10.0)
    assert result.steps == 6
    assert result.frames == 6 * per_step + 10
    frames, meta = decode_mp4(out, shrink=2)
    assert len(frames) == 6 * per_step + 10
    assert meta["size"] == (1280, 720)
    assert meta["fps"] == 10.0
    assert meta["codec"] == "h264" and meta["pix_fmt"].startswith("yuv420p")
    # Within a step the picture stands still; at the next output cell the window moves.
    assert differs(frames[0], frames[per_step - 1], (slice(None), slice(None))) < 0.5
    region = halved(window_region(seed33, (1280, 720), 0, 5))
    assert differs(frames[2], frames[5 * per_step + 2], region) > 8
    # The hold repeats the last step.
    assert differs(frames[-1], frames[-11], (slice(None), slice(None))) < 0.5
    assert [p.name for p in out_dir.iterdir()] == ["seed.mp4"]


def test_gif_loops_forever_with_one_frame_per_step_and_the_hold_on_the_last(seed33, out_dir):
    out = out_dir / "seed.gif"
    result = export_animation(seed33, out, ExportOptions(fps=2, hold_last=1.5))
    with Image.open(out) as gif:
        assert gif.format == "GIF"
        assert gif.size == (1280, 720)
        assert gif.n_frames == result.frames == SEED_33_STEPS
        assert gif.info["loop"] == 0
        durations, pictures = [], []
        for n in range(gif.n_frames):
            gif.seek(n)
            durations.append(gif.info["duration"])
            if n in (0, 5):
                pictures.append(np.asarray(gif.convert("RGB")))
    assert durations[:-1] == [500] * (SEED_33_STEPS - 1)
    assert durations[-1] == 2000
    assert differs(pictures[0], pictures[1], window_region(seed33, (1280, 720), 0, 5)) > 8


def test_apng_has_one_frame_per_step_and_loops(seed33, out_dir):
    out = out_dir / "seed.apng"
    export_animation(seed33, out, ExportOptions(fps=4, hold_last=0.5, last=9))
    with Image.open(out) as png:
        assert png.format == "PNG"
        assert png.size == (1280, 720)
        assert png.n_frames == 10
        assert png.info["loop"] == 0
        png.seek(0)
        first = np.asarray(png.convert("RGB"))
        assert png.info["duration"] == 250
        png.seek(5)
        sixth = np.asarray(png.convert("RGB"))
        png.seek(9)
        assert png.info["duration"] == 750
    assert differs(first, sixth, window_region(seed33, (1280, 720), 0, 5)) > 8


def test_png_frames_are_numbered_and_hold_the_last_step(seed33, out_dir):
    out = out_dir / "frames"
    # Eleven steps show it (the GIF's test checks that every step is exported).
    result = export_animation(seed33, str(out) + "/", ExportOptions(fps=2, hold_last=1.0, last=10))
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == result.frames == 11 + 2
    assert names[0] == "frame_0000.png" and names[-1] == "frame_0012.png"
    with Image.open(out / "frame_0000.png") as first:
        assert first.size == (1280, 720)
        a = np.asarray(first.convert("RGB"))
    with Image.open(out / "frame_0005.png") as sixth:
        b = np.asarray(sixth.convert("RGB"))
    assert differs(a, b, window_region(seed33, (1280, 720), 0, 5)) > 8
    last = [np.asarray(Image.open(out / n).convert("RGB")) for n in names[-3:]]
    assert np.array_equal(last[0], last[1]) and np.array_equal(last[1], last[2])
    assert [p.name for p in out_dir.iterdir()] == ["frames"]


def test_export_at_1920x1080_has_exactly_that_size(seed33, out_dir):
    out = out_dir / "big.mp4"
    export_animation(seed33, out, ExportOptions(size=(1920, 1080), first=0, last=2, hold_last=0))
    frames, meta = decode_mp4(out)
    assert meta["size"] == (1920, 1080)
    assert len(frames) == 15 and frames[0].shape == (1080, 1920, 3)
    image = render_frame_image(seed33, size=(1920, 1080), step=4)
    assert (image.width(), image.height()) == (1920, 1080)


@pytest.mark.parametrize("name", ["cut.mp4", "cut.gif", "cut.apng", "cut/"])
def test_a_cancelled_export_leaves_no_file(seed33, out_dir, name):
    polled = []

    def cancelled() -> bool:
        polled.append(1)
        return len(polled) > 4  # after four steps

    with pytest.raises(ExportCancelled):
        export_animation(seed33, out_dir / name if not name.endswith("/") else str(out_dir / name), ExportOptions(),
                         cancelled=cancelled)  # fmt: skip
    assert list(out_dir.iterdir()) == []


def test_a_failing_export_leaves_no_file(seed33, out_dir, monkeypatch):
    job = ExportJob(seed33, out_dir / "broken.mp4", ExportOptions(last=5))
    job.start()
    job.advance()
    monkeypatch.setattr(job, "render", lambda position: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        job.advance()
    job.abort()
    assert list(out_dir.iterdir()) == []


def test_progress_reports_every_step(seed33, out_dir):
    seen = []
    export_animation(seed33, out_dir / "p.gif", ExportOptions(first=3, last=8), progress=lambda d, t: seen.append((d, t)))
    assert seen == [(n, 6) for n in range(1, 7)]


def test_kernel_limits_the_steps_to_that_kernel(out_dir):
    scene = resolve_scene("seed-3.4")
    result = export_animation(scene, out_dir / "w1.gif", ExportOptions(kernel="W1", level="cell", hold_last=0))
    assert result.steps == 9
    trace = make_trace(scene, "cell")
    assert {trace.step(i).kernel for i in result.step_indices} == {1}


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("x.avi", ExportOptions(), "unknown kind of output"),
        ("x.png", ExportOptions(), "ambiguous"),
        ("x.mp4", ExportOptions(fps=0), "more than 0"),
        ("x.mp4", ExportOptions(fps=-1), "more than 0"),
        ("x.mp4", ExportOptions(first=45), "--from 45 is outside the steps"),
        ("x.mp4", ExportOptions(last=-1), "--to -1 is outside the steps"),
        ("x.mp4", ExportOptions(first=5, last=2), "comes after"),
        ("x.mp4", ExportOptions(size=(1281, 720)), "even width and height"),
        ("x.mp4", ExportOptions(kernel="W7"), "no such kernel"),
        ("x.mp4", ExportOptions(theme="sepia"), "theme"),
    ],
)
def test_bad_options_are_refused_with_a_message(seed33, out_dir, name, options, message):
    with pytest.raises(ConvError, match=message):
        export_animation(seed33, out_dir / name, options)
    assert list(out_dir.iterdir()) == []


def test_frames_are_never_written_into_a_folder_that_has_files(seed33, out_dir):
    folder = out_dir / "busy"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    with pytest.raises(SceneFileError, match="not empty"):
        export_animation(seed33, folder, ExportOptions(last=1))
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]
    empty = out_dir / "empty"
    empty.mkdir()
    export_animation(seed33, empty, ExportOptions(last=1, hold_last=0))
    assert sorted(p.name for p in empty.iterdir()) == ["frame_0000.png", "frame_0001.png"]


def test_an_impossible_scene_has_nothing_to_export_but_its_frame_says_why(out_dir):
    scene = Scene(np.zeros((3, 3, 1)), (Kernel("W0", np.ones((5, 5, 1))),), name="too small")
    with pytest.raises(ConvError, match="nothing to export"):
        export_animation(scene, out_dir / "x.mp4")
    image = render_frame_image(scene, size=(640, 360))
    assert (image.width(), image.height()) == (640, 360)
    pixels = frame_array(image)
    assert (np.abs(pixels.astype(int) - [0xB0, 0x00, 0x20]).sum(axis=2) < 30).any()  # the message box


def test_frames_have_the_exact_size_and_the_asked_pixel_ratio(seed33):
    image = render_frame_image(seed33, size=(1280, 720), step=3, device_pixel_ratio=2.0)
    assert (image.width(), image.height()) == (2560, 1440)
    assert image.devicePixelRatio() == 2.0
    with pytest.raises(ConvError, match="outside"):
        render_frame_image(seed33, step=SEED_33_STEPS)


def test_the_command_line_exports_and_reports(out_dir, run_cli):
    env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "convviz", "export", "seed-3.3", *args],
        cwd=out_dir, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
    )  # fmt: skip
    ok = run("-o", "a.gif", "--to", "4", "--fps", "5", "--hold-last", "0")  # steps 0..4, as the frames number them
    assert ok.returncode == 0, ok.stderr
    assert "wrote a.gif" in ok.stdout and "5 steps" in ok.stdout
    with Image.open(out_dir / "a.gif") as gif:
        assert gif.n_frames == 5
    # The refusals in this process: the separate one is the export above.
    for args, message in (
        ((str(out_dir / "a.mov"),), "unknown kind of output"),
        ((str(out_dir / "b.mp4"), "--from", "99"), "--from 99 is outside the steps"),
        ((str(out_dir / "c.mp4"), "--fps", "0"), "more than 0"),
    ):
        bad = run_cli("export", "seed-3.3", "-o", *args)
        assert bad.returncode == 2
        assert bad.stderr.startswith("convviz: error: ") and message in bad.stderr, bad.stderr
        assert "Traceback" not in bad.stderr
    assert sorted(p.name for p in out_dir.iterdir()) == ["a.gif"]


# -- the window's recording actions ---------------------------------------------------------


def test_export_dialog_exports_and_its_cancel_leaves_nothing(make_window, qtbot, out_dir):
    from PySide6.QtCore import Qt

    from convviz.ui.recording.export_dialog import ExportDialog

    window = make_window("seed-3.3")
    dialog = ExportDialog(window.document.scene, parent=window)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(out_dir / "dialog.gif"))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("gif"))
    assert dialog.path_edit.text().endswith("dialog.gif")
    dialog.all_steps_box.setChecked(False)
    dialog.from_spin.setValue(0)
    dialog.to_spin.setValue(3)
    with qtbot.waitSignal(dialog.exported, timeout=30000) as blocker:
        runner = dialog.start_export()
        assert runner is not None
    assert blocker.args[0].frames == 4
    assert [p.name for p in out_dir.iterdir()] == ["dialog.gif"]

    again = ExportDialog(window.document.scene, parent=window)
    qtbot.addWidget(again)
    again.path_edit.setText(str(out_dir / "cancel.mp4"))
    runner = again.start_export()
    assert runner is not None
    with qtbot.waitSignal(runner.progressed, timeout=10000):
        pass
    from PySide6.QtWidgets import QPushButton

    cancel_button = again.progress.findChild(QPushButton)
    with qtbot.waitSignal(runner.cancelled, timeout=10000):
        qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in out_dir.iterdir()] == ["dialog.gif"]
    assert "nothing was written" in again.error_label.text()


def test_export_dialog_shows_a_bad_option_next_to_the_form(make_window, qtbot, out_dir):
    from convviz.ui.recording.export_dialog import ExportDialog

    window = make_window("seed-3.3")
    dialog = ExportDialog(window.document.scene, parent=window)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(out_dir / "odd.mp4"))
    dialog.size_combo.setCurrentText("1281×720")
    assert dialog.start_export() is None
    assert "even width and height" in dialog.error_label.text()
    assert list(out_dir.iterdir()) == []


def test_export_image_writes_png_and_svg_and_copy_puts_the_frame_on_the_clipboard(make_window, out_dir):
    from PySide6.QtGui import QGuiApplication

    from convviz.ui.recording.export_dialog import (
        copy_frame,
        install_recording_actions,
        save_frame_image,
        svg_available,
    )

    window = make_window("seed-3.4")
    install_recording_actions(window)
    window.animator.set_index(4)
    png = save_frame_image(window, out_dir / "frame.png")
    with Image.open(png) as image:
        assert image.size == (1280, 720)
    assert svg_available()
    svg = save_frame_image(window, out_dir / "frame.svg")
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert "= 3 + 1 + 2 + 1 = 7" in text  # the ledger is text, not pixels
    copied = copy_frame(window)
    clip = QGuiApplication.clipboard().image()
    assert (clip.width(), clip.height()) == (copied.width(), copied.height()) == (1280, 720)


def test_recording_actions_are_in_the_menus_with_their_shortcuts(make_window):
    from convviz.ui.recording.export_dialog import install_recording_actions

    window = make_window()
    actions = install_recording_actions(window)
    file_texts = [a.text() for a in window.file_menu.actions()]
    assert file_texts.index("Export &Animation…") < file_texts.index("&Quit")
    assert "Export &Image…" in file_texts
    assert actions.export_animation.shortcut().toString() == "Ctrl+Shift+E"
    assert actions.toggle_presentation.shortcut().toString() == "F11"
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions() if a.menu()}
    assert actions.copy_frame in menus["Edit"].actions()
    assert actions.toggle_presentation in menus["View"].actions()
    for action in (actions.export_animation, actions.copy_frame, actions.toggle_presentation):
        assert action in window.actions()  # shortcuts work with the menu bar hidden


def test_a_gif_too_big_to_hold_is_refused_before_anything_is_rendered(out_dir):
    scene = Scene(np.ones((64, 64, 3)), tuple(Kernel(f"W{k}", np.ones((3, 3, 3))) for k in range(4)), name="big")
    with pytest.raises(ConvError, match="too many for a GIF"):
        export_animation(scene, out_dir / "big.gif", ExportOptions(level="channel"))
    assert list(out_dir.iterdir()) == []


def test_big_inputs_are_drawn_as_images_and_deep_ones_keep_a_readable_ledger():
    rng = np.random.default_rng(0)
    big = Scene(rng.integers(0, 9, (64, 64, 3)).astype(float), (Kernel("W0", np.ones((3, 3, 3))),), name="64×64")
    trace = make_trace(big, "channel")
    layout = compute_layout(big, trace, 1280, 720)
    assert layout.inputs[0].as_image and layout.outputs[0].as_image
    assert not layout.kernels[0].as_image and layout.cell >= 28  # the kernel's numbers stay readable
    image = render_frame_image(big, step=100, trace=trace)  # the layout above, not searched again
    assert (image.width(), image.height()) == (1280, 720)

    deep = Scene(rng.integers(0, 3, (6, 6, 16)).astype(float), (Kernel("K0", rng.integers(-1, 2, (3, 3, 16)).astype(float)),))
    trace = make_trace(deep, "channel")
    layout = compute_layout(deep, trace, 1280, 720)
    assert 3 <= layout.ledger_lines < 16
    assert layout.ledger_px >= 18  # rather fewer lines than unreadable ones
    image = render_frame_image(deep, step=17, trace=trace)  # the bias step: every channel summed
    assert (image.width(), image.height()) == (1280, 720)


@pytest.mark.skipif(not hasattr(__import__("signal"), "SIGHUP"), reason="POSIX signals")
@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_sigterm_or_sighup_during_a_window_export_removes_its_partial_file_and_keeps_the_autosave(
    qtbot, convviz_home, out_dir, signame
):
    import signal

    import numpy as np

    from convviz.ui.recording.export_dialog import ExportDialog
    from convviz.ui.shell.main_window import MainWindow
    from convviz.ui.shell.signals import install_stop_on_signals

    window = MainWindow(resolve_scene("seed-3.4"), settings=Settings(), home=convviz_home)
    qtbot.addWidget(window, before_close_func=lambda w: w.document.undo_stack.setClean())
    window.document.set_block("input", 0, 0, 0, 0, np.array([[7.0]]))  # unsaved work
    exits = []
    uninstall = install_stop_on_signals(window, exits.append)
    try:
        dialog = ExportDialog(window.document.scene, parent=window)
        dialog.path_edit.setText(str(out_dir / "long.mp4"))
        dialog.level_combo.setCurrentIndex(dialog.level_combo.findData("multiply"))  # long enough to interrupt
        runner = dialog.start_export()
        assert runner is not None
        with qtbot.waitSignal(runner.progressed, timeout=10000):
            pass
        assert any(".partial" in p.name for p in out_dir.iterdir())
        signum = getattr(signal, signame)
        signal.raise_signal(signum)
        qtbot.waitUntil(lambda: bool(exits), timeout=10000)
    finally:
        uninstall()
    assert exits == [128 + signum]
    assert list(out_dir.iterdir()) == []
    assert window.autosaver.scene_file.exists()  # the next start offers the unsaved work


# -- the runner: batches in the GUI thread, the file closed on a worker ------------------------


def test_the_runner_waits_for_the_file_to_be_closed_on_the_worker(seed33, out_dir, qtbot):
    import threading

    from convviz.ui.recording.export_dialog import ExportRunner

    job = ExportJob(seed33, out_dir / "short.gif", ExportOptions(last=3))
    closed_on = []
    real_finish = job.finish

    def finish():
        closed_on.append(threading.current_thread())
        return real_finish()

    job.finish = finish
    runner = ExportRunner(job)
    with qtbot.waitSignal(runner.finished, timeout=30000) as blocker:
        runner.start()
        runner.wait()  # returns only once the file is closed and reported
        assert runner.result is not None and not runner.is_closing()
    assert blocker.args[0] is runner.result and runner.result.frames == 4
    assert closed_on and closed_on[0] is not threading.main_thread()
    assert [p.name for p in out_dir.iterdir()] == ["short.gif"]


def test_a_cancel_while_the_file_is_being_closed_removes_it_once_closed(seed33, out_dir, qtbot):
    import threading

    from convviz.ui.recording.export_dialog import ExportRunner

    job = ExportJob(seed33, out_dir / "late.gif", ExportOptions(last=3))
    release, real_finish = threading.Event(), job.finish

    def held_finish():
        release.wait(10)
        return real_finish()

    job.finish = held_finish
    runner = ExportRunner(job)
    runner.start()
    qtbot.waitUntil(runner.is_closing, timeout=30000)
    runner.cancel()  # too late to stop writing: it takes effect once the file is closed
    with qtbot.waitSignal(runner.cancelled, timeout=30000):
        release.set()
    assert runner.result is None and not runner.is_closing()
    assert list(out_dir.iterdir()) == []
