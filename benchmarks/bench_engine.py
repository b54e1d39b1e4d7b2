"""Engine speed against torch.nn.functional.conv2d, and peak memory.

Run: python benchmarks/bench_engine.py [--quick]

Prints one line per case: the median wall time and process CPU time of
``convviz.conv2d`` and, when torch is installed, of
``torch.nn.functional.conv2d`` on the same float64 data in this process.
Then the peak extra memory of a 1024×1024×3 input with sixteen 5×5 kernels,
measured with tracemalloc, against the target of 2.5 × (input + output).

The two libraries are timed in separate runs, not interleaved: torch's
OpenMP threads spin after each call and would steal the cores numpy's BLAS
threads need, which makes interleaved timings of both meaningless.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from convviz.core.engine import conv2d  # noqa: E402

try:
    import torch
    import torch.nn.functional as F
except ImportError:  # torch is optional; the script still times convviz
    torch = None

# (label, H, C, K, k, groups, dilation, padding)
CASES = [
    ("28×28×1, 8 3×3", 28, 1, 8, 3, 1, 1, 0),
    ("28×28×3, 16 3×3", 28, 3, 16, 3, 1, 1, 1),
    ("64×64×3, 16 3×3", 64, 3, 16, 3, 1, 1, 1),
    ("128×128×16, 16 3×3", 128, 16, 16, 3, 1, 1, 1),
    ("256×256×3, 16 5×5", 256, 3, 16, 5, 1, 1, 2),
    ("512×512×3, 8 3×3", 512, 3, 8, 3, 1, 1, 1),
    ("512×512×3, 16 5×5", 512, 3, 16, 5, 1, 1, 2),
    ("depthwise 28×28×8", 28, 8, 8, 3, 8, 1, 1),
    ("depthwise 128×128×16", 128, 16, 16, 3, 16, 1, 1),
    ("depthwise 512×512×8", 512, 8, 8, 3, 8, 1, 1),
    ("dilated 2, 64×64×3, 16 3×3", 64, 3, 16, 3, 1, 2, 2),
    ("dilated 2, 256×256×3, 16 3×3", 256, 3, 16, 3, 1, 2, 2),
    ("dilated 3, 512×512×3, 8 3×3", 512, 3, 8, 3, 1, 3, 3),
    ("grouped 4, 512×512×16, 32 3×3", 512, 16, 32, 3, 4, 1, 1),
]


def timed(fn, budget: float) -> tuple[float, float]:
    """Median wall and CPU milliseconds over repeated calls."""
    fn()  # warm up: imports, caches, first-touch of buffers
    walls, cpus = [], []
    start = time.perf_counter()
    while time.perf_counter() - start < budget or len(walls) < 5:
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        cpus.append(time.process_time() - c0)
        walls.append(time.perf_counter() - w0)
    return statistics.median(walls) * 1e3, statistics.median(cpus) * 1e3


def best_of(rounds: int, fn, budget: float) -> tuple[float, float]:
    results = [timed(fn, budget) for _ in range(rounds)]
    return min(r[0] for r in results), min(r[1] for r in results)


def bench_speed(budget: float, rounds: int) -> None:
    rng = np.random.default_rng(0)
    if torch is None:
        print("torch is not installed: timing convviz only (pip install torch to compare)")
    else:
        print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; numpy {np.__version__}")
    header = f"{'case':34} {'convviz wall':>12} {'torch wall':>11} {'ratio':>6} {'convviz cpu':>12} {'torch cpu':>10} {'ratio':>6}"
    print(header)
    for label, H, C, K, k, groups, dilation, padding in CASES:
        x = rng.standard_normal((H, H, C))
        w = rng.standard_normal((k, k, C // groups, K))
        b = rng.standard_normal(K)
        ours = best_of(rounds, lambda: conv2d(x, w, b, padding=padding, dilation=dilation, groups=groups), budget)
        if torch is None:
            print(f"{label:34} {ours[0]:10.3f}ms {'':>11} {'':>6} {ours[1]:10.3f}ms")
            continue
        xt = torch.from_numpy(np.ascontiguousarray(x.transpose(2, 0, 1)))[None]
        wt = torch.from_numpy(np.ascontiguousarray(w.transpose(3, 2, 0, 1)))
        bt = torch.from_numpy(b)
        expected = F.conv2d(xt, wt, bt, padding=padding, dilation=dilation, groups=groups)[0].numpy().transpose(1, 2, 0)
        got = conv2d(x, w, b, padding=padding, dilation=dilation, groups=groups)
        assert np.allclose(got, expected), f"{label}: results differ from torch"
        with torch.no_grad():
            theirs = best_of(rounds, lambda: F.conv2d(xt, wt, bt, padding=padding, dilation=dilation, groups=groups), budget)
        print(
            f"{label:34} {ours[0]:10.3f}ms {theirs[0]:9.3f}ms {ours[0] / theirs[0]:6.2f} "
            f"{ours[1]:10.3f}ms {theirs[1]:8.3f}ms {ours[1] / theirs[1]:6.2f}"
        )


def bench_memory() -> None:
    rng = np.random.default_rng(1)
    x = rng.standard_normal((1024, 1024, 3))
    w = rng.standard_normal((5, 5, 3, 16))
    b = rng.standard_normal(16)
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    out = conv2d(x, w, b)
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    io_bytes = x.nbytes + out.nbytes
    print(
        f"memory: 1024×1024×3 with 16 5×5 kernels -> output {out.shape}: peak allocated during the call "
        f"{peak / 2**20:.1f} MiB; input + output {io_bytes / 2**20:.1f} MiB; "
        f"peak / (input + output) = {peak / io_bytes:.2f} (target ≤ 2.5)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter timing budget")
    args = parser.parse_args()
    budget, rounds = (0.2, 1) if args.quick else (0.6, 3)
    bench_speed(budget, rounds)
    bench_memory()


if __name__ == "__main__":
    main()
