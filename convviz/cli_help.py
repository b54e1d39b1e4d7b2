"""The command line's help in the user's language: ``convviz --lang zh_CN
render --help``, or ``convviz render --help`` where the locale is Chinese.

Which language: ``--lang en|zh_CN`` before the command or after it, else the
locale's, read the way gettext reads it (``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, then ``LANG``). A ``--lang`` before the command is also the
command's own ``--lang`` (where it has one and isn't given another). Help and argparse's own messages ("usage:",
"the following arguments are required") are for a person at a terminal, so
they follow the locale; what the commands print (feature maps, ledgers,
errors about the scene) follows ``--lang`` only, so a script reads the same
text on every machine.

The help texts stay English in the code. :func:`translated_help` swaps them
for their translations (context ``cli_help`` of the ``.ts``, collected by
``tools/i18n.py`` from the built parsers); argparse's own words go through
its gettext hook, the module's ``_`` and ``ngettext``, which
:func:`help_language_in` points at the same translation (context
``argparse``) while the parsers are built and parse.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence

from convviz.core.language import DEFAULT_LANGUAGE, LANGUAGES, current_language, language_of_locale, set_language
from convviz.core.language import translate as translate_core

__all__ = [
    "ARGPARSE_WORDS",
    "LOCALE_VARIABLES",
    "help_language",
    "help_language_in",
    "help_texts",
    "leading_language",
    "pass_leading_language",
    "translated_help",
]

HELP_CONTEXT = "cli_help"
ARGPARSE_CONTEXT = "argparse"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")  # gettext's order

# The words argparse writes itself (Python 3.11–3.13), as it passes them to gettext.
ARGPARSE_WORDS = (
    "usage: ",
    "positional arguments",
    "options",
    "show this help message and exit",
    "show program's version number and exit",
    "the following arguments are required: %s",
    "unrecognized arguments: %s",
    "invalid choice: %(value)r (choose from %(choices)s)",
    "argument %(argument_name)s: %(message)s",
    "expected one argument",
    "expected at most one argument",
    "expected at least one argument",
    "expected %s argument",
    "expected %s arguments",
    "not allowed with argument %s",
    "one of the arguments %s is required",
    "ambiguous option: %(option)s could match %(matches)s",
    "invalid %(type)s value: %(value)r",
    "ignored explicit argument %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)",
)


def _is_language_option(arg: str) -> bool:
    return arg == "--lang" or arg.startswith("--lang=")


def leading_language(argv: Sequence[str]) -> tuple[str | None, list[str]]:
    """``(language, the rest)`` for ``convviz --lang zh_CN COMMAND …``; ``(None, argv)`` without one."""
    if argv[:1] == ["--lang"] and len(argv) > 1 and argv[1] in LANGUAGES:
        return argv[1], list(argv[2:])
    if argv[:1] and argv[0].startswith("--lang=") and argv[0].removeprefix("--lang=") in LANGUAGES:
        return argv[0].removeprefix("--lang="), list(argv[1:])
    return None, list(argv)


def pass_leading_language(args: argparse.Namespace, leading: str | None, rest: Sequence[str]) -> None:
    """The language before the command is the command's ``--lang`` unless it has its own."""
    if leading is None or getattr(args, "command", None) == "code" or not hasattr(args, "language"):
        return
    if not any(_is_language_option(arg) for arg in rest):
        args.language = leading


def help_language(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """``--lang``'s language if the command line names one, else the locale's."""
    if argv[:1] != ["code"]:  # `convviz code --lang torch` names a programming language
        for i, arg in enumerate(argv):
            if arg == "--":
                break
            if arg == "--lang" and i + 1 < len(argv):
                value = argv[i + 1]
            elif arg.startswith("--lang="):
                value = arg.removeprefix("--lang=")
            else:
                continue
            if value in LANGUAGES:
                return value
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "").split(":")[0]  # LANGUAGE may list several: zh_CN:en
        if value:
            return language_of_locale(value)
    return DEFAULT_LANGUAGE


def _argparse_word(text: str) -> str:
    return translate_core(ARGPARSE_CONTEXT, text)


def _argparse_words(singular: str, plural: str, n: int) -> str:
    return translate_core(ARGPARSE_CONTEXT, singular if n == 1 else plural)


@contextlib.contextmanager
def help_language_in(code: str) -> Iterator[None]:
    """Help texts and argparse's own words in ``code`` inside the block; the
    language and argparse as they were after it."""
    previous = current_language()
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    set_language(code)
    argparse._ = _argparse_word  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_words  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
        set_language(previous)


def _columns(text: str) -> int:
    """How many terminal columns ``text`` takes: two for a wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# A word of Latin text, one wide character (Chinese needs no space to break a line), or a space.
_TOKENS = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]|[^\s\u2e80-\u9fff\uff00-\uffef]+|\s+")
# Punctuation no Chinese line starts with: it hangs past the width instead.
_NO_LINE_START = set("，。、；：？！）」』】》")


def wrap_columns(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns (a longer word keeps its own line)."""
    lines: list[str] = []
    line, used = "", 0
    for token in _TOKENS.findall(" ".join(text.split())):
        if token.isspace() and not line:
            continue
        size = _columns(token)
        if line and used + size > width and token not in _NO_LINE_START:
            lines.append(line.rstrip())
            line, used = "", 0
            if token.isspace():
                continue
        line, used = line + token, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines


class WideTextHelpFormatter(argparse.HelpFormatter):
    """argparse's layout, wrapping by terminal columns: textwrap counts a
    Chinese character as one column and breaks only at spaces, so a
    translated help ran past the terminal's edge."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap_columns(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap_columns(text, width - len(indent)))


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):  # aliases share a parser
                yield from _parsers(sub)


def _help_holders(parser: argparse.ArgumentParser) -> Iterator[tuple[object, str]]:
    """``(object, attribute)`` of every help text of ``parser`` and its commands."""
    for p in _parsers(parser):
        yield p, "description"
        yield p, "epilog"
        for action in p._actions:
            yield action, "help"
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:  # the commands' one-line help
                    yield choice, "help"


def help_texts(*parsers: argparse.ArgumentParser) -> list[str]:
    """Every help text to translate (argparse's own words are not among them)."""
    texts = []
    for parser in parsers:
        for holder, attribute in _help_holders(parser):
            text = getattr(holder, attribute)
            if isinstance(text, str) and text and text != argparse.SUPPRESS and text not in ARGPARSE_WORDS:
                texts.append(text)
    return list(dict.fromkeys(texts))


def translated_help(*parsers: argparse.ArgumentParser) -> None:
    """Swap the help texts of ``parsers`` for the current language's."""
    for parser in parsers:
        if current_language() != DEFAULT_LANGUAGE:
            for p in _parsers(parser):
                p.formatter_class = WideTextHelpFormatter
        for holder, attribute in _help_holders(parser):
            text = getattr(holder, attribute)
            if isinstance(text, str) and text and text != argparse.SUPPRESS:
                # --version's help is argparse's, but not passed through its gettext hook
                context = ARGPARSE_CONTEXT if text in ARGPARSE_WORDS else HELP_CONTEXT
                setattr(holder, attribute, translate_core(context, text))
