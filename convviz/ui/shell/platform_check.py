"""Can the window open here? Checked before the QApplication exists.

Without this, Qt aborts on a Linux machine that lacks the X11 libraries of
its xcb platform plugin, with "Reinstalling the application may fix this
problem" (it doesn't), and on a machine with no display convviz would run
invisibly forever. Both cases get one message saying what to do instead.

This module never imports Qt: it finds PySide6's plugin file on disk and
asks the dynamic loader whether it can load it.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

__all__ = [
    "LINUX_PACKAGES",
    "NO_DISPLAY_MESSAGE",
    "gui_start_problem",
    "missing_xcb_libraries",
    "xcb_plugin_path",
]

# Library -> its package on (Debian/Ubuntu, Fedora, Arch), for every library
# of Qt's xcb plugin that a desktop may lack.
_PACKAGES: dict[str, tuple[str, str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms", "xcb-util-keysyms"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb", "libxcb"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil", "xcb-util-renderutil"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb", "libxcb"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11", "libxkbcommon-x11"),
    # Usually there already:
    "libxcb.so.1": ("libxcb1", "libxcb", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb", "libxcb"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util", "xcb-util"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon", "libxkbcommon"),
    "libX11.so.6": ("libx11-6", "libX11", "libx11"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb", "libx11"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl", "libglvnd"),
    "libGL.so.1": ("libgl1", "libglvnd-glx", "libglvnd"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl", "libglvnd"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype", "freetype2"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs", "dbus"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2", "glib2"),
}
# The message always installs the packages of these (the xcb-util family and
# xkbcommon-x11): Ubuntu desktops lack xcb-cursor, minimal images and WSL lack
# more, and installing what is already there is harmless. The README lists
# the same packages.
_ALWAYS = (
    "libxcb-cursor.so.0",
    "libxcb-icccm.so.4",
    "libxcb-image.so.0",
    "libxcb-keysyms.so.1",
    "libxcb-randr.so.0",
    "libxcb-render-util.so.0",
    "libxcb-shape.so.0",
    "libxcb-xfixes.so.0",
    "libxcb-xkb.so.1",
    "libxkbcommon-x11.so.0",
)
_DISTRIBUTIONS = (("Debian, Ubuntu", "sudo apt install"), ("Fedora", "sudo dnf install"), ("Arch", "sudo pacman -S"))
LINUX_PACKAGES: dict[str, tuple[str, ...]] = {
    name: tuple(dict.fromkeys(_PACKAGES[lib][column] for lib in _ALWAYS))
    for column, (name, _command) in enumerate(_DISTRIBUTIONS)
}

# Qt 6.5+ opens this one at run time rather than linking it, so loading the
# plugin succeeds without it, and then Qt refuses to start.
_RUNTIME_LIBRARIES = ("libxcb-cursor.so.0",)

_MISSING_IN_ERROR = re.compile(r"([\w.+-]+\.so(?:\.\d+)*): cannot open shared object file")
_NOT_FOUND_IN_LDD = re.compile(r"^\s*(\S+)\s*=>\s*not found", re.MULTILINE)


def _load_library(path: str) -> None:
    """Ask the dynamic loader to load ``path``; raises OSError naming what's missing."""
    ctypes.CDLL(path, mode=os.RTLD_LAZY)


def _ldd_not_found(path: str) -> list[str]:
    """Every library ``ldd`` can't find for ``path`` (the loader stops at the first)."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    try:
        out = subprocess.run([ldd, path], capture_output=True, text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return _NOT_FOUND_IN_LDD.findall(out)


def xcb_plugin_path() -> Path | None:
    """PySide6's ``libqxcb.so``, found without importing Qt (None if not there,
    e.g. a distribution's PySide6 that uses the system's Qt)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for base in spec.submodule_search_locations:
        for plugins in (Path(base) / "Qt" / "plugins", Path(base) / "plugins"):
            candidate = plugins / "platforms" / "libqxcb.so"
            if candidate.is_file():
                return candidate
    return None


