"""Find a firm in the bill sheet (Ctrl+F): a bar above the grid that goes to the first firm whose
name, credit code or pinyin (initials "shdf" or the whole reading) holds what is typed, and
selects its row; Enter or F3 goes to the next one, Shift+Enter or Shift+F3 to the previous one,
Escape closes the bar and puts the cursor back into the grid. Every space-separated word must
match. Searched in memory: a sheet holds at most a zone's firms.
"""

import unicodedata

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from db.queries.bill_sheet import BillSheet
from db.search import pinyin
from desktop.bill_sheet.bill_sheet_view import BillSheetView

NO_MATCH_STYLE = "color: #a61b1b;"


def _folded(text: str) -> str:
    """Lower case, full-width letters and digits as ASCII, no spaces or punctuation."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if ch.isalnum())


class FirmFinder(QWidget):
    def __init__(self, view: BillSheetView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self._keys: tuple[BillSheet, list[tuple[str, ...]]] | None = None  # (the sheet, keys by row)
        self.query = QLineEdit()
        self.query.setObjectName("bill_find")
        self.query.setPlaceholderText(self.tr("Find a firm: name, credit code or pinyin initials"))
        self.query.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setObjectName("bill_find_count")
        self.previous_button = QPushButton(self.tr("Previous"))
        self.previous_button.setToolTip(self.tr("Shift+F3"))
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.setToolTip(self.tr("F3 or Enter"))
        close = QPushButton(self.tr("Close"))
        close.setToolTip(self.tr("Esc"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.query, 1)
        for widget in (self.count, self.previous_button, self.next_button, close):
            layout.addWidget(widget)
        self.query.textChanged.connect(lambda _text: self.find(0))
        self.query.returnPressed.connect(lambda: self.find(1))
        self.previous_button.clicked.connect(lambda: self.find(-1))
        self.next_button.clicked.connect(lambda: self.find(1))
        close.clicked.connect(self.close_bar)
        self.query.installEventFilter(self)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.query.setFocus()
        self.query.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.view.setFocus()

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802
        if watched is self.query and isinstance(event, QKeyEvent) and event.type() == event.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                    and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.find(-1)
                return True
        return super().eventFilter(watched, event)

    def matches(self, text: str) -> list[int]:
        """The rows whose firm matches every word of `text`, in sheet order."""
        words = [w for w in (_folded(part) for part in text.split()) if w]
        if not words:
            return []
        return [number for number, keys in enumerate(self._row_keys())
                if all(any(word in key for key in keys) for word in words)]

    def find(self, step: int) -> None:
        """0: the first match from the current row on (as the text is typed); 1: the next match
        after it; -1: the one before it. Past the last, it starts again at the top."""
        text = self.query.text()
        found = self.matches(text)
        self.count.setStyleSheet("" if found or not text.strip() else NO_MATCH_STYLE)
        if not found:
            self.count.setText(self.tr("No firm matches “{text}”.").format(text=text.strip())
                               if text.strip() else "")
            return
        current = max(self.view.currentIndex().row(), 0)
        if step < 0:
            row = next((r for r in reversed(found) if r < current), found[-1])
        else:
            row = next((r for r in found if r >= current + step), found[0])
        self.count.setText(self.tr("{number} of {count}").format(number=found.index(row) + 1, count=len(found)))
        self._go_to(row)

    def _go_to(self, row: int) -> None:
        view = self.view
        column = max(view.currentIndex().column(), 0)
        index = view.model().index(row, column)
        view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        view.scrollTo(index, view.ScrollHint.PositionAtCenter)

    def _row_keys(self) -> list[tuple[str, ...]]:
        """Per row: the name, the credit code, the pinyin initials and reading (read once a sheet)."""
        sheet: BillSheet | None = self.view.model().sheet
        if sheet is None:
            return []
        if self._keys is None or self._keys[0] is not sheet:
            self._keys = (sheet, [(_folded(row.name), _folded(row.uscc), *pinyin(row.name))
                                      for row in sheet.rows])
        return self._keys[1]
