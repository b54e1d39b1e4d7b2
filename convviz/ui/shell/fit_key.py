"""When fitting the window again would change nothing.

Fitting (:mod:`window_fit`) tries both placements of the input, a range of
cell sizes and every arrangement of every panel: a tenth of a second for a
small scene, more for a large one. Several reasons to fit often arrive in
one turn of the event loop (a window being shown: its show, its resize, the
Presets dock seeing the central widget resize; an explicit Fit to window
after those), and the second fit arrives where the first one left off.

:func:`fit_key` is everything the fit reads (the window's and the body's
sizes, the scene, the theme, the ledger and its font, every widget in the
panels with its hints and text) and everything it sets (the cell size, the
input's placement, the splitters, the panels' arrangements, which show in
their hints and in the panels' required sizes). When the key is the one the
last fit left, fitting again is skipped. A widget counts by identity: one
rebuilt alike is another widget, and the fit runs.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractButton, QLabel, QScrollBar, QWidget

__all__ = ["FitKey", "fit_key", "same_key"]

FitKey = tuple[tuple[object, ...], tuple[object, ...]]  # (values compared with ==, objects compared by identity)


def _widgets(panel: QWidget, values: list[object], objects: list[object]) -> None:
    """Every widget of ``panel`` that its required size can depend on.
    Scroll bars are left out: they come and go with the scrolling, which
    the fit doesn't read."""
    for w in [panel, *panel.findChildren(QWidget)]:
        if isinstance(w, QScrollBar) or w.objectName().startswith("qt_scrollarea"):
            continue
        objects.append(w)
        text = w.text() if isinstance(w, (QLabel, QAbstractButton)) else None
        values.append((w.isHidden(), w.sizeHint(), w.minimumSizeHint(), w.minimumSize(), w.maximumSize(), text))
    values.append(panel.required_size())  # type: ignore[attr-defined]


def fit_key(window: Any) -> FitKey:
    """The fit's inputs and outputs in ``window`` (a MainWindow) as they are now."""
    values: list[object] = [
        window.size(),
        window.outer.size(),
        window.panels.handleWidth(),
        window.body.handleWidth(),
        window.cell_size,
        window.input_in_column,
        window.outer.sizes(),
        window.panels.sizes(),
        window.body.sizes(),
        window.ledger_view.font_px,
    ]
    objects: list[object] = [window.document.scene, window.theme, window.ledger_view.ledger]
    for panel in (window.input_panel, window.kernel_panel, window.output_panel):
        _widgets(panel, values, objects)
    return tuple(values), tuple(objects)


def same_key(a: FitKey | None, b: FitKey) -> bool:
    if a is None or a[0] != b[0] or len(a[1]) != len(b[1]):
        return False
    return all(x is y for x, y in zip(a[1], b[1], strict=True))
