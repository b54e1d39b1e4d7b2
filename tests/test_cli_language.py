"""``--lang zh_CN`` on compute, explain, render and export (in this process,
``run_cli``, but for one fresh interpreter)."""

from __future__ import annotations

import pytest
from test_cli import REPO, assert_usage_error, convviz

EQ3_ZH = """\
seed-3.3 · 卷积核 W0 · 输出 (0, 0) · 步长 1×1 · 填充 0×0 (zeros) · 膨胀 1×1 · 分组 1
通道 1: 0·2 + 2·0 + 0·0 + 0·1 + 2·0 + 0·1 + 2·0 + 1·3 + 2·0 = 3
通道 2: 0·1 + 0·0 + 0·1 + 1·0 + 0·0 + 0·0 + 1·1 + 0·1 + 0·1 = 1
通道 3: 1·0 + 1·0 + 0·1 + 0·1 + 1·1 + 0·1 + 0·1 + 1·1 + 1·0 = 2
+ 偏置: 1
= 3 + 1 + 2 + 1 = 7
"""


def test_explain_in_chinese_writes_the_seeds_eq3_with_its_terms(tmp_path):
    result = convviz("explain", "seed-3.3", "--at", "0", "0", "--lang", "zh_CN", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == EQ3_ZH


def test_compute_in_chinese_keeps_every_number(tmp_path, run_cli):
    zh = run_cli("compute", "seed-3.4", "--lang", "zh_CN")
    en = run_cli("compute", "seed-3.4")
    assert zh.returncode == en.returncode == 0, zh.stderr
    assert zh.stdout.splitlines()[:2] == [
        "seed-3.4：输入 [5,5,3]，卷积核 [3,3,3,2]，步长 1×1 · 填充 0×0 (zeros) · 膨胀 1×1 · 分组 1",
        "特征图 [3,3,2]（行从上到下，列从左到右）",
    ]
    numbers = [line for line in en.stdout.splitlines() if line.startswith("  ")]
    assert numbers and numbers == [line for line in zh.stdout.splitlines() if line.startswith("  ")]


def test_explain_maps_in_chinese(tmp_path, run_cli):
    result = run_cli("explain", "seed-3.3", "--maps", "--lang", "zh_CN")
    assert result.returncode == 0, result.stderr
    assert "通道 1: X1 ⋆ W0[1]" in result.stdout
    assert "+ 偏置: 1" in result.stdout
    assert "W0 的特征图 [3,3]：" in result.stdout


@pytest.mark.parametrize("command", ["compute", "explain", "render", "export"])
def test_an_unknown_language_is_a_usage_error(tmp_path, command, run_cli):
    extra = {"explain": ["--at", "0", "0"], "render": ["-o", "x.png"], "export": ["-o", "x.gif"]}.get(command)
    extra = extra or []
    message = assert_usage_error(run_cli(command, "seed-3.3", *extra, "--lang", "fr"))
    assert "--lang" in message and "zh_CN" in message


def test_an_impossible_scene_is_refused_in_chinese_with_the_same_numbers(tmp_path, run_cli):
    scene = (REPO / "resources" / "presets" / "seed-3.4.json").read_text(encoding="utf-8")
    (tmp_path / "dilated.json").write_text(scene.replace('"dilation": [1, 1]', '"dilation": [3, 3]'), encoding="utf-8")
    zh = assert_usage_error(run_cli("compute", "dilated.json", "--lang", "zh_CN"))
    en = assert_usage_error(run_cli("compute", "dilated.json"))
    assert zh == "convviz: error: dilated.json: 卷积核 3×3 在膨胀 3×3 下跨越 7×7，但填充后的输入是 5×5"
    assert en == "convviz: error: dilated.json: kernel 3×3 with dilation 3×3 spans 7×7, but the padded input is 5×5"


def test_a_bad_option_value_is_refused_in_chinese(tmp_path, run_cli):
    message = assert_usage_error(
        run_cli("render", "seed-3.4", "--step", "-3", "-o", "x.png", "--lang", "zh_CN")
    )
    assert message == "convviz: error: --step -3: 步骤从 0 开始数，与窗口和画面显示的一致"
    assert not (tmp_path / "x.png").exists()
