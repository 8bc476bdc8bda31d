"""Scope is a property of every query and service, whatever the arguments (issue 9, point 2):
the whole matrix of role × public function of db/services and db/queries × own zone / other
zone, called directly as any script on the office PC can.

The expected table is written from DESIGN.md: a clerk and a reviewer work in their own zones;
an administrator and an auditor in all of them; the auditor changes nothing. A function marked
`zone` is tried in zone 1 (own: the clerk's and reviewer's zone) and in zone 2 (other: the
clerk and the reviewer are refused there, whatever their role may do at home); a function
marked `-` has no zone of its own and is tried once per role.

A cell is refused when the function raises PermissionDenied or NotFound (a write: and leaves the
file as it was) or, for a read, answers nothing of zone 2. "Nothing of zone 2" is checked twice:
the answer names no zone-2 row, firm, serial or budget, and it does not change when everything
zone 2 holds changes (new firms, money, awards, certificates, budgets, accounts). A leak is a
refused cell that answered; a cell that should work and is refused is a failure too.
"""

import itertools
from datetime import date

from db import audit_statement
from db.backup import folder as backup_folder
from db.errors import NotFound, PermissionDenied, ZoneDeskError
from db.export import audit_source, short_lists
from db.export import certificates as export_certificates
from db.export import firms as export_firms
from db.export import ledger as export_ledger
from db.models import ZoneFields
from db.queries import approvals as approval_queries
from db.queries import audit as audit_queries
from db.queries import (
    audit_trail,
    bill_sheet,
    certificates,
    demo_data,
    enterprises,
    firm_statement,
    keys,
    ledger,
    overview,
    policy,
    reference,
    reports,
    verification,
)
from db.queries import awards as award_queries
from db.queries import staff as staff_queries
from db.services import (
    approvals,
    auth,
    awards,
    certificate_subjects,
    log_in_to_read,
    own_key,
    staff,
    subsidies,
    tenancies,
    zones,
)
from db.services import certificates as issuing
from db.services import enterprises as firms
from db.services import keys as key_services
from db.services import policy as policies
from db.services.enterprises import FirstTenancy
from db.services.subsidies import Bill
from tests.conftest import PASSWORD, firm_fields
from tests.file_contents import audit_count, digest
from tests.public_functions import scoped_functions
from tests.rules.scope_world import CODES, World, public_key_text

