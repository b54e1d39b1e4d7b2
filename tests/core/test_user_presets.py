"""The user's preset folder: save, reload, rename, delete and restore."""

from __future__ import annotations

import numpy as np
import pytest

from convviz.core import scenefile
from convviz.core.catalogue import builtin_entries, find_builtin, user_entries
from convviz.core.errors import SceneFileError
from convviz.core.scene import Kernel, KernelPreset, Scene
from convviz.core.user_presets import (
    delete_preset,
    kernel_preset_of,
    rename_preset,
    restore_preset,
    safe_file_stem,
    save_preset,
)


def edge_preset(name: str = "My edges") -> KernelPreset:
    weights = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=float)[:, :, None]
    return KernelPreset((Kernel("Edges", weights, 0.5),), None, name, "left-to-right edges")


def test_a_saved_preset_reloads_with_its_weights_bias_name_and_description(tmp_path):
    folder = tmp_path / "presets"  # not there yet: saving creates it
    path = save_preset(folder, edge_preset())
    assert path == folder / "my-edges.json"
    [entry] = user_entries(folder)
    assert entry.origin == "user" and entry.kind == "kernel"
    assert entry.item == edge_preset()
    assert entry.item.kernels[0].bias == 0.5


def test_saving_under_a_taken_name_makes_a_new_file_instead_of_overwriting(tmp_path):
    first = save_preset(tmp_path, edge_preset())
    second = save_preset(tmp_path, edge_preset())
    third = save_preset(tmp_path, edge_preset(), file_stem="MY EDGES")  # case-blind file systems
    assert [p.name for p in (first, second, third)] == ["my-edges.json", "my-edges-2.json", "my-edges-3.json"]
    assert len(user_entries(tmp_path)) == 3


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Sobel x", "sobel-x"),
        ("Kante ä/ö", "kante-ä-ö"),
        ("边缘检测", "边缘检测"),
        ("../../etc/passwd", "etc-passwd"),
        ('a:b*c?"d<e>f|g\\h', "a-b-c-d-e-f-g-h"),
        (".hidden", "hidden"),
        ("   ", "preset"),
        ("CON", "con-preset"),
        ("tab\tand\nnewline", "tab-and-newline"),
    ],
)
def test_any_name_gives_a_safe_file_name(name, stem):
    assert safe_file_stem(name) == stem


def test_a_very_long_name_is_cut_to_a_file_name_every_file_system_takes(tmp_path):
    stem = safe_file_stem("边" * 300)
    assert len(stem.encode("utf-8")) <= 120
    assert save_preset(tmp_path, edge_preset("边" * 300)).exists()


def test_non_ascii_names_survive_the_round_trip(tmp_path):
    path = save_preset(tmp_path, edge_preset("Kantenfilter für Ränder"))
    assert scenefile.load(path).name == "Kantenfilter für Ränder"


def test_rename_changes_the_name_inside_and_the_file_name(tmp_path):
    old = save_preset(tmp_path, edge_preset())
    new = rename_preset(old, "Vertical edges")
    assert new.name == "vertical-edges.json" and not old.exists()
    assert scenefile.load(new).name == "Vertical edges"
    assert scenefile.load(new).kernels == edge_preset().kernels


def test_rename_to_a_name_with_the_same_file_name_keeps_the_file(tmp_path):
    old = save_preset(tmp_path, edge_preset())
    assert rename_preset(old, "MY EDGES") == old
    assert scenefile.load(old).name == "MY EDGES"


def test_rename_never_overwrites_another_preset(tmp_path):
    other = save_preset(tmp_path, edge_preset("Blur"))
    renamed = rename_preset(save_preset(tmp_path, edge_preset()), "Blur")
    assert renamed.name == "blur-2.json"
    assert scenefile.load(other).name == "Blur" and scenefile.load(renamed).name == "Blur"


def test_rename_refuses_an_empty_name_and_a_broken_file(tmp_path):
    path = save_preset(tmp_path, edge_preset())
    with pytest.raises(SceneFileError, match="needs a name"):
        rename_preset(path, "  ")
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(SceneFileError, match="not valid JSON"):
        rename_preset(broken, "Fixed")


def test_delete_returns_the_bytes_and_restore_puts_the_same_file_back(tmp_path):
    path = save_preset(tmp_path, edge_preset())
    original = path.read_bytes()
    data = delete_preset(path)
    assert data == original and not path.exists() and user_entries(tmp_path) == []
    assert restore_preset(path, data) == path
    assert path.read_bytes() == original


def test_restore_does_not_overwrite_a_file_saved_in_the_meantime(tmp_path):
    path = save_preset(tmp_path, edge_preset())
    data = delete_preset(path)
    newer = save_preset(tmp_path, edge_preset("My edges"))
    assert newer == path
    restored = restore_preset(path, data)
    assert restored != path and restored.read_bytes() == data and newer.exists()


def test_deleting_a_missing_file_says_so(tmp_path):
    with pytest.raises(SceneFileError, match="no such file"):
        delete_preset(tmp_path / "gone.json")


def test_a_corrupt_user_preset_is_listed_as_broken_while_the_others_load(tmp_path):
    save_preset(tmp_path, edge_preset("Good one"))
    save_preset(tmp_path, edge_preset("Good two"))
    (tmp_path / "corrupt.json").write_text(
        '{"convviz": 1, "kernels": [{"weights": [[[1, 2], [3]]]}]}', encoding="utf-8"
    )
    (tmp_path / "not-utf8.json").write_bytes(b"\xff\xfe\x00")
    entries = {e.id: e for e in user_entries(tmp_path)}
    assert {e.name for e in entries.values() if e.kind == "kernel"} == {"Good one", "Good two"}
    assert entries["corrupt"].kind == "broken"
    assert "row 1 has 1 number, expected 2" in entries["corrupt"].error
    assert "not UTF-8" in entries["not-utf8"].error


def test_a_user_preset_named_like_a_built_in_leaves_the_built_in_alone(tmp_path):
    builtin = find_builtin("sobel-x")
    path = save_preset(tmp_path, edge_preset("sobel-x"))
    assert path.name == "sobel-x.json"
    assert find_builtin("sobel-x") is builtin
    assert [e.name for e in user_entries(tmp_path)] == ["sobel-x"]
    assert sum(e.id == "sobel-x" for e in builtin_entries()) == 1


def test_kernel_preset_of_takes_one_kernel_or_all_with_their_biases():
    scene = find_builtin("seed-3.4").item
    assert isinstance(scene, Scene)
    one = kernel_preset_of(scene, 1, " W1 only ", "")
    assert one.name == "W1 only" and one.kernels == (scene.kernels[1],) and one.params is None
    both = kernel_preset_of(scene, None, "both", "two kernels")
    assert both.kernels == scene.kernels
    assert [k.bias for k in both.kernels] == [k.bias for k in scene.kernels]
