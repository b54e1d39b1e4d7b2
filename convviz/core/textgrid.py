"""Blocks of numbers as text: what copy gives and what paste takes.

Copy writes tab-separated rows, which spreadsheets read. Paste reads:

- tab-separated (spreadsheets), comma-separated (CSV) or whitespace-separated rows;
- NumPy or Python repr: ``[[1, 2], [3, 4]]``, ``array([[1., 2.], [3., 4.]])``;
- a single number.

Numbers may use ``−`` (U+2212). Anything else is refused with a message
that says where, rather than being guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from convviz.core.errors import ConvError, Message
from convviz.core.numbers import full_number, parse_number

__all__ = ["MAX_PASTE_CHARS", "MAX_PASTE_VALUES", "format_tsv", "parse_grid_text"]

# A paste larger than this is refused at once, before any parsing, so a
# stray 10 MB clipboard can't freeze the window.
MAX_PASTE_CHARS = 1_000_000
MAX_PASTE_VALUES = 65_536

_REPR_PREFIX = re.compile(r"^\s*(?:np\.|numpy\.)?array\s*\(", re.IGNORECASE)


def format_tsv(values: np.ndarray) -> str:
    """Rows of tab-separated numbers, every digit (pasting them back gives the
    same floats), ASCII minus."""
    lines = []
    for row in np.atleast_2d(values):
        lines.append("\t".join(full_number(float(v)).replace("\u2212", "-") for v in row))
    return "\n".join(lines)


def _strip_repr(text: str) -> str | None:
    """The bracketed body of a NumPy/Python repr, or None if not one."""
    body = text.strip()
    if _REPR_PREFIX.match(body):
        body = _REPR_PREFIX.sub("", body, count=1)
        # Drop a trailing ", dtype=...)" or ")".
        body = re.sub(r",\s*dtype\s*=\s*[\w.]+\s*\)\s*$", "", body)
        body = re.sub(r"\)\s*$", "", body)
    if body.startswith("["):
        return body
    return None


def _repr_row(text: str) -> list[str]:
    return [t for t in re.split(r"[,\s]+", text.strip()) if t]


def _rows_from_repr(body: str) -> list[list[str]]:
    body = body.strip()
    if not body.endswith("]"):
        raise ConvError("the brackets don't match")
    inner = body[1:-1]
    if "[" not in inner and "]" not in inner:
        return [_repr_row(inner)]  # 1-D: one row
    rows = re.findall(r"\[([^\[\]]*)\]", inner)
    leftover = re.sub(r"\[[^\[\]]*\]", "", inner)
    if "[" in leftover or "]" in leftover:
        raise ConvError("only 1-D or 2-D blocks can be pasted; the brackets nest deeper or don't match")
    if leftover.strip(" ,\t\r\n"):
        raise ConvError("numbers must be inside the brackets")
    return [_repr_row(r) for r in rows]


def _rows_from_lines(text: str) -> list[list[str]]:
    lines = [line for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]
    splitter: Callable[[str], list[str]]
    if any("\t" in line for line in lines):
        splitter = lambda line: line.split("\t")  # noqa: E731
    elif any("," in line for line in lines) or any(";" in line for line in lines):
        splitter = lambda line: re.split(r"[,;]", line)  # noqa: E731
    else:
        splitter = str.split
    return [[cell.strip() for cell in splitter(line.strip("\n"))] for line in lines]


def parse_grid_text(text: str) -> np.ndarray:
    """A ``(rows, cols)`` float array from pasted text, or ``ConvError`` (a ``ValueError``)."""
    if len(text) > MAX_PASTE_CHARS:
        raise ConvError("the clipboard holds {n:,} characters; convviz pastes at most {most:,}", n=len(text),
                        most=MAX_PASTE_CHARS)  # fmt: skip
    if "\x00" in text:
        raise ConvError("the clipboard holds binary data, not numbers")
    if not text.strip():
        raise ConvError("the clipboard holds no numbers")
    body = _strip_repr(text)
    rows = _rows_from_repr(body) if body is not None else _rows_from_lines(text)
    if not rows or not any(rows):
        raise ConvError("the clipboard holds no numbers")
    width = len(rows[0])
    values = []
    count = 0
    for r, row in enumerate(rows):
        if len(row) != width:
            raise ConvError(
                Message("pasted row {r} has 1 value, but row 1 has {width}", r=r + 1, width=width) if len(row) == 1 else
                Message("pasted row {r} has {n} values, but row 1 has {width}", r=r + 1, n=len(row), width=width)
            )  # fmt: skip
        count += len(row)
        if count > MAX_PASTE_VALUES:
            raise ConvError("the clipboard holds more than {most:,} values", most=MAX_PASTE_VALUES)
        parsed = []
        for c, cell in enumerate(row):
            try:
                parsed.append(parse_number(cell))
            except ValueError as exc:
                raise ConvError("pasted row {r}, value {c}: {error}", r=r + 1, c=c + 1, error=exc) from None
        values.append(parsed)
    return np.array(values, dtype=np.float64)
