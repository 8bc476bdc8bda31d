"""Verification judges a server's trail and rows as it judges a file's (db/audit_reading.py): the
same tampering is found at the same place and said in the same sentence on both engines, and
what the program records hashes alike whichever engine wrote it.

The tamperer here has the database's own means: sqlite3 on a file (triggers dropped, then put
back), psql as the server's superuser (triggers disabled, then enabled again).
"""

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import event

from db import audit
from db.audit_anchor import anchor_code
from db.audit_verification import BROKEN, INTACT, verify_file, verify_server
from db.engine import Database
from db.services import approvals
from tests.ledger_data import make_book
from tests.rules.raw_sql import raw_connection


def on_server(db) -> bool:  # noqa: ANN001
    return not isinstance(db, Database)


def tamper(db, *statements: str, table: str = "auditevent") -> None:  # noqa: ANN001
    """Runs the statements with the table's protecting triggers out of the way."""
    connection = raw_connection(db)
    try:
        if on_server(db):
            connection.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        else:
            dropped = connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                                         " AND tbl_name = ?", (table,)).fetchall()
            for name, _sql in dropped:
                connection.execute(f"DROP TRIGGER {name}")
        for statement in statements:
            connection.execute(statement)
        if on_server(db):
            connection.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        else:
            for _name, sql in dropped:
                connection.execute(sql)
    finally:
        connection.close()


def raw(db, sql: str) -> None:  # noqa: ANN001
    connection = raw_connection(db)
    try:
        connection.execute(sql)
    finally:
        connection.close()


def verification(db, anchor: str | None = None):  # noqa: ANN001, ANN201
    return verify_server(db, anchor) if on_server(db) else verify_file(db.path, anchor)


@pytest.fixture
def book(db, people):  # noqa: ANN001, ANN201
    return make_book(db, people)


def test_an_untouched_trail_is_intact_with_its_anchor(db, people, book):
    check = audit.verify(db)
    assert check.ok and check.events > 40, check
    connection = raw_connection(db)
    seq, newest = connection.execute("SELECT seq, hash FROM auditevent ORDER BY seq DESC LIMIT 1").fetchone()
    connection.close()
    result = verification(db, anchor_code(seq, newest))
    assert result.status == INTACT, result.sentences
    assert result.sentences[-1] == f"It holds events 1 to {seq:,} exactly as anchored."
    assert result.anchor == anchor_code(seq, newest)


def test_an_edited_event_is_found_at_that_event(db, people, book):
    tamper(db, "UPDATE auditevent SET actor_name = 'someone_else' WHERE seq = 12")
    check = audit.verify(db)
    assert check.first_broken_seq == 12
    assert check.sentence() == ("Audit trail BROKEN at event 12: its content was changed after it "
                                "was written. 11 events before it verified.")
    assert verification(db).status == BROKEN


def test_cut_off_events_are_found_by_the_head(db, people, book):
    connection = raw_connection(db)
    last = connection.execute("SELECT max(seq) FROM auditevent").fetchone()[0]
    connection.close()
    tamper(db, f"DELETE FROM auditevent WHERE seq > {last - 2}")
    check = audit.verify(db)
    assert check.sentence() == (
        f"Audit trail BROKEN at event {last - 1}: events {last - 1} to {last} are missing (the "
        f"newest event recorded is {last}, the trail ends at {last - 2}). {last - 2:,} events "
        "before it verified.")


