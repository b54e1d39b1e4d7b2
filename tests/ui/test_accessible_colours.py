"""No meaning carried by colour alone; palettes that survive colour blindness;
text contrast of at least 4.5:1 in every theme.

Colour science by coloraide: colour-vision deficiency simulated with
Machado, Oliveira & Fernandes (2009) at severity 1.0, distances as CIEDE2000,
contrast as WCAG 2.1 defines it.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from coloraide import Color
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QColor

from convviz.core.catalogue import find_builtin
from convviz.core.frames import frame_at
from convviz.core.numbers import MINUS, format_factor, format_number, number_forms
from convviz.core.scene import Kernel, Scene
from convviz.core.trace import Level, StepTrace
from convviz.ui.base import theme as th

DEFICIENCIES = ("protan", "deutan", "tritan")
# CIEDE2000 of 10 or more: told apart at a glance, not only side by side.
MIN_CHANNEL_DISTANCE = 10.0
MIN_TEXT_CONTRAST = 4.5  # WCAG 2.1 AA, normal-size text
MIN_OUTLINE_CONTRAST = 3.0  # WCAG 2.1 AA, graphical objects


def seen(hex_code: str, deficiency: str | None) -> Color:
    colour = Color(hex_code)
    return colour if deficiency is None else colour.filter(deficiency, 1.0, method="machado")


def distance(a: str, b: str, deficiency: str | None) -> float:
    return seen(a, deficiency).delta_e(seen(b, deficiency), method="2000")


def contrast(a: str, b: str) -> float:
    return Color(a).contrast(Color(b), method="wcag21")


def hex_of(rgb) -> str:
    return "#{:02X}{:02X}{:02X}".format(*(int(v) for v in rgb))


@pytest.mark.parametrize("deficiency", [None, *DEFICIENCIES])
def test_the_channel_colours_stay_apart_under_colour_blindness(deficiency):
    pairs = itertools.combinations(th.CHANNEL_COLOURS, 2)
    closest = min((distance(a, b, deficiency), a, b) for a, b in pairs)
    assert closest[0] >= MIN_CHANNEL_DISTANCE, closest


@pytest.mark.parametrize("deficiency", [None, *DEFICIENCIES])
def test_the_diverging_map_keeps_sign_and_size_apart_under_colour_blindness(deficiency):
    values = np.linspace(-1.0, 1.0, 41)
    seen_colours = [seen(hex_of(rgb), deficiency) for rgb in th.diverging_colors(values, 1.0)]
    lightness = [c.convert("lab-d65")["lightness"] for c in seen_colours]
    # Size: lighter towards zero from both ends, so magnitude reads without hue.
    assert all(np.diff(lightness[:21]) > 0) and all(np.diff(lightness[20:]) < 0)
    # Sign: −v and +v stay apart from a quarter of the range on.
    for i in range(5, 21):
        apart = seen_colours[20 - i].delta_e(seen_colours[20 + i], method="2000")
        assert apart >= MIN_CHANNEL_DISTANCE, values[20 + i]


def text_pairs(theme: th.Theme) -> list[tuple[str, str, str]]:
    """(what, text colour, background) for every text the theme colours.

    Left out on purpose: captions and cells of a dimmed grid (one the step
    doesn't use; inactive, WCAG 1.4.3's exception), which stay on hover."""
    t = theme
    pairs = [(f"text on {name}", t.text, getattr(t, name))
             for name in ("background", "panel", "input_fill", "kernel_fill", "bias_fill")]  # fmt: skip
    pairs += [(f"{role} on {ground}", getattr(t, role), getattr(t, ground))
              for role in ("muted", "current", "emphasis", "error") for ground in ("background", "panel")]  # fmt: skip
    pairs += [("muted on dropped_fill", t.muted, t.dropped_fill)]
    pairs += [("padding_text on padding_fill", t.padding_text, t.padding_fill)]
    # The ledger's current line and the pending output cell sit on a tint of "current".
    for ground, alpha in (("current line", 0.13), ("pending cell", 0.16)):
        tint = th.blend(QColor(t.background), QColor(t.current), alpha).name()
        pairs += [(f"text on {ground}", t.text, tint), (f"muted on {ground}", t.muted, tint)]
    # Cells whose fill carries a value pick black or white text.
    fills = [hex_of(rgb) for rgb in th.diverging_colors(np.linspace(-1, 1, 101), 1.0, t.diverging)]
    fills += [hex_of(rgb) for rgb in th.grey_colors(np.linspace(0, 1, 101), 0.0, 1.0)]
    fills += [t.window_fill, th.blend(QColor(t.padding_fill), QColor(t.window_fill), 0.55).name()]
    pairs += [(f"cell text on {f}", th.text_color_for(QColor(f)).name(), f) for f in fills]
    return pairs


@pytest.mark.parametrize("theme", list(th.THEMES.values()), ids=list(th.THEMES))
def test_every_text_has_a_contrast_of_at_least_4_5(theme, qapp):
    ratios = [(what, contrast(fg, bg)) for what, fg, bg in text_pairs(theme)]
    low = [(what, round(ratio, 2)) for what, ratio in ratios if ratio < MIN_TEXT_CONTRAST]
    assert low == []


@pytest.mark.parametrize("theme", list(th.THEMES.values()), ids=list(th.THEMES))
@pytest.mark.parametrize("channel", [None, 0, 1, 2, 3])
def test_the_window_box_has_an_outline_that_shows_on_any_background(theme, channel, qapp):
    outer, inner = th.window_pens(theme, 36.0, channel)
    lines = [outer.color().name()] + ([inner.color().name()] if inner is not None else [])
    for ground in (theme.background, theme.input_fill, theme.window_fill, theme.panel):
        assert max(contrast(line, ground) for line in lines) >= MIN_OUTLINE_CONTRAST, (lines, ground)
    assert theme.window_fill != theme.input_fill  # and a fill, too


def test_the_window_box_is_drawn_as_outline_and_fill_in_the_window(make_window, qtbot):
    window = make_window("seed-3.3")
    window.animator.first()
    view = window.input_panel.views[0]
    qtbot.waitUntil(lambda: view.overlay.window_box is not None)
    r0, c0, r1, c1 = view.overlay.window_box
    image = view.grab().toImage()
    box = view.cell_rect(r0, c0).united(view.cell_rect(r1, c1))
    edge = image.pixelColor(box.left() + 1, box.center().y()).name().upper()
    assert distance(edge, th.CHANNEL_COLOURS[0], None) < 5  # the outline, in the channel's colour (antialiased)
    cell = view.cell_rect(r0, c1)  # a window cell, not the current one
    inside = image.pixelColor(cell.center().x(), cell.top() + round(cell.height() * 0.2)).name().upper()
    assert distance(inside, window.theme.window_fill, None) < 2  # the fill


@given(st.floats(min_value=-1e12, max_value=-1e-9, allow_nan=False))
def test_negative_numbers_always_carry_the_minus_sign(value):
    assert format_number(value).startswith(MINUS)
    assert format_factor(value).startswith(f"({MINUS}")
    assert all(form.text.startswith(MINUS) for form in number_forms(value))


def test_channels_are_told_apart_by_their_labels_as_well_as_colour():
    rng = np.random.default_rng(1)
    # Six channels: past four the colours repeat, the labels never do.
    x = rng.integers(-3, 4, (4, 4, 6)).astype(float)
    scene = Scene(x, [Kernel("W0", rng.integers(-2, 3, (2, 2, 6)).astype(float), 0.0)])
    for scene in (find_builtin("seed-3.3").item, scene):
        trace = StepTrace(scene, Level.CHANNEL)
        frame = frame_at(scene, trace, 0)
        captions = [g.caption for g in frame.inputs]
        assert len(set(captions)) == len(captions)
        assert all(str(n + 1) in caption for n, caption in enumerate(captions))
        assert [g.caption for g in frame.kernels[0]] == captions  # the kernel channel wears its input's label
        labels = [line.label for line in frame.ledger.lines if line.channel is not None]
        assert len(set(labels)) == len(labels) == len(captions)
