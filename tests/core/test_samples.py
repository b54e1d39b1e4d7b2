"""Sample recipes: a bundled picture paired with kernels worth comparing."""

from __future__ import annotations

import json

import numpy as np
import pytest

from convviz.core.errors import ConvError, SceneFileError
from convviz.core.resources import resources_dir
from convviz.core.samples import load_sample, sample_entries, sample_scene
from convviz.core.scene import Kernel, Scene

GOOD = {
    "convviz_sample": 1,
    "name": "sample: edges",
    "description": "shapes and two edge detectors",
    "image": "shapes.png",
    "channels": "gray",
    "scale": "0-255",
    "max_side": 128,
    "kernels": ["sobel-x", "sobel-y"],
}


@pytest.fixture
def images(tmp_path):
    folder = tmp_path / "images"
    folder.mkdir()
    (folder / "shapes.png").write_bytes(b"a picture")  # only its presence is checked
    return folder


def write(tmp_path, **changes):
    path = tmp_path / "recipe.json"
    path.write_text(json.dumps({**GOOD, **changes}), encoding="utf-8")
    return path


def test_a_good_recipe_loads_with_the_presets_kernels(tmp_path, images):
    recipe = load_sample(write(tmp_path), images)
    assert recipe.name == "sample: edges" and recipe.image == images / "shapes.png"
    assert [k.name for k in recipe.kernels] == ["Sobel x", "Sobel y"]
    assert (recipe.channels, recipe.scale, recipe.max_side) == ("gray", "0-255", 128)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"convviz_sample": 2}, "convviz_sample: must be 1"),
        ({"image": "../secret.png"}, "must be a file name"),
        ({"image": "missing.png"}, "missing.png is missing"),
        ({"channels": "cmyk"}, 'channels: must be "gray" or "rgb"'),
        ({"scale": "0-100"}, "scale: must be"),
        ({"max_side": 0}, "max_side: must be a whole number"),
        ({"max_side": True}, "max_side: must be a whole number"),
        ({"kernels": []}, "kernels: must be a list"),
        ({"kernels": ["sobel-x", "seed-3.1"]}, 'kernels[1]: "seed-3.1" is not a built-in kernel preset'),
        ({"kernels": ["sobel-x", "gaussian-5x5"]}, "a sample's kernels must have one size"),
        ({"name": ""}, "name: must be text"),
    ],
)
def test_a_bad_recipe_is_refused_with_the_key_and_the_reason(tmp_path, images, changes, message):
    with pytest.raises(SceneFileError) as info:
        load_sample(write(tmp_path, **changes), images)
    assert message in str(info.value)


def test_a_file_that_is_not_a_recipe_is_refused(tmp_path, images):
    path = tmp_path / "scene.json"
    path.write_text('{"convviz": 1}', encoding="utf-8")
    with pytest.raises(SceneFileError, match="not a sample recipe"):
        load_sample(path, images)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(SceneFileError, match="not valid JSON"):
        load_sample(path, images)


def test_a_broken_recipe_is_listed_beside_the_good_ones(tmp_path, images):
    write(tmp_path)
    (tmp_path / "zz-broken.json").write_text("[]", encoding="utf-8")
    entries = sample_entries(tmp_path, images)
    assert [e.kind for e in entries] == ["sample", "broken"]
    assert "not a sample recipe" in entries[1].error


def test_the_two_built_in_recipes_pair_the_issues_kernels():
    recipes = {e.id: json.loads(e.path.read_text(encoding="utf-8")) for e in sample_entries()}
    assert recipes["edges"]["name"] == "sample: edges"
    assert recipes["edges"]["kernels"] == ["sobel-x", "sobel-y"]
    assert recipes["two-sharpnesses"]["name"] == "sample: two kernels, two sharpnesses"
    assert recipes["two-sharpnesses"]["kernels"] == ["sharpen", "box-blur-3x3"]
    for entry in sample_entries():
        if entry.kind == "broken":  # only while the bundled pictures are still missing
            assert "is missing" in entry.error, entry.error
        else:
            assert entry.recipe.image.parent == resources_dir() / "images"


def test_sample_scene_puts_the_kernels_on_the_picture_every_channel_alike(tmp_path, images):
    recipe = load_sample(write(tmp_path), images)
    picture = Scene(np.arange(48.0).reshape(4, 4, 3), (Kernel("W0", np.zeros((1, 1, 3))),))
    scene = sample_scene(recipe, picture)
    assert scene.name == "sample: edges" and scene.description == "shapes and two edge detectors"
    assert scene.kernel_shape == (3, 3, 3, 2)
    np.testing.assert_array_equal(scene.kernels[0].weights[:, :, 2], recipe.kernels[0].weights[:, :, 0])
    assert scene.feature_maps().shape == (2, 2, 2)


def test_a_picture_smaller_than_the_kernels_is_refused(tmp_path, images):
    recipe = load_sample(write(tmp_path), images)
    tiny = Scene(np.zeros((2, 2, 1)), (Kernel("W0", np.zeros((1, 1, 1))),))
    with pytest.raises(ConvError):
        sample_scene(recipe, tiny)
