"""The QApplication: fonts bundled with the program, the language, the log file."""

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from db.bundle import resource_path
from db.locations import log_dir
from desktop.log_file import open_log

LANGUAGES = ("zh_CN", "en")
FONT_FILE = ("fonts", "wqy-microhei.ttc")

_translators: list[QTranslator] = []


def load_fonts() -> str | None:
    """Registers the bundled CJK font and returns its family, so that Chinese shows as glyphs
    on any PC (and offscreen), whatever fonts the system has."""
    font_id = QFontDatabase.addApplicationFont(str(resource_path(*FONT_FILE)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else None


def install_language(app: QApplication, language: str) -> None:
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ours = QTranslator(app)
    if ours.load(str(resource_path("i18n", f"zonedesk_{language}.qm"))):
        _translators.append(ours)
    qt_own = QTranslator(app)  # Qt's own texts: OK, Cancel, Yes, No ...
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        _translators.append(qt_own)
    for translator in _translators:
        app.installTranslator(translator)


def setup_logging() -> Path:
    """The log file in the data folder, readable by its user alone, never holding passwords,
    hashes, keys or firms' data (desktop/log_file.py); returns its path."""
    return open_log(log_dir())


def create_application(language: str = "zh_CN") -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Zone Desk")
    app.setOrganizationName("ZoneDesk")
    family = load_fonts()
    if family:
        font = QFont(family)
        font.setPointSize(10)
        app.setFont(font)
    install_language(app, language)
    return app
