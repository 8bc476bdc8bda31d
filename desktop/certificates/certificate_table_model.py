"""The certificates list as a lazy Qt model (desktop/widgets/paged_model.py): pages of 200, newest
first, then the count of everything the filter shows. Also how certificate kinds and statuses
read on screen (the issue dialog and the verification pane name them the same way)."""

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from db.money import format_fen
from db.queries.certificates import (
    CertificateFilter,
    CertificateRow,
    certificate_page,
    count_certificates,
)
from desktop.context import AppContext
from desktop.widgets.labels import CERTIFICATE_KINDS as KINDS
from desktop.widgets.labels import CERTIFICATE_STATUSES as STATUSES
from desktop.widgets.labels import certificate_label
from desktop.widgets.paged_model import CountedTableModel
from desktop.widgets.rows_model import RIGHT

(COL_SERIAL, COL_KIND, COL_FIRM, COL_USCC, COL_ZONE, COL_AMOUNT, COL_ISSUED_ON, COL_ISSUED_BY,
 COL_STATUS, COL_PRINTS) = range(10)

ROW_ROLE = CountedTableModel.ROW_ROLE  # the whole CertificateRow
ID_ROLE = CountedTableModel.ID_ROLE  # the certificate's id

_REVOKED = QColor("#c62828")


class CertificateTableModel(CountedTableModel[CertificateRow, CertificateFilter]):
    page_query, count_query = certificate_page, count_certificates

    def __init__(self, context: AppContext, parent: Any = None) -> None:
        super().__init__(context, CertificateFilter(), parent)
        self._headers = (self.tr("Serial"), self.tr("Kind"), self.tr("Firm"), self.tr("Credit code"),
                         self.tr("Zone"), self.tr("Amount (yuan)"), self.tr("Issued on"),
                         self.tr("Issued by"), self.tr("Status"), self.tr("Prints"))

    # --- what the view asks -------------------------------------------------------------
    def row_of(self, certificate_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == certificate_id), -1)

    def _style(self, row: CertificateRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_AMOUNT, COL_PRINTS):
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and row.status == "revoked":
            return _REVOKED if column == COL_STATUS else QColor("#767676")
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.status == "revoked":
                return self.tr("Revoked: {reason}").format(reason=row.revoked_reason)
            if column == COL_PRINTS and row.print_count > 1:
                return self.tr("Printed {count} times: the original and {copies} copies").format(
                    count=row.print_count, copies=row.print_count - 1)
        return None

    def _text(self, row: CertificateRow, column: int) -> str:
        if column == COL_KIND:
            return certificate_label(KINDS, row.kind)
        if column == COL_AMOUNT:
            return "" if row.amount_fen is None else format_fen(row.amount_fen)
        if column == COL_ISSUED_ON:
            return row.issued_on.isoformat()
        if column == COL_STATUS:
            return certificate_label(STATUSES, row.status)
        if column == COL_PRINTS:
            return str(row.print_count)
        return {COL_SERIAL: row.serial, COL_FIRM: row.firm_name, COL_USCC: row.uscc,
                COL_ZONE: row.zone_code, COL_ISSUED_BY: row.issued_by}.get(column, "")
