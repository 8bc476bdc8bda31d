"""The candidates of the issue dialog: what a zone may certify, one row each, with a tick (all
ticked when loaded). The filter hides rows, never unticks them."""

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from db.money import format_fen
from db.queries.certificates import Candidate
from desktop.widgets.money_labels import LEVELS, money_label
from desktop.widgets.paged_model import Index
from desktop.widgets.short_list_model import ShortListModel

Key = tuple[int, int | None]  # the firm, the award


def key_of(candidate: Candidate) -> Key:
    return candidate.enterprise_id, candidate.award_id


class CandidateTableModel(ShortListModel[Candidate]):
    """`chosen` holds the ticked candidates' keys, shown or filtered away."""

    COL_FIRM, COL_USCC, COL_AMOUNT, COL_DETAIL = range(4)
    chosen_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__((self.tr("Firm"), self.tr("Credit code"), self.tr("Amount (yuan)"),
                          self.tr("What is certified")), parent)
        self.chosen: set[Key] = set()

    def set_rows(self, rows: list[Candidate]) -> None:
        self.chosen = {key_of(c) for c in rows}
        super().set_rows(rows)
        self.chosen_changed.emit()

    def chosen_candidates(self) -> list[Candidate]:
        return [c for c in self._all if key_of(c) in self.chosen]

    def choose_shown(self, chosen: bool) -> None:
        keys = {key_of(c) for c in self._rows}
        self.chosen = self.chosen | keys if chosen else self.chosen - keys
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0),
                                  [Qt.ItemDataRole.CheckStateRole])
        self.chosen_changed.emit()

    def _words(self, row: Candidate) -> tuple[str, ...]:
        return row.name, row.uscc

    def _text(self, row: Candidate, column: int) -> str:
        if column == self.COL_AMOUNT:
            return "" if row.amount_fen is None else format_fen(row.amount_fen)
        if column == self.COL_DETAIL:
            return self.detail(row)
        return (row.name, row.uscc)[column] if column < 2 else ""

    def detail(self, row: Candidate) -> str:
        if row.kind == "subsidy":
            return self.tr("{count} approved entries").format(count=row.detail)
        if row.kind == "little_giant":
            return money_label(LEVELS, row.detail)
        if row.kind == "tenancy":
            return self.tr("Unit {unit}").format(unit=row.detail)
        return row.detail

    def _style(self, row: Candidate, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and column == self.COL_FIRM:
            return Qt.CheckState.Checked if key_of(row) in self.chosen else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == self.ID_ROLE:
            return None  # candidates have no id of their own: ROW_ROLE carries them
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.COL_FIRM:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != self.COL_FIRM \
                or role != Qt.ItemDataRole.CheckStateRole:
            return False
        key = key_of(self._rows[index.row()])
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.chosen = self.chosen | {key} if checked else self.chosen - {key}
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.chosen_changed.emit()
        return True
