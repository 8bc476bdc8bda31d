"""Where the automatic backups go: a folder beside the database (db/locations.py) unless an
administrator chose another (a second disk, a USB drive). The choice is kept in the database
itself (table `officesetting`, migration 0009), so that every PC that opens the file backs it
up to the same place, and the change is in the audit trail."""

import os
import sqlite3
from pathlib import Path

from sqlalchemy import text

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.audit import Change, record
from db.clock import iso_utc, utc_now
from db.database_file import examining_connection
from db.engine import Database
from db.errors import ValidationError
from db.locations import backup_dir
from db.translatable import QT_TRANSLATE_NOOP

SETTING = "backup_folder"
MAX_PATH = 4096


def chosen_folder(db_path: str | Path) -> Path | None:
    """The folder an administrator chose for this database's backups (None: the default)."""
    try:
        connection = examining_connection(db_path)
        try:
            row = connection.execute("SELECT value FROM officesetting WHERE name = ?",
                                     (SETTING,)).fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError:  # an older file without the table, or one that cannot be read
        return None
    return Path(row[0]) if row and row[0] else None


def backup_folder(db_path: str | Path) -> Path:
    """Where this database's automatic backups go."""
    return chosen_folder(db_path) or backup_dir(Path(db_path))


def is_default(db_path: str | Path, folder: Path) -> bool:
    """Whether `folder` is the one beside the database (made when missing; a chosen folder
    that is missing is a drive not plugged in, and is not made)."""
    return Path(folder) == backup_dir(Path(db_path))


def _checked(folder: str | Path) -> str:
    path = Path(folder).expanduser()
    if not path.is_absolute() or len(str(path)) > MAX_PATH:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "Choose a whole folder path, such as D:\\Backups."), field="folder")
    if not path.is_dir():
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "The folder {folder} is not there."), field="folder", folder=str(path))
    if not os.access(path, os.W_OK):
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "The folder {folder} cannot be written: choose another."), field="folder",
            folder=str(path))
    return str(path.resolve())


@checked
def set_backup_folder(db: Database, *, actor: Actor, folder: str | Path | None) -> Path:
    """Administrators only: the folder for the automatic backups (None: back to the folder
    beside the database). Returns the folder now in use."""
    with db.reading() as uow:  # the role first: nobody else learns whether a folder exists
        authorise(uow.session, actor, Action.BACKUP_MANAGE)
    value = "" if folder is None else _checked(folder)
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.BACKUP_MANAGE)
        connection = session.connection()
        old = connection.execute(text("SELECT value FROM officesetting WHERE name = :name"),
                                 {"name": SETTING}).scalar()
        if (old or "") != value:
            connection.execute(text(
                "INSERT INTO officesetting (name, value, changed_by, changed_at)"
                " VALUES (:name, :value, :by, :at) ON CONFLICT(name) DO UPDATE SET"
                " value = excluded.value, changed_by = excluded.changed_by,"
                " changed_at = excluded.changed_at"),
                {"name": SETTING, "value": value, "by": actor.staff_id, "at": iso_utc(utc_now())})
            record(session, actor, Change("backup.folder", "office_setting", SETTING,
                                          None if old is None else {"value": old},
                                          {"value": value}))
            uow.commit()
    return Path(value) if value else backup_dir(db.path)
