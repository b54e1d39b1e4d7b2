"""The scene: one input, its kernels and the convolution parameters.

Scenes are immutable values. Every change makes a new scene that shares the
unchanged arrays with the old one, which keeps undo cheap and lets views
hold on to a scene without it changing under them. Arrays handed out are
read-only.

Shapes use the seed's notation: the input is ``(H, W, C)``, each kernel's
weights ``(kh, kw, c)`` with ``c = C // groups``, stacked to
``(kh, kw, c, K)`` for the engine; the feature maps are ``(oh, ow, K)``.

A scene may describe an impossible convolution for a while (a user is
halfway through changing the channel count, say). Only the engine decides
that, through :meth:`Scene.request`, which raises :class:`ConvError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TypedDict, Unpack

import numpy as np

from convviz.core import engine
from convviz.core.errors import ConvError, Message
from convviz.core.geometry import PADDING_MODES, ConvGeometry, Pair, as_pair, normalize_padding, resolve_geometry
from convviz.core.language import translate
from convviz.core.transposed import TransposedGeometry, resolve_transposed

__all__ = [
    "OPS",
    "ConvParams",
    "EngineKwargs",
    "Kernel",
    "KernelPreset",
    "ParamChanges",
    "Scene",
    "TransposedKwargs",
    "frozen_array",
]

OPS = ("conv", "conv_transpose")
# What the forward convolution's parts (geometry, engine request) say of a
# transposed scene: it is stepped by its own traces instead.
TRANSPOSED_STEPPING = Message(
    "a transposed convolution has no forward geometry; it is stepped as a scatter "
    "(convviz.core.transposed_trace) or as its equivalent direct convolution (convviz.core.transposed_direct)"
)


class GeometryKwargs(TypedDict):
    """:func:`resolve_geometry`'s keyword arguments, from :class:`ConvParams`."""

    stride: Pair
    padding: Pair | str
    dilation: Pair
    padding_mode: str


class EngineKwargs(GeometryKwargs):
    """``conv2d``'s (and ``prepare``'s, ``conv2d_backward``'s) keyword arguments."""

    groups: int


class TransposedKwargs(EngineKwargs):
    """``conv_transpose2d``'s keyword arguments."""

    output_padding: Pair


class ParamChanges(TypedDict, total=False):
    """The :class:`ConvParams` fields :meth:`Scene.with_params` may change."""

    stride: Pair
    padding: Pair | str
    padding_mode: str
    dilation: Pair
    groups: int
    op: str
    output_padding: Pair


class SceneChanges(TypedDict, total=False):
    """The :class:`Scene` fields a derived scene may change."""

    input: np.ndarray
    kernels: tuple[Kernel, ...]
    params: ConvParams
    name: str
    description: str
    grad_output: np.ndarray | None


def frozen_array(value: object, ndim: int, what: str) -> np.ndarray:
    """A read-only float64 copy-if-needed of ``value`` with ``ndim`` dimensions."""
    arr = np.array(value, dtype=np.float64, copy=True)
    if arr.ndim != ndim:
        raise ConvError("{what} must be {ndim}-D, got shape {arr_shape}", what=what, ndim=ndim, arr_shape=arr.shape)
    if arr.size == 0:
        raise ConvError("{what} must not be empty, got shape {arr_shape}", what=what, arr_shape=arr.shape)
    if not np.isfinite(arr).all():
        raise ConvError("{what} must hold finite numbers only", what=what)
    arr.flags.writeable = False
    return arr


