"""Who may do what, where: the whole role × action × zone matrix, checked against db/.

The expected table below is written from DESIGN.md (not from db.access.PERMISSIONS):
- clerk: registers firms and tenancies in own zones (and edits them); no staff, zones or audit;
- reviewer: confirms USCC warnings in own zones, never edits firms; reads own zones;
- admin: everything, in all zones;
- auditor: reads everything, changes nothing.
"own" is zone 1 (the clerk's and reviewer's zone), "other" is zone 2; "-" has no zone.
"""

import itertools
from dataclasses import replace
from datetime import date

import pytest

from db import uscc
from db.access import Role
from db.errors import LoginRefused, NotFound, PermissionDenied
from db.models import ZoneFields
from db.queries import audit as audit_queries
from db.queries import enterprises as firm_queries
from db.queries import reference
from db.queries import staff as staff_queries
from db.services import auth, enterprises, staff, tenancies, zones
from db.services.enterprises import FirstTenancy
from tests.conftest import PASSWORD, firm_fields
from tests.file_contents import audit_count, digest

EXPECTED_TABLE = """
action               scope  clerk  reviewer  admin  auditor
register_enterprise  own    allow  deny      allow  deny
register_enterprise  other  deny   deny      allow  deny
update_enterprise    own    allow  deny      allow  deny
update_enterprise    other  deny   deny      allow  deny
confirm_uscc         own    deny   allow     allow  deny
confirm_uscc         other  deny   deny      allow  deny
open_tenancy         own    allow  deny      allow  deny
open_tenancy         other  deny   deny      allow  deny
close_tenancy        own    allow  deny      allow  deny
close_tenancy        other  deny   deny      allow  deny
move_enterprise      own    allow  deny      allow  deny
move_enterprise      other  deny   deny      allow  deny
update_zone          own    deny   deny      allow  deny
update_zone          other  deny   deny      allow  deny
create_staff         -      deny   deny      allow  deny
update_staff         -      deny   deny      allow  deny
set_active           -      deny   deny      allow  deny
unlock_staff         -      deny   deny      allow  deny
reset_password       -      deny   deny      allow  deny
enterprise_page      own    allow  allow     allow  allow
enterprise_page      other  deny   deny      allow  allow
count_enterprises    own    allow  allow     allow  allow
count_enterprises    other  deny   deny      allow  allow
enterprise_detail    own    allow  allow     allow  allow
enterprise_detail    other  deny   deny      allow  allow
enterprise_history   own    allow  allow     allow  allow
enterprise_history   other  deny   deny      allow  allow
zones                -      allow  allow     allow  allow
staff_list           -      deny   deny      allow  allow
recent_events        -      deny   deny      allow  allow
"""

ROLES = ("clerk", "reviewer", "admin", "auditor")
WRITES = {"register_enterprise", "update_enterprise", "confirm_uscc", "open_tenancy",
          "close_tenancy", "move_enterprise", "update_zone", "create_staff", "update_staff",
          "set_active", "unlock_staff", "reset_password"}
READS = {"enterprise_page", "count_enterprises", "enterprise_detail", "enterprise_history",
         "zones", "staff_list", "recent_events"}


def expected_table() -> dict[tuple[str, str, str], str]:
    lines = [line.split() for line in EXPECTED_TABLE.strip().splitlines()]
    header, body = lines[0], lines[1:]
    assert header[2:] == list(ROLES)
    return {(action, scope, role): verdict
            for action, scope, *verdicts in body
            for role, verdict in zip(ROLES, verdicts, strict=True)}


ZONE_OF = {"own": 1, "other": 2, "-": 1}
_names = itertools.count(1)


class Setup:
    """Makes, as the administrator (or the zone's clerk), what one cell of the matrix acts on."""

    def __init__(self, db, people) -> None:
        self.db, self.people = db, people

    def firm(self, zone: int) -> tuple[int, str]:
        fields = firm_fields()
        firm_id = enterprises.register_enterprise(
            self.db, actor=self.people.admin, fields=fields, zone_id=zone,
            tenancy=FirstTenancy("A栋101", 10000, date(2024, 1, 1)))
        return firm_id, fields.uscc

    def unconfirmed_firm(self, zone: int) -> int:
        code = firm_fields().uscc
        pilot = code[:17] + next(c for c in uscc.ALPHABET if c != code[17])
        clerk = self.people.clerk if zone == 1 else self.people.clerk2
        return enterprises.register_enterprise(
            self.db, actor=clerk, fields=firm_fields(uscc=pilot), zone_id=zone,
            accept_uscc_warning=True)

    def moved_out_firm(self, zone: int) -> int:
        firm_id, _ = self.firm(zone)
        tenancies.close_tenancy(self.db, actor=self.people.admin, enterprise_id=firm_id,
                                expected_version=1, end_on=date(2024, 12, 31))
        return firm_id

    def account(self) -> int:
        return staff.create_staff(self.db, actor=self.people.admin, username=f"target{next(_names)}",
                                  display_name="对象", role="clerk", zone_ids=[1], password=PASSWORD)


