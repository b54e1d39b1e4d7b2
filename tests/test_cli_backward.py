"""``convviz explain --wrt`` and ``render``/``export --wrt``: the backward pass on the command line."""

from __future__ import annotations

import json

import numpy as np
import pytest
from test_cli import assert_usage_error, convviz

from convviz.core.catalogue import find_builtin


def _scene(name: str):
    return find_builtin(name).item


def test_explain_wrt_weight_writes_the_input_under_dy_times_dy(tmp_path):
    result = convviz("explain", "seed-3.1", "--wrt", "weight", "--at", "0", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("seed-3.1 · dY: ones · stride 1×1")
    assert lines[1] == "dW(0,1) ch 1: 2·1 + 0·1 + 1·1 + 1·1 + 0·1 + 2·1 + (−1)·1 + (−2)·1 + 1·1 = 4"
    _, dw, _ = _scene("seed-3.1").gradients()
    assert dw[0, 1, 0, 0] == 4


def test_explain_wrt_weight_of_a_grouped_kernel_names_its_own_channel(tmp_path):
    scene = _scene("seed-3.4")
    result = convviz("explain", "seed-3.4", "--wrt", "weight", "--at", "2", "2", "--channel", "3", "--kernel", "W1",
                     cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    line = result.stdout.splitlines()[1]
    assert line.startswith("dW(2,2) ch 3: ")
    _, dw, _ = scene.gradients()
    assert line.endswith(f"= {int(dw[2, 2, 2, 1])}".replace("-", "−"))
    assert line.count("·") == 9  # every product of the 3×3 map


def test_explain_wrt_input_adds_the_gradient_of_the_padding_cells_that_copy_it(tmp_path):
    scene_file = tmp_path / "replicate.json"
    scene = _scene("seed-3.1").with_params(padding=(1, 1), padding_mode="replicate")
    from convviz.core.scenefile import save

    save(scene_file, scene)
    result = convviz("explain", str(scene_file), "--wrt", "input", "--at", "0", "0", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "dX channel 1 at (0, 0): dY ⋆ flipped W" in text
    for cell in ("(−1, −1)", "(−1, 0)", "(0, −1)"):
        assert f"at padding cell {cell}" in text
    last = text.splitlines()[-2]
    dx, _, _ = scene.gradients()
    assert last.startswith("dX(0,0) ch 1: ") and last.endswith(f"= {int(dx[0, 0, 0])}".replace("-", "−"))


def test_explain_wrt_uses_the_grad_output_file(tmp_path):
    dy = np.zeros((1, 3, 3))
    dy[0, 1, 1] = 2
    (tmp_path / "dy.json").write_text(json.dumps({"grad_output": dy.tolist()}), encoding="utf-8")
    result = convviz("explain", "seed-3.1", "--wrt", "weight", "--at", "0", "0", "--grad-output", "dy.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "dY: dy.json" in result.stdout
    # Only dY(1, 1) = 2 counts: X(1, 1) = 1 times 2.
    assert result.stdout.splitlines()[1].endswith("= 2")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--wrt", "weight", "--at", "3", "0"), "--at 3 0"),
        (("--wrt", "input", "--at", "0", "5"), "--at 0 5"),
        (("--wrt", "input", "--at", "0", "0", "--channel", "2"), "--channel 2"),
        (("--wrt", "weight", "--maps"), "--wrt goes with --at"),
        (("--wrt", "weight", "--at", "0", "0", "--grad-output", "nothing.json"), "no such file"),
    ],
)
def test_explain_wrt_refuses_bad_requests_with_one_line(run_cli, args, says):
    line = assert_usage_error(run_cli("explain", "seed-3.1", *args))
    assert says in line


def test_render_and_export_step_a_gradient(tmp_path, run_cli):
    from PySide6.QtGui import QImage

    for layout in ("window", "presentation"):
        out = tmp_path / f"{layout}.png"
        result = run_cli("render", "seed-3.1", "--wrt", "weight", "--step", "4", "--layout", layout, "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert QImage(str(out)).size().width() == 1280
    too_far = run_cli("render", "seed-3.1", "--wrt", "bias", "--step", "1", "--layout", "presentation", "-o", "x.png")
    assert "--step 1 is outside the scene's steps 0..0" in assert_usage_error(too_far)
    frames = tmp_path / "frames"
    result = run_cli("export", "seed-3.1", "--wrt", "input", "--level", "cell", "--size", "320x180", "-o", f"{frames}/")
    assert result.returncode == 0, result.stderr
    assert len(list(frames.glob("*.png"))) >= 25  # one per cell of dX on the 5×5 input
