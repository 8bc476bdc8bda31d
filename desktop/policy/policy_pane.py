"""The Policy pane: subsidy rates, a year's budgets with used and left, the programme limits,
little-giant award amounts and closed months. Administrators change them (Edit…, Enter or a
double-click); everyone else reads them, and db/ refuses their changes anyway."""

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.access import Action
from db.clock import today_shanghai
from db.money.subsidy_rules import period_of
from db.queries.policy import Policy, budgets_used, policy, with_used
from db.queries.reference import ZoneRow, zones
from desktop.background import Task
from desktop.context import AppContext
from desktop.policy.policy_dialogs import (
    AwardRateDialog,
    BudgetDialog,
    CloseMonthDialog,
    RateDialog,
    ReopenMonthDialog,
    SettingDialog,
)
from desktop.policy.policy_models import (
    AwardRateTableModel,
    BudgetTableModel,
    ClosedTableModel,
    RateTableModel,
    SettingTableModel,
)
from desktop.widgets.money_labels import yuan


class PolicyPane(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.may_edit = context.actor.may(Action.POLICY_EDIT)
        self.may_close = context.actor.may(Action.PERIOD_CLOSE)
        self.policy: Policy | None = None
        self.zones: list[ZoneRow] = []
        self.dialog: QDialog | None = None
        self.buttons: dict[str, QPushButton] = {}
        self._used_task: Task | None = None
        self._used: tuple[int, dict[tuple[int, str], int]] | None = None  # the last sums, by year
        self.used_loaded = False  # what the budgets used has arrived (it may take seconds)
        self._stale = False  # to be read again when next shown
        self.rates, self.budgets = RateTableModel(self), BudgetTableModel(self)
        self.settings, self.award_rates = SettingTableModel(self), AwardRateTableModel(self)
        self.closed = ClosedTableModel(self)
        self.year = QSpinBox()
        self.year.setObjectName("budget_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(today_shanghai().year)
        self.year.setGroupSeparatorShown(False)
        self.year.valueChanged.connect(lambda _year: self.reload())
        self.budget_total = QLabel()
        self.budget_total.setObjectName("budget_total")
        title = QLabel(self.tr("Policy"))
        title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.tabs = QTabWidget()
        self.tables: dict[str, QTableView] = {}
        self._tab("rates", self.rates, self.tr("Subsidy rates"),
                  [("new_rate", self.tr("New rate…"), self.new_rate),
                   ("edit_rate", self.tr("Edit…"), self.edit_rate)], self.may_edit)
        self._tab("budgets", self.budgets, self.tr("Budgets"),
                  [("new_budget", self.tr("Set a budget…"), self.new_budget),
                   ("edit_budget", self.tr("Edit…"), self.edit_budget)], self.may_edit,
                  [QLabel(self.tr("Year")), self.year, self.budget_total])
        self._tab("settings", self.settings, self.tr("Programme limits"),
                  [("edit_setting", self.tr("Edit…"), self.edit_setting)], self.may_edit)
        self._tab("award_rates", self.award_rates, self.tr("Award amounts"),
                  [("new_award_rate", self.tr("New amount…"), self.new_award_rate),
                   ("edit_award_rate", self.tr("Edit…"), self.edit_award_rate)], self.may_edit)
        self._tab("closed", self.closed, self.tr("Closed months"),
                  [("close_month", self.tr("Close month…"), self.close_month),
                   ("reopen_month", self.tr("Reopen…"), self.reopen_month)], self.may_close)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        context.bus.changed.connect(self._on_changed)
        self.reload()

    def _tab(self, name: str, model: object, label: str,
             actions: list[tuple[str, str, Callable[[], None]]], allowed: bool,
             extra: list[QWidget] = ()) -> None:
        table = QTableView()
        table.setObjectName(f"{name}_table")
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # names left, figures right
        header.setMinimumSectionSize(110)
        self.tables[name] = table
        bar = QHBoxLayout()
        for widget in extra:
            bar.addWidget(widget)
        bar.addStretch(1)
        if allowed:  # others are not shown the buttons; db/ refuses them anyway
            for button_name, text, slot in actions:
                button = QPushButton(text)
                button.setObjectName(button_name)
                button.clicked.connect(slot)
                bar.addWidget(button)
                self.buttons[button_name] = button
            table.activated.connect(lambda _index, edit=actions[-1][2]: edit())
            needs_row = self.buttons[actions[-1][0]]
            table.selectionModel().selectionChanged.connect(
                lambda *_args, t=table, b=needs_row: b.setEnabled(t.selectionModel().hasSelection()))
            model.modelReset.connect(lambda b=needs_row: b.setEnabled(False))
            needs_row.setEnabled(False)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(bar)
        layout.addWidget(table, 1)
        self.tabs.addTab(page, label)

    # --- loading ------------------------------------------------------------------------
    def reload(self) -> None:
        db, actor, year = self.context.db, self.context.actor, self.year.value()
        if self._used_task is not None:
            self._used_task.cancel()  # a newer year or a change: its sums are no longer wanted
        self.context.runner.run(
            lambda _task: (policy(db, actor=actor, year=year), zones(db, actor=actor)),
            on_success=self._loaded, parent=self)
        self._used_task = self.context.runner.run(
            lambda task: (year, budgets_used(db, actor=actor, year=year,
                                             cancelled=lambda: task.cancelled)),
            on_success=self._used_arrived, parent=self)

    def _loaded(self, result: tuple[Policy, list[ZoneRow]]) -> None:
        self.policy, self.zones = result
        year = self.policy.budget_year
        if year != self.year.value():
            return  # the year changed meanwhile: its own answer follows
        self.rates.set_rows(self.policy.rates)
        last = self._used  # shown until the fresh sums arrive, rather than nothing
        self.budgets.set_rows(with_used(self.policy.budgets, last[1]) if last and last[0] == year
                              else self.policy.budgets)
        self.settings.set_rows(self.policy.settings)
        self.award_rates.set_rows(self.policy.award_rates)
        self.closed.set_rows(self.policy.closed)
        cap = next((s.value_fen for s in self.policy.settings if s.id == "budget_cap_fen"), 0)
        self.budget_total.setText(self.tr("All budgets together: {total} of the programme cap of {cap}")
                                  .format(total=yuan(self.policy.budgets_total_fen), cap=yuan(cap)))

    def _used_arrived(self, result: tuple[int, dict[tuple[int, str], int]]) -> None:
        year, used = result
        self._used_task, self._used = None, result
        if self.policy is not None and year == self.policy.budget_year == self.year.value():
            self.budgets.set_rows(with_used(self.policy.budgets, used))
            self.used_loaded = True

    def _on_changed(self, kind: str, _id: object) -> None:
        if kind not in ("staff", "enterprise", "tenancy"):
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        """Leaving the pane stops the sums of what budgets used (seconds over all zones at
        stress scale), so that the pane shown instead gets the database thread."""
        super().hideEvent(event)
        if self._used_task is not None and not event.spontaneous():
            self._used_task.cancel()
            self._used_task = None
            self._stale = True

    def selected(self, name: str) -> object | None:
        rows = self.tables[name].selectionModel().selectedRows()
        return rows[0].data(RateTableModel.ROW_ROLE) if rows else None

    # --- the dialogs --------------------------------------------------------------------
    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.finished.connect(lambda _result, d=dialog: self._closed(d))
        dialog.open()
        return dialog

    def _closed(self, dialog: QDialog) -> None:
        if dialog is self.dialog:
            self.dialog = None
        dialog.deleteLater()

    def new_rate(self) -> QDialog:
        return self._open(RateDialog(self.context, parent=self))

    def edit_rate(self) -> QDialog | None:
        row = self.selected("rates")
        if row is None:
            return None
        return self._open(RateDialog(self.context, row.category, row.valid_from, row.rate_bp,
                                     row.yearly_cap_fen, parent=self))

    def _budget_dialog(self, **values: object) -> QDialog | None:
        if self.policy is None:
            return None
        cap = next((s.value_fen for s in self.policy.settings if s.id == "budget_cap_fen"), 0)
        return self._open(BudgetDialog(self.context, self.zones, self.year.value(),
                                       total_fen=self.policy.budgets_total_fen, cap_fen=cap,
                                       parent=self, **values))

    def new_budget(self) -> QDialog | None:
        return self._budget_dialog()

    def edit_budget(self) -> QDialog | None:
        row = self.selected("budgets")
        if row is None:
            return None
        return self._budget_dialog(zone_id=row.zone_id, category=row.category, amount_fen=row.amount_fen)

    def edit_setting(self) -> QDialog | None:
        row = self.selected("settings")
        if row is None:
            return None
        return self._open(SettingDialog(self.context, row.id, row.value_fen, parent=self))

    def new_award_rate(self) -> QDialog:
        return self._open(AwardRateDialog(self.context, parent=self))

    def edit_award_rate(self) -> QDialog | None:
        row = self.selected("award_rates")
        if row is None:
            return None
        return self._open(AwardRateDialog(self.context, row.level, row.valid_from, row.amount_fen,
                                          parent=self))

    def close_month(self) -> QDialog:
        last_month = today_shanghai().replace(day=1) - timedelta(days=1)
        return self._open(CloseMonthDialog(self.context, period_of(last_month), parent=self))

    def reopen_month(self) -> QDialog | None:
        row = self.selected("closed")
        if row is None:
            return None
        return self._open(ReopenMonthDialog(self.context, row.id, parent=self))
