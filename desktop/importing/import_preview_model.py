"""The rows of an import's verdict, as the import dialog lists them: the row's number in the
file, its verdict, the firm as read, what changes or why it is refused, and for a row waiting
for a decision a box to tick (ticked: the person confirms it, and the row is imported).

The verdict filter lives here, as the indices of the rows shown: a file of 100,000 rows is
filtered by one pass over a list, with no proxy model over everything. The texts of a row are
made when the row is first painted, and kept.
"""

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from db.importing.verdicts import Decision, ImportReport, RowVerdict, Verdict
from desktop.importing.import_words import decision_text, row_text, verdict_text

Index = QModelIndex | QPersistentModelIndex

COL_ROW, COL_VERDICT, COL_FIRM, COL_DETAIL, COL_DECISION = range(5)
VERDICT_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's Verdict
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the RowVerdict itself
_COLOURS = {Verdict.REFUSED: QColor("#c62828"), Verdict.DECISION: QColor("#8a5300"),
            Verdict.KEPT: QColor("#555555")}


class ImportPreviewTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = (self.tr("Row"), self.tr("Verdict"), self.tr("Firm"),
                         self.tr("What changes / why"), self.tr("Decision"))
        self.report: ImportReport | None = None
        self._shown: list[int] = []  # indices into report.rows, in the file's order
        self._filter: Verdict | None = None
        self._ticked: set[int] = set()  # indices of the waiting rows the person confirmed
        self._texts: dict[int, str] = {}

    # --- what the dialog says -----------------------------------------------------------
    def set_report(self, report: ImportReport | None) -> None:
        """A new verdict (None: nothing checked yet); the filter stays, the ticks go."""
        self.beginResetModel()
        self.report = report
        self._ticked.clear()
        self._texts.clear()
        self._shown = self._matching()
        self.endResetModel()

    def set_filter(self, verdict: Verdict | None) -> None:
        self.beginResetModel()
        self._filter = verdict
        self._shown = self._matching()
        self.endResetModel()

    def tick_shown(self) -> int:
        """Ticks every waiting row shown; returns how many were ticked now."""
        waiting = [i for i in self._shown if self._waits(i) and i not in self._ticked]
        self._ticked.update(waiting)
        if waiting and self._shown:
            self.dataChanged.emit(self.index(0, COL_DECISION),
                                  self.index(len(self._shown) - 1, COL_DECISION),
                                  [Qt.ItemDataRole.CheckStateRole])
        return len(waiting)

    # --- what the dialog asks -----------------------------------------------------------
    @property
    def filter(self) -> Verdict | None:
        return self._filter

    def waiting(self, *, shown_only: bool = False) -> int:
        """Rows waiting for a decision not ticked yet (of those shown)."""
        if self.report is None:
            return 0
        indices = self._shown if shown_only else range(len(self.report.rows))
        return sum(1 for i in indices if self._waits(i) and i not in self._ticked)

    def accepted(self) -> list[tuple[int, Decision]]:
        """The decisions made: (row number, decision) for each ticked row."""
        if self.report is None:
            return []
        rows = self.report.rows
        return [(rows[i].row, decision) for i in sorted(self._ticked) for decision in rows[i].decisions]

    def may_import(self) -> bool:
        """Nothing refused, every decision ticked, and something to write."""
        report = self.report
        if report is None or report.count(Verdict.REFUSED) or self.waiting():
            return False
        return report.changes_anything or bool(self._ticked)

    def verdict_row(self, row: int) -> RowVerdict:
        return self.report.rows[self._shown[row]]

    def detail(self, row: int) -> str:
        return self._text(self._shown[row])

    # --- Qt's model ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt's name)
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt's name)
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt's name)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_DECISION and self._waits(self._shown[index.row()]):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        at = self._shown[index.row()]
        row = self.report.rows[at]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(at, row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_FIRM, COL_DETAIL, COL_DECISION):
            return self._display(at, row, column) or None
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_DECISION and self._waits(at):
            return Qt.CheckState.Checked if at in self._ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_VERDICT:
            return _COLOURS.get(row.verdict)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == VERDICT_ROLE:
            return row.verdict
        if role == ROW_ROLE:
            return row
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or index.column() != COL_DECISION:
            return False
        at = self._shown[index.row()]
        if not self._waits(at):
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._ticked.add(at)
        else:
            self._ticked.discard(at)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    # --- inside -------------------------------------------------------------------------
    def _matching(self) -> list[int]:
        if self.report is None:
            return []
        if self._filter is None:
            return list(range(len(self.report.rows)))
        return [i for i, row in enumerate(self.report.rows) if row.verdict is self._filter]

    def _waits(self, at: int) -> bool:
        return self.report.rows[at].verdict is Verdict.DECISION

    def _text(self, at: int) -> str:
        if at not in self._texts:
            self._texts[at] = row_text(self.report.rows[at])
        return self._texts[at]

    def _display(self, at: int, row: RowVerdict, column: int) -> str:
        if column == COL_ROW:
            return f"{row.sheet}: {row.row}" if row.sheet else str(row.row)
        if column == COL_VERDICT:
            return verdict_text(row.verdict)
        if column == COL_FIRM:
            return row.label
        if column == COL_DETAIL:
            return self._text(at)
        if column == COL_DECISION:
            return "; ".join(decision_text(d) for d in row.decisions)
        return ""
