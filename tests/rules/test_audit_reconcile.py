"""Tampering the hash chain cannot see: business rows edited with raw SQL and no audit event, a
chain recomputed after an edit, events cut with the head moved along. `verify-audit` reconciles
every row with the state its latest event recorded, and an anchor written down earlier proves the
file unchanged up to it.

The tamperer knows SQLite: they drop every trigger that would stop them, make their change and
put the triggers back, so that what finds them is the reconciliation, not a missing trigger.
"""

import shutil
import sqlite3
from datetime import date

import pytest

from db import audit
from db.audit import GENESIS, event_hash
from db.audit_anchor import current_anchor
from db.audit_verification import BROKEN, INTACT, verify_file
from db.models import ZoneFields
from db.services import auth, certificates, enterprises, policy, zones
from desktop import cli
from tests.certificate_data import issue_subsidy
from tests.conftest import PASSWORD, firm_fields
from tests.ledger_data import make_book


@pytest.fixture
def office(db, people, db_path):
    """A file with every kind of row the trail records: firms, tenancies, staff, entries in each
    state, an award, rates, budgets, an award amount, a programme limit, a certificate (issued
    and one revoked), a closed month and an edited zone; then closed. Returns the book."""
    book = make_book(db, people)
    issue_subsidy(db, people, book)
    revoked = issue_subsidy(db, people, book, firm=book.firm_b)
    certificates.revoke(db, actor=people.admin, certificate_id=revoked.certificate_id,
                        reason="印错了")
    policy.set_award_rate(db, actor=people.admin, level="municipal", valid_from=date(2026, 1, 1),
                          amount_fen=20_000_000)
    policy.set_programme_setting(db, actor=people.admin, key="budget_cap_fen",
                                 value_fen=1_600_000_000_000)
    policy.close_period(db, actor=people.admin, period="2026-01")
    zones.update_zone(db, actor=people.admin, zone_id=1, expected_version=1,
                      fields=ZoneFields(name="黄浦园区", district_code="310101"), provisional=False)
    enterprises.update_enterprise(db, actor=people.admin, enterprise_id=book.firm_c,
                                  expected_version=1, fields=firm_fields(employees=12))
    auth.log_in(db, username="clerk1", password=PASSWORD)
    db.dispose()
    verdict = verify_file(db_path)
    assert verdict.status == INTACT, verdict.sentences
    return book


def behind_the_back(path, *statements: str) -> None:
    """Raw SQL as a tamperer runs it: every trigger dropped, the change, the triggers back."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("BEGIN")
        triggers = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
        for name, _sql in triggers:
            connection.execute(f'DROP TRIGGER "{name}"')
        for statement in statements:
            changed = connection.execute(statement).rowcount
            assert changed != 0, f"the tampering changed nothing: {statement}"
        for _name, sql in triggers:
            connection.execute(sql)
        connection.execute("COMMIT")
    finally:
        connection.close()


def recompute_chain(path, since: int = 1) -> None:
    """The chain's hashes recomputed from event `since` on and the head moved along: what a
    tamperer who read db/audit.py does after changing events."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.row_factory = sqlite3.Row
    try:
        connection.execute("BEGIN")
        connection.execute("DROP TRIGGER auditevent_no_update")
        prev = GENESIS if since == 1 else connection.execute(
            "SELECT hash FROM auditevent WHERE seq = ?", (since - 1,)).fetchone()[0]
        last = since - 1
        for row in connection.execute("SELECT * FROM auditevent WHERE seq >= ? ORDER BY seq",
                                      (since,)).fetchall():
            event = dict(row)
            own = event_hash(prev, event)
            connection.execute("UPDATE auditevent SET prev_hash = ?, hash = ? WHERE seq = ?",
                               (prev, own, event["seq"]))
            prev, last = own, event["seq"]
        connection.execute("UPDATE audithead SET seq = ?, hash = ? WHERE id = 1", (last, prev))
        connection.execute(audit.TRIGGERS["auditevent_no_update"])
        connection.execute("COMMIT")
    finally:
        connection.close()


ENTERPRISE_COLUMNS = ("id", "uscc", "name", "name_en", "legal_representative",
                      "registered_capital_fen", "founded_on", "sector_code", "industry_code",
                      "employees", "annual_revenue_fen", "total_assets_fen", "core_tech",
                      "core_tech_note", "giant_level", "giant_recognised_on", "contact_name",
                      "contact_phone", "contact_email", "zone_id", "size_class", "status",
                      "uscc_check", "version", "created_at", "updated_at", "spelled")
