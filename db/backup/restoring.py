"""Putting a backup back in place of the database, after a mistake or a dead disk.

1. The backup's bytes are copied beside the database into a temporary file; every check
   (checking.py, the exact schema of its revision included) runs on that copy, and its SHA-256
   is the one recorded. A copy that fails is refused with the reason, and nothing is changed.
   So is a person who is not an administrator, and a backup of another database (its database
   identity differs from that of a readable current file).
2. The file must not be in use (another program, another PC): its WAL is checkpointed, which
   fails while another connection is reading or writing it (an idle one is not seen). The
   caller has closed its own connections.
3. A safety backup of the current file is made (checked, as any backup; a file too damaged to
   pass the checks is copied as it is, under a name the rotation never deletes). Without a
   safety backup nothing is restored.
4. The copy is migrated when older (db/migrate.py), the restore is recorded in its audit trail
   (who, which backup, its SHA-256, the safety copy), it is checked and flushed; then the stale
   -wal and -shm files are removed and the copy renamed over the database in one step. Any
   failure before the rename deletes the copy and leaves the database byte for byte as it was.
"""

import hashlib
import logging
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from db import audit
from db.access import Action, Actor, authorise
from db.clock import to_shanghai, utc_now
from db.database_file import FileKind, examine
from db.engine import Database
from db.translatable import QT_TRANSLATE_NOOP

from .checking import BackupRefused, check_backup
from .making import BackupFailed, _sync_folder, make_backup
from .naming import PARTIAL
from .schema import identity_of

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    backup: Path
    sha256: str
    safety_backup: Path | None  # the current file as it was (None: there was none)
    revision: str  # the backup's schema, before any migration
    migrated: bool


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _refused(template: str, path: Path, **values: object) -> BackupRefused:
    return BackupRefused(template, path=path, **values)


def _not_in_use(db_path: Path) -> None:
    """Checkpoints the WAL into the file; refuses when another connection holds it."""
    if not db_path.exists():
        return
    try:
        connection = sqlite3.connect(db_path, timeout=2)
        try:
            busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.OperationalError as error:
        if "locked" not in str(error) and "busy" not in str(error):
            return  # a damaged file: the safety copy takes it as it is
        busy = 1
    except sqlite3.DatabaseError:
        return
    if busy:
        raise _refused(QT_TRANSLATE_NOOP(
            "db", "Nothing was restored: {file} is open in another program or on another PC. "
            "Close it there, then restore again."), db_path)


def _safety_backup(db_path: Path, folder: Path, create_folder: bool) -> Path | None:
    if not db_path.exists():
        return None
    try:
        return make_backup(db_path, folder, reason="before restore",
                           create_folder=create_folder).path
    except BackupRefused:  # the current file fails a check: kept as it is, never rotated
        log.warning("the file to be replaced does not check out; copied as it is")
    except BackupFailed as failed:
        raise BackupRefused(QT_TRANSLATE_NOOP(
            "db", "Nothing was restored: no safety backup of the current file could be made "
            "({reason})."), path=db_path, reason=failed) from failed
    stamp = to_shanghai(utc_now()).strftime("%Y-%m-%d_%H%M-%S")
    target = folder / f"{db_path.stem}-{stamp}-before-restore-unchecked.sqlite"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal"):
            source = db_path.with_name(db_path.name + suffix)
            if source.exists():
                shutil.copyfile(source, target.with_name(target.name + suffix))
    except OSError as error:
        raise BackupRefused(QT_TRANSLATE_NOOP(
            "db", "Nothing was restored: no safety copy of the current file could be made."),
            path=db_path, detail=str(error)) from error
    return target


def _copy_in(backup_path: Path, temporary: Path, progress: Progress | None) -> None:
    """The backup's bytes, as they are, into the temporary file (checked and hashed there)."""
    try:
        total = backup_path.stat().st_size
        done = 0
        with open(backup_path, "rb") as source, open(temporary, "wb") as destination:
            for block in iter(lambda: source.read(1 << 22), b""):
                destination.write(block)
                done += len(block)
                if progress is not None:
                    progress(done, total)
            destination.flush()
            os.fsync(destination.fileno())
    except OSError as error:
        raise _refused(QT_TRANSLATE_NOOP(
            "db", "Nothing was restored: {file} could not be read."), backup_path,
            detail=type(error).__name__) from error


def _single_file(temporary: Path) -> None:
    """Everything in the file itself (no -wal beside it), so that one rename puts it in place."""
    connection = sqlite3.connect(temporary)
    try:
        connection.execute("PRAGMA journal_mode = DELETE").fetchone()
    finally:
        connection.close()


