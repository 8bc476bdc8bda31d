"""A demo database knows it is one (migration 0011), and everything printed from it says 演示数据
on every page: certificates (issued in a batch and reprinted), the three reports, the audit
chain-head statement; the report workbooks in every sheet. Printouts of an office's own
database say nothing of the kind. Real PDFs, read back with poppler's pdftotext."""

import io
import shutil
import sqlite3
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from db import demo
from db.audit_verification import BROKEN, INTACT, verify_file
from db.engine import Database
from db.queries import reports
from db.queries.demo_data import is_demo
from db.services import auth
from db.services.certificates import CertificateRequest
from db.services.enterprises import FirstTenancy, register_enterprise
from db.startup import open_database
from desktop.audit_trail.audit_trail_pane import AuditPane
from desktop.certificates.certificate_actions import reprint_and_render
from desktop.reports.reports_pane import CITY, STATEMENT, ZONE, ReportRequest, make_document
from documents import issuing
from tests.conftest import firm_fields, working_copy

MARK = "演示数据"


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    demo.generate(path, firms=30)  # six firms in Z01, a year of money
    return path


@pytest.fixture
def demo_db(demo_path: Path, tmp_path: Path) -> Database:
    yield from working_copy(demo_path, tmp_path)


def pages(pdf: bytes, tmp_path: Path) -> list[str]:
    """Each page's text, its spaces and line breaks taken out."""
    path = tmp_path / "printed.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return ["".join(page.split()) for page in text.split("\f")[:-1]]


def clerk01(db: Database):  # noqa: ANN201
    return auth.log_in(db, username="clerk01", password=demo.DEMO_PASSWORD)


def first_firm(db: Database, zone_id: int = 1) -> int:
    with db.engine.connect() as connection:
        return connection.execute(text("SELECT min(id) FROM enterprise WHERE zone_id = :zone"),
                                  {"zone": zone_id}).scalar_one()


# --- the mark in the file ----------------------------------------------------------------
def test_a_demo_says_it_is_one_and_an_office_database_does_not(demo_db, db):
    assert is_demo(demo_db)
    assert not is_demo(db)


def test_the_mark_cannot_be_changed_or_taken_out(demo_db):
    connection = sqlite3.connect(demo_db.path)
    try:
        for statement in ("DELETE FROM officesetting",
                          "UPDATE officesetting SET name = 'other'",
                          "UPDATE officesetting SET value = '0'"):
            with pytest.raises(sqlite3.IntegrityError, match="stays marked"):
                connection.execute(statement)
    finally:
        connection.close()
    assert is_demo(demo_db)


def _as_before_the_mark(path: Path) -> None:
    """The file as a demo made before migration 0011 was: at 0010, without the mark (nor the
    firms' stretches of 0012)."""
    connection = sqlite3.connect(path)
    connection.execute("DROP TABLE enterprise_grams")
    connection.execute("DROP TRIGGER officesetting_demo_no_delete")
    connection.execute("DROP TRIGGER officesetting_demo_no_update")
    connection.execute("DELETE FROM officesetting WHERE name = 'demo_data'")
    connection.execute("UPDATE alembic_version SET version_num = '0010'")
    connection.commit()
    connection.close()


def _take_out_the_marks_event(path: Path) -> None:
    """The mark's audit event (the trail's last of a new demo) cut off, the head moved back."""
    connection = sqlite3.connect(path)
    triggers = connection.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'"
                                  " AND tbl_name IN ('auditevent', 'audithead')").fetchall()
    for name, in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                    " AND tbl_name IN ('auditevent', 'audithead')").fetchall():
        connection.execute(f'DROP TRIGGER "{name}"')
    seq = connection.execute("SELECT seq FROM auditevent WHERE action = 'office.demo_mark'"
                             ).fetchone()[0]
    connection.execute("DELETE FROM auditevent WHERE seq >= ?", (seq,))
    connection.execute("UPDATE audithead SET seq = (SELECT max(seq) FROM auditevent),"
                       " hash = (SELECT hash FROM auditevent ORDER BY seq DESC LIMIT 1)")
    for sql, in triggers:
        connection.execute(sql)
    connection.commit()
    connection.close()


def test_a_demo_made_before_the_mark_is_marked_when_opened_with_its_audit_event(
        demo_path, tmp_path, db_path):
    path = tmp_path / "old-demo.sqlite"
    shutil.copy(demo_path, path)
    _as_before_the_mark(path)
    _take_out_the_marks_event(path)  # a demo made before 0011 had no mark, and no event of it
    _as_before_the_mark(db_path)  # an office's file at 0010 stays unmarked
    for file, marked in ((path, True), (db_path, False)):
        database = open_database(file)
        try:
            assert is_demo(database) is marked
        finally:
            database.dispose()
        verdict = verify_file(file)  # the mark came with its event: the trail agrees
        assert verdict.status == INTACT, verdict.sentences


