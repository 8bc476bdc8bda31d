"""A firm's tenancies: the history table of its dialog, and the dialogs that move the firm to
another zone, close its tenancy, or open a new one. Each dialog saves on the database thread and
stays open, with what was typed, when db/ refuses."""

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.access import Action
from db.errors import ChangedMeanwhile, ValidationError, ZoneDeskError
from db.queries.enterprises import EnterpriseDetail
from db.services import tenancies
from db.services.enterprises import FirstTenancy
from db.services.validation import format_area_dm2, parse_area_m2
from desktop import modals
from desktop.context import AppContext
from desktop.enterprises.enterprise_form import field_label
from desktop.widgets.field_errors import FieldErrors
from desktop.widgets.form_fields import (
    References,
    date_edit,
    qdate,
    zone_text,
)


class TenancyChangeDialog(QDialog):
    """What the move, close and open dialogs share: a form with errors at the fields, a button
    box whose OK runs `work` on the database thread, and the change notice after it saved."""

    def __init__(self, context: AppContext, detail: EnterpriseDetail, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.context, self.detail = context, detail
        self.stale = False  # refused because someone changed the firm meanwhile
        self.errors = FieldErrors()
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def add_row(self, name: str, widget: QWidget, title: str | None = None) -> None:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(self.errors.add(name, widget))
        widget.setObjectName(name)
        self.form.addRow(title or field_label(name), box)

    def work(self) -> Callable[[Any], Any] | None:
        """The database call to make with what was typed; raises ValidationError to mark a
        field, or returns None when it marked one itself."""
        raise NotImplementedError

    def submit(self) -> None:
        self.errors.clear()
        try:
            job = self.work()
        except ValidationError as error:
            self._refused(error)
            return
        if job is None:
            return
        self.buttons.setEnabled(False)
        self.context.runner.run(job, on_success=self._saved, on_failure=self._refused, parent=self)

    def _saved(self, _result: object) -> None:
        self.buttons.setEnabled(True)
        self.context.bus.changed.emit("tenancy", None)
        self.context.bus.changed.emit("enterprise", self.detail.id)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, ZoneDeskError) and not isinstance(error, ChangedMeanwhile) \
                and self.errors.mark(error.field, modals.translate_error(error)):
            return
        modals.show_failure(self, error)
        if isinstance(error, ChangedMeanwhile):
            self.stale = True
            self.reject()  # the firm's dialog reloads; the person starts again from fresh data


class TenancyDialog(TenancyChangeDialog):
    """Moves the firm to another zone (moving=True) or opens a tenancy for a firm without one."""

    def __init__(self, context: AppContext, references: References, detail: EnterpriseDetail, *,
                 moving: bool, parent: QWidget | None = None) -> None:
        super().__init__(context, detail, parent)
        self.moving = moving
        if moving:
            self.setWindowTitle(self.tr("Move to another zone"))
            self.intro.setText(self.tr("The firm’s current tenancy ends the day before the move, and "
                                       "the staff of the new zone look after it from then on."))
            zones = [z for z in references.all_zones if z.active and z.id != detail.zone_id]
        else:
            self.setWindowTitle(self.tr("Open a tenancy"))
            self.intro.setText(self.tr("The firm takes a unit in one of your zones and is active again."))
            zones = [z for z in references.my_zones if z.active]
        self.zone = QComboBox()
        for zone in zones:
            self.zone.addItem(zone_text(zone), zone.id)
        self.unit = QLineEdit()
        self.unit.setMaxLength(50)
        self.floor_area = QLineEdit()
        self.floor_area.setPlaceholderText(self.tr("e.g. 120.5"))
        self.start_on = date_edit()
        self.add_row("zone_id", self.zone, self.tr("To zone") if moving else None)
        self.add_row("unit", self.unit)
        self.add_row("floor_area", self.floor_area)
        self.add_row("start_on", self.start_on, self.tr("Move on") if moving else None)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Move") if moving else self.tr("Open tenancy"))
        self.floor_area.textChanged.connect(self._check_area)

    def _check_area(self, text: str) -> None:
        try:
            if text.strip():
                parse_area_m2(text)
        except ValidationError as error:
            self.errors.mark_live("floor_area", modals.translate_error(error))
        else:
            self.errors.clear("floor_area")

    def work(self) -> Callable[[Any], Any] | None:
        db, actor, detail = self.context.db, self.context.actor, self.detail
        zone_id = self.zone.currentData()
        if zone_id is None:
            self.errors.mark("zone_id", self.tr("Choose a zone from the list."))
            return None
        tenancy = FirstTenancy(self.unit.text(), parse_area_m2(self.floor_area.text()),
                               self.start_on.date().toPython())
        if self.moving:
            return lambda _task: tenancies.move_enterprise(
                db, actor=actor, enterprise_id=detail.id, expected_version=detail.version,
                to_zone_id=zone_id, tenancy=tenancy)
        return lambda _task: tenancies.open_tenancy(
            db, actor=actor, enterprise_id=detail.id, expected_version=detail.version,
            zone_id=zone_id, tenancy=tenancy)


