"""The kernel panel's tabs when the window is crowded: one tab per kernel
(its name) and a toggle to show every kernel.

A crowded window shows the grids of one kernel at a time, as recordings
do (the active one), at cells large enough to read; the tabs switch which
one, and stepping into another kernel switches to it. Which kernels show
is a view choice: it changes nothing in the scene.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTabBar, QToolButton, QWidget

from convviz.ui.panels.widgets import hbox

__all__ = ["KernelTabs"]

translate = QCoreApplication.translate


class KernelTabs(QWidget):
    """A tab per kernel, and "All kernels" to unfold them."""

    kernelChosen = Signal(int)  # the user picked the kernel to show
    showAllToggled = Signal(bool)  # the user asked for every kernel (True) or one at a time

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kernelTabs")
        self.tabs = QTabBar()
        self.tabs.setObjectName("kernelTabBar")
        self.tabs.setDocumentMode(True)
        self.tabs.setDrawBase(False)
        self.tabs.setExpanding(False)
        self.tabs.setUsesScrollButtons(True)  # many kernels: scroll the tabs, never widen the panel
        self.tabs.setAccessibleName(translate("KernelPanel", "Kernel shown"))
        self.tabs.setToolTip(translate("KernelPanel", "The window is crowded: it shows one kernel's grids at a time. Pick the kernel to show; stepping into another kernel shows that one."))
        self.tabs.currentChanged.connect(self._on_tab)
        self.tabs.installEventFilter(_TabKeys(self.tabs))
        self.all_button = QToolButton()
        self.all_button.setObjectName("showAllKernels")
        self.all_button.setText(translate("KernelPanel", "All kernels"))
        self.all_button.setCheckable(True)
        self.all_button.setToolTip(translate("KernelPanel", "Show every kernel's grids at once (smaller cells); off: one kernel at a time while the window is crowded"))
        self.all_button.setAccessibleName(translate("KernelPanel", "Show all kernels"))
        self.all_button.toggled.connect(self.showAllToggled)
        row = hbox(self.tabs, spacing=6)
        row.addWidget(self.all_button)
        row.addStretch(1)
        self.setLayout(row)

    def set_kernels(self, names: list[str], shown: int) -> None:
        """One tab per kernel name, ``shown`` current."""
        with QSignalBlocker(self.tabs):
            while self.tabs.count() > len(names):
                self.tabs.removeTab(self.tabs.count() - 1)
            for i, name in enumerate(names):
                if i == self.tabs.count():
                    self.tabs.addTab(name)
                self.tabs.setTabText(i, name)
                self.tabs.setTabToolTip(i, translate("KernelPanel", "Show {kernel}'s grids").format(kernel=name))
                self.tabs.setAccessibleTabName(i, translate("KernelPanel", "Show kernel {kernel}").format(kernel=name))
            self.tabs.setCurrentIndex(shown)

    def set_shown(self, index: int) -> None:
        with QSignalBlocker(self.tabs):
            self.tabs.setCurrentIndex(index)

    def set_show_all(self, on: bool) -> None:
        with QSignalBlocker(self.all_button):
            self.all_button.setChecked(on)

    def _on_tab(self, index: int) -> None:
        if index >= 0:
            self.kernelChosen.emit(index)


class _TabKeys(QObject):
    """The arrow keys (and Home, End) switch tabs while the tab bar has the
    keyboard focus, instead of stepping the animation (the window's
    shortcuts for them)."""

    KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent) or event.key() not in self.KEYS or event.modifiers() != Qt.KeyboardModifier.NoModifier:
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # a key press for the tab bar, not a shortcut
        elif event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Home, Qt.Key.Key_End) and isinstance(watched, QTabBar):
            # QTabBar itself only steps with the arrows: the first and the last kernel.
            watched.setCurrentIndex(0 if event.key() == Qt.Key.Key_Home else watched.count() - 1)
            return True
        return False