@dataclass(frozen=True)
class ConvParams:
    """Stride, padding, padding mode, dilation and groups, PyTorch's defaults."""

    stride: tuple[int, int] = (1, 1)
    padding: tuple[int, int] | str = (0, 0)
    padding_mode: str = "zeros"
    dilation: tuple[int, int] = (1, 1)
    groups: int = 1
    # "conv" (conv2d) or "conv_transpose" (conv_transpose2d, which also
    # takes output_padding and pads with zeros only).
    op: str = "conv"
    output_padding: tuple[int, int] = (0, 0)

    def __post_init__(self) -> None:
        if self.op not in OPS:
            raise ConvError("op must be one of {ops}, got {op!r}", ops=', '.join(OPS), op=self.op)
        object.__setattr__(self, "output_padding", as_pair(self.output_padding, "output_padding", minimum=0))
        object.__setattr__(self, "stride", as_pair(self.stride, "stride", minimum=1))
        object.__setattr__(self, "dilation", as_pair(self.dilation, "dilation", minimum=1))
        object.__setattr__(self, "padding", normalize_padding(self.padding))
        if self.padding_mode not in PADDING_MODES:
            raise ConvError(
                "padding_mode must be one of {padding_modes}, got {padding_mode!r}",
                padding_modes=', '.join(PADDING_MODES), padding_mode=self.padding_mode,
            )
        if isinstance(self.groups, bool) or not isinstance(self.groups, (int, np.integer)) or self.groups < 1:
            raise ConvError("groups must be a whole number ≥ 1, got {groups!r}", groups=self.groups)
        object.__setattr__(self, "groups", int(self.groups))

    def engine_kwargs(self) -> EngineKwargs:
        return {**_geometry_kwargs(self), "groups": self.groups}

    def transposed_kwargs(self) -> TransposedKwargs:
        """Keyword arguments for :func:`engine.conv_transpose2d`."""
        return {**self.engine_kwargs(), "output_padding": self.output_padding}

    @property
    def transposed(self) -> bool:
        return self.op == "conv_transpose"

    def describe(self) -> str:
        """``stride 1×1 · padding 0×0 (zeros) · dilation 1×1 · groups 1``.

        A transposed convolution starts with ``transposed`` and names its
        output padding.
        """
        pad = self.padding if isinstance(self.padding, str) else f"{self.padding[0]}×{self.padding[1]}"
        words = translate(
            "scene", "stride {stride} · padding {padding} ({mode}) · dilation {dilation} · groups {groups}"
        )
        text = words.format(
            stride=f"{self.stride[0]}×{self.stride[1]}", padding=pad, mode=self.padding_mode,
            dilation=f"{self.dilation[0]}×{self.dilation[1]}", groups=self.groups,
        )  # fmt: skip
        if self.transposed:
            op = self.output_padding
            words = translate("scene", "transposed · {params} · output padding {pad}")
            text = words.format(params=text, pad=f"{op[0]}×{op[1]}")
        return text


@dataclass(frozen=True)
class Kernel:
    """One kernel: a name, weights ``(kh, kw, c)`` and a bias."""

    name: str
    weights: np.ndarray
    bias: float = 0.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", _frozen(self.weights, 3, f"kernel {self.name!r} weights"))
        bias = float(self.bias)
        if not np.isfinite(bias):
            raise ConvError("kernel {name!r} bias must be a finite number, got {bias!r}", name=self.name, bias=self.bias)
        object.__setattr__(self, "bias", bias)

    @property
    def shape(self) -> tuple[int, int, int]:
        kh, kw, c = self.weights.shape  # three axes: __post_init__ checked
        return kh, kw, c

    def with_weights(self, weights: np.ndarray) -> Kernel:
        return replace(self, weights=weights)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Kernel)
            and self.name == other.name
            and self.bias == other.bias
            and self.weights.shape == other.weights.shape
            and bool(np.array_equal(self.weights, other.weights))
        )

    __hash__ = None  # type: ignore[assignment]


def _frozen(value: object, ndim: int, what: str) -> np.ndarray:
    # Already a read-only float64 array: share it rather than copy it, which
    # is what makes derived scenes cheap.
    if isinstance(value, np.ndarray) and value.dtype == np.float64 and not value.flags.writeable and value.ndim == ndim:
        return value
    return frozen_array(value, ndim, what)


def _check_kernels(kernels: tuple[Kernel, ...]) -> None:
    if not kernels:
        raise ConvError("a scene needs at least one kernel")
    first = kernels[0].shape
    for k in kernels[1:]:
        if k.shape != first:
            raise ConvError(
                "all kernels must have the same shape [kh,kw,c]: {name} is [{map}], {k_name} is [{map1}]",
                name=kernels[0].name, map=','.join(map(str, first)), k_name=k.name, map1=','.join(map(str, k.shape)),
            )


