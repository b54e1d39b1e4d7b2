"""The two error types the core raises.

Both are ``ValueError`` subclasses whose message is meant to be shown to a
user as it is: it names the parameter (or the file and JSON path) and the
numbers involved.
"""

from __future__ import annotations

__all__ = ["ConvError", "SceneFileError"]


class ConvError(ValueError):
    """An impossible convolution request (shapes, parameters or values)."""


class SceneFileError(ValueError):
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
