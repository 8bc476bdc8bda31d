"""Issuing, reprinting and revoking certificates: only what is approved, serials gapless per zone
and year, all or nothing, roles and zones, frozen once issued, revoked by an approved reversal."""

import pytest
from sqlmodel import select

from db.engine import Database
from db.errors import NotFound, PermissionDenied, ValidationError
from db.models import AuditEvent, Certificate, CertificateCover
from db.queries.certificates import (
    CertificateFilter,
    candidates,
    certificate_page,
    count_certificates,
)
from db.services import approvals, awards, subsidies
from db.services.certificates import CertificateRequest, issue_many, reprint, revoke
from tests.certificate_data import YEAR_FROM, YEAR_TO, issue_subsidy, serial, subsidy_request
from tests.conftest import Staff
from tests.ledger_data import Book, make_book
from tests.rules.raw_sql import REFUSED, raw_connection


@pytest.fixture
def book(db: Database, people: Staff) -> Book:
    return make_book(db, people)


def _certificates(db: Database) -> list[Certificate]:
    with db.reading() as uow:
        return [c.model_copy() for c in uow.session.exec(select(Certificate).order_by(Certificate.id))]


def _actions(db: Database, prefix: str) -> list[str]:
    with db.reading() as uow:
        return [e.action for e in uow.session.exec(select(AuditEvent).where(
            AuditEvent.action.startswith(prefix)).order_by(AuditEvent.seq)).all()]


def test_a_subsidy_confirmation_covers_the_approved_unreversed_entries(db, people, book):
    issued = issue_subsidy(db, people, book)
    assert issued.serial == serial("Z01", 1)
    printed = issued.printed
    # land in March only: electricity was reversed, April is submitted, not approved
    assert printed.amount_fen == 150_000
    assert [(line.period, line.category, line.subsidy_fen) for line in printed.lines] == [
        ("2026-03", "land", 150_000)]
    assert printed.facts == {"period_from": YEAR_FROM, "period_to": YEAR_TO}
    assert printed.firm_name == "上海星河智能科技有限公司" and printed.print_number == 1
    with db.reading() as uow:
        covers = uow.session.exec(select(CertificateCover.entry_id)).all()
    assert covers == [book.land_march]
    assert _actions(db, "certificate.") == ["certificate.issue"]


def test_serials_run_on_per_zone_and_a_failed_batch_takes_none(db, people, book):
    first = issue_subsidy(db, people, book)
    second = issue_subsidy(db, people, book, book.firm_b)
    with pytest.raises(ValidationError):  # firm C has a draft only: the whole batch is refused
        issue_many(db, actor=people.clerk, requests=[subsidy_request(book), subsidy_request(book, book.firm_c)])
    third = issue_subsidy(db, people, book)
    zone2 = issue_many(db, actor=people.clerk2, requests=[subsidy_request(book, book.firm_d, zone=2)])[0]
    assert [first.serial, second.serial, third.serial] == [serial("Z01", n) for n in (1, 2, 3)]
    assert zone2.serial == serial("Z02", 1)
    assert len(_certificates(db)) == 4


def test_only_approved_money_and_current_tenants_are_certified(db, people, book):
    refusals = [
        subsidy_request(book, book.firm_c),  # a draft
        CertificateRequest("subsidy", book.firm_a, 1, "2026-04", "2026-04"),  # submitted only
        CertificateRequest("subsidy", book.firm_a, 1, "2026-05", "2026-03"),  # backwards
        CertificateRequest("subsidy", book.firm_a, 1, "2026-01", "2099-12"),  # the future
        CertificateRequest("little_giant", book.firm_b, 1, award_id=book.giant_award + 999),
        CertificateRequest("loan_guarantee", book.firm_b, 1, award_id=book.giant_award),  # wrong kind
        CertificateRequest("tenancy", book.firm_d, 1),  # a tenant of zone 2, not 1
        CertificateRequest("diploma", book.firm_a, 1),
    ]
    for request in refusals:
        with pytest.raises((ValidationError, NotFound)):
            issue_many(db, actor=people.clerk, requests=[request])
    assert _certificates(db) == []
    giant = issue_many(db, actor=people.clerk, requests=[
        CertificateRequest("little_giant", book.firm_b, 1, award_id=book.giant_award)])[0]
    tenancy = issue_many(db, actor=people.clerk, requests=[CertificateRequest("tenancy", book.firm_a, 1)])[0]
    assert giant.printed.amount_fen == 10_000_000 and giant.printed.facts["level"] == "municipal"
    assert tenancy.printed.amount_fen is None and tenancy.printed.facts["area_m2"] == "100.00"


