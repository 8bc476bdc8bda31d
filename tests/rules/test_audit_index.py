"""The audit trail's index of firms and zones (migration 0010: auditsubject, auditzone): filled
from the zone before and after a change and from budgets, guarded like the events, recomputed
by verification; and the days' range of the pane remembered per newest event (number and hash)."""

import shutil
import sqlite3
from datetime import date, datetime

import pytest

from db import audit
from db.clock import SHANGHAI
from db.queries import audit_trail
from db.queries.audit_trail import AuditFilter, audit_page, count_audit
from db.services import enterprises, policy, tenancies
from db.services.enterprises import FirstTenancy
from desktop import cli
from tests.conftest import firm_fields
from tests.fixed_clock import travel

GUARDS = ("auditsubject_no_update", "auditsubject_no_delete", "auditzone_no_update",
          "auditzone_no_delete")


@pytest.fixture
def moved(db, people):
    """A firm registered in zone 1, then moved to zone 2; a budget set for zone 3."""
    firm = enterprises.register_enterprise(
        db, actor=people.admin, fields=firm_fields(), zone_id=1,
        tenancy=FirstTenancy("A栋1", 1000, date(2025, 1, 1)))
    tenancies.move_enterprise(db, actor=people.admin, enterprise_id=firm, expected_version=1,
                              to_zone_id=2, tenancy=FirstTenancy("B栋2", 1000, date(2026, 1, 1)))
    policy.set_budget(db, actor=people.admin, zone_id=3, year=2026,
                      category=policy.BUDGET_CATEGORIES[0], amount_fen=100_000)
    return firm


def test_a_firm_moving_out_of_a_zone_is_found_under_both_and_budgets_under_theirs(db, people, moved):
    edits = [r for r in audit_page(db, actor=people.auditor, flt=AuditFilter(zone_id=1))
             if r.action == "enterprise.move" or (r.entity_type == "enterprise" and r.action != "enterprise.register")]
    into = [r for r in audit_page(db, actor=people.auditor, flt=AuditFilter(zone_id=2))
            if r.entity_type == "enterprise" and r.action != "enterprise.register"]
    assert edits and [r.seq for r in edits] == [r.seq for r in into]  # the move: under A and B
    both = AuditFilter(enterprise_id=moved, zone_id=1)
    assert edits[0].seq in [r.seq for r in audit_page(db, actor=people.auditor, flt=both)]
    assert count_audit(db, actor=people.auditor, flt=both) == len(
        audit_page(db, actor=people.auditor, flt=both))
    budget = audit_page(db, actor=people.auditor, flt=AuditFilter(zone_id=3))
    assert [r.action for r in budget] == ["policy.budget"]


def _raw(db_path, *statements):
    connection = sqlite3.connect(db_path, isolation_level=None)
    try:
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()


@pytest.mark.parametrize("statement", ["DELETE FROM auditsubject", "UPDATE auditsubject SET zone_id = 9",
                                       "DELETE FROM auditzone", "UPDATE auditzone SET zone_id = 9"])
def test_the_index_refuses_edits(db, people, moved, db_path, statement):
    db.dispose()
    with pytest.raises(sqlite3.IntegrityError, match="audit index cannot be changed"):
        _raw(db_path, statement)


@pytest.mark.parametrize("table", ["auditsubject", "auditzone"])
def test_an_emptied_index_is_found_by_verify_audit(db, people, moved, db_path, capsys, table):
    db.dispose()
    assert cli.main(["verify-audit", "--db", str(db_path)]) == 0
    capsys.readouterr()
    # the tamperer drops the guard, empties the table, and puts the guard back
    from importlib import import_module
    guards = import_module("db.migrations.versions.0010_audit_trail_found_fast").GUARDS
    _raw(db_path, f"DROP TRIGGER {table}_no_delete", f"DELETE FROM {table}",
         guards[f"{table}_no_delete"])
    first = _first_indexed(db_path)
    assert cli.main(["verify-audit", "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert (f"the audit trail's index of firms and zones differs from the events (event {first})"
            in err)


def _first_indexed(db_path) -> int:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(
            "SELECT min(seq) FROM auditevent WHERE entity_type IN ('enterprise', 'tenancy')").fetchone()[0]
    finally:
        connection.close()


def test_a_row_added_to_the_index_is_found(db, people, moved, db_path):
    db.dispose()
    _raw(db_path, "INSERT INTO auditzone (zone_id, seq) VALUES (7, 1)")
    check = audit.verify(db_path)
    assert not check.ok and "differs from the events (event 1)" in check.sentence()


@pytest.mark.parametrize("trigger", ["auditevent_subject", *GUARDS])
def test_a_dropped_index_trigger_is_found(db, people, moved, db_path, trigger):
    db.dispose()
    _raw(db_path, f"DROP TRIGGER {trigger}")
    check = audit.verify(db_path)
    assert not check.ok and f"the trigger {trigger}" in check.sentence() and "removed" in check.sentence()


def test_the_days_range_is_not_reused_for_a_restored_file_with_as_many_events(db, people, db_path, tmp_path):
    """A file replaced in place (a restore) holding as many events, but others: the range of
    days is read again, not taken from the first file."""
    def register(moment, zone):
        with travel(moment):
            enterprises.register_enterprise(db, actor=people.admin, fields=firm_fields(), zone_id=zone,
                                            tenancy=FirstTenancy("A栋1", 1000, date(2025, 1, 1)))
    db.dispose()
    first = tmp_path / "first.db"
    shutil.copyfile(db_path, first)
    register(datetime(2026, 11, 4, 10, tzinfo=SHANGHAI), 1)
    register(datetime(2026, 11, 5, 10, tzinfo=SHANGHAI), 1)
    flt = AuditFilter(date_from=date(2026, 11, 5), date_to=date(2026, 11, 5))
    audit_trail._ranges.clear()
    assert len(audit_page(db, actor=people.auditor, flt=flt)) == 2  # the firm and its tenancy
    db.dispose()
    shutil.copyfile(first, db_path)  # the restore: as many events, the 5th's written first
    register(datetime(2026, 11, 5, 10, tzinfo=SHANGHAI), 1)
    register(datetime(2026, 11, 6, 10, tzinfo=SHANGHAI), 2)
    assert len(audit_page(db, actor=people.auditor, flt=flt)) == 2
