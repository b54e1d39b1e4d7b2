"""What computing and showing a scene's feature maps costs, roughly: the
time and memory the window's size guard checks before an image (or a
scene) is shown, and the side to downsize to when it is too much.

Pure arithmetic, no Qt: the window asks it, and tests and benchmarks can.
"""

from __future__ import annotations

from dataclasses import dataclass

from convviz.core.edits import LIMITS
from convviz.core.images import downsized_shape
from convviz.core.language import current_language, translate
from convviz.core.scene import Scene

__all__ = [
    "MEMORY_LIMIT_BYTES",
    "MULTIPLY_ADDS_PER_SECOND",
    "SIDE_LADDER",
    "TIME_LIMIT_S",
    "CostEstimate",
    "estimate_cost",
    "scene_cost",
    "suggested_side",
]

# What a request may cost before the user is asked to downsize. The rate is
# a deliberately slow machine's (a fast one does 1–3 billion per second), so
# "too large" means too large everywhere.
MULTIPLY_ADDS_PER_SECOND = 0.5e9
TIME_LIMIT_S = 3.0
MEMORY_LIMIT_BYTES = 2 * 1024**3
# Downsizing offers these sides, largest first.
SIDE_LADDER = (4096, 3072, 2048, 1536, 1024, 768, 512, 384, 256, 128, 64, 32)


@dataclass(frozen=True)
class CostEstimate:
    """What computing and showing one scene's feature maps takes, roughly."""

    shape: tuple[int, int, int, int, int, int]  # H, W, C, K, kh, kw
    multiply_adds: int
    memory_bytes: int
    seconds: float

    @property
    def too_large(self) -> bool:
        H, W = self.shape[:2]
        return (
            self.seconds > TIME_LIMIT_S
            or self.memory_bytes > MEMORY_LIMIT_BYTES
            or H > LIMITS["H"]
            or W > LIMITS["W"]
        )

    def describe(self) -> str:
        """``a 6000×6000×3 input with 64 3×3 kernels needs about …``."""
        H, W, C, K, kh, kw = self.shape
        text = (translate("cost", "a {H}×{W}×{C} input with 1 {kh}×{kw} kernel needs about {count} multiply-adds "
                                  "(≈ {time}) and {memory} of memory") if K == 1 else
                translate("cost", "a {H}×{W}×{C} input with {K} {kh}×{kw} kernels needs about {count} multiply-adds "
                                  "(≈ {time}) and {memory} of memory"))  # fmt: skip
        return text.format(H=H, W=W, C=C, K=K, kh=kh, kw=kw, count=_count(self.multiply_adds),
                           time=_duration(self.seconds), memory=_bytes(self.memory_bytes))  # fmt: skip


def estimate_cost(H: int, W: int, C: int, K: int, kh: int = 3, kw: int = 3, groups: int = 1) -> CostEstimate:
    """Time and memory for the feature maps of an ``(H, W, C)`` input and
    ``K`` kernels of ``kh×kw``, shown in image mode.

    Memory counts per pixel: the input (8 bytes per channel), the maps (8 per
    kernel, twice while a new result replaces the old), and the views' copies
    and display buffers (12 per channel or map).
    """
    pixels = H * W
    multiply_adds = pixels * K * max(1, C // max(1, groups)) * kh * kw
    memory = pixels * (C * (8 + 12) + K * (8 * 2 + 12))
    return CostEstimate((H, W, C, K, kh, kw), multiply_adds, memory, multiply_adds / MULTIPLY_ADDS_PER_SECOND)


def scene_cost(scene: Scene) -> CostEstimate:
    H, W, C = scene.input_shape
    kh, kw, _, K = scene.kernel_shape
    return estimate_cost(H, W, C, K, kh, kw, scene.params.groups)


def suggested_side(H: int, W: int, C: int, K: int, kh: int = 3, kw: int = 3, groups: int = 1) -> int:
    """The largest "nice" side to downsize to at which the cost is acceptable."""
    for side in SIDE_LADDER:
        if side >= max(H, W):
            continue
        h, w = downsized_shape(H, W, side)
        if not estimate_cost(h, w, C, K, kh, kw, groups).too_large:
            return side
    return SIDE_LADDER[-1]


def _count(n: float) -> str:
    # Chinese counts large numbers in 亿 (10⁸) and 万 (10⁴), not in thousands.
    units = ((1e8, "亿"), (1e4, "万")) if current_language() == "zh_CN" else ((1e9, "billion"), (1e6, "million"))
    for unit, name in units:
        if n >= unit:
            return f"{n / unit:.3g} {name}"
    return f"{n:.0f}"


def _duration(seconds: float) -> str:
    if seconds >= 120:
        return f"{seconds / 60:.0f} min"
    if seconds >= 1:
        return f"{seconds:.0f} s"
    return f"{seconds * 1000:.0f} ms"


def _bytes(n: float) -> str:
    for unit, name in ((1024**3, "GB"), (1024**2, "MB")):
        if n >= unit:
            return f"{n / unit:.3g} {name}"
    return f"{n / 1024:.0f} KB"
