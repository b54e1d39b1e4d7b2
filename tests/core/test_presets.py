"""The preset catalogue: built-in scenes and kernel presets, user folders, scene lookup."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from convviz.core import scenefile
from convviz.core.catalogue import builtin_entries, find_builtin, resolve_scene, user_entries
from convviz.core.engine import conv2d
from convviz.core.errors import SceneFileError
from convviz.core.geometry import output_shape
from convviz.core.scene import ConvParams, Kernel, KernelPreset, Scene
from convviz.core.transposed import transposed_output_shape

SEED_CASES = json.loads((Path(__file__).with_name("seed_cases.json")).read_text(encoding="utf-8"))["scenes"]
SEED_SCENES = ["seed-3.1", "seed-3.2", "seed-3.3", "seed-3.4"]

ENTRIES = builtin_entries()
SCENES = [e for e in ENTRIES if e.kind == "scene"]
KERNEL_PRESETS = [e for e in ENTRIES if e.kind == "kernel"]


def test_no_built_in_preset_is_broken():
    broken = {e.id: e.error for e in ENTRIES if e.kind == "broken"}
    assert broken == {}
    assert all(e.origin == "built-in" for e in ENTRIES)


def test_the_five_reference_scenes_and_some_kernel_presets_are_built_in():
    assert {e.id for e in SCENES} >= set(SEED_CASES)
    assert len(KERNEL_PRESETS) >= 5


def test_scenes_come_first_in_teaching_order():
    ids = [e.id for e in ENTRIES]
    assert ids[:5] == ["seed-3.1", "seed-3.2", "seed-3.3", "seed-3.4", "cs231n-style"]
    assert ids.index("cs231n-style") < min(ids.index(e.id) for e in KERNEL_PRESETS)


@pytest.mark.parametrize("name", sorted(SEED_CASES))
def test_built_in_reference_scene_holds_the_reference_numbers(name):
    case = SEED_CASES[name]["scene"]
    scene = find_builtin(name).item
    assert isinstance(scene, Scene)
    np.testing.assert_array_equal(scene.input, np.array(case["input"], dtype=float).transpose(1, 2, 0))
    assert [k.name for k in scene.kernels] == [k["name"] for k in case["kernels"]]
    assert [k.bias for k in scene.kernels] == [k["bias"] for k in case["kernels"]]
    for kernel, expected in zip(scene.kernels, case["kernels"]):
        np.testing.assert_array_equal(kernel.weights, np.array(expected["weights"], dtype=float).transpose(1, 2, 0))
    assert scene.params == ConvParams(
        stride=tuple(case["stride"]),
        padding=tuple(case["padding"]) if isinstance(case["padding"], list) else case["padding"],
        padding_mode=case["padding_mode"],
        dilation=tuple(case["dilation"]),
        groups=case["groups"],
    )
    np.testing.assert_array_equal(scene.feature_maps(), np.array(SEED_CASES[name]["expected_output"], dtype=float))
    partials = np.array(SEED_CASES[name]["expected_channel_partials_at_0_0"], dtype=float)
    np.testing.assert_array_equal(scene.channel_partials()[0, 0], partials)


@pytest.mark.parametrize("entry", SCENES, ids=lambda e: e.id)
def test_every_built_in_scene_computes(entry):
    scene = entry.item
    maps = scene.feature_maps()
    kh, kw, _, K = scene.kernel_shape
    size = {"stride": scene.params.stride, "padding": scene.params.padding, "dilation": scene.params.dilation}
    if scene.params.transposed:
        shape = transposed_output_shape(
            scene.input_shape[:2], (kh, kw), output_padding=scene.params.output_padding, **size
        )
    else:
        shape = output_shape(scene.input_shape[:2], (kh, kw), **size)
    assert maps.shape == (*shape, K)
    assert np.isfinite(maps).all()
    assert entry.description


@pytest.mark.parametrize("entry", KERNEL_PRESETS, ids=lambda e: e.id)
def test_every_kernel_preset_has_a_description_and_applies_to_an_image(entry):
    preset = entry.item
    assert isinstance(preset, KernelPreset)
    assert len(entry.description) > 10
    x = np.random.default_rng(0).random((8, 8, 1))
    params = preset.params.engine_kwargs() if preset.params is not None else {}
    stack = np.stack([k.weights for k in preset.kernels], axis=-1)
    out = conv2d(x, stack, [k.bias for k in preset.kernels], **params)
    assert out.shape[2] == len(preset.kernels) and out.size > 0 and np.isfinite(out).all()


def test_identity_preset_copies_the_input():
    # A preset whose description makes a checkable promise.
    preset = find_builtin("identity").item
    x = np.random.default_rng(1).random((6, 7, 1))
    out = conv2d(x, preset.kernels[0].weights[..., None], [preset.kernels[0].bias], padding="same")
    np.testing.assert_array_equal(out, x)


@pytest.mark.parametrize("name", SEED_SCENES)
def test_seed_scene_descriptions_say_what_comes_from_the_seed(name):
    description = find_builtin(name).description
    assert "seed" in description and "convviz" in description


def test_the_cs231n_scene_says_its_values_are_convvizs():
    assert "convviz" in find_builtin("cs231n-style").description


# -- the user's own presets ------------------------------------------------------------


@pytest.fixture
def user_folder(tmp_path):
    scene = find_builtin("seed-3.3").item.renamed("mine", "my scene")
    preset = KernelPreset((Kernel("k", np.ones((2, 2, 1))),), None, "ones", "all ones")
    scenefile.save(tmp_path / "mine.json", scene)
    scenefile.save(tmp_path / "ones.json", preset)
    (tmp_path / "corrupt.json").write_text('{"convviz": 1, "kernels": [', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a preset")
    return tmp_path


def test_a_corrupt_user_file_is_listed_as_broken_with_the_loaders_message(user_folder):
    entries = {e.id: e for e in user_entries(user_folder)}
    broken = entries["corrupt"]
    assert broken.kind == "broken" and broken.item is None
    with pytest.raises(SceneFileError) as info:
        scenefile.load(user_folder / "corrupt.json")
    assert broken.error == str(info.value)
    assert broken.description == str(info.value)


def test_good_user_files_still_load_beside_a_corrupt_one(user_folder):
    entries = {e.id: e for e in user_entries(user_folder)}
    assert set(entries) == {"mine", "ones", "corrupt"}  # only *.json
    assert entries["mine"].kind == "scene" and entries["mine"].item == scenefile.load(user_folder / "mine.json")
    assert entries["ones"].kind == "kernel" and entries["ones"].name == "ones"
    assert all(e.origin == "user" for e in entries.values())
    assert [e.kind for e in user_entries(user_folder)] == ["scene", "kernel", "broken"]


def test_no_user_folder_or_a_missing_one_lists_nothing(tmp_path):
    assert user_entries(None) == []
    assert user_entries(tmp_path / "missing") == []


# -- resolving a scene argument ----------------------------------------------------------


def test_resolve_scene_accepts_a_built_in_name():
    assert resolve_scene("seed-3.3") == find_builtin("seed-3.3").item


def test_resolve_scene_accepts_a_file_path(tmp_path):
    scene = find_builtin("cs231n-style").item.renamed("copy")
    scenefile.save(tmp_path / "copy.json", scene)
    assert resolve_scene(str(tmp_path / "copy.json")) == scene


def test_resolve_scene_refuses_an_unknown_name_and_lists_the_built_in_scenes():
    with pytest.raises(SceneFileError) as info:
        resolve_scene("seed-9.9")
    message = str(info.value)
    assert "seed-9.9" in message
    for name in [*SEED_SCENES, "cs231n-style"]:
        assert name in message


def test_resolve_scene_refuses_a_kernel_preset_by_name():
    with pytest.raises(SceneFileError) as info:
        resolve_scene("sobel-x")
    assert "sobel-x" in str(info.value) and "kernel preset" in str(info.value)


def test_resolve_scene_refuses_a_missing_file(tmp_path):
    with pytest.raises(SceneFileError) as info:
        resolve_scene(str(tmp_path / "gone.json"))
    assert "gone.json" in str(info.value)
