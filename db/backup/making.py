"""Making a backup: SQLite's backup API copies the database (what is still in its WAL too) into
a temporary file in the backup folder, the copy is flushed to the disk and checked
(checking.py), and only then renamed into place under its final name (naming.py). A backup that
fails a check, a full or read-only folder, a kill -9 half-way: no file ever stands under a
backup's name that is not a whole, checked copy, and the earlier backups are never touched.

The database is read through a read-only connection of its own: the program's own work goes on
meanwhile (in WAL mode a reader never blocks a writer; a write during the copy makes SQLite
start the copy again, so the backup is one moment of the file).
"""

import errno
import logging
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from db.clock import utc_now
from db.database_file import FileKind, examine, read_only_connection
from db.errors import Interrupted, ZoneDeskError
from db.translatable import QT_TRANSLATE_NOOP

from .checking import BackupRefused, _refusal_of_kind, check_backup
from .naming import PARTIAL, backup_name

log = logging.getLogger(__name__)

PAGES_A_STEP = 1024  # pages copied between two progress reports (4 MB at SQLite's default size)

Progress = Callable[[int, int], None]


class BackupFailed(ZoneDeskError):
    """The backup could not be written to its folder (missing, full, read-only): nothing was
    changed, the earlier backups are as they were."""

    def __init__(self, template: str, *, folder: object, detail: str = "", **values: object) -> None:
        self.folder = Path(str(folder))
        self.detail = detail
        super().__init__(template, folder=str(folder), **values)


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int  # bytes
    revision: str
    audit_seq: int  # the newest audit event it holds (0: none)
    seconds: float
    reason: str


def folder_problem(folder: Path, error: BaseException) -> BackupFailed:
    """What a failed write into the backup folder means for the staff."""
    code = getattr(error, "errno", None)
    sqlite_code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    if code == errno.ENOSPC or sqlite_code == sqlite3.SQLITE_FULL:
        return BackupFailed(QT_TRANSLATE_NOOP(
            "db", "No backup was made: the disk that holds the backup folder {folder} is full. "
            "The earlier backups are kept."), folder=folder, detail=str(error))
    if code in (errno.EROFS, errno.EACCES, errno.EPERM) or sqlite_code in (
            sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM):
        return BackupFailed(QT_TRANSLATE_NOOP(
            "db", "No backup was made: the backup folder {folder} cannot be written (a read-only "
            "drive or folder). The earlier backups are kept."), folder=folder, detail=str(error))
    return BackupFailed(QT_TRANSLATE_NOOP(
        "db", "No backup was made: writing to the backup folder {folder} failed. The earlier "
        "backups are kept."), folder=folder, detail=str(error))


def _sync_folder(folder: Path) -> None:
    """The rename itself on the disk (POSIX; Windows has no directory handle to flush)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _copy(db_path: Path, target: Path, progress: Progress | None,
          cancelled: Callable[[], bool] | None = None) -> None:
    source = read_only_connection(db_path)
    try:
        destination = sqlite3.connect(target)
        try:
            def step(_status: int, remaining: int, total: int) -> None:
                if cancelled is not None and cancelled():
                    raise Interrupted("the backup was cancelled")  # the copy stops here
                if progress is not None:
                    progress(total - remaining, total)
            # one read transaction for the whole copy: it reads one moment of the file (WAL),
            # so the staff's writes meanwhile neither wait nor restart the copy from the start
            source.execute("BEGIN")
            source.execute("SELECT count(*) FROM sqlite_master").fetchone()
            source.backup(destination, pages=PAGES_A_STEP, progress=step)
            source.execute("COMMIT")
            # a backup is one file: no -wal or -shm beside it, whoever opens it
            destination.execute("PRAGMA journal_mode = DELETE").fetchone()
        finally:
            destination.close()
    finally:
        source.close()
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def make_backup(db_path: str | Path, folder: str | Path, *, reason: str = "",
                progress: Progress | None = None, create_folder: bool = False,
                cancelled: Callable[[], bool] | None = None) -> BackupResult:
    """A checked backup of the database in `folder`; raises BackupFailed (the folder) or
    BackupRefused (the database or the copy fails a check), or Interrupted when `cancelled()`
    says so before the copy is in place, and then nothing was written.
    `create_folder`: make the folder when it is missing (the default folder beside the
    database; a chosen folder that is missing is a drive not plugged in)."""
    db_path, folder = Path(db_path), Path(folder)
    started = time.perf_counter()
    state = examine(db_path)
    if state.kind not in (FileKind.CURRENT, FileKind.OLDER):
        raise _refusal_of_kind(db_path, state.kind, state.cause, state.revision)
    if not folder.is_dir():
        if not create_folder:
            raise BackupFailed(QT_TRANSLATE_NOOP(
                "db", "No backup was made: the backup folder {folder} is not there (a drive that "
                "is not plugged in?). The earlier backups are kept."), folder=folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise folder_problem(folder, error) from error
    moment = utc_now()
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=f".{db_path.stem}-", suffix=PARTIAL)
        os.close(handle)
    except OSError as error:
        raise folder_problem(folder, error) from error
    temporary = Path(name)
    try:
        try:
            _copy(db_path, temporary, progress, cancelled)
        except (OSError, sqlite3.OperationalError) as error:
            if not db_path.exists():
                raise
            raise folder_problem(folder, error) from error
        check_backup(temporary)
        if cancelled is not None and cancelled():
            raise Interrupted("the backup was cancelled")
        revision, seq = _revision_and_seq(temporary)
        size = temporary.stat().st_size
        final = _place(temporary, folder, db_path.stem, moment, revision)
        _sync_folder(folder)
    except BackupRefused as refusal:
        log.warning("a backup copy did not check out (%s, checking the copy)",
                    type(refusal).__name__)
        raise BackupRefused(QT_TRANSLATE_NOOP(
            "db", "No backup was made: the copy of {database} did not check out ({reason}). The "
            "earlier backups are kept."), path=db_path, database=str(db_path),
            reason=refusal) from refusal
    finally:
        temporary.unlink(missing_ok=True)
    seconds = time.perf_counter() - started
    log.info("backup made: %s (%d bytes, %.1f s, %s)", final.name, size, seconds, reason or "-")
    return BackupResult(final, size, revision, seq, seconds, reason)


def _place(temporary: Path, folder: Path, stem: str, moment: datetime, revision: str) -> Path:
    """Renames the checked copy to the first free backup name of its second: a backup never
    replaces another (two in the same second get `…-2.sqlite`). A hard link fails when the name
    is taken; a drive without hard links (FAT) is checked first."""
    for counter in (0, *range(2, 10000)):
        final = folder / backup_name(stem, moment, revision, counter)
        try:
            os.link(temporary, final)
        except FileExistsError:
            continue
        except OSError:  # no hard links on this drive
            if final.exists():
                continue
            os.replace(temporary, final)
            return final
        temporary.unlink()
        return final
    raise FileExistsError(errno.EEXIST, "no free backup name")


def _revision_and_seq(path: Path) -> tuple[str, int]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        head = connection.execute("SELECT seq FROM audithead WHERE id = 1").fetchone()
        return revision, head[0] if head else 0
    finally:
        connection.close()
