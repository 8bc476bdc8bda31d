"""Rows of an export read from SQL in chunks, inside one read transaction, so that memory
stays flat however long the list: the statement's cursor is stepped `CHUNK` rows at a time."""

from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime

from sqlalchemy import text

from db.clock import _SQL_SHIFT, stored_moment, to_shanghai
from db.engine import Database

CHUNK = 2_000

Convert = Callable[[Sequence[object]], tuple]


def streamed(db: Database, statements: Sequence[tuple[str, dict[str, object]]],
             convert: Convert | None = None) -> Iterator[tuple]:
    """Each statement's rows in turn (converted, or SQL's rows as they are: they index like
    tuples) in one read transaction; closing the iterator (a cancelled export) ends it."""
    with db.reading() as uow:
        connection = uow.session.connection()
        sqlite = connection.dialect.name == "sqlite"
        for sql, values in statements:
            if sqlite:  # SQLite's own cursor takes :name values as they are, without a Row each
                result = connection.connection.dbapi_connection.cursor()
                result.execute(sql, values)
            else:  # a server's cursor, stepped on the server (psycopg would read it all at once)
                result = connection.execution_options(stream_results=True).execute(text(sql), values)
            try:
                while chunk := result.fetchmany(CHUNK):
                    if convert is None:
                        yield from chunk
                    else:
                        for row in chunk:
                            yield convert(row)
            finally:
                result.close()


def shanghai_moment_sql(column: str, *, server: bool = False) -> str:
    """SQL for a stored moment (UTC) as Shanghai's wall-clock time, ISO text to the second
    ('2026-11-22 10:00:00'; Shanghai keeps no summer time); `server`: in PostgreSQL's words,
    for a timestamptz, whatever the session's time zone."""
    if server:
        return (f"to_char(({column}) AT TIME ZONE 'UTC' + interval {_SQL_SHIFT},"
                " 'YYYY-MM-DD HH24:MI:SS')")
    return f"datetime({column}, {_SQL_SHIFT})"


def as_date(value: object) -> date | None:
    """A stored date (ISO text in SQLite) as a date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def as_shanghai(value: object) -> datetime | None:
    """A stored moment (UTC) as Shanghai's wall-clock time, without its zone (as a sheet shows it)."""
    if value is None or value == "":
        return None
    return to_shanghai(stored_moment(value)).replace(tzinfo=None)
