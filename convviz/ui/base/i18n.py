"""The window's language: which one, and Qt's translators for it.

A leaf module, like :mod:`runtime`. The language is chosen once, at start
(View → Language stores the choice in the settings; without one, the
system's locale decides), and then :func:`use_language` makes the core write
its ledger, labels and captions in it and installs the Qt translators: ours,
built from ``resources/i18n/convviz_<code>.ts``, and Qt's own for its
standard dialogs' buttons. Switching takes effect at the next start (the
window offers to restart): the window's words are set as it is built.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from convviz.core.language import DEFAULT_LANGUAGE, LANGUAGES, language_of_locale, set_language
from convviz.core.resources import resources_dir

__all__ = ["LANGUAGE_KEY", "LANGUAGES", "chosen_language", "install_translators", "use_language"]

LANGUAGE_KEY = "ui/language"  # in the user's settings: a code of LANGUAGES

_installed: list[QTranslator] = []  # kept alive while installed (Qt doesn't own them)


def chosen_language(settings: object) -> str:
    """The language the user chose in View → Language, else the system's."""
    stored = settings.value(LANGUAGE_KEY, "")  # type: ignore[attr-defined]
    if isinstance(stored, str) and stored in LANGUAGES:
        return stored
    return language_of_locale(QLocale.system().name())


def install_translators(code: str) -> bool:
    """Replace convviz's and Qt's translators with those of ``code``; False
    when our translation could not be loaded (the window stays in English)."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if code == DEFAULT_LANGUAGE:
        return True
    ours = QTranslator(app)
    if not ours.load(str(resources_dir() / "i18n" / f"convviz_{code}.qm")):
        return False
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    app.installTranslator(ours)
    _installed.append(ours)
    return True


def use_language(code: str) -> None:
    """Everything from now on in ``code``: the core's texts and the window's."""
    set_language(code)
    install_translators(code)
