"""The open scene as a document: edits as undo commands, the feature maps, files, autosave."""
