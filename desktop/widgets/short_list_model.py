"""A table model for short lists kept whole in memory (zones, staff, awards, a policy table):
filtered as you type in Python (by pinyin too: "shdf" finds 上海东方…) and sorted by a clicked
column. Long lists (firms) page from the database instead."""

from decimal import Decimal, InvalidOperation
from typing import Generic

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from db import search
from desktop.widgets.rows_model import Index, Row, RowsTableModel

__all__ = ["Index", "ShortListModel"]


def sort_key(text: str) -> tuple[int, Decimal | str]:
    """Figures ("1,234.56", "-5") by their value, before any text; text as the person reads it."""
    try:
        return 0, Decimal(text.replace(",", "").strip() or "x")
    except InvalidOperation:
        return 1, text.casefold()


class ShortListModel(RowsTableModel[Row], Generic[Row]):
    """Subclasses give `_headers`, `_words(row)` (what the filter looks in) and `_text(row,
    column)`; rows need an `id`."""

    def __init__(self, headers: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(headers, parent)
        self._all: list[Row] = []
        self._filter = ""
        self._sort_column = -1  # a header clicked: sorted by that column's text (-1: as given)
        self._descending = False

    def sortable(self, column: int) -> bool:
        return 0 <= column < len(self._headers)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column = column if self.sortable(column) else -1
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._refresh()

    def set_rows(self, rows: list[Row]) -> None:
        self._all = list(rows)
        self._refresh()

    def set_filter(self, text: str) -> None:
        self._filter = text.strip().casefold()
        self._refresh()

    def total(self) -> int:
        return len(self._all)

    def row_of(self, row_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == row_id), -1)

    def _refresh(self) -> None:
        self.beginResetModel()
        self._rows = [r for r in self._all if self._matches(r)]
        self._order(self._rows)
        if self._sort_column >= 0:
            self._rows.sort(key=lambda r: getattr(r, "id", 0) or 0)  # ties stay in id order
            self._rows.sort(key=lambda r: sort_key(self._text(r, self._sort_column)),
                            reverse=self._descending)
        self.endResetModel()

    def _matches(self, row: Row) -> bool:
        return not self._filter or any(search.found_in(self._filter, word) for word in self._words(row))

    def _order(self, rows: list[Row]) -> None:
        """Sorts the shown rows in place (kept as given unless a subclass sorts)."""

    def _words(self, row: Row) -> tuple[str, ...]:
        raise NotImplementedError
