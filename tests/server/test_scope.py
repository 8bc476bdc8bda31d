"""What a person with psql and their own password can do on a server made by `server init`
(migration 0014): rows of their zones only, nothing of other people's, no role of the server's.

One office for the module: admin01 (made as by `server init`) makes clerk01 and reviewer01 of
Z01, clerk02 of Z02 and auditor01 through the keeper's functions; firms, tenancies, entries,
awards, certificates and events of both zones are written by the superuser (as moving in would).
Each test then connects as a person with their password, as psql would. What a test changes is
rolled back, or refused.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path

import psycopg
import pytest
from sqlmodel import Session

import db.migrations.versions as versions
from db.access import Actor, Role
from db.audit import Change, chain, record
from db.models import (
    Award,
    Budget,
    Certificate,
    CertificateCover,
    Enterprise,
    SigningKey,
    SubsidyEntry,
    Tenancy,
)
from db.server import roles, scram, setup
from db.server.connection import server_engine
from tests.server.conftest import copy_of, drop

PASSWORD = "a long scope password"
AT = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
DECIDED = "2026-11-22T02:00:00+00:00"
STAFF = (("clerk01", "clerk", "Z01"), ("reviewer01", "reviewer", "Z01"),
         ("clerk02", "clerk", "Z02"), ("auditor01", "auditor", None))
# the tables whose rows belong to a zone (budget and cluster: reference, read by all staff)
ZONE_TABLES = ("enterprise", "tenancy", "subsidyentry", "award", "approvedtotal", "certificate",
               "staffzone", "auditsubject", "auditzone")


@dataclass
class Office:
    server: object
    database: str
    zone: dict[str, int]  # code -> id
    staff: dict[str, int]  # username -> id
    entry: dict[str, int]  # name -> subsidy entry id
    award: dict[str, int]

    def connect(self, user: str, password: str = PASSWORD):  # noqa: ANN201
        return self.server.connect(user, password, self.database)

    def superuser(self):  # noqa: ANN201
        return self.server.connect(database=self.database)


def _make_staff(office: Office) -> None:
    """As admin01 would through the program: the account's row, its zone, its login."""
    with office.connect("admin01") as admin:
        for username, role, zone in STAFF:
            staff_id = admin.execute(
                "INSERT INTO staffaccount (username, display_name, role, password_hash,"
                " failed_attempts, active, version, created_at) VALUES (%s, %s, %s, %s, 0, true,"
                " 1, %s) RETURNING id",
                (username, username.title(), role, roles.PASSWORD_KEPT_BY_SERVER, AT)).fetchone()[0]
            if zone:
                admin.execute("INSERT INTO staffzone (staff_id, zone_id) VALUES (%s, %s)",
                              (staff_id, office.zone[zone]))
            admin.execute("SELECT zonedesk_create_login(%s, %s)",
                          (username, scram.verifier(PASSWORD)))
            office.staff[username] = staff_id


def _entry(session: Session, firm: Enterprise, category: str, period: str, subsidy: int,
           status: str, by: int, decided_by: int | None = None) -> int:
    entry = SubsidyEntry(enterprise_id=firm.id, zone_id=firm.zone_id, category=category,
                         period=period, quantity_x100=100, billed_fen=2 * subsidy,
                         subsidy_fen=subsidy, rate_bp=5000, status=status, entered_by=by,
                         entered_at=AT, decided_by=decided_by,
                         decided_at=AT if decided_by else None)
    session.add(entry)
    session.flush()
    return entry.id


