"""A batch issued by mistake is revoked in one go, with one reason: one transaction (all or none),
one audit event per certificate, each certificate checked against the reviewer's zones."""

import pytest
from sqlmodel import select

from db.errors import ChangedMeanwhile, NotFound, PermissionDenied, ValidationError
from db.models import AuditEvent, Certificate
from db.services.certificates import CertificateRequest, issue_many, revoke, revoke_many
from tests.ledger_data import register_firms

REASON = "批量签发有误，整批作废"


@pytest.fixture
def issued(db, people):
    """Tenancy confirmations: three of zone 1 (firms A, B, C) and one of zone 2 (firm D)."""
    a, b, c, d = register_firms(db, people)
    ones = issue_many(db, actor=people.clerk, requests=[CertificateRequest("tenancy", f, 1) for f in (a, b, c)])
    other = issue_many(db, actor=people.clerk2, requests=[CertificateRequest("tenancy", d, 2)])
    return [i.certificate_id for i in ones], other[0].certificate_id


def certificates(db):
    with db.reading() as uow:
        return {c.id: (c.status, c.revoked_reason, c.version)
                for c in uow.session.exec(select(Certificate)).all()}


def revocations(db):
    with db.reading() as uow:
        return [(e.entity_id, e.actor_name) for e in uow.session.exec(
            select(AuditEvent).where(AuditEvent.action == "certificate.revoke").order_by(AuditEvent.seq))]


def test_a_batch_is_revoked_with_one_reason_and_an_event_each(db, people, issued):
    ones, other = issued
    serials = revoke_many(db, actor=people.reviewer, certificate_ids=ones + ones[:1], reason=f"  {REASON} ")
    assert serials == ["Z01-2026-000001", "Z01-2026-000002", "Z01-2026-000003"]
    after = certificates(db)
    assert all(after[i][:2] == ("revoked", REASON) for i in ones)
    assert after[other][0] == "valid"
    assert revocations(db) == [(str(i), "reviewer1") for i in ones]


@pytest.mark.parametrize("spoil", ["revoked", "other_zone", "stale", "missing"])
def test_all_or_none(db, people, issued, spoil, engine):
    ones, other = issued
    ids, versions = list(ones), None
    if spoil == "revoked":
        revoke(db, actor=people.reviewer, certificate_id=ones[1], reason="已迁出")
        expected = (ValidationError, "Certificate Z01-2026-000002 is already revoked.")
    elif spoil == "other_zone":
        ids.append(other)  # on the server another zone's certificate is not even seen
        expected = (NotFound if engine == "postgres" else PermissionDenied, None)
    elif spoil == "stale":
        versions = {ones[2]: certificates(db)[ones[2]][2] - 1}
        expected = (ChangedMeanwhile, None)
    else:
        ids.append(10_000)
        expected = (NotFound, None)
    before = certificates(db)
    with pytest.raises(expected[0]) as refused:
        revoke_many(db, actor=people.reviewer, certificate_ids=ids, reason=REASON,
                    expected_versions=versions)
    if expected[1]:
        assert refused.value.message(lambda _c, text: text) == expected[1]
    assert certificates(db) == before  # nothing revoked


def test_who_may_and_what_is_refused_at_the_door(db, people, issued):
    ones, other = issued
    with pytest.raises(PermissionDenied):
        revoke_many(db, actor=people.clerk, certificate_ids=ones, reason=REASON)  # clerks issue only
    for wrong in ({"certificate_ids": ["1"], "reason": REASON},  # checked at the boundary
                  {"certificate_ids": [], "reason": REASON},
                  {"certificate_ids": ones, "reason": "  "},
                  {"certificate_ids": ones, "reason": "理" * 201}):
        with pytest.raises(ValidationError):
            revoke_many(db, actor=people.reviewer, **wrong)
    assert revoke_many(db, actor=people.admin, certificate_ids=[other, ones[0]], reason=REASON) == [
        "Z02-2026-000001", "Z01-2026-000001"]  # an administrator: every zone
    assert len(revocations(db)) == 2