def prepare(action: str, s: Setup, zone: int):
    """The action of one cell, ready to run as `act(actor)`. Reads return whether the thing was
    visible (False counts as a deny); writes return nothing."""
    db = s.db
    if action == "register_enterprise":
        return lambda a: enterprises.register_enterprise(
            db, actor=a, fields=firm_fields(), zone_id=zone,
            tenancy=FirstTenancy("A栋1", 100, date(2025, 1, 1)))
    if action == "update_enterprise":
        firm_id, code = s.firm(zone)
        return lambda a: enterprises.update_enterprise(
            db, actor=a, enterprise_id=firm_id, expected_version=1,
            fields=firm_fields(uscc=code, employees=77))
    if action == "confirm_uscc":
        firm_id = s.unconfirmed_firm(zone)
        return lambda a: enterprises.confirm_uscc(db, actor=a, enterprise_id=firm_id,
                                                  expected_version=1)
    if action == "open_tenancy":
        firm_id = s.moved_out_firm(zone)
        return lambda a: tenancies.open_tenancy(
            db, actor=a, enterprise_id=firm_id, expected_version=2, zone_id=zone,
            tenancy=FirstTenancy("B栋2", 100, date(2025, 2, 1)))
    if action == "close_tenancy":
        firm_id, _ = s.firm(zone)
        return lambda a: tenancies.close_tenancy(db, actor=a, enterprise_id=firm_id,
                                                 expected_version=1, end_on=date(2025, 1, 31))
    if action == "move_enterprise":
        firm_id, _ = s.firm(zone)
        return lambda a: tenancies.move_enterprise(
            db, actor=a, enterprise_id=firm_id, expected_version=1, to_zone_id=3,
            tenancy=FirstTenancy("C栋3", 100, date(2025, 3, 1)))
    if action == "update_zone":
        row = next(z for z in reference.zones(db, actor=s.people.admin) if z.id == zone)
        fields = ZoneFields(name=row.name, name_en=row.name_en, district_code=row.district_code,
                            service_centre=f"服务中心{next(_names)}", address=row.address,
                            phone=row.phone)
        return lambda a: zones.update_zone(db, actor=a, zone_id=zone, expected_version=row.version,
                                           fields=fields, provisional=False)
    if action == "create_staff":
        return lambda a: staff.create_staff(db, actor=a, username=f"new{next(_names)}",
                                            display_name="新人", role="clerk", zone_ids=[1],
                                            password=PASSWORD)
    if action == "update_staff":
        target = s.account()
        return lambda a: staff.update_staff(db, actor=a, staff_id=target, expected_version=1,
                                            display_name="改名", role="reviewer", zone_ids=[1])
    if action == "set_active":
        target = s.account()
        return lambda a: staff.set_active(db, actor=a, staff_id=target, active=False)
    if action == "unlock_staff":
        target = s.account()
        return lambda a: staff.unlock_staff(db, actor=a, staff_id=target)
    if action == "reset_password":
        target = s.account()
        return lambda a: staff.reset_password(db, actor=a, staff_id=target,
                                              new_password="another secret")
    if action == "enterprise_page":
        firm_id, _ = s.firm(zone)
        return lambda a: firm_id in {r.id for r in firm_queries.enterprise_page(
            db, actor=a, flt=firm_queries.EnterpriseFilter(), limit=100_000)}
    if action == "count_enterprises":
        s.firm(zone)
        return lambda a: firm_queries.count_enterprises(
            db, actor=a, flt=firm_queries.EnterpriseFilter(zone_id=zone)) > 0
    if action == "enterprise_detail":
        firm_id, _ = s.firm(zone)
        return lambda a: firm_queries.enterprise_detail(db, actor=a, enterprise_id=firm_id).id == firm_id
    if action == "enterprise_history":
        firm_id, _ = s.firm(zone)
        return lambda a: len(audit_queries.enterprise_history(db, actor=a, enterprise_id=firm_id)) >= 2
    if action == "zones":
        return lambda a: len(reference.zones(db, actor=a)) >= 55
    if action == "staff_list":
        return lambda a: len(staff_queries.staff_list(db, actor=a)) >= 5
    if action == "recent_events":
        return lambda a: len(audit_queries.recent_events(db, actor=a)) > 0
    raise AssertionError(f"no way to try {action}")


