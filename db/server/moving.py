"""`zonedesk server move`: an office's SQLite file moved into an empty server database.

Every row is copied as it is, in one transaction, with the server's triggers held off for that
transaction only (`session_replication_role = replica`, which only a superuser may set): the
rows were made under the same rules in the file, and the trail already records them, so the
server must take them verbatim rather than as new actions. Before anything is written the
file's audit trail is verified; after the copy, the server's trail is verified and every
certificate's code checked against its signing key, in the same transaction: a move whose
result does not verify is rolled back whole.

A password hash is not a password, and the server checks passwords itself: each account gets a
login role with a one-time password, returned once for the administrator to hand over, and the
account is marked to change it at its first log-in (on the server, in `onetimepassword`).
"""

import secrets
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, text

from db.server import roles, setup

# the tables moved, parents first; the file's search tables are remade on the server from the
# firms (db.search), and alembic_version is the server's own
TABLES = ("district", "sector", "zone", "cluster", "staffaccount", "staffzone", "unknownname",
          "databaseidentity", "signingkey", "programmesetting", "awardrate", "policyrate",
          "budget", "closedperiod", "officesetting", "enterprise", "tenancy", "subsidyentry",
          "award", "approvedtotal", "certificate", "certificatecover", "auditevent",
          "audithead", "auditsubject", "auditzone")
# what the migrations themselves write into a new database, replaced by the file's own rows
SEEDED = ("programmesetting", "awardrate", "databaseidentity")
# a target holding any of these is an office's database already: it is never written over
OCCUPIED = ("staffaccount", "enterprise", "auditevent", "zone")
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud and typed by hand
_CHUNK = 5_000


class MoveRefused(Exception):
    """The move did not happen (nothing was written): one sentence saying why."""


@dataclass(frozen=True)
class Moved:
    rows: dict[str, int]  # table -> rows copied
    passwords: dict[str, str]  # username -> its one-time password (said once, never stored)
    events: int
    certificates: int


def one_time_password() -> str:
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(3))


def _columns(source: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in source.execute(f"PRAGMA table_info({table})")]


def _rows(source: sqlite3.Connection, table: str, columns: list[str]) -> Iterator[list[tuple]]:
    cursor = source.execute(f"SELECT {', '.join(columns)} FROM {table}")
    while chunk := cursor.fetchmany(_CHUNK):
        yield chunk


def _booleans(connection: Connection, table: str) -> set[str]:
    return set(connection.execute(text(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'"
        " AND table_name = :table AND data_type = 'boolean'"), {"table": table}).scalars())


def _copy(source: sqlite3.Connection, connection: Connection, table: str) -> int:
    columns = _columns(source, table)
    flags = [i for i, column in enumerate(columns) if column in _booleans(connection, table)]
    copied = 0
    cursor = connection.connection.dbapi_connection.cursor()
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for chunk in _rows(source, table, columns):
            for row in chunk:
                if flags:
                    row = list(row)
                    for i in flags:
                        row[i] = None if row[i] is None else bool(row[i])
                copy.write_row(row)
            copied += len(chunk)
    return copied


def _occupied(connection: Connection) -> list[str]:
    return [table for table in OCCUPIED
            if connection.execute(text(f"SELECT EXISTS (SELECT 1 FROM {table})")).scalar()]