def _make_rows(office: Office) -> None:
    """Both zones' rows, written by the superuser (who bypasses the scope, as moving in does)."""
    staff, zone = office.staff, office.zone
    engine = server_engine(office.server.url(database=office.database))
    with Session(engine) as session:
        firms = {}
        for code, uscc in (("Z01", "91310000MA1FL0000A"), ("Z02", "91310000MA1FL0000B")):
            firm = Enterprise(uscc=uscc, name=f"{code} firm", sector_code="ai",
                              industry_code="industry", zone_id=zone[code], created_at=AT,
                              updated_at=AT)
            session.add(firm)
            session.flush()
            session.add(Tenancy(enterprise_id=firm.id, zone_id=zone[code], unit="1",
                                floor_area_dm2=10_000, start_on=datetime(2025, 1, 1).date()))
            firms[code] = firm
        for code, category, amount in (("Z01", "electricity", 100_000), ("Z01", "land", 50_000),
                                       ("Z01", "water", 1_000_000), ("Z02", "electricity", 1_000_000)):
            session.add(Budget(zone_id=zone[code], year=2026, category=category, amount_fen=amount))
        one, two = firms["Z01"], firms["Z02"]
        clerk01, clerk02, reviewer01 = staff["clerk01"], staff["clerk02"], staff["reviewer01"]
        office.entry = {
            "approved1": _entry(session, one, "electricity", "2026-01", 30_000, "approved", clerk01, staff["admin01"]),
            "e1": _entry(session, one, "electricity", "2026-02", 50_000, "submitted", clerk01),
            "e5": _entry(session, one, "electricity", "2026-03", 40_000, "submitted", clerk01),
            "own": _entry(session, one, "water", "2026-02", 10_000, "submitted", reviewer01),
            "over": _entry(session, one, "land", "2026-02", 60_000, "submitted", clerk01),
            "draft1": _entry(session, one, "internet", "2026-02", 1_000, "draft", clerk01),
            "approved2": _entry(session, two, "electricity", "2026-01", 30_000, "approved", clerk02, staff["admin01"]),
            "e4": _entry(session, two, "electricity", "2026-02", 50_000, "submitted", clerk02),
            "draft2": _entry(session, two, "internet", "2026-02", 1_000, "draft", clerk02)}
        office.award = {}
        for code, by in (("Z01", clerk01), ("Z02", clerk02)):
            award = Award(enterprise_id=firms[code].id, zone_id=zone[code], kind="little_giant",
                          level="municipal", amount_fen=10_000_000, status="submitted",
                          entered_by=by, entered_at=AT)
            session.add(award)
            session.flush()
            office.award[code] = award.id
        session.add(SigningKey(key_id="0123456789abcdef", public_key=bytes(32), office="office",
                               own=True, added_at=AT))
        session.flush()
        for seq, code in enumerate(("Z01", "Z02"), start=1):
            certificate = Certificate(
                serial=f"{code}-2026-{seq:06d}", zone_id=zone[code], year=2026, seq=seq,
                kind="subsidy", enterprise_id=firms[code].id, payload=b"p", signature=b"s",
                key_id="0123456789abcdef", content="{}", issued_by=staff["admin01"], issued_at=AT)
            session.add(certificate)
            session.flush()
            session.add(CertificateCover(certificate_id=certificate.id,
                                         entry_id=office.entry[f"approved{seq}"]))
        session.flush()
        for code, username in (("Z01", "clerk01"), ("Z02", "clerk02")):
            actor = Actor(staff[username], username, username, Role.CLERK, frozenset({zone[code]}))
            record(session, actor, Change("enterprise.create", "enterprise", firms[code].id, None,
                                          {"zone_id": zone[code], "name": f"{code} firm"}))
        session.commit()
    engine.dispose()


@pytest.fixture(scope="module")
def office(postgres_server, server_template):  # noqa: ANN001, ANN201
    name = copy_of(postgres_server, server_template)
    setup.make_first_admin(postgres_server.url(), name, "admin01", "Admin One", PASSWORD)
    with postgres_server.connect(database=name) as admin:
        zones = dict(admin.execute("SELECT code, id FROM zone WHERE code IN ('Z01', 'Z02')").fetchall())
        admin01 = admin.execute("SELECT id FROM staffaccount WHERE username = 'admin01'").fetchone()[0]
    made = Office(postgres_server, name, zones, {"admin01": admin01}, {}, {})
    _make_staff(made)
    _make_rows(made)
    yield made
    drop(postgres_server, name)


def _count(connection, table: str, where: str = "true", values: tuple = ()) -> int:  # noqa: ANN001
    return connection.execute(f"SELECT count(*) FROM {table} WHERE {where}", values).fetchone()[0]


def _refused(connection, sql: str, values: tuple = ()) -> str:  # noqa: ANN001
    """The server's refusal of `sql` (the test fails if it is done)."""
    with pytest.raises(psycopg.Error) as refusal:
        connection.execute(sql, values)
    return str(refusal.value)


def _nothing_done(connection, sql: str, values: tuple = ()) -> bool:  # noqa: ANN001
    """Refused, or done to no row."""
    try:
        return connection.execute(sql, values).rowcount == 0
    except psycopg.Error:
        return True


# --- clerk01 of Z01 ---------------------------------------------------------------------------

