"""Keeps the feature maps in step with the document.

Small scenes recompute through the engine in the same event-loop turn as the
edit, so the output never lags a keystroke. Large ones are coalesced
(debounced) and computed on a worker thread (numpy releases the GIL), so
typing never stutters; a result that arrives for an older scene is dropped.

When the scene's convolution is impossible, :attr:`error` holds the engine's
message and :attr:`maps` keeps the last good maps, marked :attr:`stale`.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from convviz.core.errors import ConvError
from convviz.core.scene import Scene
from convviz.ui.document import SceneDocument

__all__ = ["FeatureMaps"]

# Multiply-adds below which computing inline is faster than any round trip
# to a thread (a 64×64×3 input with 8 3×3 kernels is about 0.8 million).
SYNC_WORK_LIMIT = 4_000_000
DEBOUNCE_MS = 40


def _work(scene: Scene) -> int:
    H, W, _ = scene.input_shape
    kh, kw, c, K = scene.kernel_shape
    return H * W * K * c * kh * kw


class FeatureMaps(QObject):
    changed = Signal()
    _finished = Signal(int, object, str)  # generation, maps or None, error

    def __init__(self, document: SceneDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.maps: np.ndarray | None = None
        self.scene: Scene | None = None  # the scene the maps belong to
        self.error = ""
        self.stale = False
        self.busy = False
        self._generation = 0
        self._executor: ThreadPoolExecutor | None = None
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._start_worker)
        self._finished.connect(self._on_finished)
        document.sceneChanged.connect(self._on_scene_changed)
        self.recompute_now()

    def recompute_now(self) -> None:
        """Compute for the current scene synchronously."""
        self._generation += 1
        scene = self._document.scene
        self._apply(self._generation, *self._compute(scene), scene)

    def _on_scene_changed(self, _change: object) -> None:
        if _work(self._document.scene) <= SYNC_WORK_LIMIT:
            self._debounce.stop()
            self.recompute_now()
        else:
            self._generation += 1
            self.busy = True
            self._debounce.start()

    @staticmethod
    def _compute(scene: Scene) -> tuple[np.ndarray | None, str]:
        try:
            return scene.feature_maps(), ""
        except ConvError as exc:
            return None, str(exc)
        except MemoryError:
            return None, "not enough memory to compute these feature maps; make the input or the kernels smaller"

    def _start_worker(self) -> None:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="convviz-maps")
        generation, scene = self._generation, self._document.scene

        def done(future: Future) -> None:
            maps, error = future.result()
            # Emitted from the worker thread: Qt queues it to this object's thread.
            self._finished.emit(generation, maps, error)

        self._executor.submit(self._compute, scene).add_done_callback(done)
        self._pending_scene = scene

    def _on_finished(self, generation: int, maps: np.ndarray | None, error: str) -> None:
        if generation == self._generation:
            self._apply(generation, maps, error, self._pending_scene)

    def _apply(self, generation: int, maps: np.ndarray | None, error: str, scene: Scene) -> None:
        self.busy = False
        if maps is not None:
            self.maps, self.scene, self.error, self.stale = maps, scene, "", False
        else:
            self.error, self.stale = error, self.maps is not None
        self.changed.emit()

    def wait_idle(self) -> None:
        """Finish any pending computation now (for rendering and tests)."""
        if self._debounce.isActive() or self.busy:
            self._debounce.stop()
            self.recompute_now()

    def shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
