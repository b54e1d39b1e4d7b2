"""Speed of the transposed convolution, the backward pass and im2col against PyTorch.

Run: python benchmarks/bench_ops.py [--quick] [--threads N]

For square inputs of 28², 64², 128² and 256², with C = 3 → K = 8 and
C = 16 → K = 16 and 3×3 kernels in float64, prints the median wall time of

- ``conv_transpose2d`` (stride 1, padding 1, and stride 2, padding 1,
  output_padding 1: the upsampling case) against
  ``torch.nn.functional.conv_transpose2d``;
- forward + backward: ``conv2d`` then ``conv2d_backward`` (dX, dW, db)
  against torch's ``conv2d`` forward and autograd backward;
- ``unfold`` against ``torch.nn.functional.unfold``;

with the ratio ours / torch (≤ 1 meets the target): the fastest call of
each, the two called in turn so that both run under the same load. Results
are checked against torch first. Both libraries get the same number of
threads (default 1), and the thread pools they really use are printed.
Without torch, only our times are printed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def _threads_from_argv() -> int:
    # BLAS reads its thread count when numpy loads: set it before the import.
    for i, arg in enumerate(sys.argv):
        if arg == "--threads" and i + 1 < len(sys.argv):
            return int(sys.argv[i + 1])
    return 1


THREADS = _threads_from_argv()
os.environ["OPENBLAS_NUM_THREADS"] = str(THREADS)
os.environ["OMP_NUM_THREADS"] = str(THREADS)

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from convviz.core.engine import conv2d, conv2d_backward, conv_transpose2d, unfold  # noqa: E402

try:
    import torch
    import torch.nn.functional as F
except ImportError:  # torch is optional; the script still times convviz
    torch = None

SIZES = (28, 64, 128, 256)
CHANNELS = ((3, 8), (16, 16))  # (C, K)


def timed(fns, budget: float) -> list[float]:
    """Fastest wall milliseconds of each function, calling them in turn.

    On a shared machine the load changes from one second to the next: one
    call of each in turn puts both libraries under the same load, and the
    fastest call of each is the one least disturbed by it.
    """
    for fn in fns:
        fn()  # warm up: caches, first touch of buffers
    best = [float("inf")] * len(fns)
    start, calls = time.perf_counter(), 0
    while time.perf_counter() - start < budget * len(fns) or calls < 5:
        for k, fn in enumerate(fns):
            t0 = time.perf_counter()
            fn()
            best[k] = min(best[k], time.perf_counter() - t0)
        calls += 1
    return [t * 1e3 for t in best]


def nchw(x: np.ndarray):
    return torch.from_numpy(np.ascontiguousarray(x.transpose(2, 0, 1)))[None]


def transposed_cases(x, w, b):
    """(label, ours, theirs, check) for the two transposed convolutions."""
    wT = torch.from_numpy(np.ascontiguousarray(w.transpose(2, 3, 0, 1))) if torch else None
    for label, kw in (("s1 p1", {"stride": 1, "padding": 1}), ("s2 p1 op1", {"stride": 2, "padding": 1, "output_padding": 1})):
        ours = lambda kw=kw: conv_transpose2d(x, w, b, **kw)  # noqa: E731
        theirs = None
        if torch is not None:
            xt, bt = nchw(x), torch.from_numpy(b)
            theirs = lambda kw=kw, xt=xt, bt=bt: F.conv_transpose2d(xt, wT, bt, **kw)  # noqa: E731
        yield f"conv_transpose2d {label}", ours, theirs, lambda o, t: np.allclose(o, t[0].numpy().transpose(1, 2, 0))


def forward_backward_case(x, w, b):
    dy = np.random.default_rng(1).standard_normal(conv2d(x, w, b, padding=1).shape)

    def ours():
        conv2d(x, w, b, padding=1)
        return conv2d_backward(x, w, dy, padding=1)

    theirs = None
    if torch is not None:
        xt = nchw(x).requires_grad_()
        wt = torch.from_numpy(np.ascontiguousarray(w.transpose(3, 2, 0, 1))).requires_grad_()
        bt = torch.from_numpy(b).requires_grad_()
        dyt = nchw(dy)

        def theirs():
            for t in (xt, wt, bt):
                t.grad = None
            F.conv2d(xt, wt, bt, padding=1).backward(dyt)
            return xt.grad, wt.grad, bt.grad

    def check(o, t):
        return (
            np.allclose(o[0], t[0][0].numpy().transpose(1, 2, 0))
            and np.allclose(o[1], t[1].numpy().transpose(2, 3, 1, 0))
            and np.allclose(o[2], t[2].numpy())
        )

    yield "forward + backward p1", ours, theirs, check


def unfold_case(x):
    ours = lambda: unfold(x, (3, 3), padding=1)  # noqa: E731
    theirs = None
    if torch is not None:
        xt = nchw(x)
        theirs = lambda: F.unfold(xt, (3, 3), padding=1)  # noqa: E731
    yield "unfold p1", ours, theirs, lambda o, t: np.array_equal(o, t[0].numpy())


def _thread_pools() -> str:
    """What each library's thread pool really uses, when threadpoolctl can tell:
    the comparison is only fair with as many threads on both sides."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "(pip install threadpoolctl to see the thread pools numpy's BLAS and torch use)"
    pools = ", ".join(f"{p['internal_api']} {p['num_threads']}" for p in threadpool_info())
    torch_threads = f"; torch.get_num_threads() {torch.get_num_threads()}" if torch is not None else ""
    return f"thread pools: {pools}{torch_threads}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter timing budget")
    parser.add_argument("--threads", type=int, default=1, help="threads for numpy's BLAS and for torch (default 1)")
    args = parser.parse_args()
    budget = 0.3 if args.quick else 1.5
    if torch is None:
        print("torch is not installed: timing convviz only (pip install torch==2.13.0 to compare)")
    else:
        torch.set_num_threads(THREADS)
        print(f"torch {torch.__version__}, numpy {np.__version__}, {THREADS} thread(s) each, float64, 3×3 kernels")
    print(_thread_pools())
    print(f"{'op':26} {'input':>12} {'convviz':>10} {'torch':>10} {'ratio':>6}")
    rng = np.random.default_rng(0)
    for C, K in CHANNELS:
        for H in SIZES:
            x = rng.standard_normal((H, H, C))
            w = rng.standard_normal((3, 3, C, K))
            b = rng.standard_normal(K)
            cases = [*transposed_cases(x, w, b), *forward_backward_case(x, w, b), *unfold_case(x)]
            for label, ours, theirs, check in cases:
                shape = f"{H}²×{C}→{K}" if not label.startswith("unfold") else f"{H}²×{C}"
                if theirs is None:
                    (ours_ms,) = timed([ours], budget)
                    print(f"{label:26} {shape:>12} {ours_ms:8.3f}ms")
                    continue
                assert check(ours(), theirs()), f"{label} {shape}: results differ from torch"
                ours_ms, theirs_ms = timed([ours, theirs], budget)
                print(f"{label:26} {shape:>12} {ours_ms:8.3f}ms {theirs_ms:8.3f}ms {ours_ms / theirs_ms:6.2f}")


if __name__ == "__main__":
    main()
