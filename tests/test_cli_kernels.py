"""``convviz kernels FILE``: trained conv weights [K,C,kh,kw] from .npy, .npz,
.safetensors and .pt files become a kernel preset; refusals write nothing."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from convviz.cli import main
from convviz.core import scenefile
from convviz.core.scene import KernelPreset

RNG = np.random.default_rng(3)
CONV1 = RNG.normal(size=(6, 3, 5, 5)).astype(np.float32)  # [K, C, kh, kw]
CONV1_BIAS = RNG.normal(size=6).astype(np.float32)
CONV2 = RNG.normal(size=(4, 6, 3, 3)).astype(np.float32)
FC = RNG.normal(size=(10, 16)).astype(np.float32)


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys, *args) -> str:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == "", (code, out, err)
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("convviz: error: "), err
    return lines[0]


def _state() -> dict[str, np.ndarray]:
    return {"conv1.weight": CONV1, "conv1.bias": CONV1_BIAS, "conv2.weight": CONV2, "fc.weight": FC}


@pytest.fixture
def npz(tmp_path) -> Path:
    path = tmp_path / "net.npz"
    np.savez(path, **_state())
    return path


def _check_preset(path: Path, picks: list[int], bias: np.ndarray | None = CONV1_BIAS, weight=CONV1) -> KernelPreset:
    preset = scenefile.load(path)
    assert isinstance(preset, KernelPreset)
    assert len(preset.kernels) == len(picks)
    for kernel, k in zip(preset.kernels, picks):
        # [C, kh, kw] in the file is (kh, kw, C) in a preset, float32 values kept exactly.
        np.testing.assert_array_equal(kernel.weights, weight[k].transpose(1, 2, 0).astype(np.float64))
        assert kernel.bias == (0.0 if bias is None else float(bias[k]))
    return preset


def test_without_tensor_it_lists_the_four_d_tensors_and_their_shapes(capsys, npz):
    code, out, err = run(capsys, "kernels", npz)
    assert code == 0, err
    assert out.splitlines() == ["conv1.weight  [6,3,5,5]", "conv2.weight  [4,6,3,3]"]


def test_picked_filters_become_a_kernel_preset_with_their_biases(capsys, npz, tmp_path):
    out_path = tmp_path / "preset.json"
    code, out, err = run(capsys, "kernels", npz, "--tensor", "conv1.weight", "--pick", "0,3,5", "-o", out_path)
    assert code == 0, err
    assert "3 kernel(s) 5×5×3" in out
    preset = _check_preset(out_path, [0, 3, 5])
    assert [k.name for k in preset.kernels] == ["conv1[0]", "conv1[3]", "conv1[5]"]
    assert preset.name == "conv1 of net (3 filters)"
    assert "conv1.weight [6,3,5,5]" in preset.description and "net.npz" in preset.description
    assert "conv1.bias" in preset.description


def test_a_weight_without_a_bias_gets_biases_of_zero(capsys, npz, tmp_path):
    out_path = tmp_path / "conv2.json"
    assert run(capsys, "kernels", npz, "--tensor", "conv2.weight", "-o", out_path)[0] == 0
    preset = _check_preset(out_path, list(range(4)), bias=None, weight=CONV2)
    assert "biases 0" in preset.description


def test_a_single_npy_array_is_named_after_its_file(capsys, tmp_path):
    path = tmp_path / "filters.npy"
    np.save(path, CONV1)
    code, out, _ = run(capsys, "kernels", path)
    assert code == 0 and out.split() == ["filters", "[6,3,5,5]"]
    assert run(capsys, "kernels", path, "--tensor", "filters", "-o", tmp_path / "p.json")[0] == 0
    _check_preset(tmp_path / "p.json", list(range(6)), bias=None)


def test_a_safetensors_file_is_read(capsys, tmp_path):
    safetensors_numpy = pytest.importorskip("safetensors.numpy")
    path = tmp_path / "net.safetensors"
    safetensors_numpy.save_file(_state(), str(path))
    code, out, _ = run(capsys, "kernels", path)
    assert code == 0 and "conv1.weight  [6,3,5,5]" in out
    assert run(capsys, "kernels", path, "--tensor", "conv1.weight", "--pick", "2", "-o", tmp_path / "p.json")[0] == 0
    _check_preset(tmp_path / "p.json", [2])


def test_a_torch_state_dict_is_read_with_weights_only(capsys, tmp_path):
    torch = pytest.importorskip("torch")
    path = tmp_path / "net.pt"
    torch.save({"model": {k: torch.from_numpy(v) for k, v in _state().items()}, "epoch": 3}, path)
    code, out, _ = run(capsys, "kernels", path)
    assert code == 0 and "model.conv1.weight  [6,3,5,5]" in out
    assert run(capsys, "kernels", path, "--tensor", "model.conv1.weight", "--pick", "1,4", "-o", tmp_path / "p.json")[0] == 0
    _check_preset(tmp_path / "p.json", [1, 4])


class _NotWeights:
    """An object whose unpickling would run code: it would create ``marker``."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (str(self.marker),))


