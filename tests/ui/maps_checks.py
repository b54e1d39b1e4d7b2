"""What the window's feature maps should be, and what its grids show."""

from __future__ import annotations

import numpy as np

from convviz.core.engine import conv2d


def engine_maps(scene) -> np.ndarray:
    """The scene's feature maps straight from the engine."""
    p = scene.params
    return conv2d(
        scene.input, scene.kernel_stack, scene.biases,
        stride=p.stride, padding=p.padding, dilation=p.dilation, groups=p.groups, padding_mode=p.padding_mode,
    )


def shown_maps(window) -> np.ndarray:
    """What the output panel's grids show, stacked as (oh, ow, K)."""
    return np.stack([view.model.values() for view in window.output_panel.views], axis=-1)
