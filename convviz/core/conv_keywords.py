"""The keyword parameters the engine's operations share, as typed dicts.

``conv2d``, ``channel_partials``, ``partial_maps``, ``conv2d_backward``,
``unfold``, ``output_shape`` and the transposed operations all take PyTorch's
keyword parameters. Each is checked, with its default, in one place
(:func:`~convviz.core.forward.check_arrays` for groups,
:func:`~convviz.core.geometry.resolve_geometry`,
:func:`~convviz.core.transposed.resolve_transposed`), and the operations pass
them on with ``**``; these dicts type them (``Unpack``). Values are ``object``
where a caller may pass anything: it is checked and refused with a
:class:`~convviz.core.errors.ConvError`.
"""

from __future__ import annotations

from typing import TypedDict

__all__ = ["ConvKeywords", "GeometryKeywords", "ShapeKeywords", "TransposedKeywords", "TransposedShapeKeywords"]


class ShapeKeywords(TypedDict, total=False):
    """What sets an output size: ``stride``, ``padding`` and ``dilation``."""

    stride: object
    padding: object
    dilation: object


class GeometryKeywords(ShapeKeywords, total=False):
    """:func:`~convviz.core.geometry.resolve_geometry`'s keywords."""

    padding_mode: str


class ConvKeywords(GeometryKeywords, total=False):
    """:func:`~convviz.core.forward.conv2d`'s keywords."""

    groups: object


class TransposedShapeKeywords(ShapeKeywords, total=False):
    """What sets a transposed convolution's output size."""

    output_padding: object


class TransposedKeywords(TransposedShapeKeywords, total=False):
    """:func:`~convviz.core.transposed.resolve_transposed`'s keywords."""

    padding_mode: object
