"""Help → About: which program this is (version, build), where its data lives (the data folder,
the database file open now, the logs), with a Copy button for a support call; and the licences:
the program's own (resources/licences/LICENSE.txt), the bundled font's
(resources/fonts/wqy-microhei.COPYRIGHT.txt) and the libraries' (resources/licences/
libraries.json, written by scripts/licences.py, since a bundle may carry no package metadata).
"""

import json
import platform
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.bundle import build_revision, program_version, resource_path
from db.locations import data_dir, log_dir

FONT_COPYRIGHT = ("fonts", "wqy-microhei.COPYRIGHT.txt")
PROGRAM_LICENCE = ("licences", "LICENSE.txt")
# Qt and PySide6 come under the LGPL 3, which adds its terms to the GPL 3: both texts travel
# with the program (copied from Debian's /usr/share/common-licenses)
LGPL_TEXTS = (("licences", "LGPL-3.0.txt"), ("licences", "GPL-3.0.txt"))
LIBRARIES = ("licences", "libraries.json")


@dataclass(frozen=True)
class AboutFacts:
    version: str
    revision: str
    database_file: Path | str  # a file's path, or a server's address (no password in it)
    data_folder: Path
    log_folder: Path
    platform: str  # "Qt 6.11.3 · PySide6 6.11.3 · Python 3.11.7 · Linux-6.1-x86_64"


def about_facts(database_file: Path | str) -> AboutFacts:
    runs_on = (f"Qt {qVersion()} · PySide6 {pyside_version} · Python {platform.python_version()}"
               f" · {platform.platform(terse=True)}")
    return AboutFacts(program_version(), build_revision(), database_file, data_dir(), log_dir(),
                      runs_on)


@dataclass(frozen=True)
class Library:
    name: str
    version: str
    licence: str
    needed_by: str  # "" for a library the program asks for itself


def bundled_libraries() -> list[Library]:
    rows = json.loads(resource_path(*LIBRARIES).read_text(encoding="utf-8"))
    return [Library(r["name"], r["version"], r["licence"], r.get("needed_by", "")) for r in rows]


@dataclass(frozen=True)
class FontLicence:
    name: str  # "WenQuanYi Micro Hei 文泉驿微米黑"
    licence: str  # "Apache-2.0 or GPL-3+ with Font exception"
    text: str  # the whole copyright file


def font_licence() -> FontLicence:
    """The font's name and licence, as its Debian-format copyright file gives them."""
    text = resource_path(*FONT_COPYRIGHT).read_text(encoding="utf-8")
    name = re.search(r"^Upstream-Name:\s*(.+)$", text, re.M)
    licence = re.search(r"^License:\s*(.+)$", text, re.M)
    return FontLicence(name.group(1).strip() if name else "", licence.group(1).strip() if licence
                       else "", text)


def _text_view(text: str, name: str) -> QPlainTextEdit:
    view = QPlainTextEdit(text)
    view.setObjectName(name)
    view.setReadOnly(True)
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    return view


class AboutDialog(QDialog):
    def __init__(self, facts: AboutFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facts = facts
        self.setWindowTitle(self.tr("About Zone Desk"))
        self.resize(720, 560)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._program_tab(), self.tr("Program"))
        self.tabs.addTab(_text_view(resource_path(*PROGRAM_LICENCE).read_text(encoding="utf-8"),
                                    "program_licence"), self.tr("Licence"))
        self.tabs.addTab(self._font_tab(), self.tr("Font"))
        self.tabs.addTab(self._libraries_tab(), self.tr("Libraries"))
        self.tabs.addTab(_text_view("\n\n".join(resource_path(*parts).read_text(encoding="utf-8")
                                                for parts in LGPL_TEXTS), "lgpl_text"),
                         self.tr("GNU LGPL"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(self.tr("Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setObjectName("copy")
        self.copy_button.setToolTip(self.tr("Copy the version, build and folders, for a support call"))
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def _rows(self) -> list[tuple[str, str, str]]:
        facts = self.facts
        return [("version", self.tr("Version"), facts.version),
                ("revision", self.tr("Build"), facts.revision),
                ("database_file", self.tr("Database server") if isinstance(facts.database_file, str)
                 else self.tr("Database file"), str(facts.database_file)),
                ("data_folder", self.tr("Data folder"), str(facts.data_folder)),
                ("log_folder", self.tr("Log folder"), str(facts.log_folder)),
                ("platform", self.tr("Runs on"), facts.platform)]

    def _program_tab(self) -> QWidget:
        page = QWidget()
        heading = QLabel(self.tr("Zone Desk"))
        heading.setStyleSheet("font-size: 20px; font-weight: bold;")
        icon = QLabel()
        icon.setPixmap(QApplication.windowIcon().pixmap(64, 64))
        intro = QLabel(self.tr("The service-centre program of Shanghai's SME industrial zones."))
        intro.setWordWrap(True)
        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        for name, label, value in self._rows():
            shown = QLabel(value)
            shown.setObjectName(name)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, shown)
            self.fields[name] = shown
        layout = QVBoxLayout(page)
        layout.addWidget(icon)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def _font_tab(self) -> QWidget:
        font = font_licence()
        page = QWidget()
        form = QFormLayout()
        self.font_name, self.font_licence = QLabel(font.name), QLabel(font.licence)
        self.font_name.setObjectName("font_name")
        self.font_licence.setObjectName("font_licence")
        form.addRow(self.tr("Font"), self.font_name)
        form.addRow(self.tr("Licence"), self.font_licence)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(_text_view(font.text, "font_copyright"), 1)
        return page

    def _libraries_tab(self) -> QWidget:
        libraries = bundled_libraries()
        self.libraries = QTableWidget(len(libraries), 4)
        self.libraries.setObjectName("libraries")
        self.libraries.setHorizontalHeaderLabels(
            [self.tr("Library"), self.tr("Version"), self.tr("Licence"), self.tr("Needed by")])
        self.libraries.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.libraries.verticalHeader().hide()
        for row, library in enumerate(libraries):
            for column, text in enumerate((library.name, library.version, library.licence,
                                           library.needed_by)):
                self.libraries.setItem(row, column, QTableWidgetItem(text))
        header = self.libraries.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        note = QLabel(self.tr("Qt and PySide6 are used under the GNU Lesser General Public "
                              "License, version 3 (LGPL-3.0): its text, and that of the GNU GPL "
                              "it builds on, are on the tab GNU LGPL."))
        note.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.libraries, 1)
        layout.addWidget(note)
        return page

    def library_rows(self) -> list[tuple[str, str, str]]:
        return [tuple(self.libraries.item(r, c).text() for c in range(3))
                for r in range(self.libraries.rowCount())]

    def support_text(self) -> str:
        """The program's facts as lines of text, for a support call or e-mail."""
        return "\n".join([self.tr("Zone Desk")] + [f"{label}: {value}"
                                                   for _name, label, value in self._rows()])

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.support_text())
        self.copy_button.setText(self.tr("Copied"))


def show_about(window: QMainWindow) -> AboutDialog:
    db = window.context.db
    dialog = AboutDialog(about_facts(getattr(db, "path", None) or db.address), window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def add_about_action(menu: QMenu, window: QMainWindow) -> QAction:
    """Help → About Zone Desk…"""
    action = QAction(QCoreApplication.translate("AboutDialog", "&About Zone Desk…"), window)
    action.setObjectName("about")
    action.setMenuRole(QAction.MenuRole.AboutRole)
    action.triggered.connect(lambda _checked=False: show_about(window))
    menu.addAction(action)
    return action
