"""When a grid is drawn as an image instead of numbers, and its colour range.

Kept apart from the image view itself so the window can decide without
importing pyqtgraph, which only loads once an image is actually shown.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["IMAGE_THRESHOLD", "VIEW_MODES", "image_peak", "wants_image_view"]

IMAGE_THRESHOLD = 32  # cells per side above which "auto" shows an image
VIEW_MODES = ("auto", "numbers", "images")


def wants_image_view(rows: int, cols: int, mode: str) -> bool:
    """Whether a ``rows × cols`` grid is drawn as an image in view ``mode``."""
    if mode not in VIEW_MODES:
        raise ValueError(f"view mode must be one of {', '.join(VIEW_MODES)}, got {mode!r}")
    if mode == "auto":
        return max(rows, cols) > IMAGE_THRESHOLD
    return mode == "images"


def image_peak(values: np.ndarray) -> np.float64:
    """The |value| that 99.5 % of an image's pixels stay within.

    Feature maps of images overshoot at a few pixels (a sharpen's corners
    reach 4 where the picture is 0–1); scaling the colours to those would
    wash out everything else. Read from a subsample of at most about
    128×128 pixels, so it stays cheap for large maps.
    """
    step = max(1, math.ceil(max(values.shape[:2]) / 128))
    return np.percentile(np.abs(values[::step, ::step]), 99.5)
