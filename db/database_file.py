"""What a database file is, before anything is done to it: missing, empty, not SQLite, damaged,
another program's, written by a newer Zone Desk, older (to migrate) or current; whether it can
be written; where its backups are; and the error that tells the staff why it cannot be opened.

Everything here reads the file through a read-only connection: examining a file never changes
it, whatever it turns out to be.
"""

import logging
import os
import sqlite3
import threading
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from db.errors import (
    DamagedDatabase,
    FileProblem,
    NewerDatabase,
    NoDatabaseThere,
    NotZoneDeskDatabase,
    ReadOnlyDatabase,
)
from db.locations import backup_dir
from db.translatable import QT_TRANSLATE_NOOP, Term

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
# tables every Zone Desk database has had since its first schema: its business, and its trail
ZONE_DESK_TABLES = frozenset({"alembic_version", "staffaccount", "enterprise", "zone"})
TRAIL_TABLES = frozenset({"auditevent", "audithead"})
CUT_OFF = Term(QT_TRANSLATE_NOOP("db", "it is cut off: shorter than its own header says"))
BROKEN_PAGES = Term(QT_TRANSLATE_NOOP("db", "SQLite finds broken pages in it"))
NO_VERSION = Term(QT_TRANSLATE_NOOP("db", "the record of its schema version is damaged"))
TRAIL_REMOVED = Term(QT_TRANSLATE_NOOP("db", "its audit trail was removed"))


class FileKind(StrEnum):
    MISSING = "missing"
    EMPTY = "empty"  # no bytes, or an SQLite file without a single table
    NOT_SQLITE = "not SQLite"
    DAMAGED = "damaged"
    FOREIGN = "another program's"
    NEWER = "newer"
    NO_TRAIL = "without its audit trail"  # a Zone Desk database whose audit tables were dropped
    OLDER = "older"
    CURRENT = "current"


@dataclass(frozen=True)
class FileState:
    path: Path
    kind: FileKind
    writable: bool
    revision: str | None = None
    cause: str = ""  # DAMAGED: CUT_OFF, BROKEN_PAGES or NO_VERSION
    detail: str = ""  # what SQLite said, for the log only


