"""The server keeps the rules of the SQLite triggers (migration 0013), for everyone who reaches
the tables, the superuser included: each change below is made with raw SQL on a server database
and on an SQLite file holding the same rows, and both must give the same verdict, with the same
words, and keep the same rows. What only a server needs (TRUNCATE, the trail's one line under
concurrent writers) is tested on the server alone, further down.
"""

import sqlite3
from importlib import import_module

import psycopg
import pytest
import sqlalchemy.exc
from sqlalchemy import text

from db import audit
from db.server.connection import server_engine

RULES = import_module("db.migrations.versions.0013_the_server_keeps_the_rules")
MOMENT = "2026-11-22T02:00:00+00:00"  # what the rows say; no test reads the calendar
KEY = bytes(range(32))


class Twins:
    """The same database on the server and in an SQLite file: `verdict()` runs one statement on
    both and asserts they agree; `pg` and `lite` are each engine's raw connection."""

    def __init__(self, pg: psycopg.Connection, lite: sqlite3.Connection) -> None:
        self.pg, self.lite = pg, lite

    def _on_server(self, sql: str, params: tuple) -> str:
        try:
            cursor = self.pg.execute(sql.replace("?", "%s"), params)
        except psycopg.errors.IntegrityError as error:
            return f"refused: {error.diag.message_primary}"
        return f"ok ({cursor.rowcount})"

    def _in_file(self, sql: str, params: tuple) -> str:
        try:
            cursor = self.lite.execute(sql, params)
        except sqlite3.IntegrityError as error:
            return f"refused: {error}"
        return f"ok ({cursor.rowcount})"

    def verdict(self, sql: str, *params: object) -> str:
        server, file = self._on_server(sql, params), self._in_file(sql, params)
        assert server == file, f"{sql}: the server says {server!r}, the file {file!r}"
        return server

    def setup(self, sql: str, *params: object) -> None:
        """Rows both engines hold before a test: no verdict compared."""
        self.pg.execute(sql.replace("?", "%s"), params)
        self.lite.execute(sql, params)

    def do(self, sql: str, *params: object) -> None:
        assert self.verdict(sql, *params).startswith("ok"), sql

    def refused(self, sql: str, *params: object, words: str) -> None:
        """Refused on both engines with `words`, and neither engine's table changed."""
        words_of_sql = sql.split()
        table = words_of_sql[2] if words_of_sql[0] in ("INSERT", "DELETE") else words_of_sql[1]
        before = self.rows(table)
        verdict = self.verdict(sql, *params)
        assert verdict.startswith("refused") and words in verdict, verdict
        assert self.rows(table) == before

    def rows(self, table: str) -> tuple[list, list]:
        query = f"SELECT * FROM {table} ORDER BY 1, 2"
        return (self.pg.execute(query).fetchall(), self.lite.execute(query).fetchall())

    def same(self, query: str) -> list:
        """The rows of `query` on both engines, asserted equal."""
        server, file = self.pg.execute(query).fetchall(), self.lite.execute(query).fetchall()
        assert server == file, (query, server, file)
        return server


# besides the reference data (districts, sectors, zones Z01 = 1 and Z02 = 2, clusters, and its
# four audit events) that both a server and a new file get
WORLD = [
    *(f"INSERT INTO staffaccount (id, username, display_name, role, password_hash,"
      f" failed_attempts, active, version, created_at) VALUES ({n}, '{name}', '{name}', '{role}',"
      f" 'x', 0, TRUE, 1, '{MOMENT}')"
      for n, name, role in ((1, "clerk1", "clerk"), (2, "reviewer1", "reviewer"), (3, "admin", "admin"))),
    *(f"INSERT INTO enterprise (id, uscc, name, name_en, legal_representative,"
      f" registered_capital_fen, sector_code, industry_code, employees, annual_revenue_fen,"
      f" core_tech, core_tech_note, giant_level, contact_name, contact_phone, contact_email,"
      f" zone_id, size_class, status, uscc_check, version, created_at, updated_at, spelled) VALUES"
      f" ({n}, '91310115MA1K00000{n}', '星河{n}', '', '张三', 100, 'ai', 'I65', 50, 1000,"
      f" FALSE, '', 'none', '', '', '', 1, 'small', 'active', 'ok', 1, '{MOMENT}', '{MOMENT}', '')"
      for n in (1, 2)),
]


