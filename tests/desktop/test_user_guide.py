"""Help → User guide: the staff's guide opens offline in the program's language, its screenshots
(made by scripts/user_guide.py) shown from the resources folder; the HTML and the images match."""

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QTextDocument

from desktop import app as desktop_app
from desktop.main_window import MainWindow
from desktop.user_guide import UserGuideDialog, guide_index
from scripts.user_guide_text import SECTIONS

GUIDE = Path(__file__).resolve().parents[2] / "resources" / "guide"
CHINESE_TITLES = ["首次登录", "登记企业", "月度账单", "审核", "证明书", "核验证明", "报表", "备份"]


@pytest.fixture
def chinese(qapp):  # noqa: ANN001, ANN201
    desktop_app.install_language(qapp, "zh_CN")
    yield qapp
    desktop_app.install_language(qapp, "en")


def images_named(html: str) -> list[str]:
    return re.findall(r'<img src="([^"]+)"', html)


def test_help_opens_the_chinese_guide_with_its_screenshots(chinese, qtbot, make_context, people):
    window = MainWindow(make_context(people.clerk))
    qtbot.addWidget(window)
    window.show()
    window.findChild(QAction, "user_guide").trigger()
    qtbot.waitUntil(lambda: window.findChild(UserGuideDialog) is not None)
    dialog = window.findChild(UserGuideDialog)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.browser.source().toLocalFile() == str(GUIDE / "zh_CN" / "index.html")
    document = dialog.browser.document()
    text = document.toPlainText()
    assert "园区服务台 用户指南" in text
    for number, title in enumerate(CHINESE_TITLES, 1):
        assert f"{number}. {title}" in text
    names = images_named((GUIDE / "zh_CN" / "index.html").read_text(encoding="utf-8"))
    assert len(names) == 8
    for name in names:  # resolved from the guide's own folder, offline
        image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        assert image is not None and not image.isNull(), name
    dialog.resize(640, 600)  # a small screen: the screenshots shrink to the width there is
    qtbot.waitUntil(lambda: dialog.browser.width() < 640)
    assert dialog.browser.horizontalScrollBar().maximum() == 0


def test_the_english_guide_where_the_program_speaks_english(qapp):  # noqa: ANN001
    assert guide_index("en") == GUIDE / "en" / "index.html"
    assert guide_index("fr") == GUIDE / "en" / "index.html"  # no guide in that language
    dialog = UserGuideDialog(guide_index("en"))
    assert "Zone Desk user guide" in dialog.browser.document().toPlainText()
    dialog.deleteLater()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_image_the_guide_names_is_there_and_no_other(language: str):
    folder = GUIDE / language
    names = images_named((folder / "index.html").read_text(encoding="utf-8"))
    assert sorted(names) == sorted(f"{key}.png" for key, _texts in SECTIONS)
    assert sorted(names) == sorted(p.name for p in folder.glob("*.png"))
    assert sum(p.stat().st_size for p in folder.iterdir()) < 1_500_000  # half the guide's budget
