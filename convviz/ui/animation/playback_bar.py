"""The playback bar: play/pause, step, first/last, the scrubber and its label,
level of detail, order, a transposed scene's view, speed, loop and reveal."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, QSignalBlocker, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QComboBox, QSizePolicy, QToolButton, QWidget

from convviz.core.numbers import format_number
from convviz.core.trace import Level, Order
from convviz.core.transposed_view import TransposedView
from convviz.ui.animation.animator import SPEEDS, Animator
from convviz.ui.animation.step_scrubber import StepScrubber
from convviz.ui.base import theme as th
from convviz.ui.base.icons import playback_icon
from convviz.ui.panels.widgets import caption, hbox

__all__ = ["PlaybackBar"]

translate = QCoreApplication.translate
T = TypeVar("T")

_LEVELS = (
    (Level.CELL, QT_TRANSLATE_NOOP("PlaybackBar", "per cell"), QT_TRANSLATE_NOOP("PlaybackBar", "One step per output cell")),
    (Level.CHANNEL, QT_TRANSLATE_NOOP("PlaybackBar", "per channel"), QT_TRANSLATE_NOOP("PlaybackBar", "Each channel's partial sum, then + bias, then the total: the seed's eq. (3)")),
    (Level.MULTIPLY, QT_TRANSLATE_NOOP("PlaybackBar", "per multiply"), QT_TRANSLATE_NOOP("PlaybackBar", "Every product x·w, then + bias, then the total")),
)
_ORDERS = (
    (Order.KERNEL, QT_TRANSLATE_NOOP("PlaybackBar", "kernel by kernel"), QT_TRANSLATE_NOOP("PlaybackBar", "All positions of W0, then of W1, …")),
    (Order.POSITION, QT_TRANSLATE_NOOP("PlaybackBar", "position by position"), QT_TRANSLATE_NOOP("PlaybackBar", "Every kernel at one position, then the next position")),
)

_VIEWS = (
    (TransposedView.SCATTER, QT_TRANSLATE_NOOP("PlaybackBar", "scatter"),
     QT_TRANSLATE_NOOP("PlaybackBar", "Each input cell scatters the kernel, scaled by its value, onto the output")),
    (TransposedView.DIRECT, QT_TRANSLATE_NOOP("PlaybackBar", "equivalent direct"),
     QT_TRANSLATE_NOOP("PlaybackBar", "The same numbers as a forward convolution: zeros inserted, kernel flipped")),
)


def _choice_combo(choices: Iterable[tuple[T, str, str]], tip: str, choose: Callable[[T], object]) -> QComboBox:
    """A combo box of ``(value, text, item tip)`` choices that calls ``choose(value)`` on a pick."""
    combo = QComboBox()
    for value, text, item_tip in choices:  # texts marked with QT_TRANSLATE_NOOP("PlaybackBar", …)
        combo.addItem(translate("PlaybackBar", text), value)
        if item_tip:
            combo.setItemData(combo.count() - 1, translate("PlaybackBar", item_tip), Qt.ItemDataRole.ToolTipRole)
    combo.setToolTip(tip)
    combo.currentIndexChanged.connect(lambda i: choose(combo.itemData(i)))
    return combo


class PlaybackBar(QWidget):
    def __init__(self, animator: Animator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("playbackBar")
        self.animator = animator

        def button(icon: str, tip: str, slot) -> QToolButton:  # noqa: ANN001
            b = QToolButton()
            b.setProperty("glyph", icon)
            b.setToolTip(tip)
            b.setAccessibleName(tip.split(" (")[0])
            b.setAutoRaise(True)
            b.clicked.connect(slot)
            return b

        self.first_button = button("first", translate("PlaybackBar", "First step (Home)"), animator.first)
        self.back_button = button("back", translate("PlaybackBar", "Step back (←)"), animator.step_back)
        self.play_button = button("play", translate("PlaybackBar", "Play / pause (Space)"), animator.toggle)
        self.forward_button = button("forward", translate("PlaybackBar", "Step forward (→)"), lambda: animator.step(1))
        self.last_button = button("last", translate("PlaybackBar", "Last step (End)"), animator.last)
        self._glyph_color = QColor(th.LIGHT.text)
        self.set_theme(th.LIGHT)

        self.scrubber = StepScrubber(animator)
        # Narrow enough that the bar, with a transposed scene's fourth combo
        # and its label, still fits a 1280-pixel window.
        self.scrubber.setMinimumWidth(96)
        self.step_label = caption("", "stepLabel")
        self.step_label.setMinimumWidth(120)
        self.step_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # The window's stylesheet reaches the label only once the bar is in
        # the window: its first width was measured in the default font.
        self.step_label.installEventFilter(self)

        self.level_combo = _choice_combo(_LEVELS, translate("PlaybackBar", "Level of detail: how much one step does"), animator.set_level)
        self.order_combo = _choice_combo(_ORDERS, translate("PlaybackBar", "Order of the steps"), animator.set_order)
        # Only a transposed scene has two ways to be stepped.
        self.view_combo = _choice_combo(_VIEWS, translate("PlaybackBar", "How the transposed convolution is stepped"), animator.set_transposed_view)
        speeds = [(s, translate("PlaybackBar", "{speed} steps/s").format(speed=format_number(s)), "") for s in SPEEDS]
        self.speed_combo = _choice_combo(speeds, translate("PlaybackBar", "Playback speed ([ slower, ] faster)"), animator.set_speed)

        self.loop_box = QCheckBox(translate("PlaybackBar", "loop"))
        self.loop_box.setToolTip(translate("PlaybackBar", "Start again after the last step"))
        self.loop_box.toggled.connect(animator.set_loop)
        self.reveal_box = QCheckBox(translate("PlaybackBar", "reveal"))
        self.reveal_box.setToolTip(translate("PlaybackBar", "Show only the output cells computed so far"))
        self.reveal_box.toggled.connect(animator.set_reveal)

        layout = hbox(
            self.first_button, self.back_button, self.play_button, self.forward_button, self.last_button,
            spacing=2, margins=(8, 2, 8, 2),
        )
        layout.addWidget(self.scrubber, 1)
        layout.addSpacing(8)
        layout.addWidget(self.step_label, 4)
        for w in (self.level_combo, self.order_combo, self.view_combo, self.speed_combo, self.loop_box, self.reveal_box):
            layout.addSpacing(4)
            layout.addWidget(w)
        self.setLayout(layout)

        animator.indexChanged.connect(self._on_index)
        animator.traceChanged.connect(self._sync)
        animator.playingChanged.connect(self._on_playing)
        animator.settingsChanged.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        a = self.animator
        self.step_label.setMinimumWidth(120)  # a new trace: its labels set the width again
        pairs = ((self.level_combo, a.level), (self.order_combo, a.order), (self.view_combo, a.transposed_view), (self.speed_combo, a.speed))
        for combo, value in pairs:
            with QSignalBlocker(combo):
                combo.setCurrentIndex(max(0, combo.findData(value)))
        self.view_combo.setVisible(a.document.scene.params.transposed)
        with QSignalBlocker(self.loop_box):
            self.loop_box.setChecked(a.loop)
        with QSignalBlocker(self.reveal_box):
            self.reveal_box.setChecked(a.reveal)
        self._on_index(a.index)

    def _on_index(self, index: int) -> None:
        a = self.animator
        focus = a.focus()
        if focus is None:
            self.step_label.setText(translate("PlaybackBar", "no steps: the parameters give no output"))
        else:
            self.step_label.setText(f"{index:,}/{len(a) - 1:,} · {focus.label}")  # from 0, as everywhere
        self._widen_label()

    def _widen_label(self) -> None:
        # Never cut: the label is at least as wide as its text (the scrubber
        # gives way). Grown only, so the controls don't shift on every step.
        self.step_label.ensurePolished()  # the stylesheet's font, not the default
        need = self.step_label.fontMetrics().horizontalAdvance(self.step_label.text()) + 6
        if need > self.step_label.minimumWidth():
            self.step_label.setMinimumWidth(need)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.step_label and event.type() == QEvent.Type.FontChange:
            self._widen_label()
        return False

    def set_theme(self, theme: th.Theme) -> None:
        """Icons in the theme's text colour."""
        self._glyph_color = QColor(theme.text)
        for b in (self.first_button, self.back_button, self.forward_button, self.last_button):
            b.setIcon(playback_icon(b.property("glyph"), self._glyph_color))
        self._on_playing(self.animator.is_playing())

    def _on_playing(self, playing: bool) -> None:
        self.play_button.setIcon(playback_icon("pause" if playing else "play", self._glyph_color))
