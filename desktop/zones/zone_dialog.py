"""An administrator edits one zone's details and confirms them (clearing "to be confirmed")."""

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from db.models import ZoneFields
from db.queries.reference import Choice, ZoneRow
from db.services.zones import update_zone
from desktop.context import AppContext
from desktop.widgets.field_errors import FieldErrors
from desktop.widgets.labels import is_chinese


class ZoneDialog(QDialog):
    """Saves through the background runner with the version it was opened at; a rule broken in
    db/ is shown at its field, someone else's newer save in a message."""

    def __init__(self, context: AppContext, zone: ZoneRow, district_choices: list[Choice],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.zone = context, zone
        self.saved_version: int | None = None
        self.setWindowTitle(self.tr("Zone {code}").format(code=zone.code))
        self.setMinimumWidth(520)
        self.name = self._line("name", zone.name)
        self.name_en = self._line("name_en", zone.name_en)
        self.district = QComboBox()
        self.district.setObjectName("district_code")
        for choice in district_choices:
            shown = choice.name if is_chinese() else f"{choice.name_en} ({choice.name})"
            self.district.addItem(f"{choice.code} {shown}", choice.code)
        self.district.setCurrentIndex(max(0, self.district.findData(zone.district_code)))
        self.service_centre = self._line("service_centre", zone.service_centre)
        self.address = self._line("address", zone.address)
        self.phone = self._line("phone", zone.phone)
        self.phone.setPlaceholderText("021-12345678")
        self.confirmed = QCheckBox(self.tr("The details of this zone are confirmed"))
        self.confirmed.setObjectName("confirmed")
        self.confirmed.setChecked(not zone.provisional)
        self.errors = FieldErrors()
        form = QFormLayout()
        form.addRow(self.tr("Code"), QLabel(zone.code))
        for label, name, widget in (
                (self.tr("Name"), "name", self.name),
                (self.tr("English name"), "name_en", self.name_en),
                (self.tr("District"), "district_code", self.district),
                (self.tr("Service centre"), "service_centre", self.service_centre),
                (self.tr("Address"), "address", self.address),
                (self.tr("Phone"), "phone", self.phone)):
            form.addRow(label, widget)
            form.addRow("", self.errors.add(name, widget))
        form.addRow("", self.confirmed)
        note = QLabel(self.tr("Leave the box unticked while the name or details are placeholders; "
                              "the zone is then marked \"to be confirmed\" in every list."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.name.setFocus()

    def _line(self, name: str, value: str) -> QLineEdit:
        line = QLineEdit(value)
        line.setObjectName(name)
        return line

    def fields(self) -> ZoneFields:
        return ZoneFields(name=self.name.text(), name_en=self.name_en.text(),
                          district_code=self.district.currentData() or "",
                          service_centre=self.service_centre.text(), address=self.address.text(),
                          phone=self.phone.text())

    def save(self) -> None:
        self.errors.clear()
        db, actor, zone = self.context.db, self.context.actor, self.zone
        fields, provisional = self.fields(), not self.confirmed.isChecked()
        self.buttons.setEnabled(False)
        self.context.runner.run(
            lambda _task: update_zone(db, actor=actor, zone_id=zone.id,
                                      expected_version=zone.version, fields=fields,
                                      provisional=provisional),
            on_success=self._saved, on_failure=self._refused, parent=self)

    def _saved(self, version: int) -> None:
        self.buttons.setEnabled(True)
        self.saved_version = version
        self.context.bus.changed.emit("zone", self.zone.id)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.show_failure(self, error)
