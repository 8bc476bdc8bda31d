"""Brings a database file to the newest schema, after a backup copy made with SQLite's backup API.

Called at every start-up: a new file gets the whole schema; an older file is first checked
(PRAGMA quick_check), copied to backups/ (never as a file copy of a live database) and then
migrated; a current one is left alone. A file this program must not migrate (not SQLite,
damaged, another program's, written by a newer Zone Desk) is refused before anything is
written, backups included (db/database_file.py says what it is).
"""

import sqlite3
from pathlib import Path

from sqlalchemy import text

from db import database_file
from db.clock import to_shanghai, utc_now
from db.database_file import FileKind
from db.engine import Database
from db.locations import backup_dir
from db.schema_versions import MIGRATIONS, head_revision, known_revisions  # noqa: F401 (their home)


def _config():  # noqa: ANN202 (alembic.config.Config, imported only when migrating)
    from alembic.config import Config
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        exists = connection.execute(text(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")).first()
        if not exists:
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def backup(database_path: Path, reason: str) -> Path:
    """A consistent copy of a (possibly live) database, through SQLite's backup API."""
    folder = backup_dir(database_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = to_shanghai(utc_now()).strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{database_path.stem}-{stamp}-{reason}.sqlite"
    source = sqlite3.connect(database_path)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        destination.close()
        source.close()
    return target


def upgrade(database: Database) -> Path | None:
    """Migrates to the newest schema. Returns the backup made first, if there was anything to
    back up. Refuses (a FileProblem, nothing written) a file it must not migrate."""
    state = database_file.examine(database.path)
    if state.kind == FileKind.CURRENT:
        return None
    refusal = database_file.problem(state, create=True)
    if refusal is not None:
        raise refusal
    made = None
    if state.kind == FileKind.OLDER:
        damage = database_file.quick_check(database.path)
        if damage is not None:
            raise database_file.damaged(database.path)
        made = backup(database.path, f"before-{head_revision()}")
    from alembic import command
    config = _config()
    # BEGIN IMMEDIATE: a second program opening the same new file waits, then finds it migrated
    with database.writing_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return made
