"""What the certificates pane does with certificates, and the windows it opens for that: the
issue dialog and its outcome, a copy (reprint, counted), a preview (nothing counted), a verdict,
a revocation with its reason. Each runs on the background runner; `said` carries what to tell
the person in the pane's status line, `refused` that the list should be read again."""

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from db.access import Action, Actor
from db.certificates.content import PrintedCertificate
from db.engine import Database
from db.queries.certificates import Batch, CertificateRow, batch_of, printed_certificate
from db.queries.demo_data import is_demo
from db.queries.verification import Verdict, verify_code
from db.services.certificates import reprint, revoke, revoke_batch, revoke_many
from desktop import modals
from desktop.certificates.issue_certificates_dialog import IssueCertificatesDialog
from desktop.context import AppContext
from desktop.verification.verification_pane import VerdictDialog
from desktop.widgets.labels import CERTIFICATE_KINDS as KINDS
from desktop.widgets.labels import certificate_label
from desktop.widgets.pdf_preview_dialog import PdfPreviewDialog
from desktop.widgets.reason_dialog import ReasonDialog
from documents import issuing
from documents.certificate_pdf import render_certificates


def reprint_and_render(db: Database, actor: Actor, certificate_id: int) -> tuple[PrintedCertificate, bytes]:
    """On the database thread: the copy counted, then drawn."""
    printed = reprint(db, actor=actor, certificate_id=certificate_id)
    return printed, render_certificates([printed], demo=is_demo(db))


