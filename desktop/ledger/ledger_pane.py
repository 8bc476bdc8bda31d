"""The Ledger pane: every subsidy entry and award in the person's zones, narrowed by zone, firm,
category, month range, status and who entered it; the totals of what is shown; a firm's
statement (Statement…, or a double-click)."""

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.clock import today_shanghai
from db.errors import ValidationError
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
    COL_ENTERED_BY,
    COL_FIRM,
    COL_MONTH,
    COL_NOTE,
    COL_NUMBER,
    COL_QUANTITY,
    COL_STATUS,
    COL_ZONE,
    FIRM_ROLE,
    LedgerTableModel,
)
from desktop.widgets.field_errors import FieldErrors
from desktop.widgets.form_fields import zone_text
from desktop.widgets.list_table import list_table
from desktop.widgets.money_labels import CATEGORIES, STATUSES, money_label, yuan

DEBOUNCE_MS = 200
_WIDTHS = {COL_NUMBER: 85, COL_MONTH: 70, COL_ZONE: 50, COL_FIRM: 200, COL_CATEGORY: 130,
           COL_QUANTITY: 110, COL_BILLED: 100, COL_AMOUNT: 100, COL_STATUS: 130, COL_ENTERED_BY: 130,
           COL_NOTE: 160}


class LedgerPane(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.statement: FirmStatementDialog | None = None
        self._stale = False
        this_month = period_of(today_shanghai())  # this month and the twelve before it
        title = QLabel(self.tr("Ledger"))
        title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.zone_filter = self._combo("zone_filter", self.tr("All zones") if context.actor.all_zones
                                       else self.tr("All my zones"), [])
        self.firm_filter = QLineEdit()
        self.firm_filter.setObjectName("firm_filter")
        self.firm_filter.setClearButtonEnabled(True)
        self.firm_filter.setPlaceholderText(self.tr("Firm name or credit code"))
        self.category_filter = self._combo("category_filter", self.tr("All categories"),
                                           [(money_label(CATEGORIES, c), c) for c in CATEGORIES])
        self.status_filter = self._combo("status_filter", self.tr("Any status"),
                                         [(money_label(STATUSES, s), s) for s in STATUSES if s != "reversed"])
        self.people_filter = self._combo("people_filter", self.tr("Entered by anyone"), [])
        self.month_from = self._month("month_from", months_before(this_month, 12)[0])
        self.month_to = self._month("month_to", this_month)
        self.errors = FieldErrors()
        self.statement_button = QPushButton(self.tr("Statement…"))
        self.statement_button.setObjectName("statement")
        self.statement_button.setToolTip(self.tr("All subsidies and awards of the selected firm, by year"))
        self.statement_button.clicked.connect(self.open_statement)
        self.count_label = QLabel()
        self.count_label.setObjectName("ledger_count")
        self.totals_label = QLabel()
        self.totals_label.setObjectName("ledger_totals")
        self.totals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = LedgerTableModel(context, self)
        self.table = list_table(self.model, "ledger", _WIDTHS)
        self._layout(title)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.firm_filter.textChanged.connect(lambda _text: self._debounce.start())
        for line in (self.month_from, self.month_to):
            line.editingFinished.connect(self.apply_filter)
        for combo in (self.zone_filter, self.category_filter, self.status_filter, self.people_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.model.totals_changed.connect(self._show_totals)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.open_statement())
        context.bus.changed.connect(self._on_changed)
        self._update_buttons()
        self._load_choices()
        self.apply_filter()

    def _combo(self, name: str, everything: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(everything, None)
        for text, data in items:
            combo.addItem(text, data)
        return combo

    def _month(self, name: str, value: str) -> QLineEdit:
        line = QLineEdit(value)
        line.setObjectName(name)
        line.setPlaceholderText("2026-01")
        line.setMaximumWidth(110)
        return line


    def _layout(self, title: QLabel) -> None:
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.count_label)
        top.addSpacing(12)
        top.addWidget(self.statement_button)
        filters = QGridLayout()
        filters.addWidget(self.zone_filter, 0, 0)
        filters.addWidget(self.firm_filter, 0, 1, 1, 2)
        filters.addWidget(self.category_filter, 0, 3)
        filters.addWidget(self.status_filter, 0, 4)
        filters.addWidget(self.people_filter, 0, 5)
        months = QHBoxLayout()
        months.addWidget(QLabel(self.tr("From month")))
        months.addWidget(self.month_from)
        months.addWidget(QLabel(self.tr("to")))
        months.addWidget(self.month_to)
        months.addStretch(1)
        filters.addLayout(months, 1, 0, 1, 3)
        filters.addWidget(self.errors.add("month_from", self.month_from), 2, 0, 1, 3)
        filters.addWidget(self.errors.add("month_to", self.month_to), 3, 0, 1, 3)
        filters.setColumnStretch(1, 2)
        for column in (0, 3, 4, 5):
            filters.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals_label)

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

    def _on_changed(self, kind: str, _id: object) -> None:
        if kind in ("staff", "zone"):
            self._load_choices()
        if self.isVisible():
            self.model.refresh()
        else:
            self._stale = True  # refreshed when shown again: nobody looks meanwhile

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.model.refresh()

    def _load_choices(self) -> None:
        db, actor = self.context.db, self.context.actor
        self.context.runner.run(
            lambda _task: (zones(db, actor=actor, only_mine=True), ledger_people(db, actor=actor)),
            on_success=self._choices_loaded, parent=self)

    def _choices_loaded(self, result: tuple[list[ZoneRow], list[Person]]) -> None:
        my_zones, people = result
        self._refill(self.zone_filter, [(zone_text(z), z.id) for z in my_zones])
        self._refill(self.people_filter, [(p.name, p.id) for p in people])

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, object]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
        combo.blockSignals(False)

    # --- the statement ------------------------------------------------------------------
    def selected_firm(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(FIRM_ROLE) if rows else None

    def _update_buttons(self) -> None:
        self.statement_button.setEnabled(self.selected_firm() is not None)

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
