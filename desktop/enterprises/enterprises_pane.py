"""The Enterprises pane: find a firm as you type, narrow the list by zone, sector, little-giant
level and status, open a firm (Enter or double-click) or register a new one (Ctrl+N)."""

from collections.abc import Callable

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QWidget,
)

from db.access import Action
from db.export.firms import firms_table
from db.export.table import ExportTable
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
from desktop.widgets.labels import COMMON, GIANT_LEVELS, STATUSES, label
from desktop.widgets.list_pane import ListPane

_WIDTHS = {COL_NAME: 230, COL_USCC: 175, COL_ZONE: 150, COL_SECTOR: 100, COL_SIZE: 60,
           COL_GIANT: 130, COL_STATUS: 70, COL_CONTACT: 70}


# the export's column of each of the list's columns (db/export/firms.py)
_EXPORT_KEYS = ("name", "uscc", "zone", "sector", "size_class", "giant_level", "firm_status",
                "contact_name", "contact_phone")


class EnterprisesPane(ListPane):
    DEBOUNCE_MS = 120
    REFRESH_ON = ("enterprise", "zone")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, EnterpriseTableModel(context), table="enterprises", widths=_WIDTHS,
                         parent=parent)
        self.title.setText(self.tr("Enterprises"))
        self.references: References | None = None
        self.dialog: EnterpriseDialog | None = None
        self.import_dialog: QDialog | None = None  # the import window, while open
        self._waiting_for_references: list[Callable[[], None]] = []
        self._wanted_id: int | None = None  # select this firm when the list has it
        self.may_create = context.actor.may(Action.ENTERPRISE_CREATE)
        self.new_button = self.add_action(
            self.tr("New firm…"), "new_firm", self.new_enterprise, allowed=self.may_create,
            tooltip=QKeySequence(QKeySequence.StandardKey.New).toString(QKeySequence.SequenceFormat.NativeText))
        self.import_button = self.add_action(
            self.tr("Import…"), "import_firms", self.import_firms, allowed=self.may_create,
            tooltip=self.tr("Firms and their tenancies from an Excel, WPS or CSV file"))
        self.add_search("search", self.tr("Search by name, credit code or contact (Ctrl+F)"))
        self.zone_filter = self.add_combo("zone_filter", self.tr("All zones"))
        self.sector_filter = self.add_combo("sector_filter", self.tr("All sectors"))
        self.level_filter = self.add_combo("level_filter", self.tr("Any little-giant level"),
                                           [(label(GIANT_LEVELS, c), c) for c in GIANT_LEVELS])
        self.status_filter = self.add_combo("status_filter", label(COMMON, "any_status"),
                                            [(label(STATUSES, c), c) for c in STATUSES])
        self.model.count_changed.connect(self._show_count)
        self.model.page_loaded.connect(self._select_wanted)
        self.shortcut(QKeySequence.StandardKey.New, self.new_enterprise)
        self.add_export(self._export_source, _EXPORT_KEYS, self.tr("firms"))
        self.assemble()
        self._load_references()
        self.apply_filter()

    # --- the list -----------------------------------------------------------------------
    def current_filter(self) -> EnterpriseFilter:
        return EnterpriseFilter(
            text=self.search.text().strip(), zone_id=self.zone_filter.currentData(),
            sector_code=self.sector_filter.currentData(), giant_level=self.level_filter.currentData(),
            status=self.status_filter.currentData())

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self.current_filter())

    def _export_source(self) -> Callable[[], ExportTable]:
        db, actor, flt, sort = self.context.db, self.context.actor, self.model.filter, self.model.sorting
        return lambda: firms_table(db, actor=actor, flt=flt, sort=sort)

    def refresh(self) -> None:
        self._wanted_id = self._wanted_id or self.current_id()
        self.model.refresh()

    def _show_count(self, count: int | None) -> None:
        if count is None:
            self.count_label.setText(self.tr("Searching…"))
        elif count == 0:
            self.count_label.setText(self.tr("No firm matches."))
        elif count == 1:
            self.count_label.setText(self.tr("1 firm"))
        else:
            self.count_label.setText(self.tr("{count} firms").format(count=QLocale().toString(count)))

    def changed(self, kind: str, id_: object) -> None:
        if kind == "zone":
            self._load_references()
        if kind in self.REFRESH_ON:  # at once, even hidden: a firm just saved is selected
            self.refresh()

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def _select_wanted(self) -> None:
        row = None if self._wanted_id is None else self.model.row_of(self._wanted_id)
        if row is not None:
            self._wanted_id = None
            self.table.setCurrentIndex(self.model.index(row, COL_NAME))
            self.table.scrollTo(self.model.index(row, COL_NAME))

    # --- reference lists for the filters and the dialogs ---------------------------------
    def _load_references(self) -> None:
        db, actor = self.context.db, self.context.actor
        self.context.runner.run(lambda _task: load_references(db, actor),
                                on_success=self._references_loaded, parent=self)

    def _references_loaded(self, references: References) -> None:
        self.references = references
        self.refill(self.zone_filter, [(zone_text(z), z.id) for z in references.my_zones])
        self.refill(self.sector_filter, [(choice_text(s), s.code) for s in references.sectors])
        waiting, self._waiting_for_references = self._waiting_for_references, []
        for action in waiting:
            action()

    def _when_references(self, action: Callable[[], None]) -> None:
        if self.references is None:
            self._waiting_for_references.append(action)
        else:
            action()

    # --- opening firms ------------------------------------------------------------------
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

    def import_firms(self) -> None:
        if self.may_create:
            # imported when asked: the file readers are not loaded at start
            from desktop.importing.import_dialog import open_import_dialog
            self.import_dialog = open_import_dialog(self, self.context, "firms")
            self.import_dialog.finished.connect(lambda _result: setattr(self, "import_dialog", None))

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
