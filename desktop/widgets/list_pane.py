"""The list pane, composed once: what the enterprises, ledger, certificates, awards, approvals,
staff and zones panes share.

    heading    the title, the count, the pane's main actions
    filters    a search box filtered as you type (Ctrl+F goes there, ↓ or Enter into the list),
               combos that filter at once, any other field the pane adds
    the list   read-only rows over the pane's model (desktop/widgets/list_table.py)
    below      a status line and the actions on the selected rows

Enter or a double-click on a row opens it. A pane declares its title, model, columns, filters
and actions, then calls `assemble()`, which lays them out in that order (so that Tab follows
the eye: actions, search, filters, the list, the actions below). It says how it reads its
filter (`apply_filter`), opens a row (`open_current`) and refreshes (`refresh`, for the change
kinds in `REFRESH_ON`: at once while it is shown, when next shown otherwise). Nothing here
reads the database.
"""

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.export.table import ExportTable
from db.queries.enterprises import SEARCH_CHARACTERS
from desktop.context import AppContext
from desktop.widgets.list_export import export_list
from desktop.widgets.list_table import Selection, list_table
from desktop.widgets.rows_model import RowsTableModel

Keys = QKeySequence | QKeySequence.StandardKey | str


class ListPane(QWidget):
    REFRESH_ON: tuple[str, ...] = ()  # change kinds (context.bus) that concern the list
    DEBOUNCE_MS = 200  # typing in the search box filters once the typing pauses this long

    def __init__(self, context: AppContext, model: QAbstractItemModel, *,
                 table: str, widths: dict[int, int] | None = None, stretch: int | None = None,
                 fit_contents: bool = False, selection: Selection = Selection.SingleSelection,
                 count_name: str = "count", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = model
        model.setParent(self)
        self.search: QLineEdit | None = None
        self._stale = False
        self.title = QLabel()  # the pane says it: self.title.setText(self.tr(...))
        self.title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.count_label = QLabel()
        self.count_label.setObjectName(count_name)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.table = list_table(model, table, widths or {}, selection=selection)
        header = self.table.horizontalHeader()
        if fit_contents:
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if stretch is not None:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.heading, self.filters, self.below = QHBoxLayout(), QHBoxLayout(), QHBoxLayout()
        self.filter_rows = QVBoxLayout()  # the filter bar, and any row a pane adds under it
        self.filter_rows.addLayout(self.filters)
        self.heading.addWidget(self.title)
        self.heading.addStretch(1)
        self.heading.addWidget(self.count_label)
        self.heading.addSpacing(12)
        self.below.addWidget(self.status, 1)
        self.body = QVBoxLayout()  # the list, or what a pane puts around it
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.table, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(self.DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.shortcut(QKeySequence.StandardKey.Find, self.focus_search)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.shortcut(QKeySequence(key), self.open_current, self.table, Qt.ShortcutContext.WidgetShortcut)
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        context.bus.changed.connect(self.changed)

    # --- what a pane declares -----------------------------------------------------------
    def assemble(self) -> None:
        """Lays the pane out, once everything is declared: widgets join the focus chain as
        they are placed, so this places them in the order they are seen."""
        layout = QVBoxLayout(self)
        layout.addLayout(self.heading)
        layout.addLayout(self.filter_rows)
        layout.addLayout(self.body, 1)
        layout.addLayout(self.below)

    def add_search(self, name: str, placeholder: str, stretch: int = 3, *, live: bool = False) -> QLineEdit:
        """The search box: filtered as you type, once the typing pauses (the database's lists),
        or at each keystroke (`live`: a short list held in memory)."""
        self.search = QLineEdit()
        self.search.setObjectName(name)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(placeholder)
        self.search.setMaxLength(SEARCH_CHARACTERS)  # beyond, db/ would narrow nothing further
        if live:
            self.search.textChanged.connect(lambda _text: self.apply_filter())
        else:
            self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self.focus_list)
        self.shortcut(QKeySequence(Qt.Key.Key_Down), self.focus_list, self.search,
                      Qt.ShortcutContext.WidgetShortcut)
        self.filters.addWidget(self.search, stretch)
        return self.search

    def add_combo(self, name: str, everything: str, items: Iterable[tuple[str, object]] = (),
                  stretch: int = 1, on_change: Callable[[], object] | None = None) -> QComboBox:
        """A filter of choices, the first meaning 'any'; it filters as soon as it changes
        (`apply_filter`, or `on_change`)."""
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(everything, None)
        for text, data in items:
            combo.addItem(text, data)
        react = on_change or self.apply_filter
        combo.currentIndexChanged.connect(lambda _index: react())
        self.filters.addWidget(combo, stretch)
        return combo

    def add_action(self, text: str, name: str, slot: Callable[[], object], *, allowed: bool = True,
                   below: bool = False, tooltip: str = "") -> QPushButton:
        """A button in the heading (or below the list), shown only to a role that may use it:
        db/ refuses the others anyway."""
        button = QPushButton(text)
        button.setObjectName(name)
        button.setVisible(allowed)
        if tooltip:
            button.setToolTip(tooltip)
        button.clicked.connect(lambda _checked=False: slot())
        (self.below if below else self.heading).addWidget(button)
        return button

    def add_export(self, source: Callable[[], Callable[[], ExportTable]], keys: Sequence[str | None],
                   suggested: str) -> QPushButton:
        """Export…: the list as shown (its filter, the columns shown, in their order) to XLSX or
        CSV. `source()`, asked at the click, captures the filter and returns what reads the
        table on the database thread; `keys`: the table's column key of each model column."""
        return self.add_action(self.tr("Export…"), "export", lambda: export_list(
            self, self.context, self.table.horizontalHeader(), keys, source(), suggested, self.exported))

    def exported(self, rows: int, path: Path) -> None:
        self.status.setText(self.tr("%n row(s) written to {file}.", "", rows).format(file=str(path)))

    def shortcut(self, keys: Keys, slot: Callable[[], object], widget: QWidget | None = None,
                 context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut) -> QShortcut:
        """A key for `slot`: anywhere in the window while the pane is shown (a hidden pane's keys
        are dead), or only in `widget` with WidgetShortcut."""
        shortcut = QShortcut(QKeySequence(keys), widget or self)
        shortcut.setContext(context)
        shortcut.activated.connect(slot)
        return shortcut

    @staticmethod
    def refill(combo: QComboBox, items: Iterable[tuple[str, object]]) -> None:
        """New choices after the first ('any'), keeping the one chosen if it is still there;
        the list is not asked again."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
        combo.blockSignals(False)

    # --- what a pane says ---------------------------------------------------------------
    def apply_filter(self) -> None:
        """Reads the filter bar and asks the model for what it says."""
        raise NotImplementedError

    def open_current(self) -> None:
        """Enter or a double-click on a row (nothing unless the pane opens rows)."""

    def refresh(self) -> None:
        """The list again, after a change elsewhere (nothing unless the pane says)."""

    def changed(self, kind: str, _id: object) -> None:
        """A change of `kind` was saved somewhere in the program."""
        if kind not in self.REFRESH_ON:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True  # nobody looks meanwhile: refreshed when shown again

    # --- what the pane does for the person ----------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def focus_search(self) -> None:
        if self.search is not None:
            self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.search.selectAll()

    def focus_list(self) -> None:
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def selected_rows(self, role: int = RowsTableModel.ROW_ROLE) -> list[object]:
        """`role`'s value of each selected row (the row itself by default), in the list's order."""
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda index: index.row())
        return [index.data(role) for index in rows]

    def selected_row(self) -> object | None:
        """The (first) selected row, or None."""
        rows = self.selected_rows()
        return rows[0] if rows else None

    def select_ids(self, ids: Iterable[int]) -> None:
        """Selects the rows of these ids that the list shows (the model's `row_of`)."""
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for n, row in enumerate(r for r in (self.model.row_of(i) for i in ids) if r is not None and r >= 0):
            if n == 0:
                self.table.selectRow(row)
            else:
                self.table.selectionModel().select(self.model.index(row, 0), flags)

    def keeping_selection(self, change: Callable[[], object]) -> None:
        """Changes what the list shows (new rows, another filter), selects again what was
        selected where it still shows, then says so (`list_changed`)."""
        chosen = [row.id for row in self.selected_rows()]
        change()
        self.select_ids(chosen)
        self.list_changed()

    def list_changed(self) -> None:
        """The rows shown or selected changed (a count, buttons to enable): the pane says."""

    def show_count(self, text: str) -> None:
        self.count_label.setText(text)
