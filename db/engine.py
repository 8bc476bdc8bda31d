"""The SQLite engine and the unit of work.

Every connection: foreign keys on, WAL journal, synchronous FULL, a busy timeout. Writes begin
with BEGIN IMMEDIATE, so a second writer (another thread or another program on the same file)
waits for the first instead of failing half-way with "database is locked"; reads begin deferred
and never block in WAL mode.

What SQLite reports about the file itself reaches the staff as a FileProblem naming the file and
the action: a write that waited longer than the busy timeout (WaitedTooLong), a full disk
(DiskFull), a file that cannot be written (ReadOnlyDatabase), a damaged file (DamagedDatabase).
The transaction is rolled back in each case: nothing is half saved. A database opened for
reading only refuses every write before it begins; one being checked at opening
(db/startup.py) lets writes (but the log-in) wait for the verdict, and refuses them all if the
file is damaged.
"""

import sqlite3
from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from db.action_names import ACTION_NAMES, SOME_CHANGE, calling_action
from db.database_file import SoundnessCheck, damaged, read_only_connection
from db.errors import DiskFull, FileProblem, ReadOnlyDatabase, WaitedTooLong
from db.translatable import QT_TRANSLATE_NOOP

BUSY_TIMEOUT_MS = 30_000
LOGGING_IN = ACTION_NAMES["log_in"]
_BEGIN_OPTION = "zonedesk_begin"


def _configure(engine: Engine, busy_timeout_ms: int, read_only: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Leave transaction control to the "begin" hook below (pysqlite's own is unreliable).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not read_only:  # a read-only connection may not change the journal mode
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # noqa: ANN001 (sqlalchemy Connection)
        mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


class UnitOfWork:
    """One user action: enter opens a Session, `commit()` commits, leaving rolls back the rest.

    Query helpers never commit; a service commits once, at the end, when every rule held.
    """

    def __init__(self, database: "Database", engine: Engine, action: str) -> None:
        self._database = database
        self._engine = engine
        self._action = action
        self.session: Session

    def __enter__(self) -> "UnitOfWork":
        self.session = Session(self._engine, expire_on_commit=False, autoflush=True)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.session.rollback()
        self.session.close()
        if exc is not None:
            problem = self._database.problem_of(exc, self._action)
            if problem is not None:
                raise problem from exc

    def commit(self) -> None:
        self.session.commit()


class Database:
    """A database file and the ways to work on it: `reading()` and `writing()` units of work.

    `read_only`: opened for reading only (every write refused, the file never changed).
    """

    def __init__(self, path: str | Path, *, read_only: bool = False,
                 busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.busy_timeout_ms = busy_timeout_ms
        self.check: SoundnessCheck | None = None
        self._damage: str | None = None
        options: dict[str, object] = {}
        if read_only:
            options["creator"] = lambda: read_only_connection(self.path, busy_timeout_ms / 1000)
        self.engine = create_engine(
            f"sqlite:///{self.path}",
            connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False},
            hide_parameters=True,  # errors (and so the log) never carry hashes or firms' data
            **options,
        )
        _configure(self.engine, busy_timeout_ms, read_only)
        self._write_engine = self.engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})

    @property
    def writing_engine(self) -> Engine:
        """The engine whose transactions begin IMMEDIATE (migrations, bulk work)."""
        return self._write_engine

    def reading(self) -> UnitOfWork:
        return UnitOfWork(self, self.engine, SOME_CHANGE)

    def writing(self) -> UnitOfWork:
        action = calling_action()
        if self.read_only:
            raise ReadOnlyDatabase(QT_TRANSLATE_NOOP(
                "db", "{action} was not saved: {file} is open for reading only."),
                path=self.path, action=action)
        # logging in does not wait for the check: it touches two small tables, whose pages SQLite
        # checks as it writes them; every other write waits for the verdict
        still_checking = self.check is not None and not self.check.finished
        damage = self._damage if action is LOGGING_IN and still_checking else self.damage()
        if damage is not None:
            raise damaged(self.path)
        return UnitOfWork(self, self._write_engine, action)

    def start_check(self) -> None:
        """Checks the file (PRAGMA quick_check) on a thread of its own; writes wait for it."""
        self.check = SoundnessCheck(self.path)

    def damage(self) -> str | None:
        """What is known to be wrong with the file (None: nothing), after the check if one runs."""
        if self._damage is None and self.check is not None:
            self._damage = self.check.damage()
        return self._damage

    def problem_of(self, error: BaseException, action: str) -> FileProblem | None:
        """The FileProblem an SQLite error means for the staff, or None for any other error."""
        cause = error.orig if isinstance(error, DBAPIError) else error
        if not isinstance(cause, sqlite3.Error) or cause.sqlite_errorcode is None:
            return None
        code = cause.sqlite_errorcode & 0xFF
        values = {"path": self.path, "action": action}
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            return WaitedTooLong(QT_TRANSLATE_NOOP(
                "db", "{action} waited more than {seconds} seconds for another program that is "
                "writing to {file}, and was not saved. What you typed is kept: try again in a "
                "moment."), seconds=round(self.busy_timeout_ms / 1000), **values)
        if code == sqlite3.SQLITE_FULL:
            return DiskFull(QT_TRANSLATE_NOOP(
                "db", "{action} was not saved: the disk that holds {file} is full. Nothing else "
                "was lost. Free some space on that disk, then try again; you can go on reading "
                "meanwhile."), **values)
        if code == sqlite3.SQLITE_READONLY:
            return ReadOnlyDatabase(QT_TRANSLATE_NOOP(
                "db", "{action} was not saved: {file} cannot be written (a read-only medium or "
                "folder)."), **values)
        if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            self._damage = self._damage or str(cause)
            return damaged(self.path)
        return None

    def raw_connection(self) -> sqlite3.Connection:
        """A plain sqlite3 connection with the same settings (bulk loads, backups)."""
        connection = sqlite3.connect(self.path, timeout=self.busy_timeout_ms / 1000)
        connection.isolation_level = None
        connection.execute(f"PRAGMA busy_timeout = {self.busy_timeout_ms}")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        return connection

    def dispose(self) -> None:
        self.engine.dispose()
