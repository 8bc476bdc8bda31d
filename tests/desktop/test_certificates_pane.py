"""The Certificates pane on a real temp database: a clerk issues a subsidy confirmation through
the issue dialog, previews it and prints it on a real QPrinter (a PDF file, read back with
poppler and its QR code scanned with zxing); a reviewer revokes it; the verification pane says
so for the scanned code. A batch cancelled midway hands back what it issued."""

import subprocess
import threading
import time
from datetime import date

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from db.queries.certificates import CertificateFilter, certificate_page
from db.services import approvals, subsidies
from db.services.certificates import CertificateRequest, issue_many
from db.services.enterprises import FirstTenancy, register_enterprise
from desktop import modals
from desktop.certificates import issue_certificates_dialog
from desktop.certificates.candidate_table_model import CandidateTableModel
from desktop.certificates.certificate_table_model import (
    COL_AMOUNT,
    COL_KIND,
    COL_PRINTS,
    COL_SERIAL,
    COL_STATUS,
    ROW_ROLE,
)
from desktop.certificates.certificates_pane import CertificatesPane
from desktop.certificates.issue_certificates_dialog import IssueCertificatesDialog
from desktop.verification.verification_pane import VerificationPane
from desktop.widgets.reason_dialog import ReasonDialog
from documents import issuing
from tests.certificate_data import issue_subsidy
from tests.conftest import firm_fields, valid_uscc
from tests.desktop.test_pdf_preview import (
    assert_printed_as_shown,
    cancel_progress,
    pdf_printer,
    view_painted,
)

FIRM_A, FIRM_B = "上海星河智能科技有限公司", "上海蓝芯集成电路有限公司"


@pytest.fixture
def open_pane(show_pane):  # noqa: ANN001, ANN201
    return lambda actor: show_pane(CertificatesPane, actor, (1300, 600), lambda pane: pane.model.count is not None and not pane.model.loading)


def settle(qtbot, pane: CertificatesPane) -> None:
    qtbot.waitUntil(lambda: pane.model.count is not None and not pane.model.loading, timeout=5000)


def column(pane: CertificatesPane, col: int) -> list[str]:
    return [pane.model.index(r, col).data() for r in range(pane.model.rowCount())]


def open_issue_dialog(qtbot, pane: CertificatesPane, kind: str) -> IssueCertificatesDialog:  # noqa: ANN001
    pane.issue_button.click()
    dialog = pane.dialog
    assert isinstance(dialog, IssueCertificatesDialog)
    qtbot.waitUntil(lambda: dialog.zone.count() > 0 and dialog.loaded, timeout=5000)
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    return dialog


def scan_qr(pdf_page_png) -> str:  # noqa: ANN001
    """What a scanner reads off the printed page."""
    codes = zxingcpp.read_barcodes(Image.open(pdf_page_png))
    assert len(codes) == 1
    return codes[0].text


def verify(qtbot, pane: VerificationPane, text: str) -> str:  # noqa: ANN001
    pane.code.setText(text)
    with qtbot.waitSignal(pane.verified, timeout=5000):
        qtbot.keyClick(pane.code, Qt.Key.Key_Return)
    return pane.view.outcome


