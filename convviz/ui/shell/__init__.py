"""Starting convviz and its main window: the entry point, the platform check, the window's place, the smoke hook."""
