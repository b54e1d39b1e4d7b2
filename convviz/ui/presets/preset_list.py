"""What the Presets panel's list holds, and how a row is painted (name,
description and a preview of the weights)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QTextLayout
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from convviz.core.catalogue import CatalogueEntry
from convviz.core.numbers import format_number
from convviz.core.samples import SampleEntry
from convviz.core.scene import Scene
from convviz.ui.base import theme as th

if TYPE_CHECKING:
    from convviz.ui.presets.presets_panel import PresetsPanel

__all__ = [
    "ENTRY_ROLE",
    "GROUP_ROLE",
    "ListedPreset",
    "PresetDelegate",
    "paint_weights_preview",
]


ENTRY_ROLE = Qt.ItemDataRole.UserRole
GROUP_ROLE = Qt.ItemDataRole.UserRole + 1


# -- what the list holds --------------------------------------------------------


@dataclass(frozen=True, eq=False)
class ListedPreset:
    """One row: a catalogue or sample entry, and the group it is shown in."""

    group: str
    entry: CatalogueEntry | SampleEntry

    @property
    def key(self) -> tuple[str, str]:
        return self.group, str(self.entry.path)

    @property
    def kind(self) -> str:
        return self.entry.kind  # "scene", "kernel", "sample" or "broken"

    @property
    def is_user(self) -> bool:
        return self.entry.origin == "user"

    def first_weights(self) -> object:
        """The first kernel's first channel, ``(kh, kw)``, or None."""
        entry = self.entry
        if isinstance(entry, SampleEntry):
            return entry.recipe.kernels[0].weights[:, :, 0] if entry.recipe is not None else None
        return entry.item.kernels[0].weights[:, :, 0] if entry.item is not None else None

    def shape_text(self) -> str:
        entry = self.entry
        if isinstance(entry, SampleEntry):
            if entry.recipe is None:
                return ""
            k = entry.recipe.kernels
            return f"{k[0].shape[0]}×{k[0].shape[1]}" + (f" ×{len(k)}" if len(k) > 1 else "")
        if entry.item is None:
            return ""
        kh, kw, c, K = entry.item.kernel_shape
        if isinstance(entry.item, Scene):
            H, W, C = entry.item.input_shape
            return f"[{H},{W},{C}]"
        text = f"{kh}×{kw}" + (f"×{c}" if c > 1 else "")
        return text + (f" ×{K}" if K > 1 else "")

    def problem(self) -> str:
        """Why a broken entry can't be loaded, without its (long) file path."""
        return self.entry.error.removeprefix(f"{self.entry.path}: ")

    def tooltip(self) -> str:
        entry = self.entry
        where = f"\n{entry.path}" if self.is_user else ""
        if entry.kind == "broken":
            return f"{entry.name}: can't be loaded\n{entry.error}"
        return f"{entry.name} ({self.shape_text()})\n{entry.description}{where}".strip()


# -- painting -------------------------------------------------------------------

ROW_HEIGHT = 58
PREVIEW = 40
PAD = 6


def _lines(text: str, font: QFont, width: int, count: int) -> list[str]:
    """``text`` wrapped into at most ``count`` lines, the last elided."""
    text = " ".join(text.split())
    metrics = QFontMetrics(font)
    layout = QTextLayout(text, font)
    layout.beginLayout()
    lines = []
    while len(lines) < count:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append((line.textStart(), line.textLength()))
    layout.endLayout()
    out = [text[s : s + n].rstrip() for s, n in lines]
    if lines:
        start = lines[-1][0]
        out[-1] = metrics.elidedText(text[start:], Qt.TextElideMode.ElideRight, width)
    return out


