"""Tenancies: at most one open at a time, dates that make sense, moves between zones, and scope.

Dates are inclusive: a move on day D ends the old tenancy on D-1 and starts the new one on D.
"""

import sqlite3
from datetime import date, timedelta

import pytest
from sqlalchemy import text

from db.errors import PermissionDenied, ValidationError
from db.models import Enterprise
from db.services import enterprises, tenancies
from db.services.enterprises import FirstTenancy
from tests.conftest import firm_fields

START = date(2024, 3, 1)


def register(db, actor, zone_id=1, start=START):
    return enterprises.register_enterprise(
        db, actor=actor, fields=firm_fields(), zone_id=zone_id,
        tenancy=FirstTenancy("A栋101", 12050, start))


def firm(db, firm_id) -> Enterprise:
    """A detached copy of the firm as the file has it now."""
    with db.reading() as uow:
        return uow.session.get(Enterprise, firm_id).model_copy()


def rows(db, firm_id):
    """(zone_id, start_on, end_on) of the firm's tenancies, oldest first."""
    with db.reading() as uow:
        result = uow.session.connection().execute(text(
            "SELECT zone_id, start_on, end_on FROM tenancy WHERE enterprise_id = :id ORDER BY id"),
            {"id": firm_id}).all()
    return [(z, _day(s), _day(e) if e else None) for z, s, e in result]


