"""A database on a PostgreSQL server, with the units of work of an SQLite file (db/engine.py).

The program connects as the person who logs in (their own login role): the URL carries their
name and password. A write takes the writers' advisory lock first, as SQLite's BEGIN IMMEDIATE
does, so that two PCs saving at once queue instead of interleaving; reads never wait.
"""

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from db.action_names import SOME_CHANGE, calling_action
from db.engine import UnitOfWork
from db.errors import PermissionDenied
from db.locations import is_server_url as is_server_url
from db.translatable import QT_TRANSLATE_NOOP

REFUSED_BY_SERVER = "42501"  # insufficient_privilege: row-level security, a grant, a rule's trigger
WRITERS_LOCK = 0x5A4F4E45  # "ZONE": the one advisory lock every writer takes first
_BEGIN_OPTION = "zonedesk_writing"


def on_server(db: object) -> bool:
    """Whether the program works on a server (a ServerDatabase) rather than a file."""
    return isinstance(db, ServerDatabase)


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
    """The server's database as one person sees it: `reading()` and `writing()` units of work.

    Made from the URL the program was given, usually without a user: it is then bound to the
    person at log-in (`bind`), and every action runs as their login role. A URL with a user who
    may act as others (the superuser of the tests) stays bound to it, and each action takes the
    person's role with SET LOCAL ROLE (db/access.py), so that the server's row-level security
    judges the person, never the connection.
    """

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

    def url_for(self, username: str, password: str) -> str:
        """This database's URL with a person's name and password."""
        return make_url(self.url).set(username=username, password=password).render_as_string(
            hide_password=False)

    def connection_arguments(self, username: str, password: str) -> dict[str, object]:
        """psycopg.connect's arguments for this database as a person (a password may hold any
        character: it is never pasted into a URL)."""
        url = make_url(self.url)
        arguments: dict[str, object] = {"dbname": url.database, "user": username,
                                        "password": password}
        if url.host:
            arguments["host"] = url.host
        if url.port:
            arguments["port"] = url.port
        arguments.update({key: value for key, value in url.query.items()
                          if isinstance(value, str)})
        return arguments

    def bind(self, username: str, password: str) -> None:
        """From now on, every action connects as this person."""
        self.engine.dispose()
        self.url = self.url_for(username, password)
        self.engine = server_engine(self.url)
        self._write_engine = self.engine.execution_options(**{_BEGIN_OPTION: True})

    def acts_for_others(self) -> bool:
        """Whether this connection's role may take any person's role (a superuser: the tests,
        the district's administrator): log-in then checks the password without binding."""
        if self.user is None:
            return False
        with self.engine.connect() as connection:
            return bool(connection.exec_driver_sql(
                "SELECT rolsuper FROM pg_roles WHERE rolname = current_user").scalar())

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

    def problem_of(self, error: BaseException, action: str) -> PermissionDenied | None:  # noqa: ARG002
        """The server's own refusal (its row-level security or rules) in the person's words;
        the program checks first, so this is the last line, not the usual answer."""
        if getattr(getattr(error, "orig", error), "sqlstate", None) == REFUSED_BY_SERVER:
            return PermissionDenied(QT_TRANSLATE_NOOP(
                "db", "The server refused this change: it is beyond what your account may do. "
                      "Nothing was saved."))
        return None

    @property
    def address(self) -> str:
        """Where the program works, as the About window says it: the server's address and the
        person's name, never a password."""
        return make_url(self.url).set(password=None).render_as_string()

    def dispose(self) -> None:
        self.engine.dispose()