@pytest.fixture
def twins(postgres_server, server_database, db_path):  # noqa: ANN201
    lite = sqlite3.connect(db_path, isolation_level=None)
    lite.execute("PRAGMA foreign_keys = ON")
    with postgres_server.connect(database=server_database) as pg:
        both = Twins(pg, lite)
        assert both.same("SELECT id, code FROM zone WHERE id <= 2 ORDER BY id") == [(1, "Z01"), (2, "Z02")]
        assert both.same("SELECT max(seq) FROM auditevent") == [(4,)]
        for statement in WORLD:
            both.setup(statement)
        yield both
    lite.close()


ENTRY = ("INSERT INTO subsidyentry (id, enterprise_id, zone_id, category, period, quantity_x100,"
         " billed_fen, subsidy_fen, rate_bp, bill_reference, status, reverses_id, reason,"
         " entered_by, entered_at, decided_by, decided_at, decision_note, version)"
         " VALUES (?, 1, 1, ?, ?, ?, ?, ?, 5000, '', ?, ?, '', 1, ?, ?, ?, '', 1)")


def entry_values(number: int, status: str, category: str = "electricity",
                 period: str = "2026-03", reverses: int | None = None) -> tuple:
    """ENTRY's values: a bill of 10,000 yuan, half of it subsidised (negative for a reversal)."""
    sign = -1 if reverses else 1
    decided = status in ("approved", "rejected")
    return (number, category, period, sign * 100, sign * 1_000_000, sign * 500_000, status,
            reverses, MOMENT, 2 if decided else None, MOMENT if decided else None)


def entry(twins: Twins, number: int, status: str, category: str = "electricity",
          period: str = "2026-03", reverses: int | None = None) -> int:
    twins.do(ENTRY, *entry_values(number, status, category, period, reverses))
    return number


def award(twins: Twins, number: int, status: str, reverses: int | None = None) -> int:
    sign = -1 if reverses else 1
    twins.do("INSERT INTO award (id, enterprise_id, zone_id, kind, level, document_no, bank,"
             " loan_fen, term_months, amount_fen, status, reverses_id, reason, entered_by,"
             " entered_at, decided_by, decision_note, version) VALUES (?, 1, 1, 'loan_guarantee',"
             " '', '', '中国银行', ?, 12, ?, ?, ?, '', 1, ?, 2, '', 1)",
             number, sign * 100_000_000, sign * 50_000_000, status, reverses, MOMENT)
    return number


# --- approved and rejected money is frozen (0002) ---------------------------------------------

@pytest.mark.parametrize("status", ["approved", "rejected"])
def test_a_decided_entry_cannot_be_changed_or_deleted(twins, status):
    decided = entry(twins, 1, status)
    twins.refused("UPDATE subsidyentry SET billed_fen = billed_fen + 100 WHERE id = ?", decided,
                  words="subsidy entries that were decided cannot be changed: reverse them")
    twins.refused("DELETE FROM subsidyentry WHERE id = ?", decided,
                  words="only draft subsidy entries can be deleted")


def test_drafts_and_submitted_entries_are_not_frozen(twins):
    draft, submitted = entry(twins, 1, "draft", "water"), entry(twins, 2, "submitted", "land")
    twins.do("UPDATE subsidyentry SET billed_fen = billed_fen + 100 WHERE id IN (?, ?)",
             draft, submitted)
    assert twins.same("SELECT billed_fen FROM subsidyentry ORDER BY id") == [(1_000_100,)] * 2
    twins.do("DELETE FROM subsidyentry WHERE id = ?", draft)
    twins.refused("DELETE FROM subsidyentry WHERE id = ?", submitted,
                  words="only draft subsidy entries can be deleted")