ROLES = ("clerk", "reviewer", "admin", "auditor")
EXPECTED_TABLE = """
function                                  scope  clerk  reviewer  admin  auditor
queries.approvals.approval_queue          zone   allow  allow     allow  allow
queries.approvals.budgets_left            zone   allow  allow     allow  allow
queries.audit.enterprise_history          zone   allow  allow     allow  allow
queries.audit.recent_events               -      deny   deny      allow  allow
queries.audit_trail.audit_page            -      deny   deny      allow  allow
queries.audit_trail.count_audit           -      deny   deny      allow  allow
queries.audit_trail.trail_people          -      deny   deny      allow  allow
queries.awards.award_amount_on            -      allow  allow     allow  allow
queries.awards.awards                     zone   allow  allow     allow  allow
queries.awards.guarantee_room             zone   allow  allow     allow  allow
queries.bill_sheet.bill_sheet             zone   allow  allow     allow  allow
queries.bill_sheet.work_waiting           -      allow  allow     allow  allow
queries.certificates.candidates           zone   allow  allow     allow  allow
queries.certificates.certificate_page     zone   allow  allow     allow  allow
queries.certificates.count_certificates   zone   allow  allow     allow  allow
queries.certificates.printed_certificate  zone   allow  allow     allow  allow
queries.certificates.batch_of             zone   allow  allow     allow  allow
queries.demo_data.is_demo                 -      allow  allow     allow  allow
queries.enterprises.count_enterprises     zone   allow  allow     allow  allow
queries.enterprises.enterprise_detail     zone   allow  allow     allow  allow
queries.enterprises.enterprise_page       zone   allow  allow     allow  allow
queries.enterprises.open_tenancy          zone   allow  allow     allow  allow
queries.firm_statement.firm_statement     zone   allow  allow     allow  allow
queries.keys.public_keys                  -      allow  allow     allow  allow
queries.ledger.ledger_page                zone   allow  allow     allow  allow
queries.ledger.ledger_people              -      allow  allow     allow  allow
queries.ledger.ledger_totals              zone   allow  allow     allow  allow
queries.overview.overview                 zone   allow  allow     allow  allow
queries.policy.budgets_used               -      allow  allow     allow  allow
queries.policy.policy                     -      allow  allow     allow  allow
queries.reference.districts               -      allow  allow     allow  allow
queries.reference.sectors                 -      allow  allow     allow  allow
queries.reference.zone_names              -      allow  allow     allow  allow
queries.reference.zones                   -      allow  allow     allow  allow
queries.reports.city_report               -      allow  allow     allow  allow
queries.reports.statement_report          zone   allow  allow     allow  allow
queries.reports.zone_report               zone   allow  allow     allow  allow
queries.staff.staff_list                  -      deny   deny      allow  allow
queries.verification.verify_code          zone   allow  allow     allow  allow
services.auth.needs_first_admin           -      allow  allow     allow  allow
services.auth.must_change_password        -      allow  allow     allow  allow
services.certificate_subjects.confirmation_months  -  allow  allow  allow  allow
services.keys.export_public_key           -      allow  allow     allow  allow
services.own_key.office_key               -      allow  allow     allow  allow
services.approvals.approve                zone   deny   allow     allow  deny
services.approvals.reject                 zone   deny   allow     allow  deny
services.auth.change_own_password         -      allow  allow     allow  allow
services.auth.create_first_admin          -      deny   deny      deny   deny
services.auth.log_in                      -      allow  allow     allow  allow
services.log_in_to_read.log_in            -      allow  allow     allow  allow
services.log_in_to_read.log_in_to_read    -      allow  allow     allow  allow
services.awards.record_little_giant       zone   allow  deny      allow  deny
services.awards.record_loan_guarantee     zone   allow  deny      allow  deny
services.awards.reverse_award             zone   allow  deny      allow  deny
services.awards.submit_awards             zone   allow  deny      allow  deny
services.certificates.issue_many          zone   allow  deny      allow  deny
services.certificates.reprint             zone   allow  deny      allow  deny
services.certificates.revoke              zone   deny   allow     allow  deny
services.certificates.revoke_many         zone   deny   allow     allow  deny
services.certificates.revoke_batch        zone   deny   allow     allow  deny
services.enterprises.confirm_uscc         zone   deny   allow     allow  deny
services.enterprises.register_enterprise  zone   allow  deny      allow  deny
services.enterprises.update_enterprise    zone   allow  deny      allow  deny
services.keys.import_public_key           -      deny   deny      allow  deny
services.own_key.name_office              -      deny   deny      allow  deny
services.own_key.replace_signing_key      -      deny   deny      allow  deny
services.policy.close_period              -      deny   deny      allow  deny
services.policy.reopen_period             -      deny   deny      allow  deny
services.policy.set_award_rate            -      deny   deny      allow  deny
services.policy.set_budget                zone   deny   deny      allow  deny
services.policy.set_policy_rate           -      deny   deny      allow  deny
services.policy.set_programme_setting     -      deny   deny      allow  deny
services.staff.create_staff               -      deny   deny      allow  deny
services.staff.reset_password             -      deny   deny      allow  deny
services.staff.set_active                 -      deny   deny      allow  deny
services.staff.unlock_staff               -      deny   deny      allow  deny
services.staff.update_staff               -      deny   deny      allow  deny
services.subsidies.delete_drafts          zone   allow  deny      allow  deny
services.subsidies.reverse_entry          zone   allow  deny      allow  deny
services.subsidies.save_bills             zone   allow  deny      allow  deny
services.subsidies.submit_entries         zone   allow  deny      allow  deny
services.tenancies.close_tenancy          zone   allow  deny      allow  deny
services.tenancies.move_enterprise        zone   allow  deny      allow  deny
services.tenancies.open_tenancy           zone   allow  deny      allow  deny
services.zones.update_zone                zone   deny   deny      allow  deny
export.audit_source.audit_table           -      deny   deny      allow  allow
export.certificates.certificates_table    zone   allow  allow     allow  allow
export.firms.firms_import_table           zone   allow  allow     allow  allow
export.firms.firms_table                  zone   allow  allow     allow  allow
export.ledger.ledger_table                zone   allow  allow     allow  allow
export.short_lists.approvals_table        zone   allow  allow     allow  allow
export.short_lists.awards_table           zone   allow  allow     allow  allow
export.short_lists.staff_table            -      deny   deny      allow  allow
export.short_lists.zones_table            -      allow  allow     allow  allow
audit_statement.sign_statement            -      deny   deny      allow  allow
backup.folder.set_backup_folder           -      deny   deny      allow  deny
"""
# writes: the file must change (with an audit event) when allowed, and stay as it was when not
WRITES = {name for name in EXPECTED_TABLE.split() if name.startswith("services.")} | {
    "audit_statement.sign_statement", "backup.folder.set_backup_folder"} - {
    "services.auth.needs_first_admin", "services.auth.must_change_password",
    "services.certificate_subjects.confirmation_months",
    "services.keys.export_public_key", "services.own_key.office_key",
    "services.log_in_to_read.log_in_to_read"}
