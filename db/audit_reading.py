"""Verification reads a server's trail and rows as it reads a file's: the same SQL, through the
engine's psycopg connection, wrapped so that db/audit.py and db/reconcile.py judge both alike.

On a file they read a plain sqlite3 connection, whose values come back as SQLite stores them
(text for dates and moments, 0 and 1 for booleans). Here the server's values are turned into
those forms, so that a row compared with its recorded values, and every sentence said about a
difference, is the same on both engines. One snapshot (REPEATABLE READ, READ ONLY): the chain,
its head and the rows are read as they stood at one moment, whoever writes meanwhile.
"""

import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import Engine

PROGRESS_ROWS = 8_192  # rows fetched from the server at a time

# SQLite's forms of what a server hands back (the table's type OIDs): dates and moments as the
# text SQLAlchemy writes in a file, booleans as 0 or 1, sums (numeric) as the integers they are
_DATE, _TIMESTAMP, _TIMESTAMPTZ, _BOOL, _NUMERIC = 1082, 1114, 1184, 16, 1700


def _moment(value: datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _number(value: Decimal) -> int | Decimal:
    return int(value) if value == value.to_integral_value() else value


_AS_STORED = {_DATE: date.isoformat, _TIMESTAMP: _moment, _TIMESTAMPTZ: _moment, _BOOL: int,
              _NUMERIC: _number}


def _stored_rows(cursor):  # noqa: ANN001, ANN202 (a psycopg row factory)
    """Rows as tuples, each value in the form SQLite stores it."""
    places = [(n, _AS_STORED[d.type_code]) for n, d in enumerate(cursor.description or ())
              if d.type_code in _AS_STORED]
    if not places:
        return tuple

    def row(values: Sequence) -> tuple:
        values = list(values)
        for n, stored in places:
            if values[n] is not None:
                values[n] = stored(values[n])
        return tuple(values)

    return row


class _Rows:
    """A server-side cursor as sqlite3's: iterated, or fetched one, many or all at a time."""

    def __init__(self, cursor) -> None:  # noqa: ANN001 (psycopg cursor)
        self._cursor = cursor
        self._rows: Iterator[tuple] = iter(cursor)

    @property
    def description(self):  # noqa: ANN201
        return self._cursor.description

    def __iter__(self) -> "_Rows":
        return self

    def __next__(self) -> tuple:
        return next(self._rows)

    def fetchone(self) -> tuple | None:
        return next(self._rows, None)

    def fetchmany(self, size: int) -> list[tuple]:
        return list(itertools.islice(self._rows, size))

    def fetchall(self) -> list[tuple]:
        return list(self._rows)


class ServerReading:
    """What verification asks of a sqlite3 connection (`execute` with `?` placeholders), on a
    server. `on_server` tells the few queries written in each engine's own words."""

    on_server = True

    def __init__(self, dbapi_connection) -> None:  # noqa: ANN001 (psycopg connection)
        self._connection = dbapi_connection
        self._names = itertools.count(1)

    def execute(self, sql: str, params: Sequence[object] = ()) -> _Rows:
        cursor = self._connection.cursor(name=f"zonedesk_reading_{next(self._names)}",
                                         row_factory=_stored_rows)
        cursor.itersize = PROGRESS_ROWS
        if params:
            sql = sql.replace("%", "%%").replace("?", "%s")
        cursor.execute(sql, tuple(params) if params else None)
        return _Rows(cursor)

    def close(self) -> None:
        """The snapshot ends with the reading (`reading()` rolls it back)."""


def on_server(connection: object) -> bool:
    """Whether verification reads a server (ServerReading) rather than a file."""
    return getattr(connection, "on_server", False)


@contextmanager
def reading(engine: Engine) -> Iterator[ServerReading]:
    """The server's database as one snapshot, read-only, for verification."""
    with engine.connect() as connection:
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin() as transaction:
            connection.exec_driver_sql("SET TRANSACTION READ ONLY")
            try:
                yield ServerReading(connection.connection.dbapi_connection)
            finally:
                transaction.rollback()


def tables(connection: object) -> set[str]:
    """The names of the tables of the file, or of the server's schema."""
    if on_server(connection):
        sql = "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema()"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
    return {r[0] for r in connection.execute(sql)}


def columns(connection: object, table: str) -> list[str]:
    """The columns of a table, in their order; on a server those the reading role may read
    (nobody reads a staff account's password_hash there: the server keeps passwords)."""
    if on_server(connection):
        return [r[0] for r in connection.execute(
            "SELECT column_name::text FROM information_schema.columns WHERE table_schema ="
            " current_schema() AND table_name = ? AND has_column_privilege(quote_ident(?),"
            " column_name::text, 'SELECT') ORDER BY ordinal_position", (table, table))]
    return [r[1] for r in connection.execute(f'PRAGMA table_info("{table}")')]


def ordered_as_text(sql: str, connection: object) -> str:
    """`sql` (text) ordered as SQLite orders text and Python compares it: by code point
    (SQLite's BINARY on UTF-8; "C" on a server, whatever the database's own collation)."""
    return f'{sql} COLLATE "C"' if on_server(connection) else sql