@dataclass(frozen=True, eq=False)
class Scene:
    """An input ``(H, W, C)``, kernels and parameters, with a name and description."""

    input: np.ndarray
    kernels: tuple[Kernel, ...]
    params: ConvParams = field(default_factory=ConvParams)
    name: str = ""
    description: str = ""
    # The upstream gradient dY for the backward pass, (oh, ow, K), or None
    # for all ones. Its shape is checked when it is used.
    grad_output: np.ndarray | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "input", _frozen(self.input, 3, "input"))
        if self.grad_output is not None:
            object.__setattr__(self, "grad_output", _frozen(self.grad_output, 3, "grad_output"))
        object.__setattr__(self, "kernels", tuple(self.kernels))
        _check_kernels(self.kernels)

    # -- shapes ---------------------------------------------------------------
    @property
    def input_shape(self) -> tuple[int, int, int]:
        """``(H, W, C)``."""
        H, W, C = self.input.shape  # three axes: __post_init__ checked
        return H, W, C

    @property
    def kernel_shape(self) -> tuple[int, int, int, int]:
        """``(kh, kw, c, K)``."""
        kh, kw, c = self.kernels[0].shape
        return kh, kw, c, len(self.kernels)

    @cached_property
    def kernel_stack(self) -> np.ndarray:
        """All weights as the engine wants them: ``(kh, kw, c, K)``, read-only."""
        stack = np.stack([k.weights for k in self.kernels], axis=-1)
        stack.flags.writeable = False
        return stack

    @cached_property
    def biases(self) -> np.ndarray:
        b = np.array([k.bias for k in self.kernels], dtype=np.float64)
        b.flags.writeable = False
        return b

    # -- the convolution ------------------------------------------------------
    def geometry(self) -> ConvGeometry:
        """Resolved geometry; raises :class:`ConvError` if impossible.

        The geometry of the forward convolution, which the trace steps; a
        transposed scene has none (:data:`TRANSPOSED_STEPPING`).
        """
        if self.params.transposed:
            raise ConvError(TRANSPOSED_STEPPING)
        kh, kw, _, _ = self.kernel_shape
        return resolve_geometry(self.input.shape[:2], (kh, kw), **_geometry_kwargs(self.params))

    def request(self) -> engine.ConvRequest:
        """The checked engine request; raises :class:`ConvError` if impossible."""
        if self.params.transposed:
            raise ConvError(TRANSPOSED_STEPPING)
        return engine.prepare(self.input, self.kernel_stack, self.biases, **self.params.engine_kwargs())

    def feature_maps(self) -> np.ndarray:
        """``(oh, ow, K)``, of ``conv2d`` or ``conv_transpose2d`` as ``params.op`` says;
        raises :class:`ConvError` if impossible, or if a value overflows
        (finite inputs can still give ``inf``)."""
        with np.errstate(over="ignore", invalid="ignore"):
            if self.params.transposed:
                maps = engine.conv_transpose2d(self.input, self.kernel_stack, self.biases, **self.params.transposed_kwargs())
            else:
                maps = engine.compute(self.request())
        self._check_finite(maps)
        return maps

    def transposed_geometry(self) -> TransposedGeometry:
        """Resolved geometry of the transposed convolution (whatever ``params.op``
        says); raises :class:`ConvError` if impossible."""
        kh, kw, _, _ = self.kernel_shape
        engine.check_arrays(self.input, self.kernel_stack, self.biases, self.params.groups)
        p = self.params
        return resolve_transposed(
            self.input.shape[:2],
            (kh, kw),
            stride=p.stride,
            padding=p.padding,
            output_padding=p.output_padding,
            dilation=p.dilation,
            padding_mode=p.padding_mode,
        )

    def output_hw(self) -> tuple[int, int]:
        """``(oh, ow)`` of either op; raises :class:`ConvError` if impossible."""
        if self.params.transposed:
            return self.transposed_geometry().output_hw
        return self.geometry().output_hw

    def gradients(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(dX, dW, db)`` of the forward convolution for ``grad_output`` (all ones
        if None); raises :class:`ConvError` if impossible or if dY has the wrong shape."""
        if self.params.transposed:
            raise ConvError("the backward pass is for a forward convolution (op \"conv\"); this scene is transposed")
        dy = self.grad_output
        if dy is None:
            oh, ow = self.geometry().output_hw
            dy = np.ones((oh, ow, len(self.kernels)))
        return engine.conv2d_backward(self.input, self.kernel_stack, dy, **self.params.engine_kwargs())

    def with_grad_output(self, values: np.ndarray | None) -> Scene:
        return replace(self, grad_output=values)

    def channel_partials(self) -> np.ndarray:
        """``(oh, ow, K, c)``; raises :class:`ConvError` if impossible or if a
        partial sum overflows."""
        request = self.request()
        with np.errstate(over="ignore", invalid="ignore"):
            partials = engine.compute_partials(request)
        self._check_finite(partials)
        return partials

    def _check_finite(self, values: np.ndarray) -> None:
        if np.isfinite(values).all():
            return
        row, col, k = (int(i) for i in np.argwhere(~np.isfinite(values))[0][:3])
        raise ConvError(
            "kernel {name}, output cell ({row}, {col}): the result is too large for a 64-bit number (it "
            "overflows past ±1.8e308); use smaller input values, weights or bias",
            name=self.kernels[k].name, row=row, col=col,
        )

    @property
    def groups_fit(self) -> bool:
        """Whether the groups divide C and K and each kernel has C // groups
        channels, so every kernel reads exactly its group's channels."""
        C, (_, _, c, K), g = self.input_shape[2], self.kernel_shape, self.params.groups
        return C % g == 0 and K % g == 0 and c == C // g

    def group_of_kernel(self, k: int) -> int:
        """The group kernel ``k`` belongs to: ``k // (K // groups)`` when the
        groups divide K. Written without that quotient so a scene whose
        groups don't divide K (which the engine refuses with a message)
        still has an answer instead of dividing by zero."""
        return k * self.params.groups // len(self.kernels)

    def input_channels_of_kernel(self, k: int) -> range:
        """The input channels kernel ``k`` reads (its group's channels), cut
        to the input's channels while the groups don't fit (see :attr:`groups_fit`)."""
        C, c = self.input_shape[2], self.kernel_shape[2]
        g = self.group_of_kernel(k)
        return range(min(g * c, C), min((g + 1) * c, C))

    @cached_property
    def input_abs_bound(self) -> float:
        """An upper bound on every ``|input|`` value: exact when computed here,
        carried forward (never lowered) through edits, so checking a typed
        value for overflow doesn't scan a large image each time."""
        return max(float(self.input.max()), -float(self.input.min()))

    # -- derived scenes -------------------------------------------------------
    def _derived(self, **changes: Unpack[SceneChanges]) -> Scene:
        new = replace(self, **changes)
        if "input" not in changes and "input_abs_bound" in self.__dict__:
            new.__dict__["input_abs_bound"] = self.__dict__["input_abs_bound"]
        return new

    def with_input(self, values: np.ndarray) -> Scene:
        return replace(self, input=values)

    def with_kernels(self, kernels: tuple[Kernel, ...] | list[Kernel]) -> Scene:
        return self._derived(kernels=tuple(kernels))

    def with_kernel(self, index: int, kernel: Kernel) -> Scene:
        kernels = list(self.kernels)
        kernels[index] = kernel
        return self.with_kernels(kernels)

    def with_params(self, **changes: Unpack[ParamChanges]) -> Scene:
        return self._derived(params=replace(self.params, **changes))

    def renamed(self, name: str, description: str | None = None) -> Scene:
        return self._derived(name=name, description=self.description if description is None else description)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Scene)
            and self.name == other.name
            and self.description == other.description
            and self.params == other.params
            and self.kernels == other.kernels
            and self.input.shape == other.input.shape
            and bool(np.array_equal(self.input, other.input))
            and _same_optional(self.grad_output, other.grad_output)
        )

    __hash__ = None  # type: ignore[assignment]


def _same_optional(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.shape == b.shape and bool(np.array_equal(a, b))


def _geometry_kwargs(params: ConvParams) -> GeometryKwargs:
    return {
        "stride": params.stride,
        "padding": params.padding,
        "dilation": params.dilation,
        "padding_mode": params.padding_mode,
    }


@dataclass(frozen=True, eq=False)
class KernelPreset:
    """A file without an input: kernels (with biases), maybe parameters."""

    kernels: tuple[Kernel, ...]
    params: ConvParams | None = None
    name: str = ""
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "kernels", tuple(self.kernels))
        _check_kernels(self.kernels)

    @property
    def kernel_shape(self) -> tuple[int, int, int, int]:
        kh, kw, c = self.kernels[0].shape
        return kh, kw, c, len(self.kernels)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, KernelPreset)
            and (self.name, self.description, self.params) == (other.name, other.description, other.params)
            and self.kernels == other.kernels
        )

    __hash__ = None  # type: ignore[assignment]
