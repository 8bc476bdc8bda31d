"""Opening a database file: say what it is before touching it, migrate it (after a backup), fill
in the reference data, and check it for damage while the person logs in.

A file that cannot be opened for work raises a FileProblem that names it and the cause
(db/database_file.py): no file there (made only when `create` says so), not a database, another
program's, damaged, written by a newer Zone Desk, or not writable. `read_only` opens a file at
this program's schema for reading only, as on a read-only medium; nothing is written to it.
"""

from pathlib import Path

from db import database_file, migrate, reference
from db.database_file import FileKind
from db.engine import Database
from db.errors import ReadOnlyDatabase
from db.translatable import QT_TRANSLATE_NOOP


def open_database(path: str | Path, *, create: bool = True, read_only: bool = False) -> Database:
    path = Path(path)
    state = database_file.examine(path)
    if read_only:
        return _open_for_reading(state)
    refusal = database_file.problem(state, create=create)
    if refusal is not None:
        raise refusal
    path.parent.mkdir(parents=True, exist_ok=True)
    database = Database(path)
    try:
        migrate.upgrade(database)
        connection = database.raw_connection()
        try:
            reference.load_if_empty(connection)
        finally:
            connection.close()
    except BaseException:
        database.dispose()
        raise
    if state.kind == FileKind.CURRENT:
        database.start_check()  # a new file has nothing to check; an older one was, at migrating
    return database


def _open_for_reading(state: database_file.FileState) -> Database:
    """A file at this program's schema, opened so that nothing can be written to it."""
    if state.kind != FileKind.CURRENT:
        refusal = database_file.problem(state, create=False)
        if refusal is None:  # older: reading it needs a migration, which would write
            refusal = ReadOnlyDatabase(QT_TRANSLATE_NOOP(
                "db", "{file} is from an older Zone Desk and must be brought up to this one's "
                "schema before it can be read, which writes to it. Open it for work instead."),
                path=state.path)
        raise refusal
    database = Database(state.path, read_only=True)
    damage = database_file.quick_check(state.path)
    if damage is not None:
        database.dispose()
        raise database_file.damaged(state.path)
    return database
