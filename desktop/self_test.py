"""`zonedesk --self-test`: proves that the installed program works on this PC, end to end, in a
throw-away folder.

In a fresh temporary folder it makes a database, migrates it, makes the first administrator
(real argon2 cost), a clerk and a reviewer of a zone, registers a firm with its tenancy, saves a
bill of the current month, has the clerk submit it and the reviewer approve it (four eyes),
issues a subsidy confirmation, checks that its PDF embeds the font (the Chinese text reads
back), renders the page with QtPdf, reads its QR code back with zxing-cpp and verifies it,
and writes a zone's report as XLSX and reads it back.

It touches no user data: the database, the signing key and anything else the program would put
in the data folder go to the temporary folder (ZONEDESK_DATA points there while the test runs),
no log file is opened and no setting is read or written. Qt draws offscreen (desktop/cli.py sets
QT_QPA_PLATFORM=offscreen unless it is set): no display needed.

Each step is a (name, function) in STEPS; a step takes the shared `Run` and raises on failure.
Exit 0 when every step passed, 1 naming the first step that failed and why.
"""

import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from db import uscc
from db.access import Actor
from db.bundle import build_revision, program_version
from db.clock import today_shanghai
from db.database_file import FileKind, examine
from db.engine import Database
from db.errors import ZoneDeskError
from db.locations import data_folder_at
from db.money.subsidy_rules import period_of

PASSWORD = "self-test 自检 password"
FIRM_NAME = "上海自检智能科技有限公司"
BILLED_FEN = 1_000_000  # 10,000.00 yuan at 15 %: a subsidy of 1,500.00
RATE_BP = 1500
ZONE_CODE = "Z01"
RENDER_DPI = 150


_application = None  # the QApplication this module made, if it had to


class StepFailed(Exception):
    """A step found the program not doing what it should (the message says what)."""


@dataclass
class Run:
    """What the steps share: the folder, the day the test runs on, and what each step made."""

    folder: Path
    today: date
    db: Database | None = None
    zone_id: int = 0
    admin: Actor | None = None
    clerk: Actor | None = None
    reviewer: Actor | None = None
    firm_id: int = 0
    entry_id: int = 0
    subsidy_fen: int = 0
    serial: str = ""
    pdf: bytes = b""
    made: dict[str, object] = field(default_factory=dict)

    @property
    def period(self) -> str:
        """The bill's month: the current one (open, and never in the future)."""
        return period_of(self.today)


def version_line() -> str:
    return f"Zone Desk {program_version()} ({build_revision()})"


def _check(condition: bool, failure: str) -> None:
    if not condition:
        raise StepFailed(failure)


# --- the steps ------------------------------------------------------------------------------
def migrate_database(run: Run) -> None:
    from sqlmodel import select

    from db.models import Zone
    from db.startup import open_database
    path = run.folder / "self-test.sqlite"
    run.db = open_database(path, create=True)
    _check(examine(path).kind == FileKind.CURRENT, "the database is not at the newest schema")
    with run.db.reading() as uow:
        zone_id = uow.session.exec(select(Zone.id).where(Zone.code == ZONE_CODE)).first()
    _check(zone_id is not None, f"the reference data has no zone {ZONE_CODE}")
    run.zone_id = zone_id


def create_first_administrator(run: Run) -> None:
    from db.services import auth
    _check(auth.needs_first_admin(run.db), "a new database already has accounts")
    run.admin = auth.create_first_admin(run.db, username="admin", display_name="自检管理员",
                                        password=PASSWORD, office="自检办公室")


def create_clerk_and_reviewer(run: Run) -> None:
    from db.services import auth, staff
    for username, name, role in (("clerk", "自检经办", "clerk"), ("reviewer", "自检审核", "reviewer")):
        staff.create_staff(run.db, actor=run.admin, username=username, display_name=name,
                           role=role, zone_ids=[run.zone_id], password=PASSWORD)
    run.clerk = auth.log_in(run.db, username="clerk", password=PASSWORD)
    run.reviewer = auth.log_in(run.db, username="reviewer", password=PASSWORD)


