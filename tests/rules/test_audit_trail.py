"""The audit pane's list in SQL (db/queries/audit_trail.py): each filter, the scope (only
administrators and auditors), changes read as old → new, newest first and paged by key, and the
export of the same rows (db/export/audit_source.py)."""

import sqlite3
from datetime import date, datetime

import pytest

from db.audit_words import changes, plain_text
from db.clock import SHANGHAI
from db.errors import PermissionDenied
from db.export.audit_source import audit_table
from db.queries.audit_trail import AuditFilter, audit_page, count_audit, trail_people
from db.services import enterprises, zones
from db.services.enterprises import FirstTenancy
from tests.conftest import firm_fields
from tests.fixed_clock import travel
from tests.rules.raw_sql import raw_connection


def _all(db, actor, flt: AuditFilter, limit: int = 3) -> list:
    """Every matching row, page after page by key."""
    rows, before = [], None
    while True:
        page = audit_page(db, actor=actor, flt=flt, before=before, limit=limit)
        rows += page
        if len(page) < limit:
            return rows
        before = page[-1].seq


@pytest.fixture
def trail(db, people):
    """Two firms in zone 1 and one in zone 2, registered on 2026-11-02 and 2026-11-10 (Shanghai),
    one edited on 2026-11-20, one moved to zone 2, a zone renamed."""
    with travel(datetime(2026, 11, 2, 0, 30, tzinfo=SHANGHAI)):  # still 11-01 in UTC
        a = enterprises.register_enterprise(
            db, actor=people.clerk, fields=firm_fields(name="上海甲科技有限公司"), zone_id=1,
            tenancy=FirstTenancy("A栋1", 1000, date(2025, 1, 1)))
    with travel(datetime(2026, 11, 10, 9, 0, tzinfo=SHANGHAI)):
        b = enterprises.register_enterprise(
            db, actor=people.admin, fields=(b_fields := firm_fields(name="上海乙科技有限公司")),
            zone_id=1, tenancy=FirstTenancy("B栋2", 2050, date(2025, 1, 1)))
        c = enterprises.register_enterprise(
            db, actor=people.clerk2, fields=firm_fields(name="上海丙科技有限公司"), zone_id=2,
            tenancy=FirstTenancy("C栋3", 3000, date(2025, 1, 1)))
    with travel(datetime(2026, 11, 20, 23, 59, tzinfo=SHANGHAI)):
        enterprises.update_enterprise(
            db, actor=people.admin, enterprise_id=b, expected_version=1,
            fields=firm_fields(uscc=b_fields.uscc, name="上海乙新名科技有限公司", employees=12,
                               registered_capital_fen=123_456_789))
    return {"a": a, "b": b, "c": c}


def test_newest_first_paged_by_key_and_counted(db, people, trail):
    rows = _all(db, people.auditor, AuditFilter())
    seqs = [r.seq for r in rows]
    assert seqs == sorted(seqs, reverse=True) and len(set(seqs)) == len(seqs)
    connection = raw_connection(db)
    assert seqs == [r[0] for r in connection.execute("SELECT seq FROM auditevent ORDER BY seq DESC")]
    connection.close()
    assert count_audit(db, actor=people.auditor, flt=AuditFilter()) == len(rows)
    newest = rows[0]
    assert newest.action == "enterprise.edit" and newest.firm_name == "上海乙新名科技有限公司"
    assert newest.at.tzinfo is not None and newest.at.utcoffset().total_seconds() == 8 * 3600
    assert (newest.at.day, newest.at.hour, newest.at.minute) == (20, 23, 59)
    assert newest.who == "管理员 (admin)"


def test_a_change_reads_old_to_new(db, people, trail):
    (edit,) = audit_page(db, actor=people.admin, flt=AuditFilter(action="enterprise.edit"))
    said = {c.field: (c.old, c.new) for c in edit.changes}
    assert said["name"] == ("上海乙科技有限公司", "上海乙新名科技有限公司")
    assert said["registered_capital_fen"][1] == "1,234,567.89"
    assert "version" not in said and "spelled" not in said
    text = plain_text(edit.changes)
    assert "Name: 上海乙科技有限公司 → 上海乙新名科技有限公司" in text
    assert "Registered capital (yuan):" in text and "→ 1,234,567.89" in text


def test_a_password_is_never_shown_only_that_it_changed():
    found = changes('{"password_seal": "abc", "role": "clerk"}', '{"password_seal": "def", "role": "admin"}')
    assert [(c.field, c.old, c.new) for c in found] == [("password_seal", None, "changed"),
                                                        ("role", "clerk", "admin")]
    assert "abc" not in plain_text(found) and "def" not in plain_text(found)


def test_by_person(db, people, trail):
    rows = _all(db, people.auditor, AuditFilter(actor_id=people.clerk2.staff_id))
    assert rows and {r.username for r in rows} == {"clerk2"}
    assert {r.firm_id for r in rows if r.firm_id} == {trail["c"]}
    assert count_audit(db, actor=people.auditor, flt=AuditFilter(actor_id=people.clerk2.staff_id)) == len(rows)


def test_by_action(db, people, trail):
    rows = _all(db, people.auditor, AuditFilter(action="tenancy.open"))
    assert len(rows) == 3 and {r.action for r in rows} == {"tenancy.open"}