class CertificateActions(QObject):
    said = Signal(str)
    refused = Signal()

    def __init__(self, context: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.context = context
        self.window = window  # the parent of the dialogs
        self.may_issue = context.actor.may(Action.CERTIFICATE_ISSUE)
        self.may_revoke = context.actor.may(Action.CERTIFICATE_REVOKE)
        self.dialog: QDialog | None = None  # the issue or revoke dialog open
        self.preview: PdfPreviewDialog | None = None
        self.verdict_dialog: VerdictDialog | None = None

    # --- issue --------------------------------------------------------------------------
    def open_issue(self) -> None:
        if not self.may_issue or self.dialog is not None:
            return
        dialog = IssueCertificatesDialog(self.context, parent=self.window)
        dialog.issued.connect(self._issued)
        self._open(dialog)

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        if isinstance(dialog, ReasonDialog) and dialog.failed is not None:
            self.refused.emit()  # changed meanwhile: show what it is now
        dialog.deleteLater()

    def _issued(self, outcome: issuing.BatchOutcome) -> None:
        count = len(outcome.serials)
        if count:
            first, last = outcome.serials[0], outcome.serials[-1]
            self.said.emit(self.tr("{count} certificates issued: {first} … {last}.").format(
                count=count, first=first, last=last) if count > 1
                else self.tr("Certificate {serial} issued.").format(serial=first))
            title = (self.tr("{count} certificates issued").format(count=count) if count > 1
                     else self.tr("Certificate {serial}").format(serial=first))
            self._show_pdf(outcome.pdf, title, f"{first}.pdf" if count == 1 else f"{first}_{last}.pdf")
        if outcome.error is not None:
            modals.show_error(self.window, self.tr(
                "Stopped after {n} of {asked} certificates: {reason} The {n} issued are all in the "
                "file; nothing else was issued.").format(
                n=count, asked=outcome.asked, reason=modals.translate_error(outcome.error)))
        elif outcome.cancelled:
            modals.show_message(self.window, self.tr("Issuing cancelled"), self.tr(
                "Cancelled: {n} of {asked} certificates were issued (all in the file); nothing "
                "else was issued.").format(n=count, asked=outcome.asked))

    def _show_pdf(self, pdf: bytes, title: str, name: str, *, printable: bool = True) -> None:
        if self.preview is not None:
            self.preview.close()
        preview = PdfPreviewDialog(pdf, title=title, suggested_name=name,
                                   runner=self.context.runner, printable=printable,
                                   parent=self.window)
        self.preview = preview
        preview.finished.connect(lambda _result: self._preview_closed(preview))
        preview.open()

    def _preview_closed(self, preview: PdfPreviewDialog) -> None:
        if self.preview is preview:
            self.preview = None
        preview.deleteLater()

    # --- one certificate ----------------------------------------------------------------
    def reprint(self, row: CertificateRow) -> None:
        if not self.may_issue or row.status != "valid":
            return
        db, actor = self.context.db, self.context.actor
        self.context.runner.run(lambda _task: reprint_and_render(db, actor, row.id),
                                on_success=lambda result: self._reprinted(row, *result),
                                on_failure=self._failed, parent=self.window)

    def _reprinted(self, row: CertificateRow, printed: PrintedCertificate, pdf: bytes) -> None:
        number = printed.print_number
        self.said.emit(self.tr("Copy of {serial} made (printing number {number}).").format(
            serial=row.serial, number=number))
        self.context.bus.changed.emit("certificate", row.id)
        self._show_pdf(pdf, self.tr("Copy of {serial} (printing number {number})").format(
            serial=row.serial, number=number), f"{row.serial}-{number}.pdf")

    def show_preview(self, row: CertificateRow) -> None:
        db, actor = self.context.db, self.context.actor
        self.context.runner.run(
            lambda _task: render_certificates(
                [printed_certificate(db, actor=actor, certificate_id=row.id)], demo=is_demo(db)),
            on_success=lambda pdf: self._show_pdf(
                pdf, self.tr("Preview of {serial}").format(serial=row.serial),
                f"{row.serial}.pdf", printable=False),
            on_failure=self._failed, parent=self.window)

    def verify(self, row: CertificateRow) -> None:
        db, actor = self.context.db, self.context.actor
        self.context.runner.run(lambda _task: verify_code(db, actor=actor, text=row.serial),
                                on_success=self._show_verdict, parent=self.window)

    def _show_verdict(self, verdict: Verdict) -> None:
        if self.verdict_dialog is not None:
            self.verdict_dialog.close()
        dialog = VerdictDialog(verdict, parent=self.window)
        self.verdict_dialog = dialog
        dialog.finished.connect(lambda _result: self._verdict_closed(dialog))
        dialog.open()

    def _verdict_closed(self, dialog: VerdictDialog) -> None:
        if self.verdict_dialog is dialog:
            self.verdict_dialog = None
        dialog.deleteLater()

    def revoke(self, row: CertificateRow) -> None:
        if not self.may_revoke or row.status != "valid" or self.dialog is not None:
            return
        db, actor = self.context.db, self.context.actor
        self._open(ReasonDialog(
            self.context, title=self.tr("Revoke certificate {serial}").format(serial=row.serial),
            prompt=self.tr("{kind} {serial} for {firm} will verify as revoked from now on, with "
                           "your reason. Why is it revoked?").format(
                kind=certificate_label(KINDS, row.kind), serial=row.serial, firm=row.firm_name),
            ok_text=self.tr("Revoke"),
            work=lambda reason: lambda _task: revoke(db, actor=actor, certificate_id=row.id,
                                                     reason=reason, expected_version=row.version),
            on_done=lambda _result: self._revoked(row), parent=self.window))

    def revoke_many(self, rows: list[CertificateRow]) -> None:
        """Revokes the valid ones of `rows` (a batch issued by mistake) with one reason, all or
        none (db/services/certificates.py::revoke_many)."""
        rows = [row for row in rows if row.status == "valid"]
        if not self.may_revoke or not rows or self.dialog is not None:
            return
        if len(rows) == 1:
            self.revoke(rows[0])
            return
        db, actor = self.context.db, self.context.actor
        ids, versions = [row.id for row in rows], {row.id: row.version for row in rows}
        self._open(ReasonDialog(
            self.context, title=self.tr("Revoke %n certificate(s)", "", len(rows)),
            prompt=self.tr("The %n selected certificate(s), {first} … {last}, will verify as "
                           "revoked from now on, all with your reason. Why are they revoked?", "",
                           len(rows)).format(first=rows[0].serial, last=rows[-1].serial),
            ok_text=self.tr("Revoke %n", "", len(rows)),
            work=lambda reason: lambda _task: revoke_many(db, actor=actor, certificate_ids=ids,
                                                          reason=reason, expected_versions=versions),
            on_done=self._revoked_many, parent=self.window))

    def revoke_batch(self, row: CertificateRow) -> None:
        """Revokes, with one reason, every certificate still valid of the batch `row` was issued
        in, loaded or not (db/services/certificates.py::revoke_batch): first read what it
        holds, then ask why, naming the count."""
        if not self.may_revoke or row.status != "valid" or self.dialog is not None:
            return
        db, actor = self.context.db, self.context.actor
        self.context.runner.run(lambda _task: batch_of(db, actor=actor, certificate_id=row.id),
                                on_success=lambda batch: self._ask_batch(row, batch),
                                on_failure=self._failed)

    def _ask_batch(self, row: CertificateRow, batch: Batch) -> None:
        if not batch.ids or self.dialog is not None:
            return
        db, actor, ids = self.context.db, self.context.actor, list(batch.ids)
        self._open(ReasonDialog(
            self.context, title=self.tr("Revoke the batch of %n certificate(s)", "", len(ids)),
            prompt=self.tr("The %n valid certificate(s) issued together with {serial}, {first} … "
                           "{last}, will verify as revoked from now on, all with your reason. Why "
                           "are they revoked?", "", len(ids)).format(
                serial=row.serial, first=batch.first, last=batch.last),
            ok_text=self.tr("Revoke %n", "", len(ids)),
            work=lambda reason: lambda _task: revoke_batch(db, actor=actor, certificate_id=row.id,
                                                           reason=reason, expected=ids),
            on_done=self._revoked_many, parent=self.window))

    def _revoked_many(self, serials: list[str]) -> None:
        self.said.emit(self.tr("%n certificate(s) revoked: {first} … {last}.", "", len(serials)).format(
            first=serials[0], last=serials[-1]))
        self.context.bus.changed.emit("certificate", None)

    def _revoked(self, row: CertificateRow) -> None:
        self.said.emit(self.tr("Certificate {serial} revoked.").format(serial=row.serial))
        self.context.bus.changed.emit("certificate", row.id)

    def _failed(self, error: BaseException) -> None:
        modals.show_failure(self.window, error)
        self.refused.emit()
