"""convviz: see, step by step, how a convolution layer computes its feature maps.

As a library::

    import convviz
    y = convviz.conv2d(x, kernels, bias, stride=2)   # x (H, W, C), kernels (kh, kw, C // groups, K)
    convviz.show(x, kernels, bias, stride=2)          # the window on your own arrays

Every name is loaded on first use (PEP 562), so ``import convviz`` loads
neither Qt nor numpy; only :func:`show` starts Qt.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> the module that defines it.
_LAZY = {
    "conv2d": "convviz.core.engine",
    "conv_transpose2d": "convviz.core.engine",
    "conv2d_backward": "convviz.core.engine",
    "unfold": "convviz.core.engine",
    "channel_partials": "convviz.core.engine",
    "partial_maps": "convviz.core.engine",
    "output_shape": "convviz.core.engine",
    "ConvError": "convviz.core.errors",
    "ConvParams": "convviz.core.scene",
    "Kernel": "convviz.core.scene",
    "Scene": "convviz.core.scene",
    "scene_from_arrays": "convviz.core.array_scene",
    "load_scene": "convviz.core.scenefile",
    "show": "convviz.ui.shell.show",
}

__all__ = ["__version__", *_LAZY]

if TYPE_CHECKING:  # for type checkers and IDEs; at run time __getattr__ loads them
    from convviz.core.array_scene import scene_from_arrays
    from convviz.core.engine import (
        channel_partials,
        conv2d,
        conv2d_backward,
        conv_transpose2d,
        output_shape,
        partial_maps,
        unfold,
    )
    from convviz.core.errors import ConvError
    from convviz.core.scene import ConvParams, Kernel, Scene
    from convviz.core.scenefile import load_scene
    from convviz.ui.shell.show import show


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'convviz' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