@pytest.mark.parametrize("change", [
    "status = 'submitted'", "status = 'draft'", "status = 'approved'", "status = 'rejected'",
    "subsidy_fen = subsidy_fen + 1", "decided_by = NULL", "decided_at = NULL",
    "decision_note = 'x'", "version = version + 1", "period = '2026-04'", "bill_reference = 'x'",
    "enterprise_id = enterprise_id", "id = id + 1000", "reverses_id = id", "reason = 'x'",
])
@pytest.mark.parametrize("status", ["approved", "rejected"])
def test_no_column_of_a_decided_entry_changes(twins, change, status):
    """Even setting a column to what it is: SQLite's trigger refuses every UPDATE of the row
    but the link, and so does the server's."""
    decided = entry(twins, 1, status)
    twins.refused(f"UPDATE subsidyentry SET {change} WHERE id = ?", decided, words="cannot be changed")


def test_the_link_to_the_reversal_is_allowed_once_and_alone(twins):
    original = entry(twins, 1, "approved")
    reversal = entry(twins, 2, "approved", reverses=original)
    other = entry(twins, 3, "approved", "water")
    link = "UPDATE subsidyentry SET reversed_by_id = ? WHERE id = ?"
    words = "cannot be changed"
    twins.refused("UPDATE subsidyentry SET reversed_by_id = ?, version = version + 1 WHERE id = ?",
                  reversal, original, words=words)
    twins.refused("UPDATE subsidyentry SET reversed_by_id = ?, decision_note = 'x' WHERE id = ?",
                  reversal, original, words=words)
    twins.refused(link, other, original, words=words)  # not the entry that reverses it
    twins.refused(link, original, original, words=words)
    twins.do(link, reversal, original)
    for target in (other, None, reversal):  # once
        twins.refused(link, target, original, words=words)
    assert twins.same("SELECT reversed_by_id FROM subsidyentry WHERE id = 1") == [(reversal,)]


def test_no_link_to_a_reversal_still_waiting_for_review_or_on_a_rejected_entry(twins):
    original = entry(twins, 1, "approved")
    waiting = entry(twins, 2, "submitted", reverses=original)
    rejected = entry(twins, 3, "rejected", "water")
    link = "UPDATE subsidyentry SET reversed_by_id = ? WHERE id = ?"
    twins.refused(link, waiting, original, words="cannot be changed")
    twins.refused(link, waiting, rejected, words="cannot be changed")


@pytest.mark.parametrize("status", ["approved", "rejected"])
def test_a_decided_award_is_frozen_but_for_its_reversal_link(twins, status):
    decided = award(twins, 1, status)
    twins.refused("UPDATE award SET amount_fen = amount_fen + 1 WHERE id = ?", decided,
                  words="awards that were decided cannot be changed: reverse them")
    twins.refused("DELETE FROM award WHERE id = ?", decided, words="only draft awards can be deleted")
    reversal = award(twins, 2, "approved", reverses=decided)
    verdict = twins.verdict("UPDATE award SET reversed_by_id = ? WHERE id = ?", reversal, decided)
    assert verdict == ("ok (1)" if status == "approved" else
                       "refused: awards that were decided cannot be changed: reverse them")


# --- closed months (0002) and approved totals (0003) -------------------------------------------

def test_a_closed_month_takes_no_new_changed_or_deleted_entry(twins):
    draft, submitted = entry(twins, 1, "draft", "water"), entry(twins, 2, "submitted", "land")
    approved = entry(twins, 3, "approved")
    twins.do(f"INSERT INTO closedperiod (period, closed_by, closed_at) VALUES ('2026-03', 3, '{MOMENT}')")
    closed = "this month is closed"
    for sql in ("UPDATE subsidyentry SET billed_fen = 5 WHERE id = ?",
                "UPDATE subsidyentry SET status = 'approved' WHERE id = ?",
                "UPDATE subsidyentry SET period = '2026-04' WHERE id = ?",  # nor moved out of it
                "DELETE FROM subsidyentry WHERE id = ?"):
        for number in (draft, submitted, approved):  # an approved one: the month speaks first
            twins.refused(sql, number, words=closed)
    twins.refused(ENTRY, *entry_values(4, "draft", "internet"), words=closed)
    twins.refused("UPDATE subsidyentry SET period = '2026-03' WHERE id = ?",
                  entry(twins, 5, "draft", "internet", period="2026-04"), words=closed)
    # a reversal posted into an open month, and its link reaching the closed one
    reversal = entry(twins, 6, "approved", period="2026-11", reverses=approved)
    twins.do("UPDATE subsidyentry SET reversed_by_id = ? WHERE id = ?", reversal, approved)


