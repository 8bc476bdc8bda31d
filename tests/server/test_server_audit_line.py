"""On a server the audit trail stays one line whoever writes it, however many at once (migration
0013): an event must follow the newest one (its seq the next, its prev_hash that event's hash,
its hash what db.audit.event_hash makes of it), writers queue on the trail's advisory lock, and
audithead follows the trail. Raw SQL as the superuser, whom the triggers bind too.
"""

import multiprocessing
import sqlite3
import threading
import time
from datetime import UTC, datetime
from importlib import import_module

import psycopg
import pytest
from sqlalchemy import text

from db import audit, migrate
from db.audit import GENESIS, Change
from db.engine import Database
from db.server import schema
from db.server.connection import ServerDatabase, server_engine
from tests.race import shared_clock, tick, worked_together

RULES = import_module("db.migrations.versions.0013_the_server_keeps_the_rules")
AT = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)  # the events' moment: no test reads the calendar
INSERT = ("INSERT INTO auditevent (seq, at, actor_id, actor_name, action, entity_type, entity_id,"
          " before_json, after_json, prev_hash, hash) VALUES (%(seq)s, %(at)s, %(actor_id)s,"
          " %(actor_name)s, %(action)s, %(entity_type)s, %(entity_id)s, %(before_json)s,"
          " %(after_json)s, %(prev_hash)s, %(hash)s)")
HEAD = "SELECT seq, hash FROM audithead WHERE id = 1"


def head_of(connection: psycopg.Connection) -> tuple[int, str]:
    return tuple(connection.execute(HEAD).fetchone() or (0, GENESIS))


def next_events(head: tuple[int, str], *afters: dict, name: str = "clerk1") -> list[dict]:
    changes = [Change("zone.change", "zone", 1, None, after) for after in afters]
    return audit.chain(*head, None, name, changes, at=AT)


def trail(connection: psycopg.Connection) -> list[dict]:
    cursor = connection.cursor(row_factory=psycopg.rows.dict_row)
    return cursor.execute(f"SELECT {', '.join(audit.EVENT_COLUMNS)} FROM auditevent ORDER BY seq").fetchall()


def assert_one_line(connection: psycopg.Connection) -> list[dict]:
    """Every event numbered 1..n, each following the one before with the program's hash, and
    the head naming the last: recomputed here with db.audit.event_hash."""
    rows, prev = trail(connection), GENESIS
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    for row in rows:
        assert row["prev_hash"] == prev and audit.event_hash(prev, row) == row["hash"], row["seq"]
        prev = row["hash"]
    assert head_of(connection) == (len(rows), prev)
    return rows


@pytest.fixture
def server(postgres_server, server_database):  # noqa: ANN201
    with postgres_server.connect(database=server_database) as connection:
        yield connection


def test_an_event_must_follow_the_newest_one(server):
    seq, newest = head_of(server)
    assert seq == 4  # the reference data's events
    (good,) = next_events((seq, newest), {"n": 1})
    refusals = {
        "audit event 6 does not follow the newest event, 4": good | {"seq": 6},
        "audit event 4 does not follow the newest event, 4": good | {"seq": 4},
        "audit event 0 does not follow the newest event, 4": good | {"seq": 0},
        "audit event 5 does not follow the newest event, 4: its prev_hash is not that event's hash":
            good | {"prev_hash": GENESIS},
        "audit event 5 is not hashed from its content": good | {"actor_name": "someone_else"},
    }
    for words, wrong in refusals.items():
        with pytest.raises(psycopg.errors.IntegrityError, match=words):
            server.execute(INSERT, wrong)
    with pytest.raises(psycopg.errors.IntegrityError, match="is not hashed from its content"):
        server.execute(INSERT, good | {"hash": "f" * 64})
    assert head_of(server) == (4, newest)
    server.execute(INSERT, good)
    assert head_of(server) == (5, good["hash"])
    assert_one_line(server)


@pytest.mark.parametrize("text_value", [
    'quote " and backslash \\ and slash /', "line\nfeed\ttab\rreturn\bback\fform",
    "\x01\x02\x1b\x1f control", "\x7f delete", "中文 名称 （括号）", "emoji 😀 𠀀", "\u2028\u2029",
    "", " ", "\\u0041 not an escape",
])
def test_the_server_hashes_any_text_as_the_program_does(server, text_value):
    (row,) = audit.chain(*head_of(server), 7, text_value, [Change(
        text_value or "x", "enterprise", text_value, {"name": text_value}, {"name": text_value + "!"})], at=AT)
    server.execute(INSERT, row)  # accepted: the server made the same hash
    assert assert_one_line(server)[-1]["actor_name"] == text_value


