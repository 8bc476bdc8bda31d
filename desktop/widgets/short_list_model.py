"""A table model for short lists kept whole in memory (zones, staff): filtered as you type in
Python, with an id role and a row role. Long lists (firms) page from the database instead."""

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")


class ShortListModel(QAbstractTableModel, Generic[Row]):
    """Subclasses give `_headers`, `_words(row)` (what the filter looks in) and `_cell(row, column)`;
    rows need an `id`."""

    ID_ROLE = Qt.ItemDataRole.UserRole + 1
    ROW_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(self, headers: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._all: list[Row] = []
        self._shown: list[Row] = []
        self._filter = ""

    def set_rows(self, rows: list[Row]) -> None:
        self._all = list(rows)
        self._refresh()

    def set_filter(self, text: str) -> None:
        self._filter = text.strip().casefold()
        self._refresh()

    def total(self) -> int:
        return len(self._all)

    def row_of(self, row_id: int) -> int:
        return next((i for i, r in enumerate(self._shown) if r.id == row_id), -1)

    def _refresh(self) -> None:
        self.beginResetModel()
        self._shown = [r for r in self._all if self._matches(r)]
        self._order(self._shown)
        self.endResetModel()

    def _matches(self, row: Row) -> bool:
        return not self._filter or any(self._filter in word.casefold() for word in self._words(row))

    def _order(self, rows: list[Row]) -> None:
        """Sorts the shown rows in place (kept as given unless a subclass sorts)."""

    def _words(self, row: Row) -> tuple[str, ...]:
        raise NotImplementedError

    def _cell(self, row: Row, column: int) -> str:
        raise NotImplementedError

    def _style(self, row: Row, column: int, role: int) -> Any:
        """Colours, fonts, alignment, tool tips: None unless a subclass says otherwise."""
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        row, column = self._shown[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(row, column)
        if role == self.ID_ROLE:
            return row.id
        if role == self.ROW_ROLE:
            return row
        return self._style(row, column, role)
