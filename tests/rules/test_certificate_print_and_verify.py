"""Issued, printed, scanned back and verified: each kind of certificate goes from the file to a
PDF, the PDF's text holds the firm, USCC, serial and amount in words, the page image is not blank,
and the QR code read from that image by a real decoder verifies. A batch cancelled midway keeps
exactly the certificates it issued, all of them in its PDF."""

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from sqlmodel import func, select

from db.certificates import code as certificate_code
from db.engine import Database
from db.errors import NotFound, ValidationError
from db.models import Certificate, Enterprise
from db.money.words import amount_in_words
from db.queries.enterprises import enterprise_detail
from db.queries.verification import verify_code
from db.services import approvals, awards, tenancies
from db.services.certificates import CertificateRequest, issue_many
from documents.issuing import CHUNK, issue_and_print
from documents.qr import qr_version
from tests.certificate_data import serial, subsidy_request
from tests.conftest import Staff
from tests.ledger_data import Book, make_book


@pytest.fixture
def book(db: Database, people: Staff) -> Book:
    return make_book(db, people)


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return re.sub(r"\s+", "", out)


def _page_images(pdf: Path, tmp_path: Path) -> list[Image.Image]:
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page")], check=True)
    return [Image.open(p).convert("L") for p in sorted(tmp_path.glob("page*.png"))]


def _request(db: Database, people: Staff, book: Book, kind: str) -> CertificateRequest:
    if kind == "subsidy":
        return subsidy_request(book)
    if kind == "tenancy":
        return CertificateRequest("tenancy", book.firm_c, 1)
    if kind == "little_giant":
        return CertificateRequest("little_giant", book.firm_b, 1, award_id=book.giant_award)
    guarantee = awards.record_loan_guarantee(
        db, actor=people.clerk, enterprise_id=book.firm_a, bank="中国工商银行上海市分行",
        loan_fen=500_000_000, term_months=36, guaranteed_fen=400_000_000)
    approvals.approve(db, actor=people.reviewer, award_ids=[guarantee])
    return CertificateRequest("loan_guarantee", book.firm_a, 1, award_id=guarantee)


@pytest.mark.parametrize("kind", ["subsidy", "tenancy", "little_giant", "loan_guarantee"])
def test_every_kind_prints_reads_back_and_verifies(db, people, book, tmp_path: Path, kind):
    outcome = issue_and_print(db, actor=people.clerk,
                              requests=[_request(db, people, book, kind)])
    assert outcome.serials == [serial("Z01", 1)] and not outcome.cancelled
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(outcome.pdf)
    with db.reading() as uow:
        certificate = uow.session.exec(select(Certificate)).one()
        firm = uow.session.get(Enterprise, certificate.enterprise_id)
        firm_name, uscc, amount = firm.name, firm.uscc, certificate.amount_fen
    text = _text(pdf)
    assert firm_name in text and uscc in text and outcome.serials[0] in text
    if amount is not None:
        assert amount_in_words(amount) in text
    pages = _page_images(pdf, tmp_path)
    dark = sum(pages[0].histogram()[:128]) / (pages[0].width * pages[0].height)
    assert dark > 0.01, "the page is blank"
    codes = zxingcpp.read_barcodes(pages[0])
    assert len(codes) == 1 and codes[0].format == zxingcpp.BarcodeFormat.QRCode
    verdict = verify_code(db, actor=people.reviewer, text=codes[0].text)
    assert verdict.outcome == "valid" and verdict.serial == outcome.serials[0]
    assert verdict.fields["firm"] == firm_name and verdict.fields["amount"] == amount


def test_a_cancelled_batch_keeps_what_it_issued_and_nothing_else(db, people, book):
    requests = [CertificateRequest("tenancy", firm, 1)
                for firm in [book.firm_a, book.firm_b, book.firm_c] * 20]  # 60, three chunks
    reported: list[tuple[int, int]] = []

    def cancelled() -> bool:  # the person presses Cancel once the first chunk is reported
        return any(done >= CHUNK for done, _ in reported)

    outcome = issue_and_print(db, actor=people.clerk, requests=requests,
                              progress=lambda done, total: reported.append((done, total)),
                              cancelled=cancelled)
    assert outcome.cancelled and outcome.asked == 60
    assert outcome.serials == [serial("Z01", n) for n in range(1, CHUNK + 1)]
    with db.reading() as uow:
        assert uow.session.exec(select(func.count()).select_from(Certificate)).one() == CHUNK
    pages = subprocess.run(["pdfinfo", "-"], input=outcome.pdf, capture_output=True,
                           check=True).stdout.decode()
    assert re.search(r"Pages:\s+(\d+)", pages).group(1) == str(CHUNK)
    assert reported[0] == (0, 60) and reported[-1] == (CHUNK, 60)
    # the next certificate takes the next serial: no gap
    again = issue_and_print(db, actor=people.clerk, requests=requests[:1])
    assert again.serials == [serial("Z01", CHUNK + 1)]


def test_a_batch_refused_midway_keeps_the_chunks_before_and_says_why(db, people, book):
    # firm C moved out of zone 1 at the end of 2025: the zone's firm, no longer its tenant
    version = enterprise_detail(db, actor=people.clerk, enterprise_id=book.firm_c).version
    tenancies.close_tenancy(db, actor=people.clerk, enterprise_id=book.firm_c,
                            expected_version=version, end_on=date(2025, 12, 31))
    requests = [CertificateRequest("tenancy", firm, 1) for firm in [book.firm_a, book.firm_b] * 20]
    requests[CHUNK + 3] = CertificateRequest("tenancy", book.firm_c, 1)
    outcome = issue_and_print(db, actor=people.clerk, requests=requests)
    assert outcome.error is not None and "not a tenant" in outcome.error.message()
    assert not outcome.cancelled and outcome.serials == [serial("Z01", n) for n in range(1, CHUNK + 1)]
    with db.reading() as uow:
        assert uow.session.exec(select(func.count()).select_from(Certificate)).one() == CHUNK
    # a batch refused in its first chunk issues nothing and says why
    with pytest.raises(ValidationError, match="not a tenant"):
        issue_and_print(db, actor=people.clerk, requests=requests[CHUNK:])


def test_another_zones_firm_is_answered_as_a_firm_that_does_not_exist(db, people, book):
    """Firm D is zone 2's: a zone-1 clerk's request for it (made by hand) must not learn that it
    exists, nor its name; the refusal is word for word that of an id no firm has."""
    refusals = []
    for firm in (book.firm_d, 999_999):
        with pytest.raises(NotFound) as refused:
            issue_many(db, actor=people.clerk, requests=[CertificateRequest("tenancy", firm, 1)])
        refusals.append(refused.value.message())
    assert refusals[0] == refusals[1] and "no such firm in this zone" in refusals[0]
    name = enterprise_detail(db, actor=people.admin, enterprise_id=book.firm_d).fields.name
    assert name not in refusals[0]
    with pytest.raises(NotFound):  # the same for an administrator asking zone 1 for it
        issue_many(db, actor=people.admin, requests=[CertificateRequest("tenancy", book.firm_d, 1)])
    with db.reading() as uow:
        assert uow.session.exec(select(func.count()).select_from(Certificate)).one() == 0


def test_the_longest_code_issued_fits_a_version_20_qr_code():
    longest = "ZD1." + "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" * 40
    assert qr_version(longest[:certificate_code.MAX_CHARACTERS]) == 20
    with pytest.raises(ValueError):
        qr_version(longest[:certificate_code.MAX_CHARACTERS + 1])
