"""``convviz explain --maps/--im2col``, ``convviz grad`` and transposed scenes on
the command line, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from convviz import cli_ops
from convviz.cli import main
from convviz.core import scenefile
from convviz.core.catalogue import resolve_scene
from convviz.core.scene import ConvParams, Kernel, Scene
from convviz.core.engine import conv2d, conv2d_backward, conv_transpose2d, partial_maps, unfold

REPO = Path(__file__).resolve().parents[1]
SEED_CASES = json.loads((REPO / "tests" / "core" / "seed_cases.json").read_text(encoding="utf-8"))["scenes"]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *args: str):
    code, out, err = run(capsys, *args)
    assert code == 0, err
    return json.loads(out)


def refused(capsys, *args: str) -> str:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("convviz: error: "), err
    return lines[0]


@pytest.fixture
def grouped_file(tmp_path) -> Path:
    """C = 4, K = 4, groups 2, reflect padding: each kernel reads two channels."""
    rng = np.random.default_rng(4)
    kernels = tuple(Kernel(f"W{k}", rng.integers(-3, 4, (3, 2, 2)), float(k - 1)) for k in range(4))
    scene = Scene(rng.integers(-3, 4, (5, 6, 4)), kernels, ConvParams(padding=1, padding_mode="reflect", groups=2), "grouped")
    path = tmp_path / "grouped.json"
    scenefile.save(path, scene)
    return path


# -- explain --maps ------------------------------------------------------------------------


def test_maps_json_of_seed_3_3_is_eq3_for_whole_maps(capsys):
    (doc,) = run_json(capsys, "explain", "seed-3.3", "--maps", "--json")
    assert doc["kernel"] == "W0" and doc["bias"] == 1
    partials = np.array(doc["partials"])  # [c][row][col]
    assert partials[:, 0, 0].tolist() == [3, 1, 2]
    expected = np.array(SEED_CASES["seed-3.3"]["expected_output"])[:, :, 0]
    assert doc["output"] == expected.tolist()
    assert (partials.sum(axis=0) + doc["bias"]).tolist() == doc["output"]


def test_maps_json_lists_every_kernel_with_only_its_groups_channels(capsys, grouped_file):
    scene = scenefile.load_scene(grouped_file)
    docs = run_json(capsys, "explain", str(grouped_file), "--maps", "--json")
    assert [d["kernel"] for d in docs] == ["W0", "W1", "W2", "W3"]
    maps = conv2d(scene.input, scene.kernel_stack, scene.biases, **scene.params.engine_kwargs())
    for k, doc in enumerate(docs):
        partials = np.array(doc["partials"])
        assert partials.shape == (2, *maps.shape[:2])
        expected = partial_maps(scene.input, scene.kernel_stack, kernel=k, **scene.params.engine_kwargs())
        assert np.array_equal(partials, expected)
        assert np.array_equal(partials.sum(axis=0) + doc["bias"], maps[:, :, k])
        assert doc["output"] == maps[:, :, k].tolist()


def test_maps_text_writes_the_equation_and_picks_a_kernel(capsys, grouped_file):
    code, out, err = run(capsys, "explain", str(grouped_file), "--maps", "--kernel", "W3")
    assert code == 0, err
    lines = out.splitlines()
    assert "kernel W3" in lines[0]
    # W3 is in group 2: input channels 3 and 4.
    assert "channel 3: X3 ⋆ W3[1]" in lines and "channel 4: X4 ⋆ W3[2]" in lines
    assert "+ bias: 2" in lines
    assert any(line.startswith("= P3 + P4 + b = W3's map") for line in lines)


# -- explain --im2col ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["cs231n-style", "grouped"])
def test_im2col_json_product_is_the_feature_maps(capsys, grouped_file, name):
    target = str(grouped_file) if name == "grouped" else name
    scene = scenefile.load_scene(grouped_file) if name == "grouped" else resolve_scene(name)
    doc = run_json(capsys, "explain", target, "--im2col", "--json")
    p = scene.params
    U, W, b = np.array(doc["U"]), np.array(doc["W"]), np.array(doc["bias"])
    kh, kw = scene.kernel_shape[:2]
    assert np.array_equal(U, unfold(scene.input, (kh, kw), stride=p.stride, padding=p.padding, dilation=p.dilation,
                                    padding_mode=p.padding_mode))  # fmt: skip
    assert len(doc["U_rows"]) == U.shape[0] and doc["U_rows"][0] == "c1 (0,0)"
    # W is the block-diagonal weight matrix: one product gives every map.
    assert W.shape == (len(scene.kernels), U.shape[0])
    maps = scene.feature_maps()
    oh, ow, K = maps.shape
    assert doc["output_shape"] == [oh, ow, K]
    assert np.array_equal(W @ U + b[:, None], np.array(doc["product"]))
    assert np.array_equal(np.array(doc["product"]).T.reshape(oh, ow, K), maps)
    if p.groups > 1:
        assert not W[:2, U.shape[0] // 2 :].any() and not W[2:, : U.shape[0] // 2].any()


def test_im2col_text_names_the_matrices(capsys):
    code, out, err = run(capsys, "explain", "seed-3.1", "--im2col")
    assert code == 0, err
    assert "U [9,9]" in out and "W [1,9]" in out and "W·U + b [1,9]" in out
    last = [float(v) for v in out.splitlines()[-1].split()]
    assert last == np.array(SEED_CASES["seed-3.1"]["expected_output"]).ravel().tolist()


def test_im2col_past_the_print_limit_is_refused_with_the_sizes(capsys, monkeypatch):
    monkeypatch.setattr(cli_ops, "MAX_IM2COL_PRINT_VALUES", 50)
    line = refused(capsys, "explain", "seed-3.1", "--im2col")
    assert "--im2col" in line and "[9, 9] = 81" in line and "50" in line


@pytest.mark.parametrize(
    "args, mentions",
    [
        (["explain", "seed-3.3"], "--at"),
        (["explain", "seed-3.3", "--maps", "--im2col"], "--im2col"),
        (["explain", "seed-3.3", "--at", "0", "0", "--json"], "--json"),
        (["explain", "seed-3.4", "--im2col", "--kernel", "W1"], "--kernel"),
        (["explain", "seed-3.4", "--maps", "--kernel", "W9"], "W9"),
        (["explain", "transposed-2x2-s2", "--maps"], "transposed"),
        (["explain", "transposed-2x2-s2", "--im2col"], "transposed"),
        (["grad", "transposed-2x2-s2"], "transposed"),
        (["grad", "seed-3.4", "--grad-output", "missing.json"], "missing.json"),
        (["grad"], "scene"),
    ],
)
def test_bad_requests_give_one_error_line(capsys, args, mentions):
    assert mentions in refused(capsys, *args)


# -- grad ------------------------------------------------------------------------------------------


def test_grad_json_with_ones_is_the_engines_backward_pass(capsys, grouped_file):
    scene = scenefile.load_scene(grouped_file)
    doc = run_json(capsys, "grad", str(grouped_file), "--json")
    dy = np.ones(scene.feature_maps().shape)
    dx, dw, db = conv2d_backward(scene.input, scene.kernel_stack, dy, **scene.params.engine_kwargs())
    assert doc["grad_output"] == dy.transpose(2, 0, 1).tolist()
    assert doc["grad_input"] == dx.transpose(2, 0, 1).tolist()
    assert [g["name"] for g in doc["grad_kernels"]] == ["W0", "W1", "W2", "W3"]
    for k, g in enumerate(doc["grad_kernels"]):
        assert g["weights"] == dw[..., k].transpose(2, 0, 1).tolist()
    assert doc["grad_bias"] == db.tolist() == [float(dy[..., 0].size)] * 4


def test_grad_output_from_a_file_and_from_the_scene(capsys, tmp_path):
    scene = resolve_scene("seed-3.4")
    dy = np.arange(18, dtype=float).reshape(2, 3, 3) - 8  # [K][oh][ow]
    (tmp_path / "dy.json").write_text(json.dumps(dy.tolist()), encoding="utf-8")
    doc = run_json(capsys, "grad", "seed-3.4", "--grad-output", str(tmp_path / "dy.json"), "--json")
    dx, _, db = conv2d_backward(scene.input, scene.kernel_stack, dy.transpose(1, 2, 0))
    assert doc["grad_input"] == dx.transpose(2, 0, 1).tolist()
    assert doc["grad_bias"] == db.tolist() == [dy[0].sum(), dy[1].sum()]
    # The same dY saved in the scene file is used without --grad-output; "ones" overrides it.
    scenefile.save(tmp_path / "with-dy.json", scene.with_grad_output(dy.transpose(1, 2, 0)))
    assert run_json(capsys, "grad", str(tmp_path / "with-dy.json"), "--json")["grad_bias"] == db.tolist()
    assert run_json(capsys, "grad", str(tmp_path / "with-dy.json"), "--grad-output", "ones", "--json")["grad_bias"] == [9, 9]


def test_grad_output_of_the_wrong_shape_names_both_shapes(capsys, tmp_path):
    (tmp_path / "dy.json").write_text(json.dumps(np.ones((2, 4, 3)).tolist()), encoding="utf-8")
    line = refused(capsys, "grad", "seed-3.4", "--grad-output", str(tmp_path / "dy.json"))
    assert "[4,3,2]" in line and "[3,3,2]" in line


def test_grad_text_prints_db_dw_and_dx(capsys):
    code, out, err = run(capsys, "grad", "seed-3.1")
    assert code == 0, err
    lines = out.splitlines()
    assert "dY [3,3,1]: ones" in lines
    assert "db [K] = sum of dY per kernel: W0 9" in lines
    start = lines.index("dX channel 1 [H,W] (dY scattered back through the kernels):")
    dx = [[float(v) for v in line.split()] for line in lines[start + 1 : start + 6]]
    seed = resolve_scene("seed-3.1")
    assert dx == conv2d_backward(seed.input, seed.kernel_stack, np.ones((3, 3, 1)))[0][:, :, 0].tolist()


# -- transposed scenes --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["transposed-2x2-s2", "seed-3.1-adjoint"])
def test_compute_works_on_a_transposed_scene(capsys, name):
    scene = resolve_scene(name)
    doc = run_json(capsys, "compute", name, "--json")
    expected = conv_transpose2d(scene.input, scene.kernel_stack, scene.biases, **scene.params.transposed_kwargs())
    assert doc["output"] == expected.tolist()
    assert doc["shape"] == list(expected.shape)


def test_presets_shows_the_transposed_shapes(capsys):
    code, out, err = run(capsys, "presets")
    assert code == 0, err
    assert "seed-3.1-adjoint   input [3,3,1] → [5,5,1]" in out
    assert "transposed-2x2-s2  input [3,3,1] → [6,6,1]" in out


@pytest.mark.parametrize("name", ["transposed-2x2-s2", "seed-3.1-adjoint"])
def test_explain_at_gathers_every_product_that_lands_on_a_transposed_output_cell(capsys, name):
    scene = resolve_scene(name)
    maps = conv_transpose2d(scene.input, scene.kernel_stack, scene.biases, **scene.params.transposed_kwargs())
    oh, ow = maps.shape[:2]
    for row, col in [(0, 0), (oh // 2, ow // 2), (oh - 1, ow - 1)]:
        code, out, err = run(capsys, "explain", name, "--at", str(row), str(col))
        assert code == 0, err
        lines = out.splitlines()
        assert f"y({row},{col}) gathers" in lines[1]
        products = [line for line in lines if line.startswith("  x(")]
        # Each product is x(r,c)·w(i,j) with tap (i,j) landing on (row, col): r·s − p + i·d = row.
        (sh, sw), (ph, pw), (dh, dw) = scene.params.stride, scene.params.padding, scene.params.dilation
        for line in products:
            r, c = (int(v) for v in line.split("x(")[1].split(")")[0].split(","))
            i, j = (int(v) for v in line.split("w(")[1].split(")")[0].split(","))
            assert (r * sh - ph + i * dh, c * sw - pw + j * dw) == (row, col)
            x, w = scene.input[r, c, 0], scene.kernel_stack[i, j, 0, 0]
            assert line.endswith(f"= {x * w:g}".replace("-", "−"))
        assert lines[-1].endswith(f"= {maps[row, col, 0]:g}".replace("-", "−"))


def test_explain_at_a_cell_no_tap_reaches_says_only_the_bias_counts(capsys, tmp_path):
    # Stride 3 with a 1×1 kernel leaves two of every three output cells unreached.
    scene = Scene(np.ones((2, 2, 1)), (Kernel("W0", np.full((1, 1, 1), 2.0), 0.5),),
                  ConvParams(stride=(3, 3), op="conv_transpose"), "gaps")  # fmt: skip
    scenefile.save(tmp_path / "gaps.json", scene)
    code, out, _ = run(capsys, "explain", str(tmp_path / "gaps.json"), "--at", "1", "1")
    assert code == 0
    assert "only the bias" in out and out.splitlines()[-1] == "= 0.5 = 0.5"
    code, out, _ = run(capsys, "explain", str(tmp_path / "gaps.json"), "--at", "3", "3")
    assert out.splitlines()[-1] == "= 2 + 0.5 = 2.5"


def test_explain_at_outside_a_transposed_output_is_refused(capsys):
    assert "outside the output's rows 0..5" in refused(capsys, "explain", "transposed-2x2-s2", "--at", "6", "0")
