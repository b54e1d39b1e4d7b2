"""The convolution engine: every operation, in the seed's layout.

Shapes use the seed's notation: ``x`` is ``(H, W, C)``, ``kernels``
``(kh, kw, C // groups, K)``, ``bias`` ``(K,)``, a result ``(oh, ow, K)``,
float64. Semantics are PyTorch's (``conv2d``, ``conv_transpose2d``,
``unfold``, autograd's gradients); every impossible request raises
:class:`ConvError` naming the parameter and the numbers.

The operations live in one module each (:mod:`~convviz.core.forward`,
:mod:`~convviz.core.unfold`, :mod:`~convviz.core.transposed`,
:mod:`~convviz.core.backward`); this module gathers them, so callers have
one place to import from and the modules never import each other through it.
"""

from convviz.core.backward import conv2d_backward
from convviz.core.errors import ConvError
from convviz.core.forward import (
    ConvRequest,
    channel_partials,
    check_arrays,
    compute,
    compute_partials,
    conv2d,
    partial_maps,
    prepare,
)
from convviz.core.geometry import output_shape
from convviz.core.transposed import conv_transpose2d, transposed_output_shape
from convviz.core.unfold import im2col_product, unfold, weight_matrix

__all__ = [
    "ConvError",
    "ConvRequest",
    "channel_partials",
    "check_arrays",
    "compute",
    "compute_partials",
    "conv2d",
    "conv2d_backward",
    "conv_transpose2d",
    "im2col_product",
    "output_shape",
    "partial_maps",
    "prepare",
    "transposed_output_shape",
    "unfold",
    "weight_matrix",
]