def test_approved_totals_follow_the_approved_entries(twins):
    entry(twins, 1, "approved")  # inserted approved, as bulk loads do
    entry(twins, 2, "submitted", "water")
    entry(twins, 3, "submitted", "electricity", period="2026-04")
    twins.do("UPDATE subsidyentry SET status = 'approved', decided_by = 2 WHERE id IN (2, 3)")
    entry(twins, 4, "approved", period="2026-11", reverses=1)  # nets out in its own month
    entry(twins, 5, "rejected", "land")
    totals = twins.same("SELECT zone_id, period, category, amount_fen, entries FROM approvedtotal"
                        " ORDER BY period, category")
    assert totals == [(1, "2026-03", "electricity", 500_000, 1), (1, "2026-03", "water", 500_000, 1),
                      (1, "2026-04", "electricity", 500_000, 1), (1, "2026-11", "electricity", -500_000, 1)]


def test_nobody_writes_the_approved_totals_but_the_triggers(twins):
    """Beyond SQLite's triggers: on the server the totals are the triggers' alone."""
    entry(twins, 1, "approved")
    words = "approved totals are kept by the database itself"
    for sql in ("UPDATE approvedtotal SET amount_fen = 0",
                "DELETE FROM approvedtotal",
                "INSERT INTO approvedtotal VALUES (2, '2026-03', 'water', 1, 1)"):
        with pytest.raises(psycopg.errors.IntegrityError, match=words):
            twins.pg.execute(sql)
    assert twins.pg.execute("SELECT amount_fen, entries FROM approvedtotal").fetchall() == [(500_000, 1)]


# --- certificates, keys, the database's identity, the demo mark (0004, 0005, 0008, 0011) -------

CERTIFICATE = ("INSERT INTO certificate (id, serial, zone_id, year, seq, kind, enterprise_id,"
               " amount_fen, period_from, period_to, payload, signature, key_id, content,"
               " issued_by, issued_at, status, revoked_reason, print_count, version, batch)"
               " VALUES (1, 'Z01-2026-000001', 1, 2026, 1, 'subsidy', 1, 500000, '2026-03',"
               " '2026-03', ?, ?, 'k1', '{}', 1, ?, 'valid', '', 1, 1, ?)")


@pytest.fixture
def issued(twins) -> Twins:
    for key_id, own in (("k1", True), ("k2", False)):
        twins.do("INSERT INTO signingkey (key_id, public_key, office, own, added_at, database_id,"
                 " retired_reason) VALUES (?, ?, '本所', ?, ?, NULL, '')", key_id, KEY, own, MOMENT)
    entry(twins, 1, "approved")
    twins.do(CERTIFICATE, b"payload", b"signature", MOMENT, "0" * 32)
    twins.do("INSERT INTO certificatecover (certificate_id, entry_id) VALUES (1, 1)")
    return twins


@pytest.mark.parametrize("change", [
    "serial = 'Z01-2026-000002'", "amount_fen = 1", "amount_fen = NULL", "content = 'x'",
    "payload = signature", "batch = NULL", "batch = '11111111111111111111111111111111'",
    "print_count = 0", "seq = 2", "issued_by = 2", "zone_id = 2", "year = 2027", "kind = 'tenancy'",
    "enterprise_id = 2", "period_from = '2026-02'", "period_to = '2026-04'", "key_id = 'k2'",
    "signature = payload", "issued_at = NULL",
])
def test_an_issued_certificate_is_fixed(issued, change):
    issued.refused(f"UPDATE certificate SET {change} WHERE id = 1",
                   words="an issued certificate cannot be changed: revoke it")


