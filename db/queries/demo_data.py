"""Whether a database is a demo (migration 0011: the row `demo_data` of `officesetting`, written
by db/demo/__init__.py and kept there by triggers). Windows and printouts made from a demo say
演示数据, so that its made-up firms and money are never taken for an office's own."""

import sqlite3

from sqlalchemy import text

from db.arguments import checked
from db.clock import iso_utc, utc_now
from db.engine import Database

DEMO_SETTING = "demo_data"


@checked
def is_demo(db: Database) -> bool:
    with db.reading() as uow:
        return uow.session.connection().execute(
            text("SELECT 1 FROM officesetting WHERE name = :name"),
            {"name": DEMO_SETTING}).first() is not None


def mark_as_demo(connection: sqlite3.Connection) -> None:
    """Marks the database of `connection` (in the caller's transaction) as a demo, for good."""
    connection.execute("INSERT OR IGNORE INTO officesetting (name, value, changed_by, changed_at)"
                       " VALUES (?, '1', NULL, ?)", (DEMO_SETTING, iso_utc(utc_now())))
