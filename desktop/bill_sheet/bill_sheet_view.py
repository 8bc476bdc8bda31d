"""The bill sheet's grid, for typing without the mouse, the way a spreadsheet works:

- typing on a cell starts editing it (what was there is replaced); F2 or a double-click edits it;
- arrows move anywhere (the subsidies and totals can be read); Tab and Shift+Tab move to the next
  or previous cell that can be typed in, from one firm's row to the next;
- Enter commits the cell and moves down a row (Shift+Enter: up). After Tab, Tab, Enter it goes to
  the next row's cell where the tabbing started, as in Excel: amount Tab quantity Tab number
  Enter lands on the next firm's amount;
- Delete (or Backspace) clears the selected cells; a saved draft cleared is deleted at the save;
- Shift+Space selects the current row (for "submit the selected rows");
- Ctrl+C copies the selected cells, Ctrl+V pastes a block copied from a spreadsheet
  (bill_sheet_clipboard.py); the pane is told what was pasted (`pasted`);
- every column is as wide as the widest text it holds, in any row, and grows as wider amounts
  are typed: an amount never shows cut off with "…";
- what is typed is committed whenever the cell is left: Enter, Tab, arrows, a click elsewhere,
  saving or submitting (`commit_editor`).
"""

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktop.bill_sheet.bill_sheet_clipboard import PasteOutcome, copy_text, paste_block, read_block
from desktop.bill_sheet.bill_sheet_model import BillSheetModel, cell_at

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_WIDTHS = {"amount": 100, "quantity": 100, "reference": 95, "subsidy": 125, "total": 110}


class _CellDelegate(QStyledItemDelegate):
    """Each keystroke in a cell's editor is shown to the model (the subsidy follows the typing);
    Escape puts back what the cell held. Enter commits and asks the view to move (Qt's own
    delegate commits later and lets the key through, so the view cannot tell Enter from an arrow)."""

    entered = Signal(bool)  # up (Shift+Enter)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._before: tuple[QPersistentModelIndex, str | None] | None = None  # for Escape

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:  # noqa: N802
        editor = super().createEditor(parent, option, index)
        model = index.model()
        if isinstance(editor, QLineEdit) and isinstance(model, BillSheetModel):
            if index.data(Qt.ItemDataRole.TextAlignmentRole):
                editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            where = QPersistentModelIndex(index)
            self._before = (where, model.typed_text(index))
            editor.textEdited.connect(lambda text: model.preview(where, text) if where.isValid() else None)
        return editor

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape and self._before:
            where, before = self._before
            if where.isValid():
                where.model().preview(where, before)
        if event.type() == QEvent.Type.KeyPress and event.key() in _ENTER:
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                self.entered.emit(modifiers == Qt.KeyboardModifier.ShiftModifier)
                return True
        return super().eventFilter(editor, event)


