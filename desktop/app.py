"""The QApplication: fonts bundled with the program, the language, the log file."""

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from db.bundle import resource_path
from db.locations import log_dir
from desktop.collector import collect_on_ui_thread
from desktop.log_file import open_log
from desktop.widgets.screen_fit import DialogFitter

LANGUAGES = ("zh_CN", "en")
FONT_FILE = ("fonts", "wqy-microhei.ttc")
DESKTOP_FILE = "zonedesk"  # zonedesk.desktop: Wayland and task bars match windows to it
# the system locale Qt's file dialogs show dates and sizes in (QFileSystemModel reads the
# system's locale, not the program's)
SYSTEM_LOCALES = {"zh_CN": "zh_CN.UTF-8", "en": "en_US.UTF-8"}

_translators: list[QTranslator] = []
_fitter = DialogFitter()


def qt_texts_missing_from_qtbase() -> tuple[str, ...]:
    """Texts of Qt 6's file dialog that Qt's own qtbase_zh_CN.qm (made for older sources) does
    not translate: listed here so that they reach our .ts file and are translated there."""
    return (QCoreApplication.translate("QFileDialog", "&Look in:"),
            QCoreApplication.translate("QFileDialog", "Files of &type:"),
            QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms"),
            QCoreApplication.translate("QAbstractFileIconProvider", "File Folder",
                                       "Match Windows Explorer"),
            QCoreApplication.translate("QAbstractFileIconProvider", "Drive"),
            QCoreApplication.translate("QAbstractFileIconProvider", "Unknown"))


def load_fonts() -> str | None:
    """Registers the bundled CJK font and returns its family, so that Chinese shows as glyphs
    on any PC (and offscreen), whatever fonts the system has."""
    font_id = QFontDatabase.addApplicationFont(str(resource_path(*FONT_FILE)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else None


def application_icon() -> QIcon:
    """The program's icon, every size drawn for it in one QIcon (the window's corner, the task
    bar and Alt+Tab each take the size they need)."""
    icon = QIcon()
    for path in sorted(resource_path("icons", "hicolor").glob("*/apps/zonedesk.png")):
        icon.addFile(str(path))
    return icon


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


def shown_language() -> str:
    """The language the program shows, of LANGUAGES (install_language sets the default locale
    with it): the user guide's, and the one a program started on the demo is given."""
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"


def setup_logging() -> Path:
    """The log file in the data folder, readable by its user alone, never holding passwords,
    hashes, keys or firms' data (desktop/log_file.py); returns its path."""
    return open_log(log_dir())


def use_system_locale(language: str) -> None:
    """Dates and sizes in Qt's own dialogs (the file dialog's 修改日期 column) follow the system's
    locale, which a bare X session leaves at C ("2 12 2026 17:26", "0 bytes"): before the
    application is made, its messages and time locale follow the language chosen, unless LC_ALL
    fixes everything on purpose."""
    if QApplication.instance() is None and not os.environ.get("LC_ALL") and language in SYSTEM_LOCALES:
        os.environ["LC_MESSAGES"] = os.environ["LC_TIME"] = SYSTEM_LOCALES[language]


def create_application(language: str = "zh_CN") -> QApplication:
    use_system_locale(language)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    collect_on_ui_thread(app)  # never on the database thread (desktop/collector.py)
    app.installEventFilter(_fitter)  # every dialog fits the screen (desktop/widgets/screen_fit.py)
    app.setApplicationName("Zone Desk")
    app.setOrganizationName("ZoneDesk")
    app.setDesktopFileName(DESKTOP_FILE)
    app.setWindowIcon(application_icon())  # every window's, unless it sets its own
    family = load_fonts()
    if family:
        font = QFont(family)
        font.setPointSize(10)
        app.setFont(font)
    install_language(app, language)
    return app
