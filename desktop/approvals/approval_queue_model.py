"""The reviewer's queue and the budgets it draws on, as Qt table models, and their totals.

`ApprovalQueueModel` holds the submitted entries and awards (filtered as you type in memory: a
zone's queue is short); `BudgetTableModel` the budget left per zone, year and category, with
what the selection would take from it, in red where that is more than is left; `QueueTotals`
shows the count and sums of what is shown and of what is selected.
"""

from collections import defaultdict
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from db.money import format_fen
from db.queries.approvals import BudgetLeft, QueueItem, budget_key
from desktop.widgets.money_labels import OWN, RED, kind_label
from desktop.widgets.rows_model import RIGHT, RowsTableModel
from desktop.widgets.short_list_model import ShortListModel

BudgetKey = tuple[int, int, str]  # zone, year, category

OVER_BACKGROUND = QColor("#fdecea")


@dataclass(frozen=True)
class Totals:
    count: int = 0
    bills_fen: int = 0
    subsidies_fen: int = 0
    awards_fen: int = 0
    guaranteed_fen: int = 0
    loans_fen: int = 0


def totals(items: list[QueueItem]) -> Totals:
    subsidies = [i for i in items if i.kind == "subsidy_entry"]
    guarantees = [i for i in items if i.category == "loan_guarantee"]
    return Totals(len(items), sum(i.billed_fen for i in subsidies), sum(i.amount_fen for i in subsidies),
                  sum(i.amount_fen for i in items if i.category == "little_giant"),
                  sum(i.amount_fen for i in guarantees), sum(i.billed_fen for i in guarantees))


class QueueTotals(QWidget):
    """Items, bills, subsidies, awards and guarantees: a row for what is shown, one for what is
    selected. `label(which, name)` is the figure ('shown'/'selected', a name of `COLUMNS`)."""

    COLUMNS = ("count", "bills", "subsidies", "awards", "guaranteed")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        right = Qt.AlignmentFlag.AlignRight
        for column, text in enumerate((self.tr("Items"), self.tr("Bills"), self.tr("Subsidies"),
                                       self.tr("Little-giant awards"), self.tr("Guaranteed (on loans)")), 1):
            grid.addWidget(QLabel(f"<b>{text}</b>"), 0, column, right)
        self._labels: dict[tuple[str, str], QLabel] = {}
        for row, (which, text) in enumerate((("shown", self.tr("Shown")), ("selected", self.tr("Selected"))), 1):
            grid.addWidget(QLabel(f"<b>{text}</b>"), row, 0)
            for column, name in enumerate(self.COLUMNS, 1):
                self._labels[(which, name)] = label = QLabel()
                label.setObjectName(f"{which}_{name}")
                grid.addWidget(label, row, column, right)

    def label(self, which: str, name: str) -> QLabel:
        return self._labels[(which, name)]

    def show_totals(self, shown: Totals, selected: Totals) -> None:
        for which, values in (("shown", shown), ("selected", selected)):
            texts = (str(values.count), format_fen(values.bills_fen), format_fen(values.subsidies_fen),
                     format_fen(values.awards_fen), self.tr("{guaranteed} (on {loans})").format(
                         guaranteed=format_fen(values.guaranteed_fen), loans=format_fen(values.loans_fen)))
            for name, text in zip(self.COLUMNS, texts, strict=True):
                self._labels[(which, name)].setText(text)


def drawn(items: list[QueueItem]) -> dict[BudgetKey, int]:
    """What the items, approved together, take from each budget (reversals give back)."""
    wanted: dict[BudgetKey, int] = defaultdict(int)
    for item in items:
        key = budget_key(item)
        if key is not None:
            wanted[key] += item.amount_fen
    return dict(wanted)