def test_a_column_of_a_certificate_set_to_what_it_holds_is_no_change(issued):
    """The control of the test above: both engines let such an UPDATE be."""
    for column in RULES.CERTIFICATE_FIXED:
        assert issued.verdict(f"UPDATE certificate SET {column} = {column} WHERE id = 1") == "ok (1)"


def test_a_certificate_is_printed_again_and_revoked_once(issued):
    words = "an issued certificate cannot be changed: revoke it"
    issued.do("UPDATE certificate SET print_count = print_count + 1, version = 2 WHERE id = 1")
    issued.do("UPDATE certificate SET status = 'revoked', revoked_reason = '开错', revoked_by = 2,"
              " revoked_at = ? WHERE id = 1", MOMENT)
    for change in ("status = 'valid'", "revoked_reason = 'x'", "revoked_by = 1", "revoked_at = NULL"):
        issued.refused(f"UPDATE certificate SET {change} WHERE id = 1", words=words)
    issued.refused("DELETE FROM certificate", words="certificates are never deleted: revoke it")
    for sql in ("UPDATE certificatecover SET entry_id = entry_id", "DELETE FROM certificatecover"):
        issued.refused(sql, words="what a certificate covers cannot be changed")


def test_keys_are_fixed_retired_once_and_kept(issued):
    issued.refused("UPDATE signingkey SET public_key = ? WHERE key_id = 'k1'", bytes(32),
                   words="a public key cannot be changed")
    # both rules broken at once: SQLite's newer trigger speaks, on both engines
    issued.refused("UPDATE signingkey SET public_key = ?, own = FALSE WHERE key_id = 'k1'",
                   bytes(32), words="a key of this database is retired once, never revived")
    revived = "a key of this database is retired once, never revived"
    issued.refused("UPDATE signingkey SET retired_at = ? WHERE key_id = 'k2'", MOMENT, words=revived)
    issued.refused("UPDATE signingkey SET database_id = 'x' WHERE key_id = 'k1'", words=revived)
    issued.do("UPDATE signingkey SET retired_at = ?, retired_by = 3, retired_reason = '换新'"
              " WHERE key_id = 'k1'", MOMENT)
    for change in ("retired_at = NULL", "retired_by = 1", "retired_reason = 'x'"):
        issued.refused(f"UPDATE signingkey SET {change} WHERE key_id = 'k1'", words=revived)
    issued.refused("DELETE FROM signingkey WHERE key_id = 'k1'",
                   words="the keys of this database are retired, never deleted")
    issued.do("UPDATE signingkey SET office = '别所' WHERE key_id = 'k2'")


def test_the_identity_of_a_database_and_its_demo_mark_are_kept(twins):
    for sql in ("UPDATE databaseidentity SET database_id = database_id", "DELETE FROM databaseidentity"):
        twins.refused(sql, words="the identity of a database never changes")
    twins.do(f"INSERT INTO officesetting (name, value, changed_at) VALUES ('demo_data', '1', '{MOMENT}'),"
             f" ('backup_folder', '/x', '{MOMENT}')")
    for sql in ("UPDATE officesetting SET value = '0' WHERE name = 'demo_data'",
                "DELETE FROM officesetting WHERE name = 'demo_data'"):
        twins.refused(sql, words="a demo database stays marked as one")
    twins.do("UPDATE officesetting SET value = '/y' WHERE name = 'backup_folder'")


# --- the audit trail: append-only, and its index filled as SQLite fills it (0001, 0010) ---------

EVENT = ("INSERT INTO auditevent (seq, at, actor_id, actor_name, action, entity_type, entity_id,"
         " before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def event(seq: int, prev_hash: str, entity_type: str, entity_id: str, before: str, after: str,
          **other: object) -> dict:
    """One event as db.audit.chain makes it, with JSON texts given as they are."""
    row = {"seq": seq, "at": "2026-11-22T02:00:00.000000Z", "actor_id": 1, "actor_name": "clerk1",
           "action": f"{entity_type}.change", "entity_type": entity_type, "entity_id": entity_id,
           "before_json": before, "after_json": after, "prev_hash": prev_hash} | other
    return row | {"hash": audit.event_hash(prev_hash, row)}


