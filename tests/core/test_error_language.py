"""Error messages in the user's language: a template and its values, the
numbers and names the same in every language, the English text unchanged."""

from __future__ import annotations

import ast
import importlib.util
import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from convviz.core.errors import MESSAGE_CONTEXT, ConvError, Message, SceneFileError
from convviz.core.geometry import resolve_geometry
from convviz.core.language import set_language
from convviz.core.resources import resources_dir
from convviz.core.scenefile import loads

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("i18n_tool", REPO / "tools" / "i18n.py")
assert _spec is not None and _spec.loader is not None
_tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_tool)
MESSAGE_MARKERS: tuple[str, ...] = _tool.MESSAGE_MARKERS

TS = resources_dir() / "i18n" / "convviz_zh_CN.ts"


@pytest.fixture
def chinese():
    set_language("zh_CN")
    yield
    set_language("en")


def dilation_error() -> ConvError:
    with pytest.raises(ConvError) as caught:
        resolve_geometry((5, 5), (3, 3), stride=1, padding=0, dilation=3)
    return caught.value


def test_a_conv_error_reads_in_chinese_with_the_numbers_of_the_english(chinese):
    error = dilation_error()
    assert str(error) == "卷积核 3×3 在膨胀 3×3 下跨越 7×7，但填充后的输入是 5×5"
    set_language("en")
    assert str(error) == "kernel 3×3 with dilation 3×3 spans 7×7, but the padded input is 5×5"


def test_the_english_message_is_the_exceptions_argument_whatever_the_language(chinese):
    error = dilation_error()
    assert error.args == ("kernel 3×3 with dilation 3×3 spans 7×7, but the padded input is 5×5",)
    assert error.message.english() == error.args[0]


def test_a_scene_file_error_keeps_the_file_and_json_path_and_translates_the_rest(chinese):
    with pytest.raises(SceneFileError) as caught:
        loads('{"convviz": 1, "input": [[[1]]], "kernels": [{"weights": [[[1, 2], [3]]]}]}')
    assert str(caught.value) == "<text>: kernels[0].weights[0]: 第 1 行有 1 个数，应为 2 个"
    assert caught.value.detail == "第 1 行有 1 个数，应为 2 个"
    set_language("en")
    assert str(caught.value) == "<text>: kernels[0].weights[0]: row 1 has 1 number, expected 2"


def test_a_message_inside_a_message_is_translated_too(chinese):
    inner = ConvError("groups {g} must divide the input channels C = {C}", g=2, C=3)
    outer = ConvError("{argument}: {exc}", argument="--scene x.json", exc=inner)
    assert str(outer) == "--scene x.json: 分组 2 必须整除输入通道数 C = 3"


def test_a_message_without_a_translation_stays_english(chinese):
    assert str(ConvError("no such message {n}", n=3)) == "no such message 3"
    assert str(ConvError("braces {kept} as they are")) == "braces {kept} as they are"


def _fields(text: str) -> list[tuple[str, str, str | None]]:
    return sorted((name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text) if name is not None)


def test_every_error_translation_has_the_templates_fields_with_the_same_formats():
    root = ET.parse(TS).getroot()
    checked = 0
    for context in root.iter("context"):
        if context.findtext("name", "") != MESSAGE_CONTEXT:
            continue
        for message in context.iter("message"):
            source, translation = message.findtext("source", ""), message.findtext("translation", "")
            assert _fields(source) == _fields(translation), (source, translation)
            checked += 1
    assert checked > 150


def _marked_calls():
    """Every call of an error class or Message in convviz: (place, first argument)."""
    for path in sorted((REPO / "convviz").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args:
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                if name in MESSAGE_MARKERS:
                    yield f"{path.relative_to(REPO)}:{node.lineno}", node.args[0]


def test_no_error_message_is_an_f_string_or_a_sum():
    # lupdate would collect the f-string's text, which no filled-in message matches.
    calls = list(_marked_calls())
    assert len(calls) > 200
    bad = [place for place, arg in calls if isinstance(arg, (ast.JoinedStr, ast.BinOp))]
    assert bad == []


def test_every_error_class_of_convviz_is_a_marker_lupdate_knows():
    markers = set(MESSAGE_MARKERS)
    for path in sorted((REPO / "convviz").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {getattr(b, "id", getattr(b, "attr", None)) for b in node.bases}
                if bases & markers:
                    assert node.name in markers, f"{path.name}: add {node.name} to tools/i18n.py MESSAGE_MARKERS"


def test_a_message_is_filled_in_when_shown():
    message = Message("kernel {k} does not exist; there are K = {K} kernels, 0..{k_1}", k=5, K=2, k_1=1)
    assert str(message) == message.english() == "kernel 5 does not exist; there are K = 2 kernels, 0..1"


def test_no_error_class_is_called_under_another_name():
    # `fail = ExportOptionError; raise fail(f"…")` would hide its messages from lupdate.
    aliases = []
    for path in sorted((REPO / "convviz").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign):
                values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
                if any(isinstance(v, ast.Name) and v.id in MESSAGE_MARKERS for v in values):
                    aliases.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert aliases == []


def test_the_cost_of_a_large_input_reads_in_chinese_counting_in_yi_and_wan(chinese):
    from convviz.core.cost import estimate_cost

    cost = estimate_cost(6000, 6000, 3, 64)
    assert cost.describe().startswith("6000×6000×3 的输入配 64 个 3×3 卷积核，约需 622 亿次乘加（≈ ")
    assert estimate_cost(600, 600, 1, 1).describe().startswith("600×600×1 的输入配 1 个 3×3 卷积核，约需 324 万次乘加")
    set_language("en")
    assert cost.describe().startswith("a 6000×6000×3 input with 64 3×3 kernels needs about 62.2 billion multiply-adds")


def test_a_file_too_large_is_refused_naming_its_kind_in_chinese(chinese, tmp_path):
    from convviz.core.files import read_regular_file

    path = tmp_path / "big.json"
    path.write_bytes(b" " * 5000)
    with pytest.raises(SceneFileError, match="场景文件限制为"):
        read_regular_file(path, 4096)


def test_a_broken_translation_falls_back_to_english_rather_than_failing(chinese, monkeypatch):
    from convviz.core import translations

    table = dict(translations._table("zh_CN"))
    table[(MESSAGE_CONTEXT, "groups {g} must divide the input channels C = {C}")] = "分组 {G} 错了"
    monkeypatch.setattr(translations, "_table", lambda code: table)
    error = ConvError("groups {g} must divide the input channels C = {C}", g=2, C=3)
    assert str(error) == "groups 2 must divide the input channels C = 3"