def test_a_first_event_follows_the_genesis_hash(postgres_server, server_template):
    """A database without reference data (made by the migrations alone): its first event is 1,
    after db.audit.GENESIS; the head appears with it."""
    name = "zonedesk_bare_trail"
    with postgres_server.connect() as admin:
        admin.execute(f"CREATE DATABASE {name} OWNER {schema.OWNER}")
    engine = server_engine(postgres_server.url(database=name))
    try:
        with engine.begin() as connection:
            schema.upgrade(connection)
        with postgres_server.connect(database=name) as connection:
            assert connection.execute(HEAD).fetchone() is None
            (first,) = next_events((0, GENESIS), {"n": 1})
            with pytest.raises(psycopg.errors.IntegrityError, match="prev_hash"):
                connection.execute(INSERT, first | {"prev_hash": "1" * 64})
            with pytest.raises(psycopg.errors.IntegrityError, match="event 2 does not follow"):
                connection.execute(INSERT, next_events((1, GENESIS), {"n": 1})[0])
            connection.execute(INSERT, first)
            assert connection.execute(HEAD).fetchone() == (1, first["hash"])
    finally:
        engine.dispose()
        postgres_server.wait_until_gone(name)
        with postgres_server.connect() as admin:
            admin.execute(f"DROP DATABASE {name}")


def test_one_statement_may_append_several_events(server):
    rows = next_events(head_of(server), {"n": 1}, {"n": 2}, {"zone_id": 2})
    values = ", ".join(f"(%(seq{i})s, %(at{i})s, %(actor_id{i})s, %(actor_name{i})s, %(action{i})s,"
                       f" %(entity_type{i})s, %(entity_id{i})s, %(before_json{i})s,"
                       f" %(after_json{i})s, %(prev_hash{i})s, %(hash{i})s)" for i in range(3))
    server.execute(f"INSERT INTO auditevent ({', '.join(audit.EVENT_COLUMNS)}) VALUES {values}",
                   {f"{k}{i}": v for i, row in enumerate(rows) for k, v in row.items()})
    assert head_of(server) == (7, rows[-1]["hash"])
    assert server.execute("SELECT seq, zone_id FROM auditzone WHERE seq > 4 ORDER BY seq").fetchall() \
        == [(5, 1), (6, 1), (7, 1)]
    assert_one_line(server)


def test_the_head_follows_the_trail_only(server):
    seq, newest = head_of(server)
    words = "the audit head names the newest audit event: it moves with the trail only"
    older = server.execute("SELECT seq, hash FROM auditevent WHERE seq = 2").fetchone()
    for sql, values in (("UPDATE audithead SET seq = %s, hash = %s", older),
                        ("UPDATE audithead SET seq = %s, hash = %s", (seq + 1, newest)),
                        ("UPDATE audithead SET seq = %s, hash = %s", (seq, "0" * 64)),
                        ("DELETE FROM audithead", ()),
                        ("INSERT INTO audithead (id, seq, hash) VALUES (2, %s, %s)", (seq, newest))):
        with pytest.raises(psycopg.errors.IntegrityError, match=words):
            server.execute(sql, values)
    # the program's own upsert of what the trigger already wrote (db/audit.py) stays harmless
    server.execute("INSERT INTO audithead (id, seq, hash) VALUES (1, %s, %s) ON CONFLICT (id)"
                   " DO UPDATE SET seq = excluded.seq, hash = excluded.hash", (seq, newest))
    assert head_of(server) == (seq, newest)


# what the services record, in three actions: a firm registered with its tenancy, an entry
# approved, the firm moved to Z02, a zone edited, a tenancy deleted
ACTIONS = (
    (Change("enterprise.create", "enterprise", 12, None, {"zone_id": 1, "name": "星河"}),
     Change("tenancy.create", "tenancy", 5, None, {"enterprise_id": 12, "zone_id": 1})),
    (Change("subsidy_entry.approve", "subsidy_entry", 7, {"enterprise_id": 12, "zone_id": 1,
                                                          "status": "submitted"},
            {"enterprise_id": 12, "zone_id": 1, "status": "approved"}),),
    (Change("enterprise.move", "enterprise", 12, {"zone_id": 1}, {"zone_id": 2}),
     Change("zone.update", "zone", 2, {"phone": "1"}, {"phone": "2"}),
     Change("tenancy.delete", "tenancy", 5, {"enterprise_id": 12, "zone_id": 1}, None),
     Change("staff.create", "staff", 3, None, {"zone_id": 1})),
)


def test_the_programs_own_record_keeps_the_line_and_indexes_as_sqlite(postgres_server,
                                                                       server_database, db):
    """db.audit.record on the server, as the services call it, and the same actions recorded
    in an SQLite file: the server's trail is one line and its index of firms and zones is the
    file's."""
    server = ServerDatabase(postgres_server.url(database=server_database))
    try:
        for database in (server, db):
            for changes in ACTIONS:
                with database.writing() as uow:
                    audit.record(uow.session, None, *changes)
                    uow.commit()
        index = ("SELECT seq, enterprise_id, zone_id FROM auditsubject ORDER BY seq",
                 "SELECT zone_id, seq FROM auditzone ORDER BY seq, zone_id")
        found = []
        for database in (server, db):
            with database.reading() as uow:
                found.append([uow.session.execute(text(q)).all() for q in index])
    finally:
        server.dispose()
    subjects, zones = found[0]
    assert found[0] == found[1]
    assert subjects == [(5, 12, 1), (6, 12, 1), (7, 12, 1), (8, 12, 2), (9, None, 2), (10, 12, 1)]
    assert zones == [(1, 5), (1, 6), (1, 7), (1, 8), (2, 8), (2, 9), (1, 10)]
    with postgres_server.connect(database=server_database) as connection:
        assert len(assert_one_line(connection)) == 4 + 7


