"""The Chinese translation is complete and current, and the program speaks it by default."""

import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from db.errors import ValidationError
from db.uscc import judge
from desktop import modals
from desktop.app import create_application, install_language
from desktop.context import AppContext, ChangeBus
from desktop.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import translations  # noqa: E402

PLACEHOLDER = re.compile(r"\{\w*\}")


def messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    return [(context.findtext("name"), message.findtext("source") or "", message.find("translation"))
            for context in ET.parse(path).getroot().iter("context")
            for message in context.iter("message")]


def unfinished(path: Path) -> list[str]:
    return [f"{context}: {source}" for context, source, translation in messages(path)
            if translation.get("type") in ("unfinished", "vanished", "obsolete")
            or (source.strip() and not ("".join(translation.itertext()).strip()))]


def test_every_text_in_the_ts_file_is_translated():
    assert unfinished(translations.ts_file("zh_CN")) == []


def test_no_text_in_the_code_is_missing_from_the_ts_file(tmp_path):
    """lupdate over today's code adds nothing untranslated: a new self.tr() text fails here
    until `make translations` has been run and the text translated."""
    copy = tmp_path / "current.ts"
    shutil.copyfile(translations.ts_file("zh_CN"), copy)
    translations.update(copy)
    assert unfinished(copy) == []
    assert len(messages(copy)) == len(messages(translations.ts_file("zh_CN")))


def test_translations_keep_every_placeholder():
    for context, source, translation in messages(translations.ts_file("zh_CN")):
        text = "".join(translation.itertext())
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text)), (context, source)


@pytest.fixture
def chinese(qapp):
    translations.compile_all()
    create_application("zh_CN")
    yield
    install_language(qapp, "en")  # the other tests read the English source texts


def test_the_program_speaks_chinese_by_default(chinese, qtbot, db, people):
    from desktop.background import BackgroundRunner
    runner = BackgroundRunner()
    window = MainWindow(AppContext(db=db, runner=runner, bus=ChangeBus(), actor=people.admin))
    qtbot.addWidget(window)
    titles = [window.sidebar.item(row).text() for row in range(window.sidebar.count())]
    assert titles[:2] == ["总览", "企业"] and titles[-3:-1] == ["园区", "工作人员"]
    assert window.windowTitle() == "园区服务台"
    # a rule broken in db/ reads in Chinese too, with its values filled in
    error = judge("91310115MA1K3YJ2O0").error
    assert isinstance(error, ValidationError)
    assert modals.translate_error(error) == "第 17 位是“O”：统一社会信用代码不使用 I、O、S、V、Z。"
    window.close()


def test_english_can_be_chosen(chinese, qapp):
    assert QCoreApplication.translate("MainWindow", "Enterprises") == "企业"
    install_language(qapp, "en")
    assert QCoreApplication.translate("MainWindow", "Enterprises") == "Enterprises"


def test_no_text_is_hidden_from_lupdate_inside_an_f_string():
    """lupdate does not read tr() inside f-strings: such a text would never be translated."""
    hidden = re.compile(r"""\bf(["']).*?\btr\(""")
    offenders = [f"{path.relative_to(ROOT)}:{number}"
                 for path in sorted((ROOT / "desktop").rglob("*.py"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if hidden.search(line)]
    assert offenders == []
