"""What every list's Qt model shares, written once: rows held in `_rows` (those shown), column
titles in `_headers`, Qt's row and column counts and header, and `data` asking the subclass for
the text of a cell (`_text`) and for anything else a role wants (`_style`: colours, fonts,
alignment, tool tips, a subclass's own roles, numbered from `FIRST_OWN_ROLE`).

Every row has `ROW_ROLE` (the row itself) and `ID_ROLE` (its `id`, where it has one).
"""

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)  # figures line up


class RowsTableModel(QAbstractTableModel, Generic[Row]):
    ID_ROLE = Qt.ItemDataRole.UserRole + 1
    ROW_ROLE = Qt.ItemDataRole.UserRole + 2
    FIRST_OWN_ROLE = Qt.ItemDataRole.UserRole + 3

    def __init__(self, headers: tuple[str, ...] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._rows: list[Row] = []

    # --- what subclasses say ------------------------------------------------------------
    def _text(self, row: Row, column: int) -> str:
        raise NotImplementedError

    def _style(self, row: Row, column: int, role: int) -> Any:
        """Whatever a role other than the text asks; None unless a subclass says otherwise."""
        return None

    # --- what views and panes ask -------------------------------------------------------
    def row(self, row: int) -> Row:
        return self._rows[row]

    def shown(self) -> list[Row]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            return Qt.SortOrder.AscendingOrder  # a first click on a header sorts A→Z, 1→9
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == self.ROW_ROLE:
            return row
        if role == self.ID_ROLE:
            return getattr(row, "id", None)
        return self._style(row, column, role)
