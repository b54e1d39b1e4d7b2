"""Every word the user reads goes through the translation, for every view.

Two checks that complement each other:

- the source: a string literal with words in it, handed straight to a Qt
  call that shows text (a label, an action, a tooltip, a status message, an
  undo step's name), is a string no translator will ever see;
- the window and the frames in Chinese: whatever English is left on the
  menus, the controls and in every kind of frame (partial maps, im2col, the
  transposed convolution's two views, each gradient) is a string that was
  marked nowhere.

Words that are the same in both languages are allowed: product and format
names, PyTorch's parameter values (the tooltips explain them in Chinese),
key names and the app's own name.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QWidget

from convviz.core.catalogue import resolve_scene
from convviz.core.frame import FrameOptions, FrameView
from convviz.core.frames import frame_at
from convviz.core.language import set_language
from convviz.ui.base.i18n import use_language

UI = Path(__file__).resolve().parents[2] / "convviz" / "ui"

# The same in Chinese: names of products, formats, keys, PyTorch's own values.
KEPT = {
    "convviz", "PyTorch", "NumPy", "torch", "functional", "im2col", "PNG", "JPEG", "BMP", "SVG", "GIF", "MP4", "APNG",
    "Ctrl", "Shift", "Space", "Home", "End", "Esc", "Enter", "Tab", "Delete", "English", "MiB", "npy", "npz",
    "safetensors", "pth", "custom", "same", "valid", "zeros", "reflect", "replicate", "circular", "nbsp", "span",
    "style", "color", "font", "weight",
}  # fmt: skip
WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]{2,}")

# Qt calls that show their text argument: name -> the positions of the text.
TEXT_ARGUMENTS = {
    "QAction": (0,), "QLabel": (0,), "QPushButton": (0,), "QToolButton": (), "QCheckBox": (0,), "QRadioButton": (0,),
    "QGroupBox": (0,), "QMenu": (0,), "QToolBar": (0,), "QDockWidget": (0,), "setText": (0,), "setToolTip": (0,),
    "setStatusTip": (0,), "setWindowTitle": (0,), "setPlaceholderText": (0,), "addItem": (0,), "addRow": (0,),
    "addMenu": (0,), "addButton": (0,), "setTitle": (0,), "addAction": (0,), "setAccessibleName": (0,),
    "setAccessibleDescription": (0,), "setLabelText": (0,), "showMessage": (0,), "show_message": (0,),
    "show_status": (0,), "getText": (1, 2), "getOpenFileName": (1,), "getSaveFileName": (1,), "warning": (1, 2),
    "information": (1, 2), "critical": (1, 2), "question": (1, 2), "addTab": (1,), "setTabText": (1,),
    "QProgressDialog": (0, 1), "status": (0,), "setItemText": (1,), "QMessageBox": (1, 2),
}  # fmt: skip


def _literal(node: ast.AST) -> str | None:
    """The text of a string literal or f-string (placeholders as "{}"), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def english_words(text: str) -> list[str]:
    text = re.sub(r"<[^>]*>|&\w+;|#[0-9A-Fa-f]{3,8}\b|{\w*}", " ", text)  # markup, entities, colours, placeholders
    text = text.replace("&", "")  # mnemonics
    return [w for w in WORD.findall(text) if w not in KEPT]