def test_a_clerk_sees_no_row_of_another_zone_in_any_zone_table(office):
    z01, z02 = office.zone["Z01"], office.zone["Z02"]
    with office.superuser() as root, office.connect("clerk01") as clerk:
        for table in ZONE_TABLES:
            assert _count(root, table, "zone_id = %s", (z02,)) > 0, table  # there is one to hide
            assert _count(clerk, table, "zone_id = %s", (z02,)) == 0, table
            assert _count(clerk, table, "zone_id = %s", (z01,)) == \
                _count(root, table, "zone_id = %s", (z01,)) > 0, table
        # tables that know their zone through another row
        assert _count(clerk, "certificatecover") == 1 < _count(root, "certificatecover")
        z02_events = ("seq IN (SELECT seq FROM auditzone WHERE zone_id = %s)", (z02,))
        assert _count(root, "auditevent", *z02_events) > 0
        assert _count(clerk, "auditevent", *z02_events) == 0
        assert _count(clerk, "auditevent") > 0  # their own and their zone's events


def test_the_programme_wide_rules_read_sums_and_verdicts_beyond_the_zone(office):
    """A firm's cap counts its entries in every zone; a certificate of another zone is judged
    against what was issued; the rows themselves stay hidden."""
    with office.superuser() as root, office.connect("clerk01") as clerk:
        firm2 = root.execute("SELECT id FROM enterprise WHERE zone_id = %s",
                             (office.zone["Z02"],)).fetchone()[0]
        assert _count(clerk, "subsidyentry", "enterprise_id = %s", (firm2,)) == 0
        assert clerk.execute("SELECT zonedesk_cap_used(%s, 'electricity', 2026),"
                             " zonedesk_cap_used(%s, 'electricity', 2026, %s)",
                             (firm2, firm2, office.entry["e4"])).fetchone() == (80_000, 30_000)
        assert _count(clerk, "certificate", "serial = 'Z02-2026-000002'") == 0
        assert clerk.execute("SELECT zonedesk_issued_as('Z02-2026-000002', 'p'),"
                             " zonedesk_issued_as('Z02-2026-000002', 'q'),"
                             " zonedesk_issued_as('Z02-2026-000099', 'p')").fetchone() == \
            ("valid", "differs", None)
        assert clerk.execute("SELECT zonedesk_loans_guaranteed(),"
                             " zonedesk_guaranteed_for_firm(%s)", (firm2,)).fetchone() == (0, 0)


def test_a_clerk_cannot_write_rows_of_another_zone(office):
    z01, z02 = office.zone["Z01"], office.zone["Z02"]
    clerk01 = office.staff["clerk01"]
    with office.superuser() as root, office.connect("clerk01") as clerk:
        firm2 = root.execute("SELECT id FROM enterprise WHERE zone_id = %s", (z02,)).fetchone()[0]
        before = root.execute("SELECT name, version FROM enterprise WHERE id = %s", (firm2,)).fetchone()
        assert _nothing_done(clerk, "UPDATE enterprise SET name = 'taken' WHERE id = %s", (firm2,))
        assert _nothing_done(clerk, "UPDATE subsidyentry SET subsidy_fen = 1 WHERE zone_id = %s", (z02,))
        assert _nothing_done(clerk, "DELETE FROM subsidyentry WHERE id = %s", (office.entry["draft2"],))
        assert _nothing_done(clerk, "DELETE FROM tenancy WHERE zone_id = %s", (z02,))
        assert "row-level security" in _refused(
            clerk, "INSERT INTO enterprise (uscc, name, name_en, legal_representative,"
            " registered_capital_fen, sector_code, industry_code, employees, annual_revenue_fen,"
            " core_tech, core_tech_note, giant_level, contact_name, contact_phone, contact_email,"
            " zone_id, size_class, status, uscc_check, version, created_at, updated_at, spelled)"
            " VALUES ('91310000MA1FL0000C', 'x', '', '', 0, 'ai', 'industry', 0, 0, false, '',"
            " 'none', '', '', '', %s, 'unknown', 'active', 'ok', 1, now(), now(), '')", (z02,))
        assert "row-level security" in _refused(
            clerk, "INSERT INTO subsidyentry (enterprise_id, zone_id, category, period,"
            " quantity_x100, billed_fen, subsidy_fen, rate_bp, bill_reference, status, reason,"
            " entered_by, entered_at, decision_note, version) VALUES (%s, %s, 'water', '2026-05',"
            " 1, 2, 1, 5000, '', 'draft', '', %s, now(), '', 1)", (firm2, z02, clerk01))
        # nor move a row of theirs into it
        assert "row-level security" in _refused(
            clerk, "UPDATE subsidyentry SET zone_id = %s WHERE id = %s", (z02, office.entry["draft1"]))
        assert root.execute("SELECT name, version FROM enterprise WHERE id = %s", (firm2,)).fetchone() == before
        assert _count(root, "subsidyentry", "id = %s", (office.entry["draft2"],)) == 1
        # what the clerk may do in Z01 is done (so the refusals above are the scope's)
        with clerk.transaction(force_rollback=True):
            assert clerk.execute("UPDATE subsidyentry SET subsidy_fen = 900 WHERE id = %s",
                                 (office.entry["draft1"],)).rowcount == 1
            assert clerk.execute("DELETE FROM subsidyentry WHERE id = %s",
                                 (office.entry["draft1"],)).rowcount == 1
        assert _count(clerk, "enterprise", "zone_id = %s", (z01,)) == 1


