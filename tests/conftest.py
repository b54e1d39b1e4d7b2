"""Shared test set-up: Qt runs offscreen, user folders point at tmp_path,
and how thorough the run is (see thoroughness.py)."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

# Before any Qt import: no display in CI, and none needed anywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from thoroughness import THOROUGH  # noqa: E402  (after the platform is set)

settings.register_profile("fast", deadline=None, max_examples=25)
settings.register_profile("thorough", deadline=None, max_examples=100)
settings.load_profile("thorough" if THOROUGH else "fast")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="also run the tests marked slow (CI always does)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if THOROUGH or config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: runs in CI (CI=true), or with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def run_cli(qapp, capsys, tmp_path, tmp_path_factory, monkeypatch):
    """``run_cli(*args)``: the command line in this process, in ``tmp_path``
    with its own CONVVIZ_HOME, reported as a finished process would be
    (returncode, stdout, stderr). A second interpreter costs a second or two
    of start-up per call; the tests that are about the separate process
    itself (exit statuses, signals, no Qt loaded, the window opening) start
    one. The QApplication is the tests' own (``qapp``), so that a render
    here doesn't create one with this test's settings folder."""
    import subprocess

    from convviz.cli import main
    from convviz.core.language import DEFAULT_LANGUAGE, set_language
    from convviz.ui.base.i18n import install_translators

    monkeypatch.chdir(tmp_path)
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):  # help follows the locale: English here
        monkeypatch.delenv(name, raising=False)
    if not os.environ.get("CONVVIZ_HOME", "").startswith(str(tmp_path)):
        monkeypatch.setenv("CONVVIZ_HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.delenv("CONVVIZ_DEBUG", raising=False)

    def run(*args: str) -> subprocess.CompletedProcess:
        capsys.readouterr()  # what came before is not this command's
        try:
            status = main(list(args))
        except SystemExit as end:  # argparse ends --help so: a process's exit status
            status = end.code if isinstance(end.code, int) else int(end.code is not None)
        finally:
            # A --lang is this command's, not the next test's (nor its window's).
            set_language(DEFAULT_LANGUAGE)
            install_translators(DEFAULT_LANGUAGE)
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(["convviz", *args], status, out, err)

    return run
