"""Reading numbers people type and writing numbers people read.

Display uses the true minus sign U+2212 (−), which is what the seed's
equations need to be unambiguous; parsing accepts it as well as ``-``.
"""

from __future__ import annotations

import math
import re

__all__ = ["MINUS", "format_factor", "format_number", "is_shown_exactly", "parse_number"]

MINUS = "\u2212"

# Integers, decimals, an optional exponent; a leading +, - or −.
_NUMBER = re.compile(r"^[+\-\u2212]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+\-\u2212]?\d+)?$")


def parse_number(text: str) -> float:
    """The number in ``text``, or ``ValueError`` with a message for the user.

    Accepts ``3``, ``-1``, ``−1`` (U+2212), ``0.5``, ``.5``, ``2e3``;
    surrounding spaces are ignored. Refuses words, NaN and infinity.
    """
    cleaned = text.strip().replace("\u2212", "-")
    if not cleaned:
        raise ValueError("type a number")
    if not _NUMBER.match(cleaned):
        raise ValueError(f"“{text.strip()}” is not a number")
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError(f"“{text.strip()}” is too large")
    return value


def format_number(value: float, decimals: int = 3) -> str:
    """``3``, ``−1``, ``0.5``, ``0.333``: whole numbers without a point.

    At most ``decimals`` digits after the point, trailing zeros dropped;
    very large or very small magnitudes use scientific notation.
    """
    v = float(value)
    if not math.isfinite(v):
        return str(v)
    if v.is_integer() and abs(v) < 1e15:
        text = str(int(v))
    elif abs(v) >= 1e6 or (v != 0 and abs(v) < 10 ** (-decimals)):
        text = f"{v:.{max(1, decimals)}g}"
    else:
        text = f"{v:.{decimals}f}".rstrip("0").rstrip(".")
        if text in ("-0", ""):
            text = "0"
    return text.replace("-", MINUS)


def is_shown_exactly(value: float, decimals: int = 3) -> bool:
    """True when :func:`format_number` loses nothing of ``value``."""
    return parse_number(format_number(value, decimals)) == float(value)


def format_factor(value: float, decimals: int = 3) -> str:
    """A factor in a product: negatives in parentheses, ``(−1)``."""
    text = format_number(value, decimals)
    return f"({text})" if text.startswith(MINUS) else text