SCOPED = ("clerk", "reviewer")


def expected_table() -> dict[tuple[str, str, str], str]:
    """(function, own | other | -, role) -> allow | deny."""
    lines = [line.split() for line in EXPECTED_TABLE.strip().splitlines()]
    assert lines[0][2:] == list(ROLES)
    table = {}
    for name, scope, *verdicts in lines[1:]:
        for role, verdict in zip(ROLES, verdicts, strict=True):
            if scope == "-":
                table[(name, "-", role)] = verdict
            else:
                table[(name, "own", role)] = verdict
                table[(name, "other", role)] = "deny" if role in SCOPED else verdict
    return table


ZONE = {"own": 1, "other": 2, "-": 1}
_months = (f"{y}-{m:02d}" for y, m in itertools.product(range(2001, 2026), range(1, 13)))
_counter = itertools.count(1)


def reads(w: World) -> dict:
    """function -> (call(actor, zone), works(answer, zone)) for every function that reads."""
    db = w.db

    def item(zone: int) -> approval_queries.QueueItem:
        return approval_queries.QueueItem("subsidy_entry", 0, zone, "", w.firm[zone], "", "land",
                                          "2026-03", 0, 0, None, "", 0, "")

    def has(rows, zone: int, field: str = "zone_id") -> bool:  # noqa: ANN001
        return any(getattr(r, field) == (zone if field == "zone_id" else CODES[zone]) for r in rows)

    return {
        "queries.approvals.approval_queue": (
            lambda a, z: approval_queries.approval_queue(db, actor=a, zone_id=z), has),
        "queries.approvals.budgets_left": (
            lambda a, z: approval_queries.budgets_left(db, actor=a, items=[item(z)]), has),
        "queries.audit.enterprise_history": (
            lambda a, z: audit_queries.enterprise_history(db, actor=a, enterprise_id=w.firm[z]),
            lambda r, z: len(r) > 0),
        "queries.audit.recent_events": (
            lambda a, z: audit_queries.recent_events(db, actor=a), lambda r, z: len(r) > 0),
        "queries.audit_trail.audit_page": (
            lambda a, z: audit_trail.audit_page(db, actor=a, flt=audit_trail.AuditFilter()),
            lambda r, z: len(r) > 0),
        "queries.audit_trail.count_audit": (
            lambda a, z: audit_trail.count_audit(db, actor=a, flt=audit_trail.AuditFilter()),
            lambda r, z: r > 0),
        "queries.audit_trail.trail_people": (
            lambda a, z: audit_trail.trail_people(db, actor=a), lambda r, z: len(r) > 0),
        "queries.awards.award_amount_on": (
            lambda a, z: award_queries.award_amount_on(db, actor=a, level="national",
                                                       on=date(2026, 1, 1)),
            lambda r, z: r == 30_000_000),
        "queries.awards.awards": (lambda a, z: award_queries.awards(db, actor=a, zone_id=z), has),
        "queries.awards.guarantee_room": (
            lambda a, z: award_queries.guarantee_room(db, actor=a, enterprise_id=w.firm[z]),
            lambda r, z: r.cap_fen > 0),
        "queries.bill_sheet.bill_sheet": (
            lambda a, z: bill_sheet.bill_sheet(db, actor=a, zone_id=z, period="2026-03"),
            lambda r, z: r.zone_id == z and len(r.rows) > 0),
        "queries.bill_sheet.work_waiting": (  # only the actor's zones, only for those who type bills
            lambda a, z: bill_sheet.work_waiting(db, actor=a),
            lambda r, z: all(a.zone_id in (1, 2) for a in r)),
        "queries.certificates.candidates": (
            lambda a, z: certificates.candidates(db, actor=a, zone_id=z, kind="tenancy"), has),
        "queries.certificates.certificate_page": (
            lambda a, z: certificates.certificate_page(
                db, actor=a, flt=certificates.CertificateFilter(zone_id=z)),
            lambda r, z: has(r, z, "zone_code")),
        "queries.certificates.count_certificates": (
            lambda a, z: certificates.count_certificates(
                db, actor=a, flt=certificates.CertificateFilter(zone_id=z)), lambda r, z: r > 0),
        "queries.certificates.printed_certificate": (
            lambda a, z: certificates.printed_certificate(db, actor=a,
                                                          certificate_id=w.certificate[z][0]),
            lambda r, z: r.zone_code == CODES[z]),
        "queries.certificates.batch_of": (
            lambda a, z: certificates.batch_of(db, actor=a, certificate_id=w.certificate[z][0]),
            lambda r, z: r.serial.startswith(CODES[z])),
        "queries.demo_data.is_demo": (lambda a, z: demo_data.is_demo(db), lambda r, z: r is False),
        "queries.enterprises.count_enterprises": (
            lambda a, z: enterprises.count_enterprises(
                db, actor=a, flt=enterprises.EnterpriseFilter(zone_id=z)), lambda r, z: r > 0),
        "queries.enterprises.enterprise_detail": (
            lambda a, z: enterprises.enterprise_detail(db, actor=a, enterprise_id=w.firm[z]),
            lambda r, z: r.zone_id == z),
        "queries.enterprises.enterprise_page": (
            lambda a, z: enterprises.enterprise_page(db, actor=a, flt=enterprises.EnterpriseFilter(
                text=firms_name(w, z))), lambda r, z: any(row.id == w.firm[z] for row in r)),
        "queries.enterprises.open_tenancy": (
            lambda a, z: enterprises.open_tenancy(db, actor=a, enterprise_id=w.firm[z]),
            lambda r, z: r is not None and r.zone_id == z),
        "queries.firm_statement.firm_statement": (
            lambda a, z: firm_statement.firm_statement(db, actor=a, enterprise_id=w.firm[z]),
            lambda r, z: r.enterprise_id == w.firm[z] and len(r.years) > 0),
        "queries.keys.public_keys": (lambda a, z: keys.public_keys(db, actor=a),
                                     lambda r, z: len(r) > 0),
        "queries.ledger.ledger_page": (
            lambda a, z: ledger.ledger_page(db, actor=a, flt=ledger.LedgerFilter(zone_id=z)), has),
        "queries.ledger.ledger_people": (lambda a, z: ledger.ledger_people(db, actor=a),
                                         lambda r, z: len(r) > 0),
        "queries.ledger.ledger_totals": (
            lambda a, z: ledger.ledger_totals(db, actor=a, flt=ledger.LedgerFilter(zone_id=z)),
            lambda r, z: r.count > 0),
        "queries.overview.overview": (
            lambda a, z: overview.overview(db, actor=a, year=2026, zone_id=z),
            lambda r, z: has(r.zones, z)),
        "queries.policy.budgets_used": (lambda a, z: policy.budgets_used(db, actor=a, year=2026),
                                        lambda r, z: len(r) > 0),
        "queries.policy.policy": (lambda a, z: policy.policy(db, actor=a, year=2026),
                                  lambda r, z: len(r.budgets) > 0),
        "queries.reference.districts": (lambda a, z: reference.districts(db),
                                        lambda r, z: len(r) == 16),
        "queries.reference.sectors": (lambda a, z: reference.sectors(db), lambda r, z: len(r) > 0),
        "queries.reference.zone_names": (lambda a, z: reference.zone_names(db),
                                         lambda r, z: len(r) >= 55),
        "queries.reference.zones": (lambda a, z: reference.zones(db, actor=a),
                                    lambda r, z: len(r) >= 55),
        "queries.reports.city_report": (
            lambda a, z: reports.city_report(db, actor=a, period=reports.ReportPeriod("year", 2026)),
            lambda r, z: len(r.zones) > 0),
        "queries.reports.statement_report": (
            lambda a, z: reports.statement_report(db, actor=a, enterprise_id=w.firm[z]),
            lambda r, z: r.zone.id == z),
        "queries.reports.zone_report": (
            lambda a, z: reports.zone_report(db, actor=a, zone_id=z,
                                             period=reports.ReportPeriod("year", 2026)),
            lambda r, z: r.zone.id == z and r.figures.subsidy_fen > 0),
        "queries.staff.staff_list": (lambda a, z: staff_queries.staff_list(db, actor=a),
                                     lambda r, z: len(r) >= 5),
        "queries.verification.verify_code": (
            lambda a, z: verification.verify_code(db, actor=a, text=w.serial[z]),
            lambda r, z: r.outcome in ("valid", "revoked")),
        "services.auth.needs_first_admin": (lambda a, z: auth.needs_first_admin(db),
                                            lambda r, z: r is False),
        "services.auth.must_change_password": (lambda a, z: auth.must_change_password(db, a),
                                               lambda r, z: r is False),
        "services.certificate_subjects.confirmation_months": (
            lambda a, z: certificate_subjects.confirmation_months("2026-01", "2026-10"),
            lambda r, z: r == ("2026-01", "2026-10")),
        "services.keys.export_public_key": (
            lambda a, z: key_services.export_public_key(db, actor=a),
            lambda r, z: r.startswith("Zone Desk public key")),
        "services.own_key.office_key": (lambda a, z: own_key.office_key(db).key_id,
                                        lambda r, z: len(r) > 0),
        "services.log_in_to_read.log_in_to_read": (  # reads only: a read-only file, a full disk
            lambda a, z: log_in_to_read.log_in_to_read(db, username=a.username, password=PASSWORD),
            lambda r, z: r.staff_id > 0),
        # the exports: their rows, read to the end
        "export.audit_source.audit_table": (
            lambda a, z: list(audit_source.audit_table(db, actor=a).rows), lambda r, z: len(r) > 0),
        "export.certificates.certificates_table": (
            lambda a, z: list(export_certificates.certificates_table(
                db, actor=a, flt=certificates.CertificateFilter(zone_id=z)).rows),
            lambda r, z: len(r) > 0),
        "export.firms.firms_import_table": (
            lambda a, z: list(export_firms.firms_import_table(
                db, actor=a, flt=enterprises.EnterpriseFilter(zone_id=z)).rows),
            lambda r, z: len(r) > 0),
        "export.firms.firms_table": (
            lambda a, z: list(export_firms.firms_table(
                db, actor=a, flt=enterprises.EnterpriseFilter(zone_id=z)).rows),
            lambda r, z: len(r) > 0),
        "export.ledger.ledger_table": (
            lambda a, z: list(export_ledger.ledger_table(
                db, actor=a, flt=ledger.LedgerFilter(zone_id=z)).rows), lambda r, z: len(r) > 0),
        "export.short_lists.approvals_table": (
            lambda a, z: list(short_lists.approvals_table(db, actor=a, zone_id=z).rows),
            lambda r, z: len(r) > 0),
        "export.short_lists.awards_table": (
            lambda a, z: list(short_lists.awards_table(db, actor=a, zone_id=z).rows),
            lambda r, z: len(r) > 0),
        "export.short_lists.staff_table": (
            lambda a, z: list(short_lists.staff_table(db, actor=a).rows), lambda r, z: len(r) >= 5),
        "export.short_lists.zones_table": (
            lambda a, z: list(short_lists.zones_table(db, actor=a).rows), lambda r, z: len(r) >= 55),
    }