class BillSheetView(QTableView):
    pasted = Signal(PasteOutcome)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tab_origin: int | None = None  # the column where a run of Tabs started
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setTabKeyNavigation(True)
        self._delegate = _CellDelegate(self)
        self._delegate.entered.connect(self._entered)  # a method: gone with the view
        self.setItemDelegate(self._delegate)
        self.setWordWrap(False)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 (Qt's name)
        super().setModel(model)
        if model is not None:
            model.modelReset.connect(self.size_columns)
            model.dataChanged.connect(self._widen)  # methods, not lambdas: Qt drops the
            # connection when the view is deleted, so a late signal never reaches a dead view

    def size_columns(self) -> None:
        """Each column as wide as its header, a floor, and the widest text of any row (Qt's own
        size hint reads only the rows in sight)."""
        header, model = self.horizontalHeader(), self.model()
        for column in range(model.columnCount()):
            cell = cell_at(column)
            header.resizeSection(column, max(_WIDTHS[cell[1] if cell else "total"],
                                             header.sectionSizeHint(column),
                                             self.text_width(column, range(model.rowCount()))))

    def text_width(self, column: int, rows: range) -> int:
        """What the column needs to show the texts of these rows whole: the widest, and the
        margins Qt's item delegate keeps on either side of a cell's text."""
        metrics, model = self.fontMetrics(), self.model()
        widest = max((metrics.horizontalAdvance(text) for row in rows
                      if (text := model.index(row, column).data())), default=0)
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        return widest + 2 * margin + 6  # the grid line, and a little air

    def _widen(self, first: QModelIndex, last: QModelIndex, _roles: object = ()) -> None:
        """A text grown wider than its column (a larger amount typed): the column grows."""
        header, rows = self.horizontalHeader(), range(first.row(), last.row() + 1)
        for column in range(first.column(), last.column() + 1):
            needed = self.text_width(column, rows)
            if needed > header.sectionSize(column):
                header.resizeSection(column, needed)

    # --- what the pane asks -------------------------------------------------------------
    def commit_editor(self) -> None:
        """Puts what the open editor holds into the model and closes it (before saving)."""
        editor = self.indexWidget(self.currentIndex()) if self.state() == self.State.EditingState else None
        if editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def reopen_editor(self, index: QModelIndex) -> None:
        """Edits `index` again with the cursor after its text (after the sheet was reloaded
        under a cell being typed in)."""
        if not index.isValid() or not index.flags() & Qt.ItemFlag.ItemIsEditable:
            return
        self.setCurrentIndex(index)
        self.edit(index)
        editor = self.indexWidget(index)
        if isinstance(editor, QLineEdit):
            editor.deselect()
            editor.end(False)

    def copy_cells(self) -> None:
        """The selected cells (else the current one) to the clipboard, as a spreadsheet reads them."""
        indexes = self.selectionModel().selectedIndexes() or [self.currentIndex()]
        QApplication.clipboard().setText(copy_text(indexes))

    def paste_cells(self) -> None:
        """The clipboard's block into the cells from the current one; the pasted cells are
        selected, and the pane told what happened."""
        start = self.currentIndex()
        outcome = paste_block(self.model(), start, read_block(QApplication.clipboard().text()))
        rows, columns = outcome.block
        if start.isValid() and rows and columns:
            model = self.model()
            last = model.index(min(start.row() + rows, model.rowCount()) - 1,
                               min(start.column() + columns, model.columnCount()) - 1)
            self.setCurrentIndex(start)
            self.selectionModel().select(QItemSelection(start, last),
                                         QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.pasted.emit(outcome)

    def selected_rows(self) -> list[int]:
        """The rows wholly selected (by their header or Shift+Space)."""
        return sorted(index.row() for index in self.selectionModel().selectedRows())

    # --- keys ---------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_cells()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_cells()
            return
        if event.key() in _ENTER and self.state() != self.State.EditingState and modifiers in (Qt.KeyboardModifier.NoModifier,
                                                   Qt.KeyboardModifier.ShiftModifier):
            self._move_after_enter(up=modifiers == Qt.KeyboardModifier.ShiftModifier)
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not modifiers \
                and self.state() != self.State.EditingState:
            for index in self.selectionModel().selectedIndexes() or [self.currentIndex()]:
                if index.flags() & Qt.ItemFlag.ItemIsEditable:
                    self.model().setData(index, "")
            return
        if event.key() == Qt.Key.Key_Space and modifiers == Qt.KeyboardModifier.ShiftModifier:
            current = self.currentIndex()
            if current.isValid():
                self.selectionModel().select(
                    current, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
            return
        super().keyPressEvent(event)

    def keyboardSearch(self, search: str) -> None:  # noqa: N802
        """Typing on a cell that cannot be typed in does nothing (Qt would jump to a cell whose
        text starts with the key: a surprise in the middle of a column of bills)."""

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._tab_origin = None
        super().mousePressEvent(event)

    def moveCursor(self, action: QAbstractItemView.CursorAction,  # noqa: N802
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        tabbing = action in (QAbstractItemView.CursorAction.MoveNext,
                             QAbstractItemView.CursorAction.MovePrevious)
        if not tabbing:
            self._tab_origin = None
            return super().moveCursor(action, modifiers)
        current = self.currentIndex()
        if self._tab_origin is None and current.isValid():
            self._tab_origin = current.column()
        return self._next_editable(current, 1 if action == QAbstractItemView.CursorAction.MoveNext else -1) \
            or super().moveCursor(action, modifiers)

    def _next_editable(self, current: QModelIndex, step: int) -> QModelIndex | None:
        model = self.model()
        rows, columns = model.rowCount(), model.columnCount()
        if not current.isValid() or not rows:
            return None
        position = current.row() * columns + current.column()
        for _ in range(rows * columns):
            position = (position + step) % (rows * columns)
            index = model.index(*divmod(position, columns))
            if index.flags() & Qt.ItemFlag.ItemIsEditable:
                return index
        return None

    def _entered(self, up: bool) -> None:
        self._move_after_enter(up=up)

    def _move_after_enter(self, *, up: bool) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        column = current.column() if self._tab_origin is None else self._tab_origin
        self._tab_origin = None
        row = current.row() + (-1 if up else 1)
        if 0 <= row < self.model().rowCount():
            self.setCurrentIndex(self.model().index(row, column))
