"""im2col's U read where it is indexed (core/unfold.py's UnfoldedMatrix): the
same numbers as the engine's unfold and the loop reference, for every way
numpy indexes a matrix, without building U."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import InvalidRequest, unfold_loop
from test_engine import conv_requests
from thoroughness import examples

from convviz.core import unfold as unfold_module
from convviz.core.errors import ConvError
from convviz.core.frame import FrameOptions, FrameView, GridKind
from convviz.core.frames import frame_at
from convviz.core.geometry import resolve_geometry
from convviz.core.scene import Kernel, Scene
from convviz.core.trace import StepTrace
from convviz.core.unfold import UnfoldedMatrix, unfold

GEOMETRY_KEYS = ("stride", "padding", "dilation", "padding_mode")


def _both(req: dict) -> tuple[UnfoldedMatrix, np.ndarray] | None:
    """The lazy U and the loop reference's, or None for a request PyTorch refuses."""
    kernel_hw = req["kernels"].shape[:2]
    geometry = {k: req[k] for k in GEOMETRY_KEYS}
    try:
        expected = unfold_loop(req["x"], kernel_hw, **geometry)
    except InvalidRequest:
        return None
    H, W, _ = req["x"].shape
    return UnfoldedMatrix(req["x"], resolve_geometry((H, W), kernel_hw, **geometry)), expected


steps = st.integers(1, 5) | st.integers(-3, -1)


@settings(max_examples=examples(80), deadline=None)
@given(conv_requests(), steps, steps, st.data())
def test_every_kind_of_index_reads_the_numbers_unfold_builds(req, row_step, col_step, data):
    both = _both(req)
    if both is None:
        return
    lazy, expected = both
    assert lazy.shape == expected.shape and len(lazy) == expected.shape[0] and lazy.size == expected.size
    rows, cols = expected.shape
    r, c = data.draw(st.integers(-rows, rows - 1)), data.draw(st.integers(-cols, cols - 1))
    picked_rows = data.draw(st.lists(st.integers(0, rows - 1), min_size=1, max_size=4))
    picked_cols = data.draw(st.lists(st.integers(0, cols - 1), min_size=1, max_size=4))
    keys = [
        (slice(None, None, row_step), slice(None, None, col_step)),  # what drawing U as an image reads
        (r, c), r, (slice(None), c), (r, slice(1, None, col_step)),
        np.ix_(picked_rows, picked_cols), expected > 0, (picked_rows, picked_cols[:1] * len(picked_rows)),
    ]  # fmt: skip
    for key in keys:
        got = lazy[key]
        assert np.shape(got) == np.shape(expected[key]) and np.array_equal(got, expected[key]), key
    whole = np.asarray(lazy)
    assert whole.dtype == np.float64 and np.array_equal(whole, expected)
    assert np.array_equal(np.asarray(lazy, dtype=np.float32), expected.astype(np.float32))


def test_u_is_the_engine_s_unfold_and_holds_no_copy_of_it():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(9, 11, 3))
    args = {"stride": (2, 1), "padding": (2, 1), "dilation": (1, 2), "padding_mode": "reflect"}
    lazy = UnfoldedMatrix(x, resolve_geometry((9, 11), (3, 2), **args))
    U = unfold(x, (3, 2), **args)
    assert np.array_equal(lazy[:, :], U) and np.array_equal(np.asarray(lazy), U)
    assert not np.asarray(lazy).flags.writeable  # U is shown, never written
    x[:] = 0.0  # its padded input is its own copy
    assert np.array_equal(np.asarray(lazy), U)


def test_the_im2col_view_draws_u_without_building_it():
    # U of a 256×256×3 image with 3×3 kernels is [27, 64516]: 14 MB of float64.
    rng = np.random.default_rng(0)
    scene = Scene(rng.random((256, 256, 3)), (Kernel("W0", rng.normal(size=(3, 3, 3))),), name="large")
    trace = StepTrace(scene)
    trace.feature_maps  # noqa: B018 - the maps, computed before the view (the window has them already)
    tracemalloc.start()
    try:
        U = next(g for g in frame_at(scene, trace, 0, FrameOptions(view=FrameView.IM2COL)).views if g.kind is GridKind.UNFOLDED)
        thinned = U.values[::1, ::128]  # what drawing it 512 pixels wide reads
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert U.values.shape == (27, 254 * 254) and peak < 4_000_000, peak  # its input's copy (1.6 MB) and little else
    assert np.array_equal(thinned, unfold(scene.input, (3, 3))[:, ::128])


def test_building_a_u_past_the_limit_whole_is_refused_with_its_size(monkeypatch):
    lazy = UnfoldedMatrix(np.ones((20, 20, 3)), resolve_geometry((20, 20), (3, 3)))
    monkeypatch.setattr(unfold_module, "MAX_UNFOLD_VALUES", 1000)
    assert lazy[:, ::10].shape == (27, 33)  # reading part of it stays possible
    with pytest.raises(ConvError, match=r"\[27, 324\] = 8,748 numbers; at most 1,000"):
        np.asarray(lazy)
