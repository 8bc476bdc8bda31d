"""The audit trail: every change is one event, the table refuses edits, and a tamperer who edits
the file behind the program's back is found, at the right event.

The tamperer here knows SQLite: they drop the protecting triggers, change what they like, and
put the triggers back, so that what finds them is the hash chain and not the missing triggers.
"""

import sqlite3
from datetime import date

import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.exc import DBAPIError

from db import audit, uscc
from db.audit import GENESIS, event_hash
from db.errors import LoginRefused, PermissionDenied, ValidationError
from db.models import AuditEvent, ZoneFields
from db.services import auth, enterprises, staff, tenancies, zones
from db.services.enterprises import FirstTenancy
from desktop import cli
from tests.conftest import PASSWORD, firm_fields

TRIGGERS = ("CREATE TRIGGER auditevent_no_update BEFORE UPDATE ON auditevent BEGIN"
            " SELECT RAISE(ABORT, 'audit events cannot be changed'); END",
            "CREATE TRIGGER auditevent_no_delete BEFORE DELETE ON auditevent BEGIN"
            " SELECT RAISE(ABORT, 'audit events cannot be deleted'); END")


@pytest.fixture
def history(db, people, db_path):
    """Some real work, then the file closed: returns the number of events."""
    for _ in range(3):
        firm = enterprises.register_enterprise(
            db, actor=people.clerk, fields=(fields := firm_fields()), zone_id=1,
            tenancy=FirstTenancy("A栋1", 1000, date(2025, 1, 1)))
        enterprises.update_enterprise(db, actor=people.clerk, enterprise_id=firm,
                                      expected_version=1,
                                      fields=firm_fields(uscc=fields.uscc, employees=99))
    db.dispose()
    check = audit.verify(db_path)
    assert check.ok and check.events > 20, check
    return check.events


def tamper(db_path, *statements, params=()):
    """Runs SQL on the file as a tamperer would: triggers off, change, triggers back on."""
    connection = sqlite3.connect(db_path)
    try:
        connection.execute("DROP TRIGGER auditevent_no_update")
        connection.execute("DROP TRIGGER auditevent_no_delete")
        for statement in statements:
            connection.execute(statement, params)
        for trigger in TRIGGERS:
            connection.execute(trigger)
        connection.commit()
    finally:
        connection.close()


def row(db_path, seq) -> dict:
    connection = sqlite3.connect(db_path)
    connection.row_factory = sqlite3.Row
    try:
        return dict(connection.execute("SELECT * FROM auditevent WHERE seq = ?", (seq,)).fetchone())
    finally:
        connection.close()


def broken_at(db_path) -> int | None:
    check = audit.verify(db_path)
    assert not check.ok
    return check.first_broken_seq


@pytest.mark.parametrize("column,value", [
    ("after_json", '{"employees":5}'),
    ("actor_name", "someone_else"),
    ("at", "2020-01-01T00:00:00.000000Z"),
    ("action", "enterprise.view"),
])
def test_an_edited_field_is_found(history, db_path, column, value):
    assert row(db_path, 12)[column] != value  # a real change
    tamper(db_path, f"UPDATE auditevent SET {column} = ? WHERE seq = 12", params=(value,))
    assert broken_at(db_path) == 12


def test_an_edit_with_a_recomputed_own_hash_is_found_at_the_next_event(history, db_path):
    forged = row(db_path, 12) | {"after_json": '{"employees":5}'}
    forged_hash = event_hash(forged["prev_hash"], forged)
    tamper(db_path, "UPDATE auditevent SET after_json = '{\"employees\":5}', hash = ? WHERE seq = 12",
           params=(forged_hash,))
    assert broken_at(db_path) == 13


def test_a_deleted_event_in_the_middle_is_found(history, db_path):
    tamper(db_path, "DELETE FROM auditevent WHERE seq = 9")
    assert broken_at(db_path) == 9


def test_the_deleted_first_event_is_found(history, db_path):
    tamper(db_path, "DELETE FROM auditevent WHERE seq = 1")
    assert broken_at(db_path) == 1


