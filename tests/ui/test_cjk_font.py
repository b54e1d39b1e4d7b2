"""Chinese renders without missing-glyph boxes on a machine with no CJK fonts:
the bundled subset holds every character of the translations, and a
Chinese frame's text is drawn from fonts that have its glyphs."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontDatabase, QFontMetrics, QImage, QPainter, QRawFont

from convviz.core.catalogue import find_builtin
from convviz.core.frames import frame_at
from convviz.core.language import LANGUAGES, set_language
from convviz.core.resources import resources_dir
from convviz.core.trace import Level, StepTrace
from convviz.ui.base import theme as th
from convviz.ui.base.runtime import make_app
from convviz.ui.recording.frame_renderer import frame_array, render_frame_image

FONTS = resources_dir() / "fonts"


@pytest.fixture
def chinese(qapp):
    make_app(offscreen=True)  # registers the bundled fonts
    set_language("zh_CN")
    yield
    set_language("en")


def raw(name: str) -> QRawFont:
    font = QRawFont(str(FONTS / name), 20.0)
    assert font.isValid(), name
    return font


def glyph_image(char: str) -> np.ndarray:
    """``char`` drawn in the window's font, as grey pixels."""
    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(th.font(28))
    painter.setPen(QColor("black"))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, char)
    painter.end()
    return frame_array(image).mean(axis=2)


def chinese_frame_text() -> str:
    scene = find_builtin("seed-3.4").item
    trace = StepTrace(scene, Level.MULTIPLY)
    frame = frame_at(scene, trace, 12)
    grids = [*frame.inputs, *(g for k in frame.kernels for g in k), *frame.biases, *frame.outputs]
    return "".join([frame.label, frame.counter, frame.ledger.text(), frame.ledger.running, *(g.caption for g in grids)])


def test_the_subset_font_is_registered_under_its_own_name(chinese):
    assert th.CJK_FONT_FAMILY in QFontDatabase.families()
    assert th.font(20).families() == [th.FONT_FAMILY, th.CJK_FONT_FAMILY]


def test_every_character_of_the_translations_is_in_a_bundled_font(qapp):  # QRawFont needs the application
    dejavu, cjk = raw("DejaVuSans.ttf"), raw("convviz-cjk-subset.otf")
    text = "".join(LANGUAGES.values())
    for ts in (resources_dir() / "i18n").glob("*.ts"):
        text += "".join(t.text or "" for t in ET.parse(ts).getroot().iter("translation"))
    missing = sorted({c for c in text if not (dejavu.supportsCharacter(ord(c)) or cjk.supportsCharacter(ord(c)))})
    assert missing == [], "run: python tools/make_cjk_font.py"
    han = {c for c in text if "\u4e00" <= c <= "\u9fff"}
    assert len(han) > 100 and all(cjk.supportsCharacter(ord(c)) for c in han)


def test_a_chinese_frames_text_has_real_glyphs_not_the_missing_glyph_box(chinese):
    text = chinese_frame_text()
    han = sorted({c for c in text if "\u4e00" <= c <= "\u9fff"})
    assert {"通", "道", "偏", "置", "卷", "积", "核", "特", "征", "图", "步"} <= set(han)
    metrics = QFontMetrics(th.font(20))
    assert all(metrics.inFontUcs4(ord(c)) for c in set(text) if c.isprintable()), text
    # Drawn, each character differs from the box a missing glyph gets
    # (a private-use character no font has) and from the others.
    box = glyph_image("\ue000")
    drawn = {c: glyph_image(c) for c in han}
    for c, pixels in drawn.items():
        assert pixels.min() < 128, c  # something was drawn
        assert np.abs(pixels - box).mean() > 2, f"{c} is drawn as the missing-glyph box"
    assert len({p.tobytes() for p in drawn.values()}) == len(drawn)


def test_a_chinese_recording_frame_draws_its_chinese_captions(chinese):
    scene = find_builtin("seed-3.3").item
    chinese_pixels = frame_array(render_frame_image(scene, (1280, 720), step=3))
    set_language("en")
    english_pixels = frame_array(render_frame_image(scene, (1280, 720), step=3))
    assert chinese_pixels.shape == english_pixels.shape
    assert (np.abs(chinese_pixels.astype(int) - english_pixels).sum(axis=2) > 60).sum() > 200
