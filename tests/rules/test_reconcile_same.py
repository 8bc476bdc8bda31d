"""The faster reconciliation (issue 14: one ordered pass over each table and over each kind's
events, each event decoded once, rows compared as tuples) finds exactly what it found before:
the same differences, in the same order, with the same sentences, on files tampered in every way
it looks at, together and one at a time, and with the list cut at any length.

The reference is the module as it was (tests/rules/reconcile_before.py, verbatim)."""

import shutil
import sqlite3

import pytest

from db import audit, demo
from db.reconcile import reconcile
from tests.fixed_clock import TEST_MOMENT, travel
from tests.rules import reconcile_before
from tests.rules.test_audit_reconcile import (  # noqa: F401 (office: a fixture)
    ENTERPRISE_COLUMNS,
    behind_the_back,
    office,
)


def _event(entity_type: str, entity_id: str, before: str, after: str) -> str:
    """An event appended with raw SQL (the chain is not what reconciliation reads)."""
    quoted = [v.replace("'", "''") for v in (entity_type, entity_id, before, after)]
    return ("INSERT INTO auditevent (seq, at, actor_id, actor_name, action, entity_type, entity_id,"
            " before_json, after_json, prev_hash, hash) SELECT max(seq) + 1,"
            " '2026-03-02T01:00:00.000000Z', NULL, 'someone', 'x.edit',"
            f" '{quoted[0]}', '{quoted[1]}', '{quoted[2]}', '{quoted[3]}', '', '' FROM auditevent")


# (what, the SQL): every path of the comparison, each kind of row
TAMPERINGS = [
    ("every entry's subsidy", "UPDATE subsidyentry SET subsidy_fen = subsidy_fen + 1"),
    ("a bill as a real number", "UPDATE subsidyentry SET billed_fen = billed_fen + 0.5"
     " WHERE id = (SELECT max(id) FROM subsidyentry)"),
    ("a bill as the bytes of its digits", "UPDATE subsidyentry SET billed_fen ="
     " CAST(CAST(billed_fen AS TEXT) AS BLOB) WHERE id = (SELECT min(id) FROM subsidyentry)"),
    ("a flag that is neither 0 nor 1", "UPDATE enterprise SET core_tech = 2 WHERE id = 1"),
    ("a flag turned", "UPDATE enterprise SET core_tech = 1 - core_tech WHERE id = 2"),
    ("a date written otherwise", "UPDATE enterprise SET founded_on = replace(founded_on, '-', '/')"
     " WHERE id = 3"),
    ("a value set to nothing, or from nothing", "UPDATE enterprise SET total_assets_fen ="
     " CASE WHEN total_assets_fen IS NULL THEN 5 ELSE NULL END WHERE id = 1"),
    ("firms added, first and last by key", *(
        f"INSERT INTO enterprise SELECT {n}, '91310115MA1K00000{n % 10}', '幽灵公司', "
        + ", ".join(ENTERPRISE_COLUMNS[3:]) + " FROM enterprise WHERE id = 1" for n in (1000, 99))),
    ("a tenancy deleted", "DELETE FROM tenancy WHERE id = 2"),
    ("a tenancy's deletion recorded, its row kept", _event("tenancy", "1", '{"id":1}', "null")),
    ("a change not detailed (the version forgotten)", _event("enterprise", "2", "null", "null")),
    ("a part of a firm recorded", _event("enterprise", "3", '{"employees":1}', '{"employees":77}')),
    ("a part recorded with spaces around it", _event("enterprise", "4", '{"employees":1}',
                                                    ' {"employees": 78} ')),
    ("a firm's employees recorded as a real number of the same value", _event(
        "enterprise", "4", '{"employees":1}', '{"employees":0}').replace(
        """'{"employees":0}'""", """'{"employees":' || (SELECT employees FROM enterprise"""
        """ WHERE id = 4) || '.0}'""")),
    ("a firm's event not JSON", _event("enterprise", "1", '{"employees":1}', "{not json")),
    ("an event with a byte order mark", _event("tenancy", "3", "{}", '\ufeff{"id":3}')),
    ("an event that is a list", _event("tenancy", "4", "{}", "[1, 2]")),
    ("an event that is a number", _event("award", "1", "{}", "5")),
    ("an event with extra data", _event("award", "1", "{}", '{"amount_fen":1}{}')),
    ("a firm recorded under an id written otherwise", _event("enterprise", "01", "null",
                                                            '{"id":1,"employees":3}')),
    ("a firm made again", _event("enterprise", "2", "null", '{"id":2,"employees":5}')),
    ("a programme limit raised", "UPDATE programmesetting SET value = value * 2"
     " WHERE key = 'guarantee_cap_per_firm_fen'"),
    ("an award amount deleted", "DELETE FROM awardrate WHERE id = 2"),
    ("a programme limit added", "INSERT INTO programmesetting (key, value, version)"
     " VALUES ('zz_cap_fen', 1, 1)"),
    ("a public key replaced", "UPDATE signingkey SET public_key = zeroblob(32)"),
    ("a zone given to a clerk", "INSERT INTO staffzone (staff_id, zone_id) SELECT id, 3"
     " FROM staffaccount WHERE username = 'clerk1'"),
    ("a password hash taken over", "UPDATE staffaccount SET password_hash = (SELECT password_hash"
     " FROM staffaccount WHERE username = 'clerk1') WHERE username = 'admin'"),
    ("a certificate's payload", "UPDATE certificate SET payload = CAST('forged' AS BLOB)"
     " WHERE status = 'valid'"),
    ("a month closed behind the back", "INSERT INTO closedperiod SELECT '2025-01', closed_by,"
     " closed_at FROM closedperiod WHERE period = '2026-01'"),
    ("a closed month reopened", "DELETE FROM closedperiod WHERE period = '2026-01'"),
    ("an edited zone renamed, an unedited one too", "UPDATE zone SET name = '别的园区'"
     " WHERE id IN (1, 5)"),
    ("an approved total", "UPDATE approvedtotal SET amount_fen = amount_fen + 1 WHERE rowid = 1"),
    ("a demo's mark without its event", "INSERT INTO officesetting (name, value, changed_at) VALUES"
     " ('zz_mark', 'x', '2026-01-01')"),
]
NOT_UTF8 = ("a name that is not UTF-8", "UPDATE enterprise SET name = CAST(x'ff41' AS TEXT) WHERE id = 2")


