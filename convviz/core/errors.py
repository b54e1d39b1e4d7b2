"""The errors convviz raises for things a user can fix.

All are ``ValueError`` subclasses under :class:`ConvvizError`, whose message
is meant to be shown to a user as it is: it names the parameter (or the file
and JSON path) and the numbers involved. The command line prints any of them
as ``convviz: error: ...`` and exits with status 2.
"""

from __future__ import annotations

__all__ = ["ConvError", "ConvvizError", "ExportOptionError", "RenderOptionError", "SceneFileError"]


class ConvvizError(ValueError):
    """Bad input of any kind, with a message for the user."""


class ConvError(ConvvizError):
    """An impossible convolution request (shapes, parameters or values)."""


class ExportOptionError(ConvError):
    """An export option out of range (fps, hold, frame count, output kind)."""


class RenderOptionError(ConvError):
    """A ``convviz render`` option that can't be honoured (image kind, step)."""


class SceneFileError(ConvvizError):
    """A scene or kernel-preset file that cannot be loaded or saved.

    ``source`` is the file (or ``"<text>"``) and ``path`` the JSON path of the
    offending value, e.g. ``kernels[0].weights[1]``; the message already
    contains both.
    """

    def __init__(self, message: str, *, source: str = "", path: str = "") -> None:
        self.source = source
        self.path = path
        self.detail = message
        where = ": ".join(p for p in (source, path) if p)
        super().__init__(f"{where}: {message}" if where else message)