def test_issue_print_revoke_and_verify(qtbot, monkeypatch, tmp_path, db, people, book, open_pane,
                                       make_context, modal_log):
    clerk_pane = open_pane(people.clerk)
    assert clerk_pane.model.rowCount() == 0 and clerk_pane.count_label.text() == "Certificates shown: 0"
    dialog = open_issue_dialog(qtbot, clerk_pane, "subsidy")
    assert (dialog.month_from.text(), dialog.month_to.text()) == ("2026-01", "2026-11")
    # firm A's approved land (1,500.00; its electricity was reversed) and firm B's water (150.00)
    assert [c.name for c in dialog.candidate_rows()] == [FIRM_A, FIRM_B]
    assert dialog.summary.text() == "0 of 2 chosen" and not dialog.issue_button.isEnabled()  # none at first
    dialog.all_button.click()
    assert dialog.summary.text() == "2 of 2 chosen · total ¥1,650.00"
    assert dialog.issue_button.text() == "Issue 2 certificates"
    dialog.none_button.click()
    assert not dialog.issue_button.isEnabled()
    dialog.filter.setText("星河")
    assert [c.name for c in dialog.candidate_rows()] == [FIRM_A]
    dialog.model.setData(dialog.model.index(0, CandidateTableModel.COL_FIRM), Qt.CheckState.Checked,
                         Qt.ItemDataRole.CheckStateRole)
    assert dialog.summary.text() == "1 of 2 chosen · total ¥1,500.00"
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)  # Enter while filtering issues nothing
    assert dialog.task is None and dialog.isVisible()
    dialog.issue_button.click()
    qtbot.waitUntil(lambda: clerk_pane.preview is not None, timeout=10_000)
    preview = clerk_pane.preview
    assert preview.windowTitle().startswith("Certificate Z01-2026-")
    assert preview.page_count >= 1 and preview.print_button.isVisible()
    qtbot.waitUntil(lambda: view_painted(preview), timeout=5000)
    qtbot.waitUntil(lambda: clerk_pane.model.rowCount() == 1, timeout=5000)
    row = clerk_pane.model.index(0, 0).data(ROW_ROLE)
    assert (row.kind, row.firm_name, row.amount_fen, row.print_count) == ("subsidy", FIRM_A, 150_000, 1)
    assert column(clerk_pane, COL_KIND) == ["Subsidy confirmation"]
    assert column(clerk_pane, COL_AMOUNT) == ["1,500.00"]

    # printed on a real QPrinter: a PDF file, read back; the QR code on the paper scans
    out = tmp_path / "printed.pdf"
    monkeypatch.setattr(modals, "choose_printer", lambda _parent: pdf_printer(out))
    with qtbot.waitSignal(preview.printed, timeout=20_000):
        preview.print_button.click()
    assert_printed_as_shown(preview.pdf, out, tmp_path, preview.page_count)
    subprocess.run(["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", str(out),
                    str(tmp_path / "scan")], check=True)
    scanned = scan_qr(next(tmp_path.glob("scan-*.png")))
    assert scanned.startswith("ZD1.")
    preview.reject()

    # a reviewer revokes it, with a reason
    reviewer_pane = open_pane(people.reviewer)
    assert not reviewer_pane.issue_button.isVisible() and reviewer_pane.revoke_button.isVisible()
    reviewer_pane.table.selectRow(0)
    reviewer_pane.revoke_button.click()
    revoke = reviewer_pane.dialog
    assert isinstance(revoke, ReasonDialog)
    revoke.submit()
    qtbot.waitUntil(lambda: revoke.errors.message_of("reason") != "")
    assert revoke.errors.message_of("reason") == "Say why the certificate is revoked."
    revoke.reason.setText("企业名称填写有误")
    revoke.submit()
    qtbot.waitUntil(lambda: reviewer_pane.dialog is None, timeout=5000)
    qtbot.waitUntil(lambda: column(reviewer_pane, COL_STATUS) == ["Revoked"], timeout=5000)
    assert reviewer_pane.model.index(0, COL_SERIAL).data(Qt.ItemDataRole.ToolTipRole) == \
        "Revoked: 企业名称填写有误"
    assert not reviewer_pane.revoke_button.isEnabled()  # still selected: nothing more to revoke

    # the scanned code verifies as revoked, with the reason
    verification = VerificationPane(make_context(people.clerk))
    qtbot.addWidget(verification)
    verification.show()
    assert verify(qtbot, verification, scanned) == "revoked"
    assert verification.view.headline.text() == "Revoked"
    assert "企业名称填写有误" in verification.view.detail.text()
    assert verification.view.fields["firm"].text() == FIRM_A
    assert verification.view.fields["amount"].text() == "¥1,500.00"
    assert verification.code.selectedText() == scanned  # the next scan replaces it

    # a fresh certificate is valid; one character changed is tampered
    fresh = issue_subsidy(db, people, book, book.firm_b)
    assert verify(qtbot, verification, fresh.printed.qr_text) == "valid"
    assert verification.view.fields["serial"].text() == fresh.serial
    code = fresh.printed.qr_text
    position = code.index(".") + 20
    flipped = code[:position] + ("A" if code[position] != "A" else "B") + code[position + 1:]
    assert verify(qtbot, verification, flipped) == "tampered"
    assert verification.view.headline.text() == "Content altered or signature does not match"
    assert verification.view.fields["firm"].text() == ""  # nothing of it is certified


