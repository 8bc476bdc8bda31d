"""The monthly bill sheet as a Qt table model: a row per tenant of the zone in the month; for each
category the bill amount, its quantity, the bill number and the subsidy, computed as it is typed
by BillSheet.subsidy (the service's own arithmetic); then the row's bill and subsidy totals.

What is typed is kept as typed (a wrong amount stays in its cell, red, with the reason) until
the sheet is saved; bills already submitted or approved, categories without a rate and closed
months are read-only.
"""

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from db.models.money import CATEGORIES, UNITS
from db.money import format_fen
from db.queries.bill_sheet import BillSheet, SheetRow
from db.translatable import category_term, status_term
from desktop.bill_sheet.bill_sheet_cells import (
    AMOUNT,
    QUANTITY,
    REFERENCE,
    edit_text,
    format_quantity,
)
from desktop.bill_sheet.bill_sheet_edits import SheetEdits, Typed

SUBSIDY = "subsidy"
PARTS = (AMOUNT, QUANTITY, REFERENCE, SUBSIDY)
COL_BILL_TOTAL = len(CATEGORIES) * len(PARTS)  # 16
COL_SUBSIDY_TOTAL = COL_BILL_TOTAL + 1
COLUMN_COUNT = COL_SUBSIDY_TOTAL + 1

ENTERPRISE_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the firm's id (int)
CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 2  # land | electricity | water | internet | None
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3  # "" | unsaved | draft | submitted | approved | rejected
ERROR_ROLE = Qt.ItemDataRole.UserRole + 4  # the reason a typed text is wrong, or None
FEN_ROLE = Qt.ItemDataRole.UserRole + 5  # amounts, subsidies and totals in fen, or None
SHORTFALL_ROLE = Qt.ItemDataRole.UserRole + 6  # a subsidy: why it is less than its share (0.00), or None

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_BACKGROUNDS = {"error": "#ffd6d6", "unsaved": "#fff6cf", "submitted": "#e4eefb",
                "approved": "#e2f2e4", "rejected": "#fde0c5", "no_rate": "#eeeeee", "computed": "#f7f7f7"}

Index = QModelIndex | QPersistentModelIndex


def column_of(category: str, part: str) -> int:
    return CATEGORIES.index(category) * len(PARTS) + PARTS.index(part)


