"""A batch issued by mistake is revoked as a whole with one reason (issue 16): every certificate
of one issue shares its batch, the issue dialog's chunks included, and revoke_batch revokes all
of them still valid, loaded in a list or not, all or none."""

import pytest
from sqlmodel import select

from db.errors import ChangedMeanwhile, PermissionDenied
from db.models import Certificate
from db.queries.certificates import batch_of
from db.services.certificates import CertificateRequest, issue_many, revoke, revoke_batch
from documents.issuing import CHUNK, issue_and_print
from tests.ledger_data import make_book


def statuses(db) -> dict[str, str]:  # noqa: ANN001
    with db.reading() as uow:
        return {c.serial: c.status for c in uow.session.exec(select(Certificate)).all()}


def test_a_batch_issued_in_chunks_is_revoked_as_one(db, people):
    book = make_book(db, people)
    requests = [CertificateRequest("tenancy", firm, 1) for firm in (book.firm_a, book.firm_b)] * 30
    outcome = issue_and_print(db, actor=people.clerk, requests=requests)
    assert len(outcome.serials) == 60 > 2 * CHUNK  # three chunks
    [other] = issue_many(db, actor=people.clerk, requests=requests[:1])  # another issue
    with db.reading() as uow:
        batches = {c.serial: c.batch for c in uow.session.exec(select(Certificate)).all()}
    assert len({batches[s] for s in outcome.serials}) == 1
    assert batches[other.serial] != batches[outcome.serials[0]]

    with db.reading() as uow:
        ids = {c.serial: c.id for c in uow.session.exec(select(Certificate)).all()}
    revoke(db, actor=people.reviewer, certificate_id=ids[outcome.serials[5]], reason="已迁出")
    told = batch_of(db, actor=people.reviewer, certificate_id=ids[outcome.serials[-1]])
    assert len(told.ids) == 59 and (told.first, told.last) == (outcome.serials[0], outcome.serials[-1])

    with pytest.raises(PermissionDenied):
        revoke_batch(db, actor=people.clerk, certificate_id=ids[outcome.serials[0]], reason="误签")
    with pytest.raises(ChangedMeanwhile):  # what the reviewer was told is no longer the batch
        revoke_batch(db, actor=people.reviewer, certificate_id=ids[outcome.serials[0]],
                     reason="误签", expected=list(told.ids[:-1]))
    assert list(statuses(db).values()).count("revoked") == 1  # all or none

    revoked = revoke_batch(db, actor=people.reviewer, certificate_id=ids[outcome.serials[-1]],
                           reason="批量签发有误", expected=list(told.ids))
    assert len(revoked) == 59 and outcome.serials[5] not in revoked
    now = statuses(db)
    assert all(now[s] == "revoked" for s in outcome.serials) and now[other.serial] == "valid"
    assert batch_of(db, actor=people.reviewer, certificate_id=ids[outcome.serials[0]]).ids == ()


def test_a_batch_id_is_the_programs_own(db, people):
    from db.errors import ValidationError

    book = make_book(db, people)
    with pytest.raises(ValidationError):
        issue_many(db, actor=people.clerk, requests=[CertificateRequest("tenancy", book.firm_a, 1)],
                   batch="not a batch")
