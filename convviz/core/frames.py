"""The frame of any step, for the window and every recording: the one entry point.

:mod:`convviz.core.frame` defines what a frame is and builds a forward
convolution's frames; the other computations build theirs on it (a
transposed convolution's scatter and its equivalent direct convolution, the
backward pass's gradients), and so do the feature-map section's other views
(partial maps, im2col). This module picks the builder by the kind of trace and
the view, so none of them imports another to be found (no import cycles, no
registry filled as a side effect of imports).
"""

from __future__ import annotations

from convviz.core.backward_frame import input_frame, param_frame
from convviz.core.backward_trace import InputGradTrace, ParamGradTrace
from convviz.core.frame import Frame, FrameOptions, FrameView, forward_frame_at
from convviz.core.frame_views import with_view
from convviz.core.scene import Scene
from convviz.core.trace import StepTrace
from convviz.core.transposed_direct import DirectTrace
from convviz.core.transposed_frame import direct_frame_at, scatter_frame_at
from convviz.core.transposed_trace import ScatterTrace

__all__ = ["frame_at"]


def frame_at(scene: Scene, trace: StepTrace | ScatterTrace, index: int, options: FrameOptions = FrameOptions()) -> Frame:
    """What step ``index`` of ``trace`` (a trace of ``scene``) shows."""
    # Subclasses of StepTrace first: each draws its own computation.
    if isinstance(trace, ScatterTrace):
        return scatter_frame_at(scene, trace, index, options)
    if isinstance(trace, DirectTrace):
        return direct_frame_at(scene, trace, index, options)
    if isinstance(trace, ParamGradTrace):
        return param_frame(trace, index, options)
    if isinstance(trace, InputGradTrace):
        return input_frame(trace, index, options)
    frame = forward_frame_at(scene, trace, index, options)
    return frame if FrameView(options.view) is FrameView.MAPS else with_view(scene, trace, frame)
