"""The Awards pane: the little-giant awards and loan guarantees of the person's zones, filtered by
firm as you type. Clerks (and administrators) record new ones, submit drafts for review and ask
for the reversal of an approved one; everyone else reads."""


from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QWidget,
)

from db.access import Action
from db.export.short_lists import awards_table
from db.export.table import ExportTable
from db.money import format_fen
from db.queries.awards import AwardRow, awards
from db.services.awards import reverse_award, submit_awards
from desktop import modals
from desktop.awards.award_dialogs import AwardDialog, LittleGiantDialog, LoanGuaranteeDialog
from desktop.context import AppContext
from desktop.widgets.labels import GIANT_LEVELS, label
from desktop.widgets.list_pane import ListPane
from desktop.widgets.list_table import Selection
from desktop.widgets.money_labels import OWN, RED, kind_label, status_text
from desktop.widgets.reason_dialog import ReasonDialog
from desktop.widgets.rows_model import RIGHT
from desktop.widgets.short_list_model import ShortListModel

# the export's column of each of the list's columns (db/export)
_EXPORT_KEYS = ("number", "firm", "category", "amount", "entry_status", "reversal", "giant_level",
                "recognised_on", "reference", "bank", "loan", "term_months", "zone")


class AwardTableModel(ShortListModel[AwardRow]):
    """What matters most first (the firm, the money, the status), the details of each kind after."""

    (COL_NUMBER, COL_FIRM, COL_KIND, COL_AMOUNT, COL_STATUS, COL_LINKS, COL_LEVEL, COL_RECOGNISED,
     COL_DOCUMENT, COL_BANK, COL_LOAN, COL_TERM, COL_ZONE) = range(13)
    _MONEY = (COL_LOAN, COL_AMOUNT)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__((self.tr("No."), self.tr("Firm"), self.tr("Kind"), self.tr("Award or guaranteed"),
                          self.tr("Status"), self.tr("Reversal"), self.tr("Level"),
                          self.tr("Recognised on"), self.tr("Document no."), self.tr("Bank"),
                          self.tr("Loan"), self.tr("Term"), self.tr("Zone")), parent)

    def _words(self, row: AwardRow) -> tuple[str, ...]:
        return row.firm_name, row.uscc, row.document_no, row.bank, row.zone_name

    def links(self, row: AwardRow) -> str:
        if row.reverses_id is not None:
            return self.tr("Reverses #{id}").format(id=row.reverses_id)
        if row.reversed_by_id is not None:
            return self.tr("Reversed by #{id}").format(id=row.reversed_by_id)
        if row.pending_reversal_id is not None:
            return self.tr("Reversal #{id} waiting for review").format(id=row.pending_reversal_id)
        return ""

    def _text(self, row: AwardRow, column: int) -> str:
        guarantee = row.kind == "loan_guarantee"
        return (str(row.id), row.firm_name, kind_label(row.kind), format_fen(row.amount_fen),
                status_text(row.status, row.reversed_by_id), self.links(row),
                "" if guarantee else label(GIANT_LEVELS, row.level),
                row.recognised_on.isoformat() if row.recognised_on else "", row.document_no,
                row.bank, format_fen(row.loan_fen) if guarantee else "",
                self.tr("{months} months").format(months=row.term_months) if guarantee else "",
                row.zone_name)[column]

    def _style(self, row: AwardRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (*self._MONEY, self.COL_NUMBER):
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            if column in self._MONEY and row.amount_fen < 0:
                return QBrush(RED)
            if row.status == "rejected" or row.reversed_by_id is not None:
                return QBrush(OWN)
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.status == "rejected" and row.decision_note:
                return self.tr("Rejected: {reason}").format(reason=row.decision_note)
            if row.reverses_id is not None:
                return self.tr("Reversal asked because: {reason}").format(reason=row.reason)
        return None


class AwardsPane(ListPane):
    REFRESH_ON = ("award", "enterprise")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, AwardTableModel(), table="awards", widths={AwardTableModel.COL_FIRM: 230},
                         fit_contents=True, selection=Selection.ExtendedSelection, parent=parent)
        self.title.setText(self.tr("Awards"))
        self.table.horizontalHeader().setSectionResizeMode(AwardTableModel.COL_FIRM,
                                                           QHeaderView.ResizeMode.Interactive)
        actor = context.actor
        self.may_record, self.may_submit = actor.may(Action.ENTRY_EDIT), actor.may(Action.ENTRY_SUBMIT)
        self.may_reverse = actor.may(Action.ENTRY_REVERSE)
        self.dialog: QDialog | None = None
        self._wanted_id: int | None = None  # select this award once the list has it
        self.loaded = False
        self.little_giant_button = self.add_action(self.tr("Record little-giant award…"), "record_giant",
                                                   self.record_little_giant, allowed=self.may_record)
        self.guarantee_button = self.add_action(self.tr("Record loan guarantee…"), "record_guarantee",
                                                self.record_loan_guarantee, allowed=self.may_record)
        self.filter = self.add_search("award_filter", self.tr(
            "Filter by firm, credit code, document or bank (Ctrl+F)"), 1, live=True)
        self.submit_button = self.add_action(self.tr("Submit for review"), "submit", self.submit_selected,
                                             allowed=self.may_submit, below=True)
        self.reverse_button = self.add_action(self.tr("Reverse…"), "reverse", self.reverse_selected,
                                              allowed=self.may_reverse, below=True)
        self.add_export(self._export_source, _EXPORT_KEYS, self.tr("awards"))
        self.assemble()
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()
        self.reload()

    # --- the list -----------------------------------------------------------------------
    def reload(self) -> None:
        db, actor = self.context.db, self.context.actor
        self.context.runner.run(lambda _task: awards(db, actor=actor), on_success=self._loaded, parent=self)

    def _loaded(self, rows: list[AwardRow]) -> None:
        self.keeping_selection(lambda: self.model.set_rows(rows))
        if self._wanted_id is not None and self.model.row_of(self._wanted_id) >= 0:
            self.select_award(self._wanted_id)
            self._wanted_id = None
        self.loaded = True

    def refresh(self) -> None:
        self.reload()

    def _export_source(self) -> Callable[[], ExportTable]:
        """What Export… writes: the rows shown (db/export reads them with the list's scope)."""
        db, actor = self.context.db, self.context.actor
        shown = [row.id for row in self.model.shown()]
        return lambda: awards_table(db, actor=actor, ids=shown)

    def apply_filter(self) -> None:
        self.keeping_selection(lambda: self.model.set_filter(self.filter.text()))

    def list_changed(self) -> None:
        self._update_buttons()
        shown, total = self.model.rowCount(), self.model.total()
        # the list holds loan guarantees too: the count says so
        self.show_count(self.tr("{count} awards and guarantees").format(count=total) if shown == total
                        else self.tr("{shown} of {total} awards and guarantees").format(
                            shown=shown, total=total))

    def selected(self) -> list[AwardRow]:
        return self.selected_rows()

    def select_award(self, award_id: int) -> None:
        self.table.clearSelection()
        self.select_ids([award_id])
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.submit_button.setEnabled(bool(chosen) and all(r.status == "draft" for r in chosen))
        self.reverse_button.setEnabled(len(chosen) == 1 and chosen[0].reversible)

    # --- actions ------------------------------------------------------------------------
    def record_little_giant(self) -> None:
        if self.may_record and self.dialog is None:
            self._open(LittleGiantDialog(self.context, self))

    def record_loan_guarantee(self) -> None:
        if self.may_record and self.dialog is None:
            self._open(LoanGuaranteeDialog(self.context, self))

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda result: self._closed(dialog, result))
        dialog.open()

    def _closed(self, dialog: QDialog, result: int) -> None:
        if result == QDialog.DialogCode.Accepted and isinstance(dialog, AwardDialog):
            self.status.setText(self.tr("Award #{id} recorded.").format(id=dialog.award_id))
            self._wanted_id = dialog.award_id
        if isinstance(dialog, ReasonDialog) and dialog.failed is not None:
            self.reload()
        self.dialog = None
        dialog.deleteLater()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit_selected(self) -> None:
        ids = [r.id for r in self.selected() if r.status == "draft"]
        if not ids or not self.may_submit:
            return
        db, actor = self.context.db, self.context.actor
        self.submit_button.setEnabled(False)
        self.context.runner.run(lambda _task: submit_awards(db, actor=actor, award_ids=ids),
                                on_success=self._submitted, on_failure=self._submit_failed, parent=self)

    def _submitted(self, count: int) -> None:
        self.status.setText(self.tr("{count} submitted for review.").format(count=count))
        self.context.bus.changed.emit("award", None)

    def _submit_failed(self, error: BaseException) -> None:
        self._update_buttons()
        modals.show_failure(self, error)
        self.reload()

    def reverse_selected(self) -> None:
        chosen = self.selected()
        if not self.may_reverse or len(chosen) != 1 or not chosen[0].reversible \
                or self.dialog is not None:
            return
        award, db, actor = chosen[0], self.context.db, self.context.actor
        self._open(ReasonDialog(
            self.context, title=self.tr("Reverse award #{id}").format(id=award.id),
            prompt=self.tr("The reversal cancels ¥{amount} for {firm} once a reviewer approves it. "
                           "Why is it reversed?").format(amount=format_fen(award.amount_fen),
                                                         firm=award.firm_name),
            ok_text=self.tr("Ask for the reversal"),
            work=lambda reason: lambda _task: reverse_award(db, actor=actor, award_id=award.id,
                                                            reason=reason),
            on_done=self._reversed, parent=self))

    def _reversed(self, reversal_id: int) -> None:
        self.status.setText(self.tr("Reversal #{id} submitted for review.").format(id=reversal_id))
        self.context.bus.changed.emit("award", reversal_id)
