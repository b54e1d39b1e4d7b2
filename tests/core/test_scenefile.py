"""Scene files: round trips, atomic saves, and a readable error for every bad file."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from convviz.core import scenefile
from convviz.core.errors import ConvError, SceneFileError
from convviz.core.scene import ConvParams, Kernel, KernelPreset, Scene

ODD_VALUES = [0.1, 1 / 3, -2.5, 1e-7, 7.0]


def odd_scene() -> Scene:
    """Two groups, non-default parameters and numbers that don't print short."""
    first = np.array([ODD_VALUES, [1, 2, 3, 4, 5], [-1e-300, 2**60, 0.5, -0.0, 123456.789]], dtype=np.float64)
    second = np.arange(15, dtype=np.float64).reshape(3, 5) / 7
    kernels = (
        Kernel('卷积核 "W0"', np.array([[[0.1], [-2.5]], [[1 / 3], [1e-7]]]), bias=-0.1),
        Kernel("W1", np.array([[[1.0], [2.0]], [[3.0], [4.0]]]), bias=1 / 3),
    )
    params = ConvParams(stride=(2, 1), padding=(1, 2), padding_mode="reflect", dilation=(1, 2), groups=2)
    return Scene(np.stack([first, second], axis=-1), kernels, params, "odd «scene»", "line one\nline two: ü, 卷积")