def test_a_firm_changes_zone_only_as_the_program_moves_it(office):
    """A firm's zone is changed by zonedesk_hand_over alone: by a clerk of the firm's zone,
    into a zone where its tenancy is open; an UPDATE of the zone is refused."""
    z01, z02 = office.zone["Z01"], office.zone["Z02"]
    move = "SELECT zonedesk_hand_over(%s, %s, %s, now())"
    with office.superuser() as root, office.connect("clerk01") as clerk, \
            office.connect("clerk02") as clerk2:
        firm1 = root.execute("SELECT id FROM enterprise WHERE zone_id = %s", (z01,)).fetchone()[0]
        firm2 = root.execute("SELECT id FROM enterprise WHERE zone_id = %s", (z02,)).fetchone()[0]
        assert "row-level security" in _refused(
            clerk, "UPDATE enterprise SET zone_id = %s WHERE id = %s", (z02, firm1))
        with clerk.transaction(force_rollback=True):  # no tenancy open in Z02 yet
            assert "where its tenancy is open" in _refused(clerk, move, ("clerk01", firm1, z02))
        with clerk2.transaction(force_rollback=True):  # another zone's firm
            assert "firm's zone moves it" in _refused(clerk2, move, ("clerk02", firm1, z02))
        with clerk2.transaction(force_rollback=True):  # in another's name
            assert "firm's zone moves it" in _refused(clerk2, move, ("clerk01", firm1, z02))
        with office.connect("reviewer01") as reviewer, reviewer.transaction(force_rollback=True):
            assert "firm's zone moves it" in _refused(reviewer, move, ("reviewer01", firm1, z02))
        with clerk.transaction(force_rollback=True):  # as the program moves it: taken
            clerk.execute("UPDATE tenancy SET end_on = '2026-05-31' WHERE enterprise_id = %s"
                          " AND end_on IS NULL", (firm1,))
            clerk.execute("INSERT INTO tenancy (enterprise_id, zone_id, unit, floor_area_dm2,"
                          " start_on, version) VALUES (%s, %s, '2', 100, '2026-06-01', 1)",
                          (firm1, z02))
            version = root.execute("SELECT version FROM enterprise WHERE id = %s", (firm1,)).fetchone()[0]
            assert clerk.execute(move, ("clerk01", firm1, z02)).fetchone() == (version + 1,)
            assert _count(clerk, "enterprise", "id = %s", (firm1,)) == 0  # it is Z02's now
            # their zone's tenancy of it stays theirs to read; the new zone's is not
            assert _count(clerk, "tenancy", "enterprise_id = %s AND zone_id = %s", (firm1, z01)) == 1
            assert _count(clerk, "tenancy", "enterprise_id = %s AND zone_id = %s", (firm1, z02)) == 0
        assert root.execute("SELECT zone_id FROM enterprise WHERE id = %s", (firm1,)).fetchone() == (z01,)
        assert _count(clerk, "enterprise", "id = %s", (firm2,)) == 0


def test_no_staff_role_may_truncate_a_table(office):
    with office.superuser() as root, office.connect("clerk01") as clerk, \
            office.connect("admin01") as admin:
        tables = [t for (t,) in root.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()]
        for table in tables:
            for person in (clerk, admin):
                assert "permission denied" in _refused(person, f"TRUNCATE {table} CASCADE"), table
        assert _count(root, "subsidyentry") == len(office.entry)