def test_a_batch_cancelled_midway_hands_back_what_it_issued(qtbot, monkeypatch, db, people,
                                                            open_pane, modal_log):
    for n in range(30):
        register_enterprise(db, actor=people.admin,
                            fields=firm_fields(uscc=valid_uscc(300_000_000 + 7919 * n),
                                               name=f"上海测试{n:02d}科技有限公司"),
                            zone_id=1, tenancy=FirstTenancy(f"C栋{n:03d}", 5_000, date(2025, 1, 1)))
    pane = open_pane(people.clerk)
    dialog = open_issue_dialog(qtbot, pane, "tenancy")
    assert dialog.model.total() == 30 and dialog.issue_button.text() == "Issue 0 certificates"
    dialog.all_button.click()
    assert dialog.issue_button.text() == "Issue 30 certificates"
    modal_log.answer = True  # more than a handful: asked first

    first_chunk = threading.Event()
    real = issuing.issue_and_print

    def pausing(db, *, actor, requests, progress, cancelled):  # noqa: ANN001, ANN202
        def report(done: int, total: int) -> None:
            progress(done, total)
            if done >= issuing.CHUNK:  # the first chunk is issued: wait for the person's cancel
                first_chunk.set()
                deadline = time.monotonic() + 10
                while not cancelled() and time.monotonic() < deadline:
                    time.sleep(0.01)
        return real(db, actor=actor, requests=requests, progress=report, cancelled=cancelled)

    monkeypatch.setattr(issue_certificates_dialog.issuing, "issue_and_print", pausing)
    dialog.issue_button.click()
    qtbot.waitUntil(first_chunk.is_set, timeout=20_000)
    dialog.reject()  # Esc while it runs: the batch's outcome must still reach the pane
    assert dialog.isVisible()
    cancel_progress(dialog)
    qtbot.waitUntil(lambda: pane.preview is not None, timeout=20_000)
    assert modal_log.messages == ["Cancelled: 25 of 30 certificates were issued (all in the file); "
                                  "nothing else was issued."]
    assert pane.preview.page_count == 25 and pane.preview.windowTitle() == "25 certificates issued"
    issued = certificate_page(db, actor=people.clerk, flt=CertificateFilter(), limit=100)
    assert len(issued) == 25
    qtbot.waitUntil(lambda: pane.model.count == 25, timeout=5000)


def test_the_list_filters_and_passes_the_model_tester(qtbot, db, people, book, open_pane,
                                                      qtmodeltester):
    issue_subsidy(db, people, book)
    issue_many(db, actor=people.clerk, requests=[
        CertificateRequest("tenancy", book.firm_c, 1),
        CertificateRequest("little_giant", book.firm_b, 1, award_id=book.giant_award)])
    issue_many(db, actor=people.clerk2, requests=[CertificateRequest("tenancy", book.firm_d, 2)])
    pane = open_pane(people.clerk)
    qtmodeltester.check(pane.model)
    assert column(pane, COL_SERIAL) == ["Z01-2026-000003", "Z01-2026-000002", "Z01-2026-000001"]
    assert column(pane, COL_KIND) == ["Little-giant award certificate", "Tenancy confirmation",
                                      "Subsidy confirmation"]
    assert column(pane, COL_AMOUNT) == ["100,000.00", "", "1,500.00"]
    pane.kind_filter.setCurrentIndex(pane.kind_filter.findData("tenancy"))
    settle(qtbot, pane)
    assert column(pane, COL_SERIAL) == ["Z01-2026-000002"]
    pane.kind_filter.setCurrentIndex(0)
    pane.text_filter.setText("蓝芯")  # typed: the list follows after a pause
    qtbot.waitUntil(lambda: pane.model.filter.text == "蓝芯")
    settle(qtbot, pane)
    assert column(pane, COL_SERIAL) == ["Z01-2026-000003"]
    pane.text_filter.setText("z01-2026-000001")
    qtbot.waitUntil(lambda: column(pane, COL_SERIAL) == ["Z01-2026-000001"], timeout=5000)
    auditor = open_pane(people.auditor)
    assert auditor.model.count == 4
    assert not any(b.isVisible() for b in (auditor.issue_button, auditor.reprint_button,
                                           auditor.revoke_button))
    assert auditor.preview_button.isVisible() and auditor.verify_button.isVisible()
    qtmodeltester.check(auditor.model)