def scene_doc(**changes) -> dict:
    """A valid 3×3×2 scene document, with ``changes`` applied."""
    doc = {
        "convviz": 1,
        "name": "t",
        "input": [[[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[0, 1, 0], [1, 0, 1], [0, 1, 0]]],
        "kernels": [{"name": "W0", "bias": 1, "weights": [[[1, 0], [0, 1]], [[2, 0], [0, 2]]]}],
    }
    doc.update(changes)
    return doc


def write(tmp_path, content, name="bad.json"):
    path = tmp_path / name
    if isinstance(content, dict | list):
        content = json.dumps(content, ensure_ascii=False)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def load_error(tmp_path, content, name="bad.json") -> str:
    """The SceneFileError message for a file holding ``content``; it must name the file."""
    path = write(tmp_path, content, name)
    with pytest.raises(SceneFileError) as info:
        scenefile.load(path)
    assert isinstance(info.value, ValueError)
    message = str(info.value)
    assert str(path) in message
    return message


# -- round trips -----------------------------------------------------------------


def test_dumps_then_loads_gives_an_equal_scene():
    scene = odd_scene()
    assert scenefile.loads(scenefile.dumps(scene)) == scene


def test_save_then_load_gives_an_equal_scene(tmp_path):
    scene = odd_scene()
    scenefile.save(tmp_path / "s.json", scene)
    assert scenefile.load(tmp_path / "s.json") == scene
    assert scenefile.load_scene(tmp_path / "s.json") == scene


def test_awkward_numbers_survive_a_round_trip_exactly(tmp_path):
    scene = odd_scene()
    scenefile.save(tmp_path / "s.json", scene)
    loaded = scenefile.load(tmp_path / "s.json")
    assert loaded.input[0, :, 0].tolist() == ODD_VALUES  # exact, not approximately
    np.testing.assert_array_equal(loaded.input, scene.input)
    assert loaded.kernels[0].weights.tolist() == [[[0.1], [-2.5]], [[1 / 3], [1e-7]]]
    assert loaded.kernels[0].bias == -0.1 and loaded.kernels[1].bias == 1 / 3


@pytest.mark.parametrize("padding", ["same", "valid", (0, 3)])
def test_every_kind_of_padding_survives_a_round_trip(padding):
    scene = odd_scene().with_params(padding=padding, stride=(1, 1))
    assert scenefile.loads(scenefile.dumps(scene)).params.padding == scene.params.padding


def test_kernel_presets_round_trip_with_and_without_parameters():
    kernels = (Kernel("edge", np.array([[[-1.0], [1.0]]]), bias=0.5),)
    for params in (None, ConvParams(padding="same", padding_mode="replicate")):
        preset = KernelPreset(kernels, params, "edge", "an edge")
        loaded = scenefile.loads(scenefile.dumps(preset))
        assert isinstance(loaded, KernelPreset)
        assert loaded == preset


def test_saved_text_has_one_matrix_row_per_line():
    text = scenefile.dumps(odd_scene())
    rows = []
    for line in text.splitlines():
        try:
            rows.append(json.loads(line.strip().rstrip(",")))
        except json.JSONDecodeError:
            continue
    assert ODD_VALUES in rows  # the 5-wide row, whole, on one line
    assert [1, 2, 3, 4, 5] in rows
    assert [[0.1, -2.5]] not in rows and [0.1, -2.5] in rows  # kernel rows too


def test_saved_file_gets_the_usual_permissions_not_the_temp_files_0600(tmp_path):
    scenefile.save(tmp_path / "s.json", odd_scene())
    (tmp_path / "plain.json").write_text("{}")
    assert (tmp_path / "s.json").stat().st_mode & 0o777 == (tmp_path / "plain.json").stat().st_mode & 0o777


def test_saving_over_a_file_keeps_its_permissions(tmp_path):
    path = tmp_path / "s.json"
    path.write_text("old")
    path.chmod(0o640)
    scenefile.save(path, odd_scene())
    assert path.stat().st_mode & 0o777 == 0o640


# -- atomic saving -------------------------------------------------------------------


@pytest.fixture
def saved(tmp_path):
    """A folder with one saved scene; returns (path, its bytes)."""
    path = tmp_path / "scene.json"
    scenefile.save(path, odd_scene())
    return path, path.read_bytes()


def _fail(*args, **kwargs):
    raise OSError(28, "No space left on device")


def test_failed_rename_leaves_the_old_file_whole_and_no_temp_file(saved, monkeypatch):
    path, before = saved
    monkeypatch.setattr(os, "replace", _fail)
    with pytest.raises(SceneFileError) as info:
        scenefile.save(path, odd_scene().renamed("new"))
    assert str(path) in str(info.value) and "No space left" in str(info.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["scene.json"]


def test_write_failing_midway_leaves_the_old_file_whole_and_no_temp_file(saved, monkeypatch):
    path, before = saved
    monkeypatch.setattr(os, "fsync", _fail)  # after the data went into the temp file
    with pytest.raises(SceneFileError):
        scenefile.save(path, odd_scene().renamed("new"))
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["scene.json"]


def test_interrupted_save_leaves_the_old_file_whole_and_no_temp_file(saved, monkeypatch):
    class Interrupted(BaseException):
        pass

    def interrupt(*args, **kwargs):
        raise Interrupted

    path, before = saved
    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(Interrupted):
        scenefile.save(path, odd_scene().renamed("new"))
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["scene.json"]


def test_saving_into_a_missing_folder_is_a_scene_file_error(tmp_path):
    target = tmp_path / "no" / "such" / "scene.json"
    with pytest.raises(SceneFileError) as info:
        scenefile.save(target, odd_scene())
    assert str(target) in str(info.value)


# -- files that cannot be loaded -----------------------------------------------------


def test_truncated_json_names_the_line_and_column(tmp_path):
    text = json.dumps(scene_doc(), indent=1)
    msg = load_error(tmp_path, text[: len(text) // 2])
    assert "JSON" in msg and "line" in msg and "column" in msg


def test_non_json_text_is_refused(tmp_path):
    assert "JSON" in load_error(tmp_path, "convviz scene: input 1 2 3\n")


def test_invalid_utf8_names_the_byte_and_offset(tmp_path):
    msg = load_error(tmp_path, b'{"convviz": 1, "name": "\xff\xfe"}')
    assert "UTF-8" in msg and "0xff" in msg and "24" in msg


def test_binary_file_is_refused(tmp_path):
    load_error(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


@pytest.mark.parametrize("content", ["", "   \n\t\r\n", b"\xef\xbb\xbf"])
def test_empty_file_is_refused_as_empty(tmp_path, content):
    assert "empty" in load_error(tmp_path, content)


def test_a_missing_file_is_a_scene_file_error(tmp_path):
    with pytest.raises(SceneFileError) as info:
        scenefile.load(tmp_path / "gone.json")
    assert str(tmp_path / "gone.json") in str(info.value)


def test_a_folder_is_not_a_scene_file(tmp_path):
    with pytest.raises(SceneFileError) as info:
        scenefile.load(tmp_path)
    assert str(tmp_path) in str(info.value)


@pytest.mark.parametrize("top", [[scene_doc()], "scene", 1, None])
def test_top_level_must_be_an_object(tmp_path, top):
    assert "object" in load_error(tmp_path, json.dumps(top))


def test_missing_convviz_marker_is_refused(tmp_path):
    doc = scene_doc()
    del doc["convviz"]
    assert '"convviz"' in load_error(tmp_path, doc)


@pytest.mark.parametrize("marker", ["1", True, 1.0, None, [1]])
def test_wrong_marker_type_names_the_convviz_key(tmp_path, marker):
    assert "convviz:" in load_error(tmp_path, scene_doc(convviz=marker))


def test_newer_format_version_says_it_is_newer(tmp_path):
    msg = load_error(tmp_path, scene_doc(convviz=2))
    assert "convviz:" in msg and "newer" in msg and "2" in msg


@pytest.mark.parametrize("version", [0, -1])
def test_format_versions_below_one_are_refused(tmp_path, version):
    assert "convviz:" in load_error(tmp_path, scene_doc(convviz=version))


def test_ragged_kernel_rows_name_the_channel_row_and_both_counts(tmp_path):
    doc = scene_doc(
        input=[[[1, 2, 3]] * 3, [[1, 2, 3]] * 3],
        kernels=[{"weights": [[[1, 2, 3]] * 3, [[1, 2, 3], [4, 5, 6], [7, 8]]]}],
    )
    assert "kernels[0].weights[1]: row 2 has 2 numbers, expected 3" in load_error(tmp_path, doc)


def test_ragged_input_rows_name_the_channel_and_row(tmp_path):
    doc = scene_doc(input=[[[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[0, 1, 0], [1, 0, 1, 5], [0, 1, 0]]])
    assert "input[1]: row 1 has 4 numbers, expected 3" in load_error(tmp_path, doc)


def test_channels_of_different_sizes_name_both_sizes(tmp_path):
    doc = scene_doc(input=[[[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[0, 1, 0], [1, 0, 1]]])
    msg = load_error(tmp_path, doc)
    assert "input[1]" in msg and "2×3" in msg and "3×3" in msg


@pytest.mark.parametrize(
    "bad",
    [
        '"3"',
        "true",
        "false",
        "null",
        "NaN",
        "Infinity",
        "-Infinity",
        "1e400",
        "-1e400",
        "[3]",
        '{"v": 3}',
        "1" + "0" * 400,
    ],
)
def test_a_non_number_in_the_input_names_its_exact_position(tmp_path, bad):
    text = json.dumps(scene_doc()).replace("[4, 5, 6]", f"[4, 5, {bad}]")
    assert "input[0][1][2]" in load_error(tmp_path, text)


@pytest.mark.parametrize("bad", ['"3"', "true", "null", "NaN", "Infinity", "1e400"])
def test_a_non_number_in_the_kernel_names_its_exact_position(tmp_path, bad):
    text = json.dumps(scene_doc()).replace("[2, 0]", f"[2, {bad}]")
    assert "kernels[0].weights[1][0][1]" in load_error(tmp_path, text)


@pytest.mark.parametrize("bad", ['"1"', "true", "null", "NaN", "-Infinity", "1e400", "[1]"])
def test_a_bias_that_is_not_a_number_names_the_bias(tmp_path, bad):
    text = json.dumps(scene_doc()).replace('"bias": 1', f'"bias": {bad}')
    assert "kernels[0].bias" in load_error(tmp_path, text)


@pytest.mark.parametrize(
    "change, path",
    [
        ({"input": []}, "input"),
        ({"input": [[]]}, "input[0]"),
        ({"input": [[[]]]}, "input[0]"),
        ({"input": [[[1, 2, 3], [], [7, 8, 9]], [[0, 1, 0], [1, 0, 1], [0, 1, 0]]]}, "input[0]"),
        ({"kernels": []}, "kernels"),
        ({"kernels": [{"weights": []}]}, "kernels[0].weights"),
        ({"kernels": [{"weights": [[[1, 0], [0, 1]], []]}]}, "kernels[0].weights[1]"),
        ({"kernels": [{"weights": [[[]], [[]]]}]}, "kernels[0].weights[0]"),
        ({"kernels": [{"name": "no weights"}]}, "kernels[0]"),
        ({"input": 5}, "input"),
        ({"input": [5]}, "input[0]"),
        ({"kernels": {"weights": []}}, "kernels"),
        ({"kernels": [[1]]}, "kernels[0]"),
        ({"kernels": [{"name": 3, "weights": [[[1]], [[1]]]}]}, "kernels[0].name"),
        ({"name": ["x"]}, "name"),
        ({"description": 5}, "description"),
    ],
)
def test_empty_or_misshapen_parts_name_their_path(tmp_path, change, path):
    assert f"{path}:" in load_error(tmp_path, scene_doc(**change))


def test_a_scene_without_kernels_is_refused(tmp_path):
    doc = scene_doc()
    del doc["kernels"]
    assert '"kernels"' in load_error(tmp_path, doc)


def test_kernel_channels_that_do_not_fit_the_input_are_refused(tmp_path):
    doc = scene_doc(kernels=[{"weights": [[[1, 0], [0, 1]]] * 3}])  # 3 channels for C = 2
    msg = load_error(tmp_path, doc)
    assert "kernels[0].weights" in msg and "3" in msg and "2" in msg


def test_kernel_channels_that_do_not_fit_the_groups_are_refused(tmp_path):
    doc = scene_doc(groups=2, kernels=[{"weights": [[[1, 0], [0, 1]]] * 2}] * 2)  # needs 2 // 2 = 1 channel
    msg = load_error(tmp_path, doc)
    assert "kernels[0].weights" in msg and "groups" in msg


def test_groups_that_do_not_divide_the_kernels_load_and_explain_themselves_when_computed(tmp_path):
    # The window keeps such a scene (and says why it has no output), so it can save it: it must open again.
    scene = scenefile.load(write(tmp_path, scene_doc(groups=2, kernels=[{"weights": [[[1]]]}] * 3)))
    with pytest.raises(ConvError, match="groups 2 must divide the number of kernels K = 3"):
        scene.request()


def test_groups_that_do_not_divide_the_channels_load_and_explain_themselves_when_computed(tmp_path):
    # The window can save this (it explains it while editing), so it must open.
    scene = scenefile.load(write(tmp_path, scene_doc(groups=3, kernels=[{"weights": [[[1]]]}] * 3)))
    with pytest.raises(ConvError, match="groups") as info:
        scene.request()
    assert "3" in str(info.value) and "2" in str(info.value)


def test_kernels_of_different_shapes_name_the_odd_one(tmp_path):
    doc = scene_doc(kernels=[{"weights": [[[1, 0], [0, 1]]] * 2}, {"weights": [[[1, 0, 0]] * 3] * 2}])
    msg = load_error(tmp_path, doc)
    assert "kernels[1].weights" in msg and "2×2" in msg and "3×3" in msg


@pytest.mark.parametrize(
    "key, value",
    [
        ("stride", 0),
        ("stride", [1, 0]),
        ("stride", [1, 1, 1]),
        ("stride", 1.5),
        ("stride", "2"),
        ("stride", True),
        ("padding", -1),
        ("padding", [0, -2]),
        ("padding", "full"),
        ("padding", None),
        ("padding", False),
        ("padding_mode", "mirror"),
        ("padding_mode", 0),
        ("dilation", 0),
        ("dilation", [2, 0]),
        ("groups", 0),
        ("groups", -1),
        ("groups", 1.5),
        ("groups", "1"),
        ("groups", True),
    ],
)
def test_bad_parameters_name_the_parameter_and_the_value(tmp_path, key, value):
    msg = load_error(tmp_path, scene_doc(**{key: value}))
    assert f"{key}:" in msg
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        assert str(value) in msg


@pytest.mark.parametrize(
    "change, numbers",
    [
        ({"kernels": [{"weights": [[[1] * 4] * 4] * 2}]}, ["4×4", "3×3"]),  # kernel larger than the input
        ({"kernels": [{"weights": [[[1] * 2] * 2] * 2}], "dilation": 3}, ["4×4", "3×3"]),  # dilated span 4
        ({"kernels": [{"weights": [[[1]]] * 2}], "padding": 3, "padding_mode": "reflect"}, ["3"]),
        ({"kernels": [{"weights": [[[1]]] * 2}], "padding": 4, "padding_mode": "circular"}, ["4", "3"]),
        ({"padding": "same", "stride": 2}, ["same", "2"]),
    ],
)
def test_parameters_that_give_no_output_load_and_are_refused_with_the_numbers_when_computed(tmp_path, change, numbers):
    # The window saves such scenes (it explains them while editing); they
    # must open again, and computing them says why there is no output.
    scene = scenefile.load(write(tmp_path, scene_doc(**change)))
    with pytest.raises(ConvError) as info:
        scene.feature_maps()
    for number in numbers:
        assert number in str(info.value)


@pytest.mark.parametrize("depth", [100_000, 5_000, 1_000])
def test_deeply_nested_brackets_are_a_scene_file_error_not_a_crash(tmp_path, depth):
    load_error(tmp_path, "[" * depth + "]" * depth)
    load_error(tmp_path, '{"convviz": 1, "input": ' + "[" * depth + "]" * depth + "}")
    load_error(tmp_path, '{"convviz": 1, "kernels": [{"weights": [[' + "[" * depth + "]" * depth + "]]}]}")


# -- files that load ------------------------------------------------------------------


def test_a_utf8_byte_order_mark_is_accepted(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbf" + json.dumps(scene_doc()).encode("utf-8"), "bom.json")
    assert scenefile.load(path) == scenefile.loads(json.dumps(scene_doc()))
    assert scenefile.loads("\ufeff" + json.dumps(scene_doc())) == scenefile.loads(json.dumps(scene_doc()))


def test_crlf_line_endings_are_accepted(tmp_path):
    text = scenefile.dumps(odd_scene()).replace("\n", "\r\n")
    assert "\r\n" in text
    assert scenefile.load(write(tmp_path, text, "crlf.json")) == odd_scene()


def test_non_ascii_names_are_kept(tmp_path):
    doc = scene_doc(name="卷积核", description="卷积是如何计算的")
    doc["kernels"][0]["name"] = "卷积核 1"
    scene = scenefile.load(write(tmp_path, doc, "卷积.json"))
    assert scene.name == "卷积核" and scene.description == "卷积是如何计算的"
    assert scene.kernels[0].name == "卷积核 1"
    assert "卷积核" in scenefile.dumps(scene)  # written as is, not \u escapes


def test_unknown_keys_are_ignored(tmp_path):
    doc = scene_doc(author="someone", future={"x": [1, 2]})
    doc["kernels"][0]["colour"] = "red"
    assert scenefile.load(write(tmp_path, doc, "extra.json")) == scenefile.loads(json.dumps(scene_doc()))


def test_missing_name_defaults_to_the_file_stem(tmp_path):
    doc = scene_doc()
    del doc["name"]
    assert scenefile.load(write(tmp_path, doc, "my-scene.json")).name == "my-scene"


def test_parameters_default_to_pytorchs(tmp_path):
    scene = scenefile.load(write(tmp_path, scene_doc(), "defaults.json"))
    assert scene.params == ConvParams(stride=(1, 1), padding=(0, 0), padding_mode="zeros", dilation=(1, 1), groups=1)
    assert scene.kernels[0].bias == 1 and scene.input_shape == (3, 3, 2) and scene.kernel_shape == (2, 2, 2, 1)
    # input[c][row][col] becomes (H, W, C)
    assert scene.input[1, 2, 0] == 6 and scene.input[1, 0, 1] == 1


def test_a_file_without_input_is_a_kernel_preset(tmp_path):
    doc = scene_doc()
    del doc["input"]
    path = write(tmp_path, doc, "preset.json")
    preset = scenefile.load(path)
    assert isinstance(preset, KernelPreset)
    assert preset.params is None and preset.kernel_shape == (2, 2, 2, 1)


def test_load_scene_refuses_a_kernel_preset(tmp_path):
    doc = scene_doc()
    del doc["input"]
    path = write(tmp_path, doc, "preset.json")
    with pytest.raises(SceneFileError) as info:
        scenefile.load_scene(path)
    assert str(path) in str(info.value) and "kernel preset" in str(info.value)