def writable(path: Path) -> bool:
    """Whether the file (when it exists) and its folder can be written: WAL needs its -wal and
    -shm files beside the database, and backups go to a folder beside it."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # a new file in a folder still to be made
    return os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def read_only_connection(path: str | Path, timeout: float = 5.0) -> sqlite3.Connection:
    """A connection that cannot write the file: mode=ro, or immutable=1 on a read-only medium
    (where SQLite could not open the -shm file of a WAL database)."""
    uri = Path(path).resolve().as_uri()
    connection = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout,
                                 check_same_thread=False)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    except sqlite3.OperationalError as error:
        connection.close()
        if error.sqlite_errorcode & 0xFF != sqlite3.SQLITE_CANTOPEN or writable(Path(path)):
            raise
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, timeout=timeout, check_same_thread=False)


def examining_connection(path: str | Path) -> sqlite3.Connection:
    """A read-only connection that leaves the folder as it was, for looking at a file that may
    be none of ours: SQLite's read-only connection to a file in WAL mode makes the -wal and -shm
    files beside it and leaves them there. When the file is in WAL mode and has no -wal beside it,
    no program has it open and everything is in the file itself, so it is read as an immutable
    file: no lock, no file made. (A program that opened the file and checkpointed a thousand
    pages into it during the reading could make the reading fail, never the file.)"""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            header = handle.read(20)
    except OSError:
        header = b""  # SQLite says why below
    wal_mode = len(header) == 20 and header.startswith(SQLITE_HEADER) and header[18:20] == b"\x02\x02"
    if wal_mode and not path.with_name(path.name + "-wal").exists():
        return sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True,
                               check_same_thread=False)
    return read_only_connection(path)


def _cut_off(path: Path, header: bytes) -> bool:
    """The header's page count, when valid, against the file's size (a WAL may hold more)."""
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return False
    if len(header) < 100:
        return True  # not even the whole header
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if header[24:28] != header[92:96] or pages == 0:
        return False  # the count is not maintained by whatever wrote the file
    return path.stat().st_size < page_size * pages


def examine(path: str | Path) -> FileState:
    """Reads the file's header and its table of contents, and says what it is."""
    from db.schema_versions import head_revision, known_revisions

    path = Path(path)
    can_write = writable(path)
    if not path.exists():
        return FileState(path, FileKind.MISSING, can_write)
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header:
        return FileState(path, FileKind.EMPTY, can_write)
    if not header.startswith(SQLITE_HEADER):
        return FileState(path, FileKind.NOT_SQLITE, can_write)
    if _cut_off(path, header):
        return FileState(path, FileKind.DAMAGED, can_write, cause=CUT_OFF)
    try:
        connection = examining_connection(path)
        try:
            tables = {row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            revisions = (connection.execute("SELECT version_num FROM alembic_version").fetchall()
                         if "alembic_version" in tables else [])
        finally:
            connection.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:  # names that are not UTF-8
        return FileState(path, FileKind.DAMAGED, can_write, cause=BROKEN_PAGES, detail=str(error))
    if not tables:
        return FileState(path, FileKind.EMPTY, can_write)
    if not ZONE_DESK_TABLES <= tables:
        return FileState(path, FileKind.FOREIGN, can_write)
    if len(revisions) != 1 or not isinstance(revisions[0][0], str):
        return FileState(path, FileKind.DAMAGED, can_write, cause=NO_VERSION)
    revision = revisions[0][0]
    if revision not in known_revisions():
        return FileState(path, FileKind.NEWER, can_write, revision)
    if not TRAIL_TABLES <= tables:
        return FileState(path, FileKind.NO_TRAIL, can_write, revision)
    kind = FileKind.CURRENT if revision == head_revision() else FileKind.OLDER
    return FileState(path, kind, can_write, revision)


def quick_check(path: str | Path) -> str | None:
    """None when SQLite's quick_check finds the file sound, else the first problem it names."""
    try:
        connection = examining_connection(path)
        try:
            rows = connection.execute("PRAGMA quick_check").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return str(error)
    return None if rows == [("ok",)] else str(rows[0][0])


class SoundnessCheck:
    """PRAGMA quick_check of a file, run on a thread of its own at opening; `damage()` waits for
    the verdict (None when sound). Reading goes on meanwhile; writing waits for it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._verdict: str | None = None
        self._done = threading.Event()
        threading.Thread(target=self._run, name="zonedesk-quick-check", daemon=True).start()

    def _run(self) -> None:
        try:
            _yield_to_others()
            self._verdict = quick_check(self.path)
            if self._verdict:
                log.error("quick_check of the database failed: %s", self._verdict)
        finally:
            self._done.set()

    @property
    def finished(self) -> bool:
        return self._done.is_set()

    def damage(self) -> str | None:
        self._done.wait()
        return self._verdict


def _yield_to_others() -> None:
    """The check takes the CPU only when the program does not need it (where the system lets a
    thread lower its own priority)."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    except (AttributeError, OSError):
        pass


def backups(path: str | Path) -> list[Path]:
    """The backups of a database file (backups/ beside it), newest first."""
    path = Path(path)
    folder = backup_dir(path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir()
             if p.name.startswith(f"{path.stem}-") and p.suffix == ".sqlite" and p.is_file()]
    return sorted(found, key=lambda p: p.name, reverse=True)  # the name holds when it was made


def damaged(path: Path, cause: str = BROKEN_PAGES) -> DamagedDatabase:
    """The damage named, with where the backups are (the newest first)."""
    found = backups(path)
    if found:
        return DamagedDatabase(QT_TRANSLATE_NOOP(
            "db", "{file} is damaged ({cause}), so nothing can be saved to it. Restore a backup: "
            "they are in {folder}, and the newest is {backup}."), path=path, cause=cause,
            folder=str(backup_dir(path)), backup=found[0].name)
    return DamagedDatabase(QT_TRANSLATE_NOOP(
        "db", "{file} is damaged ({cause}), so nothing can be saved to it. No backup of it was "
        "found in {folder}: open another file."), path=path, cause=cause,
        folder=str(backup_dir(path)))


def problem(state: FileState, *, create: bool = False) -> FileProblem | None:
    """Why a file in this state cannot be opened for work (None: it can be, perhaps migrated)."""
    path = state.path
    if state.kind in (FileKind.MISSING, FileKind.EMPTY):
        if not create:
            return NoDatabaseThere(QT_TRANSLATE_NOOP(
                "db", "There is no Zone Desk database at {file}. Check the name, or create a new "
                "database there."), path=path)
        if not state.writable:
            return ReadOnlyDatabase(QT_TRANSLATE_NOOP(
                "db", "No database can be made at {file}: the folder cannot be written. Choose "
                "another folder."), path=path)
        return None
    if state.kind == FileKind.NOT_SQLITE:
        return NotZoneDeskDatabase(QT_TRANSLATE_NOOP(
            "db", "{file} is not a Zone Desk database: it is not a database file at all. It was "
            "left as it is: open another file."), path=path)
    if state.kind == FileKind.FOREIGN:
        return NotZoneDeskDatabase(QT_TRANSLATE_NOOP(
            "db", "{file} is another program's database, not a Zone Desk one. It was left as it "
            "is: open another file."), path=path)
    if state.kind == FileKind.DAMAGED:
        return damaged(path, state.cause)
    if state.kind == FileKind.NO_TRAIL:
        return damaged(path, TRAIL_REMOVED)
    if state.kind == FileKind.NEWER:
        from db.schema_versions import head_revision
        return NewerDatabase(QT_TRANSLATE_NOOP(
            "db", "{file} was written by a newer Zone Desk (its schema is {found}; this program "
            "knows schemas up to {known}). It was left as it is: open it with the newer Zone "
            "Desk."), path=path, found=state.revision, known=head_revision())
    if not state.writable:
        if state.kind == FileKind.OLDER:
            return ReadOnlyDatabase(QT_TRANSLATE_NOOP(
                "db", "{file} must first be brought up to this Zone Desk's schema, but it cannot "
                "be written (a read-only medium or folder). Copy it to a writable folder and "
                "open the copy."), path=path)
        return ReadOnlyDatabase(QT_TRANSLATE_NOOP(
            "db", "{file} cannot be written: it is on a read-only medium or in a read-only "
            "folder. It can be opened for reading only, or copied to a writable folder and "
            "opened there."), path=path, read_only_possible=True)
    return None