def test_reprint_counts_a_copy_and_preview_counts_nothing(qtbot, db, people, book, open_pane):
    issued = issue_subsidy(db, people, book)
    pane = open_pane(people.clerk)
    assert not pane.revoke_button.isVisible()
    pane.table.selectRow(0)
    pane.preview_button.click()
    qtbot.waitUntil(lambda: pane.preview is not None, timeout=10_000)
    assert pane.preview.windowTitle() == f"Preview of {issued.serial}"
    assert not pane.preview.print_button.isVisible() and not pane.preview.save_button.isVisible()
    pane.preview.reject()
    qtbot.wait(50)
    assert column(pane, COL_PRINTS) == ["1"]
    pane.reprint_button.click()
    qtbot.waitUntil(lambda: pane.preview is not None, timeout=10_000)
    assert pane.preview.windowTitle() == f"Copy of {issued.serial} (printing number 2)"
    assert pane.preview.print_button.isVisible()
    qtbot.waitUntil(lambda: column(pane, COL_PRINTS) == ["2"], timeout=5000)
    assert pane.selected().serial == issued.serial  # still selected after the refresh


def test_verify_shows_the_verdict_of_the_selected(qtbot, db, people, book, open_pane):
    issued = issue_subsidy(db, people, book)
    pane = open_pane(people.auditor)
    pane.table.selectRow(0)
    pane.verify_button.click()
    qtbot.waitUntil(lambda: pane.verdict_dialog is not None, timeout=5000)
    view = pane.verdict_dialog.view
    assert view.outcome == "valid" and view.headline.text() == "Valid"
    assert view.fields["serial"].text() == issued.serial
    assert view.fields["covers"].text() == "Months 2026-01 to 2026-10"


def test_an_approved_reversal_revokes_and_the_list_follows(qtbot, db, people, book, open_pane):
    issue_subsidy(db, people, book)
    pane = open_pane(people.clerk)
    assert column(pane, COL_STATUS) == ["Valid"]
    reversal = subsidies.reverse_entry(db, actor=people.clerk, entry_id=book.land_march,
                                       reason="账单重复")
    approvals.approve(db, actor=people.reviewer, entry_ids=[reversal])
    pane.context.bus.changed.emit("subsidy_entry", reversal)
    qtbot.waitUntil(lambda: column(pane, COL_STATUS) == ["Revoked"], timeout=5000)


def test_the_issue_dialog_checks_the_months(qtbot, people, book, open_pane, qtmodeltester):
    pane = open_pane(people.clerk)
    dialog = open_issue_dialog(qtbot, pane, "subsidy")
    qtmodeltester.check(dialog.model)
    dialog.month_from.setText("2026-06")
    dialog.month_to.setText("2026-05")
    dialog.reload()
    assert dialog.errors.message_of("period_to") == "The first month comes after the last one."
    assert not dialog.issue_button.isEnabled()
    dialog.month_from.setText("2026-04")
    dialog.month_to.setText("2026-04")
    dialog.reload()
    qtbot.waitUntil(lambda: dialog.loaded)
    assert dialog.summary.text() == "Nothing to certify for this choice."  # April: submitted only
    dialog.kind.setCurrentIndex(dialog.kind.findData("little_giant"))
    qtbot.waitUntil(lambda: dialog.loaded)
    assert not dialog.month_from.isVisible()
    assert [(c.name, c.amount_fen) for c in dialog.candidate_rows()] == [(FIRM_B, 10_000_000)]
    assert dialog.model.index(0, CandidateTableModel.COL_DETAIL).data() == \
        "Municipal specialised (专精特新)"
    assert isinstance(dialog.findChild(QLineEdit, "candidate_filter"), QLineEdit)
