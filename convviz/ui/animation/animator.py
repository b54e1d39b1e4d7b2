"""The animator: a step index over the scene's step trace, moved by a timer.

The timer only advances the index; everything shown is a pure function of
(scene, index) through :func:`convviz.core.frames.frame_at`, so export can
render any step without the timer and tests can call :meth:`Animator.step`.

Playback speed doesn't depend on timer jitter: like pyqtgraph's
``ImageView.play``, each tick compares the elapsed ``perf_counter`` time with
the step period. Unlike it, the animator never jumps over steps (a lesson
must show every one): when repainting can't keep up, it drops time, not
steps.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from convviz.core.backward_trace import backward_trace
from convviz.core.errors import ConvError
from convviz.core.focus import Focus
from convviz.core.frame import Frame, FrameOptions, FrameView, MapScale
from convviz.core.frames import frame_at
from convviz.core.trace import Level, Order, Step, StepTrace
from convviz.core.transposed_trace import ScatterFocus, ScatterStep, ScatterTrace
from convviz.core.transposed_view import AnyTrace, TransposedView, make_step_trace
from convviz.ui.animation import transposed_steps
from convviz.ui.document.document import ChangeKind, SceneChange, SceneDocument
from convviz.ui.document.grad_output import with_shown_grad_output

__all__ = ["SPEEDS", "Animator"]

# Steps per second offered by the speed control and by [ and ].
SPEEDS = (0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 8.0, 12.0, 20.0, 30.0)


class Animator(QObject):
    indexChanged = Signal(object)  # an int; a Qt int signal would overflow past 2³¹ steps
    traceChanged = Signal()  # a new trace: length, level, order or scene changed
    playingChanged = Signal(bool)
    settingsChanged = Signal()  # speed, loop or reveal

    def __init__(self, document: SceneDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._level = Level.CHANNEL
        self._order = Order.KERNEL
        self._view = TransposedView.SCATTER  # how a transposed scene is stepped
        self._trace: AnyTrace | None = None
        self._wrt: str | None = None  # a backward-pass result being stepped (Backward mode), else None
        self._index = 0
        self._speed = 2.0
        self.loop = False
        self.reveal = False
        self.view = FrameView.MAPS
        self.map_scale = MapScale.SHARED
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._next_due = 0.0
        self._frame: Frame | None = None
        document.sceneChanged.connect(self._on_scene_changed)
        self._rebuild(None)

    # -- state ---------------------------------------------------------------
    @property
    def trace(self) -> AnyTrace | None:
        """The step trace, or None while the scene's convolution is impossible."""
        return self._trace

    @property
    def index(self) -> int:
        return self._index

    @property
    def level(self) -> Level:
        return self._level

    @property
    def order(self) -> Order:
        return self._order

    @property
    def transposed_view(self) -> TransposedView:
        """A transposed scene's steps: its scatter, or the equivalent direct convolution."""
        return self._view

    @property
    def speed(self) -> float:
        return self._speed

    def __len__(self) -> int:
        return 0 if self._trace is None else len(self._trace)

    def current_step(self) -> Step | ScatterStep | None:
        return None if self._trace is None else self._trace.step(self._index)

    def frame_options(self) -> FrameOptions:
        return FrameOptions(reveal=self.reveal, map_scale=self.map_scale, view=self.view)

    def frame(self) -> Frame | None:
        """What the current step shows, in the window and in every recording
        (cached until the index, the scene or an option changes)."""
        if self._trace is None:
            return None
        if self._frame is None or self._frame.index != self._index or self._frame.options != self.frame_options():
            self._frame = transposed_steps.window_frame(self._trace, self._index, self.frame_options()) or frame_at(
                self._trace.scene, self._trace, self._index, self.frame_options())  # fmt: skip
        return self._frame

    def focus(self) -> Focus | ScatterFocus | None:
        frame = self.frame()
        return None if frame is None else frame.focus

    def is_playing(self) -> bool:
        return self._timer.isActive()

    # -- rebuilding on change --------------------------------------------------
    def _make_trace(self) -> AnyTrace:
        if self._wrt is None:
            return make_step_trace(self.document.scene, self._level, self._order, self._view)
        return backward_trace(with_shown_grad_output(self.document.scene), self._wrt, self._level)

    @property
    def wrt(self) -> str | None:
        return self._wrt

    def set_wrt(self, wrt: str | None) -> None:
        """Step a backward-pass result ("input", "weight", "bias"), or the forward pass (None)."""
        if wrt != self._wrt:
            self._wrt, self._index = wrt, 0
            self._rebuild(None)

    def _rebuild(self, keep: Step | None) -> None:
        try:
            trace = self._make_trace()
        except ConvError:
            trace = None
        self._trace = trace
        self._frame = None
        if trace is None:
            self.pause()
            self._index = 0
        elif keep is not None:
            self._index = transposed_steps.equivalent_index(trace, keep)
        else:
            self._index = min(self._index, len(trace) - 1)
        self.traceChanged.emit()
        self.indexChanged.emit(self._index)

    def _on_scene_changed(self, change: SceneChange) -> None:
        keep = self.current_step()
        if change.kind is ChangeKind.SCENE:
            keep = None
            self._index = 0
        if change.kind in (ChangeKind.VALUES, ChangeKind.NAMES) and self._trace is not None:
            # Same shapes: the index stays, only the numbers shown change.
            self._trace = self._make_trace()
            self._frame = None
            self.indexChanged.emit(self._index)
            return
        self._rebuild(keep)

    def set_level(self, level: Level | str) -> None:
        level = Level(level)
        if level is not self._level:
            keep = self.current_step()
            self._level = level
            self._rebuild(keep)
            self.settingsChanged.emit()

    def set_order(self, order: Order | str) -> None:
        order = Order(order)
        if order is not self._order:
            keep = self.current_step()
            self._order = order
            self._rebuild(keep)
            self.settingsChanged.emit()

    def set_transposed_view(self, view: TransposedView | str) -> None:
        """Step a transposed scene as its scatter or as the equivalent direct convolution."""
        self._rebuild_with(_view=TransposedView(view))

    def _rebuild_with(self, **setting: object) -> None:
        """Change one setting the trace depends on, keeping the moment shown."""
        (name, value), = setting.items()
        if value is not getattr(self, name):
            keep = self.current_step()
            setattr(self, name, value)
            self._rebuild(keep)
            self.settingsChanged.emit()

    # -- moving --------------------------------------------------------------
    def set_index(self, index: int) -> None:
        if self._trace is None:
            return
        index = min(max(int(index), 0), len(self._trace) - 1)
        if index != self._index:
            self._index = index
            self._frame = None
            self.indexChanged.emit(index)

    def step(self, count: int = 1) -> bool:
        """Move ``count`` steps; at the end wrap if looping. False if it couldn't move."""
        if self._trace is None:
            return False
        n = len(self._trace)
        target = self._index + count
        if 0 <= target < n:
            self.set_index(target)
            return True
        if self.loop:
            self.set_index(target % n)
            return True
        self.set_index(min(max(target, 0), n - 1))
        return False

    def step_back(self) -> bool:
        return self.step(-1)

    def first(self) -> None:
        self.set_index(0)

    def last(self) -> None:
        self.set_index(len(self) - 1)

    def _cell_jump(self, direction: int) -> None:
        if self._trace is None:
            return
        if isinstance(self._trace, ScatterTrace):
            self.set_index(transposed_steps.scatter_cell_jump(self._trace, self._index, direction))
            return
        spc = self._trace.steps_per_cell
        cell, sub = divmod(self._index, spc)
        target = cell + direction
        if direction < 0 and sub > 0:
            target = cell  # back to the start of this cell first
        target = min(max(target, 0), self._trace.cell_count - 1)
        self.set_index(target * spc)

    def next_cell(self) -> None:
        self._cell_jump(1)

    def previous_cell(self) -> None:
        self._cell_jump(-1)

    def _kernel_jump(self, direction: int) -> None:
        step = self.current_step()
        if step is None or self._trace is None:
            return
        k = min(max(step.kernel + direction, 0), self._trace.kernel_count - 1)
        if isinstance(self._trace, ScatterTrace):
            assert isinstance(step, ScatterStep)
            self.set_index(transposed_steps.scatter_kernel_jump(self._trace, step, k))
            return
        assert isinstance(step, Step)
        self.set_index(self._trace.index_of(k, step.out_row, step.out_col, step.sub))

    def next_kernel(self) -> None:
        self._kernel_jump(1)

    def previous_kernel(self) -> None:
        self._kernel_jump(-1)

    def jump_to_cell(self, kernel: int, row: int, col: int) -> None:
        """Show output cell ``(row, col)`` of ``kernel``: its first step, or at
        cell level its one step."""
        if self._trace is None:
            return
        oh, ow = self._trace.output_hw
        if 0 <= kernel < self._trace.kernel_count and 0 <= row < oh and 0 <= col < ow:
            if isinstance(self._trace, ScatterTrace):  # the first input cell whose scatter reaches it
                self.set_index(self._trace.first_index_touching(kernel, row, col))
            else:
                self.set_index(self._trace.index_of(kernel, row, col, 0))

    # -- playing -------------------------------------------------------------
    def set_speed(self, steps_per_second: float) -> None:
        speed = min(max(float(steps_per_second), SPEEDS[0]), SPEEDS[-1])
        if speed != self._speed:
            self._speed = speed
            self._configure_timer()
            self.settingsChanged.emit()

    def faster(self) -> None:
        self.set_speed(next((s for s in SPEEDS if s > self._speed), SPEEDS[-1]))

    def slower(self) -> None:
        self.set_speed(next((s for s in reversed(SPEEDS) if s < self._speed), SPEEDS[0]))

    def set_loop(self, loop: bool) -> None:
        if loop != self.loop:
            self.loop = loop
            self.settingsChanged.emit()

    def set_reveal(self, reveal: bool) -> None:
        if reveal != self.reveal:
            self.reveal = reveal
            self.settingsChanged.emit()
            self.indexChanged.emit(self._index)

    def set_map_scale(self, scale: MapScale | str) -> None:
        """Whether the feature maps share one colour scale or each has its own."""
        scale = MapScale(scale)
        if scale is not self.map_scale:
            self.map_scale = scale
            self.settingsChanged.emit()
            self.indexChanged.emit(self._index)

    def set_view(self, view: FrameView | str) -> None:
        """What the feature-map section shows: the maps, the partial maps or im2col."""
        view = FrameView(view)
        if view is not self.view:
            self.view = view
            self.settingsChanged.emit()
            self.indexChanged.emit(self._index)

    def _configure_timer(self) -> None:
        period_ms = 1000.0 / self._speed
        # Tick a few times per step so a step is never late by a whole tick.
        self._timer.setInterval(int(max(4, min(16, period_ms / 3))))
        self._next_due = time.perf_counter() + 1.0 / self._speed

    def play(self) -> None:
        if self._trace is None or self.is_playing():
            return
        if self._index >= len(self._trace) - 1 and not self.loop:
            self.set_index(0)  # play from the start again, as players do
        self._configure_timer()
        self._timer.start()
        self.playingChanged.emit(True)

    def pause(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.playingChanged.emit(False)

    def toggle(self) -> None:
        self.pause() if self.is_playing() else self.play()

    def _tick(self) -> None:
        now = time.perf_counter()
        if now < self._next_due:
            return
        period = 1.0 / self._speed
        self._next_due += period
        if now - self._next_due > 0.5:
            # Far behind (a slow repaint, a suspended laptop): drop the lost
            # time rather than racing through steps to catch up.
            self._next_due = now + period
        if not self.step(1):
            self.pause()