def test_a_writer_who_read_the_head_before_the_lock_waits_then_is_refused(postgres_server,
                                                                        server_database):
    """Two writers read the same head; the first appends and holds the trail's lock until it
    commits; the second waits for it inside the trigger, then sees the newer head and is
    refused: one line, no fork, no second event numbered alike."""
    first = psycopg.connect(host=str(postgres_server.socket_folder), port=postgres_server.port,
                            user="postgres", dbname=server_database)
    second = psycopg.connect(host=str(postgres_server.socket_folder), port=postgres_server.port,
                             user="postgres", dbname=server_database)
    outcome: list[BaseException | None] = []
    try:
        mine, theirs = (next_events(head_of(c), {"by": n})[0] for n, c in enumerate((first, second)))
        first.execute(INSERT, mine)

        def append_late() -> None:
            try:
                second.execute(INSERT, theirs)
                outcome.append(None)
            except psycopg.Error as error:
                outcome.append(error)

        late = threading.Thread(target=append_late)
        late.start()
        with postgres_server.connect(database=server_database) as watcher:
            waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            deadline = time.monotonic() + 10
            while watcher.execute(waiting).fetchone()[0] == 0 and time.monotonic() < deadline:
                time.sleep(0.01)
            assert watcher.execute(waiting).fetchone()[0] == 1 and not outcome
        first.commit()
        late.join(10)
        assert isinstance(outcome[0], psycopg.errors.IntegrityError)
        assert "audit event 5 does not follow the newest event, 5" in str(outcome[0])
        second.rollback()
        assert assert_one_line(first)[-1]["hash"] == mine["hash"]
    finally:
        first.close()
        second.close()


# --- many writers at once -----------------------------------------------------------------------

EVENTS_EACH = 25


def _append_many(socket: str, port: int, database: str, name: str, start: object, clock: object,
                 windows: object) -> None:
    """One "PC": its own connection, EVENTS_EACH events, each in a transaction that takes the
    trail's lock, reads audithead and appends the next event. Nothing retried."""
    connection = psycopg.connect(host=socket, port=port, user="postgres", dbname=database)
    start.wait()
    began, since = tick(clock), time.perf_counter()
    for n in range(EVENTS_EACH):
        with connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (RULES.TRAIL_LOCK,))
            connection.execute(INSERT, next_events(head_of(connection), {"n": n}, name=name)[0])
    windows.put((began, tick(clock), time.perf_counter() - since))
    connection.close()


@pytest.mark.slow  # ten interpreters started (spawn) on a small machine
@pytest.mark.parametrize("writers", [2, 10])
def test_concurrent_writers_append_one_line(postgres_server, server_database, tmp_path, writers):
    context = multiprocessing.get_context("spawn")
    start, clock, windows = context.Barrier(writers + 1), shared_clock(context), context.Queue()
    pcs = [context.Process(target=_append_many, args=(
        str(postgres_server.socket_folder), postgres_server.port, server_database, f"pc{n:02d}",
        start, clock, windows)) for n in range(writers)]
    for pc in pcs:
        pc.start()
    start.wait(60)
    for pc in pcs:
        pc.join(120)
    assert [pc.exitcode for pc in pcs] == [0] * writers
    reports = [windows.get(timeout=5) for _ in pcs]
    assert worked_together([(began, ended) for began, ended, _ in reports])
    with postgres_server.connect(database=server_database) as connection:
        rows = assert_one_line(connection)
    appended = rows[4:]
    assert len(appended) == writers * EVENTS_EACH
    assert {r["actor_name"] for r in appended} == {f"pc{n:02d}" for n in range(writers)}
    print(f"{writers} writers: {len(appended)} events, the slowest done in"
          f" {max(seconds for _, _, seconds in reports):.2f} s")
    assert _verified_by_the_program(rows, tmp_path) == len(rows)


def _verified_by_the_program(rows: list[dict], folder) -> int:  # noqa: ANN001
    """The server's trail copied into a new SQLite file and judged by db.audit.verify_connection,
    the project's own verifier of a chain (and of its head): the number of events it verified."""
    database = Database(folder / "copy.sqlite")
    migrate.upgrade(database)
    database.dispose()
    connection = sqlite3.connect(folder / "copy.sqlite")
    try:
        columns = audit.EVENT_COLUMNS
        connection.executemany(f"INSERT INTO auditevent ({', '.join(columns)}) VALUES"
                               f" ({', '.join('?' * len(columns))})",
                               [[r[c] for c in columns] for r in rows])
        connection.execute("INSERT INTO audithead (id, seq, hash) VALUES (1, ?, ?)",
                           (rows[-1]["seq"], rows[-1]["hash"]))
        connection.commit()
        check = audit.verify_connection(connection)
    finally:
        connection.close()
    assert check.ok, check.sentence()
    return check.events