class CloseTenancyDialog(TenancyChangeDialog):
    """The firm leaves its zone: its open tenancy ends and it is marked as moved out."""

    def __init__(self, context: AppContext, detail: EnterpriseDetail, parent: QWidget | None = None) -> None:
        super().__init__(context, detail, parent)
        self.setWindowTitle(self.tr("Close tenancy"))
        current = next(t for t in detail.tenancies if t.end_on is None)
        self.intro.setText(self.tr("The tenancy of unit {unit} in {zone} ends on the day below, and "
                                   "the firm is marked as moved out.").format(
            unit=current.unit, zone=f"{current.zone_code} {current.zone_name}"))
        self.end_on = date_edit()
        self.end_on.setMinimumDate(qdate(current.start_on))
        self.add_row("end_on", self.end_on, self.tr("Last day"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Close tenancy"))

    def work(self) -> Callable[[Any], Any]:
        db, actor, detail = self.context.db, self.context.actor, self.detail
        end_on: date = self.end_on.date().toPython()
        return lambda _task: tenancies.close_tenancy(
            db, actor=actor, enterprise_id=detail.id, expected_version=detail.version, end_on=end_on)


class TenanciesTab(QWidget):
    """The firm's tenancies, newest first, with the changes the person may make."""

    changed = Signal()  # a tenancy dialog saved, or found the firm changed meanwhile

    def __init__(self, context: AppContext, references: References) -> None:
        super().__init__()
        self.context, self.references = context, references
        self.detail: EnterpriseDetail | None = None
        self.dialog: TenancyChangeDialog | None = None
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("tenancies")
        self.table.setHorizontalHeaderLabels([self.tr("Zone"), self.tr("Unit"), self.tr("Floor area (m²)"),
                                              self.tr("From"), self.tr("To")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.move_button = QPushButton(self.tr("Move to another zone…"))
        self.close_button = QPushButton(self.tr("Close tenancy…"))
        self.open_button = QPushButton(self.tr("Open a tenancy…"))
        buttons = QHBoxLayout()
        for button, handler in ((self.move_button, self.move), (self.close_button, self.close_tenancy),
                                (self.open_button, self.open_tenancy)):
            button.setAutoDefault(False)  # Enter saves the firm, whatever has the focus
            button.clicked.connect(handler)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def set_detail(self, detail: EnterpriseDetail) -> None:
        self.detail = detail
        self.table.setRowCount(len(detail.tenancies))
        for row, tenancy in enumerate(detail.tenancies):
            texts = (f"{tenancy.zone_code} {tenancy.zone_name}", tenancy.unit,
                     format_area_dm2(tenancy.floor_area_dm2), tenancy.start_on.isoformat(),
                     tenancy.end_on.isoformat() if tenancy.end_on else self.tr("Current"))
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        actor, has_open = self.context.actor, any(t.end_on is None for t in detail.tenancies)
        self.move_button.setVisible(has_open and actor.may(Action.TENANCY_MOVE))
        self.close_button.setVisible(has_open and actor.may(Action.TENANCY_CLOSE))
        self.open_button.setVisible(not has_open and actor.may(Action.TENANCY_OPEN))

    def move(self) -> None:
        self._show(TenancyDialog(self.context, self.references, self.detail, moving=True, parent=self))

    def open_tenancy(self) -> None:
        self._show(TenancyDialog(self.context, self.references, self.detail, moving=False, parent=self))

    def close_tenancy(self) -> None:
        self._show(CloseTenancyDialog(self.context, self.detail, parent=self))

    def _show(self, dialog: TenancyChangeDialog) -> None:
        if self.detail is None:
            return
        self.dialog = dialog
        dialog.finished.connect(lambda result, d=dialog: self._finished(d, result))
        dialog.open()

    def _finished(self, dialog: TenancyChangeDialog, result: int) -> None:
        if dialog is self.dialog:
            self.dialog = None
        dialog.deleteLater()
        if result == QDialog.DialogCode.Accepted or dialog.stale:
            self.changed.emit()