def chained(head: tuple[int, str], values: tuple) -> list[dict]:
    """Events with `values` (entity_type, entity_id, before_json, after_json) after `head`."""
    rows, (seq, prev) = [], head
    for value in values:
        seq += 1
        rows.append(event(seq, prev, *value))
        prev = rows[-1]["hash"]
    return rows


def append(twins: Twins, values: tuple) -> None:
    """The events of `values`, each engine's chained after its own newest event (both have
    the same number of events, not the same hashes)."""
    head = "SELECT seq, hash FROM audithead WHERE id = 1"
    for connection, placeholder in ((twins.pg, "%s"), (twins.lite, "?")):
        for row in chained(connection.execute(head).fetchone(), values):
            connection.execute(EVENT.replace("?", placeholder), [row[c] for c in audit.EVENT_COLUMNS])


# what the program writes, and what a hand may write; SQLite keeps a text or real here where a
# BIGINT cannot (UNSTORABLE below), and the server keeps NULL
INDEXED = (
    ("enterprise", "12", "null", '{"zone_id":1,"name":"星河"}'),
    ("enterprise", "12", '{"zone_id":1}', '{"zone_id":2}'),  # moved: found under both zones
    ("enterprise", "13", '{"zone_id":2}', "null"),  # deleted: its values before
    ("tenancy", "5", "null", '{"enterprise_id":12,"zone_id":2}'),
    ("subsidy_entry", "7", '{"enterprise_id":12,"zone_id":1,"status":"submitted"}',
     '{"enterprise_id":12,"zone_id":1,"status":"approved"}'),
    ("zone", "2", "null", '{"code":"Z02"}'),
    ("zone", " 3 ", "null", '{"zone_id":9}'),  # CAST(' 3 ' AS INTEGER) is 3
    ("zone", "4abc", "null", "null"), ("zone", "abc", "null", "null"),
    ("zone", "99999999999999999999", "null", "null"),  # clamped, as SQLite's CAST does
    ("enterprise", "-7", "null", "not json"),
    ("award", "3", "null", '{"enterprise_id":"12","zone_id":"1"}'),  # numeric text: a number
    ("award", "4", "null", '{"enterprise_id":12.0,"zone_id":1e0}'),  # whole reals: numbers
    ("certificate", "5", "null", '{"zone_id":true,"enterprise_id":false}'),
    ("budget", "7", "null", '[{"zone_id":1}]'), ("budget", "8", "null", "7"),
    ("budget", "9", "null", '{"zone_id":" 2 "}'),
    ("staff", "1", "null", '{"zone_id":1}'),  # not a subject: not indexed
    ("tenancy", "6", '{"zone_id":2}', "not json"),  # invalid after: its after is still used
)
UNSTORABLE = (
    ("award", "8", "null", '{"enterprise_id":1.5,"zone_id":"Z01"}'),
    ("budget", "10", "null", '{"zone_id":[1],"enterprise_id":{"a":1}}'),
    ("budget", "11", "null", '{"zone_id":1e30}'),
    ("budget", "6", "null", '{"zone_id":1,"zone_id":2}'),  # twice: SQLite reads the first
)


def test_the_audit_index_is_filled_as_sqlite_fills_it(twins):
    append(twins, INDEXED)
    subjects = twins.same("SELECT seq, enterprise_id, zone_id FROM auditsubject ORDER BY seq")
    zones = twins.same("SELECT zone_id, seq FROM auditzone ORDER BY seq, zone_id")
    assert subjects[:3] == [(5, 12, 1), (6, 12, 2), (7, 13, 2)]  # after the reference's 4
    assert (1, 6) in zones and (2, 6) in zones and len(subjects) == len(INDEXED) - 1


