"""The window's Qt style sheet, made from a theme and a text scale."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from convviz.ui.base.theme import Theme

__all__ = ["window_palette", "window_stylesheet"]


def window_palette(theme: Theme) -> QPalette:
    """The palette for standard controls (buttons, spin boxes, combos),
    which the style sheet leaves to the style: without it they stay light
    in the dark theme and their text becomes unreadable."""
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: theme.panel,
        QPalette.ColorRole.WindowText: theme.text,
        QPalette.ColorRole.Base: theme.background,
        QPalette.ColorRole.AlternateBase: theme.panel,
        QPalette.ColorRole.Text: theme.text,
        QPalette.ColorRole.Button: theme.panel,
        QPalette.ColorRole.ButtonText: theme.text,
        QPalette.ColorRole.ToolTipBase: theme.background,
        QPalette.ColorRole.ToolTipText: theme.text,
        QPalette.ColorRole.PlaceholderText: theme.muted,
        QPalette.ColorRole.Highlight: theme.emphasis,
        QPalette.ColorRole.HighlightedText: "#FFFFFF",
        QPalette.ColorRole.BrightText: theme.error,
        QPalette.ColorRole.Link: theme.emphasis,
    }
    for role, hex_code in roles.items():
        p.setColor(role, QColor(hex_code))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(theme.muted))
    return p


def window_stylesheet(theme: Theme, scale: float = 1.0) -> str:
    t = theme
    px = lambda n: f"{max(8, round(n * scale))}px"  # noqa: E731
    return f"""
    QMainWindow, QWidget#central {{ background: {t.background}; }}
    QWidget {{ color: {t.text}; font-size: {px(13)}; }}
    QWidget#gridHost, QScrollArea, QScrollArea > QWidget > QWidget {{ background: {t.background}; }}
    QSplitter::handle {{ background: {t.panel}; }}
    QLabel#panelTitle {{ font-size: {px(17)}; font-weight: bold; }}
    QLabel#shapeLabel {{ font-size: {px(15)}; color: {t.muted}; font-family: "DejaVu Sans"; }}
    QLabel#gridCaption {{ font-size: {px(13)}; color: {t.muted}; }}
    QLabel#formula {{ font-size: {px(14)}; color: {t.text}; }}
    QLabel#paramLabel {{ font-size: {px(13)}; color: {t.muted}; padding-left: 6px; }}
    QLabel#times {{ color: {t.muted}; }}
    QLabel#stepLabel {{ font-size: {px(14)}; font-weight: bold; }}
    QLabel#errorLabel {{ background: {t.error}; color: white; border-radius: 6px; padding: 8px 10px;
                         font-size: {px(14)}; font-weight: bold; }}
    QFrame#kernelBlock {{ border: 1px solid {t.grid_line}; border-radius: 8px; background: {t.background}; }}
    QFrame#kernelBlock[active="true"] {{ border: 3px solid {t.emphasis}; }}
    QLineEdit#kernelName {{ font-weight: bold; font-size: {px(15)}; border: 1px solid transparent;
                            background: transparent; }}
    QLineEdit#kernelName:focus {{ border: 1px solid {t.emphasis}; background: {t.background}; }}
    QWidget#paramBar, QWidget#playbackBar {{ background: {t.panel}; }}
    QToolBar {{ background: {t.panel}; border: none; spacing: 4px; }}
    QStatusBar {{ background: {t.panel}; color: {t.muted}; }}
    QCheckBox::indicator {{ width: {px(13)}; height: {px(13)}; border: 1px solid {t.muted}; border-radius: 3px;
                            background: {t.background}; }}
    QCheckBox::indicator:checked {{ background: {t.emphasis}; border-color: {t.emphasis}; }}
    QWidget#ledgerPanel {{ background: {t.background}; border-top: 1px solid {t.grid_line}; }}
    """
