"""Keep the translations in step with the code.

Run: python tools/i18n.py            (update the .ts, then build the .qm)
     python tools/i18n.py release    (only build the .qm from the .ts)
     python tools/i18n.py check      (exit 1 if a message has no translation)

``update`` runs the ``pyside6-lupdate`` that PySide6 ships over every module
of ``convviz/`` (the window's ``translate("Context", "…")`` and ``self.tr``,
the core's ``translate("ledger", "…")`` of :mod:`convviz.core.language`,
and the error messages, ``ConvError("…", …)`` and the other names of
``MESSAGE_MARKERS``), over the built-in scenes' and presets' descriptions,
which live in JSON,
and the command line's help texts (convviz.cli_help), which live in the
parsers: both reach lupdate through a generated file of ``translate(…)``
calls. Existing translations are kept; messages no longer in the code are
dropped. ``release`` runs ``pyside6-lrelease`` to build the ``.qm`` the
window loads. Both files are committed and ship in the wheel (resources/).

Locations are not stored in the ``.ts`` (``-locations none``) so that moving
code doesn't change the file, and messages are sorted, so merges stay small.
Fill in translations with Qt Linguist (``pyside6-linguist``) or by hand, then
run ``release``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN",)  # every language but English, which is the source
# The names that mark an error message (convviz.core.errors): the errors
# themselves, whose first argument is the message's English template, and
# Message, for a message a helper turns into an error. lupdate files them
# as tr() calls, under the unnamed context.
MESSAGE_MARKERS = (
    "Message", "ConvvizError", "ConvError", "ExportOptionError", "RenderOptionError", "SceneFileError",
    "ImageTooLargeError", "OutputError",
)  # fmt: skip


def _tool(name: str) -> str:
    """``pyside6-<name>`` beside this Python (a venv), else on PATH."""
    beside = Path(sys.executable).with_name(f"pyside6-{name}")
    found = str(beside) if beside.exists() else shutil.which(f"pyside6-{name}")
    if found is None:
        sys.exit(f"pyside6-{name} not found: install PySide6 (pip install -e .) and run with its Python")
    return found


def _descriptions() -> list[str]:
    """The built-in scenes', presets' and samples' descriptions."""
    texts = []
    for folder in ("presets", "samples"):
        for path in sorted((ROOT / "resources" / folder).glob("*.json")):
            description = json.loads(path.read_text(encoding="utf-8")).get("description", "")
            if description:
                texts.append(description)
    return texts


def _command_line_help() -> list[tuple[str, str]]:
    """``(context, text)`` of the command line's help texts and argparse's own words."""
    sys.path.insert(0, str(ROOT))
    from convviz import cli, cli_help

    with cli_help.help_language_in("en"):
        parsers = cli._build_parsers()
    return [(cli_help.HELP_CONTEXT, t) for t in cli_help.help_texts(*parsers)] + [
        (cli_help.ARGPARSE_CONTEXT, t) for t in cli_help.ARGPARSE_WORDS
    ]


def update() -> None:
    sources = sorted(str(p) for p in (ROOT / "convviz").rglob("*.py"))
    generated = [("presets", t) for t in _descriptions()] + _command_line_help()
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "descriptions.py"
        listing.write_text(
            "".join(f"translate({json.dumps(c)}, {json.dumps(t, ensure_ascii=False)})\n" for c, t in generated),
            encoding="utf-8",
        )
        for code in LANGUAGES:
            ts = I18N / f"convviz_{code}.ts"
            I18N.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [_tool("lupdate"), "-silent", "-locations", "none", "-no-obsolete", "-sort-messages",
                 "-tr-function-alias", ",".join(f"tr+={name}" for name in MESSAGE_MARKERS),
                 "-source-language", "en", "-target-language", code, *sources, str(listing), "-ts", str(ts)],
                check=True,
            )  # fmt: skip


def release() -> None:
    for code in LANGUAGES:
        ts = I18N / f"convviz_{code}.ts"
        subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


def unfinished() -> list[tuple[str, str, str]]:
    """``(language, context, source)`` of every message still without a translation."""
    missing = []
    for code in LANGUAGES:
        root = ET.parse(I18N / f"convviz_{code}.ts").getroot()
        for context in root.iter("context"):
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is None or translation.get("type") == "unfinished" or not translation.text:
                    missing.append((code, context.findtext("name", ""), message.findtext("source", "")))
    return missing


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "update"
    if command == "update":
        update()
        release()
    elif command == "release":
        release()
    elif command != "check":
        sys.exit(f"unknown command {command!r}: use update, release or check")
    missing = unfinished()
    for code, context, source in missing:
        print(f"{code}: untranslated [{context}] {source}")
    return 1 if missing and command == "check" else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
