"""The ledger panel: the current output cell's arithmetic, as in eq. (3).

One line per channel (the products ``x·w`` and the partial sum), then
``+ bias``, then ``= 3 + 1 + 2 + 1 = 7``. Lines still to come are not drawn
(their space is kept, so nothing jumps); the current line or product is
highlighted; long lines wrap under their first product instead of being
clipped. Hovering a product highlights its input cell and weight.

:func:`layout_ledger` and :func:`paint_ledger` are also what the exporter
uses, so recordings show the ledger exactly as the window does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from convviz.core.ledger import CURRENT, DONE, PENDING, UPCOMING, Ledger, LedgerState, LineKind, Term, windowed_ledger
from convviz.ui.base import theme as th
from convviz.ui.panels.ledger_wrap import WrappedLedger

__all__ = ["LedgerItem", "LedgerLayout", "LedgerView", "layout_ledger", "paint_ledger"]


@dataclass(frozen=True)
class LedgerItem:
    rect: QRectF
    text: str
    role: str  # "title", "swatch", "label", "term", "plus", "result", "bias", "total", "running"
    state: LedgerState
    term: Term | None = None


@dataclass(frozen=True)
class LedgerLayout:
    items: tuple[LedgerItem, ...]
    line_bands: tuple[tuple[QRectF, LedgerState], ...]  # (band, state) behind each ledger line
    height: float
    font_px: float


@lru_cache(maxsize=32)
def _fonts(px: float) -> dict[str, QFont]:
    return {
        "title": th.font(px * 0.85, bold=True),
        "normal": th.font(px),
        "bold": th.font(px, bold=True),
        "italic": th.font(px, italic=True),
        "total": th.font(px * 1.15, bold=True),
        "small": th.font(px * 0.85),
    }


class _Metrics:
    """Text widths per style at one size, remembered: the ledger lays out
    the same few dozen products on every step."""

    def __init__(self, px: float) -> None:
        self._metrics = {k: QFontMetricsF(f) for k, f in _fonts(px).items()}
        self._widths: dict[tuple[str, str], float] = {}

    def height(self, style: str) -> float:
        return self._metrics[style].height()

    def advance(self, style: str, text: str) -> float:
        key = (style, text)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) > 4096:
                self._widths.clear()
            width = self._widths[key] = self._metrics[style].horizontalAdvance(text)
        return width


@lru_cache(maxsize=8)
def _metrics(px: float) -> _Metrics:
    return _Metrics(px)


def layout_ledger(ledger: Ledger, width: float, font_px: float, origin: QPointF | None = None) -> LedgerLayout:
    """Place every piece of the ledger in a column ``width`` pixels wide."""
    ox, oy = (origin.x(), origin.y()) if origin is not None else (0.0, 0.0)
    metrics = _metrics(font_px)
    line_h = metrics.height("bold") * 1.35
    items: list[LedgerItem] = []
    bands: list[tuple[QRectF, LedgerState]] = []
    y = oy
    title_h = metrics.height("title") * 1.4
    items.append(LedgerItem(QRectF(ox, y, width, title_h), ledger.title, "title", DONE))
    if ledger.running:
        # The running total sits at the right of the title row, where it
        # stays put while the lines below appear one by one.
        w = metrics.advance("bold", ledger.running) + font_px
        items.append(LedgerItem(QRectF(ox + width - w, y, w, title_h), ledger.running, "running", DONE))
    y += title_h
    # Channel lines start with their channel's colour swatch.
    swatch_w = font_px * 0.9 if any(line.channel is not None for line in ledger.lines) else 0.0
    label_w = max(metrics.advance("bold", line.label) for line in ledger.lines if line.label) + font_px + swatch_w
    plus_w = metrics.advance("normal", " + ")
    right = ox + width

    for line in ledger.lines:
        top = y
        if line.kind is LineKind.TOTAL:
            text = line.result
            w = metrics.advance("total", text)
            h = metrics.height("total") * 1.35
            items.append(LedgerItem(QRectF(ox + label_w, y, w, h), text, "total", line.state))
            bands.append((QRectF(ox, top, width, h), line.state))
            y += h
            continue
        if line.channel is not None:
            side = font_px * 0.6
            items.append(LedgerItem(QRectF(ox, y + (line_h - side) / 2, side, side), th.channel_colour(line.channel) or "",
                                    "swatch", line.state))  # fmt: skip
        items.append(LedgerItem(QRectF(ox + swatch_w, y, label_w - swatch_w, line_h), line.label, "label", line.state))
        x = ox + label_w
        if line.kind in (LineKind.BIAS, LineKind.SUMMARY):
            w = metrics.advance("bold", line.result)
            items.append(LedgerItem(QRectF(x, y, w, line_h), line.result, "bias", line.state))
            bands.append((QRectF(ox, top, width, line_h), line.state))
            y += line_h
            continue
        for n, term in enumerate(line.terms):
            w = metrics.advance("normal", term.text)
            needed = w + (plus_w if n else 0)
            if n and x + needed > right - font_px * 2:
                # Wrap under the first product; the continuation line starts
                # with the "+" the break would otherwise swallow.
                y += line_h
                x = ox + label_w
                items.append(LedgerItem(QRectF(x, y, plus_w, line_h), "+ ", "plus", term.state))
                x += plus_w
            elif n:
                items.append(LedgerItem(QRectF(x, y, plus_w, line_h), " + ", "plus", term.state))
                x += plus_w
            items.append(LedgerItem(QRectF(x, y, w, line_h), term.text, "term", term.state, term))
            x += w
        result = f"  {line.result}"
        w = metrics.advance("bold", result)
        if x + w > right:
            y += line_h
            x = ox + label_w
        items.append(LedgerItem(QRectF(x, y, w, line_h), result, "result", line.shown_result_state))
        y += line_h
        bands.append((QRectF(ox, top, width, y - top), line.state))

    return LedgerLayout(tuple(items), tuple(bands), y - oy, font_px)


@lru_cache(maxsize=64)
def _wrapped(ledger: Ledger, font_px: float) -> WrappedLedger:
    """The ledger laid out once at ``font_px``, for its height at every width
    the window's fit tries (the reserved ledgers at each of a dozen)."""
    return WrappedLedger(layout_ledger(ledger, 1e9, font_px))


