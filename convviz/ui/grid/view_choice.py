"""When a grid is drawn as an image instead of numbers.

Kept apart from the image view itself so the window can decide without
importing pyqtgraph, which only loads once an image is actually shown.
"""

from __future__ import annotations

__all__ = ["IMAGE_THRESHOLD", "VIEW_MODES", "wants_image_view"]

IMAGE_THRESHOLD = 32  # cells per side above which "auto" shows an image
VIEW_MODES = ("auto", "numbers", "images")


def wants_image_view(rows: int, cols: int, mode: str) -> bool:
    """Whether a ``rows × cols`` grid is drawn as an image in view ``mode``."""
    if mode not in VIEW_MODES:
        raise ValueError(f"view mode must be one of {', '.join(VIEW_MODES)}, got {mode!r}")
    if mode == "auto":
        return max(rows, cols) > IMAGE_THRESHOLD
    return mode == "images"