def _sequences(connection: Connection) -> None:
    """Each id sequence continues after the file's highest id."""
    with_ids = set(connection.execute(text(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND column_name = 'id'")).scalars())
    for table in (t for t in TABLES if t in with_ids):
        sequence = connection.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"),
                                      {"t": table}).scalar()
        if sequence:
            connection.execute(text(
                f"SELECT setval(:s, coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"),
                {"s": sequence})


def _file_verified(path: Path) -> None:
    from db.audit_verification import verify_file

    result = verify_file(path)
    if result.status != 0:
        raise MoveRefused(f"{path.name}: the audit trail does not verify, so it is not moved:"
                          f" {' '.join(result.sentences)}")


def _trail_verified(connection: Connection, file_head: tuple[int, str]) -> int:
    """The server's trail verified as `verify-audit` verifies it (db/audit.py: the chain event
    by event, its head, then every row reconciled with the trail), inside the move's
    transaction, and ending at the file's own head."""
    from db.audit import reconcile_connection, verify_connection
    from db.audit_reading import ServerReading

    reading = ServerReading(connection.connection.dbapi_connection)
    check = verify_connection(reading)
    if check.ok:
        check = reconcile_connection(reading, check.events)
    if not check.ok:
        raise MoveRefused(f"on the server: {check.sentence()} Nothing was moved.")
    head = connection.execute(text("SELECT seq, hash FROM audithead WHERE id = 1")).first()
    if (tuple(head) if head is not None else (0, None)) != file_head and check.events:
        raise MoveRefused("the audit trail on the server ends elsewhere than the file's:"
                          " nothing was moved")
    return check.events


def _certificates_verified(connection: Connection) -> int:
    """Every certificate's signature, checked against its key's public key, as copied."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    keys = {key_id: Ed25519PublicKey.from_public_bytes(bytes(raw)) for key_id, raw in
            connection.execute(text("SELECT key_id, public_key FROM signingkey")).all()}
    count = 0
    for serial, key_id, payload, signature in connection.execute(text(
            "SELECT serial, key_id, payload, signature FROM certificate ORDER BY id")).all():
        try:
            keys[key_id].verify(bytes(signature), bytes(payload))
        except (KeyError, InvalidSignature):
            raise MoveRefused(f"certificate {serial} does not verify on the server:"
                              " nothing was moved") from None
        count += 1
    return count


def _file_head(source: sqlite3.Connection) -> tuple[int, str]:
    from db.audit import GENESIS

    last = source.execute("SELECT seq, hash FROM auditevent ORDER BY seq DESC LIMIT 1").fetchone()
    return (last[0], last[1]) if last else (0, GENESIS)


def move(file: str | Path, admin_url: str, *, database: str = setup.DATABASE,
         said: Callable[[str], None] = print) -> Moved:
    """Moves `file` into the new database `database` on the server of `admin_url` (a
    superuser's). Nothing is written when the file's trail does not verify or the database
    holds an office's rows already; nothing stays when the result does not verify."""
    path = Path(file)
    if not path.is_file():
        raise MoveRefused(f"{path} is not there")
    _file_verified(path)
    said(f"{path.name}: audit trail verified")
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return _move(source, path, admin_url, database, said)
    finally:
        source.close()


def _move(source: sqlite3.Connection, path: Path, admin_url: str, database: str,
          said: Callable[[str], None]) -> Moved:
    engine = setup.admin_engine(admin_url)
    try:
        with engine.connect() as connection:
            superuser = connection.execute(text(
                "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar()
    finally:
        engine.dispose()
    if not superuser:
        raise MoveRefused("the move needs a superuser's URL (it copies rows verbatim, with the"
                          " server's triggers held off)")
    for line in setup.make_server(admin_url, database, reference=False):
        said(line)
    engine = setup.admin_engine(admin_url, database)
    try:
        with engine.begin() as connection:
            taken = _occupied(connection)
            if taken:
                raise MoveRefused(f"database {database} is not empty (it has rows in"
                                  f" {', '.join(taken)}): move into a new database")
            connection.execute(text("SET LOCAL session_replication_role = replica"))
            connection.execute(text("SET LOCAL TIME ZONE 'UTC'"))  # the file's times are UTC
            for table in SEEDED:
                connection.execute(text(f"DELETE FROM {table}"))
            counts = {table: _copy(source, connection, table) for table in TABLES}
            _sequences(connection)
            connection.execute(text("SET LOCAL session_replication_role = origin"))
            passwords = {}
            for username, active in connection.execute(text(
                    "SELECT username, active FROM staffaccount ORDER BY id")).all():
                password = one_time_password()
                roles.create_login(connection, username, password)
                if not active:
                    roles.set_login(connection, username, False)
                passwords[username] = password
            connection.execute(text(
                "INSERT INTO onetimepassword (username) SELECT username FROM staffaccount"))
            events = _trail_verified(connection, _file_head(source))
            certificates = _certificates_verified(connection)
        said(f"{sum(counts.values()):,} rows moved from {path.name}; the server's audit trail"
             f" verified ({events:,} events) and {certificates:,} certificates verify")
        # the planner's statistics of the tables that received rows: without them it takes
        # them for empty and reads a whole zone's entries for a firm's. A table moved empty is
        # left unanalysed, as a new server's are: "empty" would stay its statistics until
        # autovacuum came, and each row checked against it (a certificate's covers, say) would
        # be looked for by reading the table through
        with engine.connect() as connection:
            for table in [table for table in TABLES if counts[table]]:
                connection.execute(text(f"ANALYZE {table}"))
            connection.commit()
        said("the server's statistics of the moved rows gathered (ANALYZE)")
    finally:
        engine.dispose()
    return Moved(counts, passwords, events, certificates)