def _migrate(temporary: Path) -> None:
    """The copy brought to the newest schema (the backup itself is the copy before)."""
    from alembic import command

    from db import migrate

    database = Database(temporary)
    try:
        config = migrate._config()
        with database.writing_engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        database.dispose()


def _sound(temporary: Path, backup_path: Path) -> None:
    _single_file(temporary)
    connection = sqlite3.connect(temporary)
    try:
        sound = connection.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    finally:
        connection.close()
    if not sound:
        raise _refused(QT_TRANSLATE_NOOP(
            "db", "Nothing was restored: the copy of {file} did not check out."), backup_path)
    with open(temporary, "rb+") as handle:
        os.fsync(handle.fileno())


def _same_database(db_path: Path, current: FileKind, temporary: Path, backup_path: Path) -> None:
    """A readable Zone Desk file is replaced only by a backup of itself."""
    if current not in (FileKind.CURRENT, FileKind.OLDER):
        return  # damaged or missing: nothing to compare with
    mine = identity_of(db_path, examining=True)
    theirs = identity_of(temporary)
    if mine is not None and theirs is not None and mine != theirs:
        raise _refused(QT_TRANSLATE_NOOP(
            "db", "Nothing was restored: {file} is a backup of another database, not of "
            "{database}."), backup_path, database=str(db_path))


def _record(db_path: Path, actor: Actor | None, by_cli: bool, facts: dict[str, object]) -> None:
    database = Database(db_path)
    try:
        connection = database.raw_connection()
        try:
            connection.execute("BEGIN IMMEDIATE")
            actor_id, name = None, "command line" if by_cli else "system"
            if actor is not None:
                same = connection.execute("SELECT id FROM staffaccount WHERE id = ? AND username = ?",
                                          (actor.staff_id, actor.username)).fetchone()
                actor_id, name = (actor.staff_id if same else None), actor.username
                facts = {**facts, "by": actor.display_name}
            audit.record_bulk(connection, actor_id, name, [audit.Change(
                "database.restore", "database", facts["backup"], None, facts)])
            connection.execute("COMMIT")
        finally:
            connection.close()
    finally:
        database.dispose()


def restore(db_path: str | Path, backup_path: str | Path, *, actor: Actor | None = None,
            by_cli: bool = False, safety_folder: str | Path | None = None,
            progress: Progress | None = None) -> RestoreResult:
    """Puts the checked backup in place of the database (see the module's doc); raises
    BackupRefused (or PermissionDenied) and then nothing was changed. `actor`: the person in the
    program, an administrator; `by_cli`: `zonedesk restore`, run by whoever may write the file."""
    from db import migrate
    from db.backup.folder import backup_folder, is_default

    db_path, backup_path = Path(db_path).resolve(), Path(backup_path).resolve()
    if actor is None and not by_cli:
        raise ValueError("restore needs the actor (or by_cli for the command line)")
    if backup_path == db_path:
        raise _refused(QT_TRANSLATE_NOOP("db", "{file} is the database itself, not a backup."),
                       backup_path)
    current = examine(db_path)
    if actor is not None:
        database = Database(db_path)
        try:
            with database.reading() as uow:
                authorise(uow.session, actor, Action.BACKUP_MANAGE)
        finally:
            database.dispose()
    handle, name = tempfile.mkstemp(dir=db_path.parent, prefix=f".{db_path.stem}-restore-",
                                    suffix=PARTIAL)
    os.close(handle)
    temporary = Path(name)
    try:
        _copy_in(backup_path, temporary, progress)
        check_backup(temporary, shown=backup_path)
        digest = sha256_of(temporary)
        revision = examine(temporary).revision or ""
        _same_database(db_path, current.kind, temporary, backup_path)
        _not_in_use(db_path)
        folder = Path(safety_folder) if safety_folder else (
            backup_folder(db_path) if current.kind in (FileKind.CURRENT, FileKind.OLDER)
            else db_path.parent / "backups")
        safety = _safety_backup(db_path, folder, is_default(db_path, folder))
        _single_file(temporary)
        migrated = revision != migrate.head_revision()
        if migrated:
            _migrate(temporary)
        _record(temporary, actor, by_cli, {
            "backup": backup_path.name, "sha256": digest, "revision": revision,
            "migrated_to": migrate.head_revision() if migrated else None,
            "safety_backup": safety.name if safety else None})
        _sound(temporary, backup_path)
        for suffix in ("-wal", "-shm", "-journal"):
            db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
        os.replace(temporary, db_path)
        _sync_folder(db_path.parent)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            temporary.with_name(temporary.name + suffix).unlink(missing_ok=True)
    log.info("backup restored: %s (schema %s%s)", backup_path.name, revision,
             ", migrated" if migrated else "")
    return RestoreResult(db_path, backup_path, digest, safety, revision, migrated)