def paint_ledger(
    painter: QPainter,
    layout: LedgerLayout,
    theme: th.Theme,
    hovered: tuple[int, tuple[int, int]] | None = None,
) -> None:
    """Paint a laid-out ledger. Pending lines are skipped (their space stays);
    upcoming products are in the muted colour, faint but still 4.5:1."""
    fonts = _fonts(layout.font_px)
    text, muted, current = th.color(theme.text), th.color(theme.muted), th.color(theme.current)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for band, state in layout.line_bands:
        if state == CURRENT:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(th.color(theme.current, 0.13))
            painter.drawRoundedRect(band.adjusted(-4, 0, 4, 0), 5, 5)
            painter.setBrush(current)
            painter.drawRect(QRectF(band.left() - 4, band.top() + 3, 4, band.height() - 6))
    items = layout.items
    n = 0
    while n < len(items):
        item = items[n]
        if item.state == PENDING:
            n += 1
            continue
        if _plain(item, hovered):
            # A run of finished products on one row: one drawText, not one
            # per product and plus sign (text drawing dominates a step).
            run = [item]
            while n + len(run) < len(items) and _joins(run[-1], items[n + len(run)], hovered):
                run.append(items[n + len(run)])
            painter.setFont(fonts["normal"])
            painter.setPen(text)
            first = run[0].rect
            box = QRectF(first.left(), first.top(), run[-1].rect.right() - first.left() + layout.font_px, first.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "".join(i.text for i in run))
            n += len(run)
            continue
        n += 1
        if item.role == "swatch":
            painter.fillRect(item.rect, th.color(item.text, 0.35 if item.state == UPCOMING else 1.0))
            continue
        if item.role == "title":
            painter.setFont(fonts["title"])
            painter.setPen(muted)
        elif item.role == "running":
            painter.setFont(fonts["bold"])
            painter.setPen(current)
        elif item.role == "total":
            painter.setFont(fonts["total"])
            painter.setPen(text)
        elif item.role in ("label", "result", "bias"):
            painter.setFont(fonts["bold"])
            painter.setPen(muted if item.state == UPCOMING else text)
        elif item.role == "term":
            assert item.term is not None
            color = muted if item.state == UPCOMING else text
            painter.setFont(fonts["italic"] if item.term.padding else fonts["normal"])
            is_hovered = hovered is not None and hovered == (item.term.channel, item.term.tap)
            if item.state == CURRENT or is_hovered:
                box = item.rect.adjusted(-3, 2, 3, -2)
                painter.setPen(QPen(current, 2))
                painter.setBrush(th.color(theme.current, 0.18))
                painter.drawRoundedRect(box, 4, 4)
            painter.setPen(color)
        else:  # plus
            painter.setFont(fonts["normal"])
            painter.setPen(muted if item.state == UPCOMING else text)
        align = Qt.AlignmentFlag.AlignRight if item.role == "running" else Qt.AlignmentFlag.AlignLeft
        painter.drawText(item.rect, align | Qt.AlignmentFlag.AlignVCenter, item.text)


