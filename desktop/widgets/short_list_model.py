"""A table model for short lists kept whole in memory (zones, staff, awards, a policy table):
filtered as you type in Python. Long lists (firms) page from the database instead."""

from typing import Generic

from PySide6.QtWidgets import QWidget

from desktop.widgets.rows_model import Index, Row, RowsTableModel

__all__ = ["Index", "ShortListModel"]


class ShortListModel(RowsTableModel[Row], Generic[Row]):
    """Subclasses give `_headers`, `_words(row)` (what the filter looks in) and `_text(row,
    column)`; rows need an `id`."""

    def __init__(self, headers: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(headers, parent)
        self._all: list[Row] = []
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
        return next((i for i, r in enumerate(self._rows) if r.id == row_id), -1)

    def _refresh(self) -> None:
        self.beginResetModel()
        self._rows = [r for r in self._all if self._matches(r)]
        self._order(self._rows)
        self.endResetModel()

    def _matches(self, row: Row) -> bool:
        return not self._filter or any(self._filter in word.casefold() for word in self._words(row))

    def _order(self, rows: list[Row]) -> None:
        """Sorts the shown rows in place (kept as given unless a subclass sorts)."""

    def _words(self, row: Row) -> tuple[str, ...]:
        raise NotImplementedError
