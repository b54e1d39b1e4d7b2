"""The keyboard's way through the window: Tab visits every control and grid
in reading order, as they are laid out now.

Qt's focus chain follows the order widgets were created in: the playback
bar at the window's foot came first, a panel's view choice under its maps
before the maps, and a grid rebuilt after an edit went to the end. Here the
chain is rebuilt from the layout: at each level of the widget tree the
children are read in bands, top to bottom (children whose heights overlap
share a band), and left to right within a band; each child's own widgets
follow it before the next child's. So the parameter bar comes first, then
the input panel (in its column or beside the kernels), the kernels, the
maps, the ledger, and the playback bar last.

The layout changes (a refit moves the input panel between splitters, an
edit rebuilds the grids, the Presets dock opens), so the chain is rebuilt
after every refit and, deferred, after every change of the scene.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QMainWindow, QWidget

from convviz.ui.document.document import ChangeKind

__all__ = ["ReadingTabOrder", "install_reading_tab_order", "reading_order"]


def _takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value)  # disabled ones too: in place for later


def _bands(items: list[tuple[QRect, QWidget]]) -> list[QWidget]:
    """``items`` (rectangle, widget) in reading order: bands top to bottom, left to right in each."""
    ordered: list[QWidget] = []
    band: list[tuple[QRect, QWidget]] = []
    bottom = None
    for rect, widget in sorted(items, key=lambda item: (item[0].top(), item[0].left())):
        if bottom is not None and rect.top() > bottom:  # below everything in the band so far
            ordered += [w for _, w in sorted(band, key=lambda item: (item[0].left(), item[0].top()))]
            band, bottom = [], None
        band.append((rect, widget))
        bottom = rect.bottom() if bottom is None else max(bottom, rect.bottom())
    ordered += [w for _, w in sorted(band, key=lambda item: (item[0].left(), item[0].top()))]
    return ordered


def reading_order(root: QWidget) -> list[QWidget]:
    """The visible widgets under ``root`` that Tab can reach, in reading order."""
    found: list[QWidget] = []

    def visit(widget: QWidget) -> None:
        if widget is not root and _takes_tab(widget) and widget.focusProxy() is None:
            found.append(widget)
        if isinstance(widget, (QAbstractSpinBox, QComboBox)):
            return  # their line edits are parts of them, not stops of their own
        children = [c for c in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                    if not c.isWindow() and c.isVisibleTo(root)]  # fmt: skip
        placed = [(QRect(c.mapTo(root, QPoint(0, 0)), c.size()), c) for c in children]
        for child in _bands(placed):
            visit(child)

    visit(root)
    return found


class ReadingTabOrder(QObject):
    """Keeps a window's focus chain in reading order (see the module's docstring)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._later = QTimer(self, singleShot=True, interval=0)
        self._later.timeout.connect(self.refresh)

    def refresh_later(self, *_args: object) -> None:
        self._later.start()

    def refresh(self) -> None:
        chain = reading_order(self.window)
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)


def install_reading_tab_order(window: QMainWindow) -> ReadingTabOrder:
    """Keep ``window``'s Tab order in reading order; the window calls
    ``refresh()`` after each refit, which may move the input panel."""
    order = ReadingTabOrder(window)
    # New numbers in the same grids move no widget: typing into a cell doesn't rebuild the chain.
    window.document.sceneChanged.connect(  # type: ignore[attr-defined]
        lambda change: change.kind is ChangeKind.VALUES or order.refresh_later()
    )
    for dock in window.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if hasattr(dock, "visibilityChanged"):  # the Presets dock and any other
            dock.visibilityChanged.connect(order.refresh_later)
    order.refresh_later()
    return order
