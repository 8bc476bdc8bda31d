"""Raw SQL on a test's database, outside the program, as someone with the file and sqlite3 (an
SQLite file), or with psql as the server's superuser (a server's database), would run it: the
rules a test checks this way must hold against both.

`raw_connection(db)` answers as sqlite3 does on either engine: `execute(sql, values)` with `?`
or `:name` placeholders, rows read by place or by name (`dict(row)`), dates and moments as the
text a file holds, autocommit. A server's
refusal is psycopg's IntegrityError (SQLSTATE 23000, as migration 0013 raises it), so REFUSED
names the errors of both.
"""

import re
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal

import psycopg
import sqlalchemy.exc

from db.engine import Database

REFUSED = (sqlalchemy.exc.IntegrityError, sqlite3.IntegrityError, psycopg.IntegrityError)
# a unique index's refusal in each engine's words
UNIQUE = "UNIQUE constraint failed|violates unique constraint"
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


class Row(tuple):
    """A row as sqlite3.Row gives it: by place, by name, and as a dict."""

    names: tuple[str, ...] = ()

    def keys(self) -> tuple[str, ...]:
        return self.names

    def __getitem__(self, key):  # noqa: ANN001, ANN204
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names.index(key))
        return tuple.__getitem__(self, key)


def _stored(value: object) -> object:
    """A value as SQLite stores it where the two engines differ (booleans aside: True == 1)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def _rows(cursor):  # noqa: ANN001, ANN202 (a psycopg row factory)
    names = tuple(d.name for d in cursor.description or ())

    def row(values: Sequence) -> Row:
        made = Row(map(_stored, values))
        made.names = names
        return made

    return row


class ServerRaw:
    """A psycopg connection to a server's database that takes sqlite3's placeholders."""

    def __init__(self, url: str) -> None:
        self.connection = psycopg.connect(url, autocommit=True, row_factory=_rows)
        self.connection.execute("SET TIME ZONE 'UTC'")  # moments read and written as in a file
        self.row_factory = None  # set by tests for sqlite3; rows here read both ways anyway

    @staticmethod
    def _sql(sql: str, values: object) -> str:
        if not values:
            return sql
        sql = sql.replace("%", "%%")
        if isinstance(values, Mapping):
            return _NAMED.sub(r"%(\1)s", sql)
        return sql.replace("?", "%s")

    def execute(self, sql: str, values: object = ()):  # noqa: ANN201 (a psycopg cursor)
        return self.connection.execute(self._sql(sql, values), values or None)

    def executemany(self, sql: str, rows: list) -> None:
        with self.connection.cursor() as cursor:
            cursor.executemany(self._sql(sql, rows[0] if rows else None), rows)

    def commit(self) -> None:
        """Autocommit: each statement is committed as it runs."""

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> "ServerRaw":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def raw_connection(db) -> "sqlite3.Connection | ServerRaw":  # noqa: ANN001 (Database | ServerDatabase)
    """The database's own connection, outside the program: sqlite3 on a file, psycopg as the
    superuser on a server."""
    if isinstance(db, Database):
        return db.raw_connection()
    return ServerRaw(db.url)


def office_signer(db):  # noqa: ANN001, ANN201 (Database | ServerDatabase) -> OfficeKey
    """The office's private key in a holder's hands, to sign what the services would not: on a
    file, its key file (the PC's user reads it); on a server, read from the server's
    officesecret as its superuser (no staff role can: tests/server/test_server_signing.py)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from db.certificates.signing import OfficeKey
    from db.services.own_key import office_key

    key = office_key(db)
    if isinstance(db, Database):
        return key
    with ServerRaw(db.url) as connection:
        private = connection.execute("SELECT private_key FROM officesecret WHERE key_id = ?",
                                     (key.key_id,)).fetchone()[0]
    return OfficeKey(Ed25519PrivateKey.from_private_bytes(bytes(private)), key.public_raw,
                     key.key_id, key.office, key.database_id)