@pytest.mark.parametrize("cut", [1, 3])
def test_deleted_last_events_are_found(history, db_path, cut):
    tamper(db_path, f"DELETE FROM auditevent WHERE seq > {history - cut}")
    assert broken_at(db_path) == history - cut + 1


def test_swapped_events_are_found(history, db_path):
    tamper(db_path,
           "UPDATE auditevent SET seq = -1 WHERE seq = 10",
           "UPDATE auditevent SET seq = 10 WHERE seq = 11",
           "UPDATE auditevent SET seq = 11 WHERE seq = -1")
    assert broken_at(db_path) == 10


def forged_event(seq, prev_hash) -> tuple:
    return (seq, "2026-01-01T00:00:00.000000Z", 1, "admin", "enterprise.edit", "enterprise", "1",
            "null", '{"employees":1}', prev_hash, "f" * 64)


INSERT = ("INSERT INTO auditevent (seq, at, actor_id, actor_name, action, entity_type, entity_id,"
          " before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def test_a_forged_event_in_the_middle_is_found(history, db_path):
    prev_hash = row(db_path, 7)["hash"]  # it even claims to follow event 7
    connection = sqlite3.connect(db_path)
    try:
        connection.execute("DROP TRIGGER auditevent_no_update")
        connection.execute("DROP TRIGGER auditevent_no_delete")
        connection.execute("UPDATE auditevent SET seq = -seq WHERE seq > 7")  # make room
        connection.execute("UPDATE auditevent SET seq = 1 - seq WHERE seq < 0")
        connection.execute(INSERT, forged_event(8, prev_hash))
        for trigger in TRIGGERS:
            connection.execute(trigger)
        connection.commit()
    finally:
        connection.close()
    assert broken_at(db_path) == 8


def test_a_forged_event_at_the_end_is_found(history, db_path):
    prev_hash = row(db_path, history)["hash"]
    connection = sqlite3.connect(db_path)
    try:
        connection.execute(INSERT, forged_event(history + 1, prev_hash))
        connection.commit()  # INSERT needs no trigger dropped: it is allowed
    finally:
        connection.close()
    assert broken_at(db_path) == history + 1


def test_a_well_hashed_forged_event_at_the_end_is_found(history, db_path):
    """Even with a correct hash, the head (newest seq and hash) gives it away."""
    prev_hash = row(db_path, history)["hash"]
    values = dict(zip(audit.FIELDS + ("prev_hash", "hash"), forged_event(history + 1, prev_hash),
                      strict=True))
    values["hash"] = event_hash(prev_hash, values)
    connection = sqlite3.connect(db_path)
    try:
        connection.execute(INSERT, tuple(values.values()))
        connection.commit()
    finally:
        connection.close()
    assert broken_at(db_path) == history + 1


def test_dropped_triggers_alone_are_found(history, db_path):
    connection = sqlite3.connect(db_path)
    connection.execute("DROP TRIGGER auditevent_no_delete")
    connection.commit()
    connection.close()
    check = audit.verify(db_path)
    assert not check.ok and "trigger" in check.reason


def test_the_triggers_refuse_raw_sql(history, db_path):
    original = row(db_path, 5)
    connection = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="cannot be changed"):
            connection.execute("UPDATE auditevent SET actor_name = 'x' WHERE seq = 5")
        with pytest.raises(sqlite3.DatabaseError, match="cannot be deleted"):
            connection.execute("DELETE FROM auditevent WHERE seq = 5")
        with pytest.raises(sqlite3.DatabaseError, match="cannot be deleted"):
            connection.execute("DELETE FROM auditevent")
        connection.commit()
    finally:
        connection.close()
    assert row(db_path, 5) == original
    assert audit.verify(db_path).ok


