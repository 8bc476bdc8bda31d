"""Changing one's own password (File → Change password…): the current one, the new one twice.

db/services/auth.change_own_password decides: a wrong current password counts as a wrong log-in
password (the tenth in a row locks the account), a locked or deactivated account is refused.
Its messages are shown at the fields they concern.
"""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from db.access import Actor
from db.engine import Database
from db.errors import ZoneDeskError
from db.services import auth
from desktop import modals
from desktop.background import BackgroundRunner
from desktop.widgets.field_errors import FieldErrors

# db/ names the new password "password" (the rule it shares with new accounts)
FIELDS = {"password": "new_password"}


class ChangePasswordDialog(QDialog):
    def __init__(self, db: Database, runner: BackgroundRunner, actor: Actor,
                 parent: QWidget | None = None, *, one_time: bool = False) -> None:
        """`one_time`: the person logged in with a one-time password, which they replace
        before anything else (the window opens after, or the log-in comes back)."""
        super().__init__(parent)
        self._db, self._runner, self._actor = db, runner, actor
        self.setWindowTitle(self.tr("Change password"))
        self.setMinimumWidth(420)
        who = QLabel(self.tr("Account: {name} ({username})").format(
            name=actor.display_name, username=actor.username))
        self.reason: QLabel | None = None
        if one_time:
            self.reason = QLabel(self.tr(
                "You logged in with a one-time password. Choose your own password now; "
                "type the one-time password as the current one."))
            self.reason.setObjectName("one_time")
            self.reason.setWordWrap(True)
        self.old_password = self._password_field("old_password")
        self.new_password = self._password_field("new_password")
        self.repeat = self._password_field("repeat")
        self.errors = FieldErrors()
        form = QFormLayout()
        self.errors.add_row(form, self.tr("Current password"), "old_password", self.old_password)
        self.errors.add_row(form, self.tr("New password"), "new_password", self.new_password)
        self.errors.add_row(form, self.tr("Repeat new password"), "repeat", self.repeat)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Change password"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if self.reason is not None:
            layout.addWidget(self.reason)
        layout.addWidget(who)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.old_password.setFocus()

    @staticmethod
    def _password_field(name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def submit(self) -> None:
        self.errors.clear()
        if not self.old_password.text():
            self.errors.mark("old_password", self.tr("Enter your current password."))
            return
        if self.new_password.text() != self.repeat.text():
            self.errors.mark("repeat", self.tr("The two passwords differ."))
            return
        if self.new_password.text() == self.old_password.text():
            self.errors.mark("new_password", self.tr("The new password is the same as the current one."))
            return
        db, actor = self._db, self._actor
        old, new = self.old_password.text(), self.new_password.text()
        self.buttons.setEnabled(False)
        self._runner.run(lambda _task: auth.change_own_password(
            db, actor=actor, old_password=old, new_password=new),
            on_success=self._changed, on_failure=self._refused, parent=self)

    def _changed(self, _result: object) -> None:
        self.buttons.setEnabled(True)
        modals.show_message(self, self.tr("Change password"),
                            self.tr("Your password has been changed. Use the new one from now on."))
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, ZoneDeskError) and error.field is not None:
            field = FIELDS.get(error.field, error.field)
            if field == "old_password":
                self.old_password.clear()
            if self.errors.mark(field, modals.translate_error(error)):
                return
        modals.show_failure(self, error)