def test_rows_edited_behind_the_programs_back_are_named_alike(db, people, book):
    """A number, a date and a moment of a table's rows: the server's values are compared in the
    forms a file stores them, and said in the same words."""
    raw(db, f"UPDATE subsidyentry SET bill_reference = 'X-1' WHERE id = {book.land_april}")
    raw(db, f"UPDATE tenancy SET start_on = '2020-01-01' WHERE enterprise_id = {book.firm_c}")
    raw(db, f"UPDATE enterprise SET employees = 5, core_tech = NOT core_tech WHERE id = {book.firm_c}")
    check = audit.verify(db)
    assert not check.ok
    said = [m.sentence() for m in check.mismatches]
    assert len(said) == 4, said
    assert said[0].startswith(f"enterprise {book.firm_c}, core_tech: the file holds 1, but the "
                              "audit trail recorded false (event ")
    assert said[1].startswith(f"enterprise {book.firm_c}, employees: the file holds 5, but the "
                              "audit trail recorded 50 (event ")
    assert said[2].startswith("tenancy ") and ", start_on: the file holds “2020-01-01”, but the " \
        "audit trail recorded “2024-01-01” (event " in said[2]
    assert said[3].startswith(f"subsidyentry {book.land_april}, bill_reference: the file holds “X-1”, "
                              "but the audit trail recorded “L-0401” (event ")
    result = verification(db)
    assert result.status == BROKEN and len(result.sentences) == 5


def test_an_emptied_index_of_firms_and_zones_is_found(db, people, book):
    connection = raw_connection(db)
    first = connection.execute("SELECT min(seq) FROM auditsubject WHERE enterprise_id = ?",
                               (book.firm_b,)).fetchone()[0]
    connection.close()
    tamper(db, f"DELETE FROM auditsubject WHERE seq = {first}", table="auditsubject")
    check = audit.verify(db)
    assert check.reason == ("the audit trail's index of firms and zones differs from the events "
                            f"(event {first})")


def test_a_removed_trigger_of_the_trail_is_found(db, people, book):
    raw(db, "DROP TRIGGER auditevent_no_delete" + (" ON auditevent" if on_server(db) else ""))
    check = audit.verify(db)
    assert check.reason == "the trigger auditevent_no_delete that protects the audit table was removed"


@pytest.mark.now("2026-11-22T10:00:00+08:00")
def test_moments_are_recorded_in_utc_whatever_the_servers_time_zone(db, people, book):
    """Moments read back from the database are recorded in UTC whatever the server's time zone
    (here Shanghai's, as an office's server may well be set), so that an event hashes alike on
    both engines: a decision's event records the entry's moment of entry as its draft's event
    did, to the microsecond, and as the row holds it."""
    if on_server(db):
        raw(db, "ALTER DATABASE current_database() SET timezone TO 'Asia/Shanghai'".replace(
            "current_database()", db.engine.url.database))
        db.dispose()  # new connections, in Shanghai's time zone
    draft = book.land_april
    approvals.approve(db, actor=people.reviewer, entry_ids=[draft])
    connection = raw_connection(db)
    made, decided = (json.loads(r[0]) for r in connection.execute(
        "SELECT CASE WHEN action = 'entry.approve' THEN before_json ELSE after_json END"
        " FROM auditevent WHERE entity_type = 'subsidy_entry' AND entity_id = ?"
        " AND action IN ('entry.draft', 'entry.approve') ORDER BY seq", (str(draft),)).fetchall())
    stored = connection.execute("SELECT entered_at FROM subsidyentry WHERE id = ?", (draft,)).fetchone()[0]
    connection.close()
    assert decided["entered_at"] == made["entered_at"]
    moment = datetime.fromisoformat(str(stored)).replace(tzinfo=UTC)
    assert made["entered_at"] == moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    assert audit.verify(db).ok


def test_the_server_moves_the_head_itself(db, people, book):
    """The program writes events; on a server the trail's trigger moves the head (a person's
    role may not write it), on a file the program does."""
    seen: list[str] = []
    event.listen(db.writing_engine, "before_cursor_execute",
                 lambda conn, cursor, sql, *rest: seen.append(sql))
    approvals.approve(db, actor=people.reviewer, entry_ids=[book.land_april])
    writes_head = any("INTO audithead" in sql for sql in seen)
    assert writes_head is not on_server(db)
    assert audit.verify(db).ok
