"""``import convviz`` as a library: the names it gives, loaded lazily and without Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import convviz
from convviz.core import engine
from convviz.core.scene import Scene

REPO = Path(__file__).resolve().parents[1]


def _modules_after(code: str) -> dict:
    program = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", program], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_importing_convviz_loads_neither_qt_nor_numpy():
    loaded = _modules_after("import convviz")
    assert not {m for m in loaded if m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph", "numpy")}


def test_using_the_engine_through_convviz_loads_no_qt():
    loaded = _modules_after("import convviz\nconvviz.conv2d\nconvviz.Scene\nconvviz.channel_partials")
    assert "numpy" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph")}


def test_the_library_names_are_the_engines_own():
    assert convviz.conv2d is engine.conv2d
    assert convviz.conv_transpose2d is engine.conv_transpose2d
    assert convviz.conv2d_backward is engine.conv2d_backward
    assert convviz.unfold is engine.unfold
    assert convviz.channel_partials is engine.channel_partials
    assert convviz.partial_maps is engine.partial_maps
    assert convviz.Scene is Scene
    assert callable(convviz.show)
    assert {"conv2d", "show", "Scene", "channel_partials"} <= set(dir(convviz))


def test_channel_partials_are_the_seeds_eq_3_through_the_library():
    scene = convviz.load_scene(REPO / "resources" / "presets" / "seed-3.3.json")
    partials = convviz.channel_partials(scene.input, scene.kernel_stack, scene.biases)
    assert partials[0, 0, 0].tolist() == [3, 1, 2]  # 3 + 1 + 2 + bias 1 = 7
    assert convviz.conv2d(scene.input, scene.kernel_stack, scene.biases)[0, 0, 0] == 7


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'conv3d'"):
        convviz.conv3d  # noqa: B018


def test_a_library_error_is_a_value_error():
    with pytest.raises(ValueError, match="kernels"):
        convviz.conv2d(np.ones((3, 3, 1)), np.ones((3, 3)))
