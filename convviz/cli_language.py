"""``--lang en|zh_CN`` for the commands that write words a person reads:
``compute``, ``explain``, ``render`` and ``export``.

The command line speaks English unless told otherwise, so scripts that read
its output keep working; the window follows the user's choice instead.
"""

from __future__ import annotations

import argparse

from convviz.core.language import DEFAULT_LANGUAGE, LANGUAGES, set_language

__all__ = ["add_language_option", "use_language_of"]


def add_language_option(p: argparse.ArgumentParser) -> None:
    # dest "language": `convviz code --lang` names a programming language.
    p.add_argument("--lang", dest="language", choices=tuple(LANGUAGES), default=DEFAULT_LANGUAGE,
                   help="language of the ledger, captions and labels: en (default), zh_CN (简体中文)")  # fmt: skip


def use_language_of(args: argparse.Namespace) -> None:
    """Switch the core's texts (and, through it, the window's translator) to ``--lang``."""
    set_language(getattr(args, "language", DEFAULT_LANGUAGE))
