"""Recording speed: frames rendered per second, and a whole export's wall time.

Run: python benchmarks/bench_export.py [--scene seed-3.4] [--repeat 3]

Prints:

- frames/s of ``render_frame_image`` for every step of the scene at channel
  level, at 1280×720 and 1920×1080 (the first frame, which lays out and
  paints the static layer, is timed separately); the issue asks for at
  least 30 frames/s at 1280×720, so exporting runs faster than real time;
- the frames/s of turning frames into RGB arrays for the encoders;
- the median wall time of the whole process
  ``convviz export SCENE -o OUT.mp4 --level channel`` (a fresh interpreter
  each run: start-up, Qt, rendering and ffmpeg); the target is under 10 s
  for seed-3.4.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def bench_render(scene_name: str) -> None:
    from convviz.core.catalogue import resolve_scene
    from convviz.ui.recording.frame_renderer import FrameRenderer, frame_array, make_trace, render_frame_image

    scene = resolve_scene(scene_name)
    trace = make_trace(scene, "channel")
    assert trace is not None
    steps = len(trace)
    for size in ((1280, 720), (1920, 1080)):
        renderer = FrameRenderer()
        start = time.perf_counter()
        image = render_frame_image(scene, size=size, step=0, trace=trace, renderer=renderer)
        first = time.perf_counter() - start
        rounds = max(1, 300 // steps)
        start = time.perf_counter()
        for _ in range(rounds):
            for step in range(steps):
                image = render_frame_image(scene, size=size, step=step, trace=trace, renderer=renderer)
        per_frame = (time.perf_counter() - start) / (rounds * steps)
        start = time.perf_counter()
        for _ in range(50):
            frame_array(image)
        to_array = (time.perf_counter() - start) / 50
        print(
            f"render {scene_name} {size[0]}×{size[1]}: {1 / per_frame:7.1f} frames/s "
            f"({per_frame * 1000:.1f} ms a frame; first frame {first * 1000:.0f} ms; "
            f"to RGB array {to_array * 1000:.1f} ms)"
        )


def bench_export(scene_name: str, repeat: int) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen")
    times = []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "bench.mp4"
        for _ in range(repeat):
            out.unlink(missing_ok=True)
            start = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-m", "convviz", "export", scene_name, "-o", str(out), "--level", "channel"],
                env=env, capture_output=True, text=True, check=False,
            )  # fmt: skip
            times.append(time.perf_counter() - start)
            if result.returncode != 0:
                print(result.stderr, file=sys.stderr)
                raise SystemExit(result.returncode)
        report = result.stdout.strip()
    print(f"whole process `convviz export {scene_name} -o x.mp4 --level channel`: "
          f"median {statistics.median(times):.2f} s of {repeat} (min {min(times):.2f} s)")  # fmt: skip
    print(f"  {report}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scene", default="seed-3.4")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    bench_render(args.scene)
    bench_export(args.scene, args.repeat)


if __name__ == "__main__":
    main()
