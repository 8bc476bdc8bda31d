"""The SQLite engine and the unit of work.

Every connection: foreign keys on, WAL journal, synchronous FULL, a busy timeout. Writes begin
with BEGIN IMMEDIATE, so a second writer (another thread or another program on the same file)
waits for the first instead of failing half-way with "database is locked"; reads begin deferred
and never block in WAL mode.
"""

import sqlite3
from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine, create_engine, event
from sqlmodel import Session

BUSY_TIMEOUT_MS = 30_000
_BEGIN_OPTION = "zonedesk_begin"


def _configure(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Leave transaction control to the "begin" hook below (pysqlite's own is unreliable).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
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

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
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

    def commit(self) -> None:
        self.session.commit()


class Database:
    """A database file and the ways to work on it: `reading()` and `writing()` units of work."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.engine = create_engine(
            f"sqlite:///{self.path}",
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
        _configure(self.engine)
        self._write_engine = self.engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})

    @property
    def writing_engine(self) -> Engine:
        """The engine whose transactions begin IMMEDIATE (migrations, bulk work)."""
        return self._write_engine

    def reading(self) -> UnitOfWork:
        return UnitOfWork(self.engine)

    def writing(self) -> UnitOfWork:
        return UnitOfWork(self._write_engine)

    def raw_connection(self) -> sqlite3.Connection:
        """A plain sqlite3 connection with the same settings (bulk loads, backups)."""
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000)
        connection.isolation_level = None
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        return connection

    def dispose(self) -> None:
        self.engine.dispose()
