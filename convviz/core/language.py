"""The language of the words the core writes: the ledger, step labels,
frame captions, the step counter and the command line's output.

One source of truth for every language: the Qt translation source
``resources/i18n/convviz_<code>.ts``. The window's Qt translator loads the
``.qm`` built from it; the core, which must not import Qt, reads the same
``.ts`` with the standard library's XML parser. A term is translated once,
in Qt Linguist or by hand, and the window, the recordings and the command
line all say the same thing.

The tables and the language in use live in :mod:`convviz.core.translations`
(a leaf, so that :mod:`convviz.core.errors` can write its messages in the
language too); this module chooses the language. Core texts are marked
with :func:`translate` (``translate("ledger", "channel {n}")``), a name
``pyside6-lupdate`` recognises, so ``tools/i18n.py update`` collects them
into the ``.ts`` next to the window's own; error messages are marked by
the error's own name (see :mod:`convviz.core.errors`). Placeholders
are Python's ``{name}``; numbers are formatted before they go in and are the
same in every language.
"""

from __future__ import annotations

from convviz.core import translations
from convviz.core.errors import ConvvizError
from convviz.core.translations import DEFAULT_LANGUAGE, LANGUAGES, current_language, translate, translations_file

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "current_language",
    "language_of_locale",
    "set_language",
    "translate",
    "translations_file",
]


def set_language(code: str) -> None:
    """Write the core's texts in ``code`` (one of :data:`LANGUAGES`) from now on."""
    if code not in LANGUAGES:
        raise ConvvizError('unknown language "{code}"; convviz speaks {languages}', code=code,
                           languages=", ".join(LANGUAGES))  # fmt: skip
    translations.use_language(code)


def language_of_locale(name: str) -> str:
    """The language for a system locale such as ``zh_CN.UTF-8``, ``zh-Hans-SG``
    or ``de_DE``: Simplified Chinese for Chinese locales that write it
    (mainland China, Singapore, or Hans script), English otherwise."""
    parts = name.split(".")[0].replace("-", "_").split("_")
    if parts[0].lower() != "zh":
        return DEFAULT_LANGUAGE
    rest = {p.lower() for p in parts[1:]}
    if rest & {"tw", "hk", "mo", "hant"} and "hans" not in rest:
        return DEFAULT_LANGUAGE  # Traditional Chinese: no translation yet
    return "zh_CN"
