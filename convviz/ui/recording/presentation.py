"""Presentation mode: the recording frame, live, in place of the editing panels.

:class:`PresentationView` paints :mod:`convviz.ui.recording.frame_renderer`'s frame at
its own size for the animator's current step, above a minimal playback
strip (play/pause, step back/forward, scrubber, a settings menu). Its theme
(light, dark, high contrast), text scale and caption are its own, so the
editing window keeps its look.

:class:`PresentationMode` puts a main window into and out of presentation:
it hides the menu bar, the tool bars (the parameter bar), the docks (the
preset panel), the status bar and the editing panels, shows the view
instead, and on leaving restores exactly what was visible before. :func:`set_client_size` sets the window's client area to an
exact size (1280×720, 1920×1080) for screen recording.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QRectF, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QIcon,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QInputDialog,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QWidget,
)

from convviz.ui.animation.animator import Animator
from convviz.ui.animation.step_scrubber import StepScrubber
from convviz.ui.base import theme as th
from convviz.ui.base.icons import playback_icon
from convviz.ui.panels.widgets import caption, hbox, vbox
from convviz.ui.recording.frame_renderer import FrameRenderer, resolve_theme

__all__ = ["RECORDING_SIZES", "SCALES", "PresentationMode", "PresentationView", "set_client_size"]

translate = QCoreApplication.translate

RECORDING_SIZES = ((1280, 720), (1920, 1080))
SCALES = (1.0, 1.25, 1.5, 2.0)


def set_client_size(window: QWidget, size: tuple[int, int]) -> QSize:
    """Give ``window`` a client area (inside its frame) of exactly ``size``.

    Leaves full screen or maximized state first, since those fix the size.
    Returns the size the window got (a screen smaller than ``size`` may
    refuse it)."""
    if window.isFullScreen() or window.isMaximized():
        window.showNormal()
    window.setMinimumSize(0, 0)
    window.resize(*size)
    return window.size()


class _FrameCanvas(QWidget):
    """Paints the frame for the animator's step at the widget's own size."""

    def __init__(self, view: PresentationView) -> None:
        super().__init__(view)
        self.view = view
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 180)

    def paintEvent(self, event: QPaintEvent) -> None:
        v = self.view
        painter = QPainter(self)
        try:
            trace = v.animator.trace
            v.renderer.render(
                painter, QRectF(self.rect()), v.animator.document.scene, trace, v.animator.index,
                theme=v.theme, scale=v.scale, caption=v.caption, reveal=v.animator.reveal,
                map_scale=v.animator.map_scale, view=v.animator.view,
            )  # fmt: skip
        finally:
            painter.end()  # always: a painter left active on a dying device crashes Qt


class _PlaybackStrip(QWidget):
    """Play/pause, step back/forward, the scrubber, the step label, settings."""

    def __init__(self, view: PresentationView) -> None:
        super().__init__(view)
        self.setObjectName("presentationStrip")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.view = view
        a = view.animator

        def button(tip: str, slot) -> QToolButton:  # noqa: ANN001
            b = QToolButton()
            b.setToolTip(tip)
            b.setAccessibleName(tip.split(" (")[0])
            b.setAutoRaise(True)
            b.setIconSize(QSize(22, 22))
            b.clicked.connect(slot)
            return b

        self.back_button = button(translate("PlaybackBar", "Step back (←)"), a.step_back)
        self.play_button = button(translate("PlaybackBar", "Play / pause (Space)"), a.toggle)
        self.forward_button = button(translate("PlaybackBar", "Step forward (→)"), lambda: a.step(1))
        self._icons: dict[bool, QIcon] = {}  # playing -> the play button's glyph, in the theme's colour
        self.scrubber = StepScrubber(a)  # follows the animator by itself
        self.step_label = caption("", "presentationStepLabel")
        self.step_label.setMinimumWidth(90)
        self.settings_button = QToolButton()
        self.settings_button.setText("⚙")
        self.settings_button.setToolTip(translate("Presentation", "Presentation options: theme, text size, caption, window size"))
        self.settings_button.setAccessibleName(translate("Presentation", "Presentation options"))
        self.settings_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.settings_button.setAutoRaise(True)

        layout = hbox(self.back_button, self.play_button, self.forward_button, spacing=2, margins=(8, 2, 8, 2))
        layout.addWidget(self.scrubber, 1)
        layout.addSpacing(8)
        layout.addWidget(self.step_label)
        layout.addWidget(self.settings_button)
        self.setLayout(layout)

        a.indexChanged.connect(self._on_index)
        a.traceChanged.connect(self._sync)
        a.playingChanged.connect(self._on_playing)
        self._sync()

    def _sync(self) -> None:
        self._on_index(self.view.animator.index)

    def _on_index(self, index: int) -> None:
        a = self.view.animator
        self.step_label.setText(f"{index:,}/{len(a) - 1:,}" if len(a) else translate("Presentation", "no steps"))  # from 0, as everywhere

    def set_theme(self, theme: th.Theme) -> None:
        color = th.color(theme.text)
        self.back_button.setIcon(playback_icon("back", color))
        self.forward_button.setIcon(playback_icon("forward", color))
        self._icons = {playing: playback_icon("pause" if playing else "play", color) for playing in (False, True)}
        self._on_playing(self.view.animator.is_playing())

    def _on_playing(self, playing: bool) -> None:
        if self._icons:
            self.play_button.setIcon(self._icons[playing])


class PresentationView(QWidget):
    """The recording frame of the animator's current step, and a playback strip."""

    settingsChanged = Signal()  # theme, scale, caption or strip visibility
    exitRequested = Signal()

    def __init__(self, animator: Animator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presentationView")
        self.animator = animator
        self.theme: th.Theme = th.LIGHT
        self.scale = 1.0
        self.caption: str | None = None  # None: the scene's name
        self.renderer = FrameRenderer(cache_size=3)
        self.canvas = _FrameCanvas(self)
        self.strip = _PlaybackStrip(self)
        self.options_menu = QMenu(translate("Presentation", "Presentation &options"), self)
        self.strip.settings_button.setMenu(self.options_menu)
        layout = vbox(spacing=0)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.strip)
        self.setLayout(layout)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.exitRequested.emit,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)  # fmt: skip

        animator.indexChanged.connect(self._on_step)
        animator.traceChanged.connect(self._on_step)
        animator.settingsChanged.connect(self._on_step)
        self._apply_style()

    # -- settings ------------------------------------------------------------
    def set_theme(self, theme: th.Theme | str) -> None:
        theme = resolve_theme(theme)
        if theme is not self.theme:
            self.theme = theme
            self._apply_style()
            self.canvas.update()
            self.settingsChanged.emit()

    def set_scale(self, scale: float) -> None:
        scale = min(max(float(scale), 0.5), 3.0)
        if scale != self.scale:
            self.scale = scale
            self.canvas.update()
            self.settingsChanged.emit()

    def set_caption(self, text: str | None) -> None:
        """The caption line's text; None (or an empty text) shows the scene's name."""
        text = text or None
        if text != self.caption:
            self.caption = text
            self.canvas.update()
            self.settingsChanged.emit()

    def set_strip_visible(self, visible: bool) -> None:
        if visible != self.strip.isVisibleTo(self):
            self.strip.setVisible(visible)
            self.settingsChanged.emit()

    def strip_visible(self) -> bool:
        return self.strip.isVisibleTo(self)

    def frame_size(self) -> QSize:
        """The size the frame is painted at."""
        return self.canvas.size()

    def _apply_style(self) -> None:
        t = self.theme
        self.strip.set_theme(t)
        self.setStyleSheet(
            f"QWidget#presentationView {{ background: {t.background}; }}"
            f"QWidget#presentationStrip {{ background: {t.panel}; }}"
            f"QWidget#presentationStrip QLabel {{ color: {t.text}; font-size: 14px; font-weight: bold; }}"
            f"QWidget#presentationStrip QToolButton {{ color: {t.text}; font-size: 16px; }}"
        )

    def _on_step(self, *_args: object) -> None:
        self.canvas.update()