def cell_at(column: int) -> tuple[str, str] | None:
    """(category, part) of a column, None for the totals."""
    if not 0 <= column < COL_BILL_TOTAL:
        return None
    return CATEGORIES[column // len(PARTS)], PARTS[column % len(PARTS)]


def category_name(category: str) -> str:
    name = QCoreApplication.translate("db", category_term(category))
    return name[:1].upper() + name[1:]



class BillSheetModel(QAbstractTableModel):
    edited = Signal()  # something was typed or the sheet replaced: totals and mistakes may differ

    def __init__(self, parent: Any = None, *, may_edit: bool = True) -> None:
        super().__init__(parent)
        self._may_edit = may_edit
        self.edits = SheetEdits(None, may_edit=may_edit)
        self._brushes = {k: QBrush(QColor(v)) for k, v in _BACKGROUNDS.items()}

    @property
    def sheet(self) -> BillSheet | None:
        return self.edits.sheet

    def set_sheet(self, sheet: BillSheet | None, keep: Typed | None = None) -> None:
        """Shows a freshly read sheet; `keep`: typing to carry over (made while it was read)."""
        self.beginResetModel()
        self.edits = SheetEdits(sheet, may_edit=self._may_edit, keep=keep)
        self.endResetModel()
        self.edited.emit()

    def mark_refusal(self, enterprise_id: int, category: str, reason: str) -> QModelIndex:
        """db/'s refusal of one bill, at its amount; the index of that cell."""
        row = self.edits.refuse(enterprise_id, category, reason)
        if row is None:
            return QModelIndex()
        self._bill_changed(row, category)
        return self.index(row, column_of(category, AMOUNT))

    def typed_text(self, index: Index) -> str | None:
        """The text typed into a cell (None: nothing typed there, it shows what is saved)."""
        cell = cell_at(index.column())
        if not index.isValid() or cell is None:
            return None
        return self.edits.typed_parts(self.edits.rows[index.row()], cell[0]).get(cell[1])

    def preview(self, index: Index, text: str | None) -> None:
        """What is being typed in a cell's editor, keystroke by keystroke: the subsidy, the
        totals and the mistakes follow it (the cell itself is left to its editor)."""
        cell = cell_at(index.column())
        if not index.isValid() or cell is None or cell[1] == SUBSIDY:
            return
        row = self.edits.rows[index.row()]
        if self.edits.editable(row, cell[0]):
            self.edits.type(row, cell[0], cell[1], text)
            subsidy = self.index(index.row(), column_of(cell[0], SUBSIDY))
            self.dataChanged.emit(subsidy, subsidy)
            self.dataChanged.emit(self.index(index.row(), COL_BILL_TOTAL),
                                  self.index(index.row(), COL_SUBSIDY_TOTAL))
            self.edited.emit()

    # --- Qt's model interface -----------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.edits.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        cell = cell_at(index.column())
        if cell and cell[1] != SUBSIDY and self.edits.editable(self.edits.rows[index.row()], cell[0]):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self.edits.rows):
                return None
            row = self.edits.rows[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return row.name
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("{name}\nCredit code {uscc}, unit {unit}").format(
                    name=row.name, uscc=row.uscc, unit=row.unit)
            return None
        if not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header(section)
        if role == Qt.ItemDataRole.ToolTipRole and cell_at(section) and self.sheet is not None:
            category = cell_at(section)[0]
            rate = self.sheet.rates.get(category)
            if rate is None:
                return self.tr("No subsidy rate is set for {category} in {period}.").format(
                    category=category_name(category), period=self.sheet.period)
            return self.tr("{category}: {share} % of the bill, at most ¥{cap} a firm a year.").format(
                category=category_name(category), share=format_quantity(rate.rate_bp),  # bp: 1/100 %
                cap=format_fen(rate.yearly_cap_fen))
        return None

    def cell_name(self, column: int) -> str:
        """A column's name on one line: 'Electricity bill (¥)'."""
        return self._header(column).replace("\n", " ")

    def _header(self, column: int) -> str:
        if column == COL_BILL_TOTAL:
            return self.tr("Bills\ntotal (¥)")
        if column == COL_SUBSIDY_TOTAL:
            return self.tr("Subsidies\ntotal (¥)")
        category, part = cell_at(column)
        name = category_name(category)
        if part == AMOUNT:
            return self.tr("{category}\nbill (¥)").format(category=name)
        if part == QUANTITY:
            return self.tr("{category}\nquantity ({unit})").format(category=name, unit=UNITS[category])
        if part == REFERENCE:
            return self.tr("{category}\nbill number").format(category=name)
        return self.tr("{category}\nsubsidy (¥)").format(category=name)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.edits.rows):
            return None
        row, column = self.edits.rows[index.row()], index.column()
        cell = cell_at(column)
        if cell is None:
            return self._total_data(row, column, role)
        category, part = cell
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, category, part)
        if role == Qt.ItemDataRole.EditRole:
            return "" if part == SUBSIDY else edit_text(
                row.cells.get(category), self.edits.typed_parts(row, category), part)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return None if part == REFERENCE else _RIGHT
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, category, part)
        if role == Qt.ItemDataRole.ToolTipRole:
            why = self._shortfall(row, category) if part == SUBSIDY else None
            explanation = self._explanation(row, category)
            return self.edits.error(row, category, part) or (
                "\n".join(t for t in (why, explanation) if t) if why else explanation)
        if role == SHORTFALL_ROLE:
            return self._shortfall(row, category) if part == SUBSIDY else None
        if role == ENTERPRISE_ID_ROLE:
            return row.enterprise_id
        if role == CATEGORY_ROLE:
            return category
        if role == STATUS_ROLE:
            return self.edits.status_of(row, category)
        if role == ERROR_ROLE:
            return self.edits.error(row, category, part)
        if role == FEN_ROLE:
            if part == AMOUNT:
                state = self.edits.state(row, category)
                return None if AMOUNT in state.errors else state.billed_fen
            return self.edits.subsidy(row, category) if part == SUBSIDY else None
        return None

    def _total_data(self, row: SheetRow, column: int, role: int) -> Any:
        fen = self.edits.row_totals(row)[column - COL_BILL_TOTAL]
        if role == Qt.ItemDataRole.DisplayRole:
            return format_fen(fen)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._brushes["computed"]
        if role == Qt.ItemDataRole.ToolTipRole and self.edits.has_mistake(row):
            return self.tr("Bills with a mistake are not counted until they are corrected.")
        if role == ENTERPRISE_ID_ROLE:
            return row.enterprise_id
        if role == FEN_ROLE:
            return fen
        return None

    def _text(self, row: SheetRow, category: str, part: str) -> str:
        cell = row.cells.get(category)
        if cell is None and not self.edits.has_rate(category):
            return self.tr("no rate") if part == AMOUNT else ""
        state = self.edits.state(row, category)
        if part in state.errors:
            return self.edits.typed_parts(row, category).get(part, "")  # kept as typed
        if part == AMOUNT:
            return "" if state.billed_fen is None else format_fen(state.billed_fen)
        if part == QUANTITY:
            return format_quantity(state.quantity_x100) if state.quantity_x100 else ""
        if part == REFERENCE:
            return state.reference
        subsidy = self.edits.subsidy(row, category)
        if subsidy is None:
            return ""
        if cell is not None and cell.status in ("submitted", "approved"):
            return self.tr("{amount} · {status}").format(
                amount=format_fen(subsidy), status=QCoreApplication.translate("db", status_term(cell.status)))
        if cell is not None and cell.sent_back and not self.edits.state(row, category).changed:
            return self.tr("{amount} · sent back").format(amount=format_fen(subsidy))
        return format_fen(subsidy)

    def _background(self, row: SheetRow, category: str, part: str) -> QBrush | None:
        if self.edits.error(row, category, part):
            return self._brushes["error"]
        if row.cells.get(category) is None and not self.edits.has_rate(category):
            return self._brushes["no_rate"]
        status = self.edits.status_of(row, category)
        if status in ("unsaved", "submitted", "approved", "rejected"):
            return self._brushes[status]
        return self._brushes["computed"] if part == SUBSIDY else None

    def _shortfall(self, row: SheetRow, category: str) -> str | None:
        """Why the subsidy is less than the bill's share (db/'s subsidy rules know), translated."""
        subsidy, billed = self.edits.subsidy(row, category), self.edits.state(row, category).billed_fen
        if subsidy is None or billed is None:
            return None
        why = self.sheet.shortfall(row, category, billed, subsidy)
        return why.message(QCoreApplication.translate) if why else None

    def _explanation(self, row: SheetRow, category: str) -> str | None:
        sheet = self.sheet
        if sheet.closed:
            return self.tr("{period} is closed: nothing in it can be changed.").format(period=sheet.period)
        if row.cells.get(category) is None and not self.edits.has_rate(category):
            return self.tr("No subsidy rate is set for {category} in {period}: an administrator "
                           "must set it before these bills can be typed.").format(
                category=category_name(category), period=sheet.period)
        return {"unsaved": self.tr("Typed but not yet saved."),
                "draft": self.tr("Saved as a draft, not yet submitted for review."),
                "submitted": self.tr("Submitted for review: it can no longer be typed over."),
                "approved": self.tr("Approved: only a reversal can change it."),
                "rejected": self.tr("Sent back by the reviewer: {reason}\nCorrect the bill (or type it "
                                    "again as it is) and submit it again.").format(
                    reason=row.cells[category].reason if category in row.cells else "")}.get(
            self.edits.status_of(row, category))

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        cell = cell_at(index.column())
        row = self.edits.rows[index.row()]
        if cell is None or cell[1] == SUBSIDY or not self.edits.editable(row, cell[0]):
            return False
        self.edits.type(row, cell[0], cell[1], "" if value is None else str(value))
        self._bill_changed(index.row(), cell[0])
        self.edited.emit()
        return True

    def type_cells(self, texts: list[tuple[int, int, str]]) -> int:
        """(row, column, text) typed into many cells at once (a paste), each checked as if
        typed, with one notification for them all; cells that cannot be typed in are left out
        (the caller says which). Returns how many were typed."""
        rows: list[int] = []
        for number, column, text in texts:
            cell = cell_at(column)
            row = self.edits.rows[number] if 0 <= number < len(self.edits.rows) else None
            if row is not None and cell and cell[1] != SUBSIDY and self.edits.editable(row, cell[0]):
                self.edits.type(row, cell[0], cell[1], text)
                rows.append(number)
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), COLUMN_COUNT - 1))
            self.edited.emit()
        return len(rows)

    def _bill_changed(self, row: int, category: str) -> None:
        first = column_of(category, AMOUNT)
        self.dataChanged.emit(self.index(row, first), self.index(row, first + len(PARTS) - 1))
        self.dataChanged.emit(self.index(row, COL_BILL_TOTAL), self.index(row, COL_SUBSIDY_TOTAL))
