"""``convviz render``: the window, offscreen, to a PNG of exactly the size asked
for: run as a user runs it (a separate process) at the default size, and in
this process (``run_cli``) where a second interpreter would check nothing more."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage


def render(tmp_path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CONVVIZ_HOME=str(tmp_path / "home"))
    return subprocess.run(
        [sys.executable, "-m", "convviz", "render", *args],
        check=False, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )


def colours(image: QImage) -> int:
    """How many different colours a coarse sample of the image holds."""
    return len({image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)})


@pytest.mark.parametrize(
    ("size_args", "expected"),
    [
        ((), (1280, 720)),
        # The same path as 1111x777 (an explicit size above the window's least): CI only.
        pytest.param(("--size", "1600x900"), (1600, 900), marks=pytest.mark.slow),
        (("--size", "1111x777"), (1111, 777)),
        (("--size", "2560×1440"), (2560, 1440)),
        (("--size", "800x600"), (800, 600)),  # narrower than the window likes to be
    ],
    ids=["default", "1600x900", "odd", "times-sign", "small"],
)
def test_render_writes_a_png_of_exactly_the_requested_size(tmp_path, run_cli, size_args, expected):
    out = tmp_path / "shot.png"
    args = ("seed-3.4", "-o", str(out), *size_args)
    result = run_cli("render", *args) if size_args else render(tmp_path, *args)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert not image.isNull(), "a readable PNG"
    assert (image.width(), image.height()) == expected
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert colours(image) > 20, "the window was drawn, not a blank canvas"


def test_render_shows_the_step_it_is_asked_for(run_cli, tmp_path):
    first, later = tmp_path / "first.png", tmp_path / "later.png"
    assert run_cli("render", "seed-3.3", "-o", str(first), "--step", "0").returncode == 0
    assert run_cli("render", "seed-3.3", "-o", str(later), "--step", "8", "--level", "multiply").returncode == 0
    a, b = QImage(str(first)), QImage(str(later))
    assert a.size() == b.size()
    assert a != b, "another step highlights other cells"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--step", "500"), "--step 500 is outside"),
        (("--step", "-1"), "steps count from 0"),
        (("--size", "10x10"), "width and height must be"),
        (("--size", "big"), "is not a size"),
    ],
)
def test_render_refuses_bad_requests_without_writing_a_file(run_cli, tmp_path, args, says):
    out = tmp_path / "shot.png"
    result = run_cli("render", "seed-3.4", "-o", str(out), *args)
    assert result.returncode == 2
    assert result.stderr.startswith("convviz: error:") and says in result.stderr
    assert not out.exists()


def test_an_error_while_painting_a_frame_is_an_error_not_a_crash(monkeypatch):
    """The painter is ended whatever happens while it paints, so the image
    it painted on can be freed: the exception reaches the caller, and the
    next frame renders."""
    from convviz.core.catalogue import resolve_scene
    from convviz.ui.recording.frame_renderer import FrameRenderer, frame_array, render_frame_image

    scene = resolve_scene("seed-3.3")
    renderer = FrameRenderer()

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom inside painting")

    for where in ("_paint_step", "_paint_static"):
        with monkeypatch.context() as patch:
            patch.setattr(FrameRenderer, where, broken)
            with pytest.raises(RuntimeError, match="boom inside painting"):
                render_frame_image(scene, size=(320, 180), renderer=FrameRenderer())
    image = render_frame_image(scene, size=(320, 180), renderer=renderer)
    assert frame_array(image).std() > 0  # a real frame after the failures