def test_the_triggers_refuse_the_orm(db, history, db_path):
    with db.writing() as uow, pytest.raises(DBAPIError, match="cannot be changed"):
        uow.session.exec(update(AuditEvent).where(AuditEvent.seq == 5).values(actor_name="x"))
        uow.commit()
    with db.writing() as uow, pytest.raises(DBAPIError, match="cannot be changed"):
        event = uow.session.get(AuditEvent, 6)
        event.after_json = "null"
        uow.commit()
    with db.writing() as uow, pytest.raises(DBAPIError, match="cannot be deleted"):
        uow.session.delete(uow.session.get(AuditEvent, 7))
        uow.commit()
    with db.writing() as uow, pytest.raises(DBAPIError, match="cannot be deleted"):
        uow.session.exec(delete(AuditEvent))
        uow.commit()
    db.dispose()
    check = audit.verify(db_path)
    assert check.ok and check.events == history


def test_the_command_line_says_intact(history, db_path, capsys):
    assert cli.main(["verify-audit", "--db", str(db_path)]) == 0
    out = capsys.readouterr()
    assert "intact" in out.out and f"{history:,} events" in out.out


def test_the_command_line_names_the_broken_event(history, db_path, capsys):
    tamper(db_path, "UPDATE auditevent SET after_json = 'null' WHERE seq = 14")
    status = cli.main(["verify-audit", "--db", str(db_path)])
    out = capsys.readouterr()
    assert status != 0
    assert "BROKEN" in out.err and "event 14" in out.err
    assert "intact" not in out.out


def test_the_command_line_on_a_missing_file(tmp_path, capsys):
    assert cli.main(["verify-audit", "--db", str(tmp_path / "none.sqlite")]) != 0
    assert "no such file" in capsys.readouterr().err


def test_the_chain_starts_at_genesis(history, db_path):
    first = row(db_path, 1)
    assert first["prev_hash"] == GENESIS
    assert first["hash"] == event_hash(GENESIS, first)


# ---- one event per change ---------------------------------------------------------------------

def new_events(db, since: int) -> list[tuple[str, str]]:
    with db.reading() as uow:
        return [tuple(r) for r in uow.session.connection().execute(text(
            "SELECT action, entity_type FROM auditevent WHERE seq > :s ORDER BY seq"), {"s": since})]


def last_seq(db) -> int:
    with db.reading() as uow:
        return uow.session.connection().execute(
            text("SELECT coalesce(max(seq), 0) FROM auditevent")).scalar()