def firms_name(w: World, zone: int) -> str:
    return enterprises.enterprise_detail(w.db, actor=w.people.admin,
                                         enterprise_id=w.firm[zone]).fields.name


def leaks_zone_2(w: World, name: str, answer: object) -> bool:
    """Whether an answer to a person of zone 1 holds anything of zone 2."""
    if name == "queries.reference.zones":  # every zone is listed; zone 2's firms are not counted
        return any(z.id == 2 and z.firms is not None for z in answer)
    if name == "queries.reports.city_report":
        return any(heading.id == 2 for heading, _figures in answer.zones)
    if name == "queries.verification.verify_code":
        return answer.outcome in ("valid", "revoked") and answer.serial.startswith("Z02-")
    return w.mentions(answer, 2)


def prepare(name: str, w: World, zone: int, role: str):  # noqa: ANN201, C901
    """The write of one cell, ready to run as `act(actor)` (what it acts on made first)."""
    db, admin, n = w.db, w.people.admin, next(_counter)
    if name == "services.approvals.approve":
        entry = w.submitted(zone)
        return lambda a: approvals.approve(db, actor=a, entry_ids=[entry])
    if name == "services.approvals.reject":
        entry = w.submitted(zone)
        return lambda a: approvals.reject(db, actor=a, reason="不符", entry_ids=[entry])
    if name == "services.auth.change_own_password":
        return lambda a: auth.change_own_password(db, actor=a, old_password=PASSWORD,
                                                  new_password=PASSWORD)
    if name == "services.auth.create_first_admin":
        return lambda a: auth.create_first_admin(db, username=f"boss{n}", display_name="某",
                                                 password=PASSWORD)
    if name == "services.auth.log_in":
        return lambda a: auth.log_in(db, username=a.username, password=PASSWORD)
    if name == "services.log_in_to_read.log_in":
        return lambda a: log_in_to_read.log_in(db, username=a.username, password=PASSWORD)
    if name == "services.awards.record_little_giant":
        firm = w.new_firm(zone)
        return lambda a: awards.record_little_giant(
            db, actor=a, enterprise_id=firm, expected_version=1, level="national",
            recognised_on=date(2026, 3, 1), document_no="沪经信〔2026〕9号")
    if name == "services.awards.record_loan_guarantee":
        firm = w.new_firm(zone)
        return lambda a: awards.record_loan_guarantee(
            db, actor=a, enterprise_id=firm, bank="浦发银行", loan_fen=1_000_000, term_months=6,
            guaranteed_fen=100_000)
    if name == "services.awards.reverse_award":
        award = w.approved_guarantee(zone)
        return lambda a: awards.reverse_award(db, actor=a, award_id=award, reason="贷款提前结清")
    if name == "services.awards.submit_awards":
        award = w.guarantee(zone)
        return lambda a: awards.submit_awards(db, actor=a, award_ids=[award])
    if name == "services.certificates.issue_many":
        firm = w.new_firm(zone)
        return lambda a: issuing.issue_many(db, actor=a, requests=[
            certificate_subjects.CertificateRequest("tenancy", firm, zone)])
    if name == "services.certificates.reprint":
        certificate, _serial = w.certify(zone)
        return lambda a: issuing.reprint(db, actor=a, certificate_id=certificate)
    if name == "services.certificates.revoke":
        certificate, _serial = w.certify(zone)
        return lambda a: issuing.revoke(db, actor=a, certificate_id=certificate, reason="迁出")
    if name == "services.certificates.revoke_many":
        certificate, _serial = w.certify(zone)
        return lambda a: issuing.revoke_many(db, actor=a, certificate_ids=[certificate], reason="误签")
    if name == "services.certificates.revoke_batch":
        certificate, _serial = w.certify(zone)
        return lambda a: issuing.revoke_batch(db, actor=a, certificate_id=certificate, reason="误签")
    if name == "services.enterprises.confirm_uscc":
        firm = w.unconfirmed_firm(zone)
        return lambda a: firms.confirm_uscc(db, actor=a, enterprise_id=firm, expected_version=1)
    if name == "services.enterprises.register_enterprise":
        return lambda a: firms.register_enterprise(
            db, actor=a, fields=firm_fields(), zone_id=zone,
            tenancy=FirstTenancy("E栋1", 100, date(2025, 1, 1)))
    if name == "services.enterprises.update_enterprise":
        firm = w.new_firm(zone)
        fields = enterprises.enterprise_detail(db, actor=admin, enterprise_id=firm).fields
        return lambda a: firms.update_enterprise(db, actor=a, enterprise_id=firm,
                                                 expected_version=1,
                                                 fields=fields.model_copy(update={"employees": 77}))
    if name == "services.keys.import_public_key":
        return lambda a: key_services.import_public_key(db, actor=a, text=public_key_text())
    if name == "services.own_key.name_office":
        return lambda a: own_key.name_office(db, actor=a, office=f"张江科学城中小企业服务中心{n}")
    if name == "services.own_key.replace_signing_key":
        return lambda a: own_key.replace_signing_key(db, actor=a, reason="密钥外泄")
    if name == "services.policy.close_period":
        month = next(_months)
        return lambda a: policies.close_period(db, actor=a, period=month)
    if name == "services.policy.reopen_period":
        month = next(_months)
        policies.close_period(db, actor=admin, period=month)
        return lambda a: policies.reopen_period(db, actor=a, period=month, reason="补录")
    if name == "services.policy.set_award_rate":
        return lambda a: policies.set_award_rate(db, actor=a, level="national",
                                                 valid_from=date(2030, 1, 1), amount_fen=n)
    if name == "services.policy.set_budget":
        return lambda a: policies.set_budget(db, actor=a, zone_id=zone, year=2027,
                                             category="land", amount_fen=1_000_000 + n)
    if name == "services.policy.set_policy_rate":
        return lambda a: policies.set_policy_rate(db, actor=a, category="water",
                                                  valid_from=date(2030, 1, 1), rate_bp=n,
                                                  yearly_cap_fen=5_000_000)
    if name == "services.policy.set_programme_setting":
        return lambda a: policies.set_programme_setting(db, actor=a, key="loan_quota_fen",
                                                        value_fen=40_000_000_000_000 + n)
    if name == "services.staff.create_staff":
        return lambda a: staff.create_staff(db, actor=a, username=f"new{n}", display_name="新人",
                                            role="clerk", zone_ids=[1], password=PASSWORD)
    if name.startswith("services.staff."):
        target = w.account(zone)
        return {"services.staff.reset_password": lambda a: staff.reset_password(
                    db, actor=a, staff_id=target, new_password="another secret"),
                "services.staff.set_active": lambda a: staff.set_active(
                    db, actor=a, staff_id=target, active=False),
                "services.staff.unlock_staff": lambda a: staff.unlock_staff(
                    db, actor=a, staff_id=target),
                "services.staff.update_staff": lambda a: staff.update_staff(
                    db, actor=a, staff_id=target, expected_version=1, display_name="改名",
                    role="reviewer", zone_ids=[zone])}[name]
    if name == "services.subsidies.delete_drafts":
        entry = w.draft(zone)
        return lambda a: subsidies.delete_drafts(db, actor=a, entry_ids=[entry])
    if name == "services.subsidies.reverse_entry":
        entry = w.approved(zone)
        return lambda a: subsidies.reverse_entry(db, actor=a, entry_id=entry, reason="账单开错")
    if name == "services.subsidies.save_bills":
        firm = w.new_firm(zone)
        return lambda a: subsidies.save_bills(db, actor=a, zone_id=zone, period="2026-06",
                                              bills=[Bill(firm, "land", 100_000)])
    if name == "services.subsidies.submit_entries":
        entry = w.draft(zone)
        return lambda a: subsidies.submit_entries(db, actor=a, entry_ids=[entry])
    if name == "services.tenancies.close_tenancy":
        firm = w.new_firm(zone)
        return lambda a: tenancies.close_tenancy(db, actor=a, enterprise_id=firm,
                                                 expected_version=1, end_on=date(2025, 6, 30))
    if name == "services.tenancies.move_enterprise":
        firm = w.new_firm(zone)
        return lambda a: tenancies.move_enterprise(
            db, actor=a, enterprise_id=firm, expected_version=1, to_zone_id=3,
            tenancy=FirstTenancy("F栋3", 100, date(2025, 3, 1)))
    if name == "services.tenancies.open_tenancy":
        firm = w.moved_out_firm(zone)
        return lambda a: tenancies.open_tenancy(
            db, actor=a, enterprise_id=firm, expected_version=2, zone_id=zone,
            tenancy=FirstTenancy("G栋2", 100, date(2025, 2, 1)))
    if name == "services.zones.update_zone":
        row = next(r for r in reference.zones(db, actor=admin) if r.id == zone)
        fields = ZoneFields(name=row.name, name_en=row.name_en, district_code=row.district_code,
                            service_centre=f"服务中心{n}", address=row.address, phone=row.phone)
        return lambda a: zones.update_zone(db, actor=a, zone_id=zone, expected_version=row.version,
                                           fields=fields, provisional=False)
    if name == "audit_statement.sign_statement":
        return lambda a: audit_statement.sign_statement(db, actor=a)
    if name == "backup.folder.set_backup_folder":
        folder = w.db.path.parent / f"backups{n}"
        folder.mkdir()
        return lambda a: backup_folder.set_backup_folder(db, actor=a, folder=folder)
    raise AssertionError(f"no way to try {name}")