def test_the_expected_table_covers_every_role_action_and_zone():
    table = expected_table()
    actions = {action for action, _, _ in table}
    assert actions == WRITES | READS
    for action in actions:
        scopes = {scope for a, scope, _ in table if a == action}
        assert scopes in ({"own", "other"}, {"-"}), action
        for scope in scopes:
            assert {role for a, sc, role in table if (a, sc) == (action, scope)} == set(ROLES)
    # the auditor changes nothing
    assert all(v == "deny" for (a, _, r), v in table.items() if a in WRITES and r == "auditor")


def test_the_whole_matrix(db, people, db_path):
    table = expected_table()
    actors = {"clerk": people.clerk, "reviewer": people.reviewer, "admin": people.admin,
              "auditor": people.auditor}
    setup = Setup(db, people)
    observed: dict[tuple[str, str, str], str] = {}
    leaks: list[str] = []
    for (action, scope, role), _ in table.items():
        act = prepare(action, setup, ZONE_OF[scope])
        before, events_before = digest(db_path), audit_count(db_path)
        try:
            result = act(actors[role])
        except PermissionDenied:
            outcome = "deny"
        except NotFound:
            assert action in READS, f"{action}: a write answers NotFound instead of PermissionDenied"
            outcome = "deny"
        else:
            outcome = "deny" if action in READS and result is False else "allow"
        observed[(action, scope, role)] = outcome
        if outcome == "deny" or action in READS:
            if digest(db_path) != before:
                leaks.append(f"{role} {action} ({scope}) changed the file")
        elif audit_count(db_path) <= events_before:
            leaks.append(f"{role} {action} ({scope}) wrote without an audit event")

    unexpected_allows = sorted(k for k, v in observed.items() if v == "allow" and table[k] == "deny")
    unexpected_denies = sorted(k for k, v in observed.items() if v == "deny" and table[k] == "allow")
    assert len(observed) == len(table) == 120
    assert unexpected_allows == [], f"{len(unexpected_allows)} unexpected allows"
    assert unexpected_denies == [], f"{len(unexpected_denies)} unexpected denies"
    assert leaks == []


def test_a_deactivated_account_is_refused_at_its_next_action(db, people):
    firm_id = enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(),
                                              zone_id=1)
    staff.set_active(db, actor=people.admin, staff_id=people.clerk.staff_id, active=False)
    events = audit_count(db)
    with pytest.raises(PermissionDenied, match="deactivated"):
        enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(), zone_id=1)
    with pytest.raises(PermissionDenied, match="deactivated"):
        firm_queries.enterprise_detail(db, actor=people.clerk, enterprise_id=firm_id)
    with pytest.raises(PermissionDenied, match="deactivated"):
        firm_queries.enterprise_page(db, actor=people.clerk, flt=firm_queries.EnterpriseFilter())
    assert audit_count(db) == events
    with pytest.raises(LoginRefused, match="deactivated"):
        auth.log_in(db, username="clerk1", password=PASSWORD)
    staff.set_active(db, actor=people.admin, staff_id=people.clerk.staff_id, active=True)
    assert firm_queries.enterprise_detail(db, actor=people.clerk, enterprise_id=firm_id).id == firm_id


def test_a_changed_role_or_zone_takes_effect_at_the_next_action(db, people):
    firm_id = enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(),
                                              zone_id=1)
    staff.update_staff(db, actor=people.admin, staff_id=people.clerk.staff_id, expected_version=1,
                       display_name="张伟", role="clerk", zone_ids=[2])
    with pytest.raises(PermissionDenied):
        enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(), zone_id=1)
    with pytest.raises(NotFound):
        firm_queries.enterprise_detail(db, actor=people.clerk, enterprise_id=firm_id)
    enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(), zone_id=2)


def test_an_actor_object_claiming_more_is_not_believed(db, people):
    """db/ reloads the person from the file: a forged Actor gains nothing."""
    forged = replace(people.clerk, role=Role.ADMIN, zone_ids=frozenset({1, 2}))
    events = audit_count(db)
    with pytest.raises(PermissionDenied):
        enterprises.register_enterprise(db, actor=forged, fields=firm_fields(), zone_id=2)
    with pytest.raises(PermissionDenied):
        staff.create_staff(db, actor=forged, username="sneaky", display_name="x", role="admin",
                           zone_ids=[], password=PASSWORD)
    assert audit_count(db) == events


def test_the_last_active_administrator_stays(db, people):
    with pytest.raises(Exception, match="administrator must remain"):
        staff.update_staff(db, actor=people.admin, staff_id=people.admin.staff_id,
                           expected_version=1, display_name="管理员", role="clerk", zone_ids=[1])
    with pytest.raises(Exception, match="own account"):
        staff.set_active(db, actor=people.admin, staff_id=people.admin.staff_id, active=False)
