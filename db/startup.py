"""Opening a database file: migrate it (after a backup) and fill in the reference data."""

from pathlib import Path

from db import migrate, reference
from db.engine import Database


def open_database(path: str | Path) -> Database:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    database = Database(path)
    migrate.upgrade(database)
    connection = database.raw_connection()
    try:
        reference.load_if_empty(connection)
    finally:
        connection.close()
    return database
