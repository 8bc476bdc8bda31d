"""Two people, one firm: a save over someone else's newer save is refused, never lost; and two
programs writing to the same file at once lose nothing and never fail with "database is locked".
"""

import multiprocessing
import traceback
from datetime import date

import pytest

from db import audit, passwords
from db.access import Actor
from db.clock import utc_now
from db.engine import Database
from db.errors import ChangedMeanwhile
from db.models import ZoneFields
from db.queries.enterprises import EnterpriseFilter, count_enterprises, enterprise_detail
from db.queries.reference import zones
from db.server.connection import ServerDatabase, is_server_url
from db.services import enterprises, staff, tenancies
from db.services import zones as zone_service
from db.services.enterprises import FirstTenancy
from tests.conftest import PASSWORD, firm_fields, valid_uscc
from tests.fixed_clock import travel_in_child
from tests.race import shared_clock, tick, worked_together

INCREMENTS = 40
REGISTRATIONS = 20


def test_the_second_save_of_the_same_version_is_refused(db, people):
    fields = firm_fields(employees=50)
    firm = enterprises.register_enterprise(db, actor=people.clerk, fields=fields, zone_id=1)
    first = enterprise_detail(db, actor=people.clerk, enterprise_id=firm)
    second = enterprise_detail(db, actor=people.admin, enterprise_id=firm)
    assert first.version == second.version == 1

    enterprises.update_enterprise(db, actor=people.clerk, enterprise_id=firm, expected_version=1,
                                  fields=first.fields.model_copy(update={"employees": 60,
                                                                         "contact_name": "钱"}))
    with pytest.raises(ChangedMeanwhile):
        enterprises.update_enterprise(db, actor=people.admin, enterprise_id=firm,
                                      expected_version=second.version,
                                      fields=second.fields.model_copy(update={"employees": 70}))
    now = enterprise_detail(db, actor=people.admin, enterprise_id=firm)
    assert (now.version, now.fields.employees, now.fields.contact_name) == (2, 60, "钱")
    # reloading and saving again works
    enterprises.update_enterprise(db, actor=people.admin, enterprise_id=firm,
                                  expected_version=now.version,
                                  fields=now.fields.model_copy(update={"employees": 70}))
    assert enterprise_detail(db, actor=people.admin, enterprise_id=firm).fields.employees == 70


def test_a_stale_tenancy_change_is_refused(db, people):
    firm = enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(), zone_id=1,
                                           tenancy=FirstTenancy("A栋1", 100, date(2025, 1, 1)))
    enterprises.update_enterprise(db, actor=people.clerk, enterprise_id=firm, expected_version=1,
                                  fields=firm_fields(uscc=enterprise_detail(
                                      db, actor=people.clerk, enterprise_id=firm).fields.uscc,
                                      employees=1))
    with pytest.raises(ChangedMeanwhile):
        tenancies.close_tenancy(db, actor=people.clerk, enterprise_id=firm, expected_version=1,
                                end_on=date(2025, 6, 30))
    assert enterprise_detail(db, actor=people.clerk, enterprise_id=firm).status == "active"


def test_stale_zone_and_staff_saves_are_refused(db, people):
    zone = next(z for z in zones(db, actor=people.admin) if z.id == 1)
    fields = ZoneFields(name=zone.name, district_code=zone.district_code, phone="021-1")
    zone_service.update_zone(db, actor=people.admin, zone_id=1, expected_version=zone.version,
                             fields=fields, provisional=False)
    with pytest.raises(ChangedMeanwhile):
        zone_service.update_zone(db, actor=people.admin, zone_id=1, expected_version=zone.version,
                                 fields=fields.model_copy(update={"phone": "021-2"}),
                                 provisional=False)
    target = staff.create_staff(db, actor=people.admin, username="someone", display_name="某人",
                                role="clerk", zone_ids=[1], password=PASSWORD)
    staff.update_staff(db, actor=people.admin, staff_id=target, expected_version=1,
                       display_name="某人甲", role="clerk", zone_ids=[1])
    with pytest.raises(ChangedMeanwhile):
        staff.update_staff(db, actor=people.admin, staff_id=target, expected_version=1,
                           display_name="某人乙", role="clerk", zone_ids=[1])


def _worker(target: str, actor: Actor, firm_id: int, index: int, start, results, now, clock) -> None:
    """One program: increments the firm's employees with reload-and-retry, registers firms."""
    travel_in_child(now)
    passwords.use_cheap_hashing()
    database = ServerDatabase(target) if is_server_url(target) else Database(target)
    retries = 0
    try:
        start.wait(60)
        began = tick(clock)
        registered = 0
        for i in range(INCREMENTS):
            while True:
                seen = enterprise_detail(database, actor=actor, enterprise_id=firm_id)
                fields = seen.fields.model_copy(update={"employees": seen.fields.employees + 1})
                try:
                    enterprises.update_enterprise(database, actor=actor, enterprise_id=firm_id,
                                                  expected_version=seen.version, fields=fields)
                    break
                except ChangedMeanwhile:
                    retries += 1
            if i % 2 == index % 2 and registered < REGISTRATIONS:
                code = valid_uscc(5_000_000 + index * 1_000 + registered)
                enterprises.register_enterprise(
                    database, actor=actor, fields=firm_fields(uscc=code, name=f"并发测试{index}-{i}"),
                    zone_id=1, tenancy=FirstTenancy("D栋1", 100, date(2025, 1, 1)))
                registered += 1
        assert registered == REGISTRATIONS
        results.put((index, "ok", (began, tick(clock), retries)))
    except BaseException:  # reported to the parent, which fails the test with it
        results.put((index, "error", traceback.format_exc()))
    finally:
        database.dispose()


def test_two_programs_at_once_lose_nothing(db, people):
    start_employees = 50
    firm = enterprises.register_enterprise(db, actor=people.clerk,
                                           fields=firm_fields(employees=start_employees), zone_id=1)
    before = count_enterprises(db, actor=people.admin, flt=EnterpriseFilter())
    db.dispose()

    context = multiprocessing.get_context("spawn")
    # both programs wait at the barrier until both are ready, then go at once
    start, results = context.Barrier(2), context.Queue()
    now, clock = utc_now(), shared_clock(context)
    target = db.url if isinstance(db, ServerDatabase) else str(db.path)  # a file, or a server's
    programs = [context.Process(target=_worker, args=(target, actor, firm, n, start, results, now, clock))
                for n, actor in enumerate((people.clerk, people.admin))]
    for program in programs:
        program.start()
    reports = sorted(results.get(timeout=120) for _ in programs)
    for program in programs:
        program.join(timeout=30)
    for index, status, detail in reports:
        assert status == "ok", f"program {index} failed:\n{detail}"
    windows = [detail[:2] for _, _, detail in reports]
    assert worked_together(windows), \
        "the two programs did not work at the same time"
    assert all(program.exitcode == 0 for program in programs)

    final = enterprise_detail(db, actor=people.admin, enterprise_id=firm)
    assert final.fields.employees == start_employees + 2 * INCREMENTS
    assert final.version == 1 + 2 * INCREMENTS
    assert count_enterprises(db, actor=people.admin, flt=EnterpriseFilter()) == \
        before + 2 * REGISTRATIONS
    db.dispose()
    check = audit.verify(db)
    assert check.ok, check
