"""The firms list as a lazy Qt model (desktop/widgets/paged_model.py): pages of 200 rows by
offset, in registration order (or a clicked column's, sorted in SQL), then the count of all the firms the filter matches."""

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QStyle

from db.queries.enterprises import (
    EnterpriseFilter,
    EnterpriseRow,
    count_enterprises,
    enterprise_page,
)
from desktop.context import AppContext
from desktop.widgets.labels import GIANT_LEVELS, SIZE_CLASSES, STATUSES, USCC_CHECKS, label
from desktop.widgets.paged_model import CountedTableModel

PAGE_SIZE = 200

(COL_NAME, COL_USCC, COL_ZONE, COL_SECTOR, COL_SIZE, COL_GIANT, COL_STATUS, COL_CONTACT,
 COL_PHONE) = range(9)

ID_ROLE = CountedTableModel.ID_ROLE  # the firm's id (int)
ROW_ROLE = CountedTableModel.ROW_ROLE  # the whole EnterpriseRow
USCC_CHECK_ROLE = CountedTableModel.FIRST_OWN_ROLE  # ok | unconfirmed | confirmed

_INACTIVE = QColor("#767676")



class EnterpriseTableModel(CountedTableModel[EnterpriseRow, EnterpriseFilter]):
    page_query, count_query = enterprise_page, count_enterprises
    SORT_KEYS = {COL_NAME: "name", COL_USCC: "uscc", COL_ZONE: "zone", COL_SECTOR: "sector",
                 COL_SIZE: "size", COL_GIANT: "giant", COL_STATUS: "status", COL_CONTACT: "contact",
                 COL_PHONE: "phone"}

    def _page_size(self) -> int:
        return PAGE_SIZE  # a module constant: a test pages by twos

    def __init__(self, context: AppContext, parent: Any = None) -> None:
        super().__init__(context, EnterpriseFilter(), parent)
        self._headers = (self.tr("Name"), self.tr("Credit code"), self.tr("Zone"), self.tr("Sector"),
                         self.tr("Size"), self.tr("Little giant"), self.tr("Status"),
                         self.tr("Contact"), self.tr("Phone"))
        self._warning_icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)

    def enterprise_id(self, row: int) -> int:
        return self._rows[row].id

    def row_of(self, enterprise_id: int) -> int | None:
        for row, item in enumerate(self._rows):
            if item.id == enterprise_id:
                return row
        return None

    # --- Qt's model interface -----------------------------------------------------------
    def _style(self, row: EnterpriseRow, column: int, role: int) -> Any:
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
        if role == USCC_CHECK_ROLE:
            return row.uscc_check
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
