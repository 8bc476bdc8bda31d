"""Whether a database is a demo (migration 0011: the row `demo_data` of `officesetting`, written
by db/demo/__init__.py and kept there by triggers, with its audit event `office.demo_mark`:
reconciliation (db/reconcile.py) reports a mark that no event records). Windows and printouts
made from a demo say 演示数据, so that its made-up firms and money are never taken for an
office's own."""

import sqlite3
from pathlib import Path

from sqlalchemy import Connection, text

from db.arguments import checked
from db.audit import Change, record_bulk
from db.clock import iso_utc, utc_now
from db.engine import Database
from db.first_look import DEMO_SETTING

MARK_ACTION = "office.demo_mark"
MARKED = {"value": "1"}


def mark_change() -> Change:
    """The audit event of the mark: the row `demo_data` made, with its value."""
    return Change(MARK_ACTION, "office_setting", DEMO_SETTING, None, MARKED)


@checked
def is_demo(db: Database) -> bool:
    with db.reading() as uow:
        return uow.session.connection().execute(
            text("SELECT 1 FROM officesetting WHERE name = :name"),
            {"name": DEMO_SETTING}).first() is not None


def file_marked_as_demo(path: Path) -> bool:
    """Whether `path` is a regular file (no link) holding a database marked as a demo; read as
    it is, without opening it for work (no migration, nothing written beside it)."""
    if path.is_symlink() or not path.is_file():
        return False
    try:
        # immutable: nothing written beside it (no -shm, -wal), whatever its journal
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            return connection.execute("SELECT 1 FROM officesetting WHERE name = ?",
                                      (DEMO_SETTING,)).fetchone() is not None
        finally:
            connection.close()
    except sqlite3.Error:
        return False


def mark_as_demo(connection: sqlite3.Connection | Connection) -> None:
    """Marks the database of `connection` (in the caller's transaction: a plain sqlite3 one on a
    file, the SQLAlchemy one on a server) as a demo, for good, with the mark's audit event."""
    if not isinstance(connection, sqlite3.Connection):
        result = connection.execute(text(
            "INSERT INTO officesetting (name, value, changed_by, changed_at)"
            " VALUES (:name, :value, NULL, :at) ON CONFLICT DO NOTHING"),
            {"name": DEMO_SETTING, "value": MARKED["value"], "at": iso_utc(utc_now())})
        if result.rowcount:
            record_bulk(connection, None, "demo", [mark_change()])
        return
    cursor = connection.execute(
        "INSERT OR IGNORE INTO officesetting (name, value, changed_by, changed_at)"
        " VALUES (?, ?, NULL, ?)", (DEMO_SETTING, MARKED["value"], iso_utc(utc_now())))
    if cursor.rowcount:
        record_bulk(connection, None, "demo", [mark_change()])
