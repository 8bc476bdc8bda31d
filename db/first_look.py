"""What a database file says before the data layer is imported: whether the program may show
the log-in window at once and open the file while the person types (a current Zone Desk database
that can be written and has staff, so that opening it asks nothing), and whether it is a demo,
for the window's title. Plain sqlite3, read only: the program's start waits for nothing else.

A demo is marked in the file itself (db/queries/demo_data.py): the row DEMO_SETTING of
`officesetting`; every window and printout made from it says DEMO_DATA."""

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from db.database_file import FileKind, examine, examining_connection

DEMO_SETTING = "demo_data"
DEMO_DATA = "演示数据"


@dataclass(frozen=True)
class FirstLook:
    demo: bool


def ready_for_log_in(path: str | Path) -> FirstLook | None:
    """What the log-in window shows for a file that opens for work without a question; None for
    any other (missing, older, newer, damaged, read-only, without staff yet, unreadable): it is
    opened first, as before, and the person is asked what to do."""
    state = examine(path)
    if state.kind != FileKind.CURRENT or not state.writable:
        return None
    try:
        connection = examining_connection(state.path)
        try:
            staff = connection.execute("SELECT EXISTS (SELECT 1 FROM staffaccount)").fetchone()[0]
            demo = connection.execute("SELECT 1 FROM officesetting WHERE name = ?",
                                      (DEMO_SETTING,)).fetchone() is not None
        finally:
            connection.close()
    except sqlite3.Error:
        return None
    return FirstLook(demo) if staff else None
