"""The Ledger pane: every subsidy entry and award in the person's zones, narrowed by zone, firm,
category, month range, status and who entered it; the totals of what is shown; a firm's
statement (Statement…, or a double-click)."""

from collections.abc import Callable

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from db.clock import today_shanghai
from db.errors import ValidationError
from db.export.ledger import ledger_table
from db.export.table import ExportTable
from db.money import subsidy_rules as rules
from db.money.subsidy_rules import months_before, period_of
from db.queries.ledger import LedgerFilter, LedgerTotals, Person, ledger_people
from db.queries.reference import ZoneRow, zones
from desktop import modals
from desktop.context import AppContext
from desktop.ledger.firm_statement_dialog import FirmStatementDialog
from desktop.ledger.ledger_model import (
    COL_AMOUNT,
    COL_BILLED,
    COL_CATEGORY,
    COL_DECIDED_AT,
    COL_DECIDED_BY,
    COL_ENTERED_BY,
    COL_FIRM,
    COL_MONTH,
    COL_NOTE,
    COL_NUMBER,
    COL_QUANTITY,
    COL_REFERENCE,
    COL_STATUS,
    COL_ZONE,
    FIRM_ROLE,
    LedgerTableModel,
)
from desktop.widgets.field_errors import FieldErrors
from desktop.widgets.form_fields import zone_text
from desktop.widgets.labels import COMMON, label
from desktop.widgets.list_pane import ListPane
from desktop.widgets.money_labels import CATEGORIES, STATUSES, money_label, yuan

# the firm's name gets the room: figures and short words are narrow (the quantity's widest,
# "12,345.67 kWh", fits in 100); the firm column then fits the names shown, up to FIRM_MOST
_WIDTHS = {COL_NUMBER: 70, COL_MONTH: 70, COL_ZONE: 50, COL_FIRM: 260, COL_CATEGORY: 125,
           COL_QUANTITY: 100, COL_BILLED: 100, COL_AMOUNT: 100, COL_STATUS: 130, COL_ENTERED_BY: 80,
           COL_DECIDED_BY: 85, COL_DECIDED_AT: 120, COL_REFERENCE: 140, COL_NOTE: 240}
FIRM_LEAST, FIRM_MOST = 260, 420


# the export's column of each of the list's columns (db/export)
_EXPORT_KEYS = ("number", "month", "zone_code", "firm", "category", "quantity", "billed", "amount",
                "entry_status", "entered_by", "decided_by", "decided_at", "reference", "note")