class ApprovalQueueModel(ShortListModel[QueueItem]):
    (COL_NUMBER, COL_ZONE, COL_FIRM, COL_ITEM, COL_MONTH, COL_BILLED, COL_AMOUNT, COL_ENTERED_BY,
     COL_NOTE) = range(9)
    ITEM_ROLE = ShortListModel.ROW_ROLE  # the QueueItem
    KEY_ROLE = ShortListModel.FIRST_OWN_ROLE  # (kind, id)
    OWN_ROLE = ShortListModel.FIRST_OWN_ROLE + 1  # entered by the signed-in person

    def __init__(self, staff_id: int, parent: QWidget | None = None) -> None:
        super().__init__((self.tr("No."), self.tr("Zone"), self.tr("Firm"), self.tr("Item"),
                          self.tr("Month"), self.tr("Bill or loan"), self.tr("Amount"),
                          self.tr("Entered by"), self.tr("Note")), parent)
        self._staff_id = staff_id

    def set_items(self, items: list[QueueItem]) -> None:
        self.set_rows(items)

    def _words(self, item: QueueItem) -> tuple[str, ...]:
        return (item.firm_name, item.zone_name, item.entered_by_name, item.period,
                kind_label(item.category), item.reason, str(item.id))

    def row_of(self, key: tuple[str, int]) -> int:
        return next((r for r, i in enumerate(self._rows) if (i.kind, i.id) == key), -1)

    def is_own(self, item: QueueItem) -> bool:
        return item.entered_by == self._staff_id

    def note(self, item: QueueItem) -> str:
        if item.reverses_id is None:
            return self.tr("You entered this") if self.is_own(item) else ""
        return self.tr("Reverses #{id}: {reason}").format(id=item.reverses_id, reason=item.reason)

    def _style(self, item: QueueItem, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
                self.COL_NUMBER, self.COL_BILLED, self.COL_AMOUNT):
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            if self.is_own(item):
                return QBrush(OWN)
            if column == self.COL_AMOUNT and item.amount_fen < 0:
                return QBrush(RED)
        if role == Qt.ItemDataRole.FontRole and item.reverses_id is not None:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if self.is_own(item):
                return self.tr("You entered this: another reviewer must decide it.")
            return self.note(item) or None
        if role == self.KEY_ROLE:
            return item.kind, item.id
        if role == self.OWN_ROLE:
            return self.is_own(item)
        return None

    def _text(self, item: QueueItem, column: int) -> str:
        if column == self.COL_BILLED:
            return format_fen(item.billed_fen) if item.billed_fen else ""
        if column == self.COL_AMOUNT:
            return format_fen(item.amount_fen)
        return (str(item.id), item.zone_name, item.firm_name, kind_label(item.category), item.period,
                "", "", item.entered_by_name, self.note(item))[column]


class BudgetTableModel(RowsTableModel[BudgetLeft]):
    (COL_ZONE, COL_YEAR, COL_ITEM, COL_BUDGET, COL_USED, COL_LEFT, COL_SELECTED,
     COL_AFTER) = range(8)
    OVER_ROLE = RowsTableModel.FIRST_OWN_ROLE  # True where the selection exceeds what is left

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__((self.tr("Zone"), self.tr("Year"), self.tr("Budget for"), self.tr("Budget"),
                          self.tr("Approved"), self.tr("Left"), self.tr("Selected"),
                          self.tr("Left after")), parent)
        self._zones: dict[int, str] = {}
        self._selected: dict[BudgetKey, int] = {}

    def set_budgets(self, rows: list[BudgetLeft], zone_names: dict[int, str]) -> None:
        self.beginResetModel()
        self._rows, self._zones = list(rows), dict(zone_names)
        self.endResetModel()

    def set_selected(self, selected: dict[BudgetKey, int]) -> None:
        self._selected = dict(selected)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.COL_AFTER))

    def selected_of(self, row: BudgetLeft) -> int:
        return self._selected.get((row.zone_id, row.year, row.category), 0)

    def is_over(self, row: BudgetLeft) -> bool:
        return self.selected_of(row) > max(0, row.left_fen)

    def over(self) -> list[tuple[BudgetLeft, int]]:
        """The budgets the selection exceeds, each with by how much."""
        return [(r, self.selected_of(r) - r.left_fen) for r in self._rows if self.is_over(r)]

    def zone_name(self, row: BudgetLeft) -> str:
        return self._zones.get(row.zone_id, str(row.zone_id))

    def _style(self, row: BudgetLeft, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.COL_BUDGET:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and self.is_over(row) \
                and column in (self.COL_LEFT, self.COL_SELECTED, self.COL_AFTER):
            return QBrush(RED)
        if role == Qt.ItemDataRole.BackgroundRole and self.is_over(row):
            return QBrush(OVER_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and self.is_over(row):
            return self.tr("The selection exceeds what is left by ¥{over}.").format(
                over=format_fen(self.selected_of(row) - row.left_fen))
        if role == self.OVER_ROLE:
            return self.is_over(row)
        return None

    def _text(self, row: BudgetLeft, column: int) -> str:
        if column == self.COL_BUDGET:
            return self.tr("Not set") if row.budget_fen is None else format_fen(row.budget_fen)
        selected = self.selected_of(row)
        money = {self.COL_USED: row.used_fen, self.COL_LEFT: row.left_fen,
                 self.COL_SELECTED: selected, self.COL_AFTER: row.left_fen - selected}
        if column in money:
            return format_fen(money[column])
        return (self.zone_name(row), str(row.year), kind_label(row.category))[column]
