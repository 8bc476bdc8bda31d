"""The firms list as a lazy Qt model: only the pages loaded so far (200 rows each) are held.

`set_filter` starts over: the model empties, the first page is asked of the database thread,
then (once it has arrived) the count. Scrolling to the end asks for the next page through
canFetchMore/fetchMore. Every request carries the generation it was made for; an answer for an
outdated filter is dropped, and requests not yet started are cancelled.
"""

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QStyle
from shiboken6 import isValid

from db.queries.enterprises import (
    EnterpriseFilter,
    EnterpriseRow,
    count_enterprises,
    enterprise_page,
)
from desktop import modals
from desktop.background import Task
from desktop.context import AppContext
from desktop.labels import GIANT_LEVELS, SIZE_CLASSES, STATUSES, USCC_CHECKS, label

PAGE_SIZE = 200

(COL_NAME, COL_USCC, COL_ZONE, COL_SECTOR, COL_SIZE, COL_GIANT, COL_STATUS, COL_CONTACT,
 COL_PHONE) = range(9)
COLUMN_COUNT = 9

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the firm's id (int)
USCC_CHECK_ROLE = Qt.ItemDataRole.UserRole + 2  # ok | unconfirmed | confirmed
ROW_ROLE = Qt.ItemDataRole.UserRole + 3  # the whole EnterpriseRow

_INACTIVE = QColor("#767676")

Index = QModelIndex | QPersistentModelIndex


class EnterpriseTableModel(QAbstractTableModel):
    count_changed = Signal(object)  # int, or None while the count for a new filter is unknown
    page_loaded = Signal()  # rows arrived (a page, or a refresh)

    def __init__(self, context: AppContext, parent: Any = None) -> None:
        super().__init__(parent)
        self._context = context
        self._filter = EnterpriseFilter()
        self._rows: list[EnterpriseRow] = []
        self._generation = 0
        self._tasks: list[Task] = []
        self._loading = False
        self._exhausted = True
        self.count: int | None = None
        self._headers = (self.tr("Name"), self.tr("Credit code"), self.tr("Zone"), self.tr("Sector"),
                         self.tr("Size"), self.tr("Little giant"), self.tr("Status"),
                         self.tr("Contact"), self.tr("Phone"))
        self._warning_icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)

    # --- what the pane asks -------------------------------------------------------------
    @property
    def filter(self) -> EnterpriseFilter:
        return self._filter

    @property
    def loading(self) -> bool:
        return self._loading

    def set_filter(self, flt: EnterpriseFilter) -> None:
        """Starts over with a new filter: empty list, then the first page, then the count."""
        self._filter = flt
        self.count = None
        generation = self._next_generation()
        self.beginResetModel()
        self._rows = []
        self._exhausted = False
        self.endResetModel()
        self.count_changed.emit(None)
        self._request_page(generation, 0, PAGE_SIZE, replace=False)

    def refresh(self) -> None:
        """Reloads the rows loaded so far (after a change), keeping the list as long as it was."""
        generation = self._next_generation()
        self._request_page(generation, 0, max(PAGE_SIZE, len(self._rows)), replace=True)

    def enterprise_id(self, row: int) -> int:
        return self._rows[row].id

    def row_of(self, enterprise_id: int) -> int | None:
        for row, item in enumerate(self._rows):
            if item.id == enterprise_id:
                return row
        return None

    # --- Qt's model interface -----------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < COLUMN_COUNT:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_USCC and row.uscc_check != "ok":
            return self._warning_icon
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_USCC:
                return label(USCC_CHECKS, row.uscc_check)
            if column == COL_ZONE:
                return f"{row.zone_code} {row.zone_name}"
            if column == COL_GIANT and row.giant_level != "none":
                return label(GIANT_LEVELS, row.giant_level)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and row.status != "active":
            return _INACTIVE
        if role == ID_ROLE:
            return row.id
        if role == USCC_CHECK_ROLE:
            return row.uscc_check
        if role == ROW_ROLE:
            return row
        return None

    @staticmethod
    def _text(row: EnterpriseRow, column: int) -> str:
        if column == COL_SIZE:
            return label(SIZE_CLASSES, row.size_class)
        if column == COL_GIANT:
            return "" if row.giant_level == "none" else label(GIANT_LEVELS, row.giant_level)
        if column == COL_STATUS:
            return label(STATUSES, row.status)
        return (row.name, row.uscc, row.zone_name, row.sector_name, "", "", "", row.contact_name,
                row.contact_phone)[column]

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        return not parent.isValid() and not self._loading and not self._exhausted

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        if self.canFetchMore(parent):
            self._request_page(self._generation, len(self._rows), PAGE_SIZE, replace=False)

    # --- the database thread's answers --------------------------------------------------
    def _next_generation(self) -> int:
        self._generation += 1
        for task in self._tasks:
            task.cancel()  # not started yet: skipped; already running: its answer is dropped
        self._tasks.clear()
        self._loading = False
        return self._generation

    def _request_page(self, generation: int, offset: int, limit: int, *, replace: bool) -> None:
        db, actor, flt = self._context.db, self._context.actor, self._filter
        self._loading = True
        self._tasks.append(self._context.runner.run(
            lambda _task: enterprise_page(db, actor=actor, flt=flt, offset=offset, limit=limit),
            on_success=lambda rows: self._page_arrived(generation, offset, limit, rows, replace),
            on_failure=lambda error: self._failed(generation, error)))

    def _page_arrived(self, generation: int, offset: int, limit: int, rows: list[EnterpriseRow],
                      replace: bool) -> None:
        if not isValid(self) or generation != self._generation:
            return
        self._loading = False
        if replace:
            self.beginResetModel()
            self._rows = list(rows)
            self.endResetModel()
        elif rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self._exhausted = len(rows) < limit
        self.page_loaded.emit()
        if offset == 0:
            self._request_count(generation)

    def _request_count(self, generation: int) -> None:
        db, actor, flt = self._context.db, self._context.actor, self._filter
        self._tasks.append(self._context.runner.run(
            # a newer filter cancels the task, and the count stops at once instead of keeping
            # the database thread from that filter's first page
            lambda task: count_enterprises(db, actor=actor, flt=flt, cancelled=lambda: task.cancelled),
            on_success=lambda count: self._count_arrived(generation, count),
            on_failure=lambda error: self._failed(generation, error)))

    def _count_arrived(self, generation: int, count: int) -> None:
        if isValid(self) and generation == self._generation:
            self.count = count
            self.count_changed.emit(count)

    def _failed(self, generation: int, error: BaseException) -> None:
        if not isValid(self) or generation != self._generation:
            return
        self._loading = False
        self._exhausted = True  # do not ask again and again; a new filter or a change retries
        modals.show_failure(None, error)
