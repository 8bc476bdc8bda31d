"""Brings a database file to the newest schema, after a backup copy made with SQLite's backup API.

Called at every start-up: a new file gets the whole schema; an older file is first copied to
backups/ (never as a file copy of a live database) and then migrated; a current one is left alone.
"""

import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from db.engine import Database
from db.locations import backup_dir

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def backup(database_path: Path, reason: str) -> Path:
    """A consistent copy of a (possibly live) database, through SQLite's backup API."""
    folder = backup_dir(database_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
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
    back up."""
    current = current_revision(database)
    if current == head_revision():
        return None
    made = None
    if current is not None:
        made = backup(database.path, f"before-{head_revision()}")
    config = _config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return made
