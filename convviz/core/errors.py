"""The errors convviz raises for things a user can fix.

All are ``ValueError`` subclasses under :class:`ConvvizError`, whose message
is meant to be shown to a user as it is: it names the parameter (or the file
and JSON path) and the numbers involved. The command line prints any of them
as ``convviz: error: ...`` and exits with status 2.

A message is an English template with ``{name}`` fields and the values that
fill them, ``ConvError("stride {stride} must be ≥ 1", stride=0)``, and
``str()`` writes it in the current language (:mod:`convviz.core.language`):
the template is looked up in the translation, and the same values, formatted
the same way, go into it, so numbers and names read the same in every
language. The error's class name is what marks the template for
``pyside6-lupdate`` (``tools/i18n.py`` lists the names), so
the first argument must be a string literal, never an f-string; a message
built elsewhere (a helper's) is a :class:`Message`, marked the same way.
"""

from __future__ import annotations

from convviz.core.translations import translate

__all__ = [
    "MESSAGE_CONTEXT",
    "ConvError",
    "ConvvizError",
    "ExportOptionError",
    "Message",
    "RenderOptionError",
    "SceneFileError",
]

# The translation context of every marked error message (lupdate files a bare
# marker call under the unnamed context).
MESSAGE_CONTEXT = ""


class Message:
    """An English template and its values, written in the current language by ``str()``."""

    __slots__ = ("template", "values")

    def __init__(self, template: str, /, **values: object) -> None:
        self.template = template
        self.values = values

    def english(self) -> str:
        """The template filled in (values that are messages themselves in the current language)."""
        return self._fill(self.template)

    def __str__(self) -> str:
        try:
            return self._fill(translate(MESSAGE_CONTEXT, self.template))
        except (KeyError, IndexError, ValueError):  # a translation naming a field the template lacks
            return self.english()

    def __repr__(self) -> str:
        return f"Message({self.template!r}, **{self.values!r})"

    def _fill(self, template: str) -> str:
        # Without values the template is the text itself, braces and all.
        return template.format(**self.values) if self.values else template


class ConvvizError(ValueError):
    """Bad input of any kind, with a message for the user."""

    def __init__(self, message: str | Message, /, **values: object) -> None:
        self.message = message if isinstance(message, Message) else Message(message, **values)
        super().__init__(self.message.english())

    def __str__(self) -> str:
        return str(self.message)


class ConvError(ConvvizError):
    """An impossible convolution request (shapes, parameters or values)."""


class ExportOptionError(ConvError):
    """An export option out of range (fps, hold, frame count, output kind)."""


class RenderOptionError(ConvError):
    """A ``convviz render`` option that can't be honoured (image kind, step)."""


class SceneFileError(ConvvizError):
    """A scene or kernel-preset file that cannot be loaded or saved.

    ``source`` is the file (or ``"<text>"``) and ``path`` the JSON path of the
    offending value, e.g. ``kernels[0].weights[1]``; the message starts with
    both, and ``detail`` is the rest.
    """

    def __init__(self, message: str | Message, /, *, source: str = "", path: str = "", **values: object) -> None:
        self.source = source
        self.path = path
        super().__init__(message, **values)
        self.args = (self._where(self.message.english()),)

    @property
    def detail(self) -> str:
        return str(self.message)

    def __str__(self) -> str:
        return self._where(self.detail)

    def _where(self, detail: str) -> str:
        where = ": ".join(p for p in (self.source, self.path) if p)
        return f"{where}: {detail}" if where else detail
