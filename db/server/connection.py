"""A database on a PostgreSQL server, with the units of work of an SQLite file (db/engine.py).

The program connects as the person who logs in (their own login role): the URL carries their
name and password. A write takes the writers' advisory lock first, as SQLite's BEGIN IMMEDIATE
does, so that two PCs saving at once queue instead of interleaving; reads never wait.
"""

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from db.action_names import SOME_CHANGE, calling_action
from db.engine import UnitOfWork

SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
WRITERS_LOCK = 0x5A4F4E45  # "ZONE": the one advisory lock every writer takes first
_BEGIN_OPTION = "zonedesk_writing"


def is_server_url(target: object) -> bool:
    return isinstance(target, str) and target.startswith(SCHEMES)


def engine_url(url: str) -> str:
    """The SQLAlchemy URL for psycopg 3 of a `postgresql://…` URL as people write it."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def server_engine(url: str, **options: object) -> Engine:
    engine = create_engine(engine_url(url), hide_parameters=True, pool_pre_ping=True,
                           **options)

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # noqa: ANN001 (sqlalchemy Connection)
        if connection.get_execution_options().get(_BEGIN_OPTION):
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITERS_LOCK})")

    return engine


class ServerDatabase:
    """The server's database as one person sees it: `reading()` and `writing()` units of work."""

    path = None  # no file: backups are the server's (pg_dump), not the program's
    read_only = False
    check = None

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = server_engine(url)
        self._write_engine = self.engine.execution_options(**{_BEGIN_OPTION: True})

    @property
    def user(self) -> str | None:
        return make_url(self.url).username

    @property
    def writing_engine(self) -> Engine:
        return self._write_engine

    def reading(self) -> UnitOfWork:
        return UnitOfWork(self, self.engine, SOME_CHANGE)

    def writing(self) -> UnitOfWork:
        return UnitOfWork(self, self._write_engine, calling_action())

    def damage(self) -> str | None:
        return None

    def start_check(self) -> None:
        """The server keeps its own files sound: nothing to check from here."""

    def problem_of(self, error: BaseException, action: str) -> None:  # noqa: ARG002
        return None

    def dispose(self) -> None:
        self.engine.dispose()
