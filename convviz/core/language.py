"""The language of the words the core writes: the ledger, step labels,
frame captions, the step counter and the command line's output.

One source of truth for every language: the Qt translation source
``resources/i18n/convviz_<code>.ts``. The window's Qt translator loads the
``.qm`` built from it; the core, which must not import Qt, reads the same
``.ts`` with the standard library's XML parser. A term is translated once,
in Qt Linguist or by hand, and the window, the recordings and the command
line all say the same thing.

Core texts are marked with :func:`translate` (``translate("ledger",
"channel {n}")``), a name ``pyside6-lupdate`` recognises, so ``tools/i18n.py
update`` collects them into the ``.ts`` next to the window's own. Placeholders
are Python's ``{name}``; numbers are formatted before they go in and are the
same in every language.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import cache

from convviz.core.errors import ConvvizError
from convviz.core.resources import resources_dir

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "current_language",
    "language_of_locale",
    "set_language",
    "translate",
    "translations_file",
]

# The languages convviz speaks: code -> the language's name in itself (as a menu shows it).
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
DEFAULT_LANGUAGE = "en"

_current = [DEFAULT_LANGUAGE]  # one per process, like Qt's installed translators


def set_language(code: str) -> None:
    """Write the core's texts in ``code`` (one of :data:`LANGUAGES`) from now on."""
    if code not in LANGUAGES:
        raise ConvvizError(f'unknown language "{code}"; convviz speaks {", ".join(LANGUAGES)}')
    _current[0] = code


def current_language() -> str:
    return _current[0]


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


def translations_file(code: str) -> str:
    """The ``.ts`` source of ``code``'s translation, relative to resources/."""
    return f"i18n/convviz_{code}.ts"


def translate(context: str, text: str) -> str:
    """``text`` (English, marked under ``context``) in the current language;
    the English text where no finished translation exists."""
    code = _current[0]
    if code == DEFAULT_LANGUAGE:
        return text
    return _table(code).get((context, text), text)


@cache
def _table(code: str) -> dict[tuple[str, str], str]:
    """``(context, source) -> translation`` of every finished message in the ``.ts``."""
    root = ET.parse(resources_dir() / translations_file(code)).getroot()
    table: dict[tuple[str, str], str] = {}
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source, translation = message.find("source"), message.find("translation")
            if source is None or translation is None or translation.get("type") is not None:
                continue  # unfinished, obsolete or vanished
            if source.text and translation.text:
                table[(name, source.text)] = translation.text
    return table