def set_policy(run: Run) -> None:
    from db.services import policy
    policy.set_policy_rate(run.db, actor=run.admin, category="land",
                           valid_from=run.today.replace(day=1), rate_bp=RATE_BP,
                           yearly_cap_fen=5_000_000)
    policy.set_budget(run.db, actor=run.admin, zone_id=run.zone_id, year=run.today.year,
                      category="land", amount_fen=100_000_000)


def register_firm(run: Run) -> None:
    from db.models import EnterpriseFields
    from db.services.enterprises import FirstTenancy, register_enterprise
    fields = EnterpriseFields(
        uscc=uscc.make("91310115MA1K" + "00001"), name=FIRM_NAME, sector_code="ai",
        industry_code="software", employees=50, annual_revenue_fen=20_000_000_00,
        contact_name="赵敏", contact_phone="021-55551234")
    run.firm_id = register_enterprise(
        run.db, actor=run.clerk, fields=fields, zone_id=run.zone_id,
        tenancy=FirstTenancy("自检楼101", 10_000, run.today.replace(day=1)))


def approve_bill(run: Run) -> None:
    from db.models import SubsidyEntry
    from db.services import approvals, subsidies
    (entry,) = subsidies.save_bills(run.db, actor=run.clerk, zone_id=run.zone_id, period=run.period,
                                    bills=[subsidies.Bill(run.firm_id, "land", BILLED_FEN)])
    subsidies.submit_entries(run.db, actor=run.clerk, entry_ids=[entry])
    approvals.approve(run.db, actor=run.reviewer, entry_ids=[entry])
    with run.db.reading() as uow:
        row = uow.session.get(SubsidyEntry, entry)
        status, subsidy = row.status, row.subsidy_fen
    _check(status == "approved", f"the entry is {status}, not approved")
    _check(subsidy == BILLED_FEN * RATE_BP // 10_000,
           f"the subsidy is {subsidy} fen, not {BILLED_FEN * RATE_BP // 10_000}")
    run.entry_id, run.subsidy_fen = entry, subsidy


def issue_certificate(run: Run) -> None:
    from db.services.certificates import CertificateRequest
    from documents.issuing import issue_and_print
    request = CertificateRequest("subsidy", run.firm_id, run.zone_id, run.period, run.period)
    outcome = issue_and_print(run.db, actor=run.clerk, requests=[request])
    _check(outcome.issued == 1 and outcome.error is None, "no certificate was issued")
    _check(outcome.pdf.startswith(b"%PDF"), "the certificate's PDF is not a PDF")
    run.serial, run.pdf = outcome.serials[0], outcome.pdf


def check_embedded_font(run: Run) -> None:
    from db.money.words import amount_in_words
    _check(b"/FontFile2" in run.pdf, "the PDF does not embed its font")
    document = _pdf_document(run)
    text = "".join(document.getAllText(0).text().split())
    for expected in (FIRM_NAME, run.serial, amount_in_words(run.subsidy_fen)):
        _check(expected in text, f"the PDF's text does not read back {expected!r}")


def verify_qr_code(run: Run) -> None:
    import zxingcpp

    from db.queries.verification import verify_code
    from desktop.widgets.printing import page_on_white
    image = page_on_white(_pdf_document(run), 0, RENDER_DPI)
    codes = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    _check(len(codes) == 1, f"{len(codes)} QR codes read from the rendered page, not 1")
    verdict = verify_code(run.db, actor=run.reviewer, text=codes[0].text)
    _check(verdict.valid, f"the code read back verifies as {verdict.outcome}")
    _check(verdict.serial == run.serial and verdict.fields.get("firm") == FIRM_NAME
           and verdict.fields.get("amount") == run.subsidy_fen,
           "the verified code names another certificate")
    forged = codes[0].text[:-1] + ("A" if codes[0].text[-1] != "A" else "B")
    _check(not verify_code(run.db, actor=run.reviewer, text=forged).valid,
           "a code changed by one character still verifies")


