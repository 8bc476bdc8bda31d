"""Creating or editing a staff account, and resetting its password."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.queries.reference import ZoneRow
from db.queries.staff import StaffRow
from db.services.staff import create_staff, reset_password, update_staff
from desktop.context import AppContext
from desktop.widgets.field_errors import FieldErrors
from desktop.widgets.labels import COMMON, ROLES, is_chinese, label

ZONE_SCOPED_ROLES = ("clerk", "reviewer")


def _password_line(name: str) -> QLineEdit:
    line = QLineEdit()
    line.setObjectName(name)
    line.setEchoMode(QLineEdit.EchoMode.Password)
    return line


class _AccountDialog(QDialog):
    """Runs one write in the background; a rule broken in db/ shows at its field."""

    def _run(self, fn, staff_id: int | None) -> None:  # noqa: ANN001
        self.buttons.setEnabled(False)
        self.context.runner.run(fn, on_success=lambda result: self._saved(result, staff_id),
                                on_failure=self._refused, parent=self)

    def _saved(self, result: object, staff_id: int | None) -> None:
        self.buttons.setEnabled(True)
        self.context.bus.changed.emit("staff", staff_id if staff_id is not None else result)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.show_failure(self, error)


class StaffDialog(_AccountDialog):
    """A new account (`row` None: user name and password too) or an existing one's name, role
    and zones. Zones apply to clerks and reviewers; administrators and auditors cover all."""

    def __init__(self, context: AppContext, zones: list[ZoneRow], row: StaffRow | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.row = context, row
        self.setWindowTitle(self.tr("New staff account") if row is None
                            else self.tr("Staff account {user}").format(user=row.username))
        self.setMinimumWidth(480)
        self.errors = FieldErrors()
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setPlaceholderText(self.tr("e.g. zhang.wei"))
        if row is None:
            self.errors.add_row(form, self.tr("User name"), "username", self.username)
        else:
            form.addRow(self.tr("User name"), QLabel(row.username))
        self.display_name = QLineEdit(row.display_name if row else "")
        self.display_name.setObjectName("display_name")
        self.errors.add_row(form, label(COMMON, "full_name"), "display_name", self.display_name)
        self.role = QComboBox()
        self.role.setObjectName("role")
        for code in ROLES:
            self.role.addItem(label(ROLES, code), code)
        self.role.setCurrentIndex(max(0, self.role.findData(row.role if row else "clerk")))
        self.role.currentIndexChanged.connect(self._role_changed)
        self.errors.add_row(form, self.tr("Role"), "role", self.role)
        self.zones = QListWidget()
        self.zones.setObjectName("zone_ids")
        self.zones.setMinimumHeight(180)
        chosen = set(row.zone_ids) if row else set()
        for zone in zones:
            name = zone.name if is_chinese() or not zone.name_en else zone.name_en
            item = QListWidgetItem(f"{zone.code}  {name}")
            item.setData(Qt.ItemDataRole.UserRole, zone.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if zone.id in chosen else Qt.CheckState.Unchecked)
            self.zones.addItem(item)
        form.addRow(self.tr("Zones"), self.zones)
        self.zones_note = QLabel()
        self.zones_note.setWordWrap(True)
        form.addRow("", self.zones_note)
        form.addRow("", self.errors.add("zone_ids", self.zones))
        self.password = _password_line("password")
        self.repeat = _password_line("repeat")
        if row is None:
            self.errors.add_row(form, self.tr("Password"), "password", self.password)
            self.errors.add_row(form, self.tr("Repeat password"), "repeat", self.repeat)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._role_changed()
        (self.username if row is None else self.display_name).setFocus()

    def _role_changed(self) -> None:
        scoped = self.role.currentData() in ZONE_SCOPED_ROLES
        self.zones.setEnabled(scoped)
        self.zones_note.setText(self.tr("Tick the zones this person works in.") if scoped
                                else self.tr("Administrators and auditors cover all zones."))

    def set_zones(self, zone_ids: set[int]) -> None:
        for i in range(self.zones.count()):
            item = self.zones.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in zone_ids
                               else Qt.CheckState.Unchecked)

    def zone_ids(self) -> list[int]:
        if self.role.currentData() not in ZONE_SCOPED_ROLES:
            return []
        return [self.zones.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.zones.count())
                if self.zones.item(i).checkState() == Qt.CheckState.Checked]

    def save(self) -> None:
        self.errors.clear()
        db, actor = self.context.db, self.context.actor
        values = {"display_name": self.display_name.text(), "role": self.role.currentData(),
                  "zone_ids": self.zone_ids()}
        row = self.row
        if row is not None:
            self._run(lambda _task: update_staff(db, actor=actor, staff_id=row.id,
                                                 expected_version=row.version, **values), row.id)
            return
        if self.password.text() != self.repeat.text():
            self.errors.mark("repeat", self.tr("The two passwords differ."))
            return
        values.update(username=self.username.text(), password=self.password.text())
        self._run(lambda _task: create_staff(db, actor=actor, **values), None)


class ResetPasswordDialog(_AccountDialog):
    """Gives an account a new password (and lifts a lock-out); tell the person in person."""

    def __init__(self, context: AppContext, row: StaffRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.row = context, row
        self.setWindowTitle(self.tr("Reset password"))
        self.setMinimumWidth(420)
        intro = QLabel(self.tr("A new password for {name} ({user}). Give it to them in person; "
                               "it also lifts a lock-out.").format(name=row.display_name,
                                                                  user=row.username))
        intro.setWordWrap(True)
        self.errors = FieldErrors()
        self.password = _password_line("password")
        self.repeat = _password_line("repeat")
        form = QFormLayout()
        self.errors.add_row(form, self.tr("New password"), "password", self.password)
        self.errors.add_row(form, self.tr("Repeat password"), "repeat", self.repeat)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Reset password"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.password.setFocus()

    def save(self) -> None:
        self.errors.clear()
        if self.password.text() != self.repeat.text():
            self.errors.mark("repeat", self.tr("The two passwords differ."))
            return
        db, actor, staff_id, password = (self.context.db, self.context.actor, self.row.id,
                                         self.password.text())
        self._run(lambda _task: reset_password(db, actor=actor, staff_id=staff_id,
                                               new_password=password), staff_id)
