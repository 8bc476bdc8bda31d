"""The Approvals pane: the reviewer's queue of submitted subsidy entries and awards, filtered by
zone, item and text, with totals of what is shown and of what is selected, and the budget left
for each zone and category next to it (red where the selection would exceed it).

Approve (Ctrl+Enter) or reject with a reason (Ctrl+Delete) one row, a selection, or all shown
(Ctrl+A). A batch is one transaction in db/: all decided, or none with the reason shown.
Approving freezes money, so it asks first, naming the count and the total; "don't ask again
today" is remembered by this pane in memory (this window, this person) until the date in
Shanghai changes (db/clock.py).
"""


from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QSignalBlocker, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from db.access import Action
from db.clock import today_shanghai
from db.errors import ChangedMeanwhile, NotFound
from db.export.short_lists import approvals_table
from db.export.table import ExportTable
from db.money import format_fen
from db.queries.approvals import BudgetLeft, QueueItem, approval_queue, budgets_left
from db.services.approvals import approve, reject
from desktop import modals
from desktop.approvals.approval_queue_model import (
    ApprovalQueueModel,
    BudgetTableModel,
    QueueTotals,
    drawn,
    kind_label,
    totals,
)
from desktop.context import AppContext
from desktop.widgets.form_fields import References, load_references, zone_text
from desktop.widgets.list_pane import ListPane
from desktop.widgets.list_table import Selection, list_table
from desktop.widgets.money_labels import CATEGORIES, yuan
from desktop.widgets.reason_dialog import ReasonDialog

APPROVE_KEYS = ("Ctrl+Return", "Ctrl+Enter")
REJECT_KEYS = ("Ctrl+Delete",)


# the export's column of each of the list's columns (db/export)
_EXPORT_KEYS = ("number", "zone", "firm", "category", "month", "billed", "amount", "entered_by", "note")


