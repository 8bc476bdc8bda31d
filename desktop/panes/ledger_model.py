"""The ledger as a lazy Qt model: only the pages loaded so far (200 rows each) are held.

`set_filter` starts over: the model empties, the first page is asked of the database thread,
then (once it has arrived) the totals of everything the filter shows. Scrolling to the end asks
for the rows after the last one held through canFetchMore/fetchMore. Every request carries the
generation it was made for; an answer for an outdated filter is dropped, requests not yet
started are cancelled, and totals still being summed are stopped.
"""

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from shiboken6 import isValid

from db.money import format_fen
from db.queries.ledger import (
    LedgerFilter,
    LedgerKey,
    LedgerRow,
    LedgerTotals,
    ledger_page,
    ledger_totals,
)
from desktop import modals
from desktop.background import Task
from desktop.context import AppContext
from desktop.panes.money_labels import CATEGORIES, money_label, quantity_text, status_text

PAGE_SIZE = 200

(COL_NUMBER, COL_MONTH, COL_ZONE, COL_FIRM, COL_CATEGORY, COL_QUANTITY, COL_BILLED, COL_AMOUNT,
 COL_STATUS, COL_ENTERED_BY, COL_NOTE) = range(11)
COLUMN_COUNT = 11
MONEY_COLUMNS = (COL_QUANTITY, COL_BILLED, COL_AMOUNT)

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the whole LedgerRow
FIRM_ROLE = Qt.ItemDataRole.UserRole + 2  # the firm's id
FEN_ROLE = Qt.ItemDataRole.UserRole + 3  # the amount of a money column, in fen (int)

_NEGATIVE = QColor("#c62828")
_PALE = QColor("#767676")

Index = QModelIndex | QPersistentModelIndex


class LedgerTableModel(QAbstractTableModel):
    totals_changed = Signal(object)  # LedgerTotals, or None while those of a new filter are unknown
    page_loaded = Signal()

    def __init__(self, context: AppContext, parent: Any = None) -> None:
        super().__init__(parent)
        self._context = context
        self._filter = LedgerFilter()
        self._rows: list[LedgerRow] = []
        self._generation = 0
        self._tasks: list[Task] = []
        self._loading = False
        self._exhausted = True
        self.totals: LedgerTotals | None = None
        self._headers = (self.tr("No."), self.tr("Month"), self.tr("Zone"), self.tr("Firm"),
                         self.tr("Category"), self.tr("Quantity"), self.tr("Billed (yuan)"),
                         self.tr("Amount (yuan)"), self.tr("Status"), self.tr("Entered by"),
                         self.tr("Note"))

    @property
    def filter(self) -> LedgerFilter:
        return self._filter

    @property
    def loading(self) -> bool:
        return self._loading

    def set_filter(self, flt: LedgerFilter) -> None:
        self._filter = flt
        self.totals = None
        generation = self._next_generation()
        self.beginResetModel()
        self._rows = []
        self._exhausted = False
        self.endResetModel()
        self.totals_changed.emit(None)
        self._request_page(generation, None, PAGE_SIZE, replace=False)

    def refresh(self) -> None:
        """Reloads the rows loaded so far and the totals (after a change elsewhere)."""
        generation = self._next_generation()
        self._request_page(generation, None, max(PAGE_SIZE, len(self._rows)), replace=True)

    def row(self, row: int) -> LedgerRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < COLUMN_COUNT:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in MONEY_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column in (COL_BILLED, COL_AMOUNT) and row.amount_fen < 0:
                return _NEGATIVE
            if row.status in ("rejected", "draft") or row.reversed_by_id:
                return _PALE
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_ZONE:
                return f"{row.zone_code} {row.zone_name}"
            if column == COL_FIRM:
                return f"{row.firm_name}\n{row.uscc}"
            if column == COL_NOTE and row.note:
                return row.note
            return None
        if role == ROW_ROLE:
            return row
        if role == FIRM_ROLE:
            return row.enterprise_id
        if role == FEN_ROLE and column in (COL_BILLED, COL_AMOUNT):
            return row.billed_fen if column == COL_BILLED else row.amount_fen
        return None

    def _text(self, row: LedgerRow, column: int) -> str:
        if column == COL_NUMBER:
            return ("S{id}" if row.kind == "subsidy_entry" else "A{id}").format(id=row.id)
        if column == COL_CATEGORY:
            return money_label(CATEGORIES, row.category)
        if column == COL_QUANTITY:
            return quantity_text(row.category, row.quantity_x100)
        if column == COL_BILLED:
            return format_fen(row.billed_fen) if row.billed_fen else ""
        if column == COL_AMOUNT:
            return format_fen(row.amount_fen)
        if column == COL_STATUS:
            return status_text(row.status, row.reversed_by_id)
        if column == COL_NOTE and row.reverses_id is not None:
            number = ("S{id}" if row.kind == "subsidy_entry" else "A{id}").format(id=row.reverses_id)
            return self.tr("Reversal of {number}: {reason}").format(number=number, reason=row.note)
        return {COL_MONTH: row.period, COL_ZONE: row.zone_code, COL_FIRM: row.firm_name,
                COL_ENTERED_BY: row.entered_by_name, COL_NOTE: row.note}.get(column, "")

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        return not parent.isValid() and not self._loading and not self._exhausted

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        if self.canFetchMore(parent):
            last = self._rows[-1] if self._rows else None
            self._request_page(self._generation, (last.kind, last.id) if last else None, PAGE_SIZE,
                               replace=False)

    # --- the database thread's answers --------------------------------------------------
    def _next_generation(self) -> int:
        self._generation += 1
        for task in self._tasks:
            task.cancel()
        self._tasks.clear()
        self._loading = False
        return self._generation

    def _request_page(self, generation: int, after: LedgerKey | None, limit: int, *,
                      replace: bool) -> None:
        db, actor, flt = self._context.db, self._context.actor, self._filter
        self._loading = True
        self._tasks.append(self._context.runner.run(
            lambda _task: ledger_page(db, actor=actor, flt=flt, after=after, limit=limit),
            on_success=lambda rows: self._page_arrived(generation, after, limit, rows, replace),
            on_failure=lambda error: self._failed(generation, error)))

    def _page_arrived(self, generation: int, after: LedgerKey | None, limit: int,
                      rows: list[LedgerRow], replace: bool) -> None:
        if not isValid(self) or generation != self._generation:
            return
        self._loading = False
        if replace:
            self.beginResetModel()
            self._rows = list(rows)
            self.endResetModel()
        elif rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self._exhausted = len(rows) < limit
        self.page_loaded.emit()
        if after is None:
            self._request_totals(generation)

    def _request_totals(self, generation: int) -> None:
        db, actor, flt = self._context.db, self._context.actor, self._filter
        self._tasks.append(self._context.runner.run(
            # stopped at once by a newer filter, which then need not wait for it
            lambda task: ledger_totals(db, actor=actor, flt=flt, cancelled=lambda: task.cancelled),
            on_success=lambda totals: self._totals_arrived(generation, totals),
            on_failure=lambda error: self._failed(generation, error)))

    def _totals_arrived(self, generation: int, totals: LedgerTotals) -> None:
        if isValid(self) and generation == self._generation:
            self.totals = totals
            self.totals_changed.emit(totals)

    def _failed(self, generation: int, error: BaseException) -> None:
        if not isValid(self) or generation != self._generation:
            return
        self._loading = False
        self._exhausted = True  # do not ask again and again; a new filter or a change retries
        modals.show_failure(None, error)
