"""Whether an automatic backup is due, decided from the backup folder itself (no bookkeeping of
its own that could disagree with the files):

- at the first start of a day: no backup of this database in its folder is dated today
  (Shanghai's calendar);
- on quitting: the file changed since its newest backup there. The newest backup holds the
  audit head of the moment it was made; anything the program changes is an audit event after
  it. Logging in (and a wrong password, a lock) is recorded too but is no change worth a
  backup. A newest backup of another database of the same name (two offices' files backed up
  to one USB drive) counts as none.
"""

import sqlite3
from datetime import datetime
from pathlib import Path

from db.clock import to_shanghai
from db.database_file import examining_connection

from .naming import backups_in, made_at

NOT_CHANGES = ("staff.log_in", "staff.log_in_failed", "staff.locked")


def due_today(db_path: str | Path, folder: str | Path, now: datetime) -> bool:
    stem = Path(db_path).stem
    newest = backups_in(Path(folder), stem)
    if not newest:
        return True
    made = made_at(newest[0].name, stem)
    return made is None or made.date() != to_shanghai(now).date()


def _identity_and_head(connection: sqlite3.Connection) -> tuple[str | None, int]:
    identity = connection.execute("SELECT database_id FROM databaseidentity").fetchone()
    head = connection.execute("SELECT seq FROM audithead WHERE id = 1").fetchone()
    return (identity[0] if identity else None), (head[0] if head else 0)


def changed_since_backup(db_path: str | Path, folder: str | Path) -> bool:
    """Whether anything but log-ins happened in the file since its newest backup in `folder`
    (True when there is none, or it cannot be read)."""
    newest = backups_in(Path(folder), Path(db_path).stem)
    if not newest:
        return True
    try:
        connection = examining_connection(newest[0])
        try:
            identity, seq = _identity_and_head(connection)
        finally:
            connection.close()
        connection = examining_connection(db_path)
        try:
            own, _head = _identity_and_head(connection)
            if own != identity:
                return True
            marks = ", ".join("?" * len(NOT_CHANGES))
            later = connection.execute(
                f"SELECT EXISTS (SELECT 1 FROM auditevent WHERE seq > ? AND action NOT IN ({marks}))",
                (seq, *NOT_CHANGES)).fetchone()[0]
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return True
    return bool(later)
