"""View → Language, the settings that keep it, and Qt's translators."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from convviz.core.language import current_language, language_of_locale
from convviz.ui.base.i18n import LANGUAGE_KEY, chosen_language, use_language
from convviz.ui.base.runtime import Settings


@pytest.fixture
def chinese_window(make_window):
    use_language("zh_CN")
    try:
        yield make_window("seed-3.3")
    finally:
        use_language("en")


def test_view_language_lists_each_language_in_its_own_words(make_window):
    window = make_window()
    menu = window.language_menu
    assert [a.text() for a in menu.menu.actions()] == ["English", "简体中文"]
    assert menu.actions["en"].isChecked() and not menu.actions["zh_CN"].isChecked()


def test_choosing_chinese_keeps_it_and_offers_to_restart(make_window, qtbot):
    window = make_window()
    window.language_menu.actions["zh_CN"].trigger()
    assert window.settings.value(LANGUAGE_KEY) == "zh_CN"
    box = window.language_menu.notice
    qtbot.waitUntil(box.isVisible)
    assert "简体中文" in box.text()
    later = next(b for b in box.buttons() if b.text() == "Later")
    with qtbot.waitSignal(box.finished):
        later.click()
    assert window.isVisible()  # "Later" keeps working in the current language
    assert current_language() == "en"


def test_the_stored_choice_wins_over_the_system_locale():
    settings = Settings()
    assert chosen_language(settings) == language_of_locale(QLocale.system().name())
    settings.setValue(LANGUAGE_KEY, "zh_CN")
    assert chosen_language(settings) == "zh_CN"
    settings.setValue(LANGUAGE_KEY, "tlh")  # not a language convviz speaks: the system's again
    assert chosen_language(settings) == language_of_locale(QLocale.system().name())


def test_using_a_language_installs_its_translators_and_english_removes_them(qapp):
    try:
        use_language("zh_CN")
        assert QCoreApplication.translate("LanguageMenu", "Later") == "稍后"
        # Qt's own standard buttons come in Chinese too.
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        use_language("en")
    assert QCoreApplication.translate("LanguageMenu", "Later") == "Later"


def test_a_chinese_window_shows_the_chinese_ledger_and_captions(chinese_window, qtbot):
    window = chinese_window
    window.animator.last()
    qtbot.waitUntil(lambda: window.ledger_view.ledger is not None)
    frame = window.animator.frame()
    assert frame.biases[0].caption == "偏置"
    assert [g.caption for g in frame.inputs] == ["通道 1", "通道 2", "通道 3"]
    assert window.ledger_view.visible_lines()[-2:] == ["+ 偏置: 1", "= 3 + 1 + 2 + 1 = 7"] or (
        "+ 偏置: 1" in window.ledger_view.ledger.text()
    )


def test_the_themes_are_named_in_chinese_in_the_menu_the_export_dialog_and_presentation(chinese_window, qtbot):
    from convviz.ui.recording.export_dialog import ExportDialog, install_recording_actions

    window = chinese_window
    chinese = ["浅色", "深色", "高对比度"]
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.menu() and a.menu().title() == "视图(&V)")
    theme_menu = next(a.menu() for a in view_menu.actions() if a.menu() and a.menu().title() == "主题(&T)")
    assert [a.text() for a in theme_menu.actions()] == chinese
    dialog = ExportDialog(window.document.scene, parent=window)
    qtbot.addWidget(dialog)
    combo = dialog.theme_combo
    assert [combo.itemText(i) for i in range(combo.count())] == chinese
    assert [combo.itemData(i) for i in range(combo.count())] == ["light", "dark", "high-contrast"]
    actions = install_recording_actions(window)
    texts = [a.text() for a in actions.options_menu.actions()]
    assert [t for t in texts if t.endswith("主题")] == [f"{name}主题" for name in chinese]


def test_the_map_views_grid_menu_and_backward_mode_speak_chinese(chinese_window):
    window = chinese_window
    choice = window.output_panel.view_choice
    assert [choice.itemText(i) for i in range(choice.count())] == ["特征图", "部分和图", "im2col"]
    assert window.view_actions["partial-maps"].text() == "部分和图视图"
    menu = window.input_panel.views[0].build_context_menu()
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[:5] == ["复制", "粘贴", "填入…", "清零", "随机填入…"]
    assert window.backward_mode.action.text() == "反向传播(&B)：逐步计算 dX、dW 或 db"
