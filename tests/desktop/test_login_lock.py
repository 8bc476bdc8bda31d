"""The log-in dialog after ten wrong passwords: a name locks whether it is an account or not,
and while it is locked every password, the right one too, reads "locked until …": the dialog
tells neither which names exist nor whether a guess was right."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from db.clock import SHANGHAI, utc_now
from db.services import auth
from desktop.login.login_dialog import LoginDialog
from tests.conftest import PASSWORD


def answer(qtbot, dialog: LoginDialog, username: str, password: str) -> str:  # noqa: ANN001
    """What the dialog says at the password field after a log-in with these."""
    dialog.errors.clear()
    dialog.username.setText(username)
    dialog.password.setText(password)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.message_of("password") != "")
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled())
    return dialog.errors.message_of("password")


def test_a_locked_name_reads_as_a_locked_unknown_one_whatever_the_password(qtbot, db, people,
                                                                         runner):
    dialog = LoginDialog(db, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    wrong = "Wrong user name or password."
    for _ in range(auth.MAX_FAILED_ATTEMPTS):
        assert answer(qtbot, dialog, "clerk1", "not my password") == wrong
        assert answer(qtbot, dialog, "nobody", "not my password") == wrong
    assert answer(qtbot, dialog, "someone else", "not my password") == wrong  # not locked

    until = (utc_now() + auth.LOCK_DURATION).astimezone(SHANGHAI).strftime("%H:%M")
    locked = (f"Too many wrong passwords: this account is locked until {until}. "
              "An administrator can unlock it sooner.")
    assert answer(qtbot, dialog, "clerk1", "still not it") == locked
    assert answer(qtbot, dialog, "nobody", "still not it") == locked
    assert answer(qtbot, dialog, "clerk1", PASSWORD) == locked
    assert dialog.errors.message_of("username") == ""  # nothing said at the name either
    assert dialog.actor is None and dialog.isVisible()
    # the long message is shown whole: as many lines as it needs at the width it has
    shown = dialog.findChild(QLabel, "password_message")
    qtbot.waitUntil(lambda: shown.height() >= shown.heightForWidth(shown.width()) > 0)
    assert shown.geometry().bottom() < dialog.buttons.geometry().top()