class ApprovalsPane(ListPane):
    REFRESH_ON = ("subsidy_entry", "award", "budget", "policy", "enterprise")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, ApprovalQueueModel(context.actor.staff_id), table="queue", fit_contents=True,
                         stretch=ApprovalQueueModel.COL_FIRM, selection=Selection.ExtendedSelection,
                         parent=parent)
        self.title.setText(self.tr("Approvals"))
        self.may_decide = context.actor.may(Action.ENTRY_DECIDE)
        self.reason_dialog: ReasonDialog | None = None
        self.unasked_on: date | None = None  # "don't ask again today" ticked on this Shanghai day
        self._generation = 0
        self.loaded = False  # the first answer arrived
        self.add_search("queue_filter", self.tr("Filter by firm, zone, month or who entered it (Ctrl+F)"),
                        live=True)
        # the queue is read again for a zone or an item; the text filters what is held here
        self.zone_filter = self.add_combo("zone_filter", self.tr("All my zones"), on_change=self.reload)
        self.category_filter = self.add_combo("category_filter", self.tr("All items"),
                                              [(kind_label(code), code) for code in CATEGORIES],
                                              on_change=self.reload)
        self.budget_model = BudgetTableModel(self)
        self.budget_table = list_table(self.budget_model, "budgets", {},
                                       selection=Selection.NoSelection)
        self.budget_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.budget_table.horizontalHeader().setSectionResizeMode(BudgetTableModel.COL_ITEM,
                                                                  QHeaderView.ResizeMode.Stretch)
        self.totals = QueueTotals()
        self.warning = QLabel()
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #c62828;")
        self._place_budgets()
        self.select_all_button = self.add_action(self.tr("Select all shown"), "select_all", self.select_all,
                                                 allowed=self.may_decide, below=True)
        self.reject_button = self.add_action(
            self.tr("Reject…"), "reject", self.reject_selected, allowed=self.may_decide, below=True,
            tooltip=self.tr("Reject the selected items, with a reason (Ctrl+Delete)"))
        self.approve_button = self.add_action(
            self.tr("Approve"), "approve", self.approve_selected, allowed=self.may_decide, below=True,
            tooltip=self.tr("Approve the selected items (Ctrl+Enter)"))
        for keys, slot in ((QKeySequence.StandardKey.SelectAll, self.select_all),
                           (QKeySequence.StandardKey.Refresh, self.reload),
                           *((k, self.approve_selected) for k in APPROVE_KEYS),
                           *((k, self.reject_selected) for k in REJECT_KEYS)):
            self.shortcut(keys, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.add_export(self._export_source, _EXPORT_KEYS, self.tr("approvals"))
        self.assemble()
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        db, actor = context.db, context.actor
        context.runner.run(lambda _task: load_references(db, actor), on_success=self._zones_loaded,
                           parent=self)
        self.reload()
        self._selection_changed()

    def _place_budgets(self) -> None:
        """The queue over the budgets it draws on, in a splitter; totals and warnings under it."""
        budget_box = QWidget()
        budget_layout = QVBoxLayout(budget_box)
        budget_layout.setContentsMargins(0, 0, 0, 0)
        budget_layout.addWidget(QLabel("<b>{}</b>".format(self.tr("Budget left for the items in the queue"))))
        budget_layout.addWidget(self.budget_table)
        self.body.removeWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(budget_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.body.addWidget(splitter, 1)
        self.body.addWidget(self.totals)
        self.body.addWidget(self.warning)

    # --- loading ------------------------------------------------------------------------
    def _zones_loaded(self, references: References) -> None:
        with QSignalBlocker(self.zone_filter):
            for zone in references.my_zones:
                self.zone_filter.addItem(zone_text(zone), zone.id)

    def reload(self) -> None:
        db, actor = self.context.db, self.context.actor
        zone_id, category = self.zone_filter.currentData(), self.category_filter.currentData()
        self._generation += 1
        generation = self._generation

        def load(_task: object) -> tuple[list[QueueItem], list[BudgetLeft]]:
            items = approval_queue(db, actor=actor, zone_id=zone_id, category=category)
            return items, budgets_left(db, actor=actor, items=items)

        self.context.runner.run(load, on_success=lambda r: self._loaded(generation, *r), parent=self)

    def _loaded(self, generation: int, items: list[QueueItem], budgets: list[BudgetLeft]) -> None:
        if generation != self._generation:
            return  # a newer filter asked meanwhile
        chosen = set(self.selected_keys())
        self.model.set_items(items)
        self.budget_model.set_budgets(budgets, {i.zone_id: i.zone_name for i in items})
        self._select(chosen)
        self.loaded = True
        self._selection_changed()

    def refresh(self) -> None:
        self.reload()

    def _export_source(self) -> Callable[[], ExportTable]:
        """What Export… writes: the rows shown (db/export reads them with the list's scope)."""
        db, actor = self.context.db, self.context.actor
        zone_id, category = self.zone_filter.currentData(), self.category_filter.currentData()
        shown = [(item.kind, item.id) for item in self.model.shown()]
        return lambda: approvals_table(db, actor=actor, zone_id=zone_id, category=category, ids=shown)

    def apply_filter(self) -> None:
        chosen = set(self.selected_keys())
        self.model.set_filter(self.search.text())
        self._select(chosen)
        self._selection_changed()

    # --- selection and totals -----------------------------------------------------------
    def selected_items(self) -> list[QueueItem]:
        return self.selected_rows(ApprovalQueueModel.ITEM_ROLE)

    def selected_keys(self) -> list[tuple[str, int]]:
        return [(i.kind, i.id) for i in self.selected_items()]

    def _select(self, keys: set[tuple[str, int]]) -> None:
        selection = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for key in keys:
            row = self.model.row_of(key)
            if row >= 0:
                selection.select(self.model.index(row, 0), flags)

    def select_all(self) -> None:
        self.table.selectAll()
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _selection_changed(self) -> None:
        shown, selected = self.model.shown(), self.selected_items()
        self.show_count(self.tr("{count} waiting for review").format(count=len(shown)))
        self.totals.show_totals(totals(shown), totals(selected))
        self.budget_model.set_selected(drawn(selected))
        problems = [self.tr("The selection exceeds the {year} {item} budget of {zone} by ¥{over}.").format(
            year=row.year, item=kind_label(row.category), zone=self.budget_model.zone_name(row),
            over=format_fen(over)) for row, over in self.budget_model.over()]
        own = sum(1 for i in selected if self.model.is_own(i))
        if own:
            problems.append(self.tr("{count} of the selected items were entered by you: another "
                                    "reviewer must decide them.").format(count=own))
        self.warning.setText(" ".join(problems))
        self.warning.setVisible(bool(problems))
        for button in (self.approve_button, self.reject_button):
            button.setEnabled(self.may_decide and bool(selected))
        self.select_all_button.setEnabled(self.may_decide and bool(shown))

    # --- deciding -----------------------------------------------------------------------
    def _ids(self) -> tuple[list[int], list[int]]:
        keys = self.selected_keys()
        return [i for k, i in keys if k == "subsidy_entry"], [i for k, i in keys if k == "award"]

    def approve_selected(self) -> None:
        entry_ids, award_ids = self._ids()
        if not self.may_decide or not (entry_ids or award_ids) or not self.approve_button.isEnabled():
            return
        if not self._approval_confirmed():
            return
        db, actor = self.context.db, self.context.actor
        self.approve_button.setEnabled(False)
        self.status.clear()
        self.context.runner.run(
            lambda _task: approve(db, actor=actor, entry_ids=entry_ids, award_ids=award_ids),
            on_success=lambda count: self._decided(self.tr("{count} approved.").format(count=count),
                                                   entry_ids, award_ids),
            on_failure=self._refused, parent=self)

    def _approval_confirmed(self) -> bool:
        """Asks before money is frozen, unless told not to today (Shanghai's date)."""
        today = today_shanghai()
        if self.unasked_on == today:
            return True
        chosen = totals(self.selected_items())
        question = self.tr("Approve %n item(s), {total} in all?", "", chosen.count).format(
            total=yuan(chosen.subsidies_fen + chosen.awards_fen))
        if chosen.guaranteed_fen:
            question += "\n" + self.tr("Loan guarantees among them: {amount} guaranteed.").format(
                amount=yuan(chosen.guaranteed_fen))
        question += "\n\n" + self.tr("Approved money is frozen: only a reversal can undo it.")
        yes, remember = modals.ask_yes_no_remember(self, self.tr("Approve"), question,
                                                   self.tr("Don't ask again today"))
        if yes and remember:
            self.unasked_on = today
        return yes

    def reject_selected(self) -> None:
        entry_ids, award_ids = self._ids()
        if not self.may_decide or not (entry_ids or award_ids) or self.reason_dialog is not None:
            return
        db, actor = self.context.db, self.context.actor
        dialog = ReasonDialog(
            self.context, title=self.tr("Reject"), ok_text=self.tr("Reject"),
            prompt=self.tr("Why are the %n selected item(s) rejected? The clerk sees the reason.", "",
                           len(entry_ids) + len(award_ids)),
            work=lambda reason: lambda _task: reject(db, actor=actor, reason=reason,
                                                     entry_ids=entry_ids, award_ids=award_ids),
            on_done=lambda count: self._decided(self.tr("{count} rejected.").format(count=count),
                                                entry_ids, award_ids),
            parent=self)
        self.reason_dialog = dialog
        dialog.finished.connect(lambda _result: self._reason_closed(dialog))
        dialog.open()

    def _reason_closed(self, dialog: ReasonDialog) -> None:
        if dialog.failed is not None:
            self.reload()  # whatever was refused, show the queue as it is now
        self.reason_dialog = None
        dialog.deleteLater()

    def _decided(self, message: str, entry_ids: list[int], award_ids: list[int]) -> None:
        self.table.clearSelection()
        self.status.setText(message)
        for kind, ids in (("subsidy_entry", entry_ids), ("award", award_ids)):
            if ids:
                self.context.bus.changed.emit(kind, None)

    def _refused(self, error: BaseException) -> None:
        self._selection_changed()
        modals.show_failure(self, error)
        if isinstance(error, ChangedMeanwhile | NotFound):
            self.reload()
