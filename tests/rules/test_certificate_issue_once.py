"""Issuing a batch reads what it needs once per transaction (each zone, the last serial of each
zone and year) and keeps each certificate's content as the same text as before, faster: the
serials are exactly those that reading max + 1 for every certificate gave, and to_json() the
very text dataclasses.asdict() gave."""

import copy
import json
from dataclasses import asdict, replace
from datetime import date

import pytest
from sqlalchemy import event
from sqlmodel import select

from db.certificates.content import CertificateLine, PrintedCertificate
from db.errors import NotFound
from db.models import Certificate
from db.services import certificate_subjects
from db.services.certificate_subjects import subject
from db.services.certificates import CertificateRequest, issue_many
from tests.certificate_data import subsidy_request
from tests.ledger_data import make_book


@pytest.fixture
def book(db, people):  # noqa: ANN001, ANN201
    return make_book(db, people)


def statements(db):  # noqa: ANN001, ANN201
    """The SQL statements run on the writing engine, as they run."""
    seen: list[str] = []
    event.listen(db.writing_engine, "before_cursor_execute",
                 lambda conn, cursor, sql, *rest: seen.append(" ".join(sql.split())))
    return seen


def serials_as_max_plus_one(db) -> list[tuple[str, str]]:  # noqa: ANN001
    """(serial, the serial max + 1 over the certificates issued before it gives), by id."""
    with db.reading() as uow:
        rows = list(uow.session.exec(select(Certificate).order_by(Certificate.id)))
        zones = {c.zone_id: c.serial.split("-")[0] for c in rows}
        expected = []
        for certificate in rows:
            before = [c.seq for c in rows if c.id < certificate.id and c.zone_id == certificate.zone_id
                      and c.year == certificate.year]
            expected.append((certificate.serial, f"{zones[certificate.zone_id]}-{certificate.year}-"
                                                 f"{max(before, default=0) + 1:06d}"))
        return expected


def test_a_batch_reads_each_zone_and_its_last_serial_once(db, people, book):
    issue_many(db, actor=people.admin, requests=[subsidy_request(book, book.firm_b)])
    seen = statements(db)
    requests = [subsidy_request(book, firm) for firm in (book.firm_a, book.firm_b) * 3]
    requests.insert(3, subsidy_request(book, book.firm_d, zone=2))
    issued = issue_many(db, actor=people.admin, requests=requests)
    year = issued[0].serial.split("-")[1]
    assert [i.serial for i in issued] == [f"Z01-{year}-{n:06d}" for n in (2, 3, 4)] + [
        f"Z02-{year}-000001"] + [f"Z01-{year}-{n:06d}" for n in (5, 6, 7)]
    assert sum(s.startswith("SELECT max(certificate.seq)") for s in seen) == 2  # Z01 and Z02
    assert sum(s.startswith("SELECT zone.") for s in seen) == 2
    again = issue_many(db, actor=people.admin, requests=requests[:2])
    assert [i.serial for i in again] == [f"Z01-{year}-000008", f"Z01-{year}-000009"]
    assert all(serial == expected for serial, expected in serials_as_max_plus_one(db))


def approved_reads(seen: list[str]) -> list[str]:
    return [s for s in seen if "FROM subsidyentry" in s and "status = 'approved'" in s]


@pytest.mark.parametrize("firms_a_query, queries", [(500, 2), (1, 3)], ids=["one", "chunked"])
def test_a_batch_reads_the_approved_entries_of_a_zones_months_for_all_its_firms_at_once(
        db, people, book, monkeypatch, firms_a_query, queries):
    with db.reading() as uow:
        alone = {(r.enterprise_id, r.zone_id): subject(uow.session, r) for r in (
            subsidy_request(book, book.firm_a), subsidy_request(book, book.firm_b),
            subsidy_request(book, book.firm_d, zone=2))}
    monkeypatch.setattr(certificate_subjects, "_FIRMS_A_QUERY", firms_a_query)
    seen = statements(db)
    requests = [subsidy_request(book, book.firm_a), subsidy_request(book, book.firm_d, zone=2),
                subsidy_request(book, book.firm_b), subsidy_request(book, book.firm_a)]
    issued = issue_many(db, actor=people.admin, requests=requests)
    assert len(approved_reads(seen)) == queries  # Z01's two firms together unless chunked by 1
    for request, one in zip(requests, issued, strict=True):
        expected = alone[(request.enterprise_id, request.zone_id)]
        assert (one.printed.amount_fen, one.printed.lines) == (expected.amount_fen, expected.lines)
    assert all(s.lines and s.amount_fen > 0 for s in alone.values())
    assert len({s.amount_fen for s in alone.values()}) == 3  # each firm's own entries


def test_a_zone_that_does_not_exist_refuses_the_batch(db, people, book):
    requests = [subsidy_request(book), CertificateRequest("subsidy", book.firm_a, 999, "2026-01",
                                                          "2026-10"), subsidy_request(book)]
    with pytest.raises(NotFound):
        issue_many(db, actor=people.admin, requests=requests)
    assert serials_as_max_plus_one(db) == []


def as_asdict_gave(cert: PrintedCertificate) -> str:
    """to_json() as it was written before: dataclasses.asdict(), then the same trimming."""
    values = asdict(cert)
    values.pop("print_number")
    values.pop("revoked")
    values["issued_on"] = cert.issued_on.isoformat()
    for line in values["lines"]:
        if line["cap_fen"] is None:
            del line["cap_fen"]
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


AWKWARD = PrintedCertificate(
    serial="Z07-2026-000123", kind="subsidy", firm_name='上海"引号"\\反斜杠\n科技有限公司',
    uscc="91310000MA1FL8XQ3W", zone_code="Z07", zone_name="临港新片区 𠮷", issuer="服务中心",
    issued_on=date(2026, 2, 28), amount_fen=-12_345, qr_text="ZDC1:" + "A" * 300,
    facts={"period_from": "2026-01", "period_to": "2026-10", "空": ""},
    lines=(CertificateLine("2026-01", "land", 1_000_000, 0, "cap_reached", 5_000_000),
           CertificateLine("2026-02", "water", -300, -30),
           CertificateLine("2026-03", "internet", 0, 0, "", None)))


@pytest.mark.parametrize("cert", [
    AWKWARD, replace(AWKWARD, lines=(), amount_fen=None, kind="tenancy",
                     facts={"unit": "A栋 101", "since": "2024-01-01", "area_m2": "1,000.00"}),
    replace(AWKWARD, print_number=3, revoked=True, facts={})], ids=["subsidy", "tenancy", "copy"])
def test_the_content_kept_is_the_text_asdict_gave_without_deep_copies(cert, monkeypatch):
    expected = as_asdict_gave(cert)
    monkeypatch.setattr(copy, "deepcopy", lambda *a, **k: pytest.fail("deep-copied"))
    assert cert.to_json() == expected
    assert PrintedCertificate.from_json(expected, print_number=cert.print_number,
                                        revoked=cert.revoked) == cert


def test_every_issued_certificate_keeps_the_text_asdict_gave(db, people, book):
    issue_many(db, actor=people.admin, requests=[subsidy_request(book, f) for f in (
        book.firm_a, book.firm_b)] + [subsidy_request(book, book.firm_d, zone=2)])
    with db.reading() as uow:
        kept = [c.content for c in uow.session.exec(select(Certificate).order_by(Certificate.id))]
    assert len(kept) == 3
    for content in kept:
        assert content == as_asdict_gave(PrintedCertificate.from_json(content))
