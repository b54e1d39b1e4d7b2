"""convviz's window: PySide6 + pyqtgraph views over the Qt-free core."""
