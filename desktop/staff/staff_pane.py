"""The Staff pane: administrators manage accounts; auditors read the list."""

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QPushButton,
    QWidget,
)

from db.access import Action
from db.clock import to_shanghai, utc_now
from db.export.short_lists import staff_table
from db.export.table import ExportTable
from db.queries.reference import ZoneRow, zones
from db.queries.staff import StaffRow, staff_list
from db.services.staff import set_active, unlock_staff
from desktop import modals
from desktop.context import AppContext
from desktop.staff.staff_dialog import ResetPasswordDialog, StaffDialog
from desktop.widgets.labels import COMMON, ROLES, label
from desktop.widgets.list_pane import ListPane
from desktop.widgets.short_list_model import ShortListModel

INACTIVE_COLOUR = QColor("#888888")
LOCKED_COLOUR = QColor("#c62828")


def locked_now(row: StaffRow, now: datetime | None = None) -> bool:
    if row.locked_until is None:
        return False
    until = row.locked_until if row.locked_until.tzinfo else row.locked_until.replace(tzinfo=UTC)
    return until > (now or utc_now())


# the export's column of each of the list's columns (db/export)
_EXPORT_KEYS = ("username", "display_name", "role", "staff_zones", "account_active", "locked_until")


class StaffTableModel(ShortListModel[StaffRow]):
    """The accounts; `set_filter` keeps those whose user name, name, role or zones match."""

    COL_USERNAME, COL_NAME, COL_ROLE, COL_ZONES, COL_ACTIVE, COL_LOCKED = range(6)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__((self.tr("User name"), label(COMMON, "full_name"), self.tr("Role"), self.tr("Zones"),
                          self.tr("Account"), self.tr("Locked until")), parent)

    def _words(self, row: StaffRow) -> tuple[str, ...]:
        return (row.username, row.display_name, label(ROLES, row.role), row.role, row.zone_codes)

    def _zones(self, row: StaffRow) -> str:
        if row.role not in ("clerk", "reviewer"):
            return self.tr("All zones")
        return " ".join(sorted(row.zone_codes.split()))  # group_concat keeps no order

    def _locked(self, row: StaffRow) -> str:
        if not locked_now(row):
            return ""
        return to_shanghai(row.locked_until).strftime("%Y-%m-%d %H:%M")

    def _text(self, row: StaffRow, column: int) -> str:
        active = self.tr("Active") if row.active else self.tr("Deactivated")
        return (row.username, row.display_name, label(ROLES, row.role), self._zones(row),
                active, self._locked(row))[column]

    def _style(self, row: StaffRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.COL_LOCKED:
                return QBrush(LOCKED_COLOUR)
            if not row.active:
                return QBrush(INACTIVE_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_ZONES:
            return self._zones(row)
        return None


class StaffPane(ListPane):
    """Each button is shown only to a role that may use it, and enabled only when it applies to
    the selected account; db/ checks both again."""

    REFRESH_ON = ("staff", "zone")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, StaffTableModel(), table="staff_table", fit_contents=True,
                         stretch=StaffTableModel.COL_ZONES, parent=parent)
        self.title.setText(self.tr("Staff"))
        self._zones: list[ZoneRow] = []
        self.dialog: QDialog | None = None
        self.filter = self.add_search("staff_filter", self.tr("Filter by user name, name, role or zone"),
                                      1, live=True)
        self.new_button = self._button(self.tr("New…"), Action.STAFF_CREATE, self.new_account)
        self.edit_button = self._button(self.tr("Edit…"), Action.STAFF_EDIT, self.edit_selected)
        self.active_button = self._button(self.tr("Deactivate"), Action.STAFF_DEACTIVATE, self.toggle_active)
        self.unlock_button = self._button(self.tr("Unlock"), Action.STAFF_UNLOCK, self.unlock_selected)
        self.reset_button = self._button(self.tr("Reset password…"), Action.STAFF_RESET_PASSWORD,
                                         self.reset_password)
        if context.actor.may(Action.STAFF_CREATE):
            self.shortcut(QKeySequence.StandardKey.New, self.new_account)
        self.notice = self.status
        self.notice.setObjectName("staff_notice")
        if not context.actor.may(Action.STAFF_EDIT):
            self.notice.setText(self.tr("Read-only: your role may look at the accounts, not change them."))
        self.add_export(self._export_source, _EXPORT_KEYS, self.tr("staff"))
        self.assemble()
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()
        self.reload()

    def _button(self, text: str, action: Action, slot) -> QPushButton:  # noqa: ANN001
        return self.add_action(text, f"staff_{action.value.split('.')[1]}", slot,
                               allowed=self.context.actor.may(action))

    def refresh(self) -> None:
        self.reload()

    def open_current(self) -> None:
        self.edit_selected()

    def reload(self) -> None:
        db, actor = self.context.db, self.context.actor
        self.context.runner.run(lambda _task: (staff_list(db, actor=actor), zones(db, actor=actor)),
                                on_success=self._loaded, parent=self)

    def _loaded(self, result: tuple[list[StaffRow], list[ZoneRow]]) -> None:
        rows, self._zones = result
        self.keeping_selection(lambda: self.model.set_rows(rows))

    def _export_source(self) -> Callable[[], ExportTable]:
        """What Export… writes: the rows shown (db/export reads them with the list's scope)."""
        db, actor = self.context.db, self.context.actor
        shown = [row.id for row in self.model.shown()]
        return lambda: staff_table(db, actor=actor, ids=shown)

    def apply_filter(self) -> None:
        self.keeping_selection(lambda: self.model.set_filter(self.filter.text()))

    def list_changed(self) -> None:
        self._update_buttons()
        shown, total = self.model.rowCount(), self.model.total()
        self.show_count(self.tr("{count} accounts").format(count=total) if shown == total
                        else self.tr("{shown} of {total} accounts").format(shown=shown, total=total))

    def _update_buttons(self) -> None:
        row, may = self.selected_staff(), self.context.actor.may
        own = row is not None and row.id == self.context.actor.staff_id
        self.new_button.setEnabled(may(Action.STAFF_CREATE))
        self.edit_button.setEnabled(row is not None and may(Action.STAFF_EDIT))
        self.active_button.setText(self.tr("Reactivate") if row is not None and not row.active
                                   else self.tr("Deactivate"))
        self.active_button.setEnabled(row is not None and may(Action.STAFF_DEACTIVATE)
                                      and not (row.active and own))
        self.unlock_button.setEnabled(row is not None and may(Action.STAFF_UNLOCK) and locked_now(row))
        self.reset_button.setEnabled(row is not None and may(Action.STAFF_RESET_PASSWORD))

    def selected_staff(self) -> StaffRow | None:
        return self.selected_row()

    def select_staff(self, staff_id: int) -> None:
        self.select_ids([staff_id])

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()

    def new_account(self) -> None:
        if self.new_button.isEnabled():
            self._open(StaffDialog(self.context, self._zones, None, self))

    def edit_selected(self) -> None:
        row = self.selected_staff()
        if row is not None and self.edit_button.isEnabled():
            self._open(StaffDialog(self.context, self._zones, row, self))

    def reset_password(self) -> None:
        row = self.selected_staff()
        if row is not None and self.reset_button.isEnabled():
            self._open(ResetPasswordDialog(self.context, row, self))

    def toggle_active(self) -> None:
        row = self.selected_staff()
        if row is None or not self.active_button.isEnabled():
            return
        if row.active and not modals.ask_yes_no(
                self, self.tr("Deactivate account"),
                self.tr("Deactivate the account of {name} ({user})? They can no longer log in "
                        "until an administrator reactivates it.").format(
                            name=row.display_name, user=row.username)):
            return
        db, actor, active = self.context.db, self.context.actor, not row.active
        self._write(lambda _task: set_active(db, actor=actor, staff_id=row.id, active=active), row,
                    self.tr("{name} can log in again.") if active
                    else self.tr("{name} can no longer log in."))

    def unlock_selected(self) -> None:
        row = self.selected_staff()
        if row is not None and self.unlock_button.isEnabled():
            db, actor = self.context.db, self.context.actor
            self._write(lambda _task: unlock_staff(db, actor=actor, staff_id=row.id), row,
                        self.tr("{name} is unlocked and can log in."))

    def _write(self, fn, row: StaffRow, done: str) -> None:  # noqa: ANN001
        def finished(_result: object) -> None:
            self.notice.setText(done.format(name=row.display_name))
            self.context.bus.changed.emit("staff", row.id)
        self.context.runner.run(fn, on_success=finished, parent=self)
