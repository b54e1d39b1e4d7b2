"""Keeps the feature maps in step with the document.

Small scenes recompute through the engine in the same event-loop turn as the
edit, so the output never lags a keystroke. Large ones are coalesced
(debounced) and computed on a worker thread (numpy releases the GIL), so
typing never stutters; a result that arrives for an older scene is dropped.

A value edit to maps that are up to date recomputes only what it reaches
(the windows over an edited input block, or the edited kernel's map), so
typing into a 512×512 image is as quick as into a 5×5 grid.

When the scene's convolution is impossible, :attr:`error` holds the engine's
message and :attr:`maps` keeps the last good maps, marked :attr:`stale`.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal
from superqt.utils import FunctionWorker, QSignalDebouncer, create_worker

from convviz.core.cost import scene_cost
from convviz.core.engine import conv2d
from convviz.core.errors import ConvError
from convviz.core.scene import Scene
from convviz.ui.document.document import ChangeKind, SceneChange, SceneDocument

__all__ = ["FeatureMaps", "maps_after_edit"]

# Multiply-adds below which computing inline is faster than any round trip
# to a thread (a 64×64×3 input with 8 3×3 kernels is about 0.8 million).
SYNC_WORK_LIMIT = 4_000_000
DEBOUNCE_MS = 40


def _work(scene: Scene) -> int:
    H, W, _ = scene.input_shape
    kh, kw, c, K = scene.kernel_shape
    return H * W * K * c * kh * kw


def maps_after_edit(scene: Scene, maps: np.ndarray, change: SceneChange) -> np.ndarray | None:
    """``scene``'s maps, from ``maps`` (those before the value edit ``change``)
    with only the output cells the edit reaches recomputed: the windows that
    read an edited input block (padding copies included), or one kernel's
    map. None when that isn't cheap, or the edit isn't a value edit."""
    try:
        geo = scene.geometry()
    except ConvError:
        return None
    kh, kw, c, K = scene.kernel_shape
    (oh, ow), p = geo.output_hw, scene.params
    if change.kind is not ChangeKind.VALUES or maps.shape != (oh, ow, K):
        return None
    if change.target == "input" and change.region is not None:
        r0, c0, r1, c1 = change.region
        if (r1 - r0) * (c1 - c0) * kh * kw * K * c > SYNC_WORK_LIMIT:
            return None
        rows = np.concatenate([geo.readers(r, c0)[0] for r in range(r0, r1)])
        cols = np.concatenate([geo.readers(r0, col)[1] for col in range(c0, c1)])
        if not rows.size or not cols.size:
            return maps  # the stride steps past the edited cells
        a, b, d, e = int(rows.min()), int(rows.max()) + 1, int(cols.min()), int(cols.max()) + 1
        if (b - a) * (e - d) * K * c * kh * kw > SYNC_WORK_LIMIT:
            return None
        # The padded input under those windows, then a convolution without padding.
        (sh, sw), (span_h, span_w) = geo.stride, geo.span_hw
        row_map, col_map = geo.row_map[a * sh : (b - 1) * sh + span_h], geo.col_map[d * sw : (e - 1) * sw + span_w]
        slab = scene.input[np.maximum(row_map, 0)][:, np.maximum(col_map, 0)]
        slab[row_map < 0] = 0.0
        slab[:, col_map < 0] = 0.0
        piece = conv2d(slab, scene.kernel_stack, scene.biases, stride=geo.stride, dilation=geo.dilation, groups=p.groups)
        where = (slice(a, b), slice(d, e), slice(None))
    elif change.target in ("kernel", "bias") and 0 <= change.kernel < K:
        if oh * ow * c * kh * kw > SYNC_WORK_LIMIT:
            return None
        k, channels = change.kernel, scene.input_channels_of_kernel(change.kernel)
        piece = conv2d(
            scene.input[:, :, channels.start : channels.stop], scene.kernel_stack[..., k : k + 1], scene.biases[k : k + 1],
            stride=p.stride, padding=p.padding, dilation=p.dilation, padding_mode=p.padding_mode,
        )
        where = (slice(None), slice(None), slice(k, k + 1))
    else:
        return None
    updated = maps.copy()  # maps handed out are never changed in place
    updated[where] = piece
    return updated


class FeatureMaps(QObject):
    changed = Signal()

    def __init__(self, document: SceneDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.maps: np.ndarray | None = None
        self.scene: Scene | None = None  # the scene the maps belong to
        self.error = ""
        self.stale = False
        self.busy = False
        self._generation = 0
        self._seen = document.scene  # the scene as of the last change handled
        self._worker: FunctionWorker | None = None  # at most one computation at a time
        self._working_on: tuple[int, Scene] = (0, document.scene)  # the worker's generation and scene
        self._debounce = QSignalDebouncer(parent=self)  # trailing: fires DEBOUNCE_MS after the last edit
        self._debounce.setTimeout(DEBOUNCE_MS)
        self._debounce.triggered.connect(self._start_worker)
        document.sceneChanged.connect(self._on_scene_changed)
        self.recompute_now()

    def recompute_now(self) -> None:
        """Compute for the current scene synchronously."""
        self._generation += 1
        scene = self._document.scene
        self._apply(self._generation, *self._compute(scene), scene)

    def _on_scene_changed(self, change: SceneChange) -> None:
        previous, self._seen = self._seen, self._document.scene
        if self._update_in_place(previous, change):
            return
        if _work(self._document.scene) <= SYNC_WORK_LIMIT:
            self._debounce.cancel()
            self.recompute_now()
        else:
            self._generation += 1
            self.busy = True
            self._debounce.throttle()

    def _update_in_place(self, previous: Scene, change: SceneChange) -> bool:
        """A value edit on up-to-date maps: recompute what it reaches, now."""
        if _work(self._document.scene) <= SYNC_WORK_LIMIT or self.busy or self.error:
            return False  # small scenes are as quick whole; pending work must finish
        if self.maps is None or self.scene is not previous:
            return False
        maps = maps_after_edit(self._document.scene, self.maps, change)
        if maps is None:
            return False
        self._generation += 1
        self._apply(self._generation, maps, "", self._document.scene)
        return True

    @staticmethod
    def _compute(scene: Scene) -> tuple[np.ndarray | None, str]:
        cost = scene_cost(scene)
        if cost.too_large:  # minutes of work or gigabytes: refuse rather than freeze
            return None, f"too large to compute here: {cost.describe()}; downsize the input or use fewer kernels"
        try:
            return scene.feature_maps(), ""
        except ConvError as exc:
            return None, str(exc)
        except MemoryError:
            return None, "not enough memory to compute these feature maps; make the input or the kernels smaller"

    def _start_worker(self) -> None:
        if self._worker is not None:
            return  # when it finishes, a result for an older scene starts the next one
        self._working_on = self._generation, self._document.scene
        # superqt runs it on Qt's thread pool and delivers the result in this
        # thread; bound methods, so a deleted FeatureMaps gets no delivery.
        self._worker = create_worker(
            self._compute, self._document.scene, _connect={"returned": self._on_returned, "errored": self._on_errored}
        )

    def _on_returned(self, result: tuple[np.ndarray | None, str]) -> None:
        self._on_finished(*result)

    def _on_errored(self, exc: Exception) -> None:
        self._on_finished(None, f"the feature maps could not be computed: {type(exc).__name__}: {exc}")

    def _on_finished(self, maps: np.ndarray | None, error: str) -> None:
        (generation, scene), self._worker = self._working_on, None
        if generation == self._generation:
            self._apply(generation, maps, error, scene)
        elif self.busy:  # the scene changed while computing: compute the latest one
            self._start_worker()

    def _apply(self, generation: int, maps: np.ndarray | None, error: str, scene: Scene) -> None:
        self.busy = False
        if maps is not None:
            self.maps, self.scene, self.error, self.stale = maps, scene, "", False
        else:
            self.error, self.stale = error, self.maps is not None
        self.changed.emit()

    def wait_idle(self) -> None:
        """Finish any pending computation now (for rendering and tests)."""
        if self.busy:  # a debounced edit is pending, or the worker is computing
            self._debounce.cancel()
            self.recompute_now()

    def shutdown(self) -> None:
        self._debounce.cancel()
        if self._worker is not None:
            self._worker.quit()  # a computation in progress finishes, but its result is not delivered
            self._worker = None