class LedgerPane(ListPane):
    # every money change shows here; a person's or zone's name changes the choices too
    REFRESH_ON = ("subsidy_entry", "award", "enterprise", "tenancy", "policy", "staff", "zone")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, LedgerTableModel(context), table="ledger", widths=_WIDTHS,
                         count_name="ledger_count", parent=parent)
        self.title.setText(self.tr("Ledger"))
        self.statement: FirmStatementDialog | None = None
        this_month = period_of(today_shanghai())  # this month and the twelve before it
        self.statement_button = self.add_action(
            self.tr("Statement…"), "statement", self.open_statement,
            tooltip=self.tr("All subsidies and awards of the selected firm, by year"))
        self.zone_filter = self.add_combo("zone_filter", self.tr("All zones") if context.actor.all_zones
                                          else self.tr("All my zones"))
        self.firm_filter = self.add_search("firm_filter", self.tr("Firm name or credit code (Ctrl+F)"), 2)
        self.category_filter = self.add_combo("category_filter", self.tr("All categories"),
                                              [(money_label(CATEGORIES, c), c) for c in CATEGORIES])
        self.status_filter = self.add_combo("status_filter", label(COMMON, "any_status"),
                                            [(money_label(STATUSES, s), s) for s in STATUSES if s != "reversed"])
        self.people_filter = self.add_combo("people_filter", self.tr("Entered by anyone"))
        self.errors = FieldErrors()
        self.month_from = self._month("month_from", months_before(this_month, 12)[0])
        self.month_to = self._month("month_to", this_month)
        self.totals_label = QLabel()
        self.totals_label.setObjectName("ledger_totals")
        self.totals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(self.totals_label)
        self.add_export(self._export_source, _EXPORT_KEYS, self.tr("ledger"))
        self.assemble()
        self.model.totals_changed.connect(self._show_totals)
        self.model.page_loaded.connect(self._fit_firms)
        self._firms_fitted = False
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()
        self._load_choices()
        self.apply_filter()

    def _month(self, name: str, value: str) -> QLineEdit:
        """A month field of the second filter row, checked when left; its error shows below."""
        line = QLineEdit(value)
        line.setObjectName(name)
        line.setPlaceholderText("2026-01")
        line.setMaximumWidth(110)
        line.editingFinished.connect(self.apply_filter)
        if name == "month_from":
            self.months = QHBoxLayout()
            self.months.addWidget(QLabel(self.tr("From month")))
            self.months.addWidget(line)
        else:
            self.months.addWidget(QLabel(self.tr("to")))
            self.months.addWidget(line)
            self.months.addStretch(1)
            self.filter_rows.addLayout(self.months)
        self.filter_rows.addWidget(self.errors.add(name, line))
        return line

    # --- filters ------------------------------------------------------------------------
    def current_filter(self) -> LedgerFilter:
        """The filter the fields say; ValidationError (at its field) for a month mistyped."""
        months = []
        for name, line in (("month_from", self.month_from), ("month_to", self.month_to)):
            value = line.text().strip()
            months.append(rules.parse_period(value, name) if value else None)
        if months[0] and months[1] and months[0] > months[1]:
            raise ValidationError(self.tr("The first month comes after the last."), field="month_to")
        return LedgerFilter(
            zone_id=self.zone_filter.currentData(), firm_text=self.firm_filter.text().strip(),
            category=self.category_filter.currentData(), month_from=months[0], month_to=months[1],
            status=self.status_filter.currentData(), entered_by=self.people_filter.currentData())

    def _export_source(self) -> Callable[[], ExportTable]:
        """What Export… writes: the rows shown (db/export reads them with the list's scope)."""
        db, actor, flt, sort = self.context.db, self.context.actor, self.model.filter, self.model.sorting
        return lambda: ledger_table(db, actor=actor, flt=flt, sort=sort)

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.errors.clear()
        try:
            flt = self.current_filter()
        except ValidationError as error:
            self.errors.mark(error.field, modals.translate_error(error), focus=False)
            return
        if flt != self.model.filter or self.model.totals is None:
            self.model.set_filter(flt)

    def _fit_firms(self) -> None:
        """Once, when the first rows arrive: the firm column as wide as their names (within
        FIRM_LEAST..FIRM_MOST); after that the person's width stays."""
        if self._firms_fitted or not self.model.rowCount():
            return
        self._firms_fitted = True
        names = self.table.sizeHintForColumn(COL_FIRM)
        self.table.setColumnWidth(COL_FIRM, max(FIRM_LEAST, min(FIRM_MOST, names + 16)))

    def _show_totals(self, totals: LedgerTotals | None) -> None:
        if totals is None:
            self.count_label.setText(self.tr("Counting…"))
            self.totals_label.setText("")
            return
        self.count_label.setText(self.tr("Entries shown: {count}").format(count=QLocale().toString(totals.count)))
        text = self.tr("Shown: billed {billed} · subsidies and awards {granted}, of which approved "
                       "{approved}").format(billed=yuan(totals.billed_fen),
                                            granted=yuan(totals.granted_fen),
                                            approved=yuan(totals.approved_fen))
        if totals.guaranteed_fen:
            text += " · " + self.tr("loans guaranteed {guaranteed}").format(
                guaranteed=yuan(totals.guaranteed_fen))
        self.totals_label.setText(text)

    def changed(self, kind: str, id_: object) -> None:
        if kind in ("staff", "zone"):
            self._load_choices()
        super().changed(kind, id_)

    def refresh(self) -> None:
        self.model.refresh()

    def _load_choices(self) -> None:
        db, actor = self.context.db, self.context.actor
        self.context.runner.run(
            lambda _task: (zones(db, actor=actor, only_mine=True), ledger_people(db, actor=actor)),
            on_success=self._choices_loaded, parent=self)

    def _choices_loaded(self, result: tuple[list[ZoneRow], list[Person]]) -> None:
        my_zones, people = result
        self.refill(self.zone_filter, [(zone_text(z), z.id) for z in my_zones])
        self.refill(self.people_filter, [(p.name, p.id) for p in people])

    # --- the statement ------------------------------------------------------------------
    def selected_firm(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(FIRM_ROLE) if rows else None

    def _update_buttons(self) -> None:
        self.statement_button.setEnabled(self.selected_firm() is not None)

    def open_current(self) -> None:
        self.open_statement()

    def open_statement(self) -> None:
        firm = self.selected_firm()
        if firm is None:
            return
        self.statement = FirmStatementDialog(self.context, firm, parent=self)
        self.statement.finished.connect(self._statement_closed)
        self.statement.open()

    def _statement_closed(self) -> None:
        if self.statement is not None:
            self.statement.deleteLater()
            self.statement = None
