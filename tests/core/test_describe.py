"""Describe Step's sentence for steps that are not a forward convolution's."""

from convviz.core.catalogue import resolve_scene
from convviz.core.describe import describe_step
from convviz.core.frames import frame_at
from convviz.core.transposed_trace import ScatterTrace


def test_a_scatter_step_of_a_transposed_scene_is_described_by_its_label_and_ledger():
    scene = resolve_scene("transposed-2x2-s2")
    trace = ScatterTrace.of_scene(scene)
    frame = frame_at(scene, trace, 3)
    sentence = describe_step(frame)
    assert sentence.startswith(f"Step 3 of {len(trace) - 1}: ")
    assert frame.label in sentence and frame.ledger.title in sentence
    assert sentence.endswith(".")
