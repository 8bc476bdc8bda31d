"""The exact schema a backup must have, and a database file's identity.

A backup passes only when its table of contents (every table, index, trigger and view: type,
name, table and SQL) is exactly the one this program's migrations make at the backup's
revision: a trigger added or dropped, an index changed behind the program's back is refused.
The reference is a fresh empty database migrated to that revision, made once per revision per
process in a temporary folder.
"""

import functools
import re
import sqlite3
import tempfile
from pathlib import Path

from db.database_file import examining_connection

Entry = tuple[str, str, str, str]  # type, name, table, whitespace-normalised SQL

_SPACE = re.compile(r"\s+")
_KIND_ORDER = ("table", "index", "trigger", "view")


def _normalised(sql: str | None) -> str:
    return _SPACE.sub(" ", sql or "").strip()


def schema_of(connection: sqlite3.Connection) -> dict[tuple[str, str], Entry]:
    """(type, name) -> entry, SQLite's own objects (sqlite_%, sqlite_stat tables) left out."""
    rows = connection.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
    return {(str(t), str(n)): (str(t), str(n), str(tbl), _normalised(sql))
            for t, n, tbl, sql in rows}


@functools.cache
def reference_schema(revision: str) -> dict[tuple[str, str], Entry]:
    """The schema the migrations make at `revision` (an empty database, made once)."""
    from alembic import command

    from db import migrate
    from db.engine import Database

    folder = Path(tempfile.mkdtemp(prefix="zonedesk-schema-"))
    database = Database(folder / f"reference-{revision}.sqlite")
    try:
        config = migrate._config()
        with database.writing_engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        database.dispose()
    connection = sqlite3.connect(folder / f"reference-{revision}.sqlite")
    try:
        return schema_of(connection)
    finally:
        connection.close()


def schema_difference(connection: sqlite3.Connection, revision: str) -> tuple[str, str, str] | None:
    """The first difference from the schema of `revision`: (what, type, name) with what one of
    "extra", "missing", "changed"; None when the schema is exactly that one."""
    found, wanted = schema_of(connection), reference_schema(revision)
    order = sorted(set(found) | set(wanted), key=lambda key: (
        _KIND_ORDER.index(key[0]) if key[0] in _KIND_ORDER else 9, key[1]))
    for key in order:
        if key not in wanted:
            return "extra", key[0], key[1]
        if key not in found:
            return "missing", key[0], key[1]
        if found[key] != wanted[key]:
            return "changed", key[0], key[1]
    return None


def identity_of(path: str | Path, *, examining: bool = False) -> str | None:
    """The database identity (databaseidentity.database_id) of a Zone Desk file, read
    read-only; None when the file cannot be read or holds none. `examining`: a live database in
    WAL mode, read without making files beside it."""
    path = Path(path)
    try:
        if not path.is_file():
            return None
        connection = (examining_connection(path) if examining else sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True))
        try:
            row = connection.execute("SELECT database_id FROM databaseidentity WHERE one = 1").fetchone()
        finally:
            connection.close()
    except (sqlite3.Error, OSError, UnicodeDecodeError):
        return None
    return str(row[0]) if row and row[0] else None
