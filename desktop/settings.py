"""The person's own settings on this PC, in an INI file of the data folder (db/locations.py), so
that a test run (ZONEDESK_DATA) never touches the user's: the folder of the last file chosen and
the minutes of quiet after which the window locks itself."""

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from db.locations import settings_file

LAST_FOLDER = "files/last_folder"
IDLE_LOCK_MINUTES = "lock/idle_minutes"
DEFAULT_IDLE_LOCK_MINUTES = 15
MAX_IDLE_LOCK_MINUTES = 480


def _settings() -> QSettings:
    return QSettings(str(settings_file()), QSettings.Format.IniFormat)


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def start_folder() -> Path:
    """Where a file dialog opens: the folder of the last file chosen while it exists, else the
    person's documents folder (never the program's own folder)."""
    last = _settings().value(LAST_FOLDER, "")
    if last and Path(str(last)).is_dir():
        return Path(str(last))
    return documents_folder()


def remember_folder(chosen: Path) -> None:
    _settings().setValue(LAST_FOLDER, str(chosen.parent))


def idle_lock_minutes() -> int:
    """Minutes without keyboard or mouse before the window locks; 0: never."""
    value = _settings().value(IDLE_LOCK_MINUTES, DEFAULT_IDLE_LOCK_MINUTES)
    try:
        return max(0, min(int(value), MAX_IDLE_LOCK_MINUTES))
    except (TypeError, ValueError):
        return DEFAULT_IDLE_LOCK_MINUTES


def set_idle_lock_minutes(minutes: int) -> None:
    _settings().setValue(IDLE_LOCK_MINUTES, max(0, min(minutes, MAX_IDLE_LOCK_MINUTES)))