def answer(call, actor, zone: int) -> tuple[str, object]:  # noqa: ANN001
    """('answer', value) or ('refused', (kind, message)); any other exception is raised."""
    try:
        return "answer", call(actor, zone)
    except (PermissionDenied, NotFound) as error:
        return "refused", (type(error).__name__, error.message())


REFUSED_BY_RULE = {"services.auth.create_first_admin"}  # no actor: refused because accounts exist


def test_the_table_names_every_public_function_once():
    table = expected_table()
    assert {name for name, _, _ in table} == set(scoped_functions())
    lines = EXPECTED_TABLE.strip().splitlines()[1:]
    assert len(lines) == len({line.split()[0] for line in lines})


def test_the_whole_matrix(db, people, db_path):
    w = World(db, people)
    table = expected_table()
    actors = {"clerk": people.clerk, "reviewer": people.reviewer, "admin": people.admin,
              "auditor": people.auditor}
    read = reads(w)
    read_cells = [cell for cell in table if cell[0] in read]
    first = {c: answer(read[c[0]][0], actors[c[2]], ZONE[c[1]]) for c in read_cells}
    w.change_zone_2()
    second = {c: answer(read[c[0]][0], actors[c[2]], ZONE[c[1]]) for c in read_cells}
    leaks: list[str] = []  # refused cells that answered (or changed the file)
    failures: list[str] = []  # cells that should work and did not

    def refusal_names_zone_2(role: str, message: str) -> bool:
        return role in SCOPED and any(m in message for m in w.markers[2])

    for cell in read_cells:
        name, scope, role = cell
        kind, value = second[cell]
        expected, works = table[cell], read[name][1]
        if kind == "refused":
            if expected == "allow":
                failures.append(f"{role} {name} ({scope}) refused: {value[1]}")
            if refusal_names_zone_2(role, value[1]):
                leaks.append(f"{role} {name} ({scope}): the refusal names zone 2")
        elif role in SCOPED and (leaks_zone_2(w, name, value) or first[cell] != second[cell]):
            leaks.append(f"{role} {name} ({scope}) answered with zone 2's data")
        elif expected == "deny" and scope == "-":
            leaks.append(f"{role} {name} answered")
        elif expected == "allow" and not works(value, ZONE[scope]):
            failures.append(f"{role} {name} ({scope}) answered without what it should show")

    write_cells = sorted(cell for cell in table if cell[0] not in read)
    for cell in write_cells:
        name, scope, role = cell
        act = prepare(name, w, ZONE[scope], role)
        before, events = digest(db_path), audit_count(db_path)
        try:
            act(actors[role])
            outcome = "allow"
        except (PermissionDenied, NotFound) as error:
            outcome, message = "deny", error.message()
        except ZoneDeskError as error:
            outcome, message = ("deny" if name in REFUSED_BY_RULE else "error"), error.message()
        if outcome == "error":
            failures.append(f"{role} {name} ({scope}) refused by a rule: {message}")
        elif outcome == "deny":
            if digest(db_path) != before:
                leaks.append(f"{role} {name} ({scope}) was refused but changed the file")
            if refusal_names_zone_2(role, message):
                leaks.append(f"{role} {name} ({scope}): the refusal names zone 2")
            if table[cell] == "allow":
                failures.append(f"{role} {name} ({scope}) refused: {message}")
        elif table[cell] == "deny":
            leaks.append(f"{role} {name} ({scope}) was done")
        elif audit_count(db_path) <= events:
            failures.append(f"{role} {name} ({scope}) wrote without an audit event")

    cells = len(read_cells) + len(write_cells)
    print(f"\nscope matrix: {cells} cells ({len(read_cells)} reads, {len(write_cells)} writes),"
          f" {len(leaks)} leaked refusals, {len(failures)} failures")
    assert cells == len(table)
    assert leaks == [], "\n".join(leaks)
    assert failures == [], "\n".join(failures)