class PresentationMode(QObject):
    """Switches a :class:`~convviz.ui.shell.main_window.MainWindow` between its
    editing layout and the presentation view."""

    toggled = Signal(bool)

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view = PresentationView(window.animator)  # type: ignore[attr-defined]
        self.view.hide()
        window.centralWidget().layout().addWidget(self.view)
        self.view.exitRequested.connect(self.leave)
        self.view.settingsChanged.connect(self._save_settings)
        self._saved: list[tuple[QWidget, bool]] | None = None  # what was visible before presenting
        self._was_full_screen = False
        self._restore_settings()
        self.build_options_menu(self.view.options_menu)
        self.view.options_menu.addSeparator()
        self.view.options_menu.addAction(translate("Presentation", "Leave presentation (Esc)"), self.leave)

    def _chrome(self) -> list[QWidget]:
        """Everything presentation hides: the menu bar, the status bar, the
        editing panels and playback bar, and every tool bar and dock (the
        parameter bar, the preset panel)."""
        w = self.window
        fixed = [w.menuBar(), w.statusBar(), w.outer, w.playback_bar]  # type: ignore[attr-defined]
        bars = [b for b in w.findChildren(QToolBar) if b.parentWidget() is w]
        docks = [d for d in w.findChildren(QDockWidget) if d.parentWidget() is w]
        return [*fixed, *bars, *docks]

    def is_active(self) -> bool:
        return self._saved is not None

    def enter(self) -> None:
        if self._saved is not None:
            return
        self._saved = [(widget, widget.isVisibleTo(self.window)) for widget in self._chrome()]
        for widget, _visible in self._saved:
            widget.hide()
        self.view.show()
        self.view.setFocus()
        self.toggled.emit(True)

    def leave(self) -> None:
        if self._saved is None:
            return
        saved, self._saved = self._saved, None
        if self.window.isFullScreen() and not self._was_full_screen:
            self.window.showNormal()
        self.view.hide()
        for widget, visible in saved:
            widget.setVisible(visible)
        self.toggled.emit(False)

    def toggle(self) -> None:
        self.leave() if self.is_active() else self.enter()

    def set_full_screen(self, full: bool) -> None:
        if full and not self.window.isFullScreen():
            self._was_full_screen = False
            self.window.showFullScreen()
        elif not full and self.window.isFullScreen():
            self.window.showNormal()

    def set_recording_size(self, size: tuple[int, int]) -> QSize:
        """Client area of exactly ``size``; in presentation mode the playback
        strip is hidden, so the frame itself is that size."""
        if self.is_active():
            self.view.set_strip_visible(False)
        got = set_client_size(self.window, size)
        # Lay out now, so the frame has its new size before the next paint.
        self.window.centralWidget().layout().activate()
        self.view.layout().activate()
        return got

    def ask_caption(self) -> None:
        text, ok = QInputDialog.getText(
            self.window, translate("Presentation", "Caption"), translate("Presentation", "Caption line (leave empty for the scene's name):"), text=self.view.caption or ""
        )
        if ok:
            self.view.set_caption(text.strip())

    # -- settings ------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = self.window.settings  # type: ignore[attr-defined]
        name = s.value("presentation/theme", "light", type=str)
        if name in th.THEMES:
            self.view.set_theme(name)
        self.view.set_scale(s.value("presentation/scale", 1.0, type=float))
        self.view.set_caption(s.value("presentation/caption", "", type=str))
        self.view.set_strip_visible(s.value("presentation/strip", True, type=bool))

    def _save_settings(self) -> None:
        s = self.window.settings  # type: ignore[attr-defined]
        s.setValue("presentation/theme", self.view.theme.name)
        s.setValue("presentation/scale", self.view.scale)
        s.setValue("presentation/caption", self.view.caption or "")
        s.setValue("presentation/strip", self.view.strip_visible())

    # -- the options menu ----------------------------------------------------------
    def build_options_menu(self, menu: QMenu) -> list[QAction]:
        """Fill ``menu`` with the presentation options; returns the actions."""
        actions: list[QAction] = []
        view = self.view

        themes = QActionGroup(menu)
        for name in th.THEMES:
            action = QAction(translate("Presentation", "{theme} theme").format(theme=th.display_name(name)), menu, checkable=True)
            action.setChecked(view.theme.name == name)
            action.triggered.connect(lambda _=False, n=name: view.set_theme(n))
            themes.addAction(action)
            menu.addAction(action)
            actions.append(action)
        menu.addSeparator()
        scales = QActionGroup(menu)
        for scale in SCALES:
            action = QAction(translate("Presentation", "Text size {percent} %").format(percent=int(scale * 100)), menu, checkable=True)
            action.setChecked(abs(view.scale - scale) < 1e-9)
            action.triggered.connect(lambda _=False, f=scale: view.set_scale(f))
            scales.addAction(action)
            menu.addAction(action)
            actions.append(action)
        menu.addSeparator()
        caption_action = QAction(translate("Presentation", "&Caption…"), menu)
        caption_action.triggered.connect(self.ask_caption)
        menu.addAction(caption_action)
        strip_action = QAction(translate("Presentation", "Show &playback bar"), menu, checkable=True)
        strip_action.setChecked(view.strip_visible())
        strip_action.toggled.connect(view.set_strip_visible)
        menu.addAction(strip_action)
        menu.addSeparator()
        for w, h in RECORDING_SIZES:
            action = QAction(translate("Presentation", "Recording size {w}×{h}").format(w=w, h=h), menu)
            action.setToolTip(translate("Presentation", "Make the window's client area exactly {w}×{h} (hides the playback bar)").format(w=w, h=h))
            action.triggered.connect(lambda _=False, size=(w, h): self.set_recording_size(size))
            menu.addAction(action)
            actions.append(action)
        full = QAction(translate("Presentation", "&Full screen"), menu, checkable=True)
        full.toggled.connect(self.set_full_screen)
        menu.addAction(full)
        actions += [caption_action, strip_action, full]

        def sync() -> None:
            for action in themes.actions():
                action.setChecked(action.text().lower().startswith(view.theme.name.replace("-", " ")))
            for action, scale in zip(scales.actions(), SCALES, strict=True):
                action.setChecked(abs(view.scale - scale) < 1e-9)
            with QSignalBlocker(strip_action):
                strip_action.setChecked(view.strip_visible())
            with QSignalBlocker(full):
                full.setChecked(self.window.isFullScreen())

        menu.aboutToShow.connect(sync)
        return actions