def _said(mismatches: list) -> list[tuple]:
    """Everything a difference says, its values' types and its sentence."""
    return [(m.table, m.key, m.field, m.found, type(m.found).__name__, m.recorded,
             type(m.recorded).__name__, m.seq,
             m.problem, m.sentence()) for m in mismatches]


def _both(path, limits=(1_000, 1, 7, 40)) -> list[tuple]:
    found = []
    for limit in limits:
        new, old = sqlite3.connect(path), sqlite3.connect(path)
        try:
            now, before = _said(reconcile(new, limit)), _said(reconcile_before.reconcile(old, limit))
        finally:
            new.close()
            old.close()
        assert now == before, limit
        found.append(now)
    return found[0]


def test_an_office_tampered_in_every_way_at_once(office, db_path):  # noqa: F811
    assert _both(db_path) == []
    behind_the_back(db_path, *(sql for _what, *sqls in TAMPERINGS for sql in sqls))
    said = _both(db_path)
    assert len(said) > 25 and {m[8] for m in said} == {"field", "unrecorded", "missing",
                                                       "deleted", "total", "unreadable"}


def test_one_tampering_at_a_time(office, db_path, tmp_path):  # noqa: F811
    """Each on a fresh copy of the same file: found alike (or, for a few, not at all alike)."""
    differ = []
    for n, (what, *sqls) in enumerate([*TAMPERINGS, NOT_UTF8]):
        copy = tmp_path / f"one-{n}.sqlite"
        shutil.copyfile(db_path, copy)
        behind_the_back(copy, *sqls)
        try:
            _both(copy, limits=(1_000, 1))
        except AssertionError:
            differ.append(what)
    assert differ == []


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("reconcile") / "demo.sqlite"
    with travel(TEST_MOMENT):
        demo.generate(path, firms=120)
    return path


def test_a_demo_with_many_differences_cut_anywhere(demo_file, tmp_path):
    """Thousands of entries: every seventh doubled, every eleventh deleted, some added beyond
    and between the keys, firms edited by raw SQL: the lists agree however they are cut."""
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_file, path)
    assert _both(path) == []
    behind_the_back(
        path, "UPDATE subsidyentry SET subsidy_fen = subsidy_fen * 2 WHERE id % 7 = 0",
        "UPDATE subsidyentry SET status = 'submitted' WHERE id % 13 = 5 AND status = 'approved'",
        "DELETE FROM subsidyentry WHERE id % 11 = 0",
        "INSERT INTO subsidyentry SELECT id + 1000000, " + _columns(path, "subsidyentry").replace(
            "status", "'rejected'") + " FROM subsidyentry WHERE id % 97 = 1",
        "UPDATE enterprise SET employees = employees + 1, core_tech = 1 - core_tech WHERE id % 3 = 0",
        "DELETE FROM tenancy WHERE id % 10 = 0")
    said = _both(path, limits=(1_000, 10_000_000, 1, 333, 999, 1_001))
    assert len(said) == 1_000


def _columns(path, table: str) -> str:
    connection = sqlite3.connect(path)
    try:
        return ", ".join(r[1] for r in connection.execute(f"PRAGMA table_info({table})") if r[1] != "id")
    finally:
        connection.close()


