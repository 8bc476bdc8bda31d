"""The Policy pane's tables, kept whole in memory (they are short): subsidy rates, budgets with
used and left, programme limits, award amounts, closed months. Every figure in yuan with
thousands separators; the exact fen are in FEN_ROLE."""

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from db.clock import to_shanghai
from db.queries.policy import AwardRateRow, BudgetRow, ClosedRow, RateRow, SettingRow
from desktop.widgets.money_labels import CATEGORIES, LEVELS, SETTINGS, money_label, yuan
from desktop.widgets.rows_model import RIGHT
from desktop.widgets.short_list_model import ShortListModel

_OVERSPENT = QBrush(QColor("#c62828"))


def percent_text(rate_bp: int) -> str:
    """1500 -> '15.00 %'."""
    whole, hundredths = divmod(rate_bp, 100)
    return f"{whole}.{hundredths:02d} %"


class _MoneyTable(ShortListModel):
    FEN_ROLE = ShortListModel.FIRST_OWN_ROLE
    MONEY_COLUMNS: tuple[int, ...] = ()

    def _words(self, row: object) -> tuple[str, ...]:
        return tuple(self._text(row, c) for c in range(len(self._headers)))

    def _fen(self, row: object, column: int) -> int | None:
        return None

    def _style(self, row: object, column: int, role: int) -> object:
        if role == self.FEN_ROLE:
            return self._fen(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.MONEY_COLUMNS:
            return RIGHT
        return None


class RateTableModel(_MoneyTable):
    COL_CATEGORY, COL_FROM, COL_SHARE, COL_CAP = range(4)
    MONEY_COLUMNS = (COL_SHARE, COL_CAP)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__((self.tr("Category"), self.tr("Valid from"), self.tr("Share of the bill"),
                          self.tr("Yearly cap per firm")), parent)

    def _text(self, row: RateRow, column: int) -> str:
        return (money_label(CATEGORIES, row.category), row.valid_from.isoformat(),
                percent_text(row.rate_bp), yuan(row.yearly_cap_fen))[column]

    def _fen(self, row: RateRow, column: int) -> int | None:
        return {self.COL_SHARE: row.rate_bp, self.COL_CAP: row.yearly_cap_fen}.get(column)


class BudgetTableModel(_MoneyTable):
    COL_ZONE, COL_CATEGORY, COL_BUDGET, COL_USED, COL_LEFT = range(5)
    MONEY_COLUMNS = (COL_BUDGET, COL_USED, COL_LEFT)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__((self.tr("Zone"), self.tr("Category"), self.tr("Budget"), self.tr("Used"),
                          self.tr("Left")), parent)

    def _text(self, row: BudgetRow, column: int) -> str:
        return (f"{row.zone_code} {row.zone_name}", money_label(CATEGORIES, row.category),
                yuan(row.amount_fen), self._maybe(row.used_fen), self._maybe(row.left_fen))[column]

    @staticmethod
    def _maybe(fen: int | None) -> str:
        return "…" if fen is None else yuan(fen)

    def _fen(self, row: BudgetRow, column: int) -> int | None:
        return {self.COL_BUDGET: row.amount_fen, self.COL_USED: row.used_fen,
                self.COL_LEFT: row.left_fen}.get(column)

    def _style(self, row: BudgetRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_LEFT and (row.left_fen or 0) < 0:
            return _OVERSPENT
        return super()._style(row, column, role)


class SettingTableModel(_MoneyTable):
    COL_NAME, COL_VALUE = range(2)
    MONEY_COLUMNS = (COL_VALUE,)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__((self.tr("Limit"), self.tr("Amount")), parent)

    def _text(self, row: SettingRow, column: int) -> str:
        return (money_label(SETTINGS, row.id), yuan(row.value_fen))[column]

    def _fen(self, row: SettingRow, column: int) -> int | None:
        return row.value_fen if column == self.COL_VALUE else None


class AwardRateTableModel(_MoneyTable):
    COL_LEVEL, COL_FROM, COL_AMOUNT = range(3)
    MONEY_COLUMNS = (COL_AMOUNT,)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__((self.tr("Level"), self.tr("Valid from"), self.tr("Award")), parent)

    def _text(self, row: AwardRateRow, column: int) -> str:
        return (money_label(LEVELS, row.level), row.valid_from.isoformat(), yuan(row.amount_fen))[column]

    def _fen(self, row: AwardRateRow, column: int) -> int | None:
        return row.amount_fen if column == self.COL_AMOUNT else None


class ClosedTableModel(_MoneyTable):
    COL_MONTH, COL_BY, COL_AT = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__((self.tr("Month"), self.tr("Closed by"), self.tr("Closed at")), parent)

    def _text(self, row: ClosedRow, column: int) -> str:
        return (row.id, row.closed_by_name, self._moment(row.closed_at))[column]

    @staticmethod
    def _moment(moment: datetime) -> str:
        return to_shanghai(moment).strftime("%Y-%m-%d %H:%M")
