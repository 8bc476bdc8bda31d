"""The candidates of the issue dialog: what a zone may certify, one row each, with a tick.

Nothing is ticked at first. Ticks survive a reload (other months, another kind) for the rows
still listed, and a filter: it hides rows, never unticks them. What is issued is only what is
ticked AND shown (`chosen_candidates`): a row the person cannot see ticked is never issued;
`hidden_chosen` counts the ticked rows a filter hides, so that the dialog can say so."""

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

    def set_rows(self, rows: list[Candidate], *, keep_ticks: bool = False) -> None:
        """`keep_ticks`: keep every tick (the rows are emptied while new ones are read); else
        the ticks of the rows no longer listed are dropped, the others kept."""
        if not keep_ticks:
            self.chosen &= {key_of(c) for c in rows}
        super().set_rows(rows)
        self.chosen_changed.emit()

    def set_filter(self, text: str) -> None:
        super().set_filter(text)
        self.chosen_changed.emit()  # what is ticked and shown may differ

    def chosen_candidates(self) -> list[Candidate]:
        """What would be issued: the ticked rows shown, in the order shown."""
        return [c for c in self._rows if key_of(c) in self.chosen]

    def hidden_chosen(self) -> int:
        """Ticked rows the filter hides (kept ticked, not issued while hidden)."""
        return len(self.chosen & {key_of(c) for c in self._all}) - len(self.chosen_candidates())

    def choose_shown(self, chosen: bool) -> None:
        """Ticks the rows shown; unticking ("select none") unticks every row, hidden or not."""
        self.chosen = self.chosen | {key_of(c) for c in self._rows} if chosen else set()
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
