"""The read-only list every pane shows: whole rows selected, no editing, alternating colours,
no row numbers, columns the person can widen, the last one stretched, sorted by a click on a
column's header where the model can sort."""

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

Selection = QAbstractItemView.SelectionMode


def list_table(model: QAbstractItemModel, name: str, widths: dict[int, int], *,
               selection: Selection = Selection.SingleSelection) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in widths.items():
        table.setColumnWidth(column, width)
    if hasattr(model, "sortable"):
        sort_by_header(table, model)
    return table


def sort_by_header(table: QTableView, model: QAbstractItemModel) -> None:
    """A click on a column's header sorts by it (the model's `sort`), a second click the other
    way, a third back to the list's own order; the header shows the arrow. Columns the model
    cannot sort by (`sortable`) keep the arrow where it was."""
    header = table.horizontalHeader()
    header.setSectionsClickable(True)
    header.setSortIndicatorShown(True)
    header.setSortIndicatorClearable(True)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    shown = [-1, Qt.SortOrder.AscendingOrder]

    def clicked(column: int, order: Qt.SortOrder) -> None:
        if column >= 0 and not model.sortable(column):
            header.blockSignals(True)
            header.setSortIndicator(shown[0], shown[1])
            header.blockSignals(False)
            return
        shown[:] = [column, order]
        if not table.isSortingEnabled():  # else the view sorts (QTableView.sortByColumn)
            model.sort(column, order)

    header.sortIndicatorChanged.connect(clicked)