def test_where_the_servers_index_differs_from_sqlites(twins):
    """What a BIGINT cannot hold is indexed as nothing; a key given twice (never by the
    program) is read as PostgreSQL reads JSON, the last one."""
    append(twins, UNSTORABLE)
    server = twins.pg.execute("SELECT seq, enterprise_id, zone_id FROM auditsubject ORDER BY seq")
    assert server.fetchall() == [(5, None, None), (6, None, None), (7, None, None), (8, None, 2)]
    assert twins.pg.execute("SELECT zone_id, seq FROM auditzone").fetchall() == [(2, 8)]
    file = twins.lite.execute("SELECT enterprise_id, zone_id FROM auditsubject ORDER BY seq")
    assert file.fetchall() == [(1.5, "Z01"), ('{"a":1}', "[1]"), (None, 1e30), (None, 1)]


def test_the_trail_and_its_index_are_append_only(twins):
    append(twins, INDEXED[:2])
    twins.refused("UPDATE auditevent SET actor_name = 'x' WHERE seq = 5",
                  words="audit events cannot be changed")
    twins.refused("DELETE FROM auditevent WHERE seq = 6", words="audit events cannot be deleted")
    for table in ("auditsubject", "auditzone"):
        twins.refused(f"UPDATE {table} SET seq = seq", words="the audit index cannot be changed")
        twins.refused(f"DELETE FROM {table}", words="the audit index cannot be changed")
    # beyond SQLite: nobody writes the index but the trail's trigger
    for sql in ("INSERT INTO auditsubject VALUES (7, 1, 1)", "INSERT INTO auditzone VALUES (1, 7)"):
        with pytest.raises(psycopg.errors.IntegrityError, match="the audit index cannot be changed"):
            twins.pg.execute(sql)


def test_the_program_sees_the_servers_refusals_as_sqlites(twins, postgres_server, server_database):
    """sqlalchemy's IntegrityError with SQLite's words: what tests/rules/test_freezing.py and the
    program catch from an SQLite file."""
    entry(twins, 1, "approved")
    engine = server_engine(postgres_server.url(database=server_database))
    try:
        with engine.connect() as connection, pytest.raises(
                sqlalchemy.exc.IntegrityError, match="cannot be changed: reverse them"):
            connection.execute(text("UPDATE subsidyentry SET billed_fen = 1 WHERE id = 1"))
    finally:
        engine.dispose()


# --- beyond SQLite: TRUNCATE skips row triggers, so the server refuses it -------------------

def test_no_table_is_emptied_at_once(twins):
    entry(twins, 1, "approved")
    twins.do(f"INSERT INTO closedperiod (period, closed_by, closed_at) VALUES ('2026-02', 3, '{MOMENT}')")
    append(twins, INDEXED[:3])
    counts = "SELECT " + ", ".join(f"(SELECT count(*) FROM {t})" for t in RULES.KEPT_TABLES)
    before = twins.pg.execute(counts).fetchone()
    assert before.count(0) < len(before) // 2  # most tables hold rows
    for table in RULES.KEPT_TABLES:  # CASCADE: the tables referring to it would go too
        with pytest.raises(psycopg.errors.IntegrityError, match="is never emptied: TRUNCATE is refused"):
            twins.pg.execute(f"TRUNCATE {table} CASCADE")
    assert twins.pg.execute(counts).fetchone() == before


def test_the_tables_kept_from_truncate_are_every_table_of_0012(tmp_path):
    """KEPT_TABLES (test_no_table_is_emptied_at_once) is every table that migrations 0001-0012
    make (their search tables aside)."""
    from alembic import command

    from db.engine import Database
    from db.migrate import _config

    database = Database(tmp_path / "at_0012.sqlite")
    with database.writing_engine.begin() as connection:
        config = _config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0012")
        names = connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'"
                                           " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE"
                                           " 'enterprise_search%' AND name NOT LIKE"
                                           " 'enterprise_grams%'").scalars().all()
    database.dispose()
    assert sorted(RULES.KEPT_TABLES) == sorted(set(names) - {"alembic_version"})
