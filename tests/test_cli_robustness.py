"""The command line under signals, bad numbers, failing disks and hostile
scene files: a clear message and the right exit status, and nothing left
behind."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from convviz.core import scenefile
from convviz.core.catalogue import resolve_scene
from convviz.core.scene import Kernel, Scene

REPO = Path(__file__).resolve().parents[1]


def env(**extra: str) -> dict[str, str]:
    e = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8", **extra)
    e.pop("CONVVIZ_DEBUG", None)
    return e


def convviz(*args: str, cwd: Path, stdout=subprocess.PIPE, extra_env: dict | None = None, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "convviz", *args],
        cwd=cwd, env=env(**(extra_env or {})), stdout=stdout, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        timeout=180, check=False, **kwargs,
    )  # fmt: skip


def one_error_line(result) -> str:
    """Exit 2 and exactly one line ``convviz: error: ...``, no traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("convviz: error: "), result.stderr
    return lines[0]


# -- 1 and 14: signals during an export ------------------------------------------------


def slow_scene(folder: Path) -> Path:
    """Hundreds of multiply-level steps: long enough to be interrupted."""
    path = folder / "slow.json"
    scenefile.save(path, resolve_scene("seed-3.4"))
    return path


def wait_for_partial(folder: Path, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(".partial" in p.name for p in folder.iterdir()):
            return
        if process.poll() is not None:
            pytest.fail(f"the export ended before it was interrupted (status {process.returncode})")
        time.sleep(0.05)
    pytest.fail("the export never started writing")


@pytest.mark.parametrize(
    ("output", "signum", "status", "whole_group"),
    [
        ("movie.mp4", signal.SIGINT, 130, True),  # Ctrl-C in a terminal reaches ffmpeg too
        # Every kind of output and every signal is in the fast run: these two
        # pairs again (frames and SIGINT, an MP4 and SIGTERM) in CI.
        pytest.param("frames/", signal.SIGINT, 130, False, marks=pytest.mark.slow),
        ("anim.gif", signal.SIGTERM, 143, False),
        pytest.param("movie.mp4", signal.SIGTERM, 143, False, marks=pytest.mark.slow),
        ("frames/", getattr(signal, "SIGHUP", signal.SIGTERM), 128 + getattr(signal, "SIGHUP", signal.SIGTERM), False),
    ],
)
def test_a_signal_during_export_exits_with_128_plus_it_and_leaves_no_files(tmp_path, output, signum, status, whole_group):
    scene = slow_scene(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    with subprocess.Popen(
        [sys.executable, "-m", "convviz", "export", str(scene), "-o", output, "--level", "multiply", "--fps", "60",
         "--size", "640x360"],
        cwd=out, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    ) as process:  # fmt: skip
        try:
            wait_for_partial(out, process)
            if whole_group:
                os.killpg(process.pid, signum)
            else:
                process.send_signal(signum)
            _, stderr = process.communicate(timeout=120)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
    assert process.returncode == status, stderr
    assert "Traceback" not in stderr
    assert list(out.iterdir()) == [], "nothing half-written is left"


# -- 11: export numbers --------------------------------------------------------------------


def many_steps_scene(folder: Path) -> Path:
    """138,384 multiply-level steps (62×62 cells × 4 kernels × 9 products)."""
    path = folder / "many.json"
    kernels = [Kernel(f"W{k}", np.ones((3, 3, 1))) for k in range(4)]
    scenefile.save(path, Scene(np.zeros((64, 64, 1)), kernels, name="many"))
    return path


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("-o", "slow.mp4", "--fps", "0.0001"), "fps 0.0001: at least 0.1 steps per second"),
        (("-o", "slow.gif", "--fps", "0.001"), "fps 0.001: at least 0.1 steps per second"),
        (("-o", "held.gif", "--hold-last", "1e6"), "hold-last 1e+06: at most 600 seconds"),
        (("-o", "frames/", "--hold-last", "100000"), "hold-last 100000: at most 600 seconds"),
    ],
)
def test_export_numbers_out_of_range_are_refused_before_anything_is_written(tmp_path, run_cli, args, says):
    line = one_error_line(run_cli("export", "seed-3.3", *args))
    assert says in line
    assert list(tmp_path.iterdir()) == []


def test_an_export_of_too_many_frames_is_refused_with_the_count(tmp_path, run_cli):
    scene = many_steps_scene(tmp_path)
    line = one_error_line(run_cli("export", str(scene), "-o", "all.mp4", "--level", "multiply"))
    assert "frames" in line and "at most 100,000" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["many.json"]


# -- 13: exit 2 with a message, not "unexpected" ---------------------------------------------


def test_ffmpeg_missing_is_a_message_and_nothing_is_written(tmp_path):
    result = convviz("export", "seed-3.3", "-o", "x.mp4", cwd=tmp_path, extra_env={"IMAGEIO_FFMPEG_EXE": "/no/such/ffmpeg"})
    assert "needs ffmpeg" in one_error_line(result)
    assert list(tmp_path.iterdir()) == []


