"""Scene file v1's optional "op", "output_padding" and "grad_output"."""

from __future__ import annotations

import json

import numpy as np
import pytest

from convviz.core import scenefile
from convviz.core.catalogue import find_builtin, resolve_scene
from convviz.core.errors import ConvError, SceneFileError
from convviz.core.scene import ConvParams, Scene


def doc_of(name: str) -> dict:
    return json.loads(scenefile.dumps(resolve_scene(name)))


def test_a_file_without_op_is_a_forward_convolution_and_is_written_as_before():
    doc = doc_of("seed-3.4")
    assert "op" not in doc and "output_padding" not in doc and "grad_output" not in doc
    scene = scenefile.loads(json.dumps(doc))
    assert scene.params.op == "conv" and scene.params.output_padding == (0, 0) and scene.grad_output is None
    # The built-in file's text is exactly what saving it gives.
    assert scenefile.dumps(scene) == find_builtin("seed-3.4").path.read_text(encoding="utf-8")


def test_a_transposed_scene_round_trips_with_its_output_padding():
    scene = Scene(np.arange(6.0).reshape(2, 3, 1), find_builtin("transposed-2x2-s2").item.kernels,
                  ConvParams(stride=(2, 3), dilation=(1, 2), op="conv_transpose", output_padding=(1, 1)), "t")  # fmt: skip
    text = scenefile.dumps(scene)
    assert '"op": "conv_transpose"' in text and '"output_padding": [1, 1]' in text
    back = scenefile.loads(text)
    assert back == scene
    # oh = (2 − 1)·2 + 1·(2 − 1) + 1 + 1, ow = (3 − 1)·3 + 2·(2 − 1) + 1 + 1
    assert back.feature_maps().shape == (5, 10, 1)


def test_grad_output_round_trips_as_one_matrix_per_kernel():
    scene = resolve_scene("seed-3.4")
    dy = np.arange(18.0).reshape(3, 3, 2) - 5.5
    text = scenefile.dumps(scene.with_grad_output(dy))
    doc = json.loads(text)
    assert np.array_equal(np.array(doc["grad_output"]), dy.transpose(2, 0, 1))
    back = scenefile.loads(text)
    assert np.array_equal(back.grad_output, dy) and back == scene.with_grad_output(dy)
    assert back != scene


def test_a_grad_output_that_is_not_the_feature_maps_shape_is_refused_with_its_path():
    doc = doc_of("seed-3.4")
    doc["grad_output"] = np.ones((1, 3, 3)).tolist()
    with pytest.raises(SceneFileError) as info:
        scenefile.loads(json.dumps(doc), source="dy.json")
    assert info.value.path == "grad_output"
    assert "1 matrices of 3×3" in str(info.value) and "2 of 3×3" in str(info.value)


@pytest.mark.parametrize(
    "key, value, mentions",
    [
        ("op", "deconv", "op"),
        ("op", 3, "op"),
        ("output_padding", [-1, 0], "output_padding"),
        ("output_padding", "same", "output_padding"),
    ],
)
def test_bad_op_or_output_padding_is_refused_naming_the_key(key, value, mentions):
    doc = doc_of("transposed-2x2-s2")
    doc[key] = value
    with pytest.raises(SceneFileError) as info:
        scenefile.loads(json.dumps(doc))
    assert info.value.path == key and mentions in str(info.value)


def test_a_transposed_file_whose_output_padding_pytorch_refuses_opens_and_refuses_to_compute():
    # As for forward scenes, impossible parameters load (the window explains them) and computing says why.
    doc = doc_of("transposed-2x2-s2")
    doc["output_padding"] = [2, 0]  # not smaller than the stride 2 or the dilation 1
    scene = scenefile.loads(json.dumps(doc))
    with pytest.raises(ConvError) as info:
        scene.feature_maps()
    assert "output_padding 2" in str(info.value)


def test_the_backward_pass_of_a_scene_uses_its_grad_output_or_ones():
    scene = resolve_scene("seed-3.1")
    assert scene.gradients()[2].tolist() == [9.0]
    dy = np.full((3, 3, 1), 2.0)
    assert scene.with_grad_output(dy).gradients()[2].tolist() == [18.0]
    with pytest.raises(ConvError):
        resolve_scene("transposed-2x2-s2").gradients()
