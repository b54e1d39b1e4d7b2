"""The command line's own error: a request it can't meet, for every command module."""

from __future__ import annotations

__all__ = ["UsageError"]


class UsageError(Exception):
    """Bad input on the command line: printed as ``convviz: error: ...``, exit 2."""
