"""The scene document: the one place the current scene lives in the window.

Every change goes through a method here that pushes an undo command, and the
command replaces the (immutable) scene and emits :attr:`SceneDocument.sceneChanged`
with a :class:`SceneChange` saying what changed, so views repaint only what
they must. Nobody else mutates the scene.

Cell edits store only the values they change, not whole scenes, so a long
editing session on a large image doesn't fill memory with undo history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from convviz.core import edits
from convviz.core.errors import ConvError
from convviz.core.scene import Kernel, Scene

__all__ = ["ChangeKind", "SceneChange", "SceneDocument"]

translate = QCoreApplication.translate


class ChangeKind(str, Enum):
    VALUES = "values"  # numbers inside one matrix (or a bias); shapes unchanged
    PARAMS = "params"  # stride, padding, dilation, groups, padding mode
    STRUCTURE = "structure"  # shapes, kernel count or order
    NAMES = "names"  # kernel names, scene name/description
    SCENE = "scene"  # a whole new scene (load, new)


@dataclass(frozen=True)
class SceneChange:
    kind: ChangeKind
    target: str = ""  # "input", "kernel" or "bias" for VALUES
    kernel: int = -1
    channel: int = -1
    region: tuple[int, int, int, int] | None = None  # rows [r0, r1), cols [c0, c1)


class _CellsCommand(QUndoCommand):
    """New values for a block of one matrix; remembers only that block."""

    def __init__(self, doc: SceneDocument, target: str, kernel: int, channel: int, row: int, col: int, block: np.ndarray, text: str) -> None:
        super().__init__(text)
        self._doc, self._where = doc, (target, kernel, channel, row, col)
        self._new = np.array(block, dtype=np.float64)
        old = edits.matrix_of(doc.scene, target, kernel, channel)
        self._old = old[row : row + self._new.shape[0], col : col + self._new.shape[1]].copy()

    def _apply(self, block: np.ndarray) -> None:
        target, kernel, channel, row, col = self._where
        scene = edits.with_block(self._doc.scene, target, kernel, channel, row, col, block)
        region = (row, col, row + block.shape[0], col + block.shape[1])
        self._doc._replace(scene, SceneChange(ChangeKind.VALUES, target, kernel, channel, region))

    def redo(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)


class _SceneCommand(QUndoCommand):
    """Swap between two whole scenes (they share their unchanged arrays)."""

    def __init__(self, doc: SceneDocument, before: Scene, after: Scene, change: SceneChange, text: str) -> None:
        super().__init__(text)
        self._doc, self._before, self._after, self._change = doc, before, after, change

    def redo(self) -> None:
        self._doc._replace(self._after, self._change)

    def undo(self) -> None:
        self._doc._replace(self._before, self._change)


class SceneDocument(QObject):
    """Holds the current scene and its undo stack; every edit is a command."""

    sceneChanged = Signal(object)  # SceneChange
    # An edit that was refused, with the message for the user (the place
    # that asked shows it; the document itself never opens dialogs).
    editRefused = Signal(str)

    def __init__(self, scene: Scene, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scene = scene
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(1000)

    @property
    def scene(self) -> Scene:
        return self._scene

    def _replace(self, scene: Scene, change: SceneChange) -> None:
        self._scene = scene
        self.sceneChanged.emit(change)

    # -- edits ------------------------------------------------------------------
    def _push_scene(self, make: Callable[[Scene], Scene], change: SceneChange, text: str) -> bool:
        """Push a whole-scene command for ``make(scene)``; False if refused."""
        before = self._scene
        try:
            after = make(before)
            if after is not before:
                # Finite inputs can still overflow: refuse the edit that
                # would make inf or NaN, naming the kernel and the cell.
                edits.check_results_finite(after)
        except ConvError as exc:
            self.editRefused.emit(str(exc))
            return False
        if after is before or after == before:
            return True
        self.undo_stack.push(_SceneCommand(self, before, after, change, text))
        return True

    def set_block(self, target: str, kernel: int, channel: int, row: int, col: int, block: np.ndarray, text: str = "") -> bool:
        """Write a block of values (typing, paste, fill) as one undo step."""
        block = np.atleast_2d(np.asarray(block, dtype=np.float64))
        current = edits.matrix_of(self._scene, target, kernel, channel)
        rows, cols = current.shape
        if row < 0 or col < 0 or row + block.shape[0] > rows or col + block.shape[1] > cols:
            self.editRefused.emit(translate("SceneDocument", "{h}×{w} values don't fit at row {row}, column {col} of a {rows}×{cols} grid")
                                  .format(h=block.shape[0], w=block.shape[1], row=row, col=col, rows=rows, cols=cols))  # fmt: skip
            return False
        if not np.isfinite(block).all():
            self.editRefused.emit(translate("SceneDocument", "values must be finite numbers"))
            return False
        old = current[row : row + block.shape[0], col : col + block.shape[1]]
        if np.array_equal(old, block):
            return True
        try:
            edits.check_block_finite(self._scene, target, kernel, channel, row, col, block)
        except ConvError as exc:
            self.editRefused.emit(str(exc))
            return False
        where, rows, cols = self.matrix_name(target, kernel, channel), block.shape[0], block.shape[1]
        if not text:
            if target == "input":
                one, many = translate("SceneDocument", "Edit {where} cell ({row}, {col})"), translate("SceneDocument", "Change {rows}×{cols} cells of {where}")
            else:
                one, many = translate("SceneDocument", "Edit {where} weight ({row}, {col})"), translate("SceneDocument", "Change {rows}×{cols} weights of {where}")
            text = (one if block.size == 1 else many).format(where=where, row=row, col=col, rows=rows, cols=cols)
        else:  # "Fill with 3", "Paste 2×2 values": say where
            text = translate("SceneDocument", "{action} in {where}").format(action=text, where=where)
        self.undo_stack.push(_CellsCommand(self, target, kernel, channel, row, col, block, text))
        return True

    def matrix_name(self, target: str, kernel: int, channel: int) -> str:
        """``input channel 2`` or ``W1 channel 3``, channels counted from 1 as
        in the panels (a kernel's channel is named by the input channel it reads)."""
        scene = self._scene
        if target == "input":
            return translate("SceneDocument", "input channel {n}").format(n=channel + 1)
        readers = scene.input_channels_of_kernel(kernel) if scene.groups_fit else range(scene.kernel_shape[2])
        shown = readers[channel] if channel < len(readers) else channel
        return translate("SceneDocument", "{kernel} channel {n}").format(kernel=scene.kernels[kernel].name, n=shown + 1)

    def set_matrix(self, target: str, kernel: int, channel: int, values: np.ndarray, text: str) -> bool:
        """Replace one whole matrix (fill, clear, randomize, flip, transpose)."""
        return self.set_block(target, kernel, channel, 0, 0, values, text)

    def set_grad_output(self, values: np.ndarray | None, text: str = "Edit dY") -> bool:
        """The upstream gradient dY of the backward pass (None: all ones), as one undo step."""
        change = SceneChange(ChangeKind.VALUES, "grad_output")
        return self._push_scene(lambda s: s.with_grad_output(values), change, text)

    def set_bias(self, kernel: int, value: float) -> bool:
        k = self._scene.kernels[kernel]
        return self._push_scene(
            lambda s: s.with_kernel(kernel, Kernel(k.name, k.weights, value)),
            SceneChange(ChangeKind.VALUES, "bias", kernel),
            translate("SceneDocument", "Set bias of {kernel} to {value}").format(kernel=k.name, value=f"{value:g}"),
        )

    def rename_kernel(self, kernel: int, name: str) -> bool:
        name = name.strip()
        k = self._scene.kernels[kernel]
        if not name:
            self.editRefused.emit(translate("SceneDocument", "a kernel needs a name"))
            return False
        return self._push_scene(
            lambda s: s.with_kernel(kernel, Kernel(name, k.weights, k.bias)),
            SceneChange(ChangeKind.NAMES, kernel=kernel),
            translate("SceneDocument", "Rename {kernel} to {name}").format(kernel=k.name, name=name),
        )

    def set_properties(self, name: str, description: str) -> bool:
        """The scene's title and description (Scene → Properties…)."""
        return self._push_scene(
            lambda s: s.renamed(name, description), SceneChange(ChangeKind.NAMES), translate("SceneDocument", "Edit scene properties")
        )

    def set_params(self, text: str, **changes: object) -> bool:
        """Stride, padding, padding_mode or dilation; groups go through :meth:`set_groups`."""
        return self._push_scene(lambda s: s.with_params(**changes), SceneChange(ChangeKind.PARAMS), text)

    def set_groups(self, groups: int) -> bool:
        return self._push_scene(
            lambda s: edits.with_groups(s, groups), SceneChange(ChangeKind.STRUCTURE), translate("SceneDocument", "Set groups to {groups}").format(groups=groups)
        )

    def resize_input(self, H: int, W: int, C: int) -> bool:
        return self._push_scene(
            lambda s: edits.with_input_size(s, H, W, C),
            SceneChange(ChangeKind.STRUCTURE),
            translate("SceneDocument", "Resize input to [{H},{W},{C}]").format(H=H, W=W, C=C),
        )

    def resize_kernels(self, kh: int, kw: int) -> bool:
        return self._push_scene(
            lambda s: edits.with_kernel_size(s, kh, kw), SceneChange(ChangeKind.STRUCTURE), translate("SceneDocument", "Resize kernels to {kh}×{kw}").format(kh=kh, kw=kw)
        )

    def set_kernel_count(self, K: int) -> bool:
        return self._push_scene(
            lambda s: edits.with_kernel_count(s, K), SceneChange(ChangeKind.STRUCTURE), translate("SceneDocument", "Set number of kernels to {K}").format(K=K)
        )

    def add_kernel(self) -> bool:
        return self._push_scene(edits.with_kernel_added, SceneChange(ChangeKind.STRUCTURE), translate("SceneDocument", "Add kernel"))

    def duplicate_kernel(self, kernel: int) -> bool:
        source = self._scene.kernels[kernel]
        return self._push_scene(
            lambda s: edits.with_kernel_added(s, kernel + 1, source),
            SceneChange(ChangeKind.STRUCTURE),
            translate("SceneDocument", "Duplicate {kernel}").format(kernel=source.name),
        )

    def remove_kernel(self, kernel: int) -> bool:
        name = self._scene.kernels[kernel].name
        return self._push_scene(
            lambda s: edits.with_kernel_removed(s, kernel), SceneChange(ChangeKind.STRUCTURE), translate("SceneDocument", "Remove {kernel}").format(kernel=name)
        )

    def move_kernel(self, kernel: int, to: int) -> bool:
        if not 0 <= to < len(self._scene.kernels):
            return False
        name = self._scene.kernels[kernel].name
        return self._push_scene(
            lambda s: edits.with_kernel_moved(s, kernel, to), SceneChange(ChangeKind.STRUCTURE), translate("SceneDocument", "Move {kernel}").format(kernel=name)
        )

    def replace_kernel(self, kernel: int, new: Kernel, text: str) -> bool:
        return self._push_scene(lambda s: s.with_kernel(kernel, new), SceneChange(ChangeKind.STRUCTURE), text)

    def load_scene(self, scene: Scene, text: str = "") -> None:
        """A new scene (opened, new, a preset), as one undo step."""
        self._push_scene(lambda s: scene, SceneChange(ChangeKind.SCENE), text or translate("SceneDocument", "Load {name}").format(name=scene.name or "scene"))

    def reset(self, scene: Scene) -> None:
        """Start over with ``scene`` and an empty undo history."""
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._replace(scene, SceneChange(ChangeKind.SCENE))

    def apply_kernel_preset(self, preset, kernel: int, mode: str = "every", channel: int = 0) -> bool:
        """Apply a :class:`~convviz.core.scene.KernelPreset` as one undo step.

        A one-kernel preset replaces kernel ``kernel``, a larger one all the
        kernels; ``mode``/``channel`` say how a preset with fewer channels
        is spread (see :mod:`convviz.core.preset_apply`, which also resizes
        every kernel to the preset's size in the same step).
        """
        from convviz.core.preset_apply import with_preset_applied  # local: keeps this addition self-contained

        before = self._scene
        try:
            after = with_preset_applied(before, preset, kernel, mode, channel)
        except ConvError as exc:
            self.editRefused.emit(str(exc))
            return False
        text = translate("SceneDocument", "Apply {preset} to all kernels").format(preset=preset.name or "preset")
        if len(preset.kernels) == 1:
            # The kernel takes the preset's name: say so, or the status bar's
            # "to W0" names a kernel that no longer exists.
            old, new = before.kernels[kernel].name, after.kernels[kernel].name
            text = translate("SceneDocument", "Apply {preset} to {kernel}").format(preset=preset.name or "preset", kernel=old)
            text += translate("SceneDocument", ", renamed {name}").format(name=new) if new != old else ""
        return self._push_scene(lambda s: after, SceneChange(ChangeKind.STRUCTURE), text)
