"""Accounts at a shared office PC: log out and in as someone else without quitting, change one's
own password, and the idle lock that covers every window and keeps what was typed."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from sqlmodel import select

from db.models import StaffAccount
from db.services import auth
from desktop import modals, settings
from desktop.login.desk import Desk
from desktop.login.password_dialog import ChangePasswordDialog
from desktop.main_window import MainWindow
from tests.conftest import PASSWORD


def log_in_at(qtbot, desk: Desk, username: str) -> MainWindow:  # noqa: ANN001
    qtbot.waitUntil(lambda: desk.login_dialog is not None and desk.login_dialog.isVisible())
    dialog = desk.login_dialog
    dialog.username.setText(username)
    dialog.password.setText(PASSWORD)
    dialog.submit()
    qtbot.waitUntil(lambda: desk.window is not None and desk.window.isVisible())
    return desk.window


def menu_action(window: MainWindow, name: str) -> QAction:
    action = window.findChild(QAction, name)
    assert action is not None and action in window.menuBar().actions()[0].menu().actions()
    return action


def test_log_out_and_log_in_as_someone_else_without_quitting(qtbot, db, people, modal_log):
    desk = Desk(db)
    ended: list[bool] = []
    desk.finished.connect(lambda: ended.append(True))
    desk.start()
    clerk_window = log_in_at(qtbot, desk, "clerk1")
    qtbot.waitUntil(lambda: clerk_window.signed_in.text() == "张伟 · Clerk · Z01")
    assert "bill_sheet" in clerk_window.pane_keys

    menu_action(clerk_window, "log_out").trigger()
    assert not clerk_window.isVisible() and desk.window is None and ended == []
    reviewer_window = log_in_at(qtbot, desk, "reviewer1")  # the log-in came back
    qtbot.waitUntil(lambda: reviewer_window.signed_in.text() == "王芳 · Reviewer · Z01")
    assert "approvals" in reviewer_window.pane_keys and "bill_sheet" not in reviewer_window.pane_keys
    assert reviewer_window.context.actor == people.reviewer

    reviewer_window.close()  # quitting ends the program
    assert ended == [True] and desk.window is None


def test_cancelling_the_log_in_ends_the_program(qtbot, db, people):
    desk = Desk(db)
    ended: list[bool] = []
    desk.finished.connect(lambda: ended.append(True))
    desk.start()
    desk.login_dialog.reject()
    assert ended == [True]


def open_password_dialog(qtbot, context) -> ChangePasswordDialog:  # noqa: ANN001
    dialog = ChangePasswordDialog(context.db, context.runner, context.actor)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def change(qtbot, dialog: ChangePasswordDialog, old: str, new: str, repeat: str | None = None) -> None:  # noqa: ANN001
    dialog.old_password.setText(old)
    dialog.new_password.setText(new)
    dialog.repeat.setText(new if repeat is None else repeat)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible() or any(
        dialog.errors.message_of(f) for f in ("old_password", "new_password", "repeat")))
    qtbot.waitUntil(dialog.buttons.isEnabled)


def failed_attempts(db, username: str) -> int:  # noqa: ANN001
    with db.reading() as uow:
        return uow.session.exec(select(StaffAccount).where(StaffAccount.username == username)).one().failed_attempts


def test_changing_ones_own_password(qtbot, db, people, context, modal_log):
    dialog = open_password_dialog(qtbot, context)
    change(qtbot, dialog, PASSWORD, "new secret 1", "new secret 2")
    assert dialog.errors.message_of("repeat") == "The two passwords differ."
    change(qtbot, dialog, PASSWORD, "short")
    assert "at least 8 characters" in dialog.errors.message_of("new_password")
    change(qtbot, dialog, "not my password", "new secret 1")
    assert dialog.errors.message_of("old_password") == "The current password is wrong."
    assert dialog.old_password.text() == "" and failed_attempts(db, "clerk1") == 1  # counted
    change(qtbot, dialog, PASSWORD, "new secret 1")
    assert not dialog.isVisible() and modal_log.errors == []
    assert modal_log.messages == ["Your password has been changed. Use the new one from now on."]
    assert auth.log_in(db, username="clerk1", password="new secret 1") == people.clerk


def test_a_locked_account_cannot_change_its_password(qtbot, db, people, context, modal_log):
    for _ in range(auth.MAX_FAILED_ATTEMPTS):
        with pytest.raises(Exception, match="Wrong user name"):
            auth.log_in(db, username="clerk1", password="guess")
    dialog = open_password_dialog(qtbot, context)
    change(qtbot, dialog, PASSWORD, "new secret 1")
    assert "locked until" in dialog.errors.message_of("old_password") and dialog.isVisible()


@pytest.fixture
def window(qtbot, make_context, people, modal_log):  # noqa: ANN001, ANN201
    shown = MainWindow(make_context(people.clerk))
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def curtains() -> list[QWidget]:
    return [w for top in QApplication.topLevelWidgets() for w in top.findChildren(QWidget, "curtain")
            if w.isVisible()]


def test_the_window_locks_when_idle_and_keeps_what_was_typed(qtbot, window):
    search = window.show_pane("enterprises").search
    search.setText("星河")
    form = ChangePasswordDialog(window.context.db, window.context.runner, window.context.actor, window)
    form.open()  # a form left open, half typed
    form.new_password.setText("half typed")
    window.idle_lock.set_interval_ms(150)  # a short idle time instead of minutes
    qtbot.waitUntil(lambda: window.idle_lock.is_locked, timeout=3000)

    covered = {c.parentWidget() for c in curtains()}
    assert {window, form} <= covered
    assert all(c.geometry() == c.parentWidget().rect() for c in curtains())
    unlock = window.idle_lock.dialog
    assert unlock.isVisible() and unlock.isModal()
    unlock.password.setText("not my password")
    unlock.submit()
    qtbot.waitUntil(lambda: unlock.errors.message_of("password") != "")
    assert unlock.errors.message_of("password") == "Wrong user name or password."
    assert window.idle_lock.is_locked

    qtbot.waitUntil(lambda: unlock.buttons.isEnabled())
    unlock.password.setText(PASSWORD)
    unlock.submit()
    qtbot.waitUntil(lambda: not window.idle_lock.is_locked)
    assert curtains() == [] and form.isVisible()
    assert search.text() == "星河" and form.new_password.text() == "half typed"
    assert window.idle_lock.timer.isActive()  # counting again
    form.reject()
    qtbot.waitUntil(lambda: not window.context.runner.busy)


def test_keys_and_the_mouse_put_the_lock_off(qtbot, window):
    window.idle_lock.set_interval_ms(60_000)
    window.idle_lock.timer.stop()  # as if it had nearly run out
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Down)
    assert window.idle_lock.timer.isActive() and window.idle_lock.timer.remainingTime() > 59_000
    window.idle_lock.timer.stop()
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton)
    assert window.idle_lock.timer.isActive() and not window.idle_lock.is_locked


def test_log_out_from_the_lock_closes_the_open_forms(qtbot, window):
    form = ChangePasswordDialog(window.context.db, window.context.runner, window.context.actor, window)
    form.open()
    closed: list[bool] = []
    window.closed.connect(closed.append)
    menu_action(window, "lock").trigger()  # File → Lock (Ctrl+L)
    assert window.idle_lock.is_locked
    window.idle_lock.dialog.log_out_button.click()
    assert closed == [True] and not window.isVisible() and not form.isVisible()


def test_the_idle_time_is_a_setting(qtbot, window, monkeypatch):
    assert settings.idle_lock_minutes() == 15 and window.idle_lock.timer.interval() == 15 * 60_000
    asked: list[int] = []

    def ask(_parent, _title, _label, value, minimum, maximum):  # noqa: ANN001, ANN202
        asked.append((value, minimum, maximum))
        return 5
    monkeypatch.setattr(modals, "ask_number", ask)
    try:
        menu_action(window, "idle_minutes").trigger()
        assert asked == [(15, 0, settings.MAX_IDLE_LOCK_MINUTES)]
        assert settings.idle_lock_minutes() == 5 and window.idle_lock.timer.interval() == 5 * 60_000
        again = MainWindow(window.context)
        qtbot.addWidget(again)
        assert again.idle_lock.timer.interval() == 5 * 60_000  # kept for the next window
    finally:
        settings.set_idle_lock_minutes(settings.DEFAULT_IDLE_LOCK_MINUTES)