CLERK = "(SELECT id FROM staffaccount WHERE username = 'clerk1')"
# (what was done, the SQL, a word the verdict names): one of each kind of row and of column type
BUSINESS_EDITS = [
    ("a clerk made administrator", "UPDATE staffaccount SET role = 'admin' WHERE username = 'clerk1'",
     "staffaccount"),
    ("an account deactivated", "UPDATE staffaccount SET active = 0 WHERE username = 'reviewer1'",
     "active"),
    ("a staff name", "UPDATE staffaccount SET display_name = '某人' WHERE username = 'clerk2'",
     "display_name"),
    ("a zone given to a clerk", f"INSERT INTO staffzone (staff_id, zone_id) VALUES ({CLERK}, 2)",
     "zone_ids"),
    ("a lock lifted", "UPDATE staffaccount SET failed_attempts = 3 WHERE username = 'auditor'",
     "failed_attempts"),
    ("an account taken over: the admin's password hash replaced by the clerk's",
     "UPDATE staffaccount SET password_hash = (SELECT password_hash FROM staffaccount"
     " WHERE username = 'clerk1') WHERE username = 'admin'", "password_hash"),
    ("a firm's name", "UPDATE enterprise SET name = '上海假冒有限公司' WHERE id = 1", "name"),
    ("a firm's employees", "UPDATE enterprise SET employees = employees + 1 WHERE id = 2", "employees"),
    ("a firm's revenue", "UPDATE enterprise SET annual_revenue_fen = 1 WHERE id = 3",
     "annual_revenue_fen"),
    ("a firm moved to another zone", "UPDATE enterprise SET zone_id = 2 WHERE id = 1", "zone_id"),
    ("a firm added", "INSERT INTO enterprise SELECT 99, '91310115MA1K000000', '幽灵公司', "
     + ", ".join(ENTERPRISE_COLUMNS[3:]) + " FROM enterprise WHERE id = 1", "no audit event records it"),
    ("a tenancy's floor area", "UPDATE tenancy SET floor_area_dm2 = floor_area_dm2 * 2 WHERE id = 1",
     "floor_area_dm2"),
    ("a tenancy ended", "UPDATE tenancy SET end_on = '2025-12-31' WHERE id = 2", "end_on"),
    ("an approved subsidy raised", "UPDATE subsidyentry SET subsidy_fen = subsidy_fen + 100 WHERE id = 1",
     "subsidy_fen"),
    ("a submitted entry approved", "UPDATE subsidyentry SET status = 'approved' WHERE status = 'submitted'",
     "status"),
    ("a bill stored as a real number", "UPDATE subsidyentry SET billed_fen = billed_fen + 0.5 WHERE id = 1",
     "billed_fen"),
    ("an entry moved to another month", "UPDATE subsidyentry SET period = '2026-06' WHERE status = 'draft'",
     "period"),
    ("a draft deleted", "DELETE FROM subsidyentry WHERE status = 'draft'", "missing"),
    ("an award raised", "UPDATE award SET amount_fen = amount_fen * 2", "amount_fen"),
    ("a rate raised", "UPDATE policyrate SET rate_bp = 9000 WHERE category = 'land'", "rate_bp"),
    ("a budget raised", "UPDATE budget SET amount_fen = amount_fen + 100 WHERE zone_id = 1 AND "
     "category = 'land'", "amount_fen"),
    ("an award amount changed", "UPDATE awardrate SET amount_fen = 1", "awardrate"),
    ("a programme limit raised", "UPDATE programmesetting SET value = value * 2 WHERE key = 'loan_quota_fen'",
     "programmesetting"),
    ("a revoked certificate made valid", "UPDATE certificate SET status = 'valid' WHERE status = 'revoked'",
     "status"),
    ("a certificate's amount", "UPDATE certificate SET amount_fen = amount_fen + 1 WHERE status = 'valid'",
     "amount_fen"),
    ("a certificate's payload", "UPDATE certificate SET payload = CAST('forged' AS BLOB) WHERE status = 'valid'",
     "payload"),
    ("a closed month reopened", "DELETE FROM closedperiod WHERE period = '2026-01'", "closedperiod"),
    ("an edited zone's name", "UPDATE zone SET name = '别的园区' WHERE id = 1", "zone 1"),
    ("an approved total", "UPDATE approvedtotal SET amount_fen = amount_fen + 1 WHERE rowid = 1",
     "approvedtotal"),
    ("a public key's office", "UPDATE signingkey SET office = '别的中心'", "office"),
]


def test_every_raw_sql_edit_of_a_business_row_is_found(office, db_path, tmp_path):
    """The probe of the closing note: each edit on a fresh copy of the same file; each must be
    named (table and key, or the field) with exit status 1."""
    missed, messages = [], {}
    for n, (what, statement, named) in enumerate(BUSINESS_EDITS):
        copy = tmp_path / f"edit-{n}.sqlite"
        shutil.copyfile(db_path, copy)
        behind_the_back(copy, statement)
        verdict = verify_file(copy)
        text = " ".join(verdict.sentences)
        messages[what] = text
        if verdict.status != BROKEN or named not in text:
            missed.append((what, verdict.status, text))
    found = len(BUSINESS_EDITS) - len(missed)
    print(f"\ntamperings of business rows found: {found} of {len(BUSINESS_EDITS)}")
    assert missed == [], missed
    assert "staffaccount" in messages["a clerk made administrator"]
    assert "role" in messages["a clerk made administrator"]
    assert "“admin”" in messages["a clerk made administrator"]  # what it holds, and what was recorded
    assert "“clerk”" in messages["a clerk made administrator"]