def _day(value) -> date:
    """A date as SQL hands it back: ISO text from an SQLite file, a date from a server."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def state(db, firm_id):
    """Everything a refused change must leave as it was."""
    with db.reading() as uow:
        events = uow.session.connection().execute(text("SELECT count(*) FROM auditevent")).scalar()
    f = firm(db, firm_id)
    return rows(db, firm_id), f.zone_id, f.status, f.version, events


def test_registration_opens_the_first_tenancy(db, people):
    firm_id = register(db, people.clerk)
    assert rows(db, firm_id) == [(1, START, None)]
    assert firm(db, firm_id).zone_id == 1


def test_a_second_open_tenancy_is_refused_by_the_service(db, people):
    firm_id = register(db, people.clerk)
    before = state(db, firm_id)
    with pytest.raises(ValidationError) as refused:
        tenancies.open_tenancy(db, actor=people.clerk, enterprise_id=firm_id, expected_version=1,
                               zone_id=1, tenancy=FirstTenancy("B栋202", 5000, START + timedelta(days=30)))
    assert refused.value.field == "zone_id"
    assert state(db, firm_id) == before


def test_a_second_open_tenancy_is_refused_by_the_schema(db, people, db_path):
    firm_id = register(db, people.clerk)
    connection = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            connection.execute(
                "INSERT INTO tenancy (enterprise_id, zone_id, unit, floor_area_dm2, start_on, end_on,"
                " version) VALUES (?, 2, 'X', 100, '2025-01-01', NULL, 1)", (firm_id,))
        # a closed one beside the open one is fine: only open ones are unique
        connection.execute(
            "INSERT INTO tenancy (enterprise_id, zone_id, unit, floor_area_dm2, start_on, end_on,"
            " version) VALUES (?, 2, 'X', 100, '2020-01-01', '2020-12-31', 1)", (firm_id,))
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            connection.execute("UPDATE tenancy SET end_on = '2024-02-28' WHERE enterprise_id = ?"
                               " AND end_on IS NULL", (firm_id,))
        connection.commit()
    finally:
        connection.close()


def test_close_refuses_an_end_before_the_start_and_accepts_the_start_day(db, people):
    firm_id = register(db, people.clerk)
    before = state(db, firm_id)
    with pytest.raises(ValidationError) as refused:
        tenancies.close_tenancy(db, actor=people.clerk, enterprise_id=firm_id, expected_version=1,
                                end_on=START - timedelta(days=1))
    assert refused.value.field == "end_on"
    assert state(db, firm_id) == before
    tenancies.close_tenancy(db, actor=people.clerk, enterprise_id=firm_id, expected_version=1,
                            end_on=START)
    assert rows(db, firm_id) == [(1, START, START)]
    assert firm(db, firm_id).status == "moved_out"


def test_closing_without_an_open_tenancy_is_refused(db, people):
    firm_id = register(db, people.clerk)
    tenancies.close_tenancy(db, actor=people.clerk, enterprise_id=firm_id, expected_version=1,
                            end_on=date(2025, 6, 30))
    with pytest.raises(ValidationError):
        tenancies.close_tenancy(db, actor=people.clerk, enterprise_id=firm_id, expected_version=2,
                                end_on=date(2025, 7, 31))


def test_reopening_must_start_after_the_last_end(db, people):
    firm_id = register(db, people.clerk)
    end = date(2025, 6, 30)
    tenancies.close_tenancy(db, actor=people.clerk, enterprise_id=firm_id, expected_version=1,
                            end_on=end)
    for too_early in (end, end - timedelta(days=10)):
        before = state(db, firm_id)
        with pytest.raises(ValidationError) as refused:
            tenancies.open_tenancy(db, actor=people.clerk, enterprise_id=firm_id, expected_version=2,
                                   zone_id=1, tenancy=FirstTenancy("B栋2", 5000, too_early))
        assert refused.value.field == "start_on"
        assert state(db, firm_id) == before
    tenancies.open_tenancy(db, actor=people.clerk, enterprise_id=firm_id, expected_version=2,
                           zone_id=1, tenancy=FirstTenancy("B栋2", 5000, end + timedelta(days=1)))
    assert rows(db, firm_id) == [(1, START, end), (1, end + timedelta(days=1), None)]
    assert firm(db, firm_id).status == "active"


def test_a_move_closes_the_old_tenancy_the_day_before_and_changes_the_zone(db, people):
    firm_id = register(db, people.clerk)
    day = date(2025, 9, 1)
    tenancies.move_enterprise(db, actor=people.clerk, enterprise_id=firm_id, expected_version=1,
                              to_zone_id=2, tenancy=FirstTenancy("C栋3", 8000, day))
    assert rows(db, firm_id) == [(1, START, day - timedelta(days=1)), (2, day, None)]
    moved = firm(db, firm_id)
    assert moved.zone_id == 2
    assert moved.status == "active"
    assert moved.version == 2
    # the new zone's staff look after it now; the old zone's do not
    with pytest.raises(PermissionDenied):
        tenancies.close_tenancy(db, actor=people.clerk, enterprise_id=firm_id, expected_version=2,
                                end_on=date(2025, 12, 31))
    tenancies.close_tenancy(db, actor=people.clerk2, enterprise_id=firm_id, expected_version=2,
                            end_on=date(2025, 12, 31))


def test_the_move_date_must_be_after_the_current_start(db, people):
    firm_id = register(db, people.clerk)
    for day in (START, START - timedelta(days=1)):
        before = state(db, firm_id)
        with pytest.raises(ValidationError) as refused:
            tenancies.move_enterprise(db, actor=people.clerk, enterprise_id=firm_id,
                                      expected_version=1, to_zone_id=2,
                                      tenancy=FirstTenancy("C栋3", 8000, day))
        assert refused.value.field == "start_on"
        assert state(db, firm_id) == before
    # the day after the start is the earliest: the old tenancy then lasted exactly one day
    tenancies.move_enterprise(db, actor=people.clerk, enterprise_id=firm_id, expected_version=1,
                              to_zone_id=2, tenancy=FirstTenancy("C栋3", 8000, START + timedelta(days=1)))
    assert rows(db, firm_id) == [(1, START, START), (2, START + timedelta(days=1), None)]


def test_a_move_to_the_same_zone_is_refused(db, people):
    firm_id = register(db, people.clerk)
    before = state(db, firm_id)
    with pytest.raises(ValidationError) as refused:
        tenancies.move_enterprise(db, actor=people.clerk, enterprise_id=firm_id, expected_version=1,
                                  to_zone_id=1, tenancy=FirstTenancy("C栋3", 8000, date(2025, 1, 1)))
    assert refused.value.field == "zone_id"
    assert state(db, firm_id) == before


def test_a_moved_out_firm_moves_after_its_last_end(db, people):
    firm_id = register(db, people.clerk)
    end = date(2025, 3, 31)
    tenancies.close_tenancy(db, actor=people.clerk, enterprise_id=firm_id, expected_version=1,
                            end_on=end)
    with pytest.raises(ValidationError):
        tenancies.move_enterprise(db, actor=people.clerk, enterprise_id=firm_id, expected_version=2,
                                  to_zone_id=2, tenancy=FirstTenancy("C栋3", 8000, end))
    tenancies.move_enterprise(db, actor=people.clerk, enterprise_id=firm_id, expected_version=2,
                              to_zone_id=2, tenancy=FirstTenancy("C栋3", 8000, end + timedelta(days=1)))
    assert rows(db, firm_id) == [(1, START, end), (2, end + timedelta(days=1), None)]
    assert firm(db, firm_id).zone_id == 2


def test_a_clerk_of_zone_1_cannot_close_or_move_a_zone_2_firm(db, people):
    firm_id = register(db, people.clerk2, zone_id=2)
    before = state(db, firm_id)
    with pytest.raises(PermissionDenied):
        tenancies.close_tenancy(db, actor=people.clerk, enterprise_id=firm_id, expected_version=1,
                                end_on=date(2025, 1, 1))
    with pytest.raises(PermissionDenied):
        tenancies.move_enterprise(db, actor=people.clerk, enterprise_id=firm_id, expected_version=1,
                                  to_zone_id=1, tenancy=FirstTenancy("C栋3", 8000, date(2025, 1, 1)))
    assert state(db, firm_id) == before


def test_a_clerk_cannot_reopen_a_firm_in_a_zone_not_theirs(db, people):
    firm_id = register(db, people.clerk)
    tenancies.close_tenancy(db, actor=people.clerk, enterprise_id=firm_id, expected_version=1,
                            end_on=date(2025, 1, 31))
    before = state(db, firm_id)
    with pytest.raises(PermissionDenied):
        tenancies.open_tenancy(db, actor=people.clerk, enterprise_id=firm_id, expected_version=2,
                               zone_id=2, tenancy=FirstTenancy("B栋2", 5000, date(2025, 3, 1)))
    assert state(db, firm_id) == before


def test_a_refused_registration_with_a_tenancy_leaves_nothing(db, people):
    with db.reading() as uow:
        count = uow.session.connection().execute(text("SELECT count(*) FROM enterprise")).scalar()
    with pytest.raises(ValidationError) as refused:
        enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(), zone_id=1,
                                        tenancy=FirstTenancy("A栋101", 0, START))
    assert refused.value.field == "floor_area"
    with db.reading() as uow:
        connection = uow.session.connection()
        assert connection.execute(text("SELECT count(*) FROM enterprise")).scalar() == count
        assert connection.execute(text("SELECT count(*) FROM tenancy")).scalar() == 0