def test_nobody_reads_a_password_hash_nor_sees_others_secrets(office):
    with office.connect("clerk01") as clerk, office.connect("admin01") as admin, \
            office.connect("auditor01") as auditor:
        for person in (clerk, admin, auditor):
            assert "permission denied" in _refused(person, "SELECT password_hash FROM staffaccount")
            assert "permission denied" in _refused(person, "SELECT * FROM staffaccount")
            assert "permission denied" in _refused(person, "SELECT count(*) FROM unknownname")
        # names are read (the queue and the ledger name who entered and decided)
        assert _count(clerk, "staffaccount") == len(STAFF) + 1
        # what the functions say of others: nothing
        assert clerk.execute("SELECT zonedesk_role('admin01'), zonedesk_staff_id('clerk02'),"
                             " zonedesk_zones('clerk02')").fetchone() == (None, None, [])
        assert clerk.execute("SELECT zonedesk_role(current_user), zonedesk_zones(current_user)"
                             ).fetchone() == ("clerk", [office.zone["Z01"]])


def test_a_clerk_cannot_make_roles_nor_change_others_passwords(office):
    verifier = scram.verifier("another long password")
    with office.connect("clerk01") as clerk:
        for sql, values in (("SELECT zonedesk_create_login(%s, %s)", ("clerk02", verifier)),
                            ("SELECT zonedesk_set_password(%s, %s)", ("clerk02", verifier)),
                            ("SELECT zonedesk_set_password(%s, %s)", ("admin01", verifier)),
                            ("SELECT zonedesk_set_login(%s, %s)", ("clerk02", False))):
            assert "only an active administrator" in _refused(clerk, sql, values)
        assert "permission denied" in _refused(clerk, "CREATE ROLE intruder LOGIN")
        assert "permission denied" in _refused(clerk, "ALTER ROLE clerk02 PASSWORD 'x'")
        assert "must have admin option" in _refused(clerk, "GRANT zonedesk_staff TO clerk02")
        for other in ("reviewer01", "admin01", "zonedesk_owner", "zonedesk_keeper", "postgres"):
            assert "permission denied" in _refused(clerk, f"SET ROLE {other}"), other
        # their own password they may change, through the keeper too (rolled back)
        with clerk.transaction(force_rollback=True):
            clerk.execute("SELECT zonedesk_set_password('clerk01', %s)", (verifier,))
    with office.connect("clerk01") as again:  # the password is still the one it was
        assert again.execute("SELECT current_user").fetchone()[0] == "clerk01"


def test_the_keeper_takes_only_verifiers_and_staff_logins(office):
    with office.connect("admin01") as admin:
        assert "SCRAM-SHA-256 verifier" in _refused(
            admin, "SELECT zonedesk_set_password('clerk01', 'a plain password')")
        for name in ("postgres", "zonedesk_owner", "zonedesk_keeper", "pg_monitor"):
            assert _refused(admin, "SELECT zonedesk_set_password(%s, %s)",
                            (name, scram.verifier("x" * 12)))
        assert "no staff account" in _refused(
            admin, "SELECT zonedesk_create_login('nobody01', %s)", (scram.verifier("x" * 12),))
    with office.superuser() as root:  # a role of the server that happens to be named like staff
        root.execute("DROP ROLE IF EXISTS outsider01")
        root.execute("CREATE ROLE outsider01 LOGIN")
        root.execute("INSERT INTO staffaccount (username, display_name, role, password_hash,"
                     " failed_attempts, active, version, created_at)"
                     " VALUES ('outsider01', 'O', 'clerk', '', 0, true, 1, now())")
    try:
        with office.connect("admin01") as admin:
            assert "not a staff log-in" in _refused(
                admin, "SELECT zonedesk_set_password('outsider01', %s)", (scram.verifier("x" * 12),))
    finally:
        with office.superuser() as root:
            root.execute("DELETE FROM staffaccount WHERE username = 'outsider01'")
            root.execute("DROP ROLE outsider01")


