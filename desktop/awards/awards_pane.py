"""The Awards pane: the little-giant awards and loan guarantees of the person's zones, filtered by
firm as you type. Clerks (and administrators) record new ones, submit drafts for review and ask
for the reversal of an approved one; everyone else reads."""

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.access import Action
from db.money import format_fen
from db.queries.awards import AwardRow, awards
from db.services.awards import reverse_award, submit_awards
from desktop import modals
from desktop.approvals.approval_queue_model import OWN, RED, RIGHT, kind_label
from desktop.awards.award_dialogs import AwardDialog, LittleGiantDialog, LoanGuaranteeDialog
from desktop.context import AppContext
from desktop.widgets.labels import GIANT_LEVELS, label
from desktop.widgets.money_labels import status_text
from desktop.widgets.reason_dialog import ReasonDialog
from desktop.widgets.short_list_model import ShortListModel


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


class AwardsPane(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        actor = context.actor
        self.may_record, self.may_submit = actor.may(Action.ENTRY_EDIT), actor.may(Action.ENTRY_SUBMIT)
        self.may_reverse = actor.may(Action.ENTRY_REVERSE)
        self.dialog: QDialog | None = None
        self._wanted_id: int | None = None  # select this award once the list has it
        self.loaded = False
        title = QLabel(self.tr("Awards"))
        title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.count_label = QLabel()
        self.filter = QLineEdit()
        self.filter.setObjectName("award_filter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(self.tr("Filter by firm, credit code, document or bank (Ctrl+F)"))
        self.model = AwardTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("awards")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AwardTableModel.COL_FIRM, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(AwardTableModel.COL_FIRM, 230)
        self.little_giant_button = self._button(self.tr("Record little-giant award…"), self.may_record,
                                                self.record_little_giant)
        self.guarantee_button = self._button(self.tr("Record loan guarantee…"), self.may_record,
                                             self.record_loan_guarantee)
        self.submit_button = self._button(self.tr("Submit for review"), self.may_submit,
                                          self.submit_selected)
        self.reverse_button = self._button(self.tr("Reverse…"), self.may_reverse, self.reverse_selected)
        self.status = QLabel()
        self.status.setObjectName("status")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.count_label)
        filters = QHBoxLayout()
        filters.addWidget(self.filter, 1)
        filters.addWidget(self.little_giant_button)
        filters.addWidget(self.guarantee_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.reverse_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.filter.textChanged.connect(self._filter_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason))
        context.bus.changed.connect(self._data_changed)
        self._update_buttons()
        self.reload()

    def _button(self, text: str, allowed: bool, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setVisible(allowed)  # db/ refuses the others anyway
        button.clicked.connect(slot)
        return button

    # --- the list -----------------------------------------------------------------------
    def reload(self) -> None:
        db, actor = self.context.db, self.context.actor
        self.context.runner.run(lambda _task: awards(db, actor=actor), on_success=self._loaded, parent=self)

    def _loaded(self, rows: list[AwardRow]) -> None:
        chosen = [r.id for r in self.selected()]
        self.model.set_rows(rows)
        if self._wanted_id is not None and self.model.row_of(self._wanted_id) >= 0:
            chosen, self._wanted_id = [self._wanted_id], None
        self._reselect(chosen)
        self.loaded = True
        self._update_count()

    def _data_changed(self, kind: str, _id: object) -> None:
        if kind in ("award", "enterprise"):
            self.reload()

    def _filter_changed(self, text: str) -> None:
        chosen = [r.id for r in self.selected()]
        self.model.set_filter(text)
        self._reselect(chosen)
        self._update_count()

    def _reselect(self, ids: list[int]) -> None:
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for award_id in ids:
            row = self.model.row_of(award_id)
            if row >= 0:
                self.table.selectionModel().select(self.model.index(row, 0), flags)
        self._update_buttons()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        self.count_label.setText(self.tr("{count} awards").format(count=total) if shown == total
                                 else self.tr("{shown} of {total} awards").format(shown=shown, total=total))

    def selected(self) -> list[AwardRow]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.index(r, 0).data(AwardTableModel.ROW_ROLE) for r in rows]

    def select_award(self, award_id: int) -> None:
        self.table.clearSelection()
        self._reselect([award_id])

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