def test_a_pt_file_with_arbitrary_objects_is_refused_not_unpickled(capsys, tmp_path):
    torch = pytest.importorskip("torch")
    path = tmp_path / "evil.pt"
    marker = tmp_path / "code-ran"
    torch.save({"conv.weight": torch.zeros(2, 1, 3, 3), "thing": _NotWeights(marker)}, path)
    assert "weights_only=True" in refused(capsys, "kernels", path)
    assert not marker.exists()


def test_an_npy_of_python_objects_is_refused_not_unpickled(capsys, tmp_path):
    path = tmp_path / "objects.npy"
    np.save(path, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    assert "never unpickles" in refused(capsys, "kernels", path)


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (["--tensor", "fc.weight"], "is 2-D [10,16]; conv weights are 4-D"),
        (["--tensor", "conv9.weight"], "no tensor named 'conv9.weight'; the 4-D tensors are: conv1.weight [6,3,5,5]"),
        (["--tensor", "conv1.weight", "--pick", "0,6"], "filter 6 does not exist; there are 6, 0..5"),
        (["--tensor", "conv1.weight", "--pick", "1,x"], "'x' is not a filter number"),
        (["--tensor", "conv1.weight", "--pick", "1,1"], "named twice"),
    ],
)
def test_refusals_exit_2_with_one_line_and_write_nothing(capsys, npz, tmp_path, args, mentions):
    out_path = tmp_path / "never.json"
    assert mentions in refused(capsys, "kernels", npz, *args, "-o", out_path)
    assert not out_path.exists()


@pytest.mark.parametrize(
    ("make", "mentions"),
    [
        (lambda p: p.with_suffix(".npz"), "no such file"),
        (lambda p: (p.with_suffix(".npz").write_bytes(b"not a zip") and p.with_suffix(".npz")), "is not a NumPy .npz file"),
        (lambda p: (p.with_suffix(".h5").write_bytes(b"x") and p.with_suffix(".h5")), "unknown kind of weights file"),
        (lambda p: (p.with_suffix(".npz").mkdir() or p.with_suffix(".npz")), "folder"),
    ],
)
def test_an_unreadable_file_exits_2_and_writes_nothing(capsys, tmp_path, make, mentions):
    path = make(tmp_path / "weights")
    out_path = tmp_path / "never.json"
    assert mentions in refused(capsys, "kernels", path, "--tensor", "conv1.weight", "-o", out_path)
    assert not out_path.exists()


def test_an_existing_preset_is_replaced_only_when_the_new_one_is_whole(capsys, npz, tmp_path):
    out_path = tmp_path / "preset.json"
    out_path.write_text("old", encoding="utf-8")
    refused(capsys, "kernels", npz, "--tensor", "fc.weight", "-o", out_path)
    assert out_path.read_text(encoding="utf-8") == "old"


def test_too_many_filters_ask_for_pick(capsys, tmp_path):
    path = tmp_path / "wide.npy"
    np.save(path, np.zeros((65, 1, 3, 3)))
    assert "--pick" in refused(capsys, "kernels", path, "--tensor", "wide", "-o", tmp_path / "p.json")
    assert run(capsys, "kernels", path, "--tensor", "wide", "--pick", "0,64", "-o", tmp_path / "p.json")[0] == 0


def test_options_that_need_tensor_are_usage_errors(capsys, npz, tmp_path):
    assert "--tensor" in refused(capsys, "kernels", npz, "-o", tmp_path / "p.json")
    assert "-o" in refused(capsys, "kernels", npz, "--tensor", "conv1.weight")
