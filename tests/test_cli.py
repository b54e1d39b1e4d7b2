"""The ``convviz`` command: end to end in a fresh interpreter (``convviz``:
the entry point as a user starts it), and in this process (``run_cli``)
where a second interpreter's start-up would check nothing more."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from convviz.core.catalogue import builtin_entries

REPO = Path(__file__).resolve().parents[1]
SEED_CASES = json.loads((REPO / "tests" / "core" / "seed_cases.json").read_text(encoding="utf-8"))["scenes"]

# The README's example, which is the seed's eq. (3).
EQ3 = """\
seed-3.3 · kernel W0 · output (0, 0) · stride 1×1 · padding 0×0 (zeros) · dilation 1×1 · groups 1
channel 1: 0·2 + 2·0 + 0·0 + 0·1 + 2·0 + 0·1 + 2·0 + 1·3 + 2·0 = 3
channel 2: 0·1 + 0·0 + 0·1 + 1·0 + 0·0 + 0·0 + 1·1 + 0·1 + 0·1 = 1
channel 3: 1·0 + 1·0 + 0·1 + 0·1 + 1·1 + 0·1 + 0·1 + 1·1 + 1·0 = 2
+ bias: 1
= 3 + 1 + 2 + 1 = 7
"""


def convviz(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    env.pop("CONVVIZ_DEBUG", None)
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):  # help follows the locale: English here
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "convviz", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def assert_usage_error(result: subprocess.CompletedProcess) -> str:
    """Exit status 2 and exactly one line ``convviz: error: ...`` on stderr, no traceback."""
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("convviz: error: ")
    assert result.stdout == ""
    return lines[0]


def test_presets_lists_the_scenes_and_the_kernel_presets_with_descriptions(tmp_path):
    result = convviz("presets", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for name in ["seed-3.1", "seed-3.2", "seed-3.3", "seed-3.4", "cs231n-style"]:
        assert name in result.stdout
    kernel_presets = [e for e in builtin_entries() if e.kind == "kernel"]
    assert kernel_presets
    for entry in kernel_presets:
        assert entry.id in result.stdout and entry.description in result.stdout
    assert result.stdout.index("seed-3.1") < result.stdout.index(kernel_presets[0].id)


def grid_after(lines: list[str], heading: str, rows: int) -> list[list[float]]:
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    return [[float(v.replace("\u2212", "-")) for v in line.split()] for line in lines[start + 1 : start + 1 + rows]]


@pytest.mark.parametrize("name", ["seed-3.4", "cs231n-style"])
def test_compute_prints_one_grid_per_kernel(tmp_path, name, run_cli):
    result = run_cli("compute", name)
    assert result.returncode == 0, result.stderr
    expected = SEED_CASES[name]["expected_output"]
    lines = result.stdout.splitlines()
    for k, kernel in enumerate(SEED_CASES[name]["scene"]["kernels"]):
        grid = grid_after(lines, f"{kernel['name']} ", len(expected))
        assert grid == [[cell[k] for cell in row] for row in expected]


def test_compute_json_gives_the_reference_output_for_every_reference_scene(tmp_path, run_cli):
    for name, case in SEED_CASES.items():
        result = run_cli("compute", name, "--json")
        assert result.returncode == 0, result.stderr
        doc = json.loads(result.stdout)
        expected = case["expected_output"]
        assert doc["output"] == expected
        assert doc["shape"] == [len(expected), len(expected[0]), len(expected[0][0])]
        assert doc["name"] == name


def test_compute_accepts_a_scene_file(tmp_path, run_cli):
    (tmp_path / "mine.json").write_text(json.dumps(SEED_CASES["seed-3.1"]["scene"]), encoding="utf-8")
    result = run_cli("compute", "mine.json", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["output"] == SEED_CASES["seed-3.1"]["expected_output"]


def test_explain_seed_3_3_prints_the_seeds_eq_3(tmp_path):
    result = convviz("explain", "seed-3.3", "--at", "0", "0", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1].endswith("= 7")
    for channel_line in EQ3.splitlines()[1:4]:
        assert channel_line in lines
    assert result.stdout == EQ3


def test_explain_picks_a_kernel_by_name_or_by_index(tmp_path, run_cli):
    by_name = run_cli("explain", "seed-3.4", "--at", "0", "0", "--kernel", "W1")
    by_index = run_cli("explain", "seed-3.4", "--at", "0", "0", "--kernel", "1")
    assert by_name.returncode == by_index.returncode == 0, by_name.stderr + by_index.stderr
    assert by_name.stdout == by_index.stdout
    assert "kernel W1" in by_name.stdout.splitlines()[0]
    expected = SEED_CASES["seed-3.4"]["expected_output"][0][0][1]
    assert by_name.stdout.splitlines()[-1].endswith(f"= {expected}")


def test_explain_an_output_cell_reading_padding(tmp_path, run_cli):
    result = run_cli("explain", "cs231n-style", "--at", "2", "1", "--kernel", "W0")
    assert result.returncode == 0, result.stderr
    value = SEED_CASES["cs231n-style"]["expected_output"][2][1][0]
    shown = str(value).replace("-", "\u2212")
    assert result.stdout.splitlines()[-1].endswith(f"= {shown}")


def _malformed(tmp_path: Path) -> str:
    (tmp_path / "broken.json").write_text('{"convviz": 1, "input": [[[1, 2]', encoding="utf-8")
    return "broken.json"


def _no_output(tmp_path: Path) -> str:
    scene = dict(SEED_CASES["seed-3.1"]["scene"], padding=[9, 9], padding_mode="reflect")
    (tmp_path / "impossible.json").write_text(json.dumps(scene), encoding="utf-8")
    return "impossible.json"


@pytest.mark.parametrize(
    "args, mentions",
    [
        (["compute", "no-such-scene"], "no-such-scene"),
        (["compute", _malformed], "broken.json"),
        (["compute", _no_output], "impossible.json"),
        (["compute", "missing.json"], "missing.json"),
        (["compute", "sobel-x"], "kernel preset"),
        (["explain", "sobel-x", "--at", "0", "0"], "kernel preset"),
        (["explain", "seed-3.3", "--at", "3", "0"], "--at"),
        (["explain", "seed-3.3", "--at", "0", "-1"], "--at"),
        (["explain", "seed-3.3", "--at", "0", "x"], "--at"),
        (["explain", "seed-3.4", "--at", "0", "0", "--kernel", "W9"], "W9"),
        (["explain", "seed-3.4", "--at", "0", "0", "--kernel", "2"], "--kernel"),
        (["explain", "seed-3.3"], "--at"),
        (["compute"], "scene"),
        (["compute", "seed-3.3", "--frobnicate"], "--frobnicate"),
    ],
    ids=lambda v: " ".join(a if isinstance(a, str) else a.__name__ for a in v) if isinstance(v, list) else None,
)
def test_bad_input_exits_with_status_2_and_one_error_line(tmp_path, run_cli, args, mentions):
    argv = [a(tmp_path) if callable(a) else a for a in args]
    line = assert_usage_error(run_cli(*argv))
    assert mentions in line


def test_an_absurd_stride_in_a_scene_file_is_computed_or_refused_cleanly(tmp_path, run_cli):
    scene = dict(SEED_CASES["seed-3.1"]["scene"], stride=[10**20, 1])
    (tmp_path / "far.json").write_text(json.dumps(scene), encoding="utf-8")
    result = run_cli("compute", "far.json", "--json")
    if result.returncode == 0:  # one row of windows: the first row of seed-3.1's output
        assert json.loads(result.stdout)["output"] == SEED_CASES["seed-3.1"]["expected_output"][:1]
    else:
        assert_usage_error(result)


@pytest.mark.parametrize(
    ("scene", "view", "names"),
    [("seed-3.1", "scatter", "maps, partial-maps, im2col"), ("transposed-2x2-s2", "im2col", "scatter, direct")],
)
def test_a_view_of_the_other_kind_of_convolution_is_refused_with_the_scenes_own_views(tmp_path, scene, view, names, run_cli):
    """``--view`` names a view of the scene's own operation; the other kind's is
    an error that lists the right ones, and no image is written."""
    for command in (("render", scene, "-o", "shot.png"), ("export", scene, "-o", "out.gif")):
        result = run_cli(*command, "--view", view)
        message = assert_usage_error(result)
        assert f"--view {view}" in message and names in message
    assert list(tmp_path.iterdir()) == []
