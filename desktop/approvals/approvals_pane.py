"""The Approvals pane: the reviewer's queue of submitted subsidy entries and awards, filtered by
zone, item and text, with totals of what is shown and of what is selected, and the budget left
for each zone and category next to it (red where the selection would exceed it).

Approve (Ctrl+Enter) or reject with a reason (Ctrl+Delete) one row, a selection, or all shown
(Ctrl+A). A batch is one transaction in db/: all decided, or none with the reason shown.
"""

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QSignalBlocker, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.access import Action
from db.errors import ChangedMeanwhile, NotFound
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
from desktop.widgets.money_labels import CATEGORIES
from desktop.widgets.reason_dialog import ReasonDialog

APPROVE_KEYS = ("Ctrl+Return", "Ctrl+Enter")
REJECT_KEYS = ("Ctrl+Delete",)


class ApprovalsPane(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.may_decide = context.actor.may(Action.ENTRY_DECIDE)
        self.reason_dialog: ReasonDialog | None = None
        self._generation = 0
        self.loaded = False  # the first answer arrived

        title = QLabel(self.tr("Approvals"))
        title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.count_label = QLabel()
        self.search = QLineEdit()
        self.search.setObjectName("queue_filter")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Filter by firm, zone, month or who entered it (Ctrl+F)"))
        self.zone_filter = QComboBox()
        self.zone_filter.addItem(self.tr("All my zones"), None)
        self.category_filter = QComboBox()
        self.category_filter.addItem(self.tr("All items"), None)
        for code in CATEGORIES:
            self.category_filter.addItem(kind_label(code), code)

        self.model = ApprovalQueueModel(context.actor.staff_id, self)
        self.table = self._table("queue", self.model, ApprovalQueueModel.COL_FIRM,
                                 QAbstractItemView.SelectionMode.ExtendedSelection)
        self.budget_model = BudgetTableModel(self)
        self.budget_table = self._table("budgets", self.budget_model, BudgetTableModel.COL_ITEM,
                                        QAbstractItemView.SelectionMode.NoSelection)
        self.totals = QueueTotals()
        self.warning = QLabel()
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #c62828;")
        self.status = QLabel()
        self.status.setObjectName("status")
        self.select_all_button = QPushButton(self.tr("Select all shown"))
        self.approve_button = QPushButton(self.tr("Approve"))
        self.approve_button.setToolTip(self.tr("Approve the selected items (Ctrl+Enter)"))
        self.reject_button = QPushButton(self.tr("Reject…"))
        self.reject_button.setToolTip(self.tr("Reject the selected items, with a reason (Ctrl+Delete)"))
        for button in (self.select_all_button, self.approve_button, self.reject_button):
            button.setVisible(self.may_decide)
        self._layout(title)

        self.search.textChanged.connect(self._filter_changed)
        self.zone_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.category_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.select_all_button.clicked.connect(self.select_all)
        self.approve_button.clicked.connect(self.approve_selected)
        self.reject_button.clicked.connect(self.reject_selected)
        for keys, slot in ((QKeySequence.StandardKey.Find, self.focus_search),
                           (QKeySequence.StandardKey.SelectAll, self.select_all),
                           (QKeySequence.StandardKey.Refresh, self.reload),
                           *((k, self.approve_selected) for k in APPROVE_KEYS),
                           *((k, self.reject_selected) for k in REJECT_KEYS)):
            self._shortcut(keys, slot)
        context.bus.changed.connect(self._data_changed)
        db, actor = context.db, context.actor
        context.runner.run(lambda _task: load_references(db, actor), on_success=self._zones_loaded,
                           parent=self)
        self.reload()
        self._selection_changed()

    def _table(self, name: str, model: object, stretch: int,
               mode: QAbstractItemView.SelectionMode) -> QTableView:
        table = QTableView()
        table.setObjectName(name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(mode)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        return table

    def _shortcut(self, keys: QKeySequence | QKeySequence.StandardKey, slot: Callable[[], None]) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    def _layout(self, title: QLabel) -> None:
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.count_label)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.zone_filter, 1)
        filters.addWidget(self.category_filter, 1)
        budget_box = QWidget()
        budget_layout = QVBoxLayout(budget_box)
        budget_layout.setContentsMargins(0, 0, 0, 0)
        budget_layout.addWidget(QLabel("<b>{}</b>".format(self.tr("Budget left for the items in the queue"))))
        budget_layout.addWidget(self.budget_table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(budget_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.select_all_button, self.reject_button, self.approve_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.warning)
        layout.addLayout(buttons)

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

    def _data_changed(self, kind: str, _id: object) -> None:
        if kind in ("subsidy_entry", "award", "budget", "policy", "enterprise"):
            self.reload()

    def _filter_changed(self, text: str) -> None:
        chosen = set(self.selected_keys())
        self.model.set_filter(text)
        self._select(chosen)
        self._selection_changed()

    # --- selection and totals -----------------------------------------------------------
    def selected_items(self) -> list[QueueItem]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.index(r, 0).data(ApprovalQueueModel.ITEM_ROLE) for r in rows]

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

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _selection_changed(self) -> None:
        shown, selected = self.model.shown(), self.selected_items()
        self.count_label.setText(self.tr("{count} waiting for review").format(count=len(shown)))
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
        db, actor = self.context.db, self.context.actor
        self.approve_button.setEnabled(False)
        self.status.clear()
        self.context.runner.run(
            lambda _task: approve(db, actor=actor, entry_ids=entry_ids, award_ids=award_ids),
            on_success=lambda count: self._decided(self.tr("{count} approved.").format(count=count),
                                                   entry_ids, award_ids),
            on_failure=self._refused, parent=self)

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
