"""The Certificates pane: every certificate of the person's zones, newest first, narrowed as you
type (serial, firm, credit code) and by zone, kind and status. Clerks issue (a batch through the
issue dialog) and reprint (a copy, counted); reviewers revoke with a reason, one certificate or a
selection at once (a batch issued by mistake: Shift+click, Ctrl+A); everyone previews (nothing
counted) and verifies a certificate's signature and status. What the buttons do is in
desktop/certificates/certificate_actions.py."""


from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import (
    QDialog,
    QWidget,
)

from db.access import Action
from db.export.certificates import certificates_table
from db.export.table import ExportTable
from db.queries.certificates import CertificateFilter, CertificateRow
from db.queries.reference import zones
from desktop.certificates.certificate_actions import CertificateActions
from desktop.certificates.certificate_table_model import (
    COL_AMOUNT,
    COL_FIRM,
    COL_ISSUED_BY,
    COL_ISSUED_ON,
    COL_KIND,
    COL_PRINTS,
    COL_SERIAL,
    COL_STATUS,
    COL_USCC,
    COL_ZONE,
    KINDS,
    ROW_ROLE,
    STATUSES,
    CertificateTableModel,
    certificate_label,
)
from desktop.context import AppContext
from desktop.verification.verification_pane import VerdictDialog
from desktop.widgets.form_fields import zone_text
from desktop.widgets.labels import COMMON, label
from desktop.widgets.list_pane import ListPane
from desktop.widgets.list_table import Selection
from desktop.widgets.pdf_preview_dialog import PdfPreviewDialog

_WIDTHS = {COL_SERIAL: 130, COL_KIND: 190, COL_FIRM: 220, COL_USCC: 160, COL_ZONE: 50,
           COL_AMOUNT: 110, COL_ISSUED_ON: 90, COL_ISSUED_BY: 90, COL_STATUS: 70, COL_PRINTS: 50}


# the export's column of each of the list's columns (db/export)
_EXPORT_KEYS = ("serial", "certificate_kind", "firm", "uscc", "zone_code", "amount", "issued_on",
                "issued_by", "certificate_status", "prints")