def paint_weights_preview(painter: QPainter, rect: QRectF, weights: object, theme: th.Theme) -> None:
    """A tiny colour grid of ``weights`` (blue negative, red positive), with
    the numbers when they are short and the cells big enough to read."""
    import numpy as np

    values = np.asarray(weights, dtype=float)
    rows, cols = values.shape
    cell = min(rect.width() / cols, rect.height() / rows)
    left = rect.left() + (rect.width() - cell * cols) / 2
    top = rect.top() + (rect.height() - cell * rows) / 2
    limit = float(np.abs(values).max()) or 1.0
    rgb = th.diverging_colors(values, limit, theme.diverging)
    texts = [[format_number(v, 1) for v in row] for row in values]
    show_numbers = cell >= 12 and all(len(t) <= 2 for row in texts for t in row)
    cell_font = th.font(cell * 0.55, bold=True)
    for r in range(rows):
        for c in range(cols):
            box = QRectF(left + c * cell, top + r * cell, cell, cell)
            fill = QColor(*(int(v) for v in rgb[r, c]))
            painter.setPen(th.color(theme.grid_line) if cell >= 6 else Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRect(box)
            if show_numbers:
                painter.setFont(cell_font)
                painter.setPen(th.text_color_for(fill))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, texts[r][c])


class PresetDelegate(QStyledItemDelegate):
    """Paints group headers and preset rows (preview, name, shape, description)."""

    def __init__(self, panel: PresetsPanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        if index.data(ENTRY_ROLE) is None:
            return QSize(option.rect.width(), 28 if index.data(GROUP_ROLE) else 40)
        return QSize(option.rect.width(), ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        t = self.panel.theme
        rect = QRect(option.rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        listed: ListedPreset | None = index.data(ENTRY_ROLE)
        group = index.data(GROUP_ROLE)
        if listed is None and group:  # a group header
            arrow = "▾" if option.state & QStyle.StateFlag.State_Open else "▸"
            painter.fillRect(rect, th.color(t.panel))
            painter.setPen(th.color(t.text))
            painter.setFont(th.font(13, bold=True))
            painter.drawText(rect.adjusted(PAD, 0, -PAD, 0), Qt.AlignmentFlag.AlignVCenter, f"{arrow} {index.data()}")
            painter.restore()
            return
        if listed is None:  # a note such as "nothing saved yet"
            painter.setPen(th.color(t.muted))
            painter.setFont(th.font(11, italic=True))
            painter.drawText(
                rect.adjusted(PAD + 4, 0, -PAD, 0),
                Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
                index.data(),
            )
            painter.restore()
            return

        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, th.color(t.emphasis, 0.16))
            painter.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), th.color(t.emphasis))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, th.color(t.emphasis, 0.06))
        if option.state & QStyle.StateFlag.State_HasFocus and self.panel.tree.hasFocus():
            painter.setPen(th.color(t.emphasis))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5))

        broken = listed.kind == "broken"
        preview = QRectF(rect.left() + PAD + 2, rect.top() + (rect.height() - PREVIEW) / 2, PREVIEW, PREVIEW)
        weights = listed.first_weights()
        if weights is not None:
            paint_weights_preview(painter, preview, weights, t)
        else:
            painter.setPen(th.color(t.error))
            painter.setFont(th.font(24, bold=True))
            painter.drawText(preview, Qt.AlignmentFlag.AlignCenter, "⚠")

        x = int(preview.right()) + PAD + 2
        width = rect.right() - x - PAD
        name_font, small_font = th.font(13, bold=True), th.font(11)
        name_metrics, small_metrics = QFontMetrics(name_font), QFontMetrics(small_font)
        tag = "broken" if broken else listed.shape_text()
        tag_width = small_metrics.horizontalAdvance(tag) + 6 if tag else 0
        if not broken and name_metrics.horizontalAdvance(listed.entry.name) > width - tag_width:
            tag, tag_width = "", 0  # the name matters more; the shape is in the tooltip
        painter.setFont(name_font)
        painter.setPen(th.color(t.error if broken else t.text))
        name = name_metrics.elidedText(listed.entry.name, Qt.TextElideMode.ElideRight, max(10, width - tag_width))
        top = rect.top() + PAD
        painter.drawText(QRect(x, top, width - tag_width, 18), Qt.AlignmentFlag.AlignVCenter, name)
        painter.setFont(small_font)
        if tag:
            painter.setPen(th.color(t.error if broken else t.muted))
            painter.drawText(QRect(x, top, width, 18), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, tag)
        painter.setPen(th.color(t.error if broken else t.muted))
        text = listed.problem() if broken else listed.entry.description
        for i, line in enumerate(_lines(text, small_font, width, 2)):
            painter.drawText(QRect(x, top + 20 + i * 15, width, 15), Qt.AlignmentFlag.AlignVCenter, line)
        painter.restore()
