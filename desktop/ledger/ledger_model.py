"""The ledger as a lazy Qt model (desktop/widgets/paged_model.py): pages of 200 rows after the
last one held, then the totals of everything the filter shows."""

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor

from db.money import format_fen
from db.queries.ledger import (
    LedgerFilter,
    LedgerKey,
    LedgerRow,
    LedgerTotals,
    ledger_page,
    ledger_totals,
)
from desktop.context import AppContext
from desktop.widgets.money_labels import CATEGORIES, money_label, quantity_text, status_text
from desktop.widgets.paged_model import PagedTableModel
from desktop.widgets.rows_model import RIGHT

PAGE_SIZE = 200

(COL_NUMBER, COL_MONTH, COL_ZONE, COL_FIRM, COL_CATEGORY, COL_QUANTITY, COL_BILLED, COL_AMOUNT,
 COL_STATUS, COL_ENTERED_BY, COL_DECIDED_BY, COL_DECIDED_AT, COL_REFERENCE, COL_NOTE) = range(14)
MONEY_COLUMNS = (COL_QUANTITY, COL_BILLED, COL_AMOUNT)

ROW_ROLE = PagedTableModel.ROW_ROLE  # the whole LedgerRow
FIRM_ROLE = PagedTableModel.FIRST_OWN_ROLE  # the firm's id
FEN_ROLE = PagedTableModel.FIRST_OWN_ROLE + 1  # the amount of a money column, in fen (int)

_NEGATIVE = QColor("#c62828")
_PALE = QColor("#767676")



class LedgerTableModel(PagedTableModel[LedgerRow, LedgerFilter]):
    totals_changed = Signal(object)  # LedgerTotals, or None while those of a new filter are unknown
    SORT_KEYS = {COL_MONTH: "month", COL_ZONE: "zone", COL_FIRM: "firm", COL_CATEGORY: "category",
                 COL_QUANTITY: "quantity", COL_BILLED: "billed", COL_AMOUNT: "amount", COL_STATUS: "status",
                 COL_ENTERED_BY: "entered_by", COL_DECIDED_BY: "decided_by", COL_DECIDED_AT: "decided_at",
                 COL_REFERENCE: "reference"}

    def __init__(self, context: AppContext, parent: Any = None) -> None:
        super().__init__(context, LedgerFilter(), parent)
        self.totals: LedgerTotals | None = None
        self._headers = (self.tr("No."), self.tr("Month"), self.tr("Zone"), self.tr("Firm"),
                         self.tr("Category"), self.tr("Quantity"), self.tr("Billed (yuan)"),
                         self.tr("Subsidy (yuan)"), self.tr("Status"), self.tr("Entered by"),
                         self.tr("Reviewed by"), self.tr("Reviewed at"), self.tr("Bill or document no."),
                         self.tr("Reason or note"))
        self._header_tips = {
            COL_AMOUNT: self.tr("The subsidy granted for the bill; for an award, the award; for a"
                                " loan guarantee, the amount guaranteed"),
            COL_REFERENCE: self.tr("The bill's number, or the little-giant recognition's document number"),
            COL_NOTE: self.tr("Why it was sent back or reversed; a loan guarantee's bank"),
        }

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return self._header_tips.get(section)
        return super().headerData(section, orientation, role)

    # --- how pages and totals are read --------------------------------------------------
    def _page_size(self) -> int:
        return PAGE_SIZE

    def _page_reader(self, flt: LedgerFilter, loaded: list[LedgerRow], limit: int):  # noqa: ANN202
        """Pages by the last row's key, so a deep page costs what the first does (sorted by a
        column: by offset)."""
        db, actor, sort = self._context.db, self._context.actor, self._sort
        if sort is not None:
            offset = len(loaded)
            return lambda: ledger_page(db, actor=actor, flt=flt, sort=sort, offset=offset, limit=limit)
        after: LedgerKey | None = (loaded[-1].kind, loaded[-1].id) if loaded else None
        return lambda: ledger_page(db, actor=actor, flt=flt, after=after, limit=limit)

    def _summary_reader(self, flt: LedgerFilter):  # noqa: ANN202
        db, actor = self._context.db, self._context.actor
        return lambda cancelled: ledger_totals(db, actor=actor, flt=flt, cancelled=cancelled)

    def _summary_changed(self, totals: object | None) -> None:
        self.totals = totals
        self.totals_changed.emit(totals)

    def _style(self, row: LedgerRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column in MONEY_COLUMNS:
            return RIGHT
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
            if column in (COL_NOTE, COL_REFERENCE):
                return self._text(row, column) or None
            return None
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
        if column == COL_DECIDED_AT:
            return row.decided_at.strftime("%Y-%m-%d %H:%M") if row.decided_at else ""
        return {COL_MONTH: row.period, COL_ZONE: row.zone_code, COL_FIRM: row.firm_name,
                COL_ENTERED_BY: row.entered_by_name, COL_DECIDED_BY: row.decided_by_name,
                COL_REFERENCE: row.reference, COL_NOTE: row.note}.get(column, "")