def test_a_demo_made_by_the_generator_verifies_intact(demo_path):
    verdict = verify_file(demo_path)
    assert verdict.status == INTACT, verdict.sentences


def test_a_mark_put_into_an_office_database_behind_the_programs_back_is_reported(db, db_path):
    db.dispose()
    connection = sqlite3.connect(db_path)
    connection.execute("INSERT INTO officesetting (name, value, changed_by, changed_at)"
                       " VALUES ('demo_data', '1', NULL, '2026-12-01T00:00:00Z')")
    connection.commit()
    connection.close()
    verdict = verify_file(db_path)
    assert verdict.status == BROKEN
    assert any("officesetting demo_data" in sentence for sentence in verdict.sentences), \
        verdict.sentences


def test_a_demo_whose_marks_event_is_cut_off_is_reported(demo_path, tmp_path):
    path = tmp_path / "cut.sqlite"
    shutil.copy(demo_path, path)
    _take_out_the_marks_event(path)
    verdict = verify_file(path)
    assert verdict.status == BROKEN, verdict.sentences


# --- printouts ---------------------------------------------------------------------------
def test_certificates_from_a_demo_say_so_on_every_page(demo_db, tmp_path):
    clerk, firm = clerk01(demo_db), first_firm(demo_db)
    outcome = issuing.issue_and_print(demo_db, actor=clerk, requests=[
        CertificateRequest("tenancy", firm, 1),
        CertificateRequest("subsidy", firm, 1, period_from="2025-11", period_to="2026-11")])
    printed = pages(outcome.pdf, tmp_path)
    assert len(printed) >= 3  # a year's subsidy table takes two pages
    assert all(MARK in page for page in printed)
    copy_pdf = reprint_and_render(demo_db, clerk, 1)[1]
    assert all(MARK in page for page in pages(copy_pdf, tmp_path))


def test_certificates_from_an_office_database_do_not(db, people, firm, tmp_path):
    outcome = issuing.issue_and_print(db, actor=people.clerk, requests=[
        CertificateRequest("tenancy", firm, 1)])
    printed = pages(outcome.pdf, tmp_path)
    assert printed and not any(MARK in page for page in printed)
    assert not any(MARK in page for page in pages(reprint_and_render(db, people.clerk, 1)[1],
                                                     tmp_path))


@pytest.fixture
def firm(db: Database, people) -> int:  # noqa: ANN001
    """A firm of zone 1 of an office's own database."""
    return register_enterprise(db, actor=people.admin, fields=firm_fields(), zone_id=1,
                               tenancy=FirstTenancy("A栋101", 12050, date(2024, 1, 1)))


def _requests(db: Database) -> list[ReportRequest]:
    year = reports.ReportPeriod("year", 2026)
    return [ReportRequest(ZONE, year, zone_id=1), ReportRequest(CITY, year),
            ReportRequest(STATEMENT, year, enterprise_id=first_firm(db))]


def test_reports_from_a_demo_say_so_on_every_page_and_in_every_sheet(demo_db, tmp_path):
    clerk = clerk01(demo_db)
    for request in _requests(demo_db):
        printed = pages(make_document(demo_db, clerk, request, "pdf"), tmp_path)
        assert len(printed) >= 2 and all(MARK in page for page in printed), request.report
        book = load_workbook(io.BytesIO(make_document(demo_db, clerk, request, "xlsx")))
        assert all(MARK in ws.title and MARK in ws.oddHeader.center.text for ws in book.worksheets)


def test_reports_from_an_office_database_do_not(db, people, firm, tmp_path):
    for request in _requests(db):  # the zone and city reports, and the firm statement
        printed = pages(make_document(db, people.clerk, request, "pdf"), tmp_path)
        assert printed and not any(MARK in page for page in printed), request.report
        book = load_workbook(io.BytesIO(make_document(db, people.clerk, request, "xlsx")))
        assert not any(MARK in ws.title or MARK in (ws.oddHeader.center.text or "")
                       for ws in book.worksheets)


def test_the_chain_head_statement_of_a_demo_says_so(demo_db, db, people, tmp_path):
    admin = auth.log_in(demo_db, username="admin", password=demo.DEMO_PASSWORD)
    printed = pages(AuditPane._signed(demo_db, admin, None)[1], tmp_path)
    assert len(printed) == 1 and MARK in printed[0]
    printed = pages(AuditPane._signed(db, people.admin, None)[1], tmp_path)
    assert len(printed) == 1 and MARK not in printed[0]