def test_the_command_line_names_the_new_administrator(office, db_path, capsys):
    behind_the_back(db_path, "UPDATE staffaccount SET role = 'admin' WHERE username = 'clerk1'")
    assert cli.main(["verify-audit", "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert "differ from its audit trail" in err
    clerk = sqlite3.connect(db_path).execute(
        "SELECT id FROM staffaccount WHERE username = 'clerk1'").fetchone()[0]
    assert f"staffaccount {clerk}, role: the file holds “admin”, but the audit trail recorded “clerk”" in err


def test_an_edited_event_with_the_chain_recomputed_is_found_by_the_rows(office, db_path):
    """The chain holds again after recomputing it, but the row still says what it said."""
    connection = sqlite3.connect(db_path)
    seq = connection.execute("SELECT max(seq) FROM auditevent WHERE entity_type = 'staff' AND "
                             "action = 'staff.create' AND after_json LIKE '%\"clerk1\"%'").fetchone()[0]
    connection.close()
    behind_the_back(db_path, "UPDATE auditevent SET after_json = replace(after_json, "
                    f"'\"role\":\"clerk\"', '\"role\":\"reviewer\"') WHERE seq = {seq}")
    assert not audit.verify(db_path).ok
    recompute_chain(db_path, seq)
    assert audit.verify_connection(sqlite3.connect(db_path)).ok  # the chain alone is fooled
    verdict = verify_file(db_path)
    assert verdict.status == BROKEN and "role" in " ".join(verdict.sentences)


def test_events_cut_with_the_head_moved_along_are_found(office, db_path):
    """The newest events cut and the head set to the new end: the chain holds, but the rows
    they changed no longer agree with the trail."""
    connection = sqlite3.connect(db_path)
    last = connection.execute("SELECT max(seq) FROM auditevent").fetchone()[0]
    connection.close()
    behind_the_back(db_path, f"DELETE FROM auditevent WHERE seq > {last - 4}")
    recompute_chain(db_path, last - 4)
    assert audit.verify_connection(sqlite3.connect(db_path)).ok
    verdict = verify_file(db_path)
    assert verdict.status == BROKEN, verdict.sentences


def anchor_now(db_path, people) -> str:
    from db.engine import Database
    database = Database(db_path)
    try:
        return current_anchor(database, actor=people.auditor)
    finally:
        database.dispose()


def test_an_anchor_proves_the_file_unchanged_up_to_it(office, db_path, people, capsys):
    code = anchor_now(db_path, people)
    assert code.startswith("ZDA1.")
    assert cli.main(["verify-audit", "--db", str(db_path), "--anchor", code]) == 0
    out = capsys.readouterr().out
    assert "exactly as anchored" in out and code in out


def test_a_rewritten_history_is_found_by_its_anchor(office, db_path, people, capsys):
    """Row and event both edited, the chain recomputed: the file agrees with itself, and only
    the anchor written down before can tell."""
    code = anchor_now(db_path, people)
    connection = sqlite3.connect(db_path)
    seq, firm = connection.execute("SELECT seq, entity_id FROM auditevent WHERE action = "
                                   "'enterprise.register' ORDER BY seq LIMIT 1").fetchone()
    connection.close()
    behind_the_back(db_path, f"UPDATE enterprise SET employees = 4242 WHERE id = {firm}",
                    "UPDATE auditevent SET after_json = json_set(after_json, '$.employees', 4242) "
                    f"WHERE seq = {seq}")
    recompute_chain(db_path, seq)
    assert verify_file(db_path).status == INTACT  # consistent with itself: not enough
    assert cli.main(["verify-audit", "--db", str(db_path), "--anchor", code]) == 1
    err = capsys.readouterr().err
    assert "not the one anchored" in err and "recomputed" in err


def test_an_anchor_past_the_end_says_events_were_cut(office, db_path, people, capsys):
    code = anchor_now(db_path, people)
    seq = int(code.split(".")[1])
    behind_the_back(db_path, f"DELETE FROM auditevent WHERE seq > {seq - 3}")
    recompute_chain(db_path, seq - 3)
    assert cli.main(["verify-audit", "--db", str(db_path), "--anchor", code]) == 1
    assert "were cut off" in capsys.readouterr().err


def test_a_malformed_anchor_is_one_sentence(office, db_path, capsys):
    assert cli.main(["verify-audit", "--db", str(db_path), "--anchor", "ZDA1.12.xyz"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "not an anchor code" in err


def test_an_event_rewritten_as_not_json_with_the_chain_recomputed_is_named(office, db_path):
    connection = sqlite3.connect(db_path)
    seq, firm = connection.execute("SELECT seq, entity_id FROM auditevent WHERE action = "
                                   "'enterprise.register' ORDER BY seq LIMIT 1").fetchone()
    connection.close()
    behind_the_back(db_path, f"UPDATE auditevent SET after_json = '{{not json' WHERE seq = {seq}")
    recompute_chain(db_path, seq)
    verdict = verify_file(db_path)
    assert verdict.status == BROKEN
    assert f"enterprise {firm}" in verdict.sentences[0] and f"event {seq}" in verdict.sentences[0]
    assert "not JSON" in verdict.sentences[0]