def test_roles_and_zones(db, people, book, engine):
    request = subsidy_request(book)
    for who in (people.auditor, people.reviewer, people.clerk2):
        with pytest.raises(PermissionDenied):
            issue_many(db, actor=who, requests=[request])
    issued = issue_subsidy(db, people, book)
    with pytest.raises(PermissionDenied):
        revoke(db, actor=people.clerk, certificate_id=issued.certificate_id, reason="错误")
    # on the server, another zone's certificate is not even seen
    with pytest.raises(NotFound if engine == "postgres" else PermissionDenied):
        reprint(db, actor=people.clerk2, certificate_id=issued.certificate_id)
    assert certificate_page(db, actor=people.clerk2, flt=CertificateFilter()) == []
    assert count_certificates(db, actor=people.auditor, flt=CertificateFilter()) == 1


def test_a_reprint_keeps_the_serial_and_counts_copies(db, people, book):
    issued = issue_subsidy(db, people, book)
    copy = reprint(db, actor=people.clerk, certificate_id=issued.certificate_id)
    again = reprint(db, actor=people.admin, certificate_id=issued.certificate_id)
    assert (copy.serial, copy.print_number, copy.is_copy) == (issued.serial, 2, True)
    assert again.print_number == 3 and again.qr_text == issued.printed.qr_text
    assert _certificates(db)[0].print_count == 3
    revoke(db, actor=people.reviewer, certificate_id=issued.certificate_id, reason="企业申请更正")
    with pytest.raises(ValidationError, match="revoked"):
        reprint(db, actor=people.clerk, certificate_id=issued.certificate_id)
    with pytest.raises(ValidationError, match="already"):
        revoke(db, actor=people.admin, certificate_id=issued.certificate_id, reason="再次")
    with pytest.raises(ValidationError):
        revoke(db, actor=people.admin, certificate_id=issued.certificate_id, reason="  ")
    row = certificate_page(db, actor=people.reviewer, flt=CertificateFilter(status="revoked"))[0]
    assert (row.status, row.revoked_reason, row.print_count) == ("revoked", "企业申请更正", 3)
    assert _actions(db, "certificate.") == ["certificate.issue", "certificate.reprint",
                                            "certificate.reprint", "certificate.revoke"]


def test_an_approved_reversal_revokes_the_certificates_covering_it(db, people, book):
    kept = issue_subsidy(db, people, book, book.firm_b)  # water in March: not reversed
    covering = issue_subsidy(db, people, book)  # land in March
    giant = issue_many(db, actor=people.clerk, requests=[
        CertificateRequest("little_giant", book.firm_b, 1, award_id=book.giant_award)])[0]
    reversal = subsidies.reverse_entry(db, actor=people.clerk, entry_id=book.land_march, reason="重复申报")
    award_reversal = awards.reverse_award(db, actor=people.clerk, award_id=book.giant_award, reason="撤销认定")
    statuses = {c.serial: c.status for c in _certificates(db)}
    assert set(statuses.values()) == {"valid"}  # asking for a reversal revokes nothing yet
    approvals.approve(db, actor=people.reviewer, entry_ids=[reversal], award_ids=[award_reversal])
    by_serial = {c.serial: c for c in _certificates(db)}
    assert by_serial[kept.serial].status == "valid"
    assert by_serial[covering.serial].status == "revoked"
    assert "重复申报" in by_serial[covering.serial].revoked_reason
    assert by_serial[giant.serial].status == "revoked"
    assert _actions(db, "certificate.revoke") == ["certificate.revoke"] * 2


