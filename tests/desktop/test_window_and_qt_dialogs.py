"""The window around the work: Help lists the keys there are, Qt's own dialogs speak Chinese and
open in the documents folder, every dialog fits a small screen, and no display is said plainly."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QFileDialog, QLabel, QTreeView

from desktop import app as desktop_app
from desktop import cli, modals, settings
from desktop.help_menu import show_shortcuts
from desktop.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def test_help_lists_the_keys_of_the_window_and_its_panes(qtbot, make_context, people, modal_log):
    window = MainWindow(make_context(people.admin))
    qtbot.addWidget(window)
    window.show()
    help_action = window.findChild(QAction, "keyboard_shortcuts")
    assert help_action.text() == "&Keyboard shortcuts…" and help_action.shortcut().toString() == "F1"
    dialog = show_shortcuts(window)
    rows = dialog.rows()
    assert ("Ctrl+1", "Overview", "Side bar") in rows and ("Ctrl+9", "Reports", "Side bar") in rows
    assert ("Ctrl+N", "New enterprise", "Enterprises") in rows
    assert ("Ctrl+N", "New staff account", "Staff") in rows
    assert ("Ctrl+F", "Search", "Enterprises") in rows
    assert ("Ctrl+S", "Save the drafts", "Bill sheet") in rows
    assert ("Ctrl+Return, Ctrl+Enter", "Submit for approval", "Bill sheet") in rows
    assert ("Ctrl+Return, Ctrl+Enter", "Approve the selected items", "Approvals") in rows
    assert ("Ctrl+L", "Lock", "File") in rows and ("F1", "Keyboard shortcuts…", "Help") in rows
    assert not [r for r in rows if not r[0]]  # a pane past the ninth has no key: not listed
    assert all(what for _keys, what, _where in rows), [r for r in rows if not r[1]]
    # generated from the window itself: every key of every pane is listed
    listed = {(keys, where) for keys, _what, where in rows}
    for entry in window.entries:
        for shortcut in window.panes[entry.key].findChildren(QShortcut):
            text = shortcut.key().toString()
            assert any(text in keys.split(", ") and where == entry.title for keys, where in listed), text
    dialog.close()
    qtbot.waitUntil(lambda: not window.context.runner.busy, timeout=10_000)


@pytest.fixture
def chinese(qapp):  # noqa: ANN001, ANN201
    desktop_app.install_language(qapp, "zh_CN")
    yield qapp
    desktop_app.install_language(qapp, "en")


def test_qts_own_dialogs_are_translated(chinese, qtbot, tmp_path):
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
    assert QCoreApplication.translate("QFileDialog", "Files of type:") == "文件类型："
    (tmp_path / "报表").mkdir()
    dialog = QFileDialog(None, "保存", str(tmp_path), "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    view = dialog.findChild(QTreeView, "treeView")
    qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) == 1)
    # Qt 6's "&Look in:", "Files of &type:" and "Folder" are missing from qtbase_zh_CN.qm: our
    # own translation supplies them (desktop/app.py, qt_texts_missing_from_qtbase)
    assert view.model().index(0, 2, view.rootIndex()).data() == "文件夹"
    for name in ("lookInLabel", "fileTypeLabel", "fileNameLabel"):
        text = dialog.findChild(QLabel, name).text()
        assert text and not re.search("[A-Za-z]", re.sub(r"\(&\w\)", "", text)), text


def test_dates_in_qts_dialogs_follow_the_language_chosen():
    script = ("from PySide6.QtCore import QDateTime, QDate, QTime, QLocale\n"
              "from desktop.app import create_application\n"
              "create_application('zh_CN')\n"
              "print(QLocale.system().toString(QDateTime(QDate(2026, 12, 2), QTime(17, 26)),"
              " QLocale.FormatType.ShortFormat), QLocale.system().formattedDataSize(0))\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update(LANG="C", QT_QPA_PLATFORM="offscreen")
    shown = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True,
                           text=True, check=True).stdout.strip()
    assert shown == "2026/12/2 17:26 0 字节"  # not the C locale's "2 12 2026 17:26 0 bytes"


def test_file_dialogs_start_in_the_documents_folder_then_the_last_one(monkeypatch, tmp_path):
    monkeypatch.setattr(settings, "documents_folder", lambda: tmp_path / "Documents")
    (tmp_path / "Documents").mkdir()
    monkeypatch.setenv("ZONEDESK_DATA", str(tmp_path / "data"))
    started: list[str] = []
    answer = tmp_path / "elsewhere" / "报表.xlsx"
    answer.parent.mkdir()

    def save(_parent, _title, start, _filter):  # noqa: ANN001, ANN202
        started.append(start)
        return str(answer), _filter

    def open_(_parent, _title, start, _filter):  # noqa: ANN001, ANN202
        started.append(start)
        return "", ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_)
    assert modals.choose_save_path(None, "Save", "证明.pdf", "PDF (*.pdf)") == answer
    assert modals.choose_open_path(None, "Open", "*.pem") is None
    assert started == [str(tmp_path / "Documents" / "证明.pdf"), str(answer.parent)]


def test_the_documents_folder_is_the_users():
    assert settings.documents_folder() != Path.cwd()
    assert settings.documents_folder().name in ("Documents", "文档") or settings.documents_folder() == Path.home()


SMALL_SCREEN = {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1440, "height": 900,
                             "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}
FIT_SCRIPT = """
from PySide6.QtWidgets import QApplication
from desktop.app import create_application
from desktop.widgets.pdf_preview_dialog import PdfPreviewDialog
from tests.desktop.test_pdf_preview import sample_pdf
app = create_application('en')
dialog = PdfPreviewDialog(sample_pdf(), title='Preview', suggested_name='a.pdf')
dialog.show()
app.processEvents()
area, frame = dialog.screen().availableGeometry(), dialog.frameGeometry()
close = dialog.close_button.mapTo(dialog, dialog.close_button.rect().bottomRight())
print(area.height(), area.contains(frame), frame.height(), close.y() < dialog.height())
"""


def test_the_pdf_preview_fits_a_900_pixel_screen(tmp_path):
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(SMALL_SCREEN))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               ZONEDESK_DATA=str(tmp_path / "data"))
    out = subprocess.run([sys.executable, "-c", FIT_SCRIPT], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True).stdout.split()
    assert out[0] == "900" and out[1] == "True" and int(out[2]) <= 900 and out[3] == "True", out


def test_no_display_is_said_in_one_line_before_qt_starts(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["ZONEDESK_DATA"] = str(tmp_path / "data")
    for lang, lines in (("en", 1), ("zh_CN", 2)):
        run = subprocess.run([sys.executable, "-m", "desktop", "--lang", lang, "--db",
                              str(tmp_path / "none.sqlite"), "--create"], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=60)
        said = run.stderr.strip().splitlines()
        assert run.returncode == 2 and len(said) == lines, run.stderr
        assert "needs a display" in said[-1] and "xcb" not in run.stderr
        assert lang == "en" or "图形桌面" in said[0]
    assert not (tmp_path / "none.sqlite").exists()


@pytest.mark.parametrize(("environ", "missing"), [
    ({}, True), ({"DISPLAY": ":0"}, False), ({"WAYLAND_DISPLAY": "wayland-0"}, False),
    ({"QT_QPA_PLATFORM": "offscreen"}, False), ({"QT_QPA_PLATFORM": "minimal"}, False),
    ({"QT_QPA_PLATFORM": "xcb"}, True)])
def test_what_counts_as_no_display(environ, missing):
    assert cli.display_missing(environ, "linux") is missing
    assert cli.display_missing(environ, "win32") is False
