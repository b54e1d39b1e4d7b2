"""Transposed scenes in every recording: ``convviz render`` (window and
presentation layouts, both views), ``convviz export``, the export dialog
(which follows the window's view) and Save/Copy Frame."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PIL import Image
from PySide6.QtGui import QImage

from convviz.cli import main
from convviz.core.catalogue import resolve_scene
from convviz.core.transposed_direct import DirectTrace
from convviz.core.transposed_trace import ScatterTrace
from convviz.ui.recording.export import ExportOptions, export_animation
from convviz.ui.recording.frame_renderer import FrameRenderer, make_trace, render_frame_image

SCENES = ["transposed-2x2-s2", "seed-3.1-adjoint"]


def render(tmp_path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CONVVIZ_HOME=str(tmp_path / "home"))
    return subprocess.run([sys.executable, "-m", "convviz", "render", *args], check=False, cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


@pytest.mark.parametrize("name", SCENES)
def test_render_draws_a_transposed_step_in_both_layouts_and_both_views(tmp_path, run_cli, name):
    shots = {}
    for layout in ("window", "presentation"):
        for view in ("scatter", "direct"):
            out = tmp_path / f"{layout}-{view}.png"
            result = run_cli("render", name, "--step", "3", "--layout", layout, "--view", view, "-o", str(out))
            assert result.returncode == 0, result.stderr
            image = QImage(str(out))
            assert (image.width(), image.height()) == (1280, 720)
            shots[layout, view] = image
    assert shots["presentation", "scatter"] != shots["presentation", "direct"]
    assert shots["window", "scatter"] != shots["window", "direct"]


def test_render_refuses_a_step_past_the_scatter(tmp_path):
    result = render(tmp_path, "transposed-2x2-s2", "--step", "10", "--layout", "presentation", "-o", "x.png")
    assert result.returncode == 2
    assert "outside the scene's steps 0..9" in result.stderr  # 9 input cells, then + bias


def test_the_presentation_frame_shows_the_scatter_ledger_and_the_patch():
    scene = resolve_scene("transposed-2x2-s2")
    trace = make_trace(scene, "cell")
    assert isinstance(trace, ScatterTrace)
    renderer = FrameRenderer(record=True)
    render_frame_image(scene, size=(1280, 720), step=3, level="cell", renderer=renderer, trace=trace)
    cells = renderer.last_record.cells[("output", 0, 0)]
    # x(1,0) = 4 has just landed 4·w on y(2..3, 0..1); x(0,·) landed before it; the rest is still 0.
    assert [cells[(2, c)][0] for c in range(2)] == ["4", "8"]
    assert cells[(3, 1)][0] == "16" and cells[(5, 5)][0] == "0"
    assert cells[(2, 0)][1].value == "tapped"


def test_the_command_line_exports_both_views(tmp_path, capsys):
    assert main(["export", "seed-3.1-adjoint", "-o", str(tmp_path / "s.gif"), "--fps", "5", "--hold-last", "0",
                 "--level", "cell"]) == 0  # fmt: skip
    assert "10 steps" in capsys.readouterr().out  # 9 input cells, then + bias
    with Image.open(tmp_path / "s.gif") as gif:
        assert gif.n_frames == 10
    assert main(["export", "seed-3.1-adjoint", "-o", str(tmp_path / "d.gif"), "--fps", "5", "--hold-last", "0",
                 "--level", "cell", "--view", "direct", "--to", "6"]) == 0  # fmt: skip
    assert "7 steps" in capsys.readouterr().out
    assert main(["export", "seed-3.1-adjoint", "-o", str(tmp_path / "x.gif"), "--view", "sideways"]) == 2
    assert "--view" in capsys.readouterr().err


def test_export_of_one_kernel_of_a_scatter_keeps_its_bias_step(tmp_path):
    scene = resolve_scene("transposed-2x2-s2")
    result = export_animation(scene, tmp_path / "k.gif", ExportOptions(level="cell", kernel="W0", hold_last=0))
    assert result.steps == 10


def test_the_export_dialog_and_save_frame_follow_the_windows_view(make_window, qtbot, tmp_path):
    from convviz.ui.recording.export_dialog import install_recording_actions, save_frame_image

    window = make_window("seed-3.1-adjoint")
    actions = install_recording_actions(window)
    window.animator.set_transposed_view("direct")
    assert isinstance(window.animator.trace, DirectTrace)
    window.animator.set_index(4)
    png = save_frame_image(window, tmp_path / "frame.png")
    with Image.open(png) as image:
        assert image.size == (1280, 720)
    actions.export_animation.trigger()  # File → Export Animation…
    dialog = actions.dialog
    assert dialog is not None
    assert dialog.options().transposed_view == "direct"
    dialog.reject()