class CertificatesPane(ListPane):
    REFRESH_ON = ("certificate", "subsidy_entry", "award", "enterprise")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, CertificateTableModel(context), table="certificates", widths=_WIDTHS,
                         count_name="certificate_count", selection=Selection.ExtendedSelection,
                         parent=parent)
        self.title.setText(QCoreApplication.translate("MainWindow", "Certificates"))  # as the side bar
        actor = context.actor
        self.may_issue, self.may_revoke = actor.may(Action.CERTIFICATE_ISSUE), \
            actor.may(Action.CERTIFICATE_REVOKE)
        self.actions = CertificateActions(context, self)
        self._keep_selected: list[int] = []  # reselected when a refresh brings them back
        self.issue_button = self.add_action(self.tr("Issue…"), "issue", self.actions.open_issue,
                                            allowed=self.may_issue)
        self.text_filter = self.add_search("text_filter", self.tr("Serial, firm or credit code (Ctrl+F)"), 2)
        self.zone_filter = self.add_combo("zone_filter", self.tr("All zones") if actor.all_zones
                                          else self.tr("All my zones"))
        self.kind_filter = self.add_combo("kind_filter", self.tr("All kinds"),
                                          [(certificate_label(KINDS, k), k) for k in KINDS])
        self.status_filter = self.add_combo("status_filter", label(COMMON, "any_status"),
                                            [(certificate_label(STATUSES, s), s) for s in STATUSES])
        self.preview_button = self.add_action(
            self.tr("Preview"), "preview", self.preview_selected, below=True,
            tooltip=self.tr("Look at the certificate as issued; nothing is printed or counted"))
        self.verify_button = self.add_action(self.tr("Verify"), "verify", self.verify_selected, below=True)
        self.reprint_button = self.add_action(
            self.tr("Reprint"), "reprint", self.reprint_selected, allowed=self.may_issue, below=True,
            tooltip=self.tr("Print a copy: same serial, marked as a copy, counted"))
        self.revoke_button = self.add_action(self.tr("Revoke…"), "revoke", self.revoke_selected,
                                             allowed=self.may_revoke, below=True)
        self.revoke_batch_button = self.add_action(
            self.tr("Revoke its batch…"), "revoke_batch", self.revoke_batch_selected,
            allowed=self.may_revoke, below=True,
            tooltip=self.tr("Every certificate still valid that was issued together with this one"))
        self.add_export(self._export_source, _EXPORT_KEYS, self.tr("certificates"))
        self.assemble()
        self.actions.said.connect(self.status.setText)
        self.actions.refused.connect(self._refused)
        self.model.count_changed.connect(self._show_count)
        self.model.modelAboutToBeReset.connect(self._remember_selected)
        self.model.page_loaded.connect(self._reselect)
        self.model.modelReset.connect(self._update_buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()
        self._load_zones()
        self.apply_filter()

    # --- the list -----------------------------------------------------------------------
    def current_filter(self) -> CertificateFilter:
        return CertificateFilter(text=self.text_filter.text().strip(),
                                 zone_id=self.zone_filter.currentData(),
                                 kind=self.kind_filter.currentData(),
                                 status=self.status_filter.currentData())

    def _export_source(self) -> Callable[[], ExportTable]:
        """What Export… writes: the rows shown (db/export reads them with the list's scope)."""
        db, actor, flt = self.context.db, self.context.actor, self.model.filter
        return lambda: certificates_table(db, actor=actor, flt=flt)

    def apply_filter(self) -> None:
        self._debounce.stop()
        flt = self.current_filter()
        if flt != self.model.filter or self.model.count is None:
            self.model.set_filter(flt)

    def refresh(self) -> None:
        self.model.refresh()

    def open_current(self) -> None:
        self.preview_selected()

    def _show_count(self, count: int | None) -> None:
        self.show_count(self.tr("Counting…") if count is None else
                        self.tr("Certificates shown: {count}").format(count=QLocale().toString(count)))

    def changed(self, kind: str, id_: object) -> None:
        if kind == "zone":
            self._load_zones()
        super().changed(kind, id_)

    def _load_zones(self) -> None:
        db, actor = self.context.db, self.context.actor
        self.context.runner.run(lambda _task: zones(db, actor=actor, only_mine=True),
                                on_success=lambda rows: self.refill(
                                    self.zone_filter, [(zone_text(z), z.id) for z in rows]), parent=self)

    def selected(self) -> CertificateRow | None:
        """The one certificate selected (None: none, or several)."""
        rows = self.selected_rows(ROW_ROLE)
        return rows[0] if len(rows) == 1 else None

    def select_serial(self, serial: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.row(row).serial == serial:
                self.table.selectRow(row)
                return

    def _remember_selected(self) -> None:
        ids = [row.id for row in self.selected_rows(ROW_ROLE)]
        if ids:
            self._keep_selected = ids

    def _reselect(self) -> None:
        if self._keep_selected and not self.selected_rows(ROW_ROLE):
            self.select_ids(self._keep_selected)
        self._keep_selected = []

    def _update_buttons(self) -> None:
        row = self.selected()
        valid = row is not None and row.status == "valid"
        revocable = sum(1 for r in self.selected_rows(ROW_ROLE) if r.status == "valid")
        self.reprint_button.setEnabled(valid)
        self.revoke_button.setEnabled(revocable > 0)
        self.revoke_batch_button.setEnabled(valid)
        self.revoke_button.setText(self.tr("Revoke %n…", "", revocable) if revocable > 1
                                   else self.tr("Revoke…"))
        self.verify_button.setEnabled(row is not None)
        self.preview_button.setEnabled(row is not None)

    @property
    def dialog(self) -> QDialog | None:
        return self.actions.dialog

    @property
    def preview(self) -> PdfPreviewDialog | None:
        return self.actions.preview

    @property
    def verdict_dialog(self) -> VerdictDialog | None:
        return self.actions.verdict_dialog

    def _refused(self) -> None:
        self._update_buttons()
        self.model.refresh()

    # --- the buttons --------------------------------------------------------------------
    def reprint_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.reprint_button.setEnabled(False)  # once: back with the refreshed list
            self.actions.reprint(row)

    def preview_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.actions.show_preview(row)

    def verify_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.actions.verify(row)

    def revoke_selected(self) -> None:
        """The valid certificates selected (one, or a batch: Shift+click, Ctrl+A), one reason."""
        self.actions.revoke_many(self.selected_rows(ROW_ROLE))

    def revoke_batch_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.actions.revoke_batch(row)
