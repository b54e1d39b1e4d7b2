"""Images in the window: File → Open Image…, its options dialog, dropped and
recent image files, View → Image mode, and asking to downsize what is too big.

The reading itself is :mod:`convviz.ui.imaging.image_import`. The dialogs are
module-level functions so tests can replace them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QSignalBlocker, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from convviz.core.cost import estimate_cost, scene_cost, suggested_side
from convviz.core.edits import LIMITS
from convviz.core.errors import SceneFileError
from convviz.core.scene import Scene
from convviz.ui.base.busy import run_busy
from convviz.ui.base.menus import MenuId
from convviz.ui.document import file_actions
from convviz.ui.document.document import ChangeKind, SceneChange
from convviz.ui.imaging.image_import import (
    BACKGROUND_PIXELS,
    DEFAULT_MAX_SIDE,
    IMAGE_FILTER,
    downsized_scene,
    downsized_shape,
    image_size,
    load_image_scene,
)

__all__ = ["ImageActions", "ImageOptions", "OpenImageDialog", "ask_downsize", "ask_image_options", "install_image_actions"]

translate = QCoreApplication.translate


# -- the dialog -----------------------------------------------------------------


@dataclass(frozen=True)
class ImageOptions:
    path: Path
    channels: str = "gray"
    scale: str = "0-1"
    max_side: int | None = None


class OpenImageDialog(QDialog):
    """Choose an image file and how to read it: channels, scale, downsizing."""

    def __init__(self, parent: QWidget | None = None, path: str | Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ImageActions", "Open image"))
        self.setObjectName("openImageDialog")
        self._size: tuple[int, int] | None = None
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("imageSummary")
        self.summary_label.setWordWrap(True)

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(translate("ImageActions", "A PNG, JPEG or BMP file"))
        self.path_edit.textChanged.connect(self._on_path_changed)
        browse = QPushButton(translate("ImageActions", "Browse…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.info_label = QLabel()
        self.info_label.setObjectName("imageInfo")

        self.gray_button = QRadioButton(translate("ImageActions", "Grayscale, 1 channel (0.299 R + 0.587 G + 0.114 B)"))
        self.rgb_button = QRadioButton(translate("ImageActions", "RGB, 3 channels"))
        self.unit_button = QRadioButton(translate("ImageActions", "0 to 1"))
        self.byte_button = QRadioButton(translate("ImageActions", "0 to 255"))
        self._channel_group, self._scale_group = QButtonGroup(self), QButtonGroup(self)
        for group, buttons in ((self._channel_group, (self.gray_button, self.rgb_button)),
                               (self._scale_group, (self.unit_button, self.byte_button))):
            for button in buttons:
                group.addButton(button)
                button.toggled.connect(self._update_summary)
        self.gray_button.setChecked(True)
        self.unit_button.setChecked(True)

        self.downsize_check = QCheckBox(translate("ImageActions", "Downsize to at most"))
        self.downsize_check.setToolTip(translate("ImageActions", "Each new pixel is the average of the area it covers"))
        self.side_spin = QSpinBox()
        self.side_spin.setRange(8, LIMITS["H"])
        self.side_spin.setValue(DEFAULT_MAX_SIDE)
        self.side_spin.setSuffix(translate("ImageActions", " px per side"))
        self.downsize_check.toggled.connect(self.side_spin.setEnabled)
        self.downsize_check.toggled.connect(self._update_summary)
        self.side_spin.valueChanged.connect(self._update_summary)
        downsize_row = QHBoxLayout()
        downsize_row.addWidget(self.downsize_check)
        downsize_row.addWidget(self.side_spin)
        downsize_row.addStretch(1)

        form = QFormLayout()
        form.addRow(translate("ImageActions", "Image file:"), path_row)
        form.addRow("", self.info_label)
        channel_box = QVBoxLayout()
        channel_box.addWidget(self.gray_button)
        channel_box.addWidget(self.rgb_button)
        form.addRow(translate("ImageActions", "Channels:"), channel_box)
        scale_box = QHBoxLayout()
        scale_box.addWidget(self.unit_button)
        scale_box.addWidget(self.byte_button)
        scale_box.addStretch(1)
        form.addRow(translate("ImageActions", "Values:"), scale_box)
        form.addRow(translate("ImageActions", "Size:"), downsize_row)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)
        self.path_edit.setText(str(path) if path else "")
        self._on_path_changed()

    def _browse(self) -> None:
        folder = str(Path(self.path_edit.text()).parent) if self.path_edit.text() else ""
        chosen, _ = QFileDialog.getOpenFileName(self, translate("ImageActions", "Open image"), folder, IMAGE_FILTER)
        if chosen:
            self.path_edit.setText(chosen)

    def _on_path_changed(self) -> None:
        text = self.path_edit.text().strip()
        self._size = None
        if not text:
            self.info_label.setText("")
        else:
            try:
                self._size = image_size(text)
            except SceneFileError as exc:
                self.info_label.setText(f"⚠ {exc.detail}")
            else:
                H, W = self._size
                self.info_label.setText(translate("ImageActions", "{W}×{H} pixels").format(W=W, H=H))
                large = max(H, W) > DEFAULT_MAX_SIDE
                with QSignalBlocker(self.downsize_check):
                    self.downsize_check.setChecked(large)
                self.side_spin.setEnabled(large)
        self._update_summary()

    def options(self) -> ImageOptions:
        return ImageOptions(
            Path(self.path_edit.text().strip()),
            "rgb" if self.rgb_button.isChecked() else "gray",
            "0-255" if self.byte_button.isChecked() else "0-1",
            self.side_spin.value() if self.downsize_check.isChecked() else None,
        )

    def _update_summary(self) -> None:
        ok = self._size is not None
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(ok)
        if not ok:
            self.summary_label.setText("")
            return
        options = self.options()
        C = 3 if options.channels == "rgb" else 1
        H, W = downsized_shape(*self._size, options.max_side)
        text = translate("ImageActions", "Input [H,W,C] = [{H},{W},{C}], with a sharpen and a blur kernel.").format(H=H, W=W, C=C)
        cost = estimate_cost(H, W, C, 2)
        if cost.too_large:
            text += "\n⚠ " + translate("ImageActions", "Too large: {cost}. Downsize it.").format(cost=cost.describe())
        self.summary_label.setText(text)


# -- dialogs (replaceable in tests) ---------------------------------------------


def ask_image_options(parent: QWidget, path: Path | None = None) -> ImageOptions | None:
    """The Open Image dialog; None if cancelled."""
    dialog = OpenImageDialog(parent, path)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.options()


def ask_downsize(parent: QWidget, message: str, suggested: int) -> int | None:
    """Ask for a side to downsize to (``suggested`` offered); None if declined."""
    side, ok = QInputDialog.getInt(
        parent, translate("ImageActions", "Downsize first"), f"{message}\n\n" + translate("ImageActions", "Downsize the input to at most this many pixels per side:"),
        suggested, 8, LIMITS["H"], 64,
    )
    return side if ok else None


# -- the window's actions -------------------------------------------------------

VIEW_MODE_LABELS = (("auto", QT_TRANSLATE_NOOP("ImageActions", "&Auto (images above 32 per side)")), ("numbers", QT_TRANSLATE_NOOP("ImageActions", "&Numbers")), ("images", QT_TRANSLATE_NOOP("ImageActions", "&Images")))


class ImageActions(QObject):
    """File → Open Image…, View → Image mode, and the size guard, for one window."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view_mode = "auto"
        self._warned = False  # asked about the current too-large scene already
        window.document.sceneChanged.connect(self._on_scene_changed)

    # -- opening ---------------------------------------------------------------
    def open_image_dialog(self) -> bool:
        """File → Open Image…: ask about unsaved changes, then the options."""
        if not self.window.files.maybe_save():
            return False
        return self.open_image_file(None)

    def open_image_file(self, path: Path | None) -> bool:
        """Open ``path`` (or a file chosen in the dialog) as a new document.

        Dropped and recent image files come here through
        ``DocumentFiles.open_image``, after its unsaved-changes question.
        """
        options = ask_image_options(self.window, path)
        return options is not None and self.load(options)

    def load(self, options: ImageOptions) -> bool:
        """Load an image with ``options``; ask to downsize when it is too large.
        On any failure the current scene stays."""
        C = 3 if options.channels == "rgb" else 1
        side = options.max_side
        try:
            H0, W0 = image_size(options.path)
            cost = estimate_cost(*downsized_shape(H0, W0, side), C, 2)
            if cost.too_large:
                side = ask_downsize(self.window, f"{options.path.name}: {cost.describe()}.", suggested_side(H0, W0, C, 2))
                if side is None:
                    return False
            read = partial(load_image_scene, options.path, options.channels, options.scale, side)
            if H0 * W0 <= BACKGROUND_PIXELS:
                scene = read()
            else:
                scene = self._in_background(read, translate("ImageActions", "Reading {file} ({W}×{H} pixels)…").format(file=options.path.name, W=W0, H=H0))
        except SceneFileError as exc:
            file_actions.show_error(self.window, translate("ImageActions", "Can't open image"), f"{exc}\n\n" + translate("ImageActions", "The current scene stays as it was."))
            return False
        files = self.window.files
        self.window.document.reset(scene)
        files._set_path(None)  # saving asks for a .json name; the image stays as it is
        files._remember(options.path)
        return True

    def _in_background(self, work: Callable[[], Scene], text: str) -> Scene:
        return run_busy(self.window, translate("ImageActions", "Open image"), text, work)

    # -- view mode ---------------------------------------------------------------
    def set_view_mode(self, mode: str) -> None:
        """``"auto"``, ``"numbers"`` or ``"images"`` for the input and feature-map panels."""
        self.view_mode = mode
        w = self.window
        w.input_panel.set_view_mode(mode)
        w.output_panel.set_view_mode(mode)
        for action in self.mode_actions.actions():
            with QSignalBlocker(action):
                action.setChecked(action.data() == mode)
        w.presenter.present()  # the new views start without the animator's overlay
        if w.auto_fit:
            w.fit_cells()

    # -- the size guard ------------------------------------------------------------
    def _on_scene_changed(self, change: SceneChange) -> None:
        if change.kind not in (ChangeKind.STRUCTURE, ChangeKind.SCENE, ChangeKind.PARAMS):
            return
        too_large = scene_cost(self.window.document.scene).too_large
        if too_large and not self._warned:
            # After the edit has finished, not inside the undo stack's push.
            QTimer.singleShot(0, self._offer_downsize)
        self._warned = too_large

    def _offer_downsize(self) -> None:
        scene = self.window.document.scene
        cost = scene_cost(scene)
        if not cost.too_large:
            return
        H, W, C = scene.input_shape
        kh, kw, _, K = scene.kernel_shape
        side = ask_downsize(
            self.window,
            translate("ImageActions", "The feature maps are not computed: {cost}.").format(cost=cost.describe()),
            suggested_side(H, W, C, K, kh, kw, scene.params.groups),
        )
        if side is not None:
            self.window.document.load_scene(downsized_scene(scene, side), translate("ImageActions", "Downsize input to at most {side}×{side}").format(side=side))