def test_the_audit_trail_takes_a_persons_own_events_only(office):
    with office.connect("clerk01") as clerk:
        assert "permission denied" in _refused(clerk, "UPDATE audithead SET seq = seq")
        assert "permission denied" in _refused(clerk, "DELETE FROM audithead")

        def next_event(username: str) -> dict:
            seq, tail = clerk.execute("SELECT seq, hash FROM audithead").fetchone()
            return chain(seq, tail, office.staff[username], username,
                         [Change("enterprise.edit", "enterprise", 1, None, None)])[0]

        insert = ("INSERT INTO auditevent (seq, at, actor_id, actor_name, action, entity_type,"
                  " entity_id, before_json, after_json, prev_hash, hash) VALUES (%(seq)s, %(at)s,"
                  " %(actor_id)s, %(actor_name)s, %(action)s, %(entity_type)s, %(entity_id)s,"
                  " %(before_json)s, %(after_json)s, %(prev_hash)s, %(hash)s)")
        with clerk.transaction(force_rollback=True):
            assert "row-level security" in _refused(clerk, insert, next_event("reviewer01"))
        with clerk.transaction(force_rollback=True):  # their own: taken (then rolled back)
            clerk.execute(insert, next_event("clerk01"))


# --- reviewer01 of Z01 ------------------------------------------------------------------------

APPROVE = ("UPDATE subsidyentry SET status = 'approved', decided_by = %s, decided_at = %s,"
           " version = version + 1 WHERE id = %s")


def test_a_reviewer_never_approves_their_own_entry(office):
    with office.connect("reviewer01") as reviewer:
        assert "never decided by the person who entered it" in _refused(
            reviewer, APPROVE, (office.staff["reviewer01"], DECIDED, office.entry["own"]))


def test_a_reviewer_never_approves_beyond_the_budget(office):
    me = office.staff["reviewer01"]
    with office.connect("reviewer01") as reviewer:
        refusal = _refused(reviewer, APPROVE, (me, DECIDED, office.entry["over"]))
        assert "exceed the 2026 land budget of zone Z01 by 100.00 yuan" in refusal
        assert "(500.00 yuan left, 600.00 yuan asked)" in refusal
        # one by one: the second goes beyond what the first left (0013's totals move)
        with reviewer.transaction(force_rollback=True):
            reviewer.execute(APPROVE, (me, DECIDED, office.entry["e1"]))
            assert "electricity budget of zone Z01" in _refused(
                reviewer, APPROVE, (me, DECIDED, office.entry["e5"]))
        # both in one statement
        with reviewer.transaction(force_rollback=True):
            assert "electricity budget" in _refused(
                reviewer, "UPDATE subsidyentry SET status = 'approved', decided_by = %s,"
                " decided_at = %s WHERE id IN (%s, %s)",
                (me, DECIDED, office.entry["e1"], office.entry["e5"]))
        # within it, each alone is approved
        for entry in ("e1", "e5"):
            with reviewer.transaction(force_rollback=True):
                assert reviewer.execute(APPROVE, (me, DECIDED, office.entry[entry])).rowcount == 1
        # a little-giant award: Z01 has no such budget in 2026
        approve_award = ("UPDATE award SET status = 'approved', decided_by = %s, decided_at = %s"
                         " WHERE id = %s")
        assert "little_giant budget of zone Z01" in _refused(
            reviewer, approve_award, (me, DECIDED, office.award["Z01"]))


def test_a_reviewer_decides_only_in_their_zone_as_themselves(office):
    me = office.staff["reviewer01"]
    with office.connect("reviewer01") as reviewer, office.superuser() as root:
        assert _nothing_done(reviewer, APPROVE, (me, DECIDED, office.entry["e4"]))
        assert root.execute("SELECT status FROM subsidyentry WHERE id = %s",
                            (office.entry["e4"],)).fetchone()[0] == "submitted"
        assert "names the person who makes it" in _refused(
            reviewer, APPROVE, (office.staff["admin01"], DECIDED, office.entry["e1"]))
        assert "changes only the status" in _refused(
            reviewer, "UPDATE subsidyentry SET status = 'approved', decided_by = %s,"
            " decided_at = %s, subsidy_fen = 60000, billed_fen = 120000 WHERE id = %s",
            (me, DECIDED, office.entry["e1"]))
        assert "only by deciding it" in _refused(
            reviewer, "UPDATE subsidyentry SET subsidy_fen = 1 WHERE id = %s", (office.entry["e1"],))
    with office.connect("clerk01") as clerk:  # a clerk decides nothing
        assert "only a reviewer or an administrator" in _refused(
            clerk, APPROVE, (office.staff["clerk01"], DECIDED, office.entry["e1"]))
        assert "entered in the name of the person who enters it" in _refused(
            clerk, "INSERT INTO subsidyentry (enterprise_id, zone_id, category, period,"
            " quantity_x100, billed_fen, subsidy_fen, rate_bp, bill_reference, status, reason,"
            " entered_by, entered_at, decision_note, version) SELECT enterprise_id, zone_id,"
            " 'water', '2026-06', 1, 2, 1, 5000, '', 'submitted', '', %s, now(), '', 1"
            " FROM subsidyentry WHERE id = %s", (office.staff["reviewer01"], office.entry["e1"]))
        assert "a reviewer decides it" in _refused(
            clerk, "INSERT INTO subsidyentry (enterprise_id, zone_id, category, period,"
            " quantity_x100, billed_fen, subsidy_fen, rate_bp, bill_reference, status, reason,"
            " entered_by, entered_at, decision_note, version) SELECT enterprise_id, zone_id,"
            " 'water', '2026-06', 1, 2, 1, 5000, '', 'approved', '', %s, now(), '', 1"
            " FROM subsidyentry WHERE id = %s", (office.staff["clerk01"], office.entry["e1"]))