def test_every_service_write_adds_one_event_per_change(db, people, engine):
    def expect(events, call):
        """Runs `call` and checks the events it added, in order."""
        since = last_seq(db)
        result = call()
        assert new_events(db, since) == events, call
        return result

    fields = firm_fields()
    firm = expect([("enterprise.register", "enterprise"), ("tenancy.open", "tenancy")],
                  lambda: enterprises.register_enterprise(
                      db, actor=people.clerk, fields=fields, zone_id=1,
                      tenancy=FirstTenancy("A栋1", 1000, date(2025, 1, 1))))
    bare = expect([("enterprise.register", "enterprise")],
                  lambda: enterprises.register_enterprise(db, actor=people.clerk,
                                                          fields=firm_fields(), zone_id=1))
    expect([("enterprise.edit", "enterprise")],
           lambda: enterprises.update_enterprise(db, actor=people.clerk, enterprise_id=firm,
                                                 expected_version=1,
                                                 fields=firm_fields(uscc=fields.uscc, employees=60)))
    expect([], lambda: enterprises.update_enterprise(  # nothing changed: nothing recorded
        db, actor=people.clerk, enterprise_id=firm, expected_version=2,
        fields=firm_fields(uscc=fields.uscc, employees=60)))
    code = firm_fields().uscc
    pilot = code[:17] + next(c for c in uscc.ALPHABET if c != code[17])  # check character fails
    unconfirmed = expect([("enterprise.register", "enterprise")],
                         lambda: enterprises.register_enterprise(
                             db, actor=people.clerk, fields=firm_fields(uscc=pilot), zone_id=1,
                             accept_uscc_warning=True))
    expect([("enterprise.confirm_uscc", "enterprise")],
           lambda: enterprises.confirm_uscc(db, actor=people.reviewer, enterprise_id=unconfirmed,
                                            expected_version=1))
    expect([("tenancy.close", "tenancy"), ("enterprise.edit", "enterprise")],
           lambda: tenancies.close_tenancy(db, actor=people.clerk, enterprise_id=firm,
                                           expected_version=2, end_on=date(2025, 6, 30)))
    expect([("tenancy.open", "tenancy"), ("enterprise.edit", "enterprise")],
           lambda: tenancies.open_tenancy(db, actor=people.clerk, enterprise_id=firm,
                                          expected_version=3, zone_id=1,
                                          tenancy=FirstTenancy("B栋2", 1000, date(2025, 7, 1))))
    expect([("tenancy.close", "tenancy"), ("tenancy.open", "tenancy"),
            ("enterprise.move", "enterprise")],
           lambda: tenancies.move_enterprise(db, actor=people.clerk, enterprise_id=firm,
                                             expected_version=4, to_zone_id=2,
                                             tenancy=FirstTenancy("C栋3", 1000, date(2025, 9, 1))))
    expect([("tenancy.open", "tenancy"), ("enterprise.move", "enterprise")],
           lambda: tenancies.move_enterprise(db, actor=people.clerk, enterprise_id=bare,
                                             expected_version=1, to_zone_id=2,
                                             tenancy=FirstTenancy("C栋4", 1000, date(2025, 9, 1))))
    zone_fields = ZoneFields(name="黄浦园区", district_code="310101")
    expect([("zone.edit", "zone")],
           lambda: zones.update_zone(db, actor=people.admin, zone_id=1, expected_version=1,
                                     fields=zone_fields, provisional=False))
    expect([], lambda: zones.update_zone(db, actor=people.admin, zone_id=1, expected_version=2,
                                         fields=zone_fields, provisional=False))
    target = expect([("staff.create", "staff")],
                    lambda: staff.create_staff(db, actor=people.admin, username="newbie",
                                               display_name="新人", role="clerk", zone_ids=[1],
                                               password=PASSWORD))
    expect([("staff.edit", "staff")],
           lambda: staff.update_staff(db, actor=people.admin, staff_id=target, expected_version=1,
                                      display_name="新人二", role="clerk", zone_ids=[1, 2]))
    expect([("staff.deactivate", "staff")],
           lambda: staff.set_active(db, actor=people.admin, staff_id=target, active=False))
    expect([("staff.activate", "staff")],
           lambda: staff.set_active(db, actor=people.admin, staff_id=target, active=True))
    expect([("staff.unlock", "staff")],
           lambda: staff.unlock_staff(db, actor=people.admin, staff_id=target))
    expect([("staff.reset_password", "staff")],
           lambda: staff.reset_password(db, actor=people.admin, staff_id=target,
                                        new_password="new secret 1"))
    expect([("staff.log_in", "staff")],
           lambda: auth.log_in(db, username="newbie", password="new secret 1"))
    since = last_seq(db)
    with pytest.raises(LoginRefused):
        auth.log_in(db, username="newbie", password="wrong secret")
    # a file counts failed log-ins in its trail; a server refuses the password itself, and
    # the person refused may write nothing
    assert new_events(db, since) == ([] if engine == "postgres"
                                     else [("staff.log_in_failed", "staff")])
    newbie = auth.log_in(db, username="newbie", password="new secret 1")
    expect([("staff.change_password", "staff")],
           lambda: auth.change_own_password(db, actor=newbie, old_password="new secret 1",
                                            new_password="new secret 2"))
    db.dispose()
    assert audit.verify(db).ok


def test_a_refused_write_adds_no_event(db, people):
    since = last_seq(db)
    with pytest.raises(ValidationError):
        enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(name=""),
                                        zone_id=1)
    with pytest.raises(PermissionDenied):
        enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(), zone_id=2)
    with pytest.raises(LoginRefused):
        auth.log_in(db, username="nobody", password="whatever")
    assert new_events(db, since) == []
