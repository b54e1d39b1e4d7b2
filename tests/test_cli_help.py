"""``--help`` and argparse's own messages in the user's language: ``--lang``
before or after the command, else the locale; results follow ``--lang`` only."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata

import pytest
from test_cli import REPO

from convviz.cli_help import help_language, wrap_columns

LOCALE = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def run(*args: str, cwd, **locale: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in LOCALE and k != "CONVVIZ_DEBUG"}
    env.update(PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8", COLUMNS="80", **locale)
    return subprocess.run([sys.executable, "-m", "convviz", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=120, check=False)  # fmt: skip


@pytest.fixture
def cli(run_cli, monkeypatch):
    """``cli(*args, **locale)``: as :func:`run`, in this process (``run_cli``):
    the command reads the locale and the terminal's width when it runs."""

    def run_here(*args: str, **locale: str):
        with monkeypatch.context() as env:
            env.setenv("COLUMNS", "80")
            for name, value in locale.items():
                env.setenv(name, value)
            return run_cli(*args)

    return run_here


def columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def test_lang_before_the_command_gives_its_help_in_chinese_within_the_terminal(tmp_path):
    result = run("--lang", "zh_CN", "render", "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("用法：convviz render [-h] -o OUTPUT")
    for line in ("位置参数:", "选项:", "  -h, --help            显示这条帮助信息并退出",
                 "                        要写入的图片：shot.png 或 shot.jpg"):  # fmt: skip
        assert line in text.splitlines(), line
    assert "--view {maps,partial-maps,im2col,scatter,direct}" in text  # names and choices stay as typed
    assert max(columns(line) for line in text.splitlines()) <= 80


def test_lang_after_the_command_works_the_same(tmp_path, cli):
    before = cli("--lang", "zh_CN", "export", "--help")
    after = cli("export", "--help", "--lang", "zh_CN")
    assert before.returncode == after.returncode == 0
    assert before.stdout == after.stdout
    assert "最后一帧停留的秒数（0..600）" in after.stdout


def test_a_chinese_locale_gives_chinese_help_and_an_english_one_english(tmp_path, cli):
    zh = cli("compute", "--help", LANG="zh_CN.UTF-8")
    en = cli("compute", "--help", LANG="en_US.UTF-8")
    assert "打印 {\"output\": [row][col][k], \"shape\": [oh, ow, K], ...}" in zh.stdout
    assert en.stdout.startswith("usage: convviz compute") and "options:" in en.stdout
    assert cli("--version", LANG="zh_CN.UTF-8").stdout.startswith("convviz ")


def test_the_top_level_help_lists_the_commands_in_chinese(tmp_path, cli):
    result = cli("--help", LC_ALL="zh_CN.UTF-8")
    assert "convviz：一步一步地看卷积层如何计算特征图。不带命令时打开窗口。" in result.stdout
    assert "  --version   显示程序的版本号并退出" in result.stdout.splitlines()


def test_a_chinese_locale_translates_argparse_errors_but_not_the_results(tmp_path, cli):
    error = cli("explain", "seed-3.3", LANG="zh_CN.UTF-8")
    assert error.returncode == 2
    assert error.stderr == "convviz: error: 参数 --at --maps --im2col 中必须有一个（见 convviz explain --help）\n"
    result = cli("explain", "seed-3.3", "--at", "0", "0", LANG="zh_CN.UTF-8")
    assert result.returncode == 0 and "channel 1:" in result.stdout  # a script reads the same everywhere


def test_lang_before_the_command_is_the_commands_language_too(tmp_path, cli):
    result = cli("--lang", "zh_CN", "explain", "seed-3.3", "--at", "0", "0")
    assert result.returncode == 0, result.stderr
    assert "+ 偏置: 1" in result.stdout.splitlines()
    own = cli("--lang", "zh_CN", "explain", "seed-3.3", "--at", "0", "0", "--lang", "en")
    assert "+ bias: 1" in own.stdout.splitlines()
    code = cli("--lang", "zh_CN", "code", "seed-3.3", "--lang", "numpy")
    assert code.returncode == 0 and "import numpy" in code.stdout


@pytest.mark.parametrize(
    ("argv", "environ", "language"),
    [
        (["render", "--help"], {}, "en"),
        (["render", "--lang", "zh_CN", "--help"], {"LANG": "en_US.UTF-8"}, "zh_CN"),
        (["render", "--lang=zh_CN", "--help"], {}, "zh_CN"),
        (["render", "--help"], {"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        (["render", "--help"], {"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}, "zh_CN"),
        (["render", "--help"], {"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        (["render", "--help"], {"LANG": "zh_TW.UTF-8"}, "en"),
        (["render", "--lang", "en", "--help"], {"LANG": "zh_CN.UTF-8"}, "en"),
        (["code", "s", "--lang", "torch", "--help"], {"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        (["explain", "--", "--lang", "zh_CN"], {}, "en"),
    ],
)  # fmt: skip
def test_the_help_language_rule(argv, environ, language):
    assert help_language(argv, environ) == language


def test_wrapping_counts_a_chinese_character_as_two_columns_and_hangs_closing_punctuation():
    text = "卷积的特征图（默认）、当前卷积核的部分和图 P1 + P2 + … + b = Y，或 im2col 的 W·U + b"
    lines = wrap_columns(text, 20)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert columns(line) <= 20 or line[-1] in "，、）", line
        assert line[0] not in "，、）"
