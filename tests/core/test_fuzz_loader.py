"""Fuzzing the scene loader: every input is a scene, a kernel preset, or one
SceneFileError with a message; nothing else escapes."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from thoroughness import examples

from convviz.core import scenefile
from convviz.core.errors import SceneFileError
from convviz.core.scene import KernelPreset, Scene

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(st.text(max_size=8), children, max_size=5)),
    max_leaves=30,
)

number = st.one_of(st.integers(-5, 5), st.floats(-3, 3, allow_nan=False), st.just(True), st.just("1"), st.none(), st.just(1e400))
matrix = st.lists(st.lists(number, min_size=0, max_size=4), min_size=0, max_size=4)
channels = st.lists(matrix, min_size=0, max_size=3)
param = st.one_of(st.integers(-2, 4), st.lists(st.integers(-1, 3), max_size=3), st.sampled_from(["same", "valid", "full", ""]), st.none())

# Documents shaped like scenes, with every part possibly wrong.
scene_like = st.fixed_dictionaries(
    {"convviz": st.one_of(st.just(1), st.integers(-1, 3), st.text(max_size=2))},
    optional={
        "name": st.one_of(st.text(max_size=10), st.integers()),
        "input": channels,
        "kernels": st.lists(
            st.fixed_dictionaries({}, optional={"name": st.text(max_size=4), "bias": number, "weights": channels}),
            max_size=3,
        ),
        "stride": param,
        "padding": param,
        "dilation": param,
        "groups": param,
        "padding_mode": st.sampled_from(["zeros", "reflect", "replicate", "circular", "mirror", 3]),
    },
)


def _loads_or_refuses(data: bytes | str) -> None:
    try:
        result = scenefile.loads(data, source="fuzz.json")
    except SceneFileError as exc:
        assert str(exc).startswith("fuzz.json"), str(exc)
        assert len(str(exc)) < 2000
        return
    assert isinstance(result, (Scene, KernelPreset))
    # Whatever loads also saves and loads back to the same thing.
    again = scenefile.loads(scenefile.dumps(result), source="again.json")
    assert again == result


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
@example(b"\xef\xbb\xbf")
@example(b"[" * 50_000)
@example(b'{"convviz": 1, "input": ' + b"[" * 100_000)
@example(b"\x00\x01\x02")
def test_random_bytes_load_or_are_refused(data):
    _loads_or_refuses(data)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_random_json_documents_load_or_are_refused(doc):
    _loads_or_refuses(json.dumps(doc, allow_nan=True))


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scene_like)
@example({"convviz": 1, "input": [[[1]]], "kernels": [{"weights": [[[1]]]}], "stride": [10**6, 1]})
@example({"convviz": 1, "input": [[[1]]], "kernels": [{"weights": [[[1]]]}], "padding": [10**6, 10**6]})
def test_scene_shaped_documents_load_or_are_refused(doc):
    _loads_or_refuses(json.dumps(doc, allow_nan=True))


def test_a_refused_file_names_the_exact_place(tmp_path):
    path = tmp_path / "lesson.json"
    path.write_text(json.dumps({"convviz": 1, "input": [[[1, 2], [3, "x"]]], "kernels": [{"weights": [[[1]]]}]}))
    try:
        scenefile.load(path)
    except SceneFileError as exc:
        assert str(exc) == f'{path}: input[0][1][1]: "x" is not a number'
    else:  # pragma: no cover - the assertion above is the test
        raise AssertionError("the file should have been refused")