def untranslated_literals(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            texts = [node.args[i] for i in TEXT_ARGUMENTS.get(name or "", ()) if i < len(node.args)]
            texts += [k.value for k in node.keywords if k.arg in ("text", "tip", "title")]
            for arg in texts:
                text = _literal(arg)
                if text is not None and english_words(text):
                    found.append(f"{path.relative_to(folder.parent)}:{node.lineno}: {text!r}")
    return found


def test_the_checker_sees_a_string_shown_without_translation(tmp_path):
    (tmp_path / "panel.py").write_text(
        'label = QLabel("Upstream gradient")\n'
        'label.setToolTip(translate("Panel", "Upstream gradient"))\n'
        'menu.addAction(f"Fill with {value}", fill)\n'
        'shortcut = QAction(translate("Panel", "Copy"), menu, shortcut="Ctrl+C")\n'
    )
    assert [line.split(": ", 1)[1] for line in untranslated_literals(tmp_path)] == [
        "'Upstream gradient'", "'Fill with {}'",
    ]  # fmt: skip


def test_no_window_code_shows_a_string_that_is_not_marked_for_translation():
    left = untranslated_literals(UI)
    assert not left, "shown without translate():\n" + "\n".join(left)


# -- the window in Chinese ------------------------------------------------------------------


def _shown_texts(window) -> list[tuple[str, str]]:
    """(where, text) for the menus and every control the window holds."""
    texts = []

    def walk(menu, path):
        for action in menu.actions():
            if action.isSeparator():
                continue
            texts.append((f"{path} > {action.text()}", action.text()))
            texts.append((f"{path} > {action.text()} (tip)", action.statusTip()))
            if action.menu() is not None:
                walk(action.menu(), f"{path} > {action.text()}")

    for action in window.menuBar().actions():
        texts.append(("menu bar", action.text()))
        if action.menu() is not None:
            walk(action.menu(), action.text())
    for widget in window.findChildren(QWidget):
        where = f"{type(widget).__name__} {widget.objectName()}"
        if isinstance(widget, QLabel):
            texts.append((where, widget.text()))
        if isinstance(widget, QAbstractButton):
            texts.append((where, widget.text()))
        if isinstance(widget, QGroupBox):
            texts.append((where, widget.title()))
        if isinstance(widget, QComboBox):
            texts += [(where, widget.itemText(i)) for i in range(widget.count())]
        texts += [(f"{where} (tooltip)", widget.toolTip()), (f"{where} (accessible)", widget.accessibleName())]
    return texts


def _english_in(texts: list[tuple[str, str]]) -> list[str]:
    return [f"{where}: {text!r}" for where, text in texts if text and english_words(text)]


@pytest.fixture
def chinese(qapp):
    use_language("zh_CN")
    try:
        yield
    finally:
        use_language("en")


@pytest.mark.parametrize("scene", ["seed-3.4", "transposed-2x2-s2"])
def test_the_chinese_window_shows_no_english_in_any_mode(chinese, make_window, scene, qtbot):
    window = make_window(scene)
    left = _english_in(_shown_texts(window))
    window.set_view("partial-maps")
    window.backward_mode.set_active(True)
    qtbot.waitUntil(window.backward_mode.view.isVisible)
    left += _english_in(_shown_texts(window))
    assert not left, "still in English:\n" + "\n".join(sorted(set(left)))


# -- frames in Chinese ----------------------------------------------------------------------

FRAMES = [
    ("seed-3.4", {"view": FrameView.PARTIAL_MAPS}, None, None),
    ("seed-3.4", {"view": FrameView.IM2COL}, None, None),
    ("transposed-2x2-s2", {}, "scatter", None),
    ("transposed-2x2-s2", {}, "direct", None),
    ("seed-3.4", {}, None, "weight"),
    ("seed-3.4", {}, None, "bias"),
    ("seed-3.4", {}, None, "input"),
]


def _frame_texts(frame) -> list[str]:
    texts = [frame.label, frame.counter, frame.ledger.title if frame.ledger else "", *frame.headings]
    if frame.ledger is not None:
        texts += [frame.ledger.running]
        for line in frame.ledger.lines:
            texts += [line.label, line.result, *(t.text for t in line.terms)]
    for grids in (frame.inputs, *frame.kernels, frame.biases, frame.outputs, frame.views):
        texts += [g.caption for g in grids]
    return texts


@pytest.mark.parametrize(("scene_name", "options", "transposed_view", "wrt"), FRAMES)
def test_every_kind_of_frame_is_in_chinese(scene_name, options, transposed_view, wrt):
    from convviz.core.backward_trace import backward_trace
    from convviz.core.trace import Level
    from convviz.core.transposed_view import make_step_trace

    scene = resolve_scene(scene_name)
    set_language("zh_CN")
    try:
        if wrt is not None:
            trace = backward_trace(scene, wrt, level=Level.MULTIPLY)
        else:
            trace = make_step_trace(scene, level=Level.MULTIPLY, view=transposed_view or "scatter")
        left = []
        for index in sorted({0, 1, 3, len(trace) // 2, len(trace) - 1}):
            frame = frame_at(scene, trace, index, FrameOptions(**options))
            left += [text for text in _frame_texts(frame) if text and english_words(text)]
    finally:
        set_language("en")
    assert not left, "still in English:\n" + "\n".join(sorted(set(left)))
