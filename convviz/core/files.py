"""Reading and writing the user's files safely.

- :func:`read_regular_file` opens only regular files (never a device, FIFO or
  socket, which could hang or never end) and never reads more than a limit.
- :func:`write_atomic` writes to a temporary file beside the target and
  renames it into place, so the old file stays whole until the new one is
  complete. A symbolic link is followed and its target replaced (the link
  stays a link); a device or FIFO is never written over.
- :func:`remove_stale_temp_files` removes temporary files of convviz's own
  naming pattern left by a process that was killed more than a day ago.

Every problem raises :class:`SceneFileError` with a message for the user.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import time
from pathlib import Path

from convviz.core.errors import Message, SceneFileError

__all__ = ["STALE_AFTER_S", "read_regular_file", "remove_stale_temp_files", "write_atomic", "write_target"]

# Temporary files older than this are a killed process's leftovers.
STALE_AFTER_S = 24 * 3600
# ``.NAME.XXXXXXXX.tmp`` (saves) and ``.NAME.XXXXXXXX.partial[.ext]``
# (exports): a leading dot, the target's name, tempfile's 8 random
# characters, then our suffix.
TEMP_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.(?:tmp|partial(?:\.(?:mp4|gif|png))?)$")
_READ_CHUNK = 1 << 20


def _size_text(n: int) -> str:
    if n >= 2**20:
        return f"{n / 2**20:.0f} MB"
    if n >= 2**10:
        return f"{n / 2**10:.0f} KB"
    return f"{n} bytes"


def read_regular_file(path: str | os.PathLike[str], limit: int, what: Message | None = None) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    A FIFO is opened without blocking and then refused, so a FIFO with no
    writer can't hang the caller. ``what`` names such files in the message
    of one that is too large ("scene files are limited to 256 MB").
    """
    what = Message("scene files") if what is None else what
    source = os.fspath(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(source, flags)
    except (FileNotFoundError, NotADirectoryError):
        raise SceneFileError("no such file", source=source) from None
    except IsADirectoryError:
        raise SceneFileError("is a folder, not a file", source=source) from None
    except OSError as exc:
        raise SceneFileError(
            "cannot be read: {exc_strerror_or_exc}",
            exc_strerror_or_exc=exc.strerror or exc, source=source,
        ) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise SceneFileError("is a folder, not a file", source=source)
        if not stat.S_ISREG(info.st_mode):
            raise SceneFileError(
                "is not a regular file (it is a device, FIFO or socket); convviz reads only regular files", source=source
            )
        if info.st_size > limit:
            raise SceneFileError(
                "is {info_st_size_size_text}; {what} are limited to {limit_size_text}",
                info_st_size_size_text=_size_text(info.st_size), what=what, limit_size_text=_size_text(limit),
                source=source,
            )
        chunks, total = [], 0
        while total <= limit:  # bounded even if the file grows while we read
            chunk = os.read(fd, min(_READ_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise SceneFileError(
                "is more than {limit_size_text}; {what} are limited to {limit_size_text}",
                limit_size_text=_size_text(limit), what=what, source=source,
            )
        return b"".join(chunks)
    except OSError as exc:
        raise SceneFileError(
            "cannot be read: {exc_strerror_or_exc}",
            exc_strerror_or_exc=exc.strerror or exc, source=source,
        ) from None
    finally:
        os.close(fd)


def write_target(path: str | os.PathLike[str]) -> Path:
    """The file a write to ``path`` really replaces: a symbolic link's target.

    Refuses a folder and anything that is not a regular file (a device such as
    ``/dev/full``, a FIFO, a socket): renaming over it would replace it.
    """
    p = Path(path)
    if p.is_symlink():
        p = Path(os.path.realpath(p))
    try:
        info = os.stat(p)
    except (FileNotFoundError, NotADirectoryError):
        return p  # a new file
    except OSError as exc:
        raise SceneFileError(
            "cannot be written: {exc_strerror_or_exc}",
            exc_strerror_or_exc=exc.strerror or exc, source=os.fspath(path),
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise SceneFileError("is a folder; give a file name", source=os.fspath(path))
    if not stat.S_ISREG(info.st_mode):
        raise SceneFileError(
            "is not a regular file (it is a device, FIFO or socket); convviz only writes regular files",
            source=os.fspath(path),
        )
    return p


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``'s target, then rename it."""
    shown = os.fspath(path)
    target = write_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    remove_stale_temp_files(folder)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SceneFileError(
            "cannot be written: {exc_strerror_or_exc}",
            exc_strerror_or_exc=exc.strerror or exc, source=shown,
        ) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:  # mkstemp makes 0600 files; keep the old file's mode or the usual one
            os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask())
        except OSError:
            pass
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise SceneFileError(
                "cannot be written: {exc_strerror_or_exc}",
                exc_strerror_or_exc=exc.strerror or exc, source=shown,
            ) from None
        raise


def _only_frames(folder: str) -> bool:
    """True for an export's frame folder: nothing but ``frame_*.png`` files."""
    try:
        with os.scandir(folder) as entries:
            return all(e.name.startswith("frame_") and e.name.endswith(".png") and e.is_file(follow_symlinks=False)
                       for e in entries)  # fmt: skip
    except OSError:
        return False


def remove_stale_temp_files(folder: str | os.PathLike[str], older_than_s: float = STALE_AFTER_S) -> list[str]:
    """Remove convviz's own temporary files in ``folder`` that are older than
    ``older_than_s`` (a killed save or export left them); returns their names.

    Never fails: a file that can't be removed is left alone.
    """
    removed: list[str] = []
    cutoff = time.time() - older_than_s
    uid = os.getuid() if hasattr(os, "getuid") else None
    try:
        with os.scandir(folder) as entries:
            candidates = [e for e in entries if TEMP_NAME.match(e.name)]
    except OSError:
        return removed
    for entry in candidates:
        try:
            info = entry.stat(follow_symlinks=False)
            if info.st_mtime > cutoff or (uid is not None and info.st_uid != uid):
                continue
            if stat.S_ISREG(info.st_mode):
                os.unlink(entry.path)
            elif stat.S_ISDIR(info.st_mode) and entry.name.endswith(".partial") and _only_frames(entry.path):
                shutil.rmtree(entry.path)
            else:
                continue
            removed.append(entry.name)
        except OSError:
            continue
    return removed
