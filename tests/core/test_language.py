"""简体中文 for the core's words: the ledger, step labels, frame captions and
the command line, read from the same .ts the window's translator is built from."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from convviz.core.catalogue import builtin_entries, find_builtin
from convviz.core.errors import ConvvizError
from convviz.core.frames import frame_at
from convviz.core.language import current_language, language_of_locale, set_language, translate
from convviz.core.ledger import ledger_text
from convviz.core.resources import resources_dir
from convviz.core.samples import sample_entries
from convviz.core.trace import Level, StepTrace

REPO = Path(__file__).resolve().parents[2]
TS = resources_dir() / "i18n" / "convviz_zh_CN.ts"
QM = TS.with_suffix(".qm")

# The seed's own terms (issue 18): each English term and the Chinese it must be written as.
SEED_TERMS = {
    "bias": "偏置", "channel": "通道", "kernel": "卷积核", "feature map": "特征图", "input": "输入",
    "stride": "步长", "padding": "填充", "dilation": "膨胀", "groups": "分组", "partial sum": "部分和",
}  # fmt: skip


@pytest.fixture
def chinese():
    set_language("zh_CN")
    yield
    set_language("en")


def messages() -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [(c.findtext("name", ""), m.findtext("source", ""), m.find("translation"))
            for c in root.iter("context") for m in c.iter("message")]  # fmt: skip


def eq3_cell():
    scene = find_builtin("seed-3.3").item
    return StepTrace(scene).cell(0, 0, 0)


def test_the_chinese_ledger_reads_as_the_seed_with_identical_numbers(chinese):
    lines = ledger_text(eq3_cell()).splitlines()
    assert lines[1] == "通道 1: 0·2 + 2·0 + 0·0 + 0·1 + 2·0 + 0·1 + 2·0 + 1·3 + 2·0 = 3"
    assert lines[2].startswith("通道 2: ") and lines[2].endswith("= 1")
    assert lines[3].startswith("通道 3: ") and lines[3].endswith("= 2")
    assert lines[4] == "+ 偏置: 1"
    assert lines[5] == "= 3 + 1 + 2 + 1 = 7"
    set_language("en")
    english = ledger_text(eq3_cell()).splitlines()
    # Everything after the label is the same arithmetic, character for character.
    assert [line.split(":", 1)[-1] for line in lines[1:]] == [line.split(":", 1)[-1] for line in english[1:]]


def test_a_frame_in_chinese_has_chinese_captions_label_and_counter(chinese):
    scene = find_builtin("seed-3.4").item
    trace = StepTrace(scene, Level.MULTIPLY)
    frame = frame_at(scene, trace, 5)
    assert [g.caption for g in frame.inputs] == ["通道 1", "通道 2", "通道 3"]
    assert frame.biases[0].caption == "偏置"
    assert frame.outputs[1].caption == "W1 → 特征图"
    assert frame.counter == f"第 5 步 / 共 {len(trace) - 1} 步"
    assert frame.label.startswith("卷积核 W0 · 行 0 · 列 0 · 通道 1 · 位置 (")
    assert frame.ledger.running.startswith("累计：")


def test_english_stays_the_default_and_unknown_languages_are_refused():
    assert current_language() == "en"
    assert translate("ledger", "+ bias") == "+ bias"
    with pytest.raises(ConvvizError, match='unknown language "fr".*en, zh_CN'):
        set_language("fr")


@pytest.mark.parametrize(
    ("locale", "language"),
    [("zh_CN", "zh_CN"), ("zh_CN.UTF-8", "zh_CN"), ("zh-Hans-SG", "zh_CN"), ("zh_SG", "zh_CN"), ("zh", "zh_CN"),
     ("zh_TW", "en"), ("zh-Hant-HK", "en"), ("en_US", "en"), ("de_DE.UTF-8", "en"), ("C", "en")],
)  # fmt: skip
def test_the_system_locale_picks_the_default_language(locale, language):
    assert language_of_locale(locale) == language


def test_every_message_is_translated_with_the_same_placeholders():
    found = messages()
    assert len(found) > 40
    for context, source, translation in found:
        assert translation is not None and translation.get("type") is None and translation.text, (context, source)
        assert sorted(re.findall(r"\{\w*\}", source)) == sorted(re.findall(r"\{\w*\}", translation.text)), source


def test_the_seed_terms_are_used_wherever_the_english_term_is():
    for _context, source, translation in messages():
        words = re.sub(r"\{\w*\}", "", source)  # the placeholders' names are no text
        for english, chinese_term in SEED_TERMS.items():
            # "kernel W0", "+ bias", "feature maps": whole words, not parts of others ("kernels" counts).
            if re.search(rf"\b{english}s?\b", words, re.IGNORECASE):
                assert chinese_term in translation.text, (english, source, translation.text)


def test_built_in_scene_and_preset_descriptions_are_translated(chinese):
    entries = [*builtin_entries(), *sample_entries()]
    assert entries
    for entry in entries:
        assert re.search(r"[\u4e00-\u9fff]", entry.description), entry.id


@pytest.mark.skipif(shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent)) is None,
                    reason="pyside6-lrelease is not installed beside this Python")  # fmt: skip
def test_the_shipped_qm_is_built_from_the_shipped_ts(tmp_path):
    lrelease = str(Path(sys.executable).with_name("pyside6-lrelease"))
    built = tmp_path / "check.qm"
    subprocess.run([lrelease, "-silent", str(TS), "-qm", str(built)], check=True)
    assert built.read_bytes() == QM.read_bytes(), "run: python tools/i18n.py release"


def test_the_ts_holds_every_message_the_code_marks(tmp_path):
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed beside this Python")
    copy = tmp_path / "convviz_zh_CN.ts"
    shutil.copy(TS, copy)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    script = (
        "import sys, tools.i18n as t; from pathlib import Path; t.I18N = Path(sys.argv[1]); t.update()"
    )
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=True, cwd=REPO, env=env)
    untranslated = [(c, s) for c, s, t in
                    [(c.findtext("name"), m.findtext("source"), m.find("translation"))
                     for c in ET.parse(copy).getroot().iter("context") for m in c.iter("message")]
                    if t is None or t.get("type") == "unfinished"]  # fmt: skip
    assert untranslated == [], "run: python tools/i18n.py, then translate these in the .ts"