# --- auditor01, a disabled login, a role that is no account ------------------------------------

def test_an_auditor_reads_everything_and_changes_nothing(office):
    with office.superuser() as root, office.connect("auditor01") as auditor:
        tables = [t for (t,) in root.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            " AND tablename NOT IN ('unknownname', 'staffaccount', 'officesecret')").fetchall()]
        for table in tables:
            assert _count(auditor, table) == _count(root, table), table
        # but the office's private key (migration 0017): no staff role reads it
        assert "permission denied" in _refused(auditor, "SELECT * FROM officesecret")
        for table in [*tables, "staffaccount"]:
            column = root.execute("SELECT column_name FROM information_schema.columns WHERE"
                                  " table_name = %s AND column_name <> 'password_hash'"
                                  " ORDER BY ordinal_position LIMIT 1", (table,)).fetchone()[0]
            assert _nothing_done(auditor, f"UPDATE {table} SET {column} = {column}"), table
            assert _nothing_done(auditor, f"DELETE FROM {table}"), table
        assert "row-level security" in _refused(
            auditor, "INSERT INTO budget (zone_id, year, category, amount_fen, version)"
            " VALUES (%s, 2030, 'water', 1, 1)", (office.zone["Z01"],))
        assert _count(root, "budget", "year = 2030") == 0


def test_a_disabled_login_cannot_connect(office):
    with office.connect("admin01") as admin:
        admin.execute("INSERT INTO staffaccount (username, display_name, role, password_hash,"
                      " failed_attempts, active, version, created_at) VALUES ('clerk03', 'C3',"
                      " 'clerk', %s, 0, true, 1, now())", (roles.PASSWORD_KEPT_BY_SERVER,))
        admin.execute("SELECT zonedesk_create_login('clerk03', %s)", (scram.verifier(PASSWORD),))
        with office.connect("clerk03"):
            pass
        admin.execute("SELECT zonedesk_set_login('clerk03', false)")
        with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
            office.connect("clerk03")
        admin.execute("SELECT zonedesk_set_login('clerk03', true)")
        with office.connect("clerk03") as back:
            assert _count(back, "enterprise") == 0  # no zone yet


def test_a_deactivated_account_sees_nothing_in_a_session_still_open(office):
    with office.connect("clerk01") as clerk, office.superuser() as root:
        assert _count(clerk, "enterprise") == 1
        try:
            root.execute("UPDATE staffaccount SET active = false WHERE username = 'clerk01'")
            assert _count(clerk, "enterprise") == 0
            assert _count(clerk, "zone") == 0
        finally:
            root.execute("UPDATE staffaccount SET active = true WHERE username = 'clerk01'")


def test_a_staff_role_that_is_no_account_sees_nothing(office):
    with office.superuser() as root:
        root.execute("DROP ROLE IF EXISTS stranger01")
        root.execute(psycopg.sql.SQL("CREATE ROLE stranger01 LOGIN PASSWORD {} IN ROLE zonedesk_staff")
                     .format(psycopg.sql.Literal(PASSWORD)))
        tables = [t for (t,) in root.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN"
            " ('alembic_version', 'unknownname', 'staffaccount', 'officesecret')").fetchall()]
    try:
        with office.connect("stranger01") as stranger:
            for table in tables:
                assert _count(stranger, table) == 0, table
            assert "permission denied" in _refused(stranger, "SELECT * FROM officesecret")
            assert _count(stranger, "staffaccount") == 0
            assert stranger.execute("SELECT zonedesk_role(current_user)").fetchone()[0] is None
    finally:
        with office.superuser() as root:
            root.execute("DROP ROLE stranger01")


