"""convviz's core: numpy only, no Qt.

The engine, the scene and its file format, the preset catalogue, the step
trace and the ledger. Everything the window, the animator and the exporters
show is derived from here.
"""

from convviz.core.engine import channel_partials, conv2d, output_shape
from convviz.core.errors import ConvError, ConvvizError, ExportOptionError, RenderOptionError, SceneFileError
from convviz.core.geometry import PADDING_MODES, ConvGeometry, resolve_geometry
from convviz.core.ledger import build_ledger, ledger_text
from convviz.core.scene import ConvParams, Kernel, KernelPreset, Scene
from convviz.core.trace import CellComputation, Level, Order, Phase, Step, StepTrace

__all__ = [
    "PADDING_MODES",
    "CellComputation",
    "ConvError",
    "ConvvizError",
    "ConvGeometry",
    "ConvParams",
    "Kernel",
    "KernelPreset",
    "ExportOptionError",
    "Level",
    "Order",
    "Phase",
    "RenderOptionError",
    "Scene",
    "SceneFileError",
    "Step",
    "StepTrace",
    "build_ledger",
    "channel_partials",
    "conv2d",
    "ledger_text",
    "output_shape",
    "resolve_geometry",
]
