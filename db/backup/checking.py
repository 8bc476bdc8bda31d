"""Whether a backup file checks out, and what it holds: the facts shown before a restore.

A backup counts only when every check holds: it is a Zone Desk database at a schema this program
knows (the current one, or an older one that a restore migrates), SQLite's integrity_check and
foreign_key_check find nothing, and its audit trail verifies and agrees with its rows (the same
verifier as `zonedesk verify-audit`, db/audit.py). A file that fails a check is refused with
the reason, in the staff's words. Everything here reads the file read-only and never changes it.
"""

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from db import audit
from db.clock import SHANGHAI
from db.database_file import TRAIL_REMOVED, FileKind, examine, examining_connection
from db.errors import ZoneDeskError
from db.translatable import QT_TRANSLATE_NOOP

from .naming import stamped
from .schema import schema_difference

_SCHEMA_DIFFERENCES = {
    ("extra", "table"): QT_TRANSLATE_NOOP(
        "db", "{file} does not check out: it has a table the program never made: {name}."),
    ("extra", "index"): QT_TRANSLATE_NOOP(
        "db", "{file} does not check out: it has an index the program never made: {name}."),
    ("extra", "trigger"): QT_TRANSLATE_NOOP(
        "db", "{file} does not check out: it has a trigger the program never made: {name}."),
    ("extra", "view"): QT_TRANSLATE_NOOP(
        "db", "{file} does not check out: it has a view the program never made: {name}."),
    ("missing", "table"): QT_TRANSLATE_NOOP(
        "db", "{file} does not check out: its table {name} has been removed."),
    ("missing", "index"): QT_TRANSLATE_NOOP(
        "db", "{file} does not check out: its index {name} has been removed."),
    ("missing", "trigger"): QT_TRANSLATE_NOOP(
        "db", "{file} does not check out: its trigger {name} has been removed."),
    ("missing", "view"): QT_TRANSLATE_NOOP(
        "db", "{file} does not check out: its view {name} has been removed."),
    ("changed", "table"): QT_TRANSLATE_NOOP(
        "db", "{file} does not check out: its table {name} has been changed."),
    ("changed", "index"): QT_TRANSLATE_NOOP(
        "db", "{file} does not check out: its index {name} has been changed."),
    ("changed", "trigger"): QT_TRANSLATE_NOOP(
        "db", "{file} does not check out: its trigger {name} has been changed."),
    ("changed", "view"): QT_TRANSLATE_NOOP(
        "db", "{file} does not check out: its view {name} has been changed."),
}


class BackupRefused(ZoneDeskError):
    """The backup does not check out (or could not be made): nothing was changed."""

    def __init__(self, template: str, *, path: object, detail: str = "", **values: object) -> None:
        self.path = Path(str(path))
        self.detail = detail  # what SQLite or the verifier said, for the log
        super().__init__(template, file=str(path), detail=detail, **values)


@dataclass(frozen=True)
class BackupFacts:
    """What the restore dialog shows about a backup file."""

    path: Path
    made: datetime | None  # when it was made (its name says; else the file's time), Shanghai
    size: int  # bytes
    firms: int | None  # None: the file could not be read that far
    entries: int | None
    revision: str | None
    last_event: int | None  # the sequence number of its newest audit event
    problem: BackupRefused | None  # None: it checks out

    @property
    def ok(self) -> bool:
        return self.problem is None


def _refusal_of_kind(path: Path, kind: FileKind, cause: str, revision: str | None) -> BackupRefused:
    if kind == FileKind.MISSING:
        return BackupRefused(QT_TRANSLATE_NOOP("db", "There is no file at {file}."), path=path)
    if kind in (FileKind.EMPTY, FileKind.NOT_SQLITE):
        return BackupRefused(QT_TRANSLATE_NOOP(
            "db", "{file} is not a Zone Desk backup: it is not a database file at all."), path=path)
    if kind == FileKind.FOREIGN:
        return BackupRefused(QT_TRANSLATE_NOOP(
            "db", "{file} is another program's database, not a Zone Desk backup."), path=path)
    if kind == FileKind.NEWER:
        from db.migrate import head_revision
        return BackupRefused(QT_TRANSLATE_NOOP(
            "db", "{file} was made by a newer Zone Desk (its schema is {found}; this program "
            "knows schemas up to {known}). Restore it with the newer Zone Desk."),
            path=path, found=revision, known=head_revision())
    return BackupRefused(QT_TRANSLATE_NOOP("db", "{file} is damaged ({cause}): it cannot be "
                                           "restored."), path=path,
                         cause=TRAIL_REMOVED if kind == FileKind.NO_TRAIL else cause)