# --- the program's own actions ---------------------------------------------------------------

def test_each_action_of_the_program_runs_as_the_person_whoever_connects(office):
    """db/access.py `current`: a connection as the superuser (a script, a test) takes the
    person's role for the action, so the server scopes it as it would scope the person."""
    from sqlalchemy import text

    from db.access import current
    from db.server.connection import ServerDatabase

    database = ServerDatabase(office.server.url(database=office.database))
    clerk = Actor(office.staff["clerk01"], "clerk01", "Clerk01", Role.CLERK, frozenset())
    try:
        with database.reading() as uow:
            assert uow.session.execute(text("SELECT count(*) FROM enterprise")).scalar() == 2
        with database.reading() as uow:
            fresh = current(uow.session, clerk)
            assert fresh.zone_ids == {office.zone["Z01"]}  # read from the server, as clerk01
            assert uow.session.execute(text("SELECT current_user::text, count(*) FROM enterprise"
                                            " GROUP BY 1")).one() == ("clerk01", 1)
        with database.reading() as uow:  # the next action starts as the connection again
            assert uow.session.execute(text("SELECT current_user::text")).scalar() == "postgres"
    finally:
        database.dispose()


# --- the roles themselves ---------------------------------------------------------------------

def test_no_staff_role_bypasses_scope_truncates_or_owns_anything(office):
    with office.superuser() as root:
        people = [r for (r,) in root.execute(
            "SELECT r.rolname FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid"
            " WHERE m.roleid = 'zonedesk_staff'::regrole AND r.rolname <> 'zonedesk_keeper'"
            " UNION SELECT 'zonedesk_staff'").fetchall()]
        assert {"clerk01", "reviewer01", "clerk02", "auditor01", "admin01"} <= set(people)
        attributes = root.execute(
            "SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication,"
            " rolinherit FROM pg_roles WHERE rolname = ANY (%s)", (people,)).fetchall()
        assert all(row[1:6] == (False,) * 5 and row[6] for row in attributes), attributes
        staff_groups = root.execute(
            "SELECT r.rolname, g.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member"
            " JOIN pg_roles g ON g.oid = m.roleid WHERE r.rolname = ANY (%s)", (people,)).fetchall()
        assert {group for _, group in staff_groups} == {"zonedesk_staff"}
        assert root.execute(
            "SELECT count(*) FROM information_schema.role_table_grants WHERE grantee = ANY (%s)"
            " AND privilege_type IN ('TRUNCATE', 'REFERENCES', 'TRIGGER')", (people,)).fetchone()[0] == 0
        tables = [t for (t,) in root.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()]
        for person in people:
            for table in tables:
                assert not root.execute("SELECT has_table_privilege(%s, %s, 'TRUNCATE')",
                                        (person, table)).fetchone()[0], (person, table)
        owned = root.execute(
            "SELECT count(*) FROM pg_class WHERE pg_get_userbyid(relowner) = ANY (%s)"
            " UNION ALL SELECT count(*) FROM pg_proc WHERE pg_get_userbyid(proowner) = ANY (%s)",
            (people, people)).fetchall()
        assert owned == [(0,), (0,)]
        assert "zonedesk_owner" == root.execute(
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"
        ).fetchone()[0]


def test_every_table_is_scoped_forced_and_decided(office):
    """Each table has its scope decided (the SCOPES of 0014, or of the later migration that made
    it), row-level security on and forced; only alembic_version is unscoped."""
    decided = set()
    for path in sorted(Path(versions.__path__[0]).glob("*.py")):
        if int(path.name[:4]) >= 14:
            module = import_module(f"db.migrations.versions.{path.stem}")
            decided |= set(getattr(module, "SCOPES", {})) | set(getattr(module, "UNSCOPED", ()))
    with office.superuser() as root:
        rows = root.execute("SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class"
                            " WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'").fetchall()
    assert {name for name, *_ in rows} == decided
    assert [name for name, on, forced in rows if not (on and forced)] == ["alembic_version"]