def test_ffmpeg_failing_while_writing_is_one_line_without_its_log(tmp_path):
    fake = tmp_path / "bin" / "ffmpeg"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")  # dies as on a full disk, before writing a byte
    fake.chmod(0o755)
    out = tmp_path / "out"
    out.mkdir()
    result = convviz("export", "seed-3.3", "-o", "x.mp4", cwd=out, extra_env={"IMAGEIO_FFMPEG_EXE": str(fake)})
    line = one_error_line(result)
    assert "x.mp4: cannot be written" in line and "FFMPEG" not in result.stderr
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    ("output", "problem"),
    [
        ("x.gif", OSError(errno.ENOSPC, "No space left on device")),
        ("frames/", PermissionError(errno.EACCES, "Permission denied")),
    ],
)
def test_disk_full_or_permission_denied_while_exporting_is_exit_2(tmp_path, monkeypatch, capsys, output, problem):
    from PIL import Image as PILImage

    from convviz import cli

    monkeypatch.chdir(tmp_path)

    def failing_save(self, *args, **kwargs):
        raise problem

    monkeypatch.setattr(PILImage.Image, "save", failing_save)
    status = cli.main(["export", "seed-3.3", "-o", output, "--level", "cell", "--hold-last", "0"])
    err = capsys.readouterr().err
    assert status == 2, err
    assert err.startswith("convviz: error: ") and problem.strerror in err and "unexpected" not in err
    assert list(tmp_path.iterdir()) == []


