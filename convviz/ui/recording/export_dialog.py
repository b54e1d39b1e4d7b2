"""Recording from the window: Export Animation…, Export Image…, Copy Frame,
and the menu entries for them and for presentation mode.

The export runs in the GUI thread in small batches driven by a timer (Qt
painting stays on one thread and the window stays responsive), with a
progress dialog whose Cancel removes everything written so far. Only the
last step, closing the file (ffmpeg finishing the MP4, Pillow writing the
GIF/APNG), runs on a worker thread, since it involves no Qt.

:func:`install_recording_actions` adds the entries to an existing
:class:`~convviz.ui.shell.main_window.MainWindow`'s menus.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEventLoop, QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QImage, QPaintDevice, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QWidget,
)
from superqt.utils import FunctionWorker, create_worker

from convviz.core.errors import ConvError, SceneFileError
from convviz.core.scene import Scene
from convviz.core.step_range import kernel_step_range
from convviz.ui.base import theme as th
from convviz.ui.base.menus import MenuId
from convviz.ui.base.runtime import Settings
from convviz.ui.base.window_actions import window_action
from convviz.ui.panels.output_panel import VIEWS as OUTPUT_VIEWS
from convviz.ui.panels.widgets import hbox
from convviz.ui.recording.export import FORMAT_NAMES, ExportJob, ExportOptions, ExportResult, output_format
from convviz.ui.recording.frame_renderer import FrameRenderer, make_trace
from convviz.ui.recording.presentation import PresentationMode

__all__ = [
    "ExportDialog",
    "ExportRunner",
    "RecordingActions",
    "copy_frame",
    "current_frame_image",
    "install_recording_actions",
    "save_frame_image",
    "svg_available",
]

translate = QCoreApplication.translate

SIZES = ((1280, 720), (1920, 1080), (3840, 2160), (1080, 1080))
_SUFFIX = {"mp4": ".mp4", "gif": ".gif", "apng": ".apng", "frames": ""}
BATCH_SECONDS = 0.05  # rendering per timer tick: short enough to keep the window responsive


def svg_available() -> bool:
    """True when PySide6 has QtSvg (PySide6-Essentials includes it)."""
    try:
        from PySide6.QtSvg import QSvgGenerator  # noqa: F401
    except ImportError:
        return False
    return True


# -- running an export -------------------------------------------------------------------


class ExportRunner(QObject):
    """Drives an :class:`ExportJob` from a timer; the file is closed on a
    superqt worker, whose outcome arrives in this object's thread."""

    progressed = Signal(int, int)  # steps done, steps in all
    finished = Signal(object)  # ExportResult
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, job: ExportJob, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self._tick)
        self._closing: FunctionWorker | None = None
        self._cancel_requested = False
        self.result: ExportResult | None = None
        self.error = ""

    def start(self) -> None:
        try:
            self.job.start()
        except (ConvError, SceneFileError, OSError) as exc:
            self._fail(str(exc))
            return
        self._timer.start()

    def is_running(self) -> bool:
        return self._timer.isActive()

    def is_closing(self) -> bool:
        return self._closing is not None

    def cancel(self) -> None:
        """Stop; what was written is removed. While the file is being closed,
        the cancel takes effect once that is done."""
        self._cancel_requested = True
        if self._closing is None and self._timer.isActive():
            self._timer.stop()
            self.job.abort()
            self.cancelled.emit()

    def _tick(self) -> None:
        try:
            finished = self.job.advance(BATCH_SECONDS)
        except Exception as exc:  # noqa: BLE001 - shown to the user; nothing is left behind
            self.job.abort()
            self._fail(_message(exc))
            return
        self.progressed.emit(self.job.done, self.job.total)
        if finished:
            self._timer.stop()
            self._closing = create_worker(
                self.job.finish, _connect={"returned": self._on_closed, "errored": self._on_close_failed}
            )

    def _on_closed(self, result: ExportResult) -> None:
        self._closing = None
        if self._cancel_requested:
            # Too late to stop the file: take it back out.
            _remove_result(result)
            self.cancelled.emit()
            return
        self.result = result
        self.finished.emit(result)

    def _on_close_failed(self, exc: Exception) -> None:
        self._closing = None
        self.job.abort()
        self._fail(_message(exc))

    def _fail(self, message: str) -> None:
        self._timer.stop()
        self.error = message
        self.failed.emit(message)

    def wait(self, timeout_s: float = 60.0) -> None:
        """Run to the end: the batches here, then an event loop of its own
        until the file is closed (tests, scripts, stopping on a signal)."""
        import time

        until = time.monotonic() + timeout_s
        while self._timer.isActive() and time.monotonic() < until:
            self._tick()
        if self._closing is None:
            return
        loop = QEventLoop()
        for settled in (self.finished, self.failed, self.cancelled):
            settled.connect(loop.quit)
        timeout = QTimer(interval=max(1, int((until - time.monotonic()) * 1000)), singleShot=True)
        timeout.timeout.connect(loop.quit)
        timeout.start()
        loop.exec()
        timeout.stop()
        for settled in (self.finished, self.failed, self.cancelled):
            settled.disconnect(loop.quit)


