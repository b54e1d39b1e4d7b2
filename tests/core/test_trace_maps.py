"""A scene's feature maps are computed once for all its traces (one per
step level), and never shared with another scene."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from convviz.core.catalogue import resolve_scene
from convviz.core.engine import conv2d
from convviz.core.scene import Scene
from convviz.core.trace import Level, StepTrace


def test_every_level_of_one_scene_reads_the_maps_computed_once_and_an_edited_scene_its_own(monkeypatch):
    computed: list[Scene] = []
    real = Scene.feature_maps
    monkeypatch.setattr(Scene, "feature_maps", lambda self: computed.append(self) or real(self))
    scene = dataclasses.replace(resolve_scene("seed-3.4"), name="a scene of its own")  # no other test's
    maps = [StepTrace(scene, level).feature_maps for level in Level]
    assert computed == [scene]
    assert all(m is maps[0] for m in maps) and not maps[0].flags.writeable
    np.testing.assert_allclose(maps[0], conv2d(scene.input, scene.kernel_stack, scene.biases, **scene.params.engine_kwargs()))

    edited = dataclasses.replace(scene, input=scene.input + 1.0)  # what an edit makes: a new scene
    new_maps = StepTrace(edited).feature_maps
    assert computed == [scene, edited]
    np.testing.assert_allclose(new_maps, conv2d(edited.input, edited.kernel_stack, edited.biases, **edited.params.engine_kwargs()))
    assert not np.allclose(new_maps, maps[0])
    with pytest.raises(ValueError):
        new_maps[0, 0, 0] = 1.0  # read-only: every trace of the scene reads these
