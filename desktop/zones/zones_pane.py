"""The Zones pane: the 55 industrial zones, filtered as you type; administrators edit them."""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QPushButton,
    QWidget,
)

from db.access import Action
from db.export.short_lists import zones_table
from db.export.table import ExportTable
from db.queries.reference import Choice, ZoneRow, districts, zones
from desktop.context import AppContext
from desktop.widgets.labels import is_chinese
from desktop.widgets.list_pane import ListPane
from desktop.widgets.short_list_model import ShortListModel
from desktop.zones.zone_dialog import ZoneDialog

PROVISIONAL_COLOUR = QColor("#b35c00")


# the export's column of each of the list's columns (db/export)
_EXPORT_KEYS = ("code", "name", "district", "service_centre", "phone", "firms", "zone_state")


class ZoneTableModel(ShortListModel[ZoneRow]):
    """All zones; `set_filter` keeps those whose code, names, district, centre or phone match."""

    COL_CODE, COL_NAME, COL_DISTRICT, COL_CENTRE, COL_PHONE, COL_FIRMS, COL_DETAILS = range(7)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__((self.tr("Code"), self.tr("Name"), self.tr("District"),
                          self.tr("Service centre"), self.tr("Phone"), self.tr("Firms"),
                          self.tr("Details")), parent)
        self._districts: dict[str, Choice] = {}
        self._sort = (self.COL_CODE, Qt.SortOrder.AscendingOrder)

    def set_rows(self, rows: list[ZoneRow], district_choices: list[Choice]) -> None:  # type: ignore[override]
        self._districts = {d.code: d for d in district_choices}
        super().set_rows(rows)

    def _words(self, zone: ZoneRow) -> tuple[str, ...]:
        district = self._districts.get(zone.district_code)
        return (zone.code, zone.name, zone.name_en, zone.district_name,
                district.name_en if district else "", zone.service_centre, zone.phone, zone.address)

    def _name(self, zone: ZoneRow) -> str:
        return zone.name if is_chinese() or not zone.name_en else zone.name_en

    def _district(self, zone: ZoneRow) -> str:
        district = self._districts.get(zone.district_code)
        if district is None or is_chinese() or not district.name_en:
            return zone.district_name
        return district.name_en

    def _details(self, zone: ZoneRow) -> str:
        if not zone.active:
            return self.tr("Inactive")
        return self.tr("To be confirmed") if zone.provisional else self.tr("Confirmed")

    def _sort_key(self, zone: ZoneRow, column: int) -> object:
        return {self.COL_CODE: zone.code, self.COL_NAME: self._name(zone),
                self.COL_DISTRICT: zone.district_code, self.COL_CENTRE: zone.service_centre,
                self.COL_PHONE: zone.phone, self.COL_FIRMS: -1 if zone.firms is None else zone.firms,
                self.COL_DETAILS: (not zone.provisional, zone.code)}.get(column, zone.code)

    def _order(self, rows: list[ZoneRow]) -> None:
        column, order = self._sort
        rows.sort(key=lambda z: self._sort_key(z, column), reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._order(self._rows)
        self.layoutChanged.emit()

    def _text(self, zone: ZoneRow, column: int) -> str:
        return (zone.code, self._name(zone), self._district(zone), zone.service_centre,
                zone.phone, "" if zone.firms is None else f"{zone.firms:,}", self._details(zone))[column]

    def _style(self, zone: ZoneRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_FIRMS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_DETAILS and zone.provisional:
            return QBrush(PROVISIONAL_COLOUR)
        if role == Qt.ItemDataRole.FontRole and column == self.COL_DETAILS and zone.provisional:
            bold = QFont()
            bold.setBold(True)
            return bold
        if role == Qt.ItemDataRole.ToolTipRole and zone.provisional:
            return self.tr("The name and details of this zone are placeholders that an "
                           "administrator has not yet confirmed.")
        return None


class ZonesPane(ListPane):
    """Everyone reads the zones; an administrator opens one with Edit, Enter or a double-click."""

    REFRESH_ON = ("zone", "enterprise", "tenancy")  # firm counts change with firms

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, ZoneTableModel(), table="zone_table", fit_contents=True,
                         stretch=ZoneTableModel.COL_NAME, count_name="zone_count", parent=parent)
        self.title.setText(self.tr("Zones"))
        self.may_edit = context.actor.may(Action.ZONE_EDIT)
        self._districts: list[Choice] = []
        self.zone_dialog: ZoneDialog | None = None
        self.filter = self.add_search("zone_filter", self.tr("Filter by code, name, district, centre or phone"),
                                      1, live=True)
        self.count = self.count_label
        self.edit_button: QPushButton | None = None
        if self.may_edit:  # others are not shown the button; db/ refuses them anyway
            self.edit_button = self.add_action(self.tr("Edit…"), "zone_edit", self.edit_selected)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ZoneTableModel.COL_CODE, Qt.SortOrder.AscendingOrder)
        self.add_export(self._export_source, _EXPORT_KEYS, self.tr("zones"))
        self.assemble()
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()
        self.reload()

    def refresh(self) -> None:
        self.reload()

    def open_current(self) -> None:
        self.edit_selected()

    def reload(self) -> None:
        db, actor = self.context.db, self.context.actor
        self.context.runner.run(lambda _task: (zones(db, actor=actor), districts(db)),
                                on_success=self._loaded, parent=self)

    def _loaded(self, result: tuple[list[ZoneRow], list[Choice]]) -> None:
        rows, self._districts = result
        self.keeping_selection(lambda: self.model.set_rows(rows, self._districts))

    def _export_source(self) -> Callable[[], ExportTable]:
        """What Export… writes: the rows shown (db/export reads them with the list's scope)."""
        db, actor = self.context.db, self.context.actor
        shown = [row.id for row in self.model.shown()]
        return lambda: zones_table(db, actor=actor, ids=shown)

    def apply_filter(self) -> None:
        self.keeping_selection(lambda: self.model.set_filter(self.filter.text()))

    def list_changed(self) -> None:
        self._update_buttons()
        shown, total = self.model.rowCount(), self.model.total()
        self.show_count(self.tr("%n zone(s)", "", total) if shown == total
                        else self.tr("{shown} of {total} zones").format(shown=shown, total=total))

    def _update_buttons(self) -> None:
        if self.edit_button is not None:
            self.edit_button.setEnabled(self.selected_zone() is not None)

    def selected_zone(self) -> ZoneRow | None:
        return self.selected_row()

    def select_zone(self, zone_id: int) -> None:
        self.select_ids([zone_id])

    def edit_selected(self) -> None:
        zone = self.selected_zone()
        if not self.may_edit or zone is None:
            return
        self.zone_dialog = ZoneDialog(self.context, zone, self._districts, self)
        self.zone_dialog.finished.connect(self._dialog_closed)
        self.zone_dialog.open()

    def _dialog_closed(self) -> None:
        if self.zone_dialog is not None:
            self.zone_dialog.deleteLater()
            self.zone_dialog = None
