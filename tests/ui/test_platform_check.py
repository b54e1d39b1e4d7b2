"""Before the window opens on Linux: no display, or Qt's X11 libraries missing,
is said in one message and exit status 1, instead of Qt's abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from convviz import cli
from convviz.ui.shell import platform_check
from convviz.ui.shell.platform_check import NO_DISPLAY_MESSAGE, gui_start_problem, missing_xcb_libraries

REPO = Path(__file__).resolve().parents[2]
PLUGIN = Path("/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so")
X11_DESKTOP = {"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}


def loader_lacking(*absent: str):
    """A dynamic loader on a machine without ``absent``: loading the plugin
    fails naming the first, as glibc does, and so does loading any of them."""

    def load(path: str) -> None:
        if path == str(PLUGIN) and absent:
            raise OSError(f"{absent[0]}: cannot open shared object file: No such file or directory")
        if path in absent:
            raise OSError(f"{path}: cannot open shared object file: No such file or directory")

    return load


def ldd_lacking(*absent: str):
    return lambda path: list(absent) if path == str(PLUGIN) else []


def problem(env=X11_DESKTOP, *absent: str, platform="linux") -> str | None:
    linked = tuple(name for name in absent if name != "libxcb-cursor.so.0")
    return gui_start_problem(
        env=env, platform=platform, plugin=PLUGIN, load=loader_lacking(*absent), ldd_not_found=ldd_lacking(*linked)
    )


def test_missing_xcb_libraries_are_all_named_with_install_commands_for_three_distributions():
    message = problem(X11_DESKTOP, "libxcb-icccm.so.4", "libxcb-keysyms.so.1")
    lines = message.splitlines()
    assert lines[0].startswith("convviz: error: the window can't open")
    assert lines[1] == "  libxcb-icccm.so.4, libxcb-keysyms.so.1"
    apt = next(line for line in lines if "apt install" in line)
    dnf = next(line for line in lines if "dnf install" in line)
    pacman = next(line for line in lines if "pacman -S" in line)
    for package in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0"):
        assert f" {package}" in apt
    for line in (dnf, pacman):
        for package in ("xcb-util-cursor", "xcb-util-wm", "xcb-util-keysyms"):
            assert f" {package}" in line
    assert "QT_QPA_PLATFORM=wayland" in lines[-1]
    assert "Reinstall" not in message


def test_only_the_loaders_first_complaint_is_named_when_ldd_finds_nothing_more():
    missing = missing_xcb_libraries(PLUGIN, loader_lacking("libxcb-icccm.so.4"), lambda path: [])
    assert missing == ["libxcb-icccm.so.4"]


def test_ldd_adds_the_libraries_after_the_first_without_repeating_any():
    missing = missing_xcb_libraries(
        PLUGIN,
        loader_lacking("libxcb-icccm.so.4"),
        lambda path: ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-keysyms.so.1"],
    )
    assert missing == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


def test_xcb_cursor_which_qt_opens_only_at_run_time_is_checked_too():
    message = problem(X11_DESKTOP, "libxcb-cursor.so.0")
    assert message.splitlines()[1] == "  libxcb-cursor.so.0"
    assert "needs this library, which is not installed" in message.splitlines()[0]


def test_a_library_outside_the_table_is_named_and_its_package_left_to_the_user():
    message = problem(X11_DESKTOP, "libQt6Whatever.so.6")
    assert "libQt6Whatever.so.6" in message.splitlines()[1]
    assert "whichever package provides libQt6Whatever.so.6" in message


def test_a_missing_library_with_a_known_package_joins_the_install_commands():
    message = problem(X11_DESKTOP, "libEGL.so.1")
    assert " libegl1" in next(line for line in message.splitlines() if "apt install" in line)
    assert " libglvnd-egl" in next(line for line in message.splitlines() if "dnf install" in line)


def test_a_load_failure_that_is_not_a_missing_library_is_left_to_qt():
    def damaged(path: str) -> None:
        if path == str(PLUGIN):
            raise OSError(f"{path}: invalid ELF header")

    assert missing_xcb_libraries(PLUGIN, damaged, lambda path: []) == []


def test_nothing_to_say_when_the_plugin_loads():
    assert problem(X11_DESKTOP) is None


def test_no_display_is_said_unless_offscreen_was_asked_for():
    assert problem({}) == NO_DISPLAY_MESSAGE
    assert problem({"QT_QPA_PLATFORM": "xcb"}) == NO_DISPLAY_MESSAGE
    assert "QT_QPA_PLATFORM=offscreen" in NO_DISPLAY_MESSAGE
    assert "compute, explain, render, export, presets" in NO_DISPLAY_MESSAGE
    assert problem({"QT_QPA_PLATFORM": "offscreen"}) is None


@pytest.mark.parametrize(
    "env",
    [
        {"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland"},  # the user's choice
        {"QT_QPA_PLATFORM": "vnc"},
        {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"},  # Qt picks Wayland
    ],
)
def test_platforms_other_than_xcb_are_not_checked(env):
    assert problem(env, "libxcb-icccm.so.4") is None


def test_an_explicit_xcb_platform_is_checked():
    assert "libxcb-icccm.so.4" in problem({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, "libxcb-icccm.so.4")


def test_other_systems_are_not_checked():
    assert problem({}, "libxcb-icccm.so.4", platform="darwin") is None
    assert problem({}, "libxcb-icccm.so.4", platform="win32") is None


def test_the_command_exits_1_with_the_message_before_creating_the_application(monkeypatch, capsys):
    created = []
    monkeypatch.setattr("convviz.ui.shell.app.make_app", lambda *a, **k: created.append(1))
    monkeypatch.setattr(platform_check, "xcb_plugin_path", lambda: PLUGIN)
    monkeypatch.setattr(platform_check, "_load_library", loader_lacking("libxcb-icccm.so.4", "libxcb-keysyms.so.1"))
    monkeypatch.setattr(platform_check, "_ldd_not_found", ldd_lacking("libxcb-icccm.so.4", "libxcb-keysyms.so.1"))
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")

    status = cli.main([])

    out, err = capsys.readouterr()
    assert status == 1
    assert created == []
    assert out == ""
    assert err.startswith("convviz: error: the window can't open")
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in err
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4" in err


def no_display_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the no-display rule is Linux's")
def test_the_window_command_with_no_display_exits_1_instead_of_running_unseen(tmp_path):
    env = no_display_env()
    env["CONVVIZ_HOME"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "convviz"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 1
    assert result.stderr.strip() == NO_DISPLAY_MESSAGE


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the no-display rule is Linux's")
def test_commands_without_a_window_work_with_no_display(tmp_path):
    env = no_display_env()
    for args in (["presets"], ["compute", "seed-3.3"], ["explain", "seed-3.3", "--at", "0", "0"]):
        result = subprocess.run(
            [sys.executable, "-m", "convviz", *args], env=env, capture_output=True, text=True, timeout=60, check=False
        )
        assert result.returncode == 0, result.stderr
    shot = tmp_path / "shot.png"
    result = subprocess.run(
        [sys.executable, "-m", "convviz", "render", "seed-3.3", "-o", str(shot), "--size", "320x200"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert shot.read_bytes().startswith(b"\x89PNG")


def test_the_check_never_imports_qt():
    code = (
        "import sys, convviz.ui.shell.platform_check as p; p.gui_start_problem(env={}, platform='linux'); "
        "assert not any(m.startswith('PySide6') for m in sys.modules), sorted(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=dict(os.environ, PYTHONPATH=str(REPO)), timeout=60)


def test_the_readme_lists_the_same_install_commands_as_the_message():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for line in problem(X11_DESKTOP, "libxcb-icccm.so.4").splitlines():
        if "sudo " in line:
            distribution, command = line.strip().split(":", 1)
            assert f"- {distribution}: `{command.strip()}`" in readme
