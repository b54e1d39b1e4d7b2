"""Text from files made safe to print: control characters as escapes.

A name in a scene file could hold an escape sequence that drives the
terminal, or a bidirectional override that makes output read as something
else. The command line prints names through :func:`printable`, and code
that reproduces its output (``convviz code``) does the same.
"""

from __future__ import annotations

import unicodedata

__all__ = ["BIDI_CONTROLS", "printable"]

# Bidirectional overrides and isolates reorder what a terminal shows, so a
# name could fake other output; they are escaped like control characters.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def printable(text: str) -> str:
    """``text`` with control characters (C0, DEL, C1, bidi controls) written
    as escapes such as ``\\x1b``; line breaks stay."""
    out = []
    for ch in text:
        if ch == "\n" or not (unicodedata.category(ch) == "Cc" or ch in BIDI_CONTROLS):
            out.append(ch)
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(f"\\u{ord(ch):04x}")
    return "".join(out)