def test_by_firm_takes_its_tenancies_too(db, people, trail):
    rows = _all(db, people.auditor, AuditFilter(enterprise_id=trail["b"]))
    assert [r.action for r in rows] == ["enterprise.edit", "tenancy.open", "enterprise.register"]
    assert {r.firm_name for r in rows} == {"上海乙新名科技有限公司"}


def test_by_zone(db, people, trail):
    zones.update_zone(db, actor=people.admin, zone_id=2, expected_version=1,
                      fields=__import__("db.models", fromlist=["ZoneFields"]).ZoneFields(
                          name="静安园区", district_code="310106"), provisional=False)
    rows = _all(db, people.auditor, AuditFilter(zone_id=2))
    assert {r.firm_id for r in rows if r.firm_id} == {trail["c"]}
    assert rows[0].action == "zone.edit" and rows[0].zone_name == "静安园区"
    one = _all(db, people.auditor, AuditFilter(zone_id=1))
    assert {r.firm_id for r in one} == {trail["a"], trail["b"]}


def test_by_shanghai_days(db, people, trail):
    """00:30 on 2 November in Shanghai is 1 November in UTC: it counts as the 2nd."""
    second = _all(db, people.auditor, AuditFilter(date_from=date(2026, 11, 2), date_to=date(2026, 11, 2)))
    assert {r.firm_id for r in second} == {trail["a"]}
    assert not _all(db, people.auditor, AuditFilter(date_from=date(2026, 11, 1), date_to=date(2026, 11, 1)))
    late = _all(db, people.auditor, AuditFilter(date_from=date(2026, 11, 20), date_to=date(2026, 11, 21)))
    assert [r.action for r in late] == ["enterprise.edit"]
    early = _all(db, people.auditor, AuditFilter(date_to=date(2026, 11, 10)))
    assert {r.action for r in early} == {"enterprise.register", "tenancy.open"} and len(early) == 6
    assert not _all(db, people.auditor, AuditFilter(date_from=date(2026, 12, 1)))
    # the accounts were made on the 22nd, before the firms of earlier days (the clock set back):
    # the days still find exactly the events written on them
    since = _all(db, people.auditor, AuditFilter(date_from=date(2026, 11, 21)))
    assert {r.action for r in since} >= {"staff.create", "staff.log_in"} and "tenancy.open" not in {
        r.action for r in since}


def test_filters_combine(db, people, trail):
    flt = AuditFilter(actor_id=people.admin.staff_id, zone_id=1, action="tenancy.open",
                      date_from=date(2026, 11, 10), date_to=date(2026, 11, 10))
    rows = _all(db, people.auditor, flt)
    assert [(r.action, r.firm_id) for r in rows] == [("tenancy.open", trail["b"])]
    assert count_audit(db, actor=people.auditor, flt=flt) == 1
    assert not _all(db, people.auditor, AuditFilter(enterprise_id=trail["b"], zone_id=2))


@pytest.mark.parametrize("who", ["clerk", "reviewer"])
def test_a_clerk_or_reviewer_is_refused(db, people, trail, who):
    actor = getattr(people, who)
    with pytest.raises(PermissionDenied):
        audit_page(db, actor=actor, flt=AuditFilter())
    with pytest.raises(PermissionDenied):
        count_audit(db, actor=actor, flt=AuditFilter())
    with pytest.raises(PermissionDenied):
        trail_people(db, actor=actor)
    with pytest.raises(PermissionDenied):
        audit_table(db, actor=actor)


def test_the_export_has_the_rows_the_pane_shows(db, people, trail):
    flt = AuditFilter(enterprise_id=trail["b"])
    table = audit_table(db, actor=people.auditor, flt=flt)
    rows = list(table.rows)
    assert table.total == len(rows) == 3
    keys = [c.key for c in table.columns]
    first = dict(zip(keys, rows[0], strict=True))
    assert first["seq"] == _all(db, people.auditor, flt)[0].seq
    assert first["who"] == "管理员 (admin)" and first["audit_subject"] == "上海乙新名科技有限公司"
    assert isinstance(first["at"], datetime) and first["at"].hour == 23
    assert "上海乙科技有限公司 → 上海乙新名科技有限公司" in str(first["audit_changes"])


def test_events_written_before_the_migration_are_found_by_firm(db, people, trail, db_path):
    """The side tables are filled by migration for old events: emptied and filled again the
    same way (guards off, as a migration would), the firm's and zone's events are the same."""
    from importlib import import_module
    migration = import_module("db.migrations.versions.0010_audit_trail_found_fast")
    db.dispose()
    connection = sqlite3.connect(db_path, isolation_level=None)
    for name in migration.GUARDS:
        connection.execute(f"DROP TRIGGER {name}")
    before = [connection.execute(f"SELECT * FROM {t} ORDER BY seq").fetchall()
              for t in ("auditsubject", "auditzone")]
    connection.execute("DELETE FROM auditsubject")
    connection.execute("DELETE FROM auditzone")
    connection.execute(f"INSERT INTO auditsubject (seq, enterprise_id, zone_id) {migration.backfill_subjects()}")
    connection.execute(f"INSERT INTO auditzone (zone_id, seq) {migration.backfill_zones()}")
    after = [connection.execute(f"SELECT * FROM {t} ORDER BY seq").fetchall()
             for t in ("auditsubject", "auditzone")]
    connection.close()
    assert before == after and len(after[0]) >= 7 and len(after[1]) >= 7
