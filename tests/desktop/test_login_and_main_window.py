"""Logging in, the first administrator of a new database, and the main window of each role."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from db.services import auth
from desktop import modals
from desktop.context import AppContext, ChangeBus
from desktop.login.login_dialog import FirstAdminDialog, LoginDialog
from tests.conftest import PASSWORD


@pytest.fixture
def failures(monkeypatch):
    """A dialog that should have shown a failure records it here instead of waiting for a click."""
    shown: list[str] = []
    monkeypatch.setattr(modals, "show_error", lambda _parent, text: shown.append(text))
    monkeypatch.setattr(modals, "show_failure", lambda _parent, error: shown.append(str(error)))
    return shown


def ok_button(dialog) -> object:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def open_login(qtbot, db, runner) -> LoginDialog:
    dialog = LoginDialog(db, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_wrong_password_is_shown_at_the_field_and_the_dialog_stays(qtbot, db, people, runner,
                                                                      failures):
    dialog = open_login(qtbot, db, runner)
    dialog.username.setText("clerk1")
    dialog.password.setText("not my password")
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.message_of("password") != "")
    assert dialog.errors.message_of("password") == "Wrong user name or password."
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.actor is None and dialog.password.text() == "" and ok_button(dialog).isEnabled()
    assert failures == []


def test_an_empty_user_name_is_asked_for_without_asking_the_database(qtbot, db, people, runner):
    dialog = open_login(qtbot, db, runner)
    dialog.submit()
    assert dialog.errors.message_of("username") == "Enter your user name."
    assert not runner.busy


def test_the_right_password_accepts_with_the_actor(qtbot, db, people, runner, failures):
    dialog = open_login(qtbot, db, runner)
    dialog.username.setText("  Clerk1 ")  # case and spaces do not matter
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # Enter logs in
    assert dialog.actor == people.clerk
    assert dialog.result() == QDialog.DialogCode.Accepted and failures == []


def test_a_deactivated_account_is_told_so_at_the_user_name(qtbot, db, people, runner):
    from db.services.staff import set_active
    set_active(db, actor=people.admin, staff_id=people.clerk2.staff_id, active=False)
    dialog = open_login(qtbot, db, runner)
    dialog.username.setText("clerk2")
    dialog.password.setText(PASSWORD)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.errors.message_of("username") != "")
    assert "deactivated" in dialog.errors.message_of("username") and dialog.actor is None


def test_the_first_administrator_of_a_new_database(qtbot, db, runner, failures):
    assert auth.needs_first_admin(db)
    dialog = FirstAdminDialog(db, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("chief")
    dialog.display_name.setText("陈主任")
    dialog.password.setText("first secret")
    dialog.repeat.setText("first secreT")
    dialog.office.setText("张江科学城中小企业服务中心")
    dialog.submit()
    assert dialog.errors.message_of("repeat") == "The two passwords differ." and not runner.busy
    dialog.repeat.setText("first secret")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert (dialog.actor.username, dialog.actor.role, dialog.actor.display_name) == (
        "chief", "admin", "陈主任")
    assert not auth.needs_first_admin(db) and failures == []
    assert auth.log_in(db, username="chief", password="first secret").staff_id == dialog.actor.staff_id


def test_the_first_administrator_needs_a_long_enough_password(qtbot, db, runner, failures):
    dialog = FirstAdminDialog(db, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("chief")
    dialog.display_name.setText("陈主任")
    dialog.password.setText("short")
    dialog.repeat.setText("short")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.errors.message_of("password") != "")
    assert "at least 8 characters" in dialog.errors.message_of("password")
    assert auth.needs_first_admin(db) and dialog.actor is None


SIDE_BAR = {
    "clerk": ["Overview", "Enterprises", "Bill sheet", "Awards", "Ledger", "Certificates", "Verification", "Reports", "Zones"],
    "reviewer": ["Overview", "Enterprises", "Approvals", "Awards", "Ledger", "Certificates", "Verification", "Reports", "Zones"],
    "admin": ["Overview", "Enterprises", "Bill sheet", "Approvals", "Awards", "Ledger", "Certificates", "Verification", "Reports", "Policy",
              "Zones", "Staff", "Audit trail"],
    "auditor": ["Overview", "Enterprises", "Awards", "Ledger", "Certificates", "Verification", "Reports", "Zones", "Staff",
                "Audit trail"],
}
STATUS = {
    "clerk": "张伟 · Clerk · Z01",
    "reviewer": "王芳 · Reviewer · Z01",
    "admin": "管理员 · Administrator · all zones",
    "auditor": "审计员 · Auditor · all zones",
}


@pytest.mark.parametrize("role", ["clerk", "reviewer", "admin", "auditor"])
def test_the_main_window_shows_what_the_role_may_use(qtbot, db, people, runner, failures, role):
    from desktop.main_window import MainWindow
    actor = getattr(people, role)
    window = MainWindow(AppContext(db=db, runner=runner, bus=ChangeBus(), actor=actor))
    qtbot.addWidget(window)
    window.show()
    titles = [window.sidebar.item(row).text() for row in range(window.sidebar.count())]
    assert titles == SIDE_BAR[role]
    assert window.pane_keys == [t.lower().replace(" ", "_") for t in SIDE_BAR[role]]
    assert list(window.panes) == ["overview"]  # the others are built when first shown
    assert window.stack.count() == len(titles)
    qtbot.waitUntil(lambda: window.signed_in.text() == STATUS[role])
    zones_pane = window.show_pane("zones")
    assert window.stack.currentWidget() is zones_pane
    qtbot.waitUntil(lambda: zones_pane.model.rowCount() == 55)
    assert (zones_pane.edit_button is not None) == (role == "admin")
    if "staff" in window.pane_keys:
        staff_pane = window.show_pane("staff")
        qtbot.waitUntil(lambda: staff_pane.model.rowCount() == 5)
        assert staff_pane.new_button.isVisible() == (role == "admin")  # auditors: read-only
    qtbot.waitUntil(lambda: not runner.busy)
    assert failures == []


def test_ctrl_and_a_number_switch_panes(qtbot, db, people, runner, failures):
    from desktop.main_window import MainWindow
    window = MainWindow(AppContext(db=db, runner=runner, bus=ChangeBus(), actor=people.admin))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitActive(window):  # shortcuts work in the active window only
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.panes["reports"]
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.panes["enterprises"]
    qtbot.waitUntil(lambda: not runner.busy)
