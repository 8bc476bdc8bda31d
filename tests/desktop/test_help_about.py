"""Help → About: which program and build this is, where its data lives (copied in one click for
a support call), and the licences of the program, its font and every library it runs on; the
program's icon on every window."""

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from PySide6.QtGui import QAction, QGuiApplication

from db import bundle, locations
from desktop.about_dialog import AboutDialog, about_facts
from desktop.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def open_about(qtbot, window: MainWindow) -> AboutDialog:  # noqa: ANN001
    window.findChild(QAction, "about").trigger()
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is not None)
    dialog = window.findChild(AboutDialog)
    qtbot.addWidget(dialog)
    return dialog


def test_about_says_which_program_and_where_its_data_is(qtbot, make_context, people, db_path):
    window = MainWindow(make_context(people.clerk))
    qtbot.addWidget(window)
    window.show()
    dialog = open_about(qtbot, window)
    assert dialog.isVisible() and dialog.windowTitle() == "About Zone Desk"
    shown = {name: label.text() for name, label in dialog.fields.items()}
    assert shown["version"] == bundle.program_version() == "0.1.0"
    assert shown["revision"] == bundle.build_revision() and shown["revision"] != ""
    assert shown["database_file"] == str(db_path)
    assert shown["data_folder"] == str(locations.data_dir()) == os.environ["ZONEDESK_DATA"]
    assert shown["log_folder"] == str(locations.log_dir())
    assert "PySide6 6.11" in shown["platform"]

    dialog.copy_button.click()  # what a support call asks for, in one paste
    copied = QGuiApplication.clipboard().text()
    assert copied == dialog.support_text()
    for value in (shown["version"], shown["revision"], str(db_path), shown["data_folder"]):
        assert value in copied


def test_about_shows_the_licences(qtbot, db_path):
    dialog = AboutDialog(about_facts(db_path))
    qtbot.addWidget(dialog)
    dialog.show()
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert tabs == ["Program", "Licence", "Font", "Libraries", "GNU LGPL"]
    lgpl = dialog.findChild(object, "lgpl_text").toPlainText()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in lgpl and "GNU GENERAL PUBLIC LICENSE" in lgpl
    assert "MIT License" in dialog.findChild(object, "program_licence").toPlainText()
    assert dialog.font_name.text() == "WenQuanYi Micro Hei 文泉驿微米黑"
    assert dialog.font_licence.text() == "Apache-2.0 or GPL-3+ with Font exception"
    assert "The WenQuanYi Project" in dialog.findChild(object, "font_copyright").toPlainText()
    rows = {name: (version, licence) for name, version, licence in dialog.library_rows()}
    assert rows["PySide6_Essentials"][1] == rows["Qt"][1] == "LGPL-3.0-only"
    assert rows["reportlab"][1] == "BSD" and rows["cryptography"][1] == "Apache-2.0 OR BSD-3-Clause"
    assert all(version and licence for version, licence in rows.values())


def test_every_runtime_dependency_is_in_the_licence_list():
    """resources/licences/ is written by scripts/licences.py: run it when a dependency changes."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {canonicalize_name(Requirement(text).name) for text in project["dependencies"]}
    listed = json.loads((ROOT / "resources/licences/libraries.json").read_text(encoding="utf-8"))
    names = {canonicalize_name(row["name"]) for row in listed}
    assert wanted <= names, sorted(wanted - names)
    assert {"qt", "python", "shiboken6"} <= names
    direct = {canonicalize_name(row["name"]) for row in listed if not row["needed_by"]}
    assert direct == wanted | {"python"}
    # the program's own licence as shipped is the one at the root
    assert (ROOT / "resources/licences/LICENSE.txt").read_text() == (ROOT / "LICENSE").read_text()


ICON_SCRIPT = """
from PySide6.QtWidgets import QApplication, QWidget
from desktop.app import create_application
app = create_application('en')
window = QWidget()
sizes = sorted(s.width() for s in QApplication.windowIcon().availableSizes())
print(QApplication.windowIcon().isNull(), window.windowIcon().isNull(), sizes,
      app.desktopFileName())
"""


def test_every_window_carries_the_programs_icon(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ZONEDESK_DATA=str(tmp_path / "data"))
    out = subprocess.run([sys.executable, "-c", ICON_SCRIPT], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True).stdout.split("\n")[-2]
    assert out == "False False [16, 24, 32, 48, 64, 128, 256] zonedesk"