def _integrity(connection: sqlite3.Connection) -> list[str]:
    rows = [str(r[0]) for r in connection.execute("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows


def check_connection(path: Path, connection: sqlite3.Connection) -> BackupRefused | None:
    """The checks that read the database's pages: None when all hold."""
    refusal = _schema_refusal(path, connection)
    if refusal is not None:
        return refusal
    problems = _integrity(connection)
    if problems:
        return BackupRefused(QT_TRANSLATE_NOOP(
            "db", "{file} is damaged: SQLite's integrity check finds broken pages in it."),
            path=path, detail=problems[0])
    dangling = connection.execute("PRAGMA foreign_key_check").fetchall()
    if dangling:
        return BackupRefused(QT_TRANSLATE_NOOP(
            "db", "{file} is damaged: some of its rows refer to rows that are not there "
            "(table {table})."), path=path, table=str(dangling[0][0]), detail=str(dangling[0]))
    trail = audit.verify_connection(connection)
    if trail.ok:
        trail = audit.reconcile_connection(connection, trail.events)
    if not trail.ok:
        return BackupRefused(QT_TRANSLATE_NOOP(
            "db", "{file} does not check out: its audit trail is broken or its rows differ from "
            "it, so it may have been changed behind the program's back ({detail})."),
            path=path, detail=trail.sentence().rstrip("."))
    return None


def _schema_refusal(path: Path, connection: sqlite3.Connection) -> BackupRefused | None:
    """The schema must be exactly the one the migrations make at the file's revision."""
    revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    difference = schema_difference(connection, revision)
    if difference is None:
        return None
    what, kind, name = difference
    template = _SCHEMA_DIFFERENCES.get((what, kind), _SCHEMA_DIFFERENCES[(what, "table")])
    return BackupRefused(template, path=path, name=name, detail=f"schema {what} {kind}")


def check_backup(path: str | Path, *, current_only: bool = False,
                 shown: str | Path | None = None) -> None:
    """Raises BackupRefused naming the first check that fails. `current_only`: the file must
    be at this program's schema (a backup just made), not an older one (a restore migrates).
    `shown`: the file the staff chose, named in the refusal (`path` is a copy of it)."""
    examined = Path(path)
    path = Path(shown) if shown is not None else examined
    state = examine(examined)
    allowed = (FileKind.CURRENT,) if current_only else (FileKind.CURRENT, FileKind.OLDER)
    if state.kind not in allowed:
        if state.kind == FileKind.OLDER:  # a copy just made must be at this program's schema
            from db.migrate import head_revision
            raise BackupRefused(QT_TRANSLATE_NOOP(
                "db", "{file} is at schema {found}, not at this program's {known}."),
                path=path, found=state.revision, known=head_revision())
        raise _refusal_of_kind(path, state.kind, state.cause, state.revision)
    try:
        connection = examining_connection(examined)
        try:
            refusal = check_connection(path, connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupRefused(QT_TRANSLATE_NOOP(
            "db", "{file} is damaged: reading it failed."), path=path, detail=str(error)) from error
    if refusal is not None:
        raise refusal


def _count(connection: sqlite3.Connection, sql: str) -> int | None:
    try:
        return int(connection.execute(sql).fetchone()[0])
    except (sqlite3.DatabaseError, TypeError, ValueError):
        return None


def inspect_backup(path: str | Path) -> BackupFacts:
    """The facts about a backup file and the verdict of every check (reads it whole: seconds
    for a large file)."""
    path = Path(path)
    try:
        stat = path.stat()
        size = stat.st_size
        made = stamped(path.name) or datetime.fromtimestamp(
            stat.st_mtime, SHANGHAI)
    except OSError:
        size, made = 0, None
    problem = None
    try:
        check_backup(path)
    except BackupRefused as refusal:
        problem = refusal
    firms = entries = last = None
    state = examine(path)
    if state.kind in (FileKind.CURRENT, FileKind.OLDER, FileKind.NO_TRAIL):
        try:
            connection = examining_connection(path)
            try:
                firms = _count(connection, "SELECT count(*) FROM enterprise")
                entries = _count(connection, "SELECT count(*) FROM subsidyentry")
                last = _count(connection, "SELECT seq FROM audithead WHERE id = 1")
            finally:
                connection.close()
        except sqlite3.DatabaseError:
            pass  # the problem above says why
    return BackupFacts(path, made, size, firms, entries, state.revision, last, problem)
