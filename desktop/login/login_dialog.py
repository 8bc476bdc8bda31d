"""Log-in, and on a new database the creation of the first administrator.

The log-in window is the program's first: it is shown before the data layer is imported
(desktop/login/loading.py), so this module imports nothing of it at the top; `db` may be a
database still loading, which the log-in waits for on the database thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from db.errors import ZoneDeskError
from desktop import modals
from desktop.background import BackgroundRunner
from desktop.demo.demo_mark import demo_title, log_in_hint
from desktop.login.loading import DatabaseLoading, opened
from desktop.widgets.field_errors import FieldErrors

if TYPE_CHECKING:
    from db.access import Actor
    from db.engine import Database


class LoginDialog(QDialog):
    """Asks for user name and password; `actor` is set when accepted. `demo`: the database is
    a demo, said in the title, with its accounts and password (desktop/demo/demo_mark.py)."""

    def __init__(self, db: Database | DatabaseLoading, runner: BackgroundRunner,
                 parent: QWidget | None = None, *, demo: bool = False) -> None:
        super().__init__(parent)
        self._db, self._runner = db, runner
        self.actor: Actor | None = None
        self.must_change_password = False  # a one-time password (a server's): changed first
        self.setWindowTitle(self.tr("Zone Desk — log in"))
        self.demo_hint: QLabel | None = None
        self.setMinimumWidth(380)
        title = QLabel(self.tr("Zone Desk"))
        title.setStyleSheet("font-size: 20px; font-weight: bold;")
        subtitle = QLabel(self.tr("SME industrial zone service centre"))
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors = FieldErrors()
        form = QFormLayout()
        self.errors.add_row(form, self.tr("User name"), "username", self.username)
        self.errors.add_row(form, self.tr("Password"), "password", self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        if demo:
            self.setWindowTitle(demo_title(self.windowTitle()))
            self.demo_hint = QLabel()
            self.demo_hint.setObjectName("demo_hint")
            self.demo_hint.setWordWrap(True)
            self.demo_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.demo_hint.setStyleSheet("color: #b81414;")
            layout.addWidget(self.demo_hint)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.username.setFocus(Qt.FocusReason.OtherFocusReason)
        if demo and isinstance(db, DatabaseLoading) and not db.finished:
            db.loaded.connect(self._show_demo_hint)  # the demo's accounts come with the data layer
        elif demo:
            self._show_demo_hint()

    def _show_demo_hint(self) -> None:
        if self.demo_hint is not None:
            self.demo_hint.setText(log_in_hint())

    def submit(self) -> None:
        self.errors.clear()
        username, password = self.username.text(), self.password.text()
        if not username.strip():
            self.errors.mark("username", self.tr("Enter your user name."))
            return
        self.buttons.setEnabled(False)
        source = self._db

        def log_in(_task: object) -> tuple[Actor, bool]:
            db = opened(source)  # first: importing beside the loading thread could see half a module
            from db.services import auth, log_in_to_read

            actor = log_in_to_read.log_in(db, username=username, password=password)
            return actor, auth.must_change_password(db, actor)

        self._runner.run(log_in, on_success=self._logged_in, on_failure=self._refused, parent=self)

    def _logged_in(self, outcome: tuple[Actor, bool]) -> None:
        self.buttons.setEnabled(True)
        self.actor, self.must_change_password = outcome
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.password.clear()
        if isinstance(error, ZoneDeskError):
            self.errors.mark(error.field or "password", modals.translate_error(error))
        else:
            modals.show_failure(self, error)


class FirstAdminDialog(QDialog):
    """A new database has no staff: its first administrator is created here."""

    def __init__(self, db: Database, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._runner = db, runner
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Zone Desk — first administrator"))
        self.setMinimumWidth(420)
        intro = QLabel(self.tr("This database is new. Create the administrator account that will "
                               "set up zones and staff."))
        intro.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.display_name = QLineEdit()
        self.display_name.setObjectName("display_name")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.office = QLineEdit()  # the holder of the key that signs certificates, as they show it
        self.office.setObjectName("office")
        self.office.setPlaceholderText(self.tr("e.g. Zhangjiang Science City SME Service Centre"))
        self.errors = FieldErrors()
        form = QFormLayout()
        self.errors.add_row(form, self.tr("User name"), "username", self.username)
        self.errors.add_row(form, self.tr("Full name"), "display_name", self.display_name)
        self.errors.add_row(form, self.tr("Password"), "password", self.password)
        self.errors.add_row(form, self.tr("Repeat password"), "repeat", self.repeat)
        self.errors.add_row(form, self.tr("Office that signs certificates"), "office", self.office)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create and log in"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        self.errors.clear()
        if self.password.text() != self.repeat.text():
            self.errors.mark("repeat", self.tr("The two passwords differ."))
            return
        values = {"username": self.username.text(), "display_name": self.display_name.text(),
                  "password": self.password.text(), "office": self.office.text()}
        self.buttons.setEnabled(False)
        from db.services import auth

        self._runner.run(lambda _task: auth.create_first_admin(self._db, **values),
                         on_success=self._created, on_failure=self._refused, parent=self)

    def _created(self, actor: Actor) -> None:
        self.buttons.setEnabled(True)
        self.actor = actor
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.show_failure(self, error)
