"""The parameter bar: stride, padding, padding mode, dilation and groups.

Each control says what it does in its tooltip. A change is one undo step;
an impossible combination is allowed here and explained in the output panel,
so a user can pass through it on the way to what they want.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QToolButton, QWidget

from convviz.core.edits import LIMITS
from convviz.core.geometry import PADDING_MODES
from convviz.ui.document.document import ChangeKind, SceneChange, SceneDocument
from convviz.ui.panels.widgets import EditRefusals, SizeSpin, caption, hbox

__all__ = ["ParamBar"]

_PAD_KINDS = ("custom", "same", "valid")
translate = QCoreApplication.translate


def _link_button(what: str) -> QToolButton:
    button = QToolButton()
    button.setObjectName("linkToggle")
    button.setText("=")
    button.setCheckable(True)
    tip = translate("ParamBar", "Link the two {what} values: changing one sets both, as one undo step").format(what=translate("ParamBar", what))
    button.setToolTip(tip)
    button.setAccessibleName(translate("ParamBar", "link {what}").format(what=translate("ParamBar", what)))
    button.setAutoRaise(True)
    return button


class ParamBar(QWidget):
    statusMessage = Signal(str)

    def __init__(self, document: SceneDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paramBar")
        self.document = document
        stride_tip = translate("ParamBar", "Stride: how many cells the window moves per step ({}). Larger strides give smaller maps.")
        self.stride_h = SizeSpin(1, LIMITS["stride"], stride_tip.format(translate("ParamBar", "down")))
        self.stride_w = SizeSpin(1, LIMITS["stride"], stride_tip.format(translate("ParamBar", "right")))
        pad_tip = translate("ParamBar", "Padding: extra cells around the input ({}), so the window can also centre on the border.")
        self.pad_h = SizeSpin(0, LIMITS["padding"], pad_tip.format(translate("ParamBar", "top and bottom")))
        self.pad_w = SizeSpin(0, LIMITS["padding"], pad_tip.format(translate("ParamBar", "left and right")))
        self.pad_kind = QComboBox()
        self.pad_kind.addItems(list(_PAD_KINDS))
        self.pad_kind.setToolTip(
            translate("ParamBar", 'Padding: "custom" takes the two numbers; "same": as much as keeps the output the input\'s size (stride 1 only, the odd extra cell goes bottom/right as in PyTorch); "valid": no padding')
        )
        self.mode = QComboBox()
        self.mode.addItems(list(PADDING_MODES))
        self.mode.setToolTip(
            translate("ParamBar", "What padding cells hold: zeros; reflect (mirror, edge not repeated); replicate (copy the edge); circular (wrap around)")
        )
        dil_tip = translate("ParamBar", "Dilation: spacing between the kernel's taps ({}); 2 leaves one cell between taps.")
        self.dil_h = SizeSpin(1, LIMITS["dilation"], dil_tip.format(translate("ParamBar", "down")))
        self.dil_w = SizeSpin(1, LIMITS["dilation"], dil_tip.format(translate("ParamBar", "right")))
        self.groups = SizeSpin(1, LIMITS["groups"], translate("ParamBar", "Groups: split the channels into groups; each kernel sees only its group's C / groups channels. groups = C is a depthwise convolution."))
        x1, x2, x3 = caption("×", "times"), caption("×", "times"), caption("×", "times")
        self.stride_link, self.pad_link, self.dil_link = (_link_button(what) for what in ("stride", "padding", "dilation"))
        self._pairs = {
            self.stride_link: (self.stride_h, self.stride_w),
            self.pad_link: (self.pad_h, self.pad_w),
            self.dil_link: (self.dil_h, self.dil_w),
        }
        layout = hbox(
            caption(translate("ParamBar", "stride"), "paramLabel"), self.stride_h, x1, self.stride_w, self.stride_link,
            caption(translate("ParamBar", "padding"), "paramLabel"), self.pad_kind, self.pad_h, x2, self.pad_w, self.pad_link, self.mode,
            caption(translate("ParamBar", "dilation"), "paramLabel"), self.dil_h, x3, self.dil_w, self.dil_link,
            caption(translate("ParamBar", "groups"), "paramLabel"), self.groups,
            spacing=6, margins=(8, 2, 8, 2),
        )
        layout.addStretch(1)
        self.setLayout(layout)
        for spin in (self.stride_h, self.stride_w):
            spin.valueChanged.connect(self._on_stride)
        for spin in (self.pad_h, self.pad_w):
            spin.valueChanged.connect(self._on_padding)
        self.pad_kind.currentIndexChanged.connect(self._on_padding)
        self.mode.currentIndexChanged.connect(self._on_mode)
        for spin in (self.dil_h, self.dil_w):
            spin.valueChanged.connect(self._on_dilation)
        self.groups.valueChanged.connect(self._on_groups)
        for link in self._pairs:
            link.toggled.connect(self._on_link_toggled)
        document.sceneChanged.connect(self._on_scene_changed)
        self.refusals = EditRefusals(self, document, self.statusMessage.emit)
        self.sync()

    def sync(self) -> None:
        p = self.document.scene.params
        padding = p.padding
        kind = padding if isinstance(padding, str) else "custom"
        values = {
            self.stride_h: p.stride[0], self.stride_w: p.stride[1],
            self.dil_h: p.dilation[0], self.dil_w: p.dilation[1], self.groups: p.groups,
        }
        if not isinstance(padding, str):
            values[self.pad_h], values[self.pad_w] = padding
        for spin, value in values.items():
            with QSignalBlocker(spin):
                spin.setValue(value)
        with QSignalBlocker(self.pad_kind):
            self.pad_kind.setCurrentIndex(_PAD_KINDS.index(kind))
        with QSignalBlocker(self.mode):
            self.mode.setCurrentIndex(PADDING_MODES.index(p.padding_mode))
        for widget in (self.pad_h, self.pad_w, self.pad_link):
            widget.setEnabled(kind == "custom")


    def _on_scene_changed(self, change: SceneChange) -> None:
        if change.kind in (ChangeKind.PARAMS, ChangeKind.SCENE, ChangeKind.STRUCTURE):
            self.sync()

    def _ask(self, call: Callable[[], bool]) -> None:
        """Run an edit; if refused, show why under the control that asked."""
        with self.refusals.asking(self.sender()):
            if not call():
                self.sync()

    def _linked_pair(self, link: QToolButton) -> tuple[int, int]:
        """The pair's values; when linked, both take the one just changed
        (so 2×2 is one undo step, not 2×1 then 2×2)."""
        h, w = self._pairs[link]
        if link.isChecked():
            value = (self.sender() if self.sender() in (h, w) else h).value()
            for spin in (h, w):
                with QSignalBlocker(spin):
                    spin.setValue(value)
        return h.value(), w.value()

    def _on_link_toggled(self, linked: bool) -> None:
        link = self.sender()
        if linked and link in self._pairs:
            h, w = self._pairs[link]
            if h.value() != w.value() and h.isEnabled():
                h.valueChanged.emit(h.value())  # make them equal now: one undo step

    def _on_stride(self) -> None:
        s = self._linked_pair(self.stride_link)
        self._ask(lambda: self.document.set_params(translate("ParamBar", "Set stride to {value}").format(value=f"{s[0]}×{s[1]}"), stride=s))

    def _on_padding(self) -> None:
        kind = _PAD_KINDS[self.pad_kind.currentIndex()]
        padding: object = kind if kind != "custom" else self._linked_pair(self.pad_link)
        text = translate("ParamBar", "Set padding to {value}").format(value=padding if isinstance(padding, str) else f"{padding[0]}×{padding[1]}")
        self._ask(lambda: self.document.set_params(text, padding=padding))
        for widget in (self.pad_h, self.pad_w, self.pad_link):
            widget.setEnabled(kind == "custom")

    def _on_mode(self) -> None:
        mode = PADDING_MODES[self.mode.currentIndex()]
        self._ask(lambda: self.document.set_params(translate("ParamBar", "Set padding mode to {value}").format(value=mode), padding_mode=mode))

    def _on_dilation(self) -> None:
        d = self._linked_pair(self.dil_link)
        self._ask(lambda: self.document.set_params(translate("ParamBar", "Set dilation to {value}").format(value=f"{d[0]}×{d[1]}"), dilation=d))

    def _on_groups(self) -> None:
        self._ask(lambda: self.document.set_groups(self.groups.value()))
