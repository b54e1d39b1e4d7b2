"""Small widgets the panels share: spin boxes, captions, the colour legend."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from html import escape

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QKeySequence, QLinearGradient, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from convviz.core.frame import CaptionState
from convviz.core.numbers import format_number
from convviz.ui.base import theme as th
from convviz.ui.grid.matrix_view import MatrixView
from convviz.ui.grid.view_choice import wants_image_view

if TYPE_CHECKING:
    from convviz.ui.document.matrix_model import MatrixModel
    from convviz.ui.grid.image_channel_view import ImageChannelView

__all__ = [
    "PANEL_MARGINS",
    "PANEL_SPACING",
    "BlockGrid",
    "ColorLegend",
    "GridBlock",
    "GridPanel",
    "PanelHeader",
    "SizeSpin",
    "caption",
    "hbox",
    "hide_idle_bars",
    "panel_required_size",
    "refresh_layouts",
    "vbox",
]

# The panels' chrome, kept tight: at 1280×720 every pixel of height it
# doesn't take is the grids' (see ui/shell/window_fit).
PANEL_MARGINS = (6, 3, 6, 3)
PANEL_SPACING = 4

translate = QCoreApplication.translate


def hbox(*widgets: QWidget, spacing: int = 6, margins: tuple[int, int, int, int] = (0, 0, 0, 0)) -> QHBoxLayout:
    layout = QHBoxLayout()
    layout.setSpacing(spacing)
    layout.setContentsMargins(*margins)
    for w in widgets:
        layout.addWidget(w)
    return layout


def vbox(spacing: int = 6, margins: tuple[int, int, int, int] = (0, 0, 0, 0)) -> QVBoxLayout:
    layout = QVBoxLayout()
    layout.setSpacing(spacing)
    layout.setContentsMargins(*margins)
    return layout


def refresh_layouts(widget: QWidget) -> None:
    """Drop every cached size hint below ``widget``.

    Layouts cache their children's hints until the event loop handles the
    layout request; fitting the cell size needs the new hints at once.
    (A widget's item drops the hints it caches when the widget's
    updateGeometry() is called; a layout, its own when invalidated. Every
    layout below ``widget``, nested ones too, is a QObject below it.)
    """
    widget.updateGeometry()
    for child in widget.findChildren(QWidget):
        child.updateGeometry()
    for layout in widget.findChildren(QLayout):
        layout.invalidate()


def panel_required_size(layout: QVBoxLayout, scroll: QWidget, content: QWidget) -> QSize:
    """The size a panel needs to show ``content`` (inside ``scroll``) whole.

    Used to fit the cell size to the window: the headers' hints plus the
    content's own hint, instead of the scroll area's (which is arbitrary).
    """
    margins = layout.contentsMargins()
    width = content.sizeHint().width() + 6
    height = margins.top() + margins.bottom()
    shown = 0
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.widget() is scroll:
            # The scroll area's frame, top and bottom (none in the panels'
            # style): counting 6 px there, and a spacing after the last
            # item, kept 10 px of height the layout never uses.
            height += content.sizeHint().height() + 2 * getattr(scroll, "frameWidth", lambda: 0)()
        elif item.widget() is not None and item.widget().isHidden():
            continue
        else:
            hint = item.sizeHint()
            height += hint.height()
            # A header's own minimum is its narrowest (two-row) form; the
            # panel needs the form it is in.
            width = max(width, hint.width() if isinstance(item.widget(), PanelHeader) else item.minimumSize().width())
        shown += 1
    height += layout.spacing() * max(0, shown - 1)  # between items, not after the last
    return QSize(width + margins.left() + margins.right(), height)


class RefusalBubble(QLabel):
    """A refused edit's message, under the control that asked for it.

    Not a tooltip: tooltips vanish as soon as the key that caused the
    refusal (Enter) is released. The bubble stays for a few seconds, or
    until the next refusal replaces it.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("refusalBubble")
        self.setWordWrap(True)
        self.setMaximumWidth(420)
        self.setStyleSheet(
            "QLabel#refusalBubble { background: #B00020; color: white; border-radius: 5px; padding: 5px 9px; }"
        )
        self.hide()
        self._timer = QTimer(self, singleShot=True, interval=6000)
        self._timer.timeout.connect(self.hide)

    def show_at(self, anchor: QWidget, message: str) -> None:
        window = self.parentWidget()
        self.setText(message)
        self.adjustSize()
        pos = anchor.mapTo(window, QPoint(0, anchor.height() + 3))
        x = min(max(0, pos.x()), max(0, window.width() - self.width()))
        y = pos.y() if pos.y() + self.height() <= window.height() else max(0, anchor.mapTo(window, QPoint(0, 0)).y() - self.height() - 3)
        self.move(x, y)
        self.raise_()
        self.show()
        self._timer.start()