def _message(exc: BaseException) -> str:
    if isinstance(exc, (ConvError, SceneFileError)):
        return str(exc)
    if isinstance(exc, OSError):
        return f"could not write: {exc.strerror or exc}"
    return f"the export failed: {type(exc).__name__}: {exc}"


def _remove_result(result: ExportResult) -> None:
    import shutil

    path = result.path
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


# -- the dialog ----------------------------------------------------------------------


def _size_text(size: tuple[int, int]) -> str:
    return f"{size[0]}×{size[1]}"


def _parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().replace("×", "x").replace(" ", "").split("x"))
    except ValueError:
        raise ConvError("size {text!r}: write it as WIDTH×HEIGHT, e.g. 1280×720", text=text) from None
    return w, h


@dataclass
class _Defaults:
    theme: str = "light"
    scale: float = 1.0
    caption: str | None = None
    level: str = "channel"
    order: str = "kernel"
    reveal: bool = False  # as the window shows it: the recording is what the window shows
    map_scale: str = "shared"
    view: str = "maps"  # the feature-map section's view, as the window shows it
    transposed_view: str = "scatter"  # a transposed scene's steps, as the window steps it


class ExportDialog(QDialog):
    """Export Animation…: the command line's options, a progress dialog and Cancel."""

    exported = Signal(object)  # ExportResult

    def __init__(self, scene: Scene, defaults: _Defaults | None = None, parent: QWidget | None = None,
                 settings: Settings | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(translate("ExportDialog", "Export animation"))
        self.setObjectName("exportDialog")
        self.scene = scene
        self.wrt: str | None = None  # the backward-pass result the window steps (Backward mode)
        self.settings = settings if settings is not None else Settings()
        self.runner: ExportRunner | None = None
        self.progress: QProgressDialog | None = None
        self.result: ExportResult | None = None
        d = defaults or _Defaults()

        self.path_edit = QLineEdit()
        self.path_edit.setMinimumWidth(360)
        self.browse_button = QPushButton(translate("ExportDialog", "Browse…"))
        self.browse_button.clicked.connect(self._browse)
        self.format_combo = QComboBox()
        for kind in ("mp4", "gif", "apng", "frames"):
            self.format_combo.addItem(FORMAT_NAMES[kind], kind)
        self.format_combo.currentIndexChanged.connect(self._on_format)
        self.size_combo = QComboBox()
        self.size_combo.setEditable(True)
        for size in SIZES:
            self.size_combo.addItem(_size_text(size), size)
        self.size_combo.setToolTip(translate("ExportDialog", "Frame size in pixels; type another as WIDTH×HEIGHT"))
        self.fps_spin = QDoubleSpinBox(decimals=2, minimum=0.1, maximum=60.0, singleStep=0.5, value=2.0, suffix=translate("ExportDialog", " steps/s"))
        self.level_combo = QComboBox()
        for level, text in (("cell", QT_TRANSLATE_NOOP("PlaybackBar", "per cell")), ("channel", QT_TRANSLATE_NOOP("PlaybackBar", "per channel")), ("multiply", QT_TRANSLATE_NOOP("PlaybackBar", "per multiply"))):
            self.level_combo.addItem(translate("PlaybackBar", text), level)
        self.kernel_combo = QComboBox()
        self.kernel_combo.addItem(translate("ExportDialog", "all kernels"), None)
        for k in scene.kernels:
            self.kernel_combo.addItem(k.name, k.name)
        self.from_spin = QSpinBox(minimum=0)
        self.to_spin = QSpinBox(minimum=0)
        self.all_steps_box = QCheckBox(translate("ExportDialog", "all steps"))
        self.all_steps_box.setChecked(True)
        self.all_steps_box.toggled.connect(self._on_all_steps)
        self.hold_spin = QDoubleSpinBox(decimals=1, minimum=0.0, maximum=60.0, singleStep=0.5, value=1.0, suffix=" s")
        self.theme_combo = QComboBox()
        for name in th.THEMES:
            self.theme_combo.addItem(th.display_name(name), name)
        self.scale_spin = QDoubleSpinBox(decimals=2, minimum=0.5, maximum=3.0, singleStep=0.25, value=1.0)
        self.caption_edit = QLineEdit()
        self.caption_edit.setPlaceholderText(scene.name or translate("ExportDialog", "the scene's name"))
        self.reveal_box = QCheckBox(translate("ExportDialog", "blank the cells not computed yet (reveal)"))
        self.reveal_box.setToolTip(translate("ExportDialog", "As View → Reveal in the window: feature-map cells appear as they are computed"))
        self.own_scale_box = QCheckBox(translate("ExportDialog", "each feature map on its own colour scale"))
        self.error_label = QLabel()
        self.error_label.setObjectName("exportError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("QLabel#exportError { color: #B00020; font-weight: bold; }")
        self.error_label.hide()
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)

        steps_row = hbox(self.from_spin, QLabel(translate("ExportDialog", "to")), self.to_spin, self.all_steps_box, spacing=6)
        path_row = hbox(self.path_edit, self.browse_button, spacing=6)
        form = QFormLayout()
        for label, field in (
            (QT_TRANSLATE_NOOP("ExportDialog", "Save to"), path_row), (QT_TRANSLATE_NOOP("ExportDialog", "Format"), self.format_combo),
            (QT_TRANSLATE_NOOP("ExportDialog", "Size"), self.size_combo), (QT_TRANSLATE_NOOP("ExportDialog", "Speed"), self.fps_spin),
            (QT_TRANSLATE_NOOP("ExportDialog", "Steps"), self.level_combo), (QT_TRANSLATE_NOOP("ExportDialog", "Kernel"), self.kernel_combo),
            (QT_TRANSLATE_NOOP("ExportDialog", "From step"), steps_row), (QT_TRANSLATE_NOOP("ExportDialog", "Hold the last step"), self.hold_spin),
            (QT_TRANSLATE_NOOP("ExportDialog", "Theme"), self.theme_combo), (QT_TRANSLATE_NOOP("ExportDialog", "Text size"), self.scale_spin),
            (QT_TRANSLATE_NOOP("ExportDialog", "Caption"), self.caption_edit), (QT_TRANSLATE_NOOP("ExportDialog", "Feature maps"), self.reveal_box),
        ):  # fmt: skip
            form.addRow(translate("ExportDialog", label), field)
        form.addRow("", self.own_scale_box)
        self.view_combo = QComboBox()
        for text, view in OUTPUT_VIEWS:
            self.view_combo.addItem(translate("OutputPanel", text), view)
        form.addRow(translate("ExportDialog", "View"), self.view_combo)
        form.addRow(self.summary_label)
        form.addRow(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(translate("ExportDialog", "Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.setLayout(form)

        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(d.theme)))
        self.scale_spin.setValue(d.scale)
        self.caption_edit.setText(d.caption or "")
        self.reveal_box.setChecked(d.reveal)
        self.own_scale_box.setChecked(d.map_scale == "own")
        self.view_combo.setCurrentIndex(max(0, self.view_combo.findData(d.view)))
        self.level_combo.setCurrentIndex(max(0, self.level_combo.findData(d.level)))
        self._order = d.order
        self._transposed_view = d.transposed_view
        for widget in (self.level_combo, self.kernel_combo):
            widget.currentIndexChanged.connect(self._sync_steps)
        for widget in (self.fps_spin, self.hold_spin):
            widget.valueChanged.connect(self._sync_summary)
        self.from_spin.valueChanged.connect(self._sync_summary)
        self.to_spin.valueChanged.connect(self._sync_summary)
        self._restore()
        self._sync_steps()
        self._on_all_steps(self.all_steps_box.isChecked())

    # -- form ----------------------------------------------------------------------
    def _restore(self) -> None:
        folder = Path.home()
        name = (self.scene.name or "convviz").replace("/", "-")
        kind = "mp4"
        s = self.settings
        folder = Path(s.value("export/folder", str(folder), type=str))
        kind = s.value("export/format", kind, type=str)
        self.fps_spin.setValue(s.value("export/fps", 2.0, type=float))
        self.hold_spin.setValue(s.value("export/hold", 1.0, type=float))
        self.size_combo.setCurrentText(s.value("export/size", "1280×720", type=str))
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(kind)))
        self.path_edit.setText(str(folder / f"{name}{_SUFFIX.get(kind, '.mp4')}") + ("/" if kind == "frames" else ""))

    def _save(self) -> None:
        s = self.settings
        s.setValue("export/folder", str(Path(self.path_edit.text().rstrip("/")).parent))
        s.setValue("export/format", self.format_combo.currentData())
        s.setValue("export/fps", self.fps_spin.value())
        s.setValue("export/hold", self.hold_spin.value())
        s.setValue("export/size", self.size_combo.currentText())

    def _on_format(self) -> None:
        kind = self.format_combo.currentData()
        text = self.path_edit.text().strip().rstrip("/")
        if not text:
            return
        path = Path(text)
        stem = path.with_suffix("") if path.suffix.lower() in (".mp4", ".gif", ".apng", ".png") else path
        self.path_edit.setText(str(stem) + (_SUFFIX[kind] or "/"))
        self._sync_summary()

    def _browse(self) -> None:
        kind = self.format_combo.currentData()
        current = self.path_edit.text().rstrip("/")
        if kind == "frames":
            folder = QFileDialog.getExistingDirectory(self, "Folder for the PNG frames (new or empty)", str(Path(current).parent))
            if folder:
                self.path_edit.setText(folder.rstrip("/") + "/")
            return
        filters = {"mp4": "MP4 video (*.mp4)", "gif": "GIF animation (*.gif)", "apng": "Animated PNG (*.apng)"}
        path, _ = QFileDialog.getSaveFileName(self, translate("ExportDialog", "Export animation"), current, filters[kind])
        if path:
            if not path.lower().endswith(_SUFFIX[kind]):
                path += _SUFFIX[kind]
            self.path_edit.setText(path)

    def _on_all_steps(self, checked: bool) -> None:
        self.from_spin.setEnabled(not checked)
        self.to_spin.setEnabled(not checked)
        self._sync_summary()

    def _step_count(self) -> int:
        try:
            trace = make_trace(self.scene, self.level_combo.currentData(), self._order, self.wrt, self._transposed_view)
        except ConvError:
            return 0
        if trace is None:
            return 0
        kernel = self.kernel_combo.currentIndex() - 1
        return len(kernel_step_range(trace, None if kernel < 0 else kernel))

    def _sync_steps(self) -> None:
        # A spin box holds a C int; a legal scene can have billions of steps,
        # and a range past 2³¹ would raise (the export itself is bounded elsewhere).
        last = min(max(0, self._step_count() - 1), 2**31 - 1)
        for spin in (self.from_spin, self.to_spin):
            spin.setRange(0, last)
        self.to_spin.setValue(last)
        self._sync_summary()

    def _sync_summary(self) -> None:
        n = self._step_count()
        if n == 0:
            self.summary_label.setText(translate("ExportDialog", "This scene's convolution is impossible: there is nothing to export."))
            return
        if not self.all_steps_box.isChecked():
            n = max(0, self.to_spin.value() - self.from_spin.value() + 1)
        seconds = n / self.fps_spin.value() + self.hold_spin.value()
        self.summary_label.setText(translate("ExportDialog", "{steps} steps, {seconds} s of animation").format(steps=n, seconds=f"{seconds:.1f}"))

    def options(self) -> ExportOptions:
        """The options the form shows; :class:`ConvError` for a bad size."""
        all_steps = self.all_steps_box.isChecked()
        return ExportOptions(
            size=_parse_size(self.size_combo.currentText()),
            fps=self.fps_spin.value(),
            level=self.level_combo.currentData(),
            order=self._order,
            transposed_view=self._transposed_view,
            kernel=self.kernel_combo.currentData(),
            first=None if all_steps else self.from_spin.value(),
            last=None if all_steps else self.to_spin.value(),
            hold_last=self.hold_spin.value(),
            theme=self.theme_combo.currentData(),
            scale=self.scale_spin.value(),
            caption=self.caption_edit.text().strip() or None,
            reveal=self.reveal_box.isChecked(),
            map_scale="own" if self.own_scale_box.isChecked() else "shared",
            wrt=self.wrt,
            view=self.view_combo.currentData(),
        )

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    # -- running ---------------------------------------------------------------------
    def start_export(self) -> ExportRunner | None:
        """Check the options and start; errors show in the dialog."""
        self.show_error("")
        path = self.path_edit.text().strip()
        try:
            if not path:
                raise ConvError("choose where to save the animation")
            kind = output_format(path)
            chosen = self.format_combo.currentData()
            if kind != chosen:
                raise ConvError(
                    "{json_path}: the name says {format_names_kind} but the format is {format_names_chosen}",
                    json_path=path, format_names_kind=FORMAT_NAMES[kind], format_names_chosen=FORMAT_NAMES[chosen],
                )
            job = ExportJob(self.scene, path, self.options())
        except (ConvError, SceneFileError) as exc:
            self.show_error(str(exc))
            return None
        self._save()
        self.export_button.setEnabled(False)
        self.runner = ExportRunner(job, self)
        exporting = translate("ExportDialog", "Exporting {steps} steps to {file}…").format(steps=job.total, file=job.target.name)
        self.progress = QProgressDialog(exporting, translate("ExportDialog", "Cancel"), 0, job.total + 1, self)
        self.progress.setWindowTitle(translate("ExportDialog", "Exporting"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.runner.cancel)
        self.runner.progressed.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(self._on_cancelled)
        self.progress.show()
        self.runner.start()
        return self.runner

    def _on_progress(self, done: int, total: int) -> None:
        if self.progress is None:
            return
        self.progress.setValue(done)
        if done >= total:
            self.progress.setLabelText(translate("ExportDialog", "Writing the file…"))

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect()
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.export_button.setEnabled(True)

    def _on_finished(self, result: ExportResult) -> None:
        self._close_progress()
        self.result = result
        self.exported.emit(result)
        self.accept()

    def _on_failed(self, message: str) -> None:
        self._close_progress()
        self.show_error(message)

    def _on_cancelled(self) -> None:
        self._close_progress()
        self.show_error("Cancelled: nothing was written.")

    def reject(self) -> None:
        if self.runner is not None and (self.runner.is_running() or self.runner.is_closing()):
            self.runner.cancel()
            return
        super().reject()


# -- single frames ---------------------------------------------------------------------


def _frame_settings(window: QMainWindow) -> tuple[th.Theme, float, str | None]:
    view = window.recording.presentation.view  # type: ignore[attr-defined]
    return view.theme, view.scale, view.caption


def _frame_size(window: QMainWindow) -> tuple[int, int]:
    """The presentation frame's size while presenting, else the export size."""
    mode: PresentationMode = window.recording.presentation  # type: ignore[attr-defined]
    if mode.is_active():
        size = mode.view.frame_size()
        return size.width(), size.height()
    try:
        return _parse_size(window.settings.value("export/size", "1280×720", type=str))  # type: ignore[attr-defined]
    except ConvError:
        return 1280, 720


def current_frame_image(window: QMainWindow, size: tuple[int, int] | None = None, device_pixel_ratio: float = 1.0) -> QImage:
    """The window's current step as a recording frame (presentation look)."""
    w, h = size or _frame_size(window)
    image = QImage(round(w * device_pixel_ratio), round(h * device_pixel_ratio), QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(device_pixel_ratio)
    _paint_window_frame(image, window, w, h)
    return image


def _paint_window_frame(device: QPaintDevice, window: QMainWindow, w: int, h: int) -> None:
    """The window's current step, as it records it, painted on ``device``."""
    animator = window.animator  # type: ignore[attr-defined]
    theme, scale, caption = _frame_settings(window)
    painter = QPainter(device)
    try:
        trace = animator.trace
        FrameRenderer(cache_size=1).render(painter, QRectF(0, 0, w, h), animator.document.scene, trace, animator.index, theme=theme,
                                           scale=scale, caption=caption, reveal=animator.reveal, map_scale=animator.map_scale,
                                           view=animator.view)  # fmt: skip
    finally:
        painter.end()  # always: a painter left active on a dying device crashes Qt


def save_frame_image(window: QMainWindow, path: str | Path, size: tuple[int, int] | None = None) -> Path:
    """Write the current frame as PNG, or as SVG (vector) for a ``.svg`` name."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from convviz.core.scenefile import write_atomic

    target = Path(path)
    w, h = size or _frame_size(window)
    if target.suffix.lower() == ".svg":
        if not svg_available():
            raise SceneFileError("SVG needs PySide6's QtSvg module, which this installation lacks; save a PNG",
                                 source=str(target))  # fmt: skip
        from PySide6.QtSvg import QSvgGenerator

        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(QSize(w, h))
        generator.setViewBox(QRectF(0, 0, w, h))
        generator.setTitle(f"convviz · {window.document.scene.name}")  # type: ignore[attr-defined]
        _paint_window_frame(generator, window, w, h)
        buffer.close()
        write_atomic(target, bytes(data))
        return target
    if target.suffix.lower() != ".png":
        target = target.with_suffix(".png")
    image = current_frame_image(window, (w, h))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    write_atomic(target, bytes(buffer.data()))
    return target


def copy_frame(window: QMainWindow) -> QImage:
    """Put the current frame on the clipboard as an image."""
    image = current_frame_image(window)
    QGuiApplication.clipboard().setImage(image)
    return image


# -- menus -------------------------------------------------------------------------------


@dataclass
class RecordingActions:
    presentation: PresentationMode
    export_animation: QAction
    export_image: QAction
    copy_frame: QAction
    toggle_presentation: QAction
    options_menu: QMenu
    dialog: ExportDialog | None = None


def install_recording_actions(window: QMainWindow) -> RecordingActions:
    """Add File → Export Animation… (Ctrl+Shift+E), File → Export Image…,
    Edit → Copy Frame and View → Presentation (F11) with its options to
    ``window``'s menus. Shortcuts work with the menu bar hidden. The result is
    also kept as ``window.recording``."""
    existing = getattr(window, "recording", None)
    if isinstance(existing, RecordingActions):
        return existing  # installed once; a second call adds nothing
    mode = PresentationMode(window)

    def status(text: str) -> None:
        window.statusBar().showMessage(text, 8000)

    make = partial(window_action, window)

    def open_export_dialog() -> ExportDialog:
        view = mode.view
        animator = window.animator  # type: ignore[attr-defined]
        defaults = _Defaults(view.theme.name, view.scale, view.caption, animator.level.value, animator.order.value,
                             animator.reveal, animator.map_scale.value, animator.view.value,
                             animator.transposed_view.value)  # fmt: skip
        dialog = ExportDialog(window.document.scene, defaults, window, settings=window.settings)  # type: ignore[attr-defined]
        dialog.wrt = animator.wrt
        dialog._sync_steps()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(lambda r: status(translate("ExportDialog", "Exported {file} ({frames} frames, {seconds} s)").format(
            file=r.path, frames=r.frames, seconds=f"{r.duration:.1f}")))
        actions.dialog = dialog
        dialog.open()
        return dialog

    def ask_image_path() -> None:
        name = (window.document.scene.name or "frame").replace("/", "-")  # type: ignore[attr-defined]
        filters = translate("ExportDialog", "PNG image (*.png)") + (";;" + translate("ExportDialog", "SVG drawing (*.svg)") if svg_available() else "")
        path, chosen = QFileDialog.getSaveFileName(window, translate("ExportDialog", "Export image"), str(Path.home() / f"{name}.png"), filters)
        if not path:
            return
        if chosen.endswith("(*.svg)") and not path.lower().endswith(".svg"):
            path += ".svg"
        try:
            saved = save_frame_image(window, path)
        except (ConvError, SceneFileError) as exc:
            status(translate("ExportDialog", "Couldn't export the image: {error}").format(error=exc))
            return
        status(translate("ExportDialog", "Saved {file}").format(file=saved))

    def copy() -> None:
        image = copy_frame(window)
        status(translate("ExportDialog", "Copied the frame ({W}×{H}) to the clipboard").format(W=image.width(), H=image.height()))

    export_animation = make(translate("ExportDialog", "Export &Animation…"), open_export_dialog, "Ctrl+Shift+E",
                            translate("ExportDialog", "Export the animation as MP4, GIF, animated PNG or PNG frames"))  # fmt: skip
    export_image = make(translate("ExportDialog", "Export &Image…"), ask_image_path, None, translate("ExportDialog", "Save the current frame as PNG or SVG"))
    copy_action = make(translate("ExportDialog", "Copy &Frame"), copy, "Ctrl+Shift+C", translate("ExportDialog", "Copy the current frame to the clipboard as an image"))
    toggle = make(translate("ExportDialog", "&Presentation"), mode.toggle, "F11", translate("ExportDialog", "Show only the recording frame and a playback bar"))
    toggle.setCheckable(True)
    mode.toggled.connect(toggle.setChecked)

    file_menu: QMenu = window.file_menu  # type: ignore[attr-defined]
    quit_action = getattr(window, "quit_action", None)
    before = quit_action if quit_action in file_menu.actions() else None
    for action in (export_animation, export_image):
        file_menu.insertAction(before, action) if before is not None else file_menu.addAction(action)
    if before is not None:
        file_menu.insertSeparator(before)

    edit_menu = window.menu(MenuId.EDIT)  # type: ignore[attr-defined]
    edit_menu.addSeparator()
    edit_menu.addAction(copy_action)

    view_menu = window.menu(MenuId.VIEW)  # type: ignore[attr-defined]
    view_menu.addSeparator()
    view_menu.addAction(toggle)
    options_menu = view_menu.addMenu(translate("ExportDialog", "Presentation &options"))
    mode.build_options_menu(options_menu)

    actions = RecordingActions(mode, export_animation, export_image, copy_action, toggle, options_menu)
    window.recording = actions  # type: ignore[attr-defined]
    return actions
