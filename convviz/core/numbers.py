"""Reading numbers people type and writing numbers people read.

Display uses the true minus sign U+2212 (−), which is what the seed's
equations need to be unambiguous; parsing accepts it as well as ``-``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from convviz.core.errors import ConvError

__all__ = [
    "MINUS",
    "ShownNumber",
    "fit_number",
    "format_factor",
    "format_number",
    "full_number",
    "is_shown_exactly",
    "number_forms",
    "parse_number",
]

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
        raise ConvError("type a number")
    if not _NUMBER.match(cleaned):
        raise ConvError("“{text}” is not a number", text=text.strip())
    value = float(cleaned)
    if not math.isfinite(value):
        raise ConvError("“{text}” is too large", text=text.strip())
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
        text = _compact_exponent(f"{v:.{max(1, decimals)}g}")
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


# -- a number in a cell of a given size ---------------------------------------------------


@dataclass(frozen=True)
class ShownNumber:
    """What a cell shows of a value: ``text``, which reads back as the value
    to within ``tolerance`` (0 when it is exact)."""

    text: str
    tolerance: float

    @property
    def exact(self) -> bool:
        return self.tolerance == 0.0


def full_number(value: float) -> str:
    """Every digit of ``value`` (shortest round-trip form), for tooltips."""
    v = float(value)
    if v == 0:
        return "0"
    if v.is_integer() and abs(v) < 1e16:
        return str(int(v)).replace("-", MINUS)
    return _compact_exponent(repr(v)).replace("-", MINUS)


def _compact_exponent(text: str) -> str:
    """``1.5e+06`` → ``1.5e6``, ``1e-07`` → ``1e-7``."""
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    sign = "-" if exponent.startswith("-") else ""
    return f"{mantissa}e{sign}{exponent.lstrip('+-').lstrip('0') or '0'}"


@lru_cache(maxsize=65536)
def number_forms(value: float, decimals: int = 3) -> tuple[ShownNumber, ...]:
    """The ways ``value`` may be written, most precise first: the usual form
    (:func:`format_number`), then fewer decimals, then fewer significant
    digits in scientific notation. Each is a correct rounding of ``value``:
    it carries the tolerance it is good to, and its sign whenever the value
    is negative (a rounding to zero is written ``0``, never ``−0``)."""
    v = float(value)
    if not math.isfinite(v):
        return (ShownNumber(str(v), 0.0),)
    forms: list[ShownNumber] = []

    def add(text: str, tolerance: float) -> None:
        if v != 0 and parse_number(text) == 0:
            return  # "0" for −0.3 would hide the sign and the value
        text = text.replace("-", MINUS)
        if all(f.text != text for f in forms):
            forms.append(ShownNumber(text, tolerance))

    if v == 0:
        return (ShownNumber("0", 0.0),)
    usual = format_number(v, decimals)
    add(usual, 0.0 if parse_number(usual) == v else abs(parse_number(usual) - v))
    if not v.is_integer() and abs(v) < 1e6:
        for d in range(decimals - 1, -1, -1):
            add(f"{v:.{d}f}".rstrip("0").rstrip(".") if d else f"{v:.0f}", 0.5 * 10.0**-d)
    if v != 0:
        exponent = math.floor(math.log10(abs(v)))
        for digits in (3, 2, 1):
            text = _compact_exponent(f"{v:.{digits - 1}e}")
            mantissa = text.split("e")[0]
            if "." in mantissa:
                mantissa = mantissa.rstrip("0").rstrip(".")
            text = mantissa + "e" + text.split("e")[1]
            shown = float(text)
            add(text, 0.0 if shown == v else 0.5 * 10.0 ** (exponent - digits + 1))
    # Most precise first; of equally precise forms, the shortest.
    return tuple(sorted(forms, key=lambda f: (f.tolerance, len(f.text))))


def fit_number(value: float, fits: Callable[[str], bool], decimals: int = 3) -> ShownNumber | None:
    """The most precise form of ``value`` for which ``fits(text)`` holds, or
    None when not even the shortest correct rounding fits. A caller never
    cuts a number to make it fit: it shows a shorter correct form, or none."""
    for form in number_forms(value, decimals):
        if fits(form.text):
            return form
    return None