def install_image_actions(window: QMainWindow) -> ImageActions:
    """Add File → Open Image… and View → Image mode to ``window``, route
    dropped and recent image files through the importer, and watch sizes."""
    actions = ImageActions(window)
    window.image_actions = actions  # type: ignore[attr-defined]
    window.files.open_image = actions.open_image_file

    open_action = QAction(translate("ImageActions", "Open &Image…"), window)
    open_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
    open_action.setStatusTip(translate("ImageActions", "Open a PNG, JPEG or BMP image as the input"))
    open_action.triggered.connect(lambda _checked=False: actions.open_image_dialog())
    window.addAction(open_action)
    file_menu: QMenu = window.file_menu
    entries = file_menu.actions()
    after = entries.index(window.files.open_action) + 1 if window.files.open_action in entries else 0
    file_menu.insertAction(entries[after] if after < len(entries) else None, open_action)
    actions.open_action = open_action

    view_menu = window.menu(MenuId.VIEW)  # type: ignore[attr-defined]
    mode_menu = QMenu(translate("ImageActions", "Image &mode"), window)
    actions.mode_actions = QActionGroup(window)
    for mode, text in VIEW_MODE_LABELS:
        action = QAction(translate("ImageActions", text), window, checkable=True)
        action.setData(mode)
        action.setChecked(mode == actions.view_mode)
        action.triggered.connect(lambda _checked=False, m=mode: actions.set_view_mode(m))
        actions.mode_actions.addAction(action)
        mode_menu.addAction(action)
    view_menu.addSeparator()
    view_menu.addMenu(mode_menu)
    actions.mode_menu = mode_menu
    return actions