def show_refusal(anchor: QWidget, message: str) -> RefusalBubble:
    """Show ``message`` under ``anchor`` in its window's refusal bubble."""
    window = anchor.window()
    bubble = window.findChild(RefusalBubble, "refusalBubble")
    if bubble is None:
        bubble = RefusalBubble(window)
    bubble.show_at(anchor, message)
    return bubble


class EditRefusals(QObject):
    """Shows the document's refused edits under the control that asked.

    A panel runs an edit inside ``with refusals.asking(control):``; if the
    document refuses it, the message appears under that control (or, for
    edits not started that way, under the panel's focused control) and on
    the status bar through ``status``.
    """

    def __init__(self, panel: QWidget, document: QObject, status: Callable[[str], None]) -> None:
        super().__init__(panel)
        self._panel, self._status = panel, status
        self._control: QWidget | None = None
        document.editRefused.connect(self._on_refused)  # type: ignore[attr-defined]

    @contextmanager
    def asking(self, control: QObject | None) -> Iterator[None]:
        self._control = control if isinstance(control, QWidget) else None
        try:
            yield
        finally:
            self._control = None

    def _on_refused(self, message: str) -> None:
        anchor = self._control or refusal_anchor(self._panel)
        if anchor is not None:
            show_refusal(anchor, message)
            self._status(message)


class PanelHeader(QWidget):
    """A panel's title and shape, with its size controls on the same row
    where the panel is wide enough and on a row of their own where not (the
    window picks whichever leaves the grids larger cells)."""

    def __init__(self, title: QLabel, shape: QLabel, controls: list[QWidget]) -> None:
        super().__init__()
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(3)
        self._grid.addWidget(title, 0, 0)
        self._grid.addWidget(shape, 0, 1)
        self._grid.setColumnStretch(3, 1)
        self.controls = QWidget()
        self.controls.setLayout(hbox(*controls, spacing=6))
        self.one_row = False
        self._grid.addWidget(self.controls, 1, 0, 1, 3, Qt.AlignmentFlag.AlignLeft)

    def minimumSizeHint(self) -> QSize:
        """The two-row form's: a header on one row must not widen the window
        when the Presets dock opens; the window refits it to two rows."""
        title = self._grid.itemAtPosition(0, 0).widget().sizeHint().width()
        shape = self._grid.itemAtPosition(0, 1).widget().sizeHint().width()
        return QSize(max(title + 10 + shape, self.controls.sizeHint().width()), super().minimumSizeHint().height())

    def set_one_row(self, one_row: bool) -> None:
        if one_row == self.one_row:
            return
        self.one_row = one_row
        self._grid.removeWidget(self.controls)
        if one_row:
            self._grid.addWidget(self.controls, 0, 2, Qt.AlignmentFlag.AlignLeft)
        else:
            self._grid.addWidget(self.controls, 1, 0, 1, 3, Qt.AlignmentFlag.AlignLeft)
        self._grid.invalidate()


