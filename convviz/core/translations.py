"""The translation tables and the language now in use: the leaf under
:mod:`convviz.core.language` (which chooses the language) and
:mod:`convviz.core.errors` (whose messages are written in it).

One source of truth for every language: the Qt translation source
``resources/i18n/convviz_<code>.ts``. The window's Qt translator loads the
``.qm`` built from it; the core, which must not import Qt, reads the same
``.ts`` with the standard library's XML parser.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import cache

from convviz.core.resources import resources_dir

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "current_language", "translate", "translations_file", "use_language"]

# The languages convviz speaks: code -> the language's name in itself (as a menu shows it).
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
DEFAULT_LANGUAGE = "en"

_current = [DEFAULT_LANGUAGE]  # one per process, like Qt's installed translators


def current_language() -> str:
    return _current[0]


def use_language(code: str) -> None:
    """Look texts up in ``code`` from now on (:func:`convviz.core.language.set_language` checks it)."""
    _current[0] = code


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