def missing_xcb_libraries(
    plugin: Path,
    load: Callable[[str], None] | None = None,
    ldd_not_found: Callable[[str], list[str]] | None = None,
) -> list[str]:
    """The libraries that keep Qt's xcb plugin from loading, in the loader's
    order (empty if it loads). ``load`` and ``ldd_not_found`` default to the
    dynamic loader and ``ldd``; tests pass their own to play a machine that
    lacks libraries."""
    load = load or _load_library
    ldd_not_found = ldd_not_found or _ldd_not_found
    missing: list[str] = []
    try:
        load(str(plugin))
    except OSError as exc:
        # Only a missing library is ours to explain; any other failure (a
        # damaged file, a symbol) is left to Qt's own message.
        found = _MISSING_IN_ERROR.search(str(exc))
        first = [found.group(1)] if found else []
        missing = list(dict.fromkeys([*first, *ldd_not_found(str(plugin))]))
    for name in _RUNTIME_LIBRARIES:
        if name in missing:
            continue
        try:
            load(name)
        except OSError:
            missing.append(name)
    return missing


def _install_commands(missing: Sequence[str]) -> list[str]:
    lines = []
    for column, (distribution, command) in enumerate(_DISTRIBUTIONS):
        libraries = [*_ALWAYS, *(name for name in missing if name in _PACKAGES)]
        packages = dict.fromkeys(_PACKAGES[name][column] for name in libraries)
        lines.append(f"  {distribution + ':':16} {command} {' '.join(packages)}")
    return lines


def _missing_libraries_message(missing: Sequence[str]) -> str:
    lines = [
        "convviz: error: the window can't open: Qt's X11 platform plugin (xcb) needs "
        + ("this library, which is" if len(missing) == 1 else "these libraries, which are")
        + " not installed:",
        f"  {', '.join(missing)}",
        "Install them with your package manager, then start convviz again:",
        *_install_commands(missing),
    ]
    unknown = [name for name in missing if name not in _PACKAGES]
    if unknown:
        lines.append(f"  and whichever package provides {', '.join(unknown)} on your system.")
    lines.append("On a Wayland desktop you can use Qt's Wayland platform instead: QT_QPA_PLATFORM=wayland convviz")
    return "\n".join(lines)


NO_DISPLAY_MESSAGE = (
    "convviz: error: there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
    "Start convviz from a desktop session, or over ssh with X forwarding (ssh -X).\n"
    "Without a display, these commands work: convviz compute, explain, render, export, presets "
    "(see convviz --help).\n"
    "To run the window invisibly anyway: QT_QPA_PLATFORM=offscreen convviz"
)


def gui_start_problem(
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
    plugin: Path | None = None,
    load: Callable[[str], None] | None = None,
    ldd_not_found: Callable[[str], list[str]] | None = None,
) -> str | None:
    """Why the window can't open here, as a message for the terminal, or None.

    Only Linux is checked, and only where Qt would pick the xcb platform:
    a ``QT_QPA_PLATFORM`` the user set wins (offscreen, wayland, vnc ... are
    theirs to choose), and a Wayland session is left to Qt's Wayland plugin.
    """
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return None
    requested = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if requested and requested != "xcb":
        return None
    if not env.get("DISPLAY") and (requested == "xcb" or not env.get("WAYLAND_DISPLAY")):
        return NO_DISPLAY_MESSAGE
    if not requested and env.get("XDG_SESSION_TYPE") == "wayland" and env.get("WAYLAND_DISPLAY"):
        return None  # Qt starts on its Wayland plugin here
    plugin = xcb_plugin_path() if plugin is None else plugin
    if plugin is None:
        return None  # not PySide6's own Qt: nothing we can check
    missing = missing_xcb_libraries(plugin, load, ldd_not_found)
    return _missing_libraries_message(missing) if missing else None