def _plain(item: LedgerItem, hovered: tuple[int, tuple[int, int]] | None) -> bool:
    """A finished product or plus sign drawn in the plain style."""
    if item.role == "plus":
        return item.state in (DONE, CURRENT)
    if item.role != "term" or item.state != DONE or item.term is None or item.term.padding:
        return False
    return hovered is None or hovered != (item.term.channel, item.term.tap)


def _joins(previous: LedgerItem, item: LedgerItem, hovered: tuple[int, tuple[int, int]] | None) -> bool:
    return item.rect.top() == previous.rect.top() and item.state != PENDING and _plain(item, hovered)


class LedgerView(QWidget):
    """Shows the ledger of the animator's current step; where the window is
    crowded, with its earlier channel lines summed up in one (as frames do),
    :attr:`keep` channel lines shown."""

    termHovered = Signal(object)  # (channel, (i, j)) or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ledgerView")
        self.ledger: Ledger | None = None  # as shown (see keep)
        self.full_ledger: Ledger | None = None  # every line
        self.channel: int | None = None  # the kernel channel being summed, else None
        self.keep: int | None = None  # channel lines shown, the earlier ones summed up (None: all)
        self.message = ""
        self.theme: th.Theme = th.LIGHT
        self.font_px = 19.0
        self._layout: LedgerLayout | None = None
        self._hovered: tuple[int, tuple[int, int]] | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_ledger(self, ledger: Ledger | None, message: str = "", channel: int | None = None) -> None:
        """Show ``ledger`` at a step summing kernel channel ``channel`` (None
        at the bias and total steps), or ``message`` where there is none."""
        self.full_ledger, self.message, self.channel = ledger, message, channel
        self._window()

    def set_keep(self, keep: int | None) -> None:
        """Show at most ``keep`` channel lines (None: all of them)."""
        if keep != self.keep:
            self.keep = keep
            self._window()

    def _window(self) -> None:
        full = self.full_ledger
        self.ledger = full if full is None or self.keep is None else windowed_ledger(full, self.channel, self.keep)
        self._relayout()

    def set_theme(self, theme: th.Theme) -> None:
        self.theme = theme
        self.update()

    def set_font_px(self, px: float) -> None:
        self.font_px = px
        self._relayout()

    def _relayout(self) -> None:
        if self.ledger is None:
            self._layout = None
            self.setMinimumHeight(40)
        else:
            self._layout = layout_ledger(self.ledger, max(200.0, self.width() - 16.0), self.font_px, QPointF(8, 4))
            self.setMinimumHeight(int(self._layout.height + 10))
        self.updateGeometry()
        self.update()

    def resizeEvent(self, event: object) -> None:
        self._relayout()

    def sizeHint(self) -> QSize:
        return QSize(600, int(self._layout.height + 10) if self._layout else 60)

    def height_for(self, width: int, others: Sequence[Ledger] = ()) -> int:
        """The height the ledger needs ``width`` pixels wide (its long lines
        wrap where it is narrower), for the window to plan its layout; with
        ``others``, the most that it or any of them needs."""
        ledgers = [*([self.ledger] if self.ledger is not None else []), *others]
        if not ledgers:
            return 60
        width_px = max(200.0, width - 16.0)
        return max(int(_wrapped(ledger, self.font_px).extent(width_px, 8.0, 4.0)[0] + 10) for ledger in ledgers)

    def items(self) -> tuple[LedgerItem, ...]:
        return self._layout.items if self._layout else ()

    def visible_lines(self) -> list[str]:
        """The text of every drawn line element, for tests and accessibility."""
        return [i.text for i in self.items() if i.state != PENDING and i.role != "swatch"]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), th.color(self.theme.background))
            if self._layout is not None:
                paint_ledger(painter, self._layout, self.theme, self._hovered)
            elif self.message:
                painter.setPen(th.color(self.theme.muted))
                painter.setFont(th.font(self.font_px * 0.9))
                painter.drawText(self.rect().adjusted(8, 4, -8, -4), Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, self.message)
        finally:
            painter.end()  # always: a painter left active on a dying device crashes Qt

    def term_at(self, pos: QPointF) -> Term | None:
        for item in self.items():
            if item.role == "term" and item.rect.contains(pos) and item.state not in (PENDING, UPCOMING):
                return item.term
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        term = self.term_at(event.position())
        hovered = None if term is None else (term.channel, term.tap)
        if hovered != self._hovered:
            self._hovered = hovered
            self.termHovered.emit(hovered)
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: object) -> None:
        if self._hovered is not None:
            self._hovered = None
            self.termHovered.emit(None)
            self.update()