def _index_fault_before(connection: sqlite3.Connection) -> int | None:
    """db/audit.py's _index_fault as it was: both sides recomputed and compared with EXCEPT."""
    migration = audit._index_migration()
    subjects, zones = migration.backfill_subjects(), migration.backfill_zones()
    stored_subjects = "SELECT seq, enterprise_id, zone_id FROM auditsubject"
    stored_zones = "SELECT zone_id, seq FROM auditzone"
    first = connection.execute(
        f"SELECT min(seq) FROM (SELECT seq FROM ({subjects} EXCEPT {stored_subjects})"
        f" UNION ALL SELECT seq FROM ({stored_subjects} EXCEPT {subjects}))").fetchone()[0]
    zone = connection.execute(
        f"SELECT min(seq) FROM (SELECT seq FROM ({zones} EXCEPT {stored_zones})"
        f" UNION ALL SELECT seq FROM ({stored_zones} EXCEPT {zones}))").fetchone()[0]
    found = [s for s in (first, zone) if s is not None]
    return min(found) if found else None


FIRM_EVENT = "(SELECT min(seq) FROM auditevent WHERE entity_type = 'enterprise')"
ENTRY_EVENT = "(SELECT max(seq) FROM auditevent WHERE entity_type = 'subsidy_entry')"
# the index of firms and zones (migration 0010) edited, or the events it is made from
INDEX_TAMPERINGS = [
    ("a subject's zone", f"UPDATE auditsubject SET zone_id = zone_id + 1 WHERE seq = {ENTRY_EVENT}"),
    ("a subject's firm as text", f"UPDATE auditsubject SET enterprise_id = 'x' WHERE seq = {FIRM_EVENT}"),
    ("a subject's firm as a real number", "UPDATE auditsubject SET enterprise_id = enterprise_id + 0.5"
     f" WHERE seq = {ENTRY_EVENT}"),
    ("a subject deleted", f"DELETE FROM auditsubject WHERE seq = {ENTRY_EVENT}"),
    ("a subject past the last event", "INSERT INTO auditsubject VALUES ((SELECT max(seq) + 5 FROM"
     " auditevent), 1, 1)"),
    ("a subject for a log-in", "INSERT INTO auditsubject SELECT max(seq), 1, 1 FROM auditevent"
     " WHERE entity_type = 'staff'"),
    ("a zone row deleted", f"DELETE FROM auditzone WHERE seq = {ENTRY_EVENT}"),
    ("a zone added to an event", f"INSERT INTO auditzone VALUES (9, {FIRM_EVENT})"),
    ("a zone as text", f"INSERT INTO auditzone VALUES ('abc', {ENTRY_EVENT})"),
    ("a zone changed", f"UPDATE auditzone SET zone_id = zone_id + 1 WHERE seq = {ENTRY_EVENT}"),
    ("a zone for a log-in", "INSERT INTO auditzone SELECT 1, max(seq) FROM auditevent"
     " WHERE entity_type = 'staff'"),
    ("an event naming its zone as text", "UPDATE auditevent SET after_json = replace(after_json,"
     f" '\"zone_id\":1', '\"zone_id\":\"1\"') WHERE seq = {FIRM_EVENT}"),
    ("an event naming its zone as a real number", "UPDATE auditevent SET after_json ="
     f" replace(after_json, '\"zone_id\":1', '\"zone_id\":1.0') WHERE seq = {FIRM_EVENT}"),
    ("an event naming its firm in words", "UPDATE auditevent SET after_json = json_set(after_json,"
     f" '$.enterprise_id', 'one') WHERE seq = {ENTRY_EVENT}"),
    ("an event not JSON", f"UPDATE auditevent SET after_json = '{{x' WHERE seq = {ENTRY_EVENT}"),
    ("an event deleted", f"DELETE FROM auditevent WHERE seq = {FIRM_EVENT}"),
]


def test_the_index_of_firms_and_zones_is_judged_as_before(office, db_path, tmp_path):  # noqa: F811
    """Each on a fresh copy: the same first event named (none only where the index agrees)."""
    judged = {}
    for n, (what, *sqls) in enumerate([("nothing",), *INDEX_TAMPERINGS]):
        copy = tmp_path / f"index-{n}.sqlite"
        shutil.copyfile(db_path, copy)
        behind_the_back(copy, *sqls)
        connection = sqlite3.connect(copy)
        try:
            judged[what] = (audit._index_fault(connection), _index_fault_before(connection))
        finally:
            connection.close()
    assert [what for what, (now, before) in judged.items() if now != before] == []
    assert [what for what, (now, _before) in judged.items() if now is None] == [
        "nothing", "an event naming its zone as a real number"]


def test_the_index_tampered_in_every_way_at_once(office, db_path):  # noqa: F811
    behind_the_back(db_path, *(sql for _what, *sqls in INDEX_TAMPERINGS for sql in sqls))
    connection = sqlite3.connect(db_path)
    try:
        assert audit._index_fault(connection) == _index_fault_before(connection) is not None
    finally:
        connection.close()