class BlockGrid(QGridLayout):
    """Grid blocks in rows of :attr:`columns` (all in one row for 0), top left.

    The window chooses the columns that give the largest cells: a deep
    input's channels wrap into rows where the height is there to use.
    """

    def __init__(self, spacing: int = 14, margins: int = 4) -> None:
        super().__init__()
        self.setSpacing(spacing)
        self.setContentsMargins(margins, margins, margins, margins)
        self.columns = 0
        self._blocks: list[QWidget] = []
        self._stretched: tuple[int, int] = (0, 0)

    @property
    def blocks(self) -> list[QWidget]:
        return list(self._blocks)

    def set_blocks(self, blocks: list[QWidget]) -> None:
        for block in self._blocks:
            self.removeWidget(block)
        self._blocks = list(blocks)
        self._place()

    def set_columns(self, columns: int) -> None:
        columns = max(0, min(int(columns), len(self._blocks)))
        if columns != self.columns:
            self.columns = columns
            self._place()

    def column_choices(self) -> list[int]:
        """Every number of columns that gives a different number of rows,
        each the fewest columns for its rows (4 blocks: 4, 2 or 1 columns;
        3 columns would need 2 rows too, and be wider)."""
        n = len(self._blocks)
        return sorted({-(-n // rows) for rows in range(1, n + 1)}, reverse=True) or [0]

    def _place(self) -> None:
        for block in self._blocks:
            self.removeWidget(block)
        old_col, old_row = self._stretched
        self.setColumnStretch(old_col, 0)
        self.setRowStretch(old_row, 0)
        cols = self.columns or max(1, len(self._blocks))
        for i, block in enumerate(self._blocks):
            self.addWidget(block, i // cols, i % cols, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        rows = -(-len(self._blocks) // cols)
        # The space left over goes right of and under the blocks.
        self.setColumnStretch(cols, 1)
        self.setRowStretch(rows, 1)
        self._stretched = (cols, rows)
        self.invalidate()


def scroll_host(layout: QLayout) -> tuple[QWidget, QScrollArea]:
    """A borderless, resizable scroll area around a widget holding ``layout``."""
    host = QWidget()
    host.setObjectName("gridHost")
    host.setLayout(layout)
    scroll = QScrollArea()
    scroll.setWidget(host)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    for bar in (scroll.horizontalScrollBar(), scroll.verticalScrollBar()):
        bar.rangeChanged.connect(lambda low, high, s=scroll: high <= low and QTimer.singleShot(0, s, lambda: hide_idle_bars(s)))
    scroll.viewport().installEventFilter(_IdleBarWatch(scroll))
    return host, scroll


class _IdleBarWatch(QObject):
    """Looks for idle bars again when the viewport changes size: a bar that
    shows up in a passing layout (seen on a loaded machine after a refit)
    shrinks the viewport, while its range, already empty, stays as it was."""

    def __init__(self, scroll: QScrollArea) -> None:
        super().__init__(scroll)
        self._scroll = scroll

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self._scroll, lambda: hide_idle_bars(self._scroll))
        return False


def hide_idle_bars(scroll: QScrollArea) -> None:
    """Hide a scroll bar left showing with nothing to scroll.

    Seen when the window refits: a bar shown while sizes were tried stayed
    after its range dropped to nothing. Setting the policy again makes the
    scroll area lay its bars out anew.
    """
    for bar, set_policy, policy in (
        (scroll.horizontalScrollBar(), scroll.setHorizontalScrollBarPolicy, scroll.horizontalScrollBarPolicy()),
        (scroll.verticalScrollBar(), scroll.setVerticalScrollBarPolicy, scroll.verticalScrollBarPolicy()),
    ):
        if bar.isVisible() and bar.maximum() <= bar.minimum() and policy == Qt.ScrollBarPolicy.ScrollBarAsNeeded:
            set_policy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            set_policy(policy)


def refusal_anchor(panel: QWidget) -> QWidget | None:
    """The control in ``panel`` that has the keyboard focus, unless it is a
    grid (grids show their own refusals beside the cell)."""
    focus = QApplication.focusWidget()
    if focus is None or not panel.isAncestorOf(focus):
        return None
    widget: QWidget | None = focus
    while widget is not None and widget is not panel:
        if isinstance(widget, MatrixView):
            return None
        widget = widget.parentWidget()
    return focus


def caption(text: str, role: str = "caption") -> QLabel:
    """A label styled by the window's stylesheet through its object name."""
    label = QLabel(text)
    label.setObjectName(role)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def message_label(role: str) -> QLabel:
    """A wrapped plain-text message, styled through its object name and
    hidden until there is something to say."""
    label = caption("", role)
    label.setWordWrap(True)
    label.hide()
    return label


class SizeSpin(QSpinBox):
    """A spin box that reports a value only when the user is done typing.

    Keyboard tracking off: typing "12" gives one change to 12, not a change
    to 1 first (which would resize the scene twice).
    """

    def __init__(self, minimum: int, maximum: int, tooltip: str, prefix: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(minimum, maximum)
        self.setKeyboardTracking(False)
        self.setToolTip(tooltip)
        self.setPrefix(prefix)
        self.setAccelerated(True)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)

        # The line edit inside claims Ctrl+Z for its own text undo, which after
        # a committed value only puts the old number back in the box without
        # changing the scene. Unless a number is half typed, let the window's
        # Undo/Redo have it, so Ctrl+Z right after a change undoes that change.
        self.installEventFilter(
            WindowUndoFilter(lambda: self.text() == self.prefix() + self.textFromValue(self.value()) + self.suffix(), self)
        )


class WindowUndoFilter(QObject):
    """Passes Ctrl+Z / Ctrl+Shift+Z on to the window's undo stack while the
    filtered editor holds nothing half-typed (``unchanged()`` is true).

    An event filter rather than an ``event()`` override: overridden
    ``event()`` methods also receive the DeferredDelete that destroys the
    widget, which PySide doesn't survive with Python code on the stack.
    """

    def __init__(self, unchanged: Callable[[], bool], parent: QObject) -> None:
        super().__init__(parent)
        self._unchanged = unchanged

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and _is_undo_or_redo(event)
            and self._unchanged()
        ):
            event.ignore()
            return True  # not accepted: the shortcut goes to the window
        return False


def _is_undo_or_redo(event: QKeyEvent) -> bool:
    if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
        return True
    pressed = QKeySequence(event.keyCombination())
    return any(pressed.matches(QKeySequence(s)) == QKeySequence.SequenceMatch.ExactMatch for s in ("Ctrl+Shift+Z", "Ctrl+Y"))


class GridPanel(QWidget):
    """A panel of grid blocks (the input's channels, the feature maps): its
    grids in a :class:`BlockGrid` inside a scroll area, zoom and theme for
    all of them, and the size it needs to show them whole. Its grids are
    numbers or images, as :meth:`_wants_images` says for the view mode."""

    cellClicked = Signal(int, int, int)  # block (input channel or kernel), row, col; row/col may lie in the padding

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cell_size = 36
        self.theme: th.Theme = th.LIGHT
        self.views: list = []  # MatrixView or ImageChannelView, one per block
        self.blocks: list[GridBlock] = []
        self.view_mode = "auto"  # "numbers", "images", or images above a size
        self.showing_images = False
        self.grid_layout = BlockGrid()
        # Rows a little closer than the columns, and no margin above and
        # below them: at 1280×720 a crowded window needs the height.
        self.grid_layout.setVerticalSpacing(8)
        self.grid_layout.setContentsMargins(4, 0, 4, 0)
        self._host, self.scroll = scroll_host(self.grid_layout)

    def _wants_images(self) -> bool:
        """Whether the grids should be images for the current view mode and size."""
        raise NotImplementedError

    def _on_view_mode_changed(self) -> None:
        """Rebuild the grids if the new view mode calls for the other kind."""
        raise NotImplementedError

    def set_view_mode(self, mode: str) -> None:
        """``"auto"`` (images above 32 per side), ``"numbers"`` or ``"images"``."""
        wants_image_view(1, 1, mode)  # checks the name
        self.view_mode = mode
        self._on_view_mode_changed()

    def _replace_grids(
        self, count: int, model_for: Callable[[int], MatrixModel], style: str, caption_for: Callable[[int], str]
    ) -> None:
        """``count`` new grids of ``model_for(i)`` in place of the old ones
        (whose models go with them): numbers, or images for large matrices."""
        self.grid_layout.set_blocks([])
        for block in self.blocks:
            block.view.model.deleteLater()
            block.hide()  # it may get a paint event before it is deleted
            block.deleteLater()
        self.views, self.blocks = [], []
        self.showing_images = self._wants_images()
        for i in range(count):
            view = self._make_view(model_for(i), style)
            view.set_theme(self.theme)
            view.cellClicked.connect(lambda r, c, index=i: self.cellClicked.emit(index, r, c))
            if isinstance(view, MatrixView):
                view.legibleCellChanged.connect(self._share_cell_size)
            self.views.append(view)
            self.blocks.append(GridBlock(caption_for(i), view))
        self._share_cell_size()
        self.grid_layout.set_blocks(list(self.blocks))

    def _make_view(self, model: MatrixModel, style: str) -> MatrixView | ImageChannelView:
        if self.showing_images:
            from convviz.ui.grid.image_channel_view import ImageChannelView  # loads pyqtgraph, only when needed

            return ImageChannelView(model, style)
        return MatrixView(model, style)

    def set_cell_size(self, size: int) -> None:
        """One cell size for every grid of the panel: ``size``, or the largest
        any of them needs to write its numbers (a grid would grow alone, and
        maps side by side would no longer match cell for cell)."""
        self.cell_size = size
        self._share_cell_size()
        refresh_layouts(self._host)

    def _share_cell_size(self) -> None:
        shared = max([self.cell_size, *(view.legible_cell for view in self.views if isinstance(view, MatrixView))])
        for view in self.views:
            view.set_cell_size(shared)

    def set_theme(self, theme: th.Theme) -> None:
        self.theme = theme
        for view in self.views:
            view.set_theme(theme)

    def arrangements(self) -> list[tuple[int, bool]]:
        """The ways the panel can be placed: its grids' columns, and its
        header on one row or two."""
        rows = (True, False) if getattr(self, "header", None) is not None else (False,)
        return [(columns, one_row) for columns in self.grid_layout.column_choices() for one_row in rows]

    def arrange(self, arrangement: tuple[int, bool]) -> None:
        columns, one_row = arrangement
        self.grid_layout.set_columns(columns)
        header = getattr(self, "header", None)
        if header is not None:
            header.set_one_row(one_row)
        refresh_layouts(self)

    def required_size(self) -> QSize:
        """What this panel needs to show all its grids at the current cell size."""
        return panel_required_size(self.layout(), self.scroll, self._host)


class GridBlock(QWidget):
    """A caption above one grid."""

    def __init__(self, title: str, view: MatrixView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.title = caption(title, "gridCaption")
        self.title.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.caption_text = title
        self.caption_state: CaptionState = CaptionState.PLAIN
        self._reserved: tuple[str, int | None] | None = None
        self._caption_key: tuple[object, ...] = ()
        layout = vbox(spacing=2)
        layout.addWidget(self.title)
        layout.addWidget(view, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setLayout(layout)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._reserve_room(title, None)

    def _reserve_room(self, text: str, channel: int | None) -> None:
        """Room for the caption's bold (lit) form whatever its state: a step
        that lights it must neither cut it nor move the grids."""
        if self._reserved == (text, channel):
            return
        self._reserved = (text, channel)
        self.title.ensurePolished()
        bold = QFont(self.title.font())
        bold.setBold(True)
        shown = ("■\u00a0" if th.channel_colour(channel) else "") + text
        # + a rich text label's document margins (4 px a side) and rounding.
        self.title.setMinimumWidth(int(QFontMetrics(bold).horizontalAdvance(shown)) + 10)
        self.updateGeometry()

    def set_caption(self, text: str, state: CaptionState, channel: int | None, theme: th.Theme) -> None:
        """The caption as the frame model gives it: the channel's colour
        swatch, lit or dimmed as the step says (as frames draw it)."""
        key = (text, state, channel, theme.name)
        if key == self._caption_key:
            return
        self._caption_key = key
        self._reserve_room(text, channel)
        self.caption_text, self.caption_state = text, state
        colour, bold = th.caption_look(state, theme)
        if colour.alphaF() < 1.0:  # rich text takes opaque colours: blend onto the background
            colour = th.blend(th.color(theme.background), QColor(colour.red(), colour.green(), colour.blue()), colour.alphaF())
        swatch = th.channel_colour(channel)
        html = f'<span style="color:{swatch}">■</span>&nbsp;' if swatch else ""
        weight = "700" if bold else "400"
        html += f'<span style="color:{colour.name()}; font-weight:{weight}">{escape(text)}</span>'
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setText(html)
        self.title.setAccessibleName(text)


class ColorLegend(QWidget):
    """The diverging colour scale with its symmetric limits, −L … 0 … +L."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = 1.0
        self.theme: th.Theme = th.LIGHT
        self.setMinimumHeight(34)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(translate("ColorLegend", "Colour scale of the feature maps: blue is negative, red positive, white zero. The numbers in the cells carry the values; the colour only helps to see patterns."))

    def set_limit(self, limit: float) -> None:
        if limit != self.limit:
            self.limit = limit
            self.update()

    def set_theme(self, theme: th.Theme) -> None:
        self.theme = theme
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(220, 34)  # tight: at 1280×720 its height is the maps'

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            bar = QRectF(8, 2, max(40, self.width() - 16), 12)
            gradient = QLinearGradient(bar.topLeft(), bar.topRight())
            stops = self.theme.diverging
            for i, hex_code in enumerate(stops):
                gradient.setColorAt(i / (len(stops) - 1), QColor(hex_code))
            p.setPen(th.color(self.theme.grid_line))
            p.setBrush(gradient)
            p.drawRoundedRect(bar, 3, 3)
            p.setPen(th.color(self.theme.text))
            p.setFont(th.font(12))
            labels = ((0.0, f"{format_number(-self.limit)}", Qt.AlignmentFlag.AlignLeft),
                      (0.5, "0", Qt.AlignmentFlag.AlignHCenter),
                      (1.0, f"+{format_number(self.limit)}", Qt.AlignmentFlag.AlignRight))
            for frac, text, align in labels:
                x = bar.left() + frac * bar.width()
                box = QRectF(x - 60, bar.bottom() + 1, 120, 18)
                if align == Qt.AlignmentFlag.AlignLeft:
                    box.moveLeft(bar.left())
                elif align == Qt.AlignmentFlag.AlignRight:
                    box.moveRight(bar.right())
                p.drawText(box, align | Qt.AlignmentFlag.AlignVCenter, text)
        finally:
            p.end()  # always: a painter left active on a dying device crashes Qt
