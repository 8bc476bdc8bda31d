"""Certificates over tests/ledger_data.py's book: helpers shared by the certificate tests."""

from datetime import date

from db.clock import today_shanghai
from db.engine import Database
from db.services.certificates import CertificateRequest, Issued, issue_many
from tests.conftest import Staff
from tests.ledger_data import YEAR, Book

YEAR_FROM, YEAR_TO = f"{YEAR}-01", f"{YEAR}-10"


def subsidy_request(book: Book, firm: int | None = None, zone: int = 1) -> CertificateRequest:
    return CertificateRequest("subsidy", firm or book.firm_a, zone, YEAR_FROM, YEAR_TO)


def issue_subsidy(db: Database, people: Staff, book: Book, firm: int | None = None) -> Issued:
    return issue_many(db, actor=people.clerk, requests=[subsidy_request(book, firm)])[0]


def serial(zone_code: str, seq: int, on: date | None = None) -> str:
    return f"{zone_code}-{(on or today_shanghai()).year}-{seq:06d}"