def write_xlsx_report(run: Run) -> None:
    from openpyxl import load_workbook

    from db.money.words import amount_in_words
    from db.queries.reports import ReportPeriod, zone_report
    from documents.report_xlsx import zone_report_xlsx
    report = zone_report(run.db, actor=run.clerk, zone_id=run.zone_id,
                         period=ReportPeriod("month", run.today.year, run.today.month))
    path = run.folder / "report.xlsx"
    path.write_bytes(zone_report_xlsx(report))
    book = load_workbook(path, read_only=True)
    try:
        summary = {row[0]: row[1] for row in book["概况"].iter_rows(values_only=True)}
    finally:
        book.close()
    approved = summary.get("审核通过补贴金额（元）")
    _check(approved is not None and Decimal(str(approved)) * 100 == run.subsidy_fen,
           f"the report reads back {approved!r} yuan approved, not {Decimal(run.subsidy_fen) / 100}")
    _check(summary.get("合计（大写）") == amount_in_words(run.subsidy_fen),
           "the report's total in words does not read back")


def _pdf_document(run: Run):  # noqa: ANN202 (QPdfDocument, imported only here)
    """The certificate read by QtPdf (loaded once, kept with its buffer in `run.made`)."""
    if "pdf_document" not in run.made:
        global _application
        from PySide6.QtWidgets import QApplication

        from desktop.widgets.printing import load_pdf
        if QApplication.instance() is None:  # kept to the end of the process, never remade
            _application = QApplication(sys.argv[:1])
        run.made["pdf_document"], run.made["pdf_buffer"] = load_pdf(run.pdf)
    return run.made["pdf_document"]


Step = tuple[str, Callable[[Run], None]]
STEPS: list[Step] = [
    ("migrate the database", migrate_database),
    ("create the first administrator", create_first_administrator),
    ("create a clerk and a reviewer", create_clerk_and_reviewer),
    ("set a subsidy rate and a budget", set_policy),
    ("register a firm with its tenancy", register_firm),
    ("approve a bill (clerk submits, reviewer approves)", approve_bill),
    ("issue a certificate as PDF", issue_certificate),
    ("read the certificate's text in its embedded font", check_embedded_font),
    ("read the certificate's QR code back and verify it", verify_qr_code),
    ("write an XLSX report and read it back", write_xlsx_report),
]


# --- running them ---------------------------------------------------------------------------
def reason(error: BaseException) -> str:
    """The failure in one line, in the words of the rule or the error."""
    text = error.message() if isinstance(error, ZoneDeskError) else str(error)
    text = " ".join(text.split())
    if isinstance(error, StepFailed | ZoneDeskError):
        return text
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def run_self_test(steps: Sequence[Step] | None = None, *, verbose: bool = False,
                  out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Runs every step in a temporary folder; 0 if all passed, 1 at the first that failed."""
    out, err = out or sys.stdout, err or sys.stderr
    print(version_line(), file=out)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="zonedesk-self-test-",
                                     ignore_cleanup_errors=True) as folder:
        run = Run(Path(folder), today_shanghai())
        try:
            with data_folder_at(run.folder / "data"):
                for name, step in STEPS if steps is None else steps:
                    began = time.perf_counter()
                    try:
                        step(run)
                    except Exception as error:  # any failure is the answer
                        if verbose:
                            traceback.print_exc(file=err)
                        print(f"FAILED  {name}: {reason(error)}", file=err)
                        return 1
                    timing = f" ({time.perf_counter() - began:.2f} s)" if verbose else ""
                    print(f"ok  {name}{timing}", file=out)
        finally:
            _close(run)
    print(f"Self-test passed in {time.perf_counter() - started:.1f} s.", file=out)
    return 0


def _close(run: Run) -> None:
    """Lets go of the files, so that the temporary folder can go (Windows keeps open files)."""
    document = run.made.pop("pdf_document", None)
    if document is not None:
        document.close()
    buffer = run.made.pop("pdf_buffer", None)
    if buffer is not None:
        buffer.close()
    if run.db is not None:
        run.db.dispose()