def test_a_scene_in_a_folder_without_search_permission_is_exit_2(tmp_path, monkeypatch, capsys):
    from convviz import cli

    locked = tmp_path / "locked"
    locked.mkdir()
    scenefile.save(locked / "s.json", resolve_scene("seed-3.1"))
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        locked.chmod(0o600)  # no search permission: stat of anything inside fails
        try:
            result = convviz("compute", str(locked / "s.json"), cwd=tmp_path)
        finally:
            locked.chmod(0o700)
        assert "Permission denied" in one_error_line(result)
        return
    # Root passes every permission check, so the refusal the kernel would give
    # an ordinary user is made here.
    real_stat = os.stat

    def stat(path, *args, **kwargs):
        if str(locked) in os.fsdecode(path) and os.fsdecode(path) != str(locked):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    assert cli.main(["compute", str(locked / "s.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("convviz: error: ") and "Permission denied" in err and "unexpected" not in err


def test_an_integer_of_more_than_4300_digits_is_exit_2(tmp_path, run_cli):
    doc = json.loads(scenefile.dumps(resolve_scene("seed-3.1")))
    text = json.dumps(doc).replace('"bias": 1', '"bias": ' + "9" * 5000)
    (tmp_path / "digits.json").write_text(text, encoding="utf-8")
    assert "digits" in one_error_line(run_cli("compute", "digits.json"))


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("command", [("compute", "seed-3.4"), ("explain", "seed-3.3", "--at", "0", "0"), ("presets",)])
def test_output_to_a_full_device_is_exit_2_with_a_message(tmp_path, command):
    with open("/dev/full", "w", encoding="utf-8") as full:
        result = convviz(*command, cwd=tmp_path, stdout=full)
    assert "No space left on device" in one_error_line(result)


# -- 12: overflow -------------------------------------------------------------------------


@pytest.fixture
def overflowing(tmp_path) -> Path:
    x = np.ones((3, 3, 1))
    x[1, 1, 0] = 1e308
    path = tmp_path / "huge.json"
    scenefile.save(path, Scene(x, (Kernel("W0", np.full((2, 2, 1), 2.0)),), name="huge"))
    return path


@pytest.mark.parametrize("args", [("compute",), ("compute", "--json"), ("explain", "--at", "0", "0")])
def test_an_overflowing_result_is_refused_naming_the_kernel_and_the_cell(tmp_path, overflowing, args, run_cli):
    result = run_cli(args[0], str(overflowing), *args[1:])
    line = one_error_line(result)
    assert "kernel W0, output cell (0, 0)" in line and "too large" in line
    assert result.stdout == ""


# -- 15: terminal escapes -----------------------------------------------------------------


@pytest.fixture
def hostile(tmp_path) -> Path:
    scene = resolve_scene("seed-3.3")
    scene = scene.with_kernel(0, Kernel("W\x1b[2J\u202e", scene.kernels[0].weights, 1.0)).renamed("\x1b]0;pwned\x07 \x9b31m")
    path = tmp_path / "hostile.json"
    scenefile.save(path, scene)
    return path


@pytest.mark.parametrize("args", [("compute",), ("compute", "--json"), ("explain", "--at", "0", "0")])
def test_names_are_printed_with_control_characters_escaped(tmp_path, hostile, args, run_cli):
    result = run_cli(args[0], str(hostile), *args[1:])
    assert result.returncode == 0, result.stderr
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in result.stdout
    if "--json" in args:
        assert json.loads(result.stdout)["name"] == "\x1b]0;pwned\x07 \x9b31m"  # escaped, not lost
    else:
        assert "\\x1b]0;pwned\\x07" in result.stdout


def test_error_messages_escape_control_characters_too(tmp_path, run_cli):
    result = run_cli("compute", "no\x1b[31mscene")
    line = one_error_line(result)
    assert "\x1b" not in line and "\\x1b[31m" in line


# -- 17: smaller ones ---------------------------------------------------------------------


def test_render_to_jpg_writes_jpeg_and_refuses_kinds_it_cannot_write(tmp_path, run_cli):
    result = run_cli("render", "seed-3.1", "-o", "shot.jpg", "--size", "320x240")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "shot.jpg").read_bytes()[:3] == b"\xff\xd8\xff"
    with Image.open(tmp_path / "shot.jpg") as image:
        assert image.format == "JPEG" and image.size == (320, 240)
    assert ".bmp" in one_error_line(run_cli("render", "seed-3.1", "-o", "shot.bmp"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shot.jpg"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_render_refuses_to_overwrite_a_device(tmp_path, run_cli):
    (tmp_path / "shot.png").symlink_to("/dev/full")  # as root, the device itself was replaced by a PNG
    assert "not a regular file" in one_error_line(run_cli("render", "seed-3.1", "-o", "shot.png"))
    assert Path("/dev/full").is_char_device() and (tmp_path / "shot.png").is_symlink()


def test_a_gif_at_60_fps_reports_the_duration_it_really_plays(tmp_path, run_cli):
    # 60 steps asked to last 1 s; a GIF can't show a frame for less than 20 ms, so it plays 1.2 s.
    result = run_cli("export", "seed-3.3", "-o", "fast.gif", "--fps", "60", "--level", "multiply", "--to", "59",
                     "--hold-last", "0", "--size", "320x240")  # fmt: skip
    assert result.returncode == 0, result.stderr
    reported = float(result.stdout.split(" s)")[0].rsplit(", ", 1)[1])
    with Image.open(tmp_path / "fast.gif") as gif:
        plays = 0
        for n in range(gif.n_frames):
            gif.seek(n)
            plays += gif.info["duration"]
    assert plays == 1200
    assert reported == pytest.approx(plays / 1000, abs=0.051)  # the report has one decimal


def test_from_and_to_with_a_kernel_use_the_step_numbers_the_frames_show(tmp_path, run_cli):
    from convviz.ui.recording.export import ExportOptions, export_animation

    scene = resolve_scene("seed-3.4")  # cell level: W0 is steps 0..8, W1 steps 9..17
    options = ExportOptions(level="cell", kernel="W1", first=11, last=13, global_steps=True, hold_last=0, size=(320, 240))
    result = export_animation(scene, tmp_path / "w1.gif", options)
    assert result.step_indices == [11, 12, 13]
    line = one_error_line(run_cli("export", "seed-3.4", "-o", "x.gif", "--level", "cell", "--kernel", "W1",
                                  "--from", "2", "--to", "5"))  # fmt: skip
    assert "none of kernel W1's steps (9..17" in line
    assert "numbered once for the whole animation, from 0" in run_cli("export", "--help").stdout.replace("\n", " ")


def test_presets_lists_samples_and_the_users_presets_from_convviz_home(tmp_path, run_cli, monkeypatch):
    from convviz.core.samples import sample_entries
    from convviz.core.user_presets import kernel_preset_of, save_preset

    home = tmp_path / "home"
    save_preset(home / "presets", kernel_preset_of(resolve_scene("seed-3.1"), 0, "My edge finder", "mine"))
    monkeypatch.setenv("CONVVIZ_HOME", str(home))
    result = run_cli("presets")
    assert result.returncode == 0, result.stderr
    for entry in sample_entries():
        assert entry.id in result.stdout
    assert "my-edge-finder" in result.stdout and str(home / "presets") in result.stdout


def test_a_mistyped_scene_is_an_error_not_a_window(tmp_path):
    line = one_error_line(convviz("seed-3.9", cwd=tmp_path))
    assert 'no built-in scene or file named "seed-3.9"' in line


@pytest.mark.parametrize("argument", ["seed-3.1", "file"])
def test_a_built_in_name_or_a_file_still_opens_the_window(tmp_path, argument):
    if argument == "file":
        argument = str(tmp_path / "mine.json")
        scenefile.save(argument, resolve_scene("seed-3.2"))
    result = convviz(argument, cwd=tmp_path, extra_env={"CONVVIZ_EXIT_AFTER_FIRST_PAINT": "1",
                                                        "CONVVIZ_HOME": str(tmp_path / "home")})  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "convviz-first-paint" in result.stdout