@pytest.mark.parametrize("statement", [
    "UPDATE certificate SET amount_fen = amount_fen + 1",
    "UPDATE certificate SET payload = substr(payload, 1, 1)",
    "UPDATE certificate SET content = '{}'",
    "UPDATE certificate SET serial = 'Z01-2026-999999'",
    "UPDATE certificate SET print_count = 0",
    "DELETE FROM certificate",
    "DELETE FROM certificatecover",
    "UPDATE certificatecover SET entry_id = entry_id + 1",
])
def test_an_issued_certificate_is_fixed_whatever_the_path(db, people, book, statement):
    issue_subsidy(db, people, book)
    connection = raw_connection(db)
    with pytest.raises(REFUSED):
        connection.execute(statement)
    connection.close()


def test_a_revoked_certificate_stays_revoked(db, people, book):
    issued = issue_subsidy(db, people, book)
    revoke(db, actor=people.reviewer, certificate_id=issued.certificate_id, reason="作废")
    connection = raw_connection(db)
    for statement in ("UPDATE certificate SET status = 'valid'",
                      "UPDATE certificate SET revoked_reason = '无'"):
        with pytest.raises(REFUSED):
            connection.execute(statement)
    connection.execute("UPDATE certificate SET print_count = print_count + 0")  # a no-op passes
    connection.close()


def test_a_name_the_font_cannot_print_is_refused_and_takes_no_serial(db, people, book):
    connection = raw_connection(db)
    connection.execute("UPDATE enterprise SET name = '上海𠀀𪚥科技有限公司' WHERE id = ?", (book.firm_a,))
    connection.close()
    with pytest.raises(ValidationError, match="cannot print") as caught:
        issue_subsidy(db, people, book)
    assert "𠀀" in caught.value.message() and _certificates(db) == []
    assert issue_subsidy(db, people, book, book.firm_b).serial == serial("Z01", 1)


def test_candidates_are_what_issue_accepts(db, people, book):
    found = candidates(db, actor=people.clerk, zone_id=1, kind="subsidy", period_from=YEAR_FROM,
                       period_to=YEAR_TO)
    # by name: 上海星河… (A, land in March) before 上海蓝芯… (B, water in March)
    assert [(c.enterprise_id, c.amount_fen, c.detail) for c in found] == [
        (book.firm_a, 150_000, "1"), (book.firm_b, 15_000, "1")]
    issued = issue_many(db, actor=people.clerk, requests=[
        CertificateRequest(c.kind, c.enterprise_id, c.zone_id, YEAR_FROM, YEAR_TO, c.award_id)
        for c in found])
    assert sorted(i.printed.amount_fen for i in issued) == sorted(c.amount_fen for c in found)
    giants = candidates(db, actor=people.clerk, zone_id=1, kind="little_giant")
    assert [(c.award_id, c.detail) for c in giants] == [(book.giant_award, "municipal")]
    tenants = candidates(db, actor=people.clerk, zone_id=1, kind="tenancy")
    assert {c.enterprise_id for c in tenants} == {book.firm_a, book.firm_b, book.firm_c}
    with pytest.raises(PermissionDenied):
        candidates(db, actor=people.clerk2, zone_id=1, kind="tenancy")


def test_a_certificate_too_long_for_its_qr_code_is_refused_before_a_serial_is_taken(db, people, book):
    connection = raw_connection(db)
    connection.execute("UPDATE enterprise SET name = ? WHERE id = ?", ("上海" + "长" * 200 + "有限公司", book.firm_a))
    connection.close()
    with pytest.raises(ValidationError, match="too long") as caught:
        issue_subsidy(db, people, book)
    assert caught.value.values["max"] == 970 and _certificates(db) == []
