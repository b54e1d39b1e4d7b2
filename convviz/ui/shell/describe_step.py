"""Playback → Describe Step (Ctrl+Shift+D): the current step as a sentence,
in the current language, on the status bar and in the accessible description
of the ledger (the panel that shows the step), and announced to a screen
reader where Qt can (QAccessibleAnnouncementEvent, Qt 6.8 and later)."""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAccessible, QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from convviz.core.describe import describe_step
from convviz.ui.base.menus import MenuId

__all__ = ["DESCRIBE_SHORTCUT", "StepDescriber", "install_describe_step"]

DESCRIBE_SHORTCUT = "Ctrl+Shift+D"
translate = QCoreApplication.translate


class StepDescriber:
    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.action = QAction(translate("StepDescriber", "&Describe Step"), window)
        self.action.setShortcut(QKeySequence(DESCRIBE_SHORTCUT))
        self.action.setStatusTip(translate("StepDescriber", "Say what the current step computes, in a sentence"))
        self.action.triggered.connect(self.describe)
        window.addAction(self.action)  # works with the menu bar hidden (presentation)
        window.menu(MenuId.PLAYBACK).addAction(self.action)

    def sentence(self) -> str:
        frame = self.window.animator.frame()
        if frame is None:
            return translate("StepDescriber", "No step to describe: the scene can't be computed with these parameters.")
        return describe_step(frame)

    def describe(self) -> str:
        text = self.sentence()
        self.window.statusBar().showMessage(text)
        ledger = self.window.ledger_view
        ledger.setAccessibleDescription(text)
        event_type = getattr(QtGui, "QAccessibleAnnouncementEvent", None)  # Qt 6.8+
        if event_type is not None and QAccessible.isActive():
            QAccessible.updateAccessibility(event_type(ledger, text))
        return text


def install_describe_step(window: QMainWindow) -> StepDescriber:
    return StepDescriber(window)
