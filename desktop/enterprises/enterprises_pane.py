"""The Enterprises pane: find a firm as you type, narrow the list by zone, sector, little-giant
level and status, open a firm (Enter or double-click) or register a new one (Ctrl+N)."""

from collections.abc import Callable

from PySide6.QtCore import QLocale, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.access import Action
from db.queries.enterprises import EnterpriseFilter
from desktop.context import AppContext
from desktop.enterprises.enterprise_dialog import EnterpriseDialog
from desktop.enterprises.enterprise_table_model import (
    COL_CONTACT,
    COL_GIANT,
    COL_NAME,
    COL_SECTOR,
    COL_SIZE,
    COL_STATUS,
    COL_USCC,
    COL_ZONE,
    ID_ROLE,
    EnterpriseTableModel,
)
from desktop.widgets.form_fields import (
    References,
    choice_text,
    load_references,
    zone_text,
)
from desktop.widgets.labels import GIANT_LEVELS, STATUSES, label
from desktop.widgets.list_table import list_table

DEBOUNCE_MS = 120
_WIDTHS = {COL_NAME: 230, COL_USCC: 175, COL_ZONE: 150, COL_SECTOR: 100, COL_SIZE: 60,
           COL_GIANT: 130, COL_STATUS: 70, COL_CONTACT: 70}


class EnterprisesPane(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.references: References | None = None
        self.dialog: EnterpriseDialog | None = None
        self._waiting_for_references: list[Callable[[], None]] = []
        self._wanted_id: int | None = None  # select this firm when the list has it
        self.may_create = context.actor.may(Action.ENTERPRISE_CREATE)

        title = QLabel(self.tr("Enterprises"))
        title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.new_button = QPushButton(self.tr("New firm…"))
        self.new_button.setObjectName("new_firm")
        self.new_button.setToolTip(QKeySequence(QKeySequence.StandardKey.New).toString(
            QKeySequence.SequenceFormat.NativeText))
        self.new_button.setVisible(self.may_create)
        self.new_button.clicked.connect(self.new_enterprise)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search by name, credit code or contact (Ctrl+F)"))
        self.zone_filter = self._combo("zone_filter", self.tr("All zones"), [])
        self.sector_filter = self._combo("sector_filter", self.tr("All sectors"), [])
        self.level_filter = self._combo("level_filter", self.tr("Any little-giant level"),
                                        [(label(GIANT_LEVELS, c), c) for c in GIANT_LEVELS])
        self.status_filter = self._combo("status_filter", self.tr("Any status"),
                                         [(label(STATUSES, c), c) for c in STATUSES])
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        self.model = EnterpriseTableModel(context, self)
        self.table = list_table(self.model, "enterprises", _WIDTHS)
        self._layout(title)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self.focus_list)
        for combo in (self.zone_filter, self.sector_filter, self.level_filter, self.status_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.model.count_changed.connect(self._show_count)
        self.model.page_loaded.connect(self._select_wanted)
        self.table.doubleClicked.connect(self._open_index)
        self._shortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        self._shortcut(QKeySequence.StandardKey.New, self, self.new_enterprise)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._shortcut(QKeySequence(key), self.table, self.open_current, Qt.ShortcutContext.WidgetShortcut)
        self._shortcut(QKeySequence(Qt.Key.Key_Down), self.search, self.focus_list,
                       Qt.ShortcutContext.WidgetShortcut)
        context.bus.changed.connect(self._on_changed)
        self._load_references()
        self.apply_filter()

    def _combo(self, name: str, everything: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(everything, None)
        for text, data in items:
            combo.addItem(text, data)
        return combo

    def _shortcut(self, keys: QKeySequence | QKeySequence.StandardKey, widget: QWidget,
                  slot: Callable[[], None],
                  context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut) -> None:
        shortcut = QShortcut(QKeySequence(keys), widget)
        shortcut.setContext(context)
        shortcut.activated.connect(slot)

    def _layout(self, title: QLabel) -> None:
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.count_label)
        top.addSpacing(12)
        top.addWidget(self.new_button)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for combo in (self.zone_filter, self.sector_filter, self.level_filter, self.status_filter):
            filters.addWidget(combo, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

    # --- the list -----------------------------------------------------------------------
    def current_filter(self) -> EnterpriseFilter:
        return EnterpriseFilter(
            text=self.search.text().strip(), zone_id=self.zone_filter.currentData(),
            sector_code=self.sector_filter.currentData(), giant_level=self.level_filter.currentData(),
            status=self.status_filter.currentData())

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self.current_filter())

    def _show_count(self, count: int | None) -> None:
        if count is None:
            self.count_label.setText(self.tr("Searching…"))
        elif count == 0:
            self.count_label.setText(self.tr("No firm matches."))
        elif count == 1:
            self.count_label.setText(self.tr("1 firm"))
        else:
            self.count_label.setText(self.tr("{count} firms").format(count=QLocale().toString(count)))

    def _on_changed(self, kind: str, _id: object) -> None:
        if kind == "zone":
            self._load_references()
        if kind in ("enterprise", "zone"):
            self._wanted_id = self._wanted_id or self.current_id()
            self.model.refresh()

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def _select_wanted(self) -> None:
        row = None if self._wanted_id is None else self.model.row_of(self._wanted_id)
        if row is not None:
            self._wanted_id = None
            self.table.setCurrentIndex(self.model.index(row, COL_NAME))
            self.table.scrollTo(self.model.index(row, COL_NAME))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_list(self) -> None:
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, COL_NAME))
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- reference lists for the filters and the dialogs ---------------------------------
    def _load_references(self) -> None:
        db, actor = self.context.db, self.context.actor
        self.context.runner.run(lambda _task: load_references(db, actor),
                                on_success=self._references_loaded, parent=self)

    def _references_loaded(self, references: References) -> None:
        self.references = references
        self._refill(self.zone_filter, [(zone_text(z), z.id) for z in references.my_zones])
        self._refill(self.sector_filter, [(choice_text(s), s.code) for s in references.sectors])
        waiting, self._waiting_for_references = self._waiting_for_references, []
        for action in waiting:
            action()

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, object]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
        combo.blockSignals(False)

    def _when_references(self, action: Callable[[], None]) -> None:
        if self.references is None:
            self._waiting_for_references.append(action)
        else:
            action()

    # --- opening firms ------------------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_enterprise(index.data(ID_ROLE))

    def open_current(self) -> None:
        enterprise_id = self.current_id()
        if enterprise_id is not None:
            self.open_enterprise(enterprise_id)

    def open_enterprise(self, enterprise_id: int) -> None:
        self._when_references(lambda: self._show(
            EnterpriseDialog(self.context, self.references, enterprise_id, parent=self)))

    def new_enterprise(self) -> None:
        if self.may_create:
            self._when_references(lambda: self._show(
                EnterpriseDialog(self.context, self.references, None, parent=self)))

    def _show(self, dialog: EnterpriseDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda result, d=dialog: self._dialog_finished(d, result))
        dialog.open()

    def _dialog_finished(self, dialog: EnterpriseDialog, result: int) -> None:
        if result == QDialog.DialogCode.Accepted and dialog.new:
            self._wanted_id = dialog.enterprise_id
            self._select_wanted()
        if dialog is self.dialog:
            self.dialog = None
        dialog.deleteLater()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
